"""Keyword-lexicon indicators of the HRDsAttack label model, indicator sets and the feature grid.

Tiny hand-made articles only; each assertion names what the lexicons must (and must not) see."""

from __future__ import annotations

import numpy as np
import pytest

from rightswatch.evaluate.classifier import (
    CRIME_REPORT,
    INDICATOR_SETS,
    REPORT_FAMILIES,
    FeatureSpec,
    LabelModel,
    actor_categories,
    article_fields,
    indicator_family,
    lexicon_indicators,
)
from rightswatch.evaluate.classifier_train import FeatureConfig, TrainConfig, _Featurizer, feature_grid
from rightswatch.records import Actor, Article, Incident, Report, Span


def _report(title: str, text: str, incidents: tuple[Incident, ...] = (), relevance: float = 0.5) -> Report:
    return Report(article=Article(text=text, title=title), incidents=incidents, relevance=relevance)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("riot police", {"police"}),
        ("Iraqi soldiers", {"military"}),
        ("Punjab and Haryana High Court", {"court"}),
        ("their employer", {"company"}),
        ("unknown gunmen", {"gunmen"}),
        ("suspected al-Qaida militants", {"militant"}),
        ("paid hooligans", {"militia"}),
        ("relatives", {"family"}),
        ("the Saudi government", {"gov", "foreign"}),
        ("a man", set()),
    ],
)
def test_actor_categories(text: str, kinds: set[str]) -> None:
    assert actor_categories(text) == kinds


def test_actor_categories_match_whole_words_only() -> None:
    assert actor_categories("copse policy statement") == set()  # not "cop", "police", "state"
    assert actor_categories("statement") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Man arrested for kidnapping teenager",
        "Two charged with murder of union leader",
        "Gunmen who abducted the pastor were caught",
        "Three men convicted of killing Ahmaud Arbery",
    ],
)
def test_crime_report_phrasing(text: str) -> None:
    assert CRIME_REPORT.search(text)


@pytest.mark.parametrize(
    "text",
    ["Police arrested the journalist in the capital.", "Activist killed. Nobody has been arrested."],
)
def test_not_crime_report_phrasing(text: str) -> None:
    # an arrest with no crime word, and the two words in different sentences
    assert not CRIME_REPORT.search(text)


def test_indicator_family() -> None:
    assert indicator_family("perp=state_security_forces") == "perp"
    assert indicator_family("tvl=arbitrary detention") == "tvl"
    assert indicator_family("no_incidents") == "no_incidents"


def test_lexicon_indicators_of_a_crime_report() -> None:
    text = "A man was arrested for kidnapping a girl. He killed her brother. He killed a guard."
    kid = Incident("kidnapping_trafficking", (Span(0, 40),), perpetrator=Actor("A man", "non_state_actors", country="NG"))
    k1 = Incident("killing", (Span(41, 63),))
    k2 = Incident("killing", (Span(64, 83),))
    report = _report("Suspect arrested for kidnapping", text, (kid, k1, k2), relevance=0.93)
    ind = lexicon_indicators(report, text[:40], kid.perpetrator, {"kidnapping"})
    assert {"crime=title", "crime=lead", "crime=body"} <= ind
    assert "crime=body3" not in ind
    assert "acountry=yes" in ind
    assert not any(i.startswith("alex=") for i in ind)  # "A man" names no kind of actor
    assert {"tvl=kidnapping", "tvl=arbitrary detention", "evl=kidnapping", "lvl=killing", "bvl=killing"} <= ind
    assert "tvl=killing" not in ind and "evl=killing" not in ind  # not in the title nor the evidence
    assert "bvl3=killing" not in ind  # "killed" twice
    assert "incv2=killing" in ind and "incv2=kidnapping" not in ind and "incv4=killing" not in ind
    assert "grp=kidnapping" in ind and "grp=killing" not in ind
    assert "rel=4" in ind and "ninc=3" in ind


def test_lexicon_indicators_counts_and_actor_kind() -> None:
    text = " ".join(["Soldiers detained the protesters."] * 4)
    actor = Actor("Soldiers", "state_security_forces")
    inc = Incident("arbitrary_detention", (Span(0, 33),), perpetrator=actor)
    ind = lexicon_indicators(_report("Crackdown", text, (inc,), relevance=0.0), text[:33], actor, set())
    assert "alex=military" in ind and "acountry=yes" not in ind
    assert {"blex=military", "blex3=military", "elex=military", "bvl3=arbitrary detention"} <= ind
    assert "tlex=military" not in ind and "bvl8=arbitrary detention" not in ind
    assert "rel=0" in ind and "ninc=1" in ind and "grp=arbitrary detention" not in ind


def test_article_fields_carry_both_indicator_kinds() -> None:
    sentence = "Police arrested the journalist in the capital."
    inc = Incident("arbitrary_detention", (Span(0, len(sentence)),), perpetrator=Actor("Police", "state_security_forces"))
    f = article_fields(_report("Police arrest journalist", sentence, (inc,)))
    families = {indicator_family(i) for i in f.indicators}
    assert {"perp", "rulev"} <= families and {"alex", "tvl", "grp", "ninc"} <= families
    assert "alex=police" in f.indicators and "grp=arbitrary detention" in f.indicators
    empty = article_fields(_report("", "Nothing happened."))
    assert "ninc=0" in empty.indicators and not any(i.startswith("grp=") for i in empty.indicators)


def test_feature_grid_is_distinct_and_never_empty() -> None:
    cfg = TrainConfig(text_fields=(("evidence",), ()), title_weights=(2.0, 0.0), indicator_weights=(0.0, 1.0),
                      indicator_sets=("report", "all"))  # fmt: skip
    grid = feature_grid(cfg)
    assert len(grid) == len(set(grid))
    assert all(not fc.empty for fc in grid)
    # no indicators: the set is irrelevant, so once only; nothing at all: dropped
    assert [fc for fc in grid if fc.indicator_weight == 0] == [
        FeatureConfig(("evidence",), 2.0, 0.0, "report"),
        FeatureConfig(("evidence",), 0.0, 0.0, "report"),
        FeatureConfig((), 2.0, 0.0, "report"),
    ]
    assert FeatureConfig((), 0.0, 1.0, "all") in grid and FeatureConfig((), 0.0, 1.0, "report") in grid
    assert len(grid) == 3 + 4 * 2
    with pytest.raises(ValueError):
        FeatureConfig((), 0.0, 1.0, "everything")


def _rows() -> list:
    sentences = ["Police arrested the journalist.", "Unknown gunmen shot dead the activist.", "Soldiers tortured a lawyer."]
    types = [("arbitrary_detention", "state_security_forces"), ("killing", "other_actors_without_consent"),
             ("torture", "state_security_forces")]  # fmt: skip
    rows = []
    for k in range(2):
        for s, (itype, ptype) in zip(sentences, types):
            inc = Incident(itype, (Span(0, len(s)),), perpetrator=Actor(s.split()[0], ptype), confidence=0.8)
            rows.append(article_fields(_report(s.rstrip("."), f"{s} Day {k}.", (inc,))))
    return rows


@pytest.mark.parametrize("iset", ["report", "all"])
def test_indicator_only_features_match_the_saved_spec(iset: str) -> None:
    rows = _rows()
    fc = FeatureConfig((), 0.0, 1.0, iset)
    cfg = TrainConfig(min_indicator_count=1)
    idx = np.arange(len(rows))
    fz = _Featurizer(fc, cfg).fit({}, rows, idx)  # no text block: no tokens needed
    spec = fz.spec()
    assert spec.blocks == []
    fams = {indicator_family(n) for n in spec.indicators}
    if INDICATOR_SETS[iset] is not None:
        assert fams <= REPORT_FAMILIES and fams
    else:
        assert fams - REPORT_FAMILIES  # lexicon families too
    sk = fz.transform({}, rows, idx).toarray()
    assert np.array_equal(spec.transform(rows), sk)
    again = FeatureSpec.from_dict(spec.to_dict())
    assert np.array_equal(again.transform(rows), sk)


def test_indicator_only_model_round_trips(tmp_path) -> None:
    rows = _rows()
    spec = _Featurizer(FeatureConfig((), 0.0, 1.0, "all"), TrainConfig(min_indicator_count=1)).fit(
        {}, rows, np.arange(len(rows))
    ).spec()
    n = spec.n_features
    model = LabelModel.from_dict({
        "format": "rightswatch.hrdsattack_labels/1",
        "violation": {"labels": ["killing"], "thresholds": [0.5], "intercept": [0.0], "coef": [[0.0] * n],
                      "features": spec.to_dict()},
        "perpetrator": {"classes": ["state actor", "no perpetrator"], "intercept": [0.0, 0.0],
                        "coef": [[0.0] * n, [0.0] * n], "features": spec.to_dict()},
    })  # fmt: skip
    alex = spec.indicators.index("alex=police")
    model.perpetrator.coef[1, alex] = 5.0  # "police" -> no perpetrator (a silly model, to see it work)
    path = tmp_path / "m.json"
    model.save(path)
    loaded = LabelModel.load(path)
    answers = loaded.answer_fields(rows)
    assert [a.perpetrator_type for a in answers] == [None, "state actor", "state actor"] * 2


def test_confusion_counts_gold_rows_and_no_perpetrator() -> None:
    from rightswatch.evaluate.classifier_train import confusion

    gold = ["state actor", "state actor", None, "other state actors"]
    pred = ["state actor", None, "state actor", "state actor"]
    assert confusion(pred, gold) == {
        "state actor": {"state actor": 1, "no perpetrator": 1},
        "no perpetrator": {"state actor": 1},
        "other state actors": {"state actor": 1},
    }


def test_committed_model_reads_the_lexicon_indicators() -> None:
    from importlib import resources

    # the package's file itself (conftest hides it behind default_model_path for other tests)
    model = LabelModel.load(str(resources.files("rightswatch") / "data" / "models" / "hrdsattack_labels.json"))
    for head in (model.violation, model.perpetrator):
        fams = {indicator_family(n) for n in head.features.indicators}
        assert fams - REPORT_FAMILIES, "trained without the lexicon indicators"
    cv = model.metadata["cv"]
    assert cv["perpetrator"]["accuracy"] > cv["rule_baseline"]["perpetrator_type_acc"]
    assert cv["violation"]["micro_f1_crossfit"] > cv["rule_baseline"]["violation_micro_f1"]
