"""Whether a violation is asserted: modals, conditionals, demands, negation, hedges."""

from __future__ import annotations

import pytest

from rightswatch.analyse import load_language
from rightswatch.analyse.codebook import load_codebook
from rightswatch.analyse.profile import load_profile
from rightswatch.analyse.triggers import TriggerFinder


@pytest.fixture(scope="module")
def finder():
    return TriggerFinder(load_codebook("default"), load_profile("north_korea"))


@pytest.fixture(scope="module")
def nlp():
    return load_language()


def asserted(nlp, finder, text, label):
    return [t for t in finder(nlp(text)) if t.label == label and t.asserted]


@pytest.mark.parametrize(
    "text",
    [
        "China repatriated about 60 defectors on Monday.",
        "The defectors were sent back to North Korea last week.",
        "Following a spate of repatriations last year, defectors have come under more surveillance.",
    ],
)
def test_asserted_repatriation(nlp, finder, text):
    assert asserted(nlp, finder, text, "forced_repatriation")


@pytest.mark.parametrize(
    "text",
    [
        "The police warned that defectors could be sent back to North Korea.",
        "If I'm caught making trouble, I may well be repatriated.",
        "Rights groups have called on China to stop repatriating defectors.",
        "Defectors are always at risk of being repatriated.",
        "The news increased fears of forced repatriation.",
        "They tell me I haven't been repatriated yet.",
        "I feel scared when the police threaten me with repatriation.",
    ],
)
def test_not_asserted_repatriation(nlp, finder, text):
    assert not asserted(nlp, finder, text, "forced_repatriation")


def test_threat_itself_is_asserted(nlp, finder):
    assert asserted(nlp, finder, "The police have been threatening defectors that they could be repatriated.", "threat_intimidation")


def test_weak_trigger_marked(nlp, finder):
    trig = [t for t in finder(nlp("Police held the activist for two days.")) if t.label == "arbitrary_detention"]
    assert trig and trig[0].weak


# -- issue 4: North Korea monitoring ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # object triggers: the verb counts because of what it acts on
        ("Inspectors searched the phones of the students at the gate.", "surveillance"),
        ("Neighbourhood heads were told to report every household that owns a radio.", "surveillance"),
        ("Most of the miners' wages were sent to the state.", "forced_labor"),
        # a two-word phrasal trigger with its object in between
        ("The police sent the two teenagers back to Hyesan.", "forced_repatriation"),
        # a regular inflection the lemmatizer misses ("fined" -> "fin")
        ("A judge fined the families of the escapees last week.", "punishment_sentence"),
        # taken into a facility is custody
        ("The smugglers were taken to a detention center near Chongjin.", "arbitrary_detention"),
    ],
)
def test_asserted_issue4(nlp, finder, text, label):
    assert asserted(nlp, finder, text, label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The trader checked the price of rice in the market.", "surveillance"),
        ("Workers were building apartment blocks near the station.", "other"),  # a noun, not "blocked"
        ("The guards beat the prisoners in a detention center.", "arbitrary_detention"),  # a place
        ("Trucks queued at border crossings near Dandong.", "border_crossing_defection"),  # a checkpoint
        ("A teacher accused of helping students defect was arrested.", "border_crossing_defection"),
        ("Thailand suspended deportations of refugees in March.", "forced_repatriation"),
        ("The agreement requires states to repatriate all foreign workers by 2025.", "forced_repatriation"),
        ("Anyone who is caught selling foreign films is arrested.", "arbitrary_detention"),  # a rule, not an event
        ("Smugglers who are caught are usually sent to a labor camp.", "arbitrary_detention"),
        ("Their message to the villagers was simple: help someone escape and you will be punished.", "border_crossing_defection"),
        # a bare conjunct shares its head's modality even when the tagger gives it another form
        ("If they return, the men will be arrested again and punished severely.", "punishment_sentence"),
    ],
)
def test_not_asserted_issue4(nlp, finder, text, label):
    assert not asserted(nlp, finder, text, label)


@pytest.mark.parametrize(
    "text",
    [
        # the "for" clause of a punishment names the offence, as an accusation does
        "Defectors who have been jailed for attempting to defect to South Korea are watched closely.",
        "Police arrested him for crossing the river without a permit.",
        "The court sentenced two women for helping their neighbours flee to China.",
        # what the one a relative clause describes is known for: helping others flee
        "North Korea sentenced a man who helped residents flee to China to 15 years in a kyohwaso.",
        "Two were ethnic Korean Chinese citizens who had helped North Koreans escape.",
    ],
)
def test_an_offence_or_a_helpers_description_is_no_crossing(nlp, finder, text):
    assert not asserted(nlp, finder, text, "border_crossing_defection")


@pytest.mark.parametrize(
    "text",
    [
        "He was arrested during his crossing of the Tumen River in May.",  # a time, not an offence
        "Two soldiers were jailed for helping defectors cross the Tumen in May.",  # agents' own act
        "She crossed the river for the second time and was arrested.",
        "Kim helped her family cross the river in 2019.",
    ],
)
def test_crossing_beside_a_punishment_still_asserted(nlp, finder, text):
    assert asserted(nlp, finder, text, "border_crossing_defection")


def test_accused_perpetrator_still_reported(nlp, finder):
    # an accusation suspends the accused's own "offence", not a violation they are accused of
    assert asserted(nlp, finder, "Two soldiers accused of killing a farmer were released.", "killing")


# Held-out review (issue 4): non-assertions that read like events.
@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a belief or supposition hedges its complement
        ("Guards are thought to have beaten the prisoners at the camp.", "torture"),
        ("Thai police are believed to be holding dozens of North Koreans near the river.", "arbitrary_detention"),
        # a gerund that is the subject of a claim names the act as a topic
        ("Jailing reporters for their work breaks the constitution.", "arbitrary_detention"),
        ("Forcibly returning refugees to a place where they would be harmed breaches the treaty.", "forced_repatriation"),
        # a participle describing a bare plural subject of a present-tense verb characterises a class
        ("Refugees deported by Thailand face beatings, jail and hard labour.", "forced_repatriation"),
        ("Refugees deported by Thailand face beatings, jail and hard labour.", "arbitrary_detention"),
    ],
)
def test_not_asserted_heldout_review(nlp, finder, text, label):
    assert not asserted(nlp, finder, text, label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Thai police deported the refugees last week.", "forced_repatriation"),
        ("Refugees deported by Thailand last week now face jail.", "forced_repatriation"),
        ("Her jailing last year broke the constitution.", "arbitrary_detention"),
    ],
)
def test_still_asserted_heldout_review(nlp, finder, text, label):
    assert asserted(nlp, finder, text, label)


def test_labour_camp_of_a_sentence_is_the_punishment(nlp, finder):
    text = "Two farmers were sentenced last spring to eight years in a re-education-through-labor camp."
    assert asserted(nlp, finder, text, "punishment_sentence")
    assert not asserted(nlp, finder, text, "forced_labor")


def test_questioning_inside_a_detention_facility_is_the_detention(nlp, finder):
    text = "The journalist was questioned for three weeks at a police detention centre in the capital."
    assert asserted(nlp, finder, text, "arbitrary_detention")
    assert not asserted(nlp, finder, text, "other") and not asserted(nlp, finder, text, "threat_intimidation")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the parse makes "sent" an active past tense with a "by" agent: a reduced relative on a class
        ("“Refugees sent back by Laos face beatings, torture and prison simply for having fled,” she said.", "forced_repatriation"),
        ("“Refugees sent back by Laos face beatings, torture and prison simply for having fled,” she said.", "torture"),
        # "in case": a precaution against a possibility
        ("Families are hiding their savings in case someone in the house gets taken away.", "arbitrary_detention"),
    ],
)
def test_not_asserted_class_and_precaution(nlp, finder, text, label):
    assert not asserted(nlp, finder, text, label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # violations told by what did not happen
        ("Bricklayers at the hotel site in Doha have not been paid any of their wages since March, a union said.", "forced_labor"),
        (
            "Her brother, who was deported to Laos in May, was held at a detention centre near the border and has not been heard from since.",
            "enforced_disappearance",
        ),
    ],
)
def test_asserted_by_what_did_not_happen(nlp, finder, text, label):
    assert asserted(nlp, finder, text, label)


def test_not_heard_from_without_custody_is_not_a_disappearance(nlp, finder):
    assert not asserted(nlp, finder, "The singer has not been heard from since her last album.", "enforced_disappearance")


def test_taken_to_a_holding_facility_is_custody_beaten_in_one_is_not(nlp, finder):
    taken = "Soldiers drove the returnees straight to an army holding facility outside Hoeryong."
    assert [t for t in asserted(nlp, finder, taken, "arbitrary_detention") if not t.weak]
    assert not asserted(nlp, finder, "The returnees were beaten in a holding cell outside Hoeryong.", "arbitrary_detention")


# -- held-out set 2 causes (2026-11-29): sentences written for these tests -------------------


def test_expelled_from_a_body_is_a_punishment_not_a_deportation(nlp, finder):
    found = [t for t in finder(nlp("The university's party cell expelled the lecturer from the faculty in May.")) if t.asserted]
    assert {t.label for t in found} == {"punishment_sentence"}
    deport = [t for t in finder(nlp("Laos expelled the missionary from the country in May.")) if t.asserted]
    assert {t.label for t in deport} == {"forced_repatriation"}


def test_reporting_on_people_is_surveillance(nlp, finder):
    text = "For a year the factory's party secretary has been reporting to the police on every resident who talks to foreigners."
    assert asserted(nlp, finder, text, "surveillance")


def test_confiscated_goods_are_property_seized(nlp, finder):
    found = [t for t in finder(nlp("Inspectors confiscated the merchandise of the fishmongers at the harbour.")) if t.label == "other"]
    assert found and found[0].asserted and not found[0].weak


def test_broken_bones_are_torture(nlp, finder):
    assert asserted(nlp, finder, "The guard broke two of his ribs during the questioning.", "torture")


@pytest.mark.parametrize(
    "text,label",
    [
        ("Detainees sent back from Russia are at high risk of beatings, forced labour and enforced disappearance.", "enforced_disappearance"),
        ("Harassment of returnees' families is common once an escape becomes known.", "threat_intimidation"),
        ("Harassment of returnees' families is common once an escape becomes known.", "border_crossing_defection"),
        ("The regime treats the relatives of every defector as hostages.", "kidnapping_trafficking"),
    ],
)
def test_kinds_of_events_are_not_incidents(nlp, finder, text, label):
    assert not asserted(nlp, finder, text, label)


def test_a_real_hostage_taking_is_still_asserted(nlp, finder):
    assert asserted(nlp, finder, "Gunmen held the engineer as a hostage for a week.", "kidnapping_trafficking")


def test_a_catch_told_as_the_cause_of_a_sentence_is_no_detention_of_its_own(nlp, finder):
    text = "In March, a dealer in Sinuiju was sentenced to a year in a labor training camp after she was caught changing money."
    assert not asserted(nlp, finder, text, "arbitrary_detention")
    assert asserted(nlp, finder, text, "punishment_sentence")


@pytest.mark.parametrize(
    "text",
    [
        "Inminban heads in Hyesan have also been ordered since early May to hand in weekly lists of residents.",
        "The MSS keeps a list of every household in Musan county with a member who has gone to South Korea.",
    ],
)
def test_lists_of_people_for_the_watchers_are_surveillance(nlp, finder, text):
    assert asserted(nlp, finder, text, "surveillance")


def test_a_list_someone_else_compiles_is_no_surveillance(nlp, finder):
    assert not asserted(nlp, finder, "The group compiled a list of 500 abductees in Seoul last year.", "surveillance")


@pytest.mark.parametrize(
    "text",
    [
        "Authorities in Sinuiju sent about 20 families of defectors to farms in Tongchang County in 2022.",
        "Security officials have moved at least 11 families with relatives in South Korea out of villages along the Yalu River.",
    ],
)
def test_families_sent_to_farms_or_moved_out_of_villages_are_banished(nlp, finder, text):
    assert asserted(nlp, finder, text, "other")


def test_a_particle_the_parser_hangs_on_a_preposition_still_makes_the_phrase(nlp, finder):
    text = "In early October, Chinese authorities sent about 30 North Koreans, including four children, back across the bridge from Tumen to Namyang."
    assert asserted(nlp, finder, text, "forced_repatriation")


def test_what_people_expect_to_happen_is_not_asserted(nlp, finder):
    text = "Residents expect the three to be sent to a labor training camp, though it is not clear whether their cases will go to court."
    assert not asserted(nlp, finder, text, "punishment_sentence")


def test_work_told_as_unpaid_is_forced_labour(nlp, finder):
    text = "She sewed wigs for export and, in spring and autumn, worked in the corn fields, without pay."
    assert asserted(nlp, finder, text, "forced_labor")


def test_unpaid_spans_and_long_hours_are_labour_conditions():
    from rightswatch.analyse.triggers import labour_conditions

    text = "They felled trees for 14 hours a day. Later they carried rock for no pay. Volunteers were unpaid."
    spans = [text[a:b] for a, b in labour_conditions(text)]
    assert spans == ["14 hours a day", "for no pay", "unpaid"]


def test_the_death_of_someone_told_as_held_in_a_detention_centre_is_a_killing(nlp, finder):
    text = "A woman held at the police detention center in Tanchon died early this month after spending weeks on starvation rations."
    # a death in custody needs no named victim (not weak); an ordinary death stays weak
    assert [t.weak for t in asserted(nlp, finder, text, "killing")] == [False]
    assert [t.weak for t in asserted(nlp, finder, "A man who worked at the factory in Tanchon died early this month.", "killing")] == [True]


def test_the_death_of_a_north_korean_worker_abroad_is_a_killing(nlp, finder):
    text = "A North Korean worker died after falling into an elevator shaft at a site in Mytishchi in May."
    assert [t.weak for t in asserted(nlp, finder, text, "killing")] == [False]


def test_up_to_a_number_is_no_particle(nlp, finder):
    # "worked up to 16 hours a day": a quantity, not the phrasal verb "work up"
    assert asserted(nlp, finder, "They worked up to 16 hours a day at the logging camp.", "forced_labor")


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("The man was taken in at the end of September for selling copper cable from the mine.", True),
        ("The police took her mother in for three days of questioning.", True),
        ("The church took the family in for the winter.", False),
    ],
)
def test_taken_in_for_a_charge_is_custody(nlp, finder, text, held):
    found = [t for t in finder(nlp(text)) if t.label == "arbitrary_detention"]
    assert bool(found) == held


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("The authorities have torn down about 60 houses along the Yalu River since late September.", True),
        ("Officials began tearing down dozens of riverside houses in the neighborhood last week.", True),
        ("The storm tore down power lines across the county.", False),
    ],
)
def test_homes_torn_down_are_a_demolition(nlp, finder, text, other):
    found = [t for t in finder(nlp(text)) if t.label == "other" and t.asserted]
    assert bool(found) == other


@pytest.mark.parametrize(
    ("text", "crossing"),
    [
        ("In August three men from Kosong County sailed a fishing boat south and were picked up off Geojin port.", True),
        ("The two men steered their boat across the maritime border before dawn.", True),
        ("In August two fishermen rowed out to a Chinese fishing boat anchored off the village.", True),
        ("The fishermen headed for the market in Chongjin.", False),
        ("He swam out to his father's boat.", False),
    ],
)
def test_leaving_by_sea_is_a_crossing(nlp, finder, text, crossing):
    found = [t for t in finder(nlp(text)) if t.label == "border_crossing_defection" and t.asserted]
    assert bool(found) == crossing
