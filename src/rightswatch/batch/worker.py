"""What runs on a Dask worker: one shard in, one Parquet file out.

The worker runs the very :class:`~rightswatch.pipeline.Pipeline` that ``rightswatch ingest``
runs (collect -> extract -> analyse, batch-then-one-by-one fallback, one outcome per document),
but hands each result to a :class:`_ShardSink` instead of the database: the cluster never
writes to the database, so a crashed or retried task cannot leave half a record there.

spaCy is loaded once per worker *process*: :func:`_analyzer` keeps one
:class:`~rightswatch.analyse.Analyzer` per (profile, codebook, batch size) in a module global,
which lives as long as the worker process (run workers with one thread each, as ``run`` does).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rightswatch.batch.parquet import failure_row, report_row, write_rows
from rightswatch.batch.shards import Shard
from rightswatch.collect import Failure, iter_documents
from rightswatch.records import Document, Report
from rightswatch.settings import Settings

__all__ = ["process_shard", "iter_shard_documents"]

_ANALYZERS: dict[tuple[str, str, int, float, bool], Any] = {}


def _analyzer(settings: Settings) -> Any:
    key = (settings.profile, settings.codebook, settings.batch_size, settings.relevance_threshold, settings.relevance_classifier)
    if key not in _ANALYZERS:
        from rightswatch.analyse import Analyzer

        _ANALYZERS[key] = Analyzer.from_settings(settings)
    return _ANALYZERS[key]


class _Saved:
    """What ``Pipeline._save`` reads from a save result."""

    __slots__ = ("status", "article_id", "incident_ids")

    def __init__(self, status: str, incidents: int) -> None:
        self.status = status
        self.article_id = None
        self.incident_ids = tuple(range(incidents))


class _ShardSink:
    """Stands in for the ``Store`` inside a worker: collects rows instead of writing SQL."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._seen: set[str] = set()

    def has_document(self, sha256: str) -> bool:
        return sha256 in self._seen

    def save(self, document: Document, report: Report | None = None) -> _Saved:
        if document.sha256 in self._seen:
            return _Saved("duplicate", 0)
        self._seen.add(document.sha256)
        assert report is not None  # the pipeline always saves with a report
        self.rows.append(report_row(document, report))
        return _Saved("stored", len(report.incidents))

    def record_failure(
        self, origin: str, reason: str, message: str, sha256: str | None = None, raw: bytes | None = None
    ) -> None:
        if raw is not None and sha256 is None:
            sha256 = hashlib.sha256(raw).hexdigest()
        self.rows.append(failure_row(origin, reason, message, sha256, raw))


def iter_shard_documents(paths: Iterable[str], settings: Settings) -> Iterator[Document | Failure]:
    """Documents of a shard's files: WARC files through the WARC reader, the rest as ``ingest``."""
    for path in paths:
        lowered = path.lower()
        if lowered.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            from rightswatch.collect.warc import iter_warc_documents

            yield from iter_warc_documents(path, settings)
        else:
            yield from iter_documents([path], settings)


def process_shard(shard: Shard, settings: Settings, out_dir: str) -> dict[str, Any]:
    """Run the pipeline over one shard and write ``out_dir/parts/<shard id>.parquet``.

    Returns the counts the client records in the manifest. Raises only for what should fail the
    whole shard (the Parquet file cannot be written, the worker runs out of memory): a bad
    document is a failure row, as in ``ingest``.
    """
    from rightswatch.batch.manifest import Manifest
    from rightswatch.pipeline import Pipeline

    started = time.perf_counter()
    sink = _ShardSink()
    pipeline = Pipeline(settings, sink, analyzer=_analyzer(settings))  # type: ignore[arg-type]
    summary = pipeline.ingest_documents(iter_shard_documents(shard.paths, settings))
    part = Manifest(Path(out_dir)).part_path(shard.id)
    write_rows(sink.rows, part)
    counts = summary.counts
    return {
        "shard": shard.id,
        "rows": len(sink.rows),
        "stored": counts.get("stored", 0),
        "duplicate": counts.get("duplicate", 0),
        "failed": counts.get("failed", 0),
        "incidents": summary.incidents,
        "failures_by_reason": dict(summary.failures_by_reason),
        "seconds": round(time.perf_counter() - started, 3),
        "worker_pid": os.getpid(),
    }
