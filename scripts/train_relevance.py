"""Train the article relevance classifier and measure the article gate.

    python scripts/train_relevance.py                 # train, write the model, measure
    python scripts/train_relevance.py --measure-only  # measure the installed model
    python scripts/train_relevance.py --out /tmp/m.json --no-measure

Training data (``rightswatch.evaluate.relevance_train``): HRDsAttack train + the bundled relevant
articles as positives, 3/4 of the article-extraction benchmark's English news pages as negatives.
Writes ``src/rightswatch/data/models/relevance.json`` (JSON, no pickle). Same as
``rightswatch train relevance``.

Measuring (never trained on): HRDsAttack dev (all relevant), the domain corpus
(``tests/domain/corpus``, relevant per its expected files), held-out negatives (the other 1/4 of
the extraction benchmark and ``scripts/relevance_data/heldout_negatives.jsonl``, written for this)
and ``--generated`` articles of the pipeline benchmark's "other news" generator. For each: the
keyword pass alone, the classifier alone and the article gate (keywords, then classifier) at the
keyword thresholds given (the classifier at its own threshold), for the north_korea and general profiles.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_TRAIN = SHARED / "hrdsattack" / "train.json"
DEFAULT_DEV = SHARED / "hrdsattack" / "dev.json"
DEFAULT_AEB = SHARED / "article-extraction-benchmark"
DATA = ROOT / "scripts" / "relevance_data"


def measure(model_path: Path | None, args: argparse.Namespace, log=print) -> dict:  # type: ignore[no-untyped-def]
    from rightswatch.analyse.profile import load_profile
    from rightswatch.analyse.relevance import ArticleGate
    from rightswatch.analyse.relevance_model import load_relevance_model
    from rightswatch.evaluate import relevance_train as rt
    from rightswatch.records import Article

    model = load_relevance_model(model_path)
    sets: dict[str, list] = {
        "hrdsattack dev (relevant)": rt.hrds_examples_any(args.dev),
        "domain corpus": rt.domain_examples(ROOT / "tests" / "domain" / "corpus"),
        "extraction benchmark, held-out pages (not relevant)": rt.aeb_examples(args.aeb, "heldout"),
        "written held-out negatives": rt.jsonl_examples(DATA / "heldout_negatives.jsonl", 0),
        "extraction benchmark, excluded HR-related pages (information)": rt.aeb_examples(args.aeb, "excluded"),
    }
    if args.generated:
        sys.path.insert(0, str(ROOT / "bench"))
        import pipeline as bench  # bench/pipeline.py: the benchmark's own generator

        rng = random.Random(args.seed)
        gen = [bench.other_article(rng) for _ in range(args.generated)]
        sets["benchmark-generated other news (not relevant)"] = [
            rt.Example(f"{g['title']}\n" + "\n\n".join(g["paras"]), 0, "generated") for g in gen]
    out: dict = {}
    for name, examples in sets.items():
        labels = [e.label for e in examples]
        p = [model.score(e.text) for e in examples]
        res: dict = {"n": len(examples), "relevant": sum(labels), "classifier": {}, "gate": {}}
        for t in sorted({*args.thresholds, model.threshold}):
            res["classifier"][f"{t:g}"] = rt.rates(p, labels, t)
        for prof in ("north_korea", "general"):
            profile = load_profile(prof)
            for t in args.gate_thresholds:
                gate = ArticleGate(profile, t, model)
                kw_gate = ArticleGate(profile, t, None)
                arts = [Article(text=e.text.split("\n", 1)[1], title=e.text.split("\n", 1)[0] or None) for e in examples]
                res["gate"][f"{prof}@{t:g}"] = {
                    "keywords only": rt.rates([float(kw_gate(a).analyse) for a in arts], labels, 0.5),
                    "keywords + classifier": rt.rates([float(gate(a).analyse) for a in arts], labels, 0.5),
                }
        if name.startswith("extraction benchmark, excluded"):
            res["scores"] = {e.source: round(s, 3) for e, s in zip(examples, p)}
        if name.startswith("hrdsattack dev"):
            res["lowest classifier scores"] = sorted((round(s, 3), e.source) for e, s in zip(examples, p))[:5]
        out[name] = res
        log(f"{name}: n={len(examples)}")
        for t, c in res["classifier"].items():
            log(f"  classifier alone >= {t}: P {c['precision']} R {c['recall']} FPR {c['false_positive_rate']} (tp {c['tp']} fp {c['fp']} fn {c['fn']} tn {c['tn']})")
        for t in args.gate_thresholds:
            for prof in ("north_korea", "general"):
                g = res["gate"][f"{prof}@{t:g}"]
                for kind, r in g.items():
                    log(f"  {prof} {kind} >= {t:g}: P {r['precision']} R {r['recall']} FPR {r['false_positive_rate']} "
                        f"(tp {r['tp']} fp {r['fp']} fn {r['fn']} tn {r['tn']})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="HRDsAttack train split (never dev or test)")
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="HRDsAttack dev split (measuring only)")
    ap.add_argument("--aeb", type=Path, default=DEFAULT_AEB, help="article-extraction benchmark folder")
    ap.add_argument("--out", type=Path, help="model file (default: the package's data/models/relevance.json)")
    ap.add_argument("--measure-only", action="store_true")
    ap.add_argument("--no-measure", action="store_true")
    ap.add_argument("--generated", type=int, default=2000, help="benchmark-generated other-news articles to measure on")
    ap.add_argument("--seed", type=int, default=11, help="seed for the generated articles (the benchmark uses 7)")
    ap.add_argument("--thresholds", type=lambda s: [float(x) for x in s.split(",")], default=[0.3, 0.5, 0.7],
                    help="classifier thresholds to report besides the model's own")
    ap.add_argument("--gate-thresholds", type=lambda s: [float(x) for x in s.split(",")], default=[0.1, 0.3],
                    help="keyword thresholds (min relevance) of the article gate to report")
    ap.add_argument("--summary", type=Path, help="write the measurements as JSON here")
    args = ap.parse_args(argv)

    from rightswatch.analyse.relevance_model import default_model_path
    from rightswatch.evaluate.relevance_train import train_and_write

    out = args.out or default_model_path()
    if not args.measure_only:
        train_and_write(args.train, args.aeb, out, log=print)
    if not args.no_measure:
        result = measure(out, args)
        if args.summary:
            args.summary.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
