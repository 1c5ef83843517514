"""Benchmark: ``rightswatch batch`` on a LocalCluster of 1 worker vs 2 workers (scaling factor).

A reproducible corpus is generated from the bundled articles (``src/rightswatch/data/corpus``):
each article is written N/4 times with a numbered sentence appended, so every file is a distinct
document of realistic length (~150-1,000 words) and the work is the full pipeline (extraction,
spaCy, our components) per document. Both runs use the same shards (``--files-per-shard``), a
fresh output folder, and are timed end to end, cluster start-up and one model load per worker
included (what a user waits for), and also per shard (the sum of task times, which shows the
work itself).

    .venv/bin/python bench/batch.py [--docs 400] [--files-per-shard 25]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from rightswatch.batch import run_batch
from rightswatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "rightswatch" / "data" / "corpus"


def make_corpus(folder: Path, n: int) -> None:
    sources = [p for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")]
    folder.mkdir(parents=True)
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        extra = f"\n\nUpdate {i}: the source said the case was reported on day {i}.\n".encode()
        if src.suffix == ".html":
            data = data.replace(b"</body>", b"<p>" + extra.strip() + b"</p></body>", 1)
        else:
            data = data + extra
        (folder / f"doc{i:05d}{src.suffix}").write_bytes(data)


def run(corpus: Path, workers: int, files_per_shard: int) -> dict[str, float]:
    out = Path(tempfile.mkdtemp(prefix=f"rw-bench-batch-{workers}-"))
    t0 = time.perf_counter()
    summary = run_batch([corpus], out, Settings(db_url="sqlite://"), workers=workers, files_per_shard=files_per_shard)
    wall = time.perf_counter() - t0
    assert summary.failed == 0, [o.error for o in summary.outcomes if o.status == "failed"]
    docs = summary.total("stored")
    task_seconds = sum(float(o.info.get("seconds", 0)) for o in summary.outcomes)
    shutil.rmtree(out)
    return {"workers": workers, "docs": docs, "wall": wall, "docs_per_s": docs / wall, "task_seconds": task_seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--files-per-shard", type=int, default=25)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rw-bench-batch-"))
    corpus = work / "corpus"
    make_corpus(corpus, args.docs)
    results = [run(corpus, 1, args.files_per_shard), run(corpus, 2, args.files_per_shard)]
    print(f"## batch: {args.docs} documents, {args.files_per_shard} per shard\n")
    print("| workers | documents | wall s | docs/s | sum of task s |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['workers']} | {r['docs']} | {r['wall']:.1f} | {r['docs_per_s']:.1f} | {r['task_seconds']:.1f} |")
    print(f"\nscaling factor (1-worker wall / 2-worker wall): **{results[0]['wall'] / results[1]['wall']:.2f}x**")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
