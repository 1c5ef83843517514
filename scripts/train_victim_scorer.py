"""Train the named-victim scorer (``analyse/victims.py``) on the HRDsAttack TRAIN split.

    python scripts/train_victim_scorer.py                      # parse train, fit, write the model
    python scripts/train_victim_scorer.py --docs /tmp/x.pkl    # keep the parsed Docs for re-runs

Candidates are the PERSON groups ``victims.person_candidates`` reads from each parsed article;
a candidate is positive when its name matches a gold victim name (the metric's fuzzy rule).
A logistic regression (scikit-learn, fixed seed) is fitted; C and the decision threshold are
chosen by 5-fold cross-validation over articles, maximising the victim-name micro F1 of the
whole answer (names the incident arguments already hold plus the accepted candidates), scored
with ``evaluate.metrics.match_names``; the veto (below it, a name the incident arguments hold is
dropped: ``victims.rejected_rule_victims``) is chosen with the threshold, on the same folds.
Only the train split is read. The model is written as plain weights to
``src/rightswatch/data/models/victim_scorer.json``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rightswatch.analyse.victims import FEATURES, PersonCandidate, VictimScorer, person_candidates, rejected_rule_victims
from rightswatch.evaluate import load_split, sample_article
from rightswatch.evaluate.metrics import _fold_name, _name_similarity, match_names

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "hrdsattack"
MODEL = ROOT / "src" / "rightswatch" / "data" / "models" / "victim_scorer.json"
SEED = 0
FOLDS = 5
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(np.round(np.arange(0.2, 0.81, 0.025), 3))
VETOES: tuple[float | None, ...] = (None, *np.round(np.arange(0.05, 0.301, 0.025), 3))


@dataclass
class ArticleData:
    held: list[str]  # names the incident arguments already hold
    candidates: list[PersonCandidate]
    gold: list[str]


def parse(split: Path, docs_cache: Path | None):
    from rightswatch.analyse import Analyzer
    from rightswatch.analyse.timex import iso_date
    from rightswatch.analyse.quotes import quote_regions

    samples = load_split(split)
    analyzer = Analyzer("general")
    if docs_cache is not None and docs_cache.exists():
        return samples, pickle.loads(docs_cache.read_bytes())
    articles = [sample_article(s) for s in samples]

    def make():
        for a in articles:
            d = analyzer.nlp.make_doc(analyzer.gate(a.text, quote_regions(a.text)).text)
            d._.rw_text, d._.rw_title, d._.rw_published = a.text, a.title, iso_date(a.published)
            yield d

    docs = list(analyzer.nlp.pipe(make(), batch_size=16))
    if docs_cache is not None:
        docs_cache.write_bytes(pickle.dumps(docs))
    return samples, docs


def article_data(samples, docs) -> list[ArticleData]:
    from rightswatch.analyse.incidents import IncidentBuilder

    out = []
    for s, doc in zip(samples, docs, strict=True):
        builder = IncidentBuilder(
            doc, doc._.rw_mentions or [], doc._.rw_places or [], doc._.rw_times or [], doc._.rw_quotes or [],
            "", doc._.rw_published, doc._.rw_title_places,
        )
        triggers = doc._.rw_triggers or []
        merged = builder.merged(triggers)
        held = list(dict.fromkeys(v.name for c in merged for v in c.victims if v.name))
        cands = person_candidates(doc, triggers, builder.mentions, builder.quotes, held) if merged else []
        out.append(ArticleData(held, cands, [v.name for v in s.gold.victims if v.name]))
    return out


def label(cand: PersonCandidate, gold: list[str]) -> int:
    f = _fold_name(cand.name)
    return int(any(_name_similarity(f, _fold_name(g)) >= 85 for g in gold))


def micro_f1(arts: list[ArticleData], probs: list[np.ndarray], threshold: float, veto: float | None = None) -> float:
    from rightswatch.evaluate.metrics import _prepare_predicted

    sys_n = gold_n = tp = 0
    for a, p in zip(arts, probs):
        dropped = rejected_rule_victims({h.casefold() for h in a.held}, zip(a.candidates, p), veto)
        held = [h for h in a.held if h.casefold() not in dropped]
        names = held + [c.name for c, q in zip(a.candidates, p) if q >= threshold]
        gold = list(dict.fromkeys(f for f in (_fold_name(g) for g in a.gold) if f))
        sys_n += len(_prepare_predicted(names))
        gold_n += len(gold)
        tp += len(match_names(names, a.gold))
    prec, rec = tp / sys_n if sys_n else 0.0, tp / gold_n if gold_n else 0.0
    return 100 * 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    # "bias" is a feature column: no separate intercept, so the weights are the whole model
    return LogisticRegression(C=c, fit_intercept=False, max_iter=2000, random_state=SEED).fit(x, y)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", type=Path, default=DATA / "train.json")
    ap.add_argument("--docs", type=Path, help="pickle of the parsed Docs (written, or read when present)")
    ap.add_argument("--out", type=Path, default=MODEL)

    args = ap.parse_args()
    if "train" not in args.split.name:
        raise SystemExit("the victim scorer is trained on the train split only")
    samples, docs = parse(args.split, args.docs)
    arts = article_data(samples, docs)
    names = tuple(FEATURES)
    xs = [np.array([c.vector(names) for c in a.candidates]).reshape(-1, len(names)) for a in arts]
    ys = [np.array([label(c, a.gold) for c in a.candidates], dtype=int) for a in arts]
    folds = np.random.default_rng(SEED).permutation(len(arts)) % FOLDS
    best: tuple[float, float, float, float | None] = (-1.0, 0.0, 0.0, None)
    table = {}
    for c in C_GRID:
        probs: list[np.ndarray] = [np.zeros(0)] * len(arts)
        for k in range(FOLDS):
            tr = [i for i in range(len(arts)) if folds[i] != k]
            model = fit(np.vstack([xs[i] for i in tr]), np.concatenate([ys[i] for i in tr]), c)
            for i in range(len(arts)):
                if folds[i] == k:
                    probs[i] = model.predict_proba(xs[i])[:, 1] if len(xs[i]) else np.zeros(0)
        for t in THRESHOLDS:
            for v in VETOES:
                if v is not None and v >= t:
                    continue
                veto = None if v is None else float(v)
                f1 = micro_f1(arts, probs, float(t), veto)
                table[f"C={c},t={t},v={v}"] = round(f1, 2)
                if f1 > best[0]:
                    best = (f1, c, float(t), veto)
    f1, c, t, veto = best
    for cc in C_GRID:
        print(f"C={cc}: best CV F1 {max(v for k, v in table.items() if k.startswith(f'C={cc},')):.2f}")
    no_veto = max(v for k, v in table.items() if k.startswith(f"C={c},") and k.endswith(",v=None"))
    print(f"cross-validated victim F1 {f1:.2f} at C={c}, threshold={t}, veto={veto} (no veto: {no_veto:.2f}); rule alone {micro_f1(arts, [np.zeros(len(a.candidates)) for a in arts], 2.0):.2f}")
    model = fit(np.vstack(xs), np.concatenate(ys), c)
    weights = tuple(float(w) for w in model.coef_[0])
    scorer = VictimScorer(
        names, weights, t,
        veto=veto,
        metadata={
            "trained_on": "HRDsAttack train split",
            "train_split_sha256": hashlib.sha256(args.split.read_bytes()).hexdigest(),
            "n_articles": len(arts),
            "n_candidates": int(sum(len(y) for y in ys)),
            "n_positive": int(sum(int(y.sum()) for y in ys)),
            "C": c,
            "cv_folds": FOLDS,
            "cv_victim_f1": round(f1, 2),
            "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "seed": SEED,
        },
    )
    # numpy inference must agree with scikit-learn's
    x_all = np.vstack(xs)
    ours = np.array([1 / (1 + np.exp(-(row @ np.array(weights)))) for row in x_all])
    assert np.allclose(ours, model.predict_proba(x_all)[:, 1], atol=1e-6)
    args.out.write_text(json.dumps(scorer.to_dict(), indent=1) + "\n")
    for name, w in sorted(zip(names, weights), key=lambda p: -abs(p[1])):
        print(f"  {name:24s} {w:+.3f}")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
