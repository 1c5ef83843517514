"""Benchmark: collection throughput (fetch-and-store) and WARC reading speed vs warcio alone.

1. **fetch-and-store**: a threaded HTTP server on 127.0.0.1 serves ``--pages`` distinct article
   pages (~6 kB each); rightswatch fetches them with 8 concurrent connections (robots.txt
   checked, per-host cap 8, no politeness delay since it is our own server), writes every
   exchange to WARC with SHA-256 digests, records each WARC record in the database and stores
   each page as a document. Analysis is not included (it is measured in ``throughput.py``).
2. **WARC reading**: a ``.warc.gz`` of ``--records`` responses is read (a) by warcio alone --
   iterate, read every response body -- and (b) by ``rightswatch.collect.warc.iter_warc_documents``
   (the reader behind ``rightswatch ingest crawl.warc.gz``), in the same run, best of 3 each.
   Target: (b) >= 0.8 x (a).

    .venv/bin/python bench/collection.py [--pages 400] [--records 2000]

A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import http.server
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rightswatch.cli.collection import CollectionSession
from rightswatch.collect.http import Exchange
from rightswatch.collect.warc import WarcWriter, iter_warc_documents
from rightswatch.collect.watch import fetch_documents
from rightswatch.records import Document
from rightswatch.settings import Settings
from rightswatch.store import Store

PARAGRAPH = (
    "North Korean security agents arrested several residents of Hyesan for making phone calls to relatives "
    "in South Korea, a source in Ryanggang Province said. The detainees were taken for interrogation. "
)


def page(n: int) -> bytes:
    body = "".join(f"<p>{n}: {PARAGRAPH}</p>" for _ in range(25))
    return f"<!doctype html><html><head><title>Article {n}</title></head><body><article>{body}</article></body></html>".encode()


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                body, ctype = page(int(self.path.rsplit("/", 1)[-1].split(".")[0])), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bench_fetch(pages: int, work: Path) -> None:
    server, base = serve()
    settings = Settings(db_url=f"sqlite:///{work / 'bench.db'}", allow_private_addresses=True)
    with Store.open(settings.db_url) as store:
        session = CollectionSession(
            settings, store, work / "warc", link=False,
            fetch_overrides={"per_host_interval": 0.0, "per_host_concurrency": 8, "max_connections": 8},
        )
        urls = [f"{base}/a/{i}.html" for i in range(pages)]
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:

            def one(chunk: list[str]) -> int:
                stored = 0
                for item in fetch_documents(session.fetcher, chunk, _Serial()):
                    if isinstance(item, Document):
                        store.save(item)
                        session.repo.set_warc_document(item.hint("warc-record-id") or "", item.sha256)
                        stored += 1
                return stored

            chunks = [urls[i::8] for i in range(8)]
            stored = sum(pool.map(one, chunks))
        elapsed = time.perf_counter() - start
        session.close()
        records = sum(1 for _ in session.repo.iter_warc_records())
    server.shutdown()
    print(f"fetch-and-store: {stored} pages in {elapsed:.2f} s = {stored / elapsed:.0f} pages/s "
          f"(8 connections; {records} WARC records written and indexed)")


class _Serial:
    """An executor stand-in: each of the 8 workers fetches its own share one page at a time."""

    def map(self, fn, items):  # type: ignore[no-untyped-def]
        return [fn(i) for i in items]


def build_warc(records: int, work: Path) -> Path:
    with WarcWriter(work / "read", max_file_bytes=1 << 40) as writer:
        for i in range(records):
            ref = writer.write_exchange(Exchange(
                url=f"https://news.example/a/{i}", method="GET", request_target=f"/a/{i}",
                request_headers=(("Host", "news.example"),), http_version="HTTP/1.1", status=200,
                reason_phrase="OK", headers=(("Content-Type", "text/html; charset=utf-8"),),
                payload=page(i), fetched_at="2024-06-03T10:00:00.000000Z"))
    return Path(ref.file)


def read_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                n += len(record.content_stream().read())
    return n


def read_ours(path: Path) -> int:
    return sum(len(d.raw) for d in iter_warc_documents(path, Settings()) if isinstance(d, Document))


def bench_read(records: int, work: Path) -> None:
    path = build_warc(records, work)
    size = path.stat().st_size
    best: dict[str, float] = {}
    payload = 0
    for _ in range(3):
        for name, fn in (("warcio alone", read_warcio), ("rightswatch reader", read_ours)):
            start = time.perf_counter()
            payload = fn(path)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
    print(f"WARC reading: {records} responses, {size / 1e6:.1f} MB on disk, {payload / 1e6:.1f} MB of bodies")
    for name, seconds in best.items():
        print(f"  {name:20s} {size / 1e6 / seconds:7.1f} MB/s compressed ({payload / 1e6 / seconds:6.1f} MB/s bodies)")
    ratio = best["warcio alone"] / best["rightswatch reader"]
    print(f"  ratio rightswatch / warcio alone: {ratio:.2f} (target >= 0.8)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_fetch(args.pages, work)
        bench_read(args.records, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
