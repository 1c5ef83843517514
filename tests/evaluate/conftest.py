from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def record(
    gid: int,
    html: str,
    title: str = "A title",
    published: str = "2021-03-08 23:00:34",
    **merged: Any,
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "perpetrator_mention": True,
        "perpetrator_type": "state actor",
        "violation_types": ["arbitrary detention"],
        "year": None,
        "month": None,
        "date": None,
        "city": "None",
        "region": "None",
        "country": "None",
        "victims": [],
    }
    base.update(merged)
    return {
        "sample": {
            "Input.GLOBALEVENTID": gid,
            "Input.title": title,
            "Input.publish_date": published,
            "Input.article_interface": html,
            "Input.batch_idx": 1,
            "HIT_id": "X",
        },
        "annotations": [],
        "merged_sample": base,
    }


def victim(name: str | None, **kw: Any) -> dict[str, Any]:
    d = {
        "victim_idx": 1,
        "victim_population_type": "individual",
        "victim_name": name,
        "victim_keywords": None,
        "victim_type": ["journalist"],
        "victim_sex_type": "man",
        "victim_age_group": "adult",
    }
    d.update(kw)
    return d


@pytest.fixture
def tiny_split(tmp_path: Path) -> Path:
    records = [
        record(
            1,
            "<p>Police arrested journalist Ana Silva in Lagos on February 26.</p> <p>She was beaten.</p>",
            year="2021.0",
            month="February",
            date="26.0",
            city="Lagos",
            region="Lagos State",
            country="Nigeria",
            violation_types=["arbitrary detention", "torture"],
            victims=[victim("Ana Silva", victim_sex_type="woman")],
        ),
        record(
            2,
            "<p>Gunmen kidnapped 20 pupils &amp; a teacher.</p>",
            perpetrator_type="other actors without permissions",
            violation_types=["kidnapping", "unknown"],
            year="2020",
            month="11",
            date="unknown",
            country="USA",
            victims=[victim(None, victim_population_type="multiple")],
        ),
        record(
            3,
            "<p>An essay on press freedom.</p>",
            perpetrator_mention=False,
            perpetrator_type=None,
            violation_types=["unknown"],
            month="Decenmber",
            city="unknown",
            country="People's Republic of China",
        ),
    ]
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _rule_only_mapping(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mapping tests test the main-event rule: hide the installed trained label model
    (``evaluate.classifier``; its own tests install tiny models explicitly)."""
    from rightswatch.evaluate import classifier

    monkeypatch.setattr(classifier, "default_model_path", lambda: Path("/nonexistent/hrdsattack_labels.json"))
