"""Train the HRDsAttack label model (violation types, perpetrator type) from the train split.

    python scripts/train_hrdsattack.py                                  # analyse train, train, save
    python scripts/train_hrdsattack.py --reports /tmp/rw_reports_train.jsonl   # reuse cached reports

Reproducible: fixed folds and seeds; every choice (features, C, thresholds, combination with
the rule) is made by 5-fold cross-validation on the train split only. Writes
``src/rightswatch/data/models/hrdsattack_labels.json`` (JSON, no pickle) and prints the CV
numbers. The same as ``rightswatch train hrdsattack TRAIN.json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "hrdsattack" / "train.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN, help="HRDsAttack train split (JSON)")
    ap.add_argument("--reports", type=Path, help="cached Reports JSONL, one per train sample, in order")
    ap.add_argument("--out", type=Path, help="model file (default: the package's data/models/hrdsattack_labels.json)")
    ap.add_argument("--profile", default="general")
    ap.add_argument("--summary", type=Path, help="also write the full CV grid as JSON here")
    args = ap.parse_args(argv)

    from rightswatch.evaluate.classifier_train import train_hrdsattack

    analyse_many = None
    if args.reports is None:
        from rightswatch.analyse import Analyzer

        analyse_many = Analyzer(args.profile).analyse_many
    train_hrdsattack(args.train, analyse_many=analyse_many, reports_path=args.reports, out=args.out,
                     summary_out=args.summary, log=print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
