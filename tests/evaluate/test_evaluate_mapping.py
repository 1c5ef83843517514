from __future__ import annotations

import pytest

from rightswatch.evaluate import (
    MainEventRule,
    always_empty,
    always_state_actor,
    hrds_mapping,
    to_hrds,
)
from rightswatch.evaluate.mapping import _FALLBACK_INCIDENT_MAP, _FALLBACK_PERPETRATOR_MAP
from rightswatch.evaluate.schema import PERPETRATOR_TYPES, VIOLATION_TYPES, HrdsGold, HrdsSample
from rightswatch.records import Actor, Article, Incident, Place, Report, Span, TimeRef, Victim

TEXT = (
    "Police arrested journalist Ana Silva in Lagos on February 26, 2021.\n\n"
    "Guards beat her in custody.\n\n"
    "In 2015, soldiers killed two farmers in Jos."
)
P2 = TEXT.index("Guards")
P3 = TEXT.index("In 2015")

POLICE = Actor("Police", "state_security_forces", "NG", Span(0, 6))
ANA = Victim("journalist Ana Silva", name="Ana Silva", population="individual", sex="female",
             age_group="adult", type="journalist", span=Span(16, 36))  # fmt: skip
LAGOS = Place("Lagos", country="NG", region="Lagos", city="Lagos")
FEB26 = TimeRef("February 26, 2021", 2021, 2, 26, "day")


@pytest.fixture(autouse=True)
def rule_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the rule: the installed trained models (label classifier, event
    ranker) stay out of the answer, whatever files are installed."""
    import rightswatch.evaluate.mapping as mapping

    monkeypatch.setattr(mapping, "_trained_labels", lambda report, rule: None)
    monkeypatch.setattr(mapping, "_ranker_picks", lambda report, rule: None)


def report(*incidents: Incident) -> Report:
    return Report(article=Article(text=TEXT), incidents=incidents)


def detention(conf: float = 0.8) -> Incident:
    return Incident("arbitrary_detention", (Span(7, 15),), POLICE, (ANA,), LAGOS, FEB26, conf)


def beating() -> Incident:
    # Same event (same victim), later paragraph, no place/time of its own.
    guards = Actor("Guards", "state_security_forces")
    return Incident("torture", (Span(P2, P2 + 20),), guards, (ANA,), confidence=0.7)


def killing(conf: float = 0.8) -> Incident:
    return Incident(
        "killing",
        (Span(P3 + 17, P3 + 23),),
        Actor("soldiers", "state_security_forces"),
        (Victim("two farmers", population="multiple", count=2),),
        Place("Jos", country="NG", region="Plateau", city="Jos"),
        TimeRef("In 2015", 2015, None, None, "year"),
        conf,
    )  # fmt: skip


def test_main_event_and_group() -> None:
    pred = to_hrds(report(killing(), beating(), detention()))
    # Equal confidence: the earlier detention wins; the beating joins (shared victim),
    # the 2015 killing does not (other paragraph, time, place, victims).
    assert pred.violation_types == ("arbitrary detention", "torture")
    assert pred.perpetrator_mention is True and pred.perpetrator_type == "state actor"
    # a capital that is its own province is answered as the city only (annotators' practice)
    assert (pred.country, pred.region, pred.city) == ("Nigeria", None, "Lagos")
    assert (pred.year, pred.month, pred.day) == (2021, 2, 26)
    assert [v.to_dict() for v in pred.victims] == [
        {"victim_name": "Ana Silva", "victim_type": ["journalist"], "victim_sex_type": "woman",
         "victim_age_group": "adult", "victim_population_type": "individual"}
    ]  # fmt: skip


def test_confidence_beats_position() -> None:
    pred = to_hrds(report(detention(conf=0.3), killing(conf=0.9)))
    assert pred.violation_types == ("killing",)
    assert (pred.city, pred.year, pred.month, pred.day) == ("Jos", 2015, None, None)
    assert pred.victims[0].name is None and pred.victims[0].population == "multiple"


def test_all_types_rule_unions_everything() -> None:
    pred = to_hrds(report(detention(), killing()), rule=MainEventRule(all_types=True))
    assert pred.violation_types == ("arbitrary detention", "killing")


def test_no_perpetrator_and_no_incident() -> None:
    nobody = Incident("other", (Span(0, 6),), Actor("", "none"), (ANA,))
    pred = to_hrds(report(nobody), MainEventRule(perpetrator_prior=None))
    assert pred.perpetrator_mention is False and pred.perpetrator_type is None
    # by default the benchmark's prior answers for articles where we found nobody
    prior = to_hrds(report(nobody))
    assert prior.perpetrator_mention is True and prior.perpetrator_type == "state actor"
    assert pred.violation_types == ("other",)
    empty = to_hrds(report(), MainEventRule(perpetrator_prior=None))
    assert empty.violation_types == () and empty.perpetrator_mention is False
    unknown = Incident("kidnapping_trafficking", (Span(0, 6),), Actor("gunmen", "unknown"))
    assert to_hrds(report(unknown)).perpetrator_type == "insufficient info"


def test_mapping_comes_from_the_codebook_in_hrdsattack_vocabulary() -> None:
    m = hrds_mapping("default")
    assert m.source == "codebook:default"
    assert set(m.incident.values()) <= set(VIOLATION_TYPES)
    assert set(m.perpetrator.values()) <= set(PERPETRATOR_TYPES) | {None}
    assert m.perpetrator_type("none") is None
    assert m.violation("not_a_label") == "other"


def test_fallback_mapping_when_codebook_missing() -> None:
    m = hrds_mapping("no_such_codebook")
    assert m.source == "fallback"
    assert (m.incident, m.perpetrator) == (_FALLBACK_INCIDENT_MAP, _FALLBACK_PERPETRATOR_MAP)


def test_baselines() -> None:
    gold = HrdsGold(
        True, "state actor", frozenset({"killing"}), None, None, None, None, None, None, None
    )
    sample = HrdsSample(7, "t", None, "<p>x</p>", gold)
    assert always_empty(sample).to_dict()["perpetrator_mention"] is False
    p = always_state_actor(sample)
    assert (p.id, p.perpetrator_mention, p.perpetrator_type) == (7, True, "state actor")


def test_region_only_when_the_events_sentences_name_it() -> None:
    text = "Soldiers killed two farmers in Jos, Plateau State.\n\nThe army later arrested three activists in Jos."
    plateau = Place("Jos", country="NG", region="Plateau", city="Jos")
    soldiers = Actor("Soldiers", "state_security_forces")
    named = Incident("killing", (Span(0, 50),), soldiers, (), plateau, None, 0.9)
    art = Article(text=text)
    assert to_hrds(Report(article=art, incidents=(named,))).region == "Plateau"
    second = text.index("The army")
    unnamed = Incident("arbitrary_detention", (Span(second, len(text)),), soldiers, (), plateau, None, 0.9)
    assert to_hrds(Report(article=art, incidents=(unnamed,))).region is None


def test_year_fallback_auto_publication_year_when_nothing_is_dated() -> None:
    text = "Police arrested the editor.\n\nThe paper was founded in 2009."
    undated = Incident("arbitrary_detention", (Span(0, 27),), POLICE, (), None, None, 0.9)
    article = Article(text=text, published="2021-05-04")
    rule = MainEventRule(classifier=False, ranker=False)
    assert to_hrds(Report(article=article, incidents=(undated,)), rule).year == 2021
    assert to_hrds(Report(article=article, incidents=(undated,)), MainEventRule(classifier=False, ranker=False, year_fallback="first-in-text")).year == 2009
    # another incident of the article is dated (a story about the past): the first year written
    old = Incident("killing", (Span(29, len(text)),), None, (), None, TimeRef("2009", 2009, None, None, "year"), 0.2)
    other_paragraph = Report(article=article, incidents=(undated, old))
    assert to_hrds(other_paragraph, rule).year == 2009
    assert to_hrds(other_paragraph, MainEventRule(classifier=False, ranker=False, year_fallback="none")).year is None


def test_every_answered_field_points_at_its_evidence() -> None:
    police = Actor("Police", "state_security_forces", "NG", Span(0, 6))
    lagos = Place("Lagos", country="NG", region="Lagos", city="Lagos", span=Span(TEXT.index("Lagos"), TEXT.index("Lagos") + 5))
    feb = TimeRef("February 26, 2021", 2021, 2, 26, "day", span=Span(TEXT.index("February"), TEXT.index("February") + 17))
    inc = Incident("arbitrary_detention", (Span(0, TEXT.index("\n\n")),), police, (ANA,), lagos, feb, 0.9)
    pred = to_hrds(report(inc), MainEventRule(classifier=False, ranker=False))
    spans = {name: TEXT[a:b] for name, a, b in pred.evidence}
    assert spans["perpetrator"] == "Police" and spans["city"] == "Lagos" and spans["country"] == "Lagos"
    assert spans["year"] == spans["month"] == spans["day"] == "February 26, 2021"
    assert spans["victim:Ana Silva"] == "journalist Ana Silva"
    assert spans["violation_types"].startswith("Police arrested")
    assert "region" not in spans  # not answered: a capital that is its own province
    assert pred.to_dict()["evidence"]["city"] == [TEXT.index("Lagos"), TEXT.index("Lagos") + 5]
