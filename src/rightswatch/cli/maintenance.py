"""Commands registered on the main app (filled in by the capability that owns them).

``eval-domain``: score the pipeline on a hand-annotated domain corpus (issue 4).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["register"]

#: Where the North Korea domain corpus lives, relative to the project root (the usual cwd).
DEFAULT_DOMAIN_CORPUS = Path("tests") / "domain" / "corpus"


def eval_domain(
    corpus: Annotated[
        Optional[Path], typer.Argument(help="Folder of articles with NAME.expected.json beside each.")
    ] = None,
    profile: Annotated[str, typer.Option("--profile", help="Domain profile name or folder.")] = "north_korea",
    threshold: Annotated[float, typer.Option("--threshold", help="Relevance threshold for the accuracy row.")] = 0.3,
    details: Annotated[bool, typer.Option("--details", help="Also list every disagreement, article by article.")] = False,
) -> None:
    """Score extraction on a hand-annotated domain corpus (default: tests/domain/corpus)."""
    from rightswatch.cli.app import Exit, out

    folder = corpus if corpus is not None else DEFAULT_DOMAIN_CORPUS
    if not folder.is_dir():
        raise Exit(f"no such corpus folder: {folder}")
    from rightswatch.analyse import Analyzer
    from rightswatch.evaluate.domain import evaluate_domain, format_domain_table, format_misses

    try:
        scores = evaluate_domain(folder, Analyzer(profile).analyse_many, relevance_threshold=threshold)
    except (FileNotFoundError, ValueError) as exc:
        raise Exit(str(exc)) from None
    if scores.n_articles == 0:
        raise Exit(f"no articles (.txt, .html) in {folder}")
    out.print(format_domain_table(scores), markup=False, highlight=False)
    if details:
        out.print("", markup=False)
        out.print(format_misses(scores), markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("eval-domain")(eval_domain)
