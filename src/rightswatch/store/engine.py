"""Engine creation and migrations: everything that depends on *which* database we talk to.

SQLite (the default, embedded backend) gets:

* ``journal_mode=WAL`` so readers never block the writer and vice versa;
* ``foreign_keys=ON`` (SQLite leaves them off by default);
* ``busy_timeout`` so a reader that catches the writer mid-commit waits instead of failing;
* explicit ``BEGIN`` / ``BEGIN IMMEDIATE`` instead of the ``sqlite3`` module's implicit
  transactions, which start late (after the first SELECT) and make "read, then write" racy.
  Write transactions ask for ``BEGIN IMMEDIATE`` with the ``sqlite_begin`` execution option.

A path that is a directory, a file that is not an SQLite database, or a corrupt database is
refused up front with a :class:`~rightswatch.errors.StoreError` naming the path.

PostgreSQL goes through the same ``open_engine``/``migrate`` pair with the psycopg 3 driver:
``postgresql://`` (and ``postgres://``) URLs are rewritten to ``postgresql+psycopg://`` (SQLAlchemy
would otherwise pick psycopg2, which is not installed); connections are pooled with a
pre-ping (a restarted server costs one reconnect, not an error) and a connect timeout; an
unreachable server or a refused login is a one-line :class:`~rightswatch.errors.StoreError`
naming the URL without its password. See ``docs/postgresql.md``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url

from rightswatch.errors import StoreError

__all__ = [
    "open_engine",
    "migrate",
    "sqlite_path",
    "dump_json",
    "normalise_url",
    "BUSY_TIMEOUT_MS",
    "WRITE",
]

#: How long a connection waits for a lock before SQLite reports "database is locked".
BUSY_TIMEOUT_MS = 10_000

#: Execution options for a write transaction (takes the write lock at BEGIN on SQLite).
WRITE: dict[str, Any] = {"sqlite_begin": "IMMEDIATE"}

#: Seconds a PostgreSQL connection attempt may take before "cannot open database".
PG_CONNECT_TIMEOUT_S = 10
#: Connections kept per process (the web app's threads, a ``watch`` loop) and the burst above it.
PG_POOL_SIZE = 5
PG_MAX_OVERFLOW = 10

#: Advisory lock key held while migrating a PostgreSQL database ("rwmigrat" in ASCII, as int64).
_MIGRATE_LOCK_KEY = int.from_bytes(b"rwmigrat", "big") & 0x7FFF_FFFF_FFFF_FFFF

_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).with_name("migrations")


def dump_json(value: Any) -> str:
    """How JSON columns are serialised: UTF-8 text as is (so FTS sees words, not ``\\uXXXX``)."""
    return json.dumps(value, ensure_ascii=False)


def sqlite_path(db_url: str) -> Path | None:
    """The file behind an SQLite URL, or ``None`` for in-memory databases and other backends."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def normalise_url(url: sa.URL) -> sa.URL:
    """``postgresql://`` / ``postgres://`` without a driver means psycopg 3 (the one we ship)."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not an SQLite database file")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read database file ({exc.strerror or exc})") from exc
        # An empty file is what sqlite3 itself creates on first connect: accept it.
        if head and head != _SQLITE_MAGIC:
            raise StoreError(f"{path}: not an SQLite database (unexpected file header)")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create directory ({exc.strerror or exc})") from exc


def _install_sqlite_hooks(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (see the "begin" hook below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe with WAL
        finally:
            cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def open_engine(db_url: str) -> sa.Engine:
    """Create an engine for ``db_url`` and prove the database is readable.

    Raises :class:`StoreError` with a one-line message if it is not.
    """
    try:
        url = normalise_url(make_url(db_url))
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {db_url!r}") from exc
    path = sqlite_path(db_url)
    if path is not None:
        _check_sqlite_file(path)
    options: dict[str, Any] = {"json_serializer": dump_json}
    if url.get_backend_name() == "postgresql":
        options.update(
            pool_pre_ping=True,
            pool_size=PG_POOL_SIZE,
            max_overflow=PG_MAX_OVERFLOW,
            pool_recycle=3600,
            connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "rightswatch"},
        )
    try:
        engine = sa.create_engine(url, **options)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"cannot use database {url.render_as_string(hide_password=True)}: {_one_line(exc)}"
        ) from exc
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    where = str(path) if path is not None else url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                # Reads the schema: fails on a corrupt file or a non-database with a valid header.
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
                check = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar()
                if check != "ok":
                    raise StoreError(f"{where}: database is corrupt ({check})")
            else:
                conn.exec_driver_sql("SELECT 1").scalar()
    except (sa.exc.DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None)
        detail = _one_line(orig if orig is not None else exc)
        raise StoreError(f"{where}: cannot open database ({detail})") from exc
    except StoreError:
        engine.dispose()
        raise
    return engine


def alembic_config() -> Config:
    """An Alembic configuration built in code: no ``alembic.ini`` to ship or find."""
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


#: Alembic loads revision modules through process-global state: one migration at a time per process.
_MIGRATE_LOCK = threading.Lock()


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database schema to ``revision`` (all revisions by default), in one transaction.

    On PostgreSQL a transaction-scoped advisory lock makes concurrent first opens (several
    ``watch`` processes starting at once) migrate one after the other instead of racing to
    create the same tables.
    """
    cfg = alembic_config()
    try:
        with _MIGRATE_LOCK, engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATE_LOCK_KEY})")
            conn = conn.execution_options(**WRITE)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
    except CommandError as exc:
        # Typically: the file was written by a newer rightswatch with revisions we do not know.
        raise StoreError(f"cannot migrate database: {exc} (is it from a newer rightswatch?)") from exc
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"cannot migrate database: {_one_line(exc.orig or exc)}") from exc
