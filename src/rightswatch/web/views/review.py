"""Review actions (editors): confirm/reject, correct fields, merge into a case, split out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rightswatch.errors import StoreError
from rightswatch.store.review_repo import EDITABLE_FIELDS
from rightswatch.web.deps import check_csrf, editor
from rightswatch.web.security import Principal

router = APIRouter(include_in_schema=False)


def _back(incident_id: int, note: str = "") -> RedirectResponse:
    return RedirectResponse(f"/incidents/{incident_id}{note}", status_code=303)


@router.post("/incidents/{incident_id}/edit")
async def edit(incident_id: int, request: Request, principal: Principal = editor) -> Response:
    form = await check_csrf(request, principal)
    changes = {f: str(form[f])[:2000] for f in EDITABLE_FIELDS if f in form}
    request.app.state.store.edit_incident(incident_id, changes, actor=principal.name)
    return _back(incident_id, "#review")


@router.post("/incidents/{incident_id}/review")
async def review(incident_id: int, request: Request, principal: Principal = editor) -> Response:
    form = await check_csrf(request, principal)
    decision = str(form.get("decision") or "")
    status = {"confirm": "confirmed", "reject": "rejected", "clear": None}
    if decision not in status:
        raise StoreError("decision must be confirm, reject or clear")
    request.app.state.store.set_review_status(incident_id, status[decision], actor=principal.name)
    return _back(incident_id, "#review")


@router.post("/incidents/{incident_id}/merge")
async def merge(incident_id: int, request: Request, principal: Principal = editor) -> Response:
    form = await check_csrf(request, principal)
    other = str(form.get("other") or "").strip().lstrip("#")
    if not other.isdigit() or len(other) > 12:
        raise StoreError("give the id of the incident to merge with")
    request.app.state.store.merge_incidents(incident_id, int(other), actor=principal.name)
    return _back(incident_id, "#case")


@router.post("/incidents/{incident_id}/split")
async def split(incident_id: int, request: Request, principal: Principal = editor) -> Response:
    await check_csrf(request, principal)
    request.app.state.store.split_incident(incident_id, actor=principal.name)
    return _back(incident_id, "#case")
