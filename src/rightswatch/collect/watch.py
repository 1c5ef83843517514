"""Watching sources: poll what is due, fetch what is new, hand it on, remember what happened.

:class:`Watcher` knows nothing of databases or analysis: it is given a *state* (where sources,
their validators and the seen-item log live; the store's ``CollectionRepository`` fits) and a
*sink* (a callable that stores and analyses a batch of documents and says what became of each;
the CLI wires the pipeline in). That keeps ``collect`` below ``store`` and ``analyse`` in the
layer map, and makes the loop testable with fakes.

One poll of one source:

1. conditional GET of the feed (``If-None-Match``/``If-Modified-Since`` from the last success);
   a 304 costs nothing more;
2. parse it (RSS/Atom/JSON Feed/sitemap; a sitemap index is followed one level, newest first);
3. entries never seen, plus earlier ones whose fetch failed for a passing reason (timeout, 5xx),
   are fetched concurrently (the fetcher caps connections per host and overall), in batches;
4. each batch goes to the sink, and *then* each entry's outcome is written to the seen-item log;
5. the source's outcome, validators and next due time are written last.

So a crash at any point loses nothing (the next run redoes the unfinished steps: an entry is
marked seen only after its document is stored) and repeats nothing that counts (an entry
fetched again after a crash between steps 4 and 5 has the same bytes, which the store keeps
once). A failing source (404, 500, timeout, malformed XML, an HTML page instead of a feed, a
redirect loop, an endless body, a gzip bomb) records its reason code and message and is retried
at its next due time; the other sources are not affected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

from rightswatch.collect.feeds import FeedEntry, FeedError, ParsedFeed, parse_feed
from rightswatch.collect.files import Failure
from rightswatch.collect.http import Fetched, FetchError, Fetcher
from rightswatch.collect.sources import ARTICLE_TYPES, page_document
from rightswatch.records import Document

__all__ = [
    "Watcher",
    "WatchState",
    "SourceOutcome",
    "ItemOutcome",
    "fetch_documents",
    "TRANSIENT_REASONS",
    "MAX_ITEM_ATTEMPTS",
]

#: Fetch failures worth retrying at the next poll; anything else is final for that entry.
TRANSIENT_REASONS = frozenset({"timeout", "connect-failed", "protocol-error", "http-429", "http-500", "http-502",
                               "http-503", "http-504", "robots-disallowed-temporarily"})
#: Attempts at one feed entry before giving up on it.
MAX_ITEM_ATTEMPTS = 3
#: Largest feed document accepted (feeds are small; a 20 MB "feed" is a mistake or an attack).
FEED_MAX_BYTES = 10 * 1024 * 1024
#: Entries fetched and stored per batch (also the crash-loss bound: at most one batch refetched).
BATCH = 16
#: Child sitemaps followed from a sitemap index, newest first.
MAX_CHILD_SITEMAPS = 3


class WatchState(Protocol):
    def due_sources(self, now: str) -> Sequence[Any]: ...

    def list_sources(self) -> Sequence[Any]: ...

    def record_check(self, source_id: int, **values: Any) -> None: ...

    def item_states(self, source_id: int, keys: Iterable[str]) -> dict[str, Any]: ...

    def retry_items(self, source_id: int) -> Sequence[Any]: ...

    def mark_item(self, source_id: int, key: str, url: str, **values: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """What the sink did with one document (the pipeline's ``Outcome`` has these fields)."""

    origin: str
    status: str  # "stored" | "duplicate" | "failed"
    reason: str | None = None
    message: str | None = None


Sink = Callable[[list[Document | Failure]], Sequence[Any]]


@dataclass(slots=True)
class SourceOutcome:
    name: str
    status: str  # "ok" | "not-modified" | "failed"
    reason: str | None = None
    message: str | None = None
    entries: int = 0
    new: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    retry: int = 0


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def fetch_documents(
    fetcher: Fetcher,
    urls: Sequence[str],
    executor: ThreadPoolExecutor,
    *,
    origin_kind: str = "url",
    hints: Sequence[tuple[tuple[str, str], ...]] | None = None,
) -> list[Document | Failure]:
    """Fetch ``urls`` concurrently; one Document or Failure per URL, in order."""

    def one(i: int) -> Document | Failure:
        url = urls[i]
        try:
            fetched = fetcher.fetch(url)
        except FetchError as exc:
            return Failure(url, exc.reason, str(exc), None)
        return _as_document(fetched, origin_kind, hints[i] if hints else ())

    return list(executor.map(one, range(len(urls))))


def _as_document(fetched: Fetched, origin_kind: str, hints: tuple[tuple[str, str], ...]) -> Document | Failure:
    if fetched.media_type and fetched.media_type not in ARTICLE_TYPES:
        return Failure(
            fetched.url, "unsupported-format", f"{fetched.url}: {fetched.media_type} is not an article page", None
        )
    return page_document(fetched, origin_kind=origin_kind, warc=fetched.archived, hints=hints)


@dataclass
class Watcher:
    fetcher: Fetcher
    state: WatchState
    sink: Sink
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    #: Called with each source's outcome as soon as it is known (progress display).
    on_source: Callable[[SourceOutcome], None] | None = None
    _executor: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=self.fetcher.config.max_connections,
                                            thread_name_prefix="rightswatch-fetch")

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    @property
    def _feed_cap(self) -> int:
        return min(FEED_MAX_BYTES, self.fetcher.config.max_bytes)

    # -- loops --------------------------------------------------------------------------------

    def run_once(self) -> list[SourceOutcome]:
        """Poll every due source once."""
        outcomes = []
        for source in self.state.due_sources(_iso(self.clock())):
            outcome = self.poll(source)
            outcomes.append(outcome)
            if self.on_source is not None:
                self.on_source(outcome)
        return outcomes

    def run_forever(self, stop: threading.Event, *, max_sleep: float = 60.0) -> None:
        """Poll due sources until ``stop`` is set, sleeping until the next one is due."""
        while not stop.is_set():
            self.run_once()
            stop.wait(self.seconds_until_due(max_sleep))

    def seconds_until_due(self, cap: float) -> float:
        dues = [s.next_due_at for s in self.state.list_sources()]
        if not dues:
            return cap
        nearest = datetime.fromisoformat(min(dues))
        wait = (nearest - self.clock()).total_seconds()
        return max(1.0, min(cap, wait))

    # -- one source ---------------------------------------------------------------------------

    def poll(self, source: Any) -> SourceOutcome:
        started = self.clock()
        checked_at = _iso(started)
        next_due = _iso(started + timedelta(seconds=source.every_seconds))
        outcome = SourceOutcome(source.name, "ok")
        try:
            fetched = self.fetcher.fetch(
                source.url, etag=source.etag, last_modified=source.last_modified, max_bytes=self._feed_cap
            )
            if fetched.not_modified:
                outcome.status = "not-modified"
                feed = None
            else:
                feed = self._parse(fetched)
        except (FetchError, FeedError) as exc:
            outcome.status, outcome.reason, outcome.message = "failed", exc.reason, str(exc)
            self.state.record_check(source.id, status="failed", checked_at=checked_at, next_due_at=next_due,
                                    reason=exc.reason, message=str(exc))
            return outcome

        entries = list(feed.entries) if feed is not None else []
        outcome.entries = len(entries)
        self._process(source, entries, outcome)
        if feed is None:
            self.state.record_check(source.id, status="not-modified", checked_at=checked_at, next_due_at=next_due)
        else:
            self.state.record_check(
                source.id, status="ok", checked_at=checked_at, next_due_at=next_due,
                etag=fetched.etag, last_modified=fetched.last_modified, feed_kind=feed.kind,
                message=f"{len(entries)} entries, {outcome.new} new",
            )
        return outcome

    def _parse(self, fetched: Fetched) -> ParsedFeed:
        feed = parse_feed(fetched.body, fetched.url, fetched.media_type)
        if feed.kind != "sitemap-index":
            return feed
        entries: list[FeedEntry] = []
        for child in feed.entries[:MAX_CHILD_SITEMAPS]:
            try:
                sub = self.fetcher.fetch(child.url, max_bytes=self._feed_cap)
                entries.extend(parse_feed(sub.body, sub.url, sub.media_type).entries)
            except (FetchError, FeedError):
                continue  # one broken child sitemap does not hide the others
        return ParsedFeed("sitemap", feed.title, tuple(entries))

    def _process(self, source: Any, entries: list[FeedEntry], outcome: SourceOutcome) -> None:
        unique: dict[str, FeedEntry] = {}
        for e in entries:
            unique.setdefault(e.key, e)
        states = self.state.item_states(source.id, unique)
        todo = [e for k, e in unique.items() if k not in states or states[k].status == "retry"]
        outcome.new = sum(1 for k in unique if k not in states)
        for item in self.state.retry_items(source.id):  # failed earlier, gone from the feed since
            if item.key not in unique:
                todo.append(FeedEntry(item.key, item.url))
                states[item.key] = item
        for i in range(0, len(todo), BATCH):
            self._batch(source, todo[i : i + BATCH], states, outcome)

    def _batch(self, source: Any, batch: list[FeedEntry], states: dict[str, Any], outcome: SourceOutcome) -> None:
        hints = [
            tuple(h for h in (("source", source.name), ("feed-url", source.url), ("feed-entry-id", e.key),
                              ("feed-title", e.title), ("feed-published", e.published)) if h[1])
            for e in batch
        ]
        items = fetch_documents(self.fetcher, [e.url for e in batch], self._executor, origin_kind="feed",
                                hints=hints)  # type: ignore[arg-type]
        final: list[Document | Failure] = []
        pending: dict[str, list[FeedEntry]] = {}
        for entry, item in zip(batch, items, strict=True):
            prior = states.get(entry.key)
            attempts = (prior.attempts if prior is not None else 0) + 1
            if isinstance(item, Failure) and item.reason in TRANSIENT_REASONS and attempts < MAX_ITEM_ATTEMPTS:
                # worth another try at the next poll: log it on the item, not as a final failure
                self.state.mark_item(source.id, entry.key, entry.url, status="retry", reason=item.reason)
                outcome.retry += 1
                continue
            final.append(item)
            pending.setdefault(item.origin, []).append(entry)
        if not final:
            return
        results = self.sink(final)
        for result in results:
            queue = pending.get(result.origin)
            if not queue:
                continue
            entry = queue.pop(0)
            status = result.status if result.status in ("stored", "duplicate") else "failed"
            prior = states.get(entry.key)
            if status == "failed" and prior is not None and prior.status == "retry":
                status = "gave-up"
            sha = next((d.sha256 for d in final if isinstance(d, Document) and d.origin == result.origin), None)
            self.state.mark_item(source.id, entry.key, entry.url, status=status,
                                 reason=getattr(result, "reason", None), document_sha256=sha)
            if status == "stored":
                outcome.stored += 1
            elif status == "duplicate":
                outcome.duplicates += 1
            else:
                outcome.failed += 1
