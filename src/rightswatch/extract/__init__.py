"""Extract: a ``Document`` (bytes as they arrived) -> an ``Article`` (what a reader sees).

Public surface::

    extract_article(document, settings) -> Article

Dispatches on ``document.media_type``: plain text (``plaintext``), HTML (``html``, through
trafilatura), one JSON record (``jsonrecord``). Whatever the format, the result has
``document_sha256`` set, a URL when the document knew one, a language guess when the content
declared none, and the user's ``--published`` date when given. Failures are typed errors from
:mod:`rightswatch.errors` (``DecodeFailed``, ``MalformedRecord``, ``EmptyDocument``,
``UnsupportedFormat``, ``TooLarge``) whose message is one line naming the document.
"""

from __future__ import annotations

from rightswatch.errors import TooLarge, UnsupportedFormat
from rightswatch.extract.html import extract_html
from rightswatch.extract.jsonrecord import extract_record, parse_date
from rightswatch.extract.language import guess_language
from rightswatch.extract.outlets import detect_outlet
from rightswatch.extract.plaintext import extract_plaintext
from rightswatch.records import Article, Document, replace
from rightswatch.settings import Settings

__all__ = ["extract_article"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_JSON_TYPES = frozenset({"application/json"})
_TEXT_TYPES = frozenset({"text/plain"})


def extract_article(document: Document, settings: Settings) -> Article:
    """Turn one document into an article, or raise a typed ``InputError``."""
    if len(document.raw) > settings.max_bytes:
        raise TooLarge(
            f"{len(document.raw)} bytes is over the limit of {settings.max_bytes}", document.origin
        )
    media_type = document.media_type.split(";", 1)[0].strip().lower()
    if media_type in _TEXT_TYPES:
        article = extract_plaintext(document)
    elif media_type in _HTML_TYPES:
        article = extract_html(document, settings)
    elif media_type in _JSON_TYPES:
        article = extract_record(document, settings)
    else:
        raise UnsupportedFormat(f"cannot extract an article from {document.media_type!r}", document.origin)
    return _finish(article, document, settings)


def _finish(article: Article, document: Document, settings: Settings) -> Article:
    url = article.url or document.url
    outlet = article.outlet or detect_outlet(
        url=url, text=article.text, boilerplate=article.boilerplate, captions=article.captions
    )
    published, source = article.published, article.published_source
    if not published:
        # a date the container knew (the feed entry) when the page itself gave none
        feed_date = parse_date(document.hint("feed-published"))
        if feed_date:
            published, source = feed_date, "feed"
    if settings.published:
        published, source = settings.published, "cli"
    title = article.title or document.hint("feed-title")
    return replace(
        article,
        title=title,
        url=url,
        outlet=outlet,
        language=article.language or guess_language(article.text),
        published=published,
        published_source=source if published else "none",
        document_sha256=document.sha256,
    )
