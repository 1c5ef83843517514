"""A real HTTP server on loopback serving feeds, articles, robots.txt and every failure.

``site`` starts a threaded ``http.server`` on 127.0.0.1 (port 0) for the test; ``site.url(p)``
builds URLs, ``site.hits`` counts requests per path, ``site.headers`` keeps the request headers
per path, ``site.pages`` / ``site.routes`` can be changed by a test. No test reaches further
than this server.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Example Monitor"></head>
<body><article><h1>{title}</h1>
<p>{body}</p>
<p>The report could not be independently verified, and officials did not respond to requests for comment.</p>
</article></body></html>"""

BODIES = {
    1: "North Korean security agents arrested three women in Hyesan last week for making phone calls to "
       "relatives in South Korea, a source in Ryanggang Province said on Monday.",
    2: "Chinese police in Dandong detained a group of North Korean defectors near the border and the "
       "authorities plan to repatriate them, a human rights group said on Tuesday.",
    3: "A prison camp in North Hamgyong Province forced inmates to work sixteen hours a day in a mine, "
       "according to testimony collected from former detainees who escaped last year.",
}


def article_html(n: int, title: str | None = None, body: str | None = None) -> bytes:
    return ARTICLE.format(title=title or f"Article {n}", body=body or BODIES.get(n, f"Body of article {n}.")).encode()


def rss(base: str, items: list[int], *, extra: str = "") -> bytes:
    entries = "".join(
        f"<item><title>Article {n}</title><link>{base}/articles/{n}.html</link><guid>item-{n}</guid>"
        f"<pubDate>Mon, 0{n} Jun 2024 10:00:00 GMT</pubDate></item>"
        for n in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example feed</title>'
            f"<link>{base}/</link>{entries}{extra}</channel></rss>").encode()


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class Site:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}
        self.routes: dict[str, Callable[[Any], Response | None] | Response] = {}
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path
                with site._lock:
                    site.hits[path] += 1
                    site.headers[path] = {k.lower(): v for k, v in self.headers.items()}
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                try:
                    site._serve(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with site._lock:
                        site.active -= 1

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.host = host
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._install_defaults()
        _BOMB()  # built before serving, so the first request for it is not slow

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- routes --------------------------------------------------------------------------------

    def _install_defaults(self) -> None:
        b = self.base
        html = {"Content-Type": "text/html; charset=utf-8"}
        self.routes.update({
            "/robots.txt": Response(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
            "/feed.xml": self._etagged(rss(b, [1, 2, 3]), "application/rss+xml"),
            "/atom.xml": Response(200, (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                '<entry><id>tag:a,1</id><title>One</title><link href="/articles/1.html"/>'
                "<updated>2024-06-01T10:00:00Z</updated></entry></feed>").encode(),
                {"Content-Type": "application/atom+xml"}),
            "/feed.json": Response(200, (
                '{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
                '{"id": "j1", "url": "' + b + '/articles/2.html", "title": "Two", "date_published": "2024-06-02T00:00:00Z"}]}'
            ).encode(), {"Content-Type": "application/feed+json"}),
            "/news-sitemap.xml": Response(200, (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"<url><loc>{b}/articles/3.html</loc><news:news><news:publication_date>2024-06-03</news:publication_date>"
                "<news:title>Three</news:title></news:news></url></urlset>").encode(), {"Content-Type": "application/xml"}),
            "/404.xml": Response(404, b"not here", {"Content-Type": "text/plain"}),
            "/500.xml": Response(500, b"oops", {"Content-Type": "text/plain"}),
            "/slow.xml": Response(200, rss(b, [1]), {"Content-Type": "application/rss+xml"}, delay=3.0),
            "/malformed.xml": Response(200, b'<?xml version="1.0"?><rss><channel><item><title>broken &bogus; <',
                                       {"Content-Type": "application/rss+xml"}),
            "/home.html": Response(200, b"<!doctype html><html><body><h1>Welcome</h1></body></html>", html),
            "/loop": Response(302, b"", {"Location": "/loop2"}),
            "/loop2": Response(302, b"", {"Location": "/loop"}),
            "/gzip.html": Response(200, gzip.compress(article_html(1)), {**html, "Content-Encoding": "gzip"}),
            "/deflate.html": Response(200, zlib.compress(article_html(2)), {**html, "Content-Encoding": "deflate"}),
            "/private/secret.html": Response(200, article_html(9), html),
            "/moved": Response(301, b"", {"Location": "/articles/1.html"}),
        })
        for n in BODIES:
            self.routes[f"/articles/{n}.html"] = Response(200, article_html(n), html)
        try:
            import brotli

            self.routes["/brotli.html"] = Response(200, brotli.compress(article_html(3)), {**html, "Content-Encoding": "br"})
        except ImportError:  # pragma: no cover
            pass

    @staticmethod
    def _etagged(body: bytes, ctype: str) -> Callable[[Any], Response]:
        def route(req: Any) -> Response:
            etag = '"v1-%d"' % len(body)
            if req.headers.get("If-None-Match") == etag:
                return Response(304, b"", {"ETag": etag})
            return Response(200, body, {"Content-Type": ctype, "ETag": etag,
                                        "Last-Modified": "Mon, 03 Jun 2024 10:00:00 GMT"})
        return route

    def _serve(self, req: Any, path: str) -> None:
        special = {"/endless": self._endless, "/bomb": self._bomb}
        if path in special:
            special[path](req)
            return
        route = self.routes.get(path)
        resp = route(req) if callable(route) else route
        if resp is None:
            resp = Response(404, b"no such page", {"Content-Type": "text/plain"})
        if resp.delay:
            time.sleep(resp.delay)
        req.send_response(resp.status)
        for k, v in resp.headers.items():
            req.send_header(k, v)
        req.send_header("Content-Length", str(len(resp.body)))
        req.end_headers()
        req.wfile.write(resp.body)

    @staticmethod
    def _endless(req: Any) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        chunk = b"<item>" + b"x" * 65536 + b"</item>"
        try:
            for _ in range(100_000):
                req.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            return

    @staticmethod
    def _bomb(req: Any) -> None:
        body = _BOMB()
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Encoding", "gzip")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)


_bomb_cache: list[bytes] = []


def _BOMB() -> bytes:  # noqa: N802 - 16 MiB of zeros in ~16 KiB of gzip
    if not _bomb_cache:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b"\0" * (1 << 20)
        _bomb_cache.append(b"".join(c.compress(block) for _ in range(16)) + c.flush())
    return _bomb_cache[0]


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def settings(tmp_path):
    from rightswatch.settings import Settings

    return Settings(db_url=f"sqlite:///{tmp_path / 'rw.db'}", allow_private_addresses=True, max_bytes=2 * 1024 * 1024)


@pytest.fixture
def fetcher_factory():
    """``fetcher_factory(**config)``: a Fetcher for loopback tests, fast by default; closed after."""
    from rightswatch.collect.http import Fetcher, FetchConfig

    made: list[Fetcher] = []

    def make(archive: Any = None, **overrides: Any) -> Fetcher:
        values: dict[str, Any] = dict(user_agent="rightswatch-test/1.0", allow_private=True, per_host_interval=0.0,
                                      read_timeout=1.0, connect_timeout=1.0, deadline=5.0, backoff=0.01,
                                      max_bytes=2 * 1024 * 1024)
        values.update(overrides)
        f = Fetcher(FetchConfig(**values), archive, sleep=lambda s: None)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


@pytest.fixture
def kit():
    """The helpers of this conftest (tests run with --import-mode=importlib, so not importable)."""
    from types import SimpleNamespace

    return SimpleNamespace(Response=Response, Site=Site, article_html=article_html, rss=rss, BODIES=BODIES)
