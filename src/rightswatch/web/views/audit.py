"""The audit log: who changed what, when, with the values before and after."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rightswatch.web.deps import editor, render
from rightswatch.web.security import Principal

router = APIRouter(include_in_schema=False)
PER_PAGE = 100


def _show(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@router.get("/audit")
def audit(request: Request, target: str | None = None, page: int = 1, principal: Principal = editor) -> Response:
    page = max(1, min(page, 100_000))
    rows, total = request.app.state.store.list_audit(limit=PER_PAGE, offset=(page - 1) * PER_PAGE, target=target)
    return render(request, "audit.html", rows=rows, total=total, page=page, pages=max(1, -(-total // PER_PAGE)),
                  target=target, show=_show)
