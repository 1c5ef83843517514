"""Regression corpus: every file in ``nasty/`` replayed through the whole ingest path.

Each file goes collect -> extract -> analyse -> store with the real pipeline and a real SQLite
store. It must end as stored documents or recorded failures (with a stable reason code), within a
time bound, and leave the database sound. A file whose bug is known and reported, but lives in a
module this suite does not own, is listed in ``KNOWN_BUGS`` and runs as a non-strict xfail: the
day it is fixed the test reports XPASS and the entry can go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rightswatch.batch.worker import iter_shard_documents
from rightswatch.pipeline import Pipeline
from rightswatch.settings import Settings

NASTY = Path(__file__).resolve().parent / "nasty"
FILES = sorted(p for p in NASTY.iterdir() if p.is_file() and not p.name.startswith(("_", ".")))
#: Seconds a single nasty file may take end to end (spaCy included).
BOUND = 30.0

KNOWN_BUGS: dict[str, str] = {}


def _param(p: Path):  # type: ignore[no-untyped-def]
    if p.name in KNOWN_BUGS:
        return pytest.param(p, id=p.name, marks=pytest.mark.xfail(strict=False, reason=KNOWN_BUGS[p.name]))
    return pytest.param(p, id=p.name)


def test_reliability_nasty_corpus_is_there() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", [_param(p) for p in FILES])
def test_reliability_nasty_input_is_stored_or_recorded(path: Path, store, analyzer, time_limit) -> None:
    settings = Settings(db_url=store.url)
    pipeline = Pipeline(settings, store, analyzer)
    with time_limit(BOUND, path.name):
        summary = pipeline.ingest_documents(iter_shard_documents([str(path)], settings))
    counts = store.status()
    outcomes = summary.counts
    assert set(outcomes) <= {"stored", "duplicate", "failed"}
    # every outcome landed in the database: a stored document or a logged failure
    assert counts.documents == outcomes.get("stored", 0)
    assert counts.failures == outcomes.get("failed", 0)
    for reason in summary.failures_by_reason:
        assert reason and reason.islower() and " " not in reason
    if path.name.startswith("gz_bomb"):
        assert summary.failures_by_reason == {"too-large": 1}
    if not path.name.endswith((".jsonl", ".jsonl.gz")) or "empty" not in path.name:
        assert summary.outcomes, f"{path.name}: no outcome at all (silently dropped)"
    # spans stay honest even on hostile text
    for _article_id, report in store.iter_reports():
        for inc in report.incidents:
            for ev in inc.evidence:
                assert 0 <= ev.start <= ev.end <= len(report.article.text)
