"""From asserted triggers to incidents: who did it, to whom, where, when, and on what evidence.

Each asserted trigger becomes a candidate with arguments read off the dependency parse (subject,
object, passive agent, "pressure on X", "surveillance by X"), pronouns resolved to the nearest
mention (or to the quote's speaker for "I"/"me"), the place and time attached to it (not every place
the sentence names: destinations and the speaker's own location are left out), and then candidates
telling the same incident are merged: same type, compatible perpetrator, victims, place and time.

This module orchestrates; the stages live beside it: ``incident_context`` (what they all read),
``incident_arguments`` and ``incident_participants`` (who), ``incident_place`` and
``incident_time`` (where, when), ``incident_threats`` (threats told as a punishment to come),
``incident_filters`` (trigger senses that are no act) and ``incident_merge``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace as dc_replace
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rightswatch.analyse.incident_arguments import MOVER_IS_VICTIM, args, destination, nearby_actor, nearby_victim
from rightswatch.analyse.incident_comparisons import compared_figures
from rightswatch.analyse.incident_context import Candidate, IncidentContext
from rightswatch.analyse.incident_filters import (
    SENDING,
    crosses_a_border,
    describes_the_returned,
    generic_practice,
    held_in_conditions,
    inanimate_object,
    not_an_act,
    prediction,
    source_description,
    subject_is_actor,
    staged_killing,
    watched_object,
)
from rightswatch.analyse.incident_merge import merge, unique_victims
from rightswatch.analyse.incident_participants import STATE_ACTORS, as_actor
from rightswatch.analyse.incident_place import (
    article_place,
    dateline,
    is_whereabouts_of_relation,
    named_nationality,
    place_for,
    place_in,
    stands_for_government,
)
from rightswatch.analyse.incident_scorer import IncidentScorer, count_group, home_mentions, incident_features
from rightswatch.analyse.incident_threats import conditional_threats
from rightswatch.analyse.incident_time import (
    anchored_time,
    concealed_seizure,
    governing_time,
    narrative_year,
    neighbour_time,
    next_step_time,
    recent_time,
    story_month,
    story_time,
    tense,
    time_for,
)
from rightswatch.analyse.mentions import Mention
from rightswatch.analyse.places import PlaceMention, resolve_place
from rightswatch.analyse.sentence_types import SentenceReading, SentenceTypeModel
from rightswatch.analyse.syntax import anaphoric, spectators
from rightswatch.analyse.triggers import DISPATCHED_WORK, TAKEN, UNDER_GUARD, WALKOUTS, Trigger
from rightswatch.analyse.victims import attach_named_victims
from rightswatch.records import Actor, Incident, Place, Quote, Span, TimeRef, Victim

__all__ = ["IncidentBuilder", "Candidate", "article_place"]

# Phrases saying a person's fate is concealed: with a seizure by the state (``STATE_ACTORS``) they
# make an enforced disappearance.
_FATE_UNKNOWN = re.compile(
    r"\b(?:heard nothing (?:of|from|about)|(?:has|have|had) not been (?:heard from|seen since)|not heard from|no word (?:of|from|on)"
    r"|no news (?:of|from|about)|whereabouts (?:are |is |remain |remains )?(?:still )?unknown|fate (?:is |remains |has been |had been |was )?(?:still )?unknown"
    r"|(?:do|does|did) not know where (?:he|she|they) (?:is|are|was|were)|(?:nobody|no one) knows where"
    r"|(?:has|have|had) not (?:been )?seen (?:(?:him|her|them) )?since|never (?:been )?seen again|unaccounted for"
    r"|never heard (?:from|of) (?:him|her|them) again)",
    re.IGNORECASE,
)
# A return the returned asked for ("at their own request", "after they said they wanted to go home").
_VOLUNTARY_RETURN = re.compile(
    r"\b(?:at|on|upon) (?:his|her|their) own (?:request|wish)|\bof (?:his|her|their) own (?:free )?will\b"
    r"|(?<!not )(?<!n't )\b(?:wanted|wished|asked|chose|decided|opted|wanting|wishing|asking) to (?:go|return|be sent) (?:home|back)\b"
    r"|\bexpressed (?:a|the|their|his|her) (?:wish|desire) to (?:go home|return)\b",
    re.IGNORECASE,
)
# Every "\n\n" (overlapping, as "\n\n\n" holds two): paragraph starts follow them.
_BLANK_LINE = re.compile(r"(?=\n\n)")
# Verbs of telling, whose clause is what they tell (the act a sentence reports is not the telling).
_TELLING = frozenset({"say", "tell", "add", "report", "explain", "recall", "describe", "claim", "state", "note", "confirm", "allege", "write", "recount"})
# Verbs that pass people from one authority to another.
_TRANSFERS = {"hand", "transfer", "turn", "handover"}
# Returns told by a plain verb of giving or taking back: a refoulement only towards a country named
# ("handed back to North Korean officials", "taken back to North Korea"), not "handed back to the
# site managers" after an escape inside the country.
_RETURNS_TO_A_COUNTRY = frozenset({"hand back", "take back"})
# Returns told by a boarding ("put on a flight to Pyongyang"): a refoulement only towards a home
# country (profile lexicon "home_countries") or told as a way back ("put on a bus back"), not "put
# on a flight to Seoul" (a resettlement) nor "put on a bus to the stadium".
_BOARDINGS = frozenset({"put", UNDER_GUARD})


# Incidents a home-country penal institution places there (profile lexicon "home_institutions").
_SERVED = frozenset({"punishment_sentence", "forced_labor"})


# Verbs of taking someone by force (not of arresting or holding them).
_SEIZING = frozenset({"seize", "snatch", "grab", "abduct", "kidnap", "take"})


def _abducted_by_home_agents(ctx: IncidentContext, tok: Token, perp: Actor | None, place: Place | None, home: set[str]) -> bool:
    """A seizure by agents of a state: an abduction by any state's agents, or a seizure abroad by
    agents the phrase names as the home country's ("North Korean state agents", "agents of North
    Korea's Ministry of State Security")."""
    if perp is None or perp.type not in STATE_ACTORS or tok.lemma_.lower() not in _SEIZING:
        return False
    if tok.lemma_.lower() in ("abduct", "kidnap"):
        return True
    if perp.span is None or place is None or place.country is None or place.country in home:
        return False
    agent = ctx.doc.char_span(perp.span.start, perp.span.end, alignment_mode="expand")
    if agent is None:
        return False
    s, e = agent.root.left_edge.idx, agent.root.right_edge.idx + len(agent.root.right_edge.text)
    return perp.country in home or any(m.country in home and s <= m.span.start < e for m in [*ctx.places, *ctx.demonyms])


# Acts that move people between countries: their place is where they cross, not the agency's.
_CROSSING_LABELS = frozenset({"forced_repatriation", "border_crossing_defection", "kidnapping_trafficking"})


def _home_region(ctx: IncidentContext, country: str) -> Place | None:
    """The province of the article's places in the home country ("Sinuiju" named in the lead:
    North Pyongan), without the town: the agency may act anywhere in it."""
    place = resolve_place([p for p in ctx.places if p.country == country and p not in ctx.excluded_places])
    if place is None or place.region is None:
        return None
    return Place(text=place.text, country=country, region=place.region, span=place.span)


# Acts done to people in custody: with no agent told, the state's agents who hold them do them.
_HELD_BY_THE_STATE = frozenset({"arbitrary_detention", "torture", "punishment_sentence", "enforced_disappearance"})
# Acts of a state on people in its hands or under its watch
_AT_HOME_ACTS = _HELD_BY_THE_STATE | {"threat_intimidation", "surveillance", "other"}


def _story_agent(cand: Candidate, merged: Sequence[Candidate]) -> Actor | None:
    """The state agent of the last incident told before this one, in its paragraph or the one
    before and in the same country: "Police in Harbin caught her two weeks later. She was held at
    a detention center for ten days" (held by that police)."""
    country = cand.place.country if cand.place else None
    before = [
        m for m in merged
        if m is not cand and m.perpetrator is not None and m.perpetrator.type in STATE_ACTORS and m.perpetrator.span is not None
        and m.sentence.start < cand.sentence.start and 0 <= cand.paragraph - m.paragraph <= 1
        and (country is None or m.place is None or m.place.country == country)
    ]
    return max(before, key=lambda m: m.sentence.start).perpetrator if before else None


def _names_home_agency(ctx: IncidentContext, sent: SpacySpan) -> bool:
    """The sentence names the home state's security agencies (profile lexicon "home_agencies":
    "Ministry of State Security", "MSS", "Bowibu") or its penal institutions."""
    low = sent.text.lower()
    return _names_home_institution(ctx, sent) or any(re.search(rf"\b{re.escape(term)}\b", low) for term in ctx.lexicons.get("home_agencies", ()))


def _names_home_institution(ctx: IncidentContext, sent: SpacySpan) -> bool:
    low = sent.text.lower()
    return any(term in low for term in ctx.lexicons.get("home_institutions", ()))


_STILL = frozenset({"still", "now"})


def _held_still(verb: Token) -> bool:
    """ "The dealers are being held at the city detention center", "the mother is now being held at
    the police station", "the women are still held in Tumen": custody told as a state of people
    named before (a definite subject) goes on with the custody told before."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("hold", "keep", "detain") or verb.tag_ != "VBN":
        return False
    progressive = any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children)
    still = any(c.dep_ == "advmod" and c.lower_ in _STILL for c in verb.children)
    if not (progressive or still):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "his", "her", "their") for c in subject.children)


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


def _custody_moves_inside(verb: Token, perp: Actor | None, place: Place | None, sent_to: str | None, home: set[str]) -> bool:
    """A handover that keeps people in one state's hands: "border guards handed them over to the
    MSS" (received by the agents' own state), "handed over to State Security in Sinuiju" (to the
    home state, at home, by no foreign agent)."""
    if verb.lemma_.lower() not in _TRANSFERS or sent_to is None:
        return False
    if perp is not None and perp.country == sent_to:
        return True
    if _to_a_mission(verb):
        return False  # "handed over to North Korean consular officials": a state's mission is abroad
    return sent_to in home and (place is None or place.country in home) and (perp is None or perp.country in (None, *home))


# A state's missions abroad: whoever is handed to them is handed over abroad.
_MISSIONS = frozenset({"consular", "consulate", "embassy", "diplomat", "diplomats", "mission"})


def _to_a_mission(verb: Token) -> bool:
    """ "handed over to North Korean consular officials", "to the North Korean embassy"."""
    return any(
        t.lower_ in _MISSIONS
        for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "to"
        for t in prep.subtree
    )


def _from_abroad(ctx: IncidentContext, verb: Token, home: set[str]) -> bool:
    """ "was returned from China", "returned from Helong": the place returned from is abroad."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            sub = list(prep.subtree)
            country = ctx.country_in(sub[0].idx, sub[-1].idx + len(sub[-1].text))
            if country is not None and country not in home:
                return True
    return False


def _foreign_state_returns_nationals(ctx: IncidentContext, perp: Actor | None, victims: list[tuple[Victim, str]], home: set[str]) -> bool:
    """ "Russia handed back 22 North Korean fishermen": a foreign state giving back people told as
    nationals of a home country (profile "home_countries", by their demonym) returns them there,
    with no destination named."""
    if perp is None or perp.type not in STATE_ACTORS or perp.country is None or perp.country in home:
        return False
    return any(v.span is not None and ctx.country_in(v.span.start, v.span.end) in home for v, _ in victims)


def _kept_at_home(ctx: IncidentContext, verb: Token, perp: Actor | None, place: Place | None, home: set[str]) -> bool:
    """A sending told in the home country, from nowhere abroad, by no foreign agent: people stay
    in their own state's hands ("sent home after three days", "handed over to the police")."""
    return (
        place is not None and place.country in home and not _from_abroad(ctx, verb, home)
        and (perp is None or perp.country in (None, *home))
    )


def _to_security(ctx: IncidentContext, verb: Token) -> bool:
    """ "handed over to the police", "turned over to State Security": given to security agents."""
    hosts = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
    for prep in (p for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ == "to"):
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        actor = as_actor(ctx, obj) if obj is not None else None
        if actor is not None and actor.type == "state_security_forces":
            return True
    return False


def _told_as_return(verb: Token) -> bool:
    """ "put on a bus back", "put on a plane home": the way back is said, whatever the place."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "home") for c in verb.children)


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
        article_relevance: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        text = doc._.rw_text or doc.text  # the full article (the gate may have blanked doc.text)
        own_places = [p for p in places if p.kind != "demonym"]
        speaker_spans = [q.speaker_span for q in quotes if q.speaker_span]
        filed = dateline(text)
        excluded_places = [  # the speakers' places and where the outlet filed from: not where it happened
            p for p in own_places if any(s.start <= p.span.start and p.span.end <= s.end for s in speaker_spans + [filed] if s)
        ]
        # "talking to her daughter in South Korea" (a relative's whereabouts) and "Beijing sent back
        # hundreds" (a capital standing for its government): neither places an act nor makes the
        # article's main place
        no_act_places = [p for p in own_places if is_whereabouts_of_relation(doc, p) or stands_for_government(doc, p)]
        excluded_places += [p for p in no_act_places if p not in excluded_places]
        self.ctx = IncidentContext(
            doc=doc,
            ents=tuple(doc.ents),
            text=text,
            mentions=mentions,
            by_head={m.head_i: m for m in mentions},
            places=own_places,
            demonyms=[p for p in places if p.kind == "demonym"],
            times=[t for t in times if filed is None or t.span is None or t.span.start >= filed.end],  # not the filing date
            quotes=quotes,
            version=extractor_version,
            published=published,
            safe_destinations=safe_destinations,  # profile: where a return is a rescue, not refoulement
            lexicons=lexicons or {},  # profile word lists ("escapable", "coping_verbs")
            paragraph_starts=[0] + [m.start() + 2 for m in _BLANK_LINE.finditer(text)],
            excluded_places=excluded_places,
            main_place=article_place(text, [p for p in places if p not in no_act_places], speaker_spans, title_places),
            article_relevance=article_relevance,
        )

    @property
    def doc(self) -> Doc:
        return self.ctx.doc

    @property
    def mentions(self) -> list[Mention]:
        return self.ctx.mentions

    @property
    def quotes(self) -> list[Quote]:
        return self.ctx.quotes

    def candidates(self, triggers: list[Trigger]) -> list[Candidate]:
        ctx = self.ctx
        added = conditional_threats(ctx, triggers)
        told = {t.head_i for t in added}
        # "warned the crowd that anyone who ... would be punished": the threat found from the content
        # stands in for the weak "warned" on the same verb
        triggers = [t for t in triggers if not (t.label == "threat_intimidation" and t.weak and t.head_i in told)] + added
        out: list[Candidate] = []
        home = {c.upper() for c in ctx.lexicons.get("home_countries", ())}  # profile: the countries returns go to
        by_sent: dict[int, list[Trigger]] = {}
        for t in triggers:
            if t.asserted:
                by_sent.setdefault(ctx.doc[t.head_i].sent.start, []).append(t)
        for trig in [t for t in triggers if t.asserted]:
            tok = ctx.doc[trig.head_i]
            sent = tok.sent
            quote = ctx.quote_at(tok.idx)
            perp, victims = args(ctx, trig, quote)
            if trig.weak and not victims and not watched_object(ctx, trig) and not staged_killing(ctx, trig):
                continue
            if trig.victim_types is not None and not any(v.type in trig.victim_types for v, _ in victims):
                continue  # "sent a letter" is not forced labour; "sent 1,500 workers to Russia" is
            if not victims and inanimate_object(ctx, trig) and not trig.by_object:
                continue  # "arresting a three-day slide", "killed the bill"
            if not_an_act(ctx, trig):
                continue  # "detained by traffic", "escaped his marker", "Ulsan are a threat", "handle pressure"
            if trig.label == "forced_labor" and spectators(tok):
                continue  # "3,000 residents were mobilized to watch" the trial: an audience, not labour
            if source_description(ctx, trig):
                continue  # "said Ryu, who left North Korea in 2018": who the teller is, not an incident
            if quote is None and _about_the_telling(ctx, sent):
                continue  # "Who was sent back?", "Correction: an earlier version said three women had been detained"
            if generic_practice(ctx, trig):
                continue  # "what happens to people it sends back": a practice, not an incident
            if held_in_conditions(ctx, trig):
                continue  # "held in conditions of forced labour": the condition is the incident
            if describes_the_returned(ctx, trig, by_sent.get(sent.start, [])):
                continue  # "returned 200 North Koreans held in Liaoning": who they were, not another act
            if prediction(ctx, trig):
                continue  # "returnees could face torture, activists warned": a forecast, not a threat
            if trig.label == "border_crossing_defection" and not crosses_a_border(ctx, trig, sent):
                continue  # "crossed the finish line"
            if trig.label == "enforced_disappearance" and subject_is_actor(ctx, trig):
                continue  # "the broker disappeared": someone left, nobody was disappeared
            if trig.phrase == TAKEN and (perp is None or perp.type not in STATE_ACTORS):
                continue  # "taken from Australia by their mother": a seizure only when the state's agents take
            if perp is None and trig.label not in MOVER_IS_VICTIM:
                perp = nearby_actor(ctx, sent, trig, victims)  # nobody makes people cross a border
            if not victims and perp is not None and quote is None:
                near = nearby_victim(ctx, sent, perp)
                if near is not None:
                    victims = [near]
            victims = unique_victims(victims)
            place, fallback = place_for(ctx, sent, trig, quote, victims, by_sent.get(sent.start, []))
            if fallback and len(home) == 1 and (place is None or place.country not in home) and (
                # "the six sent back from Shandong ... was sent to a labor training camp": the term is
                # served in the home country, not where the article is set
                (trig.label in _SERVED and _names_home_institution(ctx, sent))
                # "the returnees are now being questioned at the MSS holding center", "was arrested by
                # the Ministry of State Security in December", in an article set in Dandong: the home
                # state's agents act at home
                or (trig.label not in _CROSSING_LABELS and (perp is None or perp.country in (None, *home)) and _names_home_agency(ctx, sent))
                # "During questioning an officer kicked her", told in a Seoul-datelined story of a
                # defector's family: the paragraph's place in the refuge (a dateline, where the teller
                # lives) is not where an act of custody happened
                or (
                    trig.label in _AT_HOME_ACTS and place is not None and place.country in ctx.safe_destinations
                    and (perp is None or perp.country in (None, *home)) and any(p.country in home for p in ctx.places)
                )
            ):
                (country,) = home
                place = _home_region(ctx, country) or place_in(ctx, country) or Place(text="", country=country)
            if trig.phrase == DISPATCHED_WORK and (place is None or place.country in (None, *home) or place.country in ctx.safe_destinations):
                continue  # North Koreans at work at home, or in the South: not the dispatched labour system
            if trig.phrase in WALKOUTS and (place is None or place.country is None or place.country in home):
                continue  # "walked out of the restaurant" abroad is an escape; at home it is not a crossing
            own_time = time = time_for(ctx, sent, trig, by_sent.get(sent.start, []))
            time = story_month(ctx, time, sent, out) or time  # "in June", told after "in March 2019": June 2019
            if time is None:
                time = anchored_time(ctx, sent, out)  # "two days later": from the incident before
            if time is None:
                time = next_step_time(ctx, sent, out)  # "she then spent 40 days in Onsong"
            seizure = concealed_seizure(ctx, sent, trig, out) if time is None else None
            if seizure is not None:
                # "... not been told where they are held": the disappearance began with that seizure, by
                # its agents, of the one it seized (not whoever the concealment's sentence names)
                time, perp = seizure.time, seizure.perpetrator or perp
                if seizure.trigger.label in ("arbitrary_detention", "kidnapping_trafficking") and seizure.perpetrator is not None and seizure.perpetrator.type in STATE_ACTORS and seizure.perpetrator.country in home:
                    # the home state's agents took them: the disappearance begins with the taking (one
                    # incident); a foreign police's arrest stays an arrest, whatever the family is told
                    seizure.trigger = dc_replace(seizure.trigger, label="enforced_disappearance")
                if seizure.victims:
                    victims = [(v, seizure.victim_key) for v in seizure.victims]
                if fallback and seizure.place is not None:
                    place, fallback = seizure.place, seizure.place_is_fallback
            if fallback and perp is not None and perp.type in STATE_ACTORS and perp.country and (place is None or place.country != perp.country) and named_nationality(ctx, perp):
                # "Lao police arrested the group in a guesthouse" with no known place in the
                # paragraph: police named by their country act in it, not in the one the article
                # is mostly about (agents known only by their service may work abroad)
                place = place_in(ctx, perp.country) or place
            if trig.label in ("arbitrary_detention", "kidnapping_trafficking") and _abducted_by_home_agents(ctx, tok, perp, place, home):
                # "North Korean state agents have seized seven people inside China", "Japanese nationals
                # abducted by agents of North Korea": the home state's agents taking people abroad, or
                # any state's agents abducting, is an enforced disappearance (codebook, domain sets)
                trig = dc_replace(trig, label="enforced_disappearance")
            if perp is not None and perp.country is None and place is not None and perp.type in STATE_ACTORS:
                perp = Actor(text=perp.text, type=perp.type, country=place.country, span=perp.span)
            if trig.label == "arbitrary_detention" and tok.lemma_.lower() in _JAILING and (_term_of_years(tok) or (perp is not None and "court" in perp.text.lower())):
                # "was jailed for seven years", "a court in Yanji jailed four people": a prison term is a sentence
                trig = dc_replace(trig, label="punishment_sentence")
            if trig.label in ("arbitrary_detention", "kidnapping_trafficking") and perp is not None and perp.type in STATE_ACTORS and _FATE_UNKNOWN.search(sent.text):
                # "seized a defector ... and his family has heard nothing of him since": taken by the
                # state and their fate concealed is an enforced disappearance (codebook)
                trig = dc_replace(trig, label="enforced_disappearance")
            sent_to, recipient = destination(ctx, tok) if trig.label in SENDING else (None, None)
            if perp is not None and recipient is not None and perp.span is not None and recipient.start <= perp.span.start < recipient.end:
                perp = None  # "handed over to North Korean authorities": the receiver did not send them
            if trig.phrase in _RETURNS_TO_A_COUNTRY and sent_to is None and not _foreign_state_returns_nationals(ctx, perp, victims, home):
                continue  # "handed him back to his managers": no country he is returned to
            if trig.label == "forced_repatriation" and trig.phrase == "hand" and sent_to is None:
                continue  # "handed the woman to her family": to no state
            if trig.label == "forced_repatriation" and _custody_moves_inside(tok, perp, place, sent_to, home):
                continue  # "border guards handed them over to the MSS": custody moves within one state
            if trig.label == "forced_repatriation" and sent_to is None and _kept_at_home(ctx, tok, perp, place, home):
                if tok.lemma_.lower() in _TRANSFERS and _to_security(ctx, tok):
                    # "were handed over to the police the same day" in Kanggye: an arrest at home
                    trig = dc_replace(trig, label="arbitrary_detention")
                elif any(c.dep_ in ("advmod", "prt") and c.lower_ == "home" for c in tok.children):
                    continue  # "they were sent home after three days" in Pyongsong: released, not returned
            if trig.label == "forced_repatriation" and trig.phrase == "return" and sent_to not in home and not _from_abroad(ctx, tok, home):
                continue  # "returned to the school": not to the home state, nor from abroad
            if trig.phrase in _BOARDINGS and sent_to not in home and not _told_as_return(tok):
                continue  # "put on a flight to Seoul", "put on a bus to the stadium": no return home
            if trig.phrase == UNDER_GUARD and not (_told_as_return(tok) or _from_abroad(ctx, tok, home) or tok.lemma_.lower() == "fly"):
                continue  # "taken under guard to a camp in Kaechon": moved inside the country, no return
            if trig.label == "forced_repatriation" and _VOLUNTARY_RETURN.search(sent.text):
                continue  # "sent two fishermen back at their own request": a return they asked for is not forced
            if trig.label == "forced_repatriation" and sent_to is not None and sent_to in ctx.safe_destinations:
                continue  # "handed over to South Korean officials": a rescue, not a refoulement
            conf = 0.45 + (0.15 if perp else 0) + (0.15 if victims else 0) + (0.05 if not fallback else 0) + (0.1 if time else 0)
            conf -= 0.15 if trig.weak else 0
            out.append(
                _candidate(
                    ctx, trig, _trimmed(ctx, sent.start_char, sent.end_char), perp, victims, place, fallback, time, min(conf, 0.95),
                    # "the broker sold her to a farmer": someone told of before, by a pronoun no mention resolves
                    # "They were sent back to Pyongyang the following week", "police have since held
                    # them": a pronoun patient with no time of its own goes on with an incident told before
                    anaphoric=anaphoric(tok) and own_time is None,
                    continues=(_pronoun_patient(tok) or _held_still(tok) or bool(victims) and victims[0][1].startswith("pronoun:")) and own_time is None,
                    destination=sent_to,
                )
            )
        for c in out:
            if c.time is None:
                c.time = governing_time(ctx, c, out)
        out.extend(compared_figures(ctx, out))  # "..., up from 162 in the same period last year"
        return out

    def merged(self, triggers: list[Trigger]) -> list[Candidate]:
        """The candidates, those telling the same incident merged."""
        return merge(self.ctx, self.candidates(triggers))

    def sentence_candidates(self, reading: SentenceReading, threshold: float, found: Sequence[Candidate]) -> list[Candidate]:
        """Incidents of the types the rules found none of in an article where they found some, where
        the sentence model (``analyse.sentence_types``) is sure of one: its surest sentence for the
        type, the model's probability its confidence, with who, where and when read by the rules
        from the sentence's main verb."""
        ctx = self.ctx
        have = {c.trigger.label for c in found}
        todo = [n for n, label in enumerate(reading.types) if label not in have]
        if not found or not todo or not reading.spans:
            return []
        probs = reading.probs
        out: list[Candidate] = []
        for n in todo:
            k = int(probs[:, n].argmax())
            s, e = reading.spans[k]
            if probs[k, n] < threshold or not ctx.doc.text[s:e].strip():
                continue  # not sure enough, or a sentence the gate kept from the parser
            span = _trimmed(ctx, s, e)
            tokens = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
            first = next((t for t in tokens if not t.is_space), None) if tokens is not None else None
            if first is None:
                continue  # no token of the parse there (offsets the parse does not cover)
            sent = first.sent
            verb = sent.root
            while verb.lemma_.lower() in _TELLING and (said := [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]):
                verb = said[0]  # "Do told the researchers that a man ... died": the act is what is told
            trig = Trigger(reading.types[n], verb.i, verb.i + 1, verb.i, "", weak=False, asserted=True, reason="")
            quote = ctx.quote_at(verb.idx)
            perp, victims = args(ctx, trig, quote)
            if perp is None and trig.label not in MOVER_IS_VICTIM:
                perp = nearby_actor(ctx, sent, trig, victims)
            victims = unique_victims(victims)
            place, fallback = place_for(ctx, sent, trig, quote, victims)
            earlier = [c for c in found if c.sentence.start < span.start]
            time = time_for(ctx, sent, trig, [])
            time = story_month(ctx, time, sent, earlier) or time
            if time is None:
                time = anchored_time(ctx, sent, earlier) or next_step_time(ctx, sent, earlier)
            if perp is not None and perp.country is None and place is not None and perp.type in STATE_ACTORS:
                perp = Actor(text=perp.text, type=perp.type, country=place.country, span=perp.span)
            out.append(_candidate(ctx, trig, span, perp, victims, place, fallback, time, float(probs[k, n])))
        return out

    def build(
        self,
        triggers: list[Trigger],
        scorer: IncidentScorer | None = None,
        describe: bool = False,
        sentence_model: SentenceTypeModel | None = None,
        add_from_sentences: bool = True,
    ) -> list[Incident]:
        """The article's incidents. With a ``scorer`` each one's confidence is the model's
        probability and those below its threshold are dropped; ``self.features`` holds, for each
        incident returned, the features the scorer read (with a scorer or ``describe``, for training
        and explanation; else nothing is computed). With a ``sentence_model`` the scorer also reads
        how sure it is of each incident's type in its sentence (``READER_FEATURES``), and, unless
        ``add_from_sentences`` is False, the incidents it reads of the types the rules found none
        of are added (``sentence_candidates``)."""
        merged = self.merged(triggers)
        # people the article names as attacked beyond the triggers' own arguments (victims.py)
        attach_named_victims(self.ctx.doc, merged, triggers, self.ctx.mentions, self.ctx.quotes)
        # the reader's view of the article: the scorer's features and the reader's additions (which
        # need an incident of the rules), so nothing to read where the rules found none
        reading = sentence_model.read(self.ctx.text) if sentence_model is not None and merged else None
        if scorer is not None or describe:
            home = home_mentions(self.ctx)
            features = [incident_features(self.ctx, c, merged, home) for c in merged]
            if reading is not None:
                for c, f in zip(merged, features):
                    f.update(reading.features(c.trigger.label, c.evidence))
        else:
            features = []
        if scorer is not None:
            scores = [scorer.score(f) for f in features]
            kept = scorer.keep(scores, [count_group(c.trigger.label, c.victims) for c in merged])
            for n in kept:
                merged[n].confidence = scores[n]
            merged, features = [merged[n] for n in kept], [features[n] for n in kept]
        if reading is not None and sentence_model is not None and add_from_sentences:
            for c in _with_story_agents(self.sentence_candidates(reading, sentence_model.threshold, merged), merged):
                at = next((n for n, o in enumerate(merged) if o.sentence.start > c.sentence.start), len(merged))
                merged.insert(at, c)
                if scorer is not None or describe:
                    features.insert(at, incident_features(self.ctx, c, merged, home) | reading.features(c.trigger.label, c.evidence))
        self.features = features
        # how each incident's trigger tells it (``analyse.incident_year`` reads it off the report)
        self.tenses = [tense(self.ctx.doc[c.trigger.head_i]) for c in merged]
        for c in merged:
            if c.perpetrator is None and c.trigger.label in _HELD_BY_THE_STATE:
                c.perpetrator = _story_agent(c, merged)  # "She was held for ten days": by the police told of just before
        _with_article_agents(merged)  # "She was beaten during questioning", in a story of the police
        for c in merged:
            if c.time is None:
                c.time = neighbour_time(self.ctx, c, merged)  # "arrested on March 3 and held in Tumen": that time
        for c in merged:
            if c.time is None:
                c.time = story_time(self.ctx, c, merged)  # "She was beaten during questioning": the story's year
            if c.time is None:
                c.time = recent_time(self.ctx, c)  # "has been sentenced to five years": lately, the year of publication
            if c.time is None:
                c.time = narrative_year(self.ctx, c)  # "He was kept for five months", told after "in the spring of 2014"
        incidents = []
        for c in merged:
            incidents.append(
                Incident(
                    type=c.trigger.label,
                    evidence=tuple(sorted(set(c.evidence), key=lambda s: s.start)),
                    perpetrator=c.perpetrator,
                    victims=tuple(c.victims),
                    place=_told_place(c),
                    time=c.time,
                    confidence=round(c.confidence, 3),
                    extractor_version=self.ctx.version,
                )
            )
        return incidents


def _told_place(c: Candidate) -> Place | None:
    """The incident's place, except a crossing's place the text does not state in its sentence (the
    paragraph's or the article's): "Her brother and his wife escaped from North Korea in November
    2025", in a story set in Jilin, crossed from nowhere the annotators would name. On 90
    development sets this answered 39 regions right and 2 wrong that the guessed place answered
    the other way; for the other types the guess is right about as often as not (118 against 139
    all told), so they keep it."""
    if c.trigger.label == "border_crossing_defection" and c.place_is_fallback:
        return None
    return c.place


def _with_story_agents(added: list[Candidate], found: Sequence[Candidate]) -> list[Candidate]:
    """The reader's incidents whose sentence names no agent (or only people: "two men", "relatives",
    often the subject of a verb that is not the act) are given the agents the rules' incidents most
    often name, the nearest such one before (else after) them: an act the article tells without
    its agent is mostly by those the article is about. Not for crossings (nobody makes people cross
    a border). On the development sets, 69 -> 120 of 202 such incidents of the right perpetrator type."""
    agents = _most_named([(c.sentence.start, c.perpetrator) for c in found if c.perpetrator is not None])
    if not agents:
        return added
    for c in added:
        if c.trigger.label in MOVER_IS_VICTIM or (c.perpetrator is not None and c.perpetrator.type != "non_state_actors"):
            continue
        c.perpetrator = _nearest(agents, c.sentence.start)
    return added


def _most_named(agents: list[tuple[int, Actor]]) -> list[tuple[int, Actor]]:
    """Of the agents (where each is told, and who), those of the type told most often."""
    if not agents:
        return []
    common = Counter(p.type for _, p in agents).most_common(1)[0][0]
    return [(at, p) for at, p in agents if p.type == common]


def _nearest(agents: list[tuple[int, Actor]], at: int) -> Actor:
    """The agent told last before ``at``, else the first told after it."""
    before = [p for told, p in agents if told < at]
    return before[-1] if before else agents[0][1]


# Acts only agents do, whose sentence may leave them unnamed ("She was beaten during questioning",
# "the families were warned"): done by the state agents the article tells of.
_AGENTS_IMPLIED = frozenset({"arbitrary_detention", "torture", "threat_intimidation", "surveillance", "enforced_disappearance", "forced_labor"})


def _with_article_agents(cands: list[Candidate]) -> None:
    """The incidents of the kinds only agents do (``_AGENTS_IMPLIED``) whose sentence and story name
    no agent are given the state agents the article's incidents most often name, the nearest such
    mention before (else after) them, as ``_with_story_agents`` does for the reader's incidents."""
    agents = _most_named([
        (c.sentence.start, c.perpetrator) for c in cands
        if c.perpetrator is not None and c.perpetrator.type in STATE_ACTORS and c.perpetrator.span is not None
    ])
    if not agents:
        return
    for c in cands:
        if c.perpetrator is None and c.trigger.label in _AGENTS_IMPLIED:
            c.perpetrator = _nearest(agents, c.sentence.start)


_JAILING = frozenset({"jail", "imprison", "incarcerate"})
_TERM_UNITS = frozenset({"year", "month", "decade"})


def _term_of_years(verb: Token) -> bool:
    """ "jailed for seven years", "imprisoned for 18 months": a term (a number of years or months)."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _TERM_UNITS and any(c.dep_ == "nummod" or c.like_num for c in obj.children):
                    return True
    return False


def _trimmed(ctx: IncidentContext, start: int, end: int) -> Span:
    """The sentence's span without its trailing whitespace."""
    while end > start and ctx.text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _candidate(
    ctx: IncidentContext, trig: Trigger, sentence: Span, perp: Actor | None, victims: list[tuple[Victim, str]],
    place: Place | None, fallback: bool, time: TimeRef | None, confidence: float,
    anaphoric: bool = False, continues: bool = False, destination: str | None = None,
) -> Candidate:
    """A candidate told in ``sentence``, which is its evidence."""
    return Candidate(
        trigger=trig, sentence=sentence, paragraph=ctx.paragraph(sentence.start), perpetrator=perp,
        victims=[v for v, _ in victims], victim_key=victims[0][1] if victims else None, place=place,
        place_is_fallback=fallback, time=time, confidence=confidence, evidence=[sentence],
        anaphoric=anaphoric, continues=continues, destination=destination,
    )  # fmt: skip


# A note on the article itself: a correction says what an earlier version told, not what happened.
_CORRECTION = re.compile(r"^\s*corrections?\b|\ban earlier version of this\b|\b(?:story|article|report) (?:has been|was) (?:corrected|updated) to\b", re.IGNORECASE)


def _about_the_telling(ctx: IncidentContext, sent: SpacySpan) -> bool:
    """A sentence that asks ("Who was sent back?", a question heading) or corrects the article
    ("Correction: An earlier version of this article said that three women had been detained"):
    it asserts no act."""
    text = ctx.text[sent.start_char : sent.end_char].rstrip()
    if text.endswith("?"):
        return True
    para = ctx.paragraph_text(ctx.paragraph(sent.start_char))
    return bool(_CORRECTION.search(text) or _CORRECTION.match(para))
