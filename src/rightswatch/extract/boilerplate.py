"""Site boilerplate at the tail of an article: recognised by data, kept aside, never analysed.

The patterns live in ``rightswatch/data/boilerplate.toml`` so an outlet can be added without a
code change. Only the *tail* is stripped: outlets append their notices after the story, while a
matching sentence in the middle of a story may be the story itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

__all__ = ["split_tail", "tail_patterns"]

#: Between two recognised notices, short fragments (the text of a dropped link such as
#: "dailynkenglish@uni.co.kr" or "Korean") are swept along with them.
_FRAGMENT_MAX_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?。”\"’']$")


@lru_cache(maxsize=1)
def tail_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled tail patterns from ``data/boilerplate.toml`` (loaded once)."""
    data = tomllib.loads(
        resources.files("rightswatch").joinpath("data/boilerplate.toml").read_text("utf-8")
    )
    return tuple(re.compile(entry["pattern"], re.IGNORECASE) for entry in data.get("tail", ()))


def is_boilerplate(paragraph: str) -> bool:
    text = paragraph.strip()
    return any(p.search(text) for p in tail_patterns())


def _is_fragment(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text.split()) <= _FRAGMENT_MAX_WORDS and not _SENTENCE_END.search(text)


def split_tail(paragraphs: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split ``paragraphs`` into (body, boilerplate), the boilerplate being a run at the end.

    Walking backwards, recognised notices extend the run and short fragments are tolerated,
    but the run starts at a recognised notice: a short subheading just before the notices
    stays in the body.
    """
    start = len(paragraphs)
    for i in range(len(paragraphs) - 1, -1, -1):
        if is_boilerplate(paragraphs[i]):
            start = i
        elif not _is_fragment(paragraphs[i]):
            break
    if start == len(paragraphs):
        return list(paragraphs), []
    return list(paragraphs[:start]), list(paragraphs[start:])
