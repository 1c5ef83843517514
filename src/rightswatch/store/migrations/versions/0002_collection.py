"""Collection: sources, fetch state, WARC records, near-duplicate links (issue 5).

Revision ID: 0002
Revises: 0001

Frozen like 0001: every table is spelled out here rather than imported from
``schema_collection.py``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("every_seconds", sa.Integer, nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("next_due_at", sa.String(40), nullable=False),
        sa.Column("last_checked_at", sa.String(40)),
        sa.Column("last_ok_at", sa.String(40)),
        sa.Column("last_status", sa.String(32)),
        sa.Column("last_reason", sa.String(64)),
        sa.Column("last_message", sa.Text),
        sa.Column("failures_in_row", sa.Integer, nullable=False),
        sa.Column("feed_kind", sa.String(16)),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
        sa.UniqueConstraint("url", name="uq_sources_url"),
    )
    op.create_index("ix_sources_next_due_at", "sources", ["next_due_at"])
    op.create_table(
        "seen_items",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("first_seen_at", sa.String(40), nullable=False),
        sa.Column("last_attempt_at", sa.String(40)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(64)),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("document_sha256", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_seen_items"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_seen_items_source_id_sources"),
        sa.UniqueConstraint("source_id", "item_key", name="uq_seen_items_source_id_item_key"),
    )
    op.create_table(
        "warc_records",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("warc_file", sa.Text, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("target_uri", sa.Text, nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("payload_digest", sa.String(80), nullable=False),
        sa.Column("fetched_at", sa.String(40), nullable=False),
        sa.Column("document_sha256", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_warc_records"),
        sa.UniqueConstraint("record_id", name="uq_warc_records_record_id"),
    )
    op.create_index("ix_warc_records_document_sha256", "warc_records", ["document_sha256"])
    op.create_table(
        "minhash_signatures",
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("num_perm", sa.Integer, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("hashvalues", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_minhash_signatures"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_minhash_signatures_article_id_articles"
        ),
    )
    op.create_table(
        "document_links",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("target_article_id", sa.Integer),
        sa.Column("score", sa.Float),
        sa.Column("cited_outlet", sa.Text),
        sa.Column("evidence", sa.Text),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_links"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_document_links_article_id_articles"
        ),
        sa.ForeignKeyConstraint(
            ["target_article_id"], ["articles.id"], name="fk_document_links_target_article_id_articles"
        ),
    )
    op.create_index("ix_document_links_article_id", "document_links", ["article_id"])
    op.create_index("ix_document_links_target_article_id", "document_links", ["target_article_id"])
    op.create_index("ix_document_links_cited_outlet", "document_links", ["cited_outlet"])


def downgrade() -> None:
    for name in ("document_links", "minhash_signatures", "warc_records", "seen_items", "sources"):
        op.drop_table(name)
