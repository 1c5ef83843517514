"""Load a batch's Parquet results into the database, through ``Store.save``.

Every report row is rebuilt into its ``Document`` (raw bytes, SHA-256, origin, headers, hints)
and ``Report`` and saved in one transaction, exactly as ``ingest`` would have saved it; failure
rows go to the failure log with their bytes. Saving bytes already stored is a no-op, so loading
twice, or re-loading after a crash part-way, stores every document once.

The failure log is append-only, so a load journal (``DIR/loaded.json``: the Parquet files
fully loaded into each database) keeps a re-run from logging a file's failures again; only the
file being loaded when a crash struck is read a second time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightswatch.batch.manifest import PARTS_DIR, Manifest
from rightswatch.batch.parquet import iter_rows
from rightswatch.errors import ConfigError

__all__ = ["load_results", "LoadSummary", "JOURNAL_NAME"]

JOURNAL_NAME = "loaded.json"


@dataclass(slots=True)
class LoadSummary:
    parts: int = 0
    skipped_parts: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # stored / duplicate / failure
    incidents: int = 0


def _journal_key(store: Any) -> str:
    return hashlib.sha256(store.url.encode("utf-8")).hexdigest()[:16]


def _read_journal(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write_journal(path: Path, data: dict[str, list[str]]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load_results(
    out_dir: str | Path,
    store: Any,
    *,
    progress: Callable[[str, str], None] | None = None,
) -> LoadSummary:
    """Save every result under ``out_dir`` into ``store``; returns what happened.

    Reads the finished shards listed in the manifest (or every ``parts/*.parquet`` when there is
    no manifest, e.g. files copied from elsewhere), in shard id order.
    """
    out = Path(out_dir).expanduser()
    if not out.is_dir():
        raise ConfigError(f"{out}: no such batch output folder")
    manifest = Manifest.load(out)
    parts = manifest.done_parts() if manifest.shards else sorted((out / PARTS_DIR).glob("*.parquet"))
    journal_path = out / JOURNAL_NAME
    journal = _read_journal(journal_path)
    key = _journal_key(store)
    loaded = set(journal.get(key, []))
    summary = LoadSummary()
    for part in parts:
        if part.name in loaded:
            summary.skipped_parts += 1
            continue
        for row in iter_rows(part):
            if row.kind == "failure":
                store.record_failure(row.origin, row.reason or "unknown", row.message or "", row.sha256, row.raw)
                summary.counts["failure"] += 1
            else:
                result = store.save(row.document, row.report)
                summary.counts[result.status] += 1
                if result.status == "stored":
                    summary.incidents += len(result.incident_ids)
            if progress is not None:
                progress(row.origin, row.kind)
        summary.parts += 1
        loaded.add(part.name)
        journal[key] = sorted(loaded)
        _write_journal(journal_path, journal)
    return summary
