"""Online backup, validation and restore of an SQLite incident database.

Why the ``sqlite3`` backup API and not a file copy: copying ``rightswatch.db`` while the app runs
can catch the file between two pages of a commit, and it misses whatever still sits in the
``-wal`` file. The backup API reads the database *through* SQLite, under a read transaction, so
the copy is one consistent snapshot (committed transactions only, WAL content included) even
while an ingest or the web app writes. We copy in a single step (``pages=-1``): a stepwise copy
restarts whenever another connection commits, and could starve under a busy writer.

Three guarantees, each tested in ``tests/reliability/test_reliability_backup.py``:

* :func:`backup` writes to a temporary file beside the target, checks it with
  ``PRAGMA integrity_check``, then renames it into place: a crash leaves either no backup or a
  whole one, never half a file under the final name.
* :func:`restore` refuses to replace a database that holds data unless ``force=True``; it writes
  *through* SQLite into the target (the backup API again), so connections that have the target
  open see the old or the new database, never a torn mix, and a stale ``-wal`` file cannot be
  replayed over the restored pages.
* :func:`validate` runs ``PRAGMA integrity_check`` and ``foreign_key_check`` and reads the schema
  revision; a file that is not a rightswatch database is refused with a :class:`StoreError`.

SQLite only: for PostgreSQL use ``pg_dump``/``pg_restore``, or the portable dump
(:mod:`rightswatch.store.portable`), which works on every backend.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rightswatch.errors import StoreError
from rightswatch.store.engine import BUSY_TIMEOUT_MS, sqlite_path

__all__ = ["BackupInfo", "backup", "restore", "validate", "sqlite_file"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What :func:`validate` found in a database file."""

    path: Path
    revision: str | None  # Alembic revision, ``None`` if the file has no rightswatch schema
    tables: dict[str, int]  # row count per table (FTS shadow tables left out)
    size: int  # bytes

    @property
    def documents(self) -> int:
        return self.tables.get("documents", 0)


def sqlite_file(db_url: str) -> Path:
    """The file behind an SQLite URL; a :class:`StoreError` for other backends or ``:memory:``."""
    path = sqlite_path(db_url)
    if path is None:
        raise StoreError(
            f"backup/restore work on SQLite files only, not {db_url.split('://', 1)[0]} "
            "(use `rightswatch dump` for a portable copy, or pg_dump for PostgreSQL)"
        )
    return path


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from exc
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise StoreError(f"{path}: no such database file")
    with path.open("rb") as fh:
        head = fh.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        raise StoreError(f"{path}: not an SQLite database (unexpected file header)")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def validate(path: str | os.PathLike[str]) -> BackupInfo:
    """Check a database file thoroughly; raise :class:`StoreError` unless it is sound.

    Runs ``PRAGMA integrity_check`` (every page, index and constraint of the b-trees) and
    ``PRAGMA foreign_key_check`` (every article has its document, every incident its article),
    and reads the Alembic revision and per-table row counts.
    """
    p = Path(path)
    _check_header(p)
    conn = _connect(p)
    try:
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise StoreError(f"{p}: integrity check failed: {'; '.join(result[:5])}")
            orphans = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
            if orphans:
                raise StoreError(f"{p}: foreign key check failed: {orphans}")
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            from rightswatch.store.search import is_search_object

            tables = {
                n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0])
                for n in sorted(names)
                if n != "alembic_version" and not is_search_object(n)
            }
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{p}: cannot read database ({exc})") from exc
    finally:
        conn.close()
    return BackupInfo(p, revision, tables, p.stat().st_size)


def backup(db_url: str, dest: str | os.PathLike[str]) -> BackupInfo:
    """Copy the live database at ``db_url`` into the file ``dest``, consistently, while it runs.

    ``dest`` is replaced atomically when the copy has been verified; its folder is created.
    """
    source = sqlite_file(db_url)
    _check_header(source)
    target = Path(dest).expanduser().resolve()
    if target == source.resolve():
        raise StoreError(f"{target}: cannot back a database up onto itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    src = _connect(source)
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst, pages=-1)  # one step: one read transaction, one snapshot
            # A backup is a single self-contained file: no -wal beside it to lose.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{source}: backup failed ({exc})") from exc
    finally:
        src.close()
    try:
        info = validate(tmp)
        if info.revision is None:
            raise StoreError(f"{source}: not a rightswatch database (no schema revision)")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupInfo(target, info.revision, info.tables, info.size)


def _holds_data(path: Path) -> bool:
    """Whether an existing file is a database with at least one row in a rightswatch table."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        info = validate(path)
    except StoreError:
        return True  # something is there that we do not understand: do not clobber it silently
    return any(info.tables.values())


def restore(backup_file: str | os.PathLike[str], db_url: str, *, force: bool = False) -> BackupInfo:
    """Replace the database at ``db_url`` by the backup in ``backup_file``.

    The backup is validated first. A target that already holds data is refused unless
    ``force``. The pages are written through SQLite's own locking (the backup API), so the web
    app or another reader may keep the target open. The result is validated again.
    """
    src_path = Path(backup_file).expanduser().resolve()
    info = validate(src_path)
    if info.revision is None:
        raise StoreError(f"{src_path}: not a rightswatch backup (no schema revision)")
    target = sqlite_file(db_url).expanduser().resolve()
    if target == src_path:
        raise StoreError(f"{target}: cannot restore a database onto itself")
    if not force and _holds_data(target):
        raise StoreError(
            f"{target}: database exists and holds data; pass --force to replace it with {src_path.name}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    src = _connect(src_path)
    try:
        dst = _connect(target)
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = WAL")
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{target}: restore failed ({exc})") from exc
    finally:
        src.close()
    return validate(target)
