"""Near-duplicate candidates from the database: the ``lsh_buckets`` table.

Revision ID: 0005
Revises: 0004

One row per (bucket key, article): the keys of an article's MinHash bands, written with its
signature. Articles signed before this revision have no rows yet; the linker fills them in from
their stored signatures the first time it opens the database (``Linking``), since the keys are
computed by the link layer, not by SQL.

Frozen: spells the table out instead of importing ``schema_collection.py``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lsh_buckets",
        sa.Column("bucket", sa.BigInteger, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("bucket", "article_id", name="pk_lsh_buckets"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_lsh_buckets_article_id_articles"),
    )
    op.create_index("ix_lsh_buckets_article_id", "lsh_buckets", ["article_id"])


def downgrade() -> None:
    op.drop_table("lsh_buckets")
