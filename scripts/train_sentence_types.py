"""Train the sentence reader (``analyse/sentence_types.py``) on the hand-annotated domain sets.

    python scripts/train_sentence_types.py                       # analyse, cross-validate, fit, write the model
    python scripts/train_sentence_types.py --cache /tmp/st.pkl   # keep the analysed sets for re-runs

Every article of the development sets (the blind held-out sets are never read) is cut into the
sentence gate's sentences (``gate.sentence_spans``). A sentence is labelled with the type of every
expected incident whose evidence starts in it. Per type, a logistic regression (scikit-learn,
balanced classes) reads the sentences' words and word pairs (TF-IDF over
``sentence_types.sentence_terms``, the 10,000 most frequent terms seen twice or more).

What the model does in the pipeline decides how it is measured: the articles are analysed with the
scorer on and the reader off, and for every type an article has no incident of, its surest sentence
adds one when it reaches the threshold (an incident the domain scorer then pairs or not). C and the
threshold are chosen by 8-fold cross-validation over whole sets (each set's sentences are read by a
model fitted on the other folds' sets): the pooled incident F1 with the added incidents; of the
settings within ``TOLERANCE`` of the best, the smallest C (the most regularised reader: its
probabilities are also the scorer's features, and a reader that fits its training sentences
closely is sure of too little elsewhere), then the highest threshold (fewer incidents added on a
model's word alone). The model is written to the ``north_korea`` profile's ``sentence_types.json``
with the CV numbers in its metadata. Train it after the incident scorer (it reads what the scored
rules leave out) and before the year and place models (they read its incidents).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from train_incident_scorer import analyse_set, analysed, f1, training_args  # the same development sets

from rightswatch.analyse.gate import sentence_spans
from rightswatch.analyse.profile import SENTENCE_FILE
from rightswatch.analyse.sentence_types import SentenceReading, SentenceTypeModel, sentence_terms
from rightswatch.evaluate.domain import ExpectedIncident, match_incidents

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "rightswatch" / "data" / "profiles" / "north_korea" / SENTENCE_FILE
C_GRID = (1.0, 4.0, 16.0)
THRESHOLDS = tuple(np.round(np.arange(0.5, 0.951, 0.05), 3))
FOLDS = 8
MAX_TERMS = 10_000
SEED = 0
#: pooled F1 (0..1) a higher threshold may give up for adding fewer incidents
TOLERANCE = 0.001
#: the first characters of an expected incident's evidence, looked for in the article
_EVIDENCE_PREFIX = 60


@dataclass
class LabelledSentences:
    """One article's sentences and, per sentence, the expected types whose evidence starts there."""

    sentences: list[str]
    labels: list[set[str]]


@dataclass
class ArticleSentences(LabelledSentences):
    """An article's labelled sentences, whether the gate let the parser read each, the types of
    its incidents (the reader off), the expected types, and its tally."""

    parsed: list[bool]
    found: Counter[str]
    expected: Counter[str]
    tp: int
    fp: int
    fn: int


def _fold(text: str) -> str:
    """Lower case with curly quotes straightened, one character for one (offsets stay)."""
    table = {"’": "'", "‘": "'", "“": '"', "”": '"'}
    return "".join(table.get(c, c.lower() if len(c.lower()) == 1 else c) for c in text)


def label_sentences(text: str, spans: list[tuple[int, int]], evidence: list[tuple[str, str]]) -> list[set[str]]:
    """Per sentence, the types of the expected incidents whose evidence (type, text) starts in it."""
    folded = _fold(text)
    labels: list[set[str]] = [set() for _ in spans]
    for label, ev in evidence:
        at = folded.find(" ".join(_fold(ev).split())[:_EVIDENCE_PREFIX]) if ev else -1
        if at < 0:
            continue
        n = next((n for n, (_, end) in enumerate(spans) if at < end), len(spans) - 1)
        labels[n].add(label)
    return labels


def analyse_sets(sets: tuple[str, ...]) -> dict[str, list[ArticleSentences]]:
    from rightswatch.analyse import Analyzer

    analyzer = Analyzer("north_korea", sentence_types=False)
    out: dict[str, list[ArticleSentences]] = {}
    for name in sets:
        arts = []
        for res, report, (full, gated) in analyse_set(analyzer, name, lambda doc, _: (doc._.rw_text or doc.text, doc.text)):
            spans = sentence_spans(full)
            pairs, missed, spurious = match_incidents(report.incidents, res.expected.incidents)
            arts.append(
                ArticleSentences(
                    sentences=[full[s:e] for s, e in spans],
                    parsed=[bool(gated[s:e].strip()) for s, e in spans],
                    labels=label_sentences(full, spans, [(e.type, e.evidence or "") for e in res.expected.incidents]),
                    found=Counter(i.type for i in report.incidents),
                    expected=Counter(e.type for e in res.expected.incidents),
                    tp=len(pairs), fp=len(spurious), fn=len(missed),
                )
            )  # fmt: skip
        out[name] = arts
        print(f"{name}: {len(arts)} articles, {sum(len(a.sentences) for a in arts)} sentences", flush=True)
    return out


def fit(arts: Sequence[LabelledSentences], types: tuple[str, ...], c: float, threshold: float = 0.5) -> SentenceTypeModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    sentences = [s for a in arts for s in a.sentences]
    labels = [lab for a in arts for lab in a.labels]
    vec = TfidfVectorizer(analyzer=sentence_terms, min_df=2, max_features=MAX_TERMS, sublinear_tf=True)
    x = vec.fit_transform(sentences)
    weights, intercepts = [], []
    for label in types:
        y = np.array([label in lab for lab in labels])
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED).fit(x, y)
        weights.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
    return SentenceTypeModel(
        types=types, terms=tuple(vec.get_feature_names_out()), idf=vec.idf_, weights=np.array(weights),
        intercepts=np.array(intercepts), threshold=threshold,
    )  # fmt: skip


def tally(arts: list[ArticleSentences], probs: list[np.ndarray], types: tuple[str, ...], threshold: float) -> tuple[int, int, int]:
    """(tp, fp, fn) of the incident F1 with the reader's incidents added at ``threshold``, as
    ``IncidentBuilder.sentence_candidates`` adds them."""
    tp = fp = fn = 0
    for a, p in zip(arts, probs):
        tp, fp, fn = tp + a.tp, fp + a.fp, fn + a.fn
        if not a.found or not len(p):
            continue
        for n, label in enumerate(types):
            if a.found[label]:
                continue
            k = int(p[:, n].argmax())
            if p[k, n] >= threshold and a.parsed[k]:
                if a.expected[label]:
                    tp, fn = tp + 1, fn - 1
                else:
                    fp += 1
    return tp, fp, fn


def folds(sets: Iterable[str]) -> list[list[str]]:
    """The cross-validation folds: the sets in name order dealt out in turn."""
    names = sorted(sets)
    return [[s for n, s in enumerate(names) if n % FOLDS == f] for f in range(FOLDS)]


def crossfit(data: Mapping[str, Sequence[LabelledSentences]], types: tuple[str, ...], c: float) -> dict[str, list[np.ndarray]]:
    """Every article's sentence probabilities, read by a model fitted on the other folds' sets."""
    probs: dict[str, list[np.ndarray]] = {}
    for fold in folds(data):
        model = fit([a for s in data if s not in fold for a in data[s]], types, c)
        for s in fold:
            probs[s] = [model.probabilities(a.sentences) for a in data[s]]
    return probs


def crossfit_readings(articles: Mapping[str, Sequence[tuple[str, Sequence[ExpectedIncident]]]], model: SentenceTypeModel) -> dict[str, list[SentenceReading]]:
    """For training the incident scorer on what the reader says (``READER_FEATURES``): every
    article's (text, expected incidents) read by a reader of ``model``'s types and C fitted on the
    other folds' sets, so a set's features are not read by a model that learnt its sentences."""
    data: dict[str, list[LabelledSentences]] = {}
    spans: dict[str, list[list[tuple[int, int]]]] = {}
    for name, arts in articles.items():
        spans[name] = [sentence_spans(text) for text, _ in arts]
        data[name] = [
            LabelledSentences([text[s:e] for s, e in sp], label_sentences(text, sp, [(x.type, x.evidence or "") for x in expected]))
            for (text, expected), sp in zip(arts, spans[name])
        ]
    probs = crossfit(data, model.types, float(model.metadata.get("C", 4.0)))  # type: ignore[arg-type]
    return {name: [SentenceReading(sp, p, model.types) for sp, p in zip(spans[name], probs[name])] for name in data}


def cross_validate(data: dict[str, list[ArticleSentences]], types: tuple[str, ...]) -> list[tuple[float, float, tuple[int, int, int]]]:
    """Per (C, threshold), the pooled (tp, fp, fn) over the folds, each read by a model of the others."""
    sets = sorted(data)
    grid = []
    for c in C_GRID:
        probs = crossfit(data, types, c)
        for th in THRESHOLDS:
            pooled = np.sum([tally(data[s], probs[s], types, float(th)) for s in sets], axis=0)
            grid.append((c, float(th), tuple(int(v) for v in pooled)))
        print(f"  C={c}: " + "  ".join(f"{th}: {100 * f1(*t):.2f}" for cc, th, t in grid if cc == c), flush=True)
    return grid


def main() -> None:
    args = training_args(__doc__, MODEL, setting=True)
    data = analysed(args, analyse_sets)
    types = tuple(sorted({label for arts in data.values() for a in arts for lab in a.labels for label in lab}))
    before = np.sum([tally(data[s], [np.zeros((0, 0))] * len(data[s]), types, 1.0) for s in data], axis=0)
    grid = cross_validate(data, types)
    best = max(f1(*t) for _, _, t in grid)
    c, th, after = max((g for g in grid if f1(*g[2]) >= best - TOLERANCE), key=lambda g: (-g[0], g[1], f1(*g[2])))
    if args.setting:
        chosen = [g for g in grid if g[0] == args.setting[0] and abs(g[1] - args.setting[1]) < 1e-9]
        if not chosen:
            raise SystemExit(f"--setting {args.setting[0]} {args.setting[1]} is not in the grid (C in {C_GRID}, thresholds {THRESHOLDS})")
        c, th, after = chosen[0]
    print(f"{FOLDS}-fold pooled incident F1 {100 * f1(*before):.2f} -> {100 * f1(*after):.2f} (C={c}, threshold={th}; tp {before[0]} -> {after[0]}, fp {before[1]} -> {after[1]})")
    arts = [a for s in data for a in data[s]]
    model = fit(arts, types, c, th)
    final = SentenceTypeModel(
        model.types, model.terms, model.idf, model.weights, model.intercepts, th,
        {
            "trained": _dt.date.today().isoformat(),
            "sets": list(data),
            "sentences": sum(len(a.sentences) for a in arts),
            "C": c,
            "cv": f"{FOLDS}-fold over sets",
            "cv_pooled_f1_before": round(f1(*before), 4),
            "cv_pooled_f1_after": round(f1(*after), 4),
            "cv_tp_fp_fn_before": [int(v) for v in before],
            "cv_tp_fp_fn_after": list(after),
        },
    )  # fmt: skip
    args.out.write_text(json.dumps(final.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
