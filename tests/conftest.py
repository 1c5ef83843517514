"""Shared fixtures: one Analyzer per test session (loading spaCy costs a second)."""

from __future__ import annotations

import os
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_80968a1119312db6.txt"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def analyzer():
    from rightswatch.analyse import Analyzer

    return Analyzer("north_korea")


@pytest.fixture(scope="session")
def rules_analyzer():
    """The analyzer without the incident scorer and the place chooser: every incident the rules
    build, placed as the rules place it (tests of the rules on one or two invented sentences; the
    trained stages weigh whole articles and have their own tests)."""
    from rightswatch.analyse import Analyzer

    return Analyzer("north_korea", incident_scorer=False, incident_place=False)


@pytest.fixture(scope="session")
def beside_shipped():
    """``beside_shipped(change)``: en_core_web_sm as spaCy runs it (one per session; tests must not
    change it) and a fresh copy with ``change`` applied, to compare our replacements of its
    components against spaCy's own."""
    from rightswatch.analyse.model import load_language

    shipped = load_language()

    def pair(change):
        changed = load_language()
        change(changed)
        return shipped, changed

    return pair


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if SEED.exists():
        return SEED
    # a clone without ../shared still has the bundled copy
    return REPO / "src" / "rightswatch" / "data" / "corpus" / SEED.name


# -- a throwaway PostgreSQL database per test module (store and reliability suites) ---------------

PG_ENV = "RIGHTSWATCH_TEST_PG"


def pg_admin_url() -> str | None:
    """The server from ``RIGHTSWATCH_TEST_PG`` (psycopg 3 driver), or ``None`` when unset."""
    import sqlalchemy as sa

    value = os.environ.get(PG_ENV, "").strip()
    if not value:
        return None
    url = sa.make_url(value)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _create_pg_database(admin: str, name: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            try:  # UTF-8 whatever locale the cluster was created with
                conn.exec_driver_sql(
                    f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                    "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
            except sa.exc.DBAPIError:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    finally:
        engine.dispose()


def _drop_pg_database(admin: str, name: str, attempts: int = 20) -> None:
    """Drop a throwaway test database. ``WITH (FORCE)`` must terminate every session in it, and an
    autovacuum worker belongs to the superuser: a non-superuser test role is refused while one
    runs. Such workers finish within moments, so retry; a database left behind is only a warning."""
    import sqlalchemy as sa

    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(attempts):
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except sa.exc.DBAPIError as exc:
                if attempt == attempts - 1:
                    warnings.warn(f"could not drop test database {name}: {' '.join(str(exc.orig).split())}", stacklevel=2)
                    return
                time.sleep(0.5)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def pg_module_url() -> Iterator[str]:
    """A new, empty, UTF-8 PostgreSQL database for this test module, dropped afterwards.

    Skipped (with the reason) when ``RIGHTSWATCH_TEST_PG`` is unset; see ``docs/postgresql.md``.
    """
    import sqlalchemy as sa

    admin = pg_admin_url()
    if admin is None:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (CI sets it)")
    name = f"rw_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    try:
        _create_pg_database(admin, name)
    except sa.exc.DBAPIError as exc:
        pytest.fail(f"{PG_ENV}: cannot create a test database: {' '.join(str(exc.orig).split())}")
    yield sa.make_url(admin).set(database=name).render_as_string(hide_password=False)
    _drop_pg_database(admin, name)
