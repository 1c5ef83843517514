"""Benchmark: does rightswatch's HTML path keep trafilatura's quality?

Runs ``rightswatch.extract.extract_article`` over the ScrapingHub article-extraction benchmark
(181 pages, ``html/<sha256>.html.gz`` + ``ground-truth.json``) and, in the same run, plain
``trafilatura.extract`` with default options, then prints for each:

* token precision / recall / F1 (bags of ``\\w+`` tokens), and
* the benchmark's own measure: the same on 4-token shingles,

both computed per page, normalised so long pages do not weigh more, averaged over pages, F1
from the averages (as the benchmark does) -- plus documents per second of extraction alone
(reading and decompressing the files is outside the timer).

    .venv/bin/python bench/html_extraction.py [DATA_DIR] [--limit N]

A benchmark, not a test: it prints numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rightswatch.collect import Failure, iter_documents
from rightswatch.errors import InputError
from rightswatch.extract import extract_article
from rightswatch.records import Document
from rightswatch.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def counts(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if n == 1:
        return Counter((t,) for t in tokens)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_scores(truth: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over n-gram multisets, normalised to sum to 1 for the page."""
    t, p = counts(truth, n), counts(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summary(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(recall(*s) for s in scores if s[0] + s[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(name: str, docs: list[Document], truth: dict[str, str], fn: Callable[[Document], str]) -> None:
    outputs: dict[str, str] = {}
    failures = 0
    start = time.perf_counter()
    for doc in docs:
        try:
            outputs[doc.url or ""] = fn(doc)
        except InputError:
            failures += 1
            outputs[doc.url or ""] = ""
    elapsed = time.perf_counter() - start
    keys = [d.url or "" for d in docs]
    for n, label in ((1, "tokens"), (4, "4-shingles")):
        scores = [page_scores(truth[k], outputs[k], n) for k in keys]
        p, r, f1 = summary(scores)
        print(f"{name:<26} {label:<11} precision={p:.3f} recall={r:.3f} F1={f1:.3f}")
    print(f"{name:<26} {len(docs) / elapsed:.1f} docs/s ({elapsed:.1f} s, {failures} failures)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args(argv)

    ground = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    truth = {key: value.get("articleBody", "") for key, value in ground.items()}
    settings = Settings()
    docs: list[Document] = []
    for item in iter_documents([args.data / "html"], settings):
        if isinstance(item, Failure):
            print(f"collect failure: {item.message}", file=sys.stderr)
            continue
        key = Path(item.origin).name.split(".")[0]
        if key in truth:
            # the page key travels in ``url`` so both runs can find its ground truth
            docs.append(Document(**{**_fields(item), "url": key}))
    docs.sort(key=lambda d: d.url or "")
    if args.limit:
        docs = docs[: args.limit]
    print(f"{len(docs)} pages from {args.data}")

    import trafilatura

    def ours(doc: Document) -> str:
        # the key is not a real URL: extract without it
        return extract_article(Document(**{**_fields(doc), "url": None}), settings).text

    def plain(doc: Document) -> str:
        return trafilatura.extract(doc.raw) or ""

    run("trafilatura.extract", docs, truth, plain)
    run("rightswatch extract_article", docs, truth, ours)
    return 0


def _fields(doc: Document) -> dict[str, object]:
    return {name: getattr(doc, name) for name in doc.__slots__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
