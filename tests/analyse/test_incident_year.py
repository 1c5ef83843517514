"""The year of incidents the text does not date (``analyse.incident_year``)."""

from __future__ import annotations

from datetime import date

import pytest

from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.incident_year import article_times, datable, date_undated, undated, year_features
from rightswatch.analyse.profile import load_profile
from rightswatch.records import Article, Incident, Report, Span, TimeRef

FRESH = (
    "Chinese police detained three North Korean women at a bus station in Yanji last week, a source in "
    "Jilin Province told Daily NK on Tuesday.\n\n"
    "The women had crossed the Tumen River in October, the source said.\n\n"
    "\"They will be sent back soon,\" the source said.\n\n"
    "The source added that police questioned the women for two days. One of the women was beaten during questioning.\n\n"
    "A relative of one woman said the family had paid a broker 20 million won."
)
RECALLED = (
    "A defector who now lives in Seoul says she was sent back from China twice.\n\n"
    "In 2012 she was caught in Tumen and handed to North Korean border guards, she said. "
    "\"They kicked me until I could not stand,\" she said.\n\n"
    "After her release, she worked at a market in Hoeryong for three years.\n\n"
    "State security agents questioned her about her contacts in China, she said. She was beaten during questioning."
)


def _report(text: str, incidents: tuple[Incident, ...], published: str | None = "2026-11-20") -> Report:
    return Report(article=Article(text=text, title="A title", published=published), incidents=incidents)


def _at(text: str, phrase: str, kind: str, time: TimeRef | None = None) -> Incident:
    start = text.index(phrase)
    return Incident(type=kind, evidence=(Span(start, start + len(phrase)),), time=time)


def test_features_read_the_article_around_the_act():
    text = "Police arrested him in 2019.\n\nHe was beaten in custody.\n\nIn March 2026 his wife was questioned."
    report = _report(text, (
        _at(text, "Police arrested him in 2019.", "arbitrary_detention", TimeRef("2019", year=2019, granularity="year", span=Span(22, 26))),
        _at(text, "He was beaten in custody.", "torture"),
    ))
    published = date(2026, 11, 20)
    f = year_features(report, 1, published, article_times(report, published), "past")
    assert f["paragraph=1"] == 1.0 and f["type=torture"] == 1.0 and f["tense=past"] == 1.0
    assert f["last_time_earlier"] == 1.0 and f["last_incident_earlier"] == 1.0  # 2019 was told last before it
    assert f["times_this_year"] == 0.5 and f["times_earlier"] == 0.5  # "2019" and "March 2026"
    assert f["paragraph_this_year"] == 0.0 and f["sentence_dated"] == 0.0


def test_an_act_told_before_a_dated_act_of_its_sentence_is_not_dated():
    text = "China sent back 60 defectors last week, including women who had been sold to farmers."
    last_week = TimeRef("last week", year=2026, month=11, granularity="interval", span=Span(text.index("last week"), text.index("last week") + 9))
    report = _report(text, (_at(text, text, "forced_repatriation", last_week), _at(text, text, "kidnapping_trafficking")))
    assert not datable(report, 1, "pluperfect")
    assert datable(report, 1, "past")
    always = IncidentScorer(("bias",), (5.0,), 0.5)
    assert date_undated(report, always, ["past", "pluperfect"]) is report
    assert date_undated(report, always, ["past", "past"]).incidents[1].time is not None


def test_only_incidents_with_no_time_are_dated_and_the_evidence_is_the_publication_date():
    text = "She was arrested at the market. He was held during the pandemic."
    pandemic = TimeRef("during the pandemic", granularity="unresolved", span=Span(text.index("during"), len(text) - 1))
    report = _report(text, (
        _at(text, "She was arrested at the market.", "arbitrary_detention"),
        _at(text, "He was held during the pandemic.", "arbitrary_detention", pandemic),
    ))
    assert undated(report) == [0]
    always = IncidentScorer(("bias",), (5.0,), 0.5)
    dated = date_undated(report, always)
    when = dated.incidents[0].time
    assert when is not None and (when.year, when.month, when.granularity) == (2026, None, "year")
    assert when.span is None and when.end == "2026-11-20" and "publication" in when.text
    assert dated.incidents[1].time == pandemic  # a time the text gives is not replaced by a guess
    never = IncidentScorer(("bias",), (-5.0,), 0.5)
    assert date_undated(report, never) is report
    no_date = _report(text, report.incidents, published=None)
    assert date_undated(no_date, always) is no_date  # no publication date: nothing to date by


def test_the_north_korea_profile_ships_a_model_and_the_general_one_does_not():
    path = load_profile("north_korea").incident_year
    assert path is not None and path.is_file()
    model = IncidentScorer.load(path)
    assert "bias" in model.features and 0.0 < model.threshold < 1.0
    assert load_profile("general").incident_year is None


def _torture(report: Report) -> Incident:
    return next(i for i in report.incidents if i.type == "torture" and "during questioning" in report.article.text[i.evidence[0].start : i.evidence[0].end])


@pytest.fixture(scope="module")
def undating():
    from rightswatch.analyse import Analyzer

    return Analyzer("north_korea", incident_year=False)


def test_an_undated_act_in_a_fresh_report_is_of_the_year_of_publication(analyzer, undating):
    article = Article(text=FRESH, title="Chinese police detain defectors in Yanji", published="2026-11-20")
    assert _torture(undating.analyse(article)).time is None
    beaten = _torture(analyzer.analyse(article))
    assert beaten.time is not None and beaten.time.year == 2026 and beaten.time.span is None


def test_an_undated_act_in_a_story_of_earlier_years_stays_undated(analyzer):
    article = Article(text=RECALLED, title="A defector recalls", published="2026-11-20")
    assert _torture(analyzer.analyse(article)).time is None
