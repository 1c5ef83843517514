"""Initial schema: documents, articles, incidents, quotes, failures and (SQLite) FTS5 indexes.

Revision ID: 0001
Revises:
Create Date: 2026-05-09

Frozen: this file spells every table out instead of importing ``schema.py``, so that later
changes to the live schema cannot silently change what this revision did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")

# External-content FTS5 tables: the text lives once, in ``articles``/``quotes``; the index
# refers to rows by id. ``remove_diacritics 2`` lets "Sinuiju" find "Sinŭiju".
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, tags, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5("
    "text, speaker, content='quotes', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("origin_kind", sa.String(32), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("headers", Json, nullable=False),
        sa.Column("hints", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_source", sa.String(32), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("tags", Json, nullable=False),
        sa.Column("captions", Json, nullable=False),
        sa.Column("boilerplate", Json, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("relevance", sa.Float, nullable=False),
        sa.Column("profile", sa.String(64)),
        sa.Column("codebook", sa.String(64)),
        sa.Column("report", Json, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("analysed_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_articles_document_id_documents"
        ),
        sa.UniqueConstraint("document_id", name="uq_articles_document_id"),
        sa.UniqueConstraint("url", "version", name="uq_articles_url_version"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("perpetrator_text", sa.Text),
        sa.Column("perpetrator_type", sa.String(64)),
        sa.Column("perpetrator_country", sa.String(8)),
        sa.Column("victims", Json, nullable=False),
        sa.Column("victim_count", sa.Integer),
        sa.Column("place_text", sa.Text),
        sa.Column("country", sa.String(8)),
        sa.Column("region", sa.Text),
        sa.Column("city", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("time_text", sa.Text),
        sa.Column("year", sa.Integer),
        sa.Column("month", sa.Integer),
        sa.Column("day", sa.Integer),
        sa.Column("granularity", sa.String(16)),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("evidence", Json, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_incidents_article_id_articles"
        ),
        sa.UniqueConstraint("article_id", "seq", name="uq_incidents_article_id_seq"),
    )
    op.create_index("ix_incidents_type", "incidents", ["type"])
    op.create_index("ix_incidents_country", "incidents", ["country"])
    op.create_index("ix_incidents_time_start", "incidents", ["time_start"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_quotes_article_id_articles"),
        sa.UniqueConstraint("article_id", "seq", name="uq_quotes_article_id_seq"),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("raw", sa.LargeBinary),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_reason", "failures", ["reason"])
    op.create_index("ix_failures_sha256", "failures", ["sha256"])

    if op.get_bind().dialect.name == "sqlite":
        for ddl in SQLITE_FTS:
            op.execute(ddl)
    # PostgreSQL: a later revision adds tsvector columns + GIN indexes (see search.py).


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for name in ("failures", "quotes", "incidents", "articles", "documents"):
        op.drop_table(name)
