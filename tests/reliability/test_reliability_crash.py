"""Crash safety: SIGKILL ``rightswatch ingest`` at random points, restart, lose and duplicate nothing.

A few thousand tiny generated articles (distinct bytes, all extractable) are ingested by the real
command in a subprocess. Three times the process is killed with SIGKILL (no clean-up, no
``finally``, as in a power cut or the OOM killer) at a random point once the database has reached
a random fill level; then ingest runs again to the end. Afterwards:

* every document is stored exactly once (the set of origins is exactly the input files, the
  number of documents equals the number of files);
* no half-written rows: every document has its article, every article its document, every
  incident and quote its article, and the full-text index agrees with the articles
  (FTS5 ``integrity-check``);
* ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` is empty;
* the restarted run reports the earlier documents as duplicates, not failures.

Why this holds: ``Store.save`` writes a document, its article, incidents, quotes and index rows in
one SQLite transaction (WAL), and ``ingest`` skips bytes already stored.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_DOCS = 1200
KILLS = 3
#: The installed ``rightswatch`` command (its console script beside this Python), else the same entry point.
_SCRIPT = Path(sys.executable).with_name("rightswatch")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from rightswatch.cli.app import main; main()"]
NAMES = ["Kim Chol", "Lee Young-hee", "Park Sun", "Choi Min", "Ri Myong"]
PLACES = ["Hyesan", "Hoeryong", "Musan", "Sinuiju", "Chongjin"]


def _make_corpus(folder: Path, n: int, rng: random.Random) -> None:
    folder.mkdir()
    for i in range(n):
        # three shapes of file (60% text, 10% HTML, 30% JSON), all tiny; sub-folders exercise the walk
        sub = folder / f"batch{i % 7}"
        sub.mkdir(exist_ok=True)
        who, where = rng.choice(NAMES), rng.choice(PLACES)
        text = f"Police arrested {who} in {where} on May {1 + i % 28}, 2024. Case {i}."
        if i % 10 < 6:
            (sub / f"a{i:05d}.txt").write_text(f"Arrest {i}\n\n{text}\n", encoding="utf-8")
        elif i % 10 == 6:
            (sub / f"a{i:05d}.html").write_text(
                f"<html><head><title>Arrest {i}</title></head><body><article><p>{text}</p></article></body></html>",
                encoding="utf-8",
            )
        else:
            (sub / f"a{i:05d}.json").write_text(f'{{"title": "Arrest {i}", "text": "{text}"}}', encoding="utf-8")


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, RIGHTSWATCH_DB=str(db))
    return subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


@pytest.mark.slow
def test_reliability_sigkill_ingest_stores_every_document_exactly_once(tmp_path: Path) -> None:
    rng = random.Random(8)
    corpus, db = tmp_path / "corpus", tmp_path / "rw.db"
    _make_corpus(corpus, N_DOCS, rng)
    # kill once the database holds a random number of documents (increasing), plus a random delay
    targets = sorted(rng.sample(range(50, N_DOCS - 300), KILLS))
    kills_done = 0
    for target in targets:
        proc = _ingest(corpus, db)
        deadline = time.monotonic() + 90
        while _count(db) < target:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"ingest ended before the kill point ({proc.returncode}): {err.decode()[-2000:]}")
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.05))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        kills_done += 1
    assert kills_done == KILLS

    before = _count(db)
    proc = _ingest(corpus, db)
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err.decode()[-3000:]
    summary = out.decode()
    assert f"stored {N_DOCS - before}," in summary, summary
    assert f"duplicates {before}," in summary, summary
    assert "failed 0;" in summary, summary

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        origins = [r[0] for r in conn.execute("SELECT origin FROM documents")]
        assert len(origins) == N_DOCS == len(set(origins))
        # a .json file holds a list or one record: its document's origin is "path#0"
        expected = {str(p) + ("#0" if p.suffix == ".json" else "") for p in corpus.rglob("*") if p.is_file()}
        assert set(origins) == expected
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert q("SELECT count(*) FROM articles") == N_DOCS
        assert q("SELECT count(*) FROM documents d LEFT JOIN articles a ON a.document_id = d.id WHERE a.id IS NULL") == 0
        assert q("SELECT count(*) FROM articles a LEFT JOIN documents d ON d.id = a.document_id WHERE d.id IS NULL") == 0
        assert q("SELECT count(*) FROM incidents i LEFT JOIN articles a ON a.id = i.article_id WHERE a.id IS NULL") == 0
        assert q("SELECT count(*) FROM quotes x LEFT JOIN articles a ON a.id = x.article_id WHERE a.id IS NULL") == 0
        # each article has all of its incidents (the report lists as many as the table holds)
        assert q(
            "SELECT count(*) FROM articles a WHERE json_array_length(a.report, '$.incidents') != "
            "(SELECT count(*) FROM incidents i WHERE i.article_id = a.id)"
        ) == 0
        assert q("SELECT count(*) FROM incidents") >= N_DOCS  # every article reports its arrest
        assert q("SELECT count(*) FROM failures") == 0
        assert q("SELECT count(*) FROM articles_fts") == N_DOCS
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
