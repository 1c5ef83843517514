"""rightswatch's spaCy components, registered as factories.

Each declares what it requires and assigns (spaCy's pipe analysis checks the chain) and writes to a
``Doc`` extension attribute; none does I/O. ``Doc._.rw_published`` (a ``date`` or None) and
``Doc._.rw_text`` (the full article text when the sentence gate blanked parts of ``doc.text``;
same length, same offsets) are set by the caller before the Doc enters ``nlp.pipe``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from rightswatch.analyse.codebook import load_codebook
from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.sentence_types import SentenceTypeModel
from rightswatch.analyse.incidents import IncidentBuilder
from rightswatch.analyse.mentions import MentionFinder
from rightswatch.analyse.places import Gazetteer
from rightswatch.analyse.profile import load_profile
from rightswatch.analyse.quotes import find_quotes
from rightswatch.analyse.relevance import keyword_score
from rightswatch.analyse.relevance_model import RelevanceModel, RelevanceModelError, load_relevance_model
from rightswatch.analyse.timex import find_times
from rightswatch.analyse.triggers import TriggerFinder

__all__ = ["register_extensions", "EXTENSIONS"]

EXTENSIONS = ("rw_text", "rw_title", "rw_title_places", "rw_published", "rw_places", "rw_times", "rw_mentions", "rw_quotes", "rw_triggers", "rw_incidents", "rw_incident_features", "rw_incident_tenses", "rw_excluded_places")


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


class _Places:
    def __init__(self, profile: str) -> None:
        self.gazetteer = Gazetteer.load(load_profile(profile).chain)

    def __call__(self, doc: Doc) -> Doc:
        doc._.rw_places = self.gazetteer.find(doc._.rw_text or doc.text)
        doc._.rw_title_places = self.gazetteer.find(doc._.rw_title) if doc._.rw_title else []
        return doc


class _Times:
    def __call__(self, doc: Doc) -> Doc:
        doc._.rw_times = find_times(doc.text, doc._.rw_published)  # blanked sentences hold no event times
        return doc


class _Mentions:
    def __init__(self, nlp: Language, profile: str) -> None:
        self.finder = MentionFinder(nlp.vocab, load_profile(profile))

    def __call__(self, doc: Doc) -> Doc:
        doc._.rw_mentions = self.finder(doc)
        return doc


class _Quotes:
    def __init__(self, profile: str) -> None:
        self.profile = load_profile(profile)

    def __call__(self, doc: Doc) -> Doc:
        doc._.rw_quotes = find_quotes(doc, self.profile)
        return doc


class _Incidents:
    def __init__(self, profile: str, codebook: str, version: str, scorer: bool, sentence_types: bool = True) -> None:
        self.profile = load_profile(profile)
        path = self.profile.incident_scorer
        # a profile with a scorer reads its features (the article's relevance among them) even when
        # scoring is off, for training; one without reads none
        self.scores_profile = path is not None
        self.scorer = IncidentScorer.load(path) if scorer and path else None  # None: keep every incident the rules build
        # the sentence reader: read by the scorer, and it adds the incidents no rule finds (only beside
        # the scorer: the scorer is trained on what it reads, and the reader on what the scored rules
        # leave out); ``sentence_types`` False reads without adding
        path = self.profile.sentence_types
        self.sentence_model = SentenceTypeModel.load(path) if self.scorer is not None and path else None
        self.add_from_sentences = sentence_types
        self.relevance_model: RelevanceModel | None = None  # the keywords alone then stand for the classifier too
        if self.scores_profile:
            try:
                self.relevance_model = load_relevance_model()
            except RelevanceModelError:
                pass
        self.triggers = TriggerFinder(load_codebook(codebook), self.profile)
        self.safe_destinations = self.profile.safe_destinations
        self.lexicons = self.profile.lexicons
        self.version = version

    def __call__(self, doc: Doc) -> Doc:
        triggers = self.triggers(doc)
        doc._.rw_triggers = triggers
        builder = IncidentBuilder(
            doc,
            doc._.rw_mentions or [],
            doc._.rw_places or [],
            doc._.rw_times or [],
            doc._.rw_quotes or [],
            self.version,
            doc._.rw_published,
            doc._.rw_title_places,
            self.safe_destinations,
            self.lexicons,
            self._article_relevance(doc) if self.scores_profile else (0.0, 0.0),
        )
        doc._.rw_incidents = builder.build(
            triggers, self.scorer, describe=self.scores_profile, sentence_model=self.sentence_model, add_from_sentences=self.add_from_sentences
        )
        doc._.rw_incident_features = builder.features
        doc._.rw_incident_tenses = builder.tenses
        doc._.rw_excluded_places = builder.ctx.excluded_places  # places no act happened in
        return doc

    def _article_relevance(self, doc: Doc) -> tuple[float, float]:
        """The article's keyword and classifier relevance, read from the full text and title."""
        text = f"{doc._.rw_title or ''}\n{doc._.rw_text or doc.text}"
        keywords = keyword_score(text, self.profile)
        return keywords, self.relevance_model.score(text) if self.relevance_model is not None else keywords


@Language.factory("rw_past_lemmas", requires=["token.tag", "token.lemma"], assigns=["token.lemma"])
def make_past_lemmas(nlp: Language, name: str) -> "_PastLemmas":
    return _PastLemmas(nlp)


class _PastLemmas:
    """An irregular past form the tagger took for a present one ("Four North Koreans swam across
    the river", "swam" tagged VBP) keeps its form as lemma, so no trigger of its verb ("swim
    across") matches: such a form gets the lemma the lemmatizer's own verb exceptions give it."""

    def __init__(self, nlp: Language) -> None:
        # spaCy's lemmatizer stays in the pipeline (disabled) behind the memoised one (``rule_memo``)
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"] if "lemmatizer" in nlp.component_names else {}
        # only forms that are not a base form themselves ("saw", "found", "lay" are also verbs of their own)
        self.past = {form: lemmas[0] for form, lemmas in table.items() if lemmas and lemmas[0] != form and form not in _OWN_VERBS}

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.tag_ in ("VB", "VBP") and tok.lemma_ == tok.lower_ and tok.lower_ in self.past:
                tok.lemma_ = self.past[tok.lower_]
        return doc


# Irregular past forms that are also base forms of other verbs ("found a company", "saw wood", "lay
# bricks", "ground", "wound", "felt"): the tagger's present reading may be right.
_OWN_VERBS = frozenset({"saw", "found", "lay", "ground", "wound", "felt", "left", "bore", "fell", "rose", "smelt", "spat", "ring", "are", "is", "am", "was", "were"})


@Language.component("rw_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (subheadings have no final full stop)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n\n" in prev.whitespace_ or (prev.is_space and "\n\n" in prev.text + prev.whitespace_):
            tok.is_sent_start = True
    return doc


@Language.factory("rw_places", assigns=["doc._.rw_places"], default_config={"profile": "north_korea"})
def make_places(nlp: Language, name: str, profile: str) -> _Places:
    return _Places(profile)


@Language.factory("rw_times", assigns=["doc._.rw_times"], requires=["doc._.rw_published"])
def make_times(nlp: Language, name: str) -> _Times:
    return _Times()


@Language.factory(
    "rw_mentions",
    requires=["token.dep", "token.lemma", "token.tag"],
    assigns=["doc._.rw_mentions"],
    default_config={"profile": "north_korea"},
)
def make_mentions(nlp: Language, name: str, profile: str) -> _Mentions:
    return _Mentions(nlp, profile)


@Language.factory(
    "rw_quotes",
    requires=["token.dep", "doc.ents", "doc.sents"],
    assigns=["doc._.rw_quotes"],
    default_config={"profile": "north_korea"},
)
def make_quotes(nlp: Language, name: str, profile: str) -> _Quotes:
    return _Quotes(profile)


@Language.factory(
    "rw_incidents",
    requires=["token.dep", "token.lemma", "doc._.rw_places", "doc._.rw_times", "doc._.rw_mentions", "doc._.rw_quotes"],
    assigns=["doc._.rw_incidents", "doc._.rw_triggers", "doc._.rw_incident_features", "doc._.rw_incident_tenses", "doc._.rw_excluded_places"],
    default_config={"profile": "north_korea", "codebook": "default", "version": "", "scorer": True, "sentence_types": True},
)
def make_incidents(nlp: Language, name: str, profile: str, codebook: str, version: str, scorer: bool, sentence_types: bool) -> _Incidents:
    return _Incidents(profile, codebook, version, scorer, sentence_types)
