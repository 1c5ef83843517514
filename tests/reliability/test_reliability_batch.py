"""Batch on Dask (``rightswatch batch`` / ``load``): same results as ``ingest``, crash-safe, re-runnable.

* a batch over the bundled corpus and some nasty files, loaded with ``load``, gives the database
  ``ingest`` gives: the same reports for the same bytes, the same failures;
* a re-run skips finished shards; loading twice stores nothing twice;
* a shard whose task fails is retried (a flaky failure heals), and one that keeps failing is
  recorded as failed and reported, then done by the next run;
* ``rightswatch batch`` killed with SIGKILL mid-run, then re-run and loaded, stores every
  document exactly once (Parquet files are whole or absent; the manifest names only whole files).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from rightswatch.batch import load_results, run_batch
from rightswatch.batch import worker as batch_worker
from rightswatch.batch.manifest import Manifest
from rightswatch.batch.parquet import iter_rows
from rightswatch.pipeline import Pipeline
from rightswatch.settings import Settings
from rightswatch.store import Store

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "src" / "rightswatch" / "data" / "corpus"
NASTY = Path(__file__).resolve().parent / "nasty"
NASTY_PICK = ["empty.txt", "json_mixed_list.json", "jsonl_mixed_lines.jsonl", "gz_truncated.txt.gz", "utf16le_bom.txt",
              "html_unclosed.html"]


def _inputs() -> list[Path]:
    return [CORPUS] + [NASTY / n for n in NASTY_PICK]


def _snapshot(store: Store) -> tuple[dict[str, object], Counter[tuple[str, str]]]:
    reports = {r.article.document_sha256: r for _id, r in store.iter_reports()}
    from sqlalchemy import select

    from rightswatch.store.schema import failures

    with store.engine.connect() as conn:
        fails = Counter((o, r) for o, r in conn.execute(select(failures.c.origin, failures.c.reason)))
    return reports, fails


@pytest.mark.slow
def test_reliability_batch_then_load_equals_ingest(tmp_path: Path, analyzer) -> None:
    settings = Settings(db_url="sqlite://")
    out = tmp_path / "out"
    summary = run_batch(_inputs(), out, settings, workers=1, files_per_shard=2)
    assert summary.failed == 0 and summary.done >= 4
    assert not list((out / "parts").glob(".*"))  # no temporary files
    again = run_batch(_inputs(), out, settings, workers=1, files_per_shard=2)
    assert again.done == 0 and again.skipped == summary.done  # re-run skips finished shards

    with Store.open(f"sqlite:///{tmp_path / 'batch.db'}") as b:
        loaded = load_results(out, b)
        assert loaded.counts["stored"] == summary.total("stored") > 0
        assert loaded.counts["failure"] == summary.total("failed") > 0
        assert load_results(out, b).parts == 0  # journal: nothing loaded twice
        (out / "loaded.json").unlink()
        reload = load_results(out, b)  # even without the journal, documents are not stored twice
        assert reload.counts["stored"] == 0 and reload.counts["duplicate"] == loaded.counts["stored"]
        batch_reports, batch_fails = _snapshot(b)
        assert b.status().documents == loaded.counts["stored"]
    with Store.open(f"sqlite:///{tmp_path / 'ingest.db'}") as i:
        Pipeline(Settings(db_url=i.url), i, analyzer).ingest(_inputs())
        ingest_reports, ingest_fails = _snapshot(i)
    assert batch_reports == ingest_reports  # same bytes -> same report, span for span
    assert set(batch_fails) == set(ingest_fails)


# -- retries and failure reporting, in-process (threads) so the task can be swapped -------------

_ATTEMPTS: Counter[str] = Counter()


def _flaky(shard, settings, out_dir):  # type: ignore[no-untyped-def]
    _ATTEMPTS[shard.id] += 1
    if _ATTEMPTS[shard.id] == 1:
        raise OSError("disk hiccup (injected)")
    return batch_worker.process_shard(shard, settings, out_dir)


def _broken_for_text(shard, settings, out_dir):  # type: ignore[no-untyped-def]
    if any(p.endswith("101_hyesan_arrests.txt") for p in shard.paths):
        raise MemoryError("worker ran out of memory (injected)")
    return batch_worker.process_shard(shard, settings, out_dir)


def test_reliability_batch_retries_then_reports_failed_shards(tmp_path: Path, analyzer, monkeypatch) -> None:
    settings = Settings(db_url="sqlite://", batch_size=16)
    monkeypatch.setitem(batch_worker._ANALYZERS, (settings.profile, settings.codebook, settings.batch_size), analyzer)
    files = sorted(p for p in CORPUS.iterdir() if p.name != "README.md")
    out = tmp_path / "out"

    _ATTEMPTS.clear()
    healed = run_batch(files, out / "a", settings, workers=1, processes=False, files_per_shard=1, task=_flaky, retries=1)
    assert healed.failed == 0 and healed.done == len(files)
    assert set(_ATTEMPTS.values()) == {2}  # each shard failed once and was retried

    failed = run_batch(files, out / "b", settings, workers=1, processes=False, files_per_shard=1,
                       task=_broken_for_text, retries=2)
    assert failed.failed == 1 and failed.done == len(files) - 1
    bad = next(o for o in failed.outcomes if o.status == "failed")
    assert "MemoryError" in (bad.error or "") and bad.paths[0].endswith("101_hyesan_arrests.txt")
    entry = Manifest.load(out / "b").shards[bad.shard_id]
    assert entry["status"] == "failed" and entry["attempts"] == 3
    # the next run does only the failed shard
    fixed = run_batch(files, out / "b", settings, workers=1, processes=False, files_per_shard=1)
    assert (fixed.done, fixed.skipped, fixed.failed) == (1, len(files) - 1, 0)
    rows = [r for part in Manifest.load(out / "b").done_parts() for r in iter_rows(part)]
    assert len({r.document.sha256 for r in rows if r.document}) == sum(1 for r in rows if r.kind == "report")


# -- SIGKILL the batch command ----------------------------------------------------------------


@pytest.mark.slow
def test_reliability_sigkill_batch_then_rerun_and_load_stores_each_document_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 200
    for i in range(n):
        (corpus / f"d{i:04d}.txt").write_text(f"Report {i}\n\nPolice arrested Kim {i} in Hyesan on May 3, 2024.\n")
    out = tmp_path / "out"
    script = Path(sys.executable).with_name("rightswatch")
    cmd = [str(script)] if script.exists() else [sys.executable, "-c", "from rightswatch.cli.app import main; main()"]
    cmd += ["batch", str(corpus), "--out", str(out), "--workers", "1", "--files-per-shard", "20"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while True:
        manifest = out / "manifest.json"
        done = json.loads(manifest.read_text())["shards"] if manifest.exists() else {}
        if len(done) >= 2:
            break
        if proc.poll() is not None:
            pytest.fail(f"batch ended before the kill point: {proc.communicate()[1].decode()[-2000:]}")
        assert time.monotonic() < deadline, "batch made no progress"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # client, scheduler, worker processes: all at once
    proc.wait(timeout=30)
    finished_before = len(json.loads((out / "manifest.json").read_text())["shards"])
    assert finished_before < n // 20

    rerun = subprocess.run(cmd, capture_output=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr.decode()[-3000:]
    said = " ".join(rerun.stdout.decode().split())
    assert f"{finished_before} skipped" in said, said
    with Store.open(f"sqlite:///{tmp_path / 'rw.db'}") as store:
        summary = load_results(out, store)
        assert summary.counts["stored"] == n and summary.counts["duplicate"] == 0
        origins = [r.document_origin for _id, r in store.iter_reports()]
        assert len(origins) == len(set(origins)) == n
