"""The year of an incident the text does not date: the year of publication, or none.

After every rule of ``incident_time`` has run, some incidents still have no year: "Chinese police
stopped her at a checkpoint outside Yanji", "She was beaten during questioning". Annotators give
many of them the year the article was published (a fresh report tells what just happened) and
leave others undated (background, a practice, a story from years before). On the 33 development
sets, 179 such incidents were given the publication year alone and 209 no year alone; always
answering either is wrong for the other.

What tells them apart is the article around the act, not its verb alone: how much of the
article's dating is of the publication year, whether the last time named before the act was an
earlier year, whether its paragraph names this year, how far into the article it is told, the
tense of its trigger and its type. A logistic model over those (``YEAR_FILE`` in the profile, trained by
``scripts/train_incident_year.py`` on the profile's hand-annotated sets; a profile without one
leaves undated incidents undated) decides; above its threshold the incident is dated to the year
of publication, granularity "year", with no span of the text: the evidence is the article's
publication date.

Features are computed from the finished ``Report`` (its text, publication date, incidents and
quotes) and each incident's tense as the pipeline keeps it (``doc._.rw_incident_tenses``), so
training reads the same values the pipeline does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.profile import YEAR_FILE
from rightswatch.analyse.timex import find_times, iso_date
from rightswatch.records import Report, TimeRef

__all__ = ["YEAR_FILE", "article_times", "datable", "date_undated", "paragraph_starts", "published_date", "undated", "year_features"]

_PARAGRAPH_BREAK = re.compile(r"\n+")
#: words of the incident's evidence that tell a span of time or a practice
_SPAN_WORDS = {
    "since": re.compile(r"\bsince\b"),
    "years": re.compile(r"\byears?\b"),
    "habit": re.compile(r"\bused to\b|\bwould\b|\boften\b|\busually\b"),
}
#: how recent a time of the publication year must be to mark the article as news of the day
_RECENT_DAYS = 62


def published_date(report: Report) -> date | None:
    return iso_date(report.article.published)


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of a report's text starts: after every run of line breaks."""
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def undated(report: Report) -> list[int]:
    """Indexes of the report's incidents with no time at all. A time the text gives but that
    resolves to no year ("during the pandemic", "recently") stays as told: it is not guessed."""
    return [k for k, inc in enumerate(report.incidents) if inc.time is None]


def article_times(report: Report, published: date) -> list[TimeRef]:
    """The article's time expressions with a year, up to the publication date, in text order."""
    limit = published.isoformat()
    return [
        t for t in find_times(report.article.text, published)
        if t.year is not None and t.span is not None and not (t.start and t.start > limit)
    ]


def _sentence_dated(report: Report, k: int) -> bool:
    """Another incident told in incident ``k``'s evidence has a year."""
    own = report.incidents[k].evidence
    return any(
        j != k and inc.time is not None and inc.time.year is not None
        and any(a.start < b.end and b.start < a.end for a in inc.evidence for b in own)
        for j, inc in enumerate(report.incidents)
    )


def datable(report: Report, k: int, tense: str | None) -> bool:
    """Whether the model may date incident ``k`` (one with no time): not an act told in the
    pluperfect beside a dated act of its sentence ("sent back ... last week, including women who
    had been sold to farmers"): the grammar puts it before that act, when is not said."""
    return not (tense == "pluperfect" and _sentence_dated(report, k))


def year_features(report: Report, k: int, published: date, times: Sequence[TimeRef], tense: str | None = None) -> dict[str, float]:
    """Named features of incident ``k`` (one with no time) of ``report``; ``times``: ``article_times``;
    ``tense``: how its trigger tells it (``incident_time.tense``, kept by the pipeline per incident)."""
    text = report.article.text
    inc = report.incidents[k]
    start = inc.evidence[0].start if inc.evidence else 0
    end = inc.evidence[0].end if inc.evidence else 0
    told = text[start:end].lower()
    breaks = paragraph_starts(text)
    para = bisect.bisect_right(breaks, start) - 1
    para_start, para_end = breaks[para], breaks[para + 1] if para + 1 < len(breaks) else len(text)
    year = published.year
    n = len(times)
    before = [t for t in times if t.span is not None and t.span.start < start]
    in_para = [t for t in times if t.span is not None and para_start <= t.span.start < para_end]
    dated = [(i.evidence[0].start, i.time.year) for i in report.incidents if i.evidence and i.time is not None and i.time.year is not None]
    dated_before = [y for s, y in dated if s < start]
    f: dict[str, float] = {"bias": 1.0, f"paragraph={min(para, 6)}": 1.0, "position": start / max(1, len(text))}
    f["times_this_year"] = sum(t.year == year for t in times) / n if n else 0.0
    f["times_earlier"] = sum(t.year is not None and t.year < year for t in times) / n if n else 0.0
    f["no_times"] = float(n == 0)
    f["recent_time"] = float(any(t.start and (published - date.fromisoformat(t.start)).days < _RECENT_DAYS for t in times))
    f["last_time_this_year"] = float(bool(before) and before[-1].year == year)
    f["last_time_earlier"] = float(bool(before) and before[-1].year is not None and before[-1].year < year)
    f["paragraph_this_year"] = float(any(t.year == year for t in in_para))
    f["paragraph_earlier"] = float(any(t.year is not None and t.year < year for t in in_para))
    f["last_incident_this_year"] = float(bool(dated_before) and dated_before[-1] == year)
    f["last_incident_earlier"] = float(bool(dated_before) and dated_before[-1] < year)
    f["incidents_this_year"] = sum(y == year for _, y in dated) / len(dated) if dated else 0.0
    f["first_time_this_year"] = float(bool(times) and times[0].year == year)
    # another act of its sentence is dated and this one was not given that time: told apart from it
    f["sentence_dated"] = float(_sentence_dated(report, k))
    f["in_quote"] = float(any(q.start <= start < q.end for q in report.quotes))
    f["in_title"] = float(start < len(report.article.title or "") + 5)
    for name, pattern in _SPAN_WORDS.items():
        f[f"says_{name}"] = float(bool(pattern.search(told)))
    if tense:
        f[f"tense={tense}"] = 1.0
    f[f"type={inc.type}"] = 1.0
    return f


def date_undated(report: Report, model: IncidentScorer, tenses: Sequence[str] | None = None) -> Report:
    """``report`` with the incidents the model judges told as news of the year of publication
    dated to that year; the rest unchanged. ``tenses``: per incident, how its trigger tells it."""
    published = published_date(report)
    todo = undated(report)
    if published is None or not todo:
        return report
    times = article_times(report, published)
    incidents = list(report.incidents)
    when = TimeRef(
        f"{published.year} (year of publication)",
        year=published.year,
        granularity="year",
        start=f"{published.year}-01-01",
        end=published.isoformat(),
    )
    changed = False
    for k in todo:
        tense = tenses[k] if tenses is not None and k < len(tenses) else None
        if datable(report, k, tense) and model.score(year_features(report, k, published, times, tense)) >= model.threshold:
            incidents[k] = replace(incidents[k], time=when)
            changed = True
    return replace(report, incidents=tuple(incidents)) if changed else report
