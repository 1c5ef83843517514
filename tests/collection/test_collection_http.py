"""The fetcher against a real loopback server: decoding, politeness, limits and each failure."""

from __future__ import annotations

import gzip
import socket
import threading
import zlib

import pytest

from rightswatch.collect.http import FetchError
from rightswatch.collect import netguard


def test_plain_page_with_user_agent_and_headers(site, fetcher_factory) -> None:
    f = fetcher_factory()
    got = f.fetch(site.url("/articles/1.html"))
    assert got.status == 200 and b"Hyesan" in got.body
    assert got.media_type == "text/html" and got.charset == "utf-8"
    assert site.headers["/articles/1.html"]["user-agent"] == "rightswatch-test/1.0"
    assert got.exchange is not None and got.exchange.peer_address == "127.0.0.1"


@pytest.mark.parametrize("path,needle,coding", [
    ("/gzip.html", b"Hyesan", "gzip"), ("/deflate.html", b"Dandong", "deflate"), ("/brotli.html", b"prison camp", "br"),
])
def test_compressed_bodies_are_decoded_but_archived_as_sent(site, fetcher_factory, path, needle, coding) -> None:
    got = fetcher_factory().fetch(site.url(path))
    assert needle in got.body
    assert got.header("content-encoding") == coding
    assert needle not in got.exchange.payload  # the exchange keeps the bytes as transferred


def test_conditional_get_returns_304(site, fetcher_factory) -> None:
    f = fetcher_factory()
    first = f.fetch(site.url("/feed.xml"))
    assert first.etag and first.last_modified
    second = f.fetch(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    assert site.headers["/feed.xml"]["if-none-match"] == first.etag


def test_robots_txt_is_obeyed_and_the_page_never_requested(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory().fetch(site.url("/private/secret.html"))
    assert info.value.reason == "robots-disallowed"
    assert site.hits["/private/secret.html"] == 0 and site.hits["/robots.txt"] == 1


def test_robots_txt_server_error_means_disallow_all(site, fetcher_factory, kit) -> None:
    Response = kit.Response

    site.routes["/robots.txt"] = Response(503, b"down", {"Content-Type": "text/plain"})
    with pytest.raises(FetchError) as info:
        fetcher_factory().fetch(site.url("/articles/1.html"))
    assert info.value.reason == "robots-disallowed"
    assert site.hits["/articles/1.html"] == 0


def test_robots_txt_missing_means_allow_all(site, fetcher_factory) -> None:
    del site.routes["/robots.txt"]
    assert fetcher_factory().fetch(site.url("/articles/1.html")).status == 200


def test_404_is_not_retried(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory(retries=2).fetch(site.url("/404.xml"))
    assert info.value.reason == "http-404" and info.value.status == 404
    assert site.hits["/404.xml"] == 1


def test_500_is_retried_with_backoff_then_fails(site, fetcher_factory) -> None:
    waits: list[float] = []
    f = fetcher_factory(retries=2)
    f.sleep = waits.append
    with pytest.raises(FetchError) as info:
        f.fetch(site.url("/500.xml"))
    assert info.value.reason == "http-500"
    assert site.hits["/500.xml"] == 3 and len(waits) == 2 and waits[1] > waits[0]


def test_retry_after_is_honoured(site, fetcher_factory, kit) -> None:
    Response = kit.Response

    calls = {"n": 0}

    def flaky(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return Response(503, b"busy", {"Retry-After": "7"})
        return Response(200, b"<html><body>ok</body></html>", {"Content-Type": "text/html"})

    site.routes["/flaky"] = flaky
    waits: list[float] = []
    f = fetcher_factory(retries=2)
    f.sleep = waits.append
    assert f.fetch(site.url("/flaky")).status == 200
    assert waits == [7.0]


def test_timeout(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory(read_timeout=0.3, retries=0).fetch(site.url("/slow.xml"))
    assert info.value.reason == "timeout"


def test_redirect_followed_and_recorded(site, fetcher_factory) -> None:
    got = fetcher_factory().fetch(site.url("/moved"))
    assert got.url == site.url("/articles/1.html") and got.redirects == (site.url("/moved"),)
    assert got.requested_url == site.url("/moved")


def test_redirect_loop(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory().fetch(site.url("/loop"))
    assert info.value.reason == "redirect-loop"


def test_too_many_redirects(site, fetcher_factory, kit) -> None:
    Response = kit.Response

    for i in range(10):
        site.routes[f"/r{i}"] = Response(302, b"", {"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError) as info:
        fetcher_factory(max_redirects=3).fetch(site.url("/r0"))
    assert info.value.reason == "too-many-redirects"
    assert site.hits["/r4"] == 0


def test_endless_body_is_cut(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory(max_bytes=256 * 1024).fetch(site.url("/endless"))
    assert info.value.reason == "too-large"


def test_gzip_bomb_is_stopped(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory(max_bytes=1024 * 1024).fetch(site.url("/bomb"))
    assert info.value.reason == "decompression-bomb"


def test_per_host_concurrency_cap(site, fetcher_factory, kit) -> None:
    Response = kit.Response

    site.routes["/slowish"] = Response(200, b"<html><body>x</body></html>", {"Content-Type": "text/html"}, delay=0.2)
    f = fetcher_factory(per_host_concurrency=2)
    threads = [threading.Thread(target=f.fetch, args=(site.url("/slowish"),)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert site.hits["/slowish"] == 6 and site.max_active <= 2


def test_per_host_interval_spaces_requests(site, fetcher_factory) -> None:
    import time

    f = fetcher_factory(per_host_interval=0.2)
    start = time.monotonic()
    for _ in range(3):
        f.fetch(site.url("/articles/1.html"))
    # robots.txt + 3 pages = 4 request starts, 3 intervals
    assert time.monotonic() - start >= 0.55


# -- the network guard --------------------------------------------------------------------------


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.4", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::1", False), ("fe80::1", False), ("fd00:ec2::254", False), ("::ffff:127.0.0.1", False),
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("93.184.216.34", True),
])
def test_is_public_address(address: str, public: bool) -> None:
    assert netguard.is_public_address(address) is public


def test_loopback_is_refused_by_default_and_never_connected(site, fetcher_factory) -> None:
    with pytest.raises(FetchError) as info:
        fetcher_factory(allow_private=False).fetch(site.url("/articles/1.html"))
    assert info.value.reason == "blocked-address"
    assert sum(site.hits.values()) == 0


def test_a_name_resolving_to_the_metadata_address_is_refused(monkeypatch, fetcher_factory) -> None:
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError) as info:
        fetcher_factory(allow_private=False).fetch("http://news.example/feed.xml")
    assert info.value.reason == "blocked-address" and "169.254.169.254" in str(info.value)


def test_redirect_to_a_private_address_is_refused_at_the_hop(kit) -> None:
    """A 'public' server (127.0.0.2, declared public for this test) redirects to 127.0.0.1."""
    Response, Site = kit.Response, kit.Site

    from rightswatch.collect.http import FetchConfig, Fetcher

    try:
        public = Site("127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 is not available on this machine")
    private = Site("127.0.0.1")
    public.start()
    private.start()
    public.routes["/go"] = Response(302, b"", {"Location": private.url("/articles/1.html")})
    original = netguard.is_public_address
    netguard.is_public_address = lambda a: a == "127.0.0.2" or original(a)  # type: ignore[assignment]
    try:
        f = Fetcher(FetchConfig(user_agent="t", per_host_interval=0), sleep=lambda s: None)
        with pytest.raises(FetchError) as info:
            f.fetch(public.url("/go"))
        f.close()
    finally:
        netguard.is_public_address = original  # type: ignore[assignment]
        public.stop()
        private.stop()
    assert info.value.reason == "blocked-address"
    assert public.hits["/go"] == 1 and sum(private.hits.values()) == 0
