"""A portable dump of the whole database as JSON lines, and its import into an empty database.

Why another format beside :mod:`~rightswatch.store.backup`: a backup is an SQLite file, tied to
the backend; a dump moves a database between SQLite and PostgreSQL, into a newer schema, or into
a reviewer's hands as plain text. It must lose nothing: every table of ``schema.metadata`` (so the
review, audit and collection tables of other capabilities are included the day they are
declared, without a change here), every column, byte for byte.

The file, one JSON object per line::

    {"format": "rightswatch-dump", "version": 1, "revision": "0003", "created_at": "...",
     "tables": {"documents": ["id", "sha256", ...], ...}}            header
    {"t": "documents", "r": {"id": 1, "sha256": "...", "raw": "<base64>", ...}}
    {"t": "audit_log", "r": {...}, "sqlnull": ["before"]}             one line per row
    {"end": true, "counts": {"documents": 1, ...}}                    trailer

Values are JSON as the column holds them: binary columns (a document's raw bytes, a failure's
bytes) as base64, JSON columns as the parsed value, dates as ISO strings. A JSON column can hold
both SQL ``NULL`` and the JSON value ``null``; the rare SQL ``NULL`` is listed under ``sqlnull`` so
the two stay apart. Rows keep their primary keys, so every link (article -> document, incident ->
article, edit -> incident, case member -> incident) survives; tables come in foreign-key order.

:func:`export_dump` reads inside one transaction: on SQLite (WAL) that is one snapshot, so a dump
taken while an ingest writes is consistent. :func:`import_dump` writes in one transaction into a
database with no rows (a half-imported database never remains: a truncated file, a row that does
not fit, or a dump from a newer schema roll everything back), then rebuilds the full-text index
and, on PostgreSQL, moves the id sequences past the imported ids.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import sqlalchemy as sa

from rightswatch.errors import StoreError
from rightswatch.store.engine import WRITE
from rightswatch.store.schema import metadata
from rightswatch.store.search import is_search_object

__all__ = ["FORMAT", "VERSION", "DumpCounts", "export_dump", "import_dump", "dump_tables"]

FORMAT = "rightswatch-dump"
VERSION = 1
_BATCH = 500


@dataclass(frozen=True, slots=True)
class DumpCounts:
    """Rows per table written or read, and the schema revision of the dumped database."""

    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# -- column codecs --------------------------------------------------------------------------


def _kind(column: sa.Column[Any]) -> str:
    t = column.type
    if isinstance(t, sa.JSON):
        return "json"
    if isinstance(t, sa.types._Binary):
        return "binary"
    if isinstance(t, sa.DateTime):
        return "datetime"
    if isinstance(t, sa.Date):
        return "date"
    if isinstance(t, sa.Time):
        return "time"
    if isinstance(t, sa.Numeric) and not isinstance(t, sa.Float):
        return "decimal"
    return "plain"


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind in ("datetime", "date", "time"):
        return value.isoformat()
    if kind == "decimal":
        return str(value)
    return value


def _decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "binary":
        return base64.b64decode(value, validate=True)
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "time":
        return dt.time.fromisoformat(value)
    if kind == "decimal":
        return decimal.Decimal(value)
    return value


# -- which tables ---------------------------------------------------------------------------


def dump_tables(conn: sa.Connection) -> list[sa.Table]:
    """The tables a dump holds: ``schema.metadata`` in foreign-key order, then any other table
    the database has (reflected), except Alembic's bookkeeping and the full-text index."""
    present = set(sa.inspect(conn).get_table_names())
    known = [t for t in metadata.sorted_tables if t.name in present]
    names = {t.name for t in known}
    extra_md = sa.MetaData()
    extras = [
        sa.Table(name, extra_md, autoload_with=conn)
        for name in sorted(present - names)
        if name != "alembic_version" and not is_search_object(name) and not name.startswith("sqlite_")
    ]
    return known + extras


def _revision(conn: sa.Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


# -- export ---------------------------------------------------------------------------------


def export_dump(store: Any, fh: IO[str]) -> DumpCounts:
    """Write every row of the database behind ``store`` to the text stream ``fh``."""
    engine: sa.Engine = store.engine
    counts: dict[str, int] = {}
    try:
        with engine.connect() as conn, conn.begin():
            tables = dump_tables(conn)
            revision = _revision(conn)
            header = {
                "format": FORMAT,
                "version": VERSION,
                "revision": revision,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "tables": {t.name: [c.name for c in t.columns] for t in tables},
            }
            fh.write(json.dumps(header, ensure_ascii=False) + "\n")
            for table in tables:
                counts[table.name] = _export_table(conn, table, fh)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"dump failed: {getattr(exc, 'orig', None) or exc}") from exc
    fh.write(json.dumps({"end": True, "counts": counts}) + "\n")
    fh.flush()
    return DumpCounts(revision, counts)


def _export_table(conn: sa.Connection, table: sa.Table, fh: IO[str]) -> int:
    kinds = {c.name: _kind(c) for c in table.columns}
    json_cols = [name for name, k in kinds.items() if k == "json"]
    null_flags = [table.c[name].is_(None).label(f"__sqlnull_{i}") for i, name in enumerate(json_cols)]
    order = list(table.primary_key.columns) or list(table.columns)
    stmt = sa.select(table, *null_flags).order_by(*order)
    n = 0
    for m in conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt).mappings():
        row = {name: _encode(kind, m[name]) for name, kind in kinds.items()}
        line: dict[str, Any] = {"t": table.name, "r": row}
        sqlnull = [name for i, name in enumerate(json_cols) if m[f"__sqlnull_{i}"]]
        if sqlnull:
            line["sqlnull"] = sqlnull
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


# -- import ---------------------------------------------------------------------------------


def _lines(fh: IO[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for lineno, text in enumerate(fh, 1):
        if not text.strip():
            continue
        if not text.endswith("\n"):
            raise StoreError(f"dump line {lineno}: truncated (no end of line)")
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"dump line {lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(value, dict):
            raise StoreError(f"dump line {lineno}: expected an object")
        yield lineno, value


def import_dump(store: Any, fh: IO[str]) -> DumpCounts:
    """Load a dump made by :func:`export_dump` into the (empty) database behind ``store``."""
    engine: sa.Engine = store.engine
    lines = _lines(fh)
    first = next(lines, None)
    if first is None or first[1].get("format") != FORMAT:
        raise StoreError("not a rightswatch dump (missing header line)")
    header = first[1]
    if int(header.get("version", 0)) > VERSION:
        raise StoreError(f"dump format version {header.get('version')} is newer than this rightswatch")
    declared: dict[str, list[str]] = header.get("tables") or {}
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(**WRITE)
            with conn.begin():
                counts = _import_rows(conn, header, declared, lines)
                _after_import(conn)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"import failed, nothing was written: {getattr(exc, 'orig', None) or exc}") from exc
    return DumpCounts(header.get("revision"), counts)


def _import_rows(
    conn: sa.Connection,
    header: dict[str, Any],
    declared: dict[str, list[str]],
    lines: Iterable[tuple[int, dict[str, Any]]],
) -> dict[str, int]:
    target_revision = _revision(conn)
    dumped_revision = header.get("revision")
    if dumped_revision and target_revision and dumped_revision > target_revision:
        raise StoreError(
            f"dump is from schema {dumped_revision}, newer than this database ({target_revision}): "
            "upgrade rightswatch first"
        )
    tables = {t.name: t for t in dump_tables(conn)}
    for name, columns in declared.items():
        table = tables.get(name)
        if table is None:
            raise StoreError(f"dump holds table {name!r}, which this database does not have")
        missing = set(columns) - {c.name for c in table.columns}
        if missing:
            raise StoreError(f"dump has columns {sorted(missing)} of {name!r} this database lacks")
    for table in tables.values():
        if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
            raise StoreError(f"the target database is not empty (table {table.name!r} has rows)")

    kinds = {name: {c.name: _kind(c) for c in t.columns} for name, t in tables.items()}
    counts: dict[str, int] = defaultdict(int)
    pending: list[tuple[int, dict[str, Any]]] = []
    current: str | None = None
    trailer: dict[str, Any] | None = None

    def flush() -> None:
        if current is not None and pending:
            _insert(conn, tables[current], pending)
        pending.clear()

    for lineno, line in lines:
        if trailer is not None:
            raise StoreError(f"dump line {lineno}: data after the end marker")
        if line.get("end"):
            trailer = line
            continue
        name = line.get("t")
        if name not in declared:
            raise StoreError(f"dump line {lineno}: row of undeclared table {name!r}")
        if name != current:
            flush()
            current = name
        row = line.get("r")
        if not isinstance(row, dict):
            raise StoreError(f"dump line {lineno}: row is not an object")
        table_kinds = kinds[name]
        try:
            values = {k: _decode(table_kinds[k], v) for k, v in row.items()}
        except (KeyError, ValueError, TypeError) as exc:
            raise StoreError(f"dump line {lineno}: bad value ({exc})") from None
        for k in line.get("sqlnull") or ():
            values[k] = _SQL_NULL
        pending.append((lineno, values))
        counts[name] += 1
        if len(pending) >= _BATCH:
            flush()
    flush()
    if trailer is None:
        raise StoreError("dump is truncated (no end marker): nothing was imported")
    expected = {k: int(v) for k, v in (trailer.get("counts") or {}).items() if int(v)}
    got = {k: v for k, v in counts.items() if v}
    if expected != got:
        raise StoreError(f"dump row counts do not match its end marker ({got} != {expected})")
    return dict(counts)


#: Stands for SQL NULL in a JSON column (``None`` there means the JSON value ``null``).
_SQL_NULL = object()


def _insert(conn: sa.Connection, table: sa.Table, rows: list[tuple[int, dict[str, Any]]]) -> None:
    json_cols = {c.name for c in table.columns if _kind(c) == "json"}
    groups: dict[tuple[frozenset[str], frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
    for _lineno, values in rows:
        nulls = frozenset(k for k, v in values.items() if v is _SQL_NULL)
        params = {k: v for k, v in values.items() if v is not _SQL_NULL}
        # JSON ``null`` must be stored as JSON, not as SQL NULL (SQLAlchemy's default for None).
        json_nulls = frozenset(k for k in json_cols if k in params and params[k] is None)
        for k in json_nulls:
            params[k] = sa.JSON.NULL
        groups[(nulls, frozenset(params))].append(params)
    for (nulls, _keys), params_list in groups.items():
        stmt = table.insert()
        if nulls:
            stmt = stmt.values({k: sa.null() for k in nulls})
        conn.execute(stmt, params_list)


def _after_import(conn: sa.Connection) -> None:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        # External-content FTS5 tables index text that lives in ``articles``/``quotes``: rebuild
        # them from the imported rows rather than carrying index pages in the dump.
        present = set(sa.inspect(conn).get_table_names())
        for fts in ("articles_fts", "quotes_fts"):
            if fts in present:
                conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    elif dialect == "postgresql":
        # Rows came with their ids; move each serial sequence past them.
        for table in metadata.sorted_tables:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type, sa.Integer):
                col = pk[0].name
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{col}'), "
                    f"COALESCE(MAX({col}), 1), MAX({col}) IS NOT NULL) FROM {table.name}"
                )
