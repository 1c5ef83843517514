"""The layer map of docs/architecture.md, checked on the import graph (static, from the AST)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rightswatch"
BASE = {"records", "errors", "settings", "__init__"}
STAGES = {"collect", "extract", "analyse", "store", "link"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = path.relative_to(SRC).parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("rightswatch."):
                    found.add(alias.name.split(".")[1])
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = list(package[: -node.level]) if len(package) > node.level else []
                mod = (parts + (node.module.split(".") if node.module else []))
                if mod:
                    found.add(mod[0])
            elif node.module and node.module.startswith("rightswatch."):
                found.add(node.module.split(".")[1])
    return found


def _modules(layer: str) -> list[Path]:
    target = SRC / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [SRC / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(BASE - {"__init__"}))
def test_base_imports_nothing_of_ours(layer):
    for path in _modules(layer):
        assert _imports(path) <= {layer}, path


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_stages_import_only_the_base_and_themselves(stage):
    for path in _modules(stage):
        extra = _imports(path) - BASE - {stage}
        assert not extra, f"{path.relative_to(SRC)} imports {sorted(extra)}"


def test_web_never_imports_the_nlp_stack():
    for path in _modules("web"):
        assert "analyse" not in _imports(path), path
