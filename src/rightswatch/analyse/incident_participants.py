"""Who a token stands for: the actor or victim a word of the parse names.

A token is read as a lexicon mention, a pronoun resolved to the nearest mention before it (or to the
quote's speaker for "I"/"me"), a number standing for people already named ("the three"), a common
noun for people no lexicon lists ("the organisers") or a PERSON name in its fullest form.
"""

from __future__ import annotations

import re
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rightswatch.analyse.mentions import GROUP_NOUNS, Mention, group_size, parse_count
from rightswatch.analyse.syntax import described_noun, partitive_of
from rightswatch.records import Actor, Quote, Span, Victim

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = ["FIRST_PERSON", "STATE_ACTORS", "as_actor", "as_victim", "people_noun", "numeral_group", "animate", "coordinated", "together"]

FIRST_PERSON = {"i", "me", "my", "myself"}
# Perpetrator types that are the state (codebook).
STATE_ACTORS = frozenset({"state_security_forces", "other_state_actors"})
_FIRST_PLURAL = {"we", "us", "our", "ourselves"}
_SINGULAR = {"he", "him", "she", "her", "himself", "herself"}
_THIRD = {"he", "him", "she", "her", "they", "them", "who", "whom", "that", "which"}
# Common nouns for people or households that no actor/victim lexicon needs to list.
_ANIMATE_NOUNS = {
    "household", "family", "person", "individual", "anyone", "anybody", "everyone", "everybody", "someone",
    "somebody", "resident", "neighbor", "neighbour", "parent", "relative", "civilian", "citizen", "inhabitant",
    "leader", "ringleader", "organizer", "organiser", "member", "suspect", "participant", "employee", "staff",
    "crew", "passenger", "prisoner", "inmate", "detainee", "returnee", "youth", "teen", "adult", "elder",
    "group", "couple", "pair", "soldier", "guard", "officer", "official", "cadre",
    # people by sex, trade or role that the victim lexicons leave out ("gunned down a fisherman")
    "man", "fisherman", "sailor", "visitor", "stranger", "outsider", "smuggler", "trader", "merchant",
    "missionary", "diplomat", "manager", "national", "captive", "hostage",
    "farmer", "peasant", "driver", "vendor", "peddler", "seller", "buyer", "porter", "cook", "clerk", "principal",
    "engineer", "musician", "artist", "singer", "dancer", "actor", "actress", "writer", "poet", "novelist",
    "researcher", "scholar", "academic", "widow", "widower", "housewife", "owner", "shopkeeper", "carpenter",
    "mechanic", "builder", "technician", "accountant", "secretary", "cadet", "recruit", "conscript", "laborer",
    "villager", "pupil", "graduate", "pensioner", "retiree", "veteran", "defendant", "plaintiff", "witness",
    "believer", "worshipper", "preacher", "evangelist", "convert", "courier", "guide", "translator",
    "interpreter", "photographer", "blogger", "filmmaker", "director", "producer", "editor", "reporter",
    "businessman", "businesswoman", "entrepreneur", "dealer", "middleman", "herder", "herdsman", "fisher",
    "hunter", "logger", "waitress", "waiter", "chef", "cleaner", "nanny", "maid", "caregiver",
    # more trades, roles and kin ("a fortune teller was sentenced", "a welder who walked off the site")
    "teller", "shaman", "healer", "hairdresser", "barber", "tailor", "seamstress", "baker", "butcher", "plumber",
    "electrician", "welder", "painter", "sculptor", "lecturer", "tutor", "athlete", "footballer", "boxer",
    "wrestler", "swimmer", "deckhand", "crewman", "seafarer", "stevedore", "docker", "stowaway", "deserter",
    "fugitive", "petitioner", "volunteer", "lawyer", "attorney", "investor", "banker", "cashier", "storekeeper",
    "housekeeper", "gardener", "janitor", "watchman", "midwife", "pharmacist", "physician", "surgeon",
    "scientist", "programmer", "trainee", "apprentice", "intern", "orphan", "beggar", "vagrant", "nomad",
    "pilgrim", "tourist", "traveler", "traveller", "commuter", "emigrant", "immigrant", "migrant", "foreigner",
    "compatriot", "spouse", "infant", "toddler", "baby", "kid", "cousin", "friend", "colleague", "coworker",
    "classmate", "roommate", "tenant", "landlord", "foreman", "lawmaker", "legislator", "entertainer",
    "craftsman", "artisan", "weaver", "hawker", "survivor", "victim", "escapee", "runaway", "dissident",
    # building and site trades of workers sent abroad ("one of the bricklayers walked out")
    "bricklayer", "plasterer", "tiler", "mason", "roofer", "scaffolder", "labourer", "miner", "lumberjack", "woodcutter",
}
# Quantity heads of a partitive that group rather than count: "a group of nine defectors" is nine.
_COLLECTIVES = {"group", "groups", "number", "total", "batch", "thousands", "hundreds", "dozens", "scores"}
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Madam)\.?\s+")


def _pron(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in _THIRD | FIRST_PERSON | _FIRST_PLURAL


def _subset_of_previous(ctx: IncidentContext, m: Mention) -> bool:
    """ "about 30 refugees, including four children": the mention names part of the group before it."""
    before = ctx.text[max(0, m.start - 20) : m.start]
    return re.search(r"\b(?:including|among them|among whom|of whom)[\s,:]*$", before) is not None


def _antecedent(ctx: IncidentContext, tok: Token, kind: str | None) -> Mention | None:
    """Nearest preceding mention (same or previous two sentences) for a 3rd-person pronoun."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("who", "that", "which"):
        host = described_noun(tok.head) if tok.head.dep_ == "relcl" else None
        if host is not None:
            return ctx.mention_for(host, None)
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
    subject_heads = {
        t.lemma_.lower() for a, b in subjects for t in _tokens_in(ctx.doc, a, b) if t.pos_ in ("NOUN", "PROPN")
    }
    for m in ctx.mentions:
        if any(a <= m.start and m.end <= b for a, b in subjects) or ctx.doc[m.head_i].lemma_.lower() in subject_heads:
            continue
        if m.end <= tok.idx and m.start >= limit and (kind is None or m.kind == kind):
            if tok.lower_ in ("they", "them", "their") and not m.plural and (m.start < tok.sent.start_char or len(coordinated(ctx.doc[m.head_i])) < 2):
                continue  # (one of "a defector and his son" told in the same sentence is half of "they")
            if best is not None and best.plural and _subset_of_previous(ctx, m):
                continue  # "30 refugees, including four children ... deported them": the whole group
            best = m
    return best


# Pronouns for one person, who may be a person named before rather than a lexicon mention.
_PERSONAL = {"he", "him", "she", "her"}
# A romanised Korean given name, hyphenated ("Seo-yeon", "Soon-hee"), which the tagger often misses.
_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _name_tokens(doc: Doc, tok: Token) -> SpacySpan:
    """The tokens of a hyphenated name ending at ``tok``: the tokenizer may split "Seo-yeon" in three."""
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return doc[tok.i - 2 : tok.i + 1]
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and not doc[tok.i + 1].whitespace_:
        return doc[tok.i : tok.i + 3]  # "Ha-eun" parsed with "Ha" as the head
    return doc[tok.i : tok.i + 1]


def _romanised_name(ctx: IncidentContext, tok: Token) -> bool:
    name = _name_tokens(ctx.doc, tok)
    if not _GIVEN_NAME.fullmatch(name.text) or any(t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") for t in name):
        return False
    if tok.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "NUM") or tok.dep_ in ("compound", "amod"):
        return False
    return not any(p.span.start <= name.start_char < p.span.end for p in ctx.places)


def _part_of_a_name(ctx: IncidentContext, tok: Token) -> bool:
    """A capitalised word used alone that is a word of a person's full name in the article ("Han
    crossed the Tumen", after "Han Seong-il, 41, said ...")."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return False
    if any(p.span.start <= tok.idx < p.span.end for p in ctx.places):
        return False
    if any(e.label_ == "PERSON" and len(e) > 1 and tok.text in e.text.split() and not any(w.isupper() for w in e.text.split()) for e in ctx.ents):
        return True  # (not "Suwon FC", a team the tagger took for a person)
    # a Korean family name written before a hyphenated given name ("Han Seong-il"), which the
    # tagger may take for a people ("Han") or miss; or a family name the article gives alone ("the
    # woman, surnamed Ri", "identified only as Ms. Ri")
    name = re.escape(tok.text)
    # ("identified only by his surname, Gil", "her family name, Heo", "identified only as Ri")
    return re.search(
        rf"\b{name}\s[A-Z][a-z]+-[a-z]+\b|\bsurnamed\s{name}\b|\b(?:Mr|Ms|Mrs|Miss)\.?\s{name}\b"
        rf"|\b(?:surname|family name|last name),?\s(?:is\s)?{name}\b|\bidentified\s(?:only\s)?as\s{name}\b",
        ctx.text,
    ) is not None


def _person_named_before(ctx: IncidentContext, tok: Token) -> Token | None:
    """The head of the nearest person's name before a "she"/"him" in its sentence or the two before:
    a PERSON entity or a romanised given name. Not the subject of the pronoun's own verb ("Kim
    sold her")."""
    first = tok.sent.start
    for _ in range(2):
        if first > 0:
            first = ctx.doc[first - 1].sent.start
    # the words of the pronoun's own verb's subject, when the pronoun is its object
    own_subject: set[int] = set()
    if tok.dep_ in ("dobj", "dative", "iobj"):
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                own_subject.update(range(c.left_edge.i, c.right_edge.i + 1))
    best: Token | None = None
    for t in ctx.doc[first : tok.i]:
        if t.i not in own_subject and ((t.ent_type_ == "PERSON" and t.pos_ == "PROPN") or _romanised_name(ctx, t)):
            best = t
    if best is not None and best.ent_type_ == "PERSON":
        ent = next((e for e in ctx.ents if e.start <= best.i < e.end), None)
        if ent is not None:
            return ent.root
    return best


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens starting in [start, end), found from the span's edges, not by a scan of the doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if start <= t.idx < end] if span is not None else [t for t in doc if start <= t.idx < end]


# Parts of an institution, a body of people when they are "of" one ("the county branch of the
# Ministry of State Security", "a unit of the border guards").
_PARTS_OF_BODIES = frozenset({"branch", "unit", "department", "division", "office", "bureau", "team", "squad", "section", "detachment"})


def as_actor(ctx: IncidentContext, tok: Token) -> Actor | None:
    if _pron(tok):
        if tok.lower_ in FIRST_PERSON | _FIRST_PLURAL:
            return None
        m = _antecedent(ctx, tok, "actor")
    else:
        m = ctx.mention_for(tok, "actor")
    if m is None and tok.lemma_.lower() in _PARTS_OF_BODIES:
        # "the county branch of the Ministry of State Security": the body it is part of
        whole = next((g for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of" for g in prep.children if g.dep_ == "pobj"), None)
        if whole is not None:
            return as_actor(ctx, whole)
    if m is None:
        ent = next((e for e in ctx.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.label_ in ("GPE",) and tok.dep_ in ("nsubj",):
            country = ctx.country_in(ent.start_char, ent.end_char)
            return Actor(text=ent.text, type="other_state_actors", country=country, span=Span(ent.start_char, ent.end_char))
        return None
    country = ctx.country_in(m.start, m.end) or m.country  # "Vietnamese border police" over the lexicon's default
    return Actor(text=m.text, type=m.entry.type, country=country, span=Span(m.start, m.end))


def as_victim(ctx: IncidentContext, tok: Token, quote: Quote | None) -> tuple[Victim, str] | None:
    low = tok.lower_
    if low in FIRST_PERSON | _FIRST_PLURAL and quote is not None and quote.speaker_span is not None:
        plural = low in _FIRST_PLURAL
        sp = quote.speaker_span
        return (
            Victim(text=quote.speaker or tok.text, population="multiple" if plural else "individual",
                   count=None if plural else 1, type=None, span=sp),
            f"speaker:{sp.start}",
        )
    if low in FIRST_PERSON | _FIRST_PLURAL and quote is None:
        # a first-person account outside any quotation (a testimony, an interview's answers, a
        # defector's own column): the one who tells it
        plural = low in _FIRST_PLURAL
        return (
            Victim(text=tok.text, population="multiple" if plural else "individual", count=None if plural else 1, type=None,
                   span=Span(tok.idx, tok.idx + len(tok.text))),
            "narrator:" + ("we" if plural else "i"),
        )
    if _pron(tok):
        m = _antecedent(ctx, tok, None)
        if m is not None and m.kind == "actor" and m.entry.type in STATE_ACTORS:
            m = _antecedent(ctx, tok, "victim")
        if low in _PERSONAL:
            name = _person_named_before(ctx, tok)
            subj = ("nsubj", "nsubjpass")
            # a subject "she" goes on with the person the story was about, not a nearer object
            # ("Seo-yeon was sold by a broker ... She later ran away")
            topic = name is not None and m is not None and tok.dep_ in subj and name.dep_ in subj and ctx.doc[m.head_i].dep_ not in subj
            if name is not None and (m is None or name.idx >= m.end or topic):
                # "Kim Soo-jin crossed in 2019. Police arrested her": her, one person; the name itself
                # is left to the victim scorer (victims.attach_named_victims), which weighs names
                found = as_victim(ctx, name, quote)
                key = found[1] if found is not None else f"person:{name.text.lower()}"
                return Victim(text=tok.text, population="individual", count=1, span=Span(tok.idx, tok.idx + len(tok.text))), key
        if low in ("it", "itself") and (m is None or m.plural):
            # "they pick it up from the dramas": a thing, never the people told before; but "raided
            # the church and shut it down": an institution acted on earlier in the sentence
            return _institution_before(ctx, tok)
        if low in ("they", "them", "their"):
            # "arrested the three after monitoring their calls": a number standing for people told
            # after the nearest mention is nearer still
            after = m.end if m is not None else tok.sent.start_char
            num = next((t for t in reversed(ctx.doc[tok.sent.start : tok.i]) if t.idx >= after and numeral_group(ctx, t)), None)
            if num is not None:
                return numeral_group(ctx, num)
        if m is not None and not m.plural and low in ("they", "them", "their"):
            members = [as_victim(ctx, t, quote) or people_noun(ctx, t) for t in coordinated(ctx.doc[m.head_i])]
            group = together(ctx, [v for v in members if v is not None])
            if group is not None:
                return group  # "a defector and his son ... as they tried to cross": both of them
    else:
        m = ctx.mention_for(tok, "victim") or ctx.mention_for(tok, "actor")
    if m is None:
        part = partitive_of(tok)
        if part is not None:
            whole = as_victim(ctx, part, quote) or people_noun(ctx, part)  # "a group of nine defectors", "two of the passengers"
            return _part_of(ctx, tok, part, whole) if whole is not None else None
        group = numeral_group(ctx, tok)
        if group is not None:
            return group
        ent = next((e for e in ctx.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
        if ent is None and (_romanised_name(ctx, tok) or _part_of_a_name(ctx, tok)):
            ent = _name_tokens(ctx.doc, tok)  # "Seo-yeon, 29, was sold", "Han crossed": a name the tagger missed
        if ent is None and (tok.lower_ in ("her", "him") and tok.dep_ in ("dobj", "nsubjpass") or tok.lower_ in ("he", "she") and tok.dep_ == "nsubj"):
            # "sold her to a farmer": a woman or man the article has not named or described
            # with a lexicon word is still a person
            return (Victim(text=tok.text, population="individual", count=1, span=Span(tok.idx, tok.idx + len(tok.text))),
                    f"pronoun:{tok.lower_}")
        if ent is None:
            return None
        name = _full_name(ctx, ent.text)
        kind = _role_of(ctx, ent)
        victim = Victim(text=ent.text, name=name, population="individual", count=1, type=kind,
                        span=Span(ent.start_char, ent.end_char))
        return victim, f"name:{name.lower()}"
    if m.kind == "actor" and m.entry.type in ("state_security_forces", "other_state_actors", "other_actors_without_consent"):
        # one officer, soldier or guard can suffer a violation ("a guard was executed"); the
        # forces or an institution as a body are not its victims
        if m.entry.type != "state_security_forces" or ("officer" not in m.text.lower() and m.plural):
            return None
    name = _name_near(ctx, m)
    count = m.count if m.count is not None else _size_told_before(ctx, ctx.doc[m.head_i])  # also "they" for "the family"
    victim = Victim(
        text=m.text,
        name=name,
        population="multiple" if m.plural else "individual",
        count=count if count is not None else (1 if not m.plural else None),
        sex=m.sex,
        age_group=m.age_group,
        type=m.entry.type if m.kind == "victim" else None,
        span=Span(m.start, m.end),
    )
    if low in _SINGULAR:
        # "the agents beat her": one person, whatever group the mention told of her names
        victim = dc_replace(victim, count=1, population="individual")
    head = ctx.doc[m.head_i].lemma_.lower()
    return victim, f"{m.kind}:{head}:{name or ''}"


def coordinated(tok: Token) -> list[Token]:
    """The nouns coordinated with a noun, in order: "a defector and his teenage son" -> both heads."""
    root = tok
    while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        root = root.head
    out, todo = [], [root]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def together(ctx: IncidentContext, victims: list[tuple[Victim, str]]) -> tuple[Victim, str] | None:
    """Unnamed people told together ("a defector and his teenage son", "the mother and younger
    sister of a defector") as one group of their summed number; None when any is named (a name is
    a victim of its own) or of unknown number."""
    if len(victims) < 2 or any(v.name or v.count is None or v.span is None for v, _ in victims):
        return None
    vs = [v for v, _ in victims]
    start, end = min(v.span.start for v in vs), max(v.span.end for v in vs)  # type: ignore[union-attr]

    def common(values: set[str]) -> str:
        return values.pop() if len(values) == 1 else "unknown" if "unknown" in values else "mixed"

    count = sum(v.count or 0 for v in vs)
    if len(vs) > 2 and vs[0].count == count - vs[0].count:
        count = vs[0].count  # "the four, two men and two women": the group, then its parts
    group = Victim(text=ctx.text[start:end], population="multiple", count=count,
                   sex=common({v.sex for v in vs}), age_group=common({v.age_group for v in vs}),
                   type=next((v.type for v in vs if v.type), None), span=Span(start, end))
    return group, victims[0][1]


def _part_of(ctx: IncidentContext, tok: Token, part: Token, whole: tuple[Victim, str]) -> tuple[Victim, str]:
    """The people a partitive names, counted by its quantity: "two of the men" are two, "six of
    them" six, "a group of nine defectors" nine (a collective noun counts what it groups), "most of
    them" an unknown number (not the whole group's)."""
    victim, key = whole
    if tok.lower_ in _COLLECTIVES:
        return whole
    words = [t for t in tok.subtree if t.i <= tok.i]
    count = parse_count(" ".join(t.text for t in words))
    if count is None and tok.lower_ in ("all", "each", "every"):
        return whole
    start, end = words[0].idx, part.idx + len(part.text)
    counted = dc_replace(victim, text=ctx.text[start:end], count=count, population="individual" if count == 1 else "multiple",
                         name=None, span=Span(start, end))
    return counted, key


def person_nouns() -> frozenset[str]:
    """The common nouns for people that count as victims without a lexicon entry (lemmas)."""
    return frozenset(_ANIMATE_NOUNS)


# Bodies that suffer as a whole when raided, closed or banned ("shut it down": the church).
_INSTITUTIONS = {
    "church", "newspaper", "paper", "magazine", "radio", "station", "website", "outlet", "office", "organisation",
    "organization", "ngo", "union", "party", "school", "university", "shelter", "mission", "centre", "center",
    "charity", "association", "foundation", "publisher", "channel", "broadcaster", "temple", "mosque",
}


def _institution_before(ctx: IncidentContext, tok: Token) -> tuple[Victim, str] | None:
    """The institution "it" stands for: the last one acted on before it in its sentence."""
    for t in reversed(ctx.doc[tok.sent.start : tok.i]):
        if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and t.lemma_.lower() in _INSTITUTIONS:
            left = min((c.i for c in t.children if c.dep_ in ("det", "amod", "compound", "poss") and c.i < t.i), default=t.i)
            start, end = ctx.doc[left].idx, t.idx + len(t.text)
            victim = Victim(text=ctx.text[start:end], population="multiple", type="organization", span=Span(start, end))
            return victim, f"institution:{t.lemma_.lower()}"
    return None


def people_noun(ctx: IncidentContext, tok: Token) -> tuple[Victim, str] | None:
    """A common noun for people no lexicon lists ("the group", "the organisers"), as a victim."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _ANIMATE_NOUNS:
        return None
    if tok.tag_ != "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return None  # a bare singular ("tracking employee suicides") is a modifier, not a person
    if tok.lemma_.lower() == "pair" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None  # "a pair of boots"
    left = min((c.i for c in tok.children if c.dep_ in ("amod", "compound", "nummod") and c.i < tok.i), default=tok.i)
    start, end = ctx.doc[left].idx, tok.idx + len(tok.text)
    plural = tok.tag_ == "NNS"
    group = tok.lemma_.lower() in GROUP_NOUNS
    nummod = next((c for c in tok.children if c.dep_ == "nummod"), None)  # "at least 11 people"
    count = parse_count(" ".join(t.text for t in nummod.subtree)) if nummod is not None else group_size(tok)
    count = count if count is not None else _size_told_before(ctx, tok)
    victim = Victim(text=ctx.text[start:end], population="multiple" if plural or group or (count or 1) > 1 else "individual",
                    count=count if count is not None or plural or group else 1, span=Span(start, end))
    return victim, f"noun:{tok.lemma_.lower()}"


def _size_told_before(ctx: IncidentContext, tok: Token) -> int | None:
    """ "The group was caught in January", "the women were beaten": a definite group noun or plural
    with no number of its own is the counted group told just before ("12 North Korean defectors",
    "a family of five"; for a plural, one with the same head: "two women")."""
    lemma = tok.lemma_.lower()
    group = lemma in GROUP_NOUNS and tok.tag_ != "NNS"
    if not group and tok.tag_ != "NNS":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in tok.children):
        return None
    limit = tok.sent.start_char - 600
    best = None
    for m in ctx.mentions:
        if m.kind != "victim" or m.count in (None, 1) or not (limit <= m.start and m.end <= tok.idx):
            continue
        if not group and ctx.doc[m.head_i].lemma_.lower() != lemma:
            continue
        if best is not None and _subset_of_previous(ctx, m):
            continue  # "nine North Koreans, including two children": the group is the nine
        best = m
    return best.count if best is not None else None


def numeral_group(ctx: IncidentContext, tok: Token) -> tuple[Victim, str] | None:
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
    victim = Victim(text=ctx.text[start:end], population="individual" if count == 1 else "multiple",
                    count=count, span=Span(start, end))
    return victim, f"num:{count}"


def animate(ctx: IncidentContext, tok: Token) -> bool:
    """Whether a noun phrase names people (or a group of them): "the activist", "any household".
    Not "it": an animal or a thing ("the bear was caught ... before it was sent back")."""
    if tok.lower_ in ("it", "itself"):
        return False
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or _romanised_name(ctx, tok):
        return True
    if ctx.mention_for(tok) is not None or tok.lemma_.lower() in _ANIMATE_NOUNS:
        return True
    part = partitive_of(tok)
    if part is not None:
        return animate(ctx, part)
    return numeral_group(ctx, tok) is not None


def _name_near(ctx: IncidentContext, m: Mention) -> str | None:
    """A PERSON named in apposition to a victim mention ("activist Jane Doe", "Doe, a lawyer")."""
    if m.plural:
        return None
    head = ctx.doc[m.head_i]
    linked = {head.head.i} if head.dep_ == "appos" else set()
    linked.update(c.i for c in head.children if c.dep_ == "appos")
    for ent in ctx.ents:
        if ent.label_ != "PERSON":
            continue
        near = 0 <= ent.start_char - m.end <= 3 or 0 <= m.start - ent.end_char <= 5
        if near or any(ent.start <= i < ent.end for i in linked):
            return _full_name(ctx, ent.text)
    return None


def _role_of(ctx: IncidentContext, ent: SpacySpan) -> str | None:
    """The victim category said beside a name ("journalist Zhang Zhan", "Zhang, a lawyer,")."""
    root = ent.root
    for m in ctx.mentions:
        if m.kind != "victim" or m.plural:
            continue
        mt = ctx.doc[m.head_i]
        if mt.head.i == root.i or root.head.i == mt.i or 0 <= ent.start_char - m.end <= 2:
            return m.entry.type
    return None


def _full_name(ctx: IncidentContext, name: str) -> str:
    """The fullest form of a person's name the article uses ("Zhang" -> "Zhang Jialong")."""
    bare = _HONORIFIC.sub("", name).strip()
    if not bare:
        return name
    best = bare
    for ent in ctx.ents:
        if ent.label_ == "PERSON" and len(ent.text) > len(best):
            words = ent.text.split()
            if bare in words or ent.text.endswith(" " + bare) or ent.text.startswith(bare + " "):
                best = ent.text
    if " " not in best:
        pat = re.compile(rf"\b((?:[A-Z][\w'’-]+ ){{1,2}}){re.escape(best)}\b")  # same line only
        m = pat.search(ctx.text)
        if m and not re.match(r"(?:The|A|An|In|On|At|But|And|When|After|Before|Mr|Mrs|Ms|Dr)\b", m.group(1)):
            best = m.group(0)
    return " ".join(best.split())
