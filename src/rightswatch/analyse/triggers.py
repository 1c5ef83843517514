"""Incident triggers: predicates that name a violation, and whether the text asserts them.

Triggers come from the codebook (general) and the domain profile (additions). A trigger is a lemma
sequence; a trailing ``*`` matches any ending. Whether a matched predicate is *asserted* is decided
on the dependency parse, because news copy is full of violations that did not happen:

* modal or conditional: "could be repatriated", "if I'm caught", "unless they keep a low profile";
* the content of a fear, risk, threat or warning: "fears of forced repatriation", "threaten me with
  repatriation" (the threat is the incident, its content is not);
* demands and policy debate: a sentence whose main verb is an appeal ("have called on the Chinese
  government to ...") reports advocacy, not an event;
* negation: "I haven't been repatriated";
* accusations of the victim's own "offence" ("a man accused of helping people flee"), rules about
  anyone ("anyone caught with a smartphone is sent home"), instructions ("help someone escape and
  ..."), stopped processes ("China halted repatriations"), and words that only name a place
  ("abused in detention facilities", "driven to border crossings").

Some verbs name a violation only through what they act on (profile ``object_triggers``: "checked
the workers' phones", "almost all of their wages were sent to Pyongyang") or whom they act on
(``victim_triggers``: "sent 1,500 workers to Russia"). Two-word phrasal triggers also match with
their object in between ("handed them over", "sent the ringleaders home").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from rightswatch.analyse.codebook import Codebook
from rightswatch.analyse.mentions import NUMBER_WORDS, parse_count
from rightswatch.analyse.profile import Profile

__all__ = ["DISPATCHED_WORK", "TAKEN_ACROSS", "UNDER_GUARD", "labour_conditions", "long_hours", "Trigger", "TriggerFinder", "WEAK_TRIGGERS", "WALKOUTS", "wages_handed_on"]


# Walk-outs ("walked off a building site", "jumped ship"): an escape only from a post abroad
# (incidents.py keeps them only outside a home country).
WALKOUTS = frozenset({"walk off", "walk out", "walk away", "slip out", "slip away", "jump ship"})
# The phrase of a way out over the sea border (``_leaves_by_sea``): the check names what is crossed.
BY_SEA = "leave by sea"
# The phrase of a plain "take" of people from somewhere or by someone (``TriggerFinder._taken_people``).
TAKEN = "take from"
# The phrase of work told by its hours ("worked 16-hour shifts", "dug ditches from dawn until dark":
# ``TriggerFinder._long_hours``); the worker is its subject.
LONG_HOURS = "long hours"
#: "spent 40 days in the county police cells": the one who spent the time was held (its subject)
SPENT_IN_CUSTODY = "spent in custody"
#: The phrase of a trigger found by workers' pay handed on to a company or the state.
WAGES_HANDED_ON = "wages handed on"
_HOUR_COUNT = r"(?:\d{1,2}|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
#: Hours no one works by choice: 11 or more a day, dawn to dark, every day of the week.
LONG_HOURS_RE = re.compile(
    rf"\b(?P<n>{_HOUR_COUNT})[- ]hours?(?:[- ]long)?[- ](?:shifts?|days?|workdays?)\b"
    rf"|\b(?P<m>{_HOUR_COUNT}) hours (?:a|per|each|every) day\b"
    rf"|\bshifts? of (?:up to |as many as |more than )?(?P<k>{_HOUR_COUNT}) hours\b"
    r"|\bfrom (?:before )?dawn (?:until|till|to)\b|\bfrom (?:early )?morning (?:until|till|to) (?:late at )?night\b"
    r"|\bfrom \d{1,2}(?::\d\d)? ?(?:am|a\.m\.) (?:to|until|till) (?:midnight|1[01](?::\d\d)? ?(?:pm|p\.m\.))"
    r"|\b(?:seven|7) days a week\b|\bwithout (?:a )?(?:single )?day off\b|\bno days? off\b",
    re.IGNORECASE,
)
_WORDS_FOR_HOURS = {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                    "eighteen": 18, "nineteen": 19, "twenty": 20}
# Verbs of the work such hours are told of.
_LABOUR_VERBS = frozenset({
    "work", "sew", "dig", "fell", "cut", "build", "load", "haul", "carry", "mine", "gut", "peel", "pack", "plant", "weed",
    "log", "toil", "labor", "labour", "farm", "cook", "serve", "fish", "pour", "lay", "make", "process", "assemble",
    "break", "harvest", "collect", "gather", "pick", "chop", "saw", "weave", "knit", "shovel", "pan", "quarry", "bring",
})


# Workers whose long hours are a hard job or an emergency, not forced labour.
_OWN_LONG_HOURS = frozenset({
    "volunteer", "nurse", "doctor", "physician", "surgeon", "medic", "paramedic", "rescuer", "firefighter", "team",
    "official", "officer", "lawmaker", "negotiator", "journalist", "reporter", "staff", "police", "soldier", "engineer",
    "scientist", "researcher", "student", "athlete", "player", "coach", "chef",
})


def long_hours(text: str) -> list[tuple[int, int]]:
    """The spans of ``LONG_HOURS_RE`` in the text whose hours, when counted, are 11 or more."""
    out = []
    for m in LONG_HOURS_RE.finditer(text):
        n = m.group("n") or m.group("m") or m.group("k")
        if n is not None and (int(n) if n.isdigit() else _WORDS_FOR_HOURS.get(n.lower(), 0)) < 11:
            continue
        out.append((m.start(), m.end()))
    return out


# Work told as unpaid: "sewed wigs for export ... without pay", "for no pay", "unpaid".
_UNPAID_RE = re.compile(r"\b(?:without|for no|with no|and no)\s+(?:pay|wages?|payment|salary)\b|\bunpaid\b", re.IGNORECASE)


def labour_conditions(text: str) -> list[tuple[int, int]]:
    """Spans telling work no one chooses: hours (``long_hours``) or no pay ("worked in the corn
    fields without pay"); the work they tell is forced labour (codebook: "unpaid", "excessive hours")."""
    return sorted(long_hours(text) + [(m.start(), m.end()) for m in _UNPAID_RE.finditer(text)])


# Triggers too common in other senses to stand alone: they need a human victim argument.
WEAK_TRIGGERS = frozenset(
    {
        "hold", "catch", "caught", "watch", "track", "tail", "fire", "question", "charge", "search",
        "target", "sell", "sold", "cross", "crossing", "die", "death", "dead", "attack", "pressure",
        "warn", "warning", "summon", "ban", "block", "deny", "dismiss", "suspend", "revoke", "seize",
        "confiscate", "investigate", "sue", "beat", "abuse", "fine", "sentence", "monitor", "escape",
        "flee", "hand over", "expel", "traffic", "smuggle", "spy", "missing", "inspect", "inspection",
        "mobilize", "mobilise", "punish", "punishment", "custody", "crackdown", "crack down", "return", "hand",
        "injure", "wound", "assault", "raid", "evict", "shut down", "censor", "interrogate", "threat",
        "round up", "lock up", "remand", "execution", "execute", "unpaid", "kick", "punch", "slap",
        "enter", "check on", "relocate", "exile", "pick up", "shoot",
        # phrasings of one act among many senses: a hand-over, a blow, a purchase, a flight, a removal
        "turn over", "sign over", "escort back", "ship back", "fly back", "hand back", "take back", "nab", "hit", "lock", "order out", "send away", "batter", "strike",
        "club", "abortion", "succumb", "snatch", "lure", "buy", "resell", "run away", "abscond", "desert",
        "slip across", "slip into", "swim across", "sail across", "run across", "walk into", "trek across",
        "sneak across", "sneak into", "make it across", "discipline", "demote", "drive out", "kick out", "remove from",
        # a boarding, a return only towards home (incidents.py)
        "put",
        # terms and acts a law or a debate names as well as a court ("prescribes 15 years of reform through labor")
        "public execution", "death penalty",
    }
) | WALKOUTS  # a walk-out, an escape only from a post abroad
# Incident types where an attempt is itself the event ("tried to cross", "tried to intimidate him").
_ATTEMPTS_COUNT = frozenset({"border_crossing_defection", "threat_intimidation"})
# Modifiers that make a trigger noun a possibility ("potential repatriation").
_HEDGE_MODIFIERS = frozenset({"potential", "possible", "likely", "imminent", "future", "planned", "threatened", "feared"})


@dataclass(frozen=True, slots=True)
class Trigger:
    label: str
    start: int  # token index of the first token
    end: int  # token index after the last token
    head_i: int  # the predicate token
    phrase: str  # the lexicon entry that matched
    weak: bool
    asserted: bool
    reason: str  # why not asserted ("" when asserted)
    #: Only an incident when a victim of one of these types is the patient (profile victim_triggers).
    victim_types: frozenset[str] | None = None
    #: Matched through what the verb acts on ("checked the phones": profile object_triggers), or where
    #: it puts people (a banishment: "sent to a cooperative farm"): an act of its own, never the charge
    #: or step told before another incident of the same people.
    by_object: bool = False
    #: People moved out of their homes or to a farm or village (a banishment): one kind of act,
    #: however it is told again ("banished", "were moved to a village").
    banishment: bool = False


def _compile(entries: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for label, phrases in entries.items():
        for phrase in phrases:
            parts = tuple(phrase.split())
            key = parts[0].rstrip("*")
            index.setdefault(key, []).append((parts, label, phrase))
    return index


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of a regular inflection, for when the lemmatizer misses one
    ("fined" -> "fin"): fined -> fine, fin; detains -> detain; arresting -> arrest, arreste."""
    out = []
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return out


def _tok_matches(tok: Token, part: str) -> bool:
    if part.endswith("*"):
        stem = part[:-1]
        return tok.lower_.startswith(stem) or tok.lemma_.lower().startswith(stem)
    return tok.lower_ == part or tok.lemma_.lower() == part or (tok.pos_ == "VERB" and part in _base_forms(tok.lower_))


# Triggers that name an act only as verbs ("apartment blocks", "a fire" are not events).
_VERB_ONLY = frozenset({
    "block", "fire", "target", "deny", "dismiss", "evict", "revoke", "suspend", "smear", "hold", "catch", "tail", "watch", "track",
    "desert", "strike", "club", "buy",
})
# Nouns a trigger may modify as the name of a place or thing ("detention center", "surveillance camera").
_FACILITIES = frozenset({
    "center", "centre", "facility", "camp", "cell", "house", "site", "prison", "building", "station", "compound",
    "chamber", "room", "point", "checkpoint", "gate", "post", "office", "unit", "bureau", "equipment", "camera",
    "device", "law", "policy", "warrant", "record", "rate", "figure", "statistic", "data", "route", "network",
})
# Words that report an accusation, whose content is not asserted ("accused of", "on suspicion of").
_ACCUSATIONS = frozenset({"accuse", "accused", "suspicion", "suspect", "charge", "allegation", "allege", "convict"})


def _located_in(facility: Token) -> bool:
    """ "in/at a detention center": the facility locates another predicate ("held at", "beaten in");
    "taken to a detention center" is itself the detention."""
    prep = facility.head
    return facility.dep_ == "pobj" and prep.lower_ in ("in", "at", "inside", "within", "near")


# Punishments whose "for" clause names the offence as the punisher defines it, like an
# accusation ("jailed for attempting to defect", "arrested for crossing the border").
_PUNISHMENTS = frozenset({
    "arrest", "jail", "detain", "imprison", "sentence", "punish", "penalise", "penalize", "fine", "execute", "convict",
})
# What an accusation suspends: acts of the accused that are offences only to the accuser
# ("accused of helping people flee", "on suspicion of smuggling North Koreans"). "Accused of
# killing" still reports a killing.
_ACCUSED_ACTS = frozenset({"border_crossing_defection", "other", "smuggle", "smuggling"})
# Free-choice pronouns: a predicate about "anyone caught" is a rule, not an event.
_FREE_CHOICE = frozenset({"anyone", "anybody", "whoever", "whomever"})


def _free_choice(tok: Token) -> bool:
    if tok.dep_ in ("acl", "relcl") and tok.head.lower_ in _FREE_CHOICE:
        return True
    host = tok
    while host.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in host.children):
        host = host.head
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in _FREE_CHOICE for c in host.children) and tok.pos_ == "VERB"


def _imperative(verb: Token) -> bool:
    """A bare verb with no subject or auxiliary heading a clause: an instruction, not a report."""
    if verb.tag_ != "VB" or verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl", "csubj") for c in verb.children)


# Particles of phrasal triggers that may stand after the object ("handed them over").
_PARTICLES = frozenset({"back", "over", "home", "away", "up", "down", "off", "out", "in"})


def _split_particle(tok: Token, parts: tuple[str, ...]) -> bool:
    """A two-word phrasal verb trigger with its object in between: "sent the ringleaders back"."""
    if len(parts) != 2 or parts[1] not in _PARTICLES or tok.pos_ != "VERB" or not _tok_matches(tok, parts[0]):
        return False
    # "sent about 30 North Koreans, including four children, back across the bridge": the parser
    # may hang the particle on a preposition of the verb
    hosts = [tok, *(c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "across", "over", "through", "into", "to"))]
    return any(c.dep_ in ("prt", "advmod") and c.lower_ == parts[1] and c.i > tok.i + 1 for h in hosts for c in h.children)


def _taken_along(obj: Token) -> list[Token]:
    """What an object brings along: "about 30 phones, along with the cash", "the radios together
    with the money", "two bicycles as well as the goods": acted on like the object (a phrase under
    the object or, as parsed, under the verb)."""
    out = [c for c in obj.children if c.dep_ == "conj"]
    for host in (obj, obj.head):
        for p in host.children:
            withs = [p] if p.lower_ == "with" and doc_word(p, -1) in ("along", "together") else []
            if p.lower_ in ("along", "together"):
                withs = [g for g in p.children if g.lower_ == "with"]
            out.extend(g for w in withs for g in w.children if g.dep_ == "pobj")
    return out


# Verbs whose "to" clause is what someone is made to do, however the parser hangs it.
_COMPELLING = frozenset({"make", "force", "compel", "coerce", "oblige"})
# Verbs that put someone out of a school, a post or a list ("barred from universities", "removed
# from his post", "struck them off the list of candidates"): what they are put out of is a "from"
# (or "off") phrase, or a gerund's object ("barred from sitting the entrance exams").
_SHUTTING_OUT = frozenset({"bar", "ban", "exclude", "remove", "dismiss", "oust", "strike", "drop"})
# Verbs that refuse someone a place ("turned down for military service", "rejected for the army"):
# what was refused is a "for" phrase.
_REFUSING = frozenset({"reject", "turn", "refuse"})
# Verbs that put people in a place of work ("assigned as a group to the mines of Tokchon",
# "assigned to the state fishery station"): where they are put is a "to" phrase.
_ASSIGNING = frozenset({"assign", "reassign"})
# Verbs that send people somewhere for a purpose ("sent the housewives to weed maize fields",
# "were deployed to rebuild flood-hit villages"): the purpose clause is what they are made to do.
_DISPATCHING = frozenset({"send", "deploy", "dispatch", "drive", "mobilize", "mobilise", "draft", "conscript"})
# Verbs whose "down" completes a demolition ("tore down about 60 houses", "pulled down the stalls").
_PULLING_DOWN = frozenset({"tear", "pull", "knock"})


_POSTURES = frozenset({"sit", "stand"})
# What makes sitting or standing a posture held as a punishment.
_HELD_POSTURE = frozenset({
    "wall", "floor", "concrete", "ground", "knees", "hours", "days", "nights", "until", "till", "morning", "repeatedly",
    "motionless", "still", "cold", "snow", "underwear", "naked", "whole", "all",
})  # fmt: skip


def _verb_conjuncts(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it ("strip and squat")."""
    return [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]


def _of_objects(tok: Token) -> list[Token]:
    """What a quantity or part is "of" ("almost all of their wages", "every bit of money")."""
    return [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def _listed_with(tok: Token) -> list[Token]:
    """The items listed after ``tok`` (conjuncts, and appositions the parser makes of a list's items)."""
    out, todo = [], [tok]
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN") and c not in out:
                out.append(c)
                todo.append(c)
    return out


def _sends_enforcers(verb: Token) -> bool:
    """ "police were deployed to clear the square": the ones sent are the state's agents, at their work
    (not "men", whom the callers at a home include: "sent 200 men to dig tunnels" is labour)."""
    sent = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(g.lemma_.lower() in _ENFORCERS or g.lower_ in _ENFORCERS for c in sent for g in (c, *_of_objects(c)))


def _acts_on(verb: Token, objects: frozenset[str]) -> bool:
    """Whether the verb's object ("checked the workers' phones", "phones were checked", "report any
    household to the police") is one of ``objects``, by lemma or lower-cased form."""
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    for c in verb.children:
        acted_on = c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and verb.tag_ == "VBN")  # "have wages taken"
        acted_on = acted_on or (c.dep_ == "dative" and verb.lemma_.lower() == "pay")  # "paid officials 9,000 yuan"
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() in objects:
            return True  # what someone is made to do: "made to dig tunnels", "forced to kneel"
        if (
            c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and verb.lemma_.lower() in _COMPELLING
            and not any(d.dep_ == "prt" for d in c.children)  # "made his wife stand up", "makes Beijing dig in"
        ):
            acts = [g for g in (*_verb_conjuncts(c), *(d for d in c.children if d.dep_ == "dobj")) if g.lemma_.lower() in objects]
            # "made her kneel" (the parser's clause), "forced the women to strip and squat" (the
            # second of two acts), "forced her to have an abortion" (what the act is done to); to
            # sit or stand is a torture only held ("facing the wall", "on the concrete", "for hours")
            if any(g.lemma_.lower() not in _POSTURES or any(t.lower_ in _HELD_POSTURE for t in g.subtree) for g in acts):
                return True
        if c.dep_ == "ccomp" and c.pos_ == "NOUN" and verb.lemma_.lower() in _COMPELLING and c.lower_ in objects and c.lower_ not in _POSTURES:
            return True  # "made her kneel on the concrete floor", with "kneel" read as a noun
        if (
            c.dep_ == "advcl" and c.pos_ == "VERB" and c.lemma_.lower() in objects
            and (verb.lemma_.lower() in _COMPELLING or (verb.lemma_.lower() in _DISPATCHING and not _sends_enforcers(verb)))
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            return True  # "were made to work 14 hours a day", "sent them to weed the fields": a clause of purpose
        lemma = verb.lemma_.lower()
        if c.dep_ in ("prep", "prt") and (
            c.lower_ in ("into", "of", "through") or (c.lower_ == "on" and not has_object) or (c.lower_ == "to" and lemma == "listen")
            or (c.lower_ in ("from", "off") and lemma in _SHUTTING_OUT) or (c.lower_ == "for" and lemma in _REFUSING)
            or (c.lower_ == "to" and lemma in _ASSIGNING)
        ):
            # "reporting to the police on everyone who visits": what a verb reports or informs on;
            # "forced into marriage", "stripped of his membership", "went through their phones"
            if any(g.dep_ == "pobj" and (g.lemma_.lower() in objects or g.lower_ in objects) for g in c.children):
                return True
            if c.lower_ == "into" and any(g.dep_ == "pcomp" and g.lemma_.lower() in objects for g in c.children):
                return True  # "dragooned into building roads", "forced into digging"
            if c.lower_ == "from" and any(
                g.dep_ == "pcomp" and any(o.dep_ == "dobj" and (o.lemma_.lower() in objects or o.lower_ in objects) for o in g.children)
                for g in c.children
            ):
                return True  # "barred from sitting the entrance exams", "banned from joining the army"
        if c.dep_ == "prep" and c.lower_ == "as" and lemma in _SHUTTING_OUT and "as" in objects and not has_object:
            # "was removed as the class's homeroom teacher": put out of a role, whichever ("dismissed
            # the report as a smear" acts on a thing)
            return True
        if not acted_on:
            continue
        # "almost all of their wages were sent": the quantity's "of" phrase is what is acted on
        heads = [c, *_of_objects(c)]
        heads += _taken_along(c)
        # "took the cards, the books and every bit of money": each thing listed, and what a part is of
        listed = [g for h in heads for g in _listed_with(h)]
        heads += listed + [g for h in listed for g in _of_objects(h)]
        if any(h.lemma_.lower() in objects or h.lower_ in objects for h in heads):
            return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "phones checked by the inspectors"
        return verb.head.lemma_.lower() in objects or verb.head.lower_ in objects
    return False


_ORDERING = frozenset({"require", "order", "force", "oblige", "compel", "make", "have", "tell", "instruct", "summon"})
_REGULAR = frozenset({"every", "each", "weekly", "daily", "monthly", "regularly", "twice", "once"})


def _ordered_to_inform(verb: Token) -> bool:
    """ "has been told to report anyone who visits", "were instructed to report passengers": an
    order, told as given (not a present rule: "heads are told to report"), to inform on people."""
    if verb.lemma_.lower() not in ("report", "inform", "denounce") or verb.dep_ != "xcomp":
        return False
    order = verb.head
    aux = {c.lower_ for c in order.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"is", "are", "am"} and not aux & {"been", "has", "have"}:
        return False  # "inminban heads are told to report ...": a standing rule, told in the present
    return order.lemma_.lower() in _ORDERING and order.tag_ in ("VBD", "VBN") and not any(c.dep_ == "neg" for c in order.children)


def _mandated_check_in(verb: Token, places: frozenset[str]) -> bool:
    """ "required to report to the village police post every Monday", "must check in with the
    police weekly": reporting to the police that is ordered or regular, with nothing reported."""
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return False  # "reported the theft to police", "reported to police that her son was missing"
    to_police = any(
        p.dep_ == "prep" and p.lower_ in ("to", "at", "with") and any(g.dep_ == "pobj" and (g.lemma_.lower() in places or g.lower_ in places) for g in p.children)
        for c in [verb, *[c for c in verb.children if c.dep_ == "prt"]] for p in c.children
    )
    if not to_police:
        return False
    ordered = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ORDERING
    regular = any(t.lower_ in _REGULAR for t in verb.subtree if t.i > verb.i)
    return ordered or regular


# Compulsory sessions where people are checked on: self-criticism and study sessions, ideological
# education, the "life review" (saenghwal chonghwa), roll calls. Held or attended on a schedule
# they are the watch kept on people (domain sets' writers: "must answer a roll call every two hours",
# "attend a study session at the state security office every Saturday").
_SESSION_VERBS = frozenset({"attend", "hold", "lead", "sit", "answer", "conduct", "run", "convene", "take"})
_SESSIONS = frozenset({"session", "sessions", "meeting", "meetings", "education", "call", "calls", "chonghwa", "review"})
_SESSION_KINDS = frozenset({"self", "criticism", "self-criticism", "study", "ideological", "political", "life", "roll", "saenghwal", "indoctrination", "loyalty"})


def _governed_by(noun: Token, verb: Token) -> bool:
    """The noun hangs on the verb through nouns and prepositions only ("attend two hours of
    ideological education"), not through another clause."""
    tok = noun
    while tok.i != verb.i:
        if tok.head.i == tok.i or tok.head.pos_ in ("VERB", "AUX") and tok.head.i != verb.i:
            return False
        tok = tok.head
    return True


def _regular_sessions(verb: Token) -> bool:
    """ "have had to attend a self-criticism session every night", "ordered to attend two hours of
    ideological education every evening", "the crew sat in a circle for saenghwal chonghwa every
    Sunday", "has held a roll call at midnight and again at 4 a.m.": sessions of checking held on a
    schedule (a roll call is one by itself)."""
    if verb.lemma_.lower() not in _SESSION_VERBS or verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("fail", "refuse", "miss", "forget"):
        return False  # "failed to answer a roll call": the lapse punished, not the check
    nouns = [
        t for t in verb.subtree
        if t.i > verb.i and t.lower_ in _SESSIONS and _governed_by(t, verb)
        and any(m.lower_ in _SESSION_KINDS or m.lemma_.lower() in _SESSION_KINDS for m in t.doc[t.left_edge.i : t.i])
    ]
    if not nouns:
        return False
    if any(n.lower_ in ("call", "calls") and n.i > 0 and n.nbor(-1).lower_ == "roll" for n in nouns):
        return True
    return any(_schedule(t) for t in verb.sent)


# Checks made on people on a schedule: "searched the dormitory every night", "counted us at the gate
# every morning and every night", "have been checking students' bags every morning" (the domain
# sets' writers: the watch kept on them, like a roll call).
SCHEDULED_CHECK = "scheduled check"
# What is checked that tells no watch on people: goods, vehicles, doors.
_THINGS_CHECKED = frozenset({"good", "goods", "door", "lock", "truck", "car", "vehicle", "cargo", "price", "quality", "stock", "equipment", "machine"})
_CHECKING = frozenset({"search", "check", "inspect", "count", "photograph", "film", "frisk", "examine"})


def _scheduled_check(verb: Token) -> bool:
    """A check of people, their homes or belongings repeated on a schedule ("every night", "every
    other day", "each morning"), by whoever does it; not one check, nor one told as a habit in general."""
    if verb.lemma_.lower() not in _CHECKING or verb.pos_ != "VERB":
        return False
    checked = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not checked or any(c.lemma_.lower() in _THINGS_CHECKED for c in checked):
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
        return False  # "I still check the door twice every night": the teller's own habit
    return any(_schedule(t) or t.lower_ == "every" and t.i + 2 < len(t.doc) and t.nbor(1).lower_ == "other" for t in verb.subtree)


# How often something is done: with a present verb and a bare plural it tells a practice.
_FREQUENTLY = frozenset({"routinely", "often", "frequently", "commonly", "regularly"})


def _present_of_a_class(verb: Token) -> bool:
    """A present-tense verb whose subject is a bare plural ("relatives of defectors are routinely
    questioned", "families are often summoned"), not "they routinely beat us" told of a stay."""
    present = verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are") for c in verb.children)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    bare = subject is not None and subject.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in subject.children)
    return present and bare


_VISITING = frozenset({"visit", "come", "call"})  # "call": only calling at or on a home (``_regular_visit``)
_CALLERS = frozenset({"police", "policeman", "policemen", "officer", "officers", "official", "officials", "agent", "agents", "man", "men", "inspector", "inspectors", "guard", "guards"})
_ENFORCERS = (_CALLERS - {"man", "men"}) | {"troop", "troops"}
_VISITED = frozenset({"house", "home", "household", "flat", "apartment", "workplace", "family", "families", "dormitory"})


_LISTING = frozenset({"hand", "submit", "keep", "compile", "send", "give", "draw"})
_WATCHERS = frozenset({"mss", "police", "bowibu", "security", "agent", "agents", "officer", "officers", "inminban"})


def _ordered_list(verb: Token) -> bool:
    """A list of people handed in on orders or on a schedule, or kept by the watchers: "ordered to
    hand in weekly lists of residents", "told to hand in a list every Monday", "the MSS keeps a
    list of every household with a member in South Korea". Not a list anyone else compiles."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() == "list" for c in verb.children):
        return False
    ordered = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ORDERING
    scheduled = any(_schedule(t) for t in verb.subtree)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    by_watchers = subject is not None and any(t.lower_ in _WATCHERS for t in subject.subtree)
    return ordered or scheduled or (by_watchers and verb.lemma_.lower() == "keep")


#: The phrase of a trigger for people taken over a border river by someone ("a broker took me across the Yalu").
TAKEN_ACROSS = "taken across"
_GUIDING = frozenset({"take", "lead", "guide", "bring", "smuggle", "carry", "help"})
_BORDER_WATERS = frozenset({"yalu", "tumen", "mekong", "amnok", "duman", "river", "border", "frontier"})


def _taken_across(verb: Token) -> bool:
    """ "paid a broker to take me across the Yalu", "my mother took my brother and me across the
    river at night": people brought over a border by a guide (not "taken back across the border",
    a return, nor "driven across the bridge" in custody)."""
    if verb.lemma_.lower() not in _GUIDING or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    if any(c.dep_ in ("advmod", "prt") and c.lower_ == "back" for c in verb.children):
        return False
    if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # "waited for a boat to carry them across the Mekong": what was to come
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "use":
        return False  # "a man who used to guide people across the Tumen": a trade, not one crossing
    if any(t.lemma_.lower() in ("abduct", "kidnap", "sell", "traffic") for t in verb.sent):
        return False  # "abducted six women, took them across the Tumen and sold them": the trafficking
    return any(
        c.dep_ == "prep" and c.lower_ in ("across", "over") and any(g.dep_ == "pobj" and (g.lower_ in _BORDER_WATERS or g.lemma_.lower() in _BORDER_WATERS) for g in c.children)
        for c in verb.children
    )


#: The phrase of a trigger for people conveyed under guard ("was flown to Pyongyang under guard"):
#: a return only towards home (incidents.py, as for a boarding).
UNDER_GUARD = "under guard"
_CONVEYED = frozenset({"fly", "take", "send", "drive", "escort", "carry", "ship", "transport", "bring", "move", "walk"})


def _under_guard(verb: Token) -> bool:
    """ "was flown to Pyongyang under guard", "flown home under guard", "taken under escort to the
    border station": people moved in someone's custody."""
    if verb.lemma_.lower() not in _CONVEYED or verb.pos_ != "VERB":
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "under" and any(g.dep_ == "pobj" and g.lemma_.lower() in ("guard", "escort") for g in c.children)
        for c in verb.children
    )


#: The phrase of a trigger for North Koreans at work (kept abroad only).
DISPATCHED_WORK = "north koreans at work"
_DISPATCHED_WORK = frozenset({"work", "build", "sew", "gut", "peel", "fell", "load", "pour", "construct", "labor", "labour", "toil", "process", "haul", "dig", "mine", "fish"})


def _north_koreans_at_work(verb: Token) -> bool:
    """ "North Korean workers have been building ...", "120 North Korean women sewing jackets",
    "North Koreans who had been building towers": the workers are named as North Korean."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("acl", "relcl"):
        subject = verb.head
    return subject is not None and _north_korean(subject, before=verb.i)


_DISPATCHED = frozenset({"worker", "laborer", "labourer", "builder", "logger", "crewman", "sailor", "fisherman", "seamstress"})


def _north_korean(noun: Token, before: int | None = None) -> bool:
    """The noun is named as North Korean ("three North Korean workers", "a North Korean logger";
    up to token ``before``: "tens of thousands of North Koreans" still work)."""
    bound = noun.i + 1 if before is None else before
    words = [t.lower_ for t in noun.subtree if t.i < bound] or [noun.lower_]
    return any(a == "north" and b in ("korean", "koreans") for a, b in zip(words, words[1:]))


def _regular_visit(verb: Token) -> bool:
    """ "came to her house every week", "visited the Song household every month", "had begun
    visiting North Korean women at home": officials calling on people regularly."""
    if verb.lemma_.lower() == "call" and not any(c.dep_ == "prep" and c.lower_ in ("at", "on") for c in verb.children):
        return False  # "called at her house every few days", not "called her every week"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "xcomp" and subject is None:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in _CALLERS and subject.lower_ not in _CALLERS:
        return False
    after = [t for t in verb.subtree if t.i > verb.i]
    at_home = any(t.lower_ in _VISITED or t.lemma_.lower() in _VISITED for t in after)
    if verb.lemma_.lower() == "visit":
        at_home = at_home or any(c.dep_ == "dobj" for c in verb.children)
    if any(t.lemma_.lower() in ("warn", "threaten") for t in verb.sent):
        return False  # "visited the flat twice and warned Kim": the writers' threat
    # the schedule may hang on the verb that governs the visits ("began visiting the family's home
    # every month"); visits that began are a practice that goes on ("had begun visiting women at home")
    began = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("begin", "start")
    often = any(c.dep_ == "advmod" and (c.lower_ in _FREQUENTLY or _schedule(c)) for c in verb.children)  # "regularly visit the homes"
    return at_home and (began or often or any(_schedule(t) for t in verb.sent if t.i > verb.i))


#: The phrase of a trigger for the state's agents telephoning someone on a schedule.
REGULAR_CALLS = "regular calls"
_PHONING = frozenset({"call", "phone", "ring", "telephone"})


def _regular_calls(verb: Token) -> bool:
    """ "the police call me every week to ask where I am", "an MSS agent phones her mother every
    month": the state's agents checking on someone by telephone on a schedule. Not anyone else's
    calls, not one call, and not calls that warn (the threat is the incident)."""
    if verb.lemma_.lower() not in _PHONING or verb.pos_ != "VERB":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in _ENFORCERS and subject.lemma_.lower() not in _ENFORCERS:
        return False
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    if any(t.lemma_.lower() in ("warn", "threaten") for t in verb.sent):
        return False
    return any(_schedule(t) for t in verb.subtree if t.i > verb.i)


# Ways people are moved in custody, and what they are moved over.
_CONVEYING = frozenset({"drive", "walk", "take", "march", "escort", "bus", "truck", "ferry", "lead", "transport"})
_CROSSINGS = frozenset({"bridge", "border", "river", "frontier"})
_TRAVELLERS = frozenset({"tourist", "visitor", "delegation", "guest", "journalist", "reporter", "athlete", "team", "trader", "businessman", "official", "diplomat"})


def _driven_across(verb: Token) -> bool:
    """ "were driven across the Friendship Bridge to Sinuiju", "were walked across the bridge in
    handcuffs", "was taken back across the border": people (the passive's subject) conveyed over a
    border bridge, or back over the border."""
    if verb.lemma_.lower() not in _CONVEYING or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lemma_.lower() in _TRAVELLERS:
        return False  # "tourists were driven across the bridge for a day trip"
    back = any(c.dep_ in ("advmod", "prt") and c.lower_ == "back" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("across", "over"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.lemma_.lower() == "bridge" or (back and obj.lemma_.lower() in _CROSSINGS)):
                return True
    return False


# Ways over water, and what a boat crosses to leave ("sailed a fishing boat south across the
# maritime border", "heading for the Northern Limit Line", "swam out to a Chinese fishing boat").
_SAILING = frozenset({"sail", "steer", "row", "motor", "paddle"})
_GOING_BY_WATER = _SAILING | {"swim", "head"}
_SEA_BORDERS = frozenset({"border", "nll", "frontier", "boundary"})
_VESSELS = frozenset({"boat", "ship", "vessel", "trawler", "junk"})
_FOREIGN_FLAGS = frozenset({"chinese", "south", "japanese", "russian"})


def _leaves_by_sea(verb: Token) -> bool:
    """People who take a boat over the sea border, south, or make for a foreign boat: "sailed a
    fishing boat south (across the maritime border)", "a motorboat that was heading for the Northern Limit Line",
    "swam out to a Chinese fishing boat anchored off the village". Not a trip to a boat of one's
    own country, nor "headed for the market"."""
    if verb.lemma_.lower() not in _GOING_BY_WATER or verb.pos_ != "VERB":
        return False
    if verb.lemma_.lower() in _SAILING and any(c.dep_ in ("advmod", "prt") and c.lower_ == "south" for c in verb.children):
        return True  # "sailed a fishing boat south": to the South
    hosts = [verb, *(c for c in verb.children if c.dep_ in ("advmod", "prt") and c.lower_ in ("out", "south", "off"))]
    for prep in (p for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ in ("across", "over", "to", "toward", "towards", "for")):
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        words = {t.lower_ for t in obj.subtree}
        if obj.lemma_.lower() in _SEA_BORDERS and (prep.lower_ in ("across", "over") or "maritime" in words or "sea" in words or obj.lower_ == "nll"):
            return True
        if obj.lower_ == "line" and "limit" in words:
            return True  # "the Northern Limit Line"
        if obj.lemma_.lower() in _VESSELS and prep.lower_ in ("to", "toward", "towards") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in _FOREIGN_FLAGS for c in obj.children
        ):
            return True
    return False


# Words of custody and questioning: sleep kept from someone there is done to them ("the baby kept
# her awake" is not).
_QUESTIONING_WORDS = frozenset({
    "question", "questioning", "interrogate", "interrogation", "interrogator", "investigator", "agent", "guard",
    "officer", "police", "custody", "detention", "cell", "detainee", "prisoner", "inmate", "punishment",
})


def _sleep_denied(verb: Token) -> bool:
    """ "kept him awake", "questioned ... without being allowed to sleep", "deprived of sleep",
    "stand guard for two nights without sleep", in custody or under questioning."""
    lemma = verb.lemma_.lower()
    denied = lemma == "keep" and any(c.lower_ == "awake" for c in verb.children)
    for c in verb.children:
        if not denied and c.dep_ == "prep" and (c.lower_ == "without" or (c.lower_ == "of" and lemma == "deprive")):
            denied = any(g.lemma_.lower() == "sleep" for g in c.subtree)
    return denied and any(t.lemma_.lower() in _QUESTIONING_WORDS for t in verb.sent)


def _kept_in_custody(verb: Token) -> bool:
    """ "the county State Security office kept the three for over a month", "the security ministry
    kept her for about seven weeks", "kept in prison": someone kept for a span of time, or at a
    place that is custody by its name alone (``_CUSTODY_PLACES``), is held. Weak: the kept must be
    people."""
    if verb.lemma_.lower() != "keep":
        return False
    # "was taken to the city security department and kept there for two nights": the passive's
    # subject is the conjunct's
    shared = (
        verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "nsubj" for c in verb.children)
        and any(c.dep_ == "nsubjpass" for c in verb.head.children)
    )
    if not shared and not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    if any(c.dep_ in ("acomp", "xcomp", "oprd", "prt") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)) for c in verb.children):
        return False  # "kept him awake", "kept them working", "kept up", "kept on farms to bring in the harvest"
    spans = custody = elsewhere = room = False
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        objs += [d for g in objs if g.dep_ == "pcomp" for d in g.children if d.dep_ == "dobj"]  # "at (building) sites"
        spans = spans or (c.lower_ == "for" and any(g.lemma_.lower() in _SPANS for g in c.subtree))  # "for (over) a month"
        if c.lower_ in ("at", "in", "on"):
            custody = custody or any(g.lemma_.lower() in _CUSTODY_PLACES for g in objs)
            # a place of another kind ("at building sites", "on farms"), not a time ("in May")
            elsewhere = elsewhere or any(
                g.pos_ == "NOUN" and g.ent_type_ not in ("DATE", "TIME") and g.lemma_.lower() not in _CUSTODY_PLACES | _ROOMS_OF_AGENTS for g in objs
            )
            room = room or any(g.lemma_.lower() in _ROOMS_OF_AGENTS for g in objs)
    # "kept at building sites for two months" is labour, not custody; "kept in a storeroom at the
    # factory for a week": the room is where, the factory only where the room is
    return custody or (spans and (room or not elsewhere))


def _spent_in_custody(verb: Token) -> bool:
    """ "spent 40 days in the county police cells", "spent three weeks in an MSS interrogation
    facility": time spent where people are held (``_HOLDING_PLACES``; a centre or facility only of
    detention by its modifiers, ``_HOLDING_KINDS``)."""
    if verb.lemma_.lower() != "spend" or not any(c.dep_ == "dobj" and c.lemma_.lower() in _SPANS for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in ("in", "at"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if g.lemma_.lower() in _HOLDING_PLACES or g.lower_ in _HOLDING_PLACES:
                return True
            if g.lemma_.lower() in ("facility", "center", "centre") and any(
                m.dep_ in ("compound", "amod") and m.lower_ in _HOLDING_KINDS for m in g.children
            ):
                return True
    return False


def _taken_in(verb: Token) -> bool:
    """ "took her mother in for three days of questioning", "was taken in for questioning by
    police", "were taken in by the Ministry of State Security", "was taken in for selling copper
    cable": taken into custody."""
    if verb.lemma_.lower() != "take" or not any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for" and any(t.lemma_.lower() in ("questioning", "interrogation", "investigation") for t in c.subtree):
            return True
        if c.dep_ == "agent" and any(t.lower_ in ("police", "security", "mss", "bowibu", "officers", "agents") for t in c.subtree):
            return True
    # "was taken in at the end of September for selling copper cable": for a charge (the parser may
    # hang the "for" on a phrase of the verb's)
    return any(_charge(t) and _in_phrases_of(t, verb) for t in verb.subtree)


def _charge(prep: Token) -> bool:
    """ "for selling copper cable": "for" and a gerund, what someone is held for."""
    return prep.dep_ == "prep" and prep.lower_ == "for" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)


def _in_phrases_of(tok: Token, verb: Token) -> bool:
    """``tok`` hangs on ``verb`` through prepositional phrases only (not inside another clause)."""
    node = tok
    while node.i != verb.i:
        if node.dep_ not in ("prep", "pobj"):
            return False
        node = node.head
    return True


_TIME_UNITS = frozenset({
    "day", "week", "month", "year", "morning", "evening", "night", "weekend",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})


def _schedule(tok: Token) -> bool:
    """ "every week", "each Friday", "once a month", "twice a week", "weekly", "regularly"."""
    if tok.lower_ in ("weekly", "daily", "monthly", "regularly"):
        return True
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ == "every" and nxt is not None and nxt.lower_ in ("few", "other", "couple", "several") and tok.i + 2 < len(tok.doc):
        # "every few days", "every other week", "every couple of months"
        unit = tok.nbor(2) if tok.nbor(2).lower_ != "of" or tok.i + 3 >= len(tok.doc) else tok.nbor(3)
        return unit.lower_ in _TIME_UNITS or unit.lemma_.lower() in _TIME_UNITS
    if tok.lower_ in ("every", "each") and nxt is not None:
        return nxt.lower_ in _TIME_UNITS or nxt.lemma_.lower() in _TIME_UNITS or nxt.like_num
    if tok.lower_ in ("once", "twice") and nxt is not None and nxt.lower_ in ("a", "per", "every") and tok.i + 2 < len(tok.doc):
        return tok.nbor(2).lemma_.lower() in _TIME_UNITS
    return False


def _ordered_regime(verb: Token, reason: str) -> bool:
    """Not asserted only because it is ordered or obligatory ("required to report to the police",
    "must attend a study session"): for a check-in or a session, the order is the regime itself."""
    return reason == "demand" or (reason == "modal" and _obliged(verb))


def _obliged(verb: Token) -> bool:
    """ "must report", "have to report", "has had to report": a modal of obligation, not of possibility."""
    if any(c.dep_ == "aux" and c.lower_ in ("must", "shall") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "have" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_SOURCING = frozenset({"cite", "quote", "credit", "attribute"})
# Conjunctions of a clause of time or cause: the main clause's negation does not reach into it.
_TIME_CAUSE_MARKS = frozenset({"since", "after", "before", "because", "when", "once", "until", "as"})


def _particle(tok: Token) -> bool:
    """A particle, or a preposition with no object the parser took for one ("was called in two
    days later": "in" parsed as a preposition)."""
    return tok.dep_ == "prt" or (tok.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in tok.children))


def _summoning(verb: Token) -> bool:
    """ "called in the families", "called up the relatives": a demand verb with a particle that
    summons someone, or one that asks for refuge, is not an appeal."""
    if any(_particle(c) and c.lower_ in ("in", "up") for c in verb.children):
        return True
    if verb.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ in ("to", "into", "before") for c in verb.children):
        return True  # "were called to the city police station and fined": summoned somewhere
    # "sought asylum at the consulate": a flight, not an appeal
    return verb.lemma_.lower() == "seek" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("asylum", "protection", "refuge") for c in verb.children)


# What turns a summons into intimidation: a warning, a threat or an order given at it ("summoned
# the relatives and warned them", "called in the parents and made them sign pledges").
_PRESSING = frozenset({
    "warn", "threaten", "tell", "order", "make", "force", "demand", "instruct", "pressure", "urge", "press",
    "sign", "pledge", "hand", "coerce", "intimidate", "forbid", "ban", "bar",
})


# Where people are summoned to ("called to the ministry office").
_SUMMONED_TO = frozenset({"office", "station", "bureau", "headquarters", "ministry", "department", "committee", "post"})


def _summons(verb: Token) -> bool:
    """ "summoned her to the MSS office", "called in the relatives", "was called to the ministry
    office": people made to come before the authorities."""
    lemma = verb.lemma_.lower()
    if lemma == "summon":
        return True
    if lemma != "call" or verb.pos_ != "VERB":
        return False
    if any(_particle(c) and c.lower_ == "in" for c in verb.children):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.dep_ == "pobj" and o.lemma_.lower() in _SUMMONED_TO for o in c.children)
        for c in verb.children
    )


def _bare_summons(verb: Token) -> bool:
    """A summons with no warning, threat or order given at it: the writers' "other" (people made to
    appear and be questioned), not intimidation."""
    clause = [verb, *(c for c in verb.children if c.dep_ in ("conj", "xcomp", "advcl", "ccomp"))]
    if verb.dep_ == "conj":
        clause.append(verb.head)
    return not any(t.lemma_.lower() in _PRESSING for v in clause for t in v.subtree if t.pos_ in ("VERB", "NOUN"))


def _named_as_source(noun: Token) -> bool:
    """ "citing an informant", "quoted an informant as saying", "according to an informant": the
    noun names where the report comes from."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SOURCING:
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "from", "by") and noun.head.head.lemma_.lower() in _SOURCING | {"according"}:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "to" and doc_word(noun.head, -1) == "according"


def _misparsed_face(tok: Token) -> bool:
    """ "(those returned) face interrogation, torture and imprisonment", with the verb "face" parsed
    as a noun modifying the first noun of the list: the prospect, not an event."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in ("threat", "surveillance", "harassment", "pressure"):
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ == "NOUN":
        node = node.head
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in ("face", "faces") and c.i < node.i for c in node.children)


def _present_relative_on_class(tok: Token) -> bool:
    """A present-tense relative clause on a bare plural ("North Koreans who cross the border
    without papers", "workers who leave their posts"): the clause defines a class of people."""
    if tok.dep_ != "relcl" or tok.tag_ not in ("VBP", "VBZ") or tok.pos_ != "VERB":
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    return _bare_plural(tok.head)


def _gerund_subject(tok: Token) -> bool:
    """A gerund clause with no subject of its own that is the subject of another verb ("forcibly
    returning refugees breaches the convention"): the act is the topic of a claim, not a report."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.tag_ != "VBG" or node.dep_ not in ("csubj", "csubjpass", "ROOT"):
        return False  # ROOT: the parse that loses the finite verb after a long gerund subject
    return not any(c.dep_ in ("nsubj", "nsubjpass", "poss", "aux", "auxpass", "expl") for c in node.children)


def _bare_plural(noun: Token) -> bool:
    """ "refugees", "North Koreans": a plural with no determiner, number or possessor."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in noun.children)


def _generic_reduced_relative(tok: Token) -> bool:
    """A participle describing a bare plural that is the subject of a present-tense verb ("women
    trafficked into China are rarely found", "refugees sent back by China face prison"): the
    clause characterises a class, it does not tell an event. Also the parse that makes the
    participle the main verb and the present-tense verb its dependant."""
    if tok.tag_ not in ("VBN", "VBD") or tok.pos_ != "VERB" or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    if any(c.ent_type_ in ("DATE", "TIME") for c in tok.subtree):
        return False  # "refugees sent back last week face prison": a dated event
    if tok.dep_ == "acl":
        noun = tok.head
        verb = noun.head
        present = verb.tag_ in ("VBP", "VBZ") or (verb.dep_ == "ROOT" and verb.pos_ == "NOUN")  # "face" mis-tagged
        return _bare_plural(noun) and noun.dep_ in ("nsubj", "nsubjpass") and present
    if tok.tag_ == "VBD":
        # an active past tense with a "by" agent is a misparsed reduced relative ("refugees sent back
        # by Laos face ..."): the participle describes the bare plural, the sentence is about the class
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        has_agent = any(c.dep_ == "agent" for c in tok.children)
        dated = any(t.ent_type_ in ("DATE", "TIME") for t in tok.sent)
        return bool(subj and has_agent and not dated and _bare_plural(subj[0]))
    return False


# Indefinite persons: "someone who was sent back" describes a kind of person, not an event.
_INDEFINITE_PERSONS = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody"})
# Nouns of kinship or belonging: "the relatives of people who fled" are a class of people.
_KIN = frozenset({
    "relative", "family", "child", "parent", "friend", "member", "spouse", "wife", "husband", "sibling",
    "brother", "sister", "son", "daughter", "household", "kin", "dependant", "dependent",
})


# Words that date a phrase by themselves: month names, seasons, "yesterday", "(two years) ago".
_MONTHS = frozenset(m.lower() for m in calendar.month_name if m) | {"spring", "summer", "autumn", "winter", "yesterday", "ago"}


def _dated(tok: Token) -> bool:
    """Whether a phrase names its time ("in May", "last March", "in 2019", "two years ago")."""
    return any(
        t.ent_type_ in ("DATE", "TIME") or (t.lower_ in _MONTHS and t.tag_ != "MD") or (t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20"))
        for t in tok.subtree
    )


def _class_relative(tok: Token) -> bool:
    """A relative clause on an indefinite person ("everyone knows someone who has been sent back")
    or on a bare plural under a kin noun ("the relatives of people who fled"): it says what kind of
    person is meant and tells no event, unless it dates one ("someone who was sent back in May")."""
    if tok.dep_ != "relcl" or _dated(tok):
        return False
    noun = tok.head
    if noun.lower_ in _INDEFINITE_PERSONS:
        return True
    return (
        _bare_plural(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in _KIN
    )


_KIND_DETERMINERS = frozenset({"a", "an", "such", "any", "every"})


def _kind_characterised(tok: Token) -> bool:
    """An act named as a kind and characterised by a copula ("a public trial like this one is a
    message", "an arrest of this kind is a signal", "such a trial is a lesson"): what such acts
    mean, not one that happened."""
    noun = tok.head if tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN" else tok
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or noun.head.lemma_ != "be" or _dated(noun):
        return False
    if not any(c.dep_ in ("attr", "acomp") for c in noun.head.children):
        return False
    kind = any(c.dep_ in ("det", "predet", "amod") and c.lower_ in _KIND_DETERMINERS for c in noun.children)
    return kind or any(c.dep_ == "prep" and c.lower_ == "like" for c in noun.children)


def _under_gerund_topic(tok: Token) -> bool:
    """A predicate on an act named by a subjectless gerund ("returning them amounts to sending
    them back", "deporting them would mean handing them over"): what the act would be, not an act
    told. The topic comes first: a gerund after the trigger is a misparse of a list ("charged ...
    for protesting, assisting medics", she said)."""
    path = {tok.i, *(a.i for a in tok.ancestors)}
    for a in tok.ancestors:
        for c in a.children:
            if c.i not in path and c.i < tok.i and c.dep_ in ("csubj", "csubjpass") and c.tag_ == "VBG" and not any(
                g.dep_ in ("nsubj", "nsubjpass", "poss", "expl") for g in c.children
            ):
                return True
    return False


def _licensed_infinitive(tok: Token, licences: frozenset[str], demands: frozenset[str]) -> bool:
    """A to-infinitive that says what someone may or must do, whatever the parse attaches it to:
    "were given new powers to search homes", "have the right to confiscate phones", "resolutions
    required member states to send all workers home"."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1), None)
    if to is None:
        return False
    for k in range(to.i - 1, max(tok.sent.start, to.i - 7) - 1, -1):
        word = tok.doc[k]
        if word.pos_ == "NOUN" and word.lemma_.lower() in licences:
            return True
        if word.tag_.startswith("VB") or word.pos_ == "AUX":
            return word.lemma_.lower() in demands and word.tag_ in ("VBN", "VBD", "VBZ", "VBP")
    return False


def doc_word(tok: Token, offset: int) -> str:
    i = tok.i + offset
    return tok.doc[i].lower_ if 0 <= i < len(tok.doc) else ""


# Custodial questioning verbs: done inside a detention facility they are the detention itself.
_QUESTIONING = frozenset({"interrogate", "question", "grill"})
_CUSTODY_WORDS = frozenset({"detention", "holding", "prison", "jail", "interrogation", "custody"})


def _in_custody_facility(verb: Token) -> bool:
    """ "interrogated for weeks at a police detention centre": the verb (or a phrase under it) is
    located in a facility named as a place of custody."""
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "inside", "within"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in _FACILITIES and any(
                c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in _CUSTODY_WORDS for c in obj.children
            ):
                return True
    return False


# Places that hold people while they are questioned, and spans of days: questioning at one, or for
# days, is custody ("questioned for 10 days at a government facility").
_QUESTIONING_PLACES = frozenset({"center", "centre", "facility", "prison", "jail", "camp", "cell", "compound"})
_LONG_SPANS = frozenset({"day", "week", "month", "year"})


#: questioned for fewer days than this, at no named place, is questioning (codebook "other": the
#: writers code "questioned for two days in May" so), not a detention ("questioned for 10 days")
_DAYS_HELD = 7


def _a_few_days(span: Token) -> bool:
    """ "two days", "a day": a span of days shorter than ``_DAYS_HELD``."""
    if span.lemma_.lower() != "day":
        return False
    number = next((c for c in span.children if c.dep_ == "nummod"), None)
    if number is None:
        return any(c.lower_ in ("a", "one") for c in span.children)
    count = parse_count(number.text)
    return count is not None and count < _DAYS_HELD


def _repeated(verb: Token) -> bool:
    """An act told as done again and again or to one after another ("almost daily", "every day",
    "one by one", "three days each")."""
    words = [t.lower_ for t in verb.sent]
    return "daily" in words or "each" in words or any(a == "one" and b == "by" for a, b in zip(words, words[1:])) or any(_schedule(t) for t in verb.sent)


def _at_home(verb: Token) -> bool:
    """Told as done at someone's home ("questioned the family for two weeks at their home")."""
    return any(t.dep_ == "pobj" and t.lemma_.lower() in ("home", "house", "flat", "apartment") and t.head.lower_ in ("at", "in") for t in verb.subtree)


def _held_while_questioned(verb: Token) -> bool:
    """ "questioned for 10 days by intelligence officials", "being questioned at the MSS holding
    center": someone held while questioned (not "questioned the pastor about his contacts")."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ == "for" and obj.lemma_.lower() in _LONG_SPANS:
                # "questioned almost daily for three weeks", "one by one ... for three days each":
                # sessions of questioning over a span, not custody through it
                return not _a_few_days(obj) and not _repeated(verb) and not _at_home(verb)
            if prep.lower_ in ("at", "in", "inside") and obj.lemma_.lower() in _QUESTIONING_PLACES:
                return True
    return False


# Verbs of keeping someone, or being, in a place: in a place of custody they tell a detention.
_STAYS = frozenset({"be", "keep", "hold", "detain", "confine", "lock", "spend", "put", "place", "throw", "remain", "stay", "languish"})
_DURATIONS = frozenset({"day", "week", "month", "year", "night", "hour", "decade", "time"})
# The spans someone is kept for ("kept the three for over a month"): measured ones, not "a time".
_SPANS = _DURATIONS - {"decade", "time"}
# Places that are custody by their name alone ("died in custody", "in the prison camp").
_CUSTODY_PLACES = frozenset({"custody", "detention", "prison", "jail", "gaol", "camp", "cell", "kyohwaso", "kwanliso", "gulag"})
# Where time spent is time held: not a prison or camp, where a term served is a sentence.
_HOLDING_PLACES = (_CUSTODY_PLACES - {"prison", "gaol", "camp", "kyohwaso", "kwanliso", "gulag"}) | {"cells", "lockup", "lock-up"}
_HOLDING_KINDS = frozenset({"detention", "holding", "interrogation", "pretrial", "pre-trial", "police", "security", "mss", "bowibu"})
# Offices and rooms where people are kept for a span ("kept her at the station for five days",
# "kept in a storeroom for three days", "held at the county office for four nights"): custody by
# the span, unlike a place of work ("kept at building sites for two months").
_ROOMS_OF_AGENTS = frozenset({
    "station", "office", "department", "bureau", "bowibu", "headquarters", "center", "centre", "facility",
    "room", "storeroom", "basement", "cellar", "hostel", "guesthouse", "branch", "barracks",
})


def _custody_stay(facility: Token) -> Token | None:
    """ "kept the returnees at its holding center", "the family is still at the holding center":
    the verb that keeps someone (or has someone be) in a place of custody."""
    if not _located_in(facility):
        return None
    verb = facility.head.head
    if verb.lemma_.lower() in _DURATIONS and verb.dep_ in ("dobj", "npadvmod"):
        verb = verb.head  # "spent two months in a detention centre": the time spent holds the place
    if verb.lemma_.lower() in _STAYS and verb.pos_ in ("VERB", "AUX"):
        return verb
    return None


def _custody_place(noun: Token) -> bool:
    """A noun naming a place of custody: by itself ("custody", "a prison camp"), by its modifiers
    ("a detention facility", "the MSS holding cell"), or as a definite "the centre" when the text
    named a custody facility with that noun before."""
    lemma = noun.lemma_.lower()
    if lemma in _CUSTODY_PLACES:
        return True
    if lemma not in _FACILITIES:
        return False
    if any(c.dep_ in ("compound", "amod", "nmod") and {c.lemma_.lower(), c.lower_} & (_CUSTODY_WORDS | _CUSTODY_PLACES) for c in noun.children):
        return True  # ("holding" as an adjective has the lemma "hold")
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    return any(
        t.lemma_.lower() == lemma and any(c.dep_ in ("compound", "amod", "nmod") and {c.lemma_.lower(), c.lower_} & _CUSTODY_WORDS for c in t.children)
        for t in noun.doc[: noun.i]
    )


# People named by their custody: their death is a death in custody.
_HELD_PEOPLE = frozenset({"prisoner", "inmate", "detainee", "convict"})


def _prison_labour(verb: Token) -> bool:
    """ "prisoners loaded kilns and carried sacks in two shifts", "the inmates have been working in
    the paddies", "where prisoners quarry limestone": the work of people held is forced labour."""
    if verb.lemma_.lower() not in _LABOUR_VERBS and verb.lemma_.lower() != "quarry":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "loaded kilns and carried sacks"
    return subject is not None and subject.lemma_.lower() in _HELD_PEOPLE


def _died_in_custody(verb: Token, work_sites: frozenset[str] = frozenset()) -> bool:
    """ "died at the center", "died in custody", "died in a holding cell": a death in a place of
    custody is a killing the custodian answers for (codebook), whoever caused it. So is the death of
    people named as held ("at least 20 prisoners died of hunger"), and a death at a site of the
    labour the profile watches (lexicon "work_sites": "died at the compound", "died in a tunnel
    collapse at a mine"), and a death told with care refused ("died after the guards refused to
    take him to a hospital")."""
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _HELD_PEOPLE for c in verb.children):
        return True
    if any(c.dep_ == "nsubj" and any(t.dep_ == "pobj" and _custody_place(t) for t in c.subtree) for c in verb.children):
        return True  # "A woman held at the police detention center in Tanchon died early this month"
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _DISPATCHED and _north_korean(c) for c in verb.children):
        return True  # "a North Korean worker died after falling into an elevator shaft": the labour system's dead

    def places(tok: Token) -> list[Token]:
        return [o for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "inside")
                for o in prep.children if o.dep_ == "pobj"]

    for o in places(verb):
        if _custody_place(o) or o.lemma_.lower() in work_sites:
            return True
        if any(w.lemma_.lower() in work_sites for w in places(o)):
            return True  # "died in a collapse at a mine"
    return _care_refused(verb)


# Care whose refusal by those in charge makes a death theirs to answer for.
_CARE = frozenset({"hospital", "ambulance", "doctor", "treatment", "medicine", "medication", "clinic", "care", "medic"})


def _care_refused(verb: Token) -> bool:
    """ "died after the guards refused to take him to a hospital", "the manager refused to call an
    ambulance, and the man died before one arrived": a death told with care withheld."""
    for tok in verb.sent:
        if tok.lemma_.lower() in ("refuse", "deny", "withhold") and tok.pos_ == "VERB":
            if any(w.lemma_.lower() in _CARE for w in tok.subtree):
                return True
    return False


_TERRITORIES = frozenset({"country", "territory", "nation", "province", "region", "city", "area", "island", "kingdom"})


_STATE_ENTS = ("GPE", "LOC", "NORP")


def _from_membership(verb: Token) -> bool:
    """ "expelled him from the college / the party / the Youth League", "was expelled in April": put
    out of a body he belonged to (a punishment, as annotators code it), not out of a country
    ("expelled from China", "expelled to North Korea", "Thai authorities expelled them": a
    deportation). With no place it is put out of or to, nor a state doing it, the body is meant."""
    preps = [p for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ in ("from", "to", "into", "across", "over")]
    for prep in preps:
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if prep.lower_ != "from" or obj.ent_type_ in _STATE_ENTS or obj.lemma_.lower() in _TERRITORIES:
            return False
        if obj.pos_ in ("NOUN", "PROPN"):
            return True
    if preps or any(c.lower_ in ("back", "home") for c in verb.children):
        return False
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    return not any(t.ent_type_ in _STATE_ENTS for d in doers for t in d.subtree)


# Whom people send their own money to ("sending wages to their families").
_OWN_PEOPLE = frozenset({"family", "families", "relative", "relatives", "parent", "parents", "mother", "father", "wife", "husband", "child", "children", "son", "daughter", "home"})


_WAGES = frozenset({"wage", "wages", "salary", "salaries", "earnings", "income", "pay", "paycheck", "money"})
# Where workers' pay goes when the state takes it: a company, the state, an account in Pyongyang.
_PAYMASTERS = frozenset({"company", "companies", "firm", "state", "government", "regime", "party", "enterprise", "corporation", "pyongyang", "account", "accounts", "bureau"})
_HANDING_ON = frozenset({"pay", "go", "hand", "credit", "deposit", "transfer", "send", "remit", "funnel", "channel"})


def wages_handed_on(verb: Token) -> bool:
    """ "most of their wages are paid directly to the trading company", "with nearly all of their
    earnings going to a North Korean state company", "pays their wages into the account of a
    North Korean company": workers' pay handed on to a company or the state is the mark of the
    state-dispatched labour system (codebook forced_labor: "wages are confiscated")."""
    if verb.lemma_.lower() not in _HANDING_ON:
        return False
    acted = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    acted += [g for c in acted for g in _of_objects(c)]
    if not any(c.lemma_.lower() in _WAGES or c.lower_ in _WAGES for c in acted):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in ("to", "into") and any(t.lemma_.lower() in _PAYMASTERS or t.lower_ in _PAYMASTERS for t in c.subtree)
        for c in verb.children
    )


def _sent_to_family(verb: Token) -> bool:
    """ "sent part of her wages home", "sending wages to their families": what people send their
    own kin, not what a state or a manager takes from them."""
    for c in verb.children:
        if c.dep_ in ("advmod", "prt") and c.lower_ == "home":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ in _OWN_PEOPLE for g in c.children):
            return True
    return False


def _banished(verb: Token, places: frozenset[str]) -> bool:
    """ "expelled from Pyongyang", "deported from the capital to a remote county": put out of a
    city of one's own country (profile lexicon "banishing_places") is a banishment (codebook
    "other"), not a deportation across a border."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "from"
        and any(o.dep_ == "pobj" and (o.lower_ in places or o.lemma_.lower() in places) for o in prep.children)
        for prep in verb.children
    )


# Reasons a list of nouns shares: "at risk of torture, sexual violence and enforced disappearance".
_LIST_REASONS = ("complement-of-", "modal", "conditional", "negated", "demand", "hedged-by-")


def _share_list_status(doc: Doc, found: list[Trigger]) -> list[Trigger]:
    """A noun that ends a list of violations shares what the list's first noun is the complement
    of, whatever the parse makes of the words between ("risk of torture, sexual violence and
    enforced disappearance", where "enforced" is read as a verb and the last noun as its object)."""
    unasserted = {t.end - 1: t for t in found if not t.asserted and t.reason.startswith(_LIST_REASONS)}
    shared: dict[int, Trigger] = {}
    for t in sorted(found, key=lambda t: t.start):  # in text order: the status passes down the list
        tok = doc[t.end - 1]
        if t.asserted and tok.tag_ in ("NN", "NNS"):
            i, joined = t.start - 1, False
            while i >= 0 and (doc[i].lower_ in (",", "and", "or") or doc[i].tag_ in ("JJ", "VBN")) and i not in unasserted:
                joined = joined or doc[i].lower_ in (",", "and", "or")
                i -= 1
            prev = unasserted.get(i)
            if joined and prev is not None and doc[prev.head_i].sent.start == tok.sent.start:
                shared[id(t)] = replace(t, asserted=False, reason=prev.reason)
                unasserted[t.end - 1] = shared[id(t)]
    return [shared.get(id(t), t) for t in found]


_HOLDING = frozenset({"hold", "detain", "keep", "take", "imprison", "jail", "send", "confine"})
# Verbs of custody that take only people: "where the woman was detained" needs no pronoun to be a person.
_PEOPLE_HOLDING = frozenset({"detain", "imprison", "jail", "confine"})
# Verbs that tell someone's whereabouts, when they are withheld ("not told", "refused to disclose").
_DISCLOSING = frozenset({"tell", "inform", "notify", "disclose", "reveal", "say", "confirm"})
# Verbs and nouns of news given or got: "given no information about where she is held".
_NEWS_PASSING = frozenset({"give", "receive", "get", "have", "offer", "provide"})
_NEWS = frozenset({"information", "word", "news", "answer", "explanation", "detail"})


def _no_news_of_whereabouts(verb: Token) -> bool:
    """ "has been given no information about where she is held", "received no word on where he was
    taken": the whereabouts withheld, told by "no" on what was passed on; "has been told nothing
    about where he is being held", "asked where he is held and has been told nothing": by "nothing"."""
    nothing = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "npadvmod") and c.lower_ == "nothing"]
    if verb.lemma_.lower() in _DISCLOSING and nothing:
        if any(p.dep_ == "prep" and p.lower_ in ("about", "on", "of", "as") and _whereabouts_clause(p) for p in [*verb.children, *nothing[0].children]):
            return True
        # "asked ... where he is being held and has been told nothing", however the parse joins them
        sent = verb.sent
        where = next((t for t in sent if t.lower_ == "where"), None)
        return where is not None and any(t.lemma_.lower() in ("ask", "inquire", "enquire") for t in sent[: where.i - sent.start]) and any(
            t.lemma_.lower() in _HOLDING and t.pos_ == "VERB" and _person_held(t) for t in sent[where.i - sent.start :]
        )
    if verb.lemma_.lower() not in _NEWS_PASSING:
        return False
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in _NEWS and any(d.dep_ == "det" and d.lower_ == "no" for d in obj.children):
            if any(p.dep_ == "prep" and p.lower_ in ("about", "on", "of", "as") and _whereabouts_clause(p) for p in obj.children):
                return True
    return False


def _nobody_does(verb: Token) -> bool:
    """ "Nobody will tell them where she is", "no one has told the family": negated by its subject."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "noone") or (c.lower_ == "one" and any(d.lower_ == "no" for d in c.children)))
        for c in verb.children
    )


# Verbs of finding out, which "(not) able to" withholds: "nobody has been able to learn where he is held".
_FINDING_OUT = frozenset({"learn", "find", "discover", "establish", "determine", "confirm", "know"})


def _unable(verb: Token) -> bool:
    """ "has not been able to find out ...", "nobody in the family had been able to learn ...": a
    finding-out its teller could not do."""
    if verb.lemma_.lower() not in _FINDING_OUT or verb.dep_ != "xcomp" or verb.head.lemma_.lower() != "able":
        return False
    host = verb.head.head
    return any(c.dep_ == "neg" for c in host.children) or _nobody_does(host)


def _whereabouts_clause(verb: Token) -> bool:
    """ "(not told) where she is being held / where he was taken / where she is / whether she is
    still held there / whether he is alive": a where- or whether-clause on custody, or on a person's
    whereabouts or fate."""
    for c in verb.children:
        if c.lower_ == "where" and c.dep_ == "advmod" and not list(c.children) and c.i > verb.i and verb.lemma_.lower() in ("tell", "say"):
            return True  # "was never told where": the clause left out, the person the sentence is about
        if c.dep_ not in ("ccomp", "advcl", "xcomp", "dobj", "pcomp"):
            continue
        if (c.lemma_.lower() in _HOLDING or c.lemma_ == "be") and any(g.lower_ in ("where", "whether") for g in c.children):
            # someone is held there ("where she is being held", "whether she is still held there"),
            # not something ("where the meeting was held")
            if _person_held(c):
                return True
        if c.lemma_ == "be" and any(g.lower_ == "whether" for g in c.children) and any(
            g.dep_ == "acomp" and g.lower_ in ("alive", "dead") for g in c.children
        ):
            return True  # "(refused to tell them) whether he is alive"
    return False


def _person_held(verb: Token) -> bool:
    """Someone is held there ("where she is being held"), not something ("where the meeting was held")."""
    held = [g for g in verb.children if g.dep_ in ("nsubjpass", "nsubj", "dobj") and g.lower_ != "where"]
    if verb.lemma_.lower() in _PEOPLE_HOLDING and held:
        return True
    return any((g.pos_ == "PRON" and g.lower_ not in ("it", "what", "which")) or g.pos_ == "PROPN" or g.ent_type_ == "PERSON" for g in held)


# Verbs of getting what is owed: negated with wages as their object, the wages were withheld.
_RECEIVING = frozenset({"receive", "get", "see", "collect", "earn"})
_SENTENCING = frozenset({"sentence", "condemn", "penalty", "verdict"})


_JAILING = frozenset({"jail", "imprison", "incarcerate"})
_COURTS = frozenset({"court", "judge", "tribunal", "magistrate"})


def _by_a_court(verb: Token) -> bool:
    """ "a court in Yanji jailed four people", "were jailed by the Mudanjiang court": a sentence passed."""
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    return any(w.lemma_.lower() in _COURTS for d in doers for w in d.subtree)


def _death_term(tok: Token) -> bool:
    """ "death" as the term of a sentence: "sentenced to death", "condemned to death", "a death
    sentence", "the death penalty"."""
    if tok.lemma_.lower() != "death":
        return False
    if tok.dep_ == "compound" or (tok.dep_ == "nmod" and tok.head.pos_ == "NOUN"):
        return tok.head.lemma_.lower() in _SENTENCING
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in _SENTENCING


def _relocation(verb: Token, destinations: frozenset[str], origins: frozenset[str] = frozenset()) -> bool:
    """ "sent to a cooperative farm", "moved to remote farming villages", "moved out of their homes",
    "forced more than 60 families out of their homes", "moved out of the city": people put out of
    their homes or out of a city (``origins``: profile lexicon "banishing_places"), or to a farm or
    village (profile lexicon "banishment_destinations"). Not people sent somewhere to do a task
    ("sent to farms to help with the rice planting": a labour drive)."""
    tasked = any(c.dep_ in ("advcl", "xcomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)
    for prep in verb.children:
        if prep.dep_ not in ("prep", "prt", "advmod", "dative"):
            continue  # "sent about 20 families to farms": "to" parsed as the dative
        objs = [o for o in prep.subtree if o.dep_ == "pobj"]
        if prep.lower_ == "to" and not tasked and any(o.lower_ in destinations or o.lemma_.lower() in destinations for o in objs[:1]):
            if _put_to_work(objs[0]):
                continue  # "took them to a cooperative farm, where they are being made to harvest corn": labour
            if verb.lemma_.lower() in _CARRYING and not (_banished_to(objs[0]) and not _habitual(verb)):
                continue  # "took him to a ginseng farm", "taken to a cooperative farm every morning to haul firewood"
            return True
        if prep.lower_ == "out" and any(o.lemma_.lower() in _HOMES or o.lower_ in origins or o.lemma_.lower() in origins for o in objs[:1]):
            return True
    return False


_HOMES = frozenset({"home", "house", "apartment", "flat"})
# Verbs that carry people somewhere for any reason ("taken to a farm"): a banishment only to a
# cooperative, state or remote farm or village, and not every day.
_CARRYING = frozenset({"take", "truck"})
_BANISHING_KINDS = frozenset({"cooperative", "state", "remote", "collective", "mountain", "rural", "isolated"})


def _banished_to(place: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in _BANISHING_KINDS for c in place.children)


def _put_to_work(place: Token) -> bool:
    """ "a farm where they are being made to harvest corn": people taken somewhere to be worked."""
    return any(
        c.dep_ == "relcl" and c.lemma_.lower() in ("make", "force")
        and any(x.dep_ in ("xcomp", "ccomp", "advcl") and any(a.lower_ == "to" for a in x.children) for x in c.children)
        for c in place.subtree
    )


def _habitual(verb: Token) -> bool:
    """ "taken to the farm every morning": a routine, not a move."""
    return any(c.dep_ in ("npadvmod", "advmod") and any(g.lower_ == "every" for g in c.subtree) for c in verb.children)


def _conj_of(verb: Token, heads: set[int]) -> bool:
    """Whether the verb and one of ``heads`` are verbs coordinated in one clause ("ordered out ... and sent")."""
    return (verb.dep_ == "conj" and verb.head.i in heads) or any(c.dep_ == "conj" and c.i in heads for c in verb.children)


def _to_death(verb: Token) -> bool:
    """ "was beaten to death", "tortured him to death": the ill-treatment ended in a death."""
    return verb.pos_ == "VERB" and any(
        p.dep_ == "prep" and p.lower_ == "to" and any(o.dep_ == "pobj" and o.lower_ == "death" for o in p.children) for p in verb.children
    )


def _retype(doc: Doc, found: list[Trigger], banishing: frozenset[str] = frozenset(), relocated: set[int] | None = None) -> list[Trigger]:
    """Types that the words alone get wrong:

    * "expel" out of a body (a college, the party, a job: ``_from_membership``) is a punishment
      (as annotators code it), not a deportation; people moved out of their homes or
      to a farm or village (``_relocation``) are banished (codebook "other") whatever the verb;

    * a labour camp that is the term of a sentence ("sentenced to ten years in a labour camp"), or
      that the profile names as a punishment ("sent to a labour camp"), is the punishment, not the
      forced-labour system (codebook: punishment_sentence names labour camps);
    * questioning inside a detention facility ("interrogated for a month at a detention centre")
      reports the detention: the questioning is what happened during it, not a threat on its own;
    * a beating "to death" is a killing, not also a torture;
    * phones seized with money or goods ("seized 9,000 yuan and two phones") are property taken
      (codebook "other"), not the watch on phones ("collected the workers' smartphones").
    """
    expelled_from = {t.head_i for t in found if t.phrase == "expel" and _from_membership(doc[t.head_i])}
    # "expelled from Pyongyang"; "sent to a cooperative farm", "forced out of their homes": a
    # banishment, not labour or a deportation, and an act of its own (``Trigger.by_object``)
    banished = {t.head_i for t in found if t.phrase in ("expel", "deport") and _banished(doc[t.head_i], banishing)}
    banished |= {t.head_i for t in found if t.head_i in (relocated or set()) and t.label in ("forced_labor", "forced_repatriation", "punishment_sentence")}
    sentence_heads = {t.head_i for t in found if t.label == "punishment_sentence" and t.asserted and doc[t.head_i].pos_ == "VERB"}
    # a camp the profile names as a punishment ("sent to a labour camp") is not also the labour system
    punishing_camps = {t.head_i for t in found if t.label == "punishment_sentence" and "camp" in t.phrase}
    # "seized 9,000 yuan and two phones": property taken (codebook "other"), the phones with it
    seized_property = {t.head_i for t in found if t.label == "other" and t.by_object}
    # "searched the dormitory every night": the search repeated is the watch, not a search of a home
    scheduled = {t.head_i for t in found if t.phrase == SCHEDULED_CHECK}
    out: list[Trigger] = []
    seen: set[tuple[int, str]] = set()
    for t in found:
        head = doc[t.head_i]
        if t.label == "other" and t.head_i in scheduled:
            continue
        if t.label == "surveillance" and t.by_object and t.head_i in seized_property and t.phrase != SCHEDULED_CHECK:
            continue
        if t.label == "torture" and t.weak and t.head_i in seized_property and head.lemma_.lower() in _SHUTTING_OUT:
            continue  # "struck three workers off its list of candidates": put out of a list, not a blow
        if t.label == "forced_labor" and any(a.i in sentence_heads for a in head.ancestors):
            continue
        if t.label == "forced_labor" and "camp" in t.phrase and t.head_i in punishing_camps:
            continue
        if t.label == "arbitrary_detention" and head.dep_ == "advcl" and head.head.i in sentence_heads and any(c.dep_ == "mark" and c.lower_ in ("after", "when") for c in head.children):
            continue  # "was sentenced to a year in a camp after she was caught changing money": the sentence's cause
        if t.label == "arbitrary_detention" and head.lemma_.lower() in _JAILING and _by_a_court(head):
            if (t.head_i, "punishment_sentence") in seen:
                continue
            t = Trigger("punishment_sentence", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)  # "a court jailed four people"
        if t.label == "killing" and _death_term(head):
            continue  # "sentenced to death", "a death sentence": the sentence is told, no killing yet
        if t.label == "torture" and t.by_object and _before_an_audience(head) and not _held_for_long(head):
            if (t.head_i, "other") in seen:
                continue
            # "made to stand on the stage while classmates read out criticisms": a public shaming
            # (codebook "other"), not the stress positions of custody
            t = Trigger("other", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason, by_object=True)
        if t.label == "torture" and _to_death(head):
            if (t.head_i, "killing") in seen:
                continue
            # "beaten to death", "tortured to death": a killing, told by how
            t = Trigger("killing", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)
        if t.phrase == "expel" and t.label == "punishment_sentence" and t.head_i not in expelled_from | banished:
            continue  # "Thai authorities expelled 12 North Koreans": a deportation, not a sentence
        if t.head_i in banished:
            if (t.head_i, "other") in seen:
                continue
            if _conj_of(head, {o.head_i for o in found if o.label == "other" and o.head_i != t.head_i}):
                continue  # "were ordered out of their apartment and sent to a farm": one banishment
            t = Trigger("other", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason, by_object=True, banishment=True)
        elif t.head_i in expelled_from:
            if (t.head_i, "punishment_sentence") in seen:
                continue
            t = Trigger("punishment_sentence", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)
        if t.label == "threat_intimidation" and head.pos_ == "VERB" and _summons(head) and _bare_summons(head):
            if (t.head_i, "other") in seen:
                continue
            # "was summoned to the MSS office and questioned for two days": a summons, no threat
            t = Trigger("other", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)
        elif t.label == "other" and t.phrase == "call in" and head.pos_ == "VERB" and not _bare_summons(head):
            if (t.head_i, "threat_intimidation") in seen:
                continue
            # "calling in the families and making them sign pledges": the summons presses them
            t = Trigger("threat_intimidation", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)
        if t.phrase in _QUESTIONING and head.dep_ == "conj" and _summons(head.head) and _bare_summons(head.head):
            continue  # "... and questioned for two days": what the summons was for, one act with it
        if t.phrase in _QUESTIONING and head.pos_ == "VERB" and (_in_custody_facility(head) or _held_while_questioned(head)):
            if (t.head_i, "arbitrary_detention") in seen:
                continue
            t = Trigger("arbitrary_detention", t.start, t.end, t.head_i, t.phrase, t.weak, t.asserted, t.reason)
        seen.add((t.head_i, t.label))
        out.append(t)
    return out


# Body parts a blow lands on ("hit in the face", "hit him on the ear").
_BODY_PARTS = frozenset({
    "face", "head", "ear", "ears", "eye", "eyes", "mouth", "jaw", "nose", "back", "leg", "legs", "shin", "shins", "arm", "arms",
    "stomach", "chest", "body", "neck", "hand", "hands", "foot", "feet", "knee", "knees", "side", "ribs",
})


# A posture imposed before people: on a stage, before a meeting, while others watch or criticise.
_AUDIENCE = re.compile(
    r"\b(?:on (?:a |the )?(?:\w+ )?(?:stage|platform|podium)|before (?:a |the )?(?:\w+ ){0,3}(?:meeting|crowd|audience|assembly|gathering|rally)"
    r"|in front of (?:a |the )?(?:\w+ ){0,3}(?:crowd|classmates|neighbou?rs|residents|students|villagers|workers|audience|people|passers-by)"
    r"|while (?:[\w’'-]+ ){0,8}(?:watched|looked on|criticized|criticised|denounced|read out|jeered|was read|were read)|self-criticism|criticism session|apologi[sz]e"
    r"|(?:on|in) (?:the |a )?(?:\w+ )?(?:square|street|roadside|market)|holding (?:a |the )?(?:\w+ )?(?:board|placard|sign|banner))",
    re.I,
)


def _before_an_audience(verb: Token) -> bool:
    """ "made to stand on the stage while classmates read out criticisms", "made to stand and
    apologize while officials criticized them": a posture imposed as public shaming."""
    sent = verb.sent
    return bool(_AUDIENCE.search(sent.text[verb.idx - sent.start_char :]))


_POSTURE_SPANS = frozenset({"night", "nights", "hours", "days", "dawn", "morning"})


def _held_for_long(verb: Token) -> bool:
    """A posture the compelling verb imposes for a long span ("made them kneel on the cement floor
    through the night and write self-criticisms"): the stress position of custody, whatever the
    shaming beside it."""
    for act in verb.children:
        if act.dep_ in ("xcomp", "ccomp") and act.pos_ == "VERB":
            for prep in act.children:
                if prep.dep_ == "prep" and prep.lower_ in ("through", "for", "until", "till") and any(t.lower_ in _POSTURE_SPANS for t in prep.subtree):
                    return True
    return False


def _blow(verb: Token) -> bool:
    """ "hit in the face", "hit him with a baton": a blow with something or on the body. "Hit" alone
    is a shot, a storm or a record as often ("was hit twice as he crossed")."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "with" or (prep.lower_ in ("in", "on", "across", "over") and any(o.lower_ in _BODY_PARTS for o in objs)):
            return True
    return False


# Times of a daily round: confinement "at night" or "after their shifts" is how a workforce is kept.
_ROUTINE_TIMES = frozenset({"night", "nights", "nightly", "shift", "shifts", "evening", "evenings", "work"})


def _routine(tok: Token) -> bool:
    """ "at night", "after their shifts", "every evening": a time of the daily round, not "that
    evening" (one day told)."""
    return tok.lower_ in _ROUTINE_TIMES and not any(c.dep_ == "det" and c.lower_ not in ("every", "each") for c in tok.children)


def _shut_in(verb: Token) -> bool:
    """ "locked in a shipping container", "locked the workers in their rooms": shut inside a place,
    not "locked in a dispute" (no one held) nor "locked in after their shifts" / "locked them in a
    container at night" (the confinement of a workforce, told as its labour conditions)."""
    if any(_routine(t) for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod") for t in c.subtree):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "inside", "into") and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
        for c in verb.children
    )


# Places people are kept or made to work in ("a building site", "the dormitory", "the restaurant"
# a state runs abroad): walking out of one is an escape, walking out of "the meeting", off "the
# pitch" or "the job" (a strike) is not.
_POSTS = frozenset({
    "site", "worksite", "yard", "dormitory", "hostel", "barracks", "camp", "compound", "restaurant", "factory", "plant",
    "mine", "farm", "embassy", "consulate", "mission", "workplace", "workshop", "vessel", "ship", "boat", "trawler",
})


def _leaves_a_post(verb: Token) -> bool:
    """ "walked off a building site", "slipped out of the dormitory", "walked away from the camp":
    leaving a place people are held or worked in (an escape where that place is abroad)."""
    heads = [c for c in verb.children if c.dep_ in ("prep", "prt", "advmod")]
    preps = heads + [g for h in heads for g in h.children if g.dep_ == "prep"]
    return any(g.dep_ == "pobj" and g.lemma_.lower() in _POSTS for p in preps for g in p.children)


# Agents of a state who take people away ("led away by police", "guards led him away").
_KEEPERS = _WATCHERS | {"guard", "guards", "soldier", "soldiers", "policeman", "policemen", "officials"}


def _by_the_watchers(verb: Token) -> bool:
    """ "were led away by police", "guards led him away": taken by agents of a state, not "the guide
    led the tourists away"."""
    doers = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    doers += [c for c in verb.children if c.dep_ == "nsubj"]
    return any(t.lower_ in _KEEPERS for d in doers for t in d.subtree)


def _deserts_a_ship(verb: Token) -> bool:
    """ "jumped ship when the vessel docked": leaving a crew, not "jumped ship to a rival club"."""
    return not any(c.dep_ == "prep" and c.lower_ in ("to", "for") for c in verb.children)


# What people are put on to be taken somewhere ("put on a flight to Pyongyang").
_VEHICLES = frozenset({"flight", "plane", "aircraft", "airplane", "train", "bus", "coach", "boat", "ship", "ferry", "truck", "lorry", "van"})


def _boarded(verb: Token) -> bool:
    """ "put on a flight", "put the family on a train": put aboard a vehicle, not "put on weight"
    or "put in a cell"."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("on", "onto", "aboard") and any(g.dep_ == "pobj" and g.lemma_.lower() in _VEHICLES for g in c.children)
        for c in verb.children
    )


# Who stops people as an act of the state ("police stopped her at the station", "was stopped by a
# patrol ship of Russia's border service"): the heads of security agents.
_STOPPERS = frozenset({
    "police", "policeman", "policemen", "officer", "officers", "guard", "guards", "patrol", "patrols", "agent", "agents",
    "soldier", "soldiers", "troops", "coastguard", "ship", "boat", "vessel", "service", "squad", "squads", "team", "teams",
    "inspector", "inspectors", "official", "officials", "authorities",
})
# What is stopped: people, or the vehicle they travel in.
_STOPPED = frozenset({
    "him", "her", "them", "us", "me", "bus", "minibus", "van", "car", "taxi", "truck", "lorry", "train", "boat", "vessel",
    "ship", "vehicle", "man", "woman", "men", "women", "people", "defector", "defectors", "family", "group", "couple",
    "worker", "workers", "fisherman", "fishermen", "crew", "student", "students", "teenager", "teenagers", "girl", "boy",
})


# The holding a stop in its sentence leads into ("stopped him ... and he was held for 22 days");
# a hand-over told after a stop ("stopped her and handed her to the managers") is another act.
_CUSTODY_LABELS = frozenset({"arbitrary_detention"})


def _stopped_by_agents(verb: Token) -> str | None:
    """ "Lao police stopped their van at a checkpoint", "was stopped by police at the station": the
    state's agents stopping people is a detention as the writers code it (``arbitrary_detention``);
    "have been stopping young people on the streets" is the watch kept on them (``surveillance``).
    None when the verb is no such stop."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() != "stop":
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive:
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        stopped = [c for c in verb.children if c.dep_ == "nsubjpass"]
    else:
        host = verb
        while host.dep_ in ("conj", "xcomp") and not any(c.dep_ == "nsubj" for c in host.children):
            host = host.head
        agents = [c for c in host.children if c.dep_ == "nsubj"]
        stopped = [c for c in verb.children if c.dep_ == "dobj"]
    if not any(a.lemma_.lower() in _STOPPERS or a.lower_ in _STOPPERS for a in agents):
        return None
    if not any(o.lower_ in _STOPPED or o.lemma_.lower() in _STOPPED or o.pos_ in ("PROPN", "NUM") for o in stopped):
        return None
    ongoing = verb.tag_ == "VBG" or any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children)
    return "surveillance" if ongoing else "arbitrary_detention"


def _people_returned(verb: Token) -> bool:
    """ "was returned from China", "returned 200 North Koreans": a verb "return" with someone
    returned (the passive's subject, the active's object), not "returned home" or "returned to work"."""
    if verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return any(c.dep_ == "nsubjpass" for c in verb.children) or verb.dep_ in ("relcl", "acl", "conj")
    return any(c.dep_ == "dobj" for c in verb.children)


def _handed_to(verb: Token) -> bool:
    """ "handed seven North Koreans to Chinese police": a verb "hand" passing someone to someone."""
    return verb.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


_QUANTIFIERS = frozenset({"many", "most", "some", "few", "others", "all"})


def _quantified_present(tok: Token) -> bool:
    """ "many are sent to labor camps", "most are held for months": a bare quantifier told in the
    present is how things go, not an event ("many of them were sent" and "most were released"
    tell one)."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "advmod")}
    if aux & {"being", "still", "now", "currently"}:
        return False  # "most are being held in Hyesan": the state of people told of
    present = bool(aux & {"is", "are"}) or verb.tag_ in ("VBZ", "VBP")
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "many", not "many of them" or "the others": no group named
    return present and subject is not None and subject.lower_ in _QUANTIFIERS and not any(c.dep_ in ("prep", "det") for c in subject.children)


def _up_to_a_number(particle: Token) -> bool:
    """ "worked up to 16 hours a day", "held up to 200 people": "up to" a quantity, not a particle."""
    doc = particle.doc
    nxt = doc[particle.i + 1] if particle.i + 1 < len(doc) else None
    after = doc[particle.i + 2] if particle.i + 2 < len(doc) else None
    return particle.lower_ == "up" and nxt is not None and nxt.lower_ == "to" and after is not None and (after.like_num or after.lower_ in NUMBER_WORDS)


def _counted_arrival(verb: Token) -> bool:
    """ "164 North Korean defectors arrived in South Korea in the first nine months", "A total of
    61 ... arrived": a counted group's arrival is the count of crossings the domain records. One
    person's arrival ("crossed the Tumen ... and reached South Korea the following year", "a man
    who reached South Korea in 2018") ends a crossing told with it, or describes a speaker."""
    if verb.dep_ in ("relcl", "acl", "conj", "advcl", "xcomp", "pcomp"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    # "197 North Koreans reached the South", with the count hung on the verb by the parser
    hung = any(c.like_num and c.i == subject.left_edge.i - 1 for c in verb.children)
    return hung or any(t.dep_ == "nummod" or (t.like_num and t.i == subject.i) for t in subject.subtree)


ARRIVALS = frozenset({"arrive in south korea", "arrive in the south", "reach south korea", "reach the south"})

# Triggers that name the act only with a certain complement.
_QUALIFIED = {
    **dict.fromkeys(ARRIVALS, _counted_arrival),
    "hit": _blow, "lock": _shut_in, "lead away": _by_the_watchers, "put": _boarded, "jump ship": _deserts_a_ship, "return": _people_returned, "hand": _handed_to,
    **dict.fromkeys(WALKOUTS - {"jump ship"}, _leaves_a_post),
}


class TriggerFinder:
    def __init__(self, codebook: Codebook, profile: Profile) -> None:
        entries: dict[str, list[str]] = {}
        for t in codebook.incident_types:
            entries.setdefault(t.label, []).extend(t.triggers)
        for label, extra in profile.triggers.items():
            entries.setdefault(label, []).extend(extra)
        self.index = _compile({k: list(dict.fromkeys(v)) for k, v in entries.items()})
        self.profile = profile
        self.constrained: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for vt in profile.victim_triggers:
            for lemma in vt.lemmas:
                self.constrained.setdefault(lemma, []).append((vt.label, vt.victim_types))
        # single-word perpetrator heads ("police", "guards"): an accused perpetrator's act is still reported
        self._actor_words = frozenset(e.phrase for e in profile.actors if " " not in e.phrase and e.type != "non_state_actors")
        self.by_object: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.check_in: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for ot in profile.object_triggers:
            for lemma in ot.lemmas:
                if ot.mandated:
                    self.check_in.setdefault(lemma, []).append((ot.label, ot.objects))
                    continue
                self.by_object.setdefault(lemma, []).append((ot.label, ot.objects))

    def __call__(self, doc: Doc) -> list[Trigger]:
        found: list[Trigger] = []
        seen: set[tuple[int, str]] = set()
        for tok in doc:
            if not tok.is_alpha:
                continue
            keys = dict.fromkeys([tok.lemma_.lower(), tok.lower_, *(_base_forms(tok.lower_) if tok.pos_ == "VERB" else ())])
            # the longest phrase first: "holding facility" is read as that, not as "hold"
            candidates = sorted((c for k in keys for c in self.index.get(k, [])), key=lambda c: -len(c[0]))
            for parts, label, phrase in candidates:
                n = len(parts)
                if tok.i + n > len(doc):
                    continue
                if not all(_tok_matches(doc[tok.i + k], parts[k]) for k in range(n)):
                    if not _split_particle(tok, parts):
                        continue
                    n = 1  # "sent the ringleaders back", "handed them over": the verb is the trigger
                if (tok.i, label) in seen:
                    continue
                if phrase in _QUALIFIED and not _QUALIFIED[phrase](tok):
                    continue
                seen.add((tok.i, label))
                head = tok if tok.pos_ in ("VERB", "NOUN", "ADJ", "AUX") else doc[tok.i + n - 1]
                reason = self._not_asserted(head, phrase, label)
                # "holding facility" names custody by itself; "hold" alone needs a human victim
                names_place = n > 1 and parts[-1].rstrip("*") in _FACILITIES | {"centre", "cell"}
                weak = phrase in WEAK_TRIGGERS or (tok.lemma_.lower() in WEAK_TRIGGERS and not names_place)
                facility = head.head if head.dep_ == "compound" else doc[tok.i + n - 1]  # "detention centre", "holding center"
                stay = _custody_stay(facility) if reason == "facility" and label == "arbitrary_detention" else None
                if stay is not None:
                    # "kept the returnees at its holding center": the keeping is the detention, of
                    # whoever the verb keeps (so it needs a human victim, like "hold")
                    reason = self._not_asserted(stay, stay.lemma_.lower(), label)
                    found.append(Trigger(label, tok.i, tok.i + n, stay.i, phrase, True, reason == "", reason))
                    continue
                if label == "killing" and weak and head.pos_ == "VERB" and _died_in_custody(head, self.profile.lexicons.get("work_sites", frozenset())):
                    weak = False  # "died at the center": a death in custody needs no named victim
                found.append(Trigger(label, tok.i, tok.i + n, head.i, phrase, weak, reason == "", reason))
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            by_object = [(label, objects, False) for label, objects in self.by_object.get(tok.lemma_.lower(), ())]
            by_object += [(label, objects, True) for label, objects in self.check_in.get(tok.lemma_.lower(), ())]
            if tok.lemma_.lower() in _LISTING and (tok.i, "surveillance") not in seen and _ordered_list(tok):
                # "inminban heads have been told to hand in a list every Monday", "enterprises must
                # submit weekly attendance lists to the police": lists of people kept for the watchers
                reason = self._not_asserted(tok, tok.lemma_.lower(), "surveillance")
                if reason == "phrasal-verb" or reason in ("demand", "modal") and (tok.dep_ == "xcomp" or _obliged(tok)):
                    reason = ""  # "hand in" a list: the particle completes the act; the order is the regime
                seen.add((tok.i, "surveillance"))
                found.append(Trigger("surveillance", tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), False, reason == "", reason, by_object=True))
            if (tok.i, "forced_repatriation") not in seen and _under_guard(tok):
                found.append(self._on_verb(tok, "forced_repatriation", UNDER_GUARD, True, seen))
            if (tok.i, "border_crossing_defection") not in seen and _taken_across(tok):
                found.append(self._on_verb(tok, "border_crossing_defection", TAKEN_ACROSS, True, seen))
            if (tok.i, "border_crossing_defection") not in seen and _leaves_by_sea(tok):
                # "swam out to a Chinese boat": the particle is the way out
                found.append(self._on_verb(tok, "border_crossing_defection", BY_SEA, True, seen, particle_completes=True))
            if (tok.i, "forced_repatriation") not in seen and _driven_across(tok):
                # "were driven across the bridge from Tumen to Namyang", "taken back across the
                # border at Tumangang": people moved over the border bridge in custody are returned
                found.append(self._on_verb(tok, "forced_repatriation", "driven across", True, seen))
            if (tok.i, "forced_labor") not in seen and _prison_labour(tok):
                found.append(self._on_verb(tok, "forced_labor", LONG_HOURS, True, seen))  # the worker is its subject, as for long hours
            if (tok.i, "forced_labor") not in seen and wages_handed_on(tok):
                found.append(self._on_verb(tok, "forced_labor", WAGES_HANDED_ON, False, seen, by_object=True))
            if (tok.i, "arbitrary_detention") not in seen and (_kept_in_custody(tok) or _taken_in(tok)):
                # "taken in": the particle is the custody
                found.append(self._on_verb(tok, "arbitrary_detention", "kept in custody", True, seen, particle_completes=True))
            if (tok.i, "arbitrary_detention") not in seen and _spent_in_custody(tok):
                found.append(self._on_verb(tok, "arbitrary_detention", SPENT_IN_CUSTODY, True, seen))
            if (tok.i, "torture") not in seen and _sleep_denied(tok):
                # "agents kept Ri awake for four nights", "questioned for three days without being
                # allowed to sleep": sleep deprivation is torture (the domain sets' writers)
                found.append(self._on_verb(tok, "torture", "sleep deprivation", True, seen))
            if (tok.i, "surveillance") not in seen and _scheduled_check(tok):
                found.append(self._on_verb(tok, "surveillance", SCHEDULED_CHECK, False, seen, by_object=True))
            if (tok.i, "surveillance") not in seen and _regular_sessions(tok):
                # "ordered to attend", "must attend": the order is the regime
                found.append(self._on_verb(tok, "surveillance", "regular sessions", False, seen, ordered_regime=True))
            if tok.lemma_.lower() in _VISITING and (tok.i, "surveillance") not in seen and _regular_visit(tok):
                # "the police officer responsible for her neighbourhood came to her house every week":
                # agents calling at someone's home on a schedule are watching it (domain sets' writers)
                found.append(self._on_verb(tok, "surveillance", tok.lemma_.lower(), False, seen, by_object=True))
            if (tok.i, "surveillance") not in seen and _regular_calls(tok):
                found.append(self._on_verb(tok, "surveillance", REGULAR_CALLS, False, seen, by_object=True))
            for label, objects, mandated in by_object:
                if not (_mandated_check_in(tok, objects) if mandated else _acts_on(tok, objects)):
                    continue
                if label == "forced_labor" and _sent_to_family(tok):
                    continue  # "workers sending their wages home": their own remittance, not wages taken
                reason = self._not_asserted(tok, tok.lemma_.lower(), label)
                if reason == "phrasal-verb" and any(
                    c.dep_ == "prt" and (c.lower_ in ("off", "back", "in", "over") or (c.lower_ == "down" and tok.lemma_.lower() in _REFUSING | _PULLING_DOWN))
                    for c in tok.children
                ):
                    # "cut off the family's rations", "took back the fields", "hand in their phones",
                    # "turned down their applications", "tore down the houses": the particle completes the act on the object
                    reason = ""
                if label == "surveillance" and reason in ("demand", "generic") and _ordered_to_inform(tok):
                    # "the inminban head has been told to report anyone who visits them": the order
                    # given is the informant system at work, whoever it names
                    reason = ""
                if mandated and _ordered_regime(tok, reason):
                    # "required to report to the police", "must report to the security office every
                    # Saturday": the order is the regime, not an appeal or a possibility
                    reason = ""
                trig = Trigger(label, tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), False, reason == "", reason, by_object=True)
                if (tok.i, label) in seen:
                    # "confiscated the traders' goods": the weak word ("confiscate") is a violation
                    # by what it acts on, with no human object needed (in its place, text order kept)
                    weak = [
                        k for k, t in enumerate(found)
                        if t.start == tok.i and t.label == label and t.weak and (t.end == tok.i + 1 or tok.lemma_.lower() in _SHUTTING_OUT)
                    ]  # fmt: skip
                    if weak:
                        found[weak[0]] = trig
                    continue
                seen.add((tok.i, label))
                found.append(trig)
        found.extend(self._negated_violations(doc, found, seen))
        found.extend(self._taken_people(doc, seen))
        named = {i for i, _ in seen}
        for tok in doc:
            for label, types in self.constrained.get(tok.lemma_.lower(), ()):
                if (tok.i, label) in seen or tok.pos_ != "VERB" or tok.i in named:
                    continue  # "sent the worker back": the phrase already names what was done
                seen.add((tok.i, label))
                reason = self._not_asserted(tok, tok.lemma_.lower(), label)
                found.append(Trigger(label, tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), True, reason == "", reason, types))
        found.extend(self._long_hours(doc, seen, {t.head_i for t in found if t.label == "forced_labor" and t.asserted}))
        relocated = self._relocated(doc)
        found.extend(self._relocations(doc, seen, relocated))
        # a stop leads into the detention its sentence tells (below); the dispatched-work triggers
        # added in the same pass are forced labour, so they never change which sentences hold one
        held = {doc[t.head_i].sent.start for t in found if t.asserted and t.label in _CUSTODY_LABELS}
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in _DISPATCHED_WORK and (tok.i, "forced_labor") not in seen and _north_koreans_at_work(tok):
                # "Around 150 North Korean construction workers have been building apartment blocks
                # in Vladivostok": North Koreans at work abroad are the state-dispatched labour system
                # (the incident keeps it only where the place is abroad: ``incidents``)
                found.append(self._on_verb(tok, "forced_labor", DISPATCHED_WORK, False, seen, by_object=True))
            label = _stopped_by_agents(tok)
            # "police stopped him at the bus station, and he was held for 22 days": the stop is the
            # first step of the detention its sentence tells
            if label is not None and tok.sent.start not in held and not any(t.head_i == tok.i for t in found):
                found.append(self._on_verb(tok, label, "stop", False, seen, by_object=True))
        return _retype(doc, _share_list_status(doc, found), self.profile.lexicons.get("banishing_places", frozenset()), relocated)

    def _relocated(self, doc: Doc) -> set[int]:
        """Verbs that move people out of their homes or to a farm or village (``_relocation``)."""
        verbs = self.profile.lexicons.get("relocating_verbs", frozenset())
        places = self.profile.lexicons.get("banishment_destinations", frozenset())
        if not verbs or not places:
            return set()
        origins = self.profile.lexicons.get("banishing_places", frozenset())
        return {tok.i for tok in doc if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs and _relocation(tok, places, origins)}

    def _relocations(self, doc: Doc, seen: set[tuple[int, str]], relocated: set[int]) -> list[Trigger]:
        """ "The families were moved out of their homes and sent to a cooperative farm", "moved from
        Hyesan to remote farming villages": a banishment (codebook "other") on the moving verb.
        Weak: it needs the people moved. Verbs already triggers of another type are retyped
        (``_retype``); this adds the verbs that are no trigger by themselves ("move", "relocate")."""
        out = []
        named = {i for i, _ in seen}
        others = {i for i, label in seen if label == "other"}
        for i in sorted(relocated):
            if i in named or _conj_of(doc[i], others):
                continue  # "were evicted and moved to a remote village": one banishment
            tok = doc[i]
            seen.add((i, "other"))
            reason = self._not_asserted(tok, tok.lemma_.lower(), "other")
            # by what it does to people (out of their homes, to a farm): an act of its own, not the
            # charge before another act told of the same people
            out.append(Trigger("other", i, i + 1, i, tok.lemma_.lower(), True, reason == "", reason, by_object=True, banishment=True))
        return out

    def _long_hours(self, doc: Doc, seen: set[tuple[int, str]], told: set[int]) -> list[Trigger]:
        """ "They worked 16-hour shifts", "the men felled trees for 14 hours a day", "we dug
        irrigation ditches from dawn until dark", "worked in the corn fields without pay": work told
        by hours no one chooses or with no pay is forced labour (codebook: "excessive hours",
        "unpaid"), on the verb of the work. Weak: it needs the worker.
        Not under a forced-labour trigger (heads: ``told``) that names it already ("forced them to work 16-hour days")."""
        out = []
        for start, end in labour_conditions(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            node = span.root
            for _ in range(4):
                if node.pos_ == "VERB" or node.head.i == node.i:
                    break
                node = node.head
            if node.pos_ != "VERB" or node.lemma_.lower() not in _LABOUR_VERBS or (node.i, "forced_labor") in seen:
                continue
            if node.i in told or any(a.i in told for a in node.ancestors):
                continue
            host = node
            while host.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in host.children) and host.head.i != host.i:
                host = host.head
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in _OWN_LONG_HOURS for c in host.children):
                continue  # "nurses worked 12-hour shifts during the outbreak": a hard job, not forced labour
            seen.add((node.i, "forced_labor"))
            reason = self._not_asserted(node, node.lemma_.lower(), "forced_labor")
            if reason == "phrasal-verb":
                reason = ""  # "bringing in the corn without pay": the particle belongs to the work
            out.append(Trigger("forced_labor", node.i, node.i + 1, node.i, LONG_HOURS, True, reason == "", reason))
        return out

    def _taken_people(self, doc: Doc, seen: set[tuple[int, str]]) -> list[Trigger]:
        """ "was taken from his home by North Korean soldiers", "two men from the state security
        bureau ... took her from the house": a plain "take" of people from somewhere or by someone
        is a seizure. Weak (it needs a human patient) and, in the incident builder, kept only when
        its own agent is the state's (``TAKEN``): "children taken from Australia by their mother" is not."""
        out = []
        for tok in doc:
            if tok.pos_ != "VERB" or tok.lemma_.lower() != "take" or (tok.i, "arbitrary_detention") in seen:
                continue
            if any(c.dep_ in ("prt", "dobj") and c.lower_ in ("part", "place", "care", "over", "off", "up", "back", "away", "down", "in", "out") for c in tok.children):
                continue  # "took part", "taken away" (a trigger of its own), "taken back" (a return)
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            by_agent = passive and any(c.dep_ == "agent" for c in tok.children)
            from_place = any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.children)
            if not (by_agent or from_place):
                continue
            out.append(self._on_verb(tok, "arbitrary_detention", TAKEN, True, seen))
        return out

    def _negated_violations(self, doc: Doc, found: list[Trigger], seen: set[tuple[int, str]]) -> list[Trigger]:
        """Violations told by what did not happen:

        * workers "have not been paid" / "were never paid their wages" / "paid them almost nothing":
          wages withheld (codebook forced_labor: "unpaid");
        * someone taken into custody who "has not been heard from since": the state holds them and
          their fate is unknown (enforced_disappearance), only beside a detention or return;
        * relatives "not told where he is being held": custody with the whereabouts concealed
          (enforced_disappearance).
        """
        out = []
        wages = frozenset(o for ot in self.profile.object_triggers if ot.label == "forced_labor" for o in ot.objects) or frozenset({"wage", "wages", "salary", "pay"})
        custody = {doc[t.head_i].sent.start for t in found if t.label in ("arbitrary_detention", "forced_repatriation") and (t.asserted or t.reason == "facility")}
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() == "pay" and (tok.i, "forced_labor") not in seen and any(
                c.dep_ in ("dobj", "npadvmod") and c.lower_ in ("nothing", "little") for c in tok.children
            ):
                # "paid them almost nothing for two years of work": wages withheld (codebook forced_labor)
                reason = self._not_asserted(tok, "pay", "forced_labor")
                if reason == "":
                    seen.add((tok.i, "forced_labor"))
                    out.append(Trigger("forced_labor", tok.i, tok.i + 1, tok.i, "paid nothing", True, True, ""))
                continue
            # "refused to disclose where she was being held": the whereabouts withheld as by a "not"
            refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline") and tok.lemma_.lower() in _DISCLOSING
            no_news = tok.pos_ == "VERB" and (_no_news_of_whereabouts(tok) or (_unable(tok) and _whereabouts_clause(tok)))
            if tok.pos_ != "VERB" or not (refused or no_news or any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children) or _nobody_does(tok)):
                continue
            lemma = tok.lemma_.lower()
            label = None
            if no_news:
                label = "enforced_disappearance"  # "her son has been given no information about where she is held"
            elif lemma == "pay":
                patients = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
                if _acts_on(tok, wages) or any(c.lemma_.lower() in ("worker", "laborer", "labourer", "employee") for c in patients):
                    label = "forced_labor"
            elif lemma in _RECEIVING and _acts_on(tok, wages):
                label = "forced_labor"  # "never received their wages", "never saw a cent of their pay"
            elif lemma in _DISCLOSING and _whereabouts_clause(tok):
                label = "enforced_disappearance"  # "her family has not been told where she is being held"
            elif lemma == "hear" and any(c.dep_ == "auxpass" for c in tok.children) and tok.sent.start in custody:
                if any(c.dep_ in ("prep", "prt") and c.lower_ == "from" for c in tok.children):
                    label = "enforced_disappearance"
            if label is None or (tok.i, label) in seen:
                continue
            reason = self._not_asserted(tok, lemma, label)
            if reason == "modal" and label == "enforced_disappearance" and _nobody_does(tok):
                reason = ""  # "Nobody will tell them where she is": a refusal now, not a forecast
            if reason == "demand" and no_news:
                reason = ""  # "asked where he is held and has been told nothing": a question met with silence
            if reason not in ("", "negated") and not ((refused or no_news) and (reason.startswith("complement-of-") or reason == "phrasal-verb")):
                continue
            seen.add((tok.i, label))
            # "never received their wages": the wages' owners are the victims (as with object triggers)
            # "refused to disclose where the woman was held": the one held is in the where-clause, not an argument
            # ("Nobody will tell them where she is": the one whose whereabouts are withheld is in the where-clause too)
            whole = refused or no_news or (label == "enforced_disappearance" and _nobody_does(tok))
            out.append(Trigger(label, tok.i, tok.i + 1, tok.i, f"not {lemma}", not whole, True, "", by_object=lemma in _RECEIVING))
        return out

    def _names_violation(self, verb: Token) -> bool:
        """Whether a verb is itself a trigger word ("held as a hostage")."""
        return any(parts[0].rstrip("*") in (verb.lemma_.lower(), verb.lower_) for parts, _, _ in self.index.get(verb.lemma_.lower(), ()))

    def _characterised(self, tok: Token) -> bool:
        """The trigger is the subject of "is common / routine / rare", or in a clause of time under
        such a statement ("after a defection becomes known"): it names a kind of event."""
        node = tok
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return False
            if head.pos_ in ("AUX", "VERB") and node.dep_ in ("nsubj", "advcl"):
                if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in self.profile.characterisers for c in head.children):
                    return True
            node = head
        return False

    def _accusation(self, tok: Token) -> str:
        """ "a man accused of helping people flee", "on suspicion of smuggling": what someone is
        accused of is not asserted, unless the accused is a perpetrator ("police accused of torture")."""
        node = tok
        helper = tok.head
        if tok.dep_ in ("xcomp", "ccomp", "dobj") and helper.lemma_.lower() in ("help", "assist", "aid") and helper.dep_ in ("relcl", "acl"):
            return "accusation"  # "a man who helped residents flee to China": what the one described is known for
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return ""
            offence = node.dep_ == "pcomp" and head.lower_ == "for" and head.head.lemma_.lower() in _PUNISHMENTS
            if offence:
                node, head = head, head.head  # "jailed for attempting to defect": the offence the punishment names
            if offence or (node.dep_ in ("pcomp", "pobj", "prep") and head.lemma_.lower() in _ACCUSATIONS):
                accused = head
                if head.pos_ == "VERB":
                    subj = [c for c in head.children if c.dep_ in ("nsubjpass", "dobj")]
                    accused = subj[0] if subj else (head.head if head.dep_ in ("acl", "relcl") else head)
                    if accused.dep_ == "relcl":
                        accused = accused.head
                if accused.lower_ in self._actor_words or accused.lemma_.lower() in self._actor_words:
                    return ""
                return "accusation"
            if node.dep_ not in ("pcomp", "pobj", "prep", "ccomp", "xcomp"):
                return ""
            node = head
        return ""

    # -- assertion ------------------------------------------------------------------------
    def _on_verb(
        self, tok: Token, label: str, phrase: str, weak: bool, seen: set[tuple[int, str]], *, by_object: bool = False,
        particle_completes: bool = False, ordered_regime: bool = False,
    ) -> Trigger:
        """A trigger on the one verb ``tok`` (``phrase`` names the rule that found it), asserted unless
        the verb is told as not having happened; marked in ``seen``. ``particle_completes``: the
        rule read the verb's particle as part of the act ("taken in", "swam out to"), so a particle
        does not make it another sense of the verb. ``ordered_regime``: an order or obligation told
        of the act, or the act as what someone was ordered to do, is the regime (``_ordered_regime``)."""
        reason = self._not_asserted(tok, tok.lemma_.lower(), label)
        if particle_completes and reason == "phrasal-verb":
            reason = ""
        if ordered_regime and (_ordered_regime(tok, reason) or tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _ORDERING):
            reason = ""
        seen.add((tok.i, label))
        return Trigger(label, tok.i, tok.i + 1, tok.i, phrase, weak, reason == "", reason, by_object=by_object)

    def _not_asserted(self, tok: Token, phrase: str = "", label: str = "") -> str:
        p = self.profile
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN"):
            return "not-a-predicate"
        sent_root = tok.sent.root
        # advocacy / policy debate: the sentence's main verb is an appeal
        for verb in [sent_root, *[c for c in sent_root.children if c.dep_ == "conj"]]:
            if verb.lemma_.lower() in p.demands and verb.pos_ == "VERB" and verb.i != tok.i and not _summoning(verb):
                if verb.i != sent_root.i and tok.i == sent_root.i:
                    continue  # "walked out of the dormitory and asked for protection": the act came first, the appeal after
                return "demand"
        if tok.pos_ == "NOUN" and phrase in _VERB_ONLY and not (tok.dep_ == "pobj" and tok.head.lower_ == "under"):
            return "not-a-predicate"  # "apartment blocks", "a fire", not "blocked", "fired" ("under close watch" is the act)
        if phrase == "fire" and label == "other" and any(c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "into") for c in tok.children):
            return "shooting"  # "orders to fire on anyone approaching": shooting, not a dismissal
        width = len(phrase.split())
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FACILITIES and not (tok.i < tok.head.i < tok.i + width):
            if _located_in(tok.head):
                return "facility"  # "abused in detention facilities": where something else happened
        last = tok.doc[min(tok.i + width - 1, len(tok.doc) - 1)]
        if width > 1 and label == "arbitrary_detention" and last.lemma_.lower() in _FACILITIES and _located_in(last):
            return "facility"  # "beaten in a holding cell": where something else happened ("taken to one" is the detention)
        if tok.lemma_.lower() == "crossing" and tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at", "near", "via", "through", "from"):
            return "facility"  # "driven to border crossings at Hunchun": the checkpoint, not a crossing
        if label in _ACCUSED_ACTS or phrase in _ACCUSED_ACTS:
            accused = self._accusation(tok)
            if accused:
                return accused
        for child in tok.children:
            if child.dep_ == "amod" and child.lemma_.lower() in _HEDGE_MODIFIERS:
                return f"hedged-by-{child.lower_}"
            if child.dep_ == "prt" and len(phrase.split()) == 1 and tok.pos_ == "VERB" and not _up_to_a_number(child):
                return "phrasal-verb"  # "held off a challenger", "caught up with"
        if phrase == "kick" and doc_word(tok, 1) == "out":
            return "phrasal-verb"  # "kicked out of Pyongyang": an expulsion, not a blow
        node: Token | None = tok
        depth = 0
        inherit = True  # whether this node's own auxiliaries/negation apply to the trigger
        inherit_neg = True  # negation does not reach into a clause of time or cause ("not heard from since police took him")
        while node is not None and depth < 8:
            if node is not tok and _imperative(node):
                return "imperative"  # "help someone escape and this is what happens to you"
            for child in (node.children if inherit else ()):
                low = child.lower_
                if child.dep_ in ("aux", "auxpass") and low in p.modals:
                    return "modal"
                if (child.dep_ == "neg" or (child.dep_ == "det" and low in p.negations)) and inherit_neg:
                    return "negated"
                if child.dep_ == "advmod" and low in p.habituals:
                    return "generic"  # "returnees are usually sent to a labour camp"
                if child.dep_ == "advmod" and low in _FREQUENTLY and _present_of_a_class(node):
                    return "generic"  # "relatives of defectors are routinely questioned": a practice, not an act
                if child.dep_ == "mark" and low in p.conditionals:
                    return "conditional"
                if child.dep_ in ("prep", "mark") and low == "in" and any(
                    g.dep_ == "pobj" and g.lower_ in ("case", "event") and g.i == child.i + 1 + (doc_word(g, -1) == "the") for g in child.children
                ):
                    return "conditional"  # "in case someone gets taken away", "in the event they are caught"
                if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in p.conditionals for g in child.children):
                    if node is not tok or depth == 0:
                        return "conditional"
            head = node.head
            if head.i == node.i:
                break
            # the complement of a hedge word is not asserted
            if node is not tok or depth == 0:
                # a noun "conj" of a verb is its mis-attached coordinated object ("face X, Y and Z")
                noun_conj = node.dep_ == "conj" and node.pos_ == "NOUN" and head.pos_ == "VERB"
                if head.lemma_.lower() in p.hedges and head is not tok and (noun_conj or node.dep_ in (
                    "pobj", "pcomp", "xcomp", "ccomp", "dobj", "acl", "prep", "amod", "compound", "nsubjpass", "attr", "appos",
                )):
                    hedge = head.lemma_.lower()
                    if hedge in ("try", "attempt", "plan", "seek") and label in _ATTEMPTS_COUNT:
                        pass  # an attempted crossing is a crossing event (codebook: "whether or not they succeed")
                    elif hedge == "face" and ((node.dep_ != "dobj" and not noun_conj) or tok.lemma_.lower() in ("threat", "surveillance", "harassment", "pressure")):
                        pass  # "face arrest" hedges; "face threats/surveillance" asserts them
                    else:
                        return f"complement-of-{hedge}"
                if head.lemma_.lower() in p.demands and node.dep_ in ("xcomp", "ccomp", "dobj", "pobj"):
                    return "demand"
            # stop climbing at the clause boundary of a finite verb that is itself a trigger's host
            if node.dep_ in ("ROOT",):
                break
            if node.dep_ in ("relcl",):
                # "defectors who are repatriated are usually sent to a camp": a relative clause on
                # the argument of a generic statement is generic too
                host = head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj") else None
                if host is not None and any(c.dep_ == "advmod" and c.lower_ in p.habituals for c in host.children):
                    return "generic"
                break
            # a conjunct shares its head's modality only when it has the same verb form
            # ("could be arrested and jailed"), not when it is a clause of its own
            # ("I haven't been repatriated and [they] warn me")
            # a clausal complement has its own modality ("They say [she was arrested]")
            # ("will be sent back and punished": a bare conjunct with no subject or auxiliary of its
            # own is elliptical and shares them whatever its tag)
            bare = not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in node.children)
            inherit = not ((node.dep_ == "conj" and node.tag_ != head.tag_ and not bare) or node.dep_ == "ccomp")
            inherit_neg = inherit_neg and not (
                node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_CAUSE_MARKS for c in node.children)
            )
            node = head
            depth += 1
        if tok.pos_ == "NOUN" and _named_as_source(tok):
            return "source"  # "citing an informant in Hyesan": who told the news, not surveillance
        if _misparsed_face(tok):
            return "complement-of-face"  # "those returned face interrogation, torture ...", "face" read as a noun
        if _present_relative_on_class(tok):
            return "generic"  # "North Koreans who cross the border without papers": a class, not an event
        if self._characterised(tok):
            return "generic"  # "such pressure is common after a defection becomes known": a kind of event
        if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "as" and label != "forced_labor":
            verb = tok.head.head
            if verb.pos_ == "VERB" and not self._names_violation(verb):
                return "as-role"  # "uses the family as a hostage": what someone is treated as, not an act
        if _free_choice(tok):
            return "generic"  # "anyone caught with a smartphone is sent home": a rule, not an event
        if _quantified_present(tok):
            return "generic"  # "returnees are routinely interrogated and many are sent to labor camps"
        if _class_relative(tok):
            return "generic"  # "everyone knows someone who has been sent back": a kind of person
        if _kind_characterised(tok):
            return "generic"  # "a public trial like this one is a message": what such acts mean
        if tok.pos_ == "VERB" and _under_gerund_topic(tok):
            return "generic"  # "returning them amounts to sending them back": what an act would be
        if tok.pos_ == "VERB" and _licensed_infinitive(tok, p.lexicons.get("licences", frozenset()), p.demands):
            return "licensed"  # "given new powers to search homes": what someone may or must do
        if _gerund_subject(tok):
            return "generic"  # "detaining reporters violates the law": an act named as a topic, not told
        if _generic_reduced_relative(tok) or any(
            a.dep_ == "agent" and _generic_reduced_relative(a.head) for a in tok.ancestors
        ):
            # "refugees sent back by China face prison": a class described, not an event (and what
            # the misparse hangs under its "by" is the class's prospect)
            return "generic"
        return ""
