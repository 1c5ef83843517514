"""The report contract: JSON Schema in docs/, CLI `extract`, and the README's worked example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rightswatch.cli.app import app

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_json(seed_path):
    result = CliRunner().invoke(app, ["extract", str(seed_path), "--published", "2024-06-10"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_extract_output_validates_against_the_schema(seed_json):
    jsonschema.validate(seed_json, SCHEMA)
    assert seed_json["incidents"] and seed_json["quotes"]


def test_schema_rejects_a_broken_report(seed_json):
    broken = dict(seed_json, incidents=[{"type": "killing"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_readme_setup_is_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set-up", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["./dev demo", "./dev test"]


def test_readme_worked_example_is_real_output(seed_path):
    """Every line the README shows for `extract --format text` (minus '...') is printed for real."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("--format text\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(app, ["extract", str(seed_path), "--published", "2024-06-10", "--format", "text"], terminal_width=400)
    assert result.exit_code == 0
    produced = re.sub(r"\s+", " ", result.stdout)
    for line in block.strip().splitlines():
        shown = re.sub(r"\s+", " ", line.split("...")[0]).strip()
        assert shown in produced, shown


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "/nonexistent/nope.txt"],
        ["extract", "README.md", "--published", "June"],
        ["ingest", "/nonexistent/folder"],
        ["export", "--format", "xlsx"],
        ["show", "999999"],
        ["status", "--db", "README.md"],
    ],
)
def test_user_mistakes_are_one_line_errors(args, tmp_path):
    import os
    import subprocess
    import sys

    # A narrow terminal: the one line must not be wrapped, whatever the path length.
    env = dict(os.environ, RIGHTSWATCH_DB=str(tmp_path / "x.db"), COLUMNS="40")
    proc = subprocess.run(
        [sys.executable, "-m", "rightswatch", *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), proc.stderr
