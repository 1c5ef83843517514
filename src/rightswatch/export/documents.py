"""Nested exports: JSON Lines (one object per incident) and GeoJSON (one feature per incident)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from rightswatch.store import ExportRow

__all__ = ["incident_object", "incident_feature", "write_jsonl", "write_geojson"]


def _dumps(obj: Any) -> str:
    # allow_nan=False: NaN/Infinity are not JSON; fail loudly rather than write a broken file.
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def incident_object(row: ExportRow) -> dict[str, Any]:
    """The JSON Lines object: the incident record (JSON contract form), evidence and provenance."""
    return {
        "id": row.incident_id,
        "type": row.type,
        "confidence": row.confidence,
        "incident": row.incident,
        "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in row.evidence],
        "article": {
            "id": row.article_id,
            "seq": row.seq,
            "title": row.article_title,
            "url": row.article_url,
            "version": row.article_version,
            "outlet": row.outlet,
            "published": row.published,
        },
        "document": {"sha256": row.document_sha256, "origin": row.document_origin},
    }


def incident_feature(row: ExportRow) -> dict[str, Any]:
    """A GeoJSON feature; ``geometry`` is null when the place has no coordinates (RFC 7946 §3.2)."""
    geometry = None
    if row.lat is not None and row.lon is not None:
        geometry = {"type": "Point", "coordinates": [row.lon, row.lat]}  # GeoJSON is lon, lat
    return {"type": "Feature", "id": row.incident_id, "geometry": geometry, "properties": row.flat()}


def write_jsonl(rows: Iterable[ExportRow], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(_dumps(incident_object(row)) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Streamed: features are written as they come, not collected in memory."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row in rows:
        out.write(("\n" if n == 0 else ",\n") + _dumps(incident_feature(row)))
        n += 1
    out.write("\n]}\n")
    return n
