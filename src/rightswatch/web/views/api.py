"""The JSON API under ``/api/v1/``: incidents, articles, search, one record by id, map data.

Every list is paginated (``limit``, ``offset``; the answer carries ``total`` and a ``next`` URL).
Authenticate with ``Authorization: Bearer TOKEN`` (or a browser session). Errors share one shape:
``{"error": {"status": 404, "code": "not-found", "message": "..."}}``.
"""

from __future__ import annotations

from html import escape
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from rightswatch.store import MARK_CLOSE, MARK_OPEN, render_snippet
from rightswatch.store.review_repo import ListedIncident
from rightswatch.web.deps import viewer
from rightswatch.web.filters import parse_query
from rightswatch.web.security import Principal


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    detail: Optional[Any] = None


class ErrorOut(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No valid token or session"},
    404: {"model": ErrorOut, "description": "No such record"},
    422: {"model": ErrorOut, "description": "Invalid parameters"},
}

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


class IncidentOut(BaseModel):
    id: int
    article_id: int
    type: str
    confidence: float
    date: Optional[str]
    time_text: Optional[str]
    time_start: Optional[str]
    time_end: Optional[str]
    granularity: Optional[str]
    perpetrator_text: Optional[str]
    perpetrator_type: Optional[str]
    perpetrator_country: Optional[str]
    victims: str
    victim_count: Optional[int]
    place: str
    country: Optional[str]
    region: Optional[str]
    city: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    article_title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    url: Optional[str]
    review_status: str
    edited_fields: list[str]
    case_id: Optional[int]


class IncidentPageOut(BaseModel):
    items: list[IncidentOut]
    total: int
    limit: int
    offset: int
    next: Optional[str]


class EvidenceOut(BaseModel):
    start: int
    end: int
    text: str


class EditOut(BaseModel):
    value: Optional[str]
    machine_value: Optional[str]
    edited_by: str
    edited_at: str


class IncidentRecordOut(IncidentOut):
    evidence: list[EvidenceOut]
    record: dict[str, Any]
    edits: dict[str, EditOut]
    document_sha256: str
    document_origin: str
    article_version: int
    case_incident_ids: list[int]


class ArticleOut(BaseModel):
    id: int
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    url: Optional[str]
    language: Optional[str]
    analysed_at: str
    incidents: int


class ArticlePageOut(BaseModel):
    items: list[ArticleOut]
    total: int
    limit: int
    offset: int
    next: Optional[str]


class HitOut(BaseModel):
    article_id: int
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    snippet: str
    snippet_html: str
    score: float
    source: str


class SearchPageOut(BaseModel):
    query: str
    items: list[HitOut]
    limit: int
    offset: int
    next: Optional[str]


def incident_out(li: ListedIncident) -> dict[str, Any]:
    r = li.row
    return {
        "id": r.id, "article_id": r.article_id, "type": r.type, "confidence": r.confidence, "date": r.date,
        "time_text": r.time_text, "time_start": r.time_start, "time_end": r.time_end, "granularity": r.granularity,
        "perpetrator_text": r.perpetrator_text, "perpetrator_type": r.perpetrator_type,
        "perpetrator_country": r.perpetrator_country, "victims": r.victims, "victim_count": r.victim_count,
        "place": r.place, "country": r.country, "region": r.region, "city": r.city, "lat": r.lat, "lon": r.lon,
        "article_title": r.article_title, "outlet": r.outlet, "published": r.published, "url": r.url,
        "review_status": li.status, "edited_fields": sorted(li.edited), "case_id": li.case_id,
    }


def _next(request: Request, offset: int, limit: int, total: int | None, got: int) -> str | None:
    more = (offset + got < total) if total is not None else got == limit
    if not more or got == 0:
        return None
    return str(request.url.include_query_params(offset=offset + limit, limit=limit))


Limit = Query(50, ge=1, le=1000, description="Page size")
Offset = Query(0, ge=0, le=10_000_000, description="Items to skip")


@router.get("/incidents", response_model=IncidentPageOut, summary="Incidents matching the filter")
def incidents(
    request: Request,
    q: Optional[str] = Query(None, description="Full text over article text, titles, tags and quotes"),
    type: Optional[str] = None,  # noqa: A002
    country: Optional[str] = Query(None, description="ISO 3166-1 alpha-2"),
    region: Optional[str] = None,
    perpetrator_type: Optional[str] = None,
    outlet: Optional[str] = None,
    source: Optional[str] = Query(None, description="anonymous | named"),
    date_from: Optional[str] = Query(None, alias="from", description="YYYY[-MM[-DD]]"),
    date_to: Optional[str] = Query(None, alias="to", description="YYYY[-MM[-DD]]"),
    status: Optional[str] = Query(None, description="unreviewed | confirmed | rejected | corrected"),
    sort: str = Query("date", description="date | -date | confidence | -confidence | type | country | id | -id"),
    limit: int = Limit,
    offset: int = Offset,
    principal: Principal = viewer,
) -> dict[str, Any]:
    query = parse_query(request.query_params)
    page = request.app.state.store.query_incidents(query.filter, sort=query.sort, limit=limit, offset=offset)
    return {"items": [incident_out(li) for li in page.items], "total": page.total, "limit": limit, "offset": offset,
            "next": _next(request, offset, limit, page.total, len(page.items))}


@router.get("/incidents/{incident_id}", response_model=IncidentRecordOut, summary="One incident, with evidence")
def incident(incident_id: int, request: Request, principal: Principal = viewer) -> dict[str, Any]:
    from rightswatch.records import Report

    store = request.app.state.store
    detail = store.get_incident(incident_id)
    li = store.listed_incident(incident_id)
    out = incident_out(li)
    out.update(
        evidence=[{"start": e.start, "end": e.end, "text": e.text} for e in detail.evidence],
        record=Report(article=detail.article, incidents=(detail.incident,)).to_dict()["incidents"][0],
        edits={k: {"value": e.value, "machine_value": e.machine_value, "edited_by": e.edited_by,
                   "edited_at": e.edited_at} for k, e in store.incident_edits(incident_id).items()},
        document_sha256=detail.document_sha256, document_origin=detail.document_origin,
        article_version=detail.article_version,
        case_incident_ids=store.case_incident_ids(li.case_id) if li.case_id is not None else [],
    )
    return out


def _article(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "language": a.language, "analysed_at": a.analysed_at, "incidents": a.incidents}


@router.get("/articles", response_model=ArticlePageOut, summary="Articles, latest first")
def articles(request: Request, limit: int = Limit, offset: int = Offset, principal: Principal = viewer) -> dict[str, Any]:
    rows, total = request.app.state.store.list_articles(limit=limit, offset=offset)
    return {"items": [_article(a) for a in rows], "total": total, "limit": limit, "offset": offset,
            "next": _next(request, offset, limit, total, len(rows))}


@router.get("/articles/{article_id}", summary="One article's report (the JSON contract)")
def article(article_id: int, request: Request, principal: Principal = viewer) -> dict[str, Any]:
    store = request.app.state.store
    report = store.get_report(article_id).to_dict()
    report["id"] = article_id
    report["incident_ids"] = store.article_incident_ids(article_id)
    return report


@router.get("/search", response_model=SearchPageOut, summary="Full-text search over articles and quotes")
def search(
    request: Request,
    q: str = Query(..., max_length=1000, description="Words (all required); word* for a prefix"),
    limit: int = Query(20, ge=1, le=500),
    offset: int = Query(0, ge=0, le=500),
    principal: Principal = viewer,
) -> dict[str, Any]:
    hits = request.app.state.store.search(q, limit=offset + limit)[offset:]
    items = [
        {"article_id": h.article_id, "title": h.title, "outlet": h.outlet, "published": h.published,
         "snippet": h.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""),
         "snippet_html": render_snippet(h.snippet, escape=escape), "score": h.score, "source": h.source}
        for h in hits
    ]
    return {"query": q, "items": items, "limit": limit, "offset": offset,
            "next": _next(request, offset, limit, None, len(items)) if offset + limit < 500 else None}


@router.get("/map", summary="Incidents by country and region, and clustered points (for the map)")
def map_data(request: Request, principal: Principal = viewer) -> dict[str, Any]:
    import pycountry

    query = parse_query(request.query_params)
    summary = request.app.state.store.map_summary(query.filter)
    countries = []
    for code, n in sorted(summary.countries.items()):
        c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
        countries.append({"code": code, "numeric": c.numeric if c else None, "name": c.name if c else code, "n": n})
    regions = [{"country": k.split("|", 1)[0], "region": k.split("|", 1)[1], "n": n}
               for k, n in sorted(summary.regions.items())]
    points = [{"lat": a, "lon": b, "n": n} for a, b, n in summary.points]
    return {"countries": countries, "regions": regions, "points": points,
            "search": query.url("/search")}


@router.get("/status", summary="Counts of documents, articles, incidents, failures")
def status(request: Request, principal: Principal = viewer) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(request.app.state.store.status())
