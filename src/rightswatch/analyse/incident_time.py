"""When an incident happened: the time expression the parse attaches to its trigger.

Not every time a sentence names is the act's: the date something was said ("police said on
Monday"), a quote's interview date, the time of another clause or of a clause on a noun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from rightswatch.analyse.syntax import clause_of, other_clause, related_predicates
from rightswatch.analyse.timex import month_ref, year_ref
from rightswatch.analyse.triggers import Trigger
from rightswatch.records import Span, TimeRef

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import Candidate, IncidentContext

__all__ = ["GRANULARITY_RANK", "REPORTING_VERBS", "anchored_time", "tense", "concealed_seizure", "governing_time", "neighbour_time", "recent_time", "story_month", "story_time", "time_for"]

GRANULARITY_RANK = {"day": 4, "month": 3, "year": 2, "interval": 1, "unresolved": 0}
REPORTING_VERBS = {
    "say", "tell", "announce", "report", "state", "add", "confirm", "publish", "release", "issue",
    "write", "post", "tweet", "claim", "note", "explain", "declare", "reveal", "disclose", "inform",
}


def _clause_on_noun_modifier(node: Token) -> bool:
    """A relative clause on a noun that hangs on another noun through a preposition ("in breach
    of resolutions that required ..."): background to the act, not one of its participants."""
    if node.dep_ not in ("relcl", "acl") or node.pos_ not in ("VERB", "AUX"):
        return False
    noun = node.head
    return noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN")


def _finer(a: TimeRef, b: TimeRef) -> bool:
    return GRANULARITY_RANK.get(a.granularity, 0) > GRANULARITY_RANK.get(b.granularity, 0)


def _reporting_time(span: SpacySpan, trigger_i: int) -> bool:
    """Whether a time expression dates the reporting ("said on Monday") rather than an event. Not
    when the telling is the incident itself: a threat on "told" ("in 2023 agents told the family
    they would be moved") happened when it was told."""
    node = span.root
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in REPORTING_VERBS and node.i != trigger_i
        if node.head.i == node.i:
            break
    return False


def _in_agent_phrase(tok: Token, trigger_i: int) -> bool:
    """The token lies in the "by" phrase of the trigger: "executed by firing squad"."""
    node = tok
    while node.head.i != node.i and node.i != trigger_i:
        if node.dep_ == "agent" and node.head.i == trigger_i:
            return True
        node = node.head
    return False


def time_for(ctx: IncidentContext, sent: SpacySpan, trig: Trigger, sentence_triggers: list[Trigger]) -> TimeRef | None:
    """The time the parse attaches to the trigger; failing that, the time of a predicate told as
    the same moment: a conjunct ("held a trial early this month and executed a man"), the verb a
    noun trigger is the object of, a when/while/as clause and its main clause."""
    doc = ctx.doc
    best: TimeRef | None = None
    shared: TimeRef | None = None
    trig_quote = ctx.quote_at(doc[trig.head_i].idx)
    heads = {t.head_i: t for t in sentence_triggers}
    related = related_predicates(doc[trig.head_i])
    for tr in ctx.times:
        if tr.span is None or not (sent.start_char <= tr.span.start and tr.span.end <= sent.end_char):
            continue
        if ctx.quote_at(tr.span.start) is not trig_quote:
            continue  # "…,” a source told Daily NK on Monday": the interview's date, not the event's
        span = doc.char_span(tr.span.start, tr.span.end, alignment_mode="expand")
        owner = None
        foreign = False
        if span is not None and _reporting_time(span, trig.head_i):
            continue  # "police said on Monday": when it was said, not when it happened
        if span is not None:
            node = span.root
            for _ in range(10):
                if node.i in heads and node.i != span.root.i:
                    owner = heads[node.i]
                    break
                if _clause_on_noun_modifier(node) and node.i != span.root.i and not node.left_edge.i <= trig.head_i <= node.right_edge.i:
                    # "in breach of resolutions that required ... by 2019": a clause on a noun
                    # that only modifies another noun has its own time (a participant's clause
                    # does not: "two workers who tried to leave in August were picked up")
                    foreign = True
                    break
                if node.head.i == node.i:
                    break
                node = node.head
        if foreign:
            continue
        if span is not None and any(
            doc[i].dep_ in ("relcl", "acl") and span.start <= doc[i].head.i < span.end for i in related
        ):
            owner = trig  # "in March, when agents went from house to house": the clause is the time's
        if owner is None and span is not None and other_clause(span, doc[trig.head_i], related):
            continue  # "since Xi came to power in November 2012, authorities have been detaining...": the coming's date
        if owner is None and span is not None and len(sentence_triggers) > 1:
            # no trigger governs it: it belongs to the nearest one ("a spate of repatriations last year")
            owner = min(sentence_triggers, key=lambda t: min(abs(t.head_i - span.start), abs(t.head_i - span.end + 1)))
        if owner is not None and owner.head_i != trig.head_i and _in_agent_phrase(doc[owner.head_i], trig.head_i):
            owner = trig  # "executed by firing squad in 1989": the means of the act, so the act's time
        if owner is not None and owner.head_i != trig.head_i:
            clause = clause_of(span.root) if span is not None else None
            if clause is not None and clause.i in related and (shared is None or _finer(tr, shared)):
                shared = tr
            continue
        if best is None or _finer(tr, best):
            best = tr
    return best or shared


# Times told from the incident before, which the time expressions cannot resolve alone: "the next
# morning", "the following week", "later that day", "that same night", "two days later", "that
# autumn", "later that year", "the following year".
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PART_OF_DAY = r"(?:day|morning|night|evening|afternoon)"
_ANCHORED = re.compile(
    rf"\b(?:(?P<next>(?:the\s+)?(?:next|following)\s+(?P<next_unit>{_PART_OF_DAY}|week|month|year))"
    rf"|(?P<that_year>(?:later\s+|earlier\s+)?that\s+(?:year|spring|summer|autumn|fall|winter)|the\s+same\s+year)"
    rf"|(?P<next_season>(?:the\s+)?(?:next|following)\s+(?:spring|summer|autumn|fall|winter))"
    rf"|(?P<same>(?:later|earlier)\s+that\s+(?:{_PART_OF_DAY}|week|month)|(?:that|the)\s+same\s+{_PART_OF_DAY})"
    rf"|(?P<later>(?P<n>\d{{1,2}}|a\s+few|several|{'|'.join(_COUNTS)})\s+(?P<later_unit>day|week|month|year)s?\s+later))\b",
    re.IGNORECASE,
)
_DAYS = {"week": 7}


# Incidents that take people into someone's hands: the start of a disappearance told after them.
_SEIZURES = {"arbitrary_detention", "kidnapping_trafficking", "forced_repatriation"}


def concealed_seizure(ctx: IncidentContext, sent: SpacySpan, trig: Trigger, earlier: Sequence[Candidate]) -> Candidate | None:
    """The seizure a concealment goes on from. "Agents detained a pastor in Sinuiju last April.
    His family has not been told where he is held": the disappearance began with the detention
    (codebook: a deprivation of liberty, then the fate concealed), so it has the detention's time,
    place and agents. Only a concealment told by what was not done ("not told", "not heard
    from"), and only a seizure of the same or the paragraph before: a concealment elsewhere in the
    article is of someone else."""
    if trig.label != "enforced_disappearance" or not trig.phrase.startswith("not "):
        return None
    para = ctx.paragraph(sent.start_char)
    near = [
        c for c in earlier
        if c.trigger.label in _SEIZURES and c.sentence.start < sent.start_char and 0 <= para - c.paragraph <= 1
    ]
    return max(near, key=lambda c: c.sentence.start, default=None)


# Clauses that tell of someone else's speech or thought: an act inside them has its own time.
_OTHER_TIME_DEPS = {"ccomp", "parataxis"}


def governing_time(ctx: IncidentContext, cand: Candidate, cands: Sequence[Candidate]) -> TimeRef | None:
    """The time of the act whose clause holds this one: "in October guards shot dead a woman who
    was trying to cross into China" (the crossing was that October), "police arrested him in May
    and beat him" (the beating too). Not across a content clause ("said in May that she had been
    beaten"): what was said has a time of its own."""
    node = ctx.doc[cand.trigger.head_i]
    if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in node.children):
        return None  # "sent back 120 defectors, including women who had been sold": before that time
    while node.head.i != node.i and node.dep_ not in _OTHER_TIME_DEPS:
        node = node.head
        for other in cands:
            if other is not cand and other.time is not None and other.trigger.head_i == node.i and other.sentence == cand.sentence:
                return other.time
    return None


def neighbour_time(ctx: IncidentContext, cand: Candidate, cands: Sequence[Candidate]) -> TimeRef | None:
    """The time of another act told in the same sentence ("... said one woman, who was held at a
    Bowibu holding center in Onsong in 2018": the kicking she tells of too); an undated act told
    with a dated one happened then. Not an act told in the pluperfect ("who had been sold"): that
    was before. Acts told in other sentences of the paragraph take its year in ``story_time``.
    Counted on the development sets' undated incidents: the sentence's time is right for 26 that
    undated is not, wrong for 12."""
    node = ctx.doc[cand.trigger.head_i]
    if any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in node.children):
        return None
    same = [o for o in cands if o is not cand and o.time is not None and o.time.year is not None and o.sentence == cand.sentence]
    return min(same, key=lambda o: abs(o.trigger.head_i - cand.trigger.head_i)).time if same else None


_BARE_MONTH = re.compile(r"^(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of)[\s-]+)?[A-Z][a-z]+\.?$")


def story_month(ctx: IncidentContext, own: TimeRef | None, sent: SpacySpan, earlier: Sequence[Candidate]) -> TimeRef | None:
    """A month named without a year in a story already in an earlier year: "In March 2019 she
    crossed into China. Police caught her in Yanji in June" is June 2019, not the June before
    publication. Only within the paragraph, and only after a dated act of an earlier year."""
    if own is None or own.granularity != "month" or own.month is None or not _BARE_MONTH.match(own.text.strip()):
        return None
    para = ctx.paragraph(sent.start_char)
    dated = [
        c for c in earlier
        if c.time is not None and c.time.year is not None and c.time.month is not None
        and c.paragraph == para and c.sentence.start < sent.start_char
    ]
    if not dated:
        return None
    anchor = max(dated, key=lambda c: c.sentence.start).time
    assert anchor is not None and anchor.year is not None and anchor.month is not None
    if anchor.year >= (own.year or 0):
        return None
    return month_ref(own.text, own.span, anchor.year if own.month >= anchor.month else anchor.year + 1, own.month)


# "then" as the next step of a story; not "since then", "by then", "until then", nor a conditional's "then".
_THEN = re.compile(r"\bthen\b", re.IGNORECASE)
_NOT_NEXT = re.compile(r"\b(?:since|by|until|till|from|back|just|even)\s+$", re.IGNORECASE)


def next_step_time(ctx: IncidentContext, sent: SpacySpan, earlier: Sequence[Candidate]) -> TimeRef | None:
    """ "She then spent 40 days in the Onsong holding centre", "Officials then warned the crowd":
    the next step of the story told just before, in the same month as its last dated act (the day
    is not said). Only from an act of this paragraph or the one before."""
    m = _THEN.search(ctx.text, sent.start_char, sent.end_char)
    if m is None or _NOT_NEXT.search(ctx.text, max(sent.start_char, m.start() - 8), m.start()):
        return None
    if re.search(r"\bif\b", ctx.text[sent.start_char : m.start()], re.IGNORECASE):
        return None  # "if they are caught, then ...": a rule, not a story
    if any(t.span is not None and sent.start_char <= t.span.start < sent.end_char for t in ctx.times):
        return None  # a sentence with a time of its own ("on Sept. 12 ... and then"): that time's to give
    para = ctx.paragraph(sent.start_char)
    dated = [
        c for c in earlier
        if c.sentence.start < sent.start_char and 0 <= para - c.paragraph <= 1 and c.time is not None
        and c.time.year is not None and c.time.granularity in ("day", "month", "year")
    ]
    if not dated:
        return None
    anchor = max(dated, key=lambda c: c.sentence.start).time
    assert anchor is not None and anchor.year is not None
    span = Span(m.start(), m.end())
    if anchor.month is not None:
        return month_ref(m.group(), span, anchor.year, anchor.month)
    return year_ref(m.group(), span, anchor.year)


def anchored_time(ctx: IncidentContext, sent: SpacySpan, earlier: Sequence[Candidate]) -> TimeRef | None:
    """A time the sentence tells from the incident before ("Two days later, officers beat her"):
    that incident's date moved on, as finely as both say (a day moved by days; a month kept for
    "a few days later")."""
    m = _ANCHORED.search(ctx.text, sent.start_char, sent.end_char)
    if m is None:
        return None
    after = 1 if m.group("next_season") else 0
    if m.group("that_year") or after:
        # "released early in 2019 ..., she crossed the river again that autumn": the year last named
        # before it in the sentence or the paragraph, else the incident before's; the season left
        # open. "Released in the autumn of 2007, she crossed ... the following spring": the year after
        told = [t for t in ctx.times if t.span is not None and t.year is not None and ctx.paragraph(t.span.start) == ctx.paragraph(m.start()) and t.span.end <= m.start()]
        if told:
            y = max(told, key=lambda t: t.span.start).year  # type: ignore[union-attr]
            return year_ref(m.group(), Span(m.start(), m.end()), y + after)
    dated = [
        c for c in earlier
        if c.sentence.start < sent.start_char and c.time is not None and c.time.start is not None
        and c.time.granularity in ("day", "month", "year")
    ]
    if not dated:
        return None
    anchor = max(dated, key=lambda c: c.sentence.start).time
    assert anchor is not None and anchor.start is not None
    if m.group("that_year") or after:
        n, unit = after, "year"
    elif m.group("same"):
        n, unit = 0, "day"
    elif m.group("next"):
        n, unit = 1, m.group("next_unit").lower()
    else:
        word = " ".join(m.group("n").lower().split())
        n, unit = (int(word) if word.isdigit() else _COUNTS.get(word, -1)), m.group("later_unit").lower()
    unit = "day" if unit not in ("week", "month", "year") else unit
    start = date.fromisoformat(anchor.start)
    span = Span(m.start(), m.end())
    if n < 0:  # "a few days later": only the coarser date holds
        if unit in ("day", "week") and anchor.granularity in ("day", "month"):
            return TimeRef(text=m.group(), year=start.year, month=start.month, granularity="month",
                           start=start.replace(day=1).isoformat(), end=anchor.end, span=span)
        return None
    if unit in ("day", "week") and anchor.granularity == "day":
        d = start + timedelta(days=n * _DAYS.get(unit, 1))
        return TimeRef(text=m.group(), year=d.year, month=d.month, day=d.day, granularity="day",
                       start=d.isoformat(), end=d.isoformat(), span=span)
    if unit == "month" and anchor.granularity in ("day", "month"):
        y, mo = divmod(start.year * 12 + start.month - 1 + n, 12)
        return month_ref(m.group(), span, y, mo + 1)
    if unit == "year":
        return year_ref(m.group(), span, start.year + n)
    # days or weeks after a month, a year: the anchor's own date
    return TimeRef(text=m.group(), year=anchor.year, month=anchor.month, granularity=anchor.granularity,
                   start=anchor.start, end=anchor.end, span=span)


# auxiliaries of a present, perfect or pluperfect act: "is still being held", "has kept", "had sold"
_UNTIMED_AUX = {"is", "are", "am", "'s", "'re", "has", "have", "had", "'ve", "'d"}


def story_time(ctx: IncidentContext, cand: Candidate, earlier: Sequence[Candidate]) -> TimeRef | None:
    """An act with no time of its own, told after a dated act of the same paragraph, happened in
    that story's year: "In March 2024 police took her to Tumen. She was beaten during questioning"
    (2024; annotators give the story's year but seldom its month). Not an act told in the present, perfect,
    pluperfect or progressive ("is still being held", "has kept", "had sold", "were working"):
    states that go on and earlier background take no date from the story."""
    node = ctx.doc[cand.trigger.head_i]
    if len(set(cand.evidence)) > 1:
        return None  # told more than once (a lead and its story): no one paragraph's time
    if node.tag_ in ("VB", "VBZ", "VBP", "VBG") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _UNTIMED_AUX for c in node.children):
        return None
    dated = [
        c for c in earlier
        if c is not cand and c.paragraph == cand.paragraph and c.time is not None and c.time.year is not None
        and c.time.granularity in ("day", "month", "year")
        and (c.sentence.start < cand.sentence.start or c.sentence == cand.sentence and c.trigger.head_i < cand.trigger.head_i)
    ]
    if not dated:
        return None
    anchor = max(dated, key=lambda c: (c.sentence.start, c.trigger.head_i)).time
    assert anchor is not None and anchor.year is not None
    return year_ref(anchor.text, anchor.span, anchor.year)


# auxiliaries of the present perfect: "has been sentenced", "have taken", "have been stopping"
_PERFECT_AUX = {"has", "have", "'s", "'ve"}


def recent_time(ctx: IncidentContext, cand: Candidate) -> TimeRef | None:
    """An act with no time of its own told in the present perfect ("has been sentenced to five
    years", "have been held in Wonsan since their return") happened lately: the year of publication
    (granularity "year", up to the publication date, the tense as its evidence: "has been sentenced"). On the 27
    development sets, annotators gave such acts the publication year 69 times in 95, no year 46
    times. Other undated acts stay undated (no year guessed)."""
    published = ctx.published
    if published is None or cand.time is not None:
        return None
    node = ctx.doc[cand.trigger.head_i]
    if node.pos_ != "VERB" or node.tag_ not in ("VBN", "VBG"):
        return None
    host = node
    while host.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in host.children):
        host = host.head  # "have been arrested and jailed": the auxiliaries of the first verb
    aux = [c for c in host.children if c.dep_ == "aux" and c.lower_ in _PERFECT_AUX and c.tag_ in ("VBZ", "VBP")]
    if not aux:
        return None
    if node.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lower_ == "been" for c in host.children):
        return None
    # the tense is the evidence: "has been sentenced" (from the auxiliary to the verb it serves)
    first = aux[0]
    end = host.idx + len(host.text) if host.i > first.i else first.idx + len(first.text)
    span = Span(first.idx, end)
    text = ctx.text[span.start : span.end]
    return TimeRef(text, year=published.year, granularity="year", start=f"{published.year}-01-01", end=published.isoformat(), span=span)


def tense(node: Token) -> str:
    """How the trigger tells its act: "past" ("was arrested", "beat"), "pluperfect" ("had been
    sold"), "perfect" ("has been held"), "progressive" ("are being watched"), "present"
    ("tell", "is held"), "noun" ("the arrest"), else "other"; a conjunct reads its first verb's
    auxiliaries ("have been arrested and jailed")."""
    if node.pos_ not in ("VERB", "AUX"):
        return "noun" if node.pos_ in ("NOUN", "PROPN") else "other"
    host = node
    while host.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in host.children):
        host = host.head
    aux = [c.lower_ for c in host.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("had", "'d") for a in aux):
        return "pluperfect"
    if any(a in ("has", "have", "'ve") for a in aux) or ("'s" in aux and node.tag_ == "VBN" and "been" in aux):
        return "perfect"
    if node.tag_ == "VBG":
        return "progressive"
    if node.tag_ == "VBD" or any(a in ("was", "were") for a in aux):
        return "past"
    if node.tag_ in ("VBZ", "VBP", "VB") or any(a in ("is", "are", "am", "'s", "'re") for a in aux):
        return "present"
    return "other"


#: how many paragraphs back a story's year still holds for an undated act (0: its own paragraph).
#: On the 88 development sets: 0 dated 23 acts right and 2 wrong that were undated or dated to the
#: publication year; 1 paragraph back, 64 right and 34 wrong (annotators leave many acts of a story
#: told a paragraph on undated); 2 back, 76 and 54.
_STORY_REACH = 0


def narrative_year(ctx: IncidentContext, cand: Candidate) -> TimeRef | None:
    """An act told in the simple past with no time of its own, in a paragraph whose last time
    named before it is a year before publication, happened in that year: "In March 2017 he boarded
    a night train to Chongjin with a borrowed travel pass. Railway police pulled him off the train at
    Hamhung station." (2017), where no act before it in the paragraph was dated (``story_time``
    dates from those). A recent year is left to the year model (``incident_year``: the publication
    year or none)."""
    published = ctx.published
    if published is None or len(set(cand.evidence)) > 1 or tense(ctx.doc[cand.trigger.head_i]) != "past":
        return None
    start = cand.sentence.start
    before = [
        t for t in ctx.times
        if t.span is not None and t.span.end <= start and t.year is not None and t.granularity in ("day", "month", "year")
    ]
    if not before:
        return None
    last = max(before, key=lambda t: t.span.start if t.span is not None else -1)
    assert last.span is not None and last.year is not None
    if cand.paragraph - ctx.paragraph(last.span.start) > _STORY_REACH or last.year >= published.year:
        return None
    return year_ref(last.text, last.span, last.year)
