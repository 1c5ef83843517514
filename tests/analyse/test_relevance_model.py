"""The relevance classifier of the article gate: the shipped model, its file checks, the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightswatch.analyse.profile import load_profile
from rightswatch.analyse.relevance import ArticleGate, article_keyword_score
from rightswatch.analyse.relevance_model import (
    RelevanceModelError,
    default_model_path,
    load_relevance_model,
)
from rightswatch.records import Article

REPO = Path(__file__).resolve().parents[2]
HRDS_TRAIN = REPO.parent / "shared" / "data" / "hrdsattack" / "train.json"
AEB = REPO.parent / "shared" / "data" / "article-extraction-benchmark"

# Written for these tests: an attack on a defender (full of the profiles' keywords), one that names
# none of them, and a sports report.
RELEVANT = Article(
    title="Land rights activist abducted and beaten after court hearing",
    text=(
        "A land rights activist was abducted by armed men outside the provincial court on Tuesday and found "
        "two days later with severe injuries, her lawyer said.\n\n"
        "Maria Santos, who leads a farmers' association opposing the eviction of 300 families, had testified "
        "against a plantation company. Colleagues said she had received death threats for months and that "
        "police had ignored their complaints.\n\n"
        "Human rights groups condemned the attack and demanded an independent investigation. Two other members "
        "of the association were detained without charge last month."
    ),
)
RESCUED = Article(
    title="Indigenous leader shot dead after campaign against mine",
    text=(
        "An indigenous community leader who campaigned against an open-pit gold mine was shot dead by unidentified "
        "gunmen near his home on Sunday night, his family and local organisations said.\n\n"
        "Tomas Quispe had led peaceful demonstrations against the mine for three years and had reported receiving "
        "warnings that he would be harmed if he continued. He had asked the authorities for protection twice, "
        "without response.\n\n"
        "Civil society groups said he was the fourth land and environmental campaigner to be murdered in the region "
        "this year, and called on the government to investigate the attack and protect other community leaders."
    ),
)
SPORTS = Article(
    title="Rovers edge Mariners in late thriller",
    text=(
        "The Rovers beat the Mariners 2-1 on Saturday, with midfielder Jonas Becker scoring the winner in "
        "stoppage time in front of 23,000 fans.\n\n"
        "The visitors had equalised early in the second half through a header from their captain. Coach Anna "
        "Park said the team had trained for weeks on set pieces and that the result rewarded that effort.\n\n"
        "The win lifts the Rovers to third place in the league, four points behind the leaders with nine games "
        "left to play."
    ),
)


def _text(a: Article) -> str:
    return f"{a.title}\n{a.text}"


def test_shipped_model_loads_with_its_training_record() -> None:
    model = load_relevance_model()
    assert len(model.vocabulary) > 1000
    assert model.idf.shape == model.coef.shape == (len(model.vocabulary),)
    assert 0 < model.threshold < 1
    assert model.meta["examples"]["relevant"] > 0 and model.meta["examples"]["irrelevant"] > 0
    assert "HRDsAttack train" in model.meta["training_data"]["relevant"]


def test_relevant_article_scores_above_sports_and_the_threshold_separates_them() -> None:
    model = load_relevance_model()
    relevant, sports = model.score(_text(RELEVANT)), model.score(_text(SPORTS))
    assert relevant > sports
    assert relevant >= model.threshold > sports


def test_empty_or_unknown_text_gets_the_intercept_only() -> None:
    model = load_relevance_model()
    assert model.score("") == pytest.approx(model.score("zzqx wvvy"))
    assert model.score("") < model.threshold


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json {", "not valid JSON"),
        ("[1, 2]", "top level is not an object"),
        (json.dumps({"format": "rightswatch.hrdsattack_labels/1"}), "format is"),
        (json.dumps({"format": "rightswatch.relevance/1", "terms": ["a", "b"], "idf": [1.0], "coef": [0.1, 0.2],
                     "intercept": 0.0, "threshold": 0.5}), "differ in length"),
        (json.dumps({"format": "rightswatch.relevance/1", "terms": ["a"], "idf": [1.0], "coef": ["x"],
                     "intercept": 0.0, "threshold": 0.5}), "finite numbers"),
        (json.dumps({"format": "rightswatch.relevance/1", "terms": ["a"], "idf": [1.0], "coef": [0.3],
                     "intercept": 0.0, "threshold": 1.5}), "'threshold'"),
    ],
)
def test_malformed_model_file_is_rejected_with_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RelevanceModelError, match=message) as err:
        load_relevance_model(path)
    assert str(path) in str(err.value)


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RelevanceModelError, match="no such relevance model file"):
        load_relevance_model(tmp_path / "absent.json")


def test_model_round_trips_through_its_json(tmp_path: Path) -> None:
    model = load_relevance_model()
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    copy = load_relevance_model(path)
    assert copy.vocabulary == model.vocabulary and copy.threshold == model.threshold
    assert copy.score(_text(RELEVANT)) == pytest.approx(model.score(_text(RELEVANT)), abs=1e-5)


def test_gate_keyword_pass_decides_clear_cases_and_the_classifier_the_rest() -> None:
    profile = load_profile("north_korea")
    model = load_relevance_model()
    gate = ArticleGate(profile, 0.3, model)
    clear = Article(title="Defectors repatriated", text="Chinese police repatriated five North Korean defectors.")
    decision = gate(clear)
    assert decision.analyse and decision.classifier is None  # keywords alone
    assert article_keyword_score(RESCUED, profile) < 0.3  # the keywords would skip it
    rescued = gate(RESCUED)
    assert rescued.analyse and rescued.classifier is not None and rescued.score == rescued.classifier
    skipped = gate(SPORTS)
    assert not skipped.analyse and skipped.classifier is not None
    assert not ArticleGate(profile, 0.3, None)(RESCUED).analyse  # keywords alone lose it


def test_analyzer_skips_sports_analyses_the_rescued_article_and_stores_the_gate_score(rules_analyzer) -> None:  # type: ignore[no-untyped-def]
    # the gate's rescue, not the north_korea scorer (which weighs a killing far from its domain)
    analyzer = rules_analyzer
    before = analyzer.min_relevance, analyzer.skipped
    analyzer.min_relevance = 0.3
    try:
        relevant, rescued, sports = list(analyzer.analyse_many([RELEVANT, RESCUED, SPORTS]))
        assert analyzer.skipped == before[1] + 1  # the sports report only
        gate = analyzer.article_gate
        assert sports.incidents == ()
        assert sports.relevance == pytest.approx(round(0.7 * gate(SPORTS).score, 4))
        found = min(0.3, 0.1 * len(rescued.incidents))
        assert rescued.relevance == pytest.approx(round(min(1.0, 0.7 * gate(RESCUED).score + found), 4))
        assert relevant.incidents  # the abduction and the detentions reached the parser
    finally:
        analyzer.min_relevance, analyzer.skipped = before


@pytest.mark.slow
@pytest.mark.skipif(not (HRDS_TRAIN.exists() and AEB.exists()), reason="needs /work/shared/data (HRDsAttack, extraction benchmark)")
def test_training_reproduces_the_shipped_model(tmp_path: Path) -> None:
    from rightswatch.evaluate.relevance_train import train_and_write

    shipped = load_relevance_model(default_model_path())
    out = tmp_path / "relevance.json"
    # the full data; only the shipped C is fitted (the C grid is what makes the full run slow)
    train_and_write(HRDS_TRAIN, AEB, out, log=lambda _: None, cs=(shipped.meta["C"],))
    again = load_relevance_model(out)
    assert again.vocabulary == shipped.vocabulary
    assert again.threshold == shipped.threshold
    assert abs(again.intercept - shipped.intercept) < 1e-4
    assert float(abs(again.coef - shipped.coef).max()) < 1e-4
    assert float(abs(again.idf - shipped.idf).max()) < 1e-5


def test_training_refuses_the_hrdsattack_dev_split(tmp_path: Path) -> None:
    from rightswatch.evaluate.relevance_train import hrds_examples

    dev = tmp_path / "dev.json"
    dev.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="train split only"):
        hrds_examples(dev)
