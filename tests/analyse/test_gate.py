"""The sentence gate keeps what the parser must see."""

from __future__ import annotations

from rightswatch.analyse.codebook import load_codebook
from rightswatch.analyse.gate import SentenceGate
from rightswatch.analyse.profile import load_profile


def test_sentence_before_a_quotation_is_kept_even_when_the_quotation_is_kept_for_a_trigger():
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = (
        "The weather was mild all week. Club chairman Roh Ki-tae said the season had gone well. "
        "\"They tortured us on the training ground,\" the chairman joked."
    )
    kept = gate(text).text
    assert "Club chairman Roh Ki-tae said the season had gone well." in kept  # introduces the quote
    assert "The weather was mild" not in kept


def test_masked_text_keeps_offsets_and_newlines():
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = "The market opened late.\nPrices rose.\n\nPolice arrested two traders at the market. It rained."
    masked = gate(text).text
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    start = text.index("Police")
    assert masked[start:start + 43] == text[start:start + 43]
    assert masked[: text.index("\n")].strip() == "" and masked.endswith(" " * len("It rained."))


def test_abbreviations_do_not_end_sentences():
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = "Lao police on Aug. 2 detained a driver. The U.S. Embassy said Mr. Kim left. It rained."
    assert [text[s:e] for s, e in gate.sentences(text)] == [
        "Lao police on Aug. 2 detained a driver.", "The U.S. Embassy said Mr. Kim left.", "It rained.",
    ]


def test_the_sentence_naming_the_person_a_kept_sentence_calls_she_is_kept():
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = (
        "The weather was mild all week. Mi-ran left the army in 2017. "
        "In January 2018 she crossed the frozen Tumen river near Musan. The harvest was poor."
    )
    kept = gate(text).text
    assert "Mi-ran left the army in 2017." in kept  # who "she" is
    assert "The weather was mild" not in kept and "The harvest was poor" not in kept


def test_work_told_by_long_hours_is_kept():
    """ "We dug ditches from dawn until dark" names no trigger word: the hours are the violation."""
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = "The weather was mild all week. We dug irrigation ditches from dawn until dark. The cooks worked eight hours a day."
    kept = gate(text).text
    assert "We dug irrigation ditches from dawn until dark." in kept
    assert "The cooks worked" not in kept and "The weather" not in kept


def test_a_quotation_after_a_verb_of_saying_keeps_its_sentence():
    """ 'An official said the government was "in close contact"': the speaker is the subject of
    "said", which only the parse finds; a quotation with no attribution before it needs no parse."""
    from rightswatch.analyse.quotes import quote_regions

    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = (
        "The weather was mild all week. An official at the ministry said the government was "
        "\u201cin close contact with relevant countries\u201d and gave no details. "
        "The menu offered \u201cchef's noodles\u201d on Fridays."
    )
    kept = gate(text, quote_regions(text)).text
    assert "An official at the ministry said the government was" in kept
    assert "The menu offered" not in kept and "The weather" not in kept
    text = "The weather was mild. The ministry has rejected the findings as \u201ca pack of lies from start to end.\u201d"
    assert "The ministry has rejected the findings" in gate(text, quote_regions(text)).text
    text = "The weather was mild. The menu offered \u201cchef's noodles\u201d on Fridays."
    kept = gate(text, quote_regions(text)).text
    assert "The menu offered" not in kept and "The weather" not in kept


def test_the_quoted_speaker_of_a_partial_quote_is_found_through_the_gate():
    from rightswatch.analyse import Analyzer
    from rightswatch.records import Article

    text = (
        "Police in Yanji detained nine North Koreans last week, activists said.\n\n"
        "The group had lived in the city for two years.\n\n"
        "A Foreign Ministry official in Seoul, speaking on condition of anonymity because of the sensitivity "
        "of the issue, said the government was \"in close contact with relevant countries\" but declined to give details."
    )
    art = Article(url="file:///t.txt", text=text, title="Nine detained in Yanji")
    (report,) = Analyzer("north_korea").analyse_many([art])
    (quote,) = [q for q in report.quotes if q.text.startswith("in close contact")]
    assert quote.speaker == "A Foreign Ministry official in Seoul" and quote.anonymous


def test_a_threat_quoted_as_spoken_is_kept():
    gate = SentenceGate(load_codebook("default"), load_profile("north_korea"), lead_sentences=0)
    text = "The harbour was quiet. If you come here again you will end up in the camp. The boats were out."
    kept = gate(text).text
    assert "If you come here again you will end up in the camp." in kept
    assert "The harbour was quiet." not in kept and "The boats were out." not in kept
