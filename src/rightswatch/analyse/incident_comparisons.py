"""A figure given for comparison, as an incident of its own time.

"187 North Korean defectors arrived in the South in the first nine months of this year, up from
162 in the same period last year": the annotated sets count the 162 as the arrivals of last year's
period, an incident of the same type with its own count and time. The comparison hangs off the
trigger: "up/down from N <time>" or "compared with/to N <time>". Only a figure the comparison gives
a time of its own ("in the same period of 2025", "last year") is an incident: "compared with more
than 1,000 a year before the pandemic" dates nothing the timex resolves, and is left alone.
"""

from __future__ import annotations

from dataclasses import replace as dc_replace

from spacy.tokens import Token

from rightswatch.analyse.incident_context import Candidate, IncidentContext
from rightswatch.records import Span, TimeRef

__all__ = ["compared_figures"]

_MOVES = frozenset({"up", "down"})
_COMPARING = frozenset({"compare"})


def _figure(prep: Token) -> Token | None:
    """The number a "from" / "with" / "to" phrase gives ("from 162", "with more than 1,000")."""
    for obj in prep.children:
        if obj.dep_ == "pobj" and (obj.like_num or obj.pos_ == "NUM"):
            return obj
    return None


def _comparison(verb: Token) -> tuple[Token, Token] | None:
    """The comparison on a trigger: its first token and the figure it compares with."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _MOVES:
            # "up from 162", "down from 53"
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "from" and (n := _figure(prep)) is not None:
                    return c, n
        if c.lemma_.lower() in _COMPARING and c.dep_ in ("prep", "advcl", "conj", "ccomp"):
            # "compared with 152 in the same period of 2025"
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "to") and (n := _figure(prep)) is not None:
                    return c, n
    return None


def _count(figure: Token) -> int | None:
    try:
        return int(figure.text.replace(",", ""))
    except ValueError:
        return None


def _time_within(ctx: IncidentContext, start: int, end: int) -> TimeRef | None:
    inside = [t for t in ctx.times if t.span is not None and start <= t.span.start and t.span.end <= end and t.year is not None]
    return inside[0] if inside else None


def compared_figures(ctx: IncidentContext, cands: list[Candidate]) -> list[Candidate]:
    """For each candidate with a stated count whose trigger gives a figure to compare with, that
    figure as a candidate of the same type, with the comparison as its evidence and its own time."""
    out = []
    for c in cands:
        if not any(v.count is not None for v in c.victims):
            continue
        found = _comparison(ctx.doc[c.trigger.head_i])
        if found is None:
            continue
        first, figure = found
        n = _count(figure)
        phrase = ctx.doc[first.i : max(first.right_edge.i, figure.right_edge.i) + 1]
        start, end = phrase.start_char, phrase.end_char
        time = _time_within(ctx, start, end)
        if n is None or time is None or (c.time is not None and c.time.start == time.start and c.time.end == time.end):
            continue
        counted = next(v for v in c.victims if v.count is not None)
        victim = dc_replace(counted, text=phrase.text, count=n, span=Span(figure.idx, figure.idx + len(figure.text)))
        evidence = Span(start, end)
        out.append(dc_replace(
            c, sentence=evidence, evidence=[evidence], victims=[victim], time=time,
            anaphoric=False, continues=False,
        ))  # fmt: skip
    return out
