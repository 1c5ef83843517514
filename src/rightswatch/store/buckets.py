"""The near-duplicate index in the database: signed articles and their LSH buckets.

:class:`StoredBuckets` is the store's side of ``link.neardup.BucketIndex``: the linker asks it
which articles share a bucket with a new one and for their signatures, and never holds the whole
archive in memory. The rows are written by ``CollectionRepository.save_links`` in the same
transaction as the signature and the links. Lookups go through the primary key
``(bucket, article_id)``; a query touches one index entry per band and candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sqlalchemy as sa

from rightswatch.store.repository import Store
from rightswatch.store.schema import articles
from rightswatch.store.schema_collection import lsh_buckets, minhash_signatures

__all__ = ["StoredBuckets"]

#: Ids per ``IN (...)`` list, well below SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


class StoredBuckets:
    """Candidates, signatures and bucket back-fill over an open :class:`Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def contains(self, article_id: int) -> bool:
        with self._store._reading("signature") as conn:
            return conn.execute(
                sa.select(minhash_signatures.c.article_id).where(minhash_signatures.c.article_id == article_id)
            ).first() is not None

    def candidates(self, buckets: Sequence[int]) -> set[int]:
        if not buckets:
            return set()
        with self._store._reading("near-duplicate candidates") as conn:
            return set(conn.execute(
                sa.select(lsh_buckets.c.article_id).where(lsh_buckets.c.bucket.in_(list(buckets))).distinct()
            ).scalars())

    def signatures(self, ids: Iterable[int], num_perm: int, seed: int) -> dict[int, tuple[str | None, bytes]]:
        wanted = sorted(set(ids))
        found: dict[int, tuple[str | None, bytes]] = {}
        with self._store._reading("signatures") as conn:
            for chunk in _chunks(wanted):
                for r in conn.execute(
                    sa.select(minhash_signatures.c.article_id, articles.c.published, minhash_signatures.c.hashvalues)
                    .select_from(minhash_signatures.join(articles, articles.c.id == minhash_signatures.c.article_id))
                    .where(minhash_signatures.c.article_id.in_(list(chunk)),
                           minhash_signatures.c.num_perm == num_perm, minhash_signatures.c.seed == seed)
                ):
                    found[r.article_id] = (r.published, bytes(r.hashvalues))
        return found

    def iter_outlets(self, page: int = 5000) -> Iterator[tuple[int, str | None]]:
        """``(article_id, outlet)`` of every signed article, oldest first, streamed in pages."""
        last = 0
        while True:
            with self._store._reading("signed outlets") as conn:
                rows = conn.execute(
                    sa.select(minhash_signatures.c.article_id, articles.c.outlet)
                    .select_from(minhash_signatures.join(articles, articles.c.id == minhash_signatures.c.article_id))
                    .where(minhash_signatures.c.article_id > last)
                    .order_by(minhash_signatures.c.article_id).limit(page)
                ).all()
            if not rows:
                return
            last = rows[-1].article_id
            yield from ((r.article_id, r.outlet) for r in rows)

    def iter_unbucketed(self, num_perm: int, seed: int, page: int = 1000) -> Iterator[tuple[int, bytes]]:
        """Signatures stored without bucket rows (signed before the bucket table existed)."""
        last = 0
        has_rows = sa.exists().where(lsh_buckets.c.article_id == minhash_signatures.c.article_id)
        while True:
            with self._store._reading("unbucketed signatures") as conn:
                rows = conn.execute(
                    sa.select(minhash_signatures.c.article_id, minhash_signatures.c.hashvalues)
                    .where(minhash_signatures.c.article_id > last, ~has_rows,
                           minhash_signatures.c.num_perm == num_perm, minhash_signatures.c.seed == seed)
                    .order_by(minhash_signatures.c.article_id).limit(page)
                ).all()
            if not rows:
                return
            last = rows[-1].article_id
            yield from ((r.article_id, bytes(r.hashvalues)) for r in rows)

    def save(self, article_id: int, buckets: Sequence[int]) -> None:
        """Replace one article's bucket rows (the back-fill)."""
        with self._store._writing(f"article {article_id}: buckets") as conn:
            write_buckets(conn, article_id, buckets)


def write_buckets(conn: sa.Connection, article_id: int, buckets: Sequence[int]) -> None:
    """Replace ``article_id``'s bucket rows inside the caller's transaction."""
    conn.execute(lsh_buckets.delete().where(lsh_buckets.c.article_id == article_id))
    keys = sorted(set(buckets))
    if keys:
        conn.execute(lsh_buckets.insert(), [{"bucket": k, "article_id": article_id} for k in keys])
