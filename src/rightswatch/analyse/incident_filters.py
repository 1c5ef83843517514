"""Asserted triggers that are no incident: senses of a trigger word that do no one any harm.

"crossed the finish line", "killed the bill", "detained by traffic", "held in conditions of forced
labour" (the condition is the incident), "returnees could face torture, activists warned" (a
forecast), "the broker disappeared" (someone left; nobody was disappeared), "soldiers killed in the
Korean War" (a death in battle).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from rightswatch.analyse.incident_participants import animate, as_actor
from rightswatch.analyse.incident_time import REPORTING_VERBS
from rightswatch.analyse.syntax import addressed
from rightswatch.analyse.triggers import BY_SEA, WALKOUTS, Trigger

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = [
    "SENDING", "crosses_a_border", "generic_practice", "held_in_conditions", "prediction", "subject_is_actor", "staged_killing",
    "watched_object",
    "inanimate_object", "not_an_act",
]

# Incident types that send people somewhere: a different destination is a different incident.
SENDING = {"forced_repatriation", "forced_labor"}
# Verbs of trade: trafficking only when people are what changes hands.
_TRADING = {"sell", "buy", "resell"}
_BORDER_WORDS = {"border", "river", "frontier", "boundary", "mountain", "desert", "sea", "checkpoint", "fence", "into", "demarcation", "dmz", "nll"}
_WATCHED_THINGS = {"call", "phone", "communication", "home", "house", "household", "movement", "message", "conversation", "activity", "internet", "email", "account", "border", "mail", "letter"}
# Verbs of moving that are a crossing only over a border ("slipped across the border", "swam across
# the river", "walked into Laos"), not across a room or into a friend.
_MOTION = {"slip", "swim", "sail", "run", "walk", "trek", "sneak", "make", "wade"}
# "held in conditions of forced labour", "kept in servitude": a state people are kept in, not custody.
_CONDITIONS = {"condition", "state", "situation", "servitude", "bondage", "slavery", "poverty"}


def crosses_a_border(ctx: IncidentContext, trig: Trigger, sent: SpacySpan) -> bool:
    head = ctx.doc[trig.head_i]
    if head.lemma_.lower() == "enter":
        # "entered Vietnam from China": entering a country, not a room
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return obj is not None and any(
            p.kind == "country" and obj.idx <= p.span.start < obj.idx + len(obj.text) for p in ctx.places
        )
    if trig.phrase.split()[0] == "cross" and len(trig.phrase.split()) > 2:
        return True  # "cross the mekong": the lexicon names what is crossed
    if trig.phrase in WALKOUTS:
        return True  # "walked out of the dormitory": an escape where the post is abroad (decided by its place)
    if trig.phrase == BY_SEA:
        return True  # "sailed a fishing boat south", "swam out to a Chinese boat": the check named the border
    lemma = head.lemma_.lower()
    if lemma not in ("cross", "crossing") and lemma not in _MOTION:
        return True  # defect, flee, escape: the word says it
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if obj is not None and lemma not in _MOTION:
        # what is crossed decides: "crossed the Tumen River", not "crossed the finish line"
        sub = list(obj.subtree)
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        named = any(start <= p.span.start < end for p in ctx.places)
        if named or any(t.lemma_.lower() in _BORDER_WORDS for t in sub) or _LIMIT_LINE.search(ctx.doc.text[start:end]):
            return True  # "the Tumen River", "the maritime border", "the Northern Limit Line"
        if obj.pos_ != "PROPN":
            return False  # "crossed the finish line in Seoul": a common thing crossed, whatever the place
        # "crossed the frozen Tumen near Onsong": a name the gazetteer does not place alone, crossed
        # beside a place it does
    for tok in head.subtree:
        if tok.lemma_.lower() in _BORDER_WORDS:
            return True
    return any(sent.start_char <= p.span.start < sent.end_char and p.kind in ("country", "river", "region", "city") for p in ctx.places)


# The sea border the two Koreas dispute, by its name.
_LIMIT_LINE = re.compile(r"\bNorthern Limit Line\b|\bNLL\b")

# Acts done to someone once: told in the present simple of a kind of people, they are a practice.
_ONE_OFF = {"forced_repatriation", "arbitrary_detention", "kidnapping_trafficking", "enforced_disappearance", "killing"}
_PRESENT = {"VBZ", "VBP"}


def source_description(ctx: IncidentContext, trig: Trigger) -> bool:
    """ "said Ryu Seon-hee, who left North Korea in 2018 and now teaches ...", "according to a
    defector who fled in 2017": a flight told only to say who the teller is, not reported as an
    incident (the convention of the domain sets)."""
    tok = ctx.doc[trig.head_i]
    if trig.label == "border_crossing_defection" and tok.dep_ in ("advcl", "conj") and tok.head.dep_ == "relcl":
        tok = tok.head  # "Sim, who repaired radios in Sariwon before he left North Korea in 2016, said"
    if trig.label != "border_crossing_defection" or tok.dep_ != "relcl":
        return False
    teller = tok.head
    while teller.dep_ in ("appos", "compound", "conj") and teller.head.i != teller.i:
        teller = teller.head
    gov = teller.head
    if teller.dep_ == "nsubj" and gov.lemma_.lower() in REPORTING_VERBS:
        return True
    if teller.dep_ == "dobj" and gov.lemma_.lower() in _ASKING:
        return True  # "Human Rights Watch interviewed 23 traders who left North Korea in 2023"
    if teller.dep_ == "pobj" and gov.lower_ in ("with", "to", "of") and gov.head.lemma_.lower() in _ASKING:
        return True  # "based on interviews with 31 North Koreans who left the country"
    return teller.dep_ == "pobj" and gov.lower_ == "to" and gov.head.lower_ == "according"


# Asking people for their account: those asked are the sources, whoever they are.
_ASKING = frozenset({"interview", "survey", "poll", "consult", "testimony"})


def generic_practice(ctx: IncidentContext, trig: Trigger) -> bool:
    """ "what happens to people it sends back", "North Koreans who are forcibly returned face
    torture", "North Koreans forcibly returned from China are punished": a one-off act told in the
    present simple, in a clause describing the people it happens to, says what is done to such
    people (a practice, or a warning of it), not that it happened. "Two women who were repatriated
    in 2022" and "defectors who have been sent back" are told as having happened."""
    tok = ctx.doc[trig.head_i]
    if trig.label == "punishment_sentence" and tok.pos_ == "VERB" and tok.tag_ in _PRESENT and tok.sent.start > 0:
        # "a law that punishes listening with prison terms", "North Korea punishes people for what
        # their relatives have done": what the state does to such people, not a sentence passed
        # (the title's present, "Court sentences man", tells a past act)
        return not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    if trig.label in _ONE_OFF and tok.pos_ == "VERB" and _habitual_present(tok):
        return True  # "China regularly sends them back", "are routinely sent back": what is done, as a rule
    if trig.label not in _ONE_OFF or tok.pos_ != "VERB" or tok.dep_ not in ("relcl", "acl"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ in _PRESENT:
        return not aux  # "the people it sends back"
    if tok.tag_ != "VBN":
        return False
    if aux:
        return tok.dep_ == "relcl" and all(a.tag_ in _PRESENT and a.lemma_ == "be" for a in aux)  # "who are returned"
    host = tok.head
    if any(c.dep_ in ("det", "nummod", "poss") for c in host.children) or host.tag_ not in ("NNS", "NNPS"):
        return False  # "the two women returned last year", "its workers sent abroad"
    gov = host.head
    return gov.tag_ in _PRESENT or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT for c in gov.children)


# How often a practice recurs: with a present-tense act, a rule of conduct, not one event.
_FREQUENCY = frozenset({"regularly", "routinely", "usually", "often", "typically", "always", "frequently", "systematically", "habitually", "normally", "generally", "commonly"})


def _habitual_present(verb: Token) -> bool:
    """ "regularly sends them back", "are routinely sent back": a present act told with how often."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = (verb.tag_ in _PRESENT and not aux) or (verb.tag_ == "VBN" and bool(aux) and all(a.tag_ in _PRESENT and a.lemma_ == "be" for a in aux))
    return present and any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in verb.children)


def describes_the_returned(ctx: IncidentContext, trig: Trigger, told: list[Trigger]) -> bool:
    """ "China sent back about 600 North Koreans, including people detained in Jilin", "returned
    at least 200 North Koreans held in Liaoning": a detention told as a participle describing the
    people a repatriation in the same sentence returns says who they were, not a detention of its
    own (the domain sets' convention; "who were arrested in Jilin on 3 March" is told as an event)."""
    tok = ctx.doc[trig.head_i]
    if trig.label != "arbitrary_detention" or tok.dep_ != "acl" or tok.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    described = tok.head
    for t in told:
        ret = ctx.doc[t.head_i]
        if t.label == "forced_repatriation" and t.asserted and ret.i != tok.i and ret.pos_ == "VERB":
            if any(w.i == described.i for w in ret.subtree):
                return True
    return False


def held_in_conditions(ctx: IncidentContext, trig: Trigger) -> bool:
    head = ctx.doc[trig.head_i]
    if trig.label != "arbitrary_detention" or head.lemma_.lower() not in ("hold", "keep"):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in _CONDITIONS for g in c.children if g.dep_ == "pobj")
        for c in head.children
    )


# Verbs whose present tense says what awaits someone: "returnees face torture", "he risks execution".
_AWAITING = frozenset({"face", "risk"})
# "... face interrogation, torture and terms in ..." up to the trigger: a list of what awaits
_FACES_LIST = re.compile(r"\b(?:face|faces|risk|risks)\s+(?:(?:[A-Za-z’'-]+|,)\s*){0,12}$")
_DETERMINERS = frozenset({"the", "a", "his", "her", "their", "my", "our", "your", "its", "whose"})


def prediction(ctx: IncidentContext, trig: Trigger) -> bool:
    """A warning addressed to nobody by someone who is not a perpetrator is a forecast; an act
    someone "faces" or "risks" now ("North Koreans who are forcibly returned face interrogation,
    torture and labour camps") is what awaits them, not what happened ("she faced torture" did)."""
    head = ctx.doc[trig.head_i]
    noun = head
    for _ in range(6):  # "face interrogation, torture and terms in labour camps": each of the list
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _AWAITING and noun.head.tag_ in ("VBP", "VBZ", "VB"):
            return True
        if noun.dep_ not in ("conj", "pobj", "prep", "compound", "amod") or noun.head.i == noun.i:
            break
        noun = noun.head
    # the parser often reads "returned face interrogation" as a noun compound: the words tell it
    before = ctx.text[max(head.sent.start_char, head.idx - 120) : head.idx]
    m = _FACES_LIST.search(before)
    if trig.label != "threat_intimidation" and m is not None:
        word_before = before[: m.start()].split()[-1:] or [""]
        if word_before[0].lower() not in _DETERMINERS:  # not "hit him in the face and arrested him"
            return True
    if trig.label != "threat_intimidation" or head.lemma_.lower() != "warn" or head.pos_ != "VERB" or addressed(head):
        return False
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subj is not None and as_actor(ctx, subj) is None


def subject_is_actor(ctx: IncidentContext, trig: Trigger) -> bool:
    head = ctx.doc[trig.head_i]
    return any(c.dep_ == "nsubj" and ctx.mention_for(c, "actor") is not None and ctx.mention_for(c, "victim") is None for c in head.children)


def watched_object(ctx: IncidentContext, trig: Trigger) -> bool:
    """Surveillance is of people's things too: "monitoring their phone calls", "checking homes"."""
    if trig.label != "surveillance":
        return False
    head = ctx.doc[trig.head_i]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _WATCHED_THINGS for c in head.children)


def staged_killing(ctx: IncidentContext, trig: Trigger) -> bool:
    """An execution told as an event that took place, with no one named: counted ("at least four
    public executions since January") or carried out, held or witnessed ("A public execution was
    carried out in Hyesan"), not the punishment a law or a debate names ("the law prescribes public
    execution")."""
    head = ctx.doc[trig.head_i]
    if trig.label != "killing" or head.pos_ != "NOUN" or head.lemma_.lower() != "execution":
        return False
    counted = any(c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in ("several", "many", "multiple")) for c in head.children)
    verb = head.head
    return counted or (head.dep_ in ("nsubjpass", "nsubj", "dobj") and verb.lemma_.lower() in _STAGING)


# Verbs of an event taking place: a nominal act that is their subject or object happened.
_STAGING = frozenset({"carry", "conduct", "hold", "stage", "take", "witness", "attend", "watch", "see", "perform", "occur", "happen"})


# Words that count people without naming them ("many were detained", "two more were arrested").
_COUNTED = frozenset({"many", "more", "most", "some", "several", "others", "all", "both", "few", "dozens", "hundreds", "thousands", "none", "each"})


def inanimate_object(ctx: IncidentContext, trig: Trigger) -> bool:
    head = ctx.doc[trig.head_i]
    if head.pos_ != "VERB":
        return False
    for c in head.children:
        if trig.start <= c.i < trig.end:
            continue  # "kept tabs on": the object is part of the phrase
        # "killed the bill"; "a cargo was sent back", "the ship was detained" (a thing, when no person is)
        if c.dep_ in ("nsubjpass", "dobj") and (c.like_num or c.pos_ == "NUM" or c.lower_ in _COUNTED) and not any(g.dep_ == "prep" for g in c.children):
            continue  # "three were arrested", "many were detained", "opened fire, killing two": people counted
        if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and (trig.label in SENDING or trig.label == "arbitrary_detention")):
            if trig.label == "surveillance" and c.lemma_.lower() in _WATCHED_THINGS:
                return False  # "checking homes", "monitoring calls": people's things are watched
            return not animate(ctx, c)
    return False


# Endings of nouns for people or bodies of people ("officer", "guard", "chief", "police", "unit"):
# an agent that looks like one may be a person even when no lexicon knows it.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "ee", "ess", "ive", "ard", "ief", "ice", "ity", "ary", "ry", "ad", "ps", "ce", "nt", "nd", "ff", "ship")


def _person_like(ctx: IncidentContext, noun: Token) -> bool:
    """Whether a noun may name a person or a body of people: a known one, or one shaped like one.
    Conservative: only a noun that is clearly a thing ("a birdie", "a bogey") is not."""
    if animate(ctx, noun) or as_actor(ctx, noun) is not None:
        return True
    lemma = noun.lemma_.lower()
    return lemma.endswith(_PERSON_ENDINGS) or lemma in ctx.lexicons.get("person_heads", ())


# What one defects to that is a body, not a country: a change of side, not a border crossed.
_BODIES = frozenset({"league", "team", "club", "side", "party", "camp", "company", "rival", "rivals", "opposition", "network", "broadcaster", "label", "agency"})


def _joins_a_body(tok: Token) -> bool:
    """ "defected to the Chinese league", "defected to a rival club"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            return obj is not None and obj.lemma_.lower() in _BODIES
    return False


# What a warning that is advice asks for: "warned drivers to take extra care", "to stay indoors".
_ADVICE_VERBS = {"avoid", "wear", "prepare", "drive"}
_ADVICE_OBJECTS = {"care", "caution", "precaution", "precautions", "extra"}
_ADVICE_STATES = {"careful", "cautious", "alert", "vigilant", "indoors", "inside", "home", "safe"}


def _advice(warn: Token) -> bool:
    """Whether a warning tells people how to keep safe rather than what will be done to them."""
    for c in warn.children:
        if c.dep_ != "xcomp":
            continue
        lemma = c.lemma_.lower()
        if lemma in _ADVICE_VERBS:
            return True
        words = {g.lower_ for g in c.children if g.dep_ in ("dobj", "acomp", "advmod", "prep")}
        if lemma == "take" and words & _ADVICE_OBJECTS:
            return True
        if lemma in ("be", "stay", "remain", "keep") and words & _ADVICE_STATES:
            return True
    return False


# A programme of return people joined, not a return done to them ("the repatriation project").
_SCHEMES = frozenset({"project", "program", "programme", "scheme", "movement", "campaign"})


def not_an_act(ctx: IncidentContext, trig: Trigger) -> bool:
    """Senses of a trigger word that do no one any harm: a thing as the cause ("were detained
    by traffic", profile lexicon "inanimate_causes"; the trigger "traffic" in it is no act either;
    any "by" agent that is neither a person nor a body of people: "arrested by a birdie"), an escape from what is not a
    place of confinement ("escaped his marker", "escaped the heat"), a trigger noun that
    characterises its subject ("Ulsan are a threat to everyone") or that is borne ("the
    players can handle pressure")."""
    tok = ctx.doc[trig.head_i]
    lex = ctx.lexicons
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True  # the cause of a passive is not itself an incident
    if tok.lower_.startswith("non-") or (tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "non"):
        return True  # "the principle of non-refoulement": the act's absence, a norm
    if tok.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lemma_.lower() in lex.get("inanimate_causes", ()) for c in tok.children):
        return True  # "heavy rain caught many farmers in the middle of the harvest"
    if tok.lemma_.lower() == "catch" and any(
        c.dep_ in ("prep", "advmod", "prt") and c.lower_ in ("off", "by") and any(g.lower_ in ("guard", "surprise") for g in c.subtree)
        for c in tok.children
    ):
        return True  # "we were caught completely off guard", "caught by surprise"
    if tok.lemma_.lower() == "catch" and any(c.lower_ == "stealing" for c in tok.children):
        return True  # "he was caught stealing second": out on the base paths
    if trig.label == "border_crossing_defection" and tok.lemma_.lower() in ("defect", "defection") and _joins_a_body(tok):
        return True  # "defected to the Chinese league", "defected to the opposition party"
    if tok.pos_ == "NOUN" and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return True  # "these are floating labour camps": a name for what something is, not an act
    if trig.label == "forced_repatriation" and tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.lemma_.lower() in _SCHEMES:
        return True  # "went to the North under a repatriation project": the 1959-84 voluntary emigration of Koreans in Japan
    if trig.label not in ("killing", "torture"):
        for agent in (c for c in tok.children if c.dep_ == "agent"):
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lex.get("inanimate_causes", ()):
                return True
            if obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_ and not _person_like(ctx, obj):
                return True  # "arrested in her slide by a birdie": a thing, neither a person nor a body, does it
    if trig.label == "border_crossing_defection" and tok.pos_ == "VERB" and tok.lemma_.lower() in ("escape", "flee", "evade"):
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in lex.get("escapable", ()):
            if not any(obj.idx <= p.span.start < obj.idx + len(obj.text) for p in ctx.places):
                return True
    if trig.label == "border_crossing_defection" and tok.pos_ == "VERB" and _on_a_visa(tok):
        return True  # "13,000 DPRK citizens entered Russia on study visas": a lawful entry, no escape
    if trig.label == "forced_repatriation" and tok.pos_ == "VERB" and _handed_on_at_home(tok):
        return True
    if trig.label == "killing" and tok.pos_ == "VERB" and _in_a_war(tok):
        return True  # "soldiers killed in the 1950-53 Korean War", "killed or captured during the retreat": deaths in battle
    if trig.label == "threat_intimidation" and tok.lemma_.lower() in ("threaten", "menace") and _threatens_no_one(ctx, tok):
        return True
    if trig.label == "threat_intimidation" and tok.lemma_.lower() in ("warn", "caution") and _advice(tok):
        return True  # "police warned drivers to take extra care": safety advice, not a threat
    if trig.label == "kidnapping_trafficking" and tok.pos_ == "VERB" and not trig.by_object:
        # "sold it at the market", "bought rice": what is sold or bought is a thing, not a person
        patient = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if patient is not None and tok.lemma_.lower() in _TRADING and not animate(ctx, patient):
            return True
    if tok.pos_ == "NOUN":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if tok.dep_ == "attr" and tok.head.lemma_ == "be" and subj is not None and subj.pos_ in ("PROPN", "PRON"):
            return True  # "Ulsan are a threat" (not "the checking was unlawful surveillance")
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.get("coping_verbs", ()):
            return True
    return False


def _on_a_visa(verb: Token) -> bool:
    """ "entered Russia on student visas", "arrived on a work visa": let in by the state entered."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("on", "with") and any(g.lemma_.lower() == "visa" for g in c.subtree)
        for c in verb.children
    )


# Who takes a case on inside one state: a hand-over to them moves no one across a border.
_CASE_HOLDERS = frozenset({"prosecutor", "prosecutors", "prosecution", "procuracy", "procurator", "procurators", "court", "courts", "judge", "judges", "investigator", "investigators", "tribunal"})


def _handed_on_at_home(verb: Token) -> bool:
    """ "handed him over to prosecutors in April": a case passed on, not a return; "was sent back out
    to work", "sent back to the fields": back to a task, not over a border."""
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    to = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    if verb.lemma_.lower() == "send" and "back" in particles and ("out" in particles or any(g.lemma_.lower() in ("work", "field", "duty") for g in to)):
        return True
    return any(g.lower_ in _CASE_HOLDERS or g.lemma_.lower() in _CASE_HOLDERS for g in to)


# Where soldiers fall: a death in battle is no killing the monitors record.
_WARTIME = frozenset({"war", "battle", "combat", "action", "fighting", "retreat", "offensive"})


def _in_a_war(verb: Token) -> bool:
    """ "killed in the Korean War", "killed in action", "killed or captured during the retreat"."""
    for v in (verb, *(c for c in verb.children if c.dep_ == "conj")):
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                if any(g.dep_ == "pobj" and g.lemma_.lower() in _WARTIME for g in c.children):
                    return True
    return False


# What makes "threaten" a threat to someone: whom ("threatened him", "he was threatened"), what
# ("threatened to shoot", "threatened that ..."), with what ("threatened them with arrest").
_THREAT_COMPLEMENTS = frozenset({"dobj", "iobj", "dative", "nsubjpass", "xcomp", "ccomp", "prep"})


def _threatens_no_one(ctx: IncidentContext, tok: Token) -> bool:
    """ "Japan briefly threatened after the break", "rain threatened all afternoon": the verb with
    no one threatened and nothing threatened is the sense of danger looming (sport, weather), not an
    act. A verb sharing its object with another ("threatened and beat them") is not bare. "Threatened
    to test a missile" threatens no one either: a threat to do something is one to someone when it
    is a harm (profile lexicon "threatened_harms": "threatened to shoot") or done to people
    ("threatened to repatriate them")."""
    if tok.dep_ == "conj":
        return False
    if any(c.dep_ == "conj" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children):
        return False
    harms = ctx.lexicons.get("threatened_harms", frozenset())
    return not any(
        c.dep_ in _THREAT_COMPLEMENTS and (c.dep_ != "prep" or c.lower_ == "with") and (c.dep_ != "xcomp" or _harm_to_come(ctx, c, harms))
        for c in tok.children
    )


def _harm_to_come(ctx: IncidentContext, verb: Token, harms: frozenset[str]) -> bool:
    return verb.lemma_.lower() in harms or any(c.dep_ == "dobj" and animate(ctx, c) for c in verb.children)
