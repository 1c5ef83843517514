"""Typed results of store queries (what readers such as the CLI, web app and exports receive).

Frozen dataclasses, like ``records``; the SQL rows never leave the ``store`` package.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from rightswatch.records import Article, Incident

__all__ = [
    "SaveResult",
    "IncidentRow",
    "IncidentDetail",
    "SearchHit",
    "StatusCounts",
    "ExportRow",
    "EvidenceText",
]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """Outcome of :meth:`Store.save`. For a duplicate, the ids are those of the earlier save."""

    status: str  # "stored" | "duplicate"
    document_id: int
    article_id: int | None = None
    incident_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceText:
    """An evidence span with the text it covers (``article.text[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """One line of an incident list: flat, with a short description of victims and place."""

    id: int
    article_id: int
    type: str
    confidence: float
    # when
    time_text: str | None
    year: int | None
    month: int | None
    day: int | None
    granularity: str | None
    time_start: str | None
    time_end: str | None
    # who
    perpetrator_text: str | None
    perpetrator_type: str | None
    perpetrator_country: str | None
    victims: str  # "; "-joined victim mentions
    victim_count: int | None
    # where
    place: str  # "city, region, country" when resolved, else the place mention
    place_text: str | None
    country: str | None
    region: str | None
    city: str | None
    lat: float | None
    lon: float | None
    # from
    article_title: str | None
    outlet: str | None
    published: str | None
    url: str | None

    @property
    def date(self) -> str | None:
        """Best single date for display: the start of the time window, else publication."""
        return self.time_start or self.published


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    """An incident with its full record, its evidence and where it came from."""

    row: IncidentRow
    incident: Incident
    article: Article  # text, title, url, outlet, published...
    evidence: tuple[EvidenceText, ...]
    document_sha256: str
    document_origin: str
    article_version: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A ranked full-text match. ``snippet`` marks matches with ``search.MARK_OPEN``/``MARK_CLOSE``;
    render it with :func:`rightswatch.store.search.render_snippet`."""

    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float  # higher is better; comparable within one result list only
    source: str  # "article" (title/text/tags matched) | "quote"


@dataclass(frozen=True, slots=True)
class StatusCounts:
    documents: int
    articles: int
    incidents: int
    quotes: int
    failures: int
    failures_by_reason: dict[str, int] = field(default_factory=dict)
    incidents_by_type: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One incident, flat, with its article provenance: what file exports are made of.

    ``incident`` is the incident in the JSON contract form (as in ``Report.to_dict()["incidents"]``);
    ``evidence`` pairs each span with its text. :meth:`flat` gives the scalar columns only.
    """

    incident_id: int
    article_id: int
    seq: int
    type: str
    confidence: float
    perpetrator_text: str | None
    perpetrator_type: str | None
    perpetrator_country: str | None
    victims: str
    victim_count: int | None
    place_text: str | None
    country: str | None
    region: str | None
    city: str | None
    lat: float | None
    lon: float | None
    time_text: str | None
    year: int | None
    month: int | None
    day: int | None
    granularity: str | None
    time_start: str | None
    time_end: str | None
    evidence_text: str  # evidence texts joined with " … "
    extractor_version: str
    article_title: str | None
    article_url: str | None
    article_version: int
    outlet: str | None
    published: str | None
    document_sha256: str
    document_origin: str
    incident: dict[str, Any] = field(default_factory=dict, compare=False)
    evidence: tuple[EvidenceText, ...] = ()

    @classmethod
    def flat_columns(cls) -> tuple[str, ...]:
        """Names of the scalar columns, in order (CSV header, Parquet schema)."""
        return tuple(f.name for f in fields(cls) if f.name not in ("incident", "evidence"))

    def flat(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.flat_columns()}
