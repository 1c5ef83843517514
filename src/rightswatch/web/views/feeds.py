"""Atom feeds of saved searches: new incidents matching the search, newest first.

A feed URL carries a secret key (shown once, when the search is saved; only its hash is kept) so
feed readers, which cannot log in, can follow it; the key opens that one feed and nothing else.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rightswatch.errors import NotFound
from rightswatch.web.filters import parse_query
from rightswatch.web.security import secret_hash

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50


def _text(value: str) -> str:
    # XML 1.0 cannot carry most control characters, even escaped.
    return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 0x20)


@router.get("/feeds/{search_id}.atom", name="feed")
def feed(search_id: int, request: Request, key: str = "") -> Response:
    store = request.app.state.store
    saved = store.saved_search_by_key(search_id, secret_hash(key)) if key else None
    if saved is None:
        raise NotFound("no such feed (check the key in the feed URL)")
    query = parse_query(saved.params)
    page = store.query_incidents(query.filter, sort="-id", limit=ENTRIES, with_total=False)
    base = str(request.base_url).rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}title").text = _text(f"rightswatch: {saved.name}")
    ET.SubElement(root, f"{{{ATOM}}}id").text = f"{base}/feeds/{saved.id}"
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=base + query.url("/search"))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = datetime.now(timezone.utc).isoformat(timespec="seconds")
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "rightswatch"
    for li in page.items:
        r = li.row
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        when = r.date or ""
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(f"{r.type}: {r.place or 'place unknown'} {when}".strip())
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/incidents/{r.id}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/incidents/{r.id}")
        updated = (r.published or "1970-01-01") + "T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
        summary = f"{r.perpetrator_text or 'unknown perpetrator'} — {r.victims or 'victims unknown'}. " \
                  f"Source: {r.article_title or ''} ({r.outlet or ''}); review: {li.status}."
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = _text(summary)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
