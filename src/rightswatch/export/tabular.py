"""Flat exports: CSV and Parquet share one column list (``ExportRow.flat_columns()``)."""

from __future__ import annotations

import csv
from pathlib import Path
from collections.abc import Iterable
from typing import Any, TextIO

from rightswatch.errors import ConfigError
from rightswatch.export.targets import Target, binary_output, is_text_stream
from rightswatch.store import ExportRow

__all__ = ["write_csv", "write_parquet", "csv_cell", "PARQUET_BATCH"]

#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"):
#: the four usual ones plus tab and carriage return.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PARQUET_BATCH = 1024

_INT_COLUMNS = frozenset(
    {"incident_id", "article_id", "seq", "victim_count", "year", "month", "day", "article_version"}
)
_FLOAT_COLUMNS = frozenset({"confidence", "lat", "lon"})


def csv_cell(value: Any) -> Any:
    """A value made safe for spreadsheets. Only text is touched: ``-3.5`` as a number stays."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[ExportRow], out: TextIO) -> int:
    columns = ExportRow.flat_columns()
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        flat = row.flat()
        writer.writerow([csv_cell(flat[c]) for c in columns])
        n += 1
    return n


def _schema() -> Any:
    import pyarrow as pa

    def typ(name: str) -> Any:
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(c, typ(c)) for c in ExportRow.flat_columns()])


def write_parquet(rows: Iterable[ExportRow], out: Target) -> int:
    if is_text_stream(out):
        raise ConfigError("parquet export needs a path or a binary stream, not a text stream")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ConfigError("parquet export needs pyarrow: pip install pyarrow") from exc

    schema = _schema()
    n = 0
    with binary_output(out) as target:
        where = str(target) if isinstance(target, Path) else target
        with pq.ParquetWriter(where, schema, compression="zstd") as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row.flat())
                n += 1
                if len(batch) >= PARQUET_BATCH:
                    writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
    return n
