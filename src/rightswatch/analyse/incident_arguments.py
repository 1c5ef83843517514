"""Who did it and to whom: the arguments of a trigger, read off the dependency parse.

Subject, object, passive agent, "pressure on X", "surveillance by X", the subject a light verb or a
governing verb lends a noun trigger; failing the parse, an actor or victim named nearby. Each
argument token is read as a participant by ``incident_participants``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from rightswatch.analyse.incident_participants import FIRST_PERSON, STATE_ACTORS, as_actor, as_victim, coordinated, people_noun, together
from rightswatch.analyse.incident_time import REPORTING_VERBS
from rightswatch.analyse.syntax import controller, described_noun
from rightswatch.analyse.triggers import LONG_HOURS, SPENT_IN_CUSTODY, TAKEN_ACROSS, Trigger
from rightswatch.records import Actor, Quote, Span, Victim

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = ["MOVER_IS_VICTIM", "args", "nearby_actor", "nearby_victim", "destination"]

# Incident types whose grammatical subject is the person it happens to (they move; nobody acts on them).
MOVER_IS_VICTIM = {"border_crossing_defection"}
_LIGHT_VERBS = {"pile", "put", "exert", "step", "increase", "intensify", "carry", "launch", "conduct", "impose", "heap", "mount", "ramp", "apply", "place", "make", "issue", "subject"}
_SPEECH_ACT_VERBS = {"warn", "threaten", "tell", "remind", "pressure", "intimidate", "order"}
# Verbs of being somewhere for a time: in a place of custody their subject is the one held.
_UNDERGOING = frozenset({"spend", "remain", "stay", "languish", "be", "lose"})  # "lose": "has since lost his job"
# Who attends, sits through or answers a compulsory session undergoes it ("had to attend a
# self-criticism session"); not who attends an act done to others ("ordered to attend the executions").
_ATTENDING = frozenset({"attend", "sit", "answer"})
# Verbs whose doer bears the penalty or ordeal named as their object ("made to pay a fine", "forced to
# serve a term in a labour camp", "forced to undergo abortions"); not "ordered to attend the executions".
_BORNE = _UNDERGOING | {"pay", "serve", "undergo", "endure", "suffer", "face", "receive", "do", "perform"}
# Verbs whose subject is the one it befalls: "two prisoners died in the camp" names no killer in its
# subject. Only a death the trigger already counts (in custody): a death alone is no violation.
_BEFALLING = frozenset({"die", "perish", "succumb"})
# Verbs that oblige someone to an act ("were ordered to move to a farm", "were forced to leave").
_ORDERING = frozenset({"order", "force", "compel", "instruct", "direct", "require"})


def _owners(things: list[Token]) -> list[Token]:
    """Whose the things are: "their passports", "the workers' wages", "the wages of 12 workers".
    A verb that names a violation through what it acts on (profile object_triggers) wrongs them."""
    out = []
    for t in things:
        for c in t.children:
            if c.dep_ == "poss":
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _object_taken_by_attribution(head: Token) -> list[Token]:
    """The object a trailing attribution stole: in "police have detained at least 20 young people
    caught watching dramas, a source told Daily NK" the parser makes "people" the subject of
    "told" (and the source an apposition). The noun phrase that starts right after the verb (and
    its particle) and is the subject of the reporting verb governing the verb is the verb's object."""
    gov = head.head
    if head.dep_ != "ccomp" or gov.i <= head.i or gov.lemma_.lower() not in REPORTING_VERBS:
        return []
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children):
        return []
    after = max([head.i] + [c.i for c in head.children if c.dep_ == "prt"]) + 1
    return [c for c in gov.children if c.dep_ == "nsubj" and head.i < c.i < gov.i and c.left_edge.i == after]


def args(ctx: IncidentContext, trig: Trigger, quote: Quote | None) -> tuple[Actor | None, list[tuple[Victim, str]]]:
    doc = ctx.doc
    head = doc[trig.head_i]
    agent: Token | None = None
    patients: list[Token] = []
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    node = head
    if head.dep_ in ("amod", "compound") and trig.start <= head.head.i < trig.end:
        node = head.head  # "the forced return of 60 people": the phrase's noun takes "of"
    # conjuncts share the first verb's subject ("arrested and jailed")
    subj_host = head
    while subj_host.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in subj_host.children):
        subj_host = subj_host.head
        passive = passive or any(c.dep_ in ("auxpass", "nsubjpass") for c in subj_host.children)
    # "they worked 16-hour shifts": the worker; but "a broker took me across the Yalu": the one taken
    mover = (trig.label in MOVER_IS_VICTIM and trig.phrase != TAKEN_ACROSS) or trig.phrase in (LONG_HOURS, SPENT_IN_CUSTODY)
    doer = controller(subj_host)
    if doer is None and mover and head.dep_ == "pcomp" and head.tag_ == "VBG" and head.head.lower_ in _TIME_PREPOSITIONS:
        # "was arrested in Yanji after crossing the Tumen River": the main clause's subject crossed
        doer = next((c for c in head.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "while trying to swim out to a Chinese boat": the participle that governs the infinitive
    participle = head.head if head.dep_ == "xcomp" and head.head.dep_ == "advcl" and head.head.tag_ == "VBG" and mover else head
    if doer is None and participle.dep_ == "advcl" and participle.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in participle.children):
        # "Ri left Hyesan in 2014, crossing the frozen Yalu River on foot", "Guards opened fire on the
        # group, killing two", "was shot dead while trying to swim out to a Chinese boat": the
        # participle's mover or agent is the main clause's (active) subject, a mover also its passive one
        doer = next((c for c in participle.head.children if (c.dep_ == "nsubj" and (mover or _state_agent(ctx, c))) or (mover and c.dep_ == "nsubjpass")), None)
    # a bare participle with a subject is a reduced passive ("workers dispatched to Russia")
    reduced_passive = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    passive = passive or reduced_passive
    if head.dep_ == "acomp" and head.tag_ == "VBN" and head.head.lemma_ == "be" and not mover:
        # "Relatives of the defector were exiled": the parser reads a passive as "be" and an
        # adjective; the subject of "be" is the one acted on
        patients.extend(c for c in head.head.children if c.dep_ == "nsubj")
        passive = True
    for c in subj_host.children:
        if c.dep_ == "nsubjpass":
            patients.append(c)
        elif c.dep_ == "nsubj" and reduced_passive and not mover:
            patients.append(c)
        elif c.dep_ == "nsubj" and passive and subj_host is not head and not mover:
            patients.append(c)  # "she crossed the river and was sold to a farmer": the shared subject is the one sold
        elif c.dep_ == "nsubj":
            if mover:
                patients.append(c)  # "three North Koreans crossed the Tumen": the one who moves
            elif head.lemma_.lower() in _UNDERGOING | _ATTENDING or (head.lemma_.lower() in _BEFALLING and not trig.weak):
                # "he spent two months in a detention centre": the one held; "two women died in the
                # holding centre" (a death in custody): the dead
                patients.append(c)
            elif head.pos_ == "VERB" and not passive:
                agent = c
            elif head.pos_ != "VERB":
                patients.append(c)  # "defectors face surveillance" / "I face ... surveillance"
    if (
        doer is None and not mover and head.pos_ == "VERB" and head.head.lemma_.lower() in _ORDERING
        and (head.dep_ == "xcomp" or head.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children))
        and not any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "dobj" and head.lemma_.lower() not in _UNDERGOING | _ATTENDING for c in head.children)
    ):
        # "were ordered at the end of October to move to a cooperative farm": the ones made to go
        # (the passive's subject of the order) undergo the act; not "were ordered to beat him"
        patients.extend(c for c in head.head.children if c.dep_ == "nsubjpass")
    if doer is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in subj_host.children):
        if mover:
            patients.append(doer)  # "two women trying to cross the Yalu": they cross
        elif doer.dep_ == "nsubj" and head.lemma_.lower() in _UNDERGOING | _ATTENDING and not passive:
            patients.append(doer)  # "the women have had to attend a self-criticism session": they undergo it
        elif doer.dep_ == "nsubj" and agent is None and not passive:
            agent = doer  # "police tried to arrest him"
    for c in node.children:
        if c.dep_ in ("dobj", "iobj") and head.pos_ == "VERB" and not mover:
            patients.append(c)
            if trig.label == "punishment_sentence" and trig.phrase == "fine":
                # "fined her mother 1 million won", parsed with the amount as the object and the one
                # fined as its modifier
                patients.extend(g for g in c.children if g.dep_ == "nmod" and g.pos_ in ("NOUN", "PROPN"))
        elif c.dep_ == "ccomp" and c.pos_ == "ADJ" and head.pos_ == "VERB" and not mover:
            # "kicked a 13-year-old boy unconscious": the parse gives the one kicked to the result
            patients.extend(g for g in c.children if g.dep_ == "nsubj")
        elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "upon"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                patients.append(pobj)
        elif c.dep_ in ("poss", "compound", "amod") and head.pos_ == "NOUN":
            if as_actor(ctx, c) is not None:
                agent = c
            elif ctx.mention_for(c, "victim") is not None or c.lower_ in FIRST_PERSON:
                patients.append(c)
    if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head.lemma_.lower() in _LIGHT_VERBS:
        # "police are piling pressure on defectors": the light verb carries the arguments
        verb = head.head
        for c in verb.children:
            if c.dep_ == "nsubj" and agent is None and as_actor(ctx, c) is not None:
                agent = c
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "upon"):
                patients.extend(g for g in c.children if g.dep_ == "pobj")
    if head.pos_ == "VERB" and not patients and not passive and not mover:
        patients.extend(_object_taken_by_attribution(head))
    if head.pos_ == "VERB" and not patients and head.lemma_.lower() in _SPEECH_ACT_VERBS:
        # "warning that defectors could be sent back": the threatened are the content's subject
        for c in head.children:
            if c.dep_ == "ccomp":
                patients.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    if head.dep_ == "acl" and (head.tag_ == "VBN" or (mover and head.tag_ == "VBG")) and not patients:
        patients.append(head.head)  # "workers dispatched to Russia", "defectors arrested last week", "two men wading across"
    noun = node if node.pos_ == "NOUN" else head  # "a labour training camp" tagged with an adjective first
    if noun.pos_ == "NOUN" and not any(p.pos_ != "NUM" for p in patients):  # "a fine of 500,000 won" names no one
        # "defectors have come under surveillance": the governing verb's subject suffers it
        gov = noun.head
        phrase = noun  # "a labor training camp": the phrase's head noun
        while phrase.dep_ == "compound" and phrase.head.i != phrase.i:
            phrase = phrase.head
        hops = 0
        while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i and hops < 3:
            gov = gov.head
            hops += 1
        subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        infinitive = gov.dep_ == "xcomp" or (gov.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children))
        if not subjects and infinitive and gov.lemma_.lower() in _BORNE:
            # "her parents were made to pay a fine": who is made to pay suffers the fine
            gov = gov.head
            while gov.dep_ == "conj" and gov.head.i != gov.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
                gov = gov.head  # "women sent back from China were forced to undergo abortions": the shared subject
        for c in gov.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c is not noun:  # not the trigger noun itself
                if as_actor(ctx, c) is None or c.dep_ == "nsubjpass":
                    patients.append(c)
                elif agent is None and noun is head:  # not "companies are profiting from forced labour"
                    agent = c
            elif c.dep_ == "dobj" and phrase.dep_ == "pobj" and phrase.head.lower_ in ("to", "into") and phrase.head.head.i == gov.i:
                patients.append(c)  # "sent six of them to a labour camp": who is sent there suffers it
    if trig.by_object:
        patients.extend(_owners(patients))  # "took the wages of 12 workers", "their passports are kept"
    elif trig.label == "surveillance":
        # "monitoring their phone calls": whose things are watched is watched ("watch your back" is no one's)
        patients.extend(o for o in _owners(patients) if o.lower_ not in ("your", "yours", "you"))
    # "warned defectors that they could be sent back": the warned person is the dobj already
    if mover:
        patients = [q for p in patients for q in _aboard(p)]
    perp = as_actor(ctx, agent) if agent is not None and trig.phrase != TAKEN_ACROSS else None  # a guide over the border is no perpetrator
    victims: list[tuple[Victim, str]] = []
    for p in patients:
        if (mover or p.dep_ == "nsubjpass") and p.lower_ in ("who", "that") and p.head.dep_ == "relcl":
            # "Pak, who fled Hamhung in 2017": the one who fled is the noun described; so is "a
            # physician who was taken from his home by soldiers"
            p = described_noun(p.head)
        named = []
        for t in coordinated(p):
            v = as_victim(ctx, t, quote) or people_noun(ctx, t)
            if v is not None and v[0].span != (perp.span if perp else None):
                named.append(v)
        group = together(ctx, named)  # "a defector and his son": two people
        victims.extend([group] if group is not None else named)
    return perp, victims



def _state_agent(ctx: IncidentContext, tok: Token) -> bool:
    actor = as_actor(ctx, tok)
    return actor is not None and actor.type in STATE_ACTORS


# Prepositions of time before a gerund whose subject is the main clause's ("after crossing").
_TIME_PREPOSITIONS = frozenset({"after", "before", "upon", "while", "since"})

# Craft that carry the people who cross in them.
_CRAFT = frozenset({"boat", "boats", "ship", "ships", "vessel", "vessels", "dinghy", "raft", "canoe", "skiff", "craft"})


def _aboard(mover: Token) -> list[Token]:
    """Who moves when a boat does: "the two boats, carrying 11 people, crossed the sea border" (the
    ones carried), "seven North Koreans were rescued after their boat crossed the line" (the boat's
    owners, as the clause it hangs on tells them). Anything else moves itself."""
    if mover.lemma_.lower() not in _CRAFT and mover.lower_ not in _CRAFT:
        return [mover]
    for c in mover.children:
        if (c.dep_ == "acl" and c.lemma_.lower() == "carry") or (c.dep_ == "prep" and c.lower_ == "with"):
            carried = [g for g in c.children if g.dep_ in ("dobj", "pobj")]
            if carried:
                return carried
    if any(c.dep_ == "poss" and c.lower_ == "their" for c in mover.children):
        clause = mover.head
        while clause.dep_ in ("advcl", "conj", "relcl") and clause.head.i != clause.i:
            clause = clause.head
            owners = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if owners:
                return owners
    return [mover]


def nearby_actor(ctx: IncidentContext, sent: SpacySpan, trig: Trigger, victims: list[tuple[Victim, str]]) -> Actor | None:
    """An actor named near the trigger when the parse gives no agent: same sentence first, then
    the rest of the same quote or paragraph. Another predicate's "by X" agent is not borrowed, nor
    the source of a report ("..., the relatives said"): who tells of an act is not who did it,
    unless it is the state telling of its own."""
    victim_spans = {v.span for v, _ in victims}
    quote = ctx.quote_at(ctx.doc[trig.head_i].idx)
    para = ctx.paragraph(sent.start_char)
    ps = ctx.paragraph_starts[para]
    pe = ctx.paragraph_starts[para + 1] if para + 1 < len(ctx.paragraph_starts) else len(ctx.text)
    lo, hi = (quote.start, quote.end) if quote else (ps, pe)
    scopes = [(sent.start_char, sent.end_char), (lo, hi)]
    for s, e in scopes:
        for m in ctx.mentions:
            if m.kind != "actor" or not (s <= m.start < e) or any(v and v.start <= m.start and m.end <= v.end for v in victim_spans):
                continue
            if ctx.quote_at(m.start) is not quote:
                continue
            tok = ctx.doc[m.head_i]
            if tok.head.lower_ == "by" and tok.head.head.i != trig.head_i and tok.head.head.i != ctx.doc[trig.head_i].head.i:
                continue
            if tok.dep_ == "nsubj" and tok.head.i != trig.head_i and tok.head.lemma_.lower() in REPORTING_VERBS and m.entry.type not in STATE_ACTORS:
                continue  # (police who "said they detained" the men tell of their own act)
            country = ctx.country_in(m.start, m.end) or m.country  # "Vietnamese border police" over the lexicon's default
            return Actor(text=m.text, type=m.entry.type, country=country, span=Span(m.start, m.end))
    return None


def nearby_victim(ctx: IncidentContext, sent: SpacySpan, perp: Actor | None) -> tuple[Victim, str] | None:
    """For a predicate with no object ("police intimidation got worse"): the group most recently
    named as suffering, within the previous few sentences."""
    tok = ctx.doc[sent.start]
    best = None
    for m in ctx.mentions:
        if m.kind == "victim" and sent.start_char - 500 <= m.start < sent.end_char:
            if perp is not None and perp.span == Span(m.start, m.end):
                continue
            best = m
            if m.start >= sent.start_char:
                break
    if best is None:
        return None
    return as_victim(ctx, ctx.doc[best.head_i], None) if tok is not None else None


def destination(ctx: IncidentContext, tok: Token) -> tuple[str | None, Span | None]:
    """The country of "to X" on a sending predicate: a place ("sent back to China"), an actor
    ("handed over to the MSS") or a demonym ("to Chinese authorities")."""
    hosts = [tok, *[c for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "back", "home")]]
    # "put on a flight to Pyongyang", "sent back on a train to Sinuiju": where the vehicle goes
    hosts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "onto", "aboard") for g in c.children if g.dep_ == "pobj"]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "into"):
                continue
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            sub = list(pobj.subtree)
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            country = ctx.country_in(start, end)
            if country is None:
                actor = as_actor(ctx, pobj)
                country = actor.country if actor is not None else None
            if country is not None:
                return country, Span(start, end)
    return None, None
