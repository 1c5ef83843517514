"""Which of our incidents dates and places the article's main attack: a trained ranker.

HRDsAttack wants one place and one date per article, those of the main attack. Our Report
holds several incidents, each with its own place and time (a recalled killing from 2015, the
arrest the article is about, the protest that followed). The rule in ``mapping.main_event``
picks one group by confidence and position; measured on train, choosing the best incident
for each field instead would lift year from 52% to 70% and city from 51% to 72%.

This module scores every incident that carries a time (the **time head**) and every incident
that carries a place (the **place head**) with a logistic regression over features of the
incident and of its agreement with the rest of the article, and answers the best-scoring
incident of each head. The **year** and **day heads** choose among the values the text's
time expressions give (the years, then the days of the chosen month) plus "none", with
features aggregated over the expressions giving each value (attack verb or trial/release words
in the sentence, earliest/latest, before publication by how much, explicit date...); "none"
is an answer there (no publication-year fallback). Prediction is numpy only, from a JSON file
(``data/models/hrdsattack_event_ranker.json``) trained by ``event_ranker_train`` on the
train split (``rightswatch train hrdsattack``); no pickle.

Imports ``records`` and ``evaluate.mapping``/``evaluate.places`` of ours.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..records import Incident, Report, TimeRef
from .mapping import _CITY_STATES, _EXPLICIT_DATE, EventPicks, MainEventRule, _paragraph_starts, main_event
from .places import country_name

if TYPE_CHECKING:
    from rightswatch.analyse.places import PlaceMention

__all__ = [
    "HEADS",
    "RANKER_FORMAT",
    "RankerContext",
    "candidates",
    "candidate_features",
    "EventRanker",
    "default_ranker_path",
    "load_ranker",
    "model_picks",
    "date_value_candidates",
    "date_value_features",
]

HEADS = ("date", "place", "country", "city", "region", "year", "month", "day")
#: "year", "month" and "day" decide one field of the date each, in that order: the month head
#: reads the year head's answer, the day head both (the date head's month, else the rule's, when
#: a head is not installed).
#: The year/month/day heads' candidate for "the article gives none".
NO_VALUE = 0
#: The date head's candidate for "the article dates no attack" (the year fallback answers).
NO_DATE = TimeRef("", granularity="unresolved")
#: The city and region heads' candidate for "the article names none of the attack".
NO_PLACE = ""
RANKER_FORMAT = "rightswatch.hrdsattack_event_ranker/1"
MAX_RANKER_BYTES = 1024 * 1024

_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    "the and for with from that this was were has have had are his her their after over into "
    "who its not but been said says will about than more".split()
)
_WEEKDAY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", re.I)
_RELATIVE = re.compile(r"\b(?:last|this|next|yesterday|today|earlier|ago|recent)", re.I)

#: Time expressions the date head considers per article (the first ones; long reports have hundreds).
_MAX_TIMES = 60
_DATELINE_END = re.compile(r"\s*(?:\)|,?\s*\(\w+\)|\s*[-–—]|:)")


def default_ranker_path() -> Path:
    return Path(str(resources.files("rightswatch") / "data" / "models" / "hrdsattack_event_ranker.json"))


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


@dataclass(slots=True)
class NamedPlaces:
    """The places of one kind (cities or regions) an article names, keyed by folded name."""

    named: dict[str, list[tuple[int, str | None, str | None]]] = field(default_factory=dict)  # -> (offset, country, region)
    names: dict[str, str] = field(default_factory=dict)  # -> the name as the article first writes it
    title: set[str] = field(default_factory=set)  # keys the title names
    incidents: Counter[str] = field(default_factory=Counter)  # keys of our incidents' places

    def add(self, canonical: str, written: str, offset: int, country: str | None, region: str | None) -> None:
        key = canonical.casefold()
        self.named.setdefault(key, []).append((offset, country, region))
        self.names.setdefault(key, written)  # as written: annotators copy the article


@dataclass(frozen=True, slots=True)
class RankerContext:
    """What every candidate of one article is compared with (computed once per article)."""

    length: int
    paragraph_starts: list[int]
    published: date | None
    title_words: frozenset[str]
    title: str  # case-folded title
    group: frozenset[int]  # ids of the incidents in the rule's main group
    main: int | None  # id of the rule's main incident
    months: Counter[tuple[int, int | None]]  # (year, month) of the dated incidents
    years: Counter[int]
    countries: Counter[str]  # country code of the placed incidents
    country_mentions: dict[str, int]  # times the article names each candidate's country
    n_incidents: int
    named: dict[str, list[tuple[int, str]]]  # country -> (offset, kind) of every place naming it
    title_named: dict[str, set[str]]  # country -> kinds of the title's places naming it
    main_country: str | None  # the rule's answer
    places: dict[str, NamedPlaces]  # "city" and "region": what the article names of each kind
    times: list[TimeRef]  # dated time expressions of the text, not after publication
    evidence: list[tuple[int, int, str, bool, bool]]  # (start, end, type, in group, main) per evidence span
    incident_time_starts: frozenset[int]
    main_time_start: int | None
    #: the rule's (year, month, day) answer (``to_hrds`` without ranker nor label model)
    rule_date: tuple[int | None, int | None, int | None] = (None, None, None)
    #: article-level cues of a follow-up story (trial, release, anniversary) and of a fresh one
    follow_up: dict[str, float] = field(default_factory=dict)
    #: per time of ``times``: the cues of its sentence (violation verb, follow-up verb, "since")
    time_cues: list[dict[str, float]] = field(default_factory=list)

    @classmethod
    def of(cls, report: Report, rule: MainEventRule | None = None) -> RankerContext:
        text = report.article.text
        low = text.casefold()
        chosen = main_event(report, rule or MainEventRule(classifier=False))
        group = frozenset(id(i) for i in chosen[1]) if chosen else frozenset()
        main = id(chosen[0]) if chosen else None
        months: Counter[tuple[int, int | None]] = Counter()
        years: Counter[int] = Counter()
        countries: Counter[str] = Counter()
        mentions: dict[str, int] = {}
        for inc in report.incidents:
            if inc.time is not None and inc.time.year is not None:
                months[(inc.time.year, inc.time.month)] += 1
                years[inc.time.year] += 1
            if inc.place is not None and inc.place.country:
                countries[inc.place.country] += 1
                if inc.place.country not in mentions:
                    name = country_name(inc.place.country) or ""
                    mentions[inc.place.country] = low.count(name.casefold()) if name else 0
        named: dict[str, list[tuple[int, str]]] = {}
        title_named: dict[str, set[str]] = {}
        cities_named, regions_named = NamedPlaces(), NamedPlaces()
        gazetteer = _gazetteer()
        by_kind = {"city": cities_named, "region": regions_named}
        for m in gazetteer.find(text):
            if m.country:
                named.setdefault(m.country, []).append((m.span.start, m.kind))
            for kind, canonical, written, country, region in _named_places(m):
                by_kind[kind].add(canonical, written, m.span.start, country, region)
        for m in gazetteer.find(report.article.title or ""):
            if m.country:
                title_named.setdefault(m.country, set()).add(m.kind)
            for kind, canonical, _written, _country, _region in _named_places(m):
                by_kind[kind].title.add(canonical.casefold())
        main_country = None
        if chosen:
            main_country = next((i.place.country for i in chosen[1] if i.place and i.place.country), None)
        for inc in report.incidents:
            if inc.place is not None and inc.place.city:
                cities_named.names.setdefault(inc.place.city.casefold(), inc.place.city)
                cities_named.incidents[inc.place.city.casefold()] += 1
            if inc.place is not None and inc.place.region:
                regions_named.incidents[inc.place.region.casefold()] += 1
        from rightswatch.analyse.timex import find_times, iso_date

        published = iso_date(report.article.published)
        limit = published.isoformat() if published else None
        times = [
            t for t in find_times(text, published)
            if t.year is not None and not (limit and t.start and t.start > limit)
        ][:_MAX_TIMES]
        evidence = [
            (sp.start, sp.end, inc.type, id(inc) in group, id(inc) == main)
            for inc in report.incidents for sp in inc.evidence
        ]
        time_starts = frozenset(i.time.span.start for i in report.incidents if i.time is not None and i.time.span is not None)
        main_inc = chosen[0] if chosen else None
        main_time = main_inc.time.span.start if main_inc and main_inc.time and main_inc.time.span else None
        from .mapping import to_hrds

        base = replace(rule or MainEventRule(), ranker=False, classifier=False)
        answer = to_hrds(report, base)
        return cls(
            rule_date=(answer.year, answer.month, answer.day),
            follow_up=_follow_up_cues(report),
            time_cues=[_time_cues(text, t) for t in times],
            times=times,
            evidence=evidence,
            incident_time_starts=time_starts,
            main_time_start=main_time,
            places={"city": cities_named, "region": regions_named},
            named=named,
            title_named=title_named,
            main_country=main_country,
            length=max(1, len(text)),
            paragraph_starts=_paragraph_starts(text),
            published=published,
            title_words=frozenset(_words(report.article.title or "")),
            title=(report.article.title or "").casefold(),
            group=group,
            main=main,
            months=months,
            years=years,
            countries=countries,
            country_mentions=mentions,
            n_incidents=len(report.incidents),
        )


def _named_places(m: PlaceMention) -> list[tuple[str, str, str, str | None, str | None]]:
    """The city and region keys a place mention gives: (kind, canonical name, name as written,
    country, region). HRDsAttack files Hong Kong and Macau as cities of China."""
    out = []
    if m.kind == "city" and m.city:
        out.append(("city", m.city, m.text, m.country, m.region))
    elif m.country in _CITY_STATES:
        out.append(("city", _CITY_STATES[m.country], _CITY_STATES[m.country], "CN", None))
    if m.kind == "region" and m.region:
        out.append(("region", m.region, m.text, m.country, m.region))
    return out


@lru_cache(maxsize=1)
def _gazetteer():  # type: ignore[no-untyped-def]
    from rightswatch.analyse.places import Gazetteer

    return Gazetteer.load(("general",))


def country_candidates(report: Report, ctx: RankerContext) -> list[str]:
    """The countries the country head chooses among: named in the article or placing an incident."""
    seen = dict.fromkeys(sorted(ctx.named, key=lambda c: ctx.named[c][0][0]))
    for c in ctx.title_named:
        seen.setdefault(c)
    for inc in report.incidents:
        if inc.place is not None and inc.place.country:
            seen.setdefault(inc.place.country)
    return list(seen)


def country_features(report: Report, country: str, ctx: RankerContext) -> dict[str, float]:
    """Named features of one candidate country."""
    named = ctx.named.get(country, [])
    total = sum(len(v) for v in ctx.named.values())
    counts = {c: len(v) for c, v in ctx.named.items()}
    kinds = {k for _, k in named}
    first = min((o for o, _ in named), default=None)
    firsts = sorted(min(o for o, _ in v) for v in ctx.named.values() if v)
    f: dict[str, float] = {
        "mentions": math.log1p(len(named)),
        "mention_share": len(named) / max(1, total),
        "most_named": float(bool(named) and len(named) == max(counts.values())),
        "first_named": float(first is not None and bool(firsts) and first == firsts[0]),
        "first_pos": (first / ctx.length) if first is not None else 1.0,
        "not_in_text": float(not named),
        "incident_share": ctx.countries[country] / max(1, ctx.n_incidents),
        "incident_top": float(bool(ctx.countries) and ctx.countries.most_common(1)[0][0] == country),
        "rule_answer": float(ctx.main_country == country),
        "only_dateline": float(bool(named) and all(o < 200 for o, _ in named) and len(named) == 1),
    }
    for kind in ("country", "region", "city", "demonym"):
        if kind in kinds:
            f[f"named_as={kind}"] = 1.0
        if kind in ctx.title_named.get(country, ()):
            f[f"title_as={kind}"] = 1.0
    if ctx.title_named.get(country):
        f["in_title"] = 1.0
    return f


def named_place_candidates(ctx: RankerContext, kind: str) -> list[str]:
    """Folded names of the cities (or regions) the article or its incidents give, first named
    first, then ``NO_PLACE``."""
    places = ctx.places[kind]
    order = sorted(places.names, key=lambda c: min((o for o, _, _ in places.named.get(c, [])), default=ctx.length))
    return order + [NO_PLACE]


def named_place_features(report: Report, key: str, ctx: RankerContext, country: str | None, kind: str = "city") -> dict[str, float]:
    """Named features of one candidate city or region (``NO_PLACE``: the answer "none") given
    the country the article's attack happened in (the country head's pick, or None)."""
    places = ctx.places[kind]
    if key == NO_PLACE:
        named_keys = [c for c in places.names if c in places.named]
        in_country = [c for c in named_keys if any(k == country for _, k, _ in places.named[c])]
        return {
            "no_city": 1.0,
            "no_city_candidates": math.log1p(len(named_keys)),
            "no_city_in_country": math.log1p(len(in_country)),
            "no_city_incident_city": float(bool(places.incidents)),
            "no_city_title_city": float(bool(places.title)),
        }
    named = places.named.get(key, [])
    total = sum(len(v) for v in places.named.values())
    most = max((len(v) for v in places.named.values()), default=0)
    firsts = sorted(min(o for o, _, _ in v) for v in places.named.values() if v)
    first = min((o for o, _, _ in named), default=None)
    countries = {k for _, k, _ in named}
    f: dict[str, float] = {
        "mentions": math.log1p(len(named)),
        "mention_share": len(named) / max(1, total),
        "most_named": float(bool(named) and len(named) == most),
        "first_named": float(first is not None and first == firsts[0]),
        "first_pos": (first / ctx.length) if first is not None else 1.0,
        "not_in_text": float(not named),
        "in_title": float(key in places.title),
        "incident_share": places.incidents[key] / max(1, ctx.n_incidents),
        "in_country": float(country is not None and country in countries),
        "other_country": float(country is not None and bool(countries) and country not in countries),
    }
    if kind == "region":
        cities = ctx.places["city"]
        f["region_of_a_named_city"] = float(any(
            (r or "").casefold() == key for v in cities.named.values() for _, _, r in v
        ))
        f["region_in_evidence"] = float(any(e[0] <= o < e[1] for o, _, _ in named for e in ctx.evidence))
        f["region_in_main_evidence"] = float(any(e[0] <= o < e[1] and e[3] for o, _, _ in named for e in ctx.evidence))
    if first is not None:
        name = places.names.get(key, "")
        after = report.article.text[first + len(name) : first + len(name) + 20]
        f["dateline"] = float(first < 200 and bool(_DATELINE_END.match(after)))
        written = report.article.text[first : first + len(name)]
        f["upper"] = float(written.isupper() and len(written) > 2)
    return f


def candidates(report: Report, head: str) -> list[Incident]:
    """The incidents the place head chooses among: those with a place."""
    if head == "place":
        return [i for i in report.incidents if i.place is not None and (i.place.country or i.place.region or i.place.city)]
    raise ValueError(f"unknown head {head!r}")


def _common(report: Report, inc: Incident, ctx: RankerContext) -> dict[str, float]:
    text = report.article.text
    first = min((s.start for s in inc.evidence), default=0)
    paragraph = bisect.bisect_right(ctx.paragraph_starts, first) - 1
    sentence = next((text[s.start : s.end] for s in inc.evidence if s.start == first), "")
    overlap = len(_words(sentence) & ctx.title_words) / max(1, len(ctx.title_words))
    f: dict[str, float] = {
        "bias_pos": first / ctx.length,
        f"par={min(paragraph, 4)}": 1.0,
        "confidence": inc.confidence,
        "n_evidence": math.log1p(len(inc.evidence)),
        "title_overlap": overlap,
        f"type={inc.type}": 1.0,
        "is_main": float(id(inc) == ctx.main),
        "in_group": float(id(inc) in ctx.group),
        "has_victims": float(bool(inc.victims)),
        "named_victim": float(any(v.name for v in inc.victims)),
    }
    if inc.perpetrator is not None and inc.perpetrator.type != "none":
        f[f"perp={inc.perpetrator.type}"] = 1.0
    else:
        f["perp=none"] = 1.0
    return f


def _place_features(report: Report, inc: Incident, ctx: RankerContext) -> dict[str, float]:
    p = inc.place
    assert p is not None
    f = {
        "has_city": float(bool(p.city)),
        "has_region": float(bool(p.region)),
        "country_only": float(bool(p.country) and not p.city and not p.region),
        "no_country": float(not p.country),
    }
    if p.country:
        f["country_share"] = ctx.countries[p.country] / max(1, ctx.n_incidents)
        f["country_top"] = float(ctx.countries.most_common(1)[0][0] == p.country)
        mentions = ctx.country_mentions.get(p.country, 0)
        f["country_mentions"] = math.log1p(mentions)
        f["country_most_named"] = float(mentions > 0 and mentions == max(ctx.country_mentions.values()))
        name = (country_name(p.country) or "").casefold()
        f["country_in_title"] = float(bool(name) and name in ctx.title)
    if p.city:
        f["city_share"] = ctx.places["city"].incidents[p.city.casefold()] / max(1, ctx.n_incidents)
        f["city_mentions"] = math.log1p(report.article.text.count(p.city))
        f["city_in_title"] = float(p.city.casefold() in ctx.title)
    f["place_in_title"] = float(bool(p.text) and p.text.casefold() in ctx.title)
    if p.span is not None:
        f["place_pos"] = p.span.start / ctx.length
        after = report.article.text[p.span.end : p.span.end + 20]
        f["dateline"] = float(p.span.start < 200 and bool(_DATELINE_END.match(after)))
    return f


def candidate_features(report: Report, inc: Incident, head: str, ctx: RankerContext) -> dict[str, float]:
    """Named features of one candidate incident for the place head."""
    if head != "place":
        raise ValueError(f"not an incident head: {head!r}")
    f = _common(report, inc, ctx)
    f.update(_place_features(report, inc, ctx))
    return f


def date_candidates(ctx: RankerContext) -> list[TimeRef]:
    """Every dated time expression of the article not after its publication, then ``NO_DATE``."""
    return [*ctx.times, NO_DATE]


def date_features(report: Report, t: TimeRef, ctx: RankerContext) -> dict[str, float]:
    """Named features of one candidate date (``NO_DATE``: "the article dates no attack")."""
    if t is NO_DATE:
        return {
            "no_date": 1.0,
            "no_date_candidates": math.log1p(len(ctx.times)),
            "no_date_incident_dated": float(bool(ctx.years)),
        }
    assert t.year is not None
    n = max(1, len(ctx.times))
    same_month = sum(1 for x in ctx.times if (x.year, x.month) == (t.year, t.month))
    same_year = sum(1 for x in ctx.times if x.year == t.year)
    order = next((k for k, x in enumerate(ctx.times) if x is t), n)
    f: dict[str, float] = {
        f"gran={t.granularity}": 1.0,
        "has_month": float(t.month is not None),
        "explicit": float(bool(_EXPLICIT_DATE.search(t.text))),
        "weekday": float(bool(_WEEKDAY.search(t.text))),
        "relative": float(bool(_RELATIVE.search(t.text))),
        "month_share": same_month / n,
        "year_share": same_year / n,
        "first_time": float(order == 0),
        "log_order": math.log1p(order),
        "incident_month_share": ctx.months[(t.year, t.month)] / max(1, ctx.n_incidents),
        "incident_year_share": ctx.years[t.year] / max(1, ctx.n_incidents),
    }
    if ctx.published is not None:
        pub = ctx.published
        months_before = (pub.year - t.year) * 12 + (pub.month - (t.month or pub.month))
        f["same_year_pub"] = float(t.year == pub.year)
        f["same_month_pub"] = float(t.year == pub.year and t.month == pub.month)
        f["log_months_before"] = math.log1p(max(0, months_before))
    if t.span is not None:
        start = t.span.start
        f["time_pos"] = start / ctx.length
        paragraph = bisect.bisect_right(ctx.paragraph_starts, start) - 1
        f[f"tpar={min(paragraph, 4)}"] = 1.0
        holders = [e for e in ctx.evidence if e[0] <= start < e[1]]
        f["in_evidence"] = float(bool(holders))
        f["in_group_evidence"] = float(any(e[3] for e in holders))
        f["in_main_evidence"] = float(any(e[4] for e in holders))
        for e in holders:
            f[f"ttype={e[2]}"] = 1.0
        f["incident_time"] = float(start in ctx.incident_time_starts)
        f["main_time"] = float(start == ctx.main_time_start)
    return f

#: Verbs of an attack: a time in their sentence likely dates it.
_HARM = re.compile(
    r"\b(?:arrest|detain|detention|kill|shot|shoot|murder|abduct|kidnap|disappear|tortur|beat|"
    r"assault|attack|raid|seiz|custody|jail|imprison|stabb|assassinat|gunned|died|dead|body|bodies|"
    r"detained|taken away|picked up|summon|interrogat|threat)",
    re.I,
)
#: Words of a later stage of the story: trial, verdict, release, anniversary.
_FOLLOW = re.compile(
    r"\b(?:sentenc|convict|trial|court|verdict|judge|appeal|releas|freed|acquit|charged|hearing|"
    r"anniversary|years? after|years? ago|months? after|remains? in|still (?:in|detained|behind)|"
    r"since his|since her|since their|prison term|years in prison)",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    m = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return left, (m.start() if m else min(len(text), end + 400))


def _time_cues(text: str, t: TimeRef) -> dict[str, float]:
    """Cues of the sentence a time expression stands in."""
    if t.span is None:
        return {}
    a, b = _sentence_bounds(text, t.span.start, t.span.end)
    sentence = text[a:b]
    before = text[max(a, t.span.start - 40) : t.span.start].casefold()
    return {
        "harm_sentence": float(bool(_HARM.search(sentence))),
        "follow_sentence": float(bool(_FOLLOW.search(sentence))),
        "since": float("since" in t.text.casefold() or before.rstrip().endswith("since")),
        "on_date": float(before.rstrip().endswith((" on", " in", " of"))),
        "harm_before": float(bool(_HARM.search(before))),
    }


def _follow_up_cues(report: Report) -> dict[str, float]:
    """Does the title or lead tell a later stage of an earlier attack (trial, release...)?"""
    text = report.article.text
    lead = text[: text.find("\n\n")] if "\n\n" in text[:1500] else text[:600]
    title = report.article.title or ""
    return {
        "follow_title": float(bool(_FOLLOW.search(title))),
        "follow_lead": float(bool(_FOLLOW.search(lead))),
        "harm_title": float(bool(_HARM.search(title))),
        "follow_count": math.log1p(len(_FOLLOW.findall(text))),
    }


def _chosen(value: int | None) -> int:
    return NO_VALUE if value is None else value


def date_value_candidates(ctx: RankerContext, head: str, year: int | None = None, month: int | None = None) -> list[int]:
    """The values a year/month/day head chooses among, then ``NO_VALUE`` ("none"): the years the
    text dates (and the publication year); the months of ``year``; the days of ``year``-``month``."""
    if head == "year":
        values = [t.year for t in ctx.times if t.year is not None]
        if ctx.published is not None:
            values.append(ctx.published.year)
    elif head == "month":
        values = [t.month for t in ctx.times if t.year == year and t.month is not None] if year is not None else []
    elif head == "day":
        values = (
            [t.day for t in ctx.times if t.year == year and t.month == month and t.day is not None and t.granularity == "day"]
            if year is not None and month is not None
            else []
        )
    else:
        raise ValueError(f"not a date field head: {head!r}")
    return [*dict.fromkeys(v for v in values if v is not None), NO_VALUE]


def _matches(t: TimeRef, head: str, value: int, year: int | None, month: int | None) -> bool:
    if head == "year":
        return t.year == value
    if head == "month":
        return t.year == year and t.month == value
    return t.year == year and t.month == month and t.day == value and t.granularity == "day"


def date_value_features(
    report: Report, head: str, value: int, ctx: RankerContext, year: int | None = None, month: int | None = None
) -> dict[str, float]:
    """Named features of one candidate value of the year, month or day head (``NO_VALUE``: none),
    aggregated over the time expressions that give it; ``year``/``month``: the answers the month
    and day heads are conditioned on."""
    pub = ctx.published
    rule = ctx.rule_date[("year", "month", "day").index(head)]
    if value == NO_VALUE:
        others = len(date_value_candidates(ctx, head, year, month)) - 1
        f = {"none": 1.0, "none_candidates": math.log1p(others), "none_rule_none": float(rule is None)}
        for k, v in ctx.follow_up.items():
            f[f"none_{k}"] = v
        if head != "year" and pub is not None:
            f["none_year_is_pub"] = float(year == pub.year)
            f["none_year_none"] = float(year is None)
        return f
    mentions = [(k, t) for k, t in enumerate(ctx.times) if _matches(t, head, value, year, month)]
    n = max(1, len(ctx.times))
    f: dict[str, float] = {"rule_answer": float(rule == value), "mentions": math.log1p(len(mentions)), "share": len(mentions) / n}
    if not mentions:
        f["not_written"] = 1.0
    if pub is not None:
        if head == "year":
            before = pub.year - value
            f["is_pub"] = float(before == 0)
            f[f"years_before={min(max(before, -1), 3)}"] = 1.0
        elif head == "month" and year is not None:
            before = (pub.year - year) * 12 + pub.month - value
            f["is_pub"] = float(before == 0)
            f[f"months_before={min(max(before, -1), 4)}"] = 1.0
        elif head == "day" and year is not None and month is not None:
            try:
                before = (pub - date(year, month, value)).days
            except ValueError:
                before = -1
            f[f"days_before={min(max(before, -1), 8)}"] = 1.0
        if f.get("is_pub"):
            for k, v in ctx.follow_up.items():
                f[f"pub_{k}"] = v
    if mentions:
        first_k, first = mentions[0]
        f["first_pos"] = (first.span.start / ctx.length) if first.span is not None else 1.0
        f["first_time"] = float(first_k == 0)
        values = [v for v in date_value_candidates(ctx, head, year, month) if v != NO_VALUE]
        written = sorted(v for v in values if any(_matches(t, head, v, year, month) for t in ctx.times))
        if len(written) > 1:
            f["earliest"] = float(value == written[0])
            f["latest"] = float(value == written[-1])
        for k, t in mentions:
            if t.span is not None:
                holders = [e for e in ctx.evidence if e[0] <= t.span.start < e[1]]
                f["in_evidence"] = max(f.get("in_evidence", 0.0), float(bool(holders)))
                f["in_main_evidence"] = max(f.get("in_main_evidence", 0.0), float(any(e[4] for e in holders)))
                f["incident_time"] = max(f.get("incident_time", 0.0), float(t.span.start in ctx.incident_time_starts))
                f["main_time"] = max(f.get("main_time", 0.0), float(t.span.start == ctx.main_time_start))
                paragraph = bisect.bisect_right(ctx.paragraph_starts, t.span.start) - 1
                f["in_lead"] = max(f.get("in_lead", 0.0), float(paragraph == 0))
            f[f"gran={t.granularity}"] = 1.0
            f["explicit"] = max(f.get("explicit", 0.0), float(bool(_EXPLICIT_DATE.search(t.text))))
            f["weekday"] = max(f.get("weekday", 0.0), float(bool(_WEEKDAY.search(t.text))))
            f["relative"] = max(f.get("relative", 0.0), float(bool(_RELATIVE.search(t.text))))
            cues = ctx.time_cues[k] if k < len(ctx.time_cues) else {}
            for name, v in cues.items():
                f[name] = max(f.get(name, 0.0), v)
        if head == "year" and str(value) in ctx.title:
            f["in_title"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class HeadWeights:
    features: tuple[str, ...]
    coef: np.ndarray
    intercept: float

    def scores(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        index = {name: j for j, name in enumerate(self.features)}
        x = np.zeros((len(rows), len(self.features)))
        for r, row in enumerate(rows):
            for name, value in row.items():
                j = index.get(name)
                if j is not None:
                    x[r, j] = value
        return x @ self.coef + self.intercept


@dataclass(frozen=True, slots=True)
class EventRanker:
    """One linear scorer per head; the highest-scoring candidate wins."""

    heads: dict[str, HeadWeights]
    metadata: dict[str, object]

    def pick(self, report: Report, head: str, ctx: RankerContext | None = None, country: str | None = None) -> Incident | None:
        """The best incident of the place head, within ``country`` when any candidate lies there."""
        found = candidates(report, head)
        if country is not None:
            found = [i for i in found if i.place is not None and i.place.country == country] or found
        if not found or head not in self.heads:
            return None
        ctx = ctx or RankerContext.of(report)
        rows = [candidate_features(report, inc, head, ctx) for inc in found]
        scores = self.heads[head].scores(rows)
        return found[int(np.argmax(scores))]  # ties: the first in report order

    def pick_country(self, report: Report, ctx: RankerContext) -> str | None:
        found = country_candidates(report, ctx)
        if not found or "country" not in self.heads:
            return None
        scores = self.heads["country"].scores([country_features(report, c, ctx) for c in found])
        return found[int(np.argmax(scores))]

    def pick_named(self, report: Report, ctx: RankerContext, country: str | None, kind: str) -> str | None:
        """The city (or region) of the attack as written, ``NO_PLACE`` for none, or None when
        the head is not installed."""
        if kind not in self.heads:
            return None
        found = named_place_candidates(ctx, kind)
        scores = self.heads[kind].scores([named_place_features(report, c, ctx, country, kind) for c in found])
        best = found[int(np.argmax(scores))]
        return ctx.places[kind].names.get(best, best)

    def pick_date(self, report: Report, ctx: RankerContext) -> TimeRef | None:
        """The date of the attack, ``NO_DATE`` for none, or None when the head is not installed."""
        if "date" not in self.heads:
            return None
        found = date_candidates(ctx)
        scores = self.heads["date"].scores([date_features(report, t, ctx) for t in found])
        return found[int(np.argmax(scores))]

    def pick_value(self, report: Report, ctx: RankerContext, head: str, year: int | None = None, month: int | None = None) -> int | None:
        """The year (month, day) of the attack, None for "none"; the head must be installed."""
        found = date_value_candidates(ctx, head, year, month)
        scores = self.heads[head].scores([date_value_features(report, head, v, ctx, year, month) for v in found])
        best = found[int(np.argmax(scores))]
        return None if best == NO_VALUE else best

    def pick_date_fields(self, report: Report, ctx: RankerContext, when: TimeRef | None = None) -> dict[str, int | None]:
        """The fields the installed year/month/day heads decide; each head reads the answers of
        the ones before it: the year head's, the date head's month (``when``), else the rule's."""
        year, month, _day = ctx.rule_date
        if when is not None:
            month = when.month if when.year is not None else None
        out: dict[str, int | None] = {}
        if "year" in self.heads:
            year = out["year"] = self.pick_value(report, ctx, "year")
        if "month" in self.heads:
            month = out["month"] = self.pick_value(report, ctx, "month", year) if year is not None else None
        if "day" in self.heads:
            out["day"] = self.pick_value(report, ctx, "day", year, month) if month is not None else None
        return out

    def picks(self, report: Report) -> EventPicks:
        ctx = RankerContext.of(report)
        when = self.pick_date(report, ctx)
        fields = self.pick_date_fields(report, ctx, when)
        dated = {
            "year": fields.get("year"), "month": fields.get("month"), "day": fields.get("day"),
            "date_fields": frozenset(fields),
        }
        country = self.pick_country(report, ctx)
        # the named-place heads read the rule's country, as in training (the country head's
        # pick is trained at the same time and so is not available to them)
        city = self.pick_named(report, ctx, ctx.main_country, "city")
        region = self.pick_named(report, ctx, ctx.main_country, "region")
        if not report.incidents:
            return EventPicks(country=country, city=city, region=region, when=when, **dated)
        return EventPicks(
            place=self.pick(report, "place", ctx, country=country),
            country=country,
            city=city,
            region=region,
            when=when,
            **dated,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "format": RANKER_FORMAT,
            "metadata": self.metadata,
            "heads": {
                name: {"features": list(h.features), "coef": [round(float(c), 6) for c in h.coef], "intercept": round(h.intercept, 6)}
                for name, h in self.heads.items()
            },
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: object) -> EventRanker:
        if not isinstance(data, dict) or data.get("format") != RANKER_FORMAT:
            raise ValueError(f"not an event-ranker file (format {RANKER_FORMAT!r} expected)")
        heads_in = data.get("heads")
        if not isinstance(heads_in, dict) or not heads_in:
            raise ValueError("event ranker: no heads")
        heads: dict[str, HeadWeights] = {}
        for name, h in heads_in.items():
            if name not in HEADS or not isinstance(h, dict):
                raise ValueError(f"event ranker: unknown head {name!r}")
            features, coef, intercept = h.get("features"), h.get("coef"), h.get("intercept")
            if (
                not isinstance(features, list)
                or not all(isinstance(x, str) for x in features)
                or not isinstance(coef, list)
                or len(coef) != len(features)
                or not all(isinstance(c, (int, float)) and math.isfinite(c) for c in coef)
                or not isinstance(intercept, (int, float))
            ):
                raise ValueError(f"event ranker: malformed head {name!r}")
            heads[name] = HeadWeights(tuple(features), np.asarray(coef, dtype=float), float(intercept))
        metadata = data.get("metadata")
        return cls(heads=heads, metadata=metadata if isinstance(metadata, dict) else {})

    @classmethod
    def load(cls, path: str | Path) -> EventRanker:
        p = Path(path)
        if p.stat().st_size > MAX_RANKER_BYTES:
            raise ValueError(f"{p}: event-ranker file larger than {MAX_RANKER_BYTES} bytes")
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ValueError(f"{p}: not JSON: {err}") from err
        return cls.from_dict(data)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> EventRanker:
    return EventRanker.load(path)


def load_ranker(path: str | Path | None = None) -> EventRanker | None:
    """The trained ranker, or None when its file does not exist (cached per file)."""
    p = Path(path) if path is not None else default_ranker_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None
    return _cached(str(p), mtime)


def model_picks(report: Report) -> EventPicks | None:
    """The default ranker's picks, or None when no ranker file is installed."""
    ranker = load_ranker()
    return ranker.picks(report) if ranker is not None else None
