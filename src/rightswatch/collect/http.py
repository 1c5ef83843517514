"""Fetching over HTTP: polite, bounded, and recorded.

:class:`Fetcher` wraps one ``httpx.Client`` (thread-safe; share it between worker threads) and
adds what a monitoring crawler owes the sites it reads and the people who will rely on what it
kept:

* **bounded everything** - connect/read timeouts plus a wall-clock deadline per response (a
  server that drips one byte a second forever is a timeout, not a hang); at most
  ``max_redirects`` hops; every body streamed and cut at ``max_bytes`` both as transferred and
  once decompressed (a 10 kB gzip bomb that inflates to 10 GB is stopped after ``max_bytes``,
  having never held more than one decompressed chunk in memory);
* **polite** - robots.txt obeyed (protego, cached per origin, ``Crawl-delay`` honoured), a
  per-host concurrency cap and a minimum interval between requests to one host, a
  User-Agent from :class:`~rightswatch.settings.Settings`, conditional GET
  (``If-None-Match``/``If-Modified-Since``) so an unchanged feed costs a 304;
* **resilient** - timeouts, connection errors, 429 and 5xx are retried a bounded number of
  times with exponential backoff and jitter (``Retry-After`` honoured up to a cap); 4xx and
  refusals are not;
* **safe** - every connection, including each redirect hop, goes through
  :mod:`rightswatch.collect.netguard`;
* **recorded** - every complete HTTP exchange (redirects, errors and 304s included) is handed to
  an optional ``archive`` (a :class:`~rightswatch.collect.warc.WarcWriter`) with the request
  and response headers exactly as sent and received and the body exactly as transferred.

Decompression is done here, not by httpx, because httpx inflates a whole network chunk at once
(up to ~1000x its size for gzip, far more for brotli) before the caller can count it.

Failures raise :class:`FetchError` with a stable ``reason`` code (see ``REASONS``).
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from rightswatch.collect.netguard import BlockedAddress, guarded_transport
from rightswatch.errors import RightswatchError
from rightswatch.settings import Settings

__all__ = ["FetchConfig", "Exchange", "Fetched", "FetchError", "Fetcher", "Archive", "REASONS"]

#: Stable reason codes a fetch can fail with (plus ``http-<status>`` for 4xx/5xx answers).
REASONS = (
    "invalid-url",
    "blocked-address",
    "robots-disallowed",
    "timeout",
    "connect-failed",
    "protocol-error",
    "too-many-redirects",
    "redirect-loop",
    "too-large",
    "decompression-bomb",
    "bad-encoding",
)

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_CHUNK = 64 * 1024
_ROBOTS_MAX = 512 * 1024
_ROBOTS_TTL = 3600.0
_MAX_RETRY_AFTER = 30.0
_MAX_CRAWL_DELAY = 30.0


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How a :class:`Fetcher` behaves. Built once from ``Settings`` (see :meth:`from_settings`)."""

    user_agent: str
    allow_private: bool = False
    max_bytes: int = 20 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: Wall-clock limit for one response, headers to last byte (slow-drip bodies).
    deadline: float = 60.0
    retries: int = 2
    backoff: float = 0.5
    max_redirects: int = 5
    #: Total connections the client may hold open; also the worker count callers should use.
    max_connections: int = 8
    per_host_concurrency: int = 2
    #: Minimum seconds between the start of two requests to the same host.
    per_host_interval: float = 1.0
    respect_robots: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> FetchConfig:
        values: dict[str, object] = {
            "user_agent": settings.user_agent,
            "allow_private": settings.allow_private_addresses,
            "max_bytes": settings.max_bytes,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


class FetchError(RightswatchError):
    """A URL that could not be fetched; ``reason`` is a stable code, ``status`` the HTTP status if any."""

    def __init__(self, reason: str, url: str, message: str, status: int | None = None) -> None:
        self.reason = reason
        self.url = url
        self.status = status
        super().__init__(f"{url}: {message}")


@dataclass(frozen=True, slots=True)
class Exchange:
    """One complete HTTP request/response, as it went over the wire (minus transfer coding)."""

    url: str
    method: str
    request_target: str  # path?query as sent
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason_phrase: str
    headers: tuple[tuple[str, str], ...]
    payload: bytes  # the body as transferred (content-encoded), dechunked
    fetched_at: str
    peer_address: str | None = None


class Archive(Protocol):
    """Where exchanges are preserved; returns an opaque reference (a WARC record location)."""

    def write_exchange(self, exchange: Exchange) -> object: ...


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of a successful fetch (2xx or 304), after redirects."""

    url: str  # final URL
    requested_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes  # decoded (Content-Encoding removed); empty for 304
    fetched_at: str
    redirects: tuple[str, ...] = ()
    exchange: Exchange | None = None
    archived: object | None = None  # what the archive returned for the final exchange

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        value = self.header("content-type") or ""
        return value.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        value = self.header("content-type") or ""
        for part in value.split(";")[1:]:
            key, _, val = part.partition("=")
            if key.strip().lower() == "charset" and val.strip():
                return val.strip().strip("\"'").lower()
        return None

    @property
    def etag(self) -> str | None:
        return self.header("etag")

    @property
    def last_modified(self) -> str | None:
        return self.header("last-modified")


# -- decompression with a cap ------------------------------------------------------------------


class _Decoder:
    """Incremental Content-Encoding decoder that never yields more than ``cap`` bytes in total."""

    def __init__(self, encoding: str, cap: int, url: str) -> None:
        self.cap = cap
        self.url = url
        self.total = 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise FetchError("bad-encoding", url, f"stacked content encodings are not supported ({encoding})")
        self.coding = codings[0] if codings else "identity"
        self._z: zlib._Decompress | None = None  # type: ignore[name-defined]
        self._br = None
        self._first = True
        if self.coding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.coding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)  # zlib-wrapped; raw deflate tried on error
        elif self.coding == "br":
            import brotli

            self._br = brotli.Decompressor()
        elif self.coding != "identity":
            raise FetchError("bad-encoding", url, f"unsupported content encoding {self.coding!r}")

    def _count(self, piece: bytes) -> bytes:
        self.total += len(piece)
        if self.total > self.cap:
            if self.coding == "identity":
                raise FetchError("too-large", self.url, f"body larger than {self.cap} bytes")
            raise FetchError(
                "decompression-bomb", self.url, f"body inflates past {self.cap} bytes ({self.coding})"
            )
        return piece

    def feed(self, data: bytes) -> list[bytes]:
        if self.coding == "identity":
            return [self._count(data)] if data else []
        out: list[bytes] = []
        try:
            if self._z is not None:
                if self._first and self.coding == "deflate":
                    self._first = False
                    try:
                        zlib.decompressobj(zlib.MAX_WBITS).decompress(data[:64], 1)
                    except zlib.error:
                        self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # servers that send raw deflate
                pending = data
                while pending:
                    piece = self._z.decompress(pending, _CHUNK)
                    out.append(self._count(piece))
                    pending = self._z.unconsumed_tail
                    if self._z.eof:
                        break
            elif self._br is not None:
                piece = self._br.process(data, output_buffer_limit=_CHUNK)
                out.append(self._count(piece))
                while not self._br.can_accept_more_data():
                    piece = self._br.process(b"", output_buffer_limit=_CHUNK)
                    if not piece:
                        break
                    out.append(self._count(piece))
        except FetchError:
            raise
        except Exception as exc:  # zlib.error, brotli.error
            raise FetchError("bad-encoding", self.url, f"corrupt {self.coding} body ({exc})") from None
        return out

    def finish(self) -> list[bytes]:
        if self._z is not None:
            try:
                return [self._count(self._z.flush())]
            except zlib.error as exc:
                raise FetchError("bad-encoding", self.url, f"corrupt {self.coding} body ({exc})") from None
        return []


# -- politeness ---------------------------------------------------------------------------------


class _HostGate:
    """Per-host concurrency cap and minimum interval between request starts."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self._concurrency = concurrency
        self._interval = interval
        self._lock = threading.Lock()
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._delay[host] = min(max(0.0, seconds), _MAX_CRAWL_DELAY)

    def acquire(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._sems.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        sem.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + max(self._interval, self._delay.get(host, 0.0))
        if start > now:
            time.sleep(start - now)
        return sem


@dataclass
class _Robots:
    parser: Protego | None  # None: everything allowed
    disallow_all: bool
    expires: float


@dataclass
class Fetcher:
    """Fetch URLs politely and safely. Thread-safe; use as a context manager to close."""

    config: FetchConfig
    archive: Archive | None = None
    transport: httpx.BaseTransport | None = None
    #: Called before sleeping between retries (tests replace it to stay fast).
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client = field(init=False)
    _gate: _HostGate = field(init=False)
    _robots: dict[str, _Robots] = field(init=False, default_factory=dict)
    _robots_lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _robots_loading: dict[str, threading.Lock] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        c = self.config
        transport = self.transport or guarded_transport(
            allow_private=c.allow_private, max_connections=c.max_connections
        )
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(c.read_timeout, connect=c.connect_timeout, pool=c.deadline),
            headers={
                "User-Agent": c.user_agent,
                "Accept-Encoding": "gzip, deflate, br",
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                "application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.8",
            },
        )
        self._gate = _HostGate(c.per_host_concurrency, c.per_host_interval)

    @classmethod
    def from_settings(cls, settings: Settings, archive: Archive | None = None, **overrides: object) -> Fetcher:
        return cls(FetchConfig.from_settings(settings, **overrides), archive)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public -----------------------------------------------------------------------------

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, max_bytes: int | None = None
    ) -> Fetched:
        """GET ``url`` following redirects; raise :class:`FetchError` unless the answer is 2xx or 304."""
        cap = max_bytes or self.config.max_bytes
        current = _check_url(url)
        seen = {current}
        redirects: list[str] = []
        while True:
            try:
                allowed = not self.config.respect_robots or self._allowed(current)
            except FetchError as exc:  # robots.txt itself was refused (blocked address)
                raise FetchError(exc.reason, current, str(exc).split(": ", 1)[-1], exc.status) from None
            if not allowed:
                raise FetchError("robots-disallowed", current, "disallowed by robots.txt")
            conditional = {}
            if not redirects:  # validators belong to the URL they were given for
                if etag:
                    conditional["If-None-Match"] = etag
                if last_modified:
                    conditional["If-Modified-Since"] = last_modified
            exchange, body = self._with_retries(current, conditional, cap)
            archived = self.archive.write_exchange(exchange) if self.archive is not None else None
            status = exchange.status
            if status in _REDIRECTS:
                location = _header(exchange.headers, "location")
                if not location:
                    raise FetchError("protocol-error", current, f"{status} redirect without a Location", status)
                target = _check_url(urljoin(current, location.strip()))
                if target in seen:
                    raise FetchError("redirect-loop", url, f"redirect loop at {target}", status)
                if len(redirects) >= self.config.max_redirects:
                    raise FetchError(
                        "too-many-redirects", url, f"more than {self.config.max_redirects} redirects", status
                    )
                seen.add(target)
                redirects.append(current)
                current = target
                continue
            if status == 304 or 200 <= status < 300:
                return Fetched(
                    url=current,
                    requested_url=url,
                    status=status,
                    headers=exchange.headers,
                    body=body,
                    fetched_at=exchange.fetched_at,
                    redirects=tuple(redirects),
                    exchange=exchange,
                    archived=archived,
                )
            raise FetchError(f"http-{status}", current, f"HTTP {status} {exchange.reason_phrase}".rstrip(), status)

    # -- one request, retried ---------------------------------------------------------------

    def _with_retries(self, url: str, extra: dict[str, str], cap: int) -> tuple[Exchange, bytes]:
        attempt = 0
        while True:
            try:
                exchange, body = self._once(url, extra, cap)
            except FetchError as exc:
                if exc.reason not in ("timeout", "connect-failed") or attempt >= self.config.retries:
                    raise
                wait = self._backoff(attempt, None)
            else:
                if exchange.status not in _RETRY_STATUS or attempt >= self.config.retries:
                    return exchange, body
                if self.archive is not None:
                    self.archive.write_exchange(exchange)  # a failed attempt is part of the record
                wait = self._backoff(attempt, _header(exchange.headers, "retry-after"))
            attempt += 1
            self.sleep(wait)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            seconds = _parse_retry_after(retry_after)
            if seconds is not None:
                return min(seconds, _MAX_RETRY_AFTER)
        base = self.config.backoff * (2**attempt)
        return base + random.uniform(0, base / 2)

    def _once(self, url: str, extra: dict[str, str], cap: int) -> tuple[Exchange, bytes]:
        host = urlsplit(url).hostname or ""
        sem = self._gate.acquire(host)
        try:
            return self._request(url, extra, cap)
        finally:
            sem.release()

    def _request(self, url: str, extra: dict[str, str], cap: int) -> tuple[Exchange, bytes]:
        deadline = time.monotonic() + self.config.deadline
        fetched_at = _now_iso()
        try:
            request = self._client.build_request("GET", url, headers=extra)
            response = self._client.send(request, stream=True)
        except BlockedAddress as exc:
            raise FetchError("blocked-address", url, str(exc)) from None
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", url, f"timed out ({type(exc).__name__})") from None
        except httpx.ConnectError as exc:
            raise FetchError("connect-failed", url, f"cannot connect ({exc})") from None
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise FetchError("protocol-error", url, f"{type(exc).__name__}: {exc}") from None
        peer = _peer_address(response)
        try:
            raw = bytearray()
            decoded: list[bytes] = []
            decoder = _Decoder(response.headers.get("content-encoding", ""), cap, url)
            keep_body = response.status_code != 304
            for chunk in response.iter_raw(_CHUNK):
                raw += chunk
                if len(raw) > cap:
                    raise FetchError("too-large", url, f"body larger than {cap} bytes as transferred")
                if time.monotonic() > deadline:
                    raise FetchError("timeout", url, f"body not complete after {self.config.deadline:.0f} s")
                if keep_body:
                    decoded.extend(decoder.feed(chunk))
            if keep_body:
                decoded.extend(decoder.finish())
        except httpx.TimeoutException:
            raise FetchError("timeout", url, "timed out reading the body") from None
        except (httpx.TransportError, httpx.StreamError) as exc:
            raise FetchError("protocol-error", url, f"{type(exc).__name__}: {exc}") from None
        finally:
            response.close()
        req = response.request
        exchange = Exchange(
            url=url,
            method=req.method,
            request_target=req.url.raw_path.decode("ascii", "replace"),
            request_headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in req.headers.raw),
            http_version=response.http_version,
            status=response.status_code,
            reason_phrase=response.reason_phrase,
            headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw),
            payload=bytes(raw),
            fetched_at=fetched_at,
            peer_address=peer,
        )
        return exchange, b"".join(decoded)

    # -- robots.txt -------------------------------------------------------------------------

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            entry = self._robots.get(origin)
            loading = self._robots_loading.setdefault(origin, threading.Lock())
        if entry is None or entry.expires < time.monotonic():
            with loading:  # one fetch of robots.txt per origin, however many workers ask at once
                with self._robots_lock:
                    entry = self._robots.get(origin)
                if entry is None or entry.expires < time.monotonic():
                    entry = self._load_robots(origin, parts.hostname or "")
                    with self._robots_lock:
                        self._robots[origin] = entry
        if entry.disallow_all:
            return False
        if entry.parser is None:
            return True
        return bool(entry.parser.can_fetch(url, self.config.user_agent))

    def _load_robots(self, origin: str, host: str) -> _Robots:
        """RFC 9309: 4xx means no rules; 5xx or unreachable means "disallow all" for now."""
        robots_url = origin + "/robots.txt"
        expires = time.monotonic() + _ROBOTS_TTL
        current = robots_url
        try:
            for _ in range(self.config.max_redirects + 1):
                exchange, body = self._once(current, {}, _ROBOTS_MAX)
                if self.archive is not None:  # the rules we obeyed are part of the record too
                    self.archive.write_exchange(exchange)
                if exchange.status in _REDIRECTS:
                    location = _header(exchange.headers, "location")
                    if not location:
                        break
                    current = _check_url(urljoin(current, location))
                    continue
                break
        except FetchError as exc:
            if exc.reason == "too-large":
                return _Robots(None, False, expires)  # RFC 9309: parse at least 500 KiB; we ignore
            if exc.reason == "blocked-address":
                raise
            return _Robots(None, True, time.monotonic() + 300)
        if 400 <= exchange.status < 500 or exchange.status in _REDIRECTS:
            return _Robots(None, False, expires)
        if exchange.status >= 500:
            return _Robots(None, True, time.monotonic() + 300)
        parser = Protego.parse(body.decode("utf-8", "replace"))
        delay = parser.crawl_delay(self.config.user_agent)
        if delay:
            self._gate.set_delay(host, float(delay))
        return _Robots(parser, False, expires)


# -- helpers ------------------------------------------------------------------------------------


def _peer_address(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        addr = stream.get_extra_info("server_addr")
    except OSError:
        return None
    return str(addr[0]) if addr else None


def _check_url(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid-url", url, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError("invalid-url", url, "only http and https URLs can be fetched")
    return str(parsed.copy_with(fragment=None))


def _header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    lname = name.lower()
    for k, v in headers:
        if k.lower() == lname:
            return v
    return None


def _parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
