"""Bytes -> text, refusing what is not text.

The order of trust, most reliable first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. strict UTF-8: if it decodes, it almost certainly is UTF-8 (other encodings rarely form
   valid multi-byte sequences by accident);
3. for HTML, the declared charset (``<meta charset>``, ``http-equiv`` or an XML declaration),
   when the bytes actually decode with it;
4. charset_normalizer's best guess, except that its guesses are unreliable on short, mostly
   ASCII texts (it reads "café" as UTF-16, "naïve" in cp1250, "Le café naïve" as Arabic), so
   a text that is mostly ASCII, or that it places among Western code pages, and that decodes as
   Windows-1252 (the encoding such files nearly always are) is read as Windows-1252.

Binary data is refused (NUL bytes, a high share of control characters) rather than turned into
mojibake. The only change made to the characters is newline normalisation to ``\\n``: curly
quotes, non-breaking spaces and the like are evidence and are kept as they are.
"""

from __future__ import annotations

import codecs
import re

from rightswatch.errors import DecodeFailed

__all__ = ["decode_bytes", "normalise_newlines", "declared_charset"]

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Share of control characters (other than tab, newline, carriage return, form feed) above
#: which a "text" is taken to be binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01

#: Below this share of bytes >= 0x80, a non-UTF-8 text is taken to be Western (Windows-1252).
_MAX_HIGH_SHARE_WESTERN = 0.3

#: charset_normalizer guesses we do not trust over Windows-1252 (see the module docstring).
_WESTERN_GUESSES = re.compile(
    r"^(?:ascii|latin_1|iso8859_(?:1|2|3|4|9|10|13|14|15|16)|cp125[0247]|mac_\w+|utf_(?:16|32)\w*|cp437|cp850)$"
)

#: Unicode category Cc (C0 and C1 controls) except tab, newline, form feed, carriage return.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def decode_bytes(raw: bytes, *, html: bool = False, origin: str | None = None, declared: str | None = None) -> str:
    """Decode ``raw`` to text with ``\\n`` newlines, or raise :class:`DecodeFailed`.

    ``declared`` is a charset the transport announced (HTTP ``Content-Type``); after a BOM and
    valid UTF-8 it is tried before the page's own declaration and before guessing."""
    if not raw:
        return ""
    text = _decode(raw, html=html, origin=origin, declared=declared)
    _refuse_binary(text, origin)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def declared_charset(raw: bytes) -> str | None:
    """The encoding an HTML/XML page declares in its first few kilobytes, as a Python codec."""
    head = raw[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding standard): a page labelled Latin-1 or ASCII is Windows-1252.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def _decode(raw: bytes, *, html: bool, origin: str | None, declared: str | None = None) -> str:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeFailed(f"invalid {codec} after a {codec} byte-order mark ({exc.reason})", origin) from None
    if b"\x00" in raw:
        raise DecodeFailed("binary data (NUL bytes), not text", origin)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in filter(None, (_codec(declared), declared_charset(raw) if html else None)):
        if codec in ("utf-8", "utf-16", "utf-32"):
            continue
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue  # the declaration lies; guess below
    return _guess(raw, origin)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip('"').lower()).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _guess(raw: bytes, origin: str | None) -> str:
    from charset_normalizer import from_bytes  # imported lazily: only for non-UTF-8 input

    best = from_bytes(raw).best()
    guessed = best.encoding if best is not None else None
    # A Western text has a few accented letters among ASCII ones; Cyrillic, Greek, Arabic or
    # Korean in a legacy encoding is mostly high bytes. Only the latter is left to the guess.
    sample = raw[:20_000]
    high = sum(1 for b in sample if b >= 0x80)
    mostly_ascii = high / max(1, len(sample.replace(b" ", b""))) < _MAX_HIGH_SHARE_WESTERN
    if guessed is None or mostly_ascii or _WESTERN_GUESSES.match(guessed):
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    if best is None:
        raise DecodeFailed("cannot determine the text encoding (binary data?)", origin)
    return str(best)


def _refuse_binary(text: str, origin: str | None) -> None:
    sample = text[:100_000]
    if not sample:
        return
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        raise DecodeFailed(
            f"binary data ({controls} control characters in {len(sample)}), not text", origin
        )
