"""``write_export``: pick a format by name and stream the store's incidents into it."""

from __future__ import annotations

from contextlib import closing

from rightswatch.errors import ConfigError
from rightswatch.export.documents import write_geojson, write_jsonl
from rightswatch.export.tabular import write_csv, write_parquet
from rightswatch.export.targets import Target, text_output
from rightswatch.store import Store

__all__ = ["FORMATS", "write_export"]

#: Export formats by name, with the file extension each conventionally takes.
FORMATS: dict[str, str] = {
    "csv": ".csv",
    "jsonl": ".jsonl",
    "geojson": ".geojson",
    "parquet": ".parquet",
}


def write_export(store: Store, fmt: str, out: Target) -> int:
    """Write every incident in ``store`` to ``out`` in format ``fmt``; return how many.

    ``out`` is a path (parent directories are created; the file appears only when complete),
    a text stream, or a binary stream (written as UTF-8; required for ``parquet``). Streams are
    left open. Raises :class:`ConfigError` for an unknown format.
    """
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    # closing(): release the store's read connection even if writing fails half-way.
    with closing(store.iter_export_rows()) as rows:
        if name == "parquet":
            return write_parquet(rows, out)
        writer = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}[name]
        with text_output(out) as stream:
            return writer(rows, stream)
