"""Where an export goes: a path (written atomically) or an open text or binary stream."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, Union

__all__ = ["Target", "is_path", "text_output", "binary_output"]

Target = Union[str, "os.PathLike[str]", BinaryIO, TextIO, IO[Any]]


def is_path(out: object) -> bool:
    return isinstance(out, (str, os.PathLike))


def is_text_stream(out: object) -> bool:
    return isinstance(out, io.TextIOBase) or (
        not isinstance(out, (io.RawIOBase, io.BufferedIOBase)) and hasattr(out, "encoding")
    )


@contextmanager
def _atomic_path(path: Path, mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """Write next to ``path`` and rename into place, so a failed export leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def text_output(out: Target) -> Iterator[TextIO]:
    """A UTF-8 text stream writing to ``out``; never closes a stream the caller passed in."""
    if is_path(out):
        with _atomic_path(Path(out), "w", encoding="utf-8", newline="") as fh:  # type: ignore[arg-type]
            yield fh  # type: ignore[misc]
    elif is_text_stream(out):
        yield out  # type: ignore[misc]
    else:
        binary: Any = out
        wrapper = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # hand the caller's binary stream back, open


@contextmanager
def binary_output(out: Target) -> Iterator[BinaryIO | Path]:
    """A binary stream, or (for a path) a temporary path renamed into place when done."""
    if is_path(out):
        path = Path(out)  # type: ignore[arg-type]
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
        try:
            yield Path(tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    else:
        yield out  # type: ignore[misc]
