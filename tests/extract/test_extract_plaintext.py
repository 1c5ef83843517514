"""extract.plaintext: the seed layout (tags, captions, body, tail boilerplate) and its rules."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rightswatch.errors import EmptyDocument
from rightswatch.extract import extract_article
from rightswatch.extract.plaintext import parse_plaintext, split_paragraphs
from rightswatch.records import Document
from rightswatch.settings import Settings

# ../shared beside the project root, as on every developer machine and CI run
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_80968a1119312db6.txt"
SETTINGS = Settings()


def text_doc(raw: bytes | str, origin: str = "test.txt", url: str | None = None) -> Document:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return Document(
        raw=data,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/plain",
        origin=origin,
        origin_kind="file",
        received_at="2024-06-04T00:00:00Z",
        url=url,
    )


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip("shared seed article not present")
    doc = text_doc(SEED.read_bytes(), origin=str(SEED))
    return doc, extract_article(doc, SETTINGS)


def test_seed_tags_in_order(seed) -> None:
    _, article = seed
    assert article.tags == (
        "china", "chinese", "chinese flag", "flag", "river", "border", "north korea",
        "defections", "defectors", "overseas labor", "workers",
    )


def test_seed_caption_outlet_and_no_title_or_date(seed) -> None:
    doc, article = seed
    assert article.captions == ("FILE PHOTO: The national flag of the People's Republic of China. (Daily NK)",)
    assert article.outlet == "Daily NK"
    assert article.title is None
    assert (article.published, article.published_source) == (None, "none")
    assert article.language == "en"
    assert article.document_sha256 == doc.sha256


def test_seed_text_bounds_and_subheading(seed) -> None:
    _, article = seed
    text = article.text
    assert text.startswith("Chinese police are piling")
    assert text.endswith("he added.")
    assert "\n\nDefectors always face threat of repatriation\n\n" in text
    assert "FILE PHOTO" not in text and "north korea, defections" not in text
    assert "Daily NK works with" not in text and "Read in Korean" not in text
    # curly quotes and apostrophes survive; paragraphs have no trailing spaces
    assert "“The police have recently" in text and "China’s Jilin Province" in text
    assert all(p == p.rstrip() for p in text.split("\n"))
    assert len(text.split("\n\n")) == 12


def test_seed_boilerplate_kept_aside_in_order(seed) -> None:
    _, article = seed
    assert len(article.boilerplate) == 3
    assert article.boilerplate[0].startswith("Daily NK works with a network of sources")
    assert article.boilerplate[1] == "Please send any comments or questions about this article to"
    assert article.boilerplate[2] == "Read in Korean"


def test_cli_date_overrides(seed) -> None:
    doc, _ = seed
    article = extract_article(doc, Settings(published="2024-06-03"))
    assert (article.published, article.published_source) == ("2024-06-03", "cli")


def test_title_line_without_tag_line() -> None:
    raw = "Police threaten defectors in China\n\nChinese police are piling pressure on defectors.\n\nMore text here.\n"
    article = extract_article(text_doc(raw), SETTINGS)
    assert article.title == "Police threaten defectors in China"
    assert article.text.startswith("Chinese police")


def test_short_first_line_after_tag_line_is_not_a_title() -> None:
    raw = "china, defectors, border\n\nA short opening line\n\nThe body follows here, as sentences do.\n"
    article = extract_article(text_doc(raw), SETTINGS)
    assert article.title is None
    assert article.tags == ("china", "defectors", "border")
    assert article.text.startswith("A short opening line\n\n")


@pytest.mark.parametrize(
    "first",
    [
        "The police said on Monday that defectors would be sent back.",  # a sentence
        "Chinese police are piling more and more pressure on North Korean\ndefectors in China.",  # wrapped
    ],
)
def test_first_line_that_is_not_a_title(first: str) -> None:
    article = extract_article(text_doc(first + "\n\nSecond paragraph.\n"), SETTINGS)
    assert article.title is None
    assert article.text.startswith(first.split("\n")[0])


def test_lone_line_is_text_not_title() -> None:
    article = extract_article(text_doc("Just one line of text"), SETTINGS)
    assert article.title is None and article.text == "Just one line of text"


def test_a_sentence_with_commas_is_not_a_tag_line() -> None:
    raw = "Seoul, which borders the North, said on Monday that talks would resume.\n\nMore."
    assert parse_plaintext(raw).tags == []


def test_captions_between_header_and_body_and_inside_body() -> None:
    raw = (
        "Headline of the story\n"
        "PHOTO: Border fence at night (Yonhap)\n\n"
        "The story begins here with a sentence.\n\n"
        "FILE PHOTO: A second photo in the middle.\n\n"
        "The story ends (OHCHR)\n"
    )
    parts = parse_plaintext(raw)
    assert parts.title == "Headline of the story"
    assert parts.captions == ["PHOTO: Border fence at night (Yonhap)", "FILE PHOTO: A second photo in the middle."]
    assert parts.paragraphs == ["The story begins here with a sentence.", "The story ends (OHCHR)"]


def test_boilerplate_in_the_middle_stays_and_subheading_before_tail_stays() -> None:
    raw = (
        "Body one.\n\nCopyright law was cited, he said.\n\nSubscribe to the idea, she said.\n\n"
        "More body.\n\nA subheading\n\nCopyright 2024 Someone. All rights reserved.\n\nFollow us on X\n"
    )
    parts = parse_plaintext(raw)
    assert parts.paragraphs == [
        "Body one.",
        "Copyright law was cited, he said.",
        "Subscribe to the idea, she said.",
        "More body.",
        "A subheading",
    ]
    assert parts.boilerplate == ["Copyright 2024 Someone. All rights reserved.", "Follow us on X"]


def test_crlf_and_single_newline_paragraphs() -> None:
    article = extract_article(text_doc("First paragraph.\r\nSecond paragraph.\r\n"), SETTINGS)
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_split_paragraphs_keeps_lines_of_a_block() -> None:
    assert split_paragraphs("a\nb  \n\n\nc\n") == ["a\nb", "c"]


def test_only_tags_and_boilerplate_is_empty() -> None:
    raw = "china, border\n\nRead in Korean\n"
    with pytest.raises(EmptyDocument) as info:
        extract_article(text_doc(raw, origin="x.txt"), SETTINGS)
    assert info.value.reason == "empty"
    assert str(info.value).startswith("x.txt: ")


def test_url_comes_from_the_document() -> None:
    article = extract_article(text_doc("Text.", url="https://www.dailynk.com/english/a/"), SETTINGS)
    assert article.url == "https://www.dailynk.com/english/a/"
    assert article.outlet == "Daily NK"  # from the domain
