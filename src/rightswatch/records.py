"""The records that flow between stages.

Frozen dataclasses only; the one behaviour they carry is conversion to and from the JSON
contract documented in ``docs/report.schema.json``. Every span is a character offset into
``Article.text``: ``article.text[span.start:span.end]`` is always the evidence.

Imports nothing of ours (see the layer map in ``docs/architecture.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Span",
    "Document",
    "Article",
    "Actor",
    "Victim",
    "Place",
    "TimeRef",
    "Quote",
    "Incident",
    "Report",
    "replace",
]

#: Version of the report JSON contract. Bump the minor part for additive changes only.
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if not d or d.get("start") is None or d.get("end") is None:
            return None
        return cls(int(d["start"]), int(d["end"]))


@dataclass(frozen=True, slots=True)
class Document:
    """What arrived, preserved unchanged: the root of every provenance chain."""

    raw: bytes
    sha256: str
    media_type: str  # "text/plain", "text/html", "application/json" (one record), ...
    origin: str  # file path, URL, or "path#line=N" for a record inside a JSONL/gzip file
    origin_kind: str  # "file" | "url" | "feed" | "warc" | "record"
    received_at: str  # ISO 8601 UTC timestamp of ingestion/fetch
    url: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    #: Metadata supplied beside the bytes by the container (a JSON record's fields, a feed entry).
    hints: tuple[tuple[str, str], ...] = ()

    def hint(self, key: str) -> str | None:
        for k, v in self.hints:
            if k == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Article:
    """What a reader sees; ``text`` is the one string every span points into."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    published_source: str = "none"  # "html-meta" | "json" | "feed" | "cli" | "warc" | "none"
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()  # kept aside, preserved, never analysed
    document_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    type: str  # perpetrator type label from the codebook
    country: str | None = None  # ISO 3166-1 alpha-2
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Victim:
    text: str
    name: str | None = None  # a named person, else None
    population: str = "multiple"  # "individual" | "multiple"
    count: int | None = None
    sex: str = "unknown"  # "male" | "female" | "mixed" | "unknown"
    age_group: str = "unknown"  # "adult" | "child" | "mixed" | "unknown"
    type: str | None = None  # e.g. "defector", "journalist", "human rights defender"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # first-level division, English name
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class TimeRef:
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    granularity: str = "unresolved"  # "day" | "month" | "year" | "interval" | "unresolved"
    start: str | None = None  # ISO date, first day it could be
    end: str | None = None  # ISO date, last day it could be
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None
    #: True unless a named person speaks: a described source, one who asked not to be named, or a
    #: body or state speaking as a whole ("the ministry", "China")
    anonymous: bool = False
    speaker_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    type: str
    evidence: tuple[Span, ...]
    perpetrator: Actor | None = None
    victims: tuple[Victim, ...] = ()
    place: Place | None = None
    time: TimeRef | None = None
    confidence: float = 0.5
    extractor_version: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    article: Article
    incidents: tuple[Incident, ...] = ()
    quotes: tuple[Quote, ...] = ()
    relevance: float = 0.0
    profile: str | None = None
    codebook: str | None = None
    extractor_version: str = ""
    document_origin: str | None = None

    # -- JSON contract ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema_version": SCHEMA_VERSION,
            "title": a.title,
            "published": a.published,
            "published_source": a.published_source,
            "language": a.language,
            "outlet": a.outlet,
            "author": a.author,
            "url": a.url,
            "tags": list(a.tags),
            "captions": list(a.captions),
            "text": a.text,
            "boilerplate": list(a.boilerplate),
            "relevance": round(self.relevance, 4),
            "profile": self.profile,
            "codebook": self.codebook,
            "extractor_version": self.extractor_version,
            "document": {"sha256": a.document_sha256, "origin": self.document_origin},
            "incidents": [_incident_to_dict(i) for i in self.incidents],
            "quotes": [_quote_to_dict(q) for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        doc = d.get("document") or {}
        article = Article(
            text=d["text"],
            title=d.get("title"),
            published=d.get("published"),
            published_source=d.get("published_source") or "none",
            outlet=d.get("outlet"),
            author=d.get("author"),
            url=d.get("url"),
            language=d.get("language"),
            tags=tuple(d.get("tags") or ()),
            captions=tuple(d.get("captions") or ()),
            boilerplate=tuple(d.get("boilerplate") or ()),
            document_sha256=doc.get("sha256"),
        )
        return cls(
            article=article,
            incidents=tuple(_incident_from_dict(i) for i in d.get("incidents") or ()),
            quotes=tuple(_quote_from_dict(q) for q in d.get("quotes") or ()),
            relevance=float(d.get("relevance") or 0.0),
            profile=d.get("profile"),
            codebook=d.get("codebook"),
            extractor_version=d.get("extractor_version") or "",
            document_origin=doc.get("origin"),
        )


# -- helpers for the JSON contract (private) -------------------------------------------------


def _with_span(obj: Any) -> dict[str, Any]:
    """A typed mention as JSON; its own offsets go under ``span`` (``time`` uses start/end for dates)."""
    out = {f.name: getattr(obj, f.name) for f in fields(obj) if f.name != "span"}
    span = getattr(obj, "span", None)
    out["span"] = span.to_dict() if span else None
    return out


def _incident_to_dict(i: Incident) -> dict[str, Any]:
    return {
        "type": i.type,
        "perpetrator": _with_span(i.perpetrator) if i.perpetrator else None,
        "victims": [_with_span(v) for v in i.victims],
        "place": _with_span(i.place) if i.place else None,
        "time": _with_span(i.time) if i.time else None,
        "evidence": [s.to_dict() for s in i.evidence],
        "confidence": round(i.confidence, 4),
        "extractor_version": i.extractor_version,
    }


def _build(cls: type, d: dict[str, Any] | None) -> Any:
    if not d:
        return None
    names = {f.name for f in fields(cls)} - {"span"}
    kwargs = {k: v for k, v in d.items() if k in names}
    return cls(**kwargs, span=Span.from_dict(d.get("span")))


def _incident_from_dict(d: dict[str, Any]) -> Incident:
    return Incident(
        type=d["type"],
        evidence=tuple(s for s in (Span.from_dict(e) for e in d.get("evidence") or ()) if s),
        perpetrator=_build(Actor, d.get("perpetrator")),
        victims=tuple(_build(Victim, v) for v in d.get("victims") or ()),
        place=_build(Place, d.get("place")),
        time=_build(TimeRef, d.get("time")),
        confidence=float(d.get("confidence", 0.5)),
        extractor_version=d.get("extractor_version") or "",
    )


def _quote_to_dict(q: Quote) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker,
        "anonymous": q.anonymous,
        "start": q.start,
        "end": q.end,
        "speaker_start": q.speaker_span.start if q.speaker_span else None,
        "speaker_end": q.speaker_span.end if q.speaker_span else None,
    }


def _quote_from_dict(d: dict[str, Any]) -> Quote:
    sp = None
    if d.get("speaker_start") is not None and d.get("speaker_end") is not None:
        sp = Span(int(d["speaker_start"]), int(d["speaker_end"]))
    return Quote(
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
        speaker=d.get("speaker"),
        anonymous=bool(d.get("anonymous")),
        speaker_span=sp,
    )

