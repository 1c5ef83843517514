"""Where an incident happened: the place the parse attaches to its trigger, and the article's own place.

Not every place a sentence names is the act's: destinations ("sent to Russia"), where a person comes
from, the whereabouts of a relative someone phoned, the place of what was learned or ordered, the
speaker's and the dateline's. When the sentence has none, the paragraph's places or the country the
article is mostly about stand in (a fallback the merger knows is weaker).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span as SpacySpan, Token

from rightswatch.analyse.incident_arguments import MOVER_IS_VICTIM
from rightswatch.analyse.incident_time import REPORTING_VERBS
from rightswatch.analyse.places import PlaceMention, places_agree, resolve_place
from rightswatch.analyse.triggers import Trigger, wages_handed_on
from rightswatch.records import Actor, Place, Quote, Span, Victim

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = ["place_for", "named_nationality", "place_in", "is_whereabouts_of_relation", "dateline", "article_place"]

_DESTINATION_WORDS = {"to", "into", "towards", "toward", "reach", "reaching", "reached", "for", "via", "through"}
# Incident types that happen where people are sent ("workers sent to Russia").
_DESTINATION_IS_PLACE = {"forced_labor"}
# verbs whose complement is what someone was told to do ("told them not to go to China")
_TELLING_LEMMAS = frozenset({"tell", "order", "warn", "instruct", "urge", "ask"})
# Verbs of contacting someone: their object's whereabouts are the other end of the line.
_CONTACT_VERBS = frozenset({"call", "phone", "ring", "contact", "message", "text", "email", "visit", "meet", "send", "wire", "telephone"})
# Nouns whose clause is what was known or alleged ("the fact that", "suspicion that").
_CONTENT_NOUNS = frozenset({"fact", "suspicion", "charge", "allegation", "accusation", "claim", "rumor", "rumour", "evidence"})
# People named by their relation to someone: where they are is not where the act happened.
_RELATIONS = frozenset({
    "daughter", "son", "mother", "father", "parent", "brother", "sister", "sibling", "husband", "wife", "child",
    "relative", "cousin", "aunt", "uncle", "grandson", "granddaughter", "grandmother", "grandfather", "family",
    "friend", "contact", "acquaintance", "niece", "nephew", "fiance", "fiancee",
})


def place_for(
    ctx: IncidentContext, sent: SpacySpan, trig: Trigger, quote: Quote | None, victims: list[tuple[Victim, str]],
    others: Sequence[Trigger] = (),
) -> tuple[Place | None, bool]:
    """The incident's place and whether it is a fallback (not said in the trigger's sentence).
    ``others``: the sentence's other triggers, whose describing clauses keep their own places."""
    doc = ctx.doc
    # the sentence's own words: a paragraph the gate blanked after it joins its last token
    sent_end = sent.start_char + len(sent.text.rstrip())
    inside = [
        p for p in ctx.places
        if sent.start_char <= p.span.start and p.span.end <= sent_end and p not in ctx.excluded_places
        and (
            (trig.label in _DESTINATION_IS_PLACE and not trig.by_object) or not _is_destination(ctx.text, p)
            or (trig.label == "forced_repatriation" and _is_route(ctx.text, p))
        )
        and not _is_origin_of_person(doc, p) and not _where_pay_goes(doc, p)
    ]
    told_from = [p for p in inside if _in_attribution(doc, p, trig)]
    abroad: list[PlaceMention] = []
    if len(told_from) < len(inside):
        # "…, according to a researcher in Seoul", "a source in Yanji said": where the teller is,
        # unless the sentence names no other place (Daily NK's "a source in Hyesan" is often both)
        inside = [p for p in inside if p not in told_from]
    elif told_from and _teller_abroad(ctx, told_from):
        # "…, according to a defector who now lives in Seoul": a teller outside the country the
        # article is about tells of it from afar; the paragraph or the article places the act
        abroad, inside = told_from, []
    if inside and resolve_place(inside) is not None and resolve_place(inside).country is None:
        inside = []  # only a river ("near the Yalu River"): which bank is for the paragraph to say
    if inside:
        attached = [p for p in inside if _attached_to(doc, p, trig)]
        if attached:
            # "arrested by Chinese police in Yanji": the place the parse hangs on the predicate,
            # plus the mentions that agree with it (its province, its country)
            anchor = resolve_place(attached)
            if anchor is not None and anchor.country is not None:
                # agreeing at every level: "escaped from a camp in Russia's Amur region and reached
                # Vladivostok" keeps the anchor's province instead of falling back to the country
                agreeing = [p for p in inside if places_agree(p, anchor)]
                return resolve_place(attached + [p for p in agreeing if p not in attached]), False
            # only a river hangs on the predicate ("took him back across the Tumen"): the
            # sentence's places decide which bank
        own = [p for p in inside if not _in_other_content_clause(doc, p, trig) and not _in_other_act_clause(doc, p, trig, others)]
        if own:
            return resolve_place(own), False
    content_places: list[PlaceMention] = []
    if inside and len(own) < len(inside):
        content_places = inside  # "sentenced after officers learned she had prayed in Yanji": what was learned, not where
        inside = []
    if inside:
        return resolve_place(inside), False
    if (named := _anaphoric_place(ctx, sent)) is not None:
        return named, False
    if quote is not None and any(k.startswith("speaker:") for _, k in victims) and quote.speaker_span:
        sp = quote.speaker_span
        own = [p for p in ctx.places if sp.start <= p.span.start and p.span.end <= sp.end]
        if own:
            return resolve_place(own), False
    para = ctx.paragraph(sent.start_char)
    ps = ctx.paragraph_starts[para]
    pe = ctx.paragraph_starts[para + 1] if para + 1 < len(ctx.paragraph_starts) else len(ctx.text)
    nearby = [
        p for p in ctx.places
        if ps <= p.span.start and p.span.end <= pe and p not in ctx.excluded_places and not _is_destination(ctx.text, p)
        and p.span.start < sent.end_char and p not in content_places and p not in abroad
    ]
    if nearby:
        return resolve_place(nearby), True
    return ctx.main_place, True


# "the city's Nammun district", "the county MSS", "police in the town": a place named again by its kind
_ANAPHOR = re.compile(r"\b[Tt]he (city|town|county)(?:['’]s)?\b(?! of\b)")


def _anaphoric_place(ctx: IncidentContext, sent: SpacySpan) -> Place | None:
    """A sentence with no place name that says "the city" or "the county": the last town named
    before it, even where it was the source's ("a source in Hoeryong said agents took a man from
    the city's market"); the article's main place would be a guess."""
    m = _ANAPHOR.search(sent.text)
    if m is None:
        return None
    at = sent.start_char + m.start()
    towns = [p for p in ctx.places if p.kind == "city" and p.span.end <= at]
    # "flown back to Pyongyang": a town named as where someone was sent is not the one the story is in
    stays = [p for p in towns if not _is_destination(ctx.text, p)]
    towns = stays or towns
    return resolve_place([towns[-1]]) if towns else None


def named_nationality(ctx: IncidentContext, actor: Actor) -> bool:
    """The actor phrase itself says whose it is ("Lao police", "Vietnamese border guards")."""
    span = actor.span
    return span is not None and any(
        d.country == actor.country and span.start <= d.span.start and d.span.end <= span.end for d in ctx.demonyms
    )


def place_in(ctx: IncidentContext, country: str) -> Place | None:
    """The article's place in ``country``: the province it names there ("Bokeo province"), or
    the country alone (a city named elsewhere in the article may be anywhere in it)."""
    own = [p for p in ctx.places if p.country == country and p not in ctx.excluded_places and p.kind in ("country", "region")]
    place = resolve_place(own) if own else None
    if place is None:  # a city somewhere in it, or only the actor's demonym ("Cambodian police")
        first = next((p for p in ctx.places + ctx.demonyms if p.country == country), None)
        return Place(text=first.text, country=country, span=first.span) if first is not None else None
    return place


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _place_phrase(doc: Doc, p: PlaceMention) -> Token | None:
    """The head of the noun phrase a place mention sits in ("Hoeryong" in "North Hoeryong
    county" climbs to "county"), or None when the mention has no token."""
    node = _token_at(doc, p.span.start)
    if node is None:
        return None
    while node.dep_ in ("compound", "amod") and node.head.i != node.i:
        node = node.head
    return node


def _where_pay_goes(doc: Doc, p: PlaceMention) -> bool:
    """ "most of their wages go to a company in Pyongyang": where workers' pay is sent is not where
    they work."""
    node = _token_at(doc, p.span.start)
    for _ in range(5):
        if node is None or node.head.i == node.i:
            return False
        if node.dep_ == "prep" and node.lower_ in ("to", "into") and wages_handed_on(node.head):
            return True
        node = node.head
    return False


def _is_origin_of_person(doc: Doc, p: PlaceMention) -> bool:
    """ "a 37-year-old from Hoeryong", "minders from the consulate in Shenyang", "agents sent from
    the headquarters in Pyongyang": where a person comes from, not where it happened."""
    node = _place_phrase(doc, p)
    for _ in range(4):
        if node is None or node.dep_ != "pobj":
            return False
        prep = node.head
        if prep.lower_ == "from" and prep.head.i != prep.i:
            owner = prep.head
            if owner.dep_ == "acl" and owner.tag_ == "VBN":
                owner = owner.head  # "agents sent from ...": the participle's noun
            return owner.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
        if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
            return False
        node = prep.head  # "the consulate in Shenyang": climb to the noun the place is on
    return False


def _teller_abroad(ctx: IncidentContext, told_from: list[PlaceMention]) -> bool:
    """Every place on the teller lies outside the country of the article's main place."""
    main = ctx.main_place
    return main is not None and main.country is not None and all(p.country != main.country for p in told_from)


# Verbs of the occasion a teller speaks on ("speaking to journalists in Geneva", "briefing reporters in Seoul").
_TELLING_OCCASIONS = frozenset({"speak", "talk", "brief", "address", "testify", "write", "appear"})


def _in_attribution(doc: Doc, p: PlaceMention, trig: Trigger) -> bool:
    """The place is on whoever tells of the act: "according to a pastor in Seoul", "a source in
    Yanji said", "told RFA by phone from Chongjin", "told NK News through an intermediary in China",
    "speaking to journalists in Geneva, the spokesperson said"."""
    node = _token_at(doc, p.span.start)
    for _ in range(12):
        if node is None or node.i == trig.head_i or node.head.i == node.i:
            return False
        if node.lower_ == "according" and node.dep_ == "prep":
            return True
        reporting = node.head.lemma_.lower() in REPORTING_VERBS and node.head.i != trig.head_i
        if reporting and (node.dep_ in ("nsubj", "nsubjpass") or (node.dep_ == "prep" and node.lower_ in ("from", "through", "via"))):
            return True
        if reporting and node.dep_ == "advcl" and node.lemma_.lower() in _TELLING_OCCASIONS:
            return True  # "Speaking to journalists in Geneva, the spokesperson said ...": where it was said

        node = node.head
    return False


def _in_other_content_clause(doc: Doc, p: PlaceMention, trig: Trigger) -> bool:
    """A place inside a content clause ("learned that she had visited Yanji") that does not hold
    the trigger: the place of what was known or said, not of the act."""
    tok = _token_at(doc, p.span.start)
    if tok is None:
        return False
    trig_tok = doc[trig.head_i]
    node = tok
    while node.head.i != node.i:
        if _content_clause(node) and not (node.left_edge.i <= trig_tok.i <= node.right_edge.i):
            return True
        node = node.head
    return False


def _in_other_act_clause(doc: Doc, p: PlaceMention, trig: Trigger, others: Sequence[Trigger]) -> bool:
    """A place inside a clause describing someone by another act ("sent back 120 defectors,
    including a man arrested near the consulate in Shenyang"): the place of that act, not of this one."""
    tok = _token_at(doc, p.span.start)
    if tok is None:
        return False
    trig_tok = doc[trig.head_i]
    for other in others:
        head = doc[other.head_i]
        if head.i == trig_tok.i or head.dep_ not in ("acl", "relcl") or head.left_edge.i <= trig_tok.i <= head.right_edge.i:
            continue
        # only members picked out of the group ("including ...", "among them ..."): a clause on
        # the act's own people ("women held in Onsong died", "arrested four who had crossed near
        # Changbai") is often told at the act's place
        if head.left_edge.i <= tok.i <= head.right_edge.i and any(a.lower_ in ("including", "among") and a.dep_ == "prep" for a in head.ancestors):
            return True
    return False


def _content_clause(node: Token) -> bool:
    """The head of a clause telling what was known, said or held against someone: "learned that
    she had prayed in Yanji", "hiding the fact that they had attended a church in China", "because
    he had phoned a broker in Seoul"."""
    return (
        node.dep_ == "ccomp"
        or (node.dep_ in ("acl", "relcl") and node.head.lemma_.lower() in _CONTENT_NOUNS)
        or (node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "because" for c in node.children))
    )


# Capitals that news copy uses for their governments ("Beijing sent back", "Pyongyang has denied").
_SEATS_OF_GOVERNMENT = frozenset({
    "beijing", "pyongyang", "seoul", "moscow", "washington", "tokyo", "hanoi", "vientiane", "bangkok",
    "ulaanbaatar", "phnom penh", "london", "paris", "berlin", "brussels", "tehran", "kabul", "manila",
})


def stands_for_government(doc: Doc, p: PlaceMention) -> bool:
    """A capital as the subject of a verb ("Beijing sent back hundreds", "Pyongyang denied it"):
    its government, an actor, not where anything happened."""
    if p.kind != "city" or p.text.lower() not in _SEATS_OF_GOVERNMENT:
        return False
    tok = _token_at(doc, p.span.start)
    if tok is None:
        return False
    head = doc[tok.i + len(p.text.split()) - 1]  # "Phnom Penh": its last word heads the name
    return head.dep_ == "nsubj" and head.head.pos_ in ("VERB", "AUX")


def is_whereabouts_of_relation(doc: Doc, p: PlaceMention) -> bool:
    """ "caught phoning her son in Seoul": where someone's relative or contact lives, not where
    the act happened."""
    node = _place_phrase(doc, p)
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


def _attached_to(doc: Doc, p: PlaceMention, trig: Trigger) -> bool:
    tok = _token_at(doc, p.span.start)
    if tok is None:
        return False
    node = tok
    for _ in range(6):
        if node.i == trig.head_i:
            return True
        if node.dep_ == "dobj" and node.head.i == trig.head_i and trig.label in MOVER_IS_VICTIM:
            return True  # "fled Kimchaek", "left North Korea": where the flight starts
        if node.head.i == node.i or node.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "relcl", "acl"):
            return False  # the place describes a participant ("the woman from X"), not the act
        if _content_clause(node):
            return False  # "after officers learned she had prayed in Yanji": the content's place
        if node.dep_ == "xcomp" and node.head.lemma_ in _TELLING_LEMMAS:
            return False  # "told them not to contact anyone in China": what was ordered, not where
        if node.dep_ == "prep" and node.lower_ in ("with", "toward", "towards", "than"):
            return False  # a reference point: "near the border with Thailand"
        node = node.head
    return False


def _words_before(text: str, p: PlaceMention, width: int) -> list[str]:
    """The lower-cased words in the ``width`` characters before a place mention."""
    return text[max(0, p.span.start - width) : p.span.start].lower().split()


def _is_route(text: str, p: PlaceMention) -> bool:
    """ "sent back via Tumen", "taken back through Dandong": the crossing people were handed over
    at, which is where a return happens (not where it ends)."""
    before = _words_before(text, p, 16)
    return bool(before) and (before[-1] in ("via", "through") or before[-2:] == ["way", "of"])


def _is_destination(text: str, p: PlaceMention) -> bool:
    before = _words_before(text, p, 24)
    return bool(before) and (before[-1] in _DESTINATION_WORDS or (len(before) > 1 and before[-2] in ("back", "sent", "returned") and before[-1] in ("to", "into")))


# "SEOUL, June 3 (Yonhap) -- ", "(Seoul) – ", "BEIJING (Reuters) - ", "SEOUL, South Korea (AP) — ",
# "(Seoul, March 4, 2026) – ", "GENEVA (24 November 2026) – ": the filing place.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # SEOUL
    r"|\([A-Z][A-Za-z .'’-]{1,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\))"  # (Seoul) / (Seoul, March 4, 2026)
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?"  # its country or state: ", South Korea", ", D.C."
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:,\s*\d{4})?\s*(?:\([A-Za-z0-9 .,]{2,30}\)\s*)?(?:—|–|--|-)\s"
)


def dateline(text: str) -> Span | None:
    """The dateline opening the text, or opening its lead paragraph when a headline and standfirst
    come first (a page's "Title\n\nSubtitle\n\n(Seoul) – ...")."""
    start = 0
    for _ in range(4):
        m = _DATELINE.match(text[start : start + 200])
        if m and m.end() < 120:
            return Span(start + m.start(), start + m.end())
        nxt = text.find("\n\n", start)
        if nxt < 0 or nxt > 600:
            return None
        start = nxt + 2
    return None


def article_place(
    text: str,
    places: list[PlaceMention],
    speaker_spans: list[Span],
    title_places: list[PlaceMention] | None = None,
) -> Place | None:
    """The country the article is mostly about: place mentions counted by country, the title and
    lead weighted up, demonyms ("Iranian journalists") counted at half weight. The returned place
    points at the first mention in the text of that country (the title has no offsets). The
    dateline's places ("MANILA, Philippines — ") count like the lead's: a local outlet files from
    where it happens (a wire service's filing place is outvoted by the story's own places); they
    place no single act (``excluded_places``) and name no province here."""
    lead_end = text.find("\n\n")
    lead_end = len(text) if lead_end < 0 else lead_end
    filed = dateline(text)
    score: dict[str, float] = {}
    first: dict[str, PlaceMention] = {}
    for p in places:
        if not p.country or any(s.start <= p.span.start and p.span.end <= s.end for s in speaker_spans):
            continue
        w = 2.0 if p.span.start < lead_end else 1.0
        if filed is not None and p.span.end <= filed.end and p.kind == "demonym":
            continue
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
        if any(s.start <= m.span.start and m.span.end <= s.end for s in speaker_spans) or (filed and m.span.end <= filed.end):
            continue
        regions[m.region] = regions.get(m.region, 0.0) + (2.0 if m.span.start < lead_end else 1.0)
        region_first.setdefault(m.region, m)
    if regions:
        region = max(regions, key=lambda r: regions[r])
        if regions[region] >= 0.6 * sum(regions.values()) and regions[region] >= 2.0:
            r = region_first[region]
            return Place(text=r.text, country=country, region=region, span=r.span)
    return Place(text=p.text, country=country, span=p.span)
