"""Hostile input, property-based: every reader turns *any* bytes into a record or a typed error.

For each reader (plain text, HTML, JSON records, JSON lines, gzip, WARC and feeds when their
modules exist) hypothesis generates inputs, from random bytes to near-valid documents, and checks:

* the result is a ``Document``/``Article`` or a typed ``InputError``/``Failure`` with a stable
  reason code; any other exception fails the test;
* it comes back within a time bound (a hang fails, via SIGALRM, instead of stalling the suite);
* what is produced is sound: a ``Document``'s SHA-256 is that of its bytes, an ``Article`` has
  text and names its document.

Inputs that once failed belong in ``nasty/`` (see ``test_reliability_nasty.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from rightswatch.collect import Failure, iter_documents
from rightswatch.errors import InputError
from rightswatch.extract import extract_article
from rightswatch.records import Article, Document
from rightswatch.settings import Settings

#: Small cap so the size bound itself is exercised.
SETTINGS = Settings(db_url="sqlite://", max_bytes=64 * 1024)
#: Seconds any single read or extraction may take.
BOUND = 10.0
REASONS = {"unsupported-format", "decode-failed", "too-large", "malformed-record", "empty", "input-error", "not-found"}

FAST = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# -- strategies ------------------------------------------------------------------------------

words = st.sampled_from(
    ["arrested", "Hyesan", "police", "\u201cquote\u201d", "Sinŭiju", "北朝鮮", "&amp;", "<", ">", "\u202e", "\x00",
     "\ufeff", "defector", "2024-05-03", "\n\n", "\t", "é", "\ud7ff", "💥"]
)
text_like = st.lists(st.one_of(words, st.text(max_size=20)), max_size=60).map(" ".join)
tags = st.sampled_from(["p", "div", "span", "script", "style", "article", "h1", "title", "meta", "figure",
                        "figcaption", "img", "table", "tr", "td", "br", "a", "body", "html", "head", "!--", "![CDATA["])


@st.composite
def html_like(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(tags)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            attr = draw(st.text(max_size=15)).replace('"', "")
            parts.append(f'<{tag} content="{attr}" charset="{draw(st.sampled_from(["utf-8", "latin-1", "bogus", ""]))}">')
        else:
            parts.append(draw(text_like))
    return "".join(parts)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=25,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(text_like, json_values),
        "html": st.one_of(html_like(), json_values),
        "title": st.one_of(st.text(max_size=30), json_values),
        "url": st.one_of(st.just("https://example.org/a"), st.text(max_size=20), json_values),
        "published": st.one_of(st.sampled_from(["2024-05-03", "last May", "99999", ""]), json_values),
        "tags": json_values,
        "author": json_values,
    },
)
blobs = st.one_of(st.binary(max_size=2048), text_like.map(lambda s: s.encode("utf-8", "surrogatepass")))


# -- checks ----------------------------------------------------------------------------------


def _check_article(doc: Document, time_limit) -> None:  # type: ignore[no-untyped-def]
    try:
        with time_limit(BOUND, f"extract {doc.media_type}"):
            article = extract_article(doc, SETTINGS)
    except InputError as exc:
        assert exc.reason in REASONS, exc.reason
        assert str(exc)
        return
    assert isinstance(article, Article)
    assert article.text.strip()
    assert article.document_sha256 == doc.sha256


def _check_items(paths: list[Path], time_limit) -> list[Document | Failure]:  # type: ignore[no-untyped-def]
    with time_limit(BOUND, "iter_documents"):
        items = list(iter_documents(paths, SETTINGS))
    if not items:
        # only a JSON-lines container with no record in it may yield nothing at all
        assert all(p.name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")) for p in paths), paths
    for item in items:
        if isinstance(item, Failure):
            assert item.reason in REASONS, item.reason
            assert item.message
            if item.raw is not None and item.sha256 is not None:
                assert item.sha256 == hashlib.sha256(item.raw).hexdigest()
        else:
            assert isinstance(item, Document)
            assert item.sha256 == hashlib.sha256(item.raw).hexdigest()
            assert len(item.raw) <= SETTINGS.max_bytes
            _check_article(item, time_limit)
    return items


def _write(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rw-prop-"))
    path = folder / name
    path.write_bytes(data)
    return path


def _doc(raw: bytes, media_type: str) -> Document:
    return Document(raw, hashlib.sha256(raw).hexdigest(), media_type, "prop://x", "file", "2024-01-01T00:00:00Z")


# -- extractors on documents ---------------------------------------------------------------


@FAST
@given(raw=blobs)
def test_reliability_plaintext_any_bytes(raw: bytes, time_limit) -> None:
    _check_article(_doc(raw, "text/plain"), time_limit)


@FAST
@given(page=html_like(), encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
def test_reliability_html_any_markup(page: str, encoding: str, time_limit) -> None:
    raw = page.encode(encoding, "replace") if encoding != "utf-8" else page.encode("utf-8", "surrogatepass")
    _check_article(_doc(raw, "text/html"), time_limit)


@FAST
@given(raw=st.binary(max_size=2048))
def test_reliability_html_any_bytes(raw: bytes, time_limit) -> None:
    _check_article(_doc(raw, "text/html"), time_limit)


@FAST
@given(record=st.one_of(records, json_values))
def test_reliability_json_record_any_value(record: object, time_limit) -> None:
    raw = json.dumps(record, ensure_ascii=True).encode("utf-8")
    _check_article(_doc(raw, "application/json"), time_limit)


# -- collect: files of every kind ------------------------------------------------------------


@FAST
@given(raw=blobs, ext=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".ndjson", ".xml", "", ".TXT", ".htm"]))
def test_reliability_files_any_bytes_any_extension(raw: bytes, ext: str, time_limit) -> None:
    _check_items([_write(f"doc{ext}", raw)], time_limit)


@FAST
@given(lines=st.lists(st.one_of(records.map(lambda r: json.dumps(r)), st.text(max_size=40), st.just("")), max_size=12),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_reliability_jsonl_any_lines(lines: list[str], newline: str, time_limit) -> None:
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    items = _check_items([_write("feed.jsonl", data)], time_limit)
    non_blank = sum(1 for line in data.split(b"\n") if line.strip())
    # one outcome per non-blank line (or one failure for the whole file)
    assert len(items) <= max(1, non_blank)


@FAST
@given(payload=blobs, inner=st.sampled_from([".txt", ".html", ".json", ".jsonl"]),
       damage=st.sampled_from(["none", "truncate", "flip", "garbage", "concat"]), cut=st.integers(1, 64))
def test_reliability_gzip_any_payload_and_damage(payload: bytes, inner: str, damage: str, cut: int, time_limit) -> None:
    data = gzip.compress(payload, mtime=0)
    if damage == "truncate":
        data = data[: max(1, len(data) - cut)]
    elif damage == "flip":
        i = min(len(data) - 1, 10 + cut)
        data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
    elif damage == "garbage":
        data = payload
    elif damage == "concat":
        data = data + gzip.compress(payload[::-1], mtime=0)
    _check_items([_write(f"doc{inner}.gz", data)], time_limit)


def test_reliability_gzip_bomb_is_bounded(tmp_path: Path, time_limit) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\x00" * (SETTINGS.max_bytes * 20), mtime=0))
    items = _check_items([bomb], time_limit)
    assert [type(i).__name__ for i in items] == ["Failure"]
    assert items[0].reason == "too-large"


# -- optional readers (colleagues' modules): skipped when absent -------------------------------


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _warc_record(body: bytes, content_type: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:12345678-1234-5678-1234-567812345678>\r\n"
        "WARC-Date: 2024-05-03T00:00:00Z\r\nWARC-Target-URI: https://example.org/a\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


@pytest.mark.skipif(not _has("rightswatch.collect.warc"), reason="rightswatch.collect.warc not present")
@FAST
@given(body=blobs, ctype=st.sampled_from(["text/html", "text/plain", "image/png", "text/html; charset=bogus"]),
       damage=st.sampled_from(["none", "truncate", "garbage", "gzip", "gzip-truncate"]), cut=st.integers(1, 200))
def test_reliability_warc_any_record(body: bytes, ctype: str, damage: str, cut: int, time_limit) -> None:
    from rightswatch.collect.warc import iter_warc_documents

    data = _warc_record(body, ctype)
    name = "a.warc"
    if damage == "truncate":
        data = data[: max(1, len(data) - cut)]
    elif damage == "garbage":
        data = body
    elif damage.startswith("gzip"):
        data, name = gzip.compress(data, mtime=0), "a.warc.gz"
        if damage == "gzip-truncate":
            data = data[: max(1, len(data) - cut)]
    path = _write(name, data)
    with time_limit(BOUND, "iter_warc_documents"):
        items = list(iter_warc_documents(path, SETTINGS))
    for item in items:
        assert isinstance(item, (Document, Failure)), type(item)
        if isinstance(item, Document):
            assert item.sha256 == hashlib.sha256(item.raw).hexdigest()
            _check_article(item, time_limit)


@pytest.mark.skipif(not _has("rightswatch.collect.feeds"), reason="rightswatch.collect.feeds not present")
@FAST
@given(items=st.lists(st.tuples(text_like, html_like()), max_size=5), garbage=st.binary(max_size=300),
       kind=st.sampled_from(["rss", "atom", "garbage"]))
def test_reliability_feeds_any_feed(items, garbage: bytes, kind: str, time_limit) -> None:  # type: ignore[no-untyped-def]
    from xml.sax.saxutils import escape

    from rightswatch.collect.feeds import FeedError, ParsedFeed, parse_feed

    if kind == "rss":
        entries = "".join(f"<item><title>{escape(t)}</title><description>{escape(h)}</description>"
                          f"<link>https://example.org/{i}</link></item>" for i, (t, h) in enumerate(items))
        data = f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{entries}</channel></rss>".encode("utf-8", "surrogatepass")
    elif kind == "atom":
        entries = "".join(f"<entry><title>{escape(t)}</title><content type='html'>{escape(h)}</content></entry>"
                          for t, h in items)
        data = f"<feed xmlns='http://www.w3.org/2005/Atom'>{entries}</feed>".encode("utf-8", "surrogatepass")
    else:
        data = garbage
    try:
        with time_limit(BOUND, "feed reader"):
            feed = parse_feed(data, "https://example.org/feed")
    except FeedError as exc:
        assert exc.reason  # a recorded reason, never a crash
        return
    assert isinstance(feed, ParsedFeed)
    for entry in feed.entries:
        assert entry.url and entry.key
