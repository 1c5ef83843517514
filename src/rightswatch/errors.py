"""One exception tree for rightswatch.

    RightswatchError                 base; ``str(err)`` is one clear line for the user
    ├── InputError                   a document that cannot be read; carries a stable ``reason`` code
    │   ├── UnsupportedFormat        reason "unsupported-format"
    │   ├── DecodeFailed             reason "decode-failed" (broken encoding, not text at all)
    │   ├── TooLarge                 reason "too-large"
    │   ├── MalformedRecord          reason "malformed-record" (bad JSON, missing text, broken gzip)
    │   └── EmptyDocument            reason "empty" (nothing left to analyse)
    ├── StoreError                   the database cannot be opened or written
    ├── ConfigError                  a bad setting, codebook or profile
    └── NotFound                     an id that does not exist

Reason codes are stable: the pipeline counts them and ``rightswatch status`` reports them.
Imports nothing of ours.
"""

from __future__ import annotations

__all__ = [
    "RightswatchError",
    "InputError",
    "UnsupportedFormat",
    "DecodeFailed",
    "TooLarge",
    "MalformedRecord",
    "EmptyDocument",
    "StoreError",
    "ConfigError",
    "NotFound",
]


class RightswatchError(Exception):
    """Base of every error rightswatch raises on purpose."""


class InputError(RightswatchError):
    reason = "input-error"

    def __init__(self, message: str, origin: str | None = None) -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class UnsupportedFormat(InputError):
    reason = "unsupported-format"


class DecodeFailed(InputError):
    reason = "decode-failed"


class TooLarge(InputError):
    reason = "too-large"


class MalformedRecord(InputError):
    reason = "malformed-record"


class EmptyDocument(InputError):
    reason = "empty"


class StoreError(RightswatchError):
    pass


class ConfigError(RightswatchError):
    pass


class NotFound(RightswatchError):
    pass
