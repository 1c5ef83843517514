"""From SQL rows to the typed rows of ``rows.py`` (and the derived columns written on save)."""

from __future__ import annotations

from typing import Any

from rightswatch.records import Incident
from rightswatch.store.rows import EvidenceText, ExportRow, IncidentRow
from rightswatch.store.schema import articles, incidents

__all__ = [
    "INCIDENT_LIST_COLUMNS",
    "evidence_texts",
    "incident_row",
    "place_summary",
    "victim_count",
    "victims_summary",
]


def victim_count(incident: Incident) -> int | None:
    """Lower bound on the number of victims: stated counts, one per victim mention without one."""
    if not incident.victims:
        return None
    return sum(v.count if v.count is not None else 1 for v in incident.victims)


def victims_summary(victims: list[dict[str, Any]] | None) -> str:
    return "; ".join(str(v.get("text") or "") for v in victims or () if v.get("text"))


def place_summary(city: str | None, region: str | None, country: str | None, text: str | None) -> str:
    resolved = [x for x in (city, region, country) if x]
    return ", ".join(resolved) if resolved else (text or "")


INCIDENT_LIST_COLUMNS = (
    incidents.c.id,
    incidents.c.article_id,
    incidents.c.type,
    incidents.c.confidence,
    incidents.c.time_text,
    incidents.c.year,
    incidents.c.month,
    incidents.c.day,
    incidents.c.granularity,
    incidents.c.time_start,
    incidents.c.time_end,
    incidents.c.perpetrator_text,
    incidents.c.perpetrator_type,
    incidents.c.perpetrator_country,
    incidents.c.victims,
    incidents.c.victim_count,
    incidents.c.place_text,
    incidents.c.country,
    incidents.c.region,
    incidents.c.city,
    incidents.c.lat,
    incidents.c.lon,
    articles.c.title.label("article_title"),
    articles.c.outlet,
    articles.c.published,
    articles.c.url,
)


def incident_row(m: Any) -> IncidentRow:
    return IncidentRow(
        id=m.id,
        article_id=m.article_id,
        type=m.type,
        confidence=m.confidence,
        time_text=m.time_text,
        year=m.year,
        month=m.month,
        day=m.day,
        granularity=m.granularity,
        time_start=m.time_start,
        time_end=m.time_end,
        perpetrator_text=m.perpetrator_text,
        perpetrator_type=m.perpetrator_type,
        perpetrator_country=m.perpetrator_country,
        victims=victims_summary(m.victims),
        victim_count=m.victim_count,
        place=place_summary(m.city, m.region, m.country, m.place_text),
        place_text=m.place_text,
        country=m.country,
        region=m.region,
        city=m.city,
        lat=m.lat,
        lon=m.lon,
        article_title=m.article_title,
        outlet=m.outlet,
        published=m.published,
        url=m.url,
    )


def evidence_texts(stored: list[dict[str, Any]] | None) -> tuple[EvidenceText, ...]:
    return tuple(EvidenceText(int(e["start"]), int(e["end"]), e.get("text") or "") for e in stored or ())


#: Separator between evidence passages in flat exports.
EVIDENCE_SEPARATOR = " … "


def export_row(m: Any, contract: list[dict[str, Any]]) -> ExportRow:
    """One export row from an incident row joined with its article and document (``m``) and the
    article's incidents in the JSON contract form (``contract``, indexed by ``seq``)."""
    evidence = evidence_texts(m.evidence)
    return ExportRow(
        incident_id=m.id,
        article_id=m.article_id,
        seq=m.seq,
        type=m.type,
        confidence=m.confidence,
        perpetrator_text=m.perpetrator_text,
        perpetrator_type=m.perpetrator_type,
        perpetrator_country=m.perpetrator_country,
        victims=victims_summary(m.victims),
        victim_count=m.victim_count,
        place_text=m.place_text,
        country=m.country,
        region=m.region,
        city=m.city,
        lat=m.lat,
        lon=m.lon,
        time_text=m.time_text,
        year=m.year,
        month=m.month,
        day=m.day,
        granularity=m.granularity,
        time_start=m.time_start,
        time_end=m.time_end,
        evidence_text=EVIDENCE_SEPARATOR.join(e.text for e in evidence),
        extractor_version=m.extractor_version,
        article_title=m.article_title,
        article_url=m.article_url,
        article_version=m.article_version,
        outlet=m.outlet,
        published=m.published,
        document_sha256=m.document_sha256,
        document_origin=m.document_origin,
        incident=contract[m.seq] if m.seq < len(contract) else {},
        evidence=evidence,
    )
