"""File exports of the incident database: CSV, JSON Lines, GeoJSON and Parquet.

    from rightswatch.export import write_export
    n = write_export(store, "geojson", "out/incidents.geojson")

One row (or object, or feature) per incident, each carrying its provenance: the article it was
found in (id, title, URL, version, outlet, publication date) and the preserved document (SHA-256,
origin), with the evidence passages quoted from the article text.
"""

from rightswatch.export.formats import FORMATS, write_export

__all__ = ["FORMATS", "write_export"]
