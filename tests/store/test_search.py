"""Full-text search: ranking, snippets, and hostile queries that must never raise."""

from __future__ import annotations

from types import SimpleNamespace

import html

import pytest

from rightswatch.store import MARK_CLOSE, MARK_OPEN, Store, render_snippet
from rightswatch.store.search import MAX_TERMS, fts_query

FILLER = "Officials met on Tuesday to discuss trade, weather and the harvest. " * 5


def _save(
    factory: SimpleNamespace, store: Store, key: str, title: str, text: str, tags: tuple[str, ...] = ()
) -> int:
    url = f"https://news.example/{key}"
    doc = factory.document(key.encode(), url=url)
    result = store.save(doc, factory.report(doc, url=url, title=title, text=text, tags=tags))
    assert result.article_id is not None
    return result.article_id


@pytest.fixture
def corpus(factory: SimpleNamespace, store: Store) -> dict[str, int]:
    return {
        "title": _save(factory, store, "t", "Torture in Chongori camp", FILLER + "Former inmates spoke."),
        "body": _save(factory, store, "b", "Market report", FILLER + "One trader mentioned torture once."),
        "tag": _save(factory, store, "g", "Weekly digest", FILLER, tags=("torture",)),
        "quote": _save(
            factory,
            store,
            "q",
            "Border news",
            FILLER + '"They were beaten during interrogation," the source said.',
        ),
        "diacritic": _save(
            factory, store, "d", "Arrests in Hoeryŏng", FILLER + "Police in Hoeryŏng acted."
        ),
    }


def test_title_match_outranks_body_match(store: Store, corpus: dict[str, int]) -> None:
    hits = store.search("torture")
    ids = [h.article_id for h in hits]
    assert set(ids) == {corpus["title"], corpus["body"], corpus["tag"]}
    assert ids[0] == corpus["title"]
    assert ids.index(corpus["tag"]) < ids.index(corpus["body"])  # tags weigh more than body
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].title == "Torture in Chongori camp"
    assert hits[0].outlet == "Example News"
    assert hits[0].source == "article"


def test_snippet_marks_the_matched_words(store: Store, corpus: dict[str, int]) -> None:
    hit = next(h for h in store.search("trader") if h.article_id == corpus["body"])
    assert f"{MARK_OPEN}trader{MARK_CLOSE}" in hit.snippet
    assert "<mark>trader</mark>" in render_snippet(hit.snippet)


def test_quote_matches_point_to_their_article(store: Store, corpus: dict[str, int]) -> None:
    hits = store.search("interrogation beaten")
    assert [h.article_id for h in hits] == [corpus["quote"]]
    assert MARK_OPEN in hits[0].snippet


def test_all_words_are_required(store: Store, corpus: dict[str, int]) -> None:
    assert [h.article_id for h in store.search("torture inmates")] == [corpus["title"]]
    assert store.search("torture zebra") == []


def test_diacritics_and_case_are_folded(store: Store, corpus: dict[str, int]) -> None:
    assert [h.article_id for h in store.search("HOERYONG")] == [corpus["diacritic"]]
    assert [h.article_id for h in store.search("hoeryŏng")] == [corpus["diacritic"]]


def test_prefix_search(store: Store, corpus: dict[str, int]) -> None:
    assert {h.article_id for h in store.search("tortur*")} == {
        corpus["title"], corpus["body"], corpus["tag"]
    }


def test_limit(store: Store, corpus: dict[str, int]) -> None:
    assert len(store.search("officials", limit=2)) == 2
    assert store.search("officials", limit=0) == []


HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    '"torture',
    "torture\"'",
    "NEAR(",
    "NEAR(torture camp, 2)",
    "*",
    "**",
    "torture*)",
    "(((",
    "torture)",
    "AND",
    "OR NOT",
    "torture AND",
    "- torture",
    "^torture",
    "title:torture",
    "{title text}: torture",
    "col:",
    "'; DROP TABLE articles; --",
    "\x00torture\x00",
    "tor\u200bture",
    "🙂",
    "торture",
    "x" * 5000,
    " ".join(["torture"] * 500),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(store: Store, corpus: dict[str, int], query: str) -> None:
    hits = store.search(query)
    assert isinstance(hits, list)
    store.list_incidents(q=query)
    assert store.status().articles == 5  # and nothing was dropped


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("torture camp") == '"torture" "camp"'
    assert fts_query('say "hi') == '"say" "hi"'
    assert fts_query("NEAR(a, b)") == '"NEAR(a" "b"'  # inner punctuation: a phrase, safely quoted
    assert fts_query('a"b') == '"a""b"'
    assert fts_query("camp*") == '"camp"*'
    assert fts_query("* ( ) \" ' -") is None
    assert fts_query("") is None
    query = fts_query(" ".join(f"w{i}" for i in range(100)))
    assert query is not None and query.count('"') == 2 * MAX_TERMS


def test_render_snippet_escapes_everything_but_the_marks() -> None:
    raw = f"<b>x</b> {MARK_OPEN}<script>{MARK_CLOSE} & {MARK_CLOSE}stray"
    out = render_snippet(raw, escape=html.escape)
    assert out == "&lt;b&gt;x&lt;/b&gt; <mark>&lt;script&gt;</mark> &amp; stray"
    assert render_snippet(f"a {MARK_OPEN}b{MARK_CLOSE} c", "[", "]") == "a [b] c"
