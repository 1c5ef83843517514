"""Near-duplicate articles with MinHash LSH (datasketch).

An article's text becomes a set of word 4-grams ("shingles", lower-cased, punctuation dropped),
summarised by a 128-permutation MinHash. Locality-sensitive hashing finds, for a new article,
the stored ones whose estimated Jaccard similarity is likely above ``threshold`` without
comparing against every article; each candidate is then confirmed on the signatures themselves.

Why 4-grams: single words make every North Korea story look alike; whole sentences miss a wire
copy whose editor changed one word per paragraph. Four-word runs survive light editing (a
corrected figure, a new headline, a trimmed last paragraph) and rarely repeat by chance.

The *original* of a group of near-duplicates is the copy published first (unknown dates sort
last), ties broken by arrival (article id): copies link to it, never the reverse.

Cost stays linear: the signature of each article is computed once and stored by the caller;
a later run rebuilds the LSH index from stored signatures (an insert costs microseconds) and
computes signatures only for new articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from rightswatch.link.attribution import Attribution, canonical, find_attributions

__all__ = ["shingles", "LinkedArticle", "NearDuplicate", "Candidate", "LinkResult", "Linker"]

_WORD = re.compile(r"\w+")
#: datasketch's hashing scheme and the stored byte layout of its values. Signatures made with
#: another scheme are not comparable: change both together and re-sign (``rightswatch link``).
SCHEME = "affine32"
DTYPE = "<u4"
SHINGLE = 4
#: Minimum estimated Jaccard between an article and the cited outlet's report for the
#: derivative link to name that report (rewrites share quotes and phrases, not whole texts).
DERIVATIVE_MIN_SIMILARITY = 0.04
#: How many of the cited outlet's articles (nearest in date) are compared.
DERIVATIVE_WINDOW = 500


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    id: int
    text: str
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    copy_id: int
    original_id: int
    score: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A derivative article's attribution, resolved to the cited outlet's report when found."""

    attribution: Attribution
    target_id: int | None
    score: float | None


@dataclass(frozen=True, slots=True)
class LinkResult:
    article_id: int
    hashvalues: bytes
    num_perm: int
    seed: int
    duplicates: tuple[NearDuplicate, ...] = ()  # may include links *from* earlier-stored copies
    derivatives: tuple[Candidate, ...] = ()


@dataclass
class _Entry:
    outlet: str | None
    published: str | None
    values: np.ndarray


@dataclass
class Linker:
    """An in-memory LSH over stored signatures; :meth:`add` links one new article."""

    num_perm: int = 128
    threshold: float = 0.6
    seed: int = 1
    _lsh: MinHashLSH = field(init=False)
    _entries: dict[int, _Entry] = field(init=False, default_factory=dict)
    _by_outlet: dict[str, list[int]] = field(init=False, default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        # LSH finds candidates a little below the threshold; each is confirmed on its signature.
        self._lsh = MinHashLSH(threshold=max(0.1, self.threshold - 0.1), num_perm=self.num_perm)

    def __len__(self) -> int:
        return len(self._entries)

    def signature(self, text: str) -> np.ndarray:
        m = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=SCHEME)
        m.update_batch(list(shingles(text)))
        return m.hashvalues.astype(DTYPE)

    def load(self, article_id: int, outlet: str | None, published: str | None, hashvalues: bytes) -> None:
        """Add a stored signature to the index (no linking)."""
        values = np.frombuffer(hashvalues, dtype=DTYPE)
        if len(values) != self.num_perm:
            raise ValueError(f"article {article_id}: signature has {len(values)} values, expected {self.num_perm}")
        self._insert(article_id, canonical(outlet) or outlet, published, values)

    def _insert(self, article_id: int, outlet: str | None, published: str | None, values: np.ndarray) -> None:
        if article_id in self._entries:
            return
        m = MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=values, scheme=SCHEME)
        self._lsh.insert(article_id, m)
        self._entries[article_id] = _Entry(outlet, published, values)
        if outlet:
            self._by_outlet[outlet].append(article_id)

    def similarity(self, a: int, b: int) -> float:
        return float(np.mean(self._entries[a].values == self._entries[b].values))

    def add(self, article: LinkedArticle) -> LinkResult:
        """Sign ``article``, find its near-duplicates and derivative sources, and index it."""
        values = self.signature(article.text)
        outlet = canonical(article.outlet) or article.outlet
        matches: list[tuple[int, float]] = []
        if article.id not in self._entries:
            query = MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=values, scheme=SCHEME)
            for other in self._lsh.query(query):
                score = float(np.mean(self._entries[other].values == values))
                if score >= self.threshold:
                    matches.append((other, score))
        duplicates = self._orient(article.id, article.published, matches)
        derivatives = tuple(self._derivatives(article, outlet, values))
        self._insert(article.id, outlet, article.published, values)
        return LinkResult(article.id, values.tobytes(), self.num_perm, self.seed, duplicates, derivatives)

    def _order(self, article_id: int, published: str | None) -> tuple[str, int]:
        return (published or "9999-99-99", article_id)

    def _orient(self, new_id: int, published: str | None, matches: list[tuple[int, float]]) -> tuple[NearDuplicate, ...]:
        if not matches:
            return ()
        earliest = min((self._order(o, self._entries[o].published), o) for o, _ in matches)
        if earliest[0] < self._order(new_id, published):
            original = earliest[1]
            score = dict(matches)[original]
            return (NearDuplicate(new_id, original, score),)
        # The new article predates every stored copy: they are its copies.
        return tuple(NearDuplicate(o, new_id, s) for o, s in sorted(matches))

    def _derivatives(self, article: LinkedArticle, outlet: str | None, values: np.ndarray) -> list[Candidate]:
        out: list[Candidate] = []
        seen: set[str] = set()
        for attribution in find_attributions(article.text, outlet):
            if attribution.outlet in seen:
                continue
            seen.add(attribution.outlet)
            target, score = self.best_report(attribution.outlet, values, article.published)
            out.append(Candidate(attribution, target, score))
        return out

    def best_report(
        self, outlet: str, values: np.ndarray, published: str | None
    ) -> tuple[int | None, float | None]:
        """The cited outlet's article most similar to ``values`` (published no later), if similar enough."""
        ids = self._by_outlet.get(outlet, [])
        if not ids:
            return None, None
        pool = ids[-DERIVATIVE_WINDOW:]
        best: tuple[float, int] | None = None
        for other in pool:
            entry = self._entries[other]
            if published and entry.published and entry.published > published:
                continue  # a report cannot be derived from a later one
            score = float(np.mean(entry.values == values))
            if best is None or score > best[0]:
                best = (score, other)
        if best is None or best[0] < DERIVATIVE_MIN_SIMILARITY:
            return None, None
        return best[1], best[0]

    def values_of(self, article_id: int) -> np.ndarray | None:
        entry = self._entries.get(article_id)
        return entry.values if entry is not None else None
