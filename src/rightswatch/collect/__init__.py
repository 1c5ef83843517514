"""Collect: turn local files, folders (and later feeds, URLs, WARCs) into ``Document`` records.

Public surface::

    iter_documents(paths, settings) -> Iterator[Document | Failure]
    Failure(origin, reason, message, sha256, raw=None)
"""

from __future__ import annotations

from rightswatch.collect.files import Failure, iter_documents

__all__ = ["Failure", "iter_documents"]
