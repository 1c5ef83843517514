"""extract: dispatch, outlets, language guess, boilerplate data."""

from __future__ import annotations

import hashlib

import pytest

from rightswatch.errors import TooLarge, UnsupportedFormat
from rightswatch.extract import extract_article
from rightswatch.extract.boilerplate import split_tail, tail_patterns
from rightswatch.extract.language import guess_language
from rightswatch.extract.outlets import canonical_outlet, detect_outlet, outlet_from_url, outlets
from rightswatch.records import Document
from rightswatch.settings import Settings


def doc(raw: bytes, media_type: str, origin: str = "x") -> Document:
    return Document(raw, hashlib.sha256(raw).hexdigest(), media_type, origin, "file", "t")


def test_unsupported_media_type() -> None:
    with pytest.raises(UnsupportedFormat) as info:
        extract_article(doc(b"%PDF", "application/pdf", origin="a.pdf"), Settings())
    assert info.value.reason == "unsupported-format"
    assert str(info.value).startswith("a.pdf: ") and "\n" not in str(info.value)


def test_media_type_parameters_are_ignored() -> None:
    article = extract_article(doc(b"Some text here.", "text/plain; charset=utf-8"), Settings())
    assert article.text == "Some text here."


def test_any_document_over_the_cap_is_refused() -> None:
    with pytest.raises(TooLarge):
        extract_article(doc(b"x" * 11, "text/plain"), Settings(max_bytes=10))


def test_public_surface() -> None:
    import rightswatch.extract as extract_pkg

    assert extract_pkg.__all__ == ["extract_article"]


# -- outlets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.dailynk.com/english/police/", "Daily NK"),
        ("https://en.yna.co.kr/view/AEN2024", "Yonhap"),
        ("http://RFA.ORG/english/news", "Radio Free Asia"),
        ("https://www.hrw.org/news/2024/06/03/x", "Human Rights Watch"),
        ("https://notdailynk.com/x", None),
        ("https://example.org/dailynk.com", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, expected: str | None) -> None:
    assert outlet_from_url(url) == expected


def test_canonical_outlet() -> None:
    assert canonical_outlet("daily nk") == "Daily NK"
    assert canonical_outlet("The Associated Press") == "AP"
    assert canonical_outlet("RFA") == "Radio Free Asia"
    assert canonical_outlet("Nobody Weekly") is None


def test_self_naming_in_text() -> None:
    assert detect_outlet(text="“We are afraid,” a source told Daily NK.") == "Daily NK"
    assert detect_outlet(text="SEOUL (Reuters) - North Korea fired a missile.") == "Reuters"
    assert detect_outlet(text="SEOUL, South Korea (AP) — The North said.") == "AP"
    assert detect_outlet(text="SEOUL, June 3 (Yonhap) -- Police said.") == "Yonhap"
    assert detect_outlet(boilerplate=["Copyright © 1998-2024, RFA. Used with the permission of Radio Free Asia"]) == "Radio Free Asia"


def test_citing_an_outlet_is_not_self_naming() -> None:
    assert detect_outlet(text="Reuters reported that Daily NK and NK News covered it.") is None
    # a photo credit alone is too weak (agencies sell photos)
    assert detect_outlet(captions=["Border fence. (Daily NK)"]) is None
    # a tie is unsure
    assert detect_outlet(text="He told Reuters and later told Yonhap.") is None


def test_a_copyright_notice_names_the_outlet() -> None:
    tail = "Copyright The Korea Herald. All rights reserved. Unauthorized reproduction prohibited."
    assert detect_outlet(boilerplate=[tail]) == "The Korea Herald"
    assert detect_outlet(boilerplate=["(c) 2019-2024 by NK News, all rights reserved"]) == "NK News"
    assert detect_outlet(text="Body text.\n© Yonhap") == "Yonhap"
    # only a known outlet, and a photo credit's copyright alone stays too weak
    assert detect_outlet(boilerplate=["Copyright 2024 Acme Widgets Ltd. All rights reserved."]) is None
    assert detect_outlet(captions=["Border fence. © Reuters"]) is None


def test_url_beats_text() -> None:
    assert detect_outlet(url="https://www.nknews.org/x", text="a source told Daily NK") == "NK News"


def test_outlet_data_is_well_formed() -> None:
    names = [o.name for o in outlets()]
    assert len(names) == len(set(names))
    assert {"Daily NK", "NK News", "Radio Free Asia", "Yonhap", "Human Rights Watch", "Reuters", "AP",
            "Korea JoongAng Daily"} <= set(names)


# -- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The police said that the defectors were sent back to the North by the authorities.", "en"),
        ("북한 이탈주민들이 중국에서 강제 송환될 위험에 처해 있다고 소식통이 전했다.", "ko"),
        ("La police chinoise exerce une pression croissante sur les transfuges nord-coréens.", None),
        ("Северная Корея и Китай: граница, беженцы и полиция в провинции Цзилинь.", None),
        ("Kim Jong Un", None),
        ("", None),
    ],
)
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


# -- boilerplate data ------------------------------------------------------------------------


def test_boilerplate_patterns_load() -> None:
    assert len(tail_patterns()) >= 10


def test_split_tail_sweeps_fragments_between_notices_only() -> None:
    paras = ["Body.", "Last body sentence.", "Please send any comments or questions about this article to",
             "dailynk@example.org", "Read in Korean"]
    body, tail = split_tail(paras)
    assert body == ["Body.", "Last body sentence."]
    assert tail == paras[2:]
    assert split_tail(["Body.", "Short fragment"]) == (["Body.", "Short fragment"], [])


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("A cold snap hit the island's orchards.\n\nBy Moon Ji-yeon (jiyeon.moon@koreatimes.co.kr)", "The Korea Times"),
        ("The court upheld the ruling.\n\nBy Kim Da-yeon (dayeon@heraldcorp.com)", "The Korea Herald"),
        ("BANGKOK (AFP) - Two waitresses were detained by immigration police.", "AFP"),
        ("The agency, citing AFP and the Korea Times, said talks would resume.", None),
    ],
)
def test_bylines_and_agency_datelines_name_the_outlet(text, outlet):
    assert detect_outlet(text=text) == outlet
