"""Exports of the current filter: CSV, JSON Lines, GeoJSON, Parquet and a HURIDOCS Uwazi import CSV.

Text formats stream in chunks (a large export does not sit in memory); Parquet is spooled to a
temporary file first because the format writes its footer last. Analyst corrections are applied.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from rightswatch.errors import NotFound
from rightswatch.export.documents import incident_feature, incident_object
from rightswatch.export.tabular import csv_cell, write_parquet
from rightswatch.store import ExportRow
from rightswatch.store.review_repo import ListedIncident
from rightswatch.web.deps import viewer
from rightswatch.web.filters import parse_query
from rightswatch.web.security import Principal

router = APIRouter(include_in_schema=False)

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "uwazi": "text/csv; charset=utf-8",
}
CHUNK = 200

#: Columns of the Uwazi import file. Create an Uwazi template with these property names (``title``
#: is Uwazi's own); dates are YYYY/MM/DD, a date range is ``start:end``, geolocation ``lat|lon``,
#: links ``label|url``, several values are separated by ``|``.
UWAZI_COLUMNS = (
    "title", "rightswatch_id", "incident_type", "review_status", "date_range", "country", "region", "city",
    "place", "geolocation", "perpetrator", "perpetrator_type", "victims", "victim_count", "confidence",
    "evidence", "source_title", "source_outlet", "source_date", "source_url", "document_sha256", "case",
)


def _uwazi_date(iso: str | None) -> str:
    return iso.replace("-", "/") if iso else ""


def uwazi_row(r: ExportRow, li: ListedIncident) -> list[str]:
    place = ", ".join(x for x in (r.city, r.region, r.country) if x) or (r.place_text or "")
    title = f"{r.type}: {place or 'place unknown'}" + (f" ({r.time_start or r.published})" if (r.time_start or r.published) else "")
    dr = f"{_uwazi_date(r.time_start)}:{_uwazi_date(r.time_end)}" if (r.time_start or r.time_end) else ""
    url = r.article_url or ""
    link = f"{(r.article_title or url).replace('|', '/')}|{url}" if url.startswith(("http://", "https://")) else ""
    values = [
        title, str(r.incident_id), r.type, li.status, dr, r.country or "", r.region or "", r.city or "",
        r.place_text or "", f"{r.lat}|{r.lon}" if r.lat is not None and r.lon is not None else "",
        r.perpetrator_text or "", r.perpetrator_type or "", r.victims.replace("; ", "|"),
        "" if r.victim_count is None else str(r.victim_count), f"{r.confidence:.2f}", r.evidence_text,
        r.article_title or "", r.outlet or "", _uwazi_date(r.published), link, r.document_sha256,
        "" if li.case_id is None else str(li.case_id),
    ]
    return [csv_cell(v) for v in values]


def _chunks(rows: Iterator[tuple[ExportRow, ListedIncident]], fmt: str) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    if fmt == "csv":
        writer.writerow(list(ExportRow.flat_columns()) + ["review_status", "case_id"])
    elif fmt == "uwazi":
        writer.writerow(UWAZI_COLUMNS)
    elif fmt == "geojson":
        buf.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row, li in rows:
        if fmt == "csv":
            flat = row.flat()
            writer.writerow([csv_cell(flat[c]) for c in ExportRow.flat_columns()] + [li.status, li.case_id or ""])
        elif fmt == "uwazi":
            writer.writerow(uwazi_row(row, li))
        elif fmt == "jsonl":
            obj = incident_object(row)
            obj["review"] = {"status": li.status, "edited": sorted(li.edited), "case_id": li.case_id}
            buf.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
        else:
            feat = incident_feature(row)
            feat["properties"].update(review_status=li.status, case_id=li.case_id)
            buf.write(("\n" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False, allow_nan=False))
        n += 1
        if n % CHUNK == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    if fmt == "geojson":
        buf.write("\n]}\n")
    yield buf.getvalue().encode("utf-8")


@router.get("/export/incidents.{fmt}")
def export(fmt: str, request: Request, principal: Principal = viewer) -> Response:
    if fmt not in MEDIA:
        raise NotFound(f"unknown export format {fmt!r}; choose one of: {', '.join(MEDIA)}")
    store = request.app.state.store
    query = parse_query(request.query_params)
    rows = store.iter_filtered_export_rows(query.filter, sort=query.sort)
    stamp = date.today().isoformat()
    ext = "csv" if fmt == "uwazi" else fmt
    name = f"rightswatch-incidents{'-uwazi' if fmt == 'uwazi' else ''}-{stamp}.{ext}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "parquet":
        with tempfile.TemporaryFile() as fh:
            write_parquet((r for r, _ in rows), fh)
            fh.seek(0)
            data = fh.read()
        return Response(data, media_type=MEDIA[fmt], headers=headers)
    return StreamingResponse(_chunks(rows, fmt), media_type=MEDIA[fmt], headers=headers)
