"""How many people an incident happened to: partitives, group sizes, groups told before,
coordinated people. Sentences written for the purpose."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rightswatch.records import Article, Span, Victim


@pytest.fixture(scope="module")
def analyzer(rules_analyzer):
    """These tests check who the rules take as victims, so every incident they build (the
    north_korea incident scorer also weighs whether an article is about its domain at all)."""
    return rules_analyzer


def _incident(analyzer, text, label):
    rep = analyzer.analyse(Article(text=text, published="2024-06-10", published_source="cli"))
    found = [i for i in rep.incidents if i.type == label]
    assert found, [i.type for i in rep.incidents]
    return found[0]


def _count(analyzer, text, label):
    counts = [v.count for v in _incident(analyzer, text, label).victims if v.count is not None]
    return max(counts) if counts else None


# (text, incident type, the largest victim count expected), by what each group of sentences exercises
COUNTS: dict[str, list[tuple[str, str, int]]] = {
    "a partitive counts its part, not the whole": [
        ("Guards at the Onsong holding centre beat three of the detainees with rifle butts last week.", "torture", 3),
        ("Chinese police sent one of the passengers back to North Korea in 2021.", "forced_repatriation", 1),
        ("Two of the students were detained by Chinese police at a bus terminal in Yanji in April.", "arbitrary_detention", 2),
        ("Russian police arrested 14 North Korean workers near Tynda in March. "
         "A court later sent at least four of them to a labor training camp.", "punishment_sentence", 4),
    ],
    "a group noun has the size the article gives": [
        ("Mongolian border guards caught a family of three near Zamyn-Uud in February.", "arbitrary_detention", 3),
        ("Police in Tumen detained a couple from Onsong on Friday.", "arbitrary_detention", 2),
        ("A family of six crossed the Yalu River near Manpo in August.", "border_crossing_defection", 6),
        ("Vietnamese police detained a group of about 20 near the Laos border last month.", "arbitrary_detention", 20),
    ],
    "the group told before keeps its count": [
        ("Cambodian police arrested 11 North Koreans, including four children, in Phnom Penh on Monday.\n\n"
         "The group had entered Cambodia from Laos in January.", "border_crossing_defection", 11),
        ("A North Korean family of five, including an infant, reached Seoul on Friday.\n\n"
         "The family had been detained by Thai police in Mae Sai in March.", "arbitrary_detention", 5),
        ("A family of three from Hyesan arrived in Seoul this week.\n\n"
         "The family left Hyesan in the spring. They were arrested by Lao police in Bokeo in May.", "arbitrary_detention", 3),
    ],
    "unnamed people told together are counted together": [
        ("Chinese police detained a North Korean woman and her two daughters in Longjing in March.", "arbitrary_detention", 3),
        ("Border guards beat the father and his younger brother in Musan last month.", "torture", 2),
        ("Lao police detained a teacher and his wife near Luang Namtha as they tried to cross into Thailand in May.",
         "border_crossing_defection", 2),
    ],
    "a number keeps its hedge": [
        ("Managers at the shipyard in Nakhodka kept the passports of all 45 men and paid them nothing.", "forced_labor", 45),
        ("Police in Dandong arrested as many as 16 North Korean defectors on Tuesday.", "arbitrary_detention", 16),
        ("Border guards detained close to 40 North Korean defectors near Sakju in May.", "arbitrary_detention", 40),
    ],
    "a noun trigger with a modifier takes its of-phrase": [
        ("Activists documented the forced return of about 80 people from Tumen to Onsong in June.", "forced_repatriation", 80),
        ("Witnesses saw the forced return of 18 women from Hunchun in June.", "forced_repatriation", 18),
        ("Monitors recorded the forced return of some 50 defectors through the Quanhe crossing in May.", "forced_repatriation", 50),
    ],
    "whose things are watched is watched": [
        ("Four traders were fined in Hyesan. Police said the MSS had detained the two in March after monitoring their phone calls for weeks.", "surveillance", 2),
        ("Nine students were questioned in Pyongyang. Officials arrested the five after monitoring their messages since January.", "surveillance", 5),
        ("Three brokers work in Musan. Agents there have been monitoring the phones of the two since May, a source said.", "surveillance", 2),
    ],
    "the same people named again keep their number": [
        ("Guards caught three workers near Kanggye last month.\n\n"
         "The workers were beaten at a police station in Kanggye.", "torture", 3),
        ("Lao police arrested six refugees in Bokeo in May.\n\n"
         "The refugees had crossed the Mekong River from Myanmar.", "border_crossing_defection", 6),
        ("A North Korean mother reached Seoul with her son on Monday.\n\n"
         "Thai police had detained the pair in Chiang Saen in March.", "arbitrary_detention", 2),
    ],
    "people seen crossing are the ones who cross": [
        ("Mongolian soldiers spotted three North Korean men walking across the steppe from China in October.", "border_crossing_defection", 3),
        ("A patrol found five defectors wading across the Tumen River near Namyang in July.", "border_crossing_defection", 5),
        ("Guards spotted four smugglers wading across the river near Hoeryong in June.", "border_crossing_defection", 4),
    ],
}


@pytest.mark.parametrize(
    ("text", "label", "count"),
    [pytest.param(*case, id=f"{why}-{k}") for why, cases in COUNTS.items() for k, case in enumerate(cases)],
)
def test_victim_count(analyzer, text, label, count):
    assert _count(analyzer, text, label) == count


def test_most_of_them_is_no_count_of_the_whole(analyzer):
    text = "Police in Hunchun detained 25 North Korean defectors in May. Most of them were sent back to North Korea."
    inc = _incident(analyzer, text, "forced_repatriation")
    assert all(v.count != 25 for v in inc.victims)


def test_perpetrator_is_not_the_people_a_partitive_counts(analyzer):
    text = "Security agents held the returnees at a centre in Onsong. Three of the men were beaten during questioning."
    inc = _incident(analyzer, text, "torture")
    assert inc.perpetrator is None or "men" not in inc.perpetrator.text


def test_an_unsized_family_is_not_one_person(analyzer):
    inc = _incident(analyzer, "Security agents evicted a family from its home in Kimchaek last month.", "other")
    assert all(v.count != 1 for v in inc.victims)


def test_a_group_restated_by_its_parts_is_not_counted_twice():
    # "the five, three men and two women" parsed as one coordination: the group, then its parts
    from rightswatch.analyse.incident_participants import together

    text = "the five, three men and two women"
    ctx = SimpleNamespace(text=text)
    parts = [(Victim(text="five", count=5, span=Span(4, 8)), "num:5"), (Victim(text="three men", count=3, span=Span(10, 19)), "a"),
             (Victim(text="two women", count=2, span=Span(24, 33)), "b")]
    group, key = together(ctx, parts)
    assert group.count == 5 and group.text == "five, three men and two women" and key == "num:5"
    a_man_and_his_son = [(Victim(text="a man", count=1, span=Span(0, 5)), "x"), (Victim(text="his son", count=1, span=Span(10, 17)), "y")]
    assert together(SimpleNamespace(text="a man and his son"), a_man_and_his_son)[0].count == 2


def test_named_people_told_together_stay_apart(analyzer):
    inc = _incident(analyzer, "Police in Pyongyang arrested Kim Chol-su and Ri Yong-hui in March.", "arbitrary_detention")
    assert len([v for v in inc.victims if v.name]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Police in Hyesan detained North Korean women who had phoned relatives in Seoul. Guards beat her for days.",
        "Security agents questioned the returnees in Onsong in March. The agents tortured him with electric shocks.",
        "Twenty defectors were held in Tumen. Guards beat her with a belt in the cell.",
    ],
)
def test_he_or_she_is_one_person(analyzer, text):
    counts = [v.count for v in _incident(analyzer, text, "torture").victims]
    assert counts and max(c or 0 for c in counts) == 1
