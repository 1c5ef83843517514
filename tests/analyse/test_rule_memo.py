"""The memoised attribute ruler and lemmatizer annotate exactly as spaCy's own components."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG

from rightswatch.analyse.rule_memo import MemoAttributeRuler, MemoLemmatizer, memoise_rules

ATTRS = [POS, MORPH, LEMMA, TAG]
# Written for these tests: contractions and colloquial forms the ruler's multi-token patterns read
# ("gon na", "let 's", "ai n't"), its regex pattern ("nothin'"), and repeated words whose second
# sighting comes from the memo.
TEXTS = [
    "Guards said they were gonna let 's see. The prisoners ain't talking, and nothin' was said.",
    "The inspectors searched the houses, then they searched the houses again.  \n\nThey had searched before.",
    "She does n't know whether he did it, although he had done it twice; do you know?",
    # "did"/"had" as main verb and as auxiliary: same tag and word, the ruler tells them by dependency
    "They did the work and did not rest. He had a permit but had not used it.",
    "Workers were sent back to the camp. Workers are sent back every winter; sending them is routine.",
]


@pytest.fixture(scope="module")
def pipelines(beside_shipped):
    return beside_shipped(memoise_rules)


def test_memoised_pipeline_swaps_in_both_components(pipelines):
    _, memo = pipelines
    assert "rw_attribute_ruler" in memo.pipe_names and "rw_lemmatizer" in memo.pipe_names
    assert "attribute_ruler" in memo.disabled and "lemmatizer" in memo.disabled


def test_memoised_annotations_equal_spacys(pipelines):
    plain, memo = pipelines
    for _ in range(2):  # the second pass is answered from the memo
        for text in TEXTS:
            a, b = plain(text), memo(text)
            assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), text
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
            assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_multi_token_patterns_still_apply(pipelines):
    _, memo = pipelines
    doc = memo("They are gonna leave.")
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]


def test_memo_answers_repeat_keys_from_its_cache(pipelines):
    plain, _ = pipelines
    lemmatizer = MemoLemmatizer(plain.get_pipe("lemmatizer"))
    with plain.select_pipes(disable=["lemmatizer"]):
        doc = plain("The guards beat the men. The guards beat the men.")
    lemmatizer(doc)
    first = doc[1].lemma_
    assert first == doc[7].lemma_ == "guard"
    assert len(lemmatizer.cache) < len(doc)  # the second sentence added no new keys


def test_unknown_pattern_shape_falls_back_to_the_original(pipelines):
    plain, _ = pipelines
    ruler = plain.get_pipe("attribute_ruler")
    memo = MemoAttributeRuler(ruler)
    assert memo.usable
    memo._learn_lower({"FUZZY": "x"})  # an operator the memo cannot key on
    assert not memo.usable
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = plain("He does n't know.")
    memo(doc)
    assert doc[0].pos_ == "PRON" and not memo.cache
