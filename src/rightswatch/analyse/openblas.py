"""en_core_web_sm's neural layers multiplied by NumPy's OpenBLAS instead of BLIS (issue 3, throughput).

thinc's ``NumpyOps`` multiplies with the BLIS library bundled in ``cython-blis``, which picks its
kernel from the CPU it runs on. Where it does not know the CPU (AMD family 25 here:
``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration 'generic'") it falls back to a reference
kernel at about a third of OpenBLAS's speed on the same matrices (tok2vec: 1.6-2.1 s against 0.6 s
of CPU per 20 full articles, measured 2026-11-29). Two places multiply:

* every layer's ``ops.gemm`` (the two tok2vec encoders, the tagger, the parser's and the entity
  recognizer's precomputed features): ``NumpyOps(use_blis=False)`` sends them to NumPy;
* the greedy decoder of the parser and the entity recognizer (``TransitionParser.greedy_parse``)
  multiplies hidden states by the output layer through a C function pointer bound to BLIS. It is
  run here in Python steps over the same model (``StepwiseDecoder``), as spaCy's own training and
  beam search step it, so that multiplication goes through the layer's ops as well.

OpenBLAS is held to one thread: analysis throughput is per core, and batch runs put one worker on
each core (``rightswatch.batch``); a second BLAS thread would compete with the other worker.
Neither change alters the model or the decoding rules; the sums are the same products added in a
BLAS's own order, and the annotations have stayed identical on every evaluation set
(bench/README.md, "Analysis throughput").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

__all__ = ["StepwiseDecoder", "use_openblas"]

#: Pipeline components decoded by ``StepwiseDecoder`` (en_core_web_sm's transition-based parsers).
DECODED = ("parser", "ner")


class StepwiseDecoder:
    """Greedy transition decoding of a trained parser or entity recognizer, one Python step per
    move for the whole batch: the hidden layer of every unfinished state from the precomputed
    token features, its scores from the output layer, then the best valid move
    (``TransitionParser.transition_states``), until every state is final. The features, moves,
    their validity and the annotations are spaCy's; only the loop around them is here."""

    def __init__(self, component) -> None:
        self.component = component
        self.greedy = component.cfg.get("beam_width", 1) == 1

    def predict(self, docs: list[Doc]) -> list:
        parser = self.component
        if not self.greedy:
            return parser.predict(docs)
        if not any(len(doc) for doc in docs):
            return parser.moves.init_batch(docs)
        parser._ensure_labels_are_added(docs)  # labels of preset annotations, as greedy_parse does
        batch = parser.moves.init_batch(docs)
        step = parser.model.predict(docs)  # tok2vec and the precomputed features of every token
        features, output = step.state2vec, step.vec2scores
        unseen = step._class_mask == 0
        unseen = unseen if unseen.any() else None  # en_core_web_sm has none
        states = [state for state in batch if not state.is_final()]
        while states:
            hidden = features.predict(step.get_token_ids(states))
            scores = hidden if output is None else output.predict(hidden)
            if unseen is not None:  # as the step model does: a class never trained on scores lowest
                scores[:, unseen] = numpy.nanmin(scores)
            states = parser.transition_states(states, scores)
        step.clear_memory()
        return batch

    def __call__(self, doc: Doc) -> Doc:
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.component.set_annotations(batch, self.predict(batch))
            yield from batch


@Language.factory("rw_parser", assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"], requires=["doc.tensor"])
def make_parser(nlp: Language, name: str) -> StepwiseDecoder:
    return StepwiseDecoder(nlp.get_pipe("parser"))


@Language.factory("rw_ner", assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_ner(nlp: Language, name: str) -> StepwiseDecoder:
    return StepwiseDecoder(nlp.get_pipe("ner"))


def use_openblas(nlp: Language) -> None:
    """Point every layer of ``nlp``'s trained components at OpenBLAS (one thread) and put stepwise
    decoders in place of the parser and the entity recognizer (which stay, disabled, as their
    models). A pipeline without them keeps its other components' new ops only."""
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    for original in DECODED:
        if original in nlp.pipe_names:
            nlp.add_pipe(f"rw_{original}", after=original)
            nlp.disable_pipe(original)
