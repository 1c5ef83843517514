"""Reading and writing the collection tables (sources, seen items, WARC records, links).

:class:`CollectionRepository` wraps an open :class:`~rightswatch.store.Store` and uses its
transaction helpers, so every write goes through the same single writer lock and ``BEGIN
IMMEDIATE`` as the rest of the store, and every database error comes out as ``StoreError``::

    repo = CollectionRepository(store)
    repo.add_source("Daily NK", "https://www.dailynk.com/english/feed/", every_seconds=1800)
    for source in repo.due_sources(now):
        ...

Callers pass and receive the frozen dataclasses defined here; no SQL leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from rightswatch.errors import NotFound, StoreError
from rightswatch.store.buckets import StoredBuckets, write_buckets
from rightswatch.store.repository import Store
from rightswatch.store.schema import articles, documents
from rightswatch.store.schema_collection import (
    document_links,
    minhash_signatures,
    seen_items,
    sources,
    warc_records,
)

__all__ = [
    "CollectionRepository",
    "SourceRow",
    "ItemState",
    "WarcRow",
    "LinkRow",
    "ArticleBrief",
    "DocumentHash",
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    name: str
    url: str
    every_seconds: int
    added_at: str
    next_due_at: str
    last_checked_at: str | None
    last_ok_at: str | None
    last_status: str | None
    last_reason: str | None
    last_message: str | None
    failures_in_row: int
    feed_kind: str | None
    etag: str | None
    last_modified: str | None
    items_stored: int = 0
    items_failed: int = 0


@dataclass(frozen=True, slots=True)
class ItemState:
    key: str
    url: str
    status: str
    attempts: int
    reason: str | None


@dataclass(frozen=True, slots=True)
class WarcRow:
    record_id: str
    warc_file: str
    offset: int
    length: int
    target_uri: str
    status: int
    payload_digest: str
    fetched_at: str
    document_sha256: str | None


@dataclass(frozen=True, slots=True)
class LinkRow:
    article_id: int
    kind: str  # "near-duplicate" | "derivative"
    target_article_id: int | None
    score: float | None = None
    cited_outlet: str | None = None
    evidence: str | None = None
    span_start: int | None = None
    span_end: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    id: int
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DocumentHash:
    sha256: str
    origin: str
    actual_sha256: str  # of the bytes as stored now
    hints: tuple[tuple[str, str], ...]


class CollectionRepository:
    """The collection tables of one open ``Store``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def buckets(self) -> StoredBuckets:
        """The near-duplicate index over this store (``link.neardup.BucketIndex``)."""
        return StoredBuckets(self._store)

    # -- sources ------------------------------------------------------------------------------

    def add_source(self, name: str, url: str, every_seconds: int, *, now: str | None = None) -> SourceRow:
        """Add a source, due at once. Raises ``StoreError`` if the name or URL is taken."""
        now = now or _now()
        with self._store._writing(f"{name}: add source") as conn:
            taken = conn.execute(
                sa.select(sources.c.name, sources.c.url).where(sa.or_(sources.c.name == name, sources.c.url == url))
            ).first()
            if taken is not None:
                what = f"name {name!r}" if taken.name == name else f"URL (as {taken.name!r})"
                raise StoreError(f"a source with this {what} already exists")
            conn.execute(
                sources.insert().values(
                    name=name, url=url, every_seconds=int(every_seconds), added_at=now, next_due_at=now,
                    failures_in_row=0,
                )
            )
        return self.get_source(name)

    def get_source(self, name: str) -> SourceRow:
        rows = self._select_sources(sources.c.name == name)
        if not rows:
            raise NotFound(f"no source named {name!r}")
        return rows[0]

    def list_sources(self) -> list[SourceRow]:
        return self._select_sources(None)

    def due_sources(self, now: str) -> list[SourceRow]:
        """Sources whose next due time has come, most overdue first."""
        return self._select_sources(sources.c.next_due_at <= now)

    def _select_sources(self, where: Any) -> list[SourceRow]:
        counts = (
            sa.select(
                seen_items.c.source_id,
                sa.func.sum(sa.case((seen_items.c.status.in_(("stored", "duplicate")), 1), else_=0)).label("ok"),
                sa.func.sum(sa.case((seen_items.c.status.in_(("failed", "gave-up", "retry")), 1), else_=0)).label("bad"),
            )
            .group_by(seen_items.c.source_id)
            .subquery()
        )
        stmt = (
            sa.select(sources, counts.c.ok, counts.c.bad)
            .select_from(sources.outerjoin(counts, counts.c.source_id == sources.c.id))
            .order_by(sources.c.next_due_at, sources.c.name)
        )
        if where is not None:
            stmt = stmt.where(where)
        with self._store._reading("sources") as conn:
            rows = conn.execute(stmt).mappings().all()
        out = []
        for m in rows:
            values = {k: m[k] for k in SourceRow.__slots__ if k in m and k not in ("items_stored", "items_failed")}
            out.append(SourceRow(**values, items_stored=int(m["ok"] or 0), items_failed=int(m["bad"] or 0)))
        return out

    def remove_source(self, name: str) -> None:
        """Remove a source and its seen-item log (documents it brought stay). Raises ``NotFound``."""
        with self._store._writing(f"{name}: remove source") as conn:
            source_id = conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).scalar()
            if source_id is None:
                raise NotFound(f"no source named {name!r}")
            conn.execute(seen_items.delete().where(seen_items.c.source_id == source_id))
            conn.execute(sources.delete().where(sources.c.id == source_id))

    def record_check(
        self,
        source_id: int,
        *,
        status: str,
        checked_at: str,
        next_due_at: str,
        reason: str | None = None,
        message: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        feed_kind: str | None = None,
    ) -> None:
        """Record the outcome of polling a source and when it is next due.

        On success the validators are replaced (a feed that stops sending an ETag loses it); on
        failure they are kept, so the next poll can still be conditional.
        """
        values: dict[str, Any] = {
            "last_checked_at": checked_at,
            "next_due_at": next_due_at,
            "last_status": status,
            "last_reason": reason,
            "last_message": message,
        }
        with self._store._writing(f"source {source_id}: record check") as conn:
            if status == "failed":
                values["failures_in_row"] = sources.c.failures_in_row + 1
            else:
                values.update(failures_in_row=0, last_ok_at=checked_at)
                if status == "ok":
                    values.update(etag=etag, last_modified=last_modified)
                    if feed_kind:
                        values["feed_kind"] = feed_kind
            conn.execute(sources.update().where(sources.c.id == source_id).values(**values))

    # -- seen items ---------------------------------------------------------------------------

    def item_states(self, source_id: int, keys: Iterable[str]) -> dict[str, ItemState]:
        """What we know of these entries of a source (absent keys were never seen)."""
        keys = list(keys)
        out: dict[str, ItemState] = {}
        with self._store._reading("seen items") as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                for m in conn.execute(
                    sa.select(seen_items).where(seen_items.c.source_id == source_id, seen_items.c.item_key.in_(chunk))
                ).mappings():
                    out[m["item_key"]] = ItemState(m["item_key"], m["url"], m["status"], m["attempts"], m["reason"])
        return out

    def retry_items(self, source_id: int) -> list[ItemState]:
        """Entries of a source whose last fetch failed for a passing reason (status ``retry``)."""
        with self._store._reading("seen items") as conn:
            rows = conn.execute(
                sa.select(seen_items)
                .where(seen_items.c.source_id == source_id, seen_items.c.status == "retry")
                .order_by(seen_items.c.id)
            ).mappings().all()
        return [ItemState(m["item_key"], m["url"], m["status"], m["attempts"], m["reason"]) for m in rows]

    def mark_item(
        self,
        source_id: int,
        key: str,
        url: str,
        *,
        status: str,
        reason: str | None = None,
        document_sha256: str | None = None,
        at: str | None = None,
    ) -> ItemState:
        """Record an attempt at one entry (insert or update); returns its new state."""
        at = at or _now()
        with self._store._writing(f"{url}: mark item") as conn:
            row = conn.execute(
                sa.select(seen_items.c.id, seen_items.c.attempts).where(
                    seen_items.c.source_id == source_id, seen_items.c.item_key == key
                )
            ).first()
            if row is None:
                attempts = 1
                conn.execute(
                    seen_items.insert().values(
                        source_id=source_id, item_key=key, url=url, first_seen_at=at, last_attempt_at=at,
                        status=status, reason=reason, attempts=1, document_sha256=document_sha256,
                    )
                )
            else:
                attempts = int(row.attempts) + 1
                conn.execute(
                    seen_items.update()
                    .where(seen_items.c.id == row.id)
                    .values(
                        url=url, last_attempt_at=at, status=status, reason=reason, attempts=attempts,
                        document_sha256=document_sha256,
                    )
                )
        return ItemState(key, url, status, attempts, reason)

    # -- WARC records -------------------------------------------------------------------------

    def record_warc(self, row: WarcRow) -> None:
        """Remember where a response is archived (idempotent on the record id)."""
        with self._store._writing(f"{row.target_uri}: record warc") as conn:
            exists = conn.execute(
                sa.select(warc_records.c.id).where(warc_records.c.record_id == row.record_id)
            ).scalar()
            values = {
                "record_id": row.record_id, "warc_file": row.warc_file, "offset": row.offset, "length": row.length,
                "target_uri": row.target_uri, "status": row.status, "payload_digest": row.payload_digest,
                "fetched_at": row.fetched_at, "document_sha256": row.document_sha256,
            }
            if exists is None:
                conn.execute(warc_records.insert().values(**values))
            else:
                conn.execute(warc_records.update().where(warc_records.c.id == exists).values(**values))

    def set_warc_document(self, record_id: str, document_sha256: str) -> None:
        """Tie an archived response to the document its body became."""
        with self._store._writing(f"{record_id}: warc document") as conn:
            conn.execute(
                warc_records.update().where(warc_records.c.record_id == record_id)
                .values(document_sha256=document_sha256)
            )

    def warc_records_for(self, document_sha256: str) -> list[WarcRow]:
        with self._store._reading("warc records") as conn:
            rows = conn.execute(
                sa.select(warc_records).where(warc_records.c.document_sha256 == document_sha256)
                .order_by(warc_records.c.id)
            ).mappings().all()
        return [_warc_row(m) for m in rows]

    def iter_warc_records(self) -> Iterator[WarcRow]:
        with self._store._reading("warc records") as conn:
            for m in conn.execute(sa.select(warc_records).order_by(warc_records.c.id)).mappings():
                yield _warc_row(m)

    # -- integrity ----------------------------------------------------------------------------

    def iter_document_hashes(self) -> Iterator[DocumentHash]:
        """Every stored document re-hashed from its bytes as they are now, streamed in id order."""
        import hashlib

        last = 0
        while True:  # pages of 200 by id: never the whole table in memory, no long-held cursor
            with self._store._reading("verify documents") as conn:
                rows = conn.execute(
                    sa.select(documents.c.id, documents.c.sha256, documents.c.origin, documents.c.hints, documents.c.raw)
                    .where(documents.c.id > last)
                    .order_by(documents.c.id)
                    .limit(200)
                ).all()
            if not rows:
                return
            for r in rows:
                last = r.id
                yield DocumentHash(
                    sha256=r.sha256,
                    origin=r.origin,
                    actual_sha256=hashlib.sha256(bytes(r.raw)).hexdigest(),
                    hints=tuple((str(k), str(v)) for k, v in (r.hints or ())),
                )

    # -- near-duplicates and links --------------------------------------------------------------

    def article_brief(self, article_id: int) -> ArticleBrief:
        with self._store._reading("article") as conn:
            m = conn.execute(
                sa.select(articles.c.id, articles.c.url, articles.c.title, articles.c.outlet, articles.c.published,
                          articles.c.text).where(articles.c.id == article_id)
            ).first()
        if m is None:
            raise NotFound(f"no article with id {article_id}")
        return ArticleBrief(m.id, m.url, m.title, m.outlet, m.published, m.text)

    def iter_unsigned_articles(self) -> Iterator[ArticleBrief]:
        """Articles without a stored MinHash signature, oldest first (streamed in pages)."""
        last = 0
        while True:
            with self._store._reading("unsigned articles") as conn:
                rows = conn.execute(
                    sa.select(articles.c.id, articles.c.url, articles.c.title, articles.c.outlet,
                              articles.c.published, articles.c.text)
                    .select_from(articles.outerjoin(minhash_signatures,
                                                    minhash_signatures.c.article_id == articles.c.id))
                    .where(minhash_signatures.c.article_id.is_(None), articles.c.id > last)
                    .order_by(articles.c.id)
                    .limit(200)
                ).all()
            if not rows:
                return
            for m in rows:
                last = m.id
                yield ArticleBrief(m.id, m.url, m.title, m.outlet, m.published, m.text)

    def save_links(self, article_id: int, num_perm: int, seed: int, hashvalues: bytes, links: Iterable[LinkRow],
                   buckets: Sequence[int] = ()) -> None:
        """Store an article's signature and LSH buckets and replace its outgoing links, in one transaction."""
        now = _now()
        with self._store._writing(f"article {article_id}: links") as conn:
            conn.execute(minhash_signatures.delete().where(minhash_signatures.c.article_id == article_id))
            conn.execute(
                minhash_signatures.insert().values(
                    article_id=article_id, num_perm=num_perm, seed=seed, hashvalues=hashvalues, created_at=now
                )
            )
            write_buckets(conn, article_id, buckets)
            conn.execute(document_links.delete().where(document_links.c.article_id == article_id))
            for link in links:
                conn.execute(document_links.insert().values(**_link_values(link), created_at=now))

    def add_links(self, links: Iterable[LinkRow]) -> None:
        now = _now()
        with self._store._writing("links") as conn:
            for link in links:
                conn.execute(document_links.insert().values(**_link_values(link), created_at=now))

    def resolve_derivative(self, link_article_id: int, cited_outlet: str, target_article_id: int, score: float) -> None:
        """Point an unresolved derivative link at the cited outlet's report, now that it is here."""
        with self._store._writing("resolve link") as conn:
            conn.execute(
                document_links.update()
                .where(
                    document_links.c.article_id == link_article_id,
                    document_links.c.kind == "derivative",
                    document_links.c.cited_outlet == cited_outlet,
                    document_links.c.target_article_id.is_(None),
                )
                .values(target_article_id=target_article_id, score=score)
            )

    def unresolved_derivatives(self, cited_outlet: str, limit: int = 500) -> list[LinkRow]:
        """The most recent derivative links citing ``cited_outlet`` that have no target yet."""
        with self._store._reading("links") as conn:
            rows = conn.execute(
                sa.select(document_links).where(
                    document_links.c.kind == "derivative",
                    document_links.c.cited_outlet == cited_outlet,
                    document_links.c.target_article_id.is_(None),
                ).order_by(document_links.c.id.desc()).limit(limit)
            ).mappings().all()
        return [_link_row(m) for m in rows]

    def links_from(self, article_id: int) -> list[LinkRow]:
        return self._links(document_links.c.article_id == article_id)

    def links_to(self, article_id: int) -> list[LinkRow]:
        return self._links(document_links.c.target_article_id == article_id)

    def _links(self, where: Any) -> list[LinkRow]:
        with self._store._reading("links") as conn:
            rows = conn.execute(sa.select(document_links).where(where).order_by(document_links.c.id)).mappings().all()
        return [_link_row(m) for m in rows]

    def article_ids_for_documents(self, sha256s: Iterable[str]) -> dict[str, int]:
        keys = list(sha256s)
        out: dict[str, int] = {}
        with self._store._reading("articles") as conn:
            for i in range(0, len(keys), 500):
                for sha, aid in conn.execute(
                    sa.select(documents.c.sha256, articles.c.id)
                    .select_from(documents.join(articles, articles.c.document_id == documents.c.id))
                    .where(documents.c.sha256.in_(keys[i : i + 500]))
                ):
                    out[sha] = aid
        return out


def _warc_row(m: Any) -> WarcRow:
    return WarcRow(
        record_id=m["record_id"], warc_file=m["warc_file"], offset=int(m["offset"]), length=int(m["length"]),
        target_uri=m["target_uri"], status=int(m["status"]), payload_digest=m["payload_digest"],
        fetched_at=m["fetched_at"], document_sha256=m["document_sha256"],
    )


def _link_values(link: LinkRow) -> dict[str, Any]:
    return {
        "article_id": link.article_id, "kind": link.kind, "target_article_id": link.target_article_id,
        "score": link.score, "cited_outlet": link.cited_outlet, "evidence": link.evidence,
        "span_start": link.span_start, "span_end": link.span_end,
    }


def _link_row(m: Any) -> LinkRow:
    return LinkRow(
        article_id=m["article_id"], kind=m["kind"], target_article_id=m["target_article_id"], score=m["score"],
        cited_outlet=m["cited_outlet"], evidence=m["evidence"], span_start=m["span_start"], span_end=m["span_end"],
    )
