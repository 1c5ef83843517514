"""Whether a quoted source is anonymous: described rather than named ("a source in China", "the
defector"), or named under a cue that the name is withheld or invented ("speaking on condition of
anonymity", "Kim (not her real name)", "a woman we will call Mi-ran"). An institution or a state
speaking as a whole names no one either (the domain sets' convention: "anonymous is true for any
unnamed source"). The cues are profile data
(``[anonymity] phrases`` in profile.toml); the sentences searched for them are the attribution's and
those that introduce the speaker, because news copy gives the cue once, where the person first appears.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from rightswatch.analyse.places import fold_country
from rightswatch.analyse.profile import Profile
from rightswatch.analyse.speakers import APPOSED_NAME, INSTITUTIONS, PRONOUNS, head_word

__all__ = ["is_anonymous", "cue_clause_at", "DESCRIPTIVE_DETERMINERS"]

DESCRIPTIVE_DETERMINERS = {"a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "this", "that", "these", "those", "his", "her", "their"}


def is_anonymous(speaker: str, context: str, doc: Doc, span: tuple[int, int], profile: Profile, text: str = "") -> bool:
    """Anonymous: a source described, not named ("a source in China", "the defector"), one who
    asked not to be named, or a body speaking as a whole ("the ministry", "Human Rights Watch",
    "China"): no person stands named behind the words. Only a named person is a named source."""
    if _has_cue(context, profile) or (text and any(_has_cue(s, profile) for s in _introducing_sentences(text, speaker, span))):
        return True
    if text and _given_name_cued(text, speaker, profile):
        return True
    if speaker.lower() in PRONOUNS:
        return False
    apposed = APPOSED_NAME.search(speaker)
    if apposed and (re.search(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+$", speaker)
                    or any(e.label_ == "PERSON" and e.end_char == span[1] for e in doc.ents)
                    or _role_before(speaker[: apposed.start()])):
        return False  # "the representative of the DPRK, Choe Hyok-chol", "the lawyer, Irina Belova": a name beside the description
    if head_word(speaker).lower() in _BODIES or speaker.lower().removeprefix("the ") in _SEATS_OF_GOVERNMENT:
        return True  # "the JCS", "Chinese state media", "North Korea's mission to the UN", "Beijing": a body, no one named
    named = _named_head(doc, span)
    if named is not None:
        return not named
    words = speaker.split()
    head = head_word(speaker)
    if head in _UNNAMED_AGENTS and words and words[-1] == head:
        return True  # "MSS officers", "State security officers": agents of the state described, not named
    if head in INSTITUTIONS or _proper_head(speaker, head) or _whole_body(speaker):
        return True  # "the ministry", "Human Rights Watch", "China": a body speaking as a whole names no one
    if words and words[0].lower() in DESCRIPTIVE_DETERMINERS:
        return True  # "a forecaster at the agency", "one resident", "the woman"
    if words and words[0].lower() == head and head in profile.anonymity_heads:
        return True  # a bare plural opening the sentence: "Sources close to the family", "Residents"
    if len(words) > 1 and re.search(r"['’]s$", words[0]) and words[0][:1].isupper():
        return True  # "Kim's sister", "Park's lawyer": described through someone named, not named
    if words and words[0][:1].isupper():
        return False  # a proper name ("Soo-min Lee, Korea researcher at ...", "Human Rights Watch")
    if _unlabelled_name(doc, span):
        return False  # "manager Oh Jae-won": a name the parser did not label
    return True  # described, not named: "police officers", "investigators", "officials in the county"


# Bodies that speak as a whole, beyond ``speakers.INSTITUTIONS``: the media, a state's mission or
# services, and the acronyms the domain's outlets use for them.
_BODIES = frozenset({"media", "mission", "service", "services", "staff", "newspaper", "broadcaster", "delegation", "jcs", "nis", "kcna", "mss", "psb", "kremlin"})
# Capitals standing for their governments ("Beijing said", "Pyongyang has denied").
_SEATS_OF_GOVERNMENT = frozenset({"beijing", "pyongyang", "seoul", "tokyo", "moscow", "washington", "hanoi", "vientiane", "bangkok", "ulaanbaatar", "phnom penh"})


# Roles a name set beside them belongs to a person ("the lawyer, Irina Belova", whatever entity
# tag the parser gives the name).
_TITLED_PEOPLE = frozenset({
    "lawyer", "attorney", "researcher", "director", "spokesperson", "spokesman", "spokeswoman", "expert", "rapporteur",
    "activist", "pastor", "professor", "analyst", "journalist", "reporter", "representative", "envoy", "minister",
    "lawmaker", "chairman", "chairwoman", "president", "founder", "coordinator", "monk", "priest", "doctor", "judge",
})


def _role_before(description: str) -> bool:
    """The description before an apposed name ends in a person's role ("the lawyer")."""
    words = description.split()
    return bool(words) and words[-1].lower() in _TITLED_PEOPLE


# People acting for the state, told as a plural: "MSS officers said", "State security officers
# told them" names no one, whatever capitals the phrase opens with.
_UNNAMED_AGENTS = frozenset({"officers", "agents", "guards", "officials", "soldiers", "policemen", "inspectors", "investigators"})

_NOT_NAMES = {"GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


def _whole_body(speaker: str) -> bool:
    """A country speaking as a whole ("China", "the DPRK"): its government, no one named."""
    return fold_country(speaker) is not None


def _unlabelled_name(doc: Doc, span: tuple[int, int]) -> bool:
    """A proper noun in the speaker phrase that no entity tag makes a place, body or date."""
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    return phrase is not None and any(t.pos_ == "PROPN" and t.ent_type_ not in _NOT_NAMES and t.text[:1].isupper() for t in phrase)


def cue_clause_at(phrase: str, profile: Profile) -> int | None:
    """Where a relative clause that only withholds the name starts ("a resident of Hyesan who asked
    not to be named"): the speaker is the description before it."""
    for m in re.finditer(r"\s+(?:who|whose)\s", phrase):
        if _has_cue(phrase[m.start() :], profile):
            return m.start()
    return None


def _proper_head(speaker: str, head: str) -> bool:
    """ "the Korean Central News Agency": a definite phrase whose head is a capitalised name."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", speaker)
    return len(words) > 1 and words[0].lower() == "the" and any(w.lower() == head and w[:1].isupper() for w in words[1:])


def _has_cue(sentence: str, profile: Profile) -> bool:
    low = sentence.lower().replace("’", "'")
    return any(p in low for p in profile.anonymity_phrases)


def _named_head(doc: Doc, span: tuple[int, int]) -> bool | None:
    """Whether the parse names the speaker: a person's name as the phrase's head or in apposition
    to it ("Special Rapporteur Elena Marquez", "the group's director, Sarah Lin"). A name further
    down ("a resident of Hyesan", tagged PERSON by mistake, "a friend of Kim's") does not name it.
    None when the parser saw no name in the phrase (the caller falls back to its wording)."""
    ents = [e for e in doc.ents if e.start_char >= span[0] and e.end_char <= span[1] and e.label_ == "PERSON"]
    if not ents:
        return None
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    if phrase is None:
        return True
    first = ents[0]
    if first.start_char == phrase.start_char and doc.text[first.end_char : first.end_char + 1] == ",":
        return True  # "Kwon Tae-hee, a lawyer who helps ...": the name first, a description set beside it
    last = ents[-1]
    if last.end_char == phrase.end_char and all(t.text[:1].isupper() for t in phrase if t.i < last.start):
        return True  # "Presiding Judge Kwon Min-jae": titles before the name, however the parser hangs them
    root = phrase.root
    for tok in (t for e in ents for t in e):
        # up the name's own pieces ("Yoon So-yeon": compounds of "yeon") and appositions to the head
        while tok.i != root.i and tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
            if tok.dep_ == "appos" and tok.ent_type_ != "PERSON":
                break  # "A second source, a Hoeryong resident ...": the name qualifies a description set beside the head
            if tok.dep_ == "compound" and tok.head.lower_ in INSTITUTIONS:
                break  # "The Tajik embassy": a word tagged as a name qualifies a body
            tok = tok.head
        if tok.i == root.i:
            return True
    return False


# A name given by someone else or taken by the speaker: "whom Human Rights Watch calls Jo Kwang-su",
# "the woman who calls herself Mi-yeon".
_GIVEN_NAME = re.compile(
    r"\b(?:whom\s+(?:[A-Z][\w’'-]*\s+){1,5}calls|who\s+calls\s+(?:herself|himself)|(?:known|referred\s+to)\s+(?:here\s+)?as"
    r"|(?:asked|wished|wanted)\s+to\s+be\s+identified\s+as)\s+$"
)


def _whole_words(name: str) -> re.Pattern[str]:
    """``name`` where it stands as whole words (not inside a longer word)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _given_name_cued(text: str, speaker: str, profile: Profile) -> bool:
    """A name that someone gives the speaker ("whom Human Rights Watch calls Jo Kwang-su", "who
    calls herself Mi-yeon"), or one followed wherever it appears by a clause that withholds the
    rest ("Mi-yeon, who asked to be identified only by her first name, ...")."""
    if not speaker[:1].isupper() or speaker.split()[0].lower() in DESCRIPTIVE_DETERMINERS:
        return False
    # the name as told, and after it the name shortened as an article calls the person it has
    # introduced ("Yoo Mi-sun" ... "Yoo, who uses a pseudonym, ..."; "Maria Olsen" ... "Olsen");
    # not before it, where a shared family name is more often a relative ("Pak (name withheld)",
    # the father, then his daughter "Pak Eun-ha")
    words = speaker.split()
    first = _whole_words(speaker).search(text)
    forms = [speaker, *(dict.fromkeys((words[0], words[-1])) if len(words) > 1 and first is not None else ())]
    since = {form: 0 if form == speaker or first is None else first.end() for form in forms}
    for m in (m for form in forms for m in _whole_words(form).finditer(text, since[form])):
        if _GIVEN_NAME.search(text, max(0, m.start() - 60), m.start()):
            return True
        after = text[m.end() : m.end() + 160]
        if after.startswith(" is ") and m.start() in (0, *(e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 3), m.start() + 1))):
            # "Tae-jin is a name he chose for this interview.": a sentence that says what the name is
            if _has_cue(re.split(r"[.;]", after, maxsplit=1)[0], profile):
                return True
        if after.startswith((", who", " (", ", whose")):
            clause = re.split(r"[.;)]|,\s(?!who)", after[2:], maxsplit=1)[0]
            if _has_cue(clause, profile):
                return True
    return False


def _introducing_sentences(text: str, speaker: str, span: tuple[int, int]) -> list[str]:
    """The sentence holding the speaker mention, and for a name, the sentence where the name first
    appears ("Ji-yeon, whose name has been changed for her safety, ...")."""
    out = [_sentence_at(text, span[0])]
    if speaker[:1].isupper() and speaker.split()[0].lower() not in DESCRIPTIVE_DETERMINERS:
        first = _whole_words(speaker).search(text)
        if first is not None and first.start() != span[0]:
            out.append(_sentence_at(text, first.start()))
        if first is not None:
            # "Eun-jung was 17 when ... She asked the BBC not to use her real name": the next
            # sentence, when a pronoun opens it, still tells of the person just introduced
            _, after = _sentence_bounds(text, first.start())
            nxt = _sentence_at(text, after) if after < len(text) else ""
            if re.match(r"\s*(?:He|She|They)\s", nxt):
                out.append(nxt)
    return out


# A sentence's end; a semicolon too, since it often joins two people's cues ("Jo, 38, agreed to be
# identified; the other asked not to be named"). A title's point ("Ms.", "Mr.") ends nothing.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])[.!?][”\"]?(?:\s+|$)|;\s|\n\s*\n")


def _sentence_at(text: str, i: int) -> str:
    """The sentence (or semicolon clause) around character ``i``."""
    start, end = _sentence_bounds(text, i)
    return text[start:end]


def _sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """Where the sentence around character ``i`` starts and ends (its closing mark and the space
    after it included)."""
    ends = [m.end() for m in re.finditer(_SENTENCE_END, text[:i])]
    start = ends[-1] if ends else 0
    stop = re.search(_SENTENCE_END, text[i:])
    return start, i + (stop.end() if stop else len(text) - i)
