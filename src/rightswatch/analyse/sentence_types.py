"""A trained reading of which incident types a sentence tells, for the incidents no rule finds.

The rules find an incident through a trigger word and its arguments. Their misses are a long tail
("died in the center in August 2012", "a police officer visited my mother's house every few days
to make sure I was still there", "were driven back across the bridge to Hyesan"), each worth a
rule of its own. This model reads every sentence of the article as words and word pairs (TF-IDF)
with one logistic regression per incident type, trained by ``scripts/train_sentence_types.py`` on
the sentences the domain sets' expected incidents cite. ``IncidentBuilder`` asks it only about the
types the article has no incident of: where its surest sentence for such a type reaches the
threshold, that sentence becomes an incident of the type, its arguments, place and time read by the
rules as for any trigger (``incidents.IncidentBuilder.sentence_candidates``). The incident scorer
reads it as well (``READER_FEATURES``): a trigger word in a sentence the reader does not see as
telling the trigger's type is often a sense that is no act.

The model file is a profile's ``sentence_types.json``: the terms with their inverse document
frequencies, and per type the weights and the intercept. Prediction needs only numpy, and the
terms are made by :func:`sentence_terms`, which the training script hands to scikit-learn, so
training and prediction read a sentence the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from rightswatch.analyse.gate import sentence_spans
from rightswatch.errors import ConfigError
from rightswatch.records import Span

__all__ = ["FORMAT", "READER_FEATURES", "SentenceReading", "SentenceTypeModel", "sentence_terms"]

FORMAT = "rightswatch.sentence_types/1"
_WORD = re.compile(r"\b\w\w+\b")
_DIGIT = re.compile(r"\d")


#: What the incident scorer reads of the reader (``analyse.incident_scorer``): the probability of the
#: incident's type in its evidence's sentences, whether that is low, and the type's best anywhere in
#: the article. A trigger word in a sentence the reader does not see as telling its type is often a
#: sense that is no act, or a practice described.
READER_FEATURES = ("sent_p", "sent_p_low", "sent_p_article")
_LOW = 0.2


@dataclass(frozen=True)
class SentenceReading:
    """The reader's probabilities for every sentence of one article."""

    spans: list[tuple[int, int]]
    probs: np.ndarray  # (sentences, types)
    types: tuple[str, ...]

    def features(self, label: str, evidence: Sequence[Span]) -> dict[str, float]:
        """``READER_FEATURES`` for an incident of type ``label`` told in ``evidence``."""
        if label not in self.types or not self.spans:
            return {"sent_p": 0.0, "sent_p_low": 1.0, "sent_p_article": 0.0}
        n = self.types.index(label)
        p = max((float(self.probs[k, n]) for k, (s, e) in enumerate(self.spans) if any(ev.start < e and s < ev.end for ev in evidence)), default=0.0)
        return {"sent_p": p, "sent_p_low": float(p < _LOW), "sent_p_article": float(self.probs[:, n].max())}


def sentence_terms(text: str) -> list[str]:
    """The words (two letters or more, lower case, digits as 0) and the pairs of adjacent words."""
    words = _WORD.findall(_DIGIT.sub("0", text.lower()))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class SentenceTypeModel:
    types: tuple[str, ...]
    terms: tuple[str, ...]
    idf: np.ndarray  # (terms,)
    weights: np.ndarray  # (types, terms)
    intercepts: np.ndarray  # (types,)
    threshold: float
    metadata: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.weights.shape != (len(self.types), len(self.terms)) or self.idf.shape != (len(self.terms),) or self.intercepts.shape != (len(self.types),):
            raise ValueError("sentence types: the weights, terms, idf and intercepts do not agree in shape")
        object.__setattr__(self, "_index", {t: n for n, t in enumerate(self.terms)})

    def probabilities(self, sentences: list[str]) -> np.ndarray:
        """(sentences, types): the probability that each sentence tells an incident of each type."""
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        z = np.tile(self.intercepts, (len(sentences), 1))
        for row, text in enumerate(sentences):
            counts: dict[int, int] = {}
            for term in sentence_terms(text):
                col = index.get(term)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            if not counts:
                continue
            cols = np.fromiter(counts, dtype=int, count=len(counts))
            x = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * self.idf[cols]  # sublinear tf-idf
            z[row] += self.weights[:, cols] @ (x / np.linalg.norm(x))
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def read(self, text: str) -> SentenceReading:
        """The article's sentences (``gate.sentence_spans``) and their probabilities."""
        spans = sentence_spans(text)
        return SentenceReading(spans, self.probabilities([text[s:e] for s, e in spans]), self.types)

    def to_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "types": list(self.types),
            "terms": list(self.terms),
            "idf": [round(float(v), 5) for v in self.idf],
            "weights": [[round(float(v), 5) for v in row] for row in self.weights],
            "intercepts": [round(float(v), 5) for v in self.intercepts],
            "threshold": self.threshold,
            "metadata": self.metadata,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> SentenceTypeModel:
        if d.get("format") != FORMAT:
            raise ValueError(f"sentence types: unknown format {d.get('format')!r}")
        return cls(
            types=tuple(str(t) for t in d["types"]),  # type: ignore[union-attr]
            terms=tuple(str(t) for t in d["terms"]),  # type: ignore[union-attr]
            idf=np.array(d["idf"], dtype=float),
            weights=np.array(d["weights"], dtype=float).reshape(len(d["types"]), len(d["terms"])),  # type: ignore[arg-type]
            intercepts=np.array(d["intercepts"], dtype=float),
            threshold=float(d["threshold"]),  # type: ignore[arg-type]
            metadata=dict(d.get("metadata") or {}),  # type: ignore[call-overload]
        )

    @staticmethod
    @lru_cache(maxsize=4)
    def load(path: Path) -> SentenceTypeModel:
        """A model file (a profile's ``sentence_types.json``); a broken one is a configuration error."""
        try:
            return SentenceTypeModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"sentence types {path}: {exc}") from exc
