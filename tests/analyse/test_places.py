"""Place recognition and resolution: table-driven cases from the seed article, the North Korea
profile and HRDsAttack-style text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rightswatch.analyse.places import Gazetteer, PlaceMention, country_name, fold_country, resolve_place
from rightswatch.records import Span

SEED = Path("/work/shared/seed/000_80968a1119312db6.txt")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _places(gaz: Gazetteer, text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(m.text, m.kind, m.country, m.region, m.city) for m in gaz.find(text)]


@pytest.mark.parametrize(
    ("text", "country", "region", "city"),
    [
        ("A defector living in China’s Jilin Province gave an account.", "CN", "Jilin", None),
        ("She was arrested in Hyesan, Ryanggang Province, North Korea.", "KP", "Ryanggang", "Hyesan"),
        ("Smugglers in Yanggang Province were caught.", "KP", "Ryanggang", None),
        ("Traders in Sinŭiju said prices rose.", "KP", "North Pyongan", "Sinuiju"),
        ("Traders in Shinuiju said prices rose.", "KP", "North Pyongan", "Sinuiju"),
        ("A source in Hoeryŏng, North Hamgyong Province, said so.", "KP", "North Hamgyong", "Hoeryong"),
        ("gunmen abducted pupils in the Zamfara state of northwestern Nigeria", "NG", "Zamfara", None),
        ("Protesters were detained in Portland, Oregon, on Friday.", "US", "Oregon", "Portland"),
        ("Police in Dandong, Liaoning Province, arrested them.", "CN", "Liaoning", "Dandong"),
        ("They were held in Yanji before repatriation.", "CN", "Jilin", "Yanji"),
        ("Lagos State police said", "NG", "Lagos", None),
        ("in Jangebe, a town in Zamfara State, Nigeria", "NG", "Zamfara", None),
    ],
)
def test_resolved_place(gaz: Gazetteer, text: str, country: str, region: str | None, city: str | None) -> None:
    place = resolve_place(gaz.find(text))
    assert place is not None
    assert (place.country, place.region, place.city) == (country, region, city)
    assert place.span is not None and text[place.span.start:place.span.end] == place.text


def test_hyesan_example_keeps_coordinates(gaz: Gazetteer) -> None:
    text = "Hyesan, Ryanggang Province, North Korea"
    place = resolve_place(gaz.find(text))
    assert place is not None and place.text == "Hyesan" and place.span == Span(0, 6)
    assert place.lat == pytest.approx(41.40, abs=0.05) and place.lon == pytest.approx(128.18, abs=0.05)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese police are piling on pressure.", [("Chinese", "demonym", "CN", None, None)]),
        ("North Korean defectors fear repatriation.", [("North Korean", "demonym", "KP", None, None)]),
        ("Nigerians protested.", [("Nigerians", "demonym", "NG", None, None)]),
        ("But in May, the warnings grew.", []),
        ("May God help them.", []),
        ("The People's Republic of China", [("People's Republic of China", "country", "CN", None, None)]),
        ("the DPRK and the U.S. met", [("DPRK", "country", "KP", None, None), ("U.S.", "country", "US", None, None)]),
        ("NORTH KOREA", [("NORTH KOREA", "country", "KP", None, None)]),
        ("Michael Jordan spoke.", []),
        ("Rosa Santos said Santos was tired.", []),
        ("A nice day at the Reading room", []),
        ("across the Yalu River into China", [("Yalu River", "river", None, None, None), ("China", "country", "CN", None, None)]),
        ("Niger State and Niger", [("Niger State", "region", "NG", "Niger", None), ("Niger", "country", "NE", None, None)]),
        ("Jilin", [("Jilin", "region", "CN", "Jilin", None)]),
        ("Lagos", [("Lagos", "city", "NG", "Lagos", "Lagos")]),
    ],
)
def test_mentions(gaz: Gazetteer, text: str, expected: list[tuple]) -> None:
    assert _places(gaz, text) == expected


def test_chinese_police_is_not_a_place(gaz: Gazetteer) -> None:
    mentions = gaz.find("Chinese police warned defectors.")
    assert [m.kind for m in mentions] == ["demonym"]
    assert resolve_place(mentions) is None


def test_spans_point_into_text(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = gaz.find(text)
    assert mentions, "the seed article names China and North Korea"
    for m in mentions:
        assert isinstance(m, PlaceMention)
        assert text[m.span.start:m.span.end] == m.text
    kinds = {(m.text, m.kind, m.country) for m in mentions}
    assert ("Jilin Province", "region", "CN") in kinds
    assert ("Chinese", "demonym", "CN") in kinds
    assert ("North Korea", "country", "KP") in kinds


def test_resolve_prefers_consistent_specific_over_repeated_country(gaz: Gazetteer) -> None:
    text = "China China China. A defector from Hyesan in North Korea was caught."
    place = resolve_place(gaz.find(text))
    assert place is not None and (place.country, place.city) == ("KP", "Hyesan")


def test_resolve_empty() -> None:
    assert resolve_place([]) is None


def test_load_is_cached() -> None:
    assert Gazetteer.load(("north_korea",)) is Gazetteer.load(["north_korea"])


@pytest.mark.parametrize(
    ("name", "alpha2"),
    [
        ("USA", "US"),
        ("United States", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("People's Republic of China", "CN"),
        ("China", "CN"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("Korea, Democratic People's Republic of", "KP"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Democratic Republic of the Congo", "CD"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Viet Nam", "VN"),
        ("nigeria", "NG"),
        ("Türkiye", "TR"),
        ("NG", "NG"),
        ("None", None),
        ("", None),
        (None, None),
        ("Atlantis", None),
    ],
)
def test_fold_country(name: str | None, alpha2: str | None) -> None:
    assert fold_country(name) == alpha2


@pytest.mark.parametrize(("alpha2", "name"), [("KP", "North Korea"), ("CN", "China"), ("US", "United States"), ("ZZ", "ZZ")])
def test_country_name(alpha2: str, name: str) -> None:
    assert country_name(alpha2) == name


def test_a_place_after_a_possessive_is_still_a_place(gaz: Gazetteer) -> None:
    # "the group Viasna's Minsk office" names an owner before the city, not a first name: Minsk
    # stays a place everywhere in the text; a surname glued to a first name still taints it.
    text = "Agents searched the group Viasna’s Minsk office. Protests went on in Minsk, Belarus."
    assert [m.text for m in gaz.find(text) if m.kind == "city"] == ["Minsk", "Minsk"]
    text = "Reporter Ana Kano was held. Later Kano said she was fine."
    assert not [m for m in gaz.find(text) if m.kind == "city"]


# -- heldout3's causes (2026-11-29) ----------------------------------------------------------


def test_krai_stays_in_the_region_name_and_the_bare_name_is_the_city(gaz: Gazetteer) -> None:
    place = resolve_place(gaz.find("Two welders left a shipyard in Khabarovsk last spring."))
    assert place is not None and (place.country, place.region, place.city) == ("RU", "Khabarovsk Krai", "Khabarovsk")
    assert _places(gaz, "farms across Altai Krai") == [("Altai Krai", "region", "RU", "Altai Krai", None)]


def test_an_acronym_after_a_small_town_names_a_body_not_a_person(gaz: Gazetteer) -> None:
    assert _places(gaz, "The Onsong MSS questioned them.")[0][:3] == ("Onsong", "city", "KP")
    assert _places(gaz, "Officers of the Musan County MPS came at night.")[0][4] == "Musan"
    # a dateline in capitals is not a town before an acronym
    assert [p for p in _places(gaz, "HAMHUNG CITY — A court ordered the release.") if p[1] == "city"] == _places(gaz, "HAMHUNG CITY")


# -- place accuracy round (2026-11-29 session 4) ---------------------------------------------


def test_apostrophes_are_optional_in_romanised_names() -> None:
    # "Sana’a" is the gazetteer's "Sanaa": romanisations write or drop the apostrophe
    general = Gazetteer.load(("general",))
    assert _places(general, "Guards in Sana’a beat the prisoners.")[0][1:] == ("city", "YE", "Amanat Al Asimah", "Sanaa")
    assert _places(general, "Guards in Sana'a beat the prisoners.")[0][4] == "Sanaa"


def test_a_facility_word_beside_a_city_is_no_person_name() -> None:
    general = Gazetteer.load(("general",))
    # "Central Jail Karachi", "the Karachi Police": the city of a facility or office, and the
    # city stays a place everywhere in the text (no person named Karachi taints it)
    text = "He was moved to Central Jail Karachi. The Karachi Police said he was ill."
    assert [m.city for m in general.find(text) if m.kind == "city"] == ["Karachi", "Karachi"]
    assert _places(general, "She died at the Kozhikode Medical College Hospital.")[0][4] == "Kozhikode"
    # a capitalised word that is no facility still reads as a family name
    assert not [m for m in general.find("Reporter Ana Kano was held.") if m.kind == "city"]


def test_paris_is_a_place_after_a_cue_and_a_name_before_a_surname() -> None:
    general = Gazetteer.load(("general",))
    assert _places(general, "She was shot outside her flat in Paris.")[0][1:3] == ("city", "FR")
    assert _places(general, "Paris Hilton posted a photo.") == []


def test_nanping_is_the_jilin_border_crossing_in_the_north_korea_profile(gaz: Gazetteer) -> None:
    place = resolve_place(gaz.find("Guards marched them over the Nanping crossing to Musan."))
    assert place is not None and (place.country, place.region, place.city) == ("CN", "Jilin", "Nanping")
    assert _places(Gazetteer.load(("general",)), "Officials in Nanping said")[0][3] == "Fujian"


def test_two_towns_of_one_region_resolve_to_the_first_town_not_the_region(gaz: Gazetteer) -> None:
    # the region agrees with both towns and so has the most support; the event is at a town
    place = resolve_place(gaz.find("Guards took them from Hyesan to a camp near Samjiyon, Ryanggang Province."))
    assert place is not None and (place.region, place.city) == ("Ryanggang", "Hyesan")
    # one town and its region: the town, as before
    place = resolve_place(gaz.find("They were held in Musan, North Hamgyong Province."))
    assert place is not None and (place.region, place.city) == ("North Hamgyong", "Musan")


@pytest.mark.parametrize(
    ("text", "country", "region", "city"),
    [
        ("Former inmates of the camp in Yŏdŏk County described the quarries.", "KP", "South Hamgyong", "Yodok"),
        ("Traders in Tanch'ŏn complained about the new rules.", "KP", "South Hamgyong", "Tanchon"),
        ("Residents of Saeppyol said the fence had been raised.", "KP", "North Hamgyong", "Kyongwon"),
        ("Smugglers cross the Yalu near Ji'an at night.", "CN", "Jilin", "Ji'an"),
        ("Police in Junggang raided three houses.", "KP", "Jagang", "Chunggang"),
        ("The boat landed near Gyodong Island.", "KR", "Incheon", "Gyodong"),
    ],
)
def test_border_counties_and_route_towns_of_the_profile(gaz: Gazetteer, text: str, country: str, region: str, city: str) -> None:
    """Counties that reporting names (camps, border towns, landing places) the general gazetteer
    lacks or resolves to a namesake elsewhere (Ji'an in Jiangxi)."""
    place = resolve_place(gaz.find(text))
    assert place is not None and (place.country, place.region, place.city) == (country, region, city)


def test_north_korean_towns_are_named_without_geonames_admin_suffixes(gaz: Gazetteer) -> None:
    # GeoNames writes "Sariwŏn-si", "Kapsan-ŭp"; reports and analysts write "Sariwon", "Kapsan"
    for text, city in (("Youth league members in Sariwon were detained.", "Sariwŏn"), ("A trader in Kapsan was fined.", "Kapsan")):
        place = resolve_place(gaz.find(text))
        assert place is not None and place.city == city


def test_a_small_town_of_a_country_the_text_never_names_is_no_place(gaz: Gazetteer) -> None:
    # "Sunam" is a district of Chongjin and a town in India's Punjab: in a story about North Korea
    # the Indian town is not meant, cue word or not
    found = gaz.find("Police in North Korea detained a woman near Sunam market in Chongjin last week.")
    assert [(m.text, m.country) for m in found if m.kind == "city"] == [("Chongjin", "KP")]
    # with its country named, or with nothing else to go by, the cue still admits it
    assert any(m.text == "Sunam" and m.country == "IN" for m in gaz.find("Indian police arrested him near Sunam."))
    assert any(m.text == "Sunam" and m.country == "IN" for m in gaz.find("Police arrested him near Sunam."))


def test_a_district_of_a_city_is_not_the_town_of_that_name_elsewhere(gaz: Gazetteer) -> None:
    # Chongjin has Sunam and Pohang districts; Pohang is also a South Korean city
    found = gaz.find("Agents in Chongjin picked them up in the city's Sunam and Pohang districts.")
    assert [(m.text, m.country) for m in found if m.kind == "city"] == [("Chongjin", "KP")]
    assert not any(m.text == "Pohang" for m in gaz.find("He was held in Pohang District for a week."))
    assert any(m.text == "Pohang" and m.country == "KR" for m in gaz.find("South Korea: he moved to Pohang in 2019."))


# -- North Korea's counties and cities (profile gazetteer) -----------------------------------


@pytest.mark.parametrize(
    ("text", "region", "city"),
    [
        ("Three teachers were exiled to Paegam County in Ryanggang Province.", "Ryanggang", "Paegam"),
        ("Prisoners work a gold mine in Yonggwang county, South Hamgyong.", "South Hamgyong", "Yŏnggwang"),
        ("She spent two years in a detention centre in Jongori.", "North Hamgyong", "Hoeryong"),
        ("Farm hands in Jongpyong were ordered to hand over rice.", "South Hamgyong", "Jongpyong"),
        ("Soldiers guard the reactor at Yongbyon around the clock.", "North Pyongan", "Nyongbyon"),
        ("Police in Taechon seized mobile phones.", "North Pyongan", "Taechon"),
        ("A family was banished to Sangwon County last spring.", "North Hwanghae", "Sangwon"),
        ("Officials in Changsong ordered the market shut.", "North Pyongan", "Changsong"),
        ("Women in Riwon were fined for selling clothes.", "South Hamgyong", "Iwŏn"),
        ("Two smugglers were caught near Sinpa on the Yalu.", "Ryanggang", "Kimjongsuk"),
        ("Guards at Mount Kumgang shot a tourist.", "Kangwon", "Kumgang"),
        ("Land in Kaepung-guyok was handed to the army.", "North Hwanghae", "Kaepung"),
        ("Workers from Huichon were sent to a dam site.", "Jagang", "Huichon"),
        ("A student from Unsan was expelled.", "North Pyongan", "Unsan"),
        ("A student from Unsan, South Pyongan, was expelled.", "South Pyongan", "Ŭnsan"),
    ],
)
def test_north_korean_counties_resolve_to_their_province(gaz: Gazetteer, text: str, region: str, city: str) -> None:
    """Counties GeoNames lacks, or gives only to a South Korean namesake (Yeonggwang, Boryeong's
    old name Taech'ŏn, Jangseong, and "Sangwon" listed for Changwon)."""
    place = resolve_place(gaz.find(text))
    assert place is not None and (place.country, place.region, place.city) == ("KP", region, city)


@pytest.mark.parametrize(
    ("text", "region", "city"),
    [
        ("The nuclear plant in Yeonggwang, South Jeolla, was shut for repairs.", "South Jeolla", "Yeonggwang"),
        ("Police in Changwon, South Korea, arrested the broker.", "South Gyeongsang", "Changwon"),
        ("The defector settled in Pocheon, Gyeonggi Province.", "Gyeonggi", "Pocheon"),
    ],
)
def test_south_korean_namesakes_keep_their_reading(gaz: Gazetteer, text: str, region: str, city: str) -> None:
    place = resolve_place(gaz.find(text))
    assert place is not None and (place.country, place.region, place.city) == ("KR", region, city)


def test_a_river_named_after_a_county_is_the_river(gaz: Gazetteer) -> None:
    # Hamhung's Songchon River is not Songchon county in South Pyongan
    found = gaz.find("Crowds were marched to the bank of the Songchon River in Hamhung.")
    assert [(m.text, m.kind) for m in found] == [("Songchon River", "river"), ("Hamhung", "city")]
    place = resolve_place(found)
    assert place is not None and (place.region, place.city) == ("South Hamgyong", "Hamhung")


def test_gazetteer_build_does_not_depend_on_string_hashing() -> None:
    """GeoNames gives a city's names as a set; which reading wins a shared name must not change
    with Python's per-process hash seed (it did: "Nampo" read as the city or the region)."""
    import subprocess
    import sys

    code = (
        "import hashlib; from rightswatch.analyse.places import Gazetteer; "
        "g = Gazetteer._build(('north_korea',)); "
        "print(hashlib.sha256(repr(sorted((repr(k), repr(v)) for k, v in g._index.items())).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_ulaanbaatar_is_the_city() -> None:
    (m,) = Gazetteer.load(("north_korea",)).find("workers on a building site in Ulaanbaatar were not paid")
    assert (m.kind, m.country) == ("city", "MN")


def test_rason_is_the_special_city_not_its_seat_rajin() -> None:
    """The profile's city "Rason" is read over GeoNames' alternate name of Rajin."""
    gaz = Gazetteer.load(("north_korea",))
    (m,) = gaz.find("are being held in a detention center in Rason")
    assert (m.kind, m.country, m.region, m.city) == ("city", "KP", "Rason", "Rason")
    (m,) = gaz.find("a fish market in Rajin")
    assert (m.country, m.region, m.city) == ("KP", "Rason", "Rajin")


def test_a_currency_prefix_is_no_place(gaz):
    names = [m.text for m in gaz.find("The officers confiscated more than US$40,000 and HK$2,000 in Hyesan.")]
    assert names == ["Hyesan"]


@pytest.mark.parametrize(
    ("text", "country", "region", "city"),
    [
        # the routes south and the Russian labour sites, as the news spells them
        ("Lao police arrested them at a guesthouse in Luang Namtha province.", "LA", "Loungnamtha", None),
        ("He was arrested at a bus station in Oudomxay province.", "LA", "Oudomxai", None),
        ("They were sent to building sites in Russia's Primorsky Krai.", "RU", "Primorskiy", None),
        ("She was caught in Tachileik, Myanmar, weeks earlier.", "MM", "Shan", "Tachileik"),
        # Korean readings of Chinese border towns
        ("A guard who crossed was caught in Jangbaek and sent back.", "CN", "Jilin", "Changbai"),
        ("Police in Tomun held the two women.", "CN", "Jilin", "Tumen"),
        ("The seamstress worked in a factory in Tandong.", "CN", "Liaoning", "Dandong"),
    ],
)
def test_north_korea_profile_spellings_of_route_and_border_places(text: str, country: str, region: str, city: str | None) -> None:
    gaz = Gazetteer.load(("general", "north_korea"))
    found = [p for p in _places(gaz, text) if p[2] == country and p[1] not in ("country", "demonym")]
    assert found and found[0][3:] == (region, city), _places(gaz, text)
