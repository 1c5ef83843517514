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


def test_accused_perpetrator_still_reported(nlp, finder):
    # an accusation suspends the accused's own "offence", not a violation they are accused of
    assert asserted(nlp, finder, "Two soldiers accused of killing a farmer were released.", "killing")
