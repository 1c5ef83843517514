"""Upgrades: a database made by the first schema (Alembic revision ``0001``) migrates to head
with its data intact.

The fixture database is built as rightswatch 0.1 left it: the schema of revision 0001 only (the
frozen migration, not today's ``schema.py``), rows written with raw SQL in the shape that
version wrote them (JSON as text, FTS rows beside the articles). Opening it with today's
``Store`` must upgrade it in place and serve every record, byte for byte, plus the tables of the
later revisions, empty and usable.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from rightswatch.records import Report
from rightswatch.store import Store
from rightswatch.store.backup import validate
from rightswatch.store.engine import migrate, open_engine
from rightswatch.store.schema import metadata

RAW = "<html><body><p>Agents arrested two women in Hyesan in March 2023.</p></body></html>".encode()
SHA = hashlib.sha256(RAW).hexdigest()
TEXT = "Agents arrested two women in Hyesan in March 2023."
REPORT = {
    "schema_version": "1.0", "title": "Two women arrested", "published": "2023-04-02", "published_source": "html-meta",
    "language": "en", "outlet": "Daily NK", "author": None, "url": "https://example.org/hyesan", "tags": ["arrests"],
    "captions": [], "text": TEXT, "boilerplate": [], "relevance": 0.8, "profile": "north_korea", "codebook": "default",
    "extractor_version": "rightswatch-0.1.0/default-1/north_korea", "document": {"sha256": SHA, "origin": "old.html"},
    "incidents": [{
        "type": "arbitrary_detention", "perpetrator": {"text": "Agents", "type": "state_security", "country": "KP",
                                                       "span": {"start": 0, "end": 6}},
        "victims": [{"text": "two women", "name": None, "population": "multiple", "count": 2, "sex": "female",
                     "age_group": "adult", "type": None, "span": {"start": 16, "end": 25}}],
        "place": {"text": "Hyesan", "country": "KP", "region": "Ryanggang", "city": "Hyesan", "lat": 41.4, "lon": 128.18,
                  "span": {"start": 29, "end": 35}},
        "time": {"text": "March 2023", "year": 2023, "month": 3, "day": None, "granularity": "month",
                 "start": "2023-03-01", "end": "2023-03-31", "span": {"start": 39, "end": 49}},
        "evidence": [{"start": 0, "end": 25}], "confidence": 0.7, "extractor_version": "rightswatch-0.1.0"}],
    "quotes": [],
}


def _make_v1_database(path: Path) -> None:
    engine = open_engine(f"sqlite:///{path}")
    try:
        migrate(engine, "0001")
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO documents (id, sha256, media_type, origin, origin_kind, url, received_at, size, raw, headers, hints) "
                "VALUES (1, ?, 'text/html', 'old.html', 'file', 'https://example.org/hyesan', '2023-04-02T00:00:00Z', ?, ?, ?, ?)",
                (SHA, len(RAW), RAW, json.dumps([["Content-Type", "text/html"]]), json.dumps([["feed", "dnk"]])),
            )
            conn.execute(
                "INSERT INTO articles (id, document_id, url, version, title, published, published_source, outlet, author, "
                "language, tags, captions, boilerplate, text, relevance, profile, codebook, report, extractor_version, analysed_at) "
                "VALUES (1, 1, 'https://example.org/hyesan', 1, 'Two women arrested', '2023-04-02', 'html-meta', 'Daily NK', NULL, "
                "'en', '[\"arrests\"]', '[]', '[]', ?, 0.8, 'north_korea', 'default', ?, 'rightswatch-0.1.0', '2023-04-02T00:00:01Z')",
                (TEXT, json.dumps(REPORT, ensure_ascii=False)),
            )
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, text, tags) VALUES (1, 'Two women arrested', ?, '[\"arrests\"]')",
                (TEXT,),
            )
            conn.execute(
                "INSERT INTO incidents (id, article_id, seq, type, confidence, perpetrator_text, perpetrator_type, "
                "perpetrator_country, victims, victim_count, place_text, country, region, city, lat, lon, time_text, year, month, "
                "day, granularity, time_start, time_end, evidence, extractor_version) VALUES (1, 1, 0, 'arbitrary_detention', 0.7, "
                "'Agents', 'state_security', 'KP', ?, 2, 'Hyesan', 'KP', 'Ryanggang', 'Hyesan', 41.4, 128.18, 'March 2023', 2023, 3, "
                "NULL, 'month', '2023-03-01', '2023-03-31', ?, 'rightswatch-0.1.0')",
                (json.dumps(REPORT["incidents"][0]["victims"]), json.dumps([{"start": 0, "end": 25, "text": TEXT[:25]}])),
            )
            conn.execute(
                "INSERT INTO failures (id, origin, sha256, reason, message, at, raw) VALUES "
                "(1, 'bad.txt', NULL, 'decode-failed', 'binary', '2023-04-02T00:00:02Z', X'00FF')"
            )
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        conn.close()


def test_reliability_first_schema_database_upgrades_with_data_intact(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    _make_v1_database(db)
    with Store.open(f"sqlite:///{db}") as store:  # migrates to head
        with store.engine.connect() as conn:
            head = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            present = set(sa.inspect(conn).get_table_names())
        assert head != "0001"
        assert {t.name for t in metadata.sorted_tables} <= present  # later revisions' tables exist
        doc = store.get_document(SHA)
        assert doc.raw == RAW and doc.headers == (("Content-Type", "text/html"),) and doc.hints == (("feed", "dnk"),)
        report = store.get_report(1)
        assert report == Report.from_dict(REPORT)
        ev = report.incidents[0].evidence[0]
        assert ev.of(report.article.text) == "Agents arrested two women"
        detail = store.get_incident(1)
        assert [e.text for e in detail.evidence] == ["Agents arrested two women"]
        assert detail.row.country == "KP"
        assert [h.article_id for h in store.search("Hyesan")] == [1]
        counts = store.status()
        assert (counts.documents, counts.articles, counts.incidents, counts.failures) == (1, 1, 1, 1)
        assert counts.failures_by_reason == {"decode-failed": 1}
        # the upgraded database takes new writes, and the old article's URL gets version 2
        new_raw = RAW + b"<!-- v2 -->"
        from rightswatch.records import Document

        new_doc = Document(new_raw, hashlib.sha256(new_raw).hexdigest(), "text/html", "new.html", "file",
                           "2024-01-01T00:00:00Z", url="https://example.org/hyesan")
        result = store.save(new_doc, Report.from_dict({**REPORT, "document": {}}))
        assert result.status == "stored" and result.article_id == 2
    info = validate(db)
    assert info.revision == head and info.tables["documents"] == 2
