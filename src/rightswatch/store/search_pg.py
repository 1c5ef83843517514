"""PostgreSQL full-text search behind the :class:`~rightswatch.store.search.SearchIndex` interface.

Revision ``0004`` creates the text search configuration ``rightswatch`` (``simple`` plus
``unaccent``: lower-cased, diacritics folded, no stemming and no stop words, like SQLite's
``unicode61 remove_diacritics 2``), the weighted ``tsvector`` builders
``rightswatch_article_tsv(title, text, tags)`` / ``rightswatch_quote_tsv(text, speaker)`` and
GIN indexes over them on ``articles`` and ``quotes``. The queries here call the same functions,
which is how the planner finds the indexes; nothing has to be written at save time, so
``index_article``/``index_quote`` are no-ops and imported or restored rows are searchable as is.

User text never reaches tsquery syntax: :func:`pg_tsquery` quotes each word of
:func:`~rightswatch.store.search.query_terms` as a tsquery lexeme (``'word'``, with ``'`` and
``\\`` escaped), keeps ``word*`` as a prefix (``'word':*``) and ANDs them, the same semantics as
``fts_query`` on SQLite. A word the parser splits (``NEAR(a``, ``north-korea``) becomes a phrase.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from rightswatch.store.search import (
    ELLIPSIS,
    MARK_CLOSE,
    MARK_OPEN,
    SNIPPET_TOKENS,
    RawHit,
    query_terms,
)

__all__ = ["PgFts", "pg_tsquery"]

CONFIG = "rightswatch"

#: ``ts_rank_cd`` weights for {D, C, B, A}: body 0.2, tags (B) 0.4, title (A) 1.0 -> 1 : 2 : 5,
#: the same proportions as ``SqliteFts.ARTICLE_WEIGHTS``.
ARTICLE_WEIGHTS = "{0.2, 0.2, 0.4, 1.0}"
#: Quote text (A) 1.0, speaker (B) 0.5, as ``SqliteFts.QUOTE_WEIGHTS``.
QUOTE_WEIGHTS = "{0.1, 0.1, 0.5, 1.0}"

_ARTICLE_TSV = "rightswatch_article_tsv(a.title, a.text, a.tags)"
_QUOTE_TSV = "rightswatch_quote_tsv(q.text, q.speaker)"
_TSQUERY = f"to_tsquery('{CONFIG}', :tsq)"


def _headline_options(max_words: int) -> str:
    return (
        f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords={max_words}, "
        f"MinWords={max(1, max_words // 3)}, ShortWord=0, MaxFragments=1, "
        f'FragmentDelimiter="{ELLIPSIS}"'
    )


def pg_tsquery(user_query: str) -> str | None:
    """Free text as a safe ``to_tsquery`` argument, or ``None`` if nothing searchable is left.

    >>> pg_tsquery("torture camp*")
    "'torture' & 'camp':*"
    >>> pg_tsquery("it's \\\\ NEAR(")
    "'it''s' & 'NEAR'"
    """
    parts = []
    for core, prefix in query_terms(user_query):
        lexeme = "'" + core.replace("\\", "\\\\").replace("'", "''") + "'"
        parts.append(lexeme + (":*" if prefix else ""))
    return " & ".join(parts) if parts else None


def _with_ellipses(headline: str, text: str) -> str:
    """``ts_headline`` returns a bare fragment: mark cuts with ``…`` as FTS5's ``snippet()`` does."""
    plain = headline.replace(MARK_OPEN, "").replace(MARK_CLOSE, "").strip()
    if not plain:
        return headline
    out = headline.strip()
    if not text.lstrip().startswith(plain):
        out = ELLIPSIS + out
    if not text.rstrip().endswith(plain):
        out = out + ELLIPSIS
    return out


class PgFts:
    """PostgreSQL full-text search over ``articles(title, text, tags)`` and ``quotes(text, speaker)``."""

    def index_article(
        self, conn: sa.Connection, article_id: int, title: str | None, text: str, tags_json: str
    ) -> None:
        """Nothing to do: the expression index covers the row as soon as it is inserted."""

    def index_quote(self, conn: sa.Connection, quote_id: int, text: str, speaker: str | None) -> None:
        """Nothing to do: the expression index covers the row as soon as it is inserted."""

    def search(self, conn: sa.Connection, query: str, limit: int) -> list[RawHit]:
        tsq = pg_tsquery(query)
        if tsq is None or limit <= 0:
            return []
        opts = _headline_options(SNIPPET_TOKENS)
        params = {"tsq": tsq, "limit": limit, "opts": opts}
        # Rank in an inner query and build headlines (the costly part) for the page only.
        articles = conn.execute(
            sa.text(
                f"SELECT r.id, ts_headline('{CONFIG}', r.text, r.query, :opts), r.text, r.rank "
                "FROM (SELECT a.id, a.text, query, "
                f"ts_rank_cd('{ARTICLE_WEIGHTS}', {_ARTICLE_TSV}, query) AS rank "
                f"FROM articles AS a, {_TSQUERY} AS query WHERE {_ARTICLE_TSV} @@ query "
                "ORDER BY rank DESC, a.id DESC LIMIT :limit) AS r ORDER BY r.rank DESC, r.id DESC"
            ),
            params,
        ).all()
        quotes = conn.execute(
            sa.text(
                f"SELECT r.article_id, ts_headline('{CONFIG}', r.text, r.query, :opts), r.text, r.rank "
                "FROM (SELECT q.article_id, q.text, query, "
                f"ts_rank_cd('{QUOTE_WEIGHTS}', {_QUOTE_TSV}, query) AS rank "
                f"FROM quotes AS q, {_TSQUERY} AS query WHERE {_QUOTE_TSV} @@ query "
                "ORDER BY rank DESC, q.id DESC LIMIT :limit) AS r ORDER BY r.rank DESC"
            ),
            params,
        ).all()
        best: dict[int, RawHit] = {}
        for source, rows in (("article", articles), ("quote", quotes)):
            for article_id, headline, text, rank in rows:
                hit = RawHit(int(article_id), _with_ellipses(headline or "", text or ""), float(rank), source)
                if article_id not in best or hit.score > best[article_id].score:
                    best[article_id] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, -h.article_id))
        return ranked[:limit]

    def matching_article_ids(self, query: str) -> sa.TextualSelect | None:
        tsq = pg_tsquery(query)
        if tsq is None:
            return None
        return (
            sa.text(
                f"SELECT a.id AS article_id FROM articles AS a "
                f"WHERE {_ARTICLE_TSV} @@ to_tsquery('{CONFIG}', :fts_q) "
                f"UNION SELECT q.article_id FROM quotes AS q "
                f"WHERE {_QUOTE_TSV} @@ to_tsquery('{CONFIG}', :fts_q)"
            )
            .bindparams(fts_q=tsq)
            .columns(sa.column("article_id", sa.Integer))
        )

    def snippets(
        self, conn: sa.Connection, query: str, article_ids: Iterable[int], max_words: int = 24
    ) -> dict[int, str]:
        """Marked snippets for these articles (from the body, else from a matching quote)."""
        ids = sorted({int(i) for i in article_ids})
        tsq = pg_tsquery(query)
        if not ids or tsq is None:
            return {}
        params = {"tsq": tsq, "ids": ids, "opts": _headline_options(max_words)}
        found: dict[int, str] = {}
        for article_id, headline, text in conn.execute(
            sa.text(
                f"SELECT a.id, ts_headline('{CONFIG}', a.text, query, :opts), a.text "
                f"FROM articles AS a, {_TSQUERY} AS query "
                f"WHERE a.id = ANY(:ids) AND {_ARTICLE_TSV} @@ query"
            ),
            params,
        ):
            found[int(article_id)] = _with_ellipses(headline or "", text or "")
        missing = [i for i in ids if i not in found]
        if missing:  # matched through a quote
            params["ids"] = missing
            for article_id, headline, text in conn.execute(
                sa.text(
                    f"SELECT q.article_id, ts_headline('{CONFIG}', q.text, query, :opts), q.text "
                    f"FROM quotes AS q, {_TSQUERY} AS query "
                    f"WHERE q.article_id = ANY(:ids) AND {_QUOTE_TSV} @@ query ORDER BY q.id"
                ),
                params,
            ):
                found.setdefault(int(article_id), _with_ellipses(headline or "", text or ""))
        return found
