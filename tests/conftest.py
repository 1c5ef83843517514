"""Shared fixtures: one Analyzer per test session (loading spaCy costs a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_80968a1119312db6.txt"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def analyzer():
    from rightswatch.analyse import Analyzer

    return Analyzer("north_korea")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if SEED.exists():
        return SEED
    # a clone without ../shared still has the bundled copy
    return REPO / "src" / "rightswatch" / "data" / "corpus" / SEED.name
