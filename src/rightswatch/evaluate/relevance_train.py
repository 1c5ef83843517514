"""Train and measure the article relevance classifier (``analyse.relevance_model``).

Training data (``training_examples``), never the HRDsAttack dev split nor the domain corpus:

* positives: the HRDsAttack **train** split (articles about attacks on human rights defenders)
  and the bundled relevant articles (``src/rightswatch/data/corpus``);
* negatives: real news pages of the article-extraction benchmark (``/work/shared/data/
  article-extraction-benchmark``, MIT), the English pages whose SHA-256 starts with 0-b (3/4;
  the rest is held out for measuring), minus the pages listed in ``scripts/relevance_data/
  aeb_excluded.json`` (about killings of protesters, detained migrants, threats to politicians:
  relevant or arguable, so neither positive nor negative). Not the benchmark's generated "other
  news" (``bench/pipeline.py``), so the benchmark does not measure memorised templates.

Model: scikit-learn ``TfidfVectorizer`` over the same analyzer as prediction
(``relevance_model.tokens``: word unigrams + bigrams), sublinear tf, ``min_df=2``, the
``max_features`` most frequent terms (cut by ``stable_terms``, ties broken by the term, so the same on
every machine); ``LogisticRegression`` (lbfgs, balanced class weights), C
chosen by stratified 5-fold cross-validation (fixed seed) on average precision. Deterministic:
the same data gives the same coefficients. scikit-learn is imported here only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..analyse.relevance_model import MODEL_FORMAT, RelevanceModel, tokens

__all__ = [
    "Example",
    "hrds_examples",
    "bundled_examples",
    "aeb_examples",
    "jsonl_examples",
    "domain_examples",
    "training_examples",
    "train_and_write",
    "rates",
    "train_model",
    "TrainResult",
]

ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = ROOT / "scripts" / "relevance_data"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "corpus"
_EN_STOP = frozenset("the of and to in a is that for on with as was by it at from be has said are have an this".split())


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: int  # 1 relevant, 0 not
    source: str


def _text(title: str | None, body: str) -> str:
    return f"{title or ''}\n{body}"  # what the article gate scores


def hrds_examples(path: Path) -> list[Example]:
    """HRDsAttack articles for training: the train split only."""
    if path.name.startswith(("dev", "test")):
        raise ValueError(f"{path.name}: train on the HRDsAttack train split only, never dev or test")
    return hrds_examples_any(path)


def hrds_examples_any(path: Path) -> list[Example]:
    """HRDsAttack articles of any split (dev for measuring)."""
    from .hrdsattack import load_split, sample_article

    out = []
    for sample in load_split(path):
        art = sample_article(sample)
        out.append(Example(_text(art.title, art.text), 1, f"hrdsattack:{path.stem}:{sample.id}"))
    return out


def _files_examples(paths: Sequence[Path], label: int, prefix: str) -> list[Example]:
    from ..collect import Failure, iter_documents
    from ..extract import extract_article
    from ..settings import Settings

    settings = Settings()
    out = []
    for doc in iter_documents(list(paths), settings):
        if isinstance(doc, Failure):
            raise ValueError(f"{doc.origin}: {doc.reason}")
        art = extract_article(doc, settings)
        out.append(Example(_text(art.title, art.text), label, f"{prefix}:{Path(doc.origin).name}"))
    return out


def bundled_examples(folder: Path = BUNDLED) -> list[Example]:
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    return _files_examples(paths, 1, "bundled")


def domain_examples(corpus: Path) -> list[Example]:
    """The domain corpus with the ``relevant`` flag of each expected file (for measuring only)."""
    from .domain import corpus_files

    out = []
    for article, expected in corpus_files(corpus):
        label = int(bool(json.loads(expected.read_text(encoding="utf-8"))["relevant"]))
        out.extend(_files_examples([article], label, "domain"))
    return out


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower()[:5000])
    return len(words) >= 30 and sum(w in _EN_STOP for w in words) / len(words) >= 0.15


def aeb_examples(folder: Path, part: str, excluded: Path = DATA_DIR / "aeb_excluded.json",
                 chunk_words: int = 0) -> list[Example]:
    """Article-extraction-benchmark pages as negatives: ``part`` "train" (SHA-256 0-b), "heldout" (c-f)
    or "excluded" (the human-rights-related pages, for information). ``chunk_words``: cut each page
    into pieces of that many words (at least 40), so 100-odd pages give a few hundred negatives."""
    skip = json.loads(excluded.read_text(encoding="utf-8"))
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for sha in sorted(truth):
        body = truth[sha].get("articleBody") or ""
        is_skipped = any(sha.startswith(k) for k in skip)
        if part == "excluded":
            if is_skipped:
                out.append(Example(_text(None, body), 0, f"aeb:{sha[:8]}"))
            continue
        if is_skipped or not _english(body):
            continue
        if (sha[0] in "0123456789ab") == (part == "train"):
            words = body.split()
            step = chunk_words or len(words)
            for i in range(0, len(words), step):
                piece = words[i:i + step]
                if len(piece) >= 40 or i == 0:
                    out.append(Example(_text(None, " ".join(piece)), 0, f"aeb:{sha[:8]}"))
    return out


def jsonl_examples(path: Path, label: int) -> list[Example]:
    """``{"title", "text"}`` records, one per line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            rec = json.loads(line)
            out.append(Example(_text(rec.get("title"), rec["text"]), label, f"{path.stem}:{n}"))
    return out


def training_examples(hrds_train: Path, aeb: Path) -> list[Example]:
    return hrds_examples(hrds_train) + bundled_examples() + aeb_examples(aeb, "train", chunk_words=300)


# -- training ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainResult:
    model: RelevanceModel
    #: Out-of-fold scores of the chosen C, in example order (the threshold is chosen on them).
    oof_scores: tuple[float, ...]
    cv: dict[str, Any]


def stable_terms(texts: Sequence[str], max_features: int, min_df: int = 2) -> dict[str, int]:
    """The ``max_features`` terms of highest total count among those in at least ``min_df`` texts,
    ties broken by the term itself, indexed in sorted order: the same cut on every machine.
    (scikit-learn's own ``max_features`` cut ranks counts with numpy's unstable argsort, whose order
    among equal counts depends on the CPU's vector instructions: a model trained on one machine was
    not what its script made on another.)"""
    total: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for text in texts:
        counts = Counter(tokens(text))
        total.update(counts)
        docs.update(counts.keys())
    kept = sorted((w for w in total if docs[w] >= min_df), key=lambda w: (-total[w], w))[:max_features]
    return {w: i for i, w in enumerate(sorted(kept))}


def _pipeline(c: float, max_features: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    class StableTfidf(TfidfVectorizer):  # type: ignore[misc]
        """TF-IDF over the terms ``stable_terms`` keeps of the texts it is fitted on. (Both entry points
        are overridden: ``TfidfVectorizer.fit`` reaches the counting through ``CountVectorizer``, not
        through ``fit_transform``.)"""

        def _cut(self, raw_documents: Any) -> list[str]:
            texts = list(raw_documents)
            self.vocabulary = stable_terms(texts, max_features)
            return texts

        def fit(self, raw_documents: Any, y: Any = None) -> Any:
            return super().fit(self._cut(raw_documents), y)

        def fit_transform(self, raw_documents: Any, y: Any = None) -> Any:
            return super().fit_transform(self._cut(raw_documents), y)

    vec = StableTfidf(analyzer=tokens, sublinear_tf=True, norm="l2")
    clf = LogisticRegression(C=c, class_weight="balanced", solver="lbfgs", max_iter=5000)
    return make_pipeline(vec, clf)


def train_model(
    examples: Sequence[Example],
    *,
    cs: Sequence[float] = (1.0, 3.0, 10.0, 30.0),
    max_features: int = 6000,
    folds: int = 5,
    seed: int = 0,
    min_recall: float = 0.99,
    meta: dict[str, Any] | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> TrainResult:
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import StratifiedGroupKFold

    texts = [e.text for e in examples]
    y = np.array([e.label for e in examples])
    if len(set(y.tolist())) != 2:
        raise ValueError("training needs both relevant and irrelevant examples")
    groups = [e.source for e in examples]  # pieces of one page stay in one fold
    splits = list(StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, y, groups))
    grid: dict[str, dict[str, float]] = {}
    best: tuple[float, float, np.ndarray] | None = None
    for c in cs:
        oof = np.zeros(len(y))
        for tr, te in splits:
            pipe = _pipeline(c, max_features).fit([texts[i] for i in tr], y[tr])
            oof[te] = pipe.predict_proba([texts[i] for i in te])[:, 1]
        ap = float(average_precision_score(y, oof))
        grid[f"{c:g}"] = {"average_precision": round(ap, 5)}
        log(f"C={c:g}: out-of-fold average precision {ap:.4f}")
        if best is None or ap > best[0] + 1e-9:
            best = (ap, c, oof)
    assert best is not None
    _, c, oof = best
    threshold = choose_threshold(oof, y, min_recall)
    log(f"C={c:g}; threshold {threshold:g}: the highest keeping >= {min_recall:.0%} of relevant examples out of fold")
    pipe = _pipeline(c, max_features).fit(texts, y)
    vec, clf = pipe.steps[0][1], pipe.steps[1][1]
    vocab: dict[str, int] = vec.vocabulary_
    terms = sorted(vocab, key=vocab.__getitem__)
    model = RelevanceModel(
        vocabulary={t: i for i, t in enumerate(terms)},
        idf=np.asarray(vec.idf_, dtype=np.float64),
        coef=np.asarray(clf.coef_[0], dtype=np.float64),
        intercept=float(clf.intercept_[0]),
        threshold=threshold,
        meta={
            "format": MODEL_FORMAT,
            "C": c,
            "max_features": max_features,
            "folds": folds,
            "seed": seed,
            "min_recall": min_recall,
            "examples": {"relevant": int(y.sum()), "irrelevant": int(len(y) - y.sum())},
            "cv_grid": grid,
            **(meta or {}),
        },
    )
    return TrainResult(model=model, oof_scores=tuple(float(v) for v in oof), cv={"C": c, "grid": grid})


def choose_threshold(scores: Sequence[float] | np.ndarray, labels: Sequence[int] | np.ndarray, min_recall: float) -> float:
    """The highest of 0.05, 0.10, ... 0.95 at which ``scores >= t`` keeps ``min_recall`` of the positives."""
    pos = np.sort(np.asarray(scores)[np.asarray(labels) == 1])
    best = 0.05
    for t in np.arange(0.05, 0.951, 0.05):
        if np.mean(pos >= t) >= min_recall:
            best = round(float(t), 2)
    return best


def rates(scores: Sequence[float], labels: Sequence[int], threshold: float) -> dict[str, Any]:
    """Precision, recall and counts of ``score >= threshold`` against ``labels``."""
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    tn = sum(1 for s, y in zip(scores, labels) if s < threshold and not y)
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "false_positive_rate": round(fp / (fp + tn), 4) if fp + tn else None}


def train_and_write(hrds_train: Path, aeb: Path, out: Path, log: Callable[[str], None] = print,
                    **options: Any) -> TrainResult:
    """Train on ``training_examples`` and write the model JSON to ``out``."""
    examples = training_examples(hrds_train, aeb)
    sources: dict[str, int] = {}
    for e in examples:
        key = e.source.split(":")[0]
        sources[key] = sources.get(key, 0) + 1
    log(f"training examples: {sources}")
    meta = {"training_data": {
        "relevant": f"HRDsAttack {hrds_train.name} + bundled data/corpus articles",
        "irrelevant": "article-extraction-benchmark English pages with SHA-256 0-b, minus scripts/relevance_data/aeb_excluded.json",
        "counts": sources}}
    result = train_model(examples, meta=meta, log=log, **options)
    labels = [e.label for e in examples]
    oof = {f"{t:g}": rates(result.oof_scores, labels, t) for t in (0.05, 0.1, 0.3, 0.5)}
    result.model.meta["out_of_fold"] = oof
    for t, r in oof.items():
        log(f"out-of-fold at {t}: precision {r['precision']} recall {r['recall']} (fn {r['fn']}, fp {r['fp']})")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.model.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    log(f"wrote {out} ({out.stat().st_size} bytes, {len(result.model.vocabulary)} terms, C={result.cv['C']})")
    return result
