"""extract.jsonrecord: one JSON record (text or raw html) -> Article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from rightswatch.collect import iter_documents
from rightswatch.errors import EmptyDocument, MalformedRecord
from rightswatch.extract import extract_article
from rightswatch.extract.jsonrecord import parse_date
from rightswatch.records import Document
from rightswatch.settings import Settings

SETTINGS = Settings()
BODY = "Chinese police are piling pressure on defectors, a source told Daily NK.\n\nSecond paragraph here."
HTML = (
    "<html lang='en'><head><title>Page title</title>"
    "<meta property='article:published_time' content='2023-01-02'></head><body><article>"
    "<h1>Page title</h1><p>" + "Police in Jilin arrested three defectors last week, sources said. " * 3 + "</p>"
    "<p>They were handed over to North Korean security officials at the border.</p></article></body></html>"
)


def record_doc(record: object, origin: str = "r.json#0") -> Document:
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode()
    url = record.get("url") if isinstance(record, dict) else None
    return Document(raw, hashlib.sha256(raw).hexdigest(), "application/json", origin, "record", "2024-06-04T00:00:00Z", url)


def test_text_record() -> None:
    article = extract_article(
        record_doc({"title": " A title ", "text": BODY + "\n\nRead in Korean", "published": "2024-06-03",
                    "url": "https://example.org/a", "tags": ["china", "China", "border"], "author": "J. Doe"}),
        SETTINGS,
    )
    assert article.title == "A title"
    assert article.text == BODY
    assert article.boilerplate == ("Read in Korean",)
    assert (article.published, article.published_source) == ("2024-06-03", "json")
    assert article.url == "https://example.org/a"
    assert article.tags == ("china", "border")
    assert article.author == "J. Doe"
    assert article.outlet == "Daily NK"  # "told Daily NK" in the body
    assert article.language == "en"


def test_text_without_tag_rules() -> None:
    # a record's text starting with a short line keeps it: title and tags come from fields
    article = extract_article(record_doc({"text": "Short first line\n\nBody sentence here."}), SETTINGS)
    assert article.title is None and article.text.startswith("Short first line")


def test_html_record_fields_override() -> None:
    article = extract_article(record_doc({"html": HTML, "title": "Record title", "published": "June 3, 2024",
                                          "url": "https://www.rfa.org/english/x.html"}), SETTINGS)
    assert article.title == "Record title"
    assert (article.published, article.published_source) == ("2024-06-03", "json")
    assert article.outlet == "Radio Free Asia"
    assert article.text.startswith("Police in Jilin arrested")
    assert "They were handed over" in article.text


def test_html_record_without_fields_uses_the_page() -> None:
    article = extract_article(record_doc({"html": HTML}), SETTINGS)
    assert article.title == "Page title"
    assert (article.published, article.published_source) == ("2023-01-02", "html-meta")


def test_author_list_is_joined() -> None:
    article = extract_article(record_doc({"text": "Some text.", "author": ["A. One", " ", "B. Two"]}), SETTINGS)
    assert article.author == "A. One; B. Two"


def test_outlet_field_is_canonicalised() -> None:
    article = extract_article(record_doc({"text": "Some text.", "outlet": "Yonhap News Agency"}), SETTINGS)
    assert article.outlet == "Yonhap"
    article = extract_article(record_doc({"text": "Some text.", "outlet": "Unknown Times"}), SETTINGS)
    assert article.outlet == "Unknown Times"


def test_cli_date_wins_over_record() -> None:
    article = extract_article(record_doc({"text": "x y z.", "published": "2020-01-01"}), Settings(published="2024-06-03"))
    assert (article.published, article.published_source) == ("2024-06-03", "cli")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-03", "2024-06-03"),
        ("2024-06-03T01:30:00+09:00", "2024-06-03"),
        ("2024-06-03T10:00:00Z", "2024-06-03"),
        ("Mon, 03 Jun 2024 10:00:00 GMT", "2024-06-03"),
        ("June 3, 2024", "2024-06-03"),
        ("3 June 2024", "2024-06-03"),
        ("2024/06/03", "2024-06-03"),
        ("2024.06.03", "2024-06-03"),
        (1717372800, "2024-06-03"),
        (1717372800000, "2024-06-03"),
        ("yesterday", None),
        ("2024", None),
        ("not a date", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_unparseable_date_leaves_published_empty() -> None:
    article = extract_article(record_doc({"text": "Body.", "published": "someday"}), SETTINGS)
    assert (article.published, article.published_source) == (None, "none")


def test_missing_text_and_html_is_malformed() -> None:
    with pytest.raises(MalformedRecord) as info:
        extract_article(record_doc({"title": "only a title"}, origin="f.jsonl#L3"), SETTINGS)
    assert info.value.reason == "malformed-record"
    assert str(info.value) == "f.jsonl#L3: record has neither 'text' nor 'html'"


@pytest.mark.parametrize("record", [{"text": 42}, {"html": ["<p>"]}, {"text": "x", "title": 7}])
def test_wrong_types_are_malformed(record: dict) -> None:
    with pytest.raises(MalformedRecord):
        extract_article(record_doc(record), SETTINGS)


def test_blank_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        extract_article(record_doc({"text": "  \n "}), SETTINGS)


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]"])
def test_invalid_record_bytes_are_malformed(raw: bytes) -> None:
    doc = Document(raw, hashlib.sha256(raw).hexdigest(), "application/json", "x", "record", "t")
    with pytest.raises(MalformedRecord):
        extract_article(doc, SETTINGS)


def test_collect_then_extract_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"text": "First story body.", "url": "https://www.dailynk.com/english/1/"},
        {"title": "no body"},
        {"html": HTML, "url": "https://en.yna.co.kr/view/1"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    outcomes = []
    for doc in iter_documents([path], SETTINGS):
        try:
            article = extract_article(doc, SETTINGS)
            outcomes.append((article.outlet, article.url, article.document_sha256 == doc.sha256))
        except MalformedRecord as exc:
            outcomes.append(exc.reason)
    assert outcomes == [
        ("Daily NK", "https://www.dailynk.com/english/1/", True),
        "malformed-record",
        ("Yonhap", "https://en.yna.co.kr/view/1", True),
    ]
