"""Feed parsing: RSS, Atom, JSON Feed, news sitemaps, and the ways a 'feed' can be wrong."""

from __future__ import annotations

import pytest

from rightswatch.collect.feeds import FeedError, parse_feed

BASE = "https://news.example/feed.xml"


def test_rss_entries_are_absolute_with_ids_and_dates() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>A</title><link>/a/1</link><guid>g1</guid><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>"
            b"<item><title>no link</title></item></channel></rss>")
    feed = parse_feed(body, BASE, "application/rss+xml")
    assert feed.kind == "rss" and feed.title == "T"
    assert [(e.url, e.published) for e in feed.entries] == [("https://news.example/a/1", "2024-06-03")]
    assert feed.entries[0].key.endswith("g1")  # the guid (feedparser resolves it like a URL)


def test_atom() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>tag:x,1</id><title>One</title>'
            b'<link href="https://news.example/1"/><updated>2024-06-01T10:00:00Z</updated></entry></feed>')
    feed = parse_feed(body, BASE, "application/atom+xml")
    assert feed.kind == "atom" and feed.entries[0].key == "tag:x,1" and feed.entries[0].published == "2024-06-01"


def test_json_feed() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "/p/1", "title": "P"}, 3]}'
    feed = parse_feed(body, BASE, "application/feed+json")
    assert feed.kind == "json" and [e.url for e in feed.entries] == ["https://news.example/p/1"]


def test_news_sitemap_newest_first_and_bounded() -> None:
    urls = "".join(
        f"<url><loc>https://news.example/{i}</loc><news:news><news:publication_date>2024-06-{i:02d}"
        f"</news:publication_date><news:title>T{i}</news:title></news:news></url>" for i in range(1, 21)
    )
    body = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()
    feed = parse_feed(body, BASE, "application/xml", max_entries=5)
    assert feed.kind == "sitemap" and len(feed.entries) == 5
    assert feed.entries[0].url == "https://news.example/20" and feed.entries[0].title == "T20"


def test_sitemap_entities_are_not_expanded() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.example/&x;</loc></url></urlset>')
    try:
        feed = parse_feed(body, BASE, "application/xml")
    except FeedError:
        return
    assert all("root:" not in e.url for e in feed.entries)


@pytest.mark.parametrize("body,ctype,reason", [
    (b"<!DOCTYPE html><html><body>home</body></html>", "text/html", "not-a-feed"),
    (b"<html><head></head></html>", "", "not-a-feed"),
    (b'<?xml version="1.0"?><rss><channel><item><title>broken &bogus; <', "application/rss+xml", "malformed-feed"),
    (b"", "application/rss+xml", "malformed-feed"),
    (b'{"items": [', "application/feed+json", "malformed-feed"),
    (b'{"hello": 1}', "application/json", "not-a-feed"),
    (b"just some text", "text/plain", "not-a-feed"),
    (b"<urlset><url><loc>x</loc>", "application/xml", "malformed-feed"),
])
def test_bad_feeds_have_reasons(body: bytes, ctype: str, reason: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(body, BASE, ctype)
    assert info.value.reason == reason
