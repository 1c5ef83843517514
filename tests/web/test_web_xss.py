"""Hostile article content is shown as text: no tag, attribute or URL from an article is live."""

from __future__ import annotations

import re

import pytest

from rightswatch.web.highlight import Mark, highlight

#: What must never appear in served HTML: markup an article could smuggle in.
LIVE = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"<svg[^>]*onload", re.I),
    re.compile(r"<iframe", re.I),
    re.compile(r"<b onmouseover", re.I),
    re.compile(r"href=\"javascript:", re.I),
    re.compile(r"href='javascript:", re.I),
    re.compile(r"<a href=\"javascript", re.I),
]


def _assert_inert(html: str) -> None:
    for pattern in LIVE:
        assert not pattern.search(html), pattern.pattern
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(re.fullmatch(r'<script src="/static/[\w./-]+" defer>', s) for s in scripts), scripts


@pytest.mark.parametrize("path", ["/", "/search", "/search?q=Hyesan", "/search?q=%3Cscript%3E",
                                  "/search?q=detained&outlet=%3Cb+onmouseover%3D%22alert%28%27xss-outlet%27%29%22%3EEvil%3C%2Fb%3E"])
def test_list_pages_are_inert(as_user, ids, path) -> None:
    r = as_user("eddie").get(path)
    assert r.status_code == 200
    _assert_inert(r.text)


def test_incident_and_article_pages_are_inert(as_user, ids) -> None:
    c = as_user("ada")
    for path in (f"/incidents/{ids['xss']}", "/articles/4", "/audit", "/admin"):
        r = c.get(path)
        assert r.status_code == 200, path
        _assert_inert(r.text)
    page = c.get(f"/incidents/{ids['xss']}").text
    assert "&lt;script&gt;alert(&#34;xss-script&#34;)&lt;/script&gt;" in page  # shown, as text
    assert "javascript:alert(&#39;xss-url&#39;)" in page  # the URL is printed, not linked
    assert 'href="javascript' not in page


def test_hostile_search_input_is_escaped(as_user, ids) -> None:
    r = as_user("vera").get("/search", params={"q": '"><script>alert(1)</script>', "region": "<img src=x onerror=1>"})
    assert r.status_code == 200
    _assert_inert(r.text)


def test_corrections_are_escaped_too(as_user, store, ids) -> None:
    store.edit_incident(ids["detention"], {"perpetrator_text": "<img src=x onerror=alert('edit')>"}, actor="eddie")
    c = as_user("eddie")
    for path in (f"/incidents/{ids['detention']}", "/search", "/audit"):
        _assert_inert(c.get(path).text)


def test_api_snippets_are_escaped(as_user, ids) -> None:
    r = as_user("vera").get("/api/v1/search", params={"q": "detained"})
    hit = r.json()["items"][0]
    assert "<script" not in hit["snippet_html"] and "<mark>" in hit["snippet_html"]


def test_feed_is_escaped(as_user, store, client, ids) -> None:
    from rightswatch.web.security import secret_hash

    store.add_saved_search(store.get_user("vera").id, "<b>all</b>", {}, secret_hash("k" * 20))
    body = client.get("/feeds/1.atom", params={"key": "k" * 20}).text
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_highlight_escapes_every_piece() -> None:
    text = "a <b>bold</b> & <script>x</script> end"
    html = str(highlight(text, [Mark(2, 13, "evidence", 'lab"el<'), Mark(6, 30, "place")]))
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;" in html and 'title="lab&#34;el&lt;"' in html
    assert html.count("<mark") == 3  # evidence, evidence+place, place


def test_highlight_clamps_bad_spans() -> None:
    assert str(highlight("abc", [Mark(2, 99, "evidence"), Mark(5, 1, "place")])) == 'ab<mark class="hl-evidence" id="ev-2" title="">c</mark>'
