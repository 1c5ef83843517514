"""Collect: turn local files, web archives, feeds and URLs into ``Document`` records.

Public surface::

    iter_documents(paths, settings) -> Iterator[Document | Failure]   # files, folders, .warc(.gz), .arc(.gz)
    Failure(origin, reason, message, sha256, raw=None)

Web collection lives in its own modules, imported by name (they pull in httpx, warcio, feedparser,
which file ingestion does not need)::

    rightswatch.collect.http       Fetcher, FetchConfig, FetchError   polite, bounded HTTP
    rightswatch.collect.netguard   BlockedAddress                     no private/loopback/metadata targets
    rightswatch.collect.warc       WarcWriter, iter_warc_documents, verify_record, verify_file
    rightswatch.collect.feeds      parse_feed, FeedError              RSS, Atom, JSON Feed, sitemaps
    rightswatch.collect.watch      Watcher, fetch_documents           polling sources

``collect`` never analyses and never opens the database: see ``docs/collection.md``.
"""

from __future__ import annotations

from rightswatch.collect.files import Failure, iter_documents

__all__ = ["Failure", "iter_documents"]
