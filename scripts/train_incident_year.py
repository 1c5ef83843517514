"""Train the model of undated incidents (``analyse/incident_year.py``) on the hand-annotated domain sets.

    python scripts/train_incident_year.py                       # analyse, cross-validate, fit, write the model
    python scripts/train_incident_year.py --cache /tmp/year.pkl  # keep the analysed sets for re-runs

Every article of the development sets (the same ``SETS`` as the incident scorer's; the blind
held-out sets are never read) is analysed with the model switched off. Each incident the domain
scorer pairs with an expected one and that has no year is a case: positive when the expected year
admits the year of publication and not "none", negative when it admits "none" and not the year of
publication. Cases where both or neither would be right teach nothing and are left out.

A logistic regression (scikit-learn, fixed seed) is fitted. C and the threshold are chosen by
leave-one-set-out cross-validation on the net number of years made right (right minus wrong); of
the settings within ``TOLERANCE`` of the best, the highest threshold (a year given wrongly is worse
for an analyst than one left blank). The model is written as plain weights to the ``north_korea``
profile's ``incident_year.json`` (the incident scorer's file format) with the CV numbers in its
metadata.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_incident_scorer import SETS, analyse_set, analysed, loso_grid, training_args  # noqa: E402  (the same development sets)

from rightswatch.analyse.incident_scorer import IncidentScorer  # noqa: E402
from rightswatch.analyse.incident_year import article_times, datable, published_date, undated, year_features  # noqa: E402
from rightswatch.analyse.profile import YEAR_FILE  # noqa: E402
from rightswatch.evaluate.domain import _options  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "rightswatch" / "data" / "profiles" / "north_korea" / YEAR_FILE
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(np.round(np.arange(0.3, 0.801, 0.05), 3))
SEED = 0
#: net years made right (pooled) a higher threshold may give up
TOLERANCE = 3

Case = tuple[dict[str, float], int]


def analyse_sets(sets: tuple[str, ...]) -> dict[str, list[Case]]:
    """Per set, the undated paired incidents' features and labels (1: the year of publication)."""
    from rightswatch.analyse import Analyzer

    analyzer = Analyzer("north_korea", incident_year=False)
    out: dict[str, list[Case]] = {}
    for name in sets:
        cases: list[Case] = []
        for res, report, told in analyse_set(analyzer, name, lambda doc, _: list(doc._.rw_incident_tenses or [])):
            published = published_date(report)
            if published is None:
                continue
            expected = {id(p.predicted): p.expected for p in res.incident_pairs}
            times = article_times(report, published)
            for k in undated(report):
                exp = expected.get(id(report.incidents[k]))
                if exp is None or not datable(report, k, told[k] if k < len(told) else None):
                    continue
                options = list(_options(exp.year))
                this_year, none = published.year in options, None in options
                if this_year != none:
                    cases.append((year_features(report, k, published, times, told[k] if k < len(told) else None), int(this_year)))
        out[name] = cases
        print(f"{name}: {len(cases)} cases, {sum(y for _, y in cases)} of the publication year", flush=True)
    return out


def _names(data: dict[str, list[Case]]) -> tuple[str, ...]:
    return tuple(sorted({k for cases in data.values() for f, _ in cases for k in f}))


def _fit(cases: list[Case], names: tuple[str, ...], c: float, threshold: float = 0.5) -> IncidentScorer:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[f.get(k, 0.0) for k in names] for f, _ in cases], dtype=float)
    y = np.array([label for _, label in cases])
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=5000, random_state=SEED).fit(x, y)
    return IncidentScorer(names, tuple(float(w) for w in clf.coef_[0]), threshold)


def net(cases: list[Case], model: IncidentScorer, threshold: float) -> tuple[int, int]:
    """(years made right, years made wrong) when cases scoring at least ``threshold`` are dated."""
    right = wrong = 0
    for f, label in cases:
        if model.score(f) >= threshold:
            right, wrong = right + label, wrong + (1 - label)
    return right, wrong


def cross_validate(data: dict[str, list[Case]], names: tuple[str, ...]) -> tuple[float, float, int, int]:
    """Leave one set out: (C, threshold, right, wrong) at the chosen setting."""
    grid = loso_grid(data, lambda cases, c: _fit(cases, names, c), net, C_GRID, THRESHOLDS)  # type: ignore[arg-type]
    best = max(right - wrong for _, _, right, wrong in grid)
    c, th, right, wrong = max((g for g in grid if g[2] - g[3] >= best - TOLERANCE), key=lambda g: (g[1], g[2] - g[3]))
    return c, th, right, wrong


def main() -> None:
    args = training_args(__doc__, MODEL)
    data = analysed(args, analyse_sets)
    names = _names(data)
    cases = [x for s in data for x in data[s]]
    positives = sum(y for _, y in cases)
    c, th, right, wrong = cross_validate(data, names)
    print(f"{len(cases)} cases ({positives} of the publication year); leave-one-set-out at C={c}, threshold {th}: "
          f"{right} years made right, {wrong} made wrong (net {right - wrong:+d})")
    model = _fit(cases, names, c, th)
    model.metadata.update({
        "model": "incident_year",
        "trained": _dt.date.today().isoformat(),
        "sets": list(data),
        "cases": len(cases),
        "publication_year_cases": positives,
        "C": c,
        "loso_right": right,
        "loso_wrong": wrong,
    })
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
