"""The :class:`Store`: the only way rightswatch reads or writes its database.

Writes are one transaction per document, serialised through one writer lock (SQLite allows one
writer per file; taking the lock in-process spares a busy wait). Reads use pooled connections of
the same engine and, with WAL, never wait for the writer. Every database error comes out as a
:class:`~rightswatch.errors.StoreError`; an unknown id as :class:`~rightswatch.errors.NotFound`.

Callers never see SQL or SQLAlchemy: they pass records (``Document``, ``Report``) and get
records or the typed rows of ``rows.py`` back.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from rightswatch.errors import NotFound, StoreError
from rightswatch.records import Document, Report, replace
from rightswatch.store.engine import WRITE, dump_json, migrate, open_engine
from rightswatch.store.mapping import (
    INCIDENT_LIST_COLUMNS,
    evidence_texts,
    export_row,
    incident_row,
    victim_count,
)
from rightswatch.store.review_repo import ReviewMixin
from rightswatch.store.rows import (
    ExportRow,
    IncidentDetail,
    IncidentRow,
    SaveResult,
    SearchHit,
    StatusCounts,
)
from rightswatch.store.schema import articles, documents, failures, incidents, quotes
from rightswatch.store.search import SearchIndex, search_index_for

__all__ = ["Store", "MAX_PAGE"]

#: Largest page ``list_incidents`` returns, whatever the caller asks for.
MAX_PAGE = 1000


#: First key of the advisory locks that serialise version numbering per URL (PostgreSQL).
_URL_LOCK_NAMESPACE = 0x5257  # "RW"
#: SQLSTATEs after which a whole save transaction is simply tried again.
_RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})  # serialization, deadlock, unique


class _Retry(Exception):
    """Internal: start the save transaction again."""


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, _Retry):
        return True
    cause = exc.__cause__
    orig = getattr(cause, "orig", None)
    return getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _upper(code: str | None) -> str | None:
    return code.upper() if code else code


class Store(ReviewMixin):
    """The incident database. Open with :meth:`Store.open`; use as a context manager to close.

    >>> with Store.open("sqlite:///:memory:") as store:   # doctest: +SKIP
    ...     store.save(document, report)
    """

    def __init__(self, engine: sa.Engine, search: SearchIndex) -> None:
        """Prefer :meth:`open`, which also migrates the schema."""
        self._engine = engine
        self._search = search
        self._write_lock = threading.Lock()
        self._closed = False

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def open(cls, db_url: str) -> Store:
        """Open (creating if needed) the database at ``db_url`` and bring its schema up to date.

        ``db_url`` is an SQLAlchemy URL (``sqlite:///path/to/file.db``); see
        :func:`rightswatch.settings.db_url_from` to turn a path into one. The parent directory of
        an SQLite file is created. Raises :class:`StoreError` for a directory, a file that is not
        an SQLite database, a corrupt database, or a database from a newer rightswatch.
        """
        engine = open_engine(db_url)
        try:
            search = search_index_for(engine.dialect.name)
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, search)

    def close(self) -> None:
        """Release every connection. Further calls raise :class:`StoreError`."""
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    engine = property(lambda self: self._engine, doc="The SQLAlchemy engine (for store.backup/portable).")
    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    # -- connections --------------------------------------------------------------------------

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        if self._closed:
            raise StoreError(f"{what}: the store is closed")
        try:
            yield
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"{what}: {exc.orig if exc.orig is not None else exc}") from exc
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{what}: {exc}") from exc

    @contextmanager
    def _reading(self, what: str) -> Iterator[sa.Connection]:
        with self._errors(what), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self, what: str) -> Iterator[sa.Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._errors(what), self._write_lock, self._engine.connect() as conn:
            conn.execution_options(**WRITE)
            with conn.begin():
                yield conn

    # -- writing ------------------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        """Whether a document with these bytes has been saved (failures do not count)."""
        with self._reading("has_document") as conn:
            found = conn.execute(
                sa.select(documents.c.id).where(documents.c.sha256 == sha256)
            ).first()
        return found is not None

    def save(self, document: Document, report: Report | None = None) -> SaveResult:
        """Store a document and, if given, its analysis, in one transaction.

        The raw bytes are kept unchanged. With a ``report`` the article gets the next version
        number for its URL (the same URL with different bytes is a new version, not a
        replacement), and its incidents, quotes and search index rows are written. If the
        report does not name its document, the document's SHA-256 and origin are filled in;
        a report naming a different document is refused.

        Saving bytes already stored (same SHA-256) changes nothing and returns
        ``SaveResult(status="duplicate")`` with the ids of the earlier save. A ``document.sha256``
        that is not the SHA-256 of ``document.raw`` is refused: it is the root of provenance.
        """
        if hashlib.sha256(document.raw).hexdigest() != document.sha256:
            raise StoreError(f"{document.origin}: sha256 does not match the document's bytes")
        if report is not None:
            report = self._bind_report(document, report)
        if self._engine.dialect.name == "postgresql":
            return self._save_concurrently(document, report)
        with self._writing(f"{document.origin}: save") as conn:
            existing = conn.execute(
                sa.select(documents.c.id).where(documents.c.sha256 == document.sha256)
            ).scalar()
            if existing is not None:
                return self._duplicate(conn, existing)
            document_id = self._insert_document(conn, document)
            if report is None:
                return SaveResult("stored", document_id)
            article_id, incident_ids = self._insert_report(conn, document_id, document, report)
        return SaveResult("stored", document_id, article_id, incident_ids)

    def _save_concurrently(self, document: Document, report: Report | None) -> SaveResult:
        """``save`` for servers with several writers (PostgreSQL: other processes, other hosts).

        The in-process lock serialises nothing across processes, so the database decides:

        * ``INSERT ... ON CONFLICT (sha256) DO NOTHING RETURNING id`` claims the bytes. A second
          writer with the same bytes waits for the first transaction; if it commits, the second
          gets no row and reports ``duplicate`` with the first one's ids (READ COMMITTED: the next
          statement sees the committed rows); if it rolls back, the second one stores them.
        * the version number of a URL is taken under a transaction-scoped advisory lock on that
          URL (see ``_next_version``), so two new versions of one URL never get the same number;
          ``UNIQUE (url, version)`` stays as the backstop.
        * deadlocks, serialisation failures and unique violations roll the whole transaction
          back and it is tried again (a few times), so no caller sees a half-saved document.
        """
        attempts = 5
        for attempt in range(1, attempts + 1):
            try:
                with self._writing(f"{document.origin}: save") as conn:
                    document_id = conn.execute(
                        pg_insert(documents)
                        .values(**self._document_values(document))
                        .on_conflict_do_nothing(index_elements=[documents.c.sha256])
                        .returning(documents.c.id)
                    ).scalar()
                    if document_id is None:
                        existing = conn.execute(
                            sa.select(documents.c.id).where(documents.c.sha256 == document.sha256)
                        ).scalar()
                        if existing is None:  # pragma: no cover - deleted between the statements
                            raise _Retry
                        return self._duplicate(conn, existing)
                    if report is None:
                        return SaveResult("stored", int(document_id))
                    article_id, incident_ids = self._insert_report(conn, int(document_id), document, report)
                return SaveResult("stored", int(document_id), article_id, incident_ids)
            except (StoreError, _Retry) as exc:
                if attempt == attempts or not _retryable(exc):
                    raise
                time.sleep(0.01 * attempt * random.random())
        raise AssertionError("unreachable")  # pragma: no cover

    def record_failure(
        self,
        origin: str,
        reason: str,
        message: str,
        sha256: str | None = None,
        raw: bytes | None = None,
    ) -> None:
        """Log a document that could not be processed, with a stable ``reason`` code.

        ``raw`` (the bytes as read, if any) is preserved with the failure so the document is not
        lost and can be re-run after a fix; its SHA-256 is computed when not given.
        """
        if raw is not None and sha256 is None:
            sha256 = hashlib.sha256(raw).hexdigest()
        with self._writing(f"{origin}: record_failure") as conn:
            conn.execute(
                failures.insert().values(
                    origin=origin, sha256=sha256, reason=reason, message=message, at=_now(), raw=raw
                )
            )

    @staticmethod
    def _bind_report(document: Document, report: Report) -> Report:
        named = report.article.document_sha256
        if named is not None and named != document.sha256:
            raise StoreError(
                f"{document.origin}: report is for document {named[:12]}…, "
                f"not {document.sha256[:12]}…"
            )
        if named is None:
            report = replace(report, article=replace(report.article, document_sha256=document.sha256))
        if report.document_origin is None:
            report = replace(report, document_origin=document.origin)
        return report

    @staticmethod
    def _duplicate(conn: sa.Connection, document_id: int) -> SaveResult:
        article_id = conn.execute(
            sa.select(articles.c.id).where(articles.c.document_id == document_id)
        ).scalar()
        incident_ids: tuple[int, ...] = ()
        if article_id is not None:
            incident_ids = tuple(
                conn.execute(
                    sa.select(incidents.c.id)
                    .where(incidents.c.article_id == article_id)
                    .order_by(incidents.c.seq)
                ).scalars()
            )
        return SaveResult("duplicate", document_id, article_id, incident_ids)

    @staticmethod
    def _document_values(document: Document) -> dict[str, Any]:
        return {
            "sha256": document.sha256,
            "media_type": document.media_type,
            "origin": document.origin,
            "origin_kind": document.origin_kind,
            "url": document.url,
            "received_at": document.received_at,
            "size": len(document.raw),
            "raw": document.raw,
            "headers": [list(h) for h in document.headers],
            "hints": [list(h) for h in document.hints],
        }

    @classmethod
    def _insert_document(cls, conn: sa.Connection, document: Document) -> int:
        result = conn.execute(documents.insert().values(**cls._document_values(document)))
        return int(result.inserted_primary_key[0])

    @staticmethod
    def _next_version(conn: sa.Connection, url: str) -> int:
        """The next version number for ``url``, held for this transaction on PostgreSQL.

        On SQLite the write transaction (``BEGIN IMMEDIATE``) already excludes other writers.
        On PostgreSQL an advisory lock keyed by the URL's hash is taken first and kept until
        commit, so a concurrent writer of the same URL reads ``max(version)`` only after this
        one's row is committed (a hash collision merely serialises two unrelated URLs).
        """
        if conn.dialect.name == "postgresql":
            conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(:ns, hashtext(:url))"),
                {"ns": _URL_LOCK_NAMESPACE, "url": url},
            )
        latest = conn.execute(
            sa.select(sa.func.max(articles.c.version)).where(articles.c.url == url)
        ).scalar()
        return int(latest or 0) + 1

    def _insert_report(
        self, conn: sa.Connection, document_id: int, document: Document, report: Report
    ) -> tuple[int, tuple[int, ...]]:
        a = report.article
        contract = report.to_dict()
        url = a.url or document.url
        version = 1
        if url is not None:
            version = self._next_version(conn, url)
        tags = list(a.tags)
        result = conn.execute(
            articles.insert().values(
                document_id=document_id,
                url=url,
                version=version,
                title=a.title,
                published=a.published,
                published_source=a.published_source,
                outlet=a.outlet,
                author=a.author,
                language=a.language,
                tags=tags,
                captions=list(a.captions),
                boilerplate=list(a.boilerplate),
                text=a.text,
                relevance=report.relevance,
                profile=report.profile,
                codebook=report.codebook,
                report=contract,
                extractor_version=report.extractor_version,
                analysed_at=_now(),
            )
        )
        article_id = int(result.inserted_primary_key[0])
        self._search.index_article(conn, article_id, a.title, a.text, dump_json(tags))

        incident_ids: list[int] = []
        for seq, (inc, inc_dict) in enumerate(zip(report.incidents, contract["incidents"])):
            p, pl, t = inc.perpetrator, inc.place, inc.time
            result = conn.execute(
                incidents.insert().values(
                    article_id=article_id,
                    seq=seq,
                    type=inc.type,
                    confidence=inc.confidence,
                    perpetrator_text=p.text if p else None,
                    perpetrator_type=p.type if p else None,
                    perpetrator_country=_upper(p.country) if p else None,
                    victims=inc_dict["victims"],
                    victim_count=victim_count(inc),
                    place_text=pl.text if pl else None,
                    country=_upper(pl.country) if pl else None,
                    region=pl.region if pl else None,
                    city=pl.city if pl else None,
                    lat=pl.lat if pl else None,
                    lon=pl.lon if pl else None,
                    time_text=t.text if t else None,
                    year=t.year if t else None,
                    month=t.month if t else None,
                    day=t.day if t else None,
                    granularity=t.granularity if t else None,
                    time_start=t.start if t else None,
                    time_end=t.end if t else None,
                    evidence=[
                        {"start": s.start, "end": s.end, "text": s.of(a.text)} for s in inc.evidence
                    ],
                    extractor_version=inc.extractor_version,
                )
            )
            incident_ids.append(int(result.inserted_primary_key[0]))

        for seq, q in enumerate(report.quotes):
            result = conn.execute(
                quotes.insert().values(
                    article_id=article_id,
                    seq=seq,
                    text=q.text,
                    speaker=q.speaker,
                    anonymous=q.anonymous,
                    start=q.start,
                    end=q.end,
                )
            )
            self._search.index_quote(conn, int(result.inserted_primary_key[0]), q.text, q.speaker)
        return article_id, tuple(incident_ids)

    # -- reading ------------------------------------------------------------------------------

    def get_document(self, sha256: str) -> Document:
        """The preserved document with these bytes (for re-analysis). Raises :class:`NotFound`."""
        with self._reading("get_document") as conn:
            m = conn.execute(
                sa.select(documents).where(documents.c.sha256 == sha256)
            ).mappings().first()
        if m is None:
            raise NotFound(f"no document with sha256 {sha256}")
        return Document(
            raw=bytes(m["raw"]),
            sha256=m["sha256"],
            media_type=m["media_type"],
            origin=m["origin"],
            origin_kind=m["origin_kind"],
            received_at=m["received_at"],
            url=m["url"],
            headers=tuple((str(k), str(v)) for k, v in m["headers"]),
            hints=tuple((str(k), str(v)) for k, v in m["hints"]),
        )

    def list_incidents(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        type: str | None = None,  # noqa: A002 - the codebook's word
        country: str | None = None,
        q: str | None = None,
    ) -> list[IncidentRow]:
        """A page of incidents, newest first (by incident time, else publication date, then id).

        Filters: ``type`` (codebook label, exact), ``country`` (ISO alpha-2 of the place, any
        case), ``q`` (free text matched against the article's title, text, tags and quotes; a
        blank ``q`` is no filter, a ``q`` of punctuation only matches nothing).
        ``limit`` is clamped to ``0..MAX_PAGE`` and ``offset`` to ``>= 0``.
        """
        limit = max(0, min(int(limit), MAX_PAGE))
        offset = max(0, int(offset))
        when = sa.func.coalesce(incidents.c.time_start, articles.c.published)
        stmt = (
            sa.select(*INCIDENT_LIST_COLUMNS)
            .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id))
            .order_by(when.desc().nulls_last(), incidents.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        if type:
            stmt = stmt.where(incidents.c.type == type)
        if country:
            stmt = stmt.where(incidents.c.country == country.upper())
        if q is not None and q.strip():
            matching = self._search.matching_article_ids(q)
            if matching is None:  # nothing searchable in the query: nothing matches
                return []
            stmt = stmt.where(incidents.c.article_id.in_(matching))
        with self._reading("list_incidents") as conn:
            return [incident_row(m) for m in conn.execute(stmt)]

    def get_incident(self, incident_id: int) -> IncidentDetail:
        """One incident with its full record, evidence texts and provenance. Raises :class:`NotFound`."""
        stmt = (
            sa.select(
                *INCIDENT_LIST_COLUMNS,
                incidents.c.seq,
                incidents.c.evidence,
                articles.c.version,
                articles.c.report,
                documents.c.sha256,
                documents.c.origin,
            )
            .select_from(
                incidents.join(articles, incidents.c.article_id == articles.c.id).join(
                    documents, articles.c.document_id == documents.c.id
                )
            )
            .where(incidents.c.id == incident_id)
        )
        with self._reading("get_incident") as conn:
            m = conn.execute(stmt).first()
        if m is None:
            raise NotFound(f"no incident with id {incident_id}")
        report = Report.from_dict(m.report)
        return IncidentDetail(
            row=incident_row(m),
            incident=report.incidents[m.seq],
            article=report.article,
            evidence=evidence_texts(m.evidence),
            document_sha256=m.sha256,
            document_origin=m.origin,
            article_version=m.version,
        )

    def get_report(self, article_id: int) -> Report:
        """The report saved for an article, exactly as saved. Raises :class:`NotFound`."""
        with self._reading("get_report") as conn:
            data = conn.execute(
                sa.select(articles.c.report).where(articles.c.id == article_id)
            ).scalar()
        if data is None:
            raise NotFound(f"no article with id {article_id}")
        return Report.from_dict(data)

    def iter_reports(self) -> Generator[tuple[int, Report], None, None]:
        """Every saved report with its article id, in id order (streamed)."""
        with self._reading("iter_reports") as conn:
            for article_id, data in conn.execute(
                sa.select(articles.c.id, articles.c.report).order_by(articles.c.id)
            ):
                yield article_id, Report.from_dict(data)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles matching ``query`` (words, all required; ``word*`` for a prefix), best first.

        Never raises on odd input: FTS syntax in the query is treated as text.
        """
        limit = max(0, min(int(limit), MAX_PAGE))
        with self._reading("search") as conn:
            raw = self._search.search(conn, query, limit)
            if not raw:
                return []
            meta = {
                m.id: m
                for m in conn.execute(
                    sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published)
                    .where(articles.c.id.in_([h.article_id for h in raw]))
                )
            }
        return [
            SearchHit(
                article_id=h.article_id,
                title=meta[h.article_id].title,
                outlet=meta[h.article_id].outlet,
                published=meta[h.article_id].published,
                snippet=h.snippet,
                score=h.score,
                source=h.source,
            )
            for h in raw
            if h.article_id in meta
        ]

    def status(self) -> StatusCounts:
        """How much is stored, failures by reason code and incidents by type."""

        def count(conn: sa.Connection, table: sa.Table) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)

        def grouped(conn: sa.Connection, column: sa.Column[Any]) -> dict[str, int]:
            rows = conn.execute(
                sa.select(column, sa.func.count()).group_by(column).order_by(column)
            )
            return {str(k): int(n) for k, n in rows}

        with self._reading("status") as conn:
            return StatusCounts(
                documents=count(conn, documents),
                articles=count(conn, articles),
                incidents=count(conn, incidents),
                quotes=count(conn, quotes),
                failures=count(conn, failures),
                failures_by_reason=grouped(conn, failures.c.reason),
                incidents_by_type=grouped(conn, incidents.c.type),
            )

    def iter_export_rows(self) -> Generator[ExportRow, None, None]:
        """One flat row per incident with its article's provenance, in incident id order (streamed)."""
        stmt = (
            sa.select(
                incidents,
                articles.c.title.label("article_title"),
                articles.c.url.label("article_url"),
                articles.c.version.label("article_version"),
                articles.c.outlet,
                articles.c.published,
                documents.c.sha256.label("document_sha256"),
                documents.c.origin.label("document_origin"),
            )
            .select_from(
                incidents.join(articles, incidents.c.article_id == articles.c.id).join(
                    documents, articles.c.document_id == documents.c.id
                )
            )
            .order_by(incidents.c.id)
        )
        cached: tuple[int, list[dict[str, Any]]] | None = None
        with self._reading("iter_export_rows") as conn:
            for m in conn.execute(stmt):
                # Incidents of one article are adjacent: parse each article's report once.
                if cached is None or cached[0] != m.article_id:
                    report = conn.execute(
                        sa.select(articles.c.report).where(articles.c.id == m.article_id)
                    ).scalar()
                    cached = (m.article_id, list((report or {}).get("incidents") or ()))
                yield export_row(m, cached[1])
