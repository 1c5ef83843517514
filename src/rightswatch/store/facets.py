"""Facet counts and totals for the search page, fast at 100,000+ articles.

Counting five facets over every matching incident on each request means reading every matching
row of the wide ``incidents`` table (victims and evidence JSON): ~0.5 s per request at 130,000
incidents. Instead each process keeps a :class:`FacetTable`, the *effective* facet values
(analyst edits applied) of every incident, in memory (a few MB per 100,000 incidents), and counts
in Python over the matching ids:

* an empty filter needs no SQL at all; any other filter runs one narrow ``SELECT incidents.id``
  (the store's own filter code, so the semantics are exactly those of the result list);
* results (facets and total) are cached per filter, keyed by the **data version**.

The data version is read from the database on every request, so several processes (web workers,
``rightswatch ingest`` writing into the same file) always agree on it: it is the largest row id of
``incidents``, ``articles``, ``audit_log`` and ``incident_edits`` plus the number of edits. Every
write that can change a list or a facet moves it: ingest adds articles and incidents, and every
analyst action (edit, review decision, merge, split) appends to ``audit_log`` in the same
transaction. Rows of those tables are never deleted or renumbered, so the version only grows;
incidents only get new rows, so the table is refreshed incrementally (new ids, then the current
edits re-applied). Four primary-key lookups and one index count: well under a millisecond.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa

from rightswatch.store.schema import articles, incidents
from rightswatch.store.schema_review import audit_log, incident_edits

__all__ = ["FACETS", "FacetTable", "data_version", "filter_key"]

#: The facets of the search page, in display order.
FACETS = ("type", "country", "region", "perpetrator_type", "outlet")
#: Facets an analyst can correct (``outlet`` belongs to the article).
_EDITABLE = ("type", "country", "region", "perpetrator_type")
#: Filters whose results are kept (each holds at most top-N values per facet and a count).
CACHE_SIZE = 512
#: Id lists kept (matching ids of recent filters, the global order of each sort): ~1 MB each.
BIG_CACHE_SIZE = 12


def data_version(conn: sa.Connection) -> tuple[int, ...]:
    """A value that changes whenever incidents, articles or analyst edits change (see the module doc)."""
    row = conn.execute(
        sa.select(
            sa.select(sa.func.max(incidents.c.id)).scalar_subquery(),
            sa.select(sa.func.max(articles.c.id)).scalar_subquery(),
            sa.select(sa.func.max(audit_log.c.id)).scalar_subquery(),
            sa.select(sa.func.max(incident_edits.c.id)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(incident_edits).scalar_subquery(),
        )
    ).one()
    return tuple(int(v or 0) for v in row)


def filter_key(flt: Any) -> tuple[Any, ...]:
    """A hashable key for an ``IncidentFilter`` (a frozen dataclass)."""
    return tuple(getattr(flt, f) for f in flt.__dataclass_fields__)


class FacetTable:
    """Per-process facet values of every incident, and a cache of per-filter results."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._version: tuple[int, ...] | None = None
        self._max_id = 0
        # Column per facet, indexed by incident id (None: no incident or no value).
        self._cols: dict[str, list[str | None]] = {n: [None] for n in FACETS}
        self._article: list[int] = [0]  # the incident's article id
        self._time_start: list[str | None] = [None]  # machine values: the list sorts on them
        self._confidence: list[float] = [0.0]
        self._present: bytearray = bytearray(1)
        self._ids: list[int] = []  # every incident id, ascending
        self._machine: dict[tuple[str, int], str | None] = {}  # machine values hidden by an edit
        self._edit_mark: tuple[int, ...] | None = None
        self._intern: dict[str, str] = {}
        self._results: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._big: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    # -- keeping up with the database -------------------------------------------------------

    def sync(self, conn: sa.Connection) -> tuple[int, ...]:
        """Bring the table up to the database's current data version; returns the version."""
        version = data_version(conn)
        with self._lock:
            if version == self._version:
                return version
            max_id = version[0]
            if max_id < self._max_id:  # the database was replaced (restore): start again
                self._reset()
            if max_id > self._max_id:
                self._load(conn, self._max_id, max_id)
            edit_mark = version[2:]
            if edit_mark != self._edit_mark:
                self._apply_edits(conn)
                self._edit_mark = edit_mark
            self._version = version
            self._results.clear()
            self._big.clear()
        return version

    def _load(self, conn: sa.Connection, after: int, upto: int) -> None:
        grow = upto + 1 - len(self._present)
        if grow > 0:
            for col in self._cols.values():
                col.extend([None] * grow)
            self._article.extend([0] * grow)
            self._time_start.extend([None] * grow)
            self._confidence.extend([0.0] * grow)
            self._present.extend(bytes(grow))
        intern = self._intern.setdefault
        stmt = (
            sa.select(incidents.c.id, incidents.c.article_id, incidents.c.time_start, incidents.c.confidence,
                      *(incidents.c[n] for n in _EDITABLE), articles.c.outlet)
            .select_from(incidents.join(articles, incidents.c.article_id == articles.c.id))
            .where(incidents.c.id > after, incidents.c.id <= upto)
            .order_by(incidents.c.id)
        )
        cols = [self._cols[n] for n in FACETS]
        for row in conn.execute(stmt):
            i = row[0]
            self._present[i] = 1
            self._ids.append(i)
            self._article[i] = row[1]
            self._time_start[i] = row[2]
            self._confidence[i] = row[3]
            for col, value in zip(cols, row[4:]):
                col[i] = None if value is None else intern(value, value)
        self._max_id = upto
        # Incidents loaded now carry machine values: edits are re-applied by the caller.
        self._edit_mark = None

    def _apply_edits(self, conn: sa.Connection) -> None:
        for (name, i), value in self._machine.items():  # undo the previous overlay
            self._cols[name][i] = value
        self._machine = {}
        stmt = sa.select(incident_edits.c.incident_id, incident_edits.c.field, incident_edits.c.value).where(
            incident_edits.c.field.in_(_EDITABLE), incident_edits.c.incident_id <= self._max_id
        )
        for i, name, value in conn.execute(stmt):
            col = self._cols[name]
            self._machine[(name, i)] = col[i]
            col[i] = None if value is None else self._intern.setdefault(value, value)

    # -- answers ------------------------------------------------------------------------------

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any], *, big: bool = False) -> Any:
        """The cached result for ``key``, computing it if needed.

        Keys start with the data version they were computed at, so an answer computed while
        another thread moved the table to a newer version is never served for that version.
        """
        store = self._big if big else self._results
        with self._lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
        value = compute()
        with self._lock:
            store[key] = value
            while len(store) > (BIG_CACHE_SIZE if big else CACHE_SIZE):
                store.popitem(last=False)
        return value

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            return self._results.get(key)

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            self._results[key] = value
            self._results.move_to_end(key)
            while len(self._results) > CACHE_SIZE:
                self._results.popitem(last=False)

    def all_ids(self) -> list[int]:
        return self._ids

    def select(self, equal: dict[str, str], articles_in: set[int] | None = None) -> list[int]:
        """Ids of the incidents whose facet values equal ``equal`` (effective values) and whose
        article is in ``articles_in`` (when given): the in-memory form of those filters."""
        ids: Iterable[int] = self._ids
        if articles_in is not None:
            art = self._article
            ids = [i for i in ids if art[i] in articles_in]
        for name, value in equal.items():
            col = self._cols[name]
            ids = [i for i in ids if col[i] == value]
        return ids if isinstance(ids, list) else list(ids)

    def sorted_ids(self, ids: list[int], sort: str) -> list[int]:
        """``ids`` (ascending) in the order of ``sort``, exactly as ``ReviewMixin._order`` sorts in SQL.

        Stable sorts over an id-ordered base give the id tie-breaks; ``None`` values go last.
        """
        desc_ids = ids[::-1]
        if sort in ("date", "-date", "type", "country"):
            col = self._time_start if sort in ("date", "-date") else self._cols[sort]
            base = ids if sort == "-date" else desc_ids
            known = [i for i in base if col[i] is not None]
            missing = [i for i in base if col[i] is None]
            return sorted(known, key=col.__getitem__, reverse=sort == "date") + missing
        if sort == "confidence":
            return sorted(desc_ids, key=self._confidence.__getitem__, reverse=True)
        if sort == "-confidence":
            return sorted(desc_ids, key=self._confidence.__getitem__)
        return list(ids) if sort == "id" else desc_ids

    def count(self, ids: Iterable[int], *, top: int) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over these incident ids: the ``top`` values of each facet, most frequent first."""
        ids = ids if isinstance(ids, list) else list(ids)
        present = self._present
        n = len(present)
        ids = [i for i in ids if i < n and present[i]]
        out: dict[str, list[tuple[str, int]]] = {}
        for name in FACETS:
            col = self._cols[name]
            counter = Counter(map(col.__getitem__, ids))
            counter.pop(None, None)
            ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out[name] = [(str(v), k) for v, k in ranked]
        return out
