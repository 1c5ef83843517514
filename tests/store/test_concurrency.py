"""Concurrent writers (several ``watch`` processes, the web app) never lose or duplicate a record.

Several OS processes and several threads with their own ``Store`` save overlapping documents
into one database at the same time; afterwards every document is stored exactly once, every
racer agrees on its id, and the versions of each URL are 1..n without gaps or repeats.
Runs on both backends (SQLite: ``BEGIN IMMEDIATE`` + busy timeout; PostgreSQL: ``ON CONFLICT``
+ an advisory lock per URL).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa

from rightswatch.store import Store

WORKER = Path(__file__).with_name("_concurrent_writer.py")
N_DOCS = 24
N_URLS = 6  # four documents per URL: versions 1..4 handed out under contention


def _check_exactly_once(store: Store, results: list[tuple[int, str, int, int | None]], racers: int) -> None:
    assert len(results) == racers * N_DOCS  # every save returned
    by_key: dict[int, list[tuple[str, int, int | None]]] = defaultdict(list)
    for key, status, document_id, article_id in results:
        by_key[key].append((status, document_id, article_id))
    assert sorted(by_key) == list(range(N_DOCS))
    for key, outcomes in by_key.items():
        statuses = Counter(s for s, _, _ in outcomes)
        assert statuses == {"stored": 1, "duplicate": racers - 1}, (key, outcomes)
        assert len({(d, a) for _, d, a in outcomes}) == 1, (key, outcomes)  # all agree on ids
    status = store.status()
    assert (status.documents, status.articles) == (N_DOCS, N_DOCS)
    assert status.incidents == 2 * N_DOCS and status.quotes == N_DOCS
    with store.engine.connect() as conn:
        versions = defaultdict(list)
        for url, version in conn.execute(sa.text("SELECT url, version FROM articles")):
            versions[url].append(version)
        dup_sha = conn.execute(
            sa.text("SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1) d")
        ).scalar()
    assert dup_sha == 0
    assert len(versions) == N_URLS
    for url, got in versions.items():
        assert sorted(got) == list(range(1, N_DOCS // N_URLS + 1)), url
    assert len(store.search("race")) == N_DOCS or len(store.search("race", limit=1000)) == N_DOCS


def test_processes_save_overlapping_documents_exactly_once(store: Store, db_url: str) -> None:
    racers = 4
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), db_url, str(seed), str(N_DOCS), str(N_URLS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(racers)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
        results.extend(tuple(json.loads(line)) for line in out.splitlines() if line.strip())
    _check_exactly_once(store, results, racers)


def test_threads_with_their_own_stores_save_exactly_once(
    factory: SimpleNamespace, store: Store, db_url: str
) -> None:
    racers = 4
    results: list[tuple[int, str, int, int | None]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(racers)

    def run(seed: int) -> None:
        try:
            keys = list(range(N_DOCS))
            keys = keys[seed * 5 :] + keys[: seed * 5]  # different starting points: real overlap
            with Store.open(db_url) as mine:
                start.wait()
                for key in keys:
                    url = f"https://news.example/race/{key % N_URLS}"
                    doc = factory.document(f"<p>race {key}</p>".encode(), url=url)
                    r = mine.save(doc, factory.report(doc, url=url, title=f"Race {key}"))
                    results.append((key, r.status, r.document_id, r.article_id))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(seed,)) for seed in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    _check_exactly_once(store, results, racers)
