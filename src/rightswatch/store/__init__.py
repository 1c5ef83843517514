"""The ``store`` stage: the evidence-linked incident database.

Nothing outside this package writes SQL. Callers use :class:`Store`::

    from rightswatch.store import Store

    with Store.open("sqlite:///incidents.db") as store:
        result = store.save(document, report)      # one transaction per document
        for row in store.list_incidents(country="KP"):
            ...

Modules: ``schema`` (tables), ``engine`` (connections, SQLite pragmas, migrations),
``migrations/`` (Alembic revisions, run at open), ``search`` (full-text backend),
``repository`` (the ``Store``), ``rows`` (typed query results), ``mapping`` (SQL rows to
typed rows).
"""

from rightswatch.store import schema_collection, schema_review  # noqa: F401  (their tables join the metadata)
from rightswatch.store.repository import MAX_PAGE, Store
from rightswatch.store.rows import (
    EvidenceText,
    ExportRow,
    IncidentDetail,
    IncidentRow,
    SaveResult,
    SearchHit,
    StatusCounts,
)
from rightswatch.store.search import MARK_CLOSE, MARK_OPEN, render_snippet

__all__ = [
    "Store",
    "MAX_PAGE",
    "SaveResult",
    "IncidentRow",
    "IncidentDetail",
    "EvidenceText",
    "SearchHit",
    "StatusCounts",
    "ExportRow",
    "MARK_OPEN",
    "MARK_CLOSE",
    "render_snippet",
]
