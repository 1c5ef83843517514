"""Reading: incident lists and details, reports, status counts and export rows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rightswatch.errors import NotFound
from rightswatch.records import Place, replace
from rightswatch.store import MAX_PAGE, Store


@pytest.fixture
def filled(factory: SimpleNamespace, store: Store) -> Store:
    """Three articles: May 2024 (2 incidents, KP), Jan 2023 (1, CN), undated (1, no place)."""
    a = factory.document(b"<p>a</p>", url="https://news.example/a")
    store.save(a, factory.report(a, url="https://news.example/a"))
    b = factory.document(b"<p>b</p>", url="https://news.example/b")
    rb = factory.report(b, url="https://news.example/b", incident_types=("forced-repatriation",),
                     time_start="2023-01-01", title="Repatriation from Jilin")
    jilin = Place(text="Jilin", country="CN", region="Jilin")
    rb = replace(rb, incidents=tuple(replace(i, place=jilin) for i in rb.incidents))
    store.save(b, rb)
    c = factory.document(b"<p>c</p>", url="https://news.example/c")
    store.save(c, factory.report(c, url="https://news.example/c", incident_types=("killing",),
                              time_start=None, published=None, lat=None, lon=None,
                              title="Undated killing report"))
    return store


def test_list_is_newest_first_then_by_id(filled: Store) -> None:
    rows = filled.list_incidents()
    assert [(r.type, r.time_start) for r in rows] == [
        ("torture", "2024-05-01"),
        ("arbitrary-detention", "2024-05-01"),
        ("forced-repatriation", "2023-01-01"),
        ("killing", None),
    ]
    first = rows[0]
    assert first.article_title == "Three defectors arrested in Hoeryong"
    assert first.outlet == "Example News"
    assert first.victims == "three defectors; a source"
    assert first.victim_count == 4
    assert first.place == "Hoeryong, North Hamgyong, KP"
    assert first.perpetrator_text == "North Korean security agents"
    assert first.date == "2024-05-01"
    assert rows[2].place == "Jilin, CN"


def test_list_filters(filled: Store) -> None:
    assert [r.type for r in filled.list_incidents(type="torture")] == ["torture"]
    assert {r.type for r in filled.list_incidents(country="cn")} == {"forced-repatriation"}
    assert len(filled.list_incidents(country="KP")) == 3  # two dated + the undated one
    assert filled.list_incidents(type="no-such-type") == []
    assert {r.type for r in filled.list_incidents(q="Jilin")} == {"forced-repatriation"}
    assert {r.type for r in filled.list_incidents(q="undated", type="killing")} == {"killing"}
    # Matched through a quote only:
    assert len(filled.list_incidents(q="interrogation")) == 4
    assert filled.list_incidents(q='"(*') == []
    assert len(filled.list_incidents(q="  ")) == 4  # a blank search box is no filter


def test_list_paging_is_clamped(filled: Store) -> None:
    everything = filled.list_incidents()
    assert filled.list_incidents(limit=2) == everything[:2]
    assert filled.list_incidents(limit=2, offset=2) == everything[2:4]
    assert filled.list_incidents(limit=-5) == []
    assert filled.list_incidents(offset=-1) == everything
    assert len(filled.list_incidents(limit=10**9)) == len(everything) <= MAX_PAGE


def test_get_incident_has_record_evidence_and_provenance(factory: SimpleNamespace, filled: Store) -> None:
    row = filled.list_incidents(type="torture")[0]
    detail = filled.get_incident(row.id)
    assert detail.row == row
    assert detail.incident.type == "torture"
    assert detail.incident.place is not None and detail.incident.place.text == "Hoeryŏng"
    assert detail.article.text == factory.TEXT
    assert detail.article.url == "https://news.example/a"
    assert detail.document_origin == "https://news.example/a"
    assert len(detail.document_sha256) == 64
    assert [e.text for e in detail.evidence] == [factory.TEXT[:60], factory.TEXT[:20]]
    for span, ev in zip(detail.incident.evidence, detail.evidence):
        assert (span.start, span.end) == (ev.start, ev.end)
        assert detail.article.text[span.start : span.end] == ev.text


def test_unknown_ids_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="incident"):
        store.get_incident(12345)
    with pytest.raises(NotFound, match="article"):
        store.get_report(12345)


def test_status_counts(filled: Store) -> None:
    filled.record_failure("/x", "too-large", "30 MB")
    s = filled.status()
    assert (s.documents, s.articles, s.incidents, s.quotes, s.failures) == (3, 3, 4, 3, 1)
    assert s.incidents_by_type == {
        "arbitrary-detention": 1, "forced-repatriation": 1, "killing": 1, "torture": 1,
    }
    assert s.failures_by_reason == {"too-large": 1}


def test_export_rows_carry_provenance(factory: SimpleNamespace, filled: Store) -> None:
    rows = list(filled.iter_export_rows())
    assert [r.incident_id for r in rows] == sorted(r.incident_id for r in rows)
    assert len(rows) == 4
    first = rows[0]
    report = filled.get_report(first.article_id)
    assert first.incident == report.to_dict()["incidents"][0]
    assert first.article_url == "https://news.example/a"
    assert first.document_origin == "https://news.example/a"
    assert first.evidence_text == factory.TEXT[:60]
    assert rows[1].evidence_text == factory.TEXT[:60] + " … " + factory.TEXT[:20]
    flat = first.flat()
    assert "incident" not in flat and "evidence" not in flat
    assert flat["document_sha256"] == first.document_sha256


def test_export_rows_stream_can_be_closed_early(filled: Store) -> None:
    it = filled.iter_export_rows()
    next(it)
    it.close()  # releases the connection; the store stays usable
    assert filled.status().incidents == 4
