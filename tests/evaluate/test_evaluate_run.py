from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rightswatch import evaluate
from rightswatch.evaluate import format_table, read_predictions, run_eval
from rightswatch.records import Actor, Article, Incident, Place, Report, Span, TimeRef, Victim

KEYS = ["id", "perpetrator_mention", "perpetrator_type", "violation_types", "country", "region",
        "city", "year", "month", "date", "victims", "evidence"]  # fmt: skip
VICTIM_KEYS = ["victim_name", "victim_type", "victim_sex_type", "victim_age_group",
               "victim_population_type"]  # fmt: skip


def fake_pipeline(seen: list[tuple[Article, Any]]):  # type: ignore[no-untyped-def]
    def analyse_many(pairs: Iterable[tuple[Article, Any]]) -> Iterator[Report]:
        for article, ctx in pairs:
            seen.append((article, ctx))
            if "arrested" in article.text:
                inc = Incident(
                    "arbitrary_detention",
                    (Span(0, 6),),
                    Actor("Police", "state_security_forces"),
                    (Victim("Ana Silva", name="Ana Silva", population="individual",
                            sex="female", age_group="adult", type="journalist"),),
                    Place("Lagos", country="NG", region="Lagos", city="Lagos"),
                    TimeRef("February 26", 2021, 2, 26, "day"),
                    0.9,
                )  # fmt: skip
                yield Report(article=article, incidents=(inc,))
            else:
                yield Report(article=article)

    return analyse_many


def test_run_eval_writes_jsonl_and_scores(tiny_split: Path, tmp_path: Path) -> None:
    seen: list[tuple[Article, Any]] = []
    out = tmp_path / "pred.jsonl"
    scores = run_eval(tiny_split, fake_pipeline(seen), predictions_out=out)

    article, ctx = seen[0]
    assert ctx == 1
    assert article.published == "2021-03-08" and article.published_source == "json"
    assert article.title == "A title"
    assert article.text.startswith("Police arrested journalist Ana Silva")
    assert "\n\nShe was beaten." in article.text
    assert seen[1][0].text == "Gunmen kidnapped 20 pupils & a teacher."

    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [d["id"] for d in lines] == [1, 2, 3]
    assert all(list(d) == KEYS for d in lines)
    assert list(lines[0]["victims"][0]) == VICTIM_KEYS
    assert lines[0]["country"] == "Nigeria" and lines[0]["date"] == 26
    assert lines[0]["evidence"]["violation_types"] == [0, 6]  # the incident's evidence span
    assert [p.id for p in read_predictions(out)] == [1, 2, 3]

    assert scores.n == 3
    assert scores.year_acc == pytest.approx(200 / 3)  # 1 right; 2 wrong (2020 vs empty); 3 empty==empty
    assert scores.victim_f1 == 100.0
    assert scores.articles_per_second and scores.articles_per_second > 0
    assert set(scores.baselines) == {"always-empty", "always-state-actor"}
    assert "articles/s" in format_table(scores)


def test_run_eval_rejects_short_output(tiny_split: Path) -> None:
    with pytest.raises(ValueError, match="fewer reports"):
        run_eval(tiny_split, lambda pairs: [])


def test_public_api() -> None:
    assert sorted(evaluate.__all__) == sorted(set(evaluate.__all__))
    for name in evaluate.__all__:
        assert hasattr(evaluate, name), name


def test_run_eval_with_bare_articles(tiny_split: Path) -> None:
    seen: list[Article] = []

    def analyse_many(articles: Iterable[Article]) -> Iterator[Report]:
        for article in articles:
            seen.append(article)
            yield Report(article=article)

    scores = run_eval(tiny_split, analyse_many, as_tuples=False)
    assert all(isinstance(a, Article) for a in seen) and scores.n == 3
