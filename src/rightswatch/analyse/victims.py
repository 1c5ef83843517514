"""Named victims: which people the article names as attacked (arrested, killed, abducted, ...).

The incident arguments (``incident_arguments.py``) find the patient of each trigger; news names far more
victims than that: "journalist X and lawyer Y were detained", "the killing of X", "X's arrest",
"Mr Doe" after "John Doe", people named as detained in a later paragraph. Here every PERSON the
parser found is a candidate, grouped by the fullest form of the name the article uses ("Mr
Smith" -> "John Smith"); each group gets features read off the parse (patient or agent of a
violation predicate, apposition to a victim word, quote speaker, an official's title, ...) and a
small logistic model (``data/models/victim_scorer.json``, trained on the HRDsAttack train split by
``scripts/train_victim_scorer.py``) scores it. Names scoring above the model's threshold join the
incident told in (or nearest to) the sentence that names them, keeping the name's span.

Inference needs numpy alone; the model is a list of weights over the named features.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np
from spacy.tokens import Doc, Span as SpacySpan, Token

from rightswatch.analyse.mentions import Mention
from rightswatch.analyse.triggers import Trigger
from rightswatch.records import Quote, Span, Victim

__all__ = [
    "FEATURES",
    "PersonCandidate",
    "VictimScorer",
    "person_candidates",
    "attach_named_victims",
    "clean_name",
    "rejected_rule_victims",
    "same_person",
]

_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Madam|Mme|Mlle|Sr|Sra|Rev|Reverend|Fr|Father|Sheikh|Imam|Pastor|Hon|Honourable|Lord|Lady)\.?\s+)+"
)
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
# Verbs and nouns of the things done to victims (lemmas); broader than the codebook's triggers.
VICTIM_PREDICATES = frozenset({
    "arrest", "detain", "kill", "murder", "shoot", "abduct", "kidnap", "torture", "jail", "imprison",
    "sentence", "convict", "charge", "hold", "release", "free", "disappear", "execute", "hang",
    "assassinate", "beat", "attack", "threaten", "harass", "summon", "interrogate", "die", "injure",
    "wound", "stab", "behead", "prosecute", "indict", "deport", "exile", "target", "assault", "rape",
    "capture", "seize", "bail", "acquit", "intimidate", "persecute", "silence", "abuse", "slay",
    "lynch", "poison", "raid", "hostage", "arrest", "detention", "killing", "death", "abduction",
    "kidnapping", "disappearance", "imprisonment", "execution", "assassination", "trial", "release",
    "custody", "prison", "jailing", "conviction", "prosecution", "murder", "torture", "harassment",
    "persecution", "case", "body", "funeral", "victim", "prisoner", "detainee", "hostage", "captive",
    "remand", "flog", "whip", "disappeared", "missing", "stabbing", "shooting", "beating", "surveil",
    "spy", "hack", "ban", "suspend", "dismiss", "expel", "deny", "revoke", "block",
})
_SPEECH = frozenset({
    "say", "tell", "add", "state", "urge", "call", "condemn", "accuse", "deny", "claim", "write",
    "announce", "explain", "note", "describe", "argue", "insist", "warn", "told", "ask", "demand",
    "praise", "thank", "welcome", "criticize", "criticise", "comment", "report", "confirm", "respond",
    "reply", "speak", "quote", "tweet", "post",
})
# Words before a name that make its bearer an official or a perpetrator rather than a victim.
_OFFICIAL_TITLES = frozenset({
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "governor",
    "mayor", "judge", "justice", "prosecutor", "commissioner", "chief", "director", "senator",
    "ambassador", "chairman", "chairperson", "chair", "ceo", "head", "inspector", "general",
    "colonel", "superintendent", "sheriff", "officer", "sergeant", "captain", "lieutenant", "major",
    "commander", "premier", "king", "queen", "prince", "chancellor", "rapporteur", "envoy",
    "representative", "rep.", "sen.", "gov.", "pres.", "deputy", "counsel",
})
# Titles of people quoted for their knowledge: commentators more often than victims, though
# scholars and authors are jailed too (the model weighs it apart from an office).
_COMMENTATOR_TITLES = frozenset({
    "researcher", "analyst", "professor", "expert", "author", "founder", "scholar", "academic",
    "lecturer", "economist", "historian", "observer",
})
# Words that name the one who did it: "suspect X", "X, the alleged kidnapper".
_CULPRIT_TITLES = frozenset({
    "suspect", "accused", "defendant", "kidnapper", "abductor", "killer", "murderer", "gunman",
    "militant", "terrorist", "assailant", "attacker", "perpetrator", "mastermind", "ringleader",
    "convict", "rapist", "smuggler", "trafficker", "jihadist", "hijacker", "culprit", "offender",
})
# An office of a union, party or association ("union president X", "the party's chairperson,
# X,"): a leader of the kind that is arrested, not an official.
_CIVIL_BODIES = re.compile(
    r"\b(?:union|unions|association|party|federation|movement|coalition|alliance|league|society|"
    r"congress|network|newspaper|daily|opposition|ngo|organi[sz]ation|group|front|forum|syndicate|"
    r"council of churches|students?)\b",
    re.IGNORECASE,
)
_VICTIM_TITLES = frozenset({
    "journalist", "reporter", "activist", "lawyer", "defender", "blogger", "dissident", "unionist",
    "editor", "photographer", "photojournalist", "correspondent", "campaigner", "student", "leader",
    "detainee", "prisoner", "victim", "hostage", "protester", "critic", "opposition", "poet",
    "writer", "artist", "broadcaster", "columnist", "environmentalist", "priest", "pastor",
})

#: The features, in the model's order.
FEATURES: tuple[str, ...] = (
    "patient_of_trigger",  # subject of a passive / object / "of X" / "X's" of an asserted trigger
    "patient_of_predicate",  # the same for any violation word (not only asserted triggers)
    "agent_of_predicate",  # the one doing it: active subject, "by X"
    "poss_of_predicate_noun",  # "X's arrest", "X's body", "X's case"
    "speech_subject",  # "X said"
    "quote_speaker",  # attributed speaker of a quotation
    "in_quote",  # named inside a quotation
    "sentence_trigger",  # the sentence holds an asserted trigger
    "sentence_predicate",  # the sentence holds any violation word
    "near_trigger",  # closeness (tokens) to the nearest asserted trigger in the sentence
    "victim_title",  # "journalist X", "X, a lawyer"
    "official_title",  # "President X", "X, a spokesman"
    "civil_leader",  # "union president X", "its chairperson, X": an office of a union or party
    "commentator_title",  # "researcher X", "X, an analyst"
    "culprit_title",  # "suspect X", "X, the alleged kidnapper"
    "victim_mention_near",  # a victim lexicon mention joined to the name
    "actor_mention_near",  # an actor lexicon mention joined to the name
    "in_title",  # the name (or its surname) is in the headline
    "in_lead",  # named in the first paragraph
    "mentions",  # log(1 + times the surname occurs in the text)
    "one_token",  # a bare name ("Zhang")
    "three_plus_tokens",
    "rule_victim",  # the incident arguments already took this person as a victim
    "n_sentences",  # log(1 + parsed sentences naming the person)
    "frac_patient",  # share of the mentions that are patients of a violation word
    "relcl_patient",  # "X, who was arrested in May"
    "listed",  # "journalists including X", "such as X", "among them was X"
    "crime_context",  # the sentence speaks of suspects, gunmen, convictions: X may be the culprit
    "many_names",  # the sentence names three or more people (a list of victims, often)
    "attr_of_predicate",  # "Also arrested was X"
    "charged_with_crime",  # "X was arrested and charged with kidnapping": a suspect, not a victim
    "title_predicate",  # the headline names the person beside a violation word
    "ner_other",  # the parser labelled the name ORG/GPE/...: it only looks like a person's name
    "bias",
)


class _HasVictims(Protocol):
    """What ``attach_named_victims`` needs of an incident candidate."""

    evidence: list[Span]
    victims: list[Victim]


@dataclass(slots=True)
class PersonCandidate:
    """One person (all mentions of one name) and the evidence that they were attacked."""

    name: str  # the fullest form of the name, honorifics removed
    spans: list[Span]  # every parsed mention, in text order
    features: dict[str, float]
    role: str | None = None  # victim word said beside the name ("journalist")
    best: int = 0  # index in ``spans`` of the mention that best shows the attack
    score: float = 0.0

    def vector(self, names: Sequence[str] = FEATURES) -> np.ndarray:
        return np.array([self.features.get(f, 0.0) for f in names], dtype=float)


def clean_name(text: str) -> str:
    """ "Dr. Jane Doe's" -> "Jane Doe": honorifics, possessive and stray punctuation removed."""
    t = " ".join(text.split())
    t = _HONORIFIC.sub("", t)
    t = _POSSESSIVE.sub("", t).strip(" ,.;:-–—\"“”'‘’()")
    return t


def _name_ok(name: str) -> bool:
    words = name.split()
    if not words or len(name) < 3 or len(words) > 6:
        return False
    if not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
        return False
    return words[0][:1].isupper() and words[-1][:1].isupper()


class _NameIndex:
    """Maps each mention of a person to the fullest form of the name the article uses."""

    def __init__(self, names: Iterable[str], text: str) -> None:
        self.full = sorted({n for n in names if _name_ok(n)}, key=lambda n: (-len(n.split()), -len(n), n))
        self.text = text

    def resolve(self, name: str) -> str:
        words = name.split()
        if len(words) == 1:
            for full in self.full:
                fw = full.split()
                if len(fw) > 1 and (fw[-1] == name or fw[0] == name):
                    return full
            return name
        for full in self.full:
            if len(full) > len(name) and (full.endswith(" " + name) or full.startswith(name + " ")):
                return full
        return name


_NOT_PERSON_WORDS = frozenset({
    "union", "association", "party", "ministry", "police", "court", "council", "committee", "congress",
    "organization", "organisation", "international", "watch", "network", "agency", "bank", "university",
    "college", "school", "group", "front", "movement", "army", "forces", "force", "service", "services",
    "department", "office", "news", "times", "post", "daily", "press", "media", "radio", "tv",
    "television", "foundation", "institute", "center", "centre", "commission", "board", "federation",
    "alliance", "society", "church", "club", "company", "corporation", "inc", "ltd", "republic", "state",
    "states", "kingdom", "government", "assembly", "parliament", "senate", "house", "tribunal", "prison",
    "hospital", "street", "road", "city", "province", "district", "county", "region", "act", "law",
    "day", "national", "human", "rights", "people", "peoples", "democratic", "justice", "security",
    "council", "amnesty", "reporters", "journalists", "bureau", "affairs", "authority", "airport",
    "station", "square", "island", "islands", "river", "mountain", "valley", "north", "south", "east",
    "west", "central", "united", "nations", "twitter", "facebook", "google", "covid", "coronavirus",
})
_NAME_TOKEN = re.compile(r"[A-Z][a-zà-ÿ'’\-]+\.?|[A-Z]\.")


def _looks_like_person(ent: SpacySpan, places: Sequence[tuple[int, int]]) -> bool:
    """A name the parser labelled ORG, GPE, ... that reads like a person's: "Cindar Fernado"."""
    if ent.label_ not in ("ORG", "GPE", "NORP", "PRODUCT", "LOC", "FAC", "WORK_OF_ART"):
        return False
    words = ent.text.split()
    if not 2 <= len(words) <= 4 or any(not _NAME_TOKEN.fullmatch(w) for w in words):
        return False
    if any(w.lower().strip(".") in _NOT_PERSON_WORDS for w in words):
        return False
    return not any(s < ent.end_char and ent.start_char < e for s, e in places)


def _climb(tok: Token) -> Token:
    """From a name's root to the token that stands for the person in the clause: through
    appositions ("X, a lawyer"), conjunctions ("X and Y were abducted") and compounds
    ("Dr Doe"), but not into a noun the name modifies ("the Doe abduction")."""
    node = tok
    for _ in range(8):
        if node.dep_ in ("appos", "conj", "flat") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "compound" and node.head.ent_type_ == "PERSON":
            node = node.head
        else:
            break
    return node


_LIST_WORDS = frozenset({"including", "include", "includes", "among", "namely", "like", "as"})
_CRIME_WORDS = frozenset({
    "suspect", "suspected", "suspects", "accused", "convicted", "guilty", "plead", "pleaded", "kidnapper",
    "kidnappers", "murderer", "killer", "killers", "gunman", "gunmen", "terrorist", "militant", "gang",
    "robbery", "robber", "fraud", "extradite", "extradited", "mastermind", "perpetrator", "culprit",
    "smuggler", "trafficker", "rape", "rapist", "assailant", "attacker", "hijacking", "hijacker",
})


def _relcl_patient(tok: Token) -> bool:
    """ "X, who was arrested in May": a relative clause that makes the person a patient."""
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl"):
            continue
        for v in _verb_chain(c):
            if _lemma(v) not in VICTIM_PREDICATES:
                continue
            if c.dep_ == "acl" and v.tag_ == "VBN":
                return True  # "X, arrested in May"
            if any(g.dep_ in ("nsubjpass", "auxpass") for g in v.children):
                return True
            if _lemma(v) in ("die", "disappear", "go"):
                return True
    return False


def _listed(anchor: Token, text: str, start: int) -> bool:
    """ "journalists including X", "such as X", "among them was X", "namely X"."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ in _LIST_WORDS:
        return True
    before = text[max(0, start - 30) : start].lower()
    return bool(re.search(r"\b(?:including|among them(?: (?:was|were|is|are))?|namely:?|such as|among (?:those|the)\b[^.]{0,20})[\s,:]*$", before))


def _verb_chain(tok: Token) -> list[Token]:
    """The predicate and the predicates it is conjoined to ("arrested and charged")."""
    out = [tok]
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        out.append(node)
    out.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _relation(anchor: Token, trigger_heads: set[int]) -> tuple[str | None, bool]:
    """(role, asserted): the anchor's role for the violation word it depends on ("patient",
    "agent", "poss"), and whether that word is an asserted trigger."""
    head = anchor.head
    dep = anchor.dep_
    if head is anchor:
        return None, False
    if dep == "pobj":
        prep = head
        gov = prep.head
        if prep.dep_ == "agent" or prep.lower_ == "by":
            if _lemma(gov) in VICTIM_PREDICATES or gov.i in trigger_heads:
                return "agent", gov.i in trigger_heads
            return None, False
        if prep.lower_ in ("of", "against", "on", "upon", "for", "to"):
            if gov.i in trigger_heads or (_lemma(gov) in VICTIM_PREDICATES and prep.lower_ in ("of", "against", "on", "upon")):
                return "patient", gov.i in trigger_heads
        return None, False
    chain = _verb_chain(head)
    asserted = any(t.i in trigger_heads for t in chain)
    predicate = asserted or any(_lemma(t) in VICTIM_PREDICATES for t in chain)
    if not predicate:
        return None, False
    if dep in ("nsubjpass", "dobj", "iobj", "oprd"):
        return "patient", asserted
    if dep == "poss":
        return "poss", asserted
    if dep == "nsubj":
        passive_like = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
        intransitive = _lemma(head) in ("die", "disappear", "remain", "go", "face", "suffer", "undergo", "spend")
        if head.pos_ in ("NOUN", "ADJ") or passive_like or intransitive:
            return "patient", asserted
        return "agent", asserted
    return None, False


def _speech_subject(anchor: Token) -> bool:
    """ "X said", "according to X"."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "to" and anchor.head.head.lower_ == "according":
        return True
    return anchor.dep_ == "nsubj" and _lemma(anchor.head) in _SPEECH


_ACCUSING = frozenset({"charge", "accuse", "convict", "suspect", "sentence", "indict", "arrest", "jail", "find"})
_CRIMES = frozenset({
    "kidnap", "kidnapping", "abduction", "murder", "kill", "killing", "homicide", "manslaughter", "rape",
    "assault", "robbery", "theft", "terrorism", "hijacking", "torture", "trafficking", "shooting",
    "stabbing", "fraud", "beheading", "death",
})


def _charged_with_crime(anchor: Token) -> bool:
    """The person is the accused of a violent crime: "charged with kidnapping", "convicted of the
    murder of", "a suspect in the killing"."""
    for v in _verb_chain(anchor.head):
        if _lemma(v) not in _ACCUSING:
            continue
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "of", "for", "in"):
                if any(_lemma(t) in _CRIMES for t in prep.subtree):
                    return True
    return any(c.lower_ in ("suspect", "suspected", "accused", "defendant") for c in anchor.head.children) or (
        anchor.head.lower_ in ("suspect", "suspects", "accused", "defendant")
    )


_TITLE_PREDICATE = re.compile(
    r"\b(?:arrest|detain|detention|jail|imprison|kill|murder|shot|abduct|kidnap|tortur|disappear|"
    r"sentenc|convict|charg|held|hold|execut|hang|assassinat|attack|beat|threat|harass|releas|free|"
    r"bail|custody|prison|death|dies|died|dead|raid|summon|deport|exile|trial|court)\w*",
    re.IGNORECASE,
)


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z.\-]+)[\s,]*$", text[max(0, start - 40) : start])
    return m.group(1).lower().rstrip(",") if m else ""


def _titles(ent: SpacySpan, text: str) -> list[tuple[str, str]]:
    """The words that say who a person is, each with the words around it: the word written
    before the name ("union president X") and the nouns in apposition ("X, a spokesman for
    the union", "its chairperson, X,")."""
    start = ent.start_char
    out = [(_word_before(text, start), text[max(0, start - 60) : start])]
    root = ent.root
    appos = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appos.append(root.head)
    for tok in appos:
        if tok.pos_ in ("NOUN", "PROPN") and not (ent.start <= tok.i < ent.end):
            if tok is root.head:  # "its chairperson, X": the words before the noun say whose
                left = tok.left_edge.idx
                out.append((tok.lower_, text[max(0, left - 60) : tok.idx + len(tok.text)]))
            else:
                out.append((tok.lower_, ent.doc[tok.left_edge.i : tok.right_edge.i + 1].text))
    return out


def _joined_mention(span: SpacySpan, mentions: Sequence[Mention], text: str) -> Mention | None:
    """A lexicon mention written against the name: "journalist X", "X, a lawyer,", "X (lawyer)"."""
    for m in mentions:
        if 0 <= span.start_char - m.end <= 2:
            return m
        gap = text[span.end_char : m.start] if m.start >= span.end_char else None
        if gap is not None and len(gap) <= 14 and re.fullmatch(r"[,(]?\s*(?:(?:a|an|the)\s+)?(?:\w+\s+){0,1}", gap):
            return m
    root = span.root
    for m in mentions:
        mt = span.doc[m.head_i]
        if (mt.dep_ == "appos" and mt.head.i == root.i) or (root.dep_ == "appos" and root.head.i == mt.i):
            return m
    return None


@dataclass(slots=True)
class _ArticleContext:
    """What every mention's features are read against."""

    doc: Doc
    text: str
    ents: list[SpacySpan]  # doc.ents, read once (the property builds its tuple on every access)
    persons_in_sentence: dict[int, int]  # sentence start token -> PERSON entities in it
    trigger_heads: set[int]
    sent_triggers: dict[int, list[int]]
    speakers: list[Span]
    quotes: Sequence[Quote]
    actors: list[Mention]
    victim_mentions: list[Mention]


def _mention_features(ent: SpacySpan, ctx: _ArticleContext) -> tuple[dict[str, float], Mention | None]:
    """The features of one mention of a person, and the victim mention written against it."""
    text = ctx.text
    f: dict[str, float] = {"near_trigger": 0.0}
    anchor = _climb(ent.root)
    role, on_trigger = _relation(anchor, ctx.trigger_heads)
    sent = ent.sent
    if role is None and ent.root.dep_ == "compound" and _lemma(ent.root.head) in VICTIM_PREDICATES:
        role, on_trigger = "poss", ent.root.head.i in ctx.trigger_heads  # "the Doe abduction"
    f["relcl_patient"] = float(_relcl_patient(anchor) or _relcl_patient(ent.root))
    first = next((e for e in ctx.ents if e.start <= anchor.i < e.end), ent)  # first of a list
    f["listed"] = float(_listed(anchor, text, ent.start_char) or _listed(anchor, text, first.start_char))
    f["crime_context"] = float(any(t.lower_ in _CRIME_WORDS for t in sent))
    f["many_names"] = float(ctx.persons_in_sentence.get(sent.start, 0) >= 3)
    f["charged_with_crime"] = float(_charged_with_crime(anchor))
    f["attr_of_predicate"] = float(anchor.dep_ == "attr" and _lemma(anchor.head) in VICTIM_PREDICATES)
    f["ner_other"] = float(ent.label_ != "PERSON")
    f["patient_of_trigger"] = float(role == "patient" and on_trigger)
    f["patient_of_predicate"] = float(role == "patient")
    f["agent_of_predicate"] = float(role == "agent")
    f["poss_of_predicate_noun"] = float(role == "poss")
    f["speech_subject"] = float(_speech_subject(anchor))
    f["quote_speaker"] = float(any(s.start <= ent.start_char and ent.end_char <= s.end for s in ctx.speakers))
    f["in_quote"] = float(any(q.start <= ent.start_char < q.end for q in ctx.quotes))
    heads = ctx.sent_triggers.get(sent.start, [])
    f["sentence_trigger"] = float(bool(heads))
    f["sentence_predicate"] = float(any(_lemma(t) in VICTIM_PREDICATES for t in sent))
    if heads:
        dist = min(min(abs(h - ent.start), abs(h - ent.end + 1)) for h in heads)
        f["near_trigger"] = 1.0 / (1.0 + dist / 4.0)
    before = _word_before(text, ent.start_char)
    vm = _joined_mention(ent, ctx.victim_mentions, text)
    f["victim_title"] = float(before in _VICTIM_TITLES or vm is not None)
    titles = _titles(ent, text)
    office = [(w, ctx_) for w, ctx_ in titles if w in _OFFICIAL_TITLES]
    civil = any(_CIVIL_BODIES.search(ctx_) for _, ctx_ in office)
    f["official_title"] = float(bool(office) and not civil)
    f["civil_leader"] = float(civil)
    f["commentator_title"] = float(any(w in _COMMENTATOR_TITLES for w, _ in titles))
    f["culprit_title"] = float(any(w in _CULPRIT_TITLES for w, _ in titles))
    f["victim_mention_near"] = float(vm is not None)
    f["actor_mention_near"] = float(_joined_mention(ent, ctx.actors, text) is not None)
    return f, vm


def _attack_evidence(f: dict[str, float]) -> float:
    """How clearly one mention shows the attack: the best one becomes the victim's span."""
    return 2 * f["patient_of_trigger"] + f["patient_of_predicate"] + f["poss_of_predicate_noun"] + f["relcl_patient"] + f["near_trigger"]


def person_candidates(
    doc: Doc,
    triggers: Sequence[Trigger],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    rule_victims: Iterable[str] = (),
) -> list[PersonCandidate]:
    """Every person the parse found (PERSON, or another label on a name that reads like a
    person's), one candidate per person, with its features (max over the mentions)."""
    text = doc._.rw_text or doc.text
    title = doc._.rw_title or ""
    lead_end = text.find("\n\n")
    lead_end = len(text) if lead_end < 0 else lead_end
    asserted = [t for t in triggers if t.asserted]
    sent_triggers: dict[int, list[int]] = {}
    for t in asserted:
        sent_triggers.setdefault(doc[t.head_i].sent.start, []).append(t.head_i)
    all_ents = list(doc.ents)
    persons_in_sentence: dict[int, int] = {}
    for e in all_ents:
        if e.label_ == "PERSON":
            persons_in_sentence[e.sent.start] = persons_in_sentence.get(e.sent.start, 0) + 1
    ctx = _ArticleContext(
        doc=doc,
        text=text,
        ents=all_ents,
        persons_in_sentence=persons_in_sentence,
        trigger_heads={t.head_i for t in asserted},
        sent_triggers=sent_triggers,
        speakers=[q.speaker_span for q in quotes if q.speaker_span is not None],
        quotes=quotes,
        actors=[m for m in mentions if m.kind == "actor"],
        victim_mentions=[m for m in mentions if m.kind == "victim"],
    )
    places = [(p.span.start, p.span.end) for p in (doc._.rw_places or [])]
    ents = [e for e in all_ents if e.label_ == "PERSON" or _looks_like_person(e, places)]
    names = [clean_name(e.text) for e in ents]
    index = _NameIndex(names, text)
    victims_by_name = {clean_name(n).casefold() for n in rule_victims}

    groups: dict[str, PersonCandidate] = {}
    best_evidence: dict[str, float] = {}
    patients: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    for ent, raw in zip(ents, names):
        if not _name_ok(raw):
            continue
        name = index.resolve(raw)
        key = name.casefold()
        cand = groups.get(key)
        if cand is None:
            cand = groups[key] = PersonCandidate(name=name, spans=[], features=dict.fromkeys(FEATURES, 0.0))
            patients[key] = 0
            sentences[key] = set()
        f, vm = _mention_features(ent, ctx)
        sentences[key].add(ent.sent.start)
        if vm is not None and cand.role is None:
            cand.role = vm.entry.type
        patients[key] += bool(f["patient_of_predicate"] or f["relcl_patient"])
        evidence = _attack_evidence(f)
        if not cand.spans or evidence > best_evidence[key]:
            best_evidence[key] = evidence
            cand.best = len(cand.spans)
        end = ent.end_char - len(ent.text) + len(_POSSESSIVE.sub("", ent.text))  # "Doe's" -> "Doe"
        cand.spans.append(Span(ent.start_char, end))
        for k, v in f.items():
            cand.features[k] = max(cand.features.get(k, 0.0), v)

    for key, cand in groups.items():
        words = cand.name.split()
        surname = words[-1]
        f = cand.features
        f["in_title"] = float(surname.casefold() in title.casefold())
        f["title_predicate"] = float(bool(f["in_title"] and _TITLE_PREDICATE.search(title)))
        f["in_lead"] = float(cand.spans[0].start < lead_end)
        f["mentions"] = math.log1p(len(re.findall(rf"\b{re.escape(surname)}\b", text)))
        f["one_token"] = float(len(words) == 1)
        f["three_plus_tokens"] = float(len(words) >= 3)
        f["rule_victim"] = float(any(same_person(key, v) for v in victims_by_name))
        f["n_sentences"] = math.log1p(len(sentences[key]))
        f["frac_patient"] = patients[key] / len(cand.spans)
        f["bias"] = 1.0
    return list(groups.values())


def same_person(a: str, b: str) -> bool:
    """Two casefolded names of one person: equal, or one contains the other ("doe" in "jane doe")."""
    return a == b or (len(b) > 3 and (a in b or b in a))


def rejected_rule_victims(held: Iterable[str], scored: Iterable[tuple[PersonCandidate, float]], veto: float | None) -> set[str]:
    """The names the incident arguments took as victims (``held``, casefolded) that the scorer
    rejects: a candidate for the same person scores below ``veto``. The arguments take whoever
    is arrested or charged; the scorer also reads that the person is a suspect "charged with
    kidnapping", an official, or a speaker. None: the rule's names are all kept."""
    if veto is None:
        return set()
    low = [c.name.casefold() for c, score in scored if score < veto and c.features.get("rule_victim")]
    return {h for h in held if any(same_person(key, h) for key in low)}


@dataclass(frozen=True, slots=True)
class VictimScorer:
    """A logistic model over ``FEATURES`` (numpy only).

    ``threshold``: a candidate scoring at least this joins the victims. ``veto``: a victim the
    incident arguments named is dropped when its candidate scores below this (None: never).
    """

    features: tuple[str, ...]
    weights: tuple[float, ...]
    threshold: float
    metadata: dict[str, object] = field(default_factory=dict)
    veto: float | None = None

    def score(self, cand: PersonCandidate) -> float:
        z = float(cand.vector(self.features) @ np.array(self.weights, dtype=float))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, object]:
        return {
            "format": "rightswatch.victim_scorer/1",
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "threshold": self.threshold,
            "veto": self.veto,
            "metadata": self.metadata,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> VictimScorer:
        feats = tuple(d["features"])  # type: ignore[arg-type]
        weights = tuple(float(w) for w in d["weights"])  # type: ignore[union-attr]
        if len(feats) != len(weights):
            raise ValueError("victim scorer: features and weights differ in length")
        veto = d.get("veto")
        return cls(
            feats, weights, float(d["threshold"]), dict(d.get("metadata") or {}),  # type: ignore[arg-type]
            None if veto is None else float(veto),  # type: ignore[arg-type]
        )

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> VictimScorer | None:
        """The bundled model, or None when it is not installed."""
        try:
            ref = resources.files("rightswatch") / "data" / "models" / "victim_scorer.json"
            return VictimScorer.from_dict(json.loads(ref.read_text(encoding="utf-8")))
        except (FileNotFoundError, ModuleNotFoundError, KeyError, ValueError):
            return None


def attach_named_victims(
    doc: Doc,
    incidents: Sequence[_HasVictims],
    triggers: Sequence[Trigger],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    scorer: VictimScorer | None = None,
) -> None:
    """Adds every person the scorer accepts to the incident told in the sentence that names
    them (else the nearest one before it, else the first). Names the incidents already hold
    are not added twice; a name the incident arguments took is dropped when the scorer scores
    its bearer below the model's ``veto`` (a suspect, an official), else it stays."""
    scorer = scorer or VictimScorer.default()
    if scorer is None or not incidents:
        return
    held = {v.name.casefold(): v for inc in incidents for v in inc.victims if v.name}
    candidates = person_candidates(doc, triggers, mentions, quotes, held)
    for cand in candidates:
        cand.score = scorer.score(cand)
    dropped = rejected_rule_victims(held, ((c, c.score) for c in candidates), scorer.veto)
    if dropped:
        for inc in incidents:
            inc.victims[:] = [v for v in inc.victims if not (v.name and v.name.casefold() in dropped)]
        held = {k: v for k, v in held.items() if k not in dropped}
    for cand in candidates:
        if cand.score < scorer.threshold:
            continue
        key = cand.name.casefold()
        if key in held or any(key in h or h in key for h in held):
            continue
        at = cand.spans[cand.best]
        target = _incident_at(incidents, at.start)
        victim = Victim(text=doc._.rw_text[at.start : at.end] if doc._.rw_text else doc.text[at.start : at.end],
                        name=cand.name, population="individual", count=1, type=cand.role, span=at)
        target.victims.append(victim)
        held[key] = victim


def _incident_at(incidents: Sequence[_HasVictims], char: int) -> _HasVictims:
    for inc in incidents:
        if any(e.start <= char < e.end for e in inc.evidence):
            return inc
    before = [(e.start, n) for n, inc in enumerate(incidents) for e in inc.evidence if e.start <= char]
    if before:
        return incidents[max(before)[1]]
    return incidents[0]
