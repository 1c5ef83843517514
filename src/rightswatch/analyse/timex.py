"""Time expressions: find them in text and resolve them against the publication date.

One compiled regex finds the candidates; each is resolved by small rules of our own. dateparser
is not used on this path: it resolves "last month" or "on Monday" but returns nothing for "early
this month", "late last year", "earlier this year", and its ``search_dates`` over-grabs numbers
("last year 600"). The rules here cover those, are deterministic, and cost microseconds.

Conventions (the publication date is ``P``):

- Relative expressions need ``P``; without it they come back with granularity "unresolved" and
  every field None, never guessed. Absolute ones ("June 3, 2024", "in 2019", "the 1990s",
  "during the pandemic") resolve without it.
- "in May" is the most recent May not after ``P``'s month (the same May for an article published
  in May); "last May" the most recent May strictly before it; "this May" is May of ``P``'s year.
- "on Monday" / "Monday" is the most recent Monday on or before ``P`` (``P`` itself if a Monday);
  "last Monday" the most recent one strictly before ``P``; "Monday last week" the Monday of the
  week (Monday to Sunday) before ``P``'s. "over/at the weekend" is the latest Saturday and
  Sunday, the one ``P`` falls on if it does.
- A day without a year ("on February 26") is taken in ``P``'s year unless that would put it more
  than 14 days after ``P`` (then the year before); "on August 28 last year" in the year before
  ``P``'s. Beside a day number or a year a month may be abbreviated without a full stop ("Oct 5").
- "early"/"mid"/"late" narrow a month to days 1-10/11-20/21-end and a year to Jan-Apr/May-Aug/
  Sep-Dec; "earlier this month/year" ends at ``P``. Granularity stays "month"/"year".
- "since X" is an interval from the start of X to ``P`` (end None without ``P``); its ``year``
  (and ``month``) are X's, the date the text states ("since 2023" is 2023, "since late February"
  is February), when X has one.
- Other intervals fill ``year`` (and ``month``) only when the whole interval lies in one year (month).
- "recently", "in recent weeks", "lately" are kept as unresolved references.
- Future expressions ("next month") are resolved like the others; callers can compare ``start``
  with ``P``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from rightswatch.records import Span, TimeRef, replace

__all__ = ["find_times", "iso_date", "resolve", "month_ref", "year_ref", "PANDEMIC"]

#: The COVID-19 pandemic, as an interval ("during the pandemic").
PANDEMIC = (date(2020, 1, 1), date(2022, 12, 31))

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.?|Sep\.|Oct\.|Nov\.|Dec\.)")
#: A month next to a day number or a year may be abbreviated without a full stop ("Oct 5",
#: "KAJANG, Nov 25 —", "Jan 2002"): beside a number the short form is a date, not a word.
_MONTH_DATED = rf"(?:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d)"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple\s+of)"
_PART = (r"(?P<{g}>(?i:early|mid|late|earlier|later|the\s+end\s+of|end\s+of|the\s+beginning\s+of|"
         r"beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of))")
_REL = r"(?P<{g}>(?i:last|this|next|past|previous|this\s+past|the\s+past))"
#: A day's year told relatively: "on August 28 last year", "5 March of this year".
_YEAR_WORD = r",?\s+(?:of\s+)?(?P<{g}>(?i:last|this|the\s+previous))\s+year\b"

#: Nouns a year dates as a document, not as an event ("a 2019 report", "the 2020 law").
_DOCUMENT = (r"(?:report|study|survey|paper|book|law|act|decree|constitution|resolution|census|"
             r"budget|edition|review|index|ranking|list|document|guidelines?|memo|letter|statement|"
             r"declaration|article|bill|rules?|regulations?|version)s?\b")

_PATTERN = re.compile(
    rf"\b(?=[\w’'])(?:(?P<since>[Ss]ince)\s+)?(?:"
    # 2024-06-03
    rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])\b)"
    # (Monday,) June 3(, 2024)
    rf"|(?P<mdy>\b(?:{_WEEKDAY},?\s+)?(?P<mdy_m>{_MONTH_DATED})\s+(?P<mdy_d>{_DAYNUM})\b(?![.,]?\d|\s*%)"
    rf"(?:,?\s+(?P<mdy_y>{_YEAR})\b|{_YEAR_WORD.format(g='mdy_ry')})?)"
    # (Monday,) 3 June (2024)
    rf"|(?P<dmy>\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<dmy_d>{_DAYNUM})\s+(?:of\s+)?(?P<dmy_m>{_MONTH_DATED})"
    rf"(?:,?\s+(?P<dmy_y>{_YEAR})|{_YEAR_WORD.format(g='dmy_ry')})?\b)"
    # between 2019 and 2021, from 2019 to 2021
    rf"|(?P<span>\b(?i:between|from)\s+(?P<span_a>{_YEAR})\s+(?:and|to|until|till)\s+(?P<span_b>{_YEAR})\b)"
    # (early) June (of) 2024
    rf"|(?P<my>\b(?:{_PART.format(g='my_part')}[-\s]+)?(?P<my_m>{_MONTH_DATED})(?:\s+of)?,?\s+(?P<my_y>{_YEAR})\b)"
    # (late) last/this/next month|year|week
    rf"|(?P<rel>\b(?:{_PART.format(g='rel_part')}[-\s]+)?{_REL.format(g='rel_rel')}\s+"
    rf"(?P<rel_unit>(?i:month|year|week(?:end)?))\b)"
    # last spring, this winter
    rf"|(?P<season>\b{_REL.format(g='season_rel')}\s+(?P<season_s>(?i:spring|summer|autumn|fall|winter))\b)"
    # two years ago
    rf"|(?P<ago>\b(?P<ago_n>(?i:{_NUM}))\s+(?P<ago_unit>(?i:day|week|month|year|decade))s?\s+ago\b)"
    # in (early) May, last May
    rf"|(?P<cm>\b(?P<cm_cue>(?i:in|since|during|until|till|by|from|through|throughout|between|before|"
    rf"after|of|and|or|to|last|this|next|past|early|mid|late))[-\s]+(?:{_PART.format(g='cm_part')}[-\s]+)?"
    rf"(?P<cm_m>{_MONTH_FULL})\b(?:\s+(?:of\s+)?(?P<cm_ry>(?i:last|this|next|the\s+previous|the\s+following))\s+year\b)?"
    rf"(?![-\s]*\d|(?:\s+of)?,?\s+(?:19|20)\d\d))"
    # every Monday (habitual: no date)
    rf"|(?P<habit>\b(?i:every|each)\s+{_WEEKDAY}s?\b)"
    # (last) Monday
    rf"|(?P<wd>\b(?:{_REL.format(g='wd_rel')}\s+)?(?P<wd_d>{_WEEKDAY})\b(?P<wd_lw>\s+(?:of\s+)?(?i:last)\s+week\b)?"
    rf"(?!['’]s\s+[A-Z]|\s+(?!(?:{_MONTH})\b)[A-Z]))"
    # over the weekend, at the weekend
    rf"|(?P<wkend>\b(?i:over|at|during)\s+(?P<wkend_t>(?i:the\s+weekend))\b)"
    # yesterday, today, last night
    rf"|(?P<day>\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
    rf"this\s+(?:morning|afternoon|evening))\b)"
    # in 2019
    rf"|(?P<yr>\b(?P<yr_cue>(?i:in|since|during|by|until|till|from|of|early|mid|late|the\s+end\s+of|"
    rf"end\s+of|the\s+start\s+of|start\s+of|the\s+beginning\s+of|beginning\s+of|before|after|"
    rf"throughout|through|and|to|for|around|circa|spring|summer|autumn|fall|winter|"
    rf"as\s+(?:recently|early|late|far\s+back)\s+as))[-\s]+(?P<yr_y>{_YEAR})\b(?![-–/]\d|\.\d|,\d))"
    # the 2008 hostage-taking, a 1994 coup: a year used as a modifier of a noun (not of a
    # document's: "a 2019 report" dates the report, not an event)
    rf"|(?P<att>\b(?i:the|a|an|its|his|her|their|our|this|that|whose)\s+(?P<att_y>{_YEAR})"
    rf"(?=[-\s]+[a-z])(?![-\s]+{_DOCUMENT}))"
    # the 1990s
    rf"|(?P<dec>\b(?:the\s+)?(?:(?P<dec_y>(?:19|20)\d0)|['’](?P<dec_s>\d0))['’]?s\b)"
    # the pandemic
    rf"|(?P<pan>\b(?:the\s+)?(?:(?i:covid(?:-19)?|coronavirus)\s+)?(?i:pandemic)\b)"
    # recently
    rf"|(?P<recent>\b(?i:recently|lately|in\s+recent\s+(?:days|weeks|months|years)|"
    rf"in\s+the\s+past\s+few\s+(?:days|weeks|months|years))\b)"
    rf")"
)

#: Words without which no expression above can match. Scanning for these first is ~10x faster
#: than running the full alternation at every word; the full pattern then runs in small windows.
_TRIGGER = re.compile(
    r"\b(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[Yy]esterday|[Tt]oday|[Tt]onight|ago|"
    r"[Pp]andemic|[Rr]ecent(?:ly)?|[Ll]ately|(?:month|year|week|weekend|day)s?|night|morning|"
    r"afternoon|evening|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|(?:19|20)\d\d|(?:19|20)?\d0s)(?!\w)"
)
_WINDOW = 48

#: "the start of", "the beginning of": a part of a year that begins with its first month.
_STARTS = re.compile(r"(?i:\b(?:start|beginning)\s+of\b)")

_LEADING = re.compile(
    r"^(?i:in|on|at|during|until|till|by|from|through|throughout|between|before|after|of|and|or|to|"
    r"for|around|circa)\s+"
)


def iso_date(value: str | None) -> date | None:
    """The date an ISO string begins with ("2026-11-20", "2026-11-20T08:00:00"); None for no
    string or a malformed one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_times(text: str, published: date | None) -> list[TimeRef]:
    """All time expressions in ``text``, resolved against ``published`` where relative."""
    out: list[TimeRef] = []
    taken = 0
    for a, b in _windows(text):
        for m in _PATTERN.finditer(text, a, b):
            if m.start() < taken:
                continue
            taken = m.end()
            if _told_from_the_story(text, m):
                continue  # "the next year", "the next spring": after a time the story told, not after publication
            ref = _resolve_match(m, published)
            if ref is not None:
                out.append(ref)
    return out


def _told_from_the_story(text: str, m: re.Match[str]) -> bool:
    """ "the next year" / "the next spring": "next" with the definite article counts from a time the
    story told before (``incident_time.anchored_time`` resolves it), unlike bare "next year"."""
    rel = m.group("rel_rel") or m.group("season_rel")
    return bool(rel) and rel.lower() == "next" and text[max(0, m.start() - 4) : m.start()].lower() == "the "


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in _TRIGGER.finditer(text):
        a, b = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def resolve(expression: str, published: date | None) -> TimeRef:
    """Resolve one expression; unresolved (text kept) if nothing in it is a time expression."""
    refs = find_times(expression, published)
    if refs:
        return refs[0]
    return TimeRef(text=expression)


# -- resolution ------------------------------------------------------------------------------


def _resolve_match(m: re.Match[str], published: date | None) -> TimeRef | None:
    kind = m.lastgroup
    if kind == "since":  # only the prefix matched: cannot happen, the alternation is required
        return None
    start, end = m.start(kind), m.end(kind)
    text = m.string[start:end]
    since = m.group("since") is not None
    lead = _LEADING.match(text)
    if lead:
        if lead.group().strip().lower() == "since":
            since = True
        start += lead.end()
        text = m.string[start:end]
    if m.group("since") is not None:
        start = m.start("since")
        text = m.string[start:end]
    span = Span(start, end)
    P = published
    r: tuple[date, date, str] | None  # (start, end, granularity)

    if kind == "iso":
        r = _day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    elif kind in ("mdy", "dmy"):
        month = _month_number(m[f"{kind}_m"])
        day = int(re.sub(r"\D", "", m[f"{kind}_d"]))
        year = m[f"{kind}_y"]
        told = " ".join(m[f"{kind}_ry"].lower().split()) if m[f"{kind}_ry"] else None
        if year:
            r = _day(int(year), month, day)
        elif P is None:
            r = None
        elif told is not None:  # "on August 28 last year"
            r = _day(P.year - (told != "this"), month, day)
        else:
            r = None
            for y in range(P.year, P.year - 5, -1):  # February 29 looks back to a leap year
                r = _day(y, month, day)
                if r and r[0] <= P + timedelta(days=14):
                    break
                r = None
    elif kind == "span":
        a, b = int(m["span_a"]), int(m["span_b"])
        if b < a:
            return None
        r = (date(a, 1, 1), date(b, 12, 31), "interval")
    elif kind == "my":
        r = _part_of_month(int(m["my_y"]), _month_number(m["my_m"]), m["my_part"], None)
    elif kind == "rel":
        r = _relative(m["rel_part"], m["rel_rel"], m["rel_unit"].lower(), P)
    elif kind == "season":
        r = _season(m["season_s"].lower(), m["season_rel"], P)
    elif kind == "ago":
        r = _ago(m["ago_n"].lower(), m["ago_unit"].lower(), P)
    elif kind == "cm":
        cue = m["cm_cue"].lower()
        month = _MONTHS[m["cm_m"].lower()]
        if cue in ("early", "mid", "late"):
            part: str | None = cue
        else:
            part = m["cm_part"]
        if P is None:
            r = None
        else:
            ry = " ".join(m["cm_ry"].lower().split()) if m["cm_ry"] else None
            if ry is not None:  # "in March last year", "in May of this year"
                year = P.year + {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[ry]
            elif cue in ("last", "past"):
                year = P.year if month < P.month else P.year - 1
            elif cue == "this":
                year = P.year
            elif cue == "next":
                year = P.year if month > P.month else P.year + 1
            else:
                year = P.year if month <= P.month else P.year - 1
            r = _part_of_month(year, month, part, P)
        if cue in ("in", "of", "during", "until", "till", "by", "from", "through", "throughout",
                   "between", "before", "after", "and", "or", "to"):
            pass  # leading preposition already stripped from the span
        elif cue == "since":
            since = True
    elif kind == "wd":
        if m["wd_lw"] and not m["wd_rel"]:
            # "on Friday last week": that weekday in the week (Monday to Sunday) before P's
            r = None if P is None else _day_of(P - timedelta(days=P.weekday() + 7 - _WEEKDAYS[m["wd_d"].lower()]))
        else:
            r = _weekday(_WEEKDAYS[m["wd_d"].lower()], m["wd_rel"], P)
    elif kind == "wkend":
        # "over the weekend": the latest Saturday and Sunday, this one when P falls on it
        start, text = m.start("wkend_t"), m["wkend_t"]
        span = Span(start, end)
        if P is None:
            r = None
        else:
            saturday = P - timedelta(days=(P.weekday() - 5) % 7)
            r = (saturday, saturday + timedelta(days=1), "interval")
    elif kind == "day":
        w = " ".join(m["day"].lower().split())
        if P is None:
            r = None
        elif w == "yesterday" or w == "last night":
            r = _day_of(P - timedelta(days=1))
        elif w == "the day before yesterday":
            r = _day_of(P - timedelta(days=2))
        else:
            r = _day_of(P)
    elif kind == "yr":
        cue = " ".join(m["yr_cue"].lower().split())
        y = int(m["yr_y"])
        if cue == "since":
            since = True
        parts = ("early", "mid", "late", "the end of", "end of", "the start of", "start of", "the beginning of", "beginning of")
        r = _part_of_year(y, cue if cue in parts else None, None)
    elif kind == "att":
        y = int(m["att_y"])
        if y % 100 == 0:
            return None  # "the 2000 protesters": a round number is more often a count than a year
        start = m.start("att_y")
        text, span = m.string[start:end], Span(start, end)
        r = _part_of_year(y, None, None)
    elif kind == "dec":
        y = int(m["dec_y"]) if m["dec_y"] else 1900 + int(m["dec_s"])
        r = (date(y, 1, 1), date(y + 9, 12, 31), "interval")
    elif kind == "pan":
        r = (PANDEMIC[0], PANDEMIC[1], "interval")
    elif kind in ("recent", "habit"):
        return TimeRef(text=text, span=span)  # kept, unresolved: "every Monday" dates no event
    else:  # pragma: no cover - every alternative is handled above
        return None

    if r is None:
        return TimeRef(text=text, span=span)
    if since:
        until = P if P is not None and P >= r[0] else (r[1] if P is not None else None)
        # "since 2023", "since late February": the interval runs to now, but the date the text
        # states is X's, so the year (and month) fields are X's at X's own granularity
        stated = _ref(text, span, r[0], r[1], r[2])
        if stated.month is None and stated.year is not None and _STARTS.search(text):
            # "since the start of this year": the interval begins in January
            stated = replace(stated, month=r[0].month)
        ref = _ref(text, span, r[0], until, "interval")
        return replace(ref, year=stated.year or ref.year, month=stated.month or ref.month)
    return _ref(text, span, r[0], r[1], r[2])


def month_ref(text: str, span: Span | None, y: int, mo: int) -> TimeRef:
    """The whole of month ``mo`` of year ``y``, told by ``text``."""
    return _ref(text, span, date(y, mo, 1), date(y, mo, _last_day(y, mo)), "month")


def year_ref(text: str, span: Span | None, y: int) -> TimeRef:
    """The whole of year ``y``, told by ``text``."""
    return _ref(text, span, date(y, 1, 1), date(y, 12, 31), "year")


def _ref(text: str, span: Span | None, start: date, end: date | None, gran: str) -> TimeRef:
    year = month = day = None
    if gran == "day":
        year, month, day = start.year, start.month, start.day
    elif gran == "month":
        year, month = start.year, start.month
    elif gran == "year":
        year = start.year
    elif end is not None and start.year == end.year:
        year = start.year
        if start.month == end.month:
            month = start.month
    return TimeRef(text=text, year=year, month=month, day=day, granularity=gran,
                   start=start.isoformat(), end=end.isoformat() if end else None, span=span)


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _day(y: int, mo: int, d: int) -> tuple[date, date, str] | None:
    try:
        x = date(y, mo, d)
    except ValueError:
        return None
    return (x, x, "day")


def _day_of(x: date) -> tuple[date, date, str]:
    return (x, x, "day")


def _last_day(y: int, mo: int) -> int:
    return calendar.monthrange(y, mo)[1]


def _part_key(part: str | None) -> str | None:
    if not part:
        return None
    p = " ".join(part.lower().split())
    p = p.removeprefix("the ")
    return {"beginning of": "early", "start of": "early", "end of": "late", "middle of": "mid"}.get(p, p)


def _part_of_month(y: int, mo: int, part: str | None, P: date | None) -> tuple[date, date, str]:
    first, last = date(y, mo, 1), date(y, mo, _last_day(y, mo))
    p = _part_key(part)
    if p == "early":
        last = date(y, mo, 10)
    elif p == "mid":
        first, last = date(y, mo, 11), date(y, mo, 20)
    elif p == "late":
        first = date(y, mo, 21)
    elif p == "earlier" and P is not None and first <= P <= last:
        last = P
    elif p == "later" and P is not None and first <= P <= last:
        first = P
    return (first, last, "month")


def _part_of_year(y: int, part: str | None, P: date | None) -> tuple[date, date, str]:
    first, last = date(y, 1, 1), date(y, 12, 31)
    p = _part_key(part)
    if p == "early":
        last = date(y, 4, 30)
    elif p == "mid":
        first, last = date(y, 5, 1), date(y, 8, 31)
    elif p == "late":
        first = date(y, 9, 1)
    elif p == "earlier" and P is not None and P.year == y:
        last = P
    elif p == "later" and P is not None and P.year == y:
        first = P
    return (first, last, "year")


def _shift_month(P: date, delta: int) -> tuple[int, int]:
    idx = P.year * 12 + P.month - 1 + delta
    return idx // 12, idx % 12 + 1


def _relative(part: str | None, rel: str, unit: str, P: date | None) -> tuple[date, date, str] | None:
    if P is None:
        return None
    rel = " ".join(rel.lower().split())
    delta = {"last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1, "this": 0, "next": 1}[rel]
    if unit == "month":
        y, mo = _shift_month(P, delta)
        return _part_of_month(y, mo, part, P)
    if unit == "year":
        return _part_of_year(P.year + delta, part, P)
    monday = P - timedelta(days=P.weekday())
    if unit == "weekend":
        this_sat = monday + timedelta(days=5)
        sat = this_sat + timedelta(days=7 * delta)
        if delta < 0 and P.weekday() < 5:
            sat = this_sat - timedelta(days=7)
        return (sat, sat + timedelta(days=1), "interval")
    first = monday + timedelta(days=7 * delta)
    last = first + timedelta(days=6)
    if delta == 0:
        last = min(last, P) if _part_key(part) != "later" else last
    return (first, last, "interval")


#: Northern-hemisphere seasons as (first month, months long); winter runs into the next year.
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}


def _season(name: str, rel: str, P: date | None) -> tuple[date, date, str] | None:
    """ "last spring": the latest spring over before ``P``; "this spring": the one of ``P``'s year
    (the winter that ``P`` is in or that begins its year's December); "next": the first to begin
    after ``P``."""
    if P is None:
        return None
    first_month, length = _SEASONS[name]

    def bounds(y: int) -> tuple[date, date]:
        ey, em = _shift_month(date(y, first_month, 1), length - 1)
        return date(y, first_month, 1), date(ey, em, _last_day(ey, em))

    r = " ".join(rel.lower().split())
    years = range(P.year + 1, P.year - 3, -1)
    if r == "next":
        y = min(y for y in years if bounds(y)[0] > P)
    elif r == "this":
        y = P.year - 1 if name == "winter" and P.month <= 2 else P.year
    else:
        y = max(y for y in years if bounds(y)[1] < P)
    a, b = bounds(y)
    return (a, b, "interval")


def _ago(n_word: str, unit: str, P: date | None) -> tuple[date, date, str] | None:
    if P is None:
        return None
    n_word = " ".join(n_word.split())
    n = int(n_word) if n_word.isdigit() else _NUMBERS.get(n_word)
    if not n or n > 200:
        return None
    if unit == "day":
        return _day_of(P - timedelta(days=n))
    if unit == "week":
        centre = P - timedelta(days=7 * n)
        return (centre - timedelta(days=3), centre + timedelta(days=3), "interval")
    if unit == "month":
        y, mo = _shift_month(P, -n)
        return _part_of_month(y, mo, None, None)
    if unit == "year":
        return _part_of_year(P.year - n, None, None)
    y = P.year - 10 * n
    return (date(y - 1, 1, 1), date(y + 1, 12, 31), "interval")


def _weekday(target: int, rel: str | None, P: date | None) -> tuple[date, date, str] | None:
    if P is None:
        return None
    back = (P.weekday() - target) % 7
    r = " ".join(rel.lower().split()) if rel else ""
    if r in ("last", "past", "previous", "this past", "the past"):
        back = back or 7
        return _day_of(P - timedelta(days=back))
    if r == "next":
        ahead = (target - P.weekday()) % 7 or 7
        return _day_of(P + timedelta(days=ahead))
    return _day_of(P - timedelta(days=back))
