"""Incidents: arguments, places, times and merging, on sentences written for the purpose."""

from __future__ import annotations

import pytest

from rightswatch.analyse.incidents import _dateline
from rightswatch.records import Article


def report(analyzer, text, published="2024-06-10"):
    return analyzer.analyse(Article(text=text, published=published, published_source="cli"))


def only(rep, label):
    found = [i for i in rep.incidents if i.type == label]
    assert found, [i.type for i in rep.incidents]
    return found[0]


def test_arrest_with_perpetrator_victims_count_place_time(analyzer):
    rep = report(analyzer, "Police in Laos arrested three North Korean defectors near the border with Thailand last week.")
    inc = only(rep, "arbitrary_detention")
    assert inc.perpetrator.type == "state_security_forces" and inc.perpetrator.country == "LA"
    assert inc.victims[0].count == 3 and inc.victims[0].population == "multiple"
    assert inc.place.country == "LA"
    assert inc.time is not None and inc.time.start == "2024-06-03"


def test_dateline_is_not_the_place(analyzer):
    rep = report(analyzer, "SEOUL, June 3 (Yonhap) -- Chinese police arrested five North Korean defectors in Yanji on Monday.")
    inc = only(rep, "arbitrary_detention")
    assert (inc.place.country, inc.place.city) == ("CN", "Yanji")


def test_the_one_who_crosses_is_the_victim(analyzer):
    rep = report(analyzer, "Three North Koreans crossed the Tumen River into China in January.")
    inc = only(rep, "border_crossing_defection")
    assert inc.perpetrator is None
    assert inc.victims and inc.victims[0].count == 3
    assert inc.time.year == 2024 and inc.time.month == 1


def test_reporting_time_is_not_event_time(analyzer):
    rep = report(analyzer, "The MSS arrested the smuggler in March, officials said on Monday.")
    inc = only(rep, "arbitrary_detention")
    assert (inc.time.year, inc.time.month, inc.time.granularity) == (2024, 3, "month")


def test_no_date_means_unresolved_not_guessed(analyzer):
    rep = report(analyzer, "Police detained the activist last month.", published=None)
    inc = only(rep, "arbitrary_detention")
    assert inc.time.text == "last month" and inc.time.year is None and inc.time.granularity == "unresolved"


def test_sentences_of_one_incident_merge(analyzer):
    text = (
        "Border guards beat a North Korean woman in Hyesan last month.\n\n"
        "The guards beat her again the next day, her relatives said."
    )
    rep = report(analyzer, text)
    torture = [i for i in rep.incidents if i.type == "torture"]
    assert len(torture) == 1 and len(torture[0].evidence) == 2


@pytest.mark.parametrize(
    "text,expected",
    [
        ("(Seoul) – North Korean women were", (0, 10)),
        ("BEIJING (Reuters) - China has", (0, 20)),
        ("Chinese police are piling - more", None),
    ],
)
def test_dateline(text, expected):
    got = _dateline(text)
    assert (None if got is None else (got.start, got.end)) == expected


def test_relevance_gate_skips_the_parser_for_unrelated_articles():
    from rightswatch.analyse import Analyzer

    gated = Analyzer("north_korea", min_relevance=0.2)
    sport = Article(text="The home team won the derby 2-1 after a late goal; the coach praised the fans.", title="Derby win")
    nk = Article(text="Chinese police arrested five North Korean defectors in Yanji, a source told Daily NK.", title="Defectors arrested")
    reports = list(gated.analyse_many([sport, nk, sport]))
    assert [r.article.title for r in reports] == ["Derby win", "Defectors arrested", "Derby win"]  # order kept
    assert reports[0].incidents == () and reports[0].relevance < 0.2
    assert reports[1].incidents and reports[1].relevance >= 0.2
    assert gated.skipped == 2


def test_a_conditional_punishment_told_is_a_threat_not_a_punishment(analyzer):
    rep = report(analyzer, "The workers were told that if they complained, their families back home would be punished.")
    assert [i.type for i in rep.incidents] == ["threat_intimidation"]
    assert "workers" in rep.incidents[0].victims[0].text


def test_workers_sent_abroad_is_forced_labour_where_they_are_sent(analyzer):
    rep = report(analyzer, "North Korea has sent about 1,500 more construction workers to Russia since August.")
    inc = only(rep, "forced_labor")
    assert inc.victims[0].count == 1500 and inc.place.country == "RU"
    letter = report(analyzer, "North Korea has sent a letter to Russia.")
    assert not [i for i in letter.incidents if i.type == "forced_labor"]
