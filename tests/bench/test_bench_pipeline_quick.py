"""bench/pipeline.py --quick runs end to end and reports every field (nothing about speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_quick_mode_reports_every_field(tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "pipeline.py"), "--quick", "--json", str(out), "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ratio" in proc.stdout and "Per-stage time" in proc.stdout
    data = json.loads(out.read_text())
    (row,) = data["rows"]
    assert row["size"] == 60
    base, pipe = row["baseline"], row["pipeline"]
    for run in (base, pipe):
        assert run["articles"] == 60
        assert run["cpu_s"] > 0 and run["wall_s"] > 0 and run["maxrss_mb"] > 0
    assert set(pipe["stages_s"]) >= {"read", "extract", "gate", "analyse", "store", "link"}
    assert pipe["relevant"] == 6
    assert pipe["skipped_by_gate"] + pipe["analysed"] == 60
    assert pipe["counts"].get("stored") == 60
    for key in ("relevant_skipped", "general_analysed", "incidents", "near_duplicate_links"):
        assert key in pipe
    assert set(pipe["parity"]) == {"relevant_articles", "identical_reports", "incidents_with_gate",
                                   "incidents_without_gate", "incidents_lost_by_gate"}
    assert row["ratio_cpu"] is not None and "growth_flags" in data
    assert not list(tmp_path.glob("rw-bench-pipeline-*"))  # the generated corpus is cleaned up
