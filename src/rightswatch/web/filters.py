"""The search filter held in the URL, so a query can be bookmarked and shared.

``?q=&type=&country=&region=&perpetrator_type=&outlet=&source=&from=&to=&status=&case=&sort=&page=``
Unknown or malformed values are dropped (a shared URL from a newer version still opens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Mapping
from urllib.parse import urlencode

from rightswatch.store.review_repo import REVIEW_STATUSES, SORTS, IncidentFilter

__all__ = ["Query", "parse_query", "PARAMS"]

#: URL parameter -> IncidentFilter field.
PARAMS = {
    "q": "q",
    "type": "type",
    "country": "country",
    "region": "region",
    "perpetrator_type": "perpetrator_type",
    "outlet": "outlet",
    "source": "source",
    "from": "date_from",
    "to": "date_to",
    "status": "status",
    "case": "case_id",
}
_MAX_VALUE = 200
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(value: str) -> str | None:
    value = value.strip()
    if not _PARTIAL_DATE.match(value):
        return None
    try:
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return None
    return value


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed URL query: the filter, sort order and page."""

    params: dict[str, str]  # the clean parameters (filter + sort), as they go back into URLs
    filter: IncidentFilter
    sort: str = "date"
    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def url(self, path: str = "/search", **changes: str | int | None) -> str:
        """``path`` with this query, some parameters changed (``None`` removes one); page resets."""
        params = dict(self.params)
        if self.sort != "date":
            params["sort"] = self.sort
        for k, v in changes.items():
            if v is None or v == "":
                params.pop(k, None)
            else:
                params[k] = str(v)
        if "page" not in changes:
            params.pop("page", None)
        return path + ("?" + urlencode(params) if params else "")

    def filter_params(self) -> dict[str, str]:
        return dict(self.params)


def parse_query(raw: Mapping[str, str], *, per_page: int = 50) -> Query:
    params: dict[str, str] = {}
    values: dict[str, object] = {}
    for key, name in PARAMS.items():
        value = (raw.get(key) or "").strip()[:_MAX_VALUE]
        if not value:
            continue
        if name in ("date_from", "date_to"):
            value = _date(value) or ""
        elif name == "status" and value not in REVIEW_STATUSES:
            value = ""
        elif name == "source" and value not in ("anonymous", "named"):
            value = ""
        elif name == "case_id":
            value = value if value.isdigit() and len(value) < 12 else ""
        elif name == "country":
            value = value.upper() if value.isalpha() and len(value) <= 3 else ""
        if not value:
            continue
        params[key] = value
        values[name] = int(value) if name == "case_id" else value
    sort = raw.get("sort") or "date"
    if sort not in SORTS:
        sort = "date"
    page_raw = raw.get("page") or "1"
    page = int(page_raw) if page_raw.isdigit() and 0 < len(page_raw) < 7 else 1
    flt = IncidentFilter(**values)  # type: ignore[arg-type]
    return Query(params=params, filter=flt, sort=sort, page=max(1, page), per_page=per_page)


def filter_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(IncidentFilter))
