"""The review side of the :class:`~rightswatch.store.Store`: accounts, filtered views, analyst edits.

Mixed into ``Store`` (``class Store(ReviewMixin)``); every method runs through the store's own
``_reading``/``_writing`` so errors come out as ``StoreError`` and writes are serialised.

Analyst edits never touch machine rows: an edit is a row in ``incident_edits`` (one per field),
and readers overlay it on the machine answer (:meth:`ReviewMixin.query_incidents` filters and
sorts on the *effective* value, the analyst's when there is one). Every change is appended to
``audit_log`` in the same transaction as the change itself.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from rightswatch.errors import NotFound, StoreError
from rightswatch.store.facets import FacetTable, data_version, filter_key
from rightswatch.store.mapping import INCIDENT_LIST_COLUMNS, export_row, incident_row, victims_summary
from rightswatch.store.rows import ExportRow, IncidentRow
from rightswatch.store.schema import articles, documents, failures, incidents, quotes
from rightswatch.store.schema_review import (
    ROLES,
    api_tokens,
    app_settings,
    audit_log,
    case_members,
    cases,
    incident_edits,
    saved_searches,
    sessions,
    users,
)
from rightswatch.store.search import MARK_CLOSE, MARK_OPEN, fts_query

__all__ = [
    "ReviewMixin",
    "IncidentFilter",
    "ListedIncident",
    "IncidentPage",
    "UserRow",
    "EditRow",
    "AuditRow",
    "ArticleRow",
    "FailureRow",
    "SavedSearchRow",
    "MapSummary",
    "EDITABLE_FIELDS",
    "REVIEW_STATUSES",
    "SORTS",
]

#: Incident fields an editor may correct (IncidentRow attribute names).
EDITABLE_FIELDS = (
    "type",
    "perpetrator_text",
    "perpetrator_type",
    "victims",
    "victim_count",
    "place_text",
    "country",
    "region",
    "city",
    "time_start",
    "time_end",
)
#: Review status, derived from edits: unreviewed (no edit), corrected (a field edit), or an
#: explicit confirmed/rejected decision.
REVIEW_STATUSES = ("unreviewed", "confirmed", "rejected", "corrected")
SORTS = ("date", "-date", "confidence", "-confidence", "type", "country", "id", "-id")
_INT_FIELDS = {"victim_count"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- typed rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What the search page, the API and exports filter on; every field optional."""

    q: str | None = None
    type: str | None = None
    country: str | None = None
    region: str | None = None
    perpetrator_type: str | None = None
    outlet: str | None = None
    source: str | None = None  # "anonymous" | "named": the article quotes such a source
    date_from: str | None = None  # ISO date, inclusive (incident time, else publication)
    date_to: str | None = None
    status: str | None = None  # one of REVIEW_STATUSES
    case_id: int | None = None
    min_id: int | None = None  # incidents with a larger id only (feeds)

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class ListedIncident:
    """An incident with analyst edits applied (``row``), what was edited, its status and case."""

    row: IncidentRow
    status: str
    edited: frozenset[str] = frozenset()
    case_id: int | None = None


@dataclass(frozen=True, slots=True)
class IncidentPage:
    items: list[ListedIncident]
    total: int


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    name: str
    role: str
    password_hash: str | None
    created_at: str
    disabled: bool

    def can(self, role: str) -> bool:
        """Whether this user has at least ``role``."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True, slots=True)
class EditRow:
    field: str
    value: str | None
    machine_value: str | None
    edited_by: str
    edited_at: str


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    target: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    analysed_at: str
    incidents: int


@dataclass(frozen=True, slots=True)
class FailureRow:
    id: int
    origin: str
    reason: str
    message: str
    at: str


@dataclass(frozen=True, slots=True)
class SavedSearchRow:
    id: int
    user_id: int
    name: str
    params: dict[str, str]
    created_at: str


@dataclass(frozen=True, slots=True)
class MapSummary:
    countries: dict[str, int] = field(default_factory=dict)  # ISO alpha-2 -> incidents
    regions: dict[str, int] = field(default_factory=dict)  # "KP|North Hamgyong" -> incidents
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, incidents


# -- the mixin ----------------------------------------------------------------------------------


def _user(m: Any) -> UserRow:
    return UserRow(m.id, m.name, m.role, m.password_hash, m.created_at, bool(m.disabled))


def _as_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


class _Query:
    """Builds the FROM clause and effective-value expressions for one incident query."""

    def __init__(self, edited: frozenset[str] | None = None) -> None:
        self.source: Any = incidents
        self._aliases: dict[str, Any] = {}
        self._articles = False
        #: Fields with at least one analyst edit; others read the machine column (no join).
        self._edited = edited

    def effective(self, name: str) -> Any:
        if self._edited is not None and name not in self._edited and name in incidents.c:
            return incidents.c[name]
        if name not in self._aliases:
            e = incident_edits.alias(f"e_{name}")
            self.source = self.source.outerjoin(
                e, sa.and_(e.c.incident_id == incidents.c.id, e.c.field == name)
            )
            self._aliases[name] = e
        e = self._aliases[name]
        machine = incidents.c[name] if name in incidents.c else None
        if name == "status":
            return e.c.value
        # An edit row wins even when its value is NULL (the analyst cleared the field).
        return sa.case((e.c.id.is_not(None), e.c.value), else_=machine)

    def art(self) -> Any:
        """The articles table, joined on first use (a covering index serves published/outlet)."""
        if not self._articles:
            self.source = self.source.join(articles, incidents.c.article_id == articles.c.id)
            self._articles = True
        return articles

    def when(self) -> Any:
        return sa.func.coalesce(self.effective("time_start"), self.art().c.published)


class ReviewMixin:
    """Review and web-facing methods of ``Store`` (see the module docstring)."""

    # Provided by Store.
    _reading: Any
    _writing: Any
    _search: Any
    _engine: Any

    # -- accounts -------------------------------------------------------------------------------

    def add_user(self, name: str, password_hash: str | None, role: str, *, actor: str = "cli") -> UserRow:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
        name = name.strip()
        if not name or len(name) > 64:
            raise StoreError("a user name is 1 to 64 characters")
        with self._writing("add_user") as conn:
            if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
                raise StoreError(f"user {name!r} already exists")
            uid = conn.execute(
                users.insert().values(
                    name=name, password_hash=password_hash, role=role, created_at=_now(), disabled=False
                )
            ).inserted_primary_key[0]
            self._audit(conn, actor, "user.add", f"user:{name}", None, {"role": role})
            m = conn.execute(sa.select(users).where(users.c.id == uid)).first()
        return _user(m)

    def set_user(
        self, name: str, *, actor: str, role: str | None = None, password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> UserRow:
        values: dict[str, Any] = {}
        if role is not None:
            if role not in ROLES:
                raise StoreError(f"unknown role {role!r}")
            values["role"] = role
        if password_hash is not None:
            values["password_hash"] = password_hash
        if disabled is not None:
            values["disabled"] = disabled
        with self._writing("set_user") as conn:
            before = conn.execute(sa.select(users).where(users.c.name == name)).first()
            if before is None:
                raise NotFound(f"no user {name!r}")
            if values:
                conn.execute(users.update().where(users.c.id == before.id).values(**values))
                if disabled:
                    conn.execute(sessions.delete().where(sessions.c.user_id == before.id))
            after = conn.execute(sa.select(users).where(users.c.id == before.id)).first()
            shown = lambda m: {"role": m.role, "disabled": bool(m.disabled)}  # noqa: E731
            self._audit(conn, actor, "user.change", f"user:{name}", shown(before),
                        dict(shown(after), password_changed=password_hash is not None))
        return _user(after)

    def get_user(self, name: str | None = None, *, user_id: int | None = None) -> UserRow | None:
        cond = users.c.name == name if user_id is None else users.c.id == user_id
        with self._reading("get_user") as conn:
            m = conn.execute(sa.select(users).where(cond)).first()
        return _user(m) if m else None

    def list_users(self) -> list[UserRow]:
        with self._reading("list_users") as conn:
            return [_user(m) for m in conn.execute(sa.select(users).order_by(users.c.name))]

    def add_api_token(self, user_id: int, token_hash: str, label: str | None = None, *, actor: str = "cli") -> int:
        with self._writing("add_api_token") as conn:
            tid = conn.execute(
                api_tokens.insert().values(
                    user_id=user_id, token_hash=token_hash, label=label, created_at=_now(), revoked=False
                )
            ).inserted_primary_key[0]
            self._audit(conn, actor, "token.create", f"user_id:{user_id}", None, {"token_id": tid, "label": label})
        return int(tid)

    def user_for_token(self, token_hash: str) -> UserRow | None:
        stmt = (
            sa.select(users)
            .select_from(users.join(api_tokens, api_tokens.c.user_id == users.c.id))
            .where(api_tokens.c.token_hash == token_hash, api_tokens.c.revoked.is_(False))
        )
        with self._reading("user_for_token") as conn:
            m = conn.execute(stmt).first()
        return _user(m) if m and not m.disabled else None

    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: str) -> None:
        with self._writing("add_session") as conn:
            conn.execute(sessions.delete().where(sessions.c.expires_at < _now()))
            conn.execute(
                sessions.insert().values(
                    token_hash=token_hash, user_id=user_id, csrf=csrf, created_at=_now(), expires_at=expires_at
                )
            )

    def get_session(self, token_hash: str) -> tuple[UserRow, str] | None:
        """The user and CSRF token of a live session, else ``None``."""
        stmt = (
            sa.select(users, sessions.c.csrf, sessions.c.expires_at)
            .select_from(sessions.join(users, sessions.c.user_id == users.c.id))
            .where(sessions.c.token_hash == token_hash)
        )
        with self._reading("get_session") as conn:
            m = conn.execute(stmt).first()
        if m is None or m.expires_at < _now() or m.disabled:
            return None
        return _user(m), m.csrf

    def delete_session(self, token_hash: str) -> None:
        with self._writing("delete_session") as conn:
            conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))

    # -- settings and audit ---------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._reading("get_setting") as conn:
            row = conn.execute(sa.select(app_settings.c.value).where(app_settings.c.key == key)).first()
        return default if row is None else row.value

    def set_setting(self, key: str, value: Any, *, actor: str) -> None:
        with self._writing("set_setting") as conn:
            before = conn.execute(sa.select(app_settings.c.value).where(app_settings.c.key == key)).first()
            if before is None:
                conn.execute(app_settings.insert().values(key=key, value=value))
            else:
                conn.execute(app_settings.update().where(app_settings.c.key == key).values(value=value))
            self._audit(conn, actor, "setting", f"setting:{key}", None if before is None else before.value, value)

    @staticmethod
    def _audit(conn: sa.Connection, actor: str, action: str, target: str, before: Any, after: Any) -> None:
        conn.execute(
            audit_log.insert().values(at=_now(), actor=actor, action=action, target=target, before=before, after=after)
        )

    def list_audit(self, *, limit: int = 100, offset: int = 0, target: str | None = None) -> tuple[list[AuditRow], int]:
        stmt = sa.select(audit_log)
        count = sa.select(sa.func.count()).select_from(audit_log)
        if target:
            stmt = stmt.where(audit_log.c.target == target)
            count = count.where(audit_log.c.target == target)
        stmt = stmt.order_by(audit_log.c.id.desc()).limit(max(0, min(limit, 1000))).offset(max(0, offset))
        with self._reading("list_audit") as conn:
            rows = [AuditRow(m.id, m.at, m.actor, m.action, m.target, m.before, m.after) for m in conn.execute(stmt)]
            total = int(conn.execute(count).scalar() or 0)
        return rows, total

    # -- filtered incident views --------------------------------------------------------------

    def _edited_fields(self, conn: sa.Connection) -> frozenset[str]:
        """Fields with any analyst edit (a loose index scan): queries join edits only for these."""
        return frozenset(conn.execute(sa.select(incident_edits.c.field).distinct()).scalars())

    def _apply_filter(self, qb: _Query, stmt: Any, flt: IncidentFilter) -> Any:
        conds: list[Any] = []
        for name in ("type", "region", "perpetrator_type"):
            value = getattr(flt, name)
            if value:
                conds.append(qb.effective(name) == value)
        if flt.country:
            conds.append(qb.effective("country") == flt.country.upper())
        if flt.outlet:
            conds.append(qb.art().c.outlet == flt.outlet)
        if flt.date_from:
            conds.append(qb.when() >= flt.date_from)
        if flt.date_to:
            conds.append(qb.when() <= flt.date_to + "\uffff")
        if flt.source in ("anonymous", "named"):
            conds.append(
                sa.exists().where(
                    quotes.c.article_id == incidents.c.article_id,
                    quotes.c.anonymous.is_(flt.source == "anonymous"),
                )
            )
        if flt.status in REVIEW_STATUSES:
            any_edit = sa.exists().where(incident_edits.c.incident_id == incidents.c.id)
            if flt.status == "unreviewed":
                conds.append(~any_edit)
            elif flt.status == "corrected":
                conds.append(any_edit.where(incident_edits.c.field != "status"))
            else:
                conds.append(qb.effective("status") == flt.status)
        if flt.case_id is not None:
            conds.append(
                incidents.c.id.in_(sa.select(case_members.c.incident_id).where(case_members.c.case_id == flt.case_id))
            )
        if flt.min_id is not None:
            conds.append(incidents.c.id > flt.min_id)
        if flt.q is not None and flt.q.strip():
            matching = self._search.matching_article_ids(flt.q)
            conds.append(incidents.c.article_id.in_(matching) if matching is not None else sa.false())
        return stmt.where(*conds) if conds else stmt

    def _order(self, qb: _Query, sort: str) -> list[Any]:
        desc = sort.startswith("-")
        key = sort.lstrip("-")
        if key == "date":  # "date" is newest first, "-date" oldest first (the natural reading)
            # The machine's incident date, so the time_start index serves the sort (a sort on the
            # corrected date or on publication dates needs a full scan); undated incidents last.
            when = incidents.c.time_start
            return [when.asc().nulls_last(), incidents.c.id.asc()] if desc else [
                when.desc().nulls_last(), incidents.c.id.desc()]
        if key == "confidence":
            return [incidents.c.confidence.asc() if desc else incidents.c.confidence.desc(), incidents.c.id.desc()]
        if key in ("type", "country"):
            return [qb.effective(key).asc().nulls_last(), incidents.c.id.desc()]
        return [incidents.c.id.asc() if not desc else incidents.c.id.desc()]

    def query_incidents(
        self, flt: IncidentFilter = IncidentFilter(), *, sort: str = "date", limit: int = 50, offset: int = 0,
        with_total: bool = True,
    ) -> IncidentPage:
        """A page of incidents matching ``flt`` with analyst edits applied, and the total count."""
        limit = max(0, min(int(limit), 1000))
        offset = max(0, int(offset))
        with self._reading("query_incidents") as conn:
            sort = sort if sort in SORTS else "date"
            in_memory = self._page_in_memory(conn, flt, sort, limit, offset)
            known_total = None
            if in_memory is not None:
                ids, known_total = in_memory
            else:
                qb = _Query(self._edited_fields(conn))
                # Two steps: pick the page's ids from the narrow tables, then read those rows in full.
                stmt = sa.select(incidents.c.id)
                stmt = self._apply_filter(qb, stmt, flt)
                stmt = stmt.order_by(*self._order(qb, sort)).limit(limit).offset(offset)
                ids = list(conn.execute(stmt.select_from(qb.source)).scalars())
            full = sa.select(*INCIDENT_LIST_COLUMNS).select_from(
                incidents.join(articles, incidents.c.article_id == articles.c.id)).where(incidents.c.id.in_(ids))
            by_id = {m.id: incident_row(m) for m in conn.execute(full)} if ids else {}
            rows = [by_id[i] for i in ids if i in by_id]
            total = len(rows) + offset
            if known_total is not None:
                total = known_total
            elif with_total and (len(rows) == limit or offset):
                total = self._total(conn, flt)
            items = self._overlay(conn, rows)
        return IncidentPage(items, total)

    def _overlay(self, conn: sa.Connection, rows: list[IncidentRow]) -> list[ListedIncident]:
        if not rows:
            return []
        ids = [r.id for r in rows]
        edits: dict[int, dict[str, str | None]] = {}
        for m in conn.execute(
            sa.select(incident_edits.c.incident_id, incident_edits.c.field, incident_edits.c.value).where(
                incident_edits.c.incident_id.in_(ids)
            )
        ):
            edits.setdefault(m.incident_id, {})[m.field] = m.value
        case_of = dict(
            conn.execute(
                sa.select(case_members.c.incident_id, case_members.c.case_id).where(case_members.c.incident_id.in_(ids))
            ).all()
        )
        return [self._listed(r, edits.get(r.id, {}), case_of.get(r.id)) for r in rows]

    @staticmethod
    def _listed(row: IncidentRow, edits: dict[str, str | None], case_id: int | None) -> ListedIncident:
        fields_ = {k: v for k, v in edits.items() if k in EDITABLE_FIELDS}
        changes: dict[str, Any] = {}
        for k, v in fields_.items():
            changes[k] = int(v) if (k in _INT_FIELDS and v not in (None, "")) else (v if k != "victims" else v or "")
        if changes:
            row = replace(row, **changes)
            if {"city", "region", "country", "place_text"} & changes.keys():
                resolved = [x for x in (row.city, row.region, row.country) if x]
                row = replace(row, place=", ".join(resolved) if resolved else (row.place_text or ""))
        status = edits.get("status") or ("corrected" if fields_ else "unreviewed")
        return ListedIncident(row, str(status), frozenset(fields_), case_id)

    def _facet_table(self) -> FacetTable:
        table = self.__dict__.get("_facets")
        if table is None:
            table = self.__dict__.setdefault("_facets", FacetTable())
        return table

    def _matching_ids(self, conn: sa.Connection, flt: IncidentFilter) -> list[int]:
        qb = _Query(self._edited_fields(conn))
        stmt = self._apply_filter(qb, sa.select(incidents.c.id), flt).select_from(qb.source)
        return list(conn.execute(stmt).scalars())

    #: Filters the facet table answers in memory (equality on effective values, and words).
    _IN_MEMORY = frozenset({"q", "type", "country", "region", "perpetrator_type", "outlet"})

    def _matching_ids_in_memory(self, conn: sa.Connection, table: FacetTable, flt: IncidentFilter) -> list[int] | None:
        """The ids matching ``flt`` from the facet table, or ``None`` if ``flt`` needs SQL."""
        used = {f for f in flt.__dataclass_fields__ if getattr(flt, f) not in (None, "")}
        if not used <= self._IN_MEMORY:
            return None
        equal = {n: getattr(flt, n) for n in used - {"q"}}
        if "country" in equal:
            equal["country"] = equal["country"].upper()
        articles_in = None
        if "q" in used and flt.q.strip():
            matching = self._search.matching_article_ids(flt.q)
            if matching is None:
                return []
            # Straight through the driver: tens of thousands of ids, no per-row SQLAlchemy work.
            compiled = matching.compile(dialect=conn.dialect)
            params = compiled.construct_params()
            if compiled.positiontup is not None:
                params = [params[k] for k in compiled.positiontup]  # type: ignore[assignment]
            cursor = conn.connection.driver_connection.cursor()
            try:
                articles_in = {r[0] for r in cursor.execute(str(compiled), params).fetchall()}
            finally:
                cursor.close()
        return table.select(equal, articles_in)

    def _cached_ids(
        self, conn: sa.Connection, table: FacetTable, version: tuple[int, ...], flt: IncidentFilter
    ) -> list[int] | None:
        if not self._in_memory(flt):
            return None
        return table.cached(("ids", version, filter_key(flt)),
                            lambda: self._matching_ids_in_memory(conn, table, flt), big=True)

    def _in_memory(self, flt: IncidentFilter) -> bool:
        return {f for f in flt.__dataclass_fields__ if getattr(flt, f) not in (None, "")} <= self._IN_MEMORY

    def _page_in_memory(
        self, conn: sa.Connection, flt: IncidentFilter, sort: str, limit: int, offset: int
    ) -> tuple[list[int], int] | None:
        """A page of ids for words and facet filters, or ``None`` when ``flt`` needs SQL.

        SQLite would read every matching (wide) incident row to sort them: ``IN (full-text
        match)`` or a type filter, then a temporary B-tree, ~0.4 s for a common word at 100,000
        articles. Instead: the matching ids from the facet table (cached per filter) and every
        incident in ``sort`` order, sorted in Python once per data version
        (:meth:`FacetTable.sorted_ids`, the same order as :meth:`_order`), walked until the
        page is full.
        """
        if not self._in_memory(flt):
            return None
        table = self._facet_table()
        version = table.sync(conn)
        ids = table.all_ids() if flt.is_empty() else self._cached_ids(conn, table, version, flt)
        if ids is None:
            return None
        # The whole table in ``sort`` order, once per data version; a filter walks it until the page is full
        # (a few hundred steps for a common word, one pass over a set lookup for a rare one).
        ordered = table.cached(("order", version, sort), lambda: table.sorted_ids(table.all_ids(), sort), big=True)
        if flt.is_empty():
            return ordered[offset:offset + limit], len(ids)
        wanted = set(ids)
        page: list[int] = []
        if wanted and limit:
            skip = offset
            for i in ordered:
                if i in wanted:
                    if skip:
                        skip -= 1
                    else:
                        page.append(i)
                        if len(page) >= limit:
                            break
        return page, len(ids)

    def _total(self, conn: sa.Connection, flt: IncidentFilter) -> int:
        """How many incidents match ``flt``, cached per filter and data version (see ``facets.py``)."""
        table = self._facet_table()
        key = ("total", data_version(conn), filter_key(flt))

        def count() -> int:
            cq = _Query(self._edited_fields(conn))
            stmt = self._apply_filter(cq, sa.select(sa.func.count(incidents.c.id)), flt)
            return int(conn.execute(stmt.select_from(cq.source)).scalar() or 0)

        return int(table.cached(key, count))

    def facets_and_total(
        self, flt: IncidentFilter = IncidentFilter(), *, top: int = 12
    ) -> tuple[dict[str, list[tuple[str, int]]], int]:
        """Counts of the matching incidents by type, country, region, perpetrator type and outlet
        (effective values: analyst corrections count), and how many incidents match.

        Counted over every matching incident, exactly, from the in-memory :class:`FacetTable`:
        one narrow ``SELECT id`` for the filter (none for an empty filter), cached per filter
        until the data version changes (any ingest, edit, review decision, merge or split).
        """
        table = self._facet_table()
        with self._reading("facets") as conn:
            version = table.sync(conn)
            fk = filter_key(flt)

            def compute() -> tuple[dict[str, list[tuple[str, int]]], int]:
                ids = self._cached_ids(conn, table, version, flt)
                if ids is None:
                    ids = self._matching_ids(conn, flt)
                table.put(("total", version, fk), len(ids))
                return table.count(ids, top=top), len(ids)

            return table.cached(("facets", version, top, fk), compute)

    def facets(self, flt: IncidentFilter = IncidentFilter(), *, top: int = 12) -> dict[str, list[tuple[str, int]]]:
        """Facet counts of the incidents matching ``flt`` (see :meth:`facets_and_total`)."""
        return self.facets_and_total(flt, top=top)[0]

    def monthly_counts(self, flt: IncidentFilter = IncidentFilter()) -> list[tuple[str, str, int]]:
        """(``YYYY-MM``, type, incidents) for every month with a known date, oldest first."""
        with self._reading("monthly_counts") as conn:
            qb = _Query(self._edited_fields(conn))
            month = sa.func.substr(qb.when(), 1, 7)
            typ = qb.effective("type")
            stmt = sa.select(month.label("m"), typ.label("t"), sa.func.count())
            stmt = self._apply_filter(qb, stmt, flt).where(qb.when().is_not(None))
            stmt = stmt.group_by(month, typ).order_by(month).select_from(qb.source)
            return [(str(m), str(t), int(n)) for m, t, n in conn.execute(stmt) if m and len(m) == 7]

    def map_summary(self, flt: IncidentFilter = IncidentFilter(), *, grid: float = 0.25) -> MapSummary:
        """Incidents by country and region, and points clustered on a ``grid``-degree lattice."""
        summary = MapSummary()
        with self._reading("map_summary") as conn:
            edited = self._edited_fields(conn)
            qb = _Query(edited)
            c, r = qb.effective("country"), qb.effective("region")
            stmt = self._apply_filter(qb, sa.select(c, r, sa.func.count()), flt).group_by(c, r).select_from(qb.source)
            for country, region, n in conn.execute(stmt):
                if country:
                    summary.countries[country] = summary.countries.get(country, 0) + int(n)
                    if region:
                        summary.regions[f"{country}|{region}"] = int(n)
            qb = _Query(edited)
            lat = sa.func.round(incidents.c.lat / grid) * grid
            lon = sa.func.round(incidents.c.lon / grid) * grid
            stmt = sa.select(lat, lon, sa.func.count())
            stmt = self._apply_filter(qb, stmt, flt).where(incidents.c.lat.is_not(None), incidents.c.lon.is_not(None))
            stmt = stmt.group_by(lat, lon).order_by(sa.func.count().desc()).limit(5000).select_from(qb.source)
            summary.points.extend((float(a), float(b), int(n)) for a, b, n in conn.execute(stmt))
        return summary

    def snippets(self, q: str, article_ids: Iterable[int]) -> dict[int, str]:
        """Search snippets (marked with ``MARK_OPEN``/``MARK_CLOSE``) for these articles."""
        ids = sorted(set(article_ids))
        if ids and q and self._engine.dialect.name != "sqlite" and hasattr(self._search, "snippets"):
            with self._reading("snippets") as conn:  # the backend's own full-text snippets
                return self._search.snippets(conn, q, ids)
        match = fts_query(q or "")
        if not ids or match is None or self._engine.dialect.name != "sqlite":
            return {}
        placeholders = ", ".join(f":i{n}" for n in range(len(ids)))
        params: dict[str, Any] = {f"i{n}": v for n, v in enumerate(ids)}
        params.update(q=match, o=MARK_OPEN, c=MARK_CLOSE, e="…")
        with self._reading("snippets") as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT rowid, snippet(articles_fts, 1, :o, :c, :e, 24) FROM articles_fts "
                    f"WHERE articles_fts MATCH :q AND rowid IN ({placeholders})"
                ),
                params,
            ).all()
            found = {int(a): s for a, s in rows}
            missing = [i for i in ids if i not in found]
            if missing:  # matched through a quote
                ph = ", ".join(f":m{n}" for n in range(len(missing)))
                qp: dict[str, Any] = {f"m{n}": v for n, v in enumerate(missing)}
                qp.update(q=match, o=MARK_OPEN, c=MARK_CLOSE, e="…")
                for a, s in conn.execute(
                    sa.text(
                        "SELECT q.article_id, snippet(quotes_fts, 0, :o, :c, :e, 24) FROM quotes_fts "
                        "JOIN quotes AS q ON q.id = quotes_fts.rowid "
                        f"WHERE quotes_fts MATCH :q AND q.article_id IN ({ph})"
                    ),
                    qp,
                ):
                    found.setdefault(int(a), s)
        return found

    # -- articles and failures ----------------------------------------------------------------

    def list_articles(self, *, limit: int = 20, offset: int = 0) -> tuple[list[ArticleRow], int]:
        """Articles, latest analysed first, with their incident counts; and how many there are."""
        limit = max(0, min(int(limit), 1000))
        page = (
            sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                      articles.c.language, articles.c.analysed_at)
            .order_by(articles.c.id.desc()).limit(limit).offset(max(0, int(offset)))
        ).subquery()
        n_inc = (
            sa.select(sa.func.count()).where(incidents.c.article_id == page.c.id).scalar_subquery()
        )
        with self._reading("list_articles") as conn:
            rows = [ArticleRow(*m[:7], int(m[7])) for m in conn.execute(sa.select(page, n_inc).order_by(page.c.id.desc()))]
            total = int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() or 0)
        return rows, total

    def get_article_row(self, article_id: int) -> ArticleRow:
        rows = [
            r for r in self._articles_where(articles.c.id == article_id)
        ]
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return rows[0]

    def _articles_where(self, cond: Any) -> list[ArticleRow]:
        n_inc = sa.select(sa.func.count()).where(incidents.c.article_id == articles.c.id).scalar_subquery()
        stmt = sa.select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                         articles.c.language, articles.c.analysed_at, n_inc).where(cond)
        with self._reading("articles") as conn:
            return [ArticleRow(*m[:7], int(m[7])) for m in conn.execute(stmt)]

    def article_incident_ids(self, article_id: int) -> list[int]:
        with self._reading("article_incident_ids") as conn:
            return list(conn.execute(
                sa.select(incidents.c.id).where(incidents.c.article_id == article_id).order_by(incidents.c.seq)
            ).scalars())

    def recent_failures(self, limit: int = 10) -> list[FailureRow]:
        stmt = sa.select(failures.c.id, failures.c.origin, failures.c.reason, failures.c.message, failures.c.at)
        with self._reading("recent_failures") as conn:
            return [FailureRow(*m) for m in conn.execute(stmt.order_by(failures.c.id.desc()).limit(limit))]

    def document_bytes(self, sha256: str) -> tuple[bytes, str]:
        """The preserved bytes and media type of a document. Raises :class:`NotFound`."""
        with self._reading("document_bytes") as conn:
            m = conn.execute(
                sa.select(documents.c.raw, documents.c.media_type).where(documents.c.sha256 == sha256)
            ).first()
        if m is None:
            raise NotFound(f"no document with sha256 {sha256}")
        return bytes(m.raw), m.media_type

    # -- review ---------------------------------------------------------------------------------

    def incident_edits(self, incident_id: int) -> dict[str, EditRow]:
        with self._reading("incident_edits") as conn:
            return {
                m.field: EditRow(m.field, m.value, m.machine_value, m.edited_by, m.edited_at)
                for m in conn.execute(sa.select(incident_edits).where(incident_edits.c.incident_id == incident_id))
            }

    def listed_incident(self, incident_id: int) -> ListedIncident:
        stmt = sa.select(*INCIDENT_LIST_COLUMNS).select_from(
            incidents.join(articles, incidents.c.article_id == articles.c.id)
        ).where(incidents.c.id == incident_id)
        with self._reading("listed_incident") as conn:
            m = conn.execute(stmt).first()
            if m is None:
                raise NotFound(f"no incident with id {incident_id}")
            return self._overlay(conn, [incident_row(m)])[0]

    @staticmethod
    def _machine_values(conn: sa.Connection, incident_id: int) -> dict[str, str | None]:
        m = conn.execute(sa.select(incidents).where(incidents.c.id == incident_id)).mappings().first()
        if m is None:
            raise NotFound(f"no incident with id {incident_id}")
        out = {k: _as_text(m[k]) for k in EDITABLE_FIELDS if k != "victims"}
        out["victims"] = victims_summary(m["victims"]) or None
        return out

    def edit_incident(self, incident_id: int, changes: dict[str, str | None], *, actor: str) -> dict[str, Any]:
        """Set analyst values for some fields; a value equal to the machine answer drops the edit.

        Returns the changes actually made (field -> new effective value); each is audited.
        """
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise StoreError(f"fields cannot be edited: {', '.join(sorted(unknown))}")
        for k in _INT_FIELDS & changes.keys():
            v = changes[k]
            if v not in (None, "") and not str(v).strip().isdigit():
                raise StoreError(f"{k} must be a whole number")
        made: dict[str, Any] = {}
        with self._writing(f"incident {incident_id}: edit") as conn:
            machine = self._machine_values(conn, incident_id)
            current = {
                m.field: m for m in conn.execute(
                    sa.select(incident_edits).where(incident_edits.c.incident_id == incident_id)
                )
            }
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            for name, raw in changes.items():
                value = _as_text(raw.strip() if isinstance(raw, str) else raw)
                if name == "country" and value:
                    value = value.upper()
                old = current[name].value if name in current else machine[name]
                if value == old:
                    continue
                if value == machine[name]:
                    conn.execute(incident_edits.delete().where(
                        incident_edits.c.incident_id == incident_id, incident_edits.c.field == name))
                elif name in current:
                    conn.execute(incident_edits.update().where(incident_edits.c.id == current[name].id).values(
                        value=value, machine_value=machine[name], edited_by=actor, edited_at=_now()))
                else:
                    conn.execute(incident_edits.insert().values(
                        incident_id=incident_id, field=name, value=value, machine_value=machine[name],
                        edited_by=actor, edited_at=_now()))
                before[name], after[name] = old, value
            if after:
                self._audit(conn, actor, "incident.edit", f"incident:{incident_id}", before, after)
                made = after
        return made

    def set_review_status(self, incident_id: int, status: str | None, *, actor: str) -> None:
        """Confirm or reject an incident (``None`` takes the decision back)."""
        if status not in (None, "confirmed", "rejected"):
            raise StoreError(f"unknown review decision {status!r}")
        with self._writing(f"incident {incident_id}: review") as conn:
            self._machine_values(conn, incident_id)  # NotFound for a bad id
            old = conn.execute(sa.select(incident_edits.c.value).where(
                incident_edits.c.incident_id == incident_id, incident_edits.c.field == "status")).scalar()
            if old == status:
                return
            conn.execute(incident_edits.delete().where(
                incident_edits.c.incident_id == incident_id, incident_edits.c.field == "status"))
            if status is not None:
                conn.execute(incident_edits.insert().values(
                    incident_id=incident_id, field="status", value=status, machine_value=None,
                    edited_by=actor, edited_at=_now()))
            self._audit(conn, actor, "incident.review", f"incident:{incident_id}", {"status": old}, {"status": status})

    # -- cases ----------------------------------------------------------------------------------

    def case_of(self, incident_id: int) -> int | None:
        with self._reading("case_of") as conn:
            return conn.execute(
                sa.select(case_members.c.case_id).where(case_members.c.incident_id == incident_id)
            ).scalar()

    def case_incident_ids(self, case_id: int) -> list[int]:
        with self._reading("case_incident_ids") as conn:
            return list(conn.execute(
                sa.select(case_members.c.incident_id).where(case_members.c.case_id == case_id)
                .order_by(case_members.c.incident_id)).scalars())

    def merge_incidents(self, first: int, second: int, *, actor: str, title: str | None = None) -> int:
        """Link two incidents as reports of one case (joining their cases if they have any)."""
        if first == second:
            raise StoreError("cannot merge an incident with itself")
        with self._writing(f"merge {first} {second}") as conn:
            for i in (first, second):
                self._machine_values(conn, i)
            of = dict(conn.execute(sa.select(case_members.c.incident_id, case_members.c.case_id).where(
                case_members.c.incident_id.in_([first, second]))).all())
            a, b = of.get(first), of.get(second)
            if a is not None and a == b:
                return a
            before = {"case_of": {str(first): a, str(second): b}}
            if a is None and b is None:
                target = int(conn.execute(cases.insert().values(
                    title=title, created_by=actor, created_at=_now())).inserted_primary_key[0])
            else:
                target = a if a is not None else b  # type: ignore[assignment]
            other = b if target == a else a
            if other is not None:  # fold the other case into the target
                conn.execute(case_members.update().where(case_members.c.case_id == other).values(case_id=target))
                conn.execute(cases.delete().where(cases.c.id == other))
            for i in (first, second):
                if of.get(i) is None:
                    conn.execute(case_members.insert().values(
                        case_id=target, incident_id=i, added_by=actor, added_at=_now()))
            members = list(conn.execute(sa.select(case_members.c.incident_id).where(
                case_members.c.case_id == target).order_by(case_members.c.incident_id)).scalars())
            self._audit(conn, actor, "case.merge", f"case:{target}", before, {"case": target, "members": members})
        return target

    def split_incident(self, incident_id: int, *, actor: str) -> int | None:
        """Take an incident out of its case; a case left with one report is dissolved."""
        with self._writing(f"split {incident_id}") as conn:
            case_id = conn.execute(sa.select(case_members.c.case_id).where(
                case_members.c.incident_id == incident_id)).scalar()
            if case_id is None:
                return None
            members = list(conn.execute(sa.select(case_members.c.incident_id).where(
                case_members.c.case_id == case_id).order_by(case_members.c.incident_id)).scalars())
            conn.execute(case_members.delete().where(case_members.c.incident_id == incident_id))
            left = [m for m in members if m != incident_id]
            if len(left) < 2:
                conn.execute(case_members.delete().where(case_members.c.case_id == case_id))
                conn.execute(cases.delete().where(cases.c.id == case_id))
                left = []
            self._audit(conn, actor, "case.split", f"case:{case_id}", {"members": members},
                        {"members": left, "removed": incident_id})
        return case_id

    def related_incidents(self, incident_id: int, *, limit: int = 10) -> list[ListedIncident]:
        """Likely reports of the same event from other articles: same type and country, overlapping time."""
        with self._reading("related_incidents") as conn:
            m = conn.execute(sa.select(incidents).where(incidents.c.id == incident_id)).first()
            if m is None:
                raise NotFound(f"no incident with id {incident_id}")
            conds = [incidents.c.type == m.type, incidents.c.article_id != m.article_id]
            conds.append(incidents.c.country == m.country if m.country else incidents.c.country.is_(None))
            if m.time_start and m.time_end:
                conds += [incidents.c.time_start <= m.time_end, incidents.c.time_end >= m.time_start]
            elif m.region:
                conds.append(incidents.c.region == m.region)
            else:
                return []
            stmt = (sa.select(*INCIDENT_LIST_COLUMNS)
                    .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id))
                    .where(*conds).order_by(incidents.c.id.desc()).limit(limit))
            return self._overlay(conn, [incident_row(r) for r in conn.execute(stmt)])

    # -- exports ------------------------------------------------------------------------------

    def iter_filtered_export_rows(self, flt: IncidentFilter = IncidentFilter(), *, sort: str = "id") -> Iterator[
            tuple[ExportRow, ListedIncident]]:
        """Export rows for the incidents matching ``flt``, with analyst corrections applied."""
        batch = 500
        offset = 0
        while True:
            page = self.query_incidents(flt, sort=sort, limit=batch, offset=offset, with_total=False)
            if not page.items:
                return
            ids = [li.row.id for li in page.items]
            rows = {r.incident_id: r for r in self._export_rows(ids)}
            for li in page.items:
                r = rows.get(li.row.id)
                if r is not None:
                    yield self._corrected(r, li), li
            if len(page.items) < batch:
                return
            offset += batch

    @staticmethod
    def _corrected(r: ExportRow, li: ListedIncident) -> ExportRow:
        if not li.edited:
            return r
        return replace(r, **{k: getattr(li.row, k) for k in li.edited if hasattr(r, k)})

    def _export_rows(self, ids: list[int]) -> Generator[ExportRow, None, None]:
        stmt = (
            sa.select(
                incidents,
                articles.c.title.label("article_title"),
                articles.c.url.label("article_url"),
                articles.c.version.label("article_version"),
                articles.c.outlet,
                articles.c.published,
                articles.c.report,
                documents.c.sha256.label("document_sha256"),
                documents.c.origin.label("document_origin"),
            )
            .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id)
                         .join(documents, articles.c.document_id == documents.c.id))
            .where(incidents.c.id.in_(ids))
        )
        with self._reading("export rows") as conn:
            for m in conn.execute(stmt):
                yield export_row(m, list((m.report or {}).get("incidents") or ()))

    # -- saved searches -------------------------------------------------------------------------

    def add_saved_search(self, user_id: int, name: str, params: dict[str, str], feed_key_hash: str) -> int:
        with self._writing("add_saved_search") as conn:
            sid = conn.execute(saved_searches.insert().values(
                user_id=user_id, name=name, params=params, feed_key_hash=feed_key_hash, created_at=_now())
            ).inserted_primary_key[0]
            self._audit(conn, f"user_id:{user_id}", "search.save", f"search:{sid}", None, {"name": name, "params": params})
        return int(sid)

    def list_saved_searches(self, user_id: int) -> list[SavedSearchRow]:
        stmt = sa.select(saved_searches).where(saved_searches.c.user_id == user_id).order_by(saved_searches.c.id)
        with self._reading("list_saved_searches") as conn:
            return [SavedSearchRow(m.id, m.user_id, m.name, dict(m.params), m.created_at) for m in conn.execute(stmt)]

    def saved_search_by_key(self, search_id: int, feed_key_hash: str) -> SavedSearchRow | None:
        stmt = sa.select(saved_searches).where(
            saved_searches.c.id == search_id, saved_searches.c.feed_key_hash == feed_key_hash)
        with self._reading("saved_search_by_key") as conn:
            m = conn.execute(stmt).first()
        return SavedSearchRow(m.id, m.user_id, m.name, dict(m.params), m.created_at) if m else None

    def delete_saved_search(self, search_id: int, user_id: int) -> bool:
        with self._writing("delete_saved_search") as conn:
            n = conn.execute(saved_searches.delete().where(
                saved_searches.c.id == search_id, saved_searches.c.user_id == user_id)).rowcount
            if n:
                self._audit(conn, f"user_id:{user_id}", "search.delete", f"search:{search_id}", None, None)
        return bool(n)
