"""Collect documents from local files and folders.

``iter_documents`` turns paths into a stream of :class:`~rightswatch.records.Document` (one per
article) and :class:`Failure` (one per thing that could not be read). It never raises for a bad
input: a missing path, an oversized file or a corrupt gzip becomes a ``Failure`` carrying a stable
reason code (see :mod:`rightswatch.errors`) and the iteration goes on.

What a file holds is decided by its extension (the inner one for ``.gz``):

    .txt                      one text/plain document
    .html .htm .xhtml         one text/html document
    .json                     one record object, or a list of them -> one document per record
    .jsonl .ndjson            one record per non-empty line
    .warc .warc.gz .arc(.gz)  web archives, streamed record by record (``collect.warc``)
    anything else             sniffed: markup -> html, ``{``/``[`` -> json, decodable -> text

Every read is bounded by ``settings.max_bytes`` (after decompression): a file is never read
whole before its size is known, and a gzip is inflated in chunks so a "zip bomb" costs at most
``max_bytes`` of memory. JSON lines are streamed, so the cap applies per record there.

``collect`` never analyses: it decides only how to cut bytes into documents.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from rightswatch.errors import DecodeFailed, InputError, MalformedRecord, TooLarge, UnsupportedFormat
from rightswatch.records import Document
from rightswatch.settings import Settings

__all__ = ["Failure", "iter_documents", "NOT_FOUND"]

#: Reason code for a path that does not exist. (Not an ``InputError`` subclass yet: see the
#: note in the collect report; kept here as a constant so it is spelled once.)
NOT_FOUND = "not-found"

TEXT_PLAIN = "text/plain"
TEXT_HTML = "text/html"
APPLICATION_JSON = "application/json"

_TEXT_EXTENSIONS = {".txt", ".text"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_JSON_EXTENSIONS = {".json"}
_JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
#: Formats we know we cannot read; refused without sniffing (a PDF can look like text at first).
_BINARY_EXTENSIONS = {
    ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico",
    ".zip", ".7z", ".rar", ".tar", ".bz2", ".xz", ".zst", ".docx", ".doc", ".xlsx", ".xls",
    ".pptx", ".odt", ".mp3", ".mp4", ".wav", ".avi", ".mov", ".exe", ".so", ".dll", ".bin",
    ".sqlite", ".db",
}
#: Magic numbers of binary formats, checked before sniffing an unknown extension.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf")

_CHUNK = 64 * 1024
_SNIFF_BYTES = 8 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    """Something under a given path that could not become a ``Document``."""

    origin: str
    reason: str  # a stable reason code: "too-large", "malformed-record", "not-found", ...
    message: str  # one line for the user
    sha256: str | None  # of the bytes read, when they were read
    raw: bytes | None = None  # the offending bytes when small enough to keep as evidence


class _Refused(Exception):
    """Internal: carries an ``InputError`` plus the bytes that caused it."""

    def __init__(self, error: InputError, raw: bytes | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.raw = raw


def iter_documents(paths: Iterable[str | Path], settings: Settings) -> Iterator[Document | Failure]:
    """Yield a ``Document`` per article found under ``paths`` and a ``Failure`` per bad input.

    Folders are walked recursively in sorted order, skipping hidden files and folders.
    """
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for file in walk_files(p):
                yield from _read_file(file, settings)
        elif p.exists():
            yield from _read_file(p, settings)
        else:
            yield Failure(str(p), NOT_FOUND, f"{p}: no such file or folder", None)


# -- walking -------------------------------------------------------------------------------


def walk_files(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, depth first, names sorted, hidden entries skipped.

    Symlinked folders are not followed (they can loop); symlinked files are read.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_files(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


# -- one file ------------------------------------------------------------------------------


def _read_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    origin = str(path)
    if path.name.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        from rightswatch.collect.warc import iter_warc_documents  # streamed, record by record

        yield from iter_warc_documents(path, settings)
        return
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    inner = suffixes[-2] if compressed and len(suffixes) > 1 else (None if compressed else (suffixes[-1] if suffixes else None))
    try:
        if inner in _JSONL_EXTENSIONS:
            yield from _read_jsonl(path, origin, compressed, settings)
            return
        raw = _read_bounded(path, origin, compressed, settings.max_bytes)
    except _Refused as refused:
        yield _failure(origin, refused.error, refused.raw)
        return
    except FileNotFoundError:
        yield Failure(origin, NOT_FOUND, f"{origin}: no such file", None)
        return
    except OSError as exc:
        yield Failure(origin, InputError.reason, f"{origin}: cannot read ({exc.strerror or exc})", None)
        return
    yield from _documents_from_bytes(raw, origin, inner, settings)


def _documents_from_bytes(
    raw: bytes, origin: str, ext: str | None, settings: Settings
) -> Iterator[Document | Failure]:
    if ext in _TEXT_EXTENSIONS:
        yield _document(raw, origin, TEXT_PLAIN)
    elif ext in _HTML_EXTENSIONS:
        yield _document(raw, origin, TEXT_HTML)
    elif ext in _JSON_EXTENSIONS:
        yield from _json_records(raw, origin)
    elif ext in _BINARY_EXTENSIONS:
        yield _failure(origin, UnsupportedFormat(f"{ext} files are not supported", origin), None)
    else:
        yield from _sniffed(raw, origin, ext)


def _sniffed(raw: bytes, origin: str, ext: str | None) -> Iterator[Document | Failure]:
    """Guess the format of a file whose extension says nothing we know."""
    head = raw[:_SNIFF_BYTES]
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        kind = f"{ext} " if ext else ""
        yield _failure(origin, UnsupportedFormat(f"{kind}binary file is not supported", origin), raw)
    elif stripped.startswith(b"<") or re.search(rb"<html[\s>]", head, re.IGNORECASE):
        yield _document(raw, origin, TEXT_HTML)
    elif stripped[:1] in (b"{", b"["):
        yield from _json_records(raw, origin)
    elif _looks_like_text(head):
        yield _document(raw, origin, TEXT_PLAIN)
    else:
        what = f"{ext} " if ext else "extension-less "
        yield _failure(origin, UnsupportedFormat(f"{what}file is neither text, HTML nor JSON", origin), raw)


def _looks_like_text(head: bytes) -> bool:
    """A cheap check that a sample is text in some encoding (the extractor decodes properly)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.01:
        return False
    try:
        # the sample may cut a multi-byte character in two: ignore an incomplete tail
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        pass
    # Not UTF-8: accept it when a single-byte Western reading works (the extractor may still
    # choose a better encoding); random bytes usually hit the bytes cp1252 leaves undefined.
    try:
        head.decode("cp1252")
        return True
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        return from_bytes(head).best() is not None


# -- bounded reading -----------------------------------------------------------------------


def _read_bounded(path: Path, origin: str, compressed: bool, max_bytes: int) -> bytes:
    """Read a file (inflating gzip) without ever holding more than ``max_bytes`` of content."""
    if not compressed:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Refused(TooLarge(f"{size} bytes is over the limit of {max_bytes}", origin))
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:  # grew while we looked
            raise _Refused(TooLarge(f"more than {max_bytes} bytes", origin))
        return raw
    # GzipFile inflates only as much as each read asks for, so the cap bounds memory; it also
    # handles concatenated members, and tells a truncated file (EOFError) from a corrupt one.
    out = bytearray()
    try:
        with gzip.open(path, "rb") as fh:
            while True:
                piece = fh.read(min(_CHUNK, max_bytes + 1 - len(out)))
                if not piece:
                    break
                out += piece
                if len(out) > max_bytes:
                    raise _Refused(TooLarge(f"more than {max_bytes} bytes once decompressed", origin))
    except EOFError:
        raise _Refused(MalformedRecord("truncated gzip file (unexpected end of data)", origin), bytes(out)) from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise _Refused(MalformedRecord(f"corrupt gzip data ({exc})", origin), None) from None
    return bytes(out)


# -- JSON ----------------------------------------------------------------------------------


def _json_records(raw: bytes, origin: str) -> Iterator[Document | Failure]:
    try:
        value = _parse_json(raw, origin)
    except _Refused as refused:
        yield _failure(origin, refused.error, raw)
        return
    records = value if isinstance(value, list) else [value]
    if not records:
        yield _failure(origin, MalformedRecord("empty JSON list: no records", origin), raw)
    for index, record in enumerate(records):
        sub = f"{origin}#{index}"
        yield _record_document(record, sub)


def _read_jsonl(path: Path, origin: str, compressed: bool, settings: Settings) -> Iterator[Document | Failure]:
    """Stream one record per line; the size cap applies to each line, not to the whole file."""
    cap = settings.max_bytes
    opener = gzip.open if compressed else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            stream: BinaryIO = fh
            while True:
                line = stream.readline(cap + 1)
                if not line:
                    break
                lineno += 1
                sub = f"{origin}#L{lineno}"
                if len(line) > cap and not line.endswith(b"\n"):
                    yield _failure(sub, TooLarge(f"a record longer than {cap} bytes", sub), None)
                    return  # the rest of the line is still unread; stop rather than mis-split
                if not line.endswith(b"\n") and compressed and _gzip_incomplete(stream):
                    # the last line of a truncated gzip: keep it out, report the truncation below
                    break
                if not line.strip():
                    continue
                try:
                    record = _parse_json(line, sub)
                except _Refused as refused:
                    yield _failure(sub, refused.error, line)
                    continue
                yield _record_document(record, sub)
    except FileNotFoundError:
        yield Failure(origin, NOT_FOUND, f"{origin}: no such file", None)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        why = "truncated gzip file" if isinstance(exc, EOFError) else f"corrupt gzip data ({exc})"
        yield _failure(origin, MalformedRecord(f"{why} after {lineno} lines", origin), None)
    except OSError as exc:
        yield Failure(origin, InputError.reason, f"{origin}: cannot read ({exc.strerror or exc})", None)


def _gzip_incomplete(stream: BinaryIO) -> bool:
    """After a line without newline: would reading on reveal a truncated gzip?"""
    try:
        stream.read(1)
    except EOFError:
        return True
    return False


def _parse_json(raw: bytes, origin: str) -> Any:
    try:
        # json.loads detects UTF-8/16/32 itself but refuses a UTF-8 byte-order mark
        return json.loads(raw.removeprefix(codecs.BOM_UTF8))
    except UnicodeDecodeError as exc:
        raise _Refused(DecodeFailed(f"JSON is not valid Unicode ({exc.reason})", origin)) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = getattr(exc, "msg", "too deeply nested")
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise _Refused(MalformedRecord(f"invalid JSON: {msg}{where}", origin)) from None


def _record_document(record: Any, origin: str) -> Document | Failure:
    """One JSON record -> a Document whose raw bytes are the record's canonical JSON."""
    if not isinstance(record, dict):
        kind = type(record).__name__
        return _failure(origin, MalformedRecord(f"a record must be a JSON object, not {kind}", origin), None)
    try:
        raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate escape ("\ud800") cannot be UTF-8: keep it as an escape instead
        raw = json.dumps(record, sort_keys=True, ensure_ascii=True).encode("ascii")
    url = record.get("url")
    return _document(raw, origin, APPLICATION_JSON, kind="record", url=url if isinstance(url, str) and url else None)


# -- building the results --------------------------------------------------------------------


def _document(raw: bytes, origin: str, media_type: str, *, kind: str = "file", url: str | None = None) -> Document:
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        media_type=media_type,
        origin=origin,
        origin_kind=kind,
        received_at=datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        url=url,
    )


def _failure(origin: str, error: InputError, raw: bytes | None) -> Failure:
    sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
    return Failure(origin, error.reason, str(error), sha, raw)
