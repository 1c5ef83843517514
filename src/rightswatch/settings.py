"""One typed settings object, built once at the edge (CLI, environment) and passed in.

No stage reads the environment or a global: they receive a ``Settings``.
Imports nothing of ours.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "default_db_path", "db_url_from"]

#: Largest document accepted by any reader (bytes, after decompression).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def default_db_path() -> Path:
    """The embedded database in the user's data directory (XDG on Linux)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rightswatch" / "rightswatch.db"


def db_url_from(value: str | os.PathLike[str] | None) -> str:
    """Turn a ``--db`` value (path or URL) into an SQLAlchemy URL."""
    if value is None or str(value) == "":
        value = os.environ.get("RIGHTSWATCH_DB") or default_db_path()
    text = str(value)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = ""
    profile: str = "north_korea"
    codebook: str = "default"
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Publication date forced by the user (``--published``), ISO date.
    published: str | None = None
    allow_private_addresses: bool = False
    user_agent: str = "rightswatch/0.1 (+human-rights monitoring; offline-first)"
    #: Articles whose keyword relevance is below this (and which the classifier does not admit)
    #: are stored as documents and skip heavy analysis; 0 analyses everything.
    relevance_threshold: float = 0.0
    #: Score articles the relevance keywords do not admit with the small text classifier too
    #: (admitted at the model's own threshold, ``analyse.relevance_model``).
    relevance_classifier: bool = True
    batch_size: int = 32

    @classmethod
    def from_env(cls, db: str | None = None, **overrides: object) -> Settings:
        allow = os.environ.get("RIGHTSWATCH_ALLOW_PRIVATE", "") in ("1", "true", "yes")
        values: dict[str, object] = {"db_url": db_url_from(db), "allow_private_addresses": allow}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
