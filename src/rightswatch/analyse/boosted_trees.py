"""Regression trees of a gradient-boosted model, kept as plain data and walked without scikit-learn.

A trained ensemble (``scripts/train_incident_scorer.py`` fits scikit-learn's
``GradientBoostingClassifier``) is written as its trees' node arrays, the layout scikit-learn's
``tree_`` keeps: node ``n`` sends a row to ``left[n]`` when ``x[feature[n]] <= threshold[n]``, else
to ``right[n]``; a leaf (``left[n] == -1``) answers ``value[n]``. The model's log-odds are its
base plus its learning rate times the sum of its trees' answers (``IncidentScorer.logit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["RegressionTree"]


@dataclass(frozen=True, slots=True)
class RegressionTree:
    """One tree: parallel node arrays (see the module docstring)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        n = 0
        while self.left[n] >= 0:
            n = self.left[n] if x[self.feature[n]] <= self.threshold[n] else self.right[n]
        return self.value[n]

    @classmethod
    def from_fitted(cls, tree: Any) -> RegressionTree:
        """A fitted scikit-learn tree's node arrays (an estimator's ``tree_``; the first output's leaf values)."""
        return cls(
            tuple(int(f) for f in tree.feature), tuple(float(t) for t in tree.threshold),
            tuple(int(i) for i in tree.children_left), tuple(int(i) for i in tree.children_right),
            tuple(float(v) for v in tree.value[:, 0, 0]),
        )  # fmt: skip

    def to_dict(self) -> dict[str, list[int] | list[float]]:
        return {
            "feature": list(self.feature), "threshold": [round(t, 6) for t in self.threshold],
            "left": list(self.left), "right": list(self.right), "value": [round(v, 6) for v in self.value],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, list[float]], n_features: int) -> RegressionTree:
        """A tree read from a model file, checked so that ``predict`` cannot index out of range or loop."""
        tree = cls(
            tuple(int(f) for f in d["feature"]), tuple(float(t) for t in d["threshold"]),
            tuple(int(i) for i in d["left"]), tuple(int(i) for i in d["right"]), tuple(float(v) for v in d["value"]),
        )  # fmt: skip
        n = len(tree.value)
        if not n or any(len(a) != n for a in (tree.feature, tree.threshold, tree.left, tree.right)):
            raise ValueError("boosted tree: node arrays differ in length")
        for i in range(n):
            if tree.left[i] < 0:
                continue
            # children come after their parent (scikit-learn numbers nodes depth-first): no cycles
            if not (i < tree.left[i] < n and i < tree.right[i] < n and 0 <= tree.feature[i] < n_features):
                raise ValueError(f"boosted tree: node {i} points outside the tree or the features")
        return tree
