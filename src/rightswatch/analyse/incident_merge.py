"""Candidates telling the same incident, merged into one.

Same type, compatible perpetrator, victims, place and time; an anaphoric mention ("the
repatriation") or a pronoun retelling with no time of its own joins the incident told before; an act
"at the same trial" takes that trial's place and time; a charge told with its sentence is part of it.
Two verbs of one sentence by one agent ("detained a pastor and held him for nine days") are one act.
"""

from __future__ import annotations

from spacy.tokens import Doc

from rightswatch.analyse.incident_context import Candidate, IncidentContext
from rightswatch.analyse.incident_time import GRANULARITY_RANK
from rightswatch.analyse.places import places_agree
from rightswatch.analyse.triggers import LONG_HOURS, WAGES_HANDED_ON
from rightswatch.records import Actor, Place, TimeRef, Victim

__all__ = ["merge", "stated_counts", "unique_victims"]


def merge(ctx: IncidentContext, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, those telling the same incident merged."""
    merged: list[Candidate] = []
    for cand in candidates:
        if cand.anaphoric:
            told = [m for m in merged if m.trigger.label == cand.trigger.label and m.sentence.start < cand.sentence.start]
            if told:
                target = _told_last(told, cand)
                target.evidence.extend(cand.evidence)
                target.confidence = min(0.99, max(target.confidence, cand.confidence) + 0.05)
                continue
        if cand.time is None and cand.place_is_fallback and _at_the_same(ctx.doc, cand):
            # "At the same trial, three other returnees received terms ...": a separate act at
            # the occasion told before, so its place and time
            told = [m for m in merged if m.trigger.label == cand.trigger.label and m.sentence.start < cand.sentence.start and not m.place_is_fallback]
            if told:
                prev = max(told, key=lambda m: m.sentence.start)
                cand.place, cand.place_is_fallback, cand.time = prev.place, False, prev.time
                same = [
                    m for m in merged if m.trigger.label == cand.trigger.label and m.sentence == cand.sentence
                    and not (m.victim_key and cand.victim_key and m.victim_key != cand.victim_key)
                ]
                if same:
                    _absorb(same[0], cand)  # "sentenced at the same trial to ten years in a kyohwaso": one act
                else:
                    merged.append(cand)
                continue
        if cand.continues:
            told = [
                m for m in merged
                if m.trigger.label == cand.trigger.label and m.sentence.start < cand.sentence.start
                and (cand.place_is_fallback or _same_place(m.place, cand.place))
                and cand.paragraph - max(m.paragraph, *(ctx.paragraph(e.start) for e in m.evidence)) <= 1
            ]
            if told:
                _absorb_retelling(_told_last(told, cand), cand)
                continue
        if cand.trigger.phrase in (LONG_HOURS, WAGES_HANDED_ON) and cand.time is None:
            # "“We worked 16 hours a day,” the worker said", "most of their wages went to the
            # company": the conditions of the labour told before, wherever in the article, unless
            # told of another place
            told = [m for m in merged if m.trigger.label == cand.trigger.label and _same_place(m.place, cand.place) and _same_time(m.time, cand.time)]
            if told:
                _absorb_retelling(told[0], cand)
                continue
        for prev in merged:
            if _compatible(prev, cand):
                _absorb(prev, cand)
                break
        else:
            merged.append(cand)
    return _drop_subsumed(_fold_headings(ctx, merged))


def _heading(ctx: IncidentContext, paragraph: int) -> bool:
    """A paragraph that is a heading: short and with no closing stop ("Onsong: smuggler gets ten
    years at public trial", "Arrests in Yanji")."""
    return 0 < len(ctx.paragraph_text(paragraph)) <= 120 and ctx.unstopped(paragraph)


def _fold_headings(ctx: IncidentContext, merged: list[Candidate]) -> list[Candidate]:
    """A sub-heading's incident is the item told under it: "Onsong: smuggler gets ten years at
    public trial" then "A man in his fifties was sentenced to ten years ... in Onsong" is one
    sentence passed. Folded into the first incident of its type told in the next three
    paragraphs, which keeps its own place and time."""
    out = []
    # the title, kicker and standfirst come before the first paragraph of prose: not sub-headings
    body = next((n for n in range(len(ctx.paragraph_starts)) if not _heading(ctx, n)), len(ctx.paragraph_starts))
    for c in merged:
        paras = {ctx.paragraph(e.start) for e in c.evidence}
        if min(paras) > body and all(_heading(ctx, p) for p in paras):
            later = [
                m for m in merged
                if m is not c and m.trigger.label == c.trigger.label and 0 < m.paragraph - max(paras) <= 3
            ]
            if later:
                target = min(later, key=lambda m: m.paragraph)
                time = target.time
                _absorb_retelling(target, c)
                target.time = time
                continue
        out.append(c)
    return out


def _told_last(told: list[Candidate], cand: Candidate) -> Candidate:
    """Of the incidents told before ``cand``, the one told nearest before it."""
    return max(told, key=lambda m: max(e.start for e in m.evidence if e.start < cand.sentence.start))


def _absorb_retelling(target: Candidate, cand: Candidate) -> None:
    """Fold a retelling into the incident it retells; the incident keeps its own place."""
    place = (target.place, target.place_is_fallback)
    _absorb(target, cand)
    target.place, target.place_is_fallback = place


def _at_the_same(doc: Doc, cand: Candidate) -> bool:
    """The candidate's sentence is set "at the same trial / hearing / rally": the occasion told before."""
    for tok in doc.char_span(cand.sentence.start, cand.sentence.end, alignment_mode="expand") or ():
        if tok.lower_ == "same" and tok.dep_ == "amod" and tok.head.dep_ == "pobj" and tok.head.head.lower_ in ("at", "during", "in"):
            if any(c.lower_ == "the" for c in tok.head.children):
                return True
    return False


def _same_place(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or places_agree(a, b)


def _same_time(a: TimeRef | None, b: TimeRef | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    return not (a.end < b.start or b.end < a.start)  # type: ignore[operator]


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.trigger.label != b.trigger.label:
        return False
    if a.destination and b.destination and a.destination != b.destination:
        return False  # "sent back to China, ... later repatriated to North Korea": two hand-overs
    if b.sentence in a.evidence and _one_act(a, b):
        return True
    if a.trigger.label == "other" and a.trigger.phrase != b.trigger.phrase and (_act_of_its_own(a) or _act_of_its_own(b)):
        return False  # "removed from his post", "took the television", "sealed the flat": three acts
    if a.victim_key and b.victim_key and a.victim_key != b.victim_key and not _pronoun(b) and not _counted_alike(a, b):
        return False
    if (a.victim_key is None) != (b.victim_key is None) and abs(a.paragraph - b.paragraph) > 1 and not (_bare(a) or _bare(b)):
        return False
    if abs(a.paragraph - b.paragraph) > 1 and stated_counts(a) and stated_counts(b) and not stated_counts(a) & stated_counts(b):
        return False  # "two workers escaped" ... "15,000 workers sent to Russia": other people, told apart
    if a.perpetrator and b.perpetrator and a.perpetrator.type != b.perpetrator.type:
        return False
    if a.perpetrator and b.perpetrator and b.sentence in a.evidence and _different_agents(a.perpetrator, b.perpetrator):
        return False  # "border guards were ordered to report ..., and Group 109 has been checking homes": two acts
    # a place the sentence does not state (the paragraph's or the article's) is no evidence of
    # another incident: "the source said one of them was beaten" retells the beating told nearby
    guessed = (a.place_is_fallback or b.place_is_fallback) and abs(a.paragraph - b.paragraph) <= 1
    return (guessed or _same_place(a.place, b.place)) and _same_time(a.time, b.time)


def _act_of_its_own(c: Candidate) -> bool:
    """An "other" act read off what it does (a post taken, property seized, a home sealed or searched:
    profile object_triggers), not a banishment: the codebook's "other" holds unlike acts, and one
    of these told in other words is another act, not a retelling."""
    return c.trigger.by_object and not c.trigger.banishment


def _pronoun(c: Candidate) -> bool:
    """The people are a pronoun the article gives no antecedent for ("kicked a woman ... and then beat
    her"): whoever was told of before, not other people."""
    return bool(c.victim_key and c.victim_key.startswith("pronoun:"))


def _counted_alike(a: Candidate, b: Candidate) -> bool:
    """People told again by their number ("three workers ... were detained" then "police detained the
    three at a railway station"): a bare numeral names no one new, so the same count is the same people."""
    numeral = any(k and k.startswith("num:") for k in (a.victim_key, b.victim_key))
    return numeral and any(n >= 2 for n in stated_counts(a) & stated_counts(b))


def _one_act(a: Candidate, b: Candidate) -> bool:
    """Two verbs of one sentence telling one act by one agent ("detained a missionary in Dandong and
    held him for 17 days", "took her father from the family home and held him for 10 days")."""
    if a.perpetrator and b.perpetrator and (a.perpetrator.type != b.perpetrator.type and not _overlap(a.perpetrator, b.perpetrator) or _different_agents(a.perpetrator, b.perpetrator)):
        return False  # "police have been checking phones, and soldiers searching bags": two acts
    if a.victim_key and b.victim_key and a.victim_key != b.victim_key and not _same_agent(a, b):
        return False  # "was sentenced to ten years, and her parents were made to pay a fine": two acts
    if stated_counts(a) and stated_counts(b) and not stated_counts(a) & stated_counts(b):
        return False
    ca = a.place.country if a.place else None
    cb = b.place.country if b.place else None
    return ca is None or cb is None or ca == cb


def _overlap(a: Actor, b: Actor) -> bool:
    """Two agents read off one mention (overlapping spans): one agent, whatever type each reading gave it."""
    return a.span is not None and b.span is not None and a.span.start < b.span.end and b.span.start < a.span.end


def _same_agent(a: Candidate, b: Candidate) -> bool:
    """Both told as done by one named agent ("officers ... took her father ... and held him")."""
    pa, pb = a.perpetrator, b.perpetrator
    return bool(pa and pb and pa.span is not None and pa.span == pb.span)


def _bare(c: Candidate) -> bool:
    """A mention with no one, no time and no place of its own ("companies are profiting from forced
    labour", said in a quote far below the report of it): a retelling, not an incident told apart."""
    return c.victim_key is None and not c.victims and c.time is None and (c.place is None or c.place_is_fallback)


def stated_counts(c: Candidate) -> set[int]:
    return {v.count for v in c.victims if v.count is not None}


# A candidate of the key type told in the same sentence, to the same people, as one of the value
# types is part of that incident: the charge before a sentence ("other"), the trial that ends in
# an execution ("punishment_sentence" within "killing").
_SUBSUMED_BY = {"other": None, "punishment_sentence": {"killing"}}


def _drop_subsumed(cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        # property seized ("confiscated the goods", profile object_triggers) is an act of its own
        wider = _SUBSUMED_BY.get(c.trigger.label, ()) if not c.trigger.by_object else ()
        keys = {_victim_key(v) for v in c.victims}
        absorbed = False
        for o in cands:
            if o is c or o.trigger.label == c.trigger.label or (wider is not None and o.trigger.label not in wider):
                continue
            if not set(o.evidence) & set(c.evidence):
                continue
            if not keys or keys & {_victim_key(v) for v in o.victims}:
                absorbed = True
                break
        if not absorbed:
            out.append(c)
    return out


def _different_agents(a: Actor, b: Actor) -> bool:
    """Two actors named apart in one sentence ("border guards", "an inspection team")."""
    if a.span is None or b.span is None or a.span == b.span or _overlap(a, b):
        return False
    return a.text.lower().split()[-1:] != b.text.lower().split()[-1:]


def _victim_key(v: Victim) -> str:
    if v.name:
        return "name:" + v.name.lower()
    words = v.text.lower().split()
    return "head:" + (words[-1].rstrip("s") if words else "")


def unique_victims(victims: list[tuple[Victim, str]]) -> list[tuple[Victim, str]]:
    """One victim per group: the same people named twice keep the most informative mention."""
    best: dict[str, tuple[Victim, str]] = {}
    order: list[str] = []
    for v, k in victims:
        key = _victim_key(v)
        if key not in best:
            best[key] = (v, k)
            order.append(key)
            continue
        old = best[key][0]
        score = lambda x: (x.count is not None, x.name is not None, len(x.text))  # noqa: E731
        if score(v) > score(old):
            best[key] = (v, k)
    return [best[k] for k in order]


def _specificity(p: Place | None) -> int:
    if p is None:
        return 0
    return 3 if p.city else 2 if p.region else 1 if p.country else 0


def _absorb(into: Candidate, other: Candidate) -> None:
    into.evidence.extend(other.evidence)
    if into.perpetrator is None or (other.perpetrator and other.perpetrator.country and not into.perpetrator.country):
        into.perpetrator = other.perpetrator or into.perpetrator
    into.victims = [v for v, _ in unique_victims([(v, _victim_key(v)) for v in into.victims + other.victims])]
    into.victim_key = into.victim_key or other.victim_key
    if _specificity(other.place) > _specificity(into.place) or (into.place_is_fallback and not other.place_is_fallback and other.place):
        into.place, into.place_is_fallback = other.place, other.place_is_fallback
    if other.time and (into.time is None or GRANULARITY_RANK.get(other.time.granularity, 0) > GRANULARITY_RANK.get(into.time.granularity, 0)):
        into.time = other.time
    into.confidence = min(0.99, max(into.confidence, other.confidence) + 0.05)
