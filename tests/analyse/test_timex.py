"""Time expressions: table-driven cases, with the seed article's phrases (published 2024-06-10,
a Monday)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rightswatch.analyse.timex import find_times, resolve
from rightswatch.records import TimeRef

P = date(2024, 6, 10)  # a Monday
SEED = Path("/work/shared/seed/000_80968a1119312db6.txt")


def _one(text: str, published: date | None = P) -> TimeRef:
    refs = find_times(text, published)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("text", "expr", "granularity", "ymd", "start", "end"),
    [
        # a month with its year stated relatively is one expression
        ("caught in March last year.", "March last year", "month", (2023, 3, None), "2023-03-01", "2023-03-31"),
        ("in August of this year", "August of this year", "month", (2024, 8, None), "2024-08-01", "2024-08-31"),
        # the seed article's phrases
        ("intimidation got worse last month.", "last month", "month", (2024, 5, None), "2024-05-01", "2024-05-31"),
        ("But in May, the warnings grew.", "May", "month", (2024, 5, None), "2024-05-01", "2024-05-31"),
        ("told Daily NK on Monday, speaking", "Monday", "day", (2024, 6, 10), "2024-06-10", "2024-06-10"),
        ("a spate of repatriations last year, North", "last year", "year", (2023, None, None), "2023-01-01", "2023-12-31"),
        ("trying to reach South Korea during the pandemic, I", "the pandemic", "interval", (None, None, None), "2020-01-01", "2022-12-31"),
        ("Since last month, not only police", "Since last month", "interval", (2024, 5, None), "2024-05-01", "2024-06-10"),
        # absolute dates
        ("on June 3, 2024 police", "June 3, 2024", "day", (2024, 6, 3), "2024-06-03", "2024-06-03"),
        ("on 3 June 2024 police", "3 June 2024", "day", (2024, 6, 3), "2024-06-03", "2024-06-03"),
        ("dated 2024-06-03.", "2024-06-03", "day", (2024, 6, 3), "2024-06-03", "2024-06-03"),
        ("arrested on February 26 in", "February 26", "day", (2024, 2, 26), "2024-02-26", "2024-02-26"),
        ("arrested on Dec. 28 in", "Dec. 28", "day", (2023, 12, 28), "2023-12-28", "2023-12-28"),
        ("On Monday, June 3, police", "Monday, June 3", "day", (2024, 6, 3), "2024-06-03", "2024-06-03"),
        # months
        ("in May 2023 they", "May 2023", "month", (2023, 5, None), "2023-05-01", "2023-05-31"),
        ("in March of 2019 they", "March of 2019", "month", (2019, 3, None), "2019-03-01", "2019-03-31"),
        ("last May they", "last May", "month", (2024, 5, None), "2024-05-01", "2024-05-31"),
        ("in August they", "August", "month", (2023, 8, None), "2023-08-01", "2023-08-31"),
        ("early this month", "early this month", "month", (2024, 6, None), "2024-06-01", "2024-06-10"),
        ("late last month", "late last month", "month", (2024, 5, None), "2024-05-21", "2024-05-31"),
        ("earlier this month", "earlier this month", "month", (2024, 6, None), "2024-06-01", "2024-06-10"),
        ("this month", "this month", "month", (2024, 6, None), "2024-06-01", "2024-06-30"),
        ("in mid-May", "mid-May", "month", (2024, 5, None), "2024-05-11", "2024-05-20"),
        ("in early June 2024", "early June 2024", "month", (2024, 6, None), "2024-06-01", "2024-06-10"),
        # years
        ("earlier this year", "earlier this year", "year", (2024, None, None), "2024-01-01", "2024-06-10"),
        ("late last year", "late last year", "year", (2023, None, None), "2023-09-01", "2023-12-31"),
        ("this year", "this year", "year", (2024, None, None), "2024-01-01", "2024-12-31"),
        ("in 2019 they", "2019", "year", (2019, None, None), "2019-01-01", "2019-12-31"),
        ("two years ago", "two years ago", "year", (2022, None, None), "2022-01-01", "2022-12-31"),
        # intervals
        ("since 2020", "since 2020", "interval", (2020, None, None), "2020-01-01", "2024-06-10"),
        ("since late February", "since late February", "interval", (2024, 2, None), "2024-02-21", "2024-06-10"),
        ("since the pandemic", "since the pandemic", "interval", (None, None, None), "2020-01-01", "2024-06-10"),
        ("in the 1990s", "the 1990s", "interval", (None, None, None), "1990-01-01", "1999-12-31"),
        ("between 2019 and 2021", "2019 and 2021", "interval", (None, None, None), "2019-01-01", "2021-12-31"),
        ("last week", "last week", "interval", (2024, 6, None), "2024-06-03", "2024-06-09"),
        ("amid the COVID-19 pandemic", "the COVID-19 pandemic", "interval", (None, None, None), "2020-01-01", "2022-12-31"),
        # days
        ("yesterday", "yesterday", "day", (2024, 6, 9), "2024-06-09", "2024-06-09"),
        ("today", "today", "day", (2024, 6, 10), "2024-06-10", "2024-06-10"),
        ("last Tuesday", "last Tuesday", "day", (2024, 6, 4), "2024-06-04", "2024-06-04"),
        ("on Friday", "Friday", "day", (2024, 6, 7), "2024-06-07", "2024-06-07"),
        ("three days ago", "three days ago", "day", (2024, 6, 7), "2024-06-07", "2024-06-07"),
        # a month abbreviated without a full stop, beside a day number or a year
        ("was beaten on Oct 5 in", "Oct 5", "day", (2023, 10, 5), "2023-10-05", "2023-10-05"),
        ("HARARE, Jun 8 — Police", "Jun 8", "day", (2024, 6, 8), "2024-06-08", "2024-06-08"),
        ("detained on 30 Mar by", "30 Mar", "day", (2024, 3, 30), "2024-03-30", "2024-03-30"),
        ("taken away in Sep 2021 and", "Sep 2021", "month", (2021, 9, None), "2021-09-01", "2021-09-30"),
        # a day whose year is told relatively
        ("shot on August 28 last year by", "August 28 last year", "day", (2023, 8, 28), "2023-08-28", "2023-08-28"),
        ("seized on 2 February of this year", "2 February of this year", "day", (2024, 2, 2), "2024-02-02", "2024-02-02"),
        # the weekend just past
        ("were rounded up over the weekend in", "the weekend", "interval", (2024, 6, None), "2024-06-08", "2024-06-09"),
    ],
)
def test_resolution(text: str, expr: str, granularity: str, ymd: tuple, start: str, end: str) -> None:
    ref = _one(text)
    assert ref.text == expr
    assert ref.span is not None and text[ref.span.start:ref.span.end] == expr
    assert ref.granularity == granularity
    assert (ref.year, ref.month, ref.day) == ymd
    assert (ref.start, ref.end) == (start, end)


def test_weekday_of_last_week() -> None:
    friday = date(2024, 6, 14)
    ref = _one("she was detained on Tuesday last week in", friday)
    assert (ref.text, ref.year, ref.month, ref.day) == ("Tuesday last week", 2024, 6, 4)
    ref = _one("guards beat him on Wednesday of last week.", friday)
    assert (ref.text, ref.year, ref.month, ref.day) == ("Wednesday of last week", 2024, 6, 5)
    assert (_one("she was detained on Tuesday in", friday).day) == 11  # this week's, unchanged


def test_weekend_when_published_on_it() -> None:
    ref = _one("at the weekend police raided", date(2024, 6, 9))  # a Sunday: this weekend
    assert (ref.start, ref.end) == ("2024-06-08", "2024-06-09")
    assert _one("over the weekend", None).granularity == "unresolved"


@pytest.mark.parametrize("text", ["the Marines landed", "Mark Dec said", "a Mar-a-Lago guest", "the weekend edition"])
def test_no_date_in_look_alikes(text: str) -> None:
    assert find_times(text, P) == []


def test_bare_month_in_its_own_month() -> None:
    ref = _one("in May", date(2024, 5, 20))
    assert (ref.year, ref.month) == (2024, 5)
    ref = _one("last May", date(2024, 5, 20))
    assert (ref.year, ref.month) == (2023, 5)


def test_recently_is_not_a_date() -> None:
    ref = _one("The police have recently been threatening defectors")
    assert ref.text == "recently" and ref.granularity == "unresolved"
    assert (ref.year, ref.month, ref.day, ref.start, ref.end) == (None,) * 5


@pytest.mark.parametrize("text", ["last month", "in May", "on Monday", "last year", "yesterday", "two years ago",
                                  "on February 26", "early this month"])
def test_relative_without_publication_date_is_unresolved(text: str) -> None:
    ref = _one(text, None)
    assert ref.granularity == "unresolved"
    assert (ref.year, ref.month, ref.day, ref.start, ref.end) == (None,) * 5
    assert ref.text in text


@pytest.mark.parametrize(
    ("text", "granularity", "start", "end"),
    [("June 3, 2024", "day", "2024-06-03", "2024-06-03"), ("in 2019", "year", "2019-01-01", "2019-12-31"),
     ("during the pandemic", "interval", "2020-01-01", "2022-12-31"), ("since 2020", "interval", "2020-01-01", None)],
)
def test_absolute_without_publication_date(text: str, granularity: str, start: str, end: str | None) -> None:
    ref = _one(text, None)
    assert (ref.granularity, ref.start, ref.end) == (granularity, start, end)


@pytest.mark.parametrize(
    "text",
    ["May God bless them", "He may leave.", "The Sunday Times reported", "March organisers said", "600 people",
     "a 2019 report", "August institutions"],
)
def test_no_false_positives(text: str) -> None:
    assert find_times(text, P) == []


def test_no_overgrab_of_numbers() -> None:
    ref = _one("last year 600 people were sent back")
    assert ref.text == "last year" and ref.year == 2023


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    refs = find_times(text, P)
    got = [(r.text, r.granularity, r.start) for r in refs]
    assert ("Monday", "day", "2024-06-10") in got
    assert ("last month", "month", "2024-05-01") in got
    assert ("May", "month", "2024-05-01") in got
    assert ("last year", "year", "2023-01-01") in got
    assert ("the pandemic", "interval", "2020-01-01") in got
    assert all(r.granularity == "unresolved" for r in refs if r.text == "recently")
    for r in refs:
        assert r.span is not None and text[r.span.start:r.span.end] == r.text


def test_resolve_single_expression() -> None:
    assert resolve("last month", P).start == "2024-05-01"
    assert resolve("nothing here", P) == TimeRef(text="nothing here")


def test_leap_day_without_year_looks_back_to_a_leap_year() -> None:
    ref = _one("on February 29, only", date(2021, 3, 2))
    assert ref.start == "2020-02-29" and ref.granularity == "day"


# -- time accuracy round (2026-11-29 session 4) ----------------------------------------------


def test_every_weekday_is_habitual_and_dates_nothing() -> None:
    ref = _one("Every Monday the guards counted the workers.")
    assert (ref.text, ref.year, ref.month, ref.day, ref.granularity) == ("Every Monday", None, None, None, "unresolved")
    assert _one("each Friday they searched the rooms").granularity == "unresolved"
    assert _one("On Monday the guards counted the workers.").day == 10


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("Agents have checked phones since the start of this year.", (2024, 1)),
        ("Raids have gone on since the beginning of 2022.", (2022, 1)),
        ("Raids have gone on since early 2022.", (2022, None)),
    ],
)
def test_since_the_start_of_a_year_states_january(text: str, ymd: tuple[int, int | None]) -> None:
    ref = _one(text)
    assert (ref.year, ref.month) == ymd and ref.granularity == "interval"


@pytest.mark.parametrize(
    ("text", "expr", "year"),
    [
        ("He was jailed for the 2011 kidnapping of two aid workers.", "2011", 2011),
        ("The colonel led a 1997 massacre in the valley.", "1997", 1997),
        ("As recently as 2017, the group held free elections.", "As recently as 2017", 2017),
        ("Officers detained them at the start of 2018.", "the start of 2018", 2018),
    ],
)
def test_years_without_a_preposition(text: str, expr: str, year: int) -> None:
    ref = _one(text)
    assert (ref.text, ref.year, ref.granularity) == (expr, year, "year")


@pytest.mark.parametrize("text", ["the 2000 protesters marched", "a 2018 law banned it", "their 2021 reports said"])
def test_a_year_before_a_count_or_a_document_is_no_event_date(text: str) -> None:
    assert find_times(text, P) == []


@pytest.mark.parametrize(
    ("text", "published", "year", "start", "end"),
    [
        ("Last spring the guards came for him.", date(2024, 11, 20), 2024, "2024-03-01", "2024-05-31"),
        # in spring itself, "last spring" is the year before's
        ("Last spring the guards came for him.", date(2024, 4, 10), 2023, "2023-03-01", "2023-05-31"),
        ("They were held this summer.", date(2024, 11, 20), 2024, "2024-06-01", "2024-08-31"),
        # winter runs over the new year: no single year
        ("They froze in the camp last winter.", date(2024, 11, 20), None, "2023-12-01", "2024-02-29"),
    ],
)
def test_seasons_relative_to_publication(text: str, published: date, year: int | None, start: str, end: str) -> None:
    ref = _one(text, published)
    assert (ref.year, ref.month, ref.start, ref.end, ref.granularity) == (year, None, start, end, "interval")


def test_the_next_year_is_told_from_the_story_and_next_year_from_publication():
    from datetime import date

    from rightswatch.analyse.timex import find_times

    published = date(2026, 3, 1)
    assert [t.year for t in find_times("Police said they would check more homes next year.", published)] == [2027]
    assert find_times("She was caught in 2010 and sent back the next year.", published)[-1].text != "next year"
    assert all("next" not in t.text for t in find_times("They moved to Hyesan the next spring.", published))
