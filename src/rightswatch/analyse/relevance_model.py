"""A small text classifier for article relevance: TF-IDF words + logistic regression, numpy only.

It backs up the keyword pass (``analyse.relevance``) in the article gate: an article the profile's
keywords do not clearly admit is scored by this model, so a report about an attack on a human
rights defender that happens to use none of the profile's keywords still reaches the parser.

Features: lower-cased word unigrams (2+ word characters, as scikit-learn's default token pattern)
and bigrams, restricted to the model's vocabulary; sublinear tf (1 + log tf) times idf, l2-normalised
over the vocabulary terms present. Score: the logistic of ``coef · x + intercept``, 0..1. The
model carries its own ``threshold``, chosen in training as the highest that keeps 99% of the
relevant training articles out of fold; the gate compares the score with it, not with the
keyword threshold (the two scales differ).

The model is a JSON data file (``data/models/relevance.json``, written by
``scripts/train_relevance.py`` / ``rightswatch train relevance``): vocabulary, idf, coefficients,
intercept and the training metadata. It is checked for shape and type when loaded; no pickle.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["MODEL_FORMAT", "RelevanceModel", "RelevanceModelError", "default_model_path", "load_relevance_model", "tokens"]

MODEL_FORMAT = "rightswatch.relevance/1"
#: Largest model file we load (the shipped one is a few hundred kB).
MAX_MODEL_BYTES = 8 * 1024 * 1024
#: Characters of an article the model reads: the title and the first part of the text decide.
MAX_CHARS = 20_000

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class RelevanceModelError(ValueError):
    """The model file is missing, too large, not JSON or not a relevance model."""


def default_model_path() -> Path:
    return Path(str(resources.files("rightswatch") / "data" / "models" / "relevance.json"))


def tokens(text: str) -> list[str]:
    """Word unigrams and bigrams of ``text``, lower-cased (the training vectorizer's analyzer)."""
    words = _TOKEN.findall(text[:MAX_CHARS].lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    #: The classifier's own decision threshold (chosen in training for recall), 0..1.
    threshold: float
    #: Training metadata (data, sizes, cross-validated numbers); informative only.
    meta: dict[str, Any] = field(default_factory=dict)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(indices, values) of the l2-normalised sublinear TF-IDF vector of ``text``."""
        counts: dict[int, int] = {}
        vocab = self.vocabulary
        for tok in tokens(text):
            j = vocab.get(tok)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        vals = (1.0 + np.log(tf)) * self.idf[idx]
        norm = math.sqrt(float(vals @ vals))
        return idx, (vals / norm if norm > 0 else vals)

    def decision(self, text: str) -> float:
        idx, vals = self.features(text)
        return float(vals @ self.coef[idx]) + self.intercept

    def score(self, text: str) -> float:
        """Probability-like relevance of ``text``, 0..1."""
        z = self.decision(text)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def to_dict(self) -> dict[str, Any]:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "format": MODEL_FORMAT,
            "terms": terms,
            "idf": [round(float(v), 6) for v in self.idf],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
            "threshold": self.threshold,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: Any, source: str = "model") -> RelevanceModel:
        def bad(why: str) -> RelevanceModelError:
            return RelevanceModelError(f"{source}: not a relevance model ({why})")

        if not isinstance(data, dict):
            raise bad("top level is not an object")
        if data.get("format") != MODEL_FORMAT:
            raise bad(f"format is {data.get('format')!r}, expected {MODEL_FORMAT!r}")
        terms, idf, coef = data.get("terms"), data.get("idf"), data.get("coef")
        for name, value in (("terms", terms), ("idf", idf), ("coef", coef)):
            if not isinstance(value, list) or not value:
                raise bad(f"{name!r} must be a non-empty list")
        assert isinstance(terms, list) and isinstance(idf, list) and isinstance(coef, list)
        if not (len(terms) == len(idf) == len(coef)):
            raise bad(f"terms, idf and coef differ in length ({len(terms)}, {len(idf)}, {len(coef)})")
        if not all(isinstance(t, str) and t for t in terms) or len(set(terms)) != len(terms):
            raise bad("terms must be distinct non-empty strings")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in idf + coef):
            raise bad("idf and coef must be finite numbers")
        if any(v <= 0 for v in idf):
            raise bad("idf values must be positive")
        intercept = data.get("intercept")
        if not isinstance(intercept, (int, float)) or isinstance(intercept, bool) or not math.isfinite(intercept):
            raise bad("'intercept' must be a finite number")
        threshold = data.get("threshold")
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold < 1:
            raise bad("'threshold' must be a number between 0 and 1")
        meta = data.get("meta", {})
        if not isinstance(meta, dict):
            raise bad("'meta' must be an object")
        return cls(
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=np.asarray(idf, dtype=np.float64),
            coef=np.asarray(coef, dtype=np.float64),
            intercept=float(intercept),
            threshold=float(threshold),
            meta=meta,
        )


def load_relevance_model(path: Path | str | None = None) -> RelevanceModel:
    """Load and check a model file (default: the installed ``data/models/relevance.json``)."""
    p = Path(path) if path is not None else default_model_path()
    return _load(str(p.resolve()) if p.exists() else str(p))


@lru_cache(maxsize=4)
def _load(path: str) -> RelevanceModel:
    p = Path(path)
    if not p.is_file():
        raise RelevanceModelError(f"{p}: no such relevance model file")
    size = p.stat().st_size
    if size > MAX_MODEL_BYTES:
        raise RelevanceModelError(f"{p}: {size} bytes, larger than a relevance model can be ({MAX_MODEL_BYTES})")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RelevanceModelError(f"{p}: not a relevance model (not valid JSON: {exc})") from None
    return RelevanceModel.from_dict(data, source=str(p))
