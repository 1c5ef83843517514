"""PostgreSQL full-text search: a text search configuration, two tsvector functions, GIN indexes.

Revision ID: 0004
Revises: 0003

Does nothing on SQLite (its FTS5 tables come from 0001). On PostgreSQL:

* ``unaccent`` (a trusted contrib extension: the database owner may create it) when the server
  has it, so "Sinuiju" finds "Sinŭiju" as with FTS5's ``remove_diacritics``;
* the text search configuration ``rightswatch``: ``simple`` (lower-case, no stemming, no stop
  words: FTS5's ``unicode61`` behaves the same) with ``unaccent`` in front when available;
* ``rightswatch_article_tsv(title, text, tags)`` and ``rightswatch_quote_tsv(text, speaker)``:
  weighted ``tsvector`` builders, IMMUTABLE, used both by the expression GIN indexes below and
  by the queries in ``search_pg.py`` (the planner matches the index through the same call);
* ``articles_fts_gin`` / ``quotes_fts_gin``: expression indexes on the base tables, so there is
  no second copy of the text to keep in step (imports, edits and restores are indexed as is).

Frozen: spells the SQL out rather than importing ``search_pg.py``.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _ident(bind.exec_driver_sql("SELECT current_schema()").scalar() or "public")
    has_unaccent = bind.exec_driver_sql(
        "SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'"
    ).scalar()
    if has_unaccent:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {schema}.rightswatch (COPY = pg_catalog.simple)")
    if has_unaccent:
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {schema}.rightswatch "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    cfg = f"'{schema}.rightswatch'::regconfig"
    # Weights: A title, B tags, D body (ts_rank_cd's weight array gives them 5 : 2 : 1).
    op.execute(
        f"CREATE FUNCTION {schema}.rightswatch_article_tsv(title text, body text, tags jsonb) "
        "RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT "
        f"setweight(to_tsvector({cfg}, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector({cfg}, coalesce(tags, '[]'::jsonb)), 'B') || "
        f"setweight(to_tsvector({cfg}, coalesce(body, '')), 'D') $$"
    )
    # Weights: A quote text, B speaker.
    op.execute(
        f"CREATE FUNCTION {schema}.rightswatch_quote_tsv(body text, speaker text) "
        "RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT "
        f"setweight(to_tsvector({cfg}, coalesce(body, '')), 'A') || "
        f"setweight(to_tsvector({cfg}, coalesce(speaker, '')), 'B') $$"
    )
    op.execute(
        "CREATE INDEX articles_fts_gin ON articles USING gin "
        f"({schema}.rightswatch_article_tsv(title, text, tags))"
    )
    op.execute(
        f"CREATE INDEX quotes_fts_gin ON quotes USING gin ({schema}.rightswatch_quote_tsv(text, speaker))"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS quotes_fts_gin")
    op.execute("DROP INDEX IF EXISTS articles_fts_gin")
    op.execute("DROP FUNCTION IF EXISTS rightswatch_quote_tsv(text, text)")
    op.execute("DROP FUNCTION IF EXISTS rightswatch_article_tsv(text, text, jsonb)")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS rightswatch")
    # ``unaccent`` stays: other objects of the database may use it.
