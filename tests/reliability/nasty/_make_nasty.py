"""Regenerate the nasty-input corpus in this folder: ``python tests/reliability/nasty/_make_nasty.py``.

Each file is an input that once broke, or plausibly could break, a reader: broken encodings,
binary data under a text name, pathological nesting, truncated and bomb-like gzip, JSON that is
valid but not a record. ``test_reliability_nasty.py`` replays every file here (this script
excepted) through collect -> extract -> analyse -> store and checks it ends as a stored report or
a recorded failure, within a time bound. Add new finds (from hypothesis or the atheris fuzzer)
by adding a line below, or by dropping the file in this folder directly.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = "Security agents arrested three defectors in Hyesan on 3 May 2024, a source said."


def gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as fh:
        fh.write(data)
    return buf.getvalue()


FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace_only.txt": b" \n\t\r\n   \n",
    "bom_only.txt": b"\xef\xbb\xbf",
    "nul_bytes.txt": b"Arrested\x00in\x00Hyesan\x00" * 50,
    "utf16le_bom.txt": "\ufeff".encode("utf-16-le") + ARTICLE.encode("utf-16-le"),
    "utf16_no_bom.txt": ARTICLE.encode("utf-16-le"),
    "invalid_utf8.txt": b"Police \xff\xfe\xc3\x28 arrested \xed\xa0\x80 (a CESU surrogate) people.",
    "control_chars.txt": ("".join(chr(i) for i in range(1, 32)) + ARTICLE).encode(),
    "bidi_zero_width.txt": ("\u202e\u200b\u200d\u2066" + ARTICLE + "\u202c\ufeff").encode(),
    "one_long_line.txt": b"x" * 100_000,
    "many_unbalanced_quotes.txt": ('"' + ARTICLE + " \u201c" * 2000).encode(),
    "only_tags_line.txt": b"Tags: a, b, c\n",
    "binary_png_named.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "pdf_named.html": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "html_unclosed.html": b"<html><body><p>" + ARTICLE.encode() + b"<div><span><b><i>",
    "html_script_only.html": b"<html><script>while(true){}</script><style>p{}</style></html>",
    "html_deep_nesting.html": b"<div>" * 5000 + ARTICLE.encode() + b"</div>" * 5000,
    "html_huge_attribute.html": b'<p title="' + b"a" * 100_000 + b'">' + ARTICLE.encode() + b"</p>",
    "html_comment_bomb.html": b"<!--" * 20000 + b"<p>" + ARTICLE.encode(),
    "html_bad_charset.html": b'<meta charset="x-no-such-codec"><p>' + ARTICLE.encode() + b"</p>",
    "html_entities.html": b"<p>" + b"&#xD800;&#0;&#x110000;&amp;&#99999999999;" * 200 + ARTICLE.encode() + b"</p>",
    "html_cdata_pi.html": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><![CDATA[" + ARTICLE.encode() + b"]]>",
    "xml_billion_laughs.html": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{"&lol" + (str(i - 1) if i > 1 else "") + ";"}{"&lol" + (str(i - 1) if i > 1 else "") + ";" * 9}">'.encode()
            for i in range(1, 10)
        )
        + b"]><html><body><p>&lol9;</p></body></html>"
    ),
    "json_scalar.json": b"42",
    "json_string.json": b'"just a string"',
    "json_null.json": b"null",
    "json_empty_list.json": b"[]",
    "json_mixed_list.json": json.dumps([{"text": ARTICLE}, 1, None, "x", [], {"html": "<p>" + ARTICLE + "</p>"}]).encode(),
    "json_deep_nesting.json": b"[" * 30_000 + b"]" * 30_000,
    "json_deep_record.json": b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    "json_text_not_string.json": b'{"text": {"a": 1}, "title": ["x"]}',
    "json_nan_inf.json": b'{"text": "' + ARTICLE.encode() + b'", "published": 1e999999, "relevance": NaN}',
    "json_bad_date.json": json.dumps({"text": ARTICLE, "published": "99999-99-99T99:99"}).encode(),
    "json_duplicate_keys.json": b'{"text": "a", "text": "' + ARTICLE.encode() + b'"}',
    "json_html_field_nasty.json": json.dumps({"html": "<div>" * 3000 + ARTICLE}).encode(),
    "json_truncated.json": b'{"text": "' + ARTICLE.encode()[:30],
    "json_utf8_bom.json": b"\xef\xbb\xbf" + json.dumps({"text": ARTICLE}).encode(),
    "jsonl_mixed_lines.jsonl": b"\n".join(
        [
            json.dumps({"text": ARTICLE, "url": "https://example.org/1"}).encode(),
            b"",
            b"   ",
            b"{not json",
            b"[1, 2]",
            b'{"text": ""}',
            b'{"title": "no text"}',
            json.dumps({"text": ARTICLE + " again", "url": 12}).encode(),
        ]
    ),
    "jsonl_no_final_newline.jsonl": json.dumps({"text": ARTICLE}).encode(),
    "jsonl_lone_surrogate.jsonl": b'{"text": "Police arrested \\ud800 a man.", "title": "x\\udfff"}\n',
    "jsonl_crlf.jsonl": json.dumps({"text": ARTICLE + " crlf"}).encode() + b"\r\n\r\n",
    "gz_truncated.txt.gz": gz(ARTICLE.encode() * 50)[:-20],
    "gz_corrupt.html.gz": b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"not deflate data at all",
    "gz_not_gzip.txt.gz": ARTICLE.encode(),
    "gz_empty.jsonl.gz": gz(b""),
    "gz_truncated_members.jsonl.gz": (gz(json.dumps({"text": ARTICLE}).encode() + b"\n") * 3)[:-7],
    "gz_bomb.txt.gz": gz(b"\x00" * (25 * 1024 * 1024)),  # inflates past the 20 MB cap
    "gz_nested.txt.gz": gz(gz(ARTICLE.encode())),
    "noext_binary": bytes(range(256)) * 8,
    "noext_markup": b"  <p>" + ARTICLE.encode() + b"</p>",
    "noext_jsonish": b"{" + b"a" * 100,
    "warc_named.warc": b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\ntruncated",
}


def _warc_truncated_header() -> bytes:
    """A gzipped WARC response cut inside its headers (found by hypothesis: warcio raised
    AttributeError on the missing target URI)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:12345678-1234-5678-1234-567812345678>\r\n"
        "WARC-Date: 2024-05-03T00:00:00Z\r\nWARC-Target-URI: https://example.org/a\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    data = gz(head + http + b"\r\n\r\n")
    return data[: len(data) - 81]


FILES["warc_truncated_header.warc.gz"] = _warc_truncated_header()


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(FILES)} files to {HERE}")


if __name__ == "__main__":
    main()
