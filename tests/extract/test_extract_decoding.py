"""extract.decoding: bytes -> text, refusing binary, never altering characters."""

from __future__ import annotations

import codecs
import random

import pytest

from rightswatch.errors import DecodeFailed
from rightswatch.extract.decoding import declared_charset, decode_bytes

SAMPLE = "Defectors said “repatriation” arouses fear — it’s agonizing.\u00a0Done."


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"),
        SAMPLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "cp1252"],
)
def test_round_trips_exactly(raw: bytes) -> None:
    assert decode_bytes(raw) == SAMPLE


def test_latin1_short_text() -> None:
    assert decode_bytes("Le café naïve".encode("latin-1")) == "Le café naïve"


def test_korean_legacy_encoding_is_guessed() -> None:
    text = "북한 이탈주민들이 중국에서 강제 송환될 위험에 처해 있다고 소식통이 전했다."
    assert decode_bytes(text.encode("euc-kr")) == text


def test_newlines_are_normalised_and_nothing_else() -> None:
    assert decode_bytes(b"a\r\nb\rc\n\xe2\x80\x9cq\xe2\x80\x9d") == "a\nb\nc\n“q”"


def test_html_meta_charset_is_respected() -> None:
    text = "Северная Корея и Китай"
    raw = b'<html><head><meta charset="windows-1251"></head><body>' + text.encode("cp1251") + b"</body></html>"
    assert text in decode_bytes(raw, html=True)
    raw2 = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">' + "“x” café".encode("cp1252")
    assert declared_charset(raw2) == "cp1252"  # as browsers do
    assert decode_bytes(raw2, html=True).endswith("“x” café")


def test_lying_meta_charset_falls_back() -> None:
    raw = b'<meta charset="utf-8"><p>' + "caf\u00e9 \u201cquoted\u201d".encode("cp1252") + b"</p>"
    assert "café “quoted”" in decode_bytes(raw, html=True)


def test_random_binary_is_refused() -> None:
    rng = random.Random(7)
    raw = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DecodeFailed) as info:
        decode_bytes(raw, origin="junk.bin")
    assert info.value.reason == "decode-failed"
    assert str(info.value).startswith("junk.bin: ")


def test_control_characters_are_refused() -> None:
    raw = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20 + b"some words"
    with pytest.raises(DecodeFailed):
        decode_bytes(raw)


def test_broken_utf16_after_bom_is_refused() -> None:
    with pytest.raises(DecodeFailed):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate


def test_empty() -> None:
    assert decode_bytes(b"") == ""


def test_transport_charset_is_used_before_guessing():
    from rightswatch.extract.decoding import decode_bytes

    raw = "<p>Привет, мир: заявление правозащитников</p>".encode("koi8_r")
    assert "Привет" in decode_bytes(raw, html=True, declared="KOI8-R")
    # a lying transport declaration falls through to the other evidence
    assert decode_bytes("café".encode("utf-8"), declared="ascii") == "café"
