"""The canonical example: the Daily NK seed article must come out right (issue 2)."""

from __future__ import annotations

import json
import re

import pytest

from rightswatch.collect import iter_documents
from rightswatch.extract import extract_article
from rightswatch.records import Report
from rightswatch.settings import Settings


def _norm(s: str | None) -> str:
    return (s or "").lower().replace("’", "'")


@pytest.fixture(scope="module")
def report(analyzer, seed_path) -> Report:
    settings = Settings(published="2024-06-10")
    docs = list(iter_documents([seed_path], settings))
    assert len(docs) == 1
    article = extract_article(docs[0], settings)
    return analyzer.analyse(article)


def test_metadata(report):
    a = report.article
    assert list(a.tags) == [
        "china", "chinese", "chinese flag", "flag", "river", "border", "north korea",
        "defections", "defectors", "overseas labor", "workers",
    ]
    assert a.captions == ("FILE PHOTO: The national flag of the People's Republic of China. (Daily NK)",)
    assert a.outlet == "Daily NK"
    assert a.published == "2024-06-10" and a.published_source == "cli"
    assert a.language == "en"
    assert a.text.startswith("Chinese police are piling")
    assert "Read in Korean" not in a.text and "Please send any comments" not in a.text
    assert any("network of sources" in b for b in a.boilerplate)


def test_every_span_is_evidence(report):
    text = report.article.text
    for inc in report.incidents:
        assert inc.evidence
        for ev in inc.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
        for part in (inc.perpetrator, inc.place, inc.time, *inc.victims):
            if part is not None and part.span is not None:
                assert text[part.span.start : part.span.end] == part.text
    for q in report.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_span:
            assert text[q.speaker_span.start : q.speaker_span.end] == q.speaker


def _of_type(report, label):
    return [i for i in report.incidents if i.type == label]


def test_threat_by_chinese_police_intensified_in_may_2024(report):
    threats = [
        i for i in _of_type(report, "threat_intimidation")
        if i.perpetrator and i.perpetrator.type == "state_security_forces" and i.perpetrator.country == "CN"
        and "police" in _norm(i.perpetrator.text)
        and any("defectors" in _norm(v.text) and v.population == "multiple" for v in i.victims)
        and i.place and i.place.country == "CN"
    ]
    assert threats, [(i.type, i.perpetrator, i.victims, i.place) for i in report.incidents]
    t = threats[0].time
    assert t is not None and (t.year, t.month) == (2024, 5) and t.granularity == "month"


def test_surveillance_by_chinese_police(report):
    surv = [
        i for i in _of_type(report, "surveillance")
        if i.perpetrator and "police" in _norm(i.perpetrator.text) and i.perpetrator.type == "state_security_forces"
        and any("defector" in _norm(v.text) for v in i.victims)
    ]
    assert surv


def test_jilin_defector_account_placed_in_jilin(report):
    jilin = [i for i in report.incidents if i.place and i.place.region == "Jilin" and i.place.country == "CN"]
    assert jilin
    assert any(any("jilin" in _norm(v.text) for v in i.victims) for i in jilin)
    # all of her account (her arrests, the threats against her where she lives) is placed there:
    # not in South Korea, where she tried to go
    hers = [i for i in report.incidents if any("jilin" in _norm(v.text) for v in i.victims)]
    assert {i.type for i in hers} == {"arbitrary_detention", "threat_intimidation"}
    assert all(i.place and (i.place.country, i.place.region) == ("CN", "Jilin") for i in hers), [(i.type, i.place) for i in hers]


def test_two_arrests_during_the_pandemic_no_year_guessed(report):
    arrests = [i for i in _of_type(report, "arbitrary_detention") if i.time and "pandemic" in i.time.text]
    assert arrests
    t = arrests[0].time
    assert t.year is None and t.granularity in ("interval", "unresolved")
    assert any("arrested and released twice" in report.article.text[e.start : e.end] for e in arrests[0].evidence)


def test_repatriations_last_year_are_2023(report):
    rep = _of_type(report, "forced_repatriation")
    assert rep
    assert any(i.time and i.time.year == 2023 and i.time.granularity == "year" for i in rep)


def test_no_incident_from_conditionals_or_the_refugee_convention(report):
    text = report.article.text
    for inc in report.incidents:
        for ev in inc.evidence:
            assert "Refugee Convention" not in text[ev.start : ev.end], inc
    # "may well be repatriated", "could be sent back": part of threats, never repatriations
    for inc in _of_type(report, "forced_repatriation"):
        for ev in inc.evidence:
            sentence = text[ev.start : ev.end]
            assert not re.search(r"\b(may|could|might)\b", sentence), sentence


def test_five_quotes_three_from_the_source_two_from_the_defector(report):
    qs = report.quotes
    assert len(qs) == 5
    speakers = [_norm(q.speaker) for q in qs]
    assert speakers.count("a source in china") == 3
    assert speakers.count("a defector living in china's jilin province") == 2
    assert all(q.anonymous for q in qs)


def test_report_json_round_trip(report):
    d = report.to_dict()
    again = Report.from_dict(json.loads(json.dumps(d)))
    assert again.to_dict() == d
