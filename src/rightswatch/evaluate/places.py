"""Folding place names so that "USA", "US" and "United States" compare equal.

HRDsAttack's annotators typed place names freely: "USA", "United States", "US"; "China" and
"People's Republic of China"; "England" for the United Kingdom; "Beijin" for Beijing. The
paper compared raw strings; we fold, because the question we ask is "did we find the right
place", not "did we spell it like annotator 17". Imports nothing of ours.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from rightswatch.analyse.places import region_core

__all__ = ["NULL_STRINGS", "fold_country", "country_name", "fold_place", "same_place_name"]

#: Strings annotators used for "no answer"; all read as ``None``.
NULL_STRINGS = frozenset({"", "none", "n/a", "n//a", "na", "null", "unknown", "not mentioned", "-"})

# Names pycountry does not resolve, and folds we choose on purpose:
# - the UK's nations fold to GB (annotators wrote "England" for London events);
# - Hong Kong and Macau fold to CN: HRDsAttack's gold gives country "China" for Hong Kong cities.
_ALIASES: dict[str, str] = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "the united kingdom": "GB",
    "russia": "RU", "turkey": "TR", "burma": "MM", "palestine": "PS", "gaza": "PS",
    "west bank": "PS", "ivory coast": "CI", "cote d'ivoire": "CI", "kosovo": "XK",
    "democratic republic of congo": "CD", "democratic republic of the congo": "CD", "drc": "CD",
    "dr congo": "CD", "republic of congo": "CG", "swaziland": "SZ", "macedonia": "MK",
    "cape verde": "CV", "east timor": "TL", "vatican": "VA", "the philippines": "PH",
    "the netherlands": "NL", "holland": "NL", "uae": "AE", "emirates": "AE",
    "people's republic of china": "CN", "prc": "CN", "mainland china": "CN",
    "hong kong": "CN", "macau": "CN", "macao": "CN",
    "columbia": "CO", "bosnia": "BA", "czech republic": "CZ",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "dprk": "KP",
}

#: Short English names for output, where pycountry's ``name`` is the formal one.
_SHORT_NAMES: dict[str, str] = {
    "RU": "Russia", "TR": "Turkey", "IR": "Iran", "SY": "Syria", "KR": "South Korea",
    "KP": "North Korea", "VN": "Vietnam", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "MD": "Moldova", "TW": "Taiwan", "PS": "Palestine", "CD": "DR Congo",
    "XK": "Kosovo", "CZ": "Czech Republic", "MK": "North Macedonia", "FM": "Micronesia",
    "BN": "Brunei", "CI": "Ivory Coast", "GB": "United Kingdom", "US": "United States",
}


def _simplify(text: str) -> str:
    """Accents off, case folded, punctuation (except apostrophes) to spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'")
    text = re.sub(r"[^\w'.]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                index[_simplify(value)] = c.alpha_2
    for alias, code in _ALIASES.items():
        index[_simplify(alias)] = code
    return index


@lru_cache(maxsize=4096)
def fold_country(name: str | None) -> str | None:
    """The comparison key of a country name: ISO alpha-2 when resolvable, else ``"?" + simplified``.

    Order: null strings -> None; alpha-2/alpha-3 codes; exact names (name, official name,
    common name, our aliases) after simplification; a close spelling (rapidfuzz ratio >= 90,
    catches "Phillipines"). Unresolvable text ("Africa", "Greece and India") keeps its
    simplified form, so two identical odd answers still compare equal.
    """
    if name is None:
        return None
    simple = _simplify(name)
    if simple in NULL_STRINGS:
        return None
    index = _country_index()
    if simple in index:
        return index[simple]
    if len(simple) in (2, 3) and simple.isalpha():
        found = pycountry.countries.get(alpha_2=simple.upper()) or pycountry.countries.get(
            alpha_3=simple.upper()
        )
        if found is not None:
            return str(found.alpha_2)
    if simple.startswith("the "):
        return fold_country(simple[4:])
    best = process.extractOne(simple, list(index), scorer=fuzz.ratio, score_cutoff=90)
    if best is not None:
        return index[best[0]]
    return "?" + simple


def country_name(alpha2: str | None) -> str | None:
    """The short English name for an ISO alpha-2 code ("RU" -> "Russia"); None if unknown."""
    if not alpha2:
        return None
    code = alpha2.upper()
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


# Suffixes that annotators add or drop at will: "Cross River State" = "Cross River".
_PLACE_SUFFIX = re.compile(
    r"\s+(state|province|region|governorate|prefecture|district|county|division|oblast)$"
)


def fold_place(name: str | None) -> str | None:
    """The comparison key of a region or city name (None for the null strings)."""
    if name is None:
        return None
    simple = _simplify(name)
    if simple in NULL_STRINGS:
        return None
    # the type words of a gazetteer's region names ("Shandong Sheng", "Respublika Buryatiya") are
    # no part of the name the analyst and the report compare
    simple = _simplify(region_core(name))
    simple = simple.removeprefix("the ")
    simple = _PLACE_SUFFIX.sub("", simple)
    return simple or None


def same_place_name(a: str | None, b: str | None, threshold: float = 90.0) -> bool:
    """Region/city equality: both empty, or folded names equal or within a typo (ratio >= 90)."""
    fa, fb = fold_place(a), fold_place(b)
    if fa is None or fb is None:
        return fa is None and fb is None
    return fa == fb or fuzz.ratio(fa, fb) >= threshold
