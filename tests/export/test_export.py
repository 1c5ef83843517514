"""Every export format parses back, carries provenance and evidence, and is spreadsheet-safe."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightswatch.errors import ConfigError
from rightswatch.export import FORMATS, write_export
from rightswatch.export.tabular import csv_cell
from rightswatch.store import ExportRow, Store
from rightswatch.records import Actor, Article, Document, Incident, Place, Report, Span, TimeRef, Victim


TEXT = (
    "Police detained =SUM(A1:A9) protesters in Sinŭiju on 3 March 2024. "
    "Two of them were later released."
)


def make_doc(key: str) -> Document:
    raw = f"<html>{key}</html>".encode()
    url = f"https://news.example/{key}"
    return Document(raw, hashlib.sha256(raw).hexdigest(), "text/html", url, "url",
                    "2024-03-05T00:00:00+00:00", url=url)


def make_report(doc: Document, title: str, place: Place | None, types: tuple[str, ...]) -> Report:
    incidents = tuple(
        Incident(
            type=t,
            evidence=(Span(0, 66), Span(67, len(TEXT))),
            perpetrator=Actor("Police", "state-police", "KP", Span(0, 6)),
            victims=(Victim("=SUM(A1:A9) protesters", count=None, span=Span(16, 38)),),
            place=place,
            time=TimeRef("3 March 2024", 2024, 3, 3, "day", "2024-03-03", "2024-03-03", Span(53, 65)),
            confidence=0.75,
            extractor_version="test-1",
        )
        for t in types
    )
    article = Article(text=TEXT, title=title, published="2024-03-05", outlet="Example News",
                      url=doc.url, language="en", document_sha256=doc.sha256)
    return Report(article=article, incidents=incidents, relevance=0.5, extractor_version="test-1",
                  document_origin=doc.origin)


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    """Three incidents: two placed in Sinŭiju with coordinates (one has lon < 0), one unplaced."""
    with Store.open(f"sqlite:///{tmp_path / 'rw.db'}") as store:
        a = make_doc("a")
        sinuiju = Place("Sinŭiju", "KP", "North Pyongan", "Sinuiju", 40.1, 124.4, Span(42, 49))
        store.save(a, make_report(a, "-Arrests @ border", sinuiju, ("arbitrary-detention",)))
        b = make_doc("b")
        west = Place("Somewhere west", None, None, None, 10.5, -73.25)
        store.save(b, make_report(b, "+Two cases", west, ("arbitrary-detention",)))
        c = make_doc("c")
        store.save(c, make_report(c, "Unplaced", None, ("ill-treatment",)))
        yield store


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        yield store


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_parses_back_with_provenance(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "incidents.csv"
    assert write_export(filled, "csv", out) == 3
    rows = _csv_rows(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == list(ExportRow.flat_columns())
    assert [r["type"] for r in rows] == ["arbitrary-detention", "arbitrary-detention", "ill-treatment"]
    first = rows[0]
    assert first["article_url"] == "https://news.example/a"
    assert len(first["document_sha256"]) == 64
    assert first["city"] == "Sinuiju" and first["lat"] == "40.1"
    assert first["evidence_text"] == TEXT[:66] + " … " + TEXT[67:]
    assert rows[2]["lat"] == "" and rows[2]["place_text"] == ""
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]


def test_csv_cells_cannot_become_formulas(filled: Store) -> None:
    buf = io.StringIO()
    write_export(filled, "csv", buf)
    rows = _csv_rows(buf.getvalue())
    assert rows[0]["article_title"] == "'-Arrests @ border"
    assert rows[1]["article_title"] == "'+Two cases"
    assert rows[0]["victims"] == "'=SUM(A1:A9) protesters"
    assert rows[1]["lon"] == "-73.25"  # numbers are numbers, not text to defuse
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
    assert csv_cell("@cmd") == "'@cmd" and csv_cell("\t=1") == "'\t=1" and csv_cell(None) == ""
    assert csv_cell(-1.5) == -1.5 and csv_cell("plain") == "plain"


def test_jsonl_objects_nest_the_incident_record(filled: Store) -> None:
    buf = io.BytesIO()
    assert write_export(filled, "jsonl", buf) == 3
    assert not buf.closed  # the caller's stream stays open
    lines = buf.getvalue().decode("utf-8").splitlines()
    objs = [json.loads(line) for line in lines]
    assert len(objs) == 3
    first = objs[0]
    report = filled.get_report(first["article"]["id"])
    assert first["incident"] == report.to_dict()["incidents"][0]
    assert first["evidence"] == [
        {"start": 0, "end": 66, "text": TEXT[:66]},
        {"start": 67, "end": len(TEXT), "text": TEXT[67:]},
    ]
    for ev in first["evidence"]:
        assert TEXT[ev["start"] : ev["end"]] == ev["text"]
    assert first["article"]["url"] == "https://news.example/a"
    assert first["article"]["version"] == 1
    assert first["document"] == {
        "sha256": report.article.document_sha256,
        "origin": "https://news.example/a",
    }
    assert "Sinŭiju" in lines[0]  # UTF-8, not \\u escapes


def test_geojson_includes_unplaced_incidents_with_null_geometry(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    assert write_export(filled, "geojson", str(out)) == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert [f["type"] for f in features] == ["Feature"] * 3
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [124.4, 40.1]}  # lon, lat
    assert features[1]["geometry"]["coordinates"] == [-73.25, 10.5]
    assert features[2]["geometry"] is None
    props = features[0]["properties"]
    assert props["document_sha256"] and props["article_title"] == "-Arrests @ border"
    assert features[0]["id"] == props["incident_id"]


def test_parquet_reads_back_with_typed_columns(filled: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    out = tmp_path / "x" / "incidents.parquet"
    assert write_export(filled, "PARQUET", out) == 3
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert table.column_names == list(ExportRow.flat_columns())
    assert table.schema.field("lat").type == pa.float64()
    assert table.schema.field("incident_id").type == pa.int64()
    assert table.schema.field("type").type == pa.string()
    cols = table.to_pydict()
    assert cols["lat"] == [40.1, 10.5, None]
    assert cols["article_title"][0] == "-Arrests @ border"  # no CSV defusing in typed formats
    buf = io.BytesIO()
    write_export(filled, "parquet", buf)
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == 3


def test_parquet_refuses_a_text_stream(filled: Store) -> None:
    with pytest.raises(ConfigError, match="binary"):
        write_export(filled, "parquet", io.StringIO())


@pytest.mark.parametrize("fmt", ["xlsx", "", "csv;rm -rf", "json"])
def test_unknown_format_is_a_config_error(filled: Store, fmt: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        write_export(filled, fmt, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_empty_store_gives_valid_empty_files(empty: Store, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"empty{FORMATS[fmt]}"
    assert write_export(empty, fmt, out) == 0
    if fmt == "csv":
        assert _csv_rows(out.read_text()) == []
        assert out.read_text().startswith("incident_id,")
    elif fmt == "jsonl":
        assert out.read_text() == ""
    elif fmt == "geojson":
        assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows == 0 and table.column_names == list(ExportRow.flat_columns())


def test_failed_export_leaves_no_file(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rightswatch.export.documents as documents

    def boom(row: ExportRow) -> dict[str, object]:
        raise RuntimeError("half-way")

    monkeypatch.setattr(documents, "incident_object", boom)
    out = tmp_path / "incidents.jsonl"
    with pytest.raises(RuntimeError):
        write_export(filled, "jsonl", out)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert filled.status().incidents == 3  # the store's read connection was released
