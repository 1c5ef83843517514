"""The incident scorer: features read off how an incident is told, a logistic model, a threshold."""

from __future__ import annotations

import json
import math

import pytest

from rightswatch.analyse.incident_scorer import FEATURES, IncidentScorer, count_group, likeliest_kept
from rightswatch.analyse.profile import load_profile
from rightswatch.errors import ConfigError
from rightswatch.records import Article, Victim


@pytest.fixture(scope="module")
def unscored():
    from rightswatch.analyse import Analyzer

    return Analyzer("north_korea", incident_scorer=False)


def _features(analyzer, text: str, published: str = "2026-03-10") -> list[tuple[str, dict[str, float]]]:
    [(doc, report)] = list(analyzer.analyse_docs([Article(text=text, published=published)]))
    return [(i.type, f) for i, f in zip(report.incidents, doc._.rw_incident_features)]


def test_score_is_the_logistic_of_the_weighted_features():
    scorer = IncidentScorer(("bias", "victims", "no_time"), (-1.0, 2.0, -0.5), 0.5)
    assert scorer.score({"bias": 1.0, "victims": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert scorer.score({"bias": 1.0, "victims": 1.0, "no_time": 1.0}) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert scorer.score({"bias": 1.0, "unknown_feature": 9.0}) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_model_files_are_checked(tmp_path):
    good = IncidentScorer(("bias",), (0.5,), 0.4, {"sets": ["x"]}).to_dict()
    assert IncidentScorer.from_dict(good) == IncidentScorer(("bias",), (0.5,), 0.4, {"sets": ["x"]})
    with pytest.raises(ValueError, match="differ in length"):
        IncidentScorer.from_dict({**good, "weights": [0.1, 0.2]})
    with pytest.raises(ValueError, match="unknown format"):
        IncidentScorer.from_dict({**good, "format": "something/else"})
    broken = tmp_path / "incident_scorer.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="incident scorer"):
        IncidentScorer.load(broken)


def test_the_north_korea_profile_ships_a_model_for_the_features_the_code_reads():
    path = load_profile("north_korea").incident_scorer
    assert path is not None and path.name == "incident_scorer.json"
    model = IncidentScorer.load(path)
    assert model.features == FEATURES  # retrain (scripts/train_incident_scorer.py) after changing FEATURES
    assert 0.0 < model.threshold < 1.0
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert meta["cv"] == "leave-one-set-out" and "heldout6" not in meta["sets"]  # blind sets stay unread
    assert load_profile("general").incident_scorer is None  # no annotated sets: every incident the rules build


def test_the_scorer_sets_confidence_and_drops_what_scores_below_its_threshold(unscored):
    text = (
        "Border guards in Hyesan beat a smuggler with a rifle butt on Monday, a source said.\n\n"
        "Police in Musan arrested two traders on Friday."
    )
    article = Article(text=text, published="2026-03-10")
    assert sorted(i.type for i in unscored.analyse(article).incidents) == ["arbitrary_detention", "torture"]
    component = unscored.nlp.get_pipe("rw_incidents")
    component.scorer = IncidentScorer(("bias", "type_torture"), (-5.0, 10.0), 0.5)
    try:
        [kept] = unscored.analyse(article).incidents
    finally:
        component.scorer = None
    assert kept.type == "torture"
    assert kept.confidence == pytest.approx(round(1 / (1 + math.exp(-5.0)), 3))


def test_the_count_of_a_type_kept_is_what_its_probabilities_add_up_to():
    group = count_group("arbitrary_detention", [Victim("defectors", population="multiple")])
    one = count_group("arbitrary_detention", [Victim("a woman", population="individual", count=1)])
    assert group != one and count_group("arbitrary_detention", []) == one
    # three tellings of a group's arrest, 0.6 + 0.5 + 0.45 = 1.55: one kept at offset 0.4, two at 0.5
    scores, groups = [0.5, 0.6, 0.45], [group] * 3
    assert likeliest_kept(scores, groups, 0.4, None) == [0, 1, 2]
    assert likeliest_kept(scores, groups, 0.4, 0.4) == [1]
    assert likeliest_kept(scores, groups, 0.4, 0.5) == [0, 1]
    # those below the threshold are never kept but add to the count: 0.6 + 0.45 + 0.3 + 0.3 = 1.65
    assert likeliest_kept([0.6, 0.45, 0.3, 0.3], [group] * 4, 0.4, 0.5) == [0, 1]
    assert likeliest_kept([0.6, 0.45], [group] * 2, 0.4, 0.5) == [0]
    # the likeliest at or above the threshold is always kept, and each group counts apart
    assert likeliest_kept([0.42], [group], 0.4, 0.5) == [0]
    assert likeliest_kept([0.6, 0.5], [group, one], 0.4, 0.4) == [0, 1]
    assert likeliest_kept([0.6, 0.5], [group, ("torture", True)], 0.4, 0.4) == [0, 1]
    # equal probabilities: the earlier telling
    assert likeliest_kept([0.55, 0.55], [group] * 2, 0.4, 0.4) == [0]


def test_count_offset_is_kept_in_the_model_file():
    scorer = IncidentScorer(("bias",), (0.5,), 0.4, count_offset=0.5)
    d = scorer.to_dict()
    assert d["format"] == "rightswatch.incident_scorer/3" and IncidentScorer.from_dict(d) == scorer
    assert scorer.keep([0.6, 0.5, 0.3], [("a", True)] * 3) == [0]
    assert IncidentScorer(("bias",), (0.5,), 0.4).to_dict()["format"] == "rightswatch.incident_scorer/1"
    with pytest.raises(ValueError, match="count_offset"):
        IncidentScorer.from_dict({**d, "count_offset": 1.5})


def test_the_scorer_keeps_no_more_tellings_of_a_type_than_it_expects(unscored):
    text = (
        "Chinese police arrested dozens of North Korean defectors in Jilin Province last week.\n\n"
        "Police in Yanji detained 12 defectors on Monday, a source told Daily NK.\n\n"
        "Officers in Tumen arrested a woman in her forties on Tuesday."
    )
    article = Article(text=text, published="2026-03-10")
    found = unscored.analyse(article).incidents
    assert [(i.type, i.victims[0].population) for i in found] == [("arbitrary_detention", "multiple")] * 2 + [("arbitrary_detention", "individual")]
    component = unscored.nlp.get_pipe("rw_incidents")
    try:
        component.scorer = IncidentScorer(("bias",), (0.4,), 0.5)  # 0.6 each: all kept
        assert len(unscored.analyse(article).incidents) == 3
        component.scorer = IncidentScorer(("bias",), (0.4,), 0.5, count_offset=0.5)  # 0.6 + 0.6 + 0.5: one of the two
        kept = unscored.analyse(article).incidents
    finally:
        component.scorer = None
    assert [(i.victims[0].population, i.evidence[0].start) for i in kept] == [("multiple", found[0].evidence[0].start), ("individual", found[2].evidence[0].start)]


def test_features_read_the_telling(unscored):
    text = (
        "Chinese police detain North Korean women in Jilin\n\n"
        "Police in Yanji arrested three North Korean women on March 2, a source told Daily NK.\n\n"
        "The women are being held at a detention center in Tumen.\n\n"
        "In a separate case, police in Hunchun detained a man who had crossed the Tumen River in February."
    )
    told = _features(unscored, text)
    feats = [f for t, f in told if t == "arbitrary_detention"]
    lead = feats[0]  # the headline and the lead's arrest: one incident told twice, from the headline on
    assert lead.get("heading") == 1.0 and lead.get("in_lead") == 1.0 and lead["tellings"] == pytest.approx(math.log(3))
    assert lead.get("own_time") == 1.0 and lead.get("victim_count") == 1.0 and not lead.get("earlier_same_type")
    later = feats[1:]
    assert later and all(f.get("earlier_same_type") == 1.0 and f["paragraphs_since_same_type"] > 0 for f in later)
    assert not any(f.get("heading") for f in later)
    assert all(f["same_type"] == pytest.approx(math.log(len(feats))) for f in feats)
    crossing = [f for t, f in told if t == "border_crossing_defection"]
    assert crossing and crossing[0].get("dep_relative") == 1.0 and crossing[0].get("perfect") == 1.0  # "who had crossed"


def test_the_article_s_domain_is_read_from_its_keywords_and_the_relevance_classifier(unscored):
    [domain] = [f for t, f in _features(unscored, "Chinese police in Yanji arrested three North Korean defectors on March 2 and handed them to the Ministry of State Security.") if t == "arbitrary_detention"]
    [(_, other)] = _features(unscored, "Police in Busan arrested three men on March 2 over a voice-phishing ring that cheated pensioners.")
    assert domain["domain_keywords"] > other["domain_keywords"]
    assert domain["domain_classifier"] > other["domain_classifier"]
    assert all(0.0 <= f[k] <= 1.0 for f in (domain, other) for k in ("domain_keywords", "domain_classifier"))


def test_people_in_general_are_told_apart_from_a_group(unscored):
    [(_, general)] = _features(unscored, "Police in Yanji arrested North Korean defectors on March 2, a source said.")
    [(_, counted)] = _features(unscored, "Police in Yanji arrested three North Korean defectors on March 2, a source said.")
    assert general.get("bare_plural_victims") == 1.0 and general.get("victim_count", 0.0) == 0.0
    assert counted.get("bare_plural_victims", 0.0) == 0.0 and counted.get("victim_count") == 1.0


def test_a_case_in_or_by_a_country_of_refuge_is_marked(unscored):
    """The profile names South Korea as a refuge ("safe_destinations"): a police case there is marked
    for the model, an arrest in China is not."""
    [(_, seoul)] = _features(unscored, "Police in Busan arrested three men on March 2 over a voice-phishing ring that cheated pensioners.")
    [(_, yanji)] = _features(unscored, "Police in Yanji arrested three North Korean women on March 2, a source said.")
    assert seoul.get("safe_place") == 1.0
    assert yanji.get("safe_place", 0.0) == 0.0 and yanji.get("safe_perpetrator", 0.0) == 0.0
    [(_, korean_police)] = _features(unscored, "South Korean police detained three Chinese men on March 2.")
    assert korean_police.get("safe_perpetrator") == 1.0


def test_the_people_the_profile_monitors_named_near_the_act_are_marked(unscored):
    """The profile's home countries (North Korea): named in the act's sentence, its paragraph or
    elsewhere in the article, or not at all."""
    text = (
        "Police in Yanji arrested three North Korean women on March 2, a source said.\n\n"
        "Police in Kunming detained 23 people on March 4 on suspicion of trafficking women from Myanmar."
    )
    near, far = [f for t, f in _features(unscored, text) if t == "arbitrary_detention"]
    assert near["home_sentence"] == near["home_paragraph"] == 1.0
    assert far.get("home_sentence", 0.0) == far.get("home_paragraph", 0.0) == 0.0 and far["home_article"] > 0
    none = _features(unscored, "Police in Kunming detained 23 people on March 4 on suspicion of trafficking women from Myanmar.")
    assert none and all(f.get("home_article", 0.0) == 0.0 for _, f in none)


def test_the_profile_s_names_for_its_people_tie_an_act_to_them(unscored):
    """ "a defector" (profile lexicon "home_people") is one of the people monitored, whatever country is named."""
    [(_, f)] = _features(unscored, "Police in Yanji arrested a defector on March 2, a source said.")
    assert f["home_sentence"] == 1.0 and f["home_article"] > 0


def test_an_earlier_incident_of_its_type_that_may_be_the_same_one_is_marked(unscored):
    text = (
        "Police in Yanji arrested three North Korean women on March 2, a source told Daily NK.\n\n"
        "The three women are being held at a detention center in Tumen, the source said.\n\n"
        "In 2019, police in Dandong detained five North Korean men at a train station."
    )
    feats = [f for t, f in _features(unscored, text) if t == "arbitrary_detention"]
    assert len(feats) == 3
    first, held, other = feats
    assert not first.get("compatible_earlier") and not first.get("conflicting_earlier")
    # the same three women, no place, year or count telling them apart: maybe the arrest told again
    assert held.get("compatible_earlier") == 1.0 and held.get("same_victims_earlier") == 1.0
    # another city, year and count: a different detention
    assert other.get("conflicting_earlier") == 1.0 and not other.get("compatible_earlier") and not other.get("same_victims_earlier")


def test_an_earlier_telling_of_people_in_general_is_not_the_same_incident_told_before(unscored):
    text = (
        "Many defectors who had been arrested in China were watched after their release, a source said.\n\n"
        "Police in Yanji arrested a North Korean woman at a bus station on May 3, the source said."
    )
    generic, arrest = [f for t, f in _features(unscored, text) if t == "arbitrary_detention"]
    assert generic["generic"] == 1.0 and generic["bare_plural_victims"] == 1.0
    # nothing in place, time or count tells the two apart, but the first is told of people in general
    assert arrest["compatible_earlier"] == 0.0 and arrest["conflicting_earlier"] == 1.0
