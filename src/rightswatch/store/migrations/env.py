"""Alembic environment for the rightswatch store.

Migrations are run programmatically by ``rightswatch.store.engine.migrate``, which passes an open
connection in ``config.attributes["connection"]``; there is no ``alembic.ini`` and no logging set-up
here (the application owns logging).

To change the schema: edit ``schema.py``, then add ``versions/NNNN_what.py`` (copy the layout of
``0001_initial.py``; ``revision = "NNNN"``, ``down_revision`` = the previous one) spelling out the
operations. ``tests/store/test_open.py::test_migrations_match_schema_module`` fails until the
two agree.
"""

from __future__ import annotations

from alembic import context

from rightswatch.store.schema import metadata
from rightswatch.store.search import is_search_object


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # FTS5 virtual tables and their shadow tables are created by raw DDL, not by ``metadata``.
    return not (type_ == "table" and is_search_object(name))


connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by engine.migrate
    raise RuntimeError("rightswatch migrations run only through rightswatch.store.engine.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    include_object=_include_object,
)
with context.begin_transaction():
    context.run_migrations()
