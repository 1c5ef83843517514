"""Opening databases: pragmas, migrations, and clear errors for things that are not databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from rightswatch.errors import StoreError
from rightswatch.store import Store
from rightswatch.store.engine import alembic_config, open_engine
from rightswatch.store.schema import metadata
from rightswatch.store.search import is_search_object


def test_open_creates_parent_directory_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "rw.db"
    with Store.open(f"sqlite:///{path}") as store:
        assert store.status().documents == 0
    assert path.is_file()
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "articles", "incidents", "quotes", "failures", "alembic_version"} <= names
    assert {"articles_fts", "quotes_fts"} <= names
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.sqlite_only
def test_connections_have_foreign_keys_and_busy_timeout(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        engine.dispose()


def test_reopen_is_idempotent(db_url: str) -> None:
    Store.open(db_url).close()
    with Store.open(db_url) as store:
        assert store.status().articles == 0


def test_migrations_match_schema_module(store: Store, db_url: str) -> None:
    """A change to schema.py without a matching Alembic revision fails here."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "include_object": lambda obj, name, type_, r, c: not (
                        (type_ == "table" and (is_search_object(name) or name == "alembic_version"))
                        or (type_ == "index" and is_search_object(name))
                    ),
                    "compare_type": True,
                },
            )
            assert compare_metadata(ctx, metadata) == []
    finally:
        engine.dispose()


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(f"sqlite:///{tmp_path}")


def test_non_database_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are not the rows you are looking for.\n" * 20)
    with pytest.raises(StoreError, match="not an SQLite database") as info:
        Store.open(f"sqlite:///{path}")
    assert str(path) in str(info.value)
    assert path.read_text().startswith("These are")  # untouched


def test_corrupt_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StoreError) as info:
        Store.open(f"sqlite:///{path}")
    assert str(path) in str(info.value)


def test_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store.open(f"sqlite:///{path}") as store:
        assert store.status().documents == 0


def test_database_from_a_newer_version_is_refused(db_url: str) -> None:
    Store.open(db_url).close()
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            head = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
        with pytest.raises(StoreError, match="newer rightswatch"):
            Store.open(db_url)
    finally:
        with engine.begin() as conn:  # the PostgreSQL database is shared by the module
            conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{head}'")
        engine.dispose()


def test_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store.open("not a url at all")


def test_unsupported_backend_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store.open("nosuchdb://host/db")


def test_closed_store_raises_store_error(db_url: str) -> None:
    store = Store.open(db_url)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.status()


def test_public_api_is_explicit() -> None:
    import rightswatch.export as export
    import rightswatch.store as store

    for module in (store, export):
        assert all(hasattr(module, name) for name in module.__all__)
    assert "Store" in store.__all__ and "write_export" in export.__all__


def test_in_memory_database_works() -> None:
    with Store.open("sqlite://") as store:
        assert store.status().documents == 0
