"""The place chooser (``analyse.incident_place_choice``): options, features, moves and the shipped model."""

from __future__ import annotations

from rightswatch.analyse.incident_place_choice import ArticlePlaces, choose_places, option_features, place_options
from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.places import PlaceMention
from rightswatch.records import Actor, Article, Incident, Place, Report, Span

TEXT = (
    "Court jails guides\n\n"
    "A court in Hyesan, Ryanggang Province, sentenced two guides last week, a source in Seoul said.\n\n"
    "The women they guided were caught by Chinese police near Changbai.\n\n"
    "The same court sentenced a smuggler in March."
)


def _mention(text: str, kind: str, country: str, region: str | None = None, city: str | None = None, nth: int = 0) -> PlaceMention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return PlaceMention(Span(start, start + len(text)), text, kind, country, region, city)


HYESAN = _mention("Hyesan", "city", "KP", "Ryanggang", "Hyesan")
RYANGGANG = _mention("Ryanggang Province", "region", "KP", "Ryanggang")
SEOUL = _mention("Seoul", "city", "KR", "Seoul", "Seoul")
CHANGBAI = _mention("Changbai", "city", "CN", "Jilin", "Changbai")
MENTIONS = [HYESAN, RYANGGANG, SEOUL, CHANGBAI]


def _incident(sentence: str, kind: str, place: PlaceMention | None, perpetrator: str | None = None) -> Incident:
    start = TEXT.index(sentence)
    at = None if place is None else Place(place.text, place.country, place.region, place.city, span=place.span)
    actor = None if perpetrator is None else Actor("police", "state actor", perpetrator)
    return Incident(type=kind, evidence=(Span(start, start + len(sentence)),), place=at, perpetrator=actor)


def _report(*incidents: Incident) -> Report:
    return Report(article=Article(text=TEXT, title="Court jails guides", published="2026-11-20"), incidents=incidents)


def test_options_group_mentions_by_country_and_region_with_the_rules_answer_first():
    report = _report(_incident("The same court sentenced a smuggler in March.", "punishment_sentence", CHANGBAI))
    article = ArticlePlaces.of(report, MENTIONS)
    options = place_options(report, 0, article)
    assert options[0].rule and options[0].key == ("CN", "Jilin")
    assert {o.key for o in options[1:]} == {("KP", "Ryanggang"), ("KR", "Seoul")}
    hyesan = next(o for o in options if o.key == ("KP", "Ryanggang"))
    assert [m.text for m in hyesan.mentions] == ["Hyesan", "Ryanggang Province"]  # a town and its province are one option
    # the rules' country alone is no option where they named its region: a move that only forgets
    jilin = _report(_incident("The same court sentenced a smuggler in March.", "punishment_sentence", CHANGBAI))
    china = PlaceMention(Span(0, 5), "China", "country", "CN")
    assert ("CN", None) not in {o.key for o in place_options(jilin, 0, ArticlePlaces.of(jilin, [*MENTIONS, china]))}
    # demonyms and rivers alone are no option
    river = PlaceMention(Span(0, 5), "Court", "river", None)
    assert ArticlePlaces.of(report, [*MENTIONS, river]).groups.keys() == article.groups.keys()


def test_features_read_where_and_how_the_article_names_each_option():
    report = _report(
        _incident("A court in Hyesan, Ryanggang Province, sentenced two guides last week, a source in Seoul said.", "punishment_sentence", HYESAN),
        _incident("The women they guided were caught by Chinese police near Changbai.", "arbitrary_detention", None, perpetrator="CN"),
    )
    article = ArticlePlaces.of(report, MENTIONS)
    first = {o.key: option_features(report, 0, o, article) for o in place_options(report, 0, article)}
    rule = first[("KP", "Ryanggang")]
    assert rule["rule"] == rule["rule_own"] == rule["punishment_sentence:rule_own"] == 1.0
    assert rule["in_evidence"] == 2.0 and rule["evidence_word=in"] == 1.0 and rule["most_named"] == 1.0
    seoul = first[("KR", "Seoul")]
    assert seoul["evidence_teller_words"] == 1.0  # "a source in Seoul said"
    assert seoul["other_country_than_rule"] == 1.0 and "rule" not in seoul
    assert ArticlePlaces.of(report, MENTIONS, [SEOUL]).set_aside == frozenset({SEOUL.span})
    aside = {o.key: option_features(report, 0, o, ArticlePlaces.of(report, MENTIONS, [SEOUL])) for o in place_options(report, 0, article)}
    assert aside[("KR", "Seoul")]["set_aside"] == 1.0 and aside[("KP", "Ryanggang")]["set_aside"] == 0.0
    second = {o.key: option_features(report, 1, o, article) for o in place_options(report, 1, article)}
    assert second[(None, None)]["rule_none"] == 1.0 and second[(None, None)]["unnamed"] == 1.0
    changbai = second[("CN", "Jilin")]
    assert changbai["perpetrator_country"] == 1.0 and changbai["evidence_word=near"] == 1.0
    assert second[("KP", "Ryanggang")]["perpetrator_elsewhere"] == 1.0
    assert second[("KP", "Ryanggang")]["paragraphs_back=1"] == 1.0  # named one paragraph before
    assert second[("KP", "Ryanggang")]["neighbour_incident"] == 1.0  # the incident before it is placed there


def test_an_incident_moves_only_when_an_option_beats_the_rules_answer_by_the_threshold():
    late = _incident("The same court sentenced a smuggler in March.", "punishment_sentence", CHANGBAI)
    report = _report(late)
    prefers_the_most_named = IncidentScorer(("most_named", "rule"), (2.0, 0.5), 1.0)
    moved = choose_places(report, prefers_the_most_named, MENTIONS).incidents[0]
    assert moved.place is not None and (moved.place.country, moved.place.region, moved.place.city) == ("KP", "Ryanggang", "Hyesan")
    assert moved.place.span == HYESAN.span  # the last town of it named before the act: the evidence
    assert moved.type == late.type and moved.evidence == late.evidence
    strict = IncidentScorer(("most_named", "rule"), (2.0, 0.5), 1.6)
    assert choose_places(report, strict, MENTIONS) is report  # 1.5 above the rules' answer is not enough
    assert choose_places(report, prefers_the_most_named, []) is report  # an article naming no place


def test_the_shipped_model_takes_the_article_town_over_a_place_across_the_river(analyzer):
    """ "the city's airfield" after a paragraph about Changbai: the rules take the last town named
    (across the river, in China); the trial is told of the Hyesan court the article is about."""
    text = (
        "Hyesan court jails river guides after public trial\n\n"
        "A court in Hyesan, Ryanggang Province, sentenced two men to reform through labor at a public trial last "
        "week for guiding people across the Yalu River, a resident of the city told RFA.\n\n"
        "\"The trial was held in front of thousands of people at the stadium, and the judge said anyone who helps "
        "people flee will get the same,\" the resident said.\n\n"
        "The two men had taken three women across the frozen river to Changbai, on the Chinese side, in January, the "
        "resident said. Chinese police later caught the women in a village outside Changbai.\n\n"
        "In March, the same provincial court sentenced a smuggler to 10 years of reform through labor at a public "
        "trial held at the city's airfield, RFA reported at the time."
    )
    report = analyzer.analyse(Article(text=text, title=text.split("\n")[0], published="2026-11-20", outlet="RFA"))
    march = [i for i in report.incidents if text[i.evidence[0].start:].startswith("In March")]
    assert [(i.type, i.place.country, i.place.region) for i in march if i.place] == [("punishment_sentence", "KP", "Ryanggang")]
    caught = [i for i in report.incidents if "caught the women" in text[i.evidence[0].start:i.evidence[0].end]]
    assert [(i.place.country, i.place.region) for i in caught if i.place] == [("CN", "Jilin")]  # its own place stays


def test_the_north_korea_profile_ships_a_place_model_trained_on_development_sets_only():
    import json

    from rightswatch.analyse.profile import load_profile

    path = load_profile("north_korea").incident_place
    assert path is not None and path.name == "incident_place.json"
    model = IncidentScorer.load(path)
    assert model.threshold >= 0.0 and "rule" in model.features
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert meta["model"] == "incident_place" and meta["loso_right"] > meta["loso_wrong"]
    assert not any(s.startswith("heldout") and s[7:].isdigit() and int(s[7:]) >= 6 for s in meta["sets"])  # blind sets stay unread
    assert load_profile("general").incident_place is None  # no annotated sets: the rules' places


def test_logit_is_the_score_before_the_logistic_function():
    model = IncidentScorer(("a", "b"), (2.0, -1.0), 0.5)
    assert model.logit({"a": 1.0, "b": 3.0}) == -1.0
    assert abs(model.score({"a": 1.0, "b": 3.0}) - 1 / (1 + 2.718281828459045)) < 1e-9
