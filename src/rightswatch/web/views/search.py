"""Search: full text over articles and quotes, facets and filters held in the URL; saved searches."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from rightswatch.store import render_snippet
from rightswatch.web.deps import check_csrf, render, viewer
from rightswatch.web.filters import PARAMS, parse_query
from rightswatch.web.security import Principal, new_secret, secret_hash

router = APIRouter(include_in_schema=False)

FACET_LABELS = {
    "type": "Incident type",
    "country": "Country",
    "region": "Region",
    "perpetrator_type": "Perpetrator type",
    "outlet": "Outlet",
}
SORT_LABELS = {
    "date": "newest first",
    "-date": "oldest first",
    "confidence": "most confident",
    "-confidence": "least confident",
    "type": "type",
    "country": "country",
    "-id": "latest stored",
}


@router.get("/search")
def search(request: Request, principal: Principal = viewer) -> Response:
    store = request.app.state.store
    query = parse_query(request.query_params, per_page=request.app.state.config.per_page)
    # Facets first: they count every match, and the total they find is cached for the page query.
    facets, _ = store.facets_and_total(query.filter)
    page = store.query_incidents(query.filter, sort=query.sort, limit=query.per_page, offset=query.offset)
    snippets = {}
    if query.filter.q:
        raw = store.snippets(query.filter.q, {li.row.article_id for li in page.items})
        snippets = {k: Markup(render_snippet(v, escape=escape)) for k, v in raw.items()}
    pages = max(1, -(-page.total // query.per_page))
    return render(
        request,
        "search.html",
        query=query,
        page=page,
        pages=pages,
        snippets=snippets,
        facets=facets,
        facet_labels=FACET_LABELS,
        sort_labels=SORT_LABELS,
        saved=store.list_saved_searches(principal.user.id) if principal.user else [],
        created_feed=None,
    )


@router.post("/searches")
async def save_search(request: Request, principal: Principal = viewer) -> Response:
    form = await check_csrf(request, principal)
    if principal.user is None:
        return RedirectResponse("/login", status_code=303)
    params = {k: str(form[k]) for k in PARAMS if form.get(k)}
    query = parse_query(params)
    name = str(form.get("name") or "").strip()[:200] or "search"
    key = new_secret()
    sid = request.app.state.store.add_saved_search(principal.user.id, name, query.params, secret_hash(key))
    feed = str(request.url_for("feed", search_id=sid)) + f"?key={key}"
    return render(request, "saved.html", name=name, feed=feed, query=query)


@router.post("/searches/{search_id}/delete")
async def delete_search(search_id: int, request: Request, principal: Principal = viewer) -> Response:
    await check_csrf(request, principal)
    if principal.user is not None:
        request.app.state.store.delete_saved_search(search_id, principal.user.id)
    return RedirectResponse("/search", status_code=303)
