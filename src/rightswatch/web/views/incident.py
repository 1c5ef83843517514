"""The incident page (every field with its evidence highlighted), article pages, preserved copies."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rightswatch.records import Incident, Report
from rightswatch.store.review_repo import EDITABLE_FIELDS
from rightswatch.web.deps import render, viewer
from rightswatch.web.highlight import Mark, highlight
from rightswatch.web.security import Principal

router = APIRouter(include_in_schema=False)

FIELD_LABELS = {
    "type": "Type",
    "perpetrator_text": "Perpetrator",
    "perpetrator_type": "Perpetrator type",
    "victims": "Victims",
    "victim_count": "Victim count",
    "place_text": "Place (as written)",
    "country": "Country",
    "region": "Region",
    "city": "City",
    "time_start": "From",
    "time_end": "To",
}


def safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs: ``javascript:``, ``data:`` and the rest stay text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def incident_marks(incident: Incident, label: str) -> list[Mark]:
    marks = [Mark(s.start, s.end, "evidence", f"evidence: {label}") for s in incident.evidence]
    p = incident.perpetrator
    if p and p.span:
        marks.append(Mark(p.span.start, p.span.end, "perpetrator", "perpetrator"))
    for v in incident.victims:
        if v.span:
            marks.append(Mark(v.span.start, v.span.end, "victim", "victim"))
    if incident.place and incident.place.span:
        marks.append(Mark(incident.place.span.start, incident.place.span.end, "place", "place"))
    if incident.time and incident.time.span:
        marks.append(Mark(incident.time.span.start, incident.time.span.end, "time", "time"))
    return marks


def quote_marks(report: Report) -> list[Mark]:
    return [
        Mark(q.start, q.end, "quote", f"quote: {'anonymous' if q.anonymous else 'named'} source")
        for q in report.quotes
    ]


@router.get("/incidents/{incident_id}")
def incident_page(incident_id: int, request: Request, principal: Principal = viewer) -> Response:
    store = request.app.state.store
    detail = store.get_incident(incident_id)
    listed = store.listed_incident(incident_id)
    edits = store.incident_edits(incident_id)
    report = store.get_report(detail.row.article_id)
    text = detail.article.text
    marks = incident_marks(detail.incident, detail.incident.type)
    if detail.incident.perpetrator and detail.incident.perpetrator.span is None and detail.row.perpetrator_text:
        pass  # no offsets for this mention: shown in the field table only
    case_members = []
    if listed.case_id is not None:
        ids = [i for i in store.case_incident_ids(listed.case_id) if i != incident_id]
        case_members = [store.listed_incident(i) for i in ids]
    related = [r for r in store.related_incidents(incident_id) if r.row.id not in {m.row.id for m in case_members}]
    machine = {f: getattr(detail.row, f) for f in EDITABLE_FIELDS}
    return render(
        request,
        "incident.html",
        detail=detail,
        listed=listed,
        edits=edits,
        machine=machine,
        field_labels=FIELD_LABELS,
        fields=EDITABLE_FIELDS,
        article_html=highlight(text, marks + quote_marks(report)),
        quotes=report.quotes,
        case_members=case_members,
        related=related,
        original_url=safe_url(detail.article.url),
        history=store.list_audit(limit=50, target=f"incident:{incident_id}")[0],
    )


@router.get("/articles/{article_id}")
def article_page(article_id: int, request: Request, principal: Principal = viewer) -> Response:
    store = request.app.state.store
    report = store.get_report(article_id)
    row = store.get_article_row(article_id)
    ids = store.article_incident_ids(article_id)
    marks: list[Mark] = []
    for inc in report.incidents:
        marks += incident_marks(inc, inc.type)
    return render(
        request,
        "article.html",
        report=report,
        row=row,
        incidents=[store.listed_incident(i) for i in ids],
        article_html=highlight(report.article.text, marks + quote_marks(report)),
        original_url=safe_url(report.article.url),
    )


@router.get("/documents/{sha256}")
def preserved_copy(sha256: str, request: Request, principal: Principal = viewer) -> Response:
    """The preserved bytes, always as an inert download: never rendered as HTML by the browser."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        from rightswatch.errors import NotFound

        raise NotFound("no such document")
    raw, media_type = request.app.state.store.document_bytes(sha256)
    ext = {"text/html": "html", "application/json": "json"}.get(media_type.split(";")[0].strip(), "txt")
    return Response(
        raw,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{sha256[:16]}.{ext}"',
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Original-Media-Type": media_type[:100],
        },
    )
