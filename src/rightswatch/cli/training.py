"""``rightswatch train ...``: train the project's own models from public data.

``train hrdsattack TRAIN.json``: the HRDsAttack label model (violation types, perpetrator type;
``evaluate.classifier``), chosen by cross-validation on the train split and saved as JSON.
``train event-ranker TRAIN.json``: the HRDsAttack event ranker (which incident's place answers
for the article; ``evaluate.event_ranker``), chosen the same way.
``train relevance TRAIN.json NEWS_DIR``: the article gate's relevance classifier
(``analyse.relevance_model``; data and choices in ``evaluate.relevance_train``).
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

__all__ = ["register"]

SplitArgument = Annotated[Path, typer.Argument(help="HRDsAttack train split (JSON). Never dev or test.")]
ReportsOption = Annotated[
    Optional[Path], typer.Option("--reports", help="Reuse cached Reports (JSONL, one per sample, in order).")
]
ProfileOption = Annotated[str, typer.Option("--profile", help="Domain profile for the analysis.")]

train_app = typer.Typer(help="Train the project's models from public training data.", no_args_is_help=True)


def log(line: str) -> None:
    """One line of training progress, never wrapped."""
    from rightswatch.cli.app import out as console

    console.print(line, markup=False, highlight=False, soft_wrap=True)


def _analyser(split: Path, reports: Path | None, profile: str) -> Callable[[Any], Any] | None:
    """Check the inputs; the analyser to run over the split, or None when reports are cached."""
    from rightswatch.cli.app import Exit

    if not split.exists():
        raise Exit(f"no such file: {split}")
    if reports is not None:
        if not reports.exists():
            raise Exit(f"no such file: {reports}")
        return None
    from rightswatch.analyse import Analyzer

    return Analyzer(profile).analyse_many


@train_app.command("hrdsattack")
def train_hrdsattack(
    split: SplitArgument,
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Model file (default: the installed data/models/hrdsattack_labels.json).")
    ] = None,
    reports: ReportsOption = None,
    profile: ProfileOption = "general",
) -> None:
    """Train the HRDsAttack violation/perpetrator type model (5-fold CV on the split)."""
    from rightswatch.cli.app import Exit
    from rightswatch.evaluate.classifier_train import train_hrdsattack as run

    analyse_many = _analyser(split, reports, profile)

    try:
        run(split, analyse_many=analyse_many, reports_path=reports, out=out, log=log)
    except ValueError as exc:
        raise Exit(str(exc)) from None


@train_app.command("event-ranker")
def train_event_ranker(
    split: SplitArgument,
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Model file (default: the installed data/models/hrdsattack_event_ranker.json).")
    ] = None,
    reports: ReportsOption = None,
    profile: ProfileOption = "general",
) -> None:
    """Train the HRDsAttack event ranker (which incident places the main attack; 5-fold CV)."""
    from rightswatch.cli.app import Exit
    from rightswatch.evaluate.event_ranker import default_ranker_path
    from rightswatch.evaluate.event_ranker_train import train_event_ranker as run
    from rightswatch.evaluate.train_data import load_training_split

    analyse_many = _analyser(split, reports, profile)

    try:
        data = load_training_split(split, analyse_many=analyse_many, reports_path=reports, log=log)
        ranker = run(data.reports, data.samples, log=log, extra_metadata={
            "train_split_file": data.file_name, "train_split_sha256": data.sha256, "reports": data.source,
        })
    except ValueError as exc:
        raise Exit(str(exc)) from None
    target = out or default_ranker_path()
    ranker.save(target)
    log(f"wrote {target}")


@train_app.command("relevance")
def train_relevance(
    split: SplitArgument,
    news: Annotated[Path, typer.Argument(help="article-extraction-benchmark folder (ground-truth.json): the negatives.")],
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Model file (default: the installed data/models/relevance.json).")
    ] = None,
) -> None:
    """Train the article relevance classifier (TF-IDF + logistic regression, 5-fold CV)."""
    from rightswatch.cli.app import Exit

    for path in (split, news / "ground-truth.json"):
        if not path.exists():
            raise Exit(f"no such file: {path}")
    from rightswatch.analyse.relevance_model import default_model_path
    from rightswatch.evaluate.relevance_train import train_and_write

    try:
        train_and_write(split, news, out or default_model_path(), log=log)
    except ValueError as exc:
        raise Exit(str(exc)) from None


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(train_app, name="train")
