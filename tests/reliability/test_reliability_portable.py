"""Portable dump (``store/portable.py``): export -> import into an empty database loses nothing.

Every table of ``schema.metadata`` takes part, including those other capabilities add (review:
users, cases, edits, the audit log; collection): their rows are generated *from the column
types at run time*, so a table declared tomorrow is covered without editing this test. The
check compares the two SQLite files row by row with raw SQL (bytes, SQL NULL versus JSON
``null``, floats, ids), then checks evidence spans, search and a second dump of the copy.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from rightswatch.errors import StoreError
from rightswatch.records import Article, Incident, Quote, Report, Span
from rightswatch.store import Store
from rightswatch.store.engine import WRITE
from rightswatch.store.portable import dump_tables, export_dump, import_dump
from rightswatch.store.schema import metadata

CORE = {"documents", "articles", "incidents", "quotes", "failures"}


def _value(column: sa.Column[Any], i: int, rng: random.Random) -> Any:
    t = column.type
    if column.nullable and not column.primary_key and i % 4 == 3:
        return sa.null()
    if isinstance(t, sa.JSON):
        if column.nullable and i % 4 == 2:
            return sa.JSON.NULL  # JSON null, distinct from SQL NULL
        return {"i": i, "list": [1, None, "ü\u202e", 2.5], "nested": {"k": [True, False]}}
    if isinstance(t, sa.types._Binary):
        return bytes(rng.randrange(256) for _ in range(50)) + b"\x00"
    if isinstance(t, sa.Boolean):
        return i % 2 == 0
    if isinstance(t, sa.Integer):
        return i + 1
    if isinstance(t, sa.Float):
        return 0.1 * i + 1e-9
    if isinstance(t, sa.DateTime):
        import datetime as dt

        return dt.datetime(2024, 5, 1 + i % 28, 12, 30, 15)
    length = getattr(t, "length", None) or 60
    return f"{column.name[:6]}-{i}-é北"[:length]


def _fill_generic(conn: sa.Connection, table: sa.Table, n: int, rng: random.Random) -> int:
    """Insert ``n`` rows into ``table`` from its column types; foreign keys point at real rows."""
    refs: dict[str, list[Any]] = {}
    for column in table.columns:
        for fk in column.foreign_keys:
            target = fk.column
            refs[column.name] = list(conn.execute(sa.select(target).order_by(target)).scalars())
            if not refs[column.name]:
                return 0
    if refs:
        n = min([n] + [len(v) for v in refs.values()])
    for i in range(n):
        row = {}
        for column in table.columns:
            if column.name in refs:
                row[column.name] = refs[column.name][i % len(refs[column.name])]
            elif column is table.autoincrement_column:
                continue
            else:
                row[column.name] = _value(column, i, rng)
        conn.execute(table.insert().values(**row))
    return n


def _populate(store: Store, records) -> dict[str, int]:  # type: ignore[no-untyped-def]
    for i in range(3):
        report = records.report(i)
        store.save(records.document(report.article.text.encode("utf-8"), origin=f"test://doc/{i}",
                                    url=report.article.url), report)
    store.record_failure("test://bad", "decode-failed", "binary data", raw=b"\x00\xff\xfe" * 10)
    store.record_failure("test://gone", "not-found", "no such file")  # no bytes, no sha
    rng = random.Random(7)
    filled = {}
    with store.engine.connect() as conn:
        conn = conn.execution_options(**WRITE)
        with conn.begin():
            for table in metadata.sorted_tables:
                if table.name not in CORE:
                    filled[table.name] = _fill_generic(conn, table, 3, rng)
    return filled


def _raw_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    from rightswatch.store.search import is_search_object

    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for name in names:
            if name.startswith("sqlite_") or is_search_object(name) or name == "alembic_version":
                continue
            ncols = len(conn.execute(f'SELECT * FROM "{name}" LIMIT 0').description)
            order = ", ".join(str(k) for k in range(1, ncols + 1))
            # typeof() tells SQL NULL from the text 'null', blob from text, 1 from 1.0
            cols = ", ".join(f'quote("{c[1]}"), typeof("{c[1]}")' for c in conn.execute(f'PRAGMA table_info("{name}")'))
            out[name] = conn.execute(f'SELECT {cols} FROM "{name}" ORDER BY {order}').fetchall()
        return out
    finally:
        conn.close()


def _path(store: Store) -> Path:
    return Path(store.url.removeprefix("sqlite:///"))


def test_reliability_dump_round_trip_loses_nothing(tmp_path: Path, records) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'src.db'}") as src:
        filled = _populate(src, records)
        buf = io.StringIO()
        counts = export_dump(src, buf)
        src_rows = _raw_rows(_path(src))
        src_reports = list(src.iter_reports())
        src_hits = src.search("interrogation")
        src_incident = src.get_incident(1)
    assert counts.counts["documents"] == 3 and counts.counts["failures"] == 2
    for name, n in filled.items():
        assert counts.counts.get(name, 0) == n
    # the review capability's tables (when declared) really take part
    review = {"users", "cases", "incident_edits", "audit_log"} & set(filled)
    for name in review:
        assert filled[name] > 0, name

    with Store.open(f"sqlite:///{tmp_path / 'dst.db'}") as dst:
        imported = import_dump(dst, io.StringIO(buf.getvalue()))
        assert imported.counts == {k: v for k, v in counts.counts.items() if v}
        assert _raw_rows(_path(dst)) == src_rows  # every row, every column, byte for byte
        assert list(dst.iter_reports()) == src_reports  # every evidence span
        assert dst.search("interrogation") == src_hits
        assert dst.get_incident(1) == src_incident
        for _id, report in dst.iter_reports():
            for inc in report.incidents:
                for ev in inc.evidence:
                    assert ev.of(report.article.text)
        # new rows get fresh ids after the imported ones
        fresh = records.report(99)
        result = dst.save(records.document(fresh.article.text.encode(), origin="test://new"), fresh)
        assert result.document_id == 4
        again = io.StringIO()
        export_dump(dst, again)
    first = [line for line in buf.getvalue().splitlines()[1:-1]]
    second = [line for line in again.getvalue().splitlines()[1:-1]]
    assert set(first) <= set(second)


def test_reliability_import_refuses_truncated_or_foreign_dumps_and_writes_nothing(tmp_path: Path, store, records) -> None:
    _populate(store, records)
    buf = io.StringIO()
    export_dump(store, buf)
    lines = buf.getvalue().splitlines(keepends=True)
    with Store.open(f"sqlite:///{tmp_path / 'dst.db'}") as dst:
        for broken in (
            "".join(lines[:-1]),  # no end marker
            "".join(lines[:-2]) + lines[-1],  # a row missing: counts disagree
            "".join(lines)[:-40],  # cut mid-line
            "".join(lines[:1]) + '{"t": "documents", "r": {"id": 1, "raw": "***"}}\n' + lines[-1],
            '{"format": "something-else"}\n',
            "",
        ):
            with pytest.raises(StoreError):
                import_dump(dst, io.StringIO(broken))
            assert dst.status().documents == 0 and dst.status().failures == 0
        import_dump(dst, io.StringIO(buf.getvalue()))
        with pytest.raises(StoreError, match="not empty"):
            import_dump(dst, io.StringIO(buf.getvalue()))


text_no_surrogates = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    text = draw(text_no_surrogates)
    n = len(text)

    def span() -> Span:
        a = draw(st.integers(0, n))
        return Span(a, draw(st.integers(a, n)))

    incidents = tuple(
        Incident(draw(st.sampled_from(["torture", "arbitrary_detention"])), tuple(span() for _ in range(draw(st.integers(1, 3)))),
                 confidence=draw(st.floats(0, 1)))
        for _ in range(draw(st.integers(0, 3)))
    )
    quotes = []
    for _ in range(draw(st.integers(0, 2))):
        s = span()
        quotes.append(Quote(text[s.start : s.end], s.start, s.end, speaker=draw(st.none() | text_no_surrogates)))
    article = Article(text=text, title=draw(st.none() | text_no_surrogates), tags=tuple(draw(st.lists(text_no_surrogates, max_size=3))))
    return Report(article, incidents, tuple(quotes), relevance=draw(st.floats(0, 1)))


@hsettings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(reports(), min_size=1, max_size=8))
def test_reliability_dump_round_trip_any_reports(batch: list[Report], records, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("prop")
    with Store.open(f"sqlite:///{folder / 'a.db'}") as a, Store.open(f"sqlite:///{folder / 'b.db'}") as b:
        for i, report in enumerate(batch):
            raw = json.dumps([i, report.article.text]).encode("utf-8")
            a.save(records.document(raw, origin=f"prop://{i}", url=None), report)
        buf = io.StringIO()
        export_dump(a, buf)
        import_dump(b, io.StringIO(buf.getvalue()))
        assert list(b.iter_reports()) == list(a.iter_reports())
        assert _raw_rows(_path(b)) == _raw_rows(_path(a))


def test_reliability_dump_cli_gzip_round_trip(tmp_path: Path, store, records) -> None:
    from rightswatch.cli.app import app

    _populate(store, records)
    runner = CliRunner()
    dump = tmp_path / "all.jsonl.gz"
    result = runner.invoke(app, ["dump", str(dump), "--db", store.url])
    assert result.exit_code == 0, result.output
    with gzip.open(dump, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
    assert header["format"] == "rightswatch-dump" and "documents" in header["tables"]
    target = tmp_path / "copy.db"
    result = runner.invoke(app, ["load-dump", str(dump), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert _raw_rows(target) == _raw_rows(_path(store))
    with Store.open(f"sqlite:///{target}") as copy:
        assert {t.name for t in dump_tables(copy.engine.connect())} >= CORE
