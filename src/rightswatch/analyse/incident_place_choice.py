"""Which of the article's places an incident happened in, when the rules' answer looks weaker than another.

``incident_place`` picks a place from the trigger's sentence by its grammar, and falls back to the
paragraph's places or the country the article is mostly about. It is right for most incidents, and
where it is wrong the right place is usually named elsewhere in the article: a detention told
without a place in a paragraph about Onsong gets the dateline's Seoul, a repatriation "through
Dandong" gets Sinuiju, a source's town stands in for the act's. What tells them apart is the whole
article: how often each place is named, whether it is in the act's sentence, paragraph or title,
which country the perpetrator is of, which country acts of this type happen in, and how the
article's other incidents are placed.

Each place of the article (grouped by country and first-level region: "Hyesan" and "Ryanggang
Province" are one option) and the rules' own answer are options; a logistic model over those signs
(``PLACE_FILE`` in the profile, trained by ``scripts/train_incident_place.py`` on the profile's
hand-annotated sets; a profile without one keeps the rules' places) scores each one as the right
place (trained on pairs: an option against the rules' answer when one of them is right). The
incident moves to the best option only when it scores at least the model's threshold (in log-odds)
above the rules' answer, so the rules keep every place the model is not clearly surer of. The new
place's evidence is a mention of it: in the incident's evidence, else the last town of it named
before.

Features are computed from the finished ``Report``, the article's place mentions
(``doc._.rw_places``) and those the rules set aside as no act's (``doc._.rw_excluded_places``: a
speaker's, the dateline's, a relative's whereabouts, a capital standing for its government), so
training reads the same values the pipeline does.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.incident_year import paragraph_starts
from rightswatch.analyse.incident_place import dateline
from rightswatch.analyse.places import PlaceMention, resolve_place
from rightswatch.records import Incident, Place, Report, Span

__all__ = ["PlaceOption", "ArticlePlaces", "place_options", "option_features", "choose_places"]

Key = tuple[str | None, str | None]

_WORD = re.compile(r"[A-Za-z’']+")
#: countries whose own feature the model learns; the rest are "other"
_COUNTRIES = ("KP", "CN", "KR", "RU")
#: the word before a mention: where someone went, came from, or where something was
_BEFORE = {
    "to": "toward", "into": "toward", "toward": "toward", "towards": "toward", "reach": "toward", "reached": "toward",
    "from": "from", "in": "in", "at": "in", "near": "near", "outside": "near", "across": "across", "through": "via",
    "via": "via",
}
#: words near a mention that make it the teller's or a relative's whereabouts
_TELLER_WORDS = frozenset({
    "source", "sources", "resident", "residents", "said", "says", "told", "according", "lives", "living", "live",
    "based", "settled", "interview", "relatives", "relative", "family", "brother", "sister", "son", "daughter",
    "mother", "father", "husband", "wife", "spoke", "speaking", "calls", "called", "phoned",
})


@dataclass(frozen=True, slots=True)
class PlaceOption:
    """One place an incident may have happened in: its (country, region) and the article's
    mentions of it, in text order (none for a rules' answer the article never names as such)."""

    key: Key
    mentions: tuple[PlaceMention, ...]
    rule: bool


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """The article's place mentions grouped by (country, region), with what every option's
    features read off the article as a whole."""

    groups: dict[Key, tuple[PlaceMention, ...]]
    #: where the rules set places aside (``doc._.rw_excluded_places``)
    set_aside: frozenset[Span]
    #: the countries of the dateline's places
    dateline_countries: frozenset[str]
    #: the article's demonyms of a country ("Chinese police")
    demonyms: tuple[PlaceMention, ...]
    paragraph_starts: tuple[int, ...]
    title_end: int
    total: int
    country_counts: Counter[str | None]
    main_country: str | None
    most: Key | None
    #: how many of the report's incidents the rules placed, and in each (country, region)
    placed: int
    placed_in: Counter[Key]

    @classmethod
    def of(cls, report: Report, mentions: Sequence[PlaceMention], excluded: Sequence[PlaceMention] = ()) -> ArticlePlaces:
        text = report.article.text
        filed = dateline(text)
        groups: dict[Key, list[PlaceMention]] = {}
        for m in mentions:
            if m.kind == "demonym" or m.country is None:
                continue  # a river alone names no bank
            groups.setdefault((m.country, m.region), []).append(m)
        countries = Counter({c: 0 for c, _ in groups})
        for (c, _), ms in groups.items():
            countries[c] += len(ms)
        total = sum(countries.values())
        title = report.article.title or ""
        return cls(
            groups={k: tuple(v) for k, v in groups.items()},
            set_aside=frozenset(m.span for m in excluded),
            dateline_countries=frozenset(
                m.country for m in mentions if m.country and filed is not None and filed.start <= m.span.start < filed.end
            ),
            demonyms=tuple(m for m in mentions if m.kind == "demonym" and m.country),
            paragraph_starts=tuple(paragraph_starts(text)),
            title_end=len(title) + 5 if title and text.startswith(title[:20]) else 0,
            total=total,
            country_counts=countries,
            main_country=countries.most_common(1)[0][0] if countries else None,
            most=max(groups, key=lambda k: (len(groups[k]), -groups[k][0].span.start)) if groups else None,
            placed=sum(1 for i in report.incidents if i.place is not None),
            placed_in=Counter(_key(i.place) for i in report.incidents if i.place is not None),
        )

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1


def _key(place: Place | None) -> Key:
    return (place.country, place.region) if place is not None else (None, None)


def place_options(report: Report, k: int, article: ArticlePlaces) -> list[PlaceOption]:
    """Incident ``k``'s options: the rules' place first, then every other place of the article
    but the rules' country alone where the rules named its region (a move that only forgets)."""
    rule = _key(report.incidents[k].place)
    options = [PlaceOption(rule, article.groups.get(rule, ()), True)]
    wider = (rule[0], None) if rule[1] is not None else None
    options += [PlaceOption(key, ms, False) for key, ms in article.groups.items() if key != rule and key != wider]
    return options


def _inside(span_start: int, inc: Incident) -> bool:
    return any(e.start <= span_start < e.end for e in inc.evidence)


def _words_before(text: str, start: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, start - 80):start])][-n:]


def _words_after(text: str, end: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[end:end + 60])][:n]


def _distance_bucket(name: str, chars: int | None) -> dict[str, float]:
    if chars is None:
        return {}
    for limit in (150, 600, 2000):
        if chars <= limit:
            return {f"{name}<={limit}": 1.0}
    return {f"{name}>2000": 1.0}


def option_features(report: Report, k: int, option: PlaceOption, article: ArticlePlaces) -> dict[str, float]:
    """Named features of ``option`` as the place of incident ``k`` of ``report``."""
    text = report.article.text
    inc = report.incidents[k]
    start = min((e.start for e in inc.evidence), default=0)
    end = max((e.end for e in inc.evidence), default=0)
    country, region = option.key
    cbucket = country if country in _COUNTRIES else ("none" if country is None else "other")
    f: dict[str, float] = {"bias": 1.0, f"country={cbucket}": 1.0, f"{inc.type}:country={cbucket}": 1.0}
    if option.rule:
        own = inc.place is not None and inc.place.span is not None and _inside(inc.place.span.start, inc)
        f["rule"] = 1.0
        how = "rule_own" if own else ("rule_none" if inc.place is None else "rule_away")
        f[how] = f[f"{inc.type}:{how}"] = 1.0
        # "I was arrested twice," said a defector in Jilin: the rules placed the speaker's own act
        # where the speaker is
        f["rule_speakers_place"] = float(inc.place is not None and inc.place.span is not None and any(
            q.speaker_span is not None and q.speaker_span.start <= inc.place.span.start < q.speaker_span.end
            and any(q.start <= e.start < q.end for e in inc.evidence) for q in report.quotes
        ))
        f[f"rule:level={'none' if country is None else ('region' if region else 'country')}"] = 1.0
    f["has_region"] = float(region is not None)
    rule_country, rule_region = _key(inc.place)
    if not option.rule and rule_country is not None:
        if country == rule_country:
            f["refines_rule" if rule_region is None else "same_country_as_rule"] = 1.0
        else:
            f["other_country_than_rule"] = 1.0
    f["has_city"] = float(any(m.kind == "city" for m in option.mentions))
    perp = inc.perpetrator.country if inc.perpetrator is not None else None
    if perp is not None:
        f["perpetrator_country" if perp == country else "perpetrator_elsewhere"] = 1.0
    neighbours = [report.incidents[j].place for j in (k - 1, k + 1) if 0 <= j < len(report.incidents)]
    f["neighbour_incident"] = float(any(_key(p) == option.key for p in neighbours if p is not None))
    f["incidents_share"] = article.placed_in[option.key] / article.placed if article.placed else 0.0
    f["dateline_country"] = float(country in article.dateline_countries)
    f["demonym_in_evidence"] = float(any(m.country == country and _inside(m.span.start, inc) for m in article.demonyms))
    ms = option.mentions
    if not ms:
        f["unnamed"] = 1.0
        return f
    # a place the rules set aside (a speaker's, the dateline's) that they did not choose anyway
    f["set_aside"] = float(not option.rule and all(m.span in article.set_aside for m in ms))
    n = len(ms)
    f["mentions"] = math.log1p(n)
    f["share"] = n / article.total if article.total else 0.0
    f["most_named"] = float(option.key == article.most)
    f["country_share"] = article.country_counts[country] / article.total if article.total else 0.0
    f["main_country"] = float(country == article.main_country)
    f["in_title"] = float(any(m.span.start < article.title_end for m in ms))
    body = [m for m in ms if m.span.start >= article.title_end]
    in_evidence = [m for m in body if _inside(m.span.start, inc)]
    f["in_evidence"] = float(min(len(in_evidence), 2))
    para = article.paragraph(start)
    f["in_paragraph"] = float(any(article.paragraph(m.span.start) == para for m in body))
    f["in_previous_paragraph"] = float(any(article.paragraph(m.span.start) == para - 1 for m in body))
    f["in_lead"] = float(any(article.paragraph(m.span.start) == article.paragraph(article.title_end) for m in body))
    before = [m for m in body if m.span.end <= start]
    after = [m for m in body if m.span.start >= end]
    f.update(_distance_bucket("before", start - before[-1].span.end if before else None))
    if before and not in_evidence:
        f[f"paragraphs_back={min(para - article.paragraph(before[-1].span.start), 3)}"] = 1.0
    f.update(_distance_bucket("after", after[0].span.start - end if after else None))
    f["only_after"] = float(not before and not in_evidence and bool(after))
    f["dateline_only"] = float(all(m.span.start - article.title_end < 40 for m in body) and bool(body)
                               and any(w in text[article.title_end:article.title_end + 60] for w in ("—", " - ", "(")))
    for m in in_evidence[:1]:
        prev = _words_before(text, m.span.start, 6)
        if prev and prev[-1] in _BEFORE:
            f[f"evidence_word={_BEFORE[prev[-1]]}"] = 1.0
            f[f"{inc.type}:evidence_word={_BEFORE[prev[-1]]}"] = 1.0
        near = set(prev) | set(_words_after(text, m.span.end, 3))
        f["evidence_teller_words"] = float(bool(near & _TELLER_WORDS))
    if not in_evidence and before and article.paragraph(before[-1].span.start) == para:
        # the last mention before the act in its paragraph: "trying to reach South Korea"
        prev = _words_before(text, before[-1].span.start, 6)
        if prev and prev[-1] in _BEFORE:
            f[f"paragraph_word={_BEFORE[prev[-1]]}"] = 1.0
        f["paragraph_teller_words"] = float(bool((set(prev) | set(_words_after(text, before[-1].span.end, 3))) & _TELLER_WORDS))
    return f


def _nearest(option: PlaceOption, inc: Incident) -> PlaceMention:
    """The mention the moved place cites: the first in the incident's evidence, else the last
    town named before it (the most specific reading), else the last mention before it."""
    start = min((e.start for e in inc.evidence), default=0)
    inside = [m for m in option.mentions if _inside(m.span.start, inc)]
    if inside:
        return inside[0]
    before = [m for m in option.mentions if m.span.end <= start] or list(option.mentions)
    towns = [m for m in before if m.kind == "city"]
    return (towns or before)[-1]


def choose_places(
    report: Report, model: IncidentScorer, mentions: Sequence[PlaceMention], excluded: Sequence[PlaceMention] = (),
) -> Report:
    """``report`` with each incident moved to the place the model is surer of than the rules'
    answer by at least its threshold; the rest unchanged. ``excluded``: the mentions the rules set
    aside as no act's place."""
    if not report.incidents or not mentions:
        return report
    article = ArticlePlaces.of(report, mentions, excluded)
    incidents = list(report.incidents)
    changed = False
    for k in range(len(incidents)):
        options = place_options(report, k, article)
        if len(options) < 2:
            continue
        scores = [model.logit(option_features(report, k, o, article)) for o in options]
        best = max(range(1, len(options)), key=lambda j: scores[j])
        if scores[best] - scores[0] >= model.threshold:
            place = resolve_place([_nearest(options[best], incidents[k])])
            if place is not None:
                incidents[k] = replace(incidents[k], place=place)
                changed = True
    return replace(report, incidents=tuple(incidents)) if changed else report
