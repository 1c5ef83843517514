"""The pipeline on OpenBLAS with stepwise decoding annotates exactly as spaCy's own components."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, SENT_START, TAG
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from rightswatch.analyse.model import load_language
from rightswatch.analyse.openblas import StepwiseDecoder, use_openblas

ATTRS = [TAG, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE]
# Written for these tests: names, dates, places and organisations for the entity recognizer, several
# sentences and a paragraph break per text for the parser, and texts of very different lengths in
# one batch (states finish at different steps).
TEXTS = [
    "Border guards detained Kim Mi-ran, 34, near Hyesan on 3 March 2021, her sister told Daily NK.",
    "He was sent back.",
    "The Ministry of State Security questioned three traders in Sinuiju last week. "
    "They were released on Friday after paying 5,000 yuan each.\n\n"
    "A spokesman for the United Nations said in Geneva that the reports were being examined, "
    "and that the Special Rapporteur would raise them with the government in Pyongyang.",
    "Police in Yanji, Jilin Province, arrested two women and a teenage boy; the boy's mother, "
    "Pak Sun-hee, said officers beat him during questioning.",
    "",
]


@pytest.fixture(scope="module")
def pipelines(beside_shipped):
    return beside_shipped(use_openblas)


def test_annotations_equal_spacys(pipelines):
    plain, fast = pipelines
    for batch_size in (1, 8):
        for a, b in zip(plain.pipe(TEXTS, batch_size=batch_size), fast.pipe(TEXTS, batch_size=batch_size)):
            assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text
            assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
    doc = fast(TEXTS[0])
    assert ("Kim Mi-ran", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert doc[2].text == "detained" and doc[2].head.text == "told"  # a parse, not an empty one


def test_stepwise_decoders_and_every_layer_on_numpy_with_one_thread(pipelines):
    fast = pipelines[1]
    assert isinstance(fast.get_pipe("rw_parser"), StepwiseDecoder) and isinstance(fast.get_pipe("rw_ner"), StepwiseDecoder)
    assert {"parser", "ner"} <= set(fast.disabled)  # kept as the decoders' models
    for name in ("tok2vec", "tagger", "parser", "ner"):
        for node in fast.get_pipe(name).model.walk():
            assert isinstance(node.ops, NumpyOps) and not node.ops.use_blis, (name, node.name)
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


def test_unseen_classes_score_lowest_as_in_spacy():
    """A move the model was never trained on is never chosen (both decoders give it the lowest score)."""
    plain = load_language()
    ner = plain.get_pipe("ner")
    unit_person = next(i for i in range(ner.moves.n_moves) if ner.moves.get_class_name(i) == "U-PERSON")
    text = "Kim said Lee had been taken to Hyesan."
    assert any(len(e) == 1 and e.label_ == "PERSON" for e in plain(text).ents)  # "Kim", "Lee"
    ner.model.attrs["unseen_classes"].add(unit_person)
    try:
        with plain.select_pipes(disable=["ner"]):
            doc = plain(text)
        expected = ner(Doc(plain.vocab).from_bytes(doc.to_bytes()))  # spaCy's compiled decoder
        got = StepwiseDecoder(ner)(doc)
        assert not any(len(e) == 1 and e.label_ == "PERSON" for e in got.ents)
        assert [(e.start, e.end, e.label_) for e in got.ents] == [(e.start, e.end, e.label_) for e in expected.ents]
    finally:
        ner.model.attrs["unseen_classes"].discard(unit_person)


def test_analyzer_runs_on_openblas(analyzer):
    nlp = analyzer.nlp
    assert "rw_parser" in nlp.pipe_names and "rw_ner" in nlp.pipe_names
    # paragraph breaks are set before the parser decodes
    assert nlp.pipe_names.index("rw_paragraphs") < nlp.pipe_names.index("rw_parser")
