"""Re-choose the shipped incident scorer's threshold on the development sets it was not fitted on.

    python scripts/tune_incident_scorer.py              # analyse, replay, print the curve, write the threshold
    python scripts/tune_incident_scorer.py --dry-run    # print the curve only

The rules change between retrainings of the scorer (``scripts/train_incident_scorer.py``), and so do
the candidates it is asked about: the threshold chosen by cross-validation when it was fitted can
drift from the best. This script analyses, with the shipped model, every development set its
metadata does not list (sets written after it was fitted: the closest thing to a new writer's
articles; the blind held-out sets are never read), records each article's candidate probabilities
and count groups, and replays ``IncidentScorer.keep`` at every threshold of a grid. The incident F1
counts the incidents of each type in each article (``evaluate.domain.match_incidents`` pairs any two
of one type), so an article's answer at a threshold is the candidates kept plus the incidents the
scorer does not weigh (the sentence reader's additions), and the replay scores exactly what the
pipeline would give, except where a type's last candidate drops out and the reader might add one
back (not replayed). The threshold with the best pooled F1, averaged over the thresholds within
``WINDOW`` of it (a curve over a few hundred incidents is jagged; the lowest among equals), is
written to the model; its weights, trees and ``count_offset`` are unchanged, and its metadata
records what was replayed and the F1 before and after.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from train_incident_scorer import f1, window_means  # the same F1 and window as the scorer's training

from rightswatch.analyse import Analyzer
from rightswatch.analyse.incident_scorer import IncidentScorer, likeliest_kept
from rightswatch.analyse.profile import SCORER_FILE
from rightswatch.evaluate.domain import evaluate_domain
from rightswatch.records import Article, Report

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "tests" / "domain"
MODEL = ROOT / "src" / "rightswatch" / "data" / "profiles" / "north_korea" / SCORER_FILE
THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.2, 0.5001, 0.005), 3))
#: half-width of the window of thresholds whose mean F1 judges each one
WINDOW = 0.015
#: fewer unseen sets than this and the curve is too noisy to move the threshold on
MIN_SETS = 5


@dataclass
class Weighed:
    """One article: the scorer's call (probabilities, count groups) and the type counts."""

    scores: list[float] = field(default_factory=list)
    groups: list[Hashable] = field(default_factory=list)
    final: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)


def development_sets() -> list[str]:
    """The development sets in ``tests/domain`` (corpus, heldout … heldout5, dev*), in order."""
    names = [p.name for p in DOMAIN.iterdir() if p.is_dir()]
    dev = sorted((n for n in names if n.startswith("dev")), key=lambda n: int(n[3:]))
    return ["corpus", "heldout", *(f"heldout{n}" for n in range(2, 6)), *dev]


def analyse(sets: Sequence[str]) -> list[Weighed]:
    """Every article of ``sets`` analysed with the shipped models and scored as the domain evaluation
    does it (``evaluate.domain.evaluate_domain``), the scorer's call recorded. Articles are analysed
    one at a time, so each call is the article's own (a batch would run the scorer on several first)."""
    calls: list[tuple[list[float], list[Hashable]]] = []
    keep = IncidentScorer.keep

    def recording(self: IncidentScorer, scores: Sequence[float], groups: Sequence[Hashable]) -> list[int]:
        calls.append((list(scores), list(groups)))
        return keep(self, scores, groups)

    IncidentScorer.keep = recording  # type: ignore[method-assign]
    try:
        analyzer = Analyzer("north_korea")
        weighed: dict[int, tuple[list[float], list[Hashable]]] = {}

        def analyse_many(articles: Iterable[Article]) -> Iterator[Report]:
            for article in articles:
                before = len(calls)
                report = analyzer.analyse(article)
                weighed[id(report)] = calls[-1] if len(calls) > before else ([], [])
                yield report

        out: list[Weighed] = []
        for name in sets:
            for res in evaluate_domain(DOMAIN / name, analyse_many).articles:
                assert res.report is not None
                scores, groups = weighed[id(res.report)]
                out.append(Weighed(scores, groups, Counter(i.type for i in res.report.incidents), Counter(i.type for i in res.expected.incidents)))
            print(f"  {name}: analysed", flush=True)
        return out
    finally:
        IncidentScorer.keep = keep  # type: ignore[method-assign]


def _kept_types(w: Weighed, threshold: float, offset: float | None) -> Counter[str]:
    return Counter(str(w.groups[n][0]) for n in likeliest_kept(w.scores, w.groups, threshold, offset))  # type: ignore[index]


def replay(articles: Sequence[Weighed], shipped: IncidentScorer, threshold: float) -> tuple[int, int, int]:
    """Pooled tp, fp, fn of the incident types with the scorer at ``threshold``."""
    tp = fp = fn = 0
    for w in articles:
        types = Counter(w.final)
        if w.scores:
            types.subtract(_kept_types(w, shipped.threshold, shipped.count_offset))
            types.update(_kept_types(w, threshold, shipped.count_offset))
        for t in set(types) | set(w.expected):
            hit = min(types[t], w.expected[t])
            tp, fp, fn = tp + hit, fp + types[t] - hit, fn + w.expected[t] - hit
    return tp, fp, fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=MODEL)
    ap.add_argument("--dry-run", action="store_true", help="print the curve, write nothing")
    args = ap.parse_args()
    data = json.loads(args.model.read_text(encoding="utf-8"))
    shipped = IncidentScorer.from_dict(data)
    fitted_on = set(shipped.metadata.get("sets") or ())
    unseen = [s for s in development_sets() if s not in fitted_on]
    print(f"model fitted on {len(fitted_on)} sets; replaying on the {len(unseen)} it was not: {', '.join(unseen)}")
    if len(unseen) < MIN_SETS:
        raise SystemExit(f"only {len(unseen)} development sets unseen by the model (need {MIN_SETS}): retrain it instead")
    articles = analyse(unseen)
    curve = {t: replay(articles, shipped, t) for t in THRESHOLDS}
    for t, c in curve.items():
        mark = " (shipped)" if abs(t - shipped.threshold) < 1e-9 else ""
        print(f"  threshold {t:.3f}: F1 {100 * f1(*c):.2f}  tp {c[0]} fp {c[1]} fn {c[2]}{mark}")
    # the curve of a few hundred incidents is jagged: each threshold is judged by the mean F1 of
    # those within WINDOW of it, so a lone spike does not move the model
    smooth = window_means({t: f1(*c) for t, c in curve.items()}, WINDOW)
    best = max(THRESHOLDS, key=lambda t: (round(smooth[t], 6), -t))
    before = replay(articles, shipped, shipped.threshold)
    print(f"best threshold {best:.3f}: F1 {100 * f1(*curve[best]):.2f}, window mean {100 * smooth[best]:.2f} (shipped {shipped.threshold:.3f}: {100 * f1(*before):.2f})")
    if args.dry_run:
        return
    meta = dict(data.get("metadata") or {})
    meta["threshold_tuned"] = {
        "date": _dt.date.today().isoformat(), "sets": unseen, "from": shipped.threshold, "to": best,
        "pooled_f1_before": round(f1(*before), 4), "pooled_f1_after": round(f1(*curve[best]), 4),
    }
    data["threshold"] = best
    data["metadata"] = meta
    args.model.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model}")


if __name__ == "__main__":
    main()
