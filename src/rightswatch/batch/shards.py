"""Cut batch inputs into shards: the units of work Dask schedules, retries and skips.

A shard is a list of files read in order. Container files (JSONL, WARC, a JSON list) hold many
articles and are one shard each; loose files in a folder are grouped, ``files_per_shard`` to a
shard, so that a folder of 100,000 small files makes 1,000 tasks, not 100,000. Paths are made
absolute (workers on other machines see the same shared path, see ``docs/batch.md``).

A shard's id is derived from its paths only, so the same inputs give the same ids on every run;
its *fingerprint* (size and modification time of each file) tells a re-run whether a finished
shard's inputs have changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rightswatch.collect.files import walk_files

__all__ = ["Shard", "plan_shards", "CONTAINER_SUFFIXES", "DEFAULT_FILES_PER_SHARD"]

DEFAULT_FILES_PER_SHARD = 100
#: Files that hold many articles: each is a shard of its own.
CONTAINER_SUFFIXES = (
    ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".warc", ".warc.gz", ".arc", ".arc.gz",
)


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    paths: tuple[str, ...]

    def fingerprint(self) -> list[list[int]]:
        """``[size, mtime_ns]`` per path (``[-1, -1]`` for a path that has gone)."""
        out = []
        for p in self.paths:
            try:
                st = os.stat(p)
                out.append([st.st_size, st.st_mtime_ns])
            except OSError:
                out.append([-1, -1])
        return out


def _shard(paths: list[str]) -> Shard:
    digest = hashlib.sha256(json.dumps(paths).encode("utf-8")).hexdigest()[:16]
    return Shard(f"s{digest}", tuple(paths))


def _is_container(path: str) -> bool:
    return path.lower().endswith(CONTAINER_SUFFIXES)


def plan_shards(inputs: Iterable[str | os.PathLike[str]], files_per_shard: int = DEFAULT_FILES_PER_SHARD) -> list[Shard]:
    """The shards for ``inputs`` (files or folders), in a stable order.

    A path that does not exist becomes a shard of its own: the worker reports it as a
    ``not-found`` failure, as ``ingest`` would.
    """
    if files_per_shard < 1:
        raise ValueError("files_per_shard must be at least 1")
    shards: list[Shard] = []
    seen: set[str] = set()
    for given in inputs:
        p = Path(given).expanduser().absolute()
        files = list(walk_files(p)) if p.is_dir() else [p]
        group: list[str] = []
        for f in files:
            name = str(f)
            if name in seen:
                continue
            seen.add(name)
            if _is_container(name):
                shards.append(_shard([name]))
                continue
            group.append(name)
            if len(group) >= files_per_shard:
                shards.append(_shard(group))
                group = []
        if group:
            shards.append(_shard(group))
    return shards
