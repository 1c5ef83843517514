"""HTML pages -> Article, with trafilatura doing the hard part (finding the main content).

Why the detour through trafilatura's Python output instead of its plain-text output: the text
output joins every block with a single newline and drops ``<figcaption>``; walking the
extracted XML body ourselves gives paragraphs joined by a blank line (the same shape as our
plain-text articles, so spans and paragraph logic work alike), keeps image captions apart
(``alt`` text from trafilatura with ``include_images=True``, or better the figure's visible
``<figcaption>``, read from the page tree before trafilatura prunes it), and drops the headline
trafilatura repeats at the top of the body.

Work is bounded: a page over ``settings.max_bytes`` is refused before parsing.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from rightswatch.errors import EmptyDocument, MalformedRecord, TooLarge
from rightswatch.extract.boilerplate import split_tail
from rightswatch.extract.decoding import decode_bytes
from rightswatch.extract.outlets import canonical_outlet, detect_outlet, outlet_from_url
from rightswatch.extract.plaintext import is_caption
from rightswatch.records import Article, Document
from rightswatch.settings import Settings

__all__ = ["extract_html", "extract_html_text"]

#: Elements of trafilatura's XML body that start a new line inside a paragraph.
_BLOCK_TAGS = frozenset({"p", "head", "item", "row", "list", "quote", "table", "code", "div"})
#: Elements of trafilatura's XML body that sit inside running text.
_INLINE_TAGS = frozenset({"lb", "hi", "ref", "graphic", "del", "span", "sub", "sup"})
#: An ``alt`` text shorter than this many words is a label ("photo", "logo"), not a caption.
_MIN_ALT_WORDS = 3
_SPACES = re.compile(r"[ \t]+")
_DOMAIN_LIKE = re.compile(r"^[\w.-]+\.[a-z]{2,}$", re.IGNORECASE)


def extract_html(document: Document, settings: Settings) -> Article:
    if len(document.raw) > settings.max_bytes:
        raise TooLarge(
            f"HTML page of {len(document.raw)} bytes is over the limit of {settings.max_bytes}", document.origin
        )
    html = decode_bytes(document.raw, html=True, origin=document.origin, declared=document.hint("http-charset"))
    return extract_html_text(html, url=document.url, origin=document.origin, settings=settings)


def extract_html_text(html: str, *, url: str | None, origin: str | None, settings: Settings) -> Article:
    """Extract an Article from an already decoded page (an HTML file or a record's ``html``)."""
    import trafilatura
    from trafilatura.utils import load_html

    if len(html) > settings.max_bytes:
        raise TooLarge(f"HTML of {len(html)} characters is over the limit of {settings.max_bytes}", origin)
    if not html.strip():
        raise EmptyDocument("empty HTML page", origin)
    try:
        tree = load_html(html)
        if tree is None:
            raise MalformedRecord("cannot parse the HTML", origin)
        figure_captions = _figure_captions(tree)
        language = _declared_language(tree)
        meta_tags = _meta_tags(tree)
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            include_images=True,
            include_comments=False,
            with_metadata=True,
        )
    except MalformedRecord:
        raise
    except (ValueError, TypeError, LookupError, RecursionError, etree.LxmlError) as exc:
        # Hostile or broken markup can trip lxml or trafilatura in many ways; the input is
        # at fault, so it becomes a recorded reason instead of crashing the batch.
        first_line = (str(exc).splitlines() or [""])[0]
        raise MalformedRecord(f"HTML could not be processed ({type(exc).__name__}: {first_line})", origin) from exc
    if result is None or getattr(result, "body", None) is None:
        raise EmptyDocument("no article text found in the HTML page", origin)

    captions: list[str] = []
    paragraphs = _body_paragraphs(result.body, figure_captions, captions)
    title = _clean(result.title)
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs.pop(0)  # trafilatura repeats the <h1> headline as the first body block
    body: list[str] = []
    for paragraph in paragraphs:
        if is_caption(paragraph) and "\n" not in paragraph:
            captions.append(paragraph)
        elif not any(_same(paragraph, c) for c in captions):
            body.append(paragraph)
    body, boilerplate = split_tail(body)
    if not body:
        raise EmptyDocument("no article text found in the HTML page", origin)
    captions = _dedupe(captions)
    text = "\n\n".join(body)

    sitename = _clean(result.sitename)
    outlet = (
        outlet_from_url(url)
        or canonical_outlet(sitename)
        or (sitename if sitename and not _DOMAIN_LIKE.match(sitename) else None)
        or detect_outlet(url=url, text=text, boilerplate=boilerplate, captions=captions)
    )
    date = _clean(result.date)
    return Article(
        text=text,
        title=title,
        published=date,
        published_source="html-meta" if date else "none",
        outlet=outlet,
        author=_clean(result.author),
        url=url or _clean(result.url),
        language=language or _clean(result.language),
        # the page's own tag metadata, verbatim, when it has some: trafilatura's cleaning drops
        # apostrophes ("Women's Rights" -> "Womens Rights")
        tags=tuple(_tags(meta_tags) if meta_tags else _tags(result.tags) or _tags(result.categories)),
        captions=tuple(captions),
        boilerplate=tuple(boilerplate),
    )


# -- the body walk ---------------------------------------------------------------------------


def _body_paragraphs(body: Any, figure_captions: dict[str, str], captions: list[str]) -> list[str]:
    """One paragraph per top-level block, plus the loose text between blocks.

    trafilatura sometimes leaves a paragraph's text directly in ``<body>`` as the ``tail`` of
    the heading before it, with inline elements (``<lb/>``, ``<hi>``, ``<ref>``) beside it:
    such a run becomes one paragraph of its own.
    """
    paragraphs: list[str] = []
    run: list[str] = [body.text or ""]

    def flush() -> None:
        text = _loose("".join(run))
        if text:
            paragraphs.append(text)
        run.clear()

    for child in body:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _INLINE_TAGS:
            _collect(child, run, figure_captions, captions)
        else:
            flush()
            text = _block_text(child, figure_captions, captions)
            if text:
                paragraphs.append(text)
        run.append(child.tail or "")
    flush()
    return paragraphs


def _loose(text: str | None) -> str:
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _block_text(element: Any, figure_captions: dict[str, str], captions: list[str]) -> str:
    """The text of one top-level block of trafilatura's body; images become captions."""
    parts: list[str] = []
    _collect(element, parts, figure_captions, captions)
    return _loose("".join(parts))


def _collect(element: Any, parts: list[str], figure_captions: dict[str, str], captions: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "graphic":
        caption = _graphic_caption(element, figure_captions)
        if caption:
            captions.append(caption)
        return
    if tag == "lb":
        parts.append("\n")
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts, figure_captions, captions)
        if child.tail:
            parts.append(child.tail)
    if tag == "cell":
        parts.append(" ")
    elif block:
        parts.append("\n")


def _graphic_caption(graphic: Any, figure_captions: dict[str, str]) -> str | None:
    src = graphic.get("src") or ""
    if src and src in figure_captions:
        return figure_captions[src]
    alt = _clean(graphic.get("alt") or graphic.get("title"))
    if alt and len(alt.split()) >= _MIN_ALT_WORDS:
        return alt
    return None


def _figure_captions(tree: Any) -> dict[str, str]:
    """Map image URLs to the visible caption of the ``<figure>`` that holds them."""
    found: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        if caption_el is None:
            continue
        caption = _clean(" ".join(caption_el.itertext()))
        if not caption:
            continue
        for img in figure.iter("img"):
            for attr in ("src", "data-src", "data-lazy-src", "data-original"):
                value = img.get(attr)
                if value:
                    found.setdefault(value.strip(), caption)
    return found


def _declared_language(tree: Any) -> str | None:
    """The primary language subtag of ``<html lang>`` or a content-language meta tag."""
    root = tree.getroottree().getroot()
    # the HTML parser keeps XHTML's xml:lang as a plain attribute name
    value = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                value = meta.get("content")
                break
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


# -- small helpers ---------------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value.replace("\n", " ")).strip()
    return value or None


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


_TAG_METAS = (("property", "article:tag"), ("name", "keywords"), ("name", "news_keywords"))
_SECTION_METAS = (("property", "article:section"),)


def _meta_tags(tree: Any) -> list[str]:
    """Tags from <meta> elements, in document order; the section only when there are none.

    A section ("Sports", "World News") files the page on the site, it does not say what the
    article is about, so it is no tag beside real ones; a page with nothing else keeps it.
    """
    return _meta_values(tree, _TAG_METAS) or _meta_values(tree, _SECTION_METAS)


def _meta_values(tree: Any, metas: tuple[tuple[str, str], ...]) -> list[str]:
    out: list[str] = []
    for attr, value in metas:
        for el in tree.iterfind(f".//meta[@{attr}='{value}']"):
            content = (el.get("content") or "").strip()
            if content:
                out.append(content)
    return out


def _tags(*groups: Any) -> list[str]:
    """Categories then tags, in source order, split on commas, without case-blind repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for group in groups:
        for value in group or ():
            for item in str(value).split(","):
                tag = item.strip()
                if tag and tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    out.append(tag)
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]
