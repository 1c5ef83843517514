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


def test_source_familiar_with_is_resolved_from_the_source(nlp):
    text = (
        "Guards now patrol the dock at night, a source familiar with the fishing fleet told Daily NK.\n\n"
        "“Nobody can take a boat out without a permit from the county office,” the source said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "a source familiar with the fishing fleet"
    assert q.anonymous


def test_quoted_as_saying_names_the_speaker(nlp):
    text = (
        "“The guards took my shoes and made me stand in the snow,” the man was quoted as saying in the report.\n\n"
        "“After that I could not walk for a week,” he said."
    )
    q1, q2 = quotes(nlp, text)
    assert q1.speaker == q2.speaker == "the man"
    assert q1.anonymous and q2.anonymous


def test_pronoun_after_reported_speech_is_that_speaker(nlp):
    text = (
        "“The trucks come every night now,” a driver in Namyang told RFA.\n\n"
        "Choi Min-jae, an analyst at a Seoul think tank, said the new fence has cut smuggling by half. "
        "“The traders have simply moved upstream,” he said."
    )
    q1, q2 = quotes(nlp, text)
    assert q1.speaker == "a driver in Namyang"
    assert q2.speaker.startswith("Choi Min-jae")
    assert q2.anonymous is False


def test_surname_first_name_with_title_before_it(nlp):
    text = (
        "Pitcher Ryu Ha-jun, who missed the spring with an injury, won his tenth game on Sunday.\n\n"
        "“My arm finally feels like my own again,” Ryu said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "Ryu Ha-jun"
