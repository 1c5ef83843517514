"""Batch: the ingest pipeline over a Dask cluster, results as Parquet, loaded into the store later.

Public surface::

    plan_shards(inputs, files_per_shard) -> list[Shard]
    run_batch(inputs, out_dir, settings, scheduler=None, workers=2) -> BatchSummary
    load_results(out_dir, store) -> LoadSummary

How it fits together (``docs/batch.md`` has the operator's view):

* ``shards``   cuts the inputs into units of work: a JSONL or WARC file is one shard; the small
               files of a folder are grouped, a hundred to a shard.
* ``worker``   runs on a Dask worker: the same :class:`~rightswatch.pipeline.Pipeline` that
               ``ingest`` runs, with an in-memory sink instead of the database, and one
               :class:`~rightswatch.analyse.Analyzer` per worker process (spaCy loads once).
* ``parquet``  one file per shard (report JSON, key columns, raw bytes), written to a temporary
               name and renamed: a shard's file is whole or absent.
* ``manifest`` which shards are done (a re-run skips them) or failed (retried, then reported).
* ``run``      the client side: plans, submits, retries, records.
* ``load``     reads the Parquet files back into :class:`~rightswatch.store.Store` through
               ``Store.save``; saving the same bytes twice is a no-op, so a load can be re-run.
"""

from __future__ import annotations

from rightswatch.batch.load import LoadSummary, load_results
from rightswatch.batch.run import BatchSummary, ShardOutcome, run_batch
from rightswatch.batch.shards import Shard, plan_shards

__all__ = [
    "Shard",
    "plan_shards",
    "run_batch",
    "BatchSummary",
    "ShardOutcome",
    "load_results",
    "LoadSummary",
]
