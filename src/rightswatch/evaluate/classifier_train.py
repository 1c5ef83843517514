"""Training of the HRDsAttack label model (``evaluate.classifier``) with scikit-learn.

    model, summary = train_label_model(samples, reports, split_sha256=...)
    model.save("src/rightswatch/data/models/hrdsattack_labels.json")

Everything is chosen by K-fold cross-validation on the samples given (the train split; never
pass dev or test), separately for each head: the text fields and title weight (or no text at
all), whether indicators are used and which set (the Report's own, or those plus the keyword
lexicons), C, the class weights, how the violation head decodes its scores (per-label
thresholds, or the best type plus close runners-up: ``ViolationHead.relative``) and how it
combines with the rule. Violation settings are compared by their cross-fitted micro-F1
(each fold's decoding tuned on the other folds' out-of-fold scores), so a decoding with
more tuned numbers does not win by fitting the scores it is measured on.
The fitted scikit-learn objects are converted to plain arrays (``LabelModel``) and checked
against scikit-learn's own predictions before anything is returned.

Imported only for training; inference (``evaluate.classifier``) needs numpy alone.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..records import Report
from .classifier import (
    INDICATOR_SETS,
    NO_PERPETRATOR,
    VIOLATION_LABELS,
    ArticleFields,
    FeatureSpec,
    LabelModel,
    PerpetratorHead,
    TfidfBlock,
    ViolationHead,
    analyze,
    article_fields,
    indicator_family,
)
from .schema import HrdsSample

__all__ = ["TrainConfig", "FeatureConfig", "feature_grid", "confusion", "train_label_model", "micro_f1", "check_equivalence"]


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    fields: tuple[str, ...]  # text fields besides the title
    title_weight: float  # 0 = no title block
    indicator_weight: float  # 0 = no indicators
    indicator_set: str = "all"  # a key of classifier.INDICATOR_SETS

    def __post_init__(self) -> None:
        if self.indicator_set not in INDICATOR_SETS:
            raise ValueError(f"unknown indicator set {self.indicator_set!r}")

    @property
    def empty(self) -> bool:
        return not self.fields and self.title_weight <= 0 and self.indicator_weight <= 0

    def label(self) -> str:
        parts = [f"title x{self.title_weight:g}"] if self.title_weight > 0 else []
        parts += ["+".join(self.fields)] if self.fields else []
        if self.indicator_weight > 0:
            parts.append(f"indicators[{self.indicator_set}] x{self.indicator_weight:g}")
        return " + ".join(parts) or "nothing"


def feature_grid(cfg: TrainConfig) -> list[FeatureConfig]:
    """Every distinct, non-empty feature configuration of ``cfg``'s grid, in a fixed order."""
    out: list[FeatureConfig] = []
    for f, tw, iw, iset in itertools.product(cfg.text_fields, cfg.title_weights, cfg.indicator_weights, cfg.indicator_sets):
        fc = FeatureConfig(tuple(f), tw, iw, iset if iw > 0 else cfg.indicator_sets[0])
        if not fc.empty and fc not in out:
            out.append(fc)
    return out


@dataclass(frozen=True, slots=True)
class TrainConfig:
    folds: int = 5
    seed: int = 0
    min_df: int = 2
    max_features: int = 5000  # per text field
    min_indicator_count: int = 2
    #: () = no text field besides the title; with title weight 0, indicators only
    text_fields: tuple[tuple[str, ...], ...] = (("evidence",), ("body", "evidence"), ())
    title_weights: tuple[float, ...] = (2.0, 0.0)
    indicator_weights: tuple[float, ...] = (1.0,)
    indicator_sets: tuple[str, ...] = ("report", "all")
    violation_cs: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)
    perpetrator_cs: tuple[float, ...] = (0.1, 0.3, 1.0)
    perpetrator_class_weights: tuple[str | None, ...] = (None, "balanced")
    decimals: int = 5


# -- metrics (the paper's, on label sets) --------------------------------------------------------


def _vset(labels: Sequence[str] | set[str] | frozenset[str]) -> set[str]:
    out = {x for x in labels if x}
    if len(out) > 1:
        out.discard("unknown")
    return out or {"unknown"}


def micro_f1(pred: Sequence[Sequence[str]], gold: Sequence[frozenset[str] | set[str]]) -> float:
    """Violation micro-F1 as ``metrics.score`` computes it (empty answer = "unknown"), in %."""
    tp = sys_ = gold_n = 0
    for p, g in zip(pred, gold, strict=True):
        ps, gs = _vset(p), _vset(g)
        tp += len(ps & gs)
        sys_ += len(ps)
        gold_n += len(gs)
    if not tp:
        return 0.0
    prec, rec = tp / sys_, tp / gold_n
    return 100.0 * 2 * prec * rec / (prec + rec)


def _mention_f1(pred: Sequence[str | None], gold: Sequence[str | None]) -> float:
    tp = sum(p is not None and g is not None for p, g in zip(pred, gold))
    sp = sum(p is not None for p in pred)
    gp = sum(g is not None for g in gold)
    return 100.0 * 2 * tp / (sp + gp) if sp + gp else 0.0


def confusion(pred: Sequence[str | None], gold: Sequence[str | None]) -> dict[str, dict[str, int]]:
    """``{gold: {predicted: count}}`` of perpetrator types; None is written ``NO_PERPETRATOR``."""
    out: dict[str, dict[str, int]] = {}
    for p, g in zip(pred, gold, strict=True):
        row = out.setdefault(g or NO_PERPETRATOR, {})
        row[p or NO_PERPETRATOR] = row.get(p or NO_PERPETRATOR, 0) + 1
    return out


# -- features with scikit-learn ------------------------------------------------------------------


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class _Featurizer:
    """Fit on some rows: one TfidfVectorizer per text field, indicator names by count."""

    def __init__(self, cfg: FeatureConfig, train: TrainConfig) -> None:
        self.cfg = cfg
        self.train = train
        self.blocks: list[tuple[str, float, Any]] = []
        self.indicators: list[str] = []

    def fit(self, tokens: dict[str, list[list[str]]], rows: Sequence[ArticleFields], idx: np.ndarray) -> _Featurizer:
        from sklearn.feature_extraction.text import TfidfVectorizer

        fields = [("title", self.cfg.title_weight)] if self.cfg.title_weight > 0 else []
        fields += [(f, 1.0) for f in self.cfg.fields]
        for name, weight in fields:
            vec = TfidfVectorizer(
                analyzer=_identity,
                min_df=self.train.min_df,
                max_features=self.train.max_features,
                sublinear_tf=True,
                dtype=np.float64,
            )
            vec.fit([tokens[name][i] for i in idx])
            self.blocks.append((name, weight, vec))
        if self.cfg.indicator_weight > 0:
            families = INDICATOR_SETS[self.cfg.indicator_set]
            counts: dict[str, int] = {}
            for i in idx:
                for name in rows[i].indicators:
                    if families is None or indicator_family(name) in families:
                        counts[name] = counts.get(name, 0) + 1
            self.indicators = sorted(n for n, c in counts.items() if c >= self.train.min_indicator_count)
        return self

    def transform(self, tokens: dict[str, list[list[str]]], rows: Sequence[ArticleFields], idx: np.ndarray) -> Any:
        from scipy import sparse

        parts = [vec.transform([tokens[name][i] for i in idx]) * weight for name, weight, vec in self.blocks]
        where = {n: j for j, n in enumerate(self.indicators)}
        r, c = [], []
        for k, i in enumerate(idx):
            for name in rows[i].indicators:
                if name in where:
                    r.append(k)
                    c.append(where[name])
        ind = sparse.csr_matrix(
            (np.full(len(r), self.cfg.indicator_weight), (r, c)), shape=(len(idx), len(self.indicators))
        )
        return sparse.hstack(parts + [ind], format="csr")  # indicators last, as FeatureSpec

    def spec(self) -> FeatureSpec:
        blocks = []
        for name, weight, vec in self.blocks:
            vocab = [""] * len(vec.vocabulary_)
            for term, j in vec.vocabulary_.items():
                vocab[j] = term
            blocks.append(TfidfBlock(name, weight, vocab, np.asarray(vec.idf_, dtype=np.float64)))
        return FeatureSpec(blocks, list(self.indicators), self.cfg.indicator_weight or 1.0)


# -- heads ---------------------------------------------------------------------------------------


def _fit_violation(x: Any, y: np.ndarray, c: float, seed: int) -> list[Any]:
    from sklearn.linear_model import LogisticRegression

    models: list[Any] = []
    for j in range(y.shape[1]):
        if len(set(y[:, j].tolist())) < 2:  # a label never (or always) seen in this fold
            models.append(_Constant(x.shape[1], float(y[0, j]) if len(y) else 0.0))
            continue
        m = LogisticRegression(solver="liblinear", C=c, random_state=seed, max_iter=1000)
        m.fit(x, y[:, j])
        models.append(m)
    return models


class _Constant:
    """A label seen in one class only: a constant score, as a linear model (zero weights)."""

    def __init__(self, n_features: int, value: float) -> None:
        p = min(max(value, 1e-4), 1 - 1e-4)
        self.coef_ = np.zeros((1, n_features))
        self.intercept_ = np.array([np.log(p / (1 - p))])

    def predict_proba(self, x: Any) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.intercept_[0]))
        return np.column_stack([np.full(x.shape[0], 1 - p), np.full(x.shape[0], p)])


def _violation_probs(models: list[Any], x: Any) -> np.ndarray:
    return np.column_stack([m.predict_proba(x)[:, 1] for m in models])


def _fit_perpetrator(x: Any, y: list[str], c: float, class_weight: str | None, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    # one-vs-rest liblinear: as good as multinomial lbfgs here and ~20x faster on 2 cores
    m = OneVsRestClassifier(
        LogisticRegression(solver="liblinear", C=c, class_weight=class_weight, max_iter=1000, random_state=seed)
    )
    m.fit(x, y)
    return m


def _perpetrator_probs(model: Any, x: Any, classes: list[str]) -> np.ndarray:
    out = np.zeros((x.shape[0], len(classes)))
    probs = model.predict_proba(x)
    for k, cls in enumerate(model.classes_):
        out[:, classes.index(cls)] = probs[:, k]
    return out


_THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)


def _gold_matrix(gold: Sequence[frozenset[str] | set[str]]) -> np.ndarray:
    """(n, labels + 1) booleans: the gold types, last column "unknown" (``_vset`` applied)."""
    sets = [_vset(g) for g in gold]
    return np.array([[lab in g for lab in VIOLATION_LABELS + ("unknown",)] for g in sets], dtype=bool)


def _rule_matrix(rule: Sequence[set[str]]) -> np.ndarray:
    return np.array([[lab in r for lab in VIOLATION_LABELS] for r in rule], dtype=bool).reshape(len(rule), -1)


def _decide_matrix(
    probs: np.ndarray, thr: np.ndarray, rule: np.ndarray, combine: str, at_least_one: bool, relative: float | None = None
) -> np.ndarray:
    """``ViolationHead.decide`` on matrices (True = answered)."""
    chosen = probs >= thr
    if relative is not None:
        chosen &= probs >= relative * probs.max(axis=1, keepdims=True)
        chosen[np.arange(len(probs)), probs.argmax(axis=1)] = True
    if at_least_one:
        empty = ~chosen.any(axis=1)
        chosen[empty, probs[empty].argmax(axis=1)] = True
    if combine == "union":
        chosen |= rule
    return chosen


def _micro_f1_matrix(chosen: np.ndarray, gold: np.ndarray) -> float:
    """``micro_f1`` on matrices: an empty row answers "unknown"."""
    unknown = ~chosen.any(axis=1)
    tp = int((chosen & gold[:, :-1]).sum() + (unknown & gold[:, -1]).sum())
    if not tp:
        return 0.0
    prec, rec = tp / (int(chosen.sum()) + int(unknown.sum())), tp / int(gold.sum())
    return 100.0 * 2 * prec * rec / (prec + rec)


def _decide(probs: np.ndarray, thr: np.ndarray, rule: Sequence[set[str]], combine: str, at_least_one: bool, relative: float | None = None) -> list[set[str]]:
    chosen = _decide_matrix(probs, thr, _rule_matrix(rule), combine, at_least_one, relative)
    return [{VIOLATION_LABELS[j] for j in np.flatnonzero(row)} for row in chosen]


def _tune_thresholds(probs: np.ndarray, gold: Sequence[frozenset[str]], rule: Sequence[set[str]], combine: str, at_least_one: bool) -> tuple[np.ndarray, float]:
    """Per-label thresholds by coordinate ascent on micro-F1 (up to three passes over the labels)."""
    g, r = _gold_matrix(gold), _rule_matrix(rule)
    thr = np.full(probs.shape[1], 0.5)
    best = _micro_f1_matrix(_decide_matrix(probs, thr, r, combine, at_least_one), g)
    for _ in range(3):
        changed = False
        for j in range(probs.shape[1]):
            for t in _THRESHOLDS:
                trial = thr.copy()
                trial[j] = t
                f = _micro_f1_matrix(_decide_matrix(probs, trial, r, combine, at_least_one), g)
                if f > best + 1e-9:
                    best, thr, changed = f, trial, True
        if not changed:
            break
    return thr, best


_RELATIVE_THRESHOLDS = np.round(np.arange(0.1, 0.801, 0.05), 3)
_RATIOS = np.round(np.arange(0.0, 1.001, 0.1), 2)


def _tune_relative(probs: np.ndarray, gold: Sequence[frozenset[str]], rule: Sequence[set[str]], combine: str) -> tuple[np.ndarray, float, float]:
    """Relative decoding: one absolute threshold for every label and the ratio to the best
    label's score, by grid search on micro-F1; returns (thresholds, ratio, micro-F1)."""
    g, r = _gold_matrix(gold), _rule_matrix(rule)
    best: tuple[float, float, float] | None = None
    for t in _RELATIVE_THRESHOLDS:
        thr = np.full(probs.shape[1], t)
        for ratio in _RATIOS:
            f = _micro_f1_matrix(_decide_matrix(probs, thr, r, combine, True, float(ratio)), g)
            if best is None or f > best[2] + 1e-9:
                best = (float(t), float(ratio), f)
    assert best is not None
    return np.full(probs.shape[1], best[0]), best[1], best[2]


def _tune(probs: np.ndarray, gold: Sequence[frozenset[str]], rule: Sequence[set[str]], decoding: str, combine: str, at_least_one: bool) -> tuple[np.ndarray, float | None, float]:
    """Decoding parameters tuned on these scores: (thresholds, ratio or None, micro-F1)."""
    if decoding == "relative":
        return _tune_relative(probs, gold, rule, combine)
    thr, f1 = _tune_thresholds(probs, gold, rule, combine, at_least_one)
    return thr, None, f1


def _crossfit(probs: np.ndarray, gold: Sequence[frozenset[str]], rule: Sequence[set[str]], folds: list[tuple[np.ndarray, np.ndarray]], decoding: str, combine: str, at_least_one: bool) -> float:
    """Honest estimate: each fold's decoding is tuned on the other folds' out-of-fold scores."""
    pred: list[set[str]] = [set()] * len(gold)
    for tr, te in folds:
        thr, ratio, _ = _tune(probs[tr], [gold[i] for i in tr], [rule[i] for i in tr], decoding, combine, at_least_one)
        for i, s in zip(te, _decide(probs[te], thr, [rule[i] for i in te], combine, at_least_one, ratio)):
            pred[i] = s
    return micro_f1([sorted(p) for p in pred], gold)


#: Violation decodings tried: (decoding, at_least_one); "relative" always answers a type.
_DECODINGS = (("thresholds", False), ("thresholds", True), ("relative", True))


# -- the whole training ----------------------------------------------------------------------------


def train_label_model(
    samples: Sequence[HrdsSample],
    reports: Sequence[Report],
    *,
    split_sha256: str | None = None,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = lambda s: None,
    extra_metadata: dict[str, Any] | None = None,
) -> tuple[LabelModel, dict[str, Any]]:
    """Cross-validate, fit on all samples, convert, check; returns the model and a summary."""
    import sklearn
    from sklearn.model_selection import KFold

    cfg = config or TrainConfig()
    if len(samples) != len(reports):
        raise ValueError("samples and reports differ in length")
    n = len(samples)
    rows = [article_fields(r) for r in reports]
    tokens = {f: [analyze(r.text(f)) for r in rows] for f in ("title", "body", "evidence")}
    gold_v = [s.gold.violation_types for s in samples]
    y_v = np.array([[lab in g for lab in VIOLATION_LABELS] for g in gold_v], dtype=int)
    y_p = [s.gold.perpetrator_type or NO_PERPETRATOR for s in samples]
    gold_p = [s.gold.perpetrator_type for s in samples]
    classes = sorted(set(y_p))
    rule_v = [{i.split("=", 1)[1] for i in r.indicators if i.startswith("rulev=")} - {"none"} for r in rows]
    rule_p = [next(i.split("=", 1)[1] for i in r.indicators if i.startswith("rulep=")) for r in rows]
    rule_p = [None if p == "none" else p for p in rule_p]
    folds = list(KFold(cfg.folds, shuffle=True, random_state=cfg.seed).split(np.arange(n)))

    summary: dict[str, Any] = {
        "n": n,
        "folds": cfg.folds,
        "rule": {
            "violation_micro_f1": round(micro_f1([sorted(v) for v in rule_v], gold_v), 2),
            "perpetrator_type_acc": round(100.0 * np.mean([p == g for p, g in zip(rule_p, gold_p)]), 2),
        },
        "grid": [],
    }
    log(f"rule on train: {summary['rule']}")

    best_v: dict[str, Any] | None = None
    best_p: dict[str, Any] | None = None
    feature_configs = feature_grid(cfg)
    for fc in feature_configs:
        mats = []
        for tr, te in folds:
            fz = _Featurizer(fc, cfg).fit(tokens, rows, tr)
            mats.append((fz.transform(tokens, rows, tr), fz.transform(tokens, rows, te)))
        for c in cfg.violation_cs:
            oof = np.zeros((n, len(VIOLATION_LABELS)))
            for (tr, te), (xtr, xte) in zip(folds, mats):
                oof[te] = _violation_probs(_fit_violation(xtr, y_v[tr], c, cfg.seed), xte)
            for combine, (decoding, alo) in itertools.product(("model", "union"), _DECODINGS):
                thr, ratio, f1 = _tune(oof, gold_v, rule_v, decoding, combine, alo)
                honest = _crossfit(oof, gold_v, rule_v, folds, decoding, combine, alo)
                entry = {"head": "violation", "features": fc.label(), "C": c, "combine": combine,
                         "decoding": decoding, "at_least_one": alo, "relative": ratio,
                         "micro_f1_tuned": round(f1, 2), "micro_f1_crossfit": round(honest, 2)}
                summary["grid"].append(entry)
                if best_v is None or honest > best_v["score"]:
                    best_v = {"score": honest, "fc": fc, "C": c, "combine": combine, "at_least_one": alo,
                              "relative": ratio, "thresholds": thr, "entry": entry}
        for c, cw in itertools.product(cfg.perpetrator_cs, cfg.perpetrator_class_weights):
            oofp = np.zeros((n, len(classes)))
            for (tr, te), (xtr, xte) in zip(folds, mats):
                m = _fit_perpetrator(xtr, [y_p[i] for i in tr], c, cw, cfg.seed)
                oofp[te] = _perpetrator_probs(m, xte, classes)
            pred = [classes[int(k)] for k in oofp.argmax(axis=1)]
            pred_t = [None if p == NO_PERPETRATOR else p for p in pred]
            acc = 100.0 * np.mean([p == g for p, g in zip(pred_t, gold_p)])
            entry = {"head": "perpetrator", "features": fc.label(), "C": c, "class_weight": cw,
                     "accuracy": round(float(acc), 2), "mention_f1": round(_mention_f1(pred_t, gold_p), 2)}
            summary["grid"].append(entry)
            if best_p is None or acc > best_p["score"]:
                best_p = {"score": acc, "fc": fc, "C": c, "class_weight": cw, "entry": entry, "pred": pred_t}
        log(f"{fc.label()}: violation best so far {best_v['score']:.1f}, perpetrator best so far {best_p['score']:.1f}")
    assert best_v is not None and best_p is not None

    summary["violation"] = {**best_v["entry"], "thresholds": [float(t) for t in best_v["thresholds"]]}
    summary["perpetrator"] = best_p["entry"]
    summary["perpetrator_confusion"] = confusion(best_p["pred"], gold_p)
    log(f"chosen violation: {summary['violation']}")
    log(f"chosen perpetrator: {summary['perpetrator']}")
    for g, row in sorted(summary["perpetrator_confusion"].items()):
        log(f"  CV gold {g!r} -> predicted {dict(sorted(row.items(), key=lambda kv: -kv[1]))}")

    # -- final fit on every sample ------------------------------------------------------------
    everything = np.arange(n)
    fz_v = _Featurizer(best_v["fc"], cfg).fit(tokens, rows, everything)
    x_v = fz_v.transform(tokens, rows, everything)
    vmodels = _fit_violation(x_v, y_v, best_v["C"], cfg.seed)
    fz_p = _Featurizer(best_p["fc"], cfg).fit(tokens, rows, everything)
    x_p = fz_p.transform(tokens, rows, everything)
    pmodel = _fit_perpetrator(x_p, y_p, best_p["C"], best_p["class_weight"], cfg.seed)

    metadata = {
        "trained_on": "HRDsAttack train split",
        "train_split_sha256": split_sha256,
        "n_train": n,
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "seed": cfg.seed,
        "cv": {
            "folds": cfg.folds,
            "rule_baseline": summary["rule"],
            "violation": summary["violation"],
            "perpetrator": summary["perpetrator"],
            "grid_size": len(summary["grid"]),
        },
        "config": {
            "min_df": cfg.min_df,
            "max_features_per_field": cfg.max_features,
            "min_indicator_count": cfg.min_indicator_count,
            "decimals": cfg.decimals,
        },
        **(extra_metadata or {}),
    }
    model = LabelModel(
        violation=ViolationHead(
            features=fz_v.spec(),
            labels=list(VIOLATION_LABELS),
            coef=np.vstack([m.coef_[0] for m in vmodels]),
            intercept=np.array([m.intercept_[0] for m in vmodels]),
            thresholds=np.asarray(best_v["thresholds"], dtype=float),
            combine=best_v["combine"],
            at_least_one=best_v["at_least_one"],
            relative=best_v["relative"],
        ),
        perpetrator=PerpetratorHead(
            features=fz_p.spec(),
            classes=[str(c) for c in pmodel.classes_],
            coef=np.vstack([e.coef_[0] for e in pmodel.estimators_]),
            intercept=np.array([e.intercept_[0] for e in pmodel.estimators_]),
        ),
        metadata=metadata,
    )
    # What gets saved is the rounded JSON form: check that one against scikit-learn.
    model = LabelModel.from_dict(model.to_dict(cfg.decimals))
    check = check_equivalence(
        model,
        rows,
        sk_violation=_violation_probs(vmodels, x_v),
        sk_perpetrator=_perpetrator_probs(pmodel, x_p, model.perpetrator.classes),
    )
    summary["equivalence"] = check
    model.metadata["equivalence_check"] = check
    log(f"numpy vs scikit-learn on {n} train articles: {check}")
    return model, summary


def check_equivalence(
    model: LabelModel,
    rows: Sequence[ArticleFields],
    sk_violation: np.ndarray,
    sk_perpetrator: np.ndarray,
    atol: float = 1e-3,
) -> dict[str, Any]:
    """Compare the numpy model's scores with scikit-learn's on ``rows``; raise if they differ.

    Scores must agree within ``atol`` (coefficients are rounded when saved); decisions must be
    equal except where a score lies within ``atol`` of its threshold (or of the runner-up).
    """
    vx = model.violation.scores(model.violation.features.transform(rows))
    px = model.perpetrator.scores(model.perpetrator.features.transform(rows))
    dv = float(np.max(np.abs(vx - sk_violation))) if len(rows) else 0.0
    dp = float(np.max(np.abs(px - sk_perpetrator))) if len(rows) else 0.0
    if dv > atol or dp > atol:
        raise AssertionError(f"numpy and scikit-learn scores differ: violation {dv:.2e}, perpetrator {dp:.2e}")
    thr = model.violation.thresholds
    near = np.abs(sk_violation - thr) <= atol
    v_diff = int(np.sum(((vx >= thr) != (sk_violation >= thr)) & ~near))
    p_diff = int(np.sum(px.argmax(axis=1) != sk_perpetrator.argmax(axis=1)))
    if v_diff or p_diff:
        raise AssertionError(f"numpy and scikit-learn decisions differ: {v_diff} violation, {p_diff} perpetrator")
    return {"articles": len(rows), "max_abs_diff_violation": dv, "max_abs_diff_perpetrator": dp, "decisions_equal": True}


def train_hrdsattack(
    train_path: str | Path,
    *,
    analyse_many: Callable[[Any], Any] | None = None,
    reports_path: str | Path | None = None,
    out: str | Path | None = None,
    summary_out: str | Path | None = None,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = lambda s: None,
) -> tuple[LabelModel, dict[str, Any], Path]:
    """Train from an HRDsAttack split file and save the model; returns (model, summary, path).

    Reports come from ``reports_path`` (a JSONL cache, one ``Report.to_dict()`` per sample,
    in the split's order) or from ``analyse_many`` (``Analyzer.analyse_many``: Articles in,
    Reports out) run over the split.
    """
    import json

    from .classifier import default_model_path
    from .train_data import load_training_split

    data = load_training_split(train_path, analyse_many=analyse_many, reports_path=reports_path, log=log)
    samples, reports, source, digest = data.samples, data.reports, data.source, data.sha256
    versions = sorted({r.extractor_version for r in reports if r.extractor_version})
    model, summary = train_label_model(
        samples,
        reports,
        split_sha256=digest,
        config=config,
        log=log,
        extra_metadata={"train_split_file": data.file_name, "reports": source, "extractor_versions": versions},
    )
    target = Path(out) if out is not None else default_model_path()
    size = model.save(target, (config or TrainConfig()).decimals)
    log(f"wrote {target} ({size / 1024:.0f} kB)")
    if summary_out is not None:
        Path(summary_out).write_text(json.dumps(summary, indent=1, default=str), encoding="utf-8")
    return model, summary, target
