"""Actor and victim mentions: lexicon matches grown into their noun phrase.

A lexicon phrase ("police", "defectors") is matched on lower-cased tokens; the mention is then
widened to the modifiers the parser hangs on the head ("Chinese police", "about 30 North Korean
defectors") so the span is what an analyst would highlight, and the modifiers give the country,
count, sex and age group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from rightswatch.analyse.profile import LexiconEntry, Profile

__all__ = ["Mention", "MentionFinder", "parse_count", "group_size", "GROUP_NOUNS", "NUMBER_WORDS"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "couple": 2, "a couple": 2,
    "single": 1, "both": 2, "twice": 2,
}
# Nouns for a group of people: one of them is several people, however many ("the family").
GROUP_NOUNS = {"group", "family", "household", "crew", "staff", "couple", "pair"}
_WIDEN_DEPS = {"amod", "compound", "nummod", "quantmod", "poss", "nmod", "case", "npadvmod"}
_FEMALE = {"woman", "women", "girl", "girls", "mother", "mothers", "wife", "daughter", "sister", "female", "females", "widow"}
_MALE = {"man", "men", "boy", "boys", "father", "husband", "son", "brother", "male", "males"}
_CHILD = {"child", "children", "minor", "minors", "girl", "girls", "boy", "boys", "kid", "kids", "teenager", "teenagers", "student", "students", "schoolgirls", "schoolchildren", "infant", "baby", "babies", "pupils", "juvenile", "juveniles"}


@dataclass(frozen=True, slots=True)
class Mention:
    kind: str  # "actor" | "victim"
    start: int  # char offsets into doc.text
    end: int
    head_i: int  # token index of the head
    text: str
    entry: LexiconEntry
    count: int | None = None
    plural: bool = True
    sex: str = "unknown"
    age_group: str = "unknown"
    country: str | None = None  # filled by the caller from place/demonym mentions


def parse_count(text: str) -> int | None:
    t = text.lower().replace(",", "").strip()
    t = re.sub(
        r"^(?:all|about|around|some|nearly|almost|over|more than|at least|up to|roughly|approximately|as many as|an estimated|"
        r"estimated|close to|just|only|exactly|fewer than|less than|at most|well over|upwards of)\s+", "", t)
    t = re.sub(r"\s+(?:more|or more|plus|others|other)$", "", t)
    if t.isdigit():
        n = int(t)
        return n if n < 10_000_000 else None
    return NUMBER_WORDS.get(t)


def group_size(head: Token) -> int | None:
    """How many people a group noun holds when the article says: "a family of four", "a group of
    about 30" (a number and no noun after "of"), "a couple", "the pair" (two; "a pair of" is a
    partitive), "his parents", "the twins"."""
    lemma = head.lemma_.lower()
    if head.lower_ in ("parents", "twins") and any(c.dep_ in ("poss", "det") for c in head.children):
        return 2  # "his parents", "the twins": two by the word
    if lemma not in GROUP_NOUNS or head.tag_ == "NNS":
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                return None
            if pobj.like_num or pobj.lower_ in NUMBER_WORDS:
                return parse_count(" ".join(t.text for t in pobj.subtree if t.i <= pobj.i))
            return None
    return 2 if lemma in ("couple", "pair") else None


def _fold_compounds(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "public security authorities": an actor phrase modifying a generic actor head names what
    the head is, so the head's mention takes the modifier's type and the modifier is dropped."""
    by_head = {m.head_i: m for m in mentions if m.kind == "actor"}
    drop: set[int] = set()
    out: list[Mention] = []
    for m in mentions:
        mod = None
        if m.kind == "actor":
            mod = next((by_head[c.i] for c in doc[m.head_i].children if c.dep_ == "compound" and c.i in by_head), None)
        if mod is not None and mod.entry.type != m.entry.type:
            m = Mention(kind=m.kind, start=min(m.start, mod.start), end=m.end, head_i=m.head_i,
                        text=doc.text[min(m.start, mod.start):m.end], entry=mod.entry, count=m.count,
                        plural=m.plural, sex=m.sex, age_group=m.age_group, country=mod.country or m.country)
            drop.add(mod.head_i)
        elif m.kind == "actor" and _names_a_member(doc[m.head_i]) and doc[m.head_i].head.i not in by_head:
            # "an MSS officer", "a Bowibu agent": one of the body the phrase names; the person
            # heads the mention (so "the officer warned" has its actor)
            member = doc[m.head_i].head
            end = member.idx + len(member.text)
            m = Mention(kind=m.kind, start=m.start, end=end, head_i=member.i, text=doc.text[m.start:end], entry=m.entry,
                        count=m.count, plural=member.tag_ in ("NNS", "NNPS"), sex=m.sex, age_group=m.age_group, country=m.country)
        out.append(m)
    return [m for m in out if not (m.kind == "actor" and m.head_i in drop)]


# Nouns for one member of a body an actor phrase names as their compound ("an MSS officer").
_MEMBERS = frozenset({"officer", "agent", "official", "guard", "inspector", "investigator", "operative", "interrogator", "officers", "agents", "officials", "guards", "inspectors", "investigators", "operatives", "interrogators"})


def _names_a_member(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "compound" and head.i == tok.i + 1 and head.lower_ in _MEMBERS


class MentionFinder:
    """Finds lexicon mentions of actors and victims in a parsed Doc."""

    def __init__(self, vocab: Vocab, profile: Profile) -> None:
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.entries: dict[str, LexiconEntry] = {}
        for kind, entries in (("actor", profile.actors), ("victim", profile.victims)):
            for e in entries:
                key = f"{kind}|{e.phrase}"
                self.entries[key] = e
        # make patterns with a tokenizer-only pass so multi-word phrases align with tokens
        from spacy.lang.en import English

        tok = English().tokenizer
        for key in self.entries:
            self.matcher.add(key, [tok(key.split("|", 1)[1])])

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text  # Doc.text joins every token: build it once
        matches = self.matcher(doc)
        # longest match wins per kind; an actor phrase and a victim phrase may overlap ("workers")
        matches.sort(key=lambda m: (m[1], -(m[2] - m[1])))
        taken: dict[str, set[int]] = {"actor": set(), "victim": set()}
        out: list[Mention] = []
        for match_id, s, e in sorted(matches, key=lambda m: -(m[2] - m[1])):
            key = doc.vocab.strings[match_id]
            kind = key.split("|", 1)[0]
            if any(i in taken[kind] for i in range(s, e)):
                continue
            span = doc[s:e]
            head = span.root
            # "police" inside "police station" or "police chief" is not the actor itself
            if head.dep_ == "compound" and head.head.i >= e and kind == "actor" and head.head.lower_ not in _MEMBERS | {"forces", "authorities", "personnel"}:
                continue
            taken[kind].update(range(s, e))
            out.append(self._mention(doc, text, kind, self.entries[key], s, e))
        out.sort(key=lambda m: m.start)
        return _fold_compounds(doc, out)

    def _mention(self, doc: Doc, text: str, kind: str, entry: LexiconEntry, s: int, e: int) -> Mention:
        head: Token = doc[e - 1]
        left = s
        count: int | None = None
        for child in head.lefts:
            if child.i >= s:
                continue
            if child.dep_ in _WIDEN_DEPS:
                sub = list(child.subtree)
                if sub[-1].i < s and all(t.i < s for t in sub):
                    left = min(left, sub[0].i)
                if child.dep_ == "nummod" or child.like_num:
                    phrase = " ".join(t.text for t in child.subtree)
                    count = parse_count(phrase)
        if count is None:
            count = group_size(head)  # "a family of four"
        if count is None and head.tag_ in ("NNS", "NNPS") and (
            any(c.lower_ == "both" and c.dep_ in ("predet", "det", "preconj") for c in head.children)
            or re.match(r",\s*both\b", text[head.idx + len(head.text) : head.idx + len(head.text) + 8])
        ):
            count = 2  # "both women", "the women, both in their twenties,"
        # skip a leading determiner or possessive pronoun in the shown text
        while left < s and doc[left].dep_ in ("det", "predet") and doc[left].lower_ in ("the", "a", "an", "this", "that", "these", "those", "such"):
            left += 1
        start, end = doc[left].idx, head.idx + len(head.text)
        words = {t.lower_ for t in doc[left:e]}
        plural = head.tag_ in ("NNS", "NNPS") or count not in (None, 1) or head.lemma_.lower() in GROUP_NOUNS
        if count == 1:
            plural = False
        sex = entry.sex or ("female" if words & _FEMALE else "male" if words & _MALE else "unknown")
        age = entry.age_group or ("child" if words & _CHILD else "unknown")
        # "about 30 defectors, including children": a group with children in it
        tail = text[end : end + 40].lower()
        if re.match(r",?\s*(?:including|among them)\s+(?:\w+\s+)?(?:children|minors|kids)", tail):
            age = "mixed"
        if re.match(r",?\s*(?:including|among them)\s+(?:\w+\s+)?(?:women|girls)", tail) and sex == "unknown":
            sex = "mixed"
        return Mention(
            kind=kind,
            start=start,
            end=end,
            head_i=head.i,
            text=text[start:end],
            entry=entry,
            count=count,
            plural=plural,
            sex=sex,
            age_group=age,
            country=entry.country,
        )
