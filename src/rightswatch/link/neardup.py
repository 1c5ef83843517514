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

Cost stays linear, and memory flat: the signature of each article is computed once; its LSH
buckets (one 64-bit key per band of rows of the signature: articles sharing any bucket are
candidates) live in a :class:`BucketIndex`. :class:`MemoryIndex` keeps them in dictionaries (tests,
one-off use); the store keeps them in an indexed table (``store.buckets.StoredBuckets``), so a
process linking a 1,000,000-article archive holds no per-article state apart from a bounded list of
each outlet's latest articles (for derivative links). The band layout (how many bands of how many
rows) is datasketch's optimum for the threshold (``MinHashLSH``'s ``b`` and ``r``); the band keys
are our own (BLAKE2b of the band's values, band number included) so that they can be stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH

from rightswatch.link.attribution import Attribution, canonical, find_attributions

__all__ = ["shingles", "LinkedArticle", "NearDuplicate", "Candidate", "LinkResult", "Linker", "BucketIndex",
           "MemoryIndex", "band_layout"]

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
    buckets: tuple[int, ...] = ()  # the article's LSH bucket keys, stored with its signature


class BucketIndex(Protocol):
    """Where signed articles and their LSH buckets are kept (in memory or in the database)."""

    def contains(self, article_id: int) -> bool: ...

    def candidates(self, buckets: Sequence[int]) -> set[int]:
        """Articles sharing at least one of these buckets."""
        ...

    def signatures(self, ids: Iterable[int], num_perm: int, seed: int) -> dict[int, tuple[str | None, bytes]]:
        """``id -> (published, hashvalues)`` for those of ``ids`` signed with this scheme."""
        ...


@dataclass
class MemoryIndex:
    """A :class:`BucketIndex` in dictionaries."""

    _signed: dict[int, tuple[str | None, bytes]] = field(default_factory=dict)
    _buckets: dict[int, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._signed)

    def contains(self, article_id: int) -> bool:
        return article_id in self._signed

    def candidates(self, buckets: Sequence[int]) -> set[int]:
        return {a for key in buckets for a in self._buckets.get(key, ())}

    def signatures(self, ids: Iterable[int], num_perm: int, seed: int) -> dict[int, tuple[str | None, bytes]]:
        return {i: self._signed[i] for i in ids if i in self._signed}

    def insert(self, article_id: int, published: str | None, hashvalues: bytes, buckets: Sequence[int]) -> None:
        if article_id in self._signed:
            return
        self._signed[article_id] = (published, hashvalues)
        for key in buckets:
            self._buckets.setdefault(key, []).append(article_id)


def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)``: datasketch's optimum for finding pairs at ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@dataclass
class Linker:
    """Signs articles and links each to its near-duplicates and cited reports in ``index``.

    :meth:`match` only reads the index (the caller stores the signature and buckets, as the
    database-backed index needs); :meth:`add` also inserts into a :class:`MemoryIndex`.
    """

    num_perm: int = 128
    threshold: float = 0.6
    seed: int = 1
    index: BucketIndex = field(default_factory=MemoryIndex)
    _bands: int = field(init=False)
    _rows: int = field(init=False)
    _by_outlet: dict[str, deque[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        # LSH finds candidates a little below the threshold; each is confirmed on its signature.
        self._bands, self._rows = band_layout(max(0.1, self.threshold - 0.1), self.num_perm)

    def signature(self, text: str) -> np.ndarray:
        m = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=SCHEME)
        m.update_batch(list(shingles(text)))
        return m.hashvalues.astype(DTYPE)

    def buckets(self, values: np.ndarray) -> tuple[int, ...]:
        """One signed 64-bit key per band (fits SQLite's and PostgreSQL's BIGINT)."""
        raw = np.ascontiguousarray(values, dtype=DTYPE).tobytes()
        width = self._rows * 4
        return tuple(
            int.from_bytes(hashlib.blake2b(band.to_bytes(2, "little") + raw[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(self._bands)
        )

    def values(self, article_id: int, hashvalues: bytes) -> np.ndarray:
        """A stored signature as values, checked for this linker's length."""
        values = np.frombuffer(hashvalues, dtype=DTYPE)
        if len(values) != self.num_perm:
            raise ValueError(f"article {article_id}: signature has {len(values)} values, expected {self.num_perm}")
        return values

    def note_outlet(self, article_id: int, outlet: str | None) -> None:
        """Remember ``article_id`` among its outlet's latest (the pool for derivative links)."""
        name = canonical(outlet) or outlet
        if name:
            self._by_outlet.setdefault(name, deque(maxlen=DERIVATIVE_WINDOW)).append(article_id)

    def load(self, article_id: int, outlet: str | None, published: str | None, hashvalues: bytes) -> None:
        """Add a stored signature to a :class:`MemoryIndex` (no linking)."""
        values = self.values(article_id, hashvalues)
        self._memory().insert(article_id, published, values.tobytes(), self.buckets(values))
        self.note_outlet(article_id, outlet)

    def _memory(self) -> MemoryIndex:
        if not isinstance(self.index, MemoryIndex):
            raise TypeError("this linker's index is stored by its caller: use match() and store the result")
        return self.index

    def _values(self, ids: Iterable[int]) -> dict[int, tuple[str | None, np.ndarray]]:
        found = self.index.signatures(ids, self.num_perm, self.seed)
        return {i: (published, self.values(i, raw)) for i, (published, raw) in found.items()}

    def similarity(self, a: int, b: int) -> float:
        found = self._values((a, b))
        return float(np.mean(found[a][1] == found[b][1]))

    def match(self, article: LinkedArticle) -> LinkResult:
        """Sign ``article`` and find its near-duplicates and derivative sources (index unchanged)."""
        values = self.signature(article.text)
        buckets = self.buckets(values)
        outlet = canonical(article.outlet) or article.outlet
        matches: list[tuple[int, float, str | None]] = []
        if not self.index.contains(article.id):
            others = self.index.candidates(buckets) - {article.id}
            for other, (published, theirs) in sorted(self._values(others).items()):
                score = float(np.mean(theirs == values))
                if score >= self.threshold:
                    matches.append((other, score, published))
        duplicates = self._orient(article.id, article.published, matches)
        derivatives = tuple(self._derivatives(article, outlet, values))
        return LinkResult(article.id, values.tobytes(), self.num_perm, self.seed, duplicates, derivatives, buckets)

    def add(self, article: LinkedArticle) -> LinkResult:
        """:meth:`match`, then index the article (a :class:`MemoryIndex` only)."""
        result = self.match(article)
        self._memory().insert(article.id, article.published, result.hashvalues, result.buckets)
        self.note_outlet(article.id, article.outlet)
        return result

    def _order(self, article_id: int, published: str | None) -> tuple[str, int]:
        return (published or "9999-99-99", article_id)

    def _orient(self, new_id: int, published: str | None,
                matches: list[tuple[int, float, str | None]]) -> tuple[NearDuplicate, ...]:
        if not matches:
            return ()
        earliest = min((self._order(o, p), o, s) for o, s, p in matches)
        if earliest[0] < self._order(new_id, published):
            return (NearDuplicate(new_id, earliest[1], earliest[2]),)
        # The new article predates every stored copy: they are its copies.
        return tuple(NearDuplicate(o, new_id, s) for o, s, _ in sorted(matches))

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
        pool = self._by_outlet.get(outlet)
        if not pool:
            return None, None
        found = self._values(pool)
        best: tuple[float, int] | None = None
        for other in pool:
            if other not in found:
                continue
            theirs_published, theirs = found[other]
            if published and theirs_published and theirs_published > published:
                continue  # a report cannot be derived from a later one
            score = float(np.mean(theirs == values))
            if best is None or score > best[0]:
                best = (score, other)
        if best is None or best[0] < DERIVATIVE_MIN_SIMILARITY:
            return None, None
        return best[1], best[0]
