"""The HRDsAttack label model: features, numpy inference == scikit-learn, JSON round trip,
integration with the main-event rule, the training command. Tiny hand-made data only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from rightswatch.evaluate import MainEventRule, to_hrds
from rightswatch.evaluate import classifier as clf
from rightswatch.evaluate.classifier import (
    NO_PERPETRATOR,
    VIOLATION_LABELS,
    LabelModel,
    analyze,
    article_fields,
    load_model,
)
from rightswatch.evaluate.classifier_train import TrainConfig, micro_f1, train_label_model
from rightswatch.evaluate.hrdsattack import normalise_gold
from rightswatch.evaluate.schema import HrdsSample
from rightswatch.records import Actor, Article, Incident, Report, Span

# (title, sentence, our incident type, our perpetrator type, gold violations, gold perpetrator)
CASES = [
    ("Police arrest journalist", "Police arrested the journalist in the capital.", "arbitrary_detention",
     "state_security_forces", ["arbitrary detention"], "state actor"),
    ("Gunmen kill activist", "Unknown gunmen shot dead the activist at home.", "killing",
     "other_actors_without_consent", ["killing"], "other actors without permissions"),
    ("Lawyer tortured in custody", "Police detained and tortured the lawyer in custody.", "torture",
     "state_security_forces", ["arbitrary detention", "torture"], "state actor"),
    ("Rebels abduct union leader", "Rebels abducted the union leader from a bus.", "kidnapping_trafficking",
     "non_state_actors", ["kidnapping"], "other non-state actors"),
    ("Blogger missing for weeks", "The blogger has not been seen since men took him; his fate is unknown.",
     "enforced_disappearance", None, ["enforced disappearance"], None),
    ("Journalist threatened online", "The journalist received threats after her report.", "threat_intimidation",
     None, ["other"], None),
]


def _samples_and_reports(copies: int = 4) -> tuple[list[HrdsSample], list[Report]]:
    samples, reports = [], []
    for k in range(copies):
        for i, (title, sentence, itype, ptype, violations, gold_p) in enumerate(CASES):
            text = f"{sentence} Residents in district {k} condemned the attack on day {i}."
            actor = Actor(sentence.split()[0], ptype, span=Span(0, 5)) if ptype else None
            incident = Incident(itype, (Span(0, len(sentence)),), perpetrator=actor, confidence=0.8)
            reports.append(Report(article=Article(text=text, title=title), incidents=(incident,)))
            gold = normalise_gold({
                "perpetrator_mention": gold_p is not None,
                "perpetrator_type": gold_p,
                "violation_types": violations,
                "victims": [],
            })
            samples.append(HrdsSample(id=100 * k + i, title=title, published=date(2021, 1, 1), html="", gold=gold))
    return samples, reports


TINY = TrainConfig(
    folds=2,
    min_df=1,
    max_features=200,
    min_indicator_count=1,
    text_fields=(("body",), ("evidence",)),
    title_weights=(2.0,),
    indicator_weights=(0.0, 1.0),
    violation_cs=(10.0,),
    perpetrator_cs=(10.0,),
    perpetrator_class_weights=(None,),
)


@pytest.fixture(scope="module")
def trained() -> tuple[LabelModel, dict, list[HrdsSample], list[Report]]:
    samples, reports = _samples_and_reports()
    model, summary = train_label_model(samples, reports, split_sha256="0" * 64, config=TINY)
    return model, summary, samples, reports


def test_analyze_matches_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "Police ARRESTED 2 journalists in São Paulo — again; a b c."
    sk = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()(text)
    assert analyze(text) == sk


def test_tfidf_block_matches_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = ["police arrested police officers", "gunmen killed the activist", "police killed a man", "x"]
    vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True).fit(docs)
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    block = clf.TfidfBlock("body", 1.0, vocab, np.asarray(vec.idf_))
    new = ["police police arrested the gunmen", "nothing known here"]
    assert np.allclose(block.transform(new), vec.transform(new).toarray(), atol=1e-12)


def test_article_fields_reads_report() -> None:
    _, reports = _samples_and_reports(1)
    f = article_fields(reports[0])
    assert f.title == "Police arrest journalist"
    assert f.evidence == "Police arrested the journalist in the capital."
    assert "inc=arbitrary_detention" in f.indicators
    assert "main=arbitrary_detention" in f.indicators
    assert "perp=state_security_forces" in f.indicators
    assert "head=police" in f.indicators
    assert "rulev=arbitrary detention" in f.indicators
    assert "rulep=state actor" in f.indicators
    empty = article_fields(Report(article=Article(text="Nothing happened.")))
    assert "no_incidents" in empty.indicators and "perp=none" in empty.indicators


def test_training_checks_numpy_against_scikit_learn(trained) -> None:
    model, summary, samples, reports = trained
    eq = summary["equivalence"]
    assert eq["decisions_equal"] and eq["articles"] == len(samples)
    assert eq["max_abs_diff_violation"] < 1e-3 and eq["max_abs_diff_perpetrator"] < 1e-3
    assert model.metadata["train_split_sha256"] == "0" * 64
    assert model.metadata["sklearn_version"]
    assert {"violation", "perpetrator", "rule_baseline"} <= set(model.metadata["cv"])


def test_model_learns_the_hand_made_labels(trained) -> None:
    model, _, samples, reports = trained
    answers = model.answer_many(reports)
    pred_v = [a.violation_types for a in answers]
    assert micro_f1(pred_v, [s.gold.violation_types for s in samples]) > 90
    assert [a.perpetrator_type for a in answers] == [s.gold.perpetrator_type for s in samples]
    assert set(model.perpetrator.classes) >= {NO_PERPETRATOR, "state actor"}
    assert set(model.violation.labels) == set(VIOLATION_LABELS)


def test_json_round_trip_is_plain_data(trained, tmp_path: Path) -> None:
    model, _, _, reports = trained
    path = tmp_path / "m.json"
    size = model.save(path)
    assert size == path.stat().st_size
    raw = path.read_text()
    data = json.loads(raw)  # plain JSON: strings, numbers, lists, dicts
    assert data["format"] == clf.MODEL_FORMAT
    again = LabelModel.load(path)
    a = [x.violation_types for x in model.answer_many(reports)]
    b = [x.violation_types for x in again.answer_many(reports)]
    assert a == b
    assert [x.perpetrator_type for x in model.answer_many(reports)] == [
        x.perpetrator_type for x in again.answer_many(reports)
    ]


def test_load_rejects_malformed_models(trained) -> None:
    model, _, _, _ = trained
    good = model.to_dict()
    with pytest.raises(ValueError):
        LabelModel.from_dict({**good, "format": "pickle"})
    bad = json.loads(json.dumps(good))
    bad["violation"]["coef"] = bad["violation"]["coef"][:-1]  # wrong shape
    with pytest.raises(ValueError):
        LabelModel.from_dict(bad)
    bad = json.loads(json.dumps(good))
    bad["perpetrator"]["classes"][0] = "aliens"
    with pytest.raises(ValueError):
        LabelModel.from_dict(bad)
    bad = json.loads(json.dumps(good))
    bad["perpetrator"]["intercept"][0] = "1e999"
    with pytest.raises(ValueError):
        LabelModel.from_dict(bad)


def test_load_model_missing_file_is_none(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None


def test_to_hrds_uses_the_model_when_installed(trained, tmp_path: Path, monkeypatch) -> None:
    model, _, samples, reports = trained
    path = tmp_path / "hrdsattack_labels.json"
    model.save(path)
    monkeypatch.setattr(clf, "default_model_path", lambda: path)
    # "Blogger missing": our incident names no perpetrator; the rule's prior says state actor,
    # the model (trained on gold "no perpetrator") says none -> perpetrator_mention False.
    blogger = reports[4]
    rule_only = to_hrds(blogger, MainEventRule(classifier=False))
    assert rule_only.perpetrator_type == "state actor" and rule_only.perpetrator_mention
    with_model = to_hrds(blogger)
    assert with_model.perpetrator_type is None and not with_model.perpetrator_mention
    assert with_model.violation_types == ("enforced disappearance",)
    # an article without any incident still gets the model's labels
    bare = to_hrds(Report(article=Article(text="Police arrested the journalist.", title="Police arrest journalist")))
    assert bare.violation_types
    # the knob turns it off
    monkeypatch.setattr(clf, "default_model_path", lambda: tmp_path / "absent.json")
    assert to_hrds(blogger).perpetrator_type == "state actor"


def test_train_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rightswatch.cli.app import app

    from .conftest import record

    samples, reports = _samples_and_reports()
    split = [
        record(s.id, f"<p>{r.article.text}</p>", title=s.title,
               perpetrator_mention=s.gold.perpetrator_mention, perpetrator_type=s.gold.perpetrator_type,
               violation_types=sorted(s.gold.violation_types))
        for s, r in zip(samples, reports)
    ]  # fmt: skip
    split_path = tmp_path / "train.json"
    split_path.write_text(json.dumps(split))
    cache = tmp_path / "reports.jsonl"
    cache.write_text("\n".join(json.dumps(r.to_dict()) for r in reports))
    out = tmp_path / "model.json"
    import rightswatch.evaluate.classifier_train as ct

    # the real grid is too slow for a unit test: train with the tiny one
    original = ct.train_label_model

    def tiny(*a, **kw):
        kw["config"] = TINY
        return original(*a, **kw)

    mp = pytest.MonkeyPatch()
    mp.setattr(ct, "train_label_model", tiny)
    try:
        result = CliRunner().invoke(app, ["train", "hrdsattack", str(split_path), "--reports", str(cache), "--out", str(out)])
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    model = LabelModel.load(out)
    assert model.metadata["train_split_file"] == "train.json"
    assert len(model.metadata["train_split_sha256"]) == 64


# -- relative decoding: the best type always, others only when close to it -------------------


def _head(thresholds: list[float], relative: float | None, at_least_one: bool = True) -> clf.ViolationHead:
    k = len(VIOLATION_LABELS)
    spec = clf.FeatureSpec([], [])
    return clf.ViolationHead(spec, list(VIOLATION_LABELS), np.zeros((k, 0)), np.zeros(k), np.asarray(thresholds),
                             at_least_one=at_least_one, relative=relative)


# scores for (arbitrary detention, enforced disappearance, killing, kidnapping, torture, other)
PROBS = np.array([
    [0.90, 0.05, 0.50, 0.05, 0.30, 0.45],  # clear top, two runners-up above 0.4 but far below it
    [0.30, 0.05, 0.35, 0.05, 0.05, 0.10],  # nothing above 0.4: the best type all the same
    [0.70, 0.05, 0.65, 0.05, 0.05, 0.10],  # two close types
])


def test_relative_decoding_keeps_the_top_type_and_close_runners_up() -> None:
    head = _head([0.4] * len(VIOLATION_LABELS), relative=0.7)
    assert head.decide(PROBS, [()] * 3) == [("arbitrary detention",), ("killing",),
                                             ("arbitrary detention", "killing")]
    # ratio 0: the best type plus every type above its threshold
    head0 = _head([0.4] * len(VIOLATION_LABELS), relative=0.0)
    assert head0.decide(PROBS, [()] * 3)[0] == ("arbitrary detention", "killing", "other")
    # thresholds only (relative None), without at_least_one: row 2 answers nothing ("unknown")
    plain = _head([0.4] * len(VIOLATION_LABELS), relative=None, at_least_one=False)
    assert plain.decide(PROBS, [()] * 3)[1] == ()


def test_relative_decoding_training_matrix_equals_the_head() -> None:
    from rightswatch.evaluate.classifier_train import _decide_matrix

    thr = np.array([0.4, 0.3, 0.45, 0.2, 0.35, 0.5])
    rng = np.random.default_rng(0)
    probs = rng.random((50, len(VIOLATION_LABELS)))
    for ratio in (None, 0.0, 0.5, 0.9):
        head = _head(list(thr), relative=ratio)
        chosen = _decide_matrix(probs, thr, np.zeros_like(probs, dtype=bool), "model", True, ratio)
        expected = [tuple(VIOLATION_LABELS[j] for j in np.flatnonzero(row)) for row in chosen]
        assert head.decide(probs, [()] * len(probs)) == [tuple(sorted(e)) for e in expected]


def test_tune_relative_learns_to_answer_the_main_type_only() -> None:
    from rightswatch.evaluate.classifier_train import _tune_relative, micro_f1

    # gold is the top-scoring type alone; runners-up score 0.5-0.6 of the top
    probs = np.tile(PROBS[:1], (20, 1))
    gold = [frozenset({"arbitrary detention"})] * 20
    thr, ratio, f1 = _tune_relative(probs, gold, [set()] * 20, "model")
    assert f1 == pytest.approx(100.0)
    head = _head(list(thr), relative=ratio)
    assert micro_f1(head.decide(probs, [()] * 20), gold) == pytest.approx(100.0)


def test_relative_survives_json_and_is_checked(trained) -> None:
    model, _, _, _ = trained
    d = json.loads(json.dumps(model.to_dict()))
    d["violation"]["relative"] = 0.6
    assert LabelModel.from_dict(d).violation.relative == 0.6
    d["violation"]["relative"] = None
    assert LabelModel.from_dict(d).violation.relative is None
    del d["violation"]["relative"]  # files written before the option: thresholds only
    assert LabelModel.from_dict(d).violation.relative is None
    for bad in (1.5, -0.1, "0.5"):
        d["violation"]["relative"] = bad
        with pytest.raises(ValueError):
            LabelModel.from_dict(d)
