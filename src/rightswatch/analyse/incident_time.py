"""When an incident happened: the time expression the parse attaches to its trigger.

Not every time a sentence names is the act's: the date something was said ("police said on
Monday"), a quote's interview date, the time of another clause or of a clause on a noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from rightswatch.analyse.syntax import clause_of, other_clause, related_predicates
from rightswatch.analyse.triggers import Trigger
from rightswatch.records import TimeRef

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = ["GRANULARITY_RANK", "time_for"]

GRANULARITY_RANK = {"day": 4, "month": 3, "year": 2, "interval": 1, "unresolved": 0}
_REPORTING_VERBS = {
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


def _reporting_time(span: SpacySpan) -> bool:
    """Whether a time expression dates the reporting ("said on Monday") rather than an event."""
    node = span.root
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in _REPORTING_VERBS
        if node.head is node:
            break
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
        if span is not None and _reporting_time(span):
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
                if node.head is node:
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
        if owner is not None and owner.head_i != trig.head_i:
            clause = clause_of(span.root) if span is not None else None
            if clause is not None and clause.i in related and (shared is None or _finer(tr, shared)):
                shared = tr
            continue
        if best is None or _finer(tr, best):
            best = tr
    return best or shared
