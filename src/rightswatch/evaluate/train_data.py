"""The training data of the HRDsAttack models: a split's samples and their pipeline Reports.

Reports come from a JSONL cache (one ``Report.to_dict()`` per sample, in the split's order)
or from running the analyser over the split; either way they are checked against the split.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import Report
from .hrdsattack import load_split, sample_article
from .schema import HrdsSample

__all__ = ["TrainingSplit", "load_training_split"]


@dataclass(frozen=True, slots=True)
class TrainingSplit:
    samples: list[HrdsSample]
    reports: list[Report]
    source: str  # "cache:<file name>" or "analysed"
    sha256: str  # of the split file
    file_name: str


def load_training_split(
    train_path: str | Path,
    *,
    analyse_many: Callable[[Any], Any] | None = None,
    reports_path: str | Path | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> TrainingSplit:
    """Samples of ``train_path`` with one Report each (cached or analysed now)."""
    train_path = Path(train_path)
    digest = hashlib.sha256(train_path.read_bytes()).hexdigest()
    samples = load_split(train_path)
    started = time.perf_counter()
    if reports_path is not None:
        with open(reports_path, encoding="utf-8") as f:
            reports = [Report.from_dict(json.loads(line)) for line in f if line.strip()]
        source = f"cache:{Path(reports_path).name}"
    elif analyse_many is not None:
        reports = [r[0] if isinstance(r, tuple) else r for r in analyse_many(sample_article(s) for s in samples)]
        source = "analysed"
        log(f"analysed {len(reports)} articles in {time.perf_counter() - started:.1f}s")
    else:
        raise ValueError("give reports_path or analyse_many")
    if len(reports) != len(samples):
        raise ValueError(f"{len(reports)} reports for {len(samples)} samples")
    for r, s in zip(reports, samples):
        if (r.article.title or "") != (s.title or ""):
            raise ValueError(f"reports are not in the split's order (sample {s.id})")
    return TrainingSplit(samples, reports, source, digest, train_path.name)
