"""Tables of the review capability, on the shared ``schema.metadata``."""

from __future__ import annotations

from rightswatch.store.schema import metadata  # noqa: F401

__all__: list[str] = []
