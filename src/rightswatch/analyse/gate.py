"""The sentence gate: analyse only the sentences that can matter, keeping every offset.

Parsing is the expensive part of analysis, and most sentences of a news article name no
violation. Before the parser runs, sentences are kept when they contain a trigger stem (any
codebook or profile trigger), hold a quotation after a verb of saying or come right before a
sentence that opens with one (speakers are named there), name
a person beside a defender's role ("journalist Jane Doe": a named victim, perhaps), or open the
article (the lead). Every other character is replaced by a space (newlines stay), so
the masked string has the same length as ``Article.text`` and every span found in it is a span
of the article. spaCy turns a run of spaces into one whitespace token, which costs next to
nothing to parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rightswatch.analyse.codebook import Codebook
from rightswatch.analyse.profile import Profile
from rightswatch.analyse.incident_participants import person_nouns
from rightswatch.analyse.quotes import SPEECH_VERBS
from rightswatch.analyse.triggers import WEAK_TRIGGERS, labour_conditions

__all__ = ["SentenceGate", "GateResult", "sentence_spans"]

_SENT_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'(\[]?[A-Z0-9])|\n\s*\n")
# Words whose full stop rarely ends a sentence: month and title abbreviations, initials ("U.S.").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Rev|St|No|Gov|Sen|Rep|Maj|Cpl|Pvt|Adm)|(?<![A-Za-z])[A-Z])\.$"
)
# Two or more capitalised words after the first word of a sentence: a person's name, perhaps.
_NAME = re.compile(r"(?<=[a-z,;:(]\s)[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")
# Victim lexicon types that name groups of people rather than roles a named person holds.
_GROUP_TYPES = frozenset({"civilian", "student"})
# Verbs that attribute words to a speaker: a quotation after one in the same sentence is partial
# ("said the government was", "called them", "according to the ministry, the returns were").
_SAYING = re.compile(
    rf"\b(?:{SPEECH_VERBS}|according|call(?:ed|s|ing)?|term(?:ed|s)?|brand\w*|label+\w*|dismiss\w*|reject\w*|condemn\w*|"
    r"criticis\w*|criticiz\w*|defend\w*|welcom\w*|blam\w*|protest\w*|demand\w*|appeal\w*|vow\w*|promis\w*|express\w*|"
    r"rais\w*|sp(?:eak\w*|oke|oken)|describ\w*|quot\w*)\b",
    re.IGNORECASE,
)
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|her)\b", re.IGNORECASE)
# "were told that if ...": a threat the parser must see (incident_threats.conditional_threats)
_CONDITIONAL_TELLING = re.compile(r"\b(?:told|warned|reminded|informed|ordered)\b[^.]{0,60}\b(?:if|unless)\b", re.I)
# "said that whoever runs away will be found", "said that if anyone cried, they would get no food":
# a consequence announced (incident_threats.announced_consequences)
_ANNOUNCED_CONSEQUENCE = re.compile(
    r"\b(?:said|says|told|warned|shouted|announced|declared)\b[^.!?]{0,40}\b(?:if|unless|anyone|anybody|whoever|everyone|everybody)\b[^.!?]{0,120}\b(?:will|would|'ll)\b", re.I
)
# "If you talk to reporters, your mother will never come home": a threat quoted as spoken
# (incident_threats.spoken_threats)
_SPOKEN_THREAT = re.compile(r"\b(?:if|unless|and|or)\b[^.!?]{0,80}\byour?\b[^.!?]{0,60}(?:\bwill\b|'ll\b|\bwon't\b|\bwould\b)", re.I)


@dataclass(frozen=True, slots=True)
class GateResult:
    text: str  # same length as the input
    kept: int  # sentences kept
    total: int  # sentences seen


# Irregular forms of trigger verbs, which a prefix of the lemma does not match ("took" for "take",
# "sold" for "sell"): each is kept with the class of its verb's stem.
_IRREGULAR = {
    "take": ("took", "taken", "taking"), "keep": ("kept",), "pay": ("paid",), "hold": ("held",), "sell": ("sold",), "resell": ("resold",),
    "send": ("sent",), "buy": ("bought",), "bring": ("brought",), "catch": ("caught",), "strike": ("struck",),
    "beat": ("beaten",), "shoot": ("shot",), "slay": ("slain", "slew"), "flee": ("fled",), "run": ("ran",), "swim": ("swam", "swum"),
    "make": ("made", "making"), "drive": ("drove", "driven"), "fly": ("flew", "flown"), "freeze": ("froze", "frozen"), "forbid": ("forbade", "forbidden"),
    "seek": ("sought",), "go": ("went", "gone"), "put": ("put",), "cut": ("cut",), "deprive": ("deprived",), "read": ("read",),
}
# Subject pronouns: a weak trigger in the passive has its person there ("he was held", "they were sold").
_SUBJECT_PRONOUNS = ("he", "she", "they")


def _stem(phrase: str) -> str:
    word = phrase.split()[0].rstrip("*").lower()
    # irregular forms the lemmatizer would fold but a prefix match cannot
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


class SentenceGate:
    def __init__(self, codebook: Codebook, profile: Profile, lead_sentences: int = 2) -> None:
        strong: set[str] = set()
        weak: set[str] = set()
        triggers = [p for t in codebook.incident_types for p in t.triggers]
        triggers += [p for extra in profile.triggers.values() for p in extra]
        for phrase in triggers:
            (weak if phrase in WEAK_TRIGGERS else strong).add(_stem(phrase))
        strong.update({"shot", "slain", "beaten", "abducted", "fled"})
        weak.update({"caught", "held", "sold", "sent", "died", "dead", "death", "bodies", "body", "taken", "seized", "found"})
        objects: set[str] = set()
        for ot in profile.object_triggers:  # "checked the phones": the verb counts beside its object
            weak.update(_stem(lemma) for lemma in ot.lemmas)
            objects.update(o for x in ot.objects for o in (x, x + "s"))
        for lemma, forms in _IRREGULAR.items():
            for cls in (strong, weak):
                if lemma in cls or _stem(lemma) in cls:
                    cls.update(forms)
        weak -= strong
        # weak triggers need a human patient ("held the activist"): a victim word must be there
        # (an object pronoun is a person too: "expelled him", "beat her", "caught them")
        lexicon = {e.phrase for e in profile.victims} | {"phone", "phones", "phone calls", "homes", "households"} | objects
        lexicon |= {"him", "her", "them", "me", "us", *_SUBJECT_PRONOUNS}
        lexicon |= {w for noun in person_nouns() for w in (noun, _plural(noun))}
        self._strong = _alternation(strong)
        self._weak = _alternation(weak)
        self._lexicon = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, lexicon), key=len, reverse=True))})\b", re.IGNORECASE)
        # "journalist Jane Doe", "Doe, a lawyer": a named defender is a victim to weigh (victims.py)
        roles = {e.phrase for e in profile.victims if e.type not in _GROUP_TYPES}
        self._role = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, roles), key=len, reverse=True))})\b", re.IGNORECASE) if roles else None
        self.lead = lead_sentences

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return sentence_spans(text)

    def __call__(self, text: str, quotes: list[tuple[int, int]] | None = None) -> GateResult:
        sents = self.sentences(text)
        keep = [False] * len(sents)
        opens = sorted(o for o, _ in quotes or ())
        for i, (s, e) in enumerate(sents):
            chunk = text[s:e]
            if i < self.lead or self._strong.search(chunk) or _CONDITIONAL_TELLING.search(chunk) or _SPOKEN_THREAT.search(chunk) or _ANNOUNCED_CONSEQUENCE.search(chunk) or labour_conditions(chunk):
                keep[i] = True
            elif any(s < o < e and _SAYING.search(text, s, o) for o in opens[bisect_left(opens, s) : bisect_left(opens, e)]):
                # a quotation opening inside the sentence after a verb of saying ('An official said the
                # government was "in close contact"'): its speaker is the subject the parser must find
                keep[i] = True
            elif self._weak.search(chunk) and self._lexicon.search(chunk):
                keep[i] = True  # "held", "fire", "charge" only count beside a person or an actor
            if i > 0 and chunk.lstrip()[:1] in "“\"":
                # a quotation that opens a sentence may be introduced by the sentence before
                # ("A defector gave the following account.", "Coach Lee said the team was tired."),
                # whose subject the parser must find, whether or not the quotation itself is kept;
                # attributions after a quotation ("…,” a source said) are read without parsing
                keep[i - 1] = True
            if not keep[i] and self._role is not None and self._role.search(chunk) and _NAME.search(chunk):
                keep[i] = True
        # "Eun-jung left the army in 2017. In January 2018 she crossed the Tumen": a kept sentence
        # with a pronoun for one person needs the sentence before, where that person is named ("they"
        # is left out: it is in most sentences of a news story and mostly stands for a group told there)
        for i in [i for i in range(1, len(sents)) if keep[i] and not keep[i - 1]]:
            if _PERSONAL_PRONOUN.search(text, *sents[i]):
                keep[i - 1] = True
        parts, pos = [], 0
        for (s, e), k in zip(sents, keep):
            if not k:
                parts += (text[pos:s], _blank(text[s:e]))
                pos = e
        parts.append(text[pos:])
        return GateResult("".join(parts), sum(keep), len(sents))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence, split on end punctuation before a capital and on blank lines."""
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()) and "\n" not in m.group():
            continue  # "on Aug. 2 detained", "Mr. Kim", "the U.S. embassy": no sentence ends here
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _plural(noun: str) -> str:
    """ "fisherman" -> "fishermen", "missionary" -> "missionaries", "smuggler" -> "smugglers"."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _blank(chunk: str) -> str:
    """Spaces for every character but newlines (the masked text keeps the article's offsets)."""
    return "\n".join(" " * len(line) for line in chunk.split("\n"))


def _alternation(stems: set[str]) -> re.Pattern[str]:
    pattern = "|".join(sorted((re.escape(s) for s in stems if len(s) >= 3), key=len, reverse=True))
    return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)
