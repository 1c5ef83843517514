"""Web archives: write every fetched exchange to WARC, read WARC/ARC files into Documents.

Writing (:class:`WarcWriter`)
    Each HTTP exchange becomes a ``request`` and a ``response`` record (WARC/1.1), each its own
    gzip member so any record can be read by seeking to its offset. The response block is the
    status line, the headers as received and the body *as transferred* (still gzip/brotli
    encoded if the server sent it so): the archive shows what the server said, not our reading
    of it. Digests are SHA-256, in the ``sha256:<base32>`` form WARC tools expect:
    ``WARC-Block-Digest`` over the block, ``WARC-Payload-Digest`` over the body. The body is
    stored de-chunked; a ``Transfer-Encoding`` header is kept under the name
    ``X-Archived-Transfer-Encoding`` so that readers do not try to de-chunk it again.
    Files rotate at ``max_file_bytes``; a ``warcinfo`` record opens each. Records are written
    under a lock (one writer per file) and flushed as written, so a crash loses at most the
    record being written, and a partially written last member is detected by readers.

Reading (:func:`iter_warc_documents`)
    Streams a ``.warc``, ``.warc.gz``, ``.arc`` or ``.arc.gz`` file with warcio, one record at a
    time, never holding more than one record body (capped at ``settings.max_bytes``). Responses
    and resources with a 2xx status and a textual media type (HTML, XHTML, plain text) become
    ``Document(origin_kind="warc")`` with the HTTP headers kept, the target URI as URL, the
    WARC-Date as ``received_at`` and the record id in the origin (``path#<urn:uuid:...>``) and
    hints (``warc-file``, ``warc-offset``, ``warc-record-id``, ``warc-date``,
    ``warc-payload-digest``). Requests, metadata, revisits, redirects, errors and images are not
    articles and are passed over; an oversized record or a corrupt file becomes a ``Failure``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import threading
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rightswatch.collect.files import Failure
from rightswatch.collect.http import Exchange
from rightswatch.records import Document
from rightswatch.settings import Settings

__all__ = [
    "WarcRef",
    "WarcWriter",
    "iter_warc_documents",
    "is_warc_path",
    "sha256_label",
    "verify_record",
    "verify_file",
    "RecordCheck",
    "FileCheck",
    "WARC_SUFFIXES",
]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_SOFTWARE = "rightswatch"


def is_warc_path(path: str | os.PathLike[str]) -> bool:
    name = str(path).lower()
    return name.endswith(WARC_SUFFIXES)


def sha256_label(data: bytes) -> str:
    """``sha256:<BASE32>``: the labelled-digest form WARC files use."""
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def _warc_date(iso: str | None = None) -> str:
    if iso:
        return iso
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class WarcRef:
    """Where a response record lives: enough to re-read and re-verify it."""

    file: str  # absolute path
    offset: int  # of the record's gzip member
    length: int  # compressed length of the member
    record_id: str
    target_uri: str
    payload_digest: str  # sha256:<base32> of the body as transferred
    status: int
    fetched_at: str


class WarcWriter:
    """Append exchanges to rotating ``.warc.gz`` files in ``directory``. Thread-safe."""

    def __init__(
        self, directory: str | os.PathLike[str], *, prefix: str = "rightswatch", max_file_bytes: int = 1 << 30,
        operator: str = "",
    ) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_file_bytes = max_file_bytes
        self.operator = operator
        self._lock = threading.Lock()
        self._fh: io.BufferedWriter | None = None
        self._path: Path | None = None
        self._seq = 0

    # -- life cycle ----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._close_file()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _close_file(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
            self._path = None

    def _ensure_file(self) -> io.BufferedWriter:
        if self._fh is not None and self._fh.tell() < self.max_file_bytes:
            return self._fh
        self._close_file()
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
        while True:
            self._seq += 1
            path = self.directory / f"{self.prefix}-{stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
            try:
                fh = open(path, "xb")  # never append to (or clobber) someone else's file
                break
            except FileExistsError:
                continue
        self._fh, self._path = fh, path
        info = (
            f"software: {_SOFTWARE}\r\nformat: WARC File Format 1.1\r\n"
            f"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            f"robots: obey\r\n" + (f"operator: {self.operator}\r\n" if self.operator else "")
        ).encode("utf-8")
        self._write_record(
            fh, "warcinfo", info, {"WARC-Filename": path.name, "Content-Type": "application/warc-fields"}
        )
        return fh

    # -- writing -------------------------------------------------------------------------------

    def write_exchange(self, exchange: Exchange) -> WarcRef:
        """Write the request and response records of one exchange; return the response's place."""
        response_id = f"<urn:uuid:{uuid.uuid4()}>"
        request_id = f"<urn:uuid:{uuid.uuid4()}>"
        status_line = f"{exchange.http_version or 'HTTP/1.1'} {exchange.status} {exchange.reason_phrase}".rstrip()
        head = [status_line]
        for k, v in exchange.headers:
            if k.lower() == "transfer-encoding":
                k = "X-Archived-Transfer-Encoding"
            head.append(f"{k}: {v}")
        http_head = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1", "replace")
        block = http_head + exchange.payload
        payload_digest = sha256_label(exchange.payload)
        req_lines = [f"{exchange.method} {exchange.request_target} {exchange.http_version or 'HTTP/1.1'}"]
        req_lines += [f"{k}: {v}" for k, v in exchange.request_headers]
        req_block = ("\r\n".join(req_lines) + "\r\n\r\n").encode("latin-1", "replace")
        date = _warc_date(exchange.fetched_at)
        common = {"WARC-Target-URI": exchange.url, "WARC-Date": date}
        with self._lock:
            fh = self._ensure_file()
            assert self._path is not None
            offset = fh.tell()
            resp_headers = dict(common)
            resp_headers.update(
                {
                    "WARC-Record-ID": response_id,
                    "Content-Type": "application/http;msgtype=response",
                    "WARC-Payload-Digest": payload_digest,
                }
            )
            if exchange.peer_address:
                resp_headers["WARC-IP-Address"] = exchange.peer_address
            self._write_record(fh, "response", block, resp_headers)
            length = fh.tell() - offset
            req_headers = dict(common)
            req_headers.update(
                {
                    "WARC-Record-ID": request_id,
                    "Content-Type": "application/http;msgtype=request",
                    "WARC-Concurrent-To": response_id,
                }
            )
            self._write_record(fh, "request", req_block, req_headers)
            fh.flush()
            path = str(self._path.resolve())
        return WarcRef(
            file=path,
            offset=offset,
            length=length,
            record_id=response_id,
            target_uri=exchange.url,
            payload_digest=payload_digest,
            status=exchange.status,
            fetched_at=date,
        )

    @staticmethod
    def _write_record(fh: io.BufferedWriter, kind: str, block: bytes, headers: dict[str, str]) -> None:
        fields = {"WARC-Type": kind}
        if "WARC-Record-ID" not in headers:
            fields["WARC-Record-ID"] = f"<urn:uuid:{uuid.uuid4()}>"
        if "WARC-Date" not in headers:
            fields["WARC-Date"] = _warc_date()
        fields.update(headers)
        fields["WARC-Block-Digest"] = sha256_label(block)
        fields["Content-Length"] = str(len(block))
        head = "WARC/1.1\r\n" + "".join(f"{k}: {_clean(v)}\r\n" for k, v in fields.items()) + "\r\n"
        member = gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=6, mtime=0)
        fh.write(member)


def _clean(value: str) -> str:
    """A header value on one line (a CR/LF from a hostile server must not forge WARC headers)."""
    return value.replace("\r", " ").replace("\n", " ")


# -- reading ---------------------------------------------------------------------------------------


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def iter_warc_documents(path: str | os.PathLike[str], settings: Settings) -> Iterator[Document | Failure]:
    """Stream the article-like records of a WARC/ARC file as Documents (see the module doc)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    cap = settings.max_bytes
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        yield Failure(origin, "not-found", f"{origin}: no such file", None)
        return
    except OSError as exc:
        yield Failure(origin, "input-error", f"{origin}: cannot read ({exc.strerror or exc})", None)
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        resolved = str(Path(origin).resolve())
        records = ArchiveIterator(fh, arc2warc=True)
        end = 0
        try:
            for record in records:
                item = _record_document(record, records, origin, resolved, cap)
                end = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError, TypeError, IndexError) as exc:
            # warcio lets AttributeError/TypeError escape on records cut inside their headers or
            # missing WARC-Target-URI: damage in the archive, recorded like any other
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            yield Failure(origin, "malformed-record", f"{origin}: corrupt or truncated archive ({first})", None)
            return
        # warcio stops quietly at a cut-off record: whatever lies past the last whole record is damage
        if size - end > 4:
            yield Failure(
                origin, "malformed-record",
                f"{origin}: truncated or corrupt archive ({size - end} bytes after offset {end} are not a record)", None,
            )


def _record_document(record, records, origin: str, resolved: str, cap: int) -> Document | Failure | None:  # type: ignore[no-untyped-def]
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return None
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or ""
    http = record.http_headers
    if kind == "response":
        if http is None:
            return None
        status = http.get_statuscode()
        if not status or not status.startswith("2"):
            return None  # redirects, errors, 304s: not articles
        media = _media_type(http.get_header("Content-Type"))
    else:
        media = _media_type(headers.get_header("Content-Type"))
    if media not in _TEXT_TYPES:
        return None
    try:
        stream = record.content_stream()
        raw = stream.read(cap + 1)
        error = None
    except Exception as exc:  # noqa: BLE001 - broken content encoding inside one record
        raw, error = b"", exc
    # warcio learns the offset by reading the record to its end: ask only after the body is read
    offset = records.get_record_offset()
    sub = f"{origin}#{record_id}" if record_id else f"{origin}#offset={offset}"
    if error is not None:
        return Failure(sub, "malformed-record", f"{sub}: cannot decode record body ({error})", None)
    if len(raw) > cap:
        return Failure(sub, "too-large", f"{sub}: record body larger than {cap} bytes", None)
    url = headers.get_header("WARC-Target-URI")
    date = headers.get_header("WARC-Date") or ""
    hints = [("warc-file", resolved), ("warc-offset", str(offset))]
    if record_id:
        hints.append(("warc-record-id", record_id))
    if date:
        hints.append(("warc-date", date))
    digest = headers.get_header("WARC-Payload-Digest")
    if digest:
        hints.append(("warc-payload-digest", digest))
    http_headers = tuple((str(k), str(v)) for k, v in (http.headers if http is not None else []))
    content_type = (http.get_header("Content-Type") if http is not None else None) or headers.get_header(
        "Content-Type"
    )
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        media_type=(content_type or media).strip(),
        origin=sub,
        origin_kind="warc",
        received_at=_normalise_date(date),
        url=url or None,
        headers=http_headers,
        hints=tuple(hints),
    )


def _normalise_date(value: str) -> str:
    if not value:
        return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    return value


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """What re-reading one archived response found."""

    ok: bool
    reason: str | None  # "missing-file" | "digest-mismatch" | "content-mismatch" | "unreadable"
    message: str
    payload_digest: str | None = None
    content_sha256: str | None = None


def verify_record(
    path: str | os.PathLike[str], offset: int, *, record_id: str | None, document_sha256: str | None, cap: int
) -> RecordCheck:
    """Re-read the record at ``offset`` and prove it is what was preserved.

    Checks, in order: the file is there; a record starts at ``offset`` (with the expected id);
    the body as stored matches the record's ``WARC-Payload-Digest`` (SHA-256 for our own files,
    whatever labelled algorithm a foreign file used); and, when the record became a document,
    the body decoded the way it was at ingestion (de-chunked, decompressed) hashes to that
    document's SHA-256.
    """
    from warcio.archiveiterator import ArchiveIterator

    if not os.path.exists(path):
        return RecordCheck(False, "missing-file", f"{path}: WARC file is missing")
    where = f"{path}@{offset}"
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)), None)
            if record is None:
                return RecordCheck(False, "unreadable", f"{where}: no record there")
            found_id = record.rec_headers.get_header("WARC-Record-ID") or ""
            declared = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            payload = record.raw_stream.read(cap + 1)
        content = None
        if document_sha256 is not None:
            with open(path, "rb") as fh:
                fh.seek(offset)
                record = next(iter(ArchiveIterator(fh)))
                content = hashlib.sha256(record.content_stream().read(cap + 1)).hexdigest()
    except Exception as exc:  # noqa: BLE001 - any damage is a finding, not a crash
        return RecordCheck(False, "unreadable", f"{where}: cannot read record ({exc})")
    if record_id and found_id != record_id:
        return RecordCheck(False, "unreadable", f"{where}: found record {found_id or '(none)'}, expected {record_id}")
    actual = sha256_label(payload)
    if declared and not _digest_matches(declared, payload):
        return RecordCheck(False, "digest-mismatch", f"{where}: payload does not match its recorded digest {declared}",
                           actual)
    if content is not None and content != document_sha256:
        return RecordCheck(False, "content-mismatch",
                           f"{where}: body hashes to {content[:12]}…, the document is {document_sha256[:12]}…",
                           actual, content)
    return RecordCheck(True, None, "ok", actual, content)


def _digest_matches(declared: str, data: bytes) -> bool:
    """Compare a labelled digest (``sha1:``/``sha256:``..., base32 or hex) with ``data``."""
    label, _, value = declared.partition(":")
    try:
        digest = hashlib.new(label.strip().lower().replace("-", ""), data).digest()
    except ValueError:
        return True  # an algorithm we do not know: nothing to compare with
    value = value.strip()
    return value.upper() == base64.b32encode(digest).decode("ascii") or value.lower() == digest.hex()


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What re-reading a whole WARC file found: records read and the problems, one line each."""

    path: str
    records: int
    problems: tuple[tuple[str, str], ...]  # (reason, message)


def verify_file(path: str | os.PathLike[str]) -> FileCheck:
    """Read every record of a WARC/ARC file checking its block and payload digests, and the tail.

    Catches what checking single responses cannot: a damaged request or warcinfo record, a
    corrupted gzip member anywhere, a truncated file.
    """
    from warcio.archiveiterator import ArchiveIterator

    where = str(path)
    if not os.path.exists(path):
        return FileCheck(where, 0, (("missing-file", f"{where}: WARC file is missing"),))
    problems: list[tuple[str, str]] = []
    count = 0
    end = 0
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        records = ArchiveIterator(fh, check_digests=True)
        try:
            for record in records:
                stream = record.content_stream()
                while stream.read(1 << 16):
                    pass
                count += 1
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                if record.digest_checker.passed is False:
                    rid = record.rec_headers.get_header("WARC-Record-ID") or f"offset {offset}"
                    problems.append(("digest-mismatch",
                                     f"{where}@{offset}: {rid}: {'; '.join(record.digest_checker.problems)}"))
        except Exception as exc:  # noqa: BLE001 - damage is a finding
            first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            problems.append(("unreadable", f"{where}: unreadable after offset {end} ({first})"))
            return FileCheck(where, count, tuple(problems))
    if size - end > 4:
        problems.append(("truncated", f"{where}: {size - end} bytes after offset {end} are not a whole record"))
    return FileCheck(where, count, tuple(problems))
