"""The sentence reader (``analyse.sentence_types``): its numpy prediction, the incidents it adds and
the shipped model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rightswatch.analyse.sentence_types import SentenceTypeModel, sentence_terms
from rightswatch.errors import ConfigError
from rightswatch.records import Article

ARTICLE = (
    "Border guard jailed after crossing\n\n"
    "A North Korean border guard who was arrested by the Ministry of State Security in Hyesan last month has been "
    "sent to a political prison camp, a source in Ryanggang Province told Daily NK.\n\n"
    "After his arrest, an officer stopped by the family's house every few days to make sure nobody had left the town."
)
WATCHED = "After his arrest, an officer stopped by the family's house every few days to make sure nobody had left the town."


def test_terms_are_words_of_two_letters_or_more_and_adjacent_pairs_with_digits_as_zero():
    assert sentence_terms("Held 3 days in Hyesan's jail") == ["held", "days", "in", "hyesan", "jail", "held days", "days in", "in hyesan", "hyesan jail"]
    assert sentence_terms("In 2019.") == ["in", "0000", "in 0000"]


def test_probabilities_are_scikit_learns_tf_idf_logistic_regression_in_numpy():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [
        "Police detained two women in Tumen.", "The guards beat him every night.", "He was detained and beaten.",
        "The market opened early.", "Police detained a broker.", "Rain fell on Hyesan.", "They beat the prisoners.",
    ]  # fmt: skip
    labels = {"arbitrary_detention": [1, 0, 1, 0, 1, 0, 0], "torture": [0, 1, 1, 0, 0, 0, 1]}
    vec = TfidfVectorizer(analyzer=sentence_terms, sublinear_tf=True)
    x = vec.fit_transform(train)
    clfs = {t: LogisticRegression(C=4.0).fit(x, y) for t, y in labels.items()}
    model = SentenceTypeModel(
        types=tuple(labels), terms=tuple(vec.get_feature_names_out()), idf=vec.idf_,
        weights=np.array([clfs[t].coef_[0] for t in labels]), intercepts=np.array([clfs[t].intercept_[0] for t in labels]), threshold=0.7,
    )  # fmt: skip
    new = ["Police detained the guards and beat them twice.", "Nothing here is known.", ""]
    expected = np.column_stack([clfs[t].predict_proba(vec.transform(new))[:, 1] for t in labels])
    assert np.allclose(model.probabilities(new), expected)
    again = SentenceTypeModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.allclose(again.probabilities(new), expected, atol=1e-4)  # weights are stored to five decimals


def test_a_broken_model_file_is_a_configuration_error(tmp_path):
    bad = tmp_path / "sentence_types.json"
    bad.write_text(json.dumps({"format": "rightswatch.sentence_types/1", "types": ["a"], "terms": ["x", "y"], "idf": [1.0], "weights": [[1.0, 2.0]], "intercepts": [0.0], "threshold": 0.5}))
    with pytest.raises(ConfigError, match="shape"):
        SentenceTypeModel.load(bad)
    bad.write_text(json.dumps({"format": "other"}))
    with pytest.raises(ConfigError, match="unknown format"):
        SentenceTypeModel.load(bad)


def test_the_reader_adds_an_incident_of_a_type_the_rules_found_none_of(analyzer):
    from rightswatch.analyse import Analyzer

    article = Article(text=ARTICLE, title="Border guard jailed after crossing", published="2026-11-20")
    rules = Analyzer("north_korea", sentence_types=False).analyse(article)
    assert rules.incidents and "surveillance" not in {i.type for i in rules.incidents}
    report = analyzer.analyse(article)
    added = [i for i in report.incidents if i.type == "surveillance"]
    assert len(added) == 1
    (evidence,) = added[0].evidence
    assert ARTICLE[evidence.start : evidence.end] == WATCHED  # the sentence itself is the evidence
    assert added[0].place is not None and added[0].place.city == "Hyesan"  # placed by the rules as any incident
    assert added[0].confidence >= SentenceTypeModel.load(analyzer.profile.sentence_types).threshold
    # "an officer" names no agency: the act is given the agents the rules' incidents name
    assert added[0].perpetrator is not None and added[0].perpetrator.text == "Ministry of State Security"
    # the rules' incidents are all still there, and no type the rules found is added again
    assert [(i.type, i.evidence) for i in report.incidents if i.type != "surveillance"] == [(i.type, i.evidence) for i in rules.incidents]


def test_an_article_the_rules_find_no_incident_in_gets_none_from_the_reader(analyzer):
    text = "Town news\n\nThe market in Hyesan opened late this week.\n\n" + WATCHED
    report = analyzer.analyse(Article(text=text, title="Town news", published="2026-11-20"))
    assert report.incidents == ()


def test_the_north_korea_profile_ships_a_reader_trained_on_development_sets_only():
    from rightswatch.analyse.profile import load_profile

    path = load_profile("north_korea").sentence_types
    assert path is not None and path.name == "sentence_types.json"
    model = SentenceTypeModel.load(path)
    assert 0.5 <= model.threshold < 1.0 and "forced_repatriation" in model.types and len(model.terms) <= 10_000
    meta = model.metadata
    assert meta["cv_pooled_f1_after"] > meta["cv_pooled_f1_before"]  # type: ignore[operator]
    assert not any(s.startswith("heldout") and s[7:].isdigit() and int(s[7:]) >= 6 for s in meta["sets"])  # type: ignore[union-attr]  # blind sets stay unread
    assert load_profile("general").sentence_types is None  # no annotated sets: the rules alone (HRDsAttack unchanged)


def test_reader_features_are_the_types_probability_in_the_evidence_and_in_the_article():
    from rightswatch.analyse.sentence_types import READER_FEATURES, SentenceReading
    from rightswatch.records import Span

    reading = SentenceReading([(0, 10), (11, 30), (31, 50)], np.array([[0.1, 0.9], [0.6, 0.05], [0.3, 0.2]]), ("torture", "killing"))
    # the evidence's sentences (two here) give their best; the article its best anywhere
    assert reading.features("torture", [Span(5, 12)]) == {"sent_p": 0.6, "sent_p_low": 0.0, "sent_p_article": 0.6}
    assert reading.features("killing", [Span(35, 40)]) == {"sent_p": 0.2, "sent_p_low": 0.0, "sent_p_article": 0.9}
    assert reading.features("killing", [Span(12, 20)])["sent_p_low"] == 1.0
    # a type the reader was not trained on, or evidence outside every sentence, reads as not seen
    assert reading.features("other", [Span(0, 5)]) == {"sent_p": 0.0, "sent_p_low": 1.0, "sent_p_article": 0.0}
    assert reading.features("torture", [Span(60, 70)])["sent_p"] == 0.0
    assert set(reading.features("torture", [])) == set(READER_FEATURES)


def test_the_scorer_reads_the_reader_and_the_shipped_scorer_weighs_it(analyzer):
    from rightswatch.analyse.incident_scorer import IncidentScorer
    from rightswatch.analyse.sentence_types import READER_FEATURES

    article = Article(text=ARTICLE, title="Border guard jailed after crossing", published="2026-11-20")
    [(doc, report)] = list(analyzer.analyse_docs([article]))
    features = doc._.rw_incident_features
    assert len(features) == len(report.incidents) and all(set(READER_FEATURES) <= set(f) for f in features)
    watched = next(f for f, i in zip(features, report.incidents) if i.type == "surveillance")
    assert watched["sent_p"] == pytest.approx(report.incidents[[i.type for i in report.incidents].index("surveillance")].confidence, abs=1e-3)
    scorer = IncidentScorer.load(analyzer.profile.incident_scorer)
    # a sentence the reader sees telling the type makes each of these incidents likelier
    for f in features:
        assert scorer.score({**f, "sent_p": 0.95, "sent_p_low": 0.0}) > scorer.score({**f, "sent_p": 0.05, "sent_p_low": 1.0})


def test_an_added_incident_without_an_agent_takes_the_articles_usual_one_except_a_crossing():
    from rightswatch.analyse.incident_context import Candidate
    from rightswatch.analyse.incidents import _with_story_agents
    from rightswatch.analyse.triggers import Trigger
    from rightswatch.records import Actor, Span

    def cand(label: str, start: int, perp: Actor | None) -> Candidate:
        trig = Trigger(label, 0, 1, 0, "", weak=False, asserted=True, reason="")
        return Candidate(trig, Span(start, start + 5), 0, perp, [], None, None, False, None, 0.9)

    police = Actor("police", "state_security_forces", "CN", Span(0, 6))
    mss = Actor("the MSS", "state_security_forces", "KP", Span(40, 47))
    broker = Actor("a broker", "non_state_actors", None, Span(90, 98))
    found = [cand("arbitrary_detention", 0, police), cand("torture", 40, mss), cand("kidnapping_trafficking", 90, broker)]
    men = Actor("two men", "non_state_actors", None, Span(60, 67))
    added = _with_story_agents([cand("killing", 60, None), cand("threat_intimidation", 62, men), cand("border_crossing_defection", 70, None)], found)
    assert added[0].perpetrator is mss and added[1].perpetrator is mss  # the usual type, the nearest one before
    assert added[2].perpetrator is None  # nobody makes people cross a border
    first = _with_story_agents([cand("killing", 1, None)], found)
    assert first[0].perpetrator is police  # none before: the first of the usual type
    assert _with_story_agents([cand("killing", 1, None)], [cand("torture", 40, None)])[0].perpetrator is None
