"""Sources to follow: names, schedules, and turning fetched pages into Documents.

``parse_every("30m")`` reads a polling interval (``90s``, ``30m``, ``2h``, ``1d``, or a bare
number of seconds; at least one minute: polling faster than that is not monitoring, it is load).
``default_name(url)`` names a source after its host when the user gives no ``--name``.
``page_document(fetched, ...)`` turns a successful fetch into the ``Document`` the pipeline
stores: the decoded body unchanged, the response headers as received, and hints that tie it to
its WARC record and to the feed entry that announced it.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from rightswatch.collect.http import Fetched
from rightswatch.errors import ConfigError
from rightswatch.records import Document

__all__ = ["parse_every", "format_every", "default_name", "page_document", "ARTICLE_TYPES", "MIN_EVERY"]

MIN_EVERY = 60
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: Media types an article page may have; anything else (PDF, images) is not extracted.
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


def parse_every(value: str) -> int:
    """Seconds in an interval like ``30m``; raises :class:`ConfigError` for nonsense or < 1 minute."""
    text = value.strip().lower()
    m = re.fullmatch(r"(\d+)\s*([smhd]?)", text)
    if not m:
        raise ConfigError(f"--every must look like 90s, 30m, 2h or 1d, not {value!r}")
    seconds = int(m.group(1)) * _UNITS[m.group(2) or "s"]
    if seconds < MIN_EVERY:
        raise ConfigError(f"--every must be at least 1 minute (got {value!r})")
    return seconds


def format_every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def default_name(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


def page_document(
    fetched: Fetched,
    *,
    origin_kind: str = "url",
    warc: object | None = None,
    hints: tuple[tuple[str, str], ...] = (),
) -> Document:
    """The Document for a fetched page (the caller has checked the media type)."""
    extra: list[tuple[str, str]] = []
    if fetched.requested_url != fetched.url:
        extra.append(("requested-url", fetched.requested_url))
    if fetched.charset:
        extra.append(("http-charset", fetched.charset))
    for name in ("file", "offset", "record_id", "payload_digest"):
        value = getattr(warc, name, None)
        if value is not None:
            extra.append((f"warc-{name.replace('_', '-')}", str(value)))
    return Document(
        raw=fetched.body,
        sha256=hashlib.sha256(fetched.body).hexdigest(),
        media_type=fetched.header("content-type") or "text/html",
        origin=fetched.url,
        origin_kind=origin_kind,
        received_at=fetched.fetched_at,
        url=fetched.url,
        headers=fetched.headers,
        hints=tuple(extra) + tuple(hints),
    )
