"""One JSON record -> Article.

A record (from a ``.json`` or ``.jsonl`` file, a scraper's export, a dataset) carries::

    title, text | html, published, url, tags, outlet, author, language

``text`` is the article body as plain text; ``html`` is a raw page, extracted like an HTML file,
after which the record's own fields (title, published, url, ...) win because someone chose
them on purpose. A record with neither ``text`` nor ``html`` is malformed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from rightswatch.errors import EmptyDocument, MalformedRecord
from rightswatch.extract.html import extract_html_text
from rightswatch.extract.outlets import canonical_outlet, detect_outlet
from rightswatch.extract.plaintext import parse_plaintext
from rightswatch.extract.decoding import normalise_newlines
from rightswatch.records import Article, Document, replace
from rightswatch.settings import Settings

__all__ = ["extract_record", "parse_date"]

_DATE_KEYS = ("published", "published_at", "date", "datePublished", "pubDate")


def extract_record(document: Document, settings: Settings) -> Article:
    origin = document.origin
    try:
        record = json.loads(document.raw)
    except (ValueError, RecursionError) as exc:
        raise MalformedRecord(f"invalid JSON record ({exc})", origin) from None
    if not isinstance(record, dict):
        raise MalformedRecord(f"a record must be a JSON object, not {type(record).__name__}", origin)

    text = _string(record, "text", origin)
    html = _string(record, "html", origin)
    url = _string(record, "url", origin) or document.url
    if text and text.strip():
        parts = parse_plaintext(normalise_newlines(text), header=False)
        if not parts.paragraphs:
            raise EmptyDocument("the record's text holds no article text", origin)
        body = "\n\n".join(parts.paragraphs)
        article = Article(
            text=body,
            captions=tuple(parts.captions),
            boilerplate=tuple(parts.boilerplate),
            outlet=detect_outlet(url=url, text=body, boilerplate=parts.boilerplate, captions=parts.captions),
        )
    elif html and html.strip():
        article = extract_html_text(normalise_newlines(html), url=url, origin=origin, settings=settings)
    elif text is not None or html is not None:
        raise EmptyDocument("the record's text is empty", origin)
    else:
        raise MalformedRecord("record has neither 'text' nor 'html'", origin)

    published = None
    for key in _DATE_KEYS:
        if record.get(key) not in (None, ""):
            published = parse_date(record[key])
            break
    title = _string(record, "title", origin)
    outlet_field = _string(record, "outlet", origin)
    tags = _tags(record.get("tags"))
    return replace(
        article,
        title=title.strip() if title and title.strip() else article.title,
        published=published or article.published,
        published_source="json" if published else article.published_source,
        url=url or article.url,
        outlet=(canonical_outlet(outlet_field) or outlet_field.strip()) if outlet_field and outlet_field.strip() else article.outlet,
        author=_author(record.get("author")) or article.author,
        language=(_string(record, "language", origin) or "").strip().lower() or article.language,
        tags=tuple(tags) if tags else article.tags,
    )


def parse_date(value: Any) -> str | None:
    """Any common date notation (ISO 8601, RFC 2822, "June 3, 2024", epoch seconds) -> ISO date.

    The date is the one written (a "2024-06-03T01:00+09:00" stays June 3, not June 2 in UTC).
    Relative expressions ("yesterday") are refused: a record has no reference date.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 10_000_000_000 else value  # milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if re.fullmatch(r"\d{4}", s):
        return None  # a bare year is not a date
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # lazy: 0.5 s to import, rarely needed

    parsed = dateparser.parse(
        s,
        languages=["en", "ko"],
        settings={
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.date().isoformat() if parsed else None


def _string(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedRecord(f"field '{key}' must be a string, not {type(value).__name__}", origin)
    return value


def _author(value: Any) -> str | None:
    """A name, or a list of names (joined with "; "); anything else is ignored."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    cleaned = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return "; ".join(cleaned) or None


def _tags(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    seen: set[str] = set()
    out = []
    for item in items:
        if not isinstance(item, str):
            continue
        tag = item.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out
