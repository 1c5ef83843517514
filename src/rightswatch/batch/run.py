"""The client side of a batch: plan shards, skip the finished ones, submit, retry, record.

Workers never touch the manifest or the database; the client records each shard in the manifest
as its task ends, so the manifest always describes Parquet files that exist in full.

Retries: a task that raises is re-run by Dask up to ``retries`` more times; a worker that dies
while running it (killed, out of memory) makes the scheduler re-run it elsewhere, up to its
``allowed-failures`` setting. A shard still failing after that is recorded as ``failed`` with the
error and reported; the next run tries it again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from rightswatch.batch.manifest import PARTS_DIR, Manifest
from rightswatch.batch.shards import DEFAULT_FILES_PER_SHARD, Shard, plan_shards
from rightswatch.batch.worker import process_shard
from rightswatch.errors import ConfigError
from rightswatch.settings import Settings

__all__ = ["run_batch", "BatchSummary", "ShardOutcome", "DEFAULT_RETRIES"]

DEFAULT_RETRIES = 2


@dataclass(frozen=True, slots=True)
class ShardOutcome:
    shard_id: str
    status: str  # "done" | "skipped" | "failed"
    paths: tuple[str, ...]
    info: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(slots=True)
class BatchSummary:
    out_dir: Path
    outcomes: list[ShardOutcome] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def done(self) -> int:
        return self._count("done")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    def total(self, key: str) -> int:
        """Sum of a per-shard count (``stored``, ``failed``, ``incidents``...) over shards run now."""
        return sum(int(o.info.get(key, 0)) for o in self.outcomes if o.status == "done")


@contextmanager
def _client(scheduler: str | None, workers: int, processes: bool) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError("batch needs dask[distributed]: pip install 'dask[distributed]'") from exc
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    # One thread per worker: one Analyzer per process, used by one thread at a time.
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    retries: int = DEFAULT_RETRIES,
    files_per_shard: int = DEFAULT_FILES_PER_SHARD,
    processes: bool = True,
    task: Callable[[Shard, Settings, str], dict[str, Any]] = process_shard,
    progress: Callable[[ShardOutcome], None] | None = None,
) -> BatchSummary:
    """Run the pipeline over ``inputs`` on Dask and write one Parquet file per shard to ``out_dir``.

    ``scheduler`` is the address of an existing Dask scheduler (``tcp://host:8786``); without it
    a LocalCluster of ``workers`` processes is started for the run. ``task`` is the function run
    per shard (tests replace it to inject failures).
    """
    out = Path(out_dir).expanduser().absolute()
    out.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(out)
    manifest = Manifest.load(out)
    # Leftovers of a run that was killed mid-write; one batch at a time writes to a folder.
    for stale in (out / PARTS_DIR).glob(".*.tmp"):
        stale.unlink(missing_ok=True)

    def emit(outcome: ShardOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)

    todo: list[tuple[Shard, list[list[int]]]] = []
    for shard in plan_shards(inputs, files_per_shard):
        if manifest.is_done(shard):
            emit(ShardOutcome(shard.id, "skipped", shard.paths, dict(manifest.shards[shard.id])))
        else:
            todo.append((shard, shard.fingerprint()))
    if not todo:
        return summary

    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]
    with _client(scheduler, workers, processes) as client:
        futures = {
            client.submit(
                task, shard, settings, str(out), retries=retries, pure=False, key=f"rw-{shard.id}-{run_id}"
            ): (shard, fp)
            for shard, fp in todo
        }
        for future in as_completed(futures):
            shard, fp = futures.pop(future)
            try:
                info = future.result()
            except Exception as exc:  # noqa: BLE001 - any task error is the shard's failure, reported
                error = f"{type(exc).__name__}: {exc}".strip()
                manifest.record(shard, status="failed", fingerprint=fp, error=error, attempts=retries + 1)
                emit(ShardOutcome(shard.id, "failed", shard.paths, error=error))
                continue
            manifest.record(shard, status="done", fingerprint=fp, **info)
            emit(ShardOutcome(shard.id, "done", shard.paths, info))
    return summary
