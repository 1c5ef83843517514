"""PostgreSQL specifics: driver URLs, one-line connection errors, the search indexes in use."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from rightswatch.errors import StoreError
from rightswatch.store import Store
from rightswatch.store.engine import normalise_url
from rightswatch.store.search_pg import pg_tsquery


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://u:p@h/db", "postgresql+psycopg"),
        ("postgres://u:p@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_postgresql_urls_use_psycopg3(given: str, driver: str) -> None:
    assert normalise_url(sa.make_url(given)).drivername == driver


def test_unreachable_server_is_a_one_line_store_error() -> None:
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://someone:secret-pw@127.0.0.1:1/nowhere")
    message = str(info.value)
    assert "cannot open database" in message and "\n" not in message
    assert "secret-pw" not in message


def test_pg_tsquery_quotes_every_word() -> None:
    assert pg_tsquery("torture camp*") == "'torture' & 'camp':*"
    assert pg_tsquery("it's a\\b") == "'it''s' & 'a\\\\b'"
    assert pg_tsquery("* ( ) \" ' -") is None
    assert pg_tsquery("NEAR(a, b) | !x & <->") == "'NEAR(a' & 'b' & 'x'"


@pytest.fixture
def pg_url(db_url: str) -> str:
    return db_url


@pytest.mark.postgresql_only
def test_wrong_password_is_a_one_line_store_error(pg_url: str) -> None:
    bad = sa.make_url(pg_url).set(password="not-the-password")
    with pytest.raises(StoreError) as info:
        Store.open(bad.render_as_string(hide_password=False))
    message = str(info.value)
    assert "cannot open database" in message and "\n" not in message
    assert "not-the-password" not in message


@pytest.mark.postgresql_only
def test_plain_postgresql_url_opens(pg_url: str) -> None:
    plain = sa.make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with Store.open(plain) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.status().documents == 0


@pytest.mark.postgresql_only
def test_search_uses_the_gin_indexes(factory: SimpleNamespace, pg_url: str) -> None:
    with Store.open(pg_url) as store:
        doc = factory.document(b"<p>gin</p>")
        store.save(doc, factory.report(doc))
        select = store._search.matching_article_ids("defectors beaten")
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")
            compiled = select.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {compiled}"))
        assert "articles_fts_gin" in plan and "quotes_fts_gin" in plan, plan


@pytest.mark.postgresql_only
def test_snippets_for_the_review_pages(factory: SimpleNamespace, pg_url: str) -> None:
    with Store.open(pg_url) as store:
        doc = factory.document(b"<p>snip</p>")
        article_id = store.save(doc, factory.report(doc)).article_id
        with store.engine.connect() as conn:
            got = store._search.snippets(conn, "interrogation", [article_id])
        assert "\x02interrogation\x03" in got[article_id]
