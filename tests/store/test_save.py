"""Writing: one transaction per document, duplicates, URL versions, failures."""

from __future__ import annotations

from types import SimpleNamespace

import json
import sqlite3
from typing import Any

import pytest
import sqlalchemy as sa

from rightswatch.errors import NotFound, StoreError
from rightswatch.records import Report, replace
from rightswatch.store import Store
from rightswatch.store.mapping import victim_count
from rightswatch.store.search import SqliteFts


def _sqlite(db_url: str) -> sqlite3.Connection:
    return sqlite3.connect(db_url.removeprefix("sqlite:///"))


def _sql(store: Store, sql: str) -> list[Any]:
    """White-box: rows of a query run on the store's own database, whatever the backend."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def test_save_and_round_trip_report(factory: SimpleNamespace, store: Store) -> None:
    doc = factory.document(b"<html>one</html>")
    report = factory.report(doc)
    result = store.save(doc, report)
    assert result.status == "stored"
    assert result.article_id is not None
    assert len(result.incident_ids) == 2
    assert store.has_document(doc.sha256)
    back = store.get_report(result.article_id)
    assert back.to_dict() == report.to_dict()


def test_report_without_document_reference_gets_it_filled_in(
    factory: SimpleNamespace, store: Store
) -> None:
    doc = factory.document(b"<html>anon</html>")
    report = factory.report(None)
    assert report.article.document_sha256 is None
    result = store.save(doc, report)
    back = store.get_report(result.article_id)  # type: ignore[arg-type]
    assert back.article.document_sha256 == doc.sha256
    assert back.document_origin == doc.origin
    assert back.to_dict()["incidents"] == report.to_dict()["incidents"]


def test_report_for_another_document_is_refused(factory: SimpleNamespace, store: Store) -> None:
    doc = factory.document(b"<html>a</html>")
    other = factory.document(b"<html>b</html>")
    with pytest.raises(StoreError, match="report is for document"):
        store.save(doc, factory.report(other))
    assert not store.has_document(doc.sha256)


def test_document_whose_sha256_lies_is_refused(factory: SimpleNamespace, store: Store) -> None:
    doc = factory.document(b"<html>real</html>")
    forged = replace(doc, raw=b"<html>tampered</html>")
    with pytest.raises(StoreError, match="sha256 does not match"):
        store.save(forged, None)
    assert store.status().documents == 0


def test_reader_streams_while_writer_writes(
    factory: SimpleNamespace, store: Store, db_url: str
) -> None:
    """WAL: an export reading the database does not block saves, from another Store either."""
    for i in range(3):
        doc = factory.document(f"<p>{i}</p>".encode(), url=f"https://news.example/r/{i}")
        store.save(doc, factory.report(doc, url=f"https://news.example/r/{i}"))
    with Store.open(db_url) as other:
        rows = other.iter_export_rows()
        seen = [next(rows)]
        new = factory.document(b"<p>new</p>", url="https://news.example/r/new")
        assert store.save(new, factory.report(new, url="https://news.example/r/new")).status == "stored"
        seen.extend(rows)
        assert len(seen) == 6  # the reader's snapshot predates the write
        assert other.status().incidents == 8


def test_document_without_report_keeps_raw_bytes(factory: SimpleNamespace, store: Store) -> None:
    raw = bytes(range(256)) * 3  # not text at all
    doc = factory.document(raw, url=None, origin="/tmp/blob.bin")
    result = store.save(doc, None)
    assert result.status == "stored" and result.article_id is None and result.incident_ids == ()
    assert store.get_document(doc.sha256) == doc
    counts = store.status()
    assert (counts.documents, counts.articles, counts.incidents) == (1, 0, 0)


def test_get_document_unknown_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_document("0" * 64)


def test_duplicate_save_is_a_no_op(factory: SimpleNamespace, store: Store) -> None:
    doc = factory.document(b"<html>same</html>")
    first = store.save(doc, factory.report(doc))
    before = store.status()
    again = store.save(doc, factory.report(doc, title="A different analysis"))
    assert again.status == "duplicate"
    assert (again.document_id, again.article_id, again.incident_ids) == (
        first.document_id,
        first.article_id,
        first.incident_ids,
    )
    assert store.status() == before
    kept = store.get_report(first.article_id)  # type: ignore[arg-type]
    assert kept.article.title == factory.report(doc).article.title


def test_same_url_with_different_bytes_is_a_new_version(factory: SimpleNamespace, store: Store) -> None:
    url = "https://news.example/a/1"
    v1 = factory.document(b"<html>version one</html>", url=url)
    v2 = factory.document(b"<html>version two, corrected</html>", url=url)
    r1 = store.save(v1, factory.report(v1, url=url))
    r2 = store.save(v2, factory.report(v2, url=url, title="Corrected"))
    assert r1.article_id != r2.article_id
    d1 = store.get_incident(r1.incident_ids[0])
    d2 = store.get_incident(r2.incident_ids[0])
    assert (d1.article_version, d2.article_version) == (1, 2)
    assert d2.document_sha256 == v2.sha256
    other = factory.document(b"<html>other</html>", url="https://news.example/b")
    r3 = store.save(other, factory.report(other, url="https://news.example/b"))
    assert store.get_incident(r3.incident_ids[0]).article_version == 1


def test_url_falls_back_to_the_document_url(factory: SimpleNamespace, store: Store, db_url: str) -> None:
    doc = factory.document(b"<html>x</html>", url="https://news.example/fallback")
    store.save(doc, factory.report(doc, url=None))
    row = _sql(store, "SELECT url, version FROM articles")[0]
    assert row == ("https://news.example/fallback", 1)


def test_failures_are_counted_by_reason_and_keep_raw_bytes(store: Store, db_url: str) -> None:
    store.record_failure("/in/a.html", "decode-failed", "not UTF-8", raw=b"\xff\xfe\x00bad")
    store.record_failure("/in/b.json", "malformed-record", "line 3: bad JSON", sha256="ab" * 32)
    store.record_failure("/in/c.json", "malformed-record", "missing text")
    counts = store.status()
    assert counts.failures == 3
    assert counts.failures_by_reason == {"decode-failed": 1, "malformed-record": 2}
    assert counts.documents == 0
    raw, sha = _sql(store, "SELECT raw, sha256 FROM failures WHERE origin = '/in/a.html'")[0]
    raw = bytes(raw)
    assert raw == b"\xff\xfe\x00bad"
    import hashlib

    assert sha == hashlib.sha256(raw).hexdigest()
    assert not store.has_document(sha)  # a failure is not a stored document


def test_failed_transaction_leaves_nothing_behind(
    factory: SimpleNamespace, store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = factory.document(b"<html>half</html>")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    # Fails after the document, article, incidents and first FTS row are written.
    monkeypatch.setattr(type(store._search), "index_quote", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(doc, factory.report(doc))
    assert not store.has_document(doc.sha256)
    tables = ["documents", "articles", "incidents", "quotes"]
    if isinstance(store._search, SqliteFts):
        tables += ["articles_fts", "quotes_fts"]
    for table in tables:
        assert _sql(store, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert store.search("defectors") == []
    monkeypatch.undo()
    assert store.save(doc, factory.report(doc)).status == "stored"


def test_database_errors_become_store_errors(store: Store, db_url: str) -> None:
    store.record_failure("/x", "empty", "nothing")
    # White-box: break the schema underneath the open store (and mend it: on PostgreSQL the
    # database is shared by the test module).
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE failures RENAME TO failures_gone")
    try:
        with pytest.raises(StoreError, match="record_failure"):
            store.record_failure("/x", "empty", "nothing")
        with pytest.raises(StoreError, match="status"):
            store.status()
    finally:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE failures_gone RENAME TO failures")


@pytest.mark.sqlite_only
def test_fts_index_stays_consistent_with_content(
    factory: SimpleNamespace, store: Store, db_url: str
) -> None:
    for i in range(3):
        doc = factory.document(f"<html>{i}</html>".encode(), url=f"https://news.example/{i}")
        store.save(doc, factory.report(doc, url=f"https://news.example/{i}", tags=("태그", f"t{i}")))
    con = _sqlite(db_url)
    # Raises sqlite3.DatabaseError if the external-content index disagrees with its table.
    con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    con.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")


def test_incident_columns_are_flattened(factory: SimpleNamespace, store: Store, db_url: str) -> None:
    doc = factory.document(b"<html>cols</html>")
    store.save(doc, factory.report(doc))
    row = _sql(
        store,
        "SELECT type, perpetrator_country, country, region, city, lat, lon, year, month, "
        "granularity, time_start, time_end, victim_count, evidence FROM incidents ORDER BY seq",
    )[0]
    assert row[:13] == (
        "arbitrary-detention", "KP", "KP", "North Hamgyong", "Hoeryong", 42.44, 129.75,
        2024, 5, "month", "2024-05-01", "2024-05-31", 4,
    )
    evidence = json.loads(row[13]) if isinstance(row[13], str) else row[13]  # JSONB: parsed
    assert evidence == [{"start": 0, "end": 60, "text": factory.TEXT[:60]}]


def test_victim_count_is_a_lower_bound(factory: SimpleNamespace) -> None:
    report = factory.report(None)
    assert victim_count(report.incidents[0]) == 4  # "three defectors" (3) + "a source" (1)
    assert victim_count(replace(report.incidents[0], victims=())) is None


def test_save_many_documents_and_iterate_reports(factory: SimpleNamespace, store: Store) -> None:
    saved: dict[int, Report] = {}
    for i in range(5):
        doc = factory.document(f"<p>{i}</p>".encode(), url=f"https://news.example/n/{i}")
        report = factory.report(doc, url=f"https://news.example/n/{i}", title=f"Story {i}")
        saved[store.save(doc, report).article_id] = report  # type: ignore[index]
    got = dict(store.iter_reports())
    assert got.keys() == saved.keys()
    assert all(got[k].to_dict() == saved[k].to_dict() for k in saved)
