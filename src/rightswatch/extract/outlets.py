"""Which outlet published an article, from its URL or from how the text names itself.

The outlets are data (``rightswatch/data/outlets.toml``: canonical name, aliases, domains and
"self-naming" patterns). Evidence, strongest first:

1. the URL's domain (``https://www.dailynk.com/english/...`` is Daily NK);
2. a site name declared by the page or record, when it is a known alias;
3. the text naming itself. Outlets write their own name in recognisable ways: a source "told
   Daily NK", a "(Reuters) -" dateline, a closing "Daily NK works with a network of sources".
   Merely mentioning an outlet proves nothing (articles cite each other), so only these
   patterns count, weighted by where they occur: the boilerplate tail is the outlet's own voice
   (3), the body usually is (2), a photo credit often is not (1: agencies sell photos).
   A copyright notice ("Copyright 2024 The Korea Herald. All rights reserved.", "© Yonhap")
   naming a known outlet counts for every outlet, with the same weights.

The best-scoring outlet wins when it is alone at the top with a score of at least 2; otherwise
the answer is None ("unsure"), never a guess.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

__all__ = ["Outlet", "outlets", "outlet_from_url", "canonical_outlet", "detect_outlet"]

_WEIGHT_BOILERPLATE = 3
_WEIGHT_BODY = 2
_WEIGHT_CAPTION = 1
_MIN_SCORE = 2

# "Copyright (c) 2019-2024 by NAME." / "© NAME, all rights reserved": the holder, up to the
# first stop or "All rights"
_COPYRIGHT = re.compile(
    r"(?:\bCopyright\b|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?"
    r"(?P<holder>[^\W\d][^.,;:|\n]{0,60}?)\s*(?=[.,;:|\n]|\bAll rights\b|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """The known outlets from ``data/outlets.toml`` (loaded once)."""
    data = tomllib.loads(resources.files("rightswatch").joinpath("data/outlets.toml").read_text("utf-8"))
    return tuple(
        Outlet(
            name=entry["name"],
            aliases=tuple(entry.get("aliases", ())),
            domains=tuple(d.lower() for d in entry.get("domains", ())),
            patterns=tuple(re.compile(p, re.MULTILINE) for p in entry.get("self", ())),
        )
        for entry in data.get("outlet", ())
    )


def outlet_from_url(url: str | None) -> str | None:
    """The outlet whose domain (or a sub-domain of it) serves ``url``."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    for outlet in outlets():
        for domain in outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet.name
    return None


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name for a known alias ("Yonhap News Agency" -> "Yonhap"), else None."""
    if not name:
        return None
    key = _key(name)
    for outlet in outlets():
        if key == _key(outlet.name) or any(key == _key(a) for a in outlet.aliases):
            return outlet.name
    return None


def _copyright_holders(part: str) -> set[str]:
    """Known outlets named as the holder of a copyright notice in ``part``."""
    if "opyright" not in part and "©" not in part and "(c)" not in part.lower():
        return set()
    holders = (canonical_outlet(m.group("holder")) for m in _COPYRIGHT.finditer(part))
    return {h for h in holders if h}


def detect_outlet(
    *,
    url: str | None = None,
    sitename: str | None = None,
    text: str = "",
    boilerplate: Iterable[str] = (),
    captions: Iterable[str] = (),
) -> str | None:
    """Best evidence first: URL domain, a known site name, then self-naming in the text."""
    found = outlet_from_url(url) or canonical_outlet(sitename)
    if found:
        return found
    scores: dict[str, int] = {}
    for weight, parts in (
        (_WEIGHT_BOILERPLATE, list(boilerplate)),
        (_WEIGHT_BODY, [text]),
        (_WEIGHT_CAPTION, list(captions)),
    ):
        for part in parts:
            if not part:
                continue
            named = _copyright_holders(part)
            for outlet in outlets():
                if outlet.name in named or any(p.search(part) for p in outlet.patterns):
                    scores[outlet.name] = scores.get(outlet.name, 0) + weight
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    if score < _MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == score):
        return None
    return best
