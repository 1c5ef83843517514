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

import random
import sqlite3
from pathlib import Path

import pytest

N_DOCS = 1200
KILLS = 3


@pytest.mark.slow
def test_reliability_sigkill_ingest_stores_every_document_exactly_once(tmp_path: Path, crashkit) -> None:
    rng = random.Random(8)
    corpus, db = tmp_path / "corpus", tmp_path / "rw.db"
    expected = crashkit.make_corpus(corpus, N_DOCS, rng)

    def ingest():  # type: ignore[no-untyped-def]
        return crashkit.spawn(["ingest", str(corpus), "--quiet"], env={"RIGHTSWATCH_DB": str(db)})

    # kill once the database holds a random number of documents (increasing), plus a random delay
    targets = sorted(rng.sample(range(50, N_DOCS - 300), KILLS))
    assert crashkit.kill_at_fill(ingest, lambda: crashkit.count_documents(db), targets, rng) == KILLS

    before = crashkit.count_documents(db)
    proc = ingest()
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err.decode()[-3000:]
    summary = out.decode()
    assert f"stored {N_DOCS - before}," in summary, summary
    assert f"duplicates {before}," in summary, summary
    assert "failed 0;" in summary, summary

    conn = sqlite3.connect(db)
    try:
        crashkit.assert_sqlite_whole(conn, N_DOCS)
        origins = [r[0] for r in conn.execute("SELECT origin FROM documents")]
        assert len(origins) == N_DOCS == len(set(origins))
        # a .json file holds a list or one record: its document's origin is "path#0"
        assert set(origins) == expected
        # the incidents an uninterrupted ingest of the same files stores: none lost, none doubled
        # (how many the analysis finds in these one-line articles is the analysis's business)
        incidents = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
        assert incidents > 0 and incidents == crashkit.clean_incident_count(corpus, tmp_path / "clean.db")
    finally:
        conn.close()
