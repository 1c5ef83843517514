"""Bulk loading: many documents in one transaction (benchmarks, fixtures, first imports).

:meth:`Store.save` is one transaction per document (a commit, i.e. an fsync, each: ~10 ms).
:func:`save_many` writes a batch of ``(document, report)`` pairs through the *same* insert code
as ``save`` (so rows, versions and full-text index entries are identical) but inside one write
transaction, which makes building a 100,000-article database a matter of minutes. Documents
already stored (same SHA-256) are skipped. Run ``ANALYZE`` afterwards (:func:`analyze`) so the
SQLite planner knows the table sizes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from rightswatch.errors import StoreError
from rightswatch.records import Document, Report
from rightswatch.store.schema import documents

if TYPE_CHECKING:
    from rightswatch.store.repository import Store

__all__ = ["save_many", "analyze"]


def save_many(store: Store, pairs: Iterable[tuple[Document, Report | None]]) -> int:
    """Store every pair in one transaction; returns how many documents were new."""
    stored = 0
    with store._writing("save_many") as conn:  # noqa: SLF001 - the store's own write path
        for document, report in pairs:
            if hashlib.sha256(document.raw).hexdigest() != document.sha256:
                raise StoreError(f"{document.origin}: sha256 does not match the document's bytes")
            if conn.execute(sa.select(documents.c.id).where(documents.c.sha256 == document.sha256)).first():
                continue
            document_id = store._insert_document(conn, document)  # noqa: SLF001
            if report is not None:
                report = store._bind_report(document, report)  # noqa: SLF001
                store._insert_report(conn, document_id, document, report)  # noqa: SLF001
            stored += 1
    return stored


def analyze(store: Store) -> None:
    """Refresh the planner's statistics (SQLite ``ANALYZE``; PostgreSQL ``ANALYZE`` too)."""
    with store._writing("analyze") as conn:  # noqa: SLF001
        conn.execute(sa.text("ANALYZE"))
