from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rightswatch.errors import MalformedRecord
from rightswatch.evaluate import article_text, load_split, normalise_gold
from rightswatch.evaluate.hrdsattack import parse_month


def test_load_split_normalises_gold(tiny_split: Path) -> None:
    a, b, c = load_split(tiny_split)
    assert (a.id, a.title, a.published) == (1, "A title", date(2021, 3, 8))
    assert (a.gold.year, a.gold.month, a.gold.day) == (2021, 2, 26)
    assert (a.gold.city, a.gold.region, a.gold.country, a.gold.country_key) == (
        "Lagos",
        "Lagos State",
        "Nigeria",
        "NG",
    )
    assert a.gold.victim_names == ("Ana Silva",)
    assert a.gold.victims[0].sex == "woman"
    # "unknown" is dropped beside another violation type; "unknown" day reads as None.
    assert b.gold.violation_types == frozenset({"kidnapping"})
    assert (b.gold.year, b.gold.month, b.gold.day) == (2020, 11, None)
    assert b.gold.country == "USA" and b.gold.country_key == "US"
    assert b.gold.victim_names == ()
    # No perpetrator -> type None; misspelt month; "unknown" city and "None" region -> None.
    assert c.gold.perpetrator_mention is False and c.gold.perpetrator_type is None
    assert c.gold.violation_types == frozenset({"unknown"})
    assert c.gold.month == 12
    assert c.gold.city is None and c.gold.region is None
    assert c.gold.country_key == "CN"


@pytest.mark.parametrize(
    ("raw", "month"),
    [("02", 2), ("2.0", 2), ("February", 2), ("feb", 2), ("Novermber", 11), ("Ocober", 10),
     ("N//A", None), ("None", None), ("13", None), (None, None)],
)  # fmt: skip
def test_parse_month(raw: str | None, month: int | None) -> None:
    assert parse_month(raw) == month


def test_out_of_range_day_and_authors_fixes() -> None:
    g = normalise_gold({"perpetrator_mention": True, "date": "2021.0", "year": "unknown",
                        "city": "City", "violation_types": [], "victims": []})  # fmt: skip
    assert g.day is None and g.year is None
    assert g.city == "Pune"  # the dataset authors' own correction


def test_article_text_paragraphs_entities_and_tags() -> None:
    html = (
        "<p>First &amp; <b>bold</b>\n  line.</p> <p>Release & an end &#8220;now&#8221;</p>"
        "<script>var x = 1;</script><p></p><p>Last</p>"
    )
    assert article_text(html) == "First & bold line.\n\nRelease & an end \u201cnow\u201d\n\nLast"


def test_article_text_is_bounded() -> None:
    html = "<p>" + "word " * 10_000 + "</p>"
    assert len(article_text(html, max_chars=1000)) <= 1000


def test_load_split_rejects_non_list(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"not": "a list"}))
    with pytest.raises(MalformedRecord):
        load_split(path)
