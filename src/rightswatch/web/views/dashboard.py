"""The dashboard: incidents per month by type, the map, latest articles, failing sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rightswatch.web.charts import monthly_chart
from rightswatch.web.deps import render, viewer
from rightswatch.web.filters import parse_query
from rightswatch.web.security import Principal

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard(request: Request, principal: Principal = viewer) -> Response:
    store = request.app.state.store
    query = parse_query(request.query_params)
    counts = store.status()
    chart = monthly_chart(store.monthly_counts(query.filter))
    articles, n_articles = store.list_articles(limit=10)
    return render(
        request,
        "dashboard.html",
        counts=counts,
        chart=chart,
        articles=articles,
        n_articles=n_articles,
        failures=store.recent_failures(10),
        query=query,
        map_src=query.url("/api/v1/map"),
    )
