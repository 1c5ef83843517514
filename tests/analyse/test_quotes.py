"""Quotes and speakers: attribution before, after and around, continued quotes, anonymity."""

from __future__ import annotations

import pytest

from rightswatch.analyse import load_language
from rightswatch.analyse.profile import load_profile
from rightswatch.analyse.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_language()


def quotes(nlp, text):
    return find_quotes(nlp(text), load_profile("north_korea"))


def test_attribution_after_with_anonymity_phrase(nlp):
    text = "“The guards beat him every night,” a resident of Hoeryong told RFA, speaking on condition of anonymity."
    (q,) = quotes(nlp, text)
    assert q.text == "The guards beat him every night"
    assert q.speaker == "a resident of Hoeryong"
    assert q.anonymous is True
    assert text[q.start : q.end] == q.text


def test_said_name_after_quote_is_named(nlp):
    text = "“We will not stop documenting these cases,” said Kim Young-hee, director of the group."
    (q,) = quotes(nlp, text)
    assert q.speaker.startswith("Kim Young-hee")
    assert q.anonymous is False


def test_attribution_before_with_colon(nlp):
    text = "Lee Min-ho, a lawyer in Seoul, said: “The court ignored every piece of evidence we gave it.”"
    (q,) = quotes(nlp, text)
    assert "Lee Min-ho" in q.speaker
    assert q.anonymous is False


def test_pronoun_points_back_to_previous_speaker(nlp):
    text = (
        "“The police came at dawn and took three people away,” a source in Musan said.\n\n"
        "“Nobody knows where they are being held now,” he added."
    )
    q1, q2 = quotes(nlp, text)
    assert q2.speaker == q1.speaker == "a source in Musan"
    assert q2.anonymous


def test_continued_quote_across_paragraphs(nlp):
    text = (
        "A former prisoner described the camp. “We were given one bowl of corn a day and worked in the mines.\n\n"
        "“Those who fell ill were left to die,” she said."
    )
    qs = quotes(nlp, text)
    # one quote per paragraph (tests/domain/corpus/README.md), each attributed to the speaker
    assert [q.text for q in qs] == ["We were given one bowl of corn a day and worked in the mines.", "Those who fell ill were left to die"]
    assert all(q.speaker == "A former prisoner" and q.anonymous for q in qs)
    assert all(text[q.start : q.end] == q.text for q in qs)


def test_scare_quotes_are_not_quotes(nlp):
    text = "The president called the attack “inhumane” and promised an inquiry."
    assert quotes(nlp, text) == []


def test_title_with_abbreviation_point_is_a_speaker(nlp):
    text = (
        "“The camp is overcrowded,” said Jane Roe, a spokesperson for the agency.\n\n"
        "“Nobody is allowed to visit the detainees,” Ms. Roe said."
    )
    qs = quotes(nlp, text)
    assert len(qs) == 2
    assert qs[1].speaker == "Jane Roe"
