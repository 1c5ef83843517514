"""Crash safety of ``rightswatch watch``: SIGKILL it at random points, restart, lose and repeat nothing.

A loopback site serves an RSS feed of ``N_ENTRIES`` entries whose pages are spread over
``HOSTS`` loopback addresses (127.0.0.2, 127.0.0.3, ...: the fetcher's politeness allows one
request per second per host, so a single host would make this test take minutes). The real
command, ``rightswatch watch --once --allow-private-addresses`` with a fresh SQLite database,
runs in a subprocess and is killed with SIGKILL three times (``PLAN``):

1. the process kills itself on entering the linking of its 1st-3rd batch (the batch is stored
   and tied to its WARC records, its entries not yet marked seen);
2. killed from outside once the database holds a random number of documents, after a random
   0-0.6 s more (mid-fetch, mid-analysis, mid-WARC-write, mid-transaction, between steps);
3. the process kills itself on its 2nd-20th ``mark_item`` (a batch half marked seen).

Then it runs to the end. Afterwards:

* every feed entry's page is stored exactly once: the stored bytes are exactly the served pages
  (same SHA-256s, same URLs, one document each), and every entry of the seen-item log is
  ``stored``/``duplicate`` and names its page's document;
* nothing half-written: every document has its article, every article its document and all of
  its incidents, every incident and quote its article; the FTS index passes ``integrity-check``;
  ``PRAGMA integrity_check`` is ``ok``, ``foreign_key_check`` empty, no failures recorded;
* the evidence trail: every document is tied to an archived response of its URL
  (``warc_records.document_sha256``), every WARC file the database names exists, every WARC
  file in the folder (those of killed runs included) reads whole with valid digests, and
  ``rightswatch verify`` exits 0;
* the source's last check is ``ok`` (the final run finished the poll);
* every stored article is linked (has its MinHash signature): a run catches up on articles a
  killed run stored but did not link.

Why this holds (``collect/watch.py``): WARC records are flushed before the store hears of them;
``Store.save`` is one transaction; an entry is marked seen only after its document is stored, so
a kill in between refetches the same bytes, which the store keeps once (and ties to the new
WARC record).
"""

from __future__ import annotations

import hashlib
import http.server
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

N_ENTRIES = 96
HOSTS = 16
#: How each killed run ends: SIGKILL from outside at a random fill level and moment, or a SIGKILL the
#: process sends itself on entering a chosen step (``module:Class.method``, on its n-th call with a
#: non-empty first argument, n drawn from the range), so the windows between the steps that finish a
#: batch are hit every time. (Each run costs a few seconds of start-up: spaCy.)
PLAN = [
    # a batch stored and tied to its WARC records, not yet linked nor marked seen
    ("inject", "rightswatch.cli.collection:Linking.link_articles", (1, 3)),
    ("random", None, None),
    # a batch stored, linked and partly marked seen
    ("inject", "rightswatch.store.collection_repo:CollectionRepository.mark_item", (2, 20)),
]
KILLS = len(PLAN)

#: Run the CLI with one method wrapped to SIGKILL the process on its n-th call.
_INJECT = """
import os, signal, sys, importlib
module, qualname, nth = os.environ["RW_TEST_SIGKILL_AT"].split(":")  # module:Class.method:n
cls_name, method = qualname.split(".")
cls = getattr(importlib.import_module(module), cls_name)
original, calls = getattr(cls, method), [0]
def wrapper(self, *args, **kwargs):
    if args and args[0]:
        calls[0] += 1
        if calls[0] == int(nth):
            os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)
setattr(cls, method, wrapper)
from rightswatch.cli.app import main
sys.argv = ["rightswatch", *sys.argv[1:]]
main()
"""

pytestmark = pytest.mark.slow

_WHO = ["Kim Chol", "Lee Young-hee", "Park Sun", "Choi Min", "Ri Myong"]
_WHERE = ["Hyesan", "Hoeryong", "Musan", "Sinuiju", "Chongjin"]


def _page(i: int) -> bytes:
    who, where = _WHO[i % 5], _WHERE[(i // 5) % 5]
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Arrest report {i}</title>'
        f'<meta property="og:site_name" content="Loopback Monitor"></head><body><article><h1>Arrest report {i}</h1>'
        f"<p>North Korean security agents arrested {who} in {where} on May {1 + i % 28}, 2024, for making phone "
        f"calls to relatives in South Korea, a source in Ryanggang Province said. Case number {i}.</p>"
        "<p>The report could not be independently verified, and officials did not respond to requests for "
        "comment.</p></article></body></html>"
    ).encode()


class _Site:
    """One threaded HTTP server per loopback address; ``routes[(host, path)] = (content type, body)``."""

    def __init__(self, hosts: list[str]) -> None:
        self.routes: dict[tuple[str, str], tuple[str, bytes]] = {}
        self.servers: list[http.server.ThreadingHTTPServer] = []
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                host = self.server.server_address[0]
                ctype, body = routes.get((host, self.path), ("text/plain", b""))
                try:
                    self.send_response(200 if body else 404)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client was killed mid-response
                    pass

        port = 0
        for host in hosts:  # the same port on every address (the first one picks it)
            server = http.server.ThreadingHTTPServer((host, port), Handler)
            server.daemon_threads = True
            port = server.server_address[1]
            self.servers.append(server)
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.port = port

    def base(self, host: str) -> str:
        return f"http://{host}:{self.port}"

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def watched(crashkit: SimpleNamespace, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """Serve the feed, run the kill-and-restart scenario once; the tests inspect what it left."""
    hosts = ["127.0.0.1"] + [f"127.0.0.{2 + k}" for k in range(HOSTS)]
    try:
        site = _Site(hosts)
    except OSError as exc:  # pragma: no cover - a kernel without the whole 127/8 on loopback
        pytest.skip(f"cannot listen on {HOSTS} loopback addresses: {exc}")
    try:
        robots = ("text/plain", b"User-agent: *\nAllow: /\n")
        pages: dict[str, bytes] = {}
        items = []
        for i in range(N_ENTRIES):
            host = hosts[1 + i % HOSTS]
            url = f"{site.base(host)}/articles/{i}.html"
            pages[url] = _page(i)
            site.routes[(host, f"/articles/{i}.html")] = ("text/html; charset=utf-8", pages[url])
            items.append(f"<item><title>Arrest report {i}</title><link>{url}</link><guid isPermaLink=\"false\">entry-{i}</guid>"
                         f"<pubDate>Mon, 03 Jun 2024 10:{i % 60:02d}:00 GMT</pubDate></item>")
        for host in hosts:
            site.routes[(host, "/robots.txt")] = robots
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback feed</title>'
                f"<link>{site.base(hosts[0])}/</link>{''.join(items)}</channel></rss>").encode()
        site.routes[(hosts[0], "/feed.xml")] = ("application/rss+xml", feed)
        feed_url = site.base(hosts[0]) + "/feed.xml"

        tmp = tmp_path_factory.mktemp("watch_crash")
        db = tmp / "rw.db"
        env = {"RIGHTSWATCH_DB": str(db), "RIGHTSWATCH_WARC_DIR": str(tmp / "warc")}
        added = subprocess.run([*crashkit.CLI, "sources", "add", feed_url, "--name", "loopback", "--every", "1h"],
                               env=dict(os.environ, **env), capture_output=True, timeout=60)
        assert added.returncode == 0, added.stderr.decode()

        def watch() -> subprocess.Popen[bytes]:
            return crashkit.spawn(["watch", "--once", "--allow-private-addresses"], env=env)

        rng = random.Random(0x8_3A7C)
        kills = 0
        for how, what, nth in PLAN:
            if how == "inject":  # the process kills itself at a chosen step
                spec = f"{what}:{rng.randint(*nth)}"
                proc = subprocess.Popen([sys.executable, "-c", _INJECT, "watch", "--once", "--allow-private-addresses"],
                                        env=dict(os.environ, **env, RW_TEST_SIGKILL_AT=spec), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, start_new_session=True)
                _out, err = proc.communicate(timeout=120)
                assert proc.returncode == -signal.SIGKILL, f"{spec} was not reached: {err.decode()[-2000:]}"
                kills += 1
            else:  # at a random fill level, plus up to 0.6 s (a batch cycle is about a second)
                target = min(crashkit.count_documents(db) + rng.randint(3, 16), N_ENTRIES - 40)
                kills += crashkit.kill_at_fill(watch, lambda: crashkit.count_documents(db), [target], rng, max_delay=0.6)
        before = crashkit.count_documents(db)
        proc = watch()
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()[-3000:]
        verify = subprocess.run([*crashkit.CLI, "verify", "--json"], env=dict(os.environ, **env),
                                capture_output=True, timeout=120)
        yield SimpleNamespace(db=db, warc_dir=tmp / "warc", pages=pages, kills=kills, before=before,
                              output=out.decode(), verify=verify, env=env)
    finally:
        site.stop()


def test_reliability_sigkill_watch_stores_every_entry_exactly_once(watched: SimpleNamespace, crashkit: SimpleNamespace) -> None:
    run = watched
    assert run.kills == KILLS
    assert 0 < run.before < N_ENTRIES, "the kills left work for the final run"
    assert "loopback: ok," in run.output, run.output
    expected = {hashlib.sha256(body).hexdigest(): url for url, body in run.pages.items()}
    conn = sqlite3.connect(run.db)
    try:
        crashkit.assert_sqlite_whole(conn, N_ENTRIES)
        docs = conn.execute("SELECT sha256, url FROM documents").fetchall()
        assert len(docs) == N_ENTRIES
        assert dict(docs) == expected  # exactly the served pages, each once, under its URL
        assert all(hashlib.sha256(raw).hexdigest() == sha for sha, raw in conn.execute("SELECT sha256, raw FROM documents"))
        # the seen-item log: one row per entry, each done, each naming its page's document
        seen = conn.execute("SELECT item_key, url, status, document_sha256 FROM seen_items").fetchall()
        assert sorted(k for k, *_ in seen) == sorted(f"entry-{i}" for i in range(N_ENTRIES))
        assert {s for _k, _u, s, _d in seen} <= {"stored", "duplicate"}, seen
        assert all(expected.get(sha) == url for _k, url, _s, sha in seen), seen
        source = conn.execute("SELECT last_status, last_reason FROM sources").fetchall()
        assert source == [("ok", None)]
    finally:
        conn.close()


def test_reliability_sigkill_watch_keeps_the_warc_evidence_whole(watched: SimpleNamespace) -> None:
    from rightswatch.collect.warc import verify_file

    run = watched
    assert run.verify.returncode == 0, (run.verify.stdout.decode()[-3000:], run.verify.stderr.decode()[-3000:])
    conn = sqlite3.connect(run.db)
    try:
        # every document is tied to an archived response of its own URL
        untied = conn.execute(
            "SELECT d.url FROM documents d WHERE NOT EXISTS (SELECT 1 FROM warc_records w "
            "WHERE w.document_sha256 = d.sha256 AND w.target_uri = d.url)"
        ).fetchall()
        assert untied == []
        files = {r[0] for r in conn.execute("SELECT DISTINCT warc_file FROM warc_records")}
        dangling = conn.execute(
            "SELECT count(*) FROM warc_records w WHERE w.document_sha256 IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.sha256 = w.document_sha256)"
        ).fetchone()[0]
        assert dangling == 0
    finally:
        conn.close()
    assert all(Path(f).is_file() for f in files)
    on_disk = sorted(run.warc_dir.glob("*.warc.gz"))
    assert len(on_disk) >= 2  # one file per process that fetched (never appended to)
    for path in on_disk:  # those of killed runs too
        check = verify_file(path)
        assert check.problems == (), check.problems


def test_reliability_sigkill_watch_links_every_stored_article(watched: SimpleNamespace) -> None:
    """Every stored article has its MinHash signature (near-duplicate/derivative linking done)."""
    conn = sqlite3.connect(watched.db)
    try:
        unsigned = conn.execute(
            "SELECT a.id, a.url FROM articles a LEFT JOIN minhash_signatures s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL"
        ).fetchall()
    finally:
        conn.close()
    assert unsigned == []
