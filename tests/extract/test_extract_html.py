"""extract.html: trafilatura's content plus metadata, captions and our paragraph shape."""

from __future__ import annotations

import hashlib

import pytest

from rightswatch.errors import EmptyDocument, TooLarge
from rightswatch.extract import extract_article
from rightswatch.records import Document
from rightswatch.settings import Settings

SETTINGS = Settings()

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Police threaten defectors with repatriation | Daily NK</title>
<meta property="og:title" content="Police threaten defectors with repatriation">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-06-03T10:00:00+09:00">
<meta property="og:site_name" content="Daily NK">
<meta property="article:section" content="News">
<meta property="article:tag" content="defectors">
<meta property="article:tag" content="China">
<meta property="article:tag" content="News">
</head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article>
<h1>Police threaten defectors with repatriation</h1>
<figure><img src="/img/flag.jpg" alt="flag"><figcaption>FILE PHOTO: The national flag of China. (Daily NK)</figcaption></figure>
<p>Chinese police are piling more and more pressure on North Korean defectors in China. The police are even warning that defectors could be sent back to North Korea.</p>
<p>“The police have recently been threatening defectors that they could be repatriated,” a source in China told Daily NK on Monday, speaking on condition of anonymity.</p>
<p><img src="/img/fence.jpg" alt="A border fence along the Yalu River at night"></p>
<h2>Defectors always face threat of repatriation</h2>
<p>North Korean defectors in China are always at risk of being repatriated because China regards them not as refugees, but as illegal aliens.</p>
<ul><li>First listed point about the border.</li><li>Second listed point about the police.</li></ul>
<p>Daily NK works with a network of sources living in North Korea, China, and elsewhere.</p>
<p>Read in Korean</p>
</article>
<footer>Copyright 2024 Daily NK. All rights reserved.</footer>
</body></html>
"""


def html_doc(raw: bytes | str, origin: str = "page.html", url: str | None = None) -> Document:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return Document(
        raw=data,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/html",
        origin=origin,
        origin_kind="file",
        received_at="2024-06-04T00:00:00Z",
        url=url,
    )


@pytest.fixture(scope="module")
def article():
    return extract_article(html_doc(PAGE), SETTINGS)


def test_metadata(article) -> None:
    assert article.title == "Police threaten defectors with repatriation"
    assert (article.published, article.published_source) == ("2024-06-03", "html-meta")
    assert article.author == "Jane Doe"
    assert article.outlet == "Daily NK"
    assert article.language == "en"


def test_tags_deduplicated_without_the_section(article) -> None:
    assert article.tags == ("defectors", "China", "News")


def test_captions_from_figcaption_and_alt(article) -> None:
    assert article.captions == (
        "FILE PHOTO: The national flag of China. (Daily NK)",
        "A border fence along the Yalu River at night",
    )


def test_body_shape(article) -> None:
    text = article.text
    assert text.startswith("Chinese police are piling")
    assert "Police threaten defectors with repatriation" not in text  # the h1 is the title
    assert "\n\nDefectors always face threat of repatriation\n\n" in text
    assert "First listed point about the border.\nSecond listed point about the police." in text
    assert "“The police have recently" in text
    assert "FILE PHOTO" not in text and "Home" not in text and "Copyright" not in text
    assert text.endswith("illegal aliens.\n\nFirst listed point about the border.\nSecond listed point about the police.")


def test_tail_boilerplate_kept_aside(article) -> None:
    assert article.boilerplate == (
        "Daily NK works with a network of sources living in North Korea, China, and elsewhere.",
        "Read in Korean",
    )


def test_url_domain_decides_the_outlet_and_settings_date_wins() -> None:
    page = PAGE.replace('content="Daily NK"', 'content="Some Blog"')
    article = extract_article(
        html_doc(page, url="https://www.nknews.org/2024/06/x/"), Settings(published="2024-05-01")
    )
    assert article.outlet == "NK News"
    assert article.url == "https://www.nknews.org/2024/06/x/"
    assert (article.published, article.published_source) == ("2024-05-01", "cli")


def test_outlet_falls_back_to_self_naming() -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Daily NK">', "").replace(
        "<title>Police threaten defectors with repatriation | Daily NK</title>", "<title>x</title>"
    )
    assert extract_article(html_doc(page), SETTINGS).outlet == "Daily NK"


def test_declared_legacy_charset() -> None:
    body = "<p>" + "The defector said “I’m scared” in a café near the border, and the police listened. " * 3 + "</p>"
    page = '<html><head><meta charset="windows-1252"><title>T</title></head><body><article>' + body + "</article></body></html>"
    article = extract_article(html_doc(page.encode("cp1252")), SETTINGS)
    assert "“I’m scared” in a café" in article.text


def test_too_large_is_refused_before_parsing() -> None:
    with pytest.raises(TooLarge) as info:
        extract_article(html_doc(PAGE, origin="big.html"), Settings(max_bytes=100))
    assert info.value.reason == "too-large"
    assert str(info.value).startswith("big.html: ")


@pytest.mark.parametrize("page", ["", "   ", "<html><body><nav></nav><script>var x = 1;</script></body></html>"])
def test_no_content_is_empty(page: str) -> None:
    with pytest.raises(EmptyDocument):
        extract_article(html_doc(page), SETTINGS)


def test_sha_and_url_carried() -> None:
    doc = html_doc(PAGE, url="https://example.org/a")
    article = extract_article(doc, SETTINGS)
    assert article.document_sha256 == doc.sha256
    assert article.url == "https://example.org/a"


def test_xhtml_with_xml_declaration_and_xml_lang() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ko"><head><title>T</title></head><body><article>'
        "<p>북한 이탈주민들이 중국에서 강제 송환될 위험에 처해 있다고 소식통이 전했다. 경찰이 감시를 강화했다.</p>"
        "<p>두번째 문단입니다. 국경 경비가 강화되었다고 한다.</p></article></body></html>"
    )
    article = extract_article(html_doc(page, origin="a.xhtml"), SETTINGS)
    assert article.language == "ko"
    assert article.text.startswith("북한 이탈주민들이")


def test_loose_text_between_blocks_is_kept() -> None:
    # trafilatura sometimes leaves a paragraph's text as the tail of the heading before it
    # (seen on a benchmark page that lost half its body before this was handled)
    from lxml import etree

    from rightswatch.extract.html import _body_paragraphs

    body = etree.fromstring(
        '<body>Lead text.<head rend="h2">Deal one</head>It costs $5.<lb/>Really.'
        '<graphic src="a.jpg" alt="A photo of the deal on the shelf"/><p>Closing words.</p></body>'
    )
    captions: list[str] = []
    assert _body_paragraphs(body, {}, captions) == ["Lead text.", "Deal one", "It costs $5.\nReally.", "Closing words."]
    assert captions == ["A photo of the deal on the shelf"]


def test_parser_crash_becomes_malformed_record(monkeypatch) -> None:
    import trafilatura

    from rightswatch.errors import MalformedRecord

    def boom(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    with pytest.raises(MalformedRecord) as info:
        extract_article(html_doc(PAGE, origin="deep.html"), SETTINGS)
    assert "RecursionError" in str(info.value) and "\n" not in str(info.value)


def test_meta_tags_are_kept_verbatim() -> None:
    page = (
        "<html><head><title>T</title><meta property='article:tag' content=\"Women's Rights\">"
        "<meta property='article:tag' content='North Korea'></head><body><article>"
        "<p>North Korean women returned from China were detained and beaten by guards in Sinuiju.</p>"
        "<p>The report documents abuses in several detention centres near the border.</p>"
        "</article></body></html>"
    )
    art = extract_article(html_doc(page), Settings())
    assert art.tags == ("Women's Rights", "North Korea")


def test_section_is_a_tag_only_when_the_page_has_no_other() -> None:
    body = (
        "<body><article><p>Border guards detained two traders in Hyesan on Monday, a source said.</p>"
        "<p>The traders were taken to the county security office for questioning.</p></article></body>"
    )
    with_tags = (
        "<html><head><title>T</title><meta property='article:section' content='World News'>"
        "<meta name='keywords' content='North Korea, Border'></head>" + body + "</html>"
    )
    section_only = "<html><head><title>T</title><meta property='article:section' content='Korea'></head>" + body + "</html>"
    assert extract_article(html_doc(with_tags), Settings()).tags == ("North Korea", "Border")
    assert extract_article(html_doc(section_only), Settings()).tags == ("Korea",)
