"""Developer loop for HRDsAttack: analyse a split once, cache the reports, re-map and re-score fast.

    python scripts/hrdsattack_dev_loop.py dev --fresh     # analyse and cache
    python scripts/hrdsattack_dev_loop.py dev             # re-map cached reports (mapping work)
    python scripts/hrdsattack_dev_loop.py dev --field year  # list the misses of one field

Not part of the product; ``rightswatch eval hrdsattack`` is the measurement of record.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from rightswatch.evaluate import field_hits, format_table, load_split, sample_article, score, to_hrds
from rightswatch.evaluate.mapping import always_empty, always_state_actor
from rightswatch.records import Report

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "hrdsattack"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", choices=["train", "dev"])
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--field")
    ap.add_argument("--profile", default="general")
    ap.add_argument("--cache", help="cache file (default /tmp/rw_reports_SPLIT.jsonl)")
    args = ap.parse_args()
    samples = load_split(DATA / f"{args.split}.json")
    cache = Path(args.cache or f"/tmp/rw_reports_{args.split}.jsonl")
    if args.fresh or not cache.exists():
        from rightswatch.analyse import Analyzer

        analyzer = Analyzer(args.profile)
        t0 = time.perf_counter()
        reports = list(analyzer.analyse_many(sample_article(s) for s in samples))
        dt = time.perf_counter() - t0
        print(f"analysed {len(reports)} in {dt:.1f}s = {len(reports) / dt:.2f} articles/s")
        cache.write_text("\n".join(json.dumps(r.to_dict()) for r in reports))
    reports = [Report.from_dict(json.loads(line)) for line in cache.read_text().splitlines()]
    preds = [replace(to_hrds(r), id=s.id) for r, s in zip(reports, samples, strict=True)]
    scores = score(preds, samples)
    scores = replace(scores, baselines={
        "always-empty": score([always_empty(s) for s in samples], samples),
        "always-state-actor": score([always_state_actor(s) for s in samples], samples),
    })
    print(format_table(scores))
    if args.field == "victims":
        _victim_misses(preds, samples)
    elif args.field:
        for p, s in zip(preds, samples):
            hits = field_hits(p, s.gold)
            if not hits.get(args.field, True):
                print(s.id, "| gold:", getattr(s.gold, args.field, None), "| pred:", getattr(p, args.field, None), "|", s.title[:70])


def _victim_misses(preds, samples) -> None:
    """Per article: gold names missed (-) and predicted names not in gold (+)."""
    from rightswatch.evaluate.metrics import _fold_name, _prepare_predicted, match_names

    for p, s in zip(preds, samples):
        pred = [v.name for v in p.victims if v.name]
        gold = list(dict.fromkeys(_fold_name(v.name) for v in s.gold.victims if v.name))
        prepared = _prepare_predicted(pred)
        pairs = match_names(pred, [v.name for v in s.gold.victims if v.name])
        missed = [g for j, g in enumerate(gold) if j not in {b for _, b in pairs}]
        extra = [q for i, q in enumerate(prepared) if i not in {a for a, _ in pairs}]
        if missed or extra:
            print(s.id, "| -", missed, "| +", extra, "|", s.title[:60])


if __name__ == "__main__":
    main()
