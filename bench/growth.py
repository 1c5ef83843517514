"""Growth of the stages that touch everything stored so far: duplicate check, database writes, linking.

    .venv/bin/python bench/growth.py [--articles 100000] [--json out.json]
    .venv/bin/python bench/growth.py --link-db corpus.db     # link every article of an existing database

``--link-db`` times the link stage alone over a database the full pipeline wrote
(``bench/pipeline.py --no-link --keep-db PATH``): every article not yet signed, in id order, chunks
of 100, with the CPU per article and the process's peak memory reported per decile.

The per-article stages (HTML extraction, the gate, spaCy) cost the same whatever is stored; the
ones that can grow with the database are the duplicate check (``Store.has_document``), the writes
(``Store.save``: document, article, FTS rows) and near-duplicate/derivative linking (MinHash LSH
over every stored article). This runs exactly those, at a size the full pipeline cannot reach on a
shared machine in one session: the corpus of ``bench/pipeline.py`` (same generator, same seed,
10% relevant copies, 90% other news) is built in memory page by page (HTML kept as the document's
bytes), each article stored as the pipeline stores an article the gate skipped (its report with a
relevance and no incidents) after the duplicate check, in a fresh SQLite file; every 1,000 stored
articles are linked (in chunks of 100, as ``rightswatch link`` does) against all linked before. CPU time per call (robust to other
jobs) is reported per decile of the run: a stage that slows as the database fills shows a rising
series. Not timed: generating the pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pipeline as gen  # noqa: E402  (bench/pipeline.py: the corpus generator)


def pages(n: int, seed: int):  # type: ignore[no-untyped-def]
    """(html, title, paragraphs, published, url, outlet, relevant) of the ``n`` pages ``generate_corpus`` writes."""
    for p in gen.draw_pages(n, seed):
        url = f"https://{p.outlet[1]}/{p.section}/{p.slug}"
        yield p.html, p.title, p.paras, p.published, url, p.outlet[0], p.relevant


def _deciles(values: list[float]) -> list[float]:
    return gen._deciles(values)


def _link_chunk(linking, chunk: list[int], link_cpu: list[float], links: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Link ``chunk`` (as one ``rightswatch link`` call would), recording CPU per article and link counts."""
    c = time.process_time()
    d1, d2 = linking.link_articles(chunk)
    link_cpu.extend([(time.process_time() - c) / len(chunk)] * len(chunk))
    links[0] += d1
    links[1] += d2


def run(n: int, seed: int, db: Path) -> dict:
    import resource

    from rightswatch.cli.collection import Linking
    from rightswatch.records import Article, Document, Report
    from rightswatch.store import Store
    from rightswatch.store.collection_repo import CollectionRepository

    store = Store.open(f"sqlite:///{db}")
    linking = Linking(CollectionRepository(store))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    check_cpu: list[float] = []
    save_cpu: list[float] = []
    link_cpu: list[float] = []
    pending: list[int] = []
    stored = dup = 0
    links = [0, 0]
    step = max(1, n // 20)
    t0 = time.perf_counter()

    def link_pending() -> None:
        for k in range(0, len(pending), 100):
            _link_chunk(linking, pending[k:k + 100], link_cpu, links)
        pending.clear()

    for i, (html, title, paras, published, url, outlet, _) in enumerate(pages(n, seed)):
        raw = html.encode("utf-8")
        sha = hashlib.sha256(raw).hexdigest()
        doc = Document(raw=raw, sha256=sha, media_type="text/html", origin=f"/corpus/a{i:06d}.html", origin_kind="file",
                       received_at=now, url=url)
        article = Article(text="\n\n".join(paras), title=title, published=published, published_source="meta",
                          outlet=outlet, url=url, language="en")
        report = Report(article=article, relevance=0.0, profile="north_korea", codebook="default",
                        extractor_version="bench-growth")
        c = time.process_time()
        seen = store.has_document(sha)
        check_cpu.append(time.process_time() - c)
        if seen:
            dup += 1
            continue
        c = time.process_time()
        result = store.save(doc, report)
        save_cpu.append(time.process_time() - c)
        stored += 1
        if result.article_id:
            pending.append(result.article_id)
        if len(pending) >= 1000:  # link as a running `rightswatch link` would, 1,000 new articles at a time
            link_pending()
        if (i + 1) % step == 0:
            print(f"[growth] {i + 1}/{n} stored and linked, wall {time.perf_counter() - t0:.0f} s; CPU ms per article over the "
                  f"last {step}: check {1000 * sum(check_cpu[-step:]) / step:.2f}, save {1000 * sum(save_cpu[-step:]) / step:.2f}, "
                  f"link {1000 * sum(link_cpu[-step:]) / max(1, len(link_cpu[-step:])):.2f}; "
                  f"near-duplicate links so far {links[0]}", file=sys.stderr, flush=True)
    link_pending()
    wall = time.perf_counter() - t0
    store.close()
    return {
        "articles": n, "stored": stored, "duplicates": dup, "near_duplicate_links": links[0], "derivative_links": links[1],
        "wall_s": wall,
        "check_cpu_ms_by_decile": _deciles(check_cpu), "save_cpu_ms_by_decile": _deciles(save_cpu),
        "link_cpu_ms_by_decile": _deciles(link_cpu), "db_mb": db.stat().st_size / 1e6,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def link_existing(db: Path) -> dict:
    import resource

    from rightswatch.cli.collection import Linking
    from rightswatch.store import Store
    from rightswatch.store.collection_repo import CollectionRepository

    def rss() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    store = Store.open(f"sqlite:///{db}")
    repo = CollectionRepository(store)
    ids = [a.id for a in repo.iter_unsigned_articles()]
    rss_start = rss()
    linking = Linking(repo)
    n = len(ids)
    link_cpu: list[float] = []
    rss_by_decile: list[float] = []
    links = [0, 0]
    t0 = time.perf_counter()
    for k in range(0, n, 100):
        _link_chunk(linking, ids[k:k + 100], link_cpu, links)
        if len(link_cpu) * 10 // n > len(rss_by_decile):
            rss_by_decile.append(rss())
            print(f"[link] {len(link_cpu)}/{n} linked, wall {time.perf_counter() - t0:.0f} s, link CPU "
                  f"{1000 * sum(link_cpu[-n // 10:]) / len(link_cpu[-n // 10:]):.2f} ms/article over the last 10%, "
                  f"peak RSS {rss_by_decile[-1]:.0f} MB", file=sys.stderr, flush=True)
    wall = time.perf_counter() - t0
    store.close()
    return {"articles": n, "near_duplicate_links": links[0], "derivative_links": links[1], "wall_s": wall,
            "link_cpu_ms_by_decile": _deciles(link_cpu), "maxrss_mb_before_linking": rss_start,
            "maxrss_mb_by_decile": rss_by_decile, "db_mb": db.stat().st_size / 1e6, "maxrss_mb": rss()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--link-db", type=Path, help="link the unsigned articles of this existing database instead")
    args = ap.parse_args()
    if args.link_db:
        result = link_existing(args.link_db)
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        print(f"{result['articles']:,} articles linked: {result['near_duplicate_links']:,} near-duplicate and "
              f"{result['derivative_links']:,} derivative links, peak RSS {result['maxrss_mb']:.0f} MB "
              f"({result['maxrss_mb_before_linking']:.0f} MB before linking)")
        print("link CPU ms per article by decile: " + " ".join(f"{v:.2f}" for v in result["link_cpu_ms_by_decile"]))
        print("peak RSS MB by decile: " + " ".join(f"{v:.0f}" for v in result["maxrss_mb_by_decile"]))
        return
    with tempfile.TemporaryDirectory(prefix="rw-bench-growth-", dir=args.workdir) as tmp:
        result = run(args.articles, args.seed, Path(tmp) / "growth.db")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print(f"{result['articles']:,} articles: stored {result['stored']:,}, {result['near_duplicate_links']:,} near-duplicate links, "
          f"database {result['db_mb']:.0f} MB, peak RSS {result['maxrss_mb']:.0f} MB")
    for key in ("check", "save", "link"):
        series = result[f"{key}_cpu_ms_by_decile"]
        print(f"{key:>5} CPU ms per article by decile: " + " ".join(f"{v:.2f}" for v in series)
              + f"  (last/first {series[-1] / series[0]:.2f}x)" if series[0] else "")


if __name__ == "__main__":
    main()
