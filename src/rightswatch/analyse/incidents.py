"""From asserted triggers to incidents: who did it, to whom, where, when, and on what evidence.

Each asserted trigger becomes a candidate with arguments read off the dependency parse (subject,
object, passive agent, "pressure on X", "surveillance by X"), pronouns resolved to the nearest
mention (or to the quote's speaker for "I"/"me"), the place and time attached to it (not every place
the sentence names: destinations and the speaker's own location are left out), and then candidates
telling the same incident are merged: same type, compatible perpetrator, victims, place and time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from rightswatch.analyse.mentions import Mention, parse_count
from rightswatch.analyse.places import PlaceMention, places_agree, resolve_place
from rightswatch.analyse.syntax import (
    addressed,
    anaphoric,
    clause_of,
    controller,
    modal_consequence,
    other_clause,
    partitive_of,
    related_predicates,
    spectators,
)
from rightswatch.analyse.triggers import Trigger
from rightswatch.analyse.victims import attach_named_victims
from rightswatch.records import Actor, Incident, Place, Quote, Span, TimeRef, Victim

__all__ = ["IncidentBuilder", "Candidate", "article_place"]

_FIRST_PERSON = {"i", "me", "my", "myself"}
_FIRST_PLURAL = {"we", "us", "our", "ourselves"}
_THIRD = {"he", "him", "she", "her", "they", "them", "who", "whom", "that", "which"}
_DESTINATION_WORDS = {"to", "into", "towards", "toward", "reach", "reaching", "reached", "for", "via", "through"}
# Incident types that happen where people are sent ("workers sent to Russia").
_DESTINATION_IS_PLACE = {"forced_labor"}
# Verbs that deliver a threat when what they say is a conditional punishment.
_THREAT_SPEECH = {"tell", "warn", "remind", "inform", "order", "threaten", "caution"}
_BORDER_WORDS = {"border", "river", "frontier", "boundary", "mountain", "desert", "sea", "checkpoint", "fence", "into"}
_WATCHED_THINGS = {"call", "phone", "communication", "home", "house", "household", "movement", "message", "conversation", "activity", "internet", "email", "account", "border", "mail", "letter"}
# Common nouns for people or households that no actor/victim lexicon needs to list.
_ANIMATE_NOUNS = {
    "household", "family", "person", "individual", "anyone", "anybody", "everyone", "everybody", "someone",
    "somebody", "resident", "neighbor", "neighbour", "parent", "relative", "civilian", "citizen", "inhabitant",
    "leader", "ringleader", "organizer", "organiser", "member", "suspect", "participant", "employee", "staff",
    "crew", "passenger", "prisoner", "inmate", "detainee", "returnee", "youth", "teen", "adult", "elder",
    "group", "couple", "soldier", "guard", "officer", "official", "cadre",
}
_GROUP_NOUNS = {"group", "family", "household", "crew", "staff", "couple"}
# Incident types whose grammatical subject is the person it happens to (they move; nobody acts on them).
_MOVER_IS_VICTIM = {"border_crossing_defection"}
# verbs whose complement is what someone was told to do ("told them not to go to China")
_TELLING_LEMMAS = frozenset({"tell", "order", "warn", "instruct", "urge", "ask"})
_LIGHT_VERBS = {"pile", "put", "exert", "step", "increase", "intensify", "carry", "launch", "conduct", "impose", "heap", "mount", "ramp", "apply", "place", "make", "issue", "subject"}
_SPEECH_ACT_VERBS = {"warn", "threaten", "tell", "remind", "pressure", "intimidate", "order"}
_GRANULARITY_RANK = {"day": 4, "month": 3, "year": 2, "interval": 1, "unresolved": 0}


# Verbs of contacting someone: their object's whereabouts are the other end of the line.
_CONTACT_VERBS = frozenset({"call", "phone", "ring", "contact", "message", "text", "email", "visit", "meet", "send", "wire", "telephone"})
# People named by their relation to someone: where they are is not where the act happened.
_RELATIONS = frozenset({
    "daughter", "son", "mother", "father", "parent", "brother", "sister", "sibling", "husband", "wife", "child",
    "relative", "cousin", "aunt", "uncle", "grandson", "granddaughter", "grandmother", "grandfather", "family",
    "friend", "contact", "acquaintance", "niece", "nephew", "fiance", "fiancee",
})


@dataclass(slots=True)
class Candidate:
    trigger: Trigger
    sentence: Span
    paragraph: int
    perpetrator: Actor | None
    victims: list[Victim]
    victim_key: str | None
    place: Place | None
    place_is_fallback: bool
    time: TimeRef | None
    confidence: float
    evidence: list[Span] = field(default_factory=list)
    #: "the repatriation", "those sent back": a mention of an incident already told
    anaphoric: bool = False
    #: told of people by a pronoun, with no time of its own: the same incident as an earlier one of
    #: its type, unless it names a place of its own that disagrees
    continues: bool = False
    #: the country people were sent or handed to ("sent back to China"), when the text says
    destination: str | None = None


def _clause_on_noun_modifier(node: Token) -> bool:
    """A relative clause on a noun that hangs on another noun through a preposition ("in breach
    of resolutions that required ..."): background to the act, not one of its participants."""
    if node.dep_ not in ("relcl", "acl") or node.pos_ not in ("VERB", "AUX"):
        return False
    noun = node.head
    return noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN")


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


_FREE_CHOICE = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody"})


def _free_choice_phrase(tok: Token) -> bool:
    """ "anyone (seen near the river)", "whoever helps them", "the families of anyone who tries",
    "those who help": a subject that picks out whoever does something."""
    if tok.lower_ in _FREE_CHOICE:
        return True
    if tok.lower_ == "those" and any(c.dep_ in ("relcl", "acl") for c in tok.children):
        return True
    return any(
        p.dep_ == "prep" and p.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in _FREE_CHOICE for g in p.children)
        for p in tok.children
    )


def _at_the_same(doc: Doc, cand: Candidate) -> bool:
    """The candidate's sentence is set "at the same trial / hearing / rally": the occasion told before."""
    for tok in doc.char_span(cand.sentence.start, cand.sentence.end, alignment_mode="expand") or ():
        if tok.lower_ == "same" and tok.dep_ == "amod" and tok.head.dep_ == "pobj" and tok.head.head.lower_ in ("at", "during", "in"):
            if any(c.lower_ == "the" for c in tok.head.children):
                return True
    return False


def _pronoun_patient(verb: Token) -> bool:
    """The one a verb trigger acts on is a personal pronoun ("they were sent back", "held them") or
    people named by what was done to them before ("those arrested are being held")."""
    if verb.pos_ != "VERB":
        return False
    return any(
        (c.dep_ == "nsubjpass" or (c.dep_ == "dobj" and not any(g.dep_ == "nsubjpass" for g in verb.children)))
        and (c.lower_ in ("they", "them", "he", "him", "she", "her")
             or (c.lower_ in ("those", "these") and any(g.dep_ == "acl" and g.tag_ == "VBN" for g in c.children)))
        for c in verb.children
    )


def _pron(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in _THIRD | _FIRST_PERSON | _FIRST_PLURAL


class IncidentBuilder:
    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        places: list[PlaceMention],
        times: list[TimeRef],
        quotes: list[Quote],
        extractor_version: str,
        published: date | None = None,
        title_places: list[PlaceMention] | None = None,
        safe_destinations: frozenset[str] = frozenset(),
        lexicons: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc._.rw_text or doc.text  # the full article (the gate may have blanked doc.text)
        self.mentions = mentions
        self.by_head = {m.head_i: m for m in mentions}
        self.places = [p for p in places if p.kind != "demonym"]
        self.demonyms = [p for p in places if p.kind == "demonym"]
        self.times = times
        self.quotes = quotes
        self.version = extractor_version
        self.published = published
        self.safe_destinations = safe_destinations  # profile: where a return is a rescue, not refoulement
        self.lexicons = lexicons or {}  # profile word lists ("escapable", "coping_verbs")
        self.paragraph_starts = [0] + [i + 2 for i in range(len(self.text)) if self.text.startswith("\n\n", i)]
        speaker_spans = [q.speaker_span for q in quotes if q.speaker_span]
        dateline = _dateline(self.text)
        if dateline is not None:
            speaker_spans.append(dateline)  # where the outlet filed from, not where it happened
        self.excluded_places = [
            p for p in self.places if any(s.start <= p.span.start and p.span.end <= s.end for s in speaker_spans)
        ]
        # "talking to her daughter in South Korea": a relative's whereabouts place no act
        relation_places = [p for p in self.places if self._is_whereabouts_of_relation(p)]
        self.excluded_places += [p for p in relation_places if p not in self.excluded_places]
        self.main_place = article_place(self.text, [p for p in places if p not in relation_places], speaker_spans, title_places)

    # -- helpers ---------------------------------------------------------------------------
    def _paragraph(self, char: int) -> int:
        lo = 0
        for i, s in enumerate(self.paragraph_starts):
            if s <= char:
                lo = i
        return lo

    def _quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= char < q.end:
                return q
        return None

    def _mention_for(self, tok: Token, kind: str | None = None) -> Mention | None:
        m = self.by_head.get(tok.i)
        if m and (kind is None or m.kind == kind):
            return m
        for m in self.mentions:
            if m.start <= tok.idx < m.end and (kind is None or m.kind == kind):
                return m
        return None

    def _subset_of_previous(self, m: Mention) -> bool:
        """ "about 30 refugees, including four children": the mention names part of the group before it."""
        before = self.text[max(0, m.start - 20) : m.start]
        return re.search(r"\b(?:including|among them|among whom|of whom)[\s,:]*$", before) is not None

    def _antecedent(self, tok: Token, kind: str | None) -> Mention | None:
        """Nearest preceding mention (same or previous two sentences) for a 3rd-person pronoun."""
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("who", "that", "which"):
            host = tok.head.head if tok.head.dep_ == "relcl" else None
            if host is not None:
                return self._mention_for(host, None)
        limit = tok.sent.start_char - 600
        best = None
        # an object pronoun is not its own verb's subject ("a broker sold her": not the broker)
        subjects: list[tuple[int, int]] = []
        if tok.dep_ in ("dobj", "dative", "iobj") and tok.lower_ in ("her", "him", "them"):
            verb = tok.head
            while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) and verb.head.i != verb.i:
                verb = verb.head  # "a broker who promised her work and then sold her": the first verb's subject
            for c in verb.children:
                if c.dep_ != "nsubj":
                    continue
                if c.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    c = verb.head  # the noun the relative clause describes
                subjects.append((c.idx, c.idx + len(c.text)) if verb.dep_ == "relcl" and c.i == verb.head.i else
                                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
        # ... nor another mention of it ("crossed with a broker ... Instead, the broker sold her")
        subject_heads = {t.lemma_.lower() for a, b in subjects for t in self.doc if a <= t.idx < b and t.pos_ in ("NOUN", "PROPN")}
        for m in self.mentions:
            if any(a <= m.start and m.end <= b for a, b in subjects) or self.doc[m.head_i].lemma_.lower() in subject_heads:
                continue
            if m.end <= tok.idx and m.start >= limit and (kind is None or m.kind == kind):
                if tok.lower_ in ("they", "them", "their") and not m.plural:
                    continue
                if best is not None and best.plural and self._subset_of_previous(m):
                    continue  # "30 refugees, including four children ... deported them": the whole group
                best = m
        return best

    def _country_in(self, start: int, end: int) -> str | None:
        for p in self.demonyms + self.places:
            if start <= p.span.start and p.span.end <= end and p.country:
                return p.country
        return None

    # -- arguments --------------------------------------------------------------------------
    def _as_actor(self, tok: Token) -> Actor | None:
        if _pron(tok):
            if tok.lower_ in _FIRST_PERSON | _FIRST_PLURAL:
                return None
            m = self._antecedent(tok, "actor")
        else:
            m = self._mention_for(tok, "actor")
        if m is None:
            ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and ent.label_ in ("GPE",) and tok.dep_ in ("nsubj",):
                country = self._country_in(ent.start_char, ent.end_char)
                return Actor(text=ent.text, type="other_state_actors", country=country, span=Span(ent.start_char, ent.end_char))
            return None
        country = self._country_in(m.start, m.end) or m.country  # "Vietnamese border police" over the lexicon's default
        return Actor(text=m.text, type=m.entry.type, country=country, span=Span(m.start, m.end))

    def _as_victim(self, tok: Token, quote: Quote | None) -> tuple[Victim, str] | None:
        low = tok.lower_
        if low in _FIRST_PERSON | _FIRST_PLURAL and quote is not None and quote.speaker_span is not None:
            plural = low in _FIRST_PLURAL
            sp = quote.speaker_span
            return (
                Victim(text=quote.speaker or tok.text, population="multiple" if plural else "individual",
                       count=None if plural else 1, type=None, span=sp),
                f"speaker:{sp.start}",
            )
        if _pron(tok):
            m = self._antecedent(tok, None)
            if m is not None and m.kind == "actor" and m.entry.type in ("state_security_forces", "other_state_actors"):
                m = self._antecedent(tok, "victim")
        else:
            m = self._mention_for(tok, "victim") or self._mention_for(tok, "actor")
        if m is None:
            part = partitive_of(tok)
            if part is not None:
                return self._as_victim(part, quote)  # "a group of nine defectors", "thousands of workers"
            group = self._numeral_group(tok)
            if group is not None:
                return group
            ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
            if ent is None and tok.lower_ in ("her", "him") and tok.dep_ in ("dobj", "nsubjpass"):
                # "sold her to a farmer": a woman or man the article has not named or described
                # with a lexicon word is still a person
                return (Victim(text=tok.text, population="individual", count=1, span=Span(tok.idx, tok.idx + len(tok.text))),
                        f"pronoun:{tok.lower_}")
            if ent is None:
                return None
            name = self._full_name(ent.text)
            kind = self._role_of(ent)
            victim = Victim(text=ent.text, name=name, population="individual", count=1, type=kind,
                            span=Span(ent.start_char, ent.end_char))
            return victim, f"name:{name.lower()}"
        if m.kind == "actor" and m.entry.type in ("state_security_forces", "other_state_actors", "other_actors_without_consent"):
            # one officer, soldier or guard can suffer a violation ("a guard was executed"); the
            # forces or an institution as a body are not its victims
            if m.entry.type != "state_security_forces" or ("officer" not in m.text.lower() and m.plural):
                return None
        name = self._name_near(m)
        victim = Victim(
            text=m.text,
            name=name,
            population="multiple" if m.plural else "individual",
            count=m.count if m.count is not None else (1 if not m.plural else None),
            sex=m.sex,
            age_group=m.age_group,
            type=m.entry.type if m.kind == "victim" else None,
            span=Span(m.start, m.end),
        )
        head = self.doc[m.head_i].lemma_.lower()
        return victim, f"{m.kind}:{head}:{name or ''}"

    def _people_noun(self, tok: Token) -> tuple[Victim, str] | None:
        """A common noun for people no lexicon lists ("the group", "the organisers"), as a victim."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _ANIMATE_NOUNS:
            return None
        if tok.tag_ != "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
            return None  # a bare singular ("tracking employee suicides") is a modifier, not a person
        left = min((c.i for c in tok.children if c.dep_ in ("amod", "compound", "nummod") and c.i < tok.i), default=tok.i)
        start, end = self.doc[left].idx, tok.idx + len(tok.text)
        plural = tok.tag_ == "NNS"
        victim = Victim(text=self.text[start:end], population="multiple" if plural or tok.lemma_.lower() in _GROUP_NOUNS else "individual",
                        count=None if plural or tok.lemma_.lower() in _GROUP_NOUNS else 1, span=Span(start, end))
        return victim, f"noun:{tok.lemma_.lower()}"

    def _numeral_group(self, tok: Token) -> tuple[Victim, str] | None:
        """ "arrested the three", "the two were sent back": a number standing for people already named."""
        if tok.pos_ != "NUM" or tok.dep_ not in ("dobj", "nsubjpass", "nsubj", "pobj", "conj"):
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "all", "these", "those") for c in tok.children):
            return None
        count = parse_count(tok.text)
        if count is None:
            return None
        start = min(c.idx for c in tok.children if c.dep_ == "det")
        end = tok.idx + len(tok.text)
        victim = Victim(text=self.text[start:end], population="individual" if count == 1 else "multiple",
                        count=count, span=Span(start, end))
        return victim, f"num:{count}"

    def _name_near(self, m: Mention) -> str | None:
        """A PERSON named in apposition to a victim mention ("activist Jane Doe", "Doe, a lawyer")."""
        if m.plural:
            return None
        head = self.doc[m.head_i]
        linked = {head.head.i} if head.dep_ == "appos" else set()
        linked.update(c.i for c in head.children if c.dep_ == "appos")
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            near = 0 <= ent.start_char - m.end <= 3 or 0 <= m.start - ent.end_char <= 5
            if near or any(ent.start <= i < ent.end for i in linked):
                return self._full_name(ent.text)
        return None

    def _role_of(self, ent: SpacySpan) -> str | None:
        """The victim category said beside a name ("journalist Zhang Zhan", "Zhang, a lawyer,")."""
        root = ent.root
        for m in self.mentions:
            if m.kind != "victim" or m.plural:
                continue
            mt = self.doc[m.head_i]
            if mt.head.i == root.i or root.head.i == mt.i or 0 <= ent.start_char - m.end <= 2:
                return m.entry.type
        return None

    _HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Madam)\.?\s+")

    def _full_name(self, name: str) -> str:
        """The fullest form of a person's name the article uses ("Zhang" -> "Zhang Jialong")."""
        bare = self._HONORIFIC.sub("", name).strip()
        if not bare:
            return name
        best = bare
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent.text) > len(best):
                words = ent.text.split()
                if bare in words or ent.text.endswith(" " + bare) or ent.text.startswith(bare + " "):
                    best = ent.text
        if " " not in best:
            pat = re.compile(rf"\b((?:[A-Z][\w'’-]+ ){{1,2}}){re.escape(best)}\b")  # same line only
            m = pat.search(self.text)
            if m and not re.match(r"(?:The|A|An|In|On|At|But|And|When|After|Before|Mr|Mrs|Ms|Dr)\b", m.group(1)):
                best = m.group(0)
        return " ".join(best.split())

    def _args(self, trig: Trigger, quote: Quote | None) -> tuple[Actor | None, list[tuple[Victim, str]]]:
        doc = self.doc
        head = doc[trig.head_i]
        agent: Token | None = None
        patients: list[Token] = []
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
        node = head
        # conjuncts share the first verb's subject ("arrested and jailed")
        subj_host = head
        while subj_host.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in subj_host.children):
            subj_host = subj_host.head
            passive = passive or any(c.dep_ in ("auxpass", "nsubjpass") for c in subj_host.children)
        mover = trig.label in _MOVER_IS_VICTIM
        doer = controller(subj_host)
        # a bare participle with a subject is a reduced passive ("workers dispatched to Russia")
        reduced_passive = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
        passive = passive or reduced_passive
        for c in subj_host.children:
            if c.dep_ == "nsubjpass":
                patients.append(c)
            elif c.dep_ == "nsubj" and reduced_passive and not mover:
                patients.append(c)
            elif c.dep_ == "nsubj":
                if mover:
                    patients.append(c)  # "three North Koreans crossed the Tumen": the one who moves
                elif head.pos_ == "VERB" and not passive:
                    agent = c
                elif head.pos_ != "VERB":
                    patients.append(c)  # "defectors face surveillance" / "I face ... surveillance"
        if doer is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in subj_host.children):
            if mover:
                patients.append(doer)  # "two women trying to cross the Yalu": they cross
            elif doer.dep_ == "nsubj" and agent is None and not passive:
                agent = doer  # "police tried to arrest him"
        for c in node.children:
            if c.dep_ in ("dobj", "iobj") and head.pos_ == "VERB" and not mover:
                patients.append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
            elif c.dep_ == "prep" and c.lower_ in ("on", "against", "of", "upon"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    patients.append(pobj)
            elif c.dep_ in ("poss", "compound", "amod") and head.pos_ == "NOUN":
                if self._as_actor(c) is not None:
                    agent = c
                elif self._mention_for(c, "victim") is not None or c.lower_ in _FIRST_PERSON:
                    patients.append(c)
        if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head.lemma_.lower() in _LIGHT_VERBS:
            # "police are piling pressure on defectors": the light verb carries the arguments
            verb = head.head
            for c in verb.children:
                if c.dep_ == "nsubj" and agent is None and self._as_actor(c) is not None:
                    agent = c
                elif c.dep_ == "prep" and c.lower_ in ("on", "against", "upon"):
                    patients.extend(g for g in c.children if g.dep_ == "pobj")
        if head.pos_ == "VERB" and not patients and head.lemma_.lower() in _SPEECH_ACT_VERBS:
            # "warning that defectors could be sent back": the threatened are the content's subject
            for c in head.children:
                if c.dep_ == "ccomp":
                    patients.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        if head.dep_ == "acl" and head.tag_ == "VBN" and not patients:
            patients.append(head.head)  # "workers dispatched to Russia", "defectors arrested last week"
        if head.pos_ == "NOUN" and not patients:
            # "defectors have come under surveillance": the governing verb's subject suffers it
            gov = head.head
            hops = 0
            while gov.pos_ not in ("VERB", "AUX") and gov.head is not gov and hops < 3:
                gov = gov.head
                hops += 1
            for c in gov.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c is not head:
                    if self._as_actor(c) is None or c.dep_ == "nsubjpass":
                        patients.append(c)
                    elif agent is None:
                        agent = c
        if trig.by_object:
            patients.extend(_owners(patients))  # "took the wages of 12 workers", "their passports are kept"
        # "warned defectors that they could be sent back": the warned person is the dobj already
        perp = self._as_actor(agent) if agent is not None else None
        victims: list[tuple[Victim, str]] = []
        for p in patients:
            if mover and p.lower_ in ("who", "that") and p.head.dep_ == "relcl":
                p = p.head.head  # "Pak, who fled Hamhung in 2017": the one who fled is the noun described
            for t in [p, *[c for c in p.children if c.dep_ == "conj"]]:
                v = self._as_victim(t, quote) or self._people_noun(t)
                if v is not None and v[0].span != (perp.span if perp else None):
                    victims.append(v)
        return perp, victims

    def _crosses_a_border(self, trig: Trigger, sent: SpacySpan) -> bool:
        head = self.doc[trig.head_i]
        if head.lemma_.lower() == "enter":
            # "entered Vietnam from China": entering a country, not a room
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            return obj is not None and any(
                p.kind == "country" and obj.idx <= p.span.start < obj.idx + len(obj.text) for p in self.places
            )
        if head.lemma_.lower() not in ("cross", "crossing"):
            return True  # defect, flee, escape: the word says it
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            # what is crossed decides: "crossed the Tumen River", not "crossed the finish line"
            sub = list(obj.subtree)
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            named = any(start <= p.span.start < end for p in self.places)
            return named or any(t.lemma_.lower() in _BORDER_WORDS for t in sub)
        for tok in head.subtree:
            if tok.lemma_.lower() in _BORDER_WORDS:
                return True
        return any(sent.start_char <= p.span.start < sent.end_char and p.kind in ("country", "river", "region", "city") for p in self.places)

    def _held_in_conditions(self, trig: Trigger) -> bool:
        head = self.doc[trig.head_i]
        if trig.label != "arbitrary_detention" or head.lemma_.lower() not in ("hold", "keep"):
            return False
        return any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in _CONDITIONS for g in c.children if g.dep_ == "pobj")
            for c in head.children
        )

    def _prediction(self, trig: Trigger) -> bool:
        """A warning addressed to nobody by someone who is not a perpetrator is a forecast."""
        head = self.doc[trig.head_i]
        if trig.label != "threat_intimidation" or head.lemma_.lower() != "warn" or head.pos_ != "VERB" or addressed(head):
            return False
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return subj is not None and self._as_actor(subj) is None

    def _destination(self, tok: Token) -> tuple[str | None, Span | None]:
        """The country of "to X" on a sending predicate: a place ("sent back to China"), an actor
        ("handed over to the MSS") or a demonym ("to Chinese authorities")."""
        hosts = [tok, *[c for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "back", "home")]]
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("to", "into"):
                    continue
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                sub = list(pobj.subtree)
                start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
                country = self._country_in(start, end)
                if country is None:
                    actor = self._as_actor(pobj)
                    country = actor.country if actor is not None else None
                if country is not None:
                    return country, Span(start, end)
        return None, None

    def _subject_is_actor(self, trig: Trigger) -> bool:
        head = self.doc[trig.head_i]
        return any(c.dep_ == "nsubj" and self._mention_for(c, "actor") is not None and self._mention_for(c, "victim") is None for c in head.children)

    def _watched_object(self, trig: Trigger) -> bool:
        """Surveillance is of people's things too: "monitoring their phone calls", "checking homes"."""
        if trig.label != "surveillance":
            return False
        head = self.doc[trig.head_i]
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _WATCHED_THINGS for c in head.children)

    def _inanimate_object(self, trig: Trigger) -> bool:
        head = self.doc[trig.head_i]
        if head.pos_ != "VERB":
            return False
        for c in head.children:
            # "killed the bill"; "a cargo was sent back" (a thing sent, when no person is)
            if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and trig.label in _SENDING):
                if trig.label == "surveillance" and c.lemma_.lower() in _WATCHED_THINGS:
                    return False  # "checking homes", "monitoring calls": people's things are watched
                return not self._animate(c)
        return False

    def _not_an_act(self, trig: Trigger) -> bool:
        """Senses of a trigger word that do no one any harm: a thing as the cause ("were detained
        by traffic", profile lexicon "inanimate_causes"; the trigger "traffic" in it is no act either), an escape from what is not a
        place of confinement ("escaped his marker", "escaped the heat"), a trigger noun that
        characterises its subject ("Ulsan are a threat to everyone") or that is borne ("the
        players can handle pressure")."""
        tok = self.doc[trig.head_i]
        lex = self.lexicons
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            return True  # the cause of a passive is not itself an incident
        if trig.label not in ("killing", "torture"):
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in lex.get("inanimate_causes", ()):
                    return True
        if trig.label == "border_crossing_defection" and tok.pos_ == "VERB" and tok.lemma_.lower() in ("escape", "flee", "evade"):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in lex.get("escapable", ()):
                if not any(obj.idx <= p.span.start < obj.idx + len(obj.text) for p in self.places):
                    return True
        if tok.pos_ == "NOUN":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if tok.dep_ == "attr" and tok.head.lemma_ == "be" and subj is not None and subj.pos_ in ("PROPN", "PRON"):
                return True  # "Ulsan are a threat" (not "the checking was unlawful surveillance")
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.get("coping_verbs", ()):
                return True
        return False

    def _animate(self, tok: Token) -> bool:
        """Whether a noun phrase names people (or a group of them): "the activist", "any household"."""
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
            return True
        if self._mention_for(tok) is not None or tok.lemma_.lower() in _ANIMATE_NOUNS:
            return True
        part = partitive_of(tok)
        if part is not None:
            return self._animate(part)
        return self._numeral_group(tok) is not None

    # -- place and time ----------------------------------------------------------------------
    def _place_for(self, sent: SpacySpan, trig: Trigger, quote: Quote | None, victims: list[tuple[Victim, str]]) -> tuple[Place | None, bool]:
        # the sentence's own words: a paragraph the gate blanked after it joins its last token
        sent_end = sent.start_char + len(sent.text.rstrip())
        inside = [
            p for p in self.places
            if sent.start_char <= p.span.start and p.span.end <= sent_end and p not in self.excluded_places
            and ((trig.label in _DESTINATION_IS_PLACE and not trig.by_object) or not self._is_destination(p))
            and not self._is_origin_of_person(p)
        ]
        if inside and resolve_place(inside) is not None and resolve_place(inside).country is None:
            inside = []  # only a river ("near the Yalu River"): which bank is for the paragraph to say
        if inside:
            attached = [p for p in inside if self._attached_to(p, trig)]
            if attached:
                # "arrested by Chinese police in Yanji": the place the parse hangs on the predicate,
                # plus the mentions that agree with it (its province, its country)
                anchor = resolve_place(attached)
                if anchor is not None and anchor.country is not None:
                    agreeing = [p for p in inside if p.country == anchor.country]
                    return resolve_place(attached + [p for p in agreeing if p not in attached]), False
                # only a river hangs on the predicate ("took him back across the Tumen"): the
                # sentence's places decide which bank
            own = [p for p in inside if not self._in_other_content_clause(p, trig)]
            if own:
                return resolve_place(own), False
        content_places: list[PlaceMention] = []
        if inside and len(own) < len(inside):
            content_places = inside  # "sentenced after officers learned she had prayed in Yanji": what was learned, not where
            inside = []
        if inside:
            return resolve_place(inside), False
        if quote is not None and any(k.startswith("speaker:") for _, k in victims) and quote.speaker_span:
            sp = quote.speaker_span
            own = [p for p in self.places if sp.start <= p.span.start and p.span.end <= sp.end]
            if own:
                return resolve_place(own), False
        para = self._paragraph(sent.start_char)
        ps = self.paragraph_starts[para]
        pe = self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) else len(self.text)
        nearby = [
            p for p in self.places
            if ps <= p.span.start and p.span.end <= pe and p not in self.excluded_places and not self._is_destination(p)
            and p.span.start < sent.end_char and p not in content_places
        ]
        if nearby:
            return resolve_place(nearby), True
        return self.main_place, True

    def _named_nationality(self, actor: Actor) -> bool:
        """The actor phrase itself says whose it is ("Lao police", "Vietnamese border guards")."""
        span = actor.span
        return span is not None and any(
            d.country == actor.country and span.start <= d.span.start and d.span.end <= span.end for d in self.demonyms
        )

    def _place_in(self, country: str) -> Place | None:
        """The article's place in ``country``: the province it names there ("Bokeo province"), or
        the country alone (a city named elsewhere in the article may be anywhere in it)."""
        own = [p for p in self.places if p.country == country and p not in self.excluded_places and p.kind in ("country", "region")]
        place = resolve_place(own) if own else None
        if place is None:  # a city somewhere in it, or only the actor's demonym ("Cambodian police")
            first = next((p for p in self.places + self.demonyms if p.country == country), None)
            return Place(text=first.text, country=country, span=first.span) if first is not None else None
        return place

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _place_phrase(self, p: PlaceMention) -> Token | None:
        """The head of the noun phrase a place mention sits in ("Hoeryong" in "North Hoeryong
        county" climbs to "county"), or None when the mention has no token."""
        node = self._token_at(p.span.start)
        if node is None:
            return None
        while node.dep_ in ("compound", "amod") and node.head is not node:
            node = node.head
        return node

    def _is_origin_of_person(self, p: PlaceMention) -> bool:
        """ "a 37-year-old from Hoeryong": where a person comes from, not where it happened."""
        node = self._place_phrase(p)
        if node is None:
            return False
        prep = node.head
        return prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and prep.head.i != prep.i

    def _in_other_content_clause(self, p: PlaceMention, trig: Trigger) -> bool:
        """A place inside a content clause ("learned that she had visited Yanji") that does not hold
        the trigger: the place of what was known or said, not of the act."""
        tok = self._token_at(p.span.start)
        if tok is None:
            return False
        trig_tok = self.doc[trig.head_i]
        node = tok
        while node.head.i != node.i:
            if node.dep_ in ("ccomp",) and not (node.left_edge.i <= trig_tok.i <= node.right_edge.i):
                return True
            node = node.head
        return False

    def _is_whereabouts_of_relation(self, p: PlaceMention) -> bool:
        """ "caught phoning her son in Seoul": where someone's relative or contact lives, not where
        the act happened."""
        node = self._place_phrase(p)
        if node is None:
            return False
        prep = node.head
        if not (node.dep_ == "pobj" and prep.lower_ in ("in", "inside") and prep.dep_ == "prep" and prep.head.lemma_.lower() in _RELATIONS):
            return False
        # only someone contacted ("talking to her daughter in Seoul", "phoning his son in Japan"), not a
        # participant the place may belong to ("arrested a man and his son in Inner Mongolia")
        rel = prep.head
        while rel.dep_ == "conj" and rel.head.i != rel.i:
            rel = rel.head
        if rel.dep_ == "pobj":
            return rel.head.lower_ in ("to", "with", "from")
        return rel.dep_ == "dobj" and rel.head.lemma_.lower() in _CONTACT_VERBS

    def _attached_to(self, p: PlaceMention, trig: Trigger) -> bool:
        tok = self._token_at(p.span.start)
        if tok is None:
            return False
        node = tok
        for _ in range(6):
            if node.i == trig.head_i:
                return True
            if node.dep_ == "dobj" and node.head.i == trig.head_i and trig.label in _MOVER_IS_VICTIM:
                return True  # "fled Kimchaek", "left North Korea": where the flight starts
            if node.head is node or node.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "relcl", "acl"):
                return False  # the place describes a participant ("the woman from X"), not the act
            if node.dep_ == "ccomp":
                return False  # "after officers learned she had prayed in Yanji": the content's place
            if node.dep_ == "xcomp" and node.head.lemma_ in _TELLING_LEMMAS:
                return False  # "told them not to contact anyone in China": what was ordered, not where
            if node.dep_ == "prep" and node.lower_ in ("with", "toward", "towards", "than"):
                return False  # a reference point: "near the border with Thailand"
            node = node.head
        return False

    def _is_destination(self, p: PlaceMention) -> bool:
        before = self.text[max(0, p.span.start - 24) : p.span.start].lower().split()
        return bool(before) and (before[-1] in _DESTINATION_WORDS or (len(before) > 1 and before[-2] in ("back", "sent", "returned") and before[-1] in ("to", "into")))

    def _time_for(self, sent: SpacySpan, trig: Trigger, sentence_triggers: list[Trigger]) -> TimeRef | None:
        """The time the parse attaches to the trigger; failing that, the time of a predicate told as
        the same moment: a conjunct ("held a trial early this month and executed a man"), the verb a
        noun trigger is the object of, a when/while/as clause and its main clause."""
        best: TimeRef | None = None
        shared: TimeRef | None = None
        trig_quote = self._quote_at(self.doc[trig.head_i].idx)
        heads = {t.head_i: t for t in sentence_triggers}
        related = related_predicates(self.doc[trig.head_i])
        for tr in self.times:
            if tr.span is None or not (sent.start_char <= tr.span.start and tr.span.end <= sent.end_char):
                continue
            if self._quote_at(tr.span.start) is not trig_quote:
                continue  # "…,” a source told Daily NK on Monday": the interview's date, not the event's
            span = self.doc.char_span(tr.span.start, tr.span.end, alignment_mode="expand")
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
                self.doc[i].dep_ in ("relcl", "acl") and span.start <= self.doc[i].head.i < span.end for i in related
            ):
                owner = trig  # "in March, when agents went from house to house": the clause is the time's
            if owner is None and span is not None and other_clause(span, self.doc[trig.head_i], related):
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

    # -- candidates and merging ------------------------------------------------------------------
    def conditional_threats(self, triggers: list[Trigger]) -> list[Trigger]:
        """ "They were told that if they complained, their families would be punished": the
        punishment is not an incident, the telling is a threat. For every violation left
        unasserted as a possibility (or a harm: "their families would suffer"), a threat on the
        telling verb that governs it, when the telling has someone it is addressed to ("activists
        warned that returnees could face torture" is a prediction, not a threat)."""
        out: list[Trigger] = []
        taken = {t.head_i for t in triggers if t.label == "threat_intimidation" and t.asserted}
        possible = [
            self.doc[t.head_i] for t in triggers
            if not t.asserted and t.reason in ("modal", "conditional") and not self._inanimate_object(t) and not self._not_an_act(t)
        ]
        possible += [tok for tok in self.doc if tok.lemma_.lower() in _HARMS and tok.pos_ == "VERB" and modal_consequence(tok)]
        for node in possible:
            for _ in range(4):
                if node.head is node:
                    break
                node = node.head
                if node.lemma_.lower() in _THREAT_SPEECH and node.pos_ == "VERB":
                    if node.i not in taken and not any(c.dep_ == "neg" for c in node.children) and addressed(node):
                        taken.add(node.i)
                        out.append(Trigger("threat_intimidation", node.i, node.i + 1, node.i, node.lemma_.lower(), False, True, ""))
                    break
        out += self.announced_rules(triggers, taken)
        return out

    def announced_rules(self, triggers: list[Trigger], taken: set[int]) -> list[Trigger]:
        """ "The commander told them that anyone seen near the river would be shot", "the judge
        said that anyone who helps them would end up the same way": a harm announced, with no
        if/unless, for anyone who does something. Told to someone (or said by an official), it is a
        threat on the telling verb; the harm itself is no incident."""
        out: list[Trigger] = []
        harms = self.lexicons.get("threatened_harms", frozenset())
        heads = {t.head_i for t in triggers}
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "shall") for c in tok.children):
                continue
            if not (tok.i in heads or tok.lemma_.lower() in harms):
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            chain, node = [tok], tok
            for _ in range(3):
                if node.dep_ not in ("ccomp", "conj") or node.head is node:
                    break
                node = node.head
                chain.append(node)
                lemma = node.lemma_.lower()
                if node.pos_ != "VERB" or node.i in taken or any(c.dep_ == "neg" for c in node.children):
                    continue
                told = lemma in _THREAT_SPEECH and addressed(node)
                announced = lemma in ("say", "announce", "declare", "proclaim") and any(
                    c.dep_ == "nsubj" and self._as_actor(c) is not None for c in node.children
                )
                if not (told or announced):
                    continue
                # the subject of the harm, or (when the parse splits the complement: "that anyone
                # caught near the fence | would be shot") a subject earlier in the same complement
                inner = {t.i for t in chain[:-1]}
                subj = [
                    t for t in self.doc[node.i + 1 : tok.i + 1]
                    if t.dep_ in ("nsubj", "nsubjpass") and (t.head.i in inner or (t.head.dep_ == "ccomp" and t.head.head.i == node.i))
                ]
                if subj and _free_choice_phrase(subj[0]):
                    taken.add(node.i)
                    out.append(Trigger("threat_intimidation", node.i, node.i + 1, node.i, lemma, False, True, ""))
                break
        return out

    def candidates(self, triggers: list[Trigger]) -> list[Candidate]:
        triggers = list(triggers) + self.conditional_threats(triggers)
        out: list[Candidate] = []
        by_sent: dict[int, list[Trigger]] = {}
        for t in triggers:
            if t.asserted:
                by_sent.setdefault(self.doc[t.head_i].sent.start, []).append(t)
        for trig in [t for t in triggers if t.asserted]:
            tok = self.doc[trig.head_i]
            sent = tok.sent
            quote = self._quote_at(tok.idx)
            perp, victims = self._args(trig, quote)
            if trig.weak and not victims and not self._watched_object(trig):
                continue
            if trig.victim_types is not None and not any(v.type in trig.victim_types for v, _ in victims):
                continue  # "sent a letter" is not forced labour; "sent 1,500 workers to Russia" is
            if not victims and self._inanimate_object(trig) and not trig.by_object:
                continue  # "arresting a three-day slide", "killed the bill"
            if self._not_an_act(trig):
                continue  # "detained by traffic", "escaped his marker", "Ulsan are a threat", "handle pressure"
            if trig.label == "forced_labor" and spectators(tok):
                continue  # "3,000 residents were mobilized to watch" the trial: an audience, not labour
            if self._held_in_conditions(trig):
                continue  # "held in conditions of forced labour": the condition is the incident
            if self._prediction(trig):
                continue  # "returnees could face torture, activists warned": a forecast, not a threat
            if trig.label == "border_crossing_defection" and not self._crosses_a_border(trig, sent):
                continue  # "crossed the finish line"
            if trig.label == "enforced_disappearance" and self._subject_is_actor(trig):
                continue  # "the broker disappeared": someone left, nobody was disappeared
            if perp is None and trig.label not in _MOVER_IS_VICTIM:
                perp = self._nearby_actor(sent, trig, victims)  # nobody makes people cross a border
            if not victims and perp is not None and quote is None:
                near = self._nearby_victim(sent, perp)
                if near is not None:
                    victims = [near]
            victims = _unique_victims(victims)
            place, fallback = self._place_for(sent, trig, quote, victims)
            time = self._time_for(sent, trig, by_sent.get(sent.start, []))
            if fallback and perp is not None and perp.type in _STATE and perp.country and (place is None or place.country != perp.country) and self._named_nationality(perp):
                # "Lao police arrested the group in a guesthouse" with no known place in the
                # paragraph: police named by their country act in it, not in the one the article
                # is mostly about (agents known only by their service may work abroad)
                place = self._place_in(perp.country) or place
            if perp is not None and perp.country is None and place is not None and perp.type in ("state_security_forces", "other_state_actors"):
                perp = Actor(text=perp.text, type=perp.type, country=place.country, span=perp.span)
            if trig.label in ("arbitrary_detention", "kidnapping_trafficking") and perp is not None and perp.type in _STATE and _FATE_UNKNOWN.search(sent.text):
                # "seized a defector ... and his family has heard nothing of him since": taken by the
                # state and their fate concealed is an enforced disappearance (codebook)
                trig = dc_replace(trig, label="enforced_disappearance")
            destination, recipient = self._destination(tok) if trig.label in _SENDING else (None, None)
            if perp is not None and recipient is not None and perp.span is not None and recipient.start <= perp.span.start < recipient.end:
                perp = None  # "handed over to North Korean authorities": the receiver did not send them
            if trig.label == "forced_repatriation" and destination is not None:
                if destination in self.safe_destinations:
                    continue  # "handed over to South Korean officials": a rescue, not a refoulement
                if tok.lemma_.lower() in _TRANSFERS and perp is not None and perp.country == destination:
                    continue  # "border guards handed them over to the MSS": custody moves within one state
            conf = 0.45 + (0.15 if perp else 0) + (0.15 if victims else 0) + (0.05 if not fallback else 0) + (0.1 if time else 0)
            conf -= 0.15 if trig.weak else 0
            s, e = sent.start_char, sent.end_char
            while e > s and self.text[e - 1].isspace():
                e -= 1
            out.append(
                Candidate(
                    trigger=trig,
                    sentence=Span(s, e),
                    paragraph=self._paragraph(s),
                    perpetrator=perp,
                    victims=[v for v, _ in victims],
                    victim_key=victims[0][1] if victims else None,
                    place=place,
                    place_is_fallback=fallback,
                    time=time,
                    confidence=min(conf, 0.95),
                    evidence=[Span(s, e)],
                    # "the broker sold her to a farmer": someone told of before, by a pronoun no mention resolves
                    # "They were sent back to Pyongyang the following week", "police have since held
                    # them": a pronoun patient with no time of its own goes on with an incident told before
                    anaphoric=anaphoric(tok) and time is None,
                    continues=(_pronoun_patient(tok) or bool(victims) and victims[0][1].startswith("pronoun:")) and time is None,
                    destination=destination,
                )
            )
        return out

    def _nearby_actor(self, sent: SpacySpan, trig: Trigger, victims: list[tuple[Victim, str]]) -> Actor | None:
        """An actor named near the trigger when the parse gives no agent: same sentence first, then
        the rest of the same quote or paragraph. Another predicate's "by X" agent is not borrowed."""
        victim_spans = {v.span for v, _ in victims}
        quote = self._quote_at(self.doc[trig.head_i].idx)
        para = self._paragraph(sent.start_char)
        ps = self.paragraph_starts[para]
        pe = self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) else len(self.text)
        lo, hi = (quote.start, quote.end) if quote else (ps, pe)
        scopes = [(sent.start_char, sent.end_char), (lo, hi)]
        for s, e in scopes:
            for m in self.mentions:
                if m.kind != "actor" or not (s <= m.start < e) or Span(m.start, m.end) in victim_spans:
                    continue
                if self._quote_at(m.start) is not quote:
                    continue
                tok = self.doc[m.head_i]
                if tok.head.lower_ == "by" and tok.head.head.i != trig.head_i and tok.head.head.i != self.doc[trig.head_i].head.i:
                    continue
                country = self._country_in(m.start, m.end) or m.country  # "Vietnamese border police" over the lexicon's default
                return Actor(text=m.text, type=m.entry.type, country=country, span=Span(m.start, m.end))
        return None

    def _nearby_victim(self, sent: SpacySpan, perp: Actor | None) -> tuple[Victim, str] | None:
        """For a predicate with no object ("police intimidation got worse"): the group most recently
        named as suffering, within the previous few sentences."""
        tok = self.doc[sent.start]
        best = None
        for m in self.mentions:
            if m.kind == "victim" and sent.start_char - 500 <= m.start < sent.end_char:
                if perp is not None and perp.span == Span(m.start, m.end):
                    continue
                best = m
                if m.start >= sent.start_char:
                    break
        if best is None:
            return None
        return self._as_victim(self.doc[best.head_i], None) if tok is not None else None

    def merged(self, triggers: list[Trigger]) -> list[Candidate]:
        """The candidates, those telling the same incident merged."""
        merged: list[Candidate] = []
        for cand in self.candidates(triggers):
            if cand.anaphoric:
                told = [m for m in merged if m.trigger.label == cand.trigger.label and m.sentence.start < cand.sentence.start]
                if told:
                    target = max(told, key=lambda m: max(e.start for e in m.evidence if e.start < cand.sentence.start))
                    target.evidence.extend(cand.evidence)
                    target.confidence = min(0.99, max(target.confidence, cand.confidence) + 0.05)
                    continue
            if cand.time is None and cand.place_is_fallback and _at_the_same(self.doc, cand):
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
                    and cand.paragraph - max(m.paragraph, *(self._paragraph(e.start) for e in m.evidence)) <= 1
                ]
                if told:
                    target = max(told, key=lambda m: max(e.start for e in m.evidence if e.start < cand.sentence.start))
                    place = (target.place, target.place_is_fallback)
                    _absorb(target, cand)
                    target.place, target.place_is_fallback = place  # the retelling keeps the incident's place
                    continue
            for prev in merged:
                if _compatible(prev, cand):
                    _absorb(prev, cand)
                    break
            else:
                merged.append(cand)
        return _drop_subsumed(merged)

    def build(self, triggers: list[Trigger]) -> list[Incident]:
        merged = self.merged(triggers)
        # people the article names as attacked beyond the triggers' own arguments (victims.py)
        attach_named_victims(self.doc, merged, triggers, self.mentions, self.quotes)
        incidents = []
        for c in merged:
            incidents.append(
                Incident(
                    type=c.trigger.label,
                    evidence=tuple(sorted(set(c.evidence), key=lambda s: s.start)),
                    perpetrator=c.perpetrator,
                    victims=tuple(c.victims),
                    place=c.place,
                    time=c.time,
                    confidence=round(c.confidence, 3),
                    extractor_version=self.version,
                )
            )
        return incidents


# "SEOUL, June 3 (Yonhap) -- ", "(Seoul) – ", "BEIJING (Reuters) - ": the filing place.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}|\([A-Z][A-Za-z .'’-]{1,30}\))"  # SEOUL / (Seoul)
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:,\s*\d{4})?\s*(?:\([A-Za-z .]{2,30}\)\s*)?(?:—|–|--|-)\s"
)


def _dateline(text: str) -> Span | None:
    m = _DATELINE.match(text)
    return Span(m.start(), m.end()) if m and m.end() < 120 else None


_REPORTING_VERBS = {
    "say", "tell", "announce", "report", "state", "add", "confirm", "publish", "release", "issue",
    "write", "post", "tweet", "claim", "note", "explain", "declare", "reveal", "disclose", "inform",
}


def _finer(a: TimeRef, b: TimeRef) -> bool:
    return _GRANULARITY_RANK.get(a.granularity, 0) > _GRANULARITY_RANK.get(b.granularity, 0)


# Perpetrator types that are the state, and phrases saying a person's fate is concealed: together
# they make a seizure an enforced disappearance.
_STATE = {"state_security_forces", "other_state_actors"}
_FATE_UNKNOWN = re.compile(
    r"\b(?:heard nothing (?:of|from|about)|(?:has|have|had) not been (?:heard from|seen since)|not heard from|no word (?:of|from|on)"
    r"|no news (?:of|from|about)|whereabouts (?:are |is |remain |remains )?(?:still )?unknown|fate (?:is |remains )?unknown"
    r"|(?:do|does|did) not know where (?:he|she|they) (?:is|are|was|were))",
    re.IGNORECASE,
)
# "held in conditions of forced labour", "kept in servitude": a state people are kept in, not custody.
_CONDITIONS = {"condition", "state", "situation", "servitude", "bondage", "slavery", "poverty"}
# Incident types that send people somewhere: a different destination is a different incident.
_SENDING = {"forced_repatriation", "forced_labor"}
# Verbs that pass people from one authority to another.
_TRANSFERS = {"hand", "transfer", "turn", "handover"}
# What a conditional warning promises when it names no violation: "their families would suffer".
_HARMS = {"suffer", "pay", "regret", "lose", "die", "disappear", "vanish", "hurt", "harm", "starve"}


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
    if a.victim_key and b.victim_key and a.victim_key != b.victim_key:
        return False
    if (a.victim_key is None) != (b.victim_key is None) and abs(a.paragraph - b.paragraph) > 1:
        return False
    if a.perpetrator and b.perpetrator and a.perpetrator.type != b.perpetrator.type:
        return False
    if a.perpetrator and b.perpetrator and b.sentence in a.evidence and _different_agents(a.perpetrator, b.perpetrator):
        return False  # "border guards were ordered to report ..., and Group 109 has been checking homes": two acts
    return _same_place(a.place, b.place) and _same_time(a.time, b.time)


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
    if a.span is None or b.span is None or a.span == b.span:
        return False
    if a.span.start < b.span.end and b.span.start < a.span.end:
        return False
    return a.text.lower().split()[-1:] != b.text.lower().split()[-1:]


def _victim_key(v: Victim) -> str:
    if v.name:
        return "name:" + v.name.lower()
    words = v.text.lower().split()
    return "head:" + (words[-1].rstrip("s") if words else "")


def _unique_victims(victims: list[tuple[Victim, str]]) -> list[tuple[Victim, str]]:
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
    into.victims = [v for v, _ in _unique_victims([(v, _victim_key(v)) for v in into.victims + other.victims])]
    into.victim_key = into.victim_key or other.victim_key
    if _specificity(other.place) > _specificity(into.place) or (into.place_is_fallback and not other.place_is_fallback and other.place):
        into.place, into.place_is_fallback = other.place, other.place_is_fallback
    if other.time and (into.time is None or _GRANULARITY_RANK.get(other.time.granularity, 0) > _GRANULARITY_RANK.get(into.time.granularity, 0)):
        into.time = other.time
    into.confidence = min(0.99, max(into.confidence, other.confidence) + 0.05)


def article_place(
    text: str,
    places: list[PlaceMention],
    speaker_spans: list[Span],
    title_places: list[PlaceMention] | None = None,
) -> Place | None:
    """The country the article is mostly about: place mentions counted by country, the title and
    lead weighted up, demonyms ("Iranian journalists") counted at half weight. The returned place
    points at the first mention in the text of that country (the title has no offsets)."""
    lead_end = text.find("\n\n")
    lead_end = len(text) if lead_end < 0 else lead_end
    score: dict[str, float] = {}
    first: dict[str, PlaceMention] = {}
    for p in places:
        if not p.country or any(s.start <= p.span.start and p.span.end <= s.end for s in speaker_spans):
            continue
        w = 2.0 if p.span.start < lead_end else 1.0
        if p.kind == "demonym":
            w *= 0.5
        else:
            first.setdefault(p.country, p)
        score[p.country] = score.get(p.country, 0.0) + w
    for p in title_places or ():
        if p.country:
            score[p.country] = score.get(p.country, 0.0) + (1.5 if p.kind == "demonym" else 3.0)
    candidates = [c for c in score if c in first]
    if not candidates:
        return None
    country = max(candidates, key=lambda c: (score[c], -first[c].span.start))
    p = first[country]
    # within that country, a province the article keeps coming back to ("Musan County, North
    # Hamgyong Province ... Hoeryong") is where it is, when it holds most sub-national mentions
    regions: dict[str, float] = {}
    region_first: dict[str, PlaceMention] = {}
    for m in places:
        if m.country != country or not m.region or m.kind == "demonym":
            continue
        if any(s.start <= m.span.start and m.span.end <= s.end for s in speaker_spans):
            continue
        regions[m.region] = regions.get(m.region, 0.0) + (2.0 if m.span.start < lead_end else 1.0)
        region_first.setdefault(m.region, m)
    if regions:
        region = max(regions, key=lambda r: regions[r])
        if regions[region] >= 0.6 * sum(regions.values()) and regions[region] >= 2.0:
            r = region_first[region]
            return Place(text=r.text, country=country, region=region, span=r.span)
    return Place(text=p.text, country=country, span=p.span)
