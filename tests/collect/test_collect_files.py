"""collect.files: local files and folders -> Documents and Failures, never an exception."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from rightswatch.collect import Failure, iter_documents
from rightswatch.records import Document
from rightswatch.settings import Settings

# ../shared beside the project root, as on every developer machine and CI run
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_80968a1119312db6.txt"
SETTINGS = Settings()


def collect(*paths: Path | str, settings: Settings = SETTINGS) -> list[Document | Failure]:
    return list(iter_documents(paths, settings))


def canonical(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, ensure_ascii=False).encode()


def reasons(items: list[Document | Failure]) -> list[str]:
    return [i.reason if isinstance(i, Failure) else i.media_type for i in items]


# -- single files ----------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_text_file_becomes_one_document() -> None:
    [doc] = collect(SEED)
    assert isinstance(doc, Document)
    raw = SEED.read_bytes()
    assert doc.raw == raw
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.media_type == "text/plain"
    assert doc.origin == str(SEED)
    assert doc.origin_kind == "file"
    assert doc.url is None
    assert datetime.fromisoformat(doc.received_at.replace("Z", "+00:00")).utcoffset().total_seconds() == 0


@pytest.mark.parametrize("name", ["a.html", "b.htm", "c.xhtml", "D.HTML"])
def test_html_extensions(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"<html><body><p>Hi</p></body></html>")
    [doc] = collect(path)
    assert doc.media_type == "text/html"


def test_json_object_is_one_record_with_canonical_bytes(tmp_path: Path) -> None:
    record = {"url": "https://www.dailynk.com/english/x/", "title": "T", "text": "Body “curly”."}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record, indent=2), "utf-8")
    [doc] = collect(path)
    assert doc.origin == f"{path}#0"
    assert doc.origin_kind == "record"
    assert doc.media_type == "application/json"
    assert doc.raw == canonical(record)
    assert doc.sha256 == hashlib.sha256(canonical(record)).hexdigest()
    assert doc.url == record["url"]


def test_json_list_gives_one_document_per_record_and_bad_items_fail(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "a"}, 42, {"text": "c", "url": 7}]), "utf-8")
    items = collect(path)
    assert [i.origin for i in items] == [f"{path}#0", f"{path}#1", f"{path}#2"]
    assert reasons(items) == ["application/json", "malformed-record", "application/json"]
    assert items[2].url is None  # a non-string url is not a URL


def test_same_record_in_json_and_jsonl_has_the_same_sha(tmp_path: Path) -> None:
    record = {"title": "T", "text": "x", "tags": ["a", "b"]}
    (tmp_path / "a.json").write_text(json.dumps(record), "utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(record, indent=None, separators=(",", ":")) + "\n", "utf-8")
    a, b = collect(tmp_path / "a.json", tmp_path / "b.jsonl")
    assert a.sha256 == b.sha256


def test_invalid_json_is_a_malformed_record_failure_with_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"text": "unterminated')
    [fail] = collect(path)
    assert isinstance(fail, Failure)
    assert fail.reason == "malformed-record"
    assert fail.raw == b'{"text": "unterminated'
    assert fail.sha256 == hashlib.sha256(fail.raw).hexdigest()
    assert str(path) in fail.message and "\n" not in fail.message


def test_json_with_utf8_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "x"}).encode())
    [doc] = collect(path)
    assert isinstance(doc, Document)


def test_json_in_latin1_is_a_decode_failure(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"text": "café"}'.encode("latin-1"))
    [fail] = collect(path)
    assert fail.reason == "decode-failed"


def test_jsonl_bad_line_fails_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "one"}\n{broken\n\n   \n[1, 2]\n{"text": "five", "url": "http://x.org/5"}', "utf-8")
    items = collect(path)
    assert [i.origin for i in items] == [f"{path}#L1", f"{path}#L2", f"{path}#L5", f"{path}#L6"]
    assert reasons(items) == ["application/json", "malformed-record", "malformed-record", "application/json"]
    assert items[1].raw == b"{broken\n"
    assert items[3].url == "http://x.org/5"
    assert json.loads(items[3].raw)["text"] == "five"


def test_ndjson_extension(tmp_path: Path) -> None:
    path = tmp_path / "x.ndjson"
    path.write_text('{"text": "a"}\n{"text": "b"}\n', "utf-8")
    assert reasons(collect(path)) == ["application/json", "application/json"]


def test_missing_path_is_not_found() -> None:
    [fail] = collect("/no/such/place/at/all.txt")
    assert isinstance(fail, Failure)
    assert (fail.reason, fail.sha256, fail.raw) == ("not-found", None, None)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a sparse 8 GB file: reading it whole would be noticed
        fh.truncate(8 * 1024**3)
    start = time.perf_counter()
    [fail] = collect(path)
    assert time.perf_counter() - start < 1.0
    assert (fail.reason, fail.sha256, fail.raw) == ("too-large", None, None)


def test_file_at_exactly_the_cap_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"a" * 1000)
    assert reasons(collect(path, settings=Settings(max_bytes=1000))) == ["text/plain"]
    assert reasons(collect(path, settings=Settings(max_bytes=999))) == ["too-large"]


# -- gzip ------------------------------------------------------------------------------------


def test_gzip_is_read_by_its_inner_extension(tmp_path: Path) -> None:
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<html><p>x</p></html>"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"plain text"))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "1"}\n{"text": "2"}\n'))
    (tmp_path / "d.json.gz").write_bytes(gzip.compress(b'[{"text": "1"}]'))
    items = collect(tmp_path)
    assert reasons(items) == ["text/html", "text/plain", "application/json", "application/json", "application/json"]
    assert items[0].raw == b"<html><p>x</p></html>"
    assert items[2].origin == f"{tmp_path / 'c.jsonl.gz'}#L1"


def test_concatenated_gzip_members_are_one_stream(tmp_path: Path) -> None:
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(b"first ") + gzip.compress(b"second"))
    [doc] = collect(path)
    assert doc.raw == b"first second"


def test_truncated_gzip_is_malformed(tmp_path: Path) -> None:
    data = gzip.compress(b"some article text " * 500)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    [fail] = collect(path)
    assert fail.reason == "malformed-record"
    assert "truncated" in fail.message


def test_truncated_jsonl_gzip_keeps_the_complete_records(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"text": f"record {i} " + "x" * 200}).encode() + b"\n" for i in range(200))
    data = gzip.compress(lines, compresslevel=1)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = collect(path)
    docs = [i for i in items if isinstance(i, Document)]
    assert isinstance(items[-1], Failure) and items[-1].reason == "malformed-record"
    assert all(isinstance(i, Document) for i in items[:-1])
    assert 0 < len(docs) < 200
    # the records kept are the first ones, whole, in order
    assert [json.loads(d.raw)["text"].split()[1] for d in docs] == [str(i) for i in range(len(docs))]


def test_corrupt_gzip_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "junk.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not really deflate data" * 10)
    [fail] = collect(path)
    assert fail.reason == "malformed-record"


def _gzip_bomb(path: Path, megabytes: int = 50) -> None:
    zeros = b"\0" * (1024 * 1024)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(megabytes):
            fh.write(zeros)


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.gz", "bomb.jsonl.gz", "bomb.json.gz"])
def test_gzip_bomb_over_the_cap_is_too_large(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _gzip_bomb(path)
    assert path.stat().st_size < 200_000
    start = time.perf_counter()
    [fail] = collect(path, settings=Settings(max_bytes=1024 * 1024))
    assert time.perf_counter() - start < 5.0
    assert fail.reason == "too-large"
    assert fail.raw is None


# -- sniffing unknown extensions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"  <!DOCTYPE html><html><body>x</body></html>", "text/html"),
        (b"Some words first, then <html> comes late", "text/html"),
        (b'{"text": "x"}', "application/json"),
        (b'[{"text": "x"}]', "application/json"),
        ("Plain words with “curly” quotes.\n".encode(), "text/plain"),
        ("Caf\xe9 in Windows-1252, \x93quoted\x94.".encode("latin-1"), "text/plain"),
        (b"\xff\xfeh\x00i\x00", "text/plain"),  # UTF-16 with BOM
        (b"\x00\x01\x02binary\x00\xff" * 50, "unsupported-format"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "unsupported-format"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "mystery.dat"
    path.write_bytes(content)
    assert reasons(collect(path)) == [expected]


def test_extensionless_file_and_known_binary_extension(tmp_path: Path) -> None:
    (tmp_path / "README").write_bytes(b"just text")
    (tmp_path / "scan.pdf").write_bytes(b"anything")
    assert reasons(collect(tmp_path)) == ["text/plain", "unsupported-format"]


# -- folders ---------------------------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.txt").write_text("a")
    (tmp_path / "a.txt").write_text("top")
    (tmp_path / "c.txt").write_text("c")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("no")
    (tmp_path / "b" / ".cache").mkdir()
    (tmp_path / "b" / ".cache" / "y.txt").write_text("no")
    origins = [Path(i.origin).relative_to(tmp_path).as_posix() for i in collect(tmp_path)]
    assert origins == ["a.txt", "b/a.txt", "b/z.txt", "c.txt"]


def test_mixed_folder_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "01-good.txt").write_text("A story.", "utf-8")
    (tmp_path / "02-bad.json").write_bytes(b"{nope")
    (tmp_path / "03-big.html").write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    (tmp_path / "04-image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    data = gzip.compress(b"text " * 1000)
    (tmp_path / "05-cut.txt.gz").write_bytes(data[:20])
    (tmp_path / "06-feed.jsonl").write_text('{"text": "ok"}\n"just a string"\n', "utf-8")
    (tmp_path / "07-good.htm").write_text("<html><p>fine</p></html>", "utf-8")
    items = collect(tmp_path, "/definitely/missing", settings=Settings(max_bytes=4096))
    assert reasons(items) == [
        "text/plain",
        "malformed-record",
        "too-large",
        "unsupported-format",
        "malformed-record",
        "application/json",
        "malformed-record",
        "text/html",
        "not-found",
    ]
    for item in items:
        if isinstance(item, Failure):
            assert item.message and "\n" not in item.message


def test_failure_is_a_frozen_record() -> None:
    failure = Failure("x", "not-found", "x: gone", None)
    assert failure.raw is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        failure.reason = "other"  # type: ignore[misc]


def test_public_surface() -> None:
    import rightswatch.collect as collect_pkg

    assert sorted(collect_pkg.__all__) == ["Failure", "iter_documents"]
