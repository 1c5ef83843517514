"""Full-text search: the one place that knows how a backend indexes and ranks text.

The repository talks to a small :class:`SearchIndex` interface; :class:`SqliteFts` implements it
with SQLite FTS5 (external-content tables created by the first migration, ``bm25`` ranking,
``snippet()`` for context). :class:`~rightswatch.store.search_pg.PgFts` implements it on
PostgreSQL (expression GIN indexes over weighted ``tsvector`` values, ``ts_rank_cd``, ``ts_headline``).

User queries never reach FTS syntax: :func:`fts_query` keeps the words of the query, quotes
each one as an FTS5 string, and joins them with implicit AND, so ``NEAR(``, unbalanced quotes or
parentheses, ``*`` and ``-`` are just text. A trailing ``*`` on a word is kept as a prefix search
(``tortur*``), the only operator we let through.

Snippets mark matched terms with :data:`MARK_OPEN` / :data:`MARK_CLOSE` (control characters
that do not occur in prose); :func:`render_snippet` turns them into e.g. ``<mark>`` safely,
escaping everything else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import sqlalchemy as sa

from rightswatch.errors import StoreError

__all__ = [
    "MARK_OPEN",
    "MARK_CLOSE",
    "ELLIPSIS",
    "RawHit",
    "SearchIndex",
    "SqliteFts",
    "fts_query",
    "query_terms",
    "render_snippet",
    "search_index_for",
    "is_search_object",
]

MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
ELLIPSIS = "…"

#: Words beyond this many are ignored (a query is a few keywords, not a document).
MAX_TERMS = 32
#: Characters of the user query considered at all.
MAX_QUERY_CHARS = 1000
#: Tokens of context in a snippet.
SNIPPET_TOKENS = 16

_FTS_TABLES = ("articles_fts", "quotes_fts")


def is_search_object(name: str) -> bool:
    """True for the search structures not described by ``schema.py``: the FTS5 virtual tables and
    their shadow tables on SQLite, the ``articles_fts_gin``/``quotes_fts_gin`` indexes on PostgreSQL."""
    return any(name == t or name.startswith(t + "_") for t in _FTS_TABLES)


def _is_token_char(ch: str) -> bool:
    # What FTS5's unicode61 tokenizer keeps: letters, numbers, private use.
    return unicodedata.category(ch)[0] in ("L", "N") or unicodedata.category(ch) == "Co"


def query_terms(user_query: str) -> list[tuple[str, bool]]:
    """The words of a free-text query as ``(word, is_prefix)``, punctuation around them trimmed.

    Shared by every backend, so SQLite and PostgreSQL see the same terms for the same query.
    """
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" and ch not in "\u200c\u200d" else ch
        for ch in user_query[:MAX_QUERY_CHARS]
    )
    terms: list[tuple[str, bool]] = []
    for word in text.split():
        prefix = word.endswith("*")
        # Trim surrounding punctuation so "(prison" and 'prison"' match "prison".
        core = word.strip("".join({c for c in word if not _is_token_char(c)}))
        if not core:
            continue
        terms.append((core, prefix))
        if len(terms) >= MAX_TERMS:
            break
    return terms


def fts_query(user_query: str) -> str | None:
    """Turn free text into a safe FTS5 query, or ``None`` if nothing searchable is left.

    >>> fts_query('torture "Hoeryong')
    '"torture" "Hoeryong"'
    >>> fts_query('NEAR( prison*')
    '"NEAR" "prison"*'
    >>> fts_query('** ) "') is None
    True
    """
    terms = [
        '"' + core.replace('"', '""') + '"' + ("*" if prefix else "")
        for core, prefix in query_terms(user_query)
    ]
    return " ".join(terms) if terms else None


def render_snippet(
    snippet: str,
    open_mark: str = "<mark>",
    close_mark: str = "</mark>",
    escape: Callable[[str], str] | None = None,
) -> str:
    """Replace the snippet markers, escaping every other piece with ``escape`` (e.g. ``html.escape``).

    Marker characters that happen to occur in the article text can at worst misplace a highlight;
    they can never smuggle markup through, because all text pieces are escaped.
    """
    esc = escape or (lambda s: s)
    out: list[str] = []
    for i, chunk in enumerate(snippet.split(MARK_OPEN)):
        if i == 0:
            out.append(esc(chunk.replace(MARK_CLOSE, "")))
            continue
        marked, _, rest = chunk.partition(MARK_CLOSE)
        out.append(open_mark + esc(marked) + close_mark + esc(rest.replace(MARK_CLOSE, "")))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class RawHit:
    """One ranked match, before the repository joins article metadata."""

    article_id: int
    snippet: str
    score: float  # higher is better
    source: str  # "article" | "quote"


class SearchIndex(Protocol):
    """What the repository needs from a full-text backend. Calls run inside its transactions."""

    def index_article(
        self, conn: sa.Connection, article_id: int, title: str | None, text: str, tags_json: str
    ) -> None:
        """Index an article row just inserted (``tags_json`` exactly as stored in ``articles.tags``)."""

    def index_quote(self, conn: sa.Connection, quote_id: int, text: str, speaker: str | None) -> None:
        """Index a quote row just inserted."""

    def search(self, conn: sa.Connection, query: str, limit: int) -> list[RawHit]:
        """Best ``limit`` matches over articles and quotes, one per article, best first."""

    def matching_article_ids(self, query: str) -> sa.TextualSelect | None:
        """A sub-select of article ids matching ``query`` (``None`` if the query is empty)."""


class SqliteFts:
    """SQLite FTS5 over ``articles(title, text, tags)`` and ``quotes(text, speaker)``."""

    #: bm25 column weights: a word in the title counts five times one in the body.
    ARTICLE_WEIGHTS = (5.0, 1.0, 2.0)
    QUOTE_WEIGHTS = (1.0, 0.5)

    def index_article(
        self, conn: sa.Connection, article_id: int, title: str | None, text: str, tags_json: str
    ) -> None:
        conn.execute(
            sa.text(
                "INSERT INTO articles_fts(rowid, title, text, tags) VALUES (:id, :title, :text, :tags)"
            ),
            {"id": article_id, "title": title, "text": text, "tags": tags_json},
        )

    def index_quote(self, conn: sa.Connection, quote_id: int, text: str, speaker: str | None) -> None:
        conn.execute(
            sa.text("INSERT INTO quotes_fts(rowid, text, speaker) VALUES (:id, :text, :speaker)"),
            {"id": quote_id, "text": text, "speaker": speaker},
        )

    def search(self, conn: sa.Connection, query: str, limit: int) -> list[RawHit]:
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        params = {"q": match, "limit": limit, "o": MARK_OPEN, "c": MARK_CLOSE, "e": ELLIPSIS}
        aw = ", ".join(str(w) for w in self.ARTICLE_WEIGHTS)
        qw = ", ".join(str(w) for w in self.QUOTE_WEIGHTS)
        # Column 1 (the body) gives the most useful context even when the title matched.
        articles = conn.execute(
            sa.text(
                f"SELECT rowid, snippet(articles_fts, 1, :o, :c, :e, {SNIPPET_TOKENS}), "
                f"bm25(articles_fts, {aw}) AS rank "
                "FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
            ),
            params,
        ).all()
        quotes = conn.execute(
            sa.text(
                f"SELECT q.article_id, snippet(quotes_fts, 0, :o, :c, :e, {SNIPPET_TOKENS}), "
                f"bm25(quotes_fts, {qw}) AS rank "
                "FROM quotes_fts JOIN quotes AS q ON q.id = quotes_fts.rowid "
                "WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :limit"
            ),
            params,
        ).all()
        best: dict[int, RawHit] = {}
        # bm25() is "lower is better" and negative; flip it so a higher score is a better match.
        for source, rows in (("article", articles), ("quote", quotes)):
            for article_id, snippet, rank in rows:
                hit = RawHit(int(article_id), snippet or "", -float(rank), source)
                if article_id not in best or hit.score > best[article_id].score:
                    best[article_id] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.score, -h.article_id))
        return ranked[:limit]

    def matching_article_ids(self, query: str) -> sa.TextualSelect | None:
        match = fts_query(query)
        if match is None:
            return None
        return (
            sa.text(
                "SELECT rowid AS article_id FROM articles_fts WHERE articles_fts MATCH :fts_q "
                "UNION SELECT q.article_id FROM quotes_fts JOIN quotes AS q "
                "ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH :fts_q"
            )
            .bindparams(fts_q=match)
            .columns(sa.column("article_id", sa.Integer))
        )


def search_index_for(dialect_name: str) -> SearchIndex:
    """The full-text backend for a SQLAlchemy dialect."""
    if dialect_name == "sqlite":
        return SqliteFts()
    if dialect_name == "postgresql":
        from rightswatch.store.search_pg import PgFts

        return PgFts()
    raise StoreError(f"full-text search is not implemented for {dialect_name!r} databases yet")
