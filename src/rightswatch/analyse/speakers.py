"""Who a speaker mention points at: pronouns, surnames, titles and definite descriptions resolved
to the person's first full mention ("Lee" -> "Lee Min-ho", "the rapporteur" -> "Special Rapporteur
Elena Marquez", "the source" -> "a source in China"), so every quote carries its speaker as first
introduced (tests/domain/corpus/README.md). Plain text work over the article; used by ``quotes``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

__all__ = ["Speaker", "PRONOUNS", "INSTITUTIONS", "head_word", "resolve", "compatible", "new_referent", "named_person_before"]

PRONOUNS = {"he", "she", "they", "it", "i", "we"}


@dataclass(slots=True)
class Speaker:
    """A speaker mention: its characters in the article text."""

    start: int
    end: int
    text: str


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+")
# Heads of speakers that are institutions, on the record and never "he" or "she".
INSTITUTIONS = {
    "police", "government", "ministry", "agency", "group", "organization", "organisation", "office",
    "committee", "commission", "court", "embassy", "army", "military", "company", "union", "party",
    "council", "authorities", "department", "bureau", "association", "center", "centre", "network",
    "institute", "foundation", "coalition", "watch", "un", "statement", "report",
}


_FEMALE = frozenset({"woman", "women", "mother", "sister", "wife", "daughter", "girl", "grandmother", "aunt", "waitress"})
_MALE = frozenset({"man", "men", "father", "brother", "husband", "son", "boy", "grandfather", "uncle"})


def _named_antecedent(candidate: Speaker, text: str) -> Speaker | None:
    """ "Lee said" / "Ms. Marquez said": the fuller form of the name used earlier."""
    bare = _HONORIFIC.sub("", candidate.text).split(",")[0].strip()  # "says Ryu, now 58": the name before the aside
    if not bare or not bare[0].isupper() or len(bare.split()) > 2:
        return None
    # a family name written first, before a hyphenated given name ("Park" -> "Park Dong-hyun"),
    # whatever job title stands before it ("Closer Park Dong-hyun")
    surname_first = re.compile(rf"\b{re.escape(bare)}\s[A-Z][a-z]+-[a-z]+\b")
    m = surname_first.search(text, 0, candidate.start)
    if m:
        return Speaker(m.start(), m.end(), m.group(0))
    pat = re.compile(rf"\b(?:[A-Z][\w'’.-]*\s){{1,3}}{re.escape(bare)}\b|\b{re.escape(bare)}(?:[\s-][A-Z][\w'’-]+){{1,2}}\b")
    for m in pat.finditer(text, 0, candidate.start):
        phrase = m.group(0)
        if re.search(r"[a-z]{3,}\.\s", phrase):
            continue  # "... still in North Korea. Tae-jin is a name he chose": a sentence's end, not a name
        if re.match(r"(?:The|A|An|In|On|At|But|And|When|After|Before|Mr|Mrs|Ms|Dr)\b", phrase) and not phrase.startswith(bare):
            # "The Lee family" is not a name; strip a leading function word if that leaves the name
            continue
        if len(phrase) > len(bare):
            return Speaker(m.start(), m.end(), phrase)
    return None


_POSTMODIFIER_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "them", "him", "people"}


def _titled_name(title: str, candidate: Speaker, text: str) -> Speaker | None:
    """ "the Special Rapporteur" / "the coach": the title used earlier before a name
    ("Special Rapporteur Elena Marquez", "Jeonbuk coach Daniel Weber"), nearest first."""
    if not text or len(title.split()) > 3 or not re.fullmatch(r"[a-z][a-z' -]*", title):
        return None
    pat = re.compile(rf"(?i:\b{re.escape(title)})\s+(?:[A-Z][\w'’-]+\s){{0,2}}[A-Z][\w'’-]+")
    found = [m for m in pat.finditer(text, 0, candidate.start)]
    if not found:
        return None
    m = found[-1]
    return Speaker(m.start(), m.end(), m.group(0))


def head_word(speaker: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", speaker)
    # a head noun's postmodifiers: "a source familiar with the restaurants", "a source close to the family"
    stop = {
        "in", "from", "at", "of", "living", "based", "who", "with", "near", "inside", "for",
        "familiar", "close", "knowledgeable", "aware", "involved", "working",
    }
    head: list[str] = []
    for i, w in enumerate(words):
        if w.lower() in stop:
            break
        if head and w.lower().endswith("ing") and i + 1 < len(words) and words[i + 1].lower() in _POSTMODIFIER_DETERMINERS:
            break  # "a person assisting the group", "a lawyer representing the families"
        head.append(w)
    return (head[-1] if head else (words[-1] if words else "")).lower()


# "The head of the Seoul office, Marcus Ovalle": a description that gives the name itself
APPOSED_NAME = re.compile(r",\s+(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]+$")


def resolve(candidate: Speaker, history: list[Speaker], last: Speaker | None, text: str = "", doc: Doc | None = None) -> Speaker:
    """Point anaphoric speakers ("he", "the source", "Lee") back at their first full description.
    With the parse, a description also finds a person or body first mentioned without speaking
    ("A mother of two from Hyesan ... was arrested" ... "the mother of two said")."""
    low = candidate.text.lower()
    if low in PRONOUNS:
        return last or candidate
    m = re.match(r"(?:the|this|that|our)\s+(.+)$", low)
    if m and APPOSED_NAME.search(candidate.text):
        return candidate  # "The Special Rapporteur on torture, Jon Ashby": named here, no anaphor
    if m:
        head = head_word(m.group(1).split(",")[0])  # "the second worker, a younger man from Sinpo": a worker
        nth = _ORDINALS.get(m.group(1).split()[0])
        if nth is not None:
            # "the first source": the first one of that kind introduced, whoever spoke last
            told = list(dict.fromkeys(h.text.lower() for h in sorted(history, key=lambda h: h.start) if h.start < candidate.start and head_word(h.text) == head and h.text.lower() != low))
            if len(told) > nth:
                return next(h for h in history if h.text.lower() == told[nth])
        same = [prev for prev in sorted(history, key=lambda h: h.start, reverse=True) if prev.start < candidate.start and head_word(prev.text) == head and prev.text.lower() != low]
        told = _modifiers(m.group(1).split(",")[0], head)
        if told:
            # "the source in China said", "the North Pyongan source said": the one so described
            described = [prev for prev in same if told <= set(_WORD.findall(prev.text.lower()))]
            if described:
                return described[0]
        if same:
            return same[0]
        found = _titled_name(m.group(1), candidate, text) or _aged_person(m.group(1), candidate, text)
        if found is None and doc is not None:
            found = _noun_antecedent(doc, text, head, candidate.start)
        return found or candidate
    named = _named_antecedent(candidate, text) if text else None
    return named or candidate


_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
_WORD = re.compile(r"[a-z][a-z'’-]*")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "in", "of", "from", "at", "on", "with", "who", "that", "and", "near", "inside", "based", "living", "province"})


def _modifiers(description: str, head: str) -> set[str]:
    """The words that tell one of a kind from another ("the source in China": {"china"})."""
    return {w for w in _WORD.findall(description.lower()) if w != head and w not in _FUNCTION_WORDS and w not in _ORDINALS}


def _aged_person(description: str, candidate: Speaker, text: str) -> Speaker | None:
    """ "the 28-year-old": the person given that age earlier ("Kang Hyuk, 28," or "a 28-year-old
    from Musan"), nearest first."""
    m = re.fullmatch(r"(\d{1,3})-year-old", description.strip())
    if m is None:
        return None
    age = m.group(1)
    pat = re.compile(rf"\b[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){{0,2}}(?=,\s+{age}\b)|\b[Aa]n?\s+{age}-year-old\b[^,.;:“”\"\n]{{0,60}}")
    found = list(pat.finditer(text, 0, candidate.start))
    if not found:
        return None
    hit = found[-1]
    return Speaker(hit.start(), hit.end(), hit.group(0).rstrip())


_DEFINITE = {"the", "this", "that", "these", "those"}


def _noun_antecedent(doc: Doc, text: str, head: str, before: int) -> Speaker | None:
    """The nearest earlier noun phrase with the same head that introduces someone (indefinite or
    bare: "A mother of two from Hyesan", "UN experts", "South Korea's foreign ministry"), with its
    postmodifiers up to a comma or a relative clause."""
    for chunk in reversed([c for c in doc.noun_chunks if c.end_char <= before]):
        root = chunk.root
        if root.lower_ != head or chunk[0].lower_ in _DEFINITE or chunk[0].pos_ == "PRON":
            continue
        end = root.idx + len(root.text)
        who = _identifying_clause(root)
        for tok in root.subtree:
            if tok.i <= root.i:
                continue
            if tok.i in who:
                end = tok.idx + len(tok.text)
                continue
            # a participle goes with the person ("a reporting partner living in the city", "a prisoner
            # released from the camp this month"); a relative clause or an apposition only tells about them
            if (tok.is_punct and tok.text != "-") or tok.dep_ in ("relcl", "appos") or tok.dep_ == "acl" and tok.tag_ not in ("VBG", "VBN") or tok.tag_ in ("WP", "WDT") or tok.lower_ in ("who", "whom", "whose", "which"):
                break
            end = tok.idx + len(tok.text)
        if any(ch in text[chunk.start_char : end] for ch in "“”\""):
            continue
        said = text[text.rfind("\n", 0, chunk.start_char) + 1 : chunk.start_char]
        if said.count("“") > said.count("”"):
            continue  # "“He told us a passport is not something a worker needs”": words quoted, no one introduced
        host = root.head
        beside = chunk.start >= 2 and doc[chunk.start - 1].text == "," and doc[chunk.start - 2].i == host.i
        if root.dep_ == "appos" and beside and host.pos_ in ("NOUN", "PROPN") and host.ent_type_ not in _NOT_PEOPLE and not host.text.isupper():
            # "A second source, a Korean-Chinese trader ..., said" ... "the trader said": the person
            # was introduced as the phrase the description stands beside
            start = host.left_edge.idx
            return Speaker(start, host.idx + len(host.text), text[start : host.idx + len(host.text)])
        return Speaker(chunk.start_char, end, text[chunk.start_char : end])
    return None


# How a source came to speak or asked to be kept unnamed: a clause that tells that is no part of who they are.
_TELLING_WORDS = frozenset({"ask", "speak", "decline", "request", "refuse", "condition", "anonymity", "name", "identify", "give", "tell", "say", "talk", "agree", "want", "wish"})


def _identifying_clause(noun: Token) -> set[int]:
    """The tokens of a short relative clause that says who a person is ("a Russian forestry contractor
    who buys timber from the company", "a travel agent who was on the flight", "a resident it
    contacted by phone"); not one about how they came to speak ("who asked not to be named"), nor a
    long story told of them ("who was sold to a farmer in Heilongjiang and held there for five years")."""
    for rel in (c for c in noun.children if c.dep_ == "relcl"):
        words = list(rel.subtree)
        if len(words) <= 7 and not any(w.is_punct or w.lemma_.lower() in _TELLING_WORDS for w in words):
            return {w.i for w in words}
    return set()


_NOT_PEOPLE = {"GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}


def named_person_before(doc: Doc, text: str, lo: int, hi: int, subjects_only: bool = False) -> Speaker | None:
    """ "We met Soon-hee in Bangkok. “...,” she said": with nobody quoted or told as speaking before,
    a pronoun points at the nearest person named (the parser's name, or a proper noun that names no
    place or body), given as written in full earlier. ``subjects_only``: a person who is a
    sentence's subject, nobody else."""
    chunks = [c for c in doc.noun_chunks if lo <= c.start_char and c.end_char <= hi]
    subjects = [c for c in reversed(chunks) if c.root.dep_ in ("nsubj", "nsubjpass")]
    # a subject first ("Lim Bo-ra left Hamhung in 2003. “...,” she says"), then any mention, nearest first
    for chunk in subjects if subjects_only else subjects + list(reversed(chunks)):
        if (any(t.ent_type_ in _NOT_PEOPLE for t in chunk) and not _ROMANISED_NAME.fullmatch(chunk.text)) or chunk.text.isupper():
            continue
        name = _NAME.fullmatch(chunk.text)
        person = any(t.ent_type_ == "PERSON" for t in chunk) or chunk.root.pos_ == "PROPN"
        # the tagger often misses romanised Korean names ("Soon-hee"): their shape tells them
        if name is None or not (person or re.search(r"[A-Z][a-z]+-[a-z]+", chunk.text)):
            continue
        found = Speaker(chunk.start_char, chunk.end_char, chunk.text)
        return _named_antecedent(found, text) or found
    return None


# A Korean name in the usual romanisation ("Choi Young-ja"), which the tagger often calls an ORG.
_ROMANISED_NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")
# A personal name as written: one to three capitalised words, a given name perhaps hyphenated.
_NAME = re.compile(r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)?(?:\s[A-Z][a-z'’]+(?:-[A-Za-z][a-z]+)?){0,2}")


def compatible(pronoun: str, mention: str) -> bool:
    """A "she" does not point back at "the man", nor a "he" at "the woman", nor at "the report"."""
    # the noun phrase before any apposition ("Her husband, a farmer"); possessives say nothing
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", mention.split(",")[0])}
    if pronoun in ("he", "she") and (head_word(mention) in INSTITUTIONS or _plural(mention)):
        return False
    if pronoun == "she":
        return not words & _MALE or bool(words & _FEMALE)
    if pronoun == "he":
        return not words & _FEMALE or bool(words & _MALE)
    return True


# plural heads that do not end in -s; "-ss", "-us", "-is" end singular nouns ("witness", "Gus", "Lewis")
_PLURAL_HEADS = frozenset({"police", "people", "men", "women", "children", "staff", "personnel", "militia"})
# Peoples, capitalised but never one person's name ("as North Koreans call the ministry")
_DEMONYMS = re.compile(r"(?:[A-Z][a-z]+(?:ans|ese)|Thais|Uyghurs|Kazakhs|Uzbeks|Mongols)$")


def _plural(mention: str) -> bool:
    """ "agents", "police officers", "UN experts": a group, which "he" or "she" cannot point at.
    A capitalised head is a name ("Jones"), never taken as plural."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", mention.split(",")[0])
    head = head_word(mention.split(",")[0])
    original = next((w for w in reversed(words) if w.lower() == head), head)
    if original[:1].isupper() and _DEMONYMS.match(original) and original.lower() not in ("evans", "hans", "jans"):
        return True
    if not head or original[:1].isupper():
        return False
    return head in _PLURAL_HEADS or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


_NEW_PERSON = re.compile(r"\b(?:second|third|fourth|other|another|one of)\b", re.I)


def new_referent(mention: Speaker, history: list[Speaker], last: Speaker, text: str, doc: Doc | None = None) -> Speaker | None:
    """The mention as a speaker, unless it is a definite description ("the Special Rapporteur")
    that points at nobody earlier: then it is most likely the person quoted just before, retold.
    "The second woman", "another resident" and a description giving a name are new people."""
    low = mention.text.lower()
    if not re.match(r"(?:the|this|that)\s", low) or _NEW_PERSON.search(low) or APPOSED_NAME.search(mention.text):
        return mention
    resolved = resolve(mention, history, last, text, doc)
    if resolved is not mention:
        return resolved
    described = re.findall(r"\b[a-z][a-z'’-]+\b", last.text)  # "Teodora Varga, senior Korea researcher at ..."
    head = head_word(low)
    common = re.search(rf"\b{re.escape(head)}\b", mention.text) is not None and head not in INSTITUTIONS  # "official", not "MSS"
    if described and common and head not in {w.lower() for w in re.findall(r"[A-Za-z'’-]+", last.text)}:
        return mention  # "the former village official" after a researcher quoted: someone else
    return None
