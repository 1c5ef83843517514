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
