"""The ``rightswatch`` command line.

Every command takes ``--db`` (or ``RIGHTSWATCH_DB``). User mistakes end in one clear line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rightswatch.errors import ConfigError, NotFound, RightswatchError
from rightswatch.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="rightswatch",
    help="Evidence-linked incident database for human-rights monitoring of the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def print_error(message: str) -> None:
    """One `error:` line on stderr: never wrapped to the terminal width, newlines folded."""
    one_line = " ".join(str(message).split())
    err.print(f"error: {one_line}", markup=False, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", envvar="RIGHTSWATCH_DB", help="Database file or URL (default: the user's data directory)."),
]
ProfileOption = Annotated[str, typer.Option("--profile", help="Domain profile name or folder.")]


class Exit(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def _store(settings: Settings) -> Iterator["Store"]:  # noqa: F821
    from rightswatch.store import Store

    store = Store.open(settings.db_url)
    try:
        yield store
    finally:
        store.close()


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise Exit(f"--published must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def _run_ingest(paths: list[Path], settings: Settings, quiet: bool = False) -> "RunSummary":  # noqa: F821
    from rightswatch.pipeline import Pipeline

    for p in paths:
        if not p.exists():
            raise Exit(f"no such file or folder: {p}")
    with _store(settings) as store:
        pipeline = Pipeline(settings, store)
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[last]}"),
            TimeElapsedColumn(), console=err, disable=quiet, transient=False,
        ) as bar:
            task = bar.add_task("ingest", total=None, last="")

            def tick(outcome: "Outcome") -> None:  # noqa: F821
                bar.update(task, advance=1, last=Path(outcome.origin).name[:40])

            summary = pipeline.ingest(paths, progress=tick)
    return summary


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .json, .jsonl, .gz")],
    db: DbOption = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date to assume (YYYY-MM-DD).")] = None,
    profile: ProfileOption = "north_korea",
    min_relevance: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Skip full analysis of articles whose relevance to the profile (keywords, then the relevance classifier) is lower (stored, not analysed)."),
    ] = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Read articles, analyse them and store the reports."""
    settings = Settings.from_env(db, published=_check_date(published), profile=profile, relevance_threshold=min_relevance)
    summary = _run_ingest(paths, settings, quiet)
    c = summary.counts
    out.print(
        f"stored {c.get('stored', 0)}, duplicates {c.get('duplicate', 0)}, failed {c.get('failed', 0)}; "
        f"{summary.incidents} incidents"
    )
    for reason, n in sorted(summary.failures_by_reason.items()):
        out.print(f"  failed ({reason}): {n}")


@app.command()
def incidents(
    db: DbOption = None,
    type: Annotated[Optional[str], typer.Option("--type", help="Incident type label.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO country code.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """List incidents: id, date, type, perpetrator, victims, place."""
    from rightswatch.cli.render import incidents_table

    settings = Settings.from_env(db)
    with _store(settings) as store:
        rows = store.list_incidents(limit=limit, offset=offset, type=type, country=country)
    out.print(incidents_table(rows))


@app.command()
def show(incident_id: int, db: DbOption = None, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """One incident: its fields and the evidence sentences, highlighted."""
    from rightswatch.cli.render import incident_panel

    settings = Settings.from_env(db)
    with _store(settings) as store:
        detail = store.get_incident(incident_id)
    if json_:
        from rightswatch.records import Report

        d = Report(article=detail.article, incidents=(detail.incident,)).to_dict()["incidents"][0]
        d["id"] = detail.row.id
        d["evidence_text"] = [e.text for e in detail.evidence]
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        return
    incident_panel(out, detail)


@app.command()
def search(
    query: str,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
) -> None:
    """Full-text search over articles and quotes, ranked, with snippets."""
    from rightswatch.cli.render import search_table

    settings = Settings.from_env(db)
    with _store(settings) as store:
        hits = store.search(query, limit=limit)
    if not hits:
        out.print("no matches")
        return
    out.print(search_table(hits))


@app.command()
def extract(
    file: Path,
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    format: Annotated[str, typer.Option("--format", help="json or text")] = "json",
    profile: ProfileOption = "north_korea",
    db: DbOption = None,
) -> None:
    """Analyse one file and print its report(s); touches no database."""
    from rightswatch.collect import Failure
    from rightswatch.pipeline import analyse_file

    if format not in ("json", "text"):
        raise Exit(f"unknown format {format!r}: use json or text")
    if not file.exists():
        raise Exit(f"no such file: {file}")
    settings = Settings.from_env(db, published=_check_date(published), profile=profile)
    failed = 0
    for item in analyse_file(file, settings):
        if isinstance(item, Failure):
            print_error(item.message)
            failed += 1
            continue
        if format == "json":
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            from rightswatch.cli.render import highlighted

            a = item.article
            out.print(f"{a.title or '(untitled)'} | {a.outlet} | {a.published} ({a.published_source})", markup=False)
            for inc in item.incidents:
                out.print(f"- {inc.type} conf {inc.confidence:.2f}", markup=False)
                for ev in inc.evidence:
                    out.print(highlighted(a.text, ev, []))
            for q in item.quotes:
                out.print(f"> {q.speaker} ({'anonymous' if q.anonymous else 'named'}): {q.text[:80]}", markup=False)
    if failed:
        raise typer.Exit(1)


@app.command()
def status(db: DbOption = None, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts: documents, articles, incidents, quotes, errors by reason."""
    from dataclasses import asdict

    from rightswatch.cli.render import status_table

    settings = Settings.from_env(db)
    with _store(settings) as store:
        counts = store.status()
    if json_:
        sys.stdout.write(json.dumps(asdict(counts), indent=2, sort_keys=True) + "\n")
    else:
        out.print(status_table(counts))


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="csv, jsonl, geojson or parquet")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (default: stdout)")] = None,
    db: DbOption = None,
) -> None:
    """Export incidents with their article provenance."""
    from rightswatch.export import write_export

    settings = Settings.from_env(db)
    if format == "parquet" and output is None:
        raise Exit("parquet needs an output file: -o FILE")
    with _store(settings) as store:
        if output is None:
            write_export(store, format, sys.stdout)
        else:
            write_export(store, format, output)
    if output is not None:
        err.print(f"wrote {output}", markup=False)


eval_app = typer.Typer(help="Measure extraction quality on benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("hrdsattack")
def eval_hrdsattack(
    split: Path,
    predictions: Annotated[Optional[Path], typer.Option("--predictions", help="Write one JSON line per article.")] = None,
    profile: Annotated[str, typer.Option("--profile")] = "general",
    batch_size: Annotated[int, typer.Option(min=1)] = 16,
) -> None:
    """Run the pipeline over an HRDsAttack split and print the paper's metrics."""
    from rightswatch.analyse import Analyzer
    from rightswatch.evaluate import format_table, run_eval

    if not split.exists():
        raise Exit(f"no such file: {split}")
    analyzer = Analyzer(profile, batch_size=batch_size)
    scores = run_eval(split, analyzer.analyse_many, predictions_out=predictions, as_tuples=False)
    out.print(format_table(scores), markup=False, highlight=False)


def _shown_url(url: str) -> str:
    """A database URL fit to print: the password masked."""
    if "://" not in url:
        return url
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL SQLAlchemy understands: show it without credentials
        return url.split("@")[-1]


def corpus_dir() -> Path:
    return Path(str(resources.files("rightswatch") / "data" / "corpus"))


@app.command()
def demo(db: DbOption = None) -> None:
    """Ingest the bundled corpus and show the result."""
    from rightswatch.cli.render import incident_panel, incidents_table, search_table, status_table
    from rightswatch.settings import default_db_path

    target = db or str(default_db_path().with_name("demo.db"))
    settings = Settings.from_env(target)
    out.rule("rightswatch demo")
    out.print(f"database: {_shown_url(settings.db_url)}", markup=False)
    articles = sorted(p for p in corpus_dir().iterdir() if p.name != "README.md")
    summary = _run_ingest(articles, settings)
    c = summary.counts
    out.print(f"stored {c.get('stored', 0)}, duplicates {c.get('duplicate', 0)}, failed {c.get('failed', 0)}")
    with _store(settings) as store:
        out.print(status_table(store.status()))
        rows = store.list_incidents(limit=30)
        out.print(incidents_table(rows))
        seed = [r for r in rows if (r.outlet or "") == "Daily NK"]
        if seed:
            out.rule("one incident, with its evidence")
            incident_panel(out, store.get_incident(seed[0].id))
        out.rule('search: "repatriation Jilin"')
        out.print(search_table(store.search("repatriation Jilin", limit=5)))
    db_arg = f"--db {_shown_url(target)}"
    out.rule("next")
    out.print(
        "Browse it in the web app:\n"
        f"  rightswatch user add admin --role admin {db_arg}\n"
        f"  rightswatch serve {db_arg}          # then open http://127.0.0.1:8000/\n"
        f"Export it:  rightswatch export --format csv -o incidents.csv {db_arg}",
        markup=False,
        highlight=False,
    )


# Command groups live in their own modules; each adds its commands here.
from rightswatch.cli import collection as _collection  # noqa: E402
from rightswatch.cli import maintenance as _maintenance  # noqa: E402
from rightswatch.cli import operations as _operations  # noqa: E402
from rightswatch.cli import training as _training  # noqa: E402
from rightswatch.cli import web as _web  # noqa: E402

for _module in (_collection, _web, _maintenance, _operations, _training):
    _module.register(app)


def main() -> None:
    try:
        app(standalone_mode=False)
    except Exit as exc:
        print_error(str(exc))
        sys.exit(exc.code)
    except (NotFound,) as exc:
        print_error(f"not found: {exc}")
        sys.exit(1)
    except (RightswatchError, ConfigError) as exc:
        print_error(str(exc))
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # click usage errors come through here in standalone_mode=False
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":
    main()
