"""Plain-text articles, in the layout of our seed (a Daily NK page saved as text).

The layout, top to bottom (every part optional)::

    china, chinese, chinese flag, ...            <- a tag line
    FILE PHOTO: The national flag ... (Daily NK) <- caption lines
                                                 
    Chinese police are piling ...                <- body paragraphs, blank-line separated,
    Defectors always face threat of repatriation <-   subheadings included
    ...
    Daily NK works with a network of sources ... <- the outlet's tail notices (boilerplate)
    Read in Korean

Plain text carries no date: ``published`` stays None unless the caller supplies one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rightswatch.errors import EmptyDocument
from rightswatch.extract.boilerplate import split_tail
from rightswatch.extract.decoding import decode_bytes
from rightswatch.records import Article, Document

__all__ = ["PlainParts", "parse_plaintext", "split_paragraphs", "extract_plaintext", "is_caption"]

_TAG_LINE_MAX_CHARS = 400
_TAG_MAX_WORDS = 4
_TAG_MAX_CHARS = 40
_TITLE_MAX_WORDS = 20
_TITLE_MAX_CHARS = 200
_CAPTION_MAX_WORDS = 80

#: A caption announces itself ("FILE PHOTO:", "PHOTO:", "(Photo ...").
_CAPTION_PREFIX = re.compile(r"^(?:(?:FILE PHOTO|File photo|PHOTO|Photo|IMAGE|Image)\s*:|\((?:Photo|Image|File photo)\b)")
#: ...or ends with a photo credit in parentheses: "(Daily NK)", "(Photo: Yonhap)", "(AP Photo)".
#: Only trusted next to the tag line: a body sentence may end with "(OHCHR)".
_CREDIT_END = re.compile(r"\((?:(?:Photo|Image)(?:\s+by|:)?\s*)?[A-Z][\w.&'’ /-]{0,40}\)$")
_FINAL_PUNCTUATION = re.compile(r"[.!?:;,…。\"”’')\]]$")


@dataclass(frozen=True, slots=True)
class PlainParts:
    paragraphs: list[str]
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def extract_plaintext(document: Document) -> Article:
    text = decode_bytes(document.raw, origin=document.origin)
    parts = parse_plaintext(text)
    if not parts.paragraphs:
        raise EmptyDocument("no article text (only tags, captions or boilerplate)", document.origin)
    return Article(
        text="\n\n".join(parts.paragraphs),
        title=parts.title,
        tags=tuple(parts.tags),
        captions=tuple(parts.captions),
        boilerplate=tuple(parts.boilerplate),
    )


def parse_plaintext(text: str, *, header: bool = True) -> PlainParts:
    """Cut decoded text into tags, title, captions, body paragraphs and tail boilerplate.

    ``header=False`` skips the tag-line and title rules (for a JSON record's ``text``, whose
    title and tags come from the record's own fields).
    """
    lines = text.split("\n")
    i = _skip_blank(lines, 0)
    tags: list[str] = []
    title: str | None = None
    captions: list[str] = []
    if header and i < len(lines):
        if _is_tag_line(lines[i]):
            tags = _split_tags(lines[i])
            i += 1
        elif _is_title(lines, i):
            # The title rule. A first line is the title only when (a) there is no tag line (in
            # the tag-line layout of our seed, pages are saved without their headline, so a short
            # first line there is a subheading and stays in the body), (b) it is short (at most
            # 20 words / 200 characters), (c) it lacks final punctuation (sentences end with
            # some, headlines do not), (d) it stands alone, followed by a blank line or by
            # captions (the first line of a hard-wrapped paragraph is also short and unpunctuated),
            # and (e) body text follows it.
            title = lines[i].strip()
            i += 1
        # Caption lines between the header and the body.
        while True:
            i = _skip_blank(lines, i)
            if i < len(lines) and _is_header_caption(lines[i]):
                captions.append(lines[i].strip())
                i += 1
            else:
                break
    paragraphs = []
    for paragraph in split_paragraphs("\n".join(lines[i:])):
        if is_caption(paragraph) and "\n" not in paragraph:
            captions.append(paragraph)
        else:
            paragraphs.append(paragraph)
    body, boilerplate = split_tail(paragraphs)
    return PlainParts(paragraphs=body, title=title, tags=tags, captions=captions, boilerplate=boilerplate)


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, each line's trailing spaces removed and the block stripped.

    A text without any blank line uses one line per paragraph (exports that write a single
    newline between paragraphs); otherwise the lines of a block stay joined by ``\\n``.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    if not _has_blank_between(lines):
        return [line.strip() for line in lines if line.strip()]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in lines + [""]:
        if line.strip():
            block.append(line)
        elif block:
            paragraphs.append("\n".join(block).strip())
            block = []
    return paragraphs


def is_caption(paragraph: str) -> bool:
    """A paragraph that announces itself as a photo caption (anywhere in the text)."""
    return bool(_CAPTION_PREFIX.match(paragraph.strip()))


# -- private rules ---------------------------------------------------------------------------


def _has_blank_between(lines: list[str]) -> bool:
    seen_text = False
    pending_blank = False
    for line in lines:
        if line.strip():
            if pending_blank and seen_text:
                return True
            seen_text = True
            pending_blank = False
        else:
            pending_blank = True
    return False


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_tag_line(line: str) -> bool:
    """Short, comma-separated items of a few words each, no sentence punctuation at the end."""
    s = line.strip()
    if not s or "," not in s or len(s) > _TAG_LINE_MAX_CHARS or _FINAL_PUNCTUATION.search(s):
        return False
    items = [t.strip() for t in s.split(",")]
    if len(items) < 2:
        return False
    return all(
        item
        and len(item) <= _TAG_MAX_CHARS
        and len(item.split()) <= _TAG_MAX_WORDS
        and not re.search(r"[.!?;:\"“”]$|[\"“”]", item)
        for item in items
    )


def _split_tags(line: str) -> list[str]:
    seen: set[str] = set()
    tags = []
    for item in line.split(","):
        tag = item.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _is_header_caption(line: str) -> bool:
    s = line.strip()
    if not s or len(s.split()) > _CAPTION_MAX_WORDS:
        return False
    return bool(_CAPTION_PREFIX.match(s) or _CREDIT_END.search(s))


def _is_title(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    if (
        not s
        or len(s) > _TITLE_MAX_CHARS
        or len(s.split()) > _TITLE_MAX_WORDS
        or _FINAL_PUNCTUATION.search(s)
        or _is_header_caption(s)
    ):
        return False
    j = i + 1
    if j < len(lines) and lines[j].strip() and not _is_header_caption(lines[j]):
        return False  # the first line of a paragraph, not a line of its own
    # some body must follow (after any captions)
    while j < len(lines):
        if lines[j].strip() and not _is_header_caption(lines[j]):
            return True
        j += 1
    return False
