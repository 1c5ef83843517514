"""Load test: 50 concurrent analysts searching and reading for 60 s while an ingest writes.

Loopback only, bounded in time. Against the web app when ``rightswatch.web.create_app`` exists
(served by uvicorn in its own process on 127.0.0.1, clients authenticate with an API token; the
mix: full-text search, incident lists, one incident with evidence, one article's report, the HTML
search page), else against ``Store`` reads directly. Meanwhile ``rightswatch ingest`` runs in
another process on the same SQLite database, writing tiny documents one transaction each.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--seed-articles 300]

Prints requests, errors (any non-2xx, timeout or exception), throughput and latency percentiles
per request kind and overall, plus what the writer stored meanwhile. Exit status 1 if any request
failed, so it can gate a release.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))  # hand-built reports (no NLP) for the seed data

WORDS = ["interrogation", "defectors", "Hoeryŏng", "prison", "arrested", "camp", "source", "May", "Hyesan", "detainees"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(db: Path, n: int) -> None:
    import conftest as rc  # tests/reliability/conftest.py

    from rightswatch.store import Store

    with Store.open(f"sqlite:///{db}") as store:
        for i in range(n):
            report = rc._report(i)
            store.save(rc._document(report.article.text.encode(), origin=f"seed://{i}", url=report.article.url), report)


def writer_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"w{i:05d}.txt").write_text(
            f"Update {i}\n\nPolice arrested {i} defectors in Hyesan on May {1 + i % 28}, 2024, a source said.\n"
        )


def start_writer(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("rightswatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from rightswatch.cli.app import main; main()"]
    return subprocess.Popen([*cmd, "ingest", str(corpus), "--db", str(db), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []

    def add(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {detail}")


def web_clients(db: Path, clients: int, seconds: float, rec: Recorder, n_seed: int) -> str:
    import httpx

    from rightswatch.store import Store
    from rightswatch.web.security import new_secret, secret_hash

    token = new_secret()
    with Store.open(f"sqlite:///{db}") as store:
        user = store.add_user("loadtest", None, "viewer")
        store.add_api_token(user.id, secret_hash(token), "bench/load.py")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c",
         "import uvicorn; from rightswatch.settings import Settings; from rightswatch.web import create_app; "
         f"uvicorn.run(create_app(Settings(db_url='sqlite:///{db}')), host='127.0.0.1', port={port}, "
         "log_level='warning', access_log=False)"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/v1/status", headers={"Authorization": f"Bearer {token}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("web app did not start: " + server.stderr.read(4000).decode())  # type: ignore[union-attr]

        def requests(rng: random.Random) -> tuple[str, str]:
            k = rng.random()
            if k < 0.35:
                return "api search", f"/api/v1/search?q={rng.choice(WORDS)}&limit=20"
            if k < 0.55:
                return "api incidents", f"/api/v1/incidents?limit=20&offset={rng.randrange(0, 200)}"
            if k < 0.75:
                return "api incident", f"/api/v1/incidents/{rng.randrange(1, 2 * n_seed)}"
            if k < 0.9:
                return "api article", f"/api/v1/articles/{rng.randrange(1, n_seed)}"
            return "html search", f"/search?q={rng.choice(WORDS)}"

        def client(i: int, stop: float) -> None:
            rng = random.Random(i)
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
                while time.monotonic() < stop:
                    kind, url = requests(rng)
                    t0 = time.perf_counter()
                    try:
                        r = http.get(url)
                        ok = r.status_code < 400
                        detail = f"{r.status_code} {url} {r.text[:200]}"
                    except Exception as exc:  # noqa: BLE001 - every failure is counted
                        ok, detail = False, f"{type(exc).__name__}: {exc} {url}"
                    rec.add(kind, time.perf_counter() - t0, ok, detail)

        t0 = time.perf_counter()
        stop = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(i, stop)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    return "web app (uvicorn, loopback, API token)", elapsed


def store_clients(db: Path, clients: int, seconds: float, rec: Recorder, n_seed: int) -> str:
    from rightswatch.store import Store

    store = Store.open(f"sqlite:///{db}")

    def client(i: int, stop: float) -> None:
        rng = random.Random(i)
        while time.monotonic() < stop:
            k = rng.random()
            t0 = time.perf_counter()
            kind = "search" if k < 0.4 else "incidents" if k < 0.7 else "incident" if k < 0.9 else "report"
            try:
                if kind == "search":
                    store.search(rng.choice(WORDS), limit=20)
                elif kind == "incidents":
                    store.list_incidents(limit=20, offset=rng.randrange(0, 200))
                elif kind == "incident":
                    store.get_incident(rng.randrange(1, 2 * n_seed))
                else:
                    store.get_report(rng.randrange(1, n_seed))
                rec.add(kind, time.perf_counter() - t0, True)
            except Exception as exc:  # noqa: BLE001
                rec.add(kind, time.perf_counter() - t0, False, f"{type(exc).__name__}: {exc}")

    t0 = time.perf_counter()
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(i, stop)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    return "Store reads in-process (no web app found)", time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed-articles", type=int, default=300)
    ap.add_argument("--writer-docs", type=int, default=20000)
    ap.add_argument("--store", action="store_true", help="Read through Store even if the web app exists.")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rw-load-"))
    db = work / "load.db"
    seed(db, args.seed_articles)
    writer_corpus(work / "incoming", args.writer_docs)
    try:
        from rightswatch.web import create_app  # noqa: F401

        has_web = not args.store
    except ImportError:
        has_web = False
    writer = start_writer(db, work / "incoming")
    from rightswatch.store import Store

    with Store.open(f"sqlite:///{db}") as store:  # wait until the writer commits (model loaded)
        deadline = time.monotonic() + 120
        while store.status().documents <= args.seed_articles and time.monotonic() < deadline:
            time.sleep(0.2)
        before = store.status().documents
    rec = Recorder()
    target = web_clients if has_web else store_clients
    what, elapsed = target(db, args.clients, args.seconds, rec, args.seed_articles)
    writer_alive = writer.poll() is None
    writer.kill()
    writer.wait()
    with Store.open(f"sqlite:///{db}") as store:
        written = store.status().documents - before

    all_lat = [x for v in rec.latency.values() for x in v]
    total, errors = len(all_lat), sum(rec.errors.values())
    print(f"## load: {args.clients} clients x {args.seconds:.0f} s against {what}, ingest writing meanwhile\n")
    print("| request | n | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for kind in sorted(rec.latency):
        v = rec.latency[kind]
        print(f"| {kind} | {len(v)} | {rec.errors[kind]} | {statistics.median(v) * 1000:.0f} | "
              f"{percentile(v, 95) * 1000:.0f} | {percentile(v, 99) * 1000:.0f} | {max(v) * 1000:.0f} |")
    print(f"| **all** | {total} | **{errors}** | {statistics.median(all_lat) * 1000:.0f} | "
          f"{percentile(all_lat, 95) * 1000:.0f} | **{percentile(all_lat, 99) * 1000:.0f}** | {max(all_lat) * 1000:.0f} |")
    print(f"\nthroughput {total / elapsed:.0f} requests/s; the writer stored {written} documents meanwhile "
          f"({written / elapsed:.1f}/s; still running at the end: {writer_alive})")
    for s in rec.samples:
        print("  error:", s)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
