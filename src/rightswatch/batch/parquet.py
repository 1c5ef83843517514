"""The Parquet files a batch writes: one per shard, one row per document outcome.

A row is either a ``report`` (an analysed article: the report JSON, the key columns analysts
query with DuckDB/pandas, and the document's raw bytes so ``load`` can rebuild the ``Document``
exactly) or a ``failure`` (a document that could not be read or analysed, with its reason code
and, when they were read, its bytes). Keeping the raw bytes makes the Parquet a complete,
self-contained record: the database built by ``load`` is the one ``ingest`` would have built.

Files are written to a temporary name in the same folder, flushed to disk, then renamed: a
reader (or a re-run) sees a whole file or none.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rightswatch.records import Document, Report

__all__ = ["SCHEMA", "ResultRow", "report_row", "failure_row", "write_rows", "iter_rows"]

SCHEMA = pa.schema(
    [
        ("kind", pa.string()),  # "report" | "failure"
        ("origin", pa.string()),
        ("sha256", pa.string()),
        ("media_type", pa.string()),
        ("origin_kind", pa.string()),
        ("received_at", pa.string()),
        ("url", pa.string()),
        ("headers", pa.string()),  # JSON [[name, value], ...]
        ("hints", pa.string()),  # JSON [[key, value], ...]
        ("raw", pa.binary()),
        ("report", pa.string()),  # Report.to_dict() as JSON (the contract), reports only
        ("title", pa.string()),
        ("published", pa.string()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("relevance", pa.float64()),
        ("incidents", pa.int32()),
        ("incident_types", pa.list_(pa.string())),
        ("extractor_version", pa.string()),
        ("reason", pa.string()),  # failures only
        ("message", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row read back: a document with its report, or a failure."""

    kind: str
    origin: str
    document: Document | None
    report: Report | None
    reason: str | None = None
    message: str | None = None
    sha256: str | None = None
    raw: bytes | None = None


def _pairs(value: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in json.loads(value or "[]"))


def report_row(document: Document, report: Report) -> dict[str, Any]:
    a = report.article
    return {
        "kind": "report",
        "origin": document.origin,
        "sha256": document.sha256,
        "media_type": document.media_type,
        "origin_kind": document.origin_kind,
        "received_at": document.received_at,
        "url": document.url,
        "headers": json.dumps([list(h) for h in document.headers], ensure_ascii=False),
        "hints": json.dumps([list(h) for h in document.hints], ensure_ascii=False),
        "raw": document.raw,
        "report": json.dumps(report.to_dict(), ensure_ascii=False),
        "title": a.title,
        "published": a.published,
        "outlet": a.outlet,
        "language": a.language,
        "relevance": report.relevance,
        "incidents": len(report.incidents),
        "incident_types": sorted({i.type for i in report.incidents}),
        "extractor_version": report.extractor_version,
        "reason": None,
        "message": None,
    }


def failure_row(origin: str, reason: str, message: str, sha256: str | None, raw: bytes | None) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in SCHEMA.names}
    row.update(kind="failure", origin=origin, sha256=sha256, raw=raw, reason=reason, message=message)
    return row


def write_rows(rows: list[dict[str, Any]], path: Path) -> None:
    """Write ``rows`` to ``path`` atomically (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def iter_rows(path: Path, batch_size: int = 256) -> Iterator[ResultRow]:
    """Rows of one shard file, rebuilt as records, in the order they were written."""
    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches(batch_size=batch_size, columns=SCHEMA.names):
        for r in batch.to_pylist():
            if r["kind"] == "failure":
                yield ResultRow("failure", r["origin"], None, None, r["reason"], r["message"], r["sha256"], r["raw"])
                continue
            document = Document(
                raw=r["raw"],
                sha256=r["sha256"],
                media_type=r["media_type"],
                origin=r["origin"],
                origin_kind=r["origin_kind"],
                received_at=r["received_at"],
                url=r["url"],
                headers=_pairs(r["headers"]),
                hints=_pairs(r["hints"]),
            )
            yield ResultRow("report", r["origin"], document, Report.from_dict(json.loads(r["report"])))
