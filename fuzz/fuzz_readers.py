"""Coverage-guided fuzzing of every rightswatch reader with atheris (libFuzzer for Python).

Run (from the project root)::

    .venv/bin/python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=600 -max_len=65536

Inputs the fuzzer finds interesting are kept in ``fuzz/corpus`` (created if missing); a crash is
written as ``crash-<sha1>`` in the current folder: copy it into ``tests/reliability/nasty/`` with
an extension that routes it to the right reader, and it becomes a regression test.

One input drives one reader, chosen by its first byte: plain text, HTML, a JSON record (as
documents), or a file of a chosen kind read through ``collect`` (``.txt``, ``.html``, ``.json``,
``.jsonl``, gzip of each, extension-less, WARC when ``rightswatch.collect.warc`` exists), then
extracted. The contract: a ``Document``/``Article`` or a typed ``InputError``/``Failure``.
Anything else propagates and libFuzzer reports it.

``RW_FUZZ_IGNORE_KNOWN=1`` swallows the bugs already known and reported (listed in ``KNOWN``), so
a short smoke run in CI (``tests/reliability/test_reliability_fuzz_smoke.py``) fails only on a
*new* kind of crash.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["rightswatch"]):
    from rightswatch.collect import Failure, iter_documents
    from rightswatch.errors import InputError
    from rightswatch.extract import extract_article
    from rightswatch.records import Document
    from rightswatch.settings import Settings

try:
    from rightswatch.collect.warc import iter_warc_documents
except ImportError:  # the WARC reader is optional
    iter_warc_documents = None

SETTINGS = Settings(db_url="sqlite://", max_bytes=256 * 1024)
EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".txt.gz", ".html.gz", ".jsonl.gz", "", ".warc", ".warc.gz"]
MEDIA = ["text/plain", "text/html", "application/json"]
TMP = Path(tempfile.mkdtemp(prefix="rw-fuzz-"))

#: Known, reported bugs (exception type, a fragment of the message or traceback's module).
KNOWN: list[tuple[type[BaseException], str]] = [
    # (exception type, message fragment) of bugs reported but not yet fixed; empty when none
]
IGNORE_KNOWN = os.environ.get("RW_FUZZ_IGNORE_KNOWN") == "1"


def _extract(doc: Document) -> None:
    try:
        article = extract_article(doc, SETTINGS)
    except InputError:
        return
    assert article.text.strip(), "an Article always has text"
    assert article.document_sha256 == doc.sha256


def _one(data: bytes) -> None:
    if not data:
        return
    selector, payload = data[0], data[1:]
    if selector < 96:
        media = MEDIA[selector % len(MEDIA)]
        _extract(Document(payload, hashlib.sha256(payload).hexdigest(), media, "fuzz://x", "file", "2024-01-01T00:00:00Z"))
        return
    ext = EXTENSIONS[selector % len(EXTENSIONS)]
    if ext.endswith(".gz") and selector % 2:
        import gzip

        payload = gzip.compress(payload, mtime=0)
    path = TMP / f"input{ext}"
    path.write_bytes(payload)
    if ext.startswith(".warc"):
        if iter_warc_documents is None:
            return
        items = iter_warc_documents(path, SETTINGS)
    else:
        items = iter_documents([path], SETTINGS)
    for item in items:
        if isinstance(item, Failure):
            assert item.reason and item.message
            continue
        assert item.sha256 == hashlib.sha256(item.raw).hexdigest()
        _extract(item)


def test_one_input(data: bytes) -> None:
    try:
        _one(data)
    except Exception as exc:  # noqa: BLE001 - re-raised unless it is a known, reported bug
        if IGNORE_KNOWN and any(isinstance(exc, t) and text in str(exc) for t, text in KNOWN):
            return
        raise


def main() -> None:
    args = list(sys.argv)
    corpus = [a for a in args[1:] if not a.startswith("-")]
    for folder in corpus:
        Path(folder).mkdir(parents=True, exist_ok=True)
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
