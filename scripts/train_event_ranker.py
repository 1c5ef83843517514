"""Train the HRDsAttack event ranker from the train split (the same as ``rightswatch train event-ranker``).

    python scripts/train_event_ranker.py                                   # analyse train, train, save
    python scripts/train_event_ranker.py --reports /tmp/rw_reports_train.jsonl   # reuse cached reports

Reproducible: fixed folds and seed; heads and C are chosen by 5-fold cross-validation on the
train split only. Writes ``src/rightswatch/data/models/hrdsattack_event_ranker.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "hrdsattack" / "train.json"


def main(argv: list[str] | None = None) -> int:
    from rightswatch.cli.app import app

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        args = [str(DEFAULT_TRAIN), *args]
    app(["train", "event-ranker", *args], standalone_mode=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
