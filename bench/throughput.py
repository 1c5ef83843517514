"""Throughput of analysis against a plain spaCy pass, in the same process (issue 3 / issue 7).

    .venv/bin/python bench/throughput.py [--split dev] [--limit 100] [--repeat 3]

Baseline: en_core_web_sm ``nlp.pipe`` over every article's full text (what a user would stitch
together), as spaCy runs it (BLIS). Ours: the full rightswatch analysis (sentence gate + our
components) and, for reference, the same without the gate. ``--reader`` adds the ``north_korea``
profile's analysis with and without its sentence reader. ``--openblas-plain`` adds the plain
pass on OpenBLAS with stepwise decoding (``analyse/openblas.py``, which the analysis uses), to tell
the BLAS change from the rest. Reported as articles/s and as a ratio to the baseline.

The passes alternate ``--repeat`` times and each ratio is the median over the rounds. Besides wall
time, the process's CPU time is measured: on a machine shared with other work, wall time counts
the time the process waited for a core, and the CPU-time ratio is the steadier of the two.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "hrdsattack"


def timed(fn, articles) -> tuple[float, float]:
    """Articles per second of wall time and of the process's CPU time."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn(articles)
    return len(articles) / (time.perf_counter() - w0), len(articles) / (time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-ungated", action="store_true", help="skip the (slow) pass without the gate")
    ap.add_argument("--reader", action="store_true",
                    help="also time the north_korea profile with and without its sentence reader "
                         "(analyse/sentence_types.py), to tell what the reader costs")
    ap.add_argument("--openblas-plain", action="store_true",
                    help="also time the plain pass on OpenBLAS with stepwise decoding (analyse/openblas.py), "
                         "to tell what the BLAS change alone buys")
    args = ap.parse_args()

    from rightswatch.analyse import Analyzer, load_language
    from rightswatch.evaluate import load_split, sample_article

    articles = [sample_article(s) for s in load_split(DATA / f"{args.split}.json")][: args.limit]
    plain = load_language()
    passes = {
        "plain spaCy en_core_web_sm pipe": lambda xs: list(plain.pipe(a.text for a in xs)),
    }
    if args.openblas_plain:
        from rightswatch.analyse.openblas import use_openblas

        plain_openblas = load_language()
        use_openblas(plain_openblas)
        passes["plain spaCy on OpenBLAS"] = lambda xs: list(plain_openblas.pipe(a.text for a in xs))
    gated = Analyzer("general", gate=True)
    passes["rightswatch analysis (gated)"] = lambda xs: list(gated.analyse_many(xs))
    if not args.no_ungated:
        ungated = Analyzer("general", gate=False)
        passes["rightswatch analysis (no gate)"] = lambda xs: list(ungated.analyse_many(xs))
    if args.reader:
        nk = Analyzer("north_korea")
        nk_rules = Analyzer("north_korea")
        nk_rules.nlp.get_pipe("rw_incidents").sentence_model = None  # neither read nor added
        passes["north_korea profile"] = lambda xs: list(nk.analyse_many(xs))
        passes["north_korea without the reader"] = lambda xs: list(nk_rules.analyse_many(xs))
    for run in passes.values():  # warm up every pipeline once
        run(articles[:3])

    rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in passes}
    for _ in range(args.repeat):
        for name, run in passes.items():
            rounds[name].append(timed(run, articles))
    base = rounds["plain spaCy en_core_web_sm pipe"]
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    print(f"{len(articles)} HRDsAttack {args.split} articles, {words:.0f} words on average, one process, "
          f"median of {args.repeat} alternating rounds")
    print(f"{'':34s} {'wall art/s':>10s} {'ratio':>6s} {'cpu art/s':>10s} {'ratio':>6s}")
    for name, got in rounds.items():
        wall = statistics.median(g[0] / b[0] for g, b in zip(got, base))
        cpu = statistics.median(g[1] / b[1] for g, b in zip(got, base))
        print(f"{name:34s} {statistics.median(g[0] for g in got):10.2f} {wall:5.2f}x "
              f"{statistics.median(g[1] for g in got):10.2f} {cpu:5.2f}x")


if __name__ == "__main__":
    main()
