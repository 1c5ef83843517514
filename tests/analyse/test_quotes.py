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


# -- heldout3's causes (2026-11-29): pronouns, continuations, titles, "quoted X as saying" --------


def test_pronoun_points_at_the_person_told_speaking_since_the_last_quote(nlp):
    text = (
        "“The river was frozen solid,” a smuggler in Hyesan said.\n\n"
        "A retired teacher who lives in Manpo said the patrols had doubled since spring.\n\n"
        "“Nobody goes out after dark now,” she said."
    )
    q1, q2 = quotes(nlp, text)
    assert q1.speaker == "a smuggler in Hyesan"
    assert q2.speaker == "A retired teacher who lives in Manpo"
    assert q2.anonymous is True


def test_pronoun_with_no_quote_before_points_at_the_described_person(nlp):
    text = (
        "The woman, who spoke from a shelter in Bangkok, said she had not eaten for days.\n\n"
        "“We ate grass in the spring and bark in the winter,” she said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "The woman"
    assert q.anonymous is True


def test_pronoun_takes_the_name_the_speaker_gave(nlp):
    text = (
        "One of them, who gave her name as Pak Sun-ok, said the guards took her shoes.\n\n"
        "“They laughed at us while we walked barefoot,” she said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "Pak Sun-ok"
    assert q.anonymous is False


def test_pronoun_skips_a_mention_of_the_other_gender(nlp):
    text = (
        "A farmer's wife described the raid. Her husband, a farmer, said the soldiers took the grain.\n\n"
        "“I begged them to leave us the seed for next year,” she said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "A farmer's wife"


def test_quote_after_the_previous_quotes_attribution_has_the_same_speaker(nlp):
    text = "“The shelter is full every night,” said Ms. Ahn, who runs it in Incheon. “We turn people away.”"
    q1, q2 = quotes(nlp, text)
    assert q1.speaker == q2.speaker == "Ms. Ahn"
    text = "“They searched every flat in the block,” a trader in Sinuiju said.\n\n“Nobody slept that night.”"
    q1, q2 = quotes(nlp, text)
    assert q2.speaker == "a trader in Sinuiju"
    assert q2.anonymous is True


def test_a_partial_quote_inside_reported_speech_is_not_a_continuation(nlp):
    text = (
        "“We heard nothing more,” a neighbour in Onsong said.\n\n"
        "A lawyer for the family said that police had told them they would be “sent home within a week”."
    )
    q1, q2 = quotes(nlp, text)
    assert q2.speaker == "A lawyer for the family"
    assert q2.anonymous is True


def test_a_definite_title_points_at_the_named_person(nlp):
    text = 'Team manager Oh Jae-won said the players were tired. "We need a week off before the cup," the manager said.'
    (q,) = quotes(nlp, text)
    assert "Oh Jae-won" in q.speaker
    assert q.anonymous is False
    text = (
        "Head coach Lars Berg arrived on Monday.\n\nThe club had lost five games in a row.\n\n"
        '"We have a lot of work to do," the head coach said.'
    )
    (q,) = quotes(nlp, text)
    assert "Lars Berg" in q.speaker
    assert q.anonymous is False


def test_quoted_as_saying_and_citing_introduce_the_source(nlp):
    text = (
        "The monitoring group, citing an inspector in Sinpo, said the ships were idle.\n\n"
        '"The crews have not been paid since June," the group quoted the inspector as saying.'
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "an inspector in Sinpo"
    assert q.anonymous is True


def test_according_to_two_sources_are_two_speakers(nlp):
    text = (
        "The boat sank near Rason, according to a fisherman in Chongjin and a sailor helping the families.\n\n"
        "“Nobody came to look for the bodies,” the sailor said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "a sailor helping the families"


def test_partial_quote_after_maintains_that(nlp):
    text = "The ministry maintains that the camps are “vocational schools for willing students”."
    (q,) = quotes(nlp, text)
    assert q.speaker == "The ministry"
    assert q.anonymous is True  # a body speaking as a whole names no one


def test_long_apposition_is_cut_from_the_speaker(nlp):
    text = (
        "“They took my brother at night and never told us where,” said the neighbour, a woman who moved "
        "to Seoul in 2015 and who asked that her name not be printed in the local paper."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "the neighbour"
    assert q.anonymous is True


def test_a_quotation_ending_a_reported_clause_is_the_teller_s_words(nlp):
    text = (
        "On Sunday the workers were called to the canteen of the dormitory, where a manager from the "
        "consulate told them that anyone who left the site would be “dealt with as a traitor.”"
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "a manager from the consulate"


def test_a_quotation_of_the_sentence_s_own_speaker_is_unchanged(nlp):
    (q,) = quotes(nlp, "The mayor of Sokcho, Park Ji-won, said the new ferry was “a gift to the whole coast.”")
    assert q.speaker.startswith("The mayor of Sokcho") or q.speaker == "Park Ji-won"


def test_an_unnamed_spokesperson_is_an_anonymous_source(nlp):
    (q,) = quotes(nlp, "“We regret the decision,” a Samsung spokesperson said.")
    assert q.speaker == "a Samsung spokesperson" and q.anonymous is True


def test_a_pseudonym_told_in_the_sentence_after_the_name_is_anonymous(nlp):
    text = (
        "Hye-won was 19 when she was sent to a farm in Jagang. She asked the reporter not to use her "
        "real name because her brother still lives there.\n\n“We worked until dark,” Hye-won said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "Hye-won" and q.anonymous is True


def test_she_said_points_back_to_an_inverted_attribution(nlp):
    text = (
        "Two villagers spoke to the radio station.\n\n"
        "The demolitions began in May, when officials went from house to house, said one of the villagers, "
        "a man in his sixties who asked not to be named.\n\n"
        "“We were given three days to leave,” he said."
    )
    (q,) = quotes(nlp, text)
    assert q.speaker == "one of the villagers" and q.anonymous is True


def test_participle_clause_after_the_speaker_is_not_part_of_the_speaker(nlp):
    # a long participle clause had pushed the phrase over the speaker length, losing the speaker
    text = ("“We kept the gate unlocked for twenty years,” said Tanaka, 68, standing by the gate of the "
            "house where the family has lived since the war and where the letters still arrive.")
    (q,) = quotes(nlp, text)
    assert q.speaker == "Tanaka, 68"
    assert q.anonymous is False


def test_partial_quote_in_a_clause_reported_without_that_is_the_tellers(nlp):
    # no "that" opens the reported clause, and the parser hangs it on the verb's object
    text = ("The file stayed closed, and it was only after a smuggler detained in Dandong told police he had "
            "carried “three women and a small boy” across the river that officers opened it again.")
    (q,) = quotes(nlp, text)
    assert q.speaker == "a smuggler detained in Dandong"


def test_titled_name_is_named_however_the_title_is_parsed(nlp):
    # "Presiding" is parsed as a verb, which hid the name from the phrase's head
    text = "“The detention was unlawful from its first day,” Presiding Judge Han Ji-won said as she read out the ruling."
    (q,) = quotes(nlp, text)
    assert "Han Ji-won" in q.speaker
    assert q.anonymous is False


def test_pronoun_goes_to_the_person_its_paragraph_is_about_not_to_who_did_not_speak(nlp):
    text = ("“The state is liable for every year he lost,” Judge Han Ji-won said as she read out the ruling.\n\n"
            "North Korea did not respond to the suit, which was served by public notice.\n\n"
            "Park Sung-ho, who walks with a cane, wept in the courtroom. “I waited 50 years for this day,” he told reporters.")
    first, second = quotes(nlp, text)
    assert "Han Ji-won" in first.speaker
    assert second.speaker == "Park Sung-ho"
    assert second.anonymous is False


def test_state_agents_described_by_a_plural_are_anonymous(nlp):
    text = "“You will be sent where nobody can find you,” State security officers told the family, according to a neighbour."
    (q,) = quotes(nlp, text)
    assert q.speaker == "State security officers"
    assert q.anonymous is True


def test_a_description_does_not_point_back_into_quoted_words(nlp):
    from rightswatch.analyse.speakers import _noun_antecedent

    text = ("A North Korean construction worker who fled a site in Vladivostok says the managers kept every passport.\n\n"
            "“He told us a passport is not something a worker needs.”\n\n"
            "“We lived like prisoners who are paid in promises,” the worker said.")
    found = _noun_antecedent(nlp(text), text, "worker", text.index("“We lived"))
    assert found is not None and found.text.startswith("A North Korean construction worker")


def test_a_new_paragraph_naming_a_speaker_is_not_the_previous_quotations_attribution(nlp):
    text = ("“The guards beat him during questioning,” an official at the ministry said, asking not to be named. "
            "“It is the only account we have.”\n\n"
            "His wife, Lee Soon-ja, who has campaigned for his release for a decade, said she read the report twice.\n\n"
            "“I had prepared myself for anything. But to know that someone saw him alive, I did not know what to feel.”")
    *_, last = quotes(nlp, text)
    assert "Lee Soon-ja" in last.speaker
    assert last.anonymous is False


def test_a_pronoun_opening_a_paragraph_goes_to_the_subject_of_the_paragraph_before(nlp):
    text = ("“Every one of these files is a person who was taken,” said Choi Hae-jin, who chairs the committee, as she opened the session.\n\n"
            "Relatives held a memorial service at the pavilion on Wednesday. Song Mi-ok brought her father's stethoscope.\n\n"
            "“I always imagined he would come back across that bridge,” she said.")
    *_, last = quotes(nlp, text)
    assert last.speaker == "Song Mi-ok"


def test_interviewees_are_anonymous(nlp):
    text = "“After the round-up, the market was half empty for a month,” Interviewees from several cities told the group."
    (q,) = quotes(nlp, text)
    assert q.anonymous is True


def test_a_named_rapporteur_after_an_opening_participle_clause_speaks(nlp):
    # the parser hangs the name on "Oslo" as an apposition and the opening clause is the verb's subject
    text = ("Presenting her latest report in Oslo, Special Rapporteur Ingrid Solberg said that the practice known in "
            "Korean as yeonjwaje had “not been abandoned, only made quieter”.")
    (q,) = quotes(nlp, text)
    assert q.speaker == "Special Rapporteur Ingrid Solberg"
    assert q.anonymous is False


def test_rejecting_as_quoted_words_and_a_described_speaker_with_a_name(nlp):
    text = ("Responding, the representative of the DPRK, Ri Song-chol, rejected the report as “a fabrication of hostile forces” "
            "and said his country did not recognise the mandate.")
    (q,) = quotes(nlp, text)
    assert q.speaker == "the representative of the DPRK, Ri Song-chol"
    assert q.anonymous is False


def test_a_description_ending_in_a_province_is_no_name(nlp):
    text = "“We slept in a wooden barracks with forty men,” said one of the loggers, a 36-year-old from Kilju, North Hamgyong Province."
    (q,) = quotes(nlp, text)
    assert q.anonymous is True


def test_a_source_introduced_in_the_perfect_tense_ends_before_the_auxiliary():
    """ "A former prisoner ... has told Daily NK that ...": the introduction a later "she said" may
    point back to is the noun phrase, without "has"."""
    from rightswatch.analyse.quotes import _introductions

    text = "A former prisoner of the camp in South Pyongan Province has told Daily NK that inmates starved."
    assert [s.text for s in _introductions(text)] == ["A former prisoner of the camp in South Pyongan Province"]


@pytest.mark.parametrize(
    "text",
    [
        "“We strongly condemn the launch,” the JCS said in a text message to reporters.",
        "The refugees were “illegal migrants,” Chinese state media said on Tuesday.",
        "“They are not refugees,” Beijing said in a statement.",
    ],
)
def test_a_body_or_a_capital_speaking_as_a_whole_is_anonymous(nlp, text):
    (q,) = quotes(nlp, text)
    assert q.anonymous is True


def test_a_quote_no_one_is_named_for_is_anonymous(nlp):
    """The contract: anonymous unless a named person speaks; with no speaker found, no one is named."""
    text = "Villagers were nervous last week.\n\n“Anyone who shelters a stranger will answer for it.”"
    (q,) = quotes(nlp, text)
    assert q.speaker is None and q.anonymous is True


def test_a_name_set_beside_a_role_is_a_named_source(nlp):
    text = "“These are not poachers in the usual sense,” said the lawyer, Irina Belova."
    (q,) = quotes(nlp, text)
    assert q.anonymous is False
