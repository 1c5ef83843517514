"""Smoke run of the atheris fuzz target (``fuzz/fuzz_readers.py``): a few hundred iterations.

Proves the target runs and that no *new* kind of crash turns up in the first inputs (known,
reported bugs are skipped with ``RW_FUZZ_IGNORE_KNOWN=1``). Real fuzzing runs for minutes or
hours outside CI: see ``fuzz/README.md``. Skipped when atheris is not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

TARGET = Path(__file__).resolve().parents[2] / "fuzz" / "fuzz_readers.py"


def test_reliability_fuzz_target_smoke(tmp_path: Path) -> None:
    env = dict(os.environ, RW_FUZZ_IGNORE_KNOWN="1")
    result = subprocess.run(
        [sys.executable, str(TARGET), "-runs=400", "-max_len=4096", "-seed=8", str(tmp_path / "corpus")],
        capture_output=True,
        timeout=180,
        env=env,
        cwd=tmp_path,
    )
    log = result.stderr.decode(errors="replace")
    assert result.returncode == 0, log[-4000:]
    assert "Done 400 runs" in log
    assert not list(tmp_path.glob("crash-*"))
