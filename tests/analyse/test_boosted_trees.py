"""Boosted trees kept as node arrays: walked without scikit-learn, equal to what scikit-learn fitted."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rightswatch.analyse.boosted_trees import RegressionTree
from rightswatch.analyse.incident_scorer import IncidentScorer

# x0 <= 0.5 ? (x1 <= 2 ? -1 : 1) : 3
STUMP = RegressionTree(feature=(0, 1, -2, -2, -2), threshold=(0.5, 2.0, -2.0, -2.0, -2.0), left=(1, 2, -1, -1, -1), right=(4, 3, -1, -1, -1), value=(0.0, 0.0, -1.0, 1.0, 3.0))


def test_a_tree_sends_a_row_left_when_its_value_is_at_most_the_threshold():
    assert STUMP.predict([0.5, 2.0]) == -1.0
    assert STUMP.predict([0.0, 2.5]) == 1.0
    assert STUMP.predict([0.6, 0.0]) == 3.0


def test_a_boosted_scorer_adds_its_trees_to_its_weights():
    scorer = IncidentScorer(("x", "y"), (0.5, 0.0), 0.5, trees=(STUMP, STUMP), rate=0.1)
    assert scorer.logit({"x": 1.0}) == pytest.approx(0.5 + 0.1 * 2 * 3.0)
    assert scorer.logit({"y": 3.0}) == pytest.approx(0.1 * 2 * 1.0)
    assert scorer.score({}) == pytest.approx(1 / (1 + math.exp(0.2)))  # both features 0: x <= 0.5, y <= 2
    again = IncidentScorer.from_dict(scorer.to_dict())
    assert again == scorer and scorer.to_dict()["format"] == "rightswatch.incident_scorer/2"


def test_model_files_with_broken_trees_are_refused():
    good = IncidentScorer(("x", "y"), (0.0, 0.0), 0.5, trees=(STUMP,), rate=0.1).to_dict()
    tree = STUMP.to_dict()
    for broken, message in (
        ({**tree, "value": [0.0]}, "differ in length"),
        ({**tree, "left": [1, 0, -1, -1, -1]}, "outside"),  # a child before its parent: a loop
        ({**tree, "feature": [0, 7, -2, -2, -2]}, "outside"),  # a feature the model does not have
    ):
        with pytest.raises(ValueError, match=message):
            IncidentScorer.from_dict({**good, "trees": [broken]})


def test_walking_the_node_arrays_gives_what_scikit_learn_fitted():
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    x[:, 3] = rng.integers(0, 2, size=300)
    y = ((x[:, 0] + x[:, 1] * x[:, 3] + rng.normal(scale=0.5, size=300)) > 0).astype(int)
    clf = GradientBoostingClassifier(max_depth=3, n_estimators=40, learning_rate=0.1, random_state=0).fit(x, y)
    trees = tuple(RegressionTree.from_fitted(e.tree_) for e in clf.estimators_[:, 0])
    names = ("a", "b", "c", "d")
    zeros = np.zeros(4)
    base = float(clf.decision_function(zeros[None, :])[0]) - 0.1 * sum(t.predict(zeros) for t in trees)
    scorer = IncidentScorer(("bias", *names), (base, 0.0, 0.0, 0.0, 0.0), 0.5, trees=tuple(_shifted(t) for t in trees), rate=0.1)
    rows = rng.normal(size=(50, 4))
    ours = [scorer.logit({"bias": 1.0, **dict(zip(names, r))}) for r in rows]
    assert np.allclose(ours, clf.decision_function(rows), atol=1e-9)
    stored = IncidentScorer.from_dict(scorer.to_dict())  # stored to six decimals
    assert np.allclose([stored.logit({"bias": 1.0, **dict(zip(names, r))}) for r in rows], clf.decision_function(rows), atol=1e-4)


def _shifted(tree: RegressionTree) -> RegressionTree:
    """The tree reading features one place on (after "bias")."""
    return RegressionTree(tuple(f + 1 if f >= 0 else f for f in tree.feature), tree.threshold, tree.left, tree.right, tree.value)
