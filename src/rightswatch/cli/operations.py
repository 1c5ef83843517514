"""Operations commands: backup, restore, portable dump/load, and batch runs on Dask.

    rightswatch backup FILE               consistent copy of the live SQLite database
    rightswatch restore FILE [--force]    put a backup in place (refuses to clobber data)
    rightswatch dump FILE                 portable JSON-lines export of every table (.gz ok)
    rightswatch load-dump FILE            import a dump into an empty database
    rightswatch batch INPUTS... --out DIR run the pipeline on Dask -> Parquet shards
    rightswatch load DIR                  load a batch's Parquet results into the database
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from typing import IO, Annotated, Optional

import typer

from rightswatch.cli.app import DbOption, Exit, _check_date, _store, err, out
from rightswatch.settings import Settings

__all__ = ["register"]


def _open_text(path: Path, mode: str) -> IO[str]:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, mode + "b"), encoding="utf-8", newline="\n")
    return path.open(mode, encoding="utf-8", newline="\n")


def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (an SQLite file).")],
    db: DbOption = None,
) -> None:
    """Copy the database to FILE, consistently, even while ingest or the web app write."""
    from rightswatch.store.backup import backup as do_backup

    settings = Settings.from_env(db)
    with _store(settings):  # opens (and migrates) first: a bad --db fails here, clearly
        pass
    info = do_backup(settings.db_url, file)
    out.print(
        f"backup {info.path}: {info.documents} documents, schema {info.revision}, "
        f"{info.size} bytes, integrity ok",
        markup=False,
    )


def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `rightswatch backup`.")],
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a database that holds data.")] = False,
) -> None:
    """Replace the database by the backup in FILE (validated before and after)."""
    from rightswatch.store.backup import restore as do_restore

    if not file.is_file():
        raise Exit(f"no such backup file: {file}")
    settings = Settings.from_env(db)
    info = do_restore(file, settings.db_url, force=force)
    with _store(settings):  # brings an older backup's schema up to date
        pass
    out.print(f"restored {info.documents} documents from {file} (schema {info.revision}), integrity ok", markup=False)


def dump(
    file: Annotated[Path, typer.Argument(help="Output file (.jsonl, or .jsonl.gz to compress); - for stdout.")],
    db: DbOption = None,
) -> None:
    """Export every table, raw bytes included, as portable JSON lines."""
    import sys

    from rightswatch.store.portable import export_dump

    settings = Settings.from_env(db)
    with _store(settings) as store:
        if str(file) == "-":
            counts = export_dump(store, sys.stdout)
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp{'.gz' if file.name.endswith('.gz') else ''}")
            try:
                with _open_text(tmp, "w") as fh:
                    counts = export_dump(store, fh)
                os.replace(tmp, file)
            finally:
                tmp.unlink(missing_ok=True)
    err.print(f"dumped {counts.total} rows ({counts.counts.get('documents', 0)} documents) to {file}", markup=False)


def load_dump(
    file: Annotated[Path, typer.Argument(help="A dump made by `rightswatch dump`.")],
    db: DbOption = None,
) -> None:
    """Import a dump into an empty database (all or nothing)."""
    from rightswatch.store.portable import import_dump

    if not file.is_file():
        raise Exit(f"no such dump file: {file}")
    settings = Settings.from_env(db)
    with _store(settings) as store, _open_text(file, "r") as fh:
        counts = import_dump(store, fh)
    out.print(f"imported {counts.total} rows ({counts.counts.get('documents', 0)} documents)", markup=False)


def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .html .json .jsonl .warc .gz")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder for Parquet shards and the manifest.")],
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", help="Dask scheduler address.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Local worker processes (no --scheduler).")] = 2,
    retries: Annotated[int, typer.Option("--retries", min=0, max=10, help="Retries of a failed shard.")] = 2,
    files_per_shard: Annotated[int, typer.Option("--files-per-shard", min=1)] = 100,
    published: Annotated[Optional[str], typer.Option(help="Publication date to assume (YYYY-MM-DD).")] = None,
    profile: Annotated[str, typer.Option("--profile", help="Domain profile name or folder.")] = "north_korea",
    db: DbOption = None,
) -> None:
    """Run the pipeline over INPUTS on Dask; write Parquet shards to --out (no database is touched)."""
    from rightswatch.batch import run_batch

    for p in inputs:
        if not p.exists():
            raise Exit(f"no such file or folder: {p}")
    settings = Settings.from_env(db, published=_check_date(published), profile=profile)

    def tick(o: "ShardOutcome") -> None:  # noqa: F821
        if o.status == "failed":
            err.print(f"shard {o.shard_id} failed: {o.error} ({', '.join(o.paths[:2])}...)", markup=False)

    summary = run_batch(
        inputs,
        out_dir,
        settings,
        scheduler=scheduler,
        workers=workers,
        retries=retries,
        files_per_shard=files_per_shard,
        progress=tick,
    )
    out.print(
        f"shards: {summary.done} done, {summary.skipped} skipped (finished before), {summary.failed} failed; "
        f"documents: {summary.total('stored')} analysed, {summary.total('failed')} failed, "
        f"{summary.total('incidents')} incidents -> {summary.out_dir}",
        markup=False,
    )
    if summary.failed:
        raise typer.Exit(2)


def load(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Output folder of `rightswatch batch`.")],
    db: DbOption = None,
) -> None:
    """Load a batch's Parquet results into the database (re-runnable: nothing is stored twice)."""
    from rightswatch.batch import load_results

    if not directory.is_dir():
        raise Exit(f"no such folder: {directory}")
    settings = Settings.from_env(db)
    with _store(settings) as store:
        summary = load_results(directory, store)
    c = summary.counts
    out.print(
        f"loaded {summary.parts} files ({summary.skipped_parts} loaded before): stored {c.get('stored', 0)}, "
        f"duplicates {c.get('duplicate', 0)}, failures logged {c.get('failure', 0)}; {summary.incidents} incidents",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(backup)
    app.command()(restore)
    app.command()(dump)
    app.command("load-dump")(load_dump)
    app.command()(batch)
    app.command()(load)
