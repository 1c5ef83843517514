"""Direct quotes, their speakers, and whether the source is anonymous.

Matching (finding quoted passages) is plain text work; attribution uses the parsed ``Doc`` only to
find the subject of an introducing sentence. Journalistic conventions handled, each because news
copy uses it constantly:

* attribution after the quote: ``“...,” a source in China told Daily NK`` / ``“...,” said Kim``;
* attribution before it: ``Kim said: “...”`` or an introducing sentence (``A defector ... gave the
  following account. “...”``);
* a quote continued over paragraphs: the paragraph opens a quote without closing it and the next
  paragraph re-opens it;
* anaphora: ``the source said`` / ``he added`` point back at the last full description of a speaker,
  so every quote carries the speaker as first introduced ("a source in China"); the resolution of
  names, titles and descriptions is ``analyse.speakers``;
* quoted titles, slogans and terms (``a report titled “...”``) are not quotations.

Whether the source is anonymous is ``analyse.anonymity``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rightswatch.analyse.anonymity import DESCRIPTIVE_DETERMINERS, cue_clause_at, is_anonymous
from rightswatch.analyse.profile import Profile
from rightswatch.analyse.speakers import APPOSED_NAME, INSTITUTIONS, PRONOUNS, Speaker, compatible, head_word, named_person_before, new_referent, resolve
from rightswatch.records import Quote, Span

__all__ = ["find_quotes", "quote_regions", "SPEECH_VERBS"]

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|explains|stated|states|noted|notes|claimed|claims|"
    "recalled|recalls|continued|continues|asked|asks|wrote|writes|insisted|insists|warned|warns|"
    "argued|argues|complained|complains|confirmed|confirms|reported|reports|remarked|lamented|"
    "observed|commented|emphasized|stressed|alleged|alleges|described|testified|posted|tweeted|"
    "recounted|revealed|admitted|acknowledged|declared|announced|pointed out|went on|maintains|maintained|"
    "joked|quipped|replied|replies|responded|answered|shouted|whispered|sighed|conceded|concedes|concluded|"
    "urged|urges|pleaded|predicted|suggested|suggests|wondered|countered|cautioned|cautions|denied|denies|"
    "(?:was|were|is|are) quoted as saying"
)
_VERB_RE = rf"(?:{SPEECH_VERBS})"
_OPEN = "“\""
_CLOSE = "”\""
_MAX_SPEAKER_WORDS = 14
# How far back (characters) a pronoun with no speaker before it looks for a named person.
_PERSON_WINDOW = 600

# A title with its abbreviation point, which would otherwise end the speaker phrase ("Ms. Roe said").
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Col|Capt|Lt|Sgt|Rev|Amb|Gov)\.\s+)?"
# “...,” SPEAKER VERB   e.g. ,” a source in China told Daily NK
_AFTER_SPEAKER_VERB = re.compile(
    rf"^\s*(?P<speaker>{_TITLE}[^.!?“”\"\n]{{1,160}}?)\s+(?:had\s+|has\s+|later\s+|also\s+|then\s+)?(?P<verb>{_VERB_RE})\b"
)
# “...,” VERB SPEAKER   e.g. ,” said Kim Jong-hoon, a lawyer.
_AFTER_VERB_SPEAKER = re.compile(rf"^\s*(?P<verb>{_VERB_RE})\s+(?P<speaker>{_TITLE}[^.!?“”\"\n;]{{1,160}})")
# “...,” the group quoted SPEAKER as saying
_AFTER_QUOTED_AS = re.compile(r"^\s*,?\s*[^.!?“”\"\n]{1,80}?\s+quoted\s+(?P<speaker>[^.!?“”\"\n]{1,120}?)\s+as\s+saying\b")
# “...,” according to SPEAKER
_AFTER_ACCORDING = re.compile(r"^\s*,?\s*according to\s+(?P<speaker>[^.!?“”\"\n;]{1,160})")
# SOURCE quoted SPEAKER as saying: “...”
_BEFORE_QUOTED_AS = re.compile(r"\bquoted\s+(?P<speaker>[^.!?“”\"\n]{1,120}?)\s+as\s+saying[,:]?\s*$")
# According to SPEAKER, “...”
_BEFORE_ACCORDING = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[Aa]ccording to\s+(?P<speaker>[^.!?,“”\"\n]{1,120}),\s*$")
# SPEAKER VERB(:|,) “...”   e.g. Kim said: “...”
_BEFORE = re.compile(rf"(?P<speaker>{_TITLE}[^.!?“”\"\n]{{1,160}}?)\s+(?P<verb>{_VERB_RE})(?:\s+[^.!?“”\"\n]{{0,60}})?[,:]\s*$")
# SPEAKER VERB that ... “partial quote”   e.g. China maintains that it acts “in accordance with law”
_BEFORE_PARTIAL = re.compile(rf"(?:^|(?<=[.!?]\s))(?P<speaker>[A-Z][^.!?“”\"\n,]{{0,80}}?)\s+(?P<verb>{_VERB_RE})\s+that\s+[^.!?“”\"\n]{{0,100}}$")
_INTRO = re.compile(rf"(?:following|this|these)\s+(?:account|statement|words|remarks|comments?)|\b(?:{_VERB_RE})\b|:\s*$", re.I)


@dataclass(slots=True)
class _Raw:
    start: int  # of the quoted content (inside the marks)
    end: int
    open_at: int  # index of the opening mark
    close_at: int  # index just after the closing mark (or end of paragraph)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _raw_quotes(text: str) -> list[_Raw]:
    paras = _paragraphs(text)
    found: list[_Raw] = []
    carry: _Raw | None = None  # a quote left open at the end of the previous paragraph
    for ps, pe in paras:
        i = ps
        para = text[ps:pe]
        if carry is not None and not para.lstrip().startswith(tuple(_OPEN)):
            found.append(carry)  # never re-opened: the quote ended with its paragraph
            carry = None
        while i < pe:
            ch = text[i]
            if ch in _OPEN and (ch != '"' or _opens_straight(text, i)):
                close = _find_close(text, i + 1, pe)
                if close is None:
                    content_start = i + 1
                    if carry is not None:
                        content_start = carry.start
                    carry = _Raw(content_start, pe, carry.open_at if carry else i, pe)
                    break
                start = carry.start if carry is not None else i + 1
                open_at = carry.open_at if carry is not None else i
                carry = None
                found.append(_Raw(start, close, open_at, close + 1))
                i = close + 1
                continue
            i += 1
        del para
    if carry is not None:
        found.append(carry)
    return found


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Where quotations are (opening mark to closing mark), without attribution: cheap, for the gate."""
    return [(r.open_at, r.close_at) for r in _raw_quotes(text)]


def _opens_straight(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def _find_close(text: str, i: int, end: int) -> int | None:
    for j in range(i, end):
        if text[j] in _CLOSE and (text[j] == "”" or j + 1 >= len(text) or not text[j + 1].isalnum()):
            return j
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


# "the first source", "the second woman": one of several of a kind, picked out by order
_ORDINAL_DESCRIPTION = re.compile(r"the\s+(?:first|second|third|fourth)\s", re.IGNORECASE)
# A phrase ending in a passive auxiliary before the speech verb: "they were told", "he was asked".
_ADDRESSEE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s*$", re.IGNORECASE)
# A sentence-opening adverbial before the subject: a participle or a preposition phrase up to its comma.
_LEADING_ADVERBIAL = re.compile(r"(?:[A-Z][a-z]+ing|In|On|At|After|Before|During|From|Asked|Interviewed|Reached|Contacted|Later|Meanwhile|However|But|And|Separately|When|While|As|Although|Though|Once|Since|Until|Because|Whenever|Earlier|Then|Now|Today|Yesterday)\b[^,“”\"\n]{0,80},\s+")


def _clean_speaker(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a candidate speaker phrase to its noun phrase; None when it is not one."""
    start, end = _trim(text, start, end)
    while start < end and (text[start] in ",;:" or text[start].isspace()):
        start += 1  # "“...”, she says": the comma after the closing mark
    if _ADDRESSEE.search(text, start, end):
        return None  # "“a spy”, they were told": the ones spoken to, not the speaker
    lead = _LEADING_ADVERBIAL.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()  # "Speaking anonymously, a guard told RFA:", "In a statement, the ministry said:"
    phrase = text[start:end]
    # cut trailing appositions/clauses after a comma: "Kim, a lawyer, ..." keeps the whole until a verb;
    # a parenthesis of lower-case words is a remark on the name ("Kim (not her real name)"), not part of it
    # "A police officer in Luang Namtha reached by RFA": how the outlet got the words, not who spoke
    # a participle after a comma opens a clause about the speaker ("said Sakaguchi, 71, sitting in the room")
    # a dash opens an apposition too ("The man – a former guard – said")
    cut = re.search(r",\s*(?:[a-z]+ing\b|who|which|identified|in an? )|\s*\((?=[a-z])|\s+[–—]\s+"
                    r"|\s+(?:reached|contacted|interviewed|quoted)\s+(?:by|on)\s", phrase)
    if cut:
        end = start + cut.start()
        phrase = text[start:end]
    words = phrase.split()
    if len(words) > _MAX_SPEAKER_WORDS:
        # "the relative, a man who reached Seoul in 2018 and who asked ...": the head before a long apposition
        appos = re.search(r",\s*(?:an?|the)\s", phrase)
        if appos:
            end = start + appos.start()
            phrase = text[start:end]
            words = phrase.split()
        elif re.match(r"(?:an?|one|another)\s", phrase, re.I):
            # "said a trader in Dandong who ships textiles ... and declined to be named": an indefinite
            # description before a long relative clause is the person; the clause only tells about them
            rel = re.search(r"\s(?:who|whose)\s", phrase)
            if rel:
                end = start + rel.start()
                phrase = text[start:end]
                words = phrase.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None
    if re.search(r"[“”\"]", phrase):
        return None
    return start, end


# Speakers introduced outside any quotation: "..., a source in China told Daily NK on Monday."
_INTRODUCED = re.compile(
    rf"(?:(?<=[,.;:] )|(?<=^)|(?<=\n))(?P<speaker>(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal)\s+[^.,;:“”\"\n]{{1,90}}?)\s+(?:(?:has|have|had)\s+)?(?:{_VERB_RE})\b"
    rf"|(?:[Aa]ccording to|[Cc]iting) (?P<speaker2>(?:an?|one|another)\s+[^.,;:“”\"\n]{{1,90}})",
    re.M,
)


# A relative clause that tells how the source spoke, not who they are: "a trader in Changbai who
# said he saw ...", "a relative in South Korea who spoke to Amnesty International" (and a "who"
# left dangling before the speech verb the introduction ends at).
_SPEAKING_CLAUSE = re.compile(rf"\s+(?:who|that)(?:\s+(?:(?:has|have|had)\s+)?(?:{_VERB_RE}|spoke|talked)\b.*)?$", re.S)


def _introductions(text: str, profile: Profile | None = None) -> list[Speaker]:
    out = []
    for m in _INTRODUCED.finditer(text):
        group = "speaker" if m.group("speaker") else "speaker2"
        s, e = m.start(group), m.end(group)
        while e > s and text[e - 1].isspace():
            e -= 1
        # "according to a source in North Pyongan Province who asked not to be named": the source
        # is the description before the clause that withholds the name, or that tells them speaking
        cut = cue_clause_at(text[s:e], profile) if profile is not None else None
        if cut is None and (clause := _SPEAKING_CLAUSE.search(text, s, e)) is not None:
            cut = clause.start() - s
        if cut:
            e = s + cut
        # "according to a relative in Seoul and a person helping the group": two sources
        for part in re.finditer(r"(?:(?<=^)|(?<=\sand\s))(?:(?!\s+and\s+(?:an?|one|another)\s).)+", text[s:e]):
            ps, pe = s + part.start(), s + part.end()
            out.append(Speaker(ps, pe, text[ps:pe]))
    return out


def _intro_subject(doc: Doc, text: str, quote_open: int, para_start: int) -> tuple[int, int] | None:
    """Subject of the sentence just before a quote that opens a sentence, if it introduces it."""
    before = text[para_start:quote_open].rstrip()
    if not before:
        return None
    span = doc.char_span(para_start, para_start + len(before), alignment_mode="expand")
    if span is None:
        return None
    sent = list(span.sents)[-1]
    # the lead's own part of the sentence: the parser may run the sentence on into the quotation and
    # hang the lead on the quotation's verb ("X put it bluntly: “...”")
    lead = doc[max(sent.start, span.start) : span.end]
    teller = _reporting_subject(lead, quote_open)
    if teller is not None and teller[0] >= para_start:
        return teller
    if not _INTRO.search(lead.text):
        return None
    root = lead.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            s, e = _phrase_chars(child)
            if s >= para_start:
                return s, e
    return None


def _reporting_subject(lead: SpacySpan, quote_open: int) -> tuple[int, int] | None:
    """ "..., where an officer told them that anyone caught would be “treated the same way.”": a
    quotation ending a clause reported by a speech verb ("told them that ...") is that verb's
    subject's words, not those of the sentence's main subject."""
    for tok in reversed(list(lead)):
        if tok.idx >= quote_open:
            continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _SPEECH_LEMMAS:
            last = lead.doc[lead.end - 1]
            if not any(t.lower_ == "that" for t in lead.doc[tok.i + 1 : lead.end]) and not _reports_clause(tok, last):
                return None  # "said the fence was “temporary”" is for the parse of the sentence to tell
            subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subj is None:
                # "Presenting her report in Geneva, Special Rapporteur Helena Kowalczyk said that ...":
                # the parser hung the name on the opening clause; a name just before the verb speaks
                name = next((e for e in lead.doc.ents if e.label_ == "PERSON" and e.end == tok.i), None)
                if name is None:
                    return None
                first = name.start
                while first > lead.start and lead.doc[first - 1].pos_ == "PROPN" and lead.doc[first - 1].text[:1].isupper():
                    first -= 1  # "Special Rapporteur": the title before the name
                return lead.doc[first].idx, name.end_char
            return _phrase_chars(subj)
    return None


def _reports_clause(verb: Token, last: Token) -> bool:
    """ "told investigators he had helped bring “...”": the words before the quotation end inside
    what the speech verb reports (its complement, or a clause the parser hung on its object),
    though no "that" opens it."""
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SPEECH_LEMMAS:
        return False  # "a lawyer said police had told them they would be “...”": the outer teller's report
    tok = last
    while tok.head.i != tok.i and tok.head.i != verb.i:
        tok = tok.head
    if tok.head.i != verb.i or tok.i < verb.i:
        return False
    if tok.dep_ == "prep" and tok.lower_ == "as":
        return True  # "rejected the report as “a product of ...”", "described it as “...”"
    return tok.dep_ in ("ccomp", "xcomp") or (tok.dep_ == "dobj" and last.i > tok.i + 1)


def _phrase_chars(tok: Token) -> tuple[int, int]:
    """The characters of the phrase a token heads (its whole subtree)."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


_SPEECH_LEMMAS = frozenset(
    {"say", "tell", "add", "explain", "state", "note", "claim", "recall", "write", "insist", "warn", "argue", "complain",
     "confirm", "report", "remark", "observe", "comment", "emphasize", "stress", "allege", "describe", "testify",
     "maintain", "urge", "appeal", "call",
     # taking a stand in words: the person speaks next ("X rejected the findings. “...,” he said")
     "speak", "reject", "deny", "dismiss", "condemn", "criticize", "criticise", "accuse", "defend", "respond",
     "reply", "acknowledge", "admit", "announce", "declare", "welcome", "blame", "question", "protest", "plead"}
)


# "One of them, who gave her name as Kim Myong-hui, 44": the name the speaker gave
_GIVEN_NAME = re.compile(r"\b(?:gave (?:her|his|their) names? as|identified (?:only )?as|who called (?:herself|himself))\s+(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})")


@dataclass(slots=True)
class _Mention:
    speaker: Speaker
    sentence: str  # the sentence that introduces it: its anonymity cues go with it


# ", Tomás Herrera Vidal, the Special Rapporteur on ..., " right before a verb of saying.
_COMMA_NAMED = re.compile(r",\s+(?P<name>(?:[A-Z][\w’'-]*\s+){1,3}[A-Z][\w’'-]*)(?:,\s+(?:the|a|an)\s[^,]*(?:,[^,]*\([^)]*\))?)?,\s*$")


# "Pernille Thorsager, who researches forced labour at Aarhus University, said": the name opening
# the sentence, before a clause about them, when the parser lost the verb's subject in the clause.
_LEAD_NAMED = re.compile(r"\s*(?P<name>(?:[A-Z][\w’'-]*\s+){1,3}[A-Z][\w’'-]*),\s+(?:who|an?|the)\s[^“”\"]*,\s*$")


def _speech_subjects(doc: Doc, text: str, lo: int, hi: int, max_sents: int = 4) -> list[_Mention]:
    """People told as speaking in the sentences between ``lo`` and ``hi`` (outside quotations),
    nearest first: the subjects of speech verbs ("The man, who spoke from a safe place, said ...",
    "Coach Lee said the team ...", "..., the resident said.")."""
    if hi <= lo:
        return []
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return []
    out: list[_Mention] = []
    for sent in reversed(list(span.sents)):
        # the parser may run a lead on into the quotation, or a quotation's last sentence on over a
        # paragraph break into the lead: only the part between lo and hi is read
        told = text[max(sent.start_char, lo) : min(sent.end_char, hi)]
        if not told.strip() or (sent.start_char < lo and "\n" not in text[sent.start_char : lo]):
            continue
        if any(ch in told for ch in "“”\""):
            continue
        max_sents -= 1
        if max_sents < 0:
            break
        for tok in reversed([t for t in sent if lo <= t.idx < hi]):
            if tok.lemma_.lower() not in _SPEECH_LEMMAS or tok.pos_ != "VERB":
                continue
            if tok.lemma_.lower() == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children):
                continue  # "as North Koreans call the ministry": naming, not speaking ("called for" is)
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # "North Korea did not respond to the suit": who did not speak is not the speaker
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _SPEECH_LEMMAS and tok.i > tok.head.i:
                continue  # "Thorsager said buyers could no longer claim not to know": what was said, not who said it
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.idx >= lo:
                # "Presenting his report in New York, Tomás Herrera Vidal, the Special Rapporteur on
                # ..., said": a name between commas before the verb, which the parser hung elsewhere
                m = _COMMA_NAMED.search(text, max(sent.start_char, lo), tok.idx) or _LEAD_NAMED.match(text, max(sent.start_char, lo), tok.idx)
                if m is not None and any(t.ent_type_ == "PERSON" for t in doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand") or ()):
                    out.append(_Mention(Speaker(m.start("name"), m.end("name"), m.group("name")), sent.text))
                continue
            if subj is None or subj.pos_ == "PRON" or subj.left_edge.idx < lo:
                continue
            if subj.i > tok.i:
                # "..., said one of the residents, a woman in her fifties": the attribution inverted
                if tok.i == 0 or tok.nbor(-1).text not in (",", "”", "\""):
                    continue
                pos = _clean_speaker(text, *_phrase_chars(subj))
                if pos is not None:
                    out.append(_Mention(Speaker(pos[0], pos[1], text[pos[0] : pos[1]]), sent.text))
                continue
            s = subj.left_edge.idx
            phrase = re.sub(r"(?:\s+(?:had|has|have|also|later|then))+\s*$", "", text[s : tok.idx].rstrip())
            given = _GIVEN_NAME.search(phrase)
            if given:
                gs, ge = s + given.start("name"), s + given.end("name")
                out.append(_Mention(Speaker(gs, ge, text[gs:ge]), sent.text))
                continue
            pos = _clean_speaker(text, s, s + len(phrase))
            if pos is not None:
                out.append(_Mention(Speaker(pos[0], pos[1], text[pos[0] : pos[1]]), sent.text))
    return out


def _earlier_speaker_as_subject(doc: Doc, text: str, lo: int, hi: int, pronoun: str, quotes: list[Quote], last: Speaker) -> _Mention | None:
    """A person quoted before ``last`` who is the named subject of a sentence between the previous
    quotation and this one (outside quotations, nearest first), as they were given as speaker."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return None
    earlier = {q.speaker: q.speaker_span for q in quotes if q.speaker and q.speaker_span and q.speaker != last.text}
    for sent in reversed(list(span.sents)):
        if sent.start_char < lo or any(ch in sent.text for ch in "“”\""):
            continue
        subj = next((c for c in sent.root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
        if subj is None:
            continue
        for speaker, at in earlier.items():
            if compatible(pronoun, speaker) and re.search(rf"\b{re.escape(subj.text)}\b", speaker.split(",")[0]):
                return _Mention(Speaker(at.start, at.end, speaker), sent.text)
        return None  # someone else is the topic now: no earlier speaker is meant
    return None


def _matched_speaker(text: str, lead_start: int, lead: str, mb: re.Match[str]) -> tuple[int, int] | None:
    """The cleaned speaker span of a lead pattern's match (``lead`` starts at ``lead_start``),
    from the start of the sentence it is in when the match runs back over an earlier one."""
    sent_start = max(lead.rfind(". ", 0, mb.end("speaker")) + 2, 0) if ". " in lead[: mb.end("speaker")] else 0
    return _clean_speaker(text, lead_start + max(mb.start("speaker"), sent_start), lead_start + mb.end("speaker"))


def _lead_speaker(text: str, para_start: int, open_at: int, pronoun: str) -> _Mention | None:
    """The speaker a lead gives just before the opening mark ("The Special Rapporteur on torture, X,
    said: “"), when the quotation runs on and closes with a pronoun attribution: the pronoun is that
    speaker, not someone told as speaking in the sentences before."""
    lead = text[para_start:open_at]
    mb = _BEFORE.search(lead)
    if mb is None or not lead[mb.start() :].strip():
        return None
    pos = _matched_speaker(text, para_start, lead, mb)
    if pos is None:
        return None
    phrase = text[pos[0] : pos[1]]
    if phrase.lower() in PRONOUNS or not compatible(pronoun, phrase):
        return None
    return _Mention(Speaker(pos[0], pos[1], phrase), lead)


def _sentence_before(text: str, at: int) -> str:
    """The sentence that ends just before ``at`` (its anonymity cues go with the speaker it names)."""
    lead = text[:at].rstrip()
    start = max(lead.rfind(". "), lead.rfind("\n")) + 1
    return lead[start:].strip()


def _runs_on(text: str, raw: _Raw) -> bool:
    """Quoted words in lower case sit inside a sentence that goes on after them (no punctuation
    closes them and no comma follows the mark): what follows is the rest of that sentence, not an
    attribution."""
    words = text[raw.start : raw.end].strip()
    if not words or not words[0].islower():
        return False  # a whole sentence quoted ("“We will not go back” said Kim"), however punctuated
    return raw.end < raw.close_at and words[-1] not in ",.?!…—–-:;" and not text[raw.close_at : raw.close_at + 2].lstrip().startswith(",")


def _continues_previous(text: str, prev_close: int, open_at: int) -> bool:
    """Only the previous quotation's attribution stands between it and this one ("“...,” Lee said.
    “...”", or a paragraph that is all quotation after one that closed with "the source said"):
    the same person goes on speaking."""
    between = text[prev_close:open_at]
    if any(ch in between for ch in "“”\""):
        return False
    if not between.strip():
        return True
    if "\n" in between[: len(between) - len(between.lstrip())]:
        return False  # a paragraph of its own between them is not the previous quotation's attribution
    body = between.strip()
    # the attribution ends its sentence, and this quotation opens the next one
    ends = re.findall(r"[.!?](?:\s|$)", re.sub(_TITLE, "", body))
    # "“...,” she says, and then, after a pause: “...”": the attribution leads into the next quotation
    return len(body) <= 140 and body[-1] in ".!?:" and len(ends) <= 1 and re.search(rf"\b{_VERB_RE}\b", body) is not None


def _cued(text: str, para_start: int, open_at: int, cues: frozenset[str]) -> bool:
    """Whether the words just before the opening mark are one of ``cues``."""
    lead = text[para_start:open_at].rstrip(" ,:").lower()
    return any(re.search(rf"(?<!\w){re.escape(cue)}$", lead) for cue in cues)


def _named_not_said(text: str, para_start: int, open_at: int, content: str, profile: Profile) -> bool:
    """Unattributed quoted words given as a name or title ("what it calls “...”", "the report “Trapped
    Between Two Borders”"): a naming cue just before the mark, or a title in capitals."""
    if _cued(text, para_start, open_at, profile.lexicons.get("quote_naming_cues", frozenset())):
        return True
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", content) if len(w) > 3]
    return len(long_words) >= 2 and all(w[:1].isupper() for w in long_words) and not re.search(r"[.!?]\s", content)


def find_quotes(doc: Doc, profile: Profile) -> list[Quote]:
    # the gate may have blanked sentences of doc.text; quotes are read from the full article text
    text = doc._.rw_text if Doc.has_extension("rw_text") and doc._.rw_text else doc.text
    paras = _paragraphs(text)

    def para_of(i: int) -> tuple[int, int]:
        for s, e in paras:
            if s <= i <= e:
                return s, e
        return 0, len(text)

    def para_before(start: int) -> int:
        """Where the paragraph before the one starting at ``start`` starts (``start`` for the first)."""
        return next((s for s, e in reversed(paras) if e <= start), start)

    history: list[Speaker] = _introductions(text, profile)  # speakers introduced outside quotes
    last: Speaker | None = None  # speaker of the previous quote, for "he added"
    prev_close = 0  # where the previous quotation closed
    attributed_to = -1  # where the previous quotation's attribution after it ended
    quotes: list[Quote] = []
    for raw in _raw_quotes(text):
        cs, ce = _trim(text, raw.start, raw.end)
        content = text[cs:ce]
        if not content:
            continue
        ps, pe = para_of(raw.close_at - 1 if raw.close_at > raw.start else raw.start)
        speaker_pos: tuple[int, int] | None = None
        attributed = -1  # where this quotation's attribution after it ends
        context = ""
        tail = text[raw.close_at : pe]
        m = _AFTER_QUOTED_AS.match(tail) or _AFTER_ACCORDING.match(tail) or _AFTER_VERB_SPEAKER.match(tail) or _AFTER_SPEAKER_VERB.match(tail)
        if m and _runs_on(text, raw) and m.re is not _AFTER_QUOTED_AS:
            m = None  # "held in crowded “jipkyulso” holding centers where ..., a group said": the sentence goes on
        if m and raw.close_at < pe:
            pos = _clean_speaker(text, raw.close_at + m.start("speaker"), raw.close_at + m.end("speaker"))
            if pos:
                speaker_pos = pos
                attributed = raw.close_at + m.end()
                sentence_end = re.search(r"[.!?](?:\s|$)", tail)
                context = tail[: sentence_end.end() if sentence_end else len(tail)]
        continued = False
        if speaker_pos is None:
            ops, _ = para_of(raw.open_at)
            before = text[:ops].rstrip()
            if not text[ops : raw.open_at].strip() and before.endswith(":"):
                ops = para_of(len(before) - 1)[0]  # "X said:" closing the paragraph before a block quotation
            lead = text[ops : raw.open_at]
            mb = _BEFORE_QUOTED_AS.search(lead) or _BEFORE_ACCORDING.search(lead) or _BEFORE.search(lead)
            if mb and last is not None and prev_close <= ops + mb.start("speaker") < attributed_to:
                continued = True  # "“...,” the source said, “and that ...”": the attribution just used, one quotation split
            elif mb and lead[mb.start() :].strip():
                speaker_pos = _matched_speaker(text, ops, lead, mb)
                context = lead
            elif last is not None and _continues_previous(text, prev_close, raw.open_at):
                continued = True
            else:
                speaker_pos = _intro_subject(doc, text, raw.open_at, ops)
                if speaker_pos is not None:
                    # "Responding, the representative of the DPRK, Choe Hyok-chol, rejected ...": the noun phrase only
                    speaker_pos = _clean_speaker(text, *speaker_pos) or speaker_pos
                context = lead
                mp = _BEFORE_PARTIAL.search(lead) if speaker_pos is None else None
                if mp:  # the parser did not see the sentence (the gate blanked it)
                    speaker_pos = _clean_speaker(text, ops + mp.start("speaker"), ops + mp.end("speaker"))
            if speaker_pos is None and not continued and (not lead.strip() or lead.rstrip().endswith(":")):
                # "One victim, a retired teacher, said she had followed the case. ¶ “I was so
                # frightened ...”": a quotation with no attribution of its own is the words of
                # whoever was told as speaking in the sentence just before it
                lo = ops if lead.strip() else para_before(ops)
                told = _speech_subjects(doc, text, max(lo, prev_close), raw.open_at, 1)
                if told:
                    speaker_pos = (told[0].speaker.start, told[0].speaker.end)
                    context = told[0].sentence
        if _cued(text, para_of(raw.open_at)[0], raw.open_at, profile.lexicons.get("quote_title_cues", frozenset())):
            continue  # "a report titled “...”", "banners reading “...”": written words, not speech
        words = len(content.split())
        if speaker_pos is None and not continued and (words < 4 or _named_not_said(text, ops, raw.open_at, content, profile)):
            continue  # a scare quote, a quoted term, a title or a slogan, not a quotation
        speaker: Speaker | None = None
        if continued:
            speaker = last
        elif speaker_pos is not None:
            cut = cue_clause_at(text[speaker_pos[0] : speaker_pos[1]], profile)
            if cut:
                speaker_pos = (speaker_pos[0], speaker_pos[0] + cut)
            cand = Speaker(speaker_pos[0], speaker_pos[1], text[speaker_pos[0] : speaker_pos[1]])
            low = cand.text.lower()
            mention: _Mention | None = None
            if low in PRONOUNS:
                # "X said: “... ¶ “...,” she said": the quotation's own lead names the speaker
                mention = _lead_speaker(text, para_of(raw.open_at)[0], raw.open_at, low)
            if low in PRONOUNS and mention is None:
                # "“...,” he said": the nearest person told as speaking since the previous quotation
                # (the sentence introducing this one), else the previous quotation's speaker
                mention = next((m for m in _speech_subjects(doc, text, prev_close, raw.open_at) if compatible(low, m.speaker.text)), None)
            if low in ("he", "she") and mention is None and last is not None:
                # "“...,” Fukuda says. ¶ Ko is more modest. ¶ “...,” she says": the person quoted
                # earlier who is the subject of the sentences since is the one speaking again
                mention = _earlier_speaker_as_subject(doc, text, prev_close, raw.open_at, low, quotes, last)
            if low in ("he", "she") and mention is None:
                # "Yoo, who uses a wheelchair, wept as the ruling was read. “...,” he told reporters": the
                # person the quotation's own paragraph (or, opening it, the paragraph before) is about
                # speaks, not the previous speaker
                ops = para_of(raw.open_at)[0]
                if not text[ops : raw.open_at].strip():
                    ops = para_before(ops)
                person = named_person_before(doc, text, max(prev_close, ops), raw.open_at, subjects_only=True)
                if person is not None and compatible(low, person.text) and (last is None or person.text not in last.text):
                    mention = _Mention(person, _sentence_before(text, raw.open_at))
            if mention is not None and last is not None and new_referent(mention.speaker, history, last, text, doc) is None:
                mention = None  # "The Special Rapporteur said ...": the person quoted before, told again
            if mention is not None:
                speaker = resolve(mention.speaker, history, last, text, doc)
                cand = speaker if speaker is mention.speaker else cand
                context = mention.sentence
            else:
                if re.fullmatch(r"the\s+\w+", low) and last is not None:
                    # "..., the first source said. ¶ “...,” the source said": the bare description is
                    # the one just picked out by its order as speaking
                    told = next((t.speaker for t in _speech_subjects(doc, text, prev_close, raw.open_at)
                                 if head_word(t.speaker.text) == head_word(low) and _ORDINAL_DESCRIPTION.match(t.speaker.text)), None)
                    cand = told or cand
                elif (nth := re.fullmatch(r"the\s+(second|third|fourth)\s+\w+", low)) and last is not None:
                    # "A second source, a resident of Baishan, told RFA that ... ¶ “...,” the second
                    # source said": the one of that order told as speaking since, though not quoted
                    told = next((t.speaker for t in _speech_subjects(doc, text, prev_close, raw.open_at)
                                 if head_word(t.speaker.text.split(",")[0]) == head_word(low)
                                 and re.match(rf"(?:an?|the)\s+{nth[1]}\s", t.speaker.text, re.IGNORECASE)), None)
                    if told is not None:
                        said = told.text.rstrip(" ,;:")  # "A second worker, reached by phone, said"
                        cand = Speaker(told.start, told.start + len(said), said)
                speaker = resolve(cand, history, last, text, doc)
                if speaker is cand and re.match(r"(?:the|this|that)\s", low) and head_word(low) not in INSTITUTIONS and not APPOSED_NAME.search(cand.text):
                    # "Coach Daniel Weber said ... “...,” the German said": a description with no
                    # earlier antecedent is the person named speaking just before, in the paragraph
                    ops, _ = para_of(raw.open_at)
                    named = next((m for m in _speech_subjects(doc, text, max(prev_close, ops), raw.open_at, 1) if m.speaker.text[:1].isupper() and m.speaker.text.split()[0].lower() not in DESCRIPTIVE_DETERMINERS), None)
                    if named is not None:
                        speaker = cand = named.speaker
            if speaker.text.lower() in PRONOUNS:
                # "she said" with nobody quoted before: the sentence introducing the quote names her
                ops, _ = para_of(raw.open_at)
                intro = _intro_subject(doc, text, raw.open_at, ops)
                if intro is not None:
                    speaker = Speaker(intro[0], intro[1], text[intro[0] : intro[1]])
                    cand = speaker
                else:
                    speaker = cand = named_person_before(doc, text, max(prev_close, raw.open_at - _PERSON_WINDOW), raw.open_at) or speaker
            if speaker is cand and cand.text.lower() not in PRONOUNS:
                history.append(cand)
            last = speaker
        prev_close, attributed_to = raw.close_at, attributed
        anonymous = True  # no speaker found: no named person speaks (the contract's meaning of anonymous)
        if speaker is not None:
            anonymous = is_anonymous(speaker.text, context, doc, (speaker.start, speaker.end), profile, text)
            if not anonymous:
                # the first introduction may carry the anonymity cue ("..., speaking on condition of anonymity")
                anonymous = any(q.anonymous for q in quotes if q.speaker_span == Span(speaker.start, speaker.end))
        # a quotation continued over paragraphs is one quote per paragraph, each with the speaker
        for ps_, pe_ in _pieces(text, cs, ce):
            quotes.append(
                Quote(
                    text=text[ps_:pe_],
                    start=ps_,
                    end=pe_,
                    speaker=speaker.text if speaker else None,
                    anonymous=anonymous,
                    speaker_span=Span(speaker.start, speaker.end) if speaker else None,
                )
            )
    return quotes


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of a quotation's content, without the marks that re-open it."""
    out = []
    pos = start
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    pieces = []
    for s, e in out:
        while s < e and (text[s].isspace() or text[s] in _OPEN):
            s += 1
        s, e = _trim(text, s, e)
        if s < e:
            pieces.append((s, e))
    return pieces
