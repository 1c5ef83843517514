"""SQLAlchemy Core table definitions: the shape of the incident database.

This module is the *current* schema; the Alembic revisions under ``migrations/versions`` are
how a database file gets there. ``tests/store/test_migrations.py`` checks the two agree, so a
change here without a matching revision fails the tests.

Portable types only (``JSON`` becomes JSONB on PostgreSQL, ``LargeBinary`` becomes BYTEA);
dialect-specific search structures (SQLite FTS5) live in ``search.py`` and the migrations, not
here. Dates are ISO 8601 strings (``YYYY-MM-DD``) so partial dates sort and compare the same way
on every backend.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

__all__ = ["metadata", "documents", "articles", "incidents", "quotes", "failures", "JsonType"]

# Named constraints make later ALTERs (Alembic batch mode on SQLite) predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

#: JSON text on SQLite, JSONB on PostgreSQL.
JsonType = sa.JSON().with_variant(JSONB(), "postgresql")

#: What arrived, byte for byte. ``sha256`` is the identity: the same bytes are stored once.
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("media_type", sa.String(255), nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("origin_kind", sa.String(32), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("received_at", sa.String(40), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("headers", JsonType, nullable=False),  # [[name, value], ...] in arrival order
    sa.Column("hints", JsonType, nullable=False),  # [[key, value], ...]
)

#: One analysed article per document. The same URL seen with different bytes gets version 2, 3...
articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("published_source", sa.String(32), nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("tags", JsonType, nullable=False),
    sa.Column("captions", JsonType, nullable=False),
    sa.Column("boilerplate", JsonType, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("relevance", sa.Float, nullable=False),
    sa.Column("profile", sa.String(64)),
    sa.Column("codebook", sa.String(64)),
    sa.Column("report", JsonType, nullable=False),  # Report.to_dict(), the JSON contract
    sa.Column("extractor_version", sa.String(64), nullable=False),
    sa.Column("analysed_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("document_id"),
    sa.UniqueConstraint("url", "version"),
)

#: One row per incident, flattened for filtering and sorting; the full record is in the report.
incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # position in Report.incidents
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("perpetrator_text", sa.Text),
    sa.Column("perpetrator_type", sa.String(64)),
    sa.Column("perpetrator_country", sa.String(8)),
    sa.Column("victims", JsonType, nullable=False),
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
    sa.Column("evidence", JsonType, nullable=False),  # [{"start", "end", "text"}, ...]
    sa.Column("extractor_version", sa.String(64), nullable=False),
    sa.UniqueConstraint("article_id", "seq"),
    sa.Index(None, "type"),
    sa.Index(None, "country"),
    sa.Index(None, "time_start"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.UniqueConstraint("article_id", "seq"),
)

#: A log of documents that could not be processed, with a stable reason code. ``raw`` keeps
#: the bytes when they were read at all, so a failed document is never lost.
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("reason", sa.String(64), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("raw", sa.LargeBinary),
    sa.Index(None, "reason"),
    sa.Index(None, "sha256"),
)
