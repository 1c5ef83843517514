"""What every stage of incident building reads about one article, and the candidate record it passes on.

:class:`IncidentContext` holds, once per article, the parse, its mentions, places, times and quotes,
the profile's lists, and what follows from them before any trigger is looked at (paragraph offsets,
the places that place no act, the country the article is mostly about; ``IncidentBuilder`` works
those out). Argument finding, place and time attachment, the non-act filters and merging are
functions over it (``incident_*.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from rightswatch.analyse.mentions import Mention
from rightswatch.analyse.places import PlaceMention
from rightswatch.analyse.triggers import Trigger
from rightswatch.records import Actor, Place, Quote, Span, TimeRef, Victim

__all__ = ["IncidentContext", "Candidate"]


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


@dataclass(slots=True)
class IncidentContext:
    doc: Doc
    #: ``doc.ents``, read once: the property builds its tuple on every access
    ents: tuple[SpacySpan, ...]
    #: the full article (the gate may have blanked doc.text)
    text: str
    mentions: list[Mention]
    by_head: dict[int, Mention]
    #: place mentions other than demonyms
    places: list[PlaceMention]
    demonyms: list[PlaceMention]
    times: list[TimeRef]
    quotes: list[Quote]
    version: str
    published: date | None
    #: profile: where a return is a rescue, not refoulement
    safe_destinations: frozenset[str]
    #: profile word lists ("escapable", "coping_verbs")
    lexicons: dict[str, frozenset[str]]
    paragraph_starts: list[int]
    #: the speaker's and the dateline's places, and a relative's whereabouts: they place no act
    excluded_places: list[PlaceMention]
    #: the country (or province) the article is mostly about
    main_place: Place | None
    #: how much the whole article is about the profile's domain: (keyword score, text classifier
    #: score), both 0..1 (``analyse.relevance``); the incident scorer reads them
    article_relevance: tuple[float, float] = (0.0, 0.0)

    # -- look-ups ------------------------------------------------------------------------------
    def paragraph(self, char: int) -> int:
        lo = 0
        for i, s in enumerate(self.paragraph_starts):
            if s <= char:
                lo = i
        return lo

    def paragraph_text(self, n: int) -> str:
        """The text of paragraph ``n`` (0-based), stripped."""
        starts = self.paragraph_starts
        return self.text[starts[n] : starts[n + 1] if n + 1 < len(starts) else len(self.text)].strip()

    def unstopped(self, n: int) -> bool:
        """Paragraph ``n`` ends with no full stop, question, exclamation or colon: a heading's mark."""
        return not self.paragraph_text(n).rstrip("\"'”’)").endswith((".", "!", "?", ":"))

    def quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= char < q.end:
                return q
        return None

    def mention_for(self, tok: Token, kind: str | None = None) -> Mention | None:
        m = self.by_head.get(tok.i)
        if m and (kind is None or m.kind == kind):
            return m
        for m in self.mentions:
            if m.start <= tok.idx < m.end and (kind is None or m.kind == kind):
                return m
        return None

    def country_in(self, start: int, end: int) -> str | None:
        for p in self.demonyms + self.places:
            if start <= p.span.start and p.span.end <= end and p.country:
                return p.country
        return None
