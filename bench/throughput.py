"""Throughput of analysis against a plain spaCy pass, in the same process (issue 3 / issue 7).

    .venv/bin/python bench/throughput.py [--split dev] [--limit 100]

Baseline: en_core_web_sm ``nlp.pipe`` over every article's full text (what a user would stitch
together). Ours: the full rightswatch analysis (sentence gate + our components) and, for
reference, the same without the gate. Reported as articles/s and as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "hrdsattack"


def timed(fn, articles) -> float:
    t0 = time.perf_counter()
    fn(articles)
    return len(articles) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()

    from rightswatch.analyse import Analyzer, load_language
    from rightswatch.evaluate import load_split, sample_article

    articles = [sample_article(s) for s in load_split(DATA / f"{args.split}.json")][: args.limit]
    plain = load_language()
    gated = Analyzer("general", gate=True)
    ungated = Analyzer("general", gate=False)
    # warm up every pipeline once
    list(plain.pipe(a.text for a in articles[:3]))
    list(gated.analyse_many(articles[:3]))
    list(ungated.analyse_many(articles[:3]))

    base = timed(lambda xs: list(plain.pipe(a.text for a in xs)), articles)
    ours = timed(lambda xs: list(gated.analyse_many(xs)), articles)
    nogate = timed(lambda xs: list(ungated.analyse_many(xs)), articles)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"{len(articles)} HRDsAttack {args.split} articles, {words:.0f} words on average, one process")
    print(f"plain spaCy en_core_web_sm pipe   {base:6.2f} articles/s  (1.00x)")
    print(f"rightswatch analysis (gated)      {ours:6.2f} articles/s  ({ours / base:.2f}x)")
    print(f"rightswatch analysis (no gate)    {nogate:6.2f} articles/s  ({nogate / base:.2f}x)")


if __name__ == "__main__":
    main()
