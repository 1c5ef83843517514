"""Named victims (analyse/victims.py): people the article names as attacked, on sentences written
for the purpose."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Span as SpacySpan

from rightswatch.analyse.gate import SentenceGate
from rightswatch.analyse.victims import (
    FEATURES,
    VictimScorer,
    _looks_like_person,
    _NameIndex,
    attach_named_victims,
    clean_name,
)
from rightswatch.records import Article, Span, Victim


@pytest.fixture(scope="module")
def analyzer(rules_analyzer):
    """These tests check who the rules take as victims, so every incident they build (the
    north_korea incident scorer also weighs whether an article is about its domain at all)."""
    return rules_analyzer


def report(analyzer, text):
    return analyzer.analyse(Article(text=text, published="2024-06-10", published_source="cli"))


def named(rep) -> dict[str, str]:
    """Victim name -> the text its span points at, over every incident."""
    text = rep.article.text
    return {v.name: text[v.span.start : v.span.end] for i in rep.incidents for v in i.victims if v.name}


def test_coordinated_names_are_all_victims(analyzer):
    rep = report(analyzer, "Unknown gunmen abducted Pastor Samuel Okoro and his wife Grace Okoro from their home on Sunday.")
    names = named(rep)
    assert names.get("Samuel Okoro") == "Samuel Okoro"
    assert names.get("Grace Okoro") == "Grace Okoro"


def test_possessive_of_a_violation_noun(analyzer):
    rep = report(analyzer, "Human rights lawyer Chen Wei's arrest drew condemnation from abroad.")
    assert named(rep) == {"Chen Wei": "Chen Wei"}  # the span is the name, without "'s"


def test_people_listed_among_the_detained(analyzer):
    rep = report(analyzer, "Soldiers arrested four students in Kasama. Among those detained were Joseph Banda and Ruth Mwale.")
    names = named(rep)
    assert {"Joseph Banda", "Ruth Mwale"} <= set(names)


def test_relative_clause_makes_a_listed_person_a_victim(analyzer):
    rep = report(analyzer, "Prosecutors charged three bloggers last month, including Maria Lopes, who was arrested in May.")
    assert "Maria Lopes" in named(rep)


def test_victim_of_a_violation_noun_beside_its_perpetrator(analyzer):
    rep = report(analyzer, "A court convicted Mark Dalton of the kidnapping of reporter Sara Nkemelu.")
    assert named(rep).get("Sara Nkemelu") == "Sara Nkemelu"


def test_later_mentions_resolve_to_the_full_name(analyzer):
    text = (
        "Police arrested Kofi Mensah, a trade unionist, in Accra on Monday.\n\n"
        "Mr Mensah was released on bail two days later, and Mr Mensah's family said he had been beaten."
    )
    names = named(report(analyzer, text))
    assert "Kofi Mensah" in names and "Mensah" not in names and "Mr Mensah" not in names


def test_speaker_of_a_quote_is_not_a_victim(analyzer):
    text = (
        "“They beat him for hours,” said Carlos Medina, a spokesman for the Citizens Committee, "
        "after the police detained the student leader Iván Duarte."
    )
    names = named(report(analyzer, text))
    assert "Iván Duarte" in names
    assert not any("Medina" in n for n in names)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Dr. Amina Yusuf", "Amina Yusuf"),
        ("Mr Tomas Reyes's", "Tomas Reyes"),
        ("Prof. Dr. Lena Hartmann", "Lena Hartmann"),
        ("Ines Carvalho’s", "Ines Carvalho"),
        ("  Joseph   Banda ", "Joseph Banda"),
    ],
)
def test_clean_name_strips_titles_and_possessives(raw, expected):
    assert clean_name(raw) == expected


def test_name_index_prefers_the_fullest_form():
    index = _NameIndex(["Kofi Mensah", "Mensah", "Ama Mensah Boateng"], "")
    assert index.resolve("Kofi") == "Kofi Mensah"
    assert index.resolve("Boateng") == "Ama Mensah Boateng"
    assert index.resolve("Kofi Mensah") == "Kofi Mensah"
    assert index.resolve("Owusu") == "Owusu"


def test_a_name_labelled_as_an_organisation_can_be_a_person(analyzer):
    doc = analyzer.nlp.make_doc("Gunmen seized Tendai Musoni and the Harare Teachers Union office on Monday.")
    person = SpacySpan(doc, 2, 4, label="ORG")  # "Tendai Musoni", mislabelled
    union = SpacySpan(doc, 6, 9, label="ORG")  # "Harare Teachers Union"
    assert _looks_like_person(person, [])
    assert not _looks_like_person(union, [])
    assert not _looks_like_person(person, [(person.start_char, person.end_char)])  # a gazetteer place


def test_gate_keeps_a_named_defender_sentence(analyzer):
    gate = SentenceGate(analyzer.codebook, analyzer.profile, lead_sentences=0)
    text = "The weather was fine. Last year the journalist Ana Ferreira spoke at the forum. The market opened late."
    kept = gate(text).text
    assert "Ana Ferreira" in kept
    assert "weather" not in kept and "market" not in kept


def test_scorer_round_trip_and_bundled_model():
    model = VictimScorer.default()
    assert model is not None
    assert set(model.features) <= set(FEATURES) and len(model.weights) == len(model.features)
    again = VictimScorer.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.features == model.features and again.threshold == model.threshold
    with pytest.raises(ValueError):
        VictimScorer.from_dict({"features": ["bias"], "weights": [1.0, 2.0], "threshold": 0.5})


class _Inc:
    def __init__(self, start: int, end: int) -> None:
        self.evidence = [Span(start, end)]
        self.victims: list[Victim] = []


def test_attach_goes_to_the_incident_told_in_the_names_sentence(analyzer):
    text = "Police detained the editor Tomasz Wrona on Friday.\n\nSoldiers later killed the activist Rafael Moreno."
    doc = analyzer.nlp(text)
    doc._.rw_text = text
    first, second = _Inc(0, 50), _Inc(52, len(text))
    always = VictimScorer(("bias",), (5.0,), 0.5)
    attach_named_victims(doc, [first, second], [], [], [], scorer=always)
    assert [v.name for v in first.victims] == ["Tomasz Wrona"]
    assert [v.name for v in second.victims] == ["Rafael Moreno"]
    assert text[second.victims[0].span.start : second.victims[0].span.end] == "Rafael Moreno"


def features_of(analyzer, text: str, name: str) -> dict[str, float]:
    from rightswatch.analyse.victims import person_candidates

    doc = analyzer.nlp(text)
    doc._.rw_text = text
    found = {c.name: c.features for c in person_candidates(doc, doc._.rw_triggers or [], doc._.rw_mentions or [], doc._.rw_quotes or [])}
    assert name in found, list(found)
    return found[name]


def test_patient_and_agent_of_a_violation(analyzer):
    victim = features_of(analyzer, "Officer David Miller arrested the blogger Sarah Johnson on Monday.", "Sarah Johnson")
    culprit = features_of(analyzer, "Officer David Miller arrested the blogger Sarah Johnson on Monday.", "David Miller")
    assert victim["patient_of_predicate"] == 1.0 and victim["agent_of_predicate"] == 0.0
    assert culprit["agent_of_predicate"] == 1.0 and culprit["patient_of_predicate"] == 0.0
    assert culprit["official_title"] == 1.0


def test_accused_of_a_violent_crime(analyzer):
    assert features_of(analyzer, "Michael Brown was charged with the murder of a taxi driver.", "Michael Brown")["charged_with_crime"] == 1.0
    assert features_of(analyzer, "Sarah Johnson was charged with sedition over a poem.", "Sarah Johnson")["charged_with_crime"] == 0.0


def test_speakers_are_marked(analyzer):
    said = features_of(analyzer, "The police beat the protesters, said Sarah Johnson, who watched the march.", "Sarah Johnson")
    according = features_of(analyzer, "According to David Miller, soldiers detained the villagers at dawn.", "David Miller")
    assert said["speech_subject"] == 1.0 and according["speech_subject"] == 1.0


def test_a_union_leader_is_not_an_official(analyzer):
    union = features_of(analyzer, "Police detained Harare Teachers Union president Tendai Musoni on Friday.", "Tendai Musoni")
    state = features_of(analyzer, "Police detained protesters outside the office of President Tendai Musoni on Friday.", "Tendai Musoni")
    assert union["civil_leader"] == 1.0 and union["official_title"] == 0.0
    assert state["official_title"] == 1.0 and state["civil_leader"] == 0.0


def test_an_appositive_chairperson_of_a_party_is_a_civil_leader(analyzer):
    f = features_of(analyzer, "The Workers Party said its chairperson, Samuel Dube, had been arrested at dawn.", "Samuel Dube")
    assert f["civil_leader"] == 1.0 and f["official_title"] == 0.0


def test_commentators_and_culprits_are_marked_apart(analyzer):
    analyst = features_of(analyzer, "Soldiers detained dozens of students, said researcher Laura Vidal.", "Laura Vidal")
    culprit = features_of(analyzer, "The suspect, Daniel Okafor, abducted the girl in March.", "Daniel Okafor")
    assert analyst["commentator_title"] == 1.0 and analyst["official_title"] == 0.0
    assert culprit["culprit_title"] == 1.0


def test_the_veto_drops_a_rule_victim_the_scorer_rejects(analyzer):
    text = "Police arrested Daniel Okafor for the kidnapping of a schoolgirl.\n\nSoldiers later killed the activist Rafael Moreno."
    doc = analyzer.nlp(text)
    doc._.rw_text = text
    first, second = _Inc(0, 64), _Inc(66, len(text))
    first.victims.append(Victim(text="Daniel Okafor", name="Daniel Okafor", population="individual"))
    # a scorer that accepts everyone but the people the incident arguments already hold
    scorer = VictimScorer(("rule_victim", "bias"), (-10.0, 5.0), 0.5, veto=0.2)
    attach_named_victims(doc, [first, second], [], [], [], scorer=scorer)
    assert [v.name for v in first.victims] == []
    assert [v.name for v in second.victims] == ["Rafael Moreno"]
    kept = _Inc(0, 64)
    kept.victims.append(Victim(text="Daniel Okafor", name="Daniel Okafor", population="individual"))
    attach_named_victims(doc, [kept, _Inc(66, len(text))], [], [], [], scorer=VictimScorer(("rule_victim", "bias"), (-10.0, 5.0), 0.5))
    assert [v.name for v in kept.victims] == ["Daniel Okafor"]  # no veto: the rule's name stays


def test_scorer_round_trip_keeps_the_veto():
    model = VictimScorer(("bias",), (1.0,), 0.4, veto=0.1)
    assert VictimScorer.from_dict(json.loads(json.dumps(model.to_dict()))).veto == 0.1
    assert VictimScorer.from_dict({"features": ["bias"], "weights": [1.0], "threshold": 0.5}).veto is None
