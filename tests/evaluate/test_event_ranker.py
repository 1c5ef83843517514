from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from rightswatch.evaluate.event_ranker import (
    EventRanker,
    HeadWeights,
    RankerContext,
    country_candidates,
    country_features,
    load_ranker,
)
from rightswatch.evaluate.event_ranker_train import ranker_rows, train_event_ranker
from rightswatch.evaluate.hrdsattack import normalise_gold
from rightswatch.evaluate.mapping import EventPicks, MainEventRule, to_hrds
from rightswatch.evaluate.schema import HrdsSample
from rightswatch.records import Actor, Article, Incident, Place, Report, Span, TimeRef

TEXT = (
    "Police in Kenya arrested the activist in Nairobi on Monday.\n\n"
    "Kenya's police chief later spoke in Kampala, Uganda, about the case.\n\n"
    "Kenya has a long record of such arrests."
)
NAIROBI = Place("Nairobi", country="KE", region=None, city="Nairobi", span=Span(TEXT.index("Nairobi"), TEXT.index("Nairobi") + 7))
KAMPALA = Place("Kampala", country="UG", region=None, city="Kampala", span=Span(TEXT.index("Kampala"), TEXT.index("Kampala") + 7))
POLICE = Actor("Police", "state_security_forces", "KE", Span(0, 6))


def _report(title: str = "Activist arrested in Nairobi") -> Report:
    p2 = TEXT.index("Kenya's")
    first = Incident("arbitrary_detention", (Span(0, 60),), POLICE, (), NAIROBI, TimeRef("Monday", 2021, 3, 1, "day"), 0.6)
    second = Incident("threat_intimidation", (Span(p2, p2 + 40),), POLICE, (), KAMPALA, None, 0.9)
    return Report(article=Article(text=TEXT, title=title, published="2021-03-03"), incidents=(second, first))


def _ranker(place: dict[str, float], country: dict[str, float] | None = None) -> EventRanker:
    heads = {"place": HeadWeights(tuple(place), np.asarray(list(place.values())), 0.0)}
    if country is not None:
        heads["country"] = HeadWeights(tuple(country), np.asarray(list(country.values())), 0.0)
    return EventRanker(heads=heads, metadata={})


def test_place_head_picks_the_incident_its_weights_favour() -> None:
    report = _report()
    by_title = _ranker({"city_in_title": 2.0})
    assert by_title.picks(report).place is report.incidents[1]  # Nairobi is in the title
    by_confidence = _ranker({"confidence": 5.0})
    assert by_confidence.picks(report).place is report.incidents[0]  # Kampala's incident is surer


def test_country_head_reads_the_whole_article() -> None:
    report = _report(title="Uganda hosts talks")
    ctx = RankerContext.of(report)
    assert set(country_candidates(report, ctx)) >= {"KE", "UG"}
    ke, ug = country_features(report, "KE", ctx), country_features(report, "UG", ctx)
    assert ke["most_named"] == 1.0 and ug["most_named"] == 0.0
    assert ug.get("in_title") == 1.0 and "in_title" not in ke
    # a country pick restricts the place to the incidents in that country
    ranker = _ranker({"confidence": 5.0}, {"in_title": 1.0})
    picks = ranker.picks(report)
    assert picks.country == "UG" and picks.place is report.incidents[0]
    ranker = _ranker({"confidence": 5.0}, {"mentions": 1.0})
    picks = ranker.picks(report)
    assert picks.country == "KE" and picks.place is report.incidents[1]


def test_to_hrds_answers_the_picked_place_and_country() -> None:
    report = _report()
    rule = MainEventRule(classifier=False, ranker=False)
    pred = to_hrds(report, rule, picks=EventPicks(place=report.incidents[1]))
    assert (pred.country, pred.city) == ("Kenya", "Nairobi")
    # a country with no incident of its own: the country alone, no city from another country
    pred = to_hrds(report, rule, picks=EventPicks(place=report.incidents[1], country="UG"))
    assert (pred.country, pred.city, pred.region) == ("Uganda", None, None)


def test_file_round_trip_and_malformed_files(tmp_path: Path) -> None:
    ranker = _ranker({"confidence": 1.5, "has_city": -0.25}, {"in_title": 2.0})
    path = tmp_path / "r.json"
    ranker.save(path)
    again = load_ranker(path)
    assert again is not None and again.heads["place"].features == ("confidence", "has_city")
    assert np.allclose(again.heads["place"].coef, [1.5, -0.25])
    assert load_ranker(tmp_path / "missing.json") is None
    data = json.loads(path.read_text())
    for broken in (
        {**data, "format": "something else"},
        {**data, "heads": {"place": {**data["heads"]["place"], "coef": [1.0]}}},
        {**data, "heads": {"weather": data["heads"]["place"]}},
        {**data, "heads": {}},
    ):
        with pytest.raises(ValueError):
            EventRanker.from_dict(broken)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError):
        EventRanker.load(tmp_path / "bad.json")


def _training_set(copies: int) -> tuple[list[Report], list[HrdsSample]]:
    """Articles whose main attack is the one in the title's city; the surer incident is elsewhere."""
    cities = [("Nairobi", "KE", "Kenya"), ("Kampala", "UG", "Uganda"), ("Lagos", "NG", "Nigeria"), ("Accra", "GH", "Ghana")]
    reports, samples = [], []
    for k in range(copies):
        for i, (city, code, country) in enumerate(cities):
            other_city, other_code, other_country = cities[(i + 1 + k) % len(cities)]
            if other_code == code:
                other_city, other_code, other_country = cities[(i + 2) % len(cities)]
            text = (
                f"Police arrested a lawyer in {city}, {country}, on day {k}.\n\n"
                f"Officials met in {other_city}, {other_country}, and threatened reporters there."
            )
            a = text.index(city)
            b = text.index(other_city)
            main = Incident("arbitrary_detention", (Span(0, a + len(city)),), None, (),
                            Place(city, country=code, city=city, span=Span(a, a + len(city))), None, 0.5)  # fmt: skip
            decoy = Incident("threat_intimidation", (Span(text.index("Officials"), len(text)),), None, (),
                             Place(other_city, country=other_code, city=other_city, span=Span(b, b + len(other_city))), None, 0.9)  # fmt: skip
            reports.append(Report(article=Article(text=text, title=f"Lawyer held in {city}", published="2021-01-05"),
                                  incidents=(decoy, main)))  # fmt: skip
            gold = normalise_gold({"perpetrator_mention": True, "perpetrator_type": "state actor",
                                   "violation_types": ["arbitrary detention"], "country": country, "city": city,
                                   "region": "None", "victims": []})  # fmt: skip
            samples.append(HrdsSample(id=10 * k + i, title=f"Lawyer held in {city}", published=date(2021, 1, 5), html="", gold=gold))
    return reports, samples


def test_rows_label_the_candidate_that_answers_right() -> None:
    reports, samples = _training_set(1)
    rows = ranker_rows(reports, samples, "place")
    for inc, label in zip(rows.items, rows.labels.tolist()):
        assert label == int(inc.type == "arbitrary_detention")


def test_training_learns_what_the_rule_gets_wrong() -> None:
    reports, samples = _training_set(5)
    rule = MainEventRule(classifier=False, ranker=False)
    assert all(to_hrds(r, rule).city != s.gold.city for r, s in zip(reports, samples))  # the rule takes the surer decoy
    ranker = train_event_ranker(reports, samples, heads=("place",))
    assert "place" in ranker.heads and ranker.metadata["heads"] == ["place"]
    right = sum(to_hrds(r, rule, picks=ranker.picks(r)).city == s.gold.city for r, s in zip(reports, samples))
    assert right == len(samples)


def test_city_head_answers_a_city_as_written_or_none() -> None:
    from rightswatch.evaluate.event_ranker import NO_PLACE as NO_CITY
    from rightswatch.evaluate.event_ranker import named_place_candidates, named_place_features

    def city_candidates(ctx: RankerContext) -> list[str]:
        return named_place_candidates(ctx, "city")

    def city_features(report: Report, key: str, ctx: RankerContext, country: str) -> dict[str, float]:
        return named_place_features(report, key, ctx, country, "city")

    text = "KIEV (Reuters) - Police detained two reporters in Kharkiv on Monday.\n\nKharkiv police said more arrests would follow."
    report = Report(article=Article(text=text, title="Reporters detained in Kharkiv", published="2021-03-03"))
    ctx = RankerContext.of(report)
    found = city_candidates(ctx)
    assert found[-1] == NO_CITY and len(found) >= 3
    kiev = next(c for c in found if ctx.places["city"].names.get(c) == "KIEV")  # the written form, not "Kyiv"
    kharkiv = next(c for c in found if ctx.places["city"].names.get(c) == "Kharkiv")
    fk, fh = city_features(report, kiev, ctx, "UA"), city_features(report, kharkiv, ctx, "UA")
    assert fk["dateline"] == 1.0 and fk["upper"] == 1.0 and fk["first_named"] == 1.0
    assert fh["in_title"] == 1.0 and fh["most_named"] == 1.0 and fh["dateline"] == 0.0
    assert city_features(report, NO_CITY, ctx, "UA")["no_city"] == 1.0
    by_title = EventRanker(heads={"city": HeadWeights(("in_title",), np.asarray([1.0]), 0.0)}, metadata={})
    assert by_title.picks(report).city == "Kharkiv"
    to_none = EventRanker(heads={"city": HeadWeights(("no_city", "dateline"), np.asarray([2.0, 1.0]), 0.0)}, metadata={})
    assert to_none.picks(report).city == NO_CITY
    assert to_hrds(report, MainEventRule(classifier=False, ranker=False), picks=EventPicks(city=NO_CITY)).city is None


def test_city_answer_keeps_the_articles_spelling() -> None:
    article = Article(text="New York police arrested the organiser on Monday.", published="2021-03-03")
    written = Place("New York", country="US", region="New York", city="New York City", span=Span(0, 8))
    inc = Incident("arbitrary_detention", (Span(0, 50),), POLICE, (), written, None, 0.9)
    pred = to_hrds(Report(article=article, incidents=(inc,)), MainEventRule(classifier=False, ranker=False))
    assert pred.city == "New York"


def test_date_head_reads_every_time_expression() -> None:
    from rightswatch.evaluate.event_ranker import NO_DATE, date_candidates, date_features

    text = (
        "Police arrested the editor on March 2, 2021.\n\n"
        "She had been detained before, in June 2019.\n\n"
        "Her trial is set for May 2022."
    )
    arrest = Incident("arbitrary_detention", (Span(0, 44),), POLICE, (), None, None, 0.9)
    report = Report(article=Article(text=text, published="2021-03-05"), incidents=(arrest,))
    ctx = RankerContext.of(report)
    found = date_candidates(ctx)
    assert found[-1] is NO_DATE
    assert [(t.year, t.month) for t in found[:-1]] == [(2021, 3), (2019, 6)]  # May 2022 is after publication
    march, june = found[0], found[1]
    fm, fj = date_features(report, march, ctx), date_features(report, june, ctx)
    assert fm["in_main_evidence"] == 1.0 and fm["first_time"] == 1.0 and fm["explicit"] == 1.0
    assert fj.get("in_evidence") == 0.0 and fj["first_time"] == 0.0
    assert date_features(report, NO_DATE, ctx)["no_date"] == 1.0
    later = EventRanker(heads={"date": HeadWeights(("log_months_before",), np.asarray([1.0]), 0.0)}, metadata={})
    picks = later.picks(report)
    assert picks.when == june
    rule = MainEventRule(classifier=False, ranker=False)
    pred = to_hrds(report, rule, picks=picks)
    assert (pred.year, pred.month) == (2019, 6)
    none = EventRanker(heads={"date": HeadWeights(("no_date",), np.asarray([1.0]), 0.0)}, metadata={})
    pred = to_hrds(report, rule, picks=none.picks(report))
    assert (pred.year, pred.month) == (2021, None)  # no date: the publication year fallback


def test_region_head_candidates_and_answer() -> None:
    from rightswatch.evaluate.event_ranker import NO_PLACE, named_place_candidates, named_place_features

    text = "Gunmen abducted a priest in Kaduna State on Sunday.\n\nThe governor of Lagos State condemned it."
    inc = Incident("kidnapping_trafficking", (Span(0, 51),), None, (), None, None, 0.9)
    report = Report(article=Article(text=text, title="Priest abducted", published="2021-03-03"), incidents=(inc,))
    ctx = RankerContext.of(report)
    found = named_place_candidates(ctx, "region")
    assert found[-1] == NO_PLACE and {ctx.places["region"].names[k] for k in found[:-1]} == {"Kaduna State", "Lagos State"}
    kaduna = next(k for k in found if ctx.places["region"].names.get(k) == "Kaduna State")
    lagos = next(k for k in found if ctx.places["region"].names.get(k) == "Lagos State")
    assert named_place_features(report, kaduna, ctx, "NG", "region")["region_in_main_evidence"] == 1.0
    assert named_place_features(report, lagos, ctx, "NG", "region")["region_in_evidence"] == 0.0
    ranker = EventRanker(heads={"region": HeadWeights(("region_in_evidence",), np.asarray([1.0]), 0.0)}, metadata={})
    picks = ranker.picks(report)
    assert picks.region == "Kaduna State"
    pred = to_hrds(report, MainEventRule(classifier=False, ranker=False), picks=picks)
    assert pred.region == "Kaduna State"


def _dated_report() -> Report:
    text = (
        "Police arrested the journalist Ali Musa on 12 March 2019 in Lagos.\n\n"
        "He was sentenced on Monday to five years in prison, his lawyer said in 2021."
    )
    arrest = Incident("arbitrary_detention", (Span(0, text.index("\n")),), POLICE, (), None,
                      TimeRef("Monday", 2021, 6, 7, "day"), 0.9)  # fmt: skip
    return Report(article=Article(text=text, title="Journalist sentenced", published="2021-06-09"), incidents=(arrest,))


def test_date_value_heads_candidates_and_features() -> None:
    from rightswatch.evaluate.event_ranker import NO_VALUE, date_value_candidates, date_value_features

    report = _dated_report()
    ctx = RankerContext.of(report)
    assert set(date_value_candidates(ctx, "year")) == {2019, 2021, NO_VALUE}
    assert date_value_candidates(ctx, "year")[-1] == NO_VALUE
    assert date_value_candidates(ctx, "month", 2019) == [3, NO_VALUE]
    assert date_value_candidates(ctx, "month", None) == [NO_VALUE]
    assert date_value_candidates(ctx, "day", 2019, 3) == [12, NO_VALUE]
    f2019 = date_value_features(report, "year", 2019, ctx)
    f2021 = date_value_features(report, "year", 2021, ctx)
    assert f2019["earliest"] == 1.0 and f2019["harm_sentence"] == 1.0 and f2019["explicit"] == 1.0
    assert f2021["is_pub"] == 1.0 and f2021["follow_sentence"] == 1.0 and f2021["pub_follow_title"] == 1.0
    assert date_value_features(report, "year", NO_VALUE, ctx)["none"] == 1.0


def test_year_and_day_heads_decide_their_fields_outright() -> None:
    report = _dated_report()
    rule = MainEventRule(classifier=False, ranker=False)
    assert to_hrds(report, rule).year == 2021  # the rule dates the sentencing
    earliest = EventRanker(heads={
        "year": HeadWeights(("earliest",), np.asarray([1.0]), 0.0),
        "day": HeadWeights(("explicit",), np.asarray([1.0]), 0.0),
    }, metadata={})  # fmt: skip
    picks = earliest.picks(report)
    assert (picks.year, picks.day, picks.date_fields) == (2019, None, frozenset({"year", "day"}))  # no month: no day
    pred = to_hrds(report, rule, picks=picks)
    assert (pred.year, pred.day) == (2019, None)
    # the month comes from the date head's pick, and the day head reads it
    with_date = EventRanker(heads={**earliest.heads, "date": HeadWeights(("explicit",), np.asarray([1.0]), 0.0)}, metadata={})
    pred = to_hrds(report, rule, picks=with_date.picks(report))
    assert (pred.year, pred.month, pred.day) == (2019, 3, 12)
    # "none" is an answer: no fallback to the publication year
    none = EventRanker(heads={"year": HeadWeights(("none",), np.asarray([1.0]), 0.0)}, metadata={})
    assert to_hrds(report, rule, picks=none.picks(report)).year is None


def test_year_rows_label_the_gold_year() -> None:
    report = _dated_report()
    gold = normalise_gold({"perpetrator_mention": True, "perpetrator_type": "state actor", "violation_types": ["arbitrary detention"],
                           "country": "Nigeria", "city": "Lagos", "region": "None", "year": 2019, "month": 3, "date": 12,
                           "victims": []})  # fmt: skip
    sample = HrdsSample(id=1, title="Journalist sentenced", published=date(2021, 6, 9), html="", gold=gold)
    rows = ranker_rows([report], [sample], "year")
    assert dict(zip(rows.items, rows.labels.tolist())) == {2019: 1, 2021: 0, 0: 0}
    days = ranker_rows([report], [sample], "day")
    assert dict(zip(days.items, days.labels.tolist())) == {12: 1, 0: 0}
