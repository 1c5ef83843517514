"""No module binds one top-level name twice: the second binding silently replaces the first for
every function that reads it (session 21's posture spans replaced the questioning spans that way)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import rightswatch

_SRC = Path(rightswatch.__file__).parent


def _top_level_names(tree: ast.Module) -> dict[str, list[int]]:
    names: dict[str, list[int]] = defaultdict(list)
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name].append(node.lineno)
            continue
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id].append(node.lineno)
    return names


def test_no_module_binds_a_top_level_name_twice():
    twice = []
    for path in sorted(_SRC.rglob("*.py")):
        for name, lines in _top_level_names(ast.parse(path.read_text(encoding="utf-8"))).items():
            if len(lines) > 1 and name != "__all__":
                twice.append(f"{path.relative_to(_SRC)}: {name} at lines {lines}")
    assert not twice, "\n".join(twice)


def test_the_check_sees_a_rebinding():
    tree = ast.parse("_SPANS = {1}\n\ndef f():\n    return _SPANS\n\n_SPANS = {2}\n")
    assert _top_level_names(tree)["_SPANS"] == [1, 6]
