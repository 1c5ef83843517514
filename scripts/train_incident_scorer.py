"""Train the incident scorer (``analyse/incident_scorer.py``) on the hand-annotated domain sets.

    python scripts/train_incident_scorer.py                       # analyse, cross-validate, fit, write the model
    python scripts/train_incident_scorer.py --cache /tmp/inc.pkl  # keep the analysed sets for re-runs

Every article of the training sets (``tests/domain/<set>``, the development sets only: the blind
held-out sets are never read) is analysed with the scorer switched off, so every incident the rules
build is a candidate. A candidate is positive when the domain scorer pairs it with an expected
incident (``evaluate.domain.match_incidents``: the pairing the incident F1 counts), else negative.

Where the profile ships a sentence reader (``analyse/sentence_types.py``), the scorer also reads
how sure the reader is of each incident's type (``READER_FEATURES``). The analysis without the
scorer runs without the reader too, so those features are filled here, each set read by a reader
fitted on other sets (``train_sentence_types.crossfit_readings``): a reader that has learnt a set's
sentences is surer of them than it will be of a new writer's. Retrain in this order: the reader
(``scripts/train_sentence_types.py``), this scorer, the reader again (its threshold reads what
the new scorer keeps), then the year and place models.

A logistic regression (scikit-learn, fixed seed) is fitted. C and the threshold are chosen by
leave-one-set-out cross-validation: each set is scored by a model fitted on the others, since the
sets were written by different people and a new writer's articles are what the model must meet.
The pooled incident F1 of the held-out sets (incidents below the threshold dropped, the rest
re-paired) decides: of the settings within ``TOLERANCE`` of the best, the lowest threshold (the
curve is flat near its top, and an incident kept is one an analyst can still reject; one dropped is
lost to them). The model is written as plain weights to the ``north_korea`` profile's
``incident_scorer.json`` with the CV numbers in its metadata.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from rightswatch.analyse.incident_scorer import FEATURES, IncidentScorer
from rightswatch.analyse.profile import SCORER_FILE
from rightswatch.evaluate.domain import Expected, ExpectedIncident, match_incidents
from rightswatch.records import Article, Incident, Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from rightswatch.analyse import Analyzer
    from rightswatch.evaluate.domain import ArticleResult

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "tests" / "domain"
MODEL = ROOT / "src" / "rightswatch" / "data" / "profiles" / "north_korea" / SCORER_FILE
#: development sets only (see tests/domain/*/README.md); heldout6 and later are kept blind
SETS = ("corpus", "heldout", *(f"heldout{n}" for n in range(2, 6)), *(f"dev{n}" for n in range(1, 75)))
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(np.round(np.arange(0.2, 0.701, 0.025), 3))
SEED = 0
T = TypeVar("T")
C = TypeVar("C")
K = TypeVar("K")
#: pooled F1 (0..1) a lower threshold may give up for keeping more incidents
TOLERANCE = 0.003


@dataclass
class ArticleCandidates:
    """One article's incidents (the scorer off), the features the scorer reads, and the expected report."""

    incidents: list[Incident]
    features: list[dict[str, float]]
    labels: list[int]
    expected: tuple[ExpectedIncident, ...]
    text: str


def analyse_set(analyzer: Analyzer, name: str, keep: Callable[[Doc, Report], K]) -> list[tuple[ArticleResult, Report, K]]:
    """Every article of the development set ``name`` analysed and scored as the domain evaluation
    does it (``evaluate.domain.evaluate_domain``): its result, its report, and what ``keep`` takes
    from the parsed doc beside the report (the stages' working data the report does not carry)."""
    from rightswatch.evaluate.domain import evaluate_domain

    kept: dict[int, K] = {}

    def analyse_many(articles: Iterable[Article]) -> Iterator[Report]:
        for doc, report in analyzer.analyse_docs(articles):
            kept[id(report)] = keep(doc, report)
            yield report

    out = []
    for res in evaluate_domain(DOMAIN / name, analyse_many).articles:
        assert res.report is not None
        out.append((res, res.report, kept[id(res.report)]))
    return out


def analyse_sets(sets: tuple[str, ...]) -> dict[str, list[ArticleCandidates]]:
    from rightswatch.analyse import Analyzer

    analyzer = Analyzer("north_korea", incident_scorer=False)
    out: dict[str, list[ArticleCandidates]] = {}
    for name in sets:
        arts = []
        for res, report, (features, text) in analyse_set(analyzer, name, lambda doc, _: (list(doc._.rw_incident_features or []), doc._.rw_text or doc.text)):
            incs = list(report.incidents)
            paired = {id(p.predicted) for p in res.incident_pairs}
            labels = [int(id(i) in paired) for i in incs]
            arts.append(ArticleCandidates(incs, features, labels, res.expected.incidents, text))
        out[name] = arts
        print(f"{name}: {len(arts)} articles, {sum(len(a.incidents) for a in arts)} incidents", flush=True)
    return out


def _matrix(arts: list[ArticleCandidates]) -> tuple[np.ndarray, np.ndarray]:
    rows = [[f.get(k, 0.0) for k in FEATURES] for a in arts for f in a.features]
    labels = [y for a in arts for y in a.labels]
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(labels)


def _fit(arts: list[ArticleCandidates], c: float) -> IncidentScorer:
    from sklearn.linear_model import LogisticRegression

    x, y = _matrix(arts)
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=SEED).fit(x, y)
    return IncidentScorer(FEATURES, tuple(float(w) for w in clf.coef_[0]), 0.0)


def counts(arts: list[ArticleCandidates], scorer: IncidentScorer | None, threshold: float) -> tuple[int, int, int]:
    """(tp, fp, fn) of the incident F1 once incidents scoring below ``threshold`` are dropped."""
    tp = fp = fn = 0
    for a in arts:
        kept = [i for i, f in zip(a.incidents, a.features) if scorer is None or scorer.score(f) >= threshold]
        pairs, missed, spurious = match_incidents(kept, a.expected)
        tp, fp, fn = tp + len(pairs), fp + len(spurious), fn + len(missed)
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cross_validate(data: dict[str, list[ArticleCandidates]]) -> tuple[float, float, dict[str, tuple[float, float]], float]:
    """Leave one set out: (C, threshold, per-set F1 before/after, pooled F1 before) at the best pooled F1."""
    base = np.sum([counts(data[s], None, 0.0) for s in data], axis=0)
    grid: list[tuple[float, float, float]] = []  # (pooled F1, C, threshold)
    per_model: dict[float, dict[str, IncidentScorer]] = {}
    for c in C_GRID:
        per_model[c] = {s: _fit([a for o in data if o != s for a in data[o]], c) for s in data}
        for th in THRESHOLDS:
            pooled = np.sum([counts(data[s], per_model[c][s], th) for s in data], axis=0)
            grid.append((f1(*pooled), c, float(th)))
    best = max(score for score, _, _ in grid)
    # the F1 curve is flat near its top: of the settings within TOLERANCE of the best, the lowest
    # threshold (then the best F1), so that the model drops only what it is surest of
    _, c, th = max((g for g in grid if g[0] >= best - TOLERANCE), key=lambda g: (-g[2], g[0]))
    per_set = {s: (f1(*counts(data[s], None, 0.0)), f1(*counts(data[s], per_model[c][s], th))) for s in data}
    return c, th, per_set, f1(*base)


def training_args(description: str | None, model: Path) -> argparse.Namespace:
    """The command line of a script that trains on the development sets (this one and others)."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="pickle of the analysed sets (written if missing, else read)")
    ap.add_argument("--out", type=Path, default=model)
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    return ap.parse_args()


def loso_grid(
    data: dict[str, list[C]],
    fit: Callable[[list[C], float], object],
    tally: Callable[[list[C], object, float], tuple[int, int]],
    c_grid: tuple[float, ...],
    thresholds: tuple[float, ...],
) -> list[tuple[float, float, int, int]]:
    """Leave one set out over C and threshold, for the models that decide one field of an incident
    (year, place): per (C, threshold), the (right, wrong) that ``tally`` counts on every held-out
    set with the model ``fit`` trained on the other sets, pooled."""
    grid: list[tuple[float, float, int, int]] = []
    for c in c_grid:
        models = {s: fit([x for o in data if o != s for x in data[o]], c) for s in data}
        for th in thresholds:
            right, wrong = np.sum([tally(data[s], models[s], float(th)) for s in data], axis=0)
            grid.append((c, float(th), int(right), int(wrong)))
    return grid


def analysed(args: argparse.Namespace, analyse: Callable[[tuple[str, ...]], T]) -> T:
    """``analyse(sets)``, or what an earlier run kept in ``--cache``."""
    if args.cache and args.cache.exists():
        return pickle.loads(args.cache.read_bytes())  # type: ignore[no-any-return]
    data = analyse(tuple(args.sets))
    if args.cache:
        args.cache.write_bytes(pickle.dumps(data))
    return data


def add_reader_features(data: dict[str, list[ArticleCandidates]]) -> None:
    """``READER_FEATURES`` for every candidate, as the pipeline gives them beside the profile's
    sentence reader (the analysis ran without the scorer, so without the reader), each set read by
    a reader fitted on other sets (``train_sentence_types.crossfit_readings``)."""
    from train_sentence_types import crossfit_readings

    from rightswatch.analyse.profile import load_profile
    from rightswatch.analyse.sentence_types import SentenceTypeModel

    path = load_profile("north_korea").sentence_types
    if path is None:
        return
    readings = crossfit_readings({s: [(a.text, a.expected) for a in arts] for s, arts in data.items()}, SentenceTypeModel.load(path))
    for s, arts in data.items():
        for a, reading in zip(arts, readings[s]):
            for inc, f in zip(a.incidents, a.features):
                f.update(reading.features(inc.type, inc.evidence))


def main() -> None:
    args = training_args(__doc__, MODEL)
    data = analysed(args, analyse_sets)
    add_reader_features(data)
    c, th, per_set, before = cross_validate(data)
    after = f1(*np.sum([counts(data[s], _fit([a for o in data if o != s for a in data[o]], c), th) for s in data], axis=0))
    for s, (b, a) in per_set.items():
        print(f"  {s:9s} incident F1 {100 * b:5.1f} -> {100 * a:5.1f}")
    print(f"leave-one-set-out pooled incident F1 {100 * before:.1f} -> {100 * after:.1f} (C={c}, threshold={th})")
    model = _fit([a for s in data for a in data[s]], c)
    x, y = _matrix([a for s in data for a in data[s]])
    final = IncidentScorer(
        model.features, model.weights, th,
        {
            "trained": _dt.date.today().isoformat(),
            "sets": list(data),
            "candidates": int(len(y)),
            "positives": int(y.sum()),
            "C": c,
            "cv": "leave-one-set-out",
            "cv_pooled_f1_before": round(before, 4),
            "cv_pooled_f1_after": round(after, 4),
            "cv_per_set": {s: [round(b, 4), round(a, 4)] for s, (b, a) in per_set.items()},
        },
    )  # fmt: skip
    args.out.write_text(json.dumps(final.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
