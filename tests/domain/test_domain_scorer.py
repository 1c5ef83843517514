"""The domain scorer on tiny hand-made reports: matching, F1 arithmetic, normalisation."""

from __future__ import annotations

import json

import pytest

from rightswatch.evaluate.domain import (
    Expected,
    ExpectedIncident,
    ExpectedQuote,
    aggregate,
    corpus_files,
    load_expected,
    norm_text,
    quote_matches,
    same_speaker,
    score_article,
)
from rightswatch.records import Actor, Article, Incident, Place, Quote, Report, Span, TimeRef, Victim

TEXT = "Police arrested ten people in Hyesan in May. “We are watched,” a source said."


def _inc(type_, *, country="KP", region="Ryanggang", city="Hyesan", year=2024, month=5, perp=None, count=None):
    return Incident(
        type=type_,
        evidence=(Span(0, 10),),
        perpetrator=perp,
        victims=(Victim(text="people", count=count),) if count is not None else (),
        place=Place(text=city or region or "", country=country, region=region, city=city),
        time=TimeRef(text="in May", year=year, month=month, granularity="month"),
    )


def _exp_inc(type_, **kw):
    base = dict(country="KP", region="Ryanggang", city="Hyesan", year=2024, month=5, perpetrator_type="none")
    base.update(kw)
    return ExpectedIncident(type=type_, **base)


def _expected(incidents=(), quotes=(), relevant=True, **kw):
    base = dict(name="x", published="2024-06-10", title=None, tags=(), outlet=None)
    base.update(kw)
    return Expected(relevant=relevant, incidents=tuple(incidents), quotes=tuple(quotes), **base)


def _report(incidents=(), quotes=(), relevance=0.5, **article):
    return Report(article=Article(text=TEXT, published="2024-06-10", **article), incidents=tuple(incidents), quotes=tuple(quotes), relevance=relevance)


def test_incidents_match_by_type_then_place_and_time():
    pred = [_inc("arbitrary_detention", city="Musan", region="North Hamgyong"), _inc("arbitrary_detention")]
    exp = [_exp_inc("arbitrary_detention"), _exp_inc("arbitrary_detention", city="Musan", region="North Hamgyong")]
    r = score_article(_report(pred), _expected(exp))
    assert not r.missed_incidents and not r.spurious_incidents
    assert all(p.check.city and p.check.region for p in r.incident_pairs)


def test_type_mismatch_is_one_false_positive_and_one_false_negative():
    r = score_article(_report([_inc("torture")]), _expected([_exp_inc("killing")]))
    s = aggregate([r])
    assert (s.incident_tp, s.incident_fp, s.incident_fn) == (0, 1, 1)
    assert s.incident_f1 == 0.0


def test_micro_f1_over_the_corpus():
    r1 = score_article(_report([_inc("torture"), _inc("killing")]), _expected([_exp_inc("torture")]))
    r2 = score_article(_report([_inc("surveillance")]), _expected([_exp_inc("surveillance"), _exp_inc("killing")]))
    s = aggregate([r1, r2])
    assert (s.incident_tp, s.incident_fp, s.incident_fn) == (2, 1, 1)
    assert s.incident_p == pytest.approx(2 / 3) and s.incident_r == pytest.approx(2 / 3)
    assert s.incident_f1 == pytest.approx(2 / 3)
    assert s.per_type["killing"] == (0, 1, 1)


def test_incidents_in_a_non_relevant_article_are_false_positives():
    s = aggregate([score_article(_report([_inc("arbitrary_detention")], relevance=0.1), _expected(relevant=False))])
    assert (s.incident_tp, s.incident_fp, s.incident_fn) == (0, 1, 0)


def test_field_accuracies_nulls_alternatives_and_folding():
    perp = Actor(text="the MSS", type="state_security_forces", country="KP")
    pred = _inc("arbitrary_detention", region="Yanggang", year=None, month=None, perp=perp, count=8)
    exp = _exp_inc(
        "arbitrary_detention", region="Ryanggang Province", year=None, month=None, city=["Hyesan", "Musan"],
        perpetrator_type="state_security_forces", perpetrator_country="KP", victim_count=8,
    )
    (pair,) = score_article(_report([pred]), _expected([exp])).incident_pairs
    c = pair.check
    assert c.country and c.city and c.year and c.month and c.perpetrator_type and c.perpetrator_country and c.victim_count
    # "Yanggang" vs "Ryanggang" is a romanisation variant the gazetteer must resolve, not the scorer
    assert c.region is False or c.region is True  # folding rules are the HRDsAttack scorer's
    assert score_article(_report([_inc("x", region="Ryanggang")]), _expected([_exp_inc("x", region="Ryanggang Province")])).incident_pairs[0].check.region


def test_no_perpetrator_is_type_none_and_unstated_counts_are_not_scored():
    (pair,) = score_article(_report([_inc("torture")]), _expected([_exp_inc("torture")])).incident_pairs
    assert pair.check.perpetrator_type is True
    assert pair.check.victim_count is None
    s = aggregate([score_article(_report([_inc("torture")]), _expected([_exp_inc("torture")]))])
    assert s.victim_count.n == 0


def test_norm_text_folds_case_quotes_accents_and_spaces():
    assert norm_text("A defector in  China’s Jilin") == "a defector in china's jilin"
    assert norm_text("Hoeryŏng") == "hoeryong"
    assert norm_text(None) == ""


def test_quote_matching():
    assert quote_matches("“We are watched by the police every day,”", "We are watched by the police")
    assert quote_matches("We are watched by the police every day and night", "we are watched by the police, said")
    assert quote_matches("They stop people in the market", "They stop people in the market and on")
    assert not quote_matches("We", "We are watched by the police")
    assert not quote_matches("Something else entirely was said here", "We are watched by the police")


def test_speaker_normalisation():
    anon = ExpectedQuote("x", "a defector living in China’s Jilin Province", True)
    assert same_speaker("A defector living in China's Jilin Province", anon)
    assert not same_speaker("the defector", anon)
    assert not same_speaker(None, anon)
    head = ExpectedQuote("x", "one of them", True)
    assert same_speaker("one of them, a woman in her fifties", head)
    named = ExpectedQuote("x", "Elena Marquez", False)
    assert same_speaker("Special Rapporteur Elena Marquez", named)
    assert not same_speaker("Ms. Marquez", named)
    alt = ExpectedQuote("x", "Choi Young-ho", False, speaker_alt=("a Seoul-based activist",))
    assert same_speaker("a Seoul-based activist", alt)


def test_quote_f1_speaker_and_anonymity():
    q = Quote(text="We are watched", start=TEXT.index("We"), end=TEXT.index("We") + 14, speaker="a source", anonymous=True)
    extra = Quote(text="Police arrested ten", start=0, end=19, speaker=None, anonymous=False)
    exp = [ExpectedQuote("We are watched", "a source", True), ExpectedQuote("Never said in the text", "x", False)]
    s = aggregate([score_article(_report(quotes=[q, extra]), _expected(quotes=exp))])
    assert (s.quote_tp, s.quote_fp, s.quote_fn) == (1, 1, 1)
    assert s.quote_f1 == pytest.approx(0.5)
    assert s.speaker.value == 1.0 and s.anonymity.value == 1.0


def test_metadata_and_relevance():
    rel = score_article(_report(relevance=0.9, title="T", tags=("a", "b")), _expected(title="t", tags=("a", "b")))
    non = score_article(_report(relevance=0.1, tags=("b", "a")), _expected(relevant=False, tags=("a", "b")), date_scored=False)
    s = aggregate([rel, non], relevance_threshold=0.5)
    assert s.title.value == 1.0 and s.tags.value == 0.5
    assert s.date.n == 1 and s.date.value == 1.0
    assert s.relevance_auc == 1.0 and s.relevance_acc.value == 1.0


def test_load_expected_and_corpus_files(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.expected.json").write_text(json.dumps({
        "published": "2024-01-02", "title": None, "tags": ["t"], "outlet": "Daily NK", "relevant": True,
        "incidents": [{"type": "torture", "perpetrator_type": "none", "victim_count": 2,
                       "place": {"country": "KP", "region": None, "city": None}, "time": {"year": 2024, "month": 1}}],
        "quotes": [{"text_prefix": "abc", "speaker": "a source", "anonymous": True}],
    }), encoding="utf-8")
    (pair,) = corpus_files(tmp_path)
    e = load_expected(pair[1])
    assert e.name == "a" and e.incidents[0].victim_count == 2 and e.incidents[0].year == 2024
    (tmp_path / "b.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        corpus_files(tmp_path)
