"""Tables of the collection capability, on the shared ``schema.metadata``.

* ``sources`` - feeds and sites to follow, their schedule and the state that makes ``watch``
  survive restarts: next due time, HTTP validators (ETag/Last-Modified), the last outcome with
  its reason code.
* ``seen_items`` - every feed entry a source has shown us, keyed by its id (or URL), with what
  became of it; an item is fetched once, and a failed one is retried a bounded number of times.
* ``warc_records`` - where each fetched response is preserved (file, offset, record id, SHA-256
  payload digest), linked to the document its body became.
* ``minhash_signatures`` - one MinHash per article, so near-duplicate candidates are confirmed on
  stored signatures (cheap) instead of re-reading the texts (expensive).
* ``lsh_buckets`` - the LSH bucket keys of each signed article (one per band), indexed, so that
  finding near-duplicate candidates is a database lookup and linking holds no per-article state
  in memory.
* ``document_links`` - an article's links to others: ``near-duplicate`` (republished, wire copy,
  corrected version -> its original) and ``derivative`` (the article attributes its facts to
  another outlet -> that outlet's report, when we have it).
"""

from __future__ import annotations

import sqlalchemy as sa

from rightswatch.store.schema import metadata

__all__ = ["sources", "seen_items", "warc_records", "minhash_signatures", "lsh_buckets", "document_links"]

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("every_seconds", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.Column("next_due_at", sa.String(40), nullable=False),  # ISO UTC; due when <= now
    sa.Column("last_checked_at", sa.String(40)),
    sa.Column("last_ok_at", sa.String(40)),
    sa.Column("last_status", sa.String(32)),  # "ok" | "not-modified" | "failed"
    sa.Column("last_reason", sa.String(64)),  # stable reason code when failed
    sa.Column("last_message", sa.Text),
    sa.Column("failures_in_row", sa.Integer, nullable=False),
    sa.Column("feed_kind", sa.String(16)),  # "rss" | "atom" | "json" | "sitemap"
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Index(None, "next_due_at"),
)

seen_items = sa.Table(
    "seen_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("item_key", sa.Text, nullable=False),  # entry id/guid, else its URL
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("first_seen_at", sa.String(40), nullable=False),
    sa.Column("last_attempt_at", sa.String(40)),
    sa.Column("status", sa.String(32), nullable=False),  # "stored" | "duplicate" | "failed" | "retry" | "gave-up"
    sa.Column("reason", sa.String(64)),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("document_sha256", sa.String(64)),
    sa.UniqueConstraint("source_id", "item_key"),
)

warc_records = sa.Table(
    "warc_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_id", sa.String(64), nullable=False, unique=True),
    sa.Column("warc_file", sa.Text, nullable=False),
    sa.Column("offset", sa.BigInteger, nullable=False),
    sa.Column("length", sa.BigInteger, nullable=False),
    sa.Column("target_uri", sa.Text, nullable=False),
    sa.Column("status", sa.Integer, nullable=False),
    sa.Column("payload_digest", sa.String(80), nullable=False),
    sa.Column("fetched_at", sa.String(40), nullable=False),
    sa.Column("document_sha256", sa.String(64)),  # the decoded body, when it became a document
    sa.Index(None, "document_sha256"),
)

minhash_signatures = sa.Table(
    "minhash_signatures",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("num_perm", sa.Integer, nullable=False),
    sa.Column("seed", sa.Integer, nullable=False),
    sa.Column("hashvalues", sa.LargeBinary, nullable=False),  # num_perm little-endian uint32 (link.neardup.DTYPE)
    sa.Column("created_at", sa.String(40), nullable=False),
)

lsh_buckets = sa.Table(
    "lsh_buckets",
    metadata,
    sa.Column("bucket", sa.BigInteger, primary_key=True, autoincrement=False),  # link.neardup.Linker.buckets: band number + values
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), primary_key=True, autoincrement=False),
    sa.Index(None, "article_id"),
)

document_links = sa.Table(
    "document_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # "near-duplicate" | "derivative"
    sa.Column("target_article_id", sa.Integer, sa.ForeignKey("articles.id")),  # NULL: not (yet) in the DB
    sa.Column("score", sa.Float),  # estimated Jaccard similarity
    sa.Column("cited_outlet", sa.Text),
    sa.Column("evidence", sa.Text),  # the attribution phrase, quoted
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index(None, "article_id"),
    sa.Index(None, "target_article_id"),
    sa.Index(None, "cited_outlet"),
)
