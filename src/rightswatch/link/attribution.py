"""Derivative reporting: an article that attributes its facts to another outlet.

"According to Daily NK", "Yonhap reported", "a source told Radio Free Asia", "citing a report
by NK News": the writer did not witness or source the facts; another outlet did. Such an article
is evidence that the *other* outlet reported something, not a second, independent confirmation.

Outlets are the ones rightswatch knows (``data/outlets.toml``: names and aliases). Matching is
case-sensitive (outlet names are proper nouns; "ap" is not AP) and bounded by word edges. An
article's own outlet is never a citation of itself ("told Daily NK" in a Daily NK article is
its own sourcing). Each hit keeps the phrase and its offsets into the text, so the link is as
evidence-backed as an incident.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Attribution", "find_attributions", "known_outlets", "canonical"]


@dataclass(frozen=True, slots=True)
class Attribution:
    outlet: str  # canonical name
    phrase: str  # text[start:end]
    start: int
    end: int


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Alias -> canonical outlet name, from the shared outlets data file."""
    data = tomllib.loads(resources.files("rightswatch").joinpath("data/outlets.toml").read_text("utf-8"))
    out: dict[str, str] = {}
    for entry in data.get("outlet", ()):
        name = entry["name"]
        for alias in (name, *entry.get("aliases", ())):
            out[alias] = name
    return out


def canonical(name: str | None) -> str | None:
    """The canonical outlet name for a name or alias, compared loosely; None if unknown."""
    if not name:
        return None
    key = re.sub(r"[\W_]+", "", name.casefold())
    for alias, canon in known_outlets().items():
        if re.sub(r"[\W_]+", "", alias.casefold()) == key:
            return canon
    return None


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    aliases = sorted(known_outlets(), key=len, reverse=True)  # longest first: "Yonhap News Agency"
    names = "|".join(re.escape(a) for a in aliases)

    def o(i: int) -> str:  # each form names its own group: Python forbids a repeated name
        return rf"(?:the |The )?(?P<o{i}>{names})(?!\w)"

    report = r"(?:(?:a |an |the )?(?:report|article|story|dispatch|broadcast)s? (?:by|from|in|on) )?"
    verbs = (
        r"reported|reports|has reported|had reported|first reported|was first to report|said|says|"
        r"cited|quoted|revealed|claimed|confirmed|learned|wrote"
    )
    forms = [
        rf"\b[Aa]ccording to {report}{o(0)}",
        rf"\b(?:[Cc]iting|[Cc]ited by|[Qq]uoted by|[Rr]eported by|[Ff]irst reported by|[Aa]s reported by) {report}{o(1)}",
        rf"\b(?:told|telling|spoke to|speaking to|informed) {o(2)}",
        rf"\b(?:in|to|during) an interview with {o(3)}",
        rf"(?<!\w){o(4)}(?:[’']s?)? (?:{verbs})\b",
        rf"(?<!\w){o(5)}[’']s? (?:report|reporting|sources?|correspondent)\b",
        rf"\((?P<o6>{names})\)\s*[-–—]+",  # a wire dateline: "SEOUL (Yonhap) --"
    ]
    return re.compile("|".join(f"(?:{f})" for f in forms))


def find_attributions(text: str, own_outlet: str | None = None) -> list[Attribution]:
    """Every attribution to another known outlet in ``text``, in order, one per phrase."""
    own = canonical(own_outlet) or own_outlet
    found: list[Attribution] = []
    aliases = known_outlets()
    for m in _pattern().finditer(text):
        hit = next((v for v in m.groupdict().values() if v), None)
        if hit is None:
            continue
        outlet = aliases.get(hit)
        if outlet is None or outlet == own:
            continue
        found.append(Attribution(outlet, m.group(0), m.start(), m.end()))
    return found
