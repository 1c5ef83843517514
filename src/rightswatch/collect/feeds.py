"""Feeds: RSS, Atom, JSON Feed and (news) sitemaps -> a list of entries to fetch.

:func:`parse_feed` takes the bytes a source URL returned and says what is in it, or raises
:class:`FeedError` with a stable reason code:

* ``not-a-feed`` - an HTML page (or anything else) where a feed was expected; the most common
  mistake when adding a source is pasting the site's home page;
* ``malformed-feed`` - XML or JSON that does not parse into any entry;
* ``too-large`` - more than ``max_entries`` entries are cut, not refused (a sitemap index can
  list a site's whole history: the newest ``max_entries`` are kept).

RSS and Atom go through feedparser (which tolerates the broken markup real feeds are full of,
flagging it as "bozo"; we accept a bozo feed if entries came out of it). Sitemaps are read with
lxml with entity resolution and network access off, and a size bound already applied by the
fetcher. JSON Feed is plain JSON. Entry URLs are made absolute against the feed's URL;
entries without an http(s) URL are dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from rightswatch.errors import RightswatchError

__all__ = ["FeedEntry", "ParsedFeed", "FeedError", "parse_feed"]

_MAX_ENTRIES = 1000


class FeedError(RightswatchError):
    def __init__(self, reason: str, url: str, message: str) -> None:
        self.reason = reason
        self.url = url
        super().__init__(f"{url}: {message}")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # a stable identity: the entry's id/guid, else its URL
    url: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the feed gave one
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    kind: str  # "rss" | "atom" | "json" | "sitemap" | "sitemap-index"
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(body: bytes, url: str, media_type: str = "", *, max_entries: int = _MAX_ENTRIES) -> ParsedFeed:
    """What a feed URL returned, parsed. Raises :class:`FeedError`."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        raise FeedError("malformed-feed", url, "empty response where a feed was expected")
    if media_type in ("application/feed+json", "application/json") or head[:1] in (b"{", b"["):
        return _json_feed(body, url, max_entries)
    if head.startswith((b"<!doctype html", b"<html")) or (media_type == "text/html" and b"<rss" not in head):
        raise FeedError("not-a-feed", url, "got an HTML page where a feed was expected")
    if b"<urlset" in head or b"<sitemapindex" in head:
        return _sitemap(body, url, max_entries)
    if not head.startswith(b"<"):
        raise FeedError("not-a-feed", url, f"content is not a feed ({media_type or 'unknown type'})")
    return _xml_feed(body, url, max_entries)


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    full = urljoin(base, link.strip())
    return full if urlsplit(full).scheme in ("http", "https") else None


def _iso_date(value: object) -> str | None:
    if value is None:
        return None
    try:  # feedparser's time.struct_time
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"  # type: ignore[attr-defined]
    except AttributeError:
        pass
    text = str(value).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    return None


def _xml_feed(body: bytes, url: str, max_entries: int) -> ParsedFeed:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    version = str(parsed.get("version") or "")
    entries = []
    for e in parsed.entries[:max_entries]:
        link = _absolute(url, e.get("link"))
        if link is None:
            continue
        key = str(e.get("id") or link).strip()
        published = _iso_date(e.get("published_parsed") or e.get("updated_parsed"))
        entries.append(FeedEntry(key, link, e.get("title"), published, e.get("summary")))
    if not entries:
        if parsed.get("bozo"):
            why = str(parsed.get("bozo_exception") or "unparseable XML").splitlines()[0]
            raise FeedError("malformed-feed", url, f"not a readable feed ({why})")
        if not version:
            raise FeedError("not-a-feed", url, "content is not RSS, Atom, JSON Feed or a sitemap")
    kind = "atom" if version.startswith("atom") else "rss"
    return ParsedFeed(kind, parsed.feed.get("title"), tuple(entries))


def _json_feed(body: bytes, url: str, max_entries: int) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FeedError("malformed-feed", url, f"invalid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not-a-feed", url, "JSON without an 'items' list is not a JSON Feed")
    entries = []
    for item in data["items"][:max_entries]:
        if not isinstance(item, dict):
            continue
        link = _absolute(url, item.get("url") or item.get("external_url"))
        if link is None:
            continue
        key = str(item.get("id") or link)
        title = item.get("title") if isinstance(item.get("title"), str) else None
        summary = item.get("summary") if isinstance(item.get("summary"), str) else None
        entries.append(FeedEntry(key, link, title, _iso_date(item.get("date_published")), summary))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return ParsedFeed("json", title, tuple(entries))


def _sitemap(body: bytes, url: str, max_entries: int) -> ParsedFeed:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError("malformed-feed", url, f"sitemap is not well-formed XML ({exc})") from None
    local = etree.QName(root).localname
    rows: list[FeedEntry] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = title = date = None
        for child in node.iter():
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "title" and title is None:
                title = text  # news:title
            elif name in ("publication_date", "lastmod") and date is None:
                date = text
        link = _absolute(url, loc)
        if link is not None:
            rows.append(FeedEntry(link, link, title or None, _iso_date(date)))
    # Sitemaps list oldest first as often as newest first: keep the newest when cutting.
    rows.sort(key=lambda e: e.published or "", reverse=True)
    kind = "sitemap-index" if local == "sitemapindex" else "sitemap"
    return ParsedFeed(kind, None, tuple(rows[:max_entries]))
