"""Collection commands: ``sources add|list|remove``, ``watch``, ``fetch``, ``verify``, ``link``.

This module is where collection is wired together (the stages themselves never import each
other): the fetcher archives every exchange to WARC and the store records where; fetched pages go
through the same :class:`~rightswatch.pipeline.Pipeline` as ``ingest``; stored articles are
linked to their near-duplicates and cited sources. :class:`CollectionSession` is that wiring,
reusable by the benchmark and tests.
"""

# no "from __future__ import annotations": Typer reads these annotations at run time, and the
# option types come from a local import inside register()

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from rightswatch.settings import Settings, default_db_path

__all__ = ["register", "CollectionSession", "Linking", "warc_dir_for"]

WarcDirOption = Annotated[
    Optional[Path],
    typer.Option("--warc-dir", envvar="RIGHTSWATCH_WARC_DIR",
                 help="Where fetched responses are archived (default: 'warc' beside the database)."),
]
PrivateOption = Annotated[
    bool,
    typer.Option("--allow-private-addresses",
                 help="Allow fetching loopback/private/link-local addresses (also RIGHTSWATCH_ALLOW_PRIVATE=1)."),
]


def warc_dir_for(settings: Settings, given: Path | None = None) -> Path:
    """``--warc-dir``, else a ``warc`` folder beside an SQLite database, else in the data dir."""
    if given is not None:
        return given
    from rightswatch.store.engine import sqlite_path

    db = sqlite_path(settings.db_url)
    return (db.parent if db is not None else default_db_path().parent) / "warc"


class _RecordingArchive:
    """Write each exchange to WARC and remember in the store where it went."""

    def __init__(self, writer: Any, repo: Any) -> None:
        self.writer = writer
        self.repo = repo

    def write_exchange(self, exchange: Any) -> Any:
        from rightswatch.store.collection_repo import WarcRow

        ref = self.writer.write_exchange(exchange)
        self.repo.record_warc(
            WarcRow(ref.record_id, ref.file, ref.offset, ref.length, ref.target_uri, ref.status,
                    ref.payload_digest, ref.fetched_at, None)
        )
        return ref


class Linking:
    """Near-duplicate and derivative links for stored articles, over the database's LSH buckets."""

    def __init__(self, repo: Any) -> None:
        self.repo = repo
        self._linker: Any = None

    @property
    def linker(self) -> Any:
        if self._linker is None:
            from rightswatch.link import Linker

            index = self.repo.buckets()
            linker = Linker(index=index)
            # articles signed before the bucket table existed get their rows once
            for article_id, hashvalues in index.iter_unbucketed(linker.num_perm, linker.seed):
                index.save(article_id, linker.buckets(linker.values(article_id, hashvalues)))
            for article_id, outlet in index.iter_outlets():
                linker.note_outlet(article_id, outlet)
            self._linker = linker
        return self._linker

    def link_articles(self, article_ids: Sequence[int]) -> tuple[int, int]:
        """Sign and link these articles; returns (near-duplicate links, derivative links)."""
        from rightswatch.link import LinkedArticle
        from rightswatch.store.collection_repo import LinkRow

        dups = derivs = 0
        for article_id in article_ids:
            brief = self.repo.article_brief(article_id)
            result = self.linker.match(LinkedArticle(brief.id, brief.text, brief.outlet, brief.published))
            own: list[LinkRow] = []
            others: list[LinkRow] = []
            for d in result.duplicates:
                row = LinkRow(d.copy_id, "near-duplicate", d.original_id, round(d.score, 4))
                (own if d.copy_id == article_id else others).append(row)
            for c in result.derivatives:
                a = c.attribution
                own.append(LinkRow(article_id, "derivative", c.target_id,
                                   round(c.score, 4) if c.score is not None else None,
                                   a.outlet, a.phrase, a.start, a.end))
            self.repo.save_links(article_id, result.num_perm, result.seed, result.hashvalues, own, result.buckets)
            self.linker.note_outlet(article_id, brief.outlet)
            if others:
                self.repo.add_links(others)
            dups += len(result.duplicates)
            derivs += len(result.derivatives)
            self._resolve_pending(article_id, brief.outlet, brief.published)
        return dups, derivs

    def _resolve_pending(self, article_id: int, outlet: str | None, published: str | None) -> None:
        """Earlier articles citing this one's outlet, still without a target, may point here now."""
        from rightswatch.link.attribution import canonical
        from rightswatch.link.neardup import DERIVATIVE_MIN_SIMILARITY

        name = canonical(outlet) or outlet
        if not name:
            return
        for link in self.repo.unresolved_derivatives(name):
            if link.article_id == article_id:
                continue
            citing = self.repo.article_brief(link.article_id)
            if published and citing.published and published > citing.published:
                continue
            score = self.linker.similarity(link.article_id, article_id)
            if score >= DERIVATIVE_MIN_SIMILARITY:
                self.repo.resolve_derivative(link.article_id, name, article_id, round(score, 4))


class CollectionSession:
    """Store + WARC writer + fetcher + pipeline + linker, opened together, closed together."""

    def __init__(self, settings: Settings, store: Any, warc_dir: Path, *, analyzer: Any = None,
                 fetch_overrides: dict[str, Any] | None = None, link: bool = True) -> None:
        from rightswatch.collect.http import Fetcher
        from rightswatch.collect.warc import WarcWriter
        from rightswatch.pipeline import Pipeline
        from rightswatch.store.collection_repo import CollectionRepository

        self.settings = settings
        self.store = store
        self.repo = CollectionRepository(store)
        self.writer = WarcWriter(warc_dir, operator=settings.user_agent)
        self.fetcher = Fetcher.from_settings(settings, _RecordingArchive(self.writer, self.repo),
                                             **(fetch_overrides or {}))
        self.pipeline = Pipeline(settings, store, analyzer)
        self.linking = Linking(self.repo) if link else None
        self._lock = threading.Lock()  # the pipeline (spaCy) runs one batch at a time
        if self.linking is not None:
            # a run killed between storing a batch and linking it left articles unlinked; the
            # refetch only answers "duplicate" for them, so catch them up once, at start
            leftovers = [a.id for a in self.repo.iter_unsigned_articles()]
            if leftovers:
                self.linking.link_articles(leftovers)

    def close(self) -> None:
        self.fetcher.close()
        self.writer.close()

    # -- the sink: store, tie to WARC, link ----------------------------------------------------

    def sink(self, items: Sequence[Any]) -> list[Any]:
        from rightswatch.records import Document

        with self._lock:
            summary = self.pipeline.ingest_documents(items)
            for item in items:
                if isinstance(item, Document):
                    record_id = item.hint("warc-record-id")
                    if record_id:
                        self.repo.set_warc_document(record_id, item.sha256)
            if self.linking is not None:
                self.linking.link_articles([o.article_id for o in summary.outcomes if o.status == "stored" and o.article_id])
        return summary.outcomes

@contextmanager
def _session(settings: Settings, warc_dir: Path | None, **kwargs: Any) -> Iterator[CollectionSession]:
    from rightswatch.cli.app import _store

    with _store(settings) as store:
        session = CollectionSession(settings, store, warc_dir_for(settings, warc_dir), **kwargs)
        try:
            yield session
        finally:
            session.close()


def _settings(db: str | None, allow_private: bool = False, profile: str | None = None) -> Settings:
    return Settings.from_env(db, allow_private_addresses=True if allow_private else None, profile=profile)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from rightswatch.cli.app import DbOption, Exit, ProfileOption, err, out

    sources_app = typer.Typer(help="Feeds and sites to follow.", no_args_is_help=True)
    app.add_typer(sources_app, name="sources")

    @sources_app.command("add")
    def sources_add(
        url: str,
        name: Annotated[Optional[str], typer.Option("--name", help="A short name (default: the host).")] = None,
        every: Annotated[str, typer.Option("--every", help="Polling interval: 90s, 30m, 2h, 1d.")] = "30m",
        db: DbOption = None,
    ) -> None:
        """Follow a feed: RSS, Atom, JSON Feed or (news) sitemap."""
        from urllib.parse import urlsplit

        from rightswatch.collect.sources import default_name, format_every, parse_every
        from rightswatch.store.collection_repo import CollectionRepository

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Exit(f"not an http(s) URL: {url!r}")
        seconds = parse_every(every)
        settings = Settings.from_env(db)
        from rightswatch.cli.app import _store

        with _store(settings) as store:
            row = CollectionRepository(store).add_source(name or default_name(url), url, seconds)
        out.print(f"added {row.name}: {row.url} every {format_every(row.every_seconds)}", markup=False)

    @sources_app.command("list")
    def sources_list(
        db: DbOption = None, json_: Annotated[bool, typer.Option("--json")] = False
    ) -> None:
        """Sources with their schedule and last outcome (failures with their reason)."""
        import json
        import sys
        from dataclasses import asdict

        from rich.table import Table

        from rightswatch.cli.app import _store
        from rightswatch.collect.sources import format_every
        from rightswatch.store.collection_repo import CollectionRepository

        settings = Settings.from_env(db)
        with _store(settings) as store:
            rows = CollectionRepository(store).list_sources()
        if json_:
            sys.stdout.write(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
            return
        if not rows:
            out.print("no sources (add one with: rightswatch sources add URL)")
            return
        table = Table("name", "url", "every", "next due", "last check", "status", "items ok/failed")
        for r in rows:
            status = r.last_status or "never checked"
            if r.last_status == "failed":
                status = f"[red]failed: {r.last_reason}[/red] ({r.failures_in_row}x)\n{_escape(r.last_message or '')}"
            table.add_row(_escape(r.name), _escape(r.url), format_every(r.every_seconds), r.next_due_at,
                          r.last_checked_at or "-", status, f"{r.items_stored}/{r.items_failed}")
        out.print(table)

    @sources_app.command("remove")
    def sources_remove(name: str, db: DbOption = None) -> None:
        """Stop following a source (documents it brought are kept)."""
        from rightswatch.cli.app import _store
        from rightswatch.store.collection_repo import CollectionRepository

        with _store(Settings.from_env(db)) as store:
            CollectionRepository(store).remove_source(name)
        out.print(f"removed {name}", markup=False)

    @app.command()
    def watch(
        db: DbOption = None,
        once: Annotated[bool, typer.Option("--once", help="Poll due sources once, then exit.")] = False,
        warc_dir: WarcDirOption = None,
        allow_private_addresses: PrivateOption = False,
        profile: ProfileOption = "north_korea",
    ) -> None:
        """Poll due sources, fetch new articles, analyse and store them; runs until stopped."""
        from rightswatch.collect.watch import SourceOutcome, Watcher

        settings = _settings(db, allow_private_addresses, profile)

        def show(o: SourceOutcome) -> None:
            if o.status == "failed":
                err.print(f"{o.name}: failed ({o.reason}) {o.message}", markup=False, highlight=False)
            else:
                out.print(
                    f"{o.name}: {o.status}, {o.entries} entries, {o.new} new, stored {o.stored}, "
                    f"duplicates {o.duplicates}, failed {o.failed}, to retry {o.retry}",
                    markup=False, highlight=False,
                )

        with _session(settings, warc_dir) as session:
            watcher = Watcher(session.fetcher, session.repo, session.sink, on_source=show)
            try:
                if once:
                    outcomes = watcher.run_once()
                    if not outcomes:
                        out.print("no source is due")
                    return
                stop = threading.Event()
                previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
                try:
                    watcher.run_forever(stop)
                except KeyboardInterrupt:
                    stop.set()
                finally:
                    signal.signal(signal.SIGTERM, previous)
            finally:
                watcher.close()

    @app.command()
    def fetch(
        urls: Annotated[list[str], typer.Argument(help="Article URLs to fetch, archive, analyse and store.")],
        db: DbOption = None,
        warc_dir: WarcDirOption = None,
        allow_private_addresses: PrivateOption = False,
        profile: ProfileOption = "north_korea",
    ) -> None:
        """Fetch one-off pages (archived to WARC), analyse and store them."""
        from concurrent.futures import ThreadPoolExecutor

        from rightswatch.collect.watch import fetch_documents

        settings = _settings(db, allow_private_addresses, profile)
        with _session(settings, warc_dir) as session:
            with ThreadPoolExecutor(max_workers=session.fetcher.config.max_connections) as pool:
                items = fetch_documents(session.fetcher, urls, pool)
            outcomes = session.sink(items)
        failed = 0
        for o in outcomes:
            if o.status == "failed":
                failed += 1
                err.print(f"{o.origin}: failed ({o.reason}) {o.message}", markup=False, highlight=False)
            else:
                out.print(f"{o.origin}: {o.status}, {o.incidents} incidents", markup=False, highlight=False)
        if failed:
            raise typer.Exit(1)

    @app.command()
    def verify(
        db: DbOption = None,
        json_: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Re-hash every preserved document and WARC record; report any mismatch (exit 1 if any)."""
        import json
        import sys

        from rightswatch.cli.app import _store
        from rightswatch.collect.warc import verify_record
        from rightswatch.store.collection_repo import CollectionRepository

        settings = Settings.from_env(db)
        problems: list[dict[str, str]] = []
        docs = records = 0
        with _store(settings) as store:
            repo = CollectionRepository(store)
            linked: set[str] = set()
            ingested_files: set[str] = set()
            for row in repo.iter_warc_records():
                records += 1
                check = verify_record(row.warc_file, row.offset, record_id=row.record_id,
                                      document_sha256=row.document_sha256, cap=settings.max_bytes)
                if row.document_sha256:
                    linked.add(row.record_id)
                if not check.ok:
                    problems.append({"what": "warc-record", "id": row.record_id, "reason": check.reason or "",
                                     "message": check.message})
            for doc in repo.iter_document_hashes():
                docs += 1
                if doc.actual_sha256 != doc.sha256:
                    problems.append({"what": "document", "id": doc.sha256, "reason": "document-hash-mismatch",
                                     "message": f"{doc.origin}: stored bytes hash to {doc.actual_sha256}"})
                hints = dict(doc.hints)
                record_id = hints.get("warc-record-id")
                if "warc-file" in hints and "warc-offset" in hints and record_id not in linked:
                    records += 1  # a record read from an ingested WARC file
                    ingested_files.add(hints["warc-file"])
                    check = verify_record(hints["warc-file"], int(hints["warc-offset"]), record_id=record_id,
                                          document_sha256=doc.sha256, cap=settings.max_bytes)
                    if not check.ok:
                        problems.append({"what": "warc-record", "id": record_id or hints["warc-file"],
                                         "reason": check.reason or "", "message": check.message})
            files = sorted({row.warc_file for row in repo.iter_warc_records()} | ingested_files)
        from rightswatch.collect.warc import verify_file

        for path in files:  # every record of every archive, requests and warcinfo included
            result = verify_file(path)
            for reason, message in result.problems:
                problems.append({"what": "warc-file", "id": path, "reason": reason, "message": message})
        if json_:
            sys.stdout.write(json.dumps({"documents": docs, "warc_records": records, "warc_files": len(files),
                                         "problems": problems},
                                        indent=2) + "\n")
        else:
            out.print(f"checked {docs} documents, {records} archived responses and {len(files)} WARC files: "
                      f"{len(problems)} problems",
                      markup=False)
            for p in problems:
                err.print(f"  {p['reason']}: {p['message']}", markup=False, highlight=False)
        if problems:
            raise typer.Exit(1)

    @app.command()
    def link(db: DbOption = None) -> None:
        """Link stored articles not yet linked: near-duplicates and derivative reporting."""
        from rightswatch.cli.app import _store

        settings = Settings.from_env(db)
        with _store(settings) as store:
            from rightswatch.store.collection_repo import CollectionRepository

            linking = Linking(CollectionRepository(store))
            ids = [a.id for a in linking.repo.iter_unsigned_articles()]
            dups, derivs = linking.link_articles(ids)
        out.print(f"linked {len(ids)} articles: {dups} near-duplicate links, {derivs} derivative links",
                  markup=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
