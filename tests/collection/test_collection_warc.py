"""WARC writing (digests, layout) and reading (WARC/ARC -> Documents), incl. through ``ingest``'s reader."""

from __future__ import annotations

import gzip
import hashlib
import io

import pytest

from rightswatch.collect import iter_documents
from rightswatch.collect.files import Failure
from rightswatch.collect.http import Exchange
from rightswatch.collect.warc import WarcWriter, iter_warc_documents, sha256_label, verify_record
from rightswatch.records import Document
from rightswatch.settings import Settings

HTML = b"<html><head><title>T</title></head><body><p>Security agents arrested three people.</p></body></html>"


def exchange(url: str = "https://news.example/a/1", *, status: int = 200, payload: bytes = HTML,
             headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)) -> Exchange:
    return Exchange(url=url, method="GET", request_target="/a/1", request_headers=(("Host", "news.example"),
                    ("User-Agent", "t")), http_version="HTTP/1.1", status=status, reason_phrase="OK",
                    headers=headers, payload=payload, fetched_at="2024-06-03T10:00:00.000000Z",
                    peer_address="93.184.216.34")


def test_written_records_pass_warcio_digest_checks(tmp_path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange())
        w.write_exchange(exchange(status=404, payload=b"gone"))
    assert ref.payload_digest == sha256_label(HTML)
    kinds = []
    with open(ref.file, "rb") as fh:
        for record in ArchiveIterator(fh, check_digests="raise"):
            kinds.append(record.rec_type)
            record.content_stream().read()
    assert kinds == ["warcinfo", "response", "request", "response", "request"]


def test_response_record_keeps_headers_ip_and_links_request(tmp_path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange(headers=(("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"),
                                                 ("X-Evil", "a\r\nWARC-Type: forged"))))
    with open(ref.file, "rb") as fh:
        fh.seek(ref.offset)
        records = iter(ArchiveIterator(fh))
        resp = next(records)
        assert resp.rec_headers.get_header("WARC-Record-ID") == ref.record_id
        assert resp.rec_headers.get_header("WARC-IP-Address") == "93.184.216.34"
        assert resp.http_headers.get_header("X-Archived-Transfer-Encoding") == "chunked"
        assert resp.http_headers.get_header("Transfer-Encoding") is None
        assert resp.content_stream().read() == HTML
        req = next(records)
        assert req.rec_type == "request" and req.rec_headers.get_header("WARC-Concurrent-To") == ref.record_id


def test_verify_record_detects_tampering(tmp_path) -> None:
    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange())
    sha = hashlib.sha256(HTML).hexdigest()
    assert verify_record(ref.file, ref.offset, record_id=ref.record_id, document_sha256=sha, cap=1 << 20).ok
    assert verify_record(ref.file, ref.offset, record_id=ref.record_id, document_sha256="0" * 64,
                         cap=1 << 20).reason == "content-mismatch"
    # rewrite the response member with one changed byte in the payload but the old digest
    data = open(ref.file, "rb").read()
    member = gzip.decompress(data[ref.offset: ref.offset + ref.length])
    forged = gzip.compress(member.replace(b"three", b"four!"))
    with open(ref.file, "wb") as fh:
        fh.write(data[: ref.offset] + forged + data[ref.offset + ref.length:])
    check = verify_record(ref.file, ref.offset, record_id=ref.record_id, document_sha256=sha, cap=1 << 20)
    assert not check.ok and check.reason == "digest-mismatch"
    assert verify_record(str(tmp_path / "gone.warc.gz"), 0, record_id=None, document_sha256=None,
                         cap=1).reason == "missing-file"


def test_reading_yields_documents_for_article_responses_only(tmp_path) -> None:
    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange())
        w.write_exchange(exchange("https://news.example/missing", status=404, payload=b"<html>404</html>"))
        w.write_exchange(exchange("https://news.example/logo.png", payload=b"\x89PNG",
                                  headers=(("Content-Type", "image/png"),)))
        w.write_exchange(exchange("https://news.example/a/2", payload=gzip.compress(HTML),
                                  headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip"))))
    items = list(iter_warc_documents(ref.file, Settings()))
    assert [type(i) for i in items] == [Document, Document]
    first, second = items
    assert first.origin_kind == "warc" and first.origin.endswith("#" + ref.record_id)
    assert first.url == "https://news.example/a/1" and first.raw == HTML
    assert first.sha256 == hashlib.sha256(HTML).hexdigest()
    assert first.received_at == "2024-06-03T10:00:00.000000Z"
    assert ("Content-Type", "text/html; charset=utf-8") in first.headers
    hints = dict(first.hints)
    assert hints["warc-record-id"] == ref.record_id and int(hints["warc-offset"]) == ref.offset
    assert second.raw == HTML  # content encoding removed, as a reader sees it


def test_oversized_record_is_a_failure_and_reading_goes_on(tmp_path) -> None:
    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange(payload=HTML * 100))
        w.write_exchange(exchange("https://news.example/a/2"))
    items = list(iter_warc_documents(ref.file, Settings(max_bytes=1000)))
    assert isinstance(items[0], Failure) and items[0].reason == "too-large"
    assert isinstance(items[1], Document)


def test_corrupt_and_truncated_archives_are_failures(tmp_path) -> None:
    with WarcWriter(tmp_path) as w:
        ref = w.write_exchange(exchange())
    data = open(ref.file, "rb").read()
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: ref.offset + ref.length // 2])
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a web archive\r\n" * 10)
    for path in (truncated, junk):
        items = list(iter_warc_documents(path, Settings()))
        assert items and isinstance(items[-1], Failure) and items[-1].reason == "malformed-record", path


def test_files_dispatches_warc_and_uncompressed_warc(tmp_path) -> None:
    with WarcWriter(tmp_path / "w") as w:
        ref = w.write_exchange(exchange())
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(open(ref.file, "rb").read()))
    gz = tmp_path / "crawl.warc.gz"
    gz.write_bytes(open(ref.file, "rb").read())
    docs = list(iter_documents([plain, gz], Settings()))
    assert [d.origin_kind for d in docs] == ["warc", "warc"]
    assert docs[0].sha256 == docs[1].sha256


def test_arc_files_are_read(tmp_path) -> None:
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + HTML
    version = b"1 0 rightswatch\nURL IP-address Archive-date Content-type Archive-length\n"
    first = b"filedesc://old.arc 0.0.0.0 20240603100000 text/plain %d\n" % len(version) + version + b"\n"
    second = b"https://news.example/a/1 93.184.216.34 20240603100000 text/html %d\n" % len(http) + http + b"\n"
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(first) + gzip.compress(second))  # one gzip member per record
    docs = list(iter_documents([path], Settings()))
    assert len(docs) == 1 and isinstance(docs[0], Document)
    assert docs[0].url == "https://news.example/a/1" and docs[0].raw == HTML and docs[0].origin_kind == "warc"


def test_single_member_gzip_archive_is_refused_with_a_hint(tmp_path) -> None:
    with WarcWriter(tmp_path / "w") as w:
        ref = w.write_exchange(exchange())
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(gzip.decompress(open(ref.file, "rb").read())))
    items = list(iter_warc_documents(whole, Settings()))
    assert isinstance(items[-1], Failure) and "gzip" in items[-1].message
