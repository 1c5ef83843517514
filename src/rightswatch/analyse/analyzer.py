"""The Analyzer: builds the spaCy pipeline once and turns Articles into Reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from rightswatch import __version__
from rightswatch.analyse import components  # noqa: F401  (registers the factories)
from rightswatch.analyse.codebook import load_codebook
from rightswatch.analyse.gate import SentenceGate
from rightswatch.analyse.incident_scorer import IncidentScorer
from rightswatch.analyse.incident_place_choice import choose_places
from rightswatch.analyse.incident_year import date_undated
from rightswatch.analyse.model import load_language
from rightswatch.analyse.openblas import use_openblas
from rightswatch.analyse.profile import Profile, load_profile
from rightswatch.analyse.quotes import quote_regions
from rightswatch.analyse.relevance import ArticleGate, relevance_score
from rightswatch.analyse.relevance_model import RelevanceModel, load_relevance_model
from rightswatch.analyse.report import doc_to_report
from rightswatch.analyse.rule_memo import memoise_rules
from rightswatch.analyse.timex import iso_date
from rightswatch.records import Article, Report, replace
from rightswatch.settings import Settings

__all__ = ["Analyzer"]


class Analyzer:
    def __init__(
        self,
        profile: str = "north_korea",
        codebook: str = "default",
        batch_size: int = 16,
        gate: bool = True,
        min_relevance: float = 0.0,
        classifier: bool | RelevanceModel = True,
        incident_scorer: bool = True,
        incident_year: bool = True,
        incident_place: bool = True,
        sentence_types: bool = True,
    ) -> None:
        """``min_relevance``: articles whose relevance (``analyse.relevance.ArticleGate``: profile
        keywords, then the small text classifier for what the keywords do not admit) is below it
        skip the parser entirely; their report carries the article and its score, no incidents.
        ``classifier``: True for the installed model, False for keywords alone, or a model.
        ``incident_scorer``: False keeps every incident the rules build (``analyse.incident_scorer``:
        for training it). ``incident_year``: False leaves incidents the text does not date undated
        (``analyse.incident_year``: for training it). ``incident_place``: False keeps the rules' places
        (``analyse.incident_place_choice``: for training it). ``sentence_types``: False adds no
        incidents of the types the rules found none of (``analyse.sentence_types``: for training it;
        the scorer still reads the reader)."""
        self.profile = load_profile(profile)
        self.codebook = load_codebook(codebook)
        self.version = f"rightswatch-{__version__}/{self.codebook.name}-{self.codebook.version}/{self.profile.name}"
        self.batch_size = batch_size
        nlp = load_language()
        memoise_rules(nlp)  # the same annotations as spaCy's ruler and lemmatizer, for a fraction of the time
        use_openblas(nlp)  # the same model on OpenBLAS (BLIS runs a generic kernel on some CPUs)
        nlp.add_pipe("rw_paragraphs", before="parser")
        nlp.add_pipe("rw_past_lemmas", after="rw_lemmatizer" if "rw_lemmatizer" in nlp.pipe_names else "lemmatizer")
        nlp.add_pipe("rw_places", config={"profile": profile})
        nlp.add_pipe("rw_times")
        nlp.add_pipe("rw_mentions", config={"profile": profile})
        nlp.add_pipe("rw_quotes", config={"profile": profile})
        nlp.add_pipe("rw_incidents", config={"profile": profile, "codebook": codebook, "version": self.version, "scorer": incident_scorer, "sentence_types": sentence_types})
        self.nlp = nlp
        path = self.profile.incident_year
        self.year_model = IncidentScorer.load(path) if incident_year and path else None
        path = self.profile.incident_place
        self.place_model = IncidentScorer.load(path) if incident_place and path else None
        self.gate = SentenceGate(self.codebook, self.profile) if gate else None
        self._classifier = classifier
        self._article_gate: ArticleGate | None = None
        self.min_relevance = min_relevance
        self.skipped = 0  # articles the relevance gate kept from the parser, for reporting

    @classmethod
    def from_settings(cls, settings: Settings) -> Analyzer:
        """The analyzer every pipeline (ingest, extract, watch, batch) builds from its settings."""
        return cls(settings.profile, settings.codebook, settings.batch_size, min_relevance=settings.relevance_threshold,
                   classifier=settings.relevance_classifier)

    @property
    def article_gate(self) -> ArticleGate:
        """The relevance gate at the current ``min_relevance`` (the model is loaded on first use)."""
        gate = self._article_gate
        if gate is None or gate.threshold != self.min_relevance:
            model = self._classifier
            if model is True:
                model = load_relevance_model()
            gate = ArticleGate(self.profile, self.min_relevance, model if isinstance(model, RelevanceModel) else None)
            self._article_gate = gate
        return gate

    def analyse(self, article: Article) -> Report:
        return next(self.analyse_many([article]))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Report]:
        for _, report in self.analyse_docs(articles):
            yield report

    def analyse_docs(self, articles: Iterable[Article]) -> Iterator[tuple[Doc, Report]]:
        """Each article's report with the parsed ``Doc`` it was read from (its ``doc._.rw_*``
        extensions hold the stages' working data, e.g. the incident scorer's features)."""
        scores: dict[int, float] = {}
        skipped: set[int] = set()  # articles the relevance gate kept from the parser

        def docs() -> Iterator[tuple[object, Article]]:
            for article in articles:
                text = article.text
                if self.min_relevance > 0:
                    decision = self.article_gate(article)
                    scores[id(article)] = decision.score
                    if not decision.analyse:
                        self.skipped += 1
                        skipped.add(id(article))
                        text = ""  # an empty Doc flows through the pipe in order and costs nothing
                if text and self.gate is not None:
                    text = self.gate(article.text, quote_regions(article.text)).text
                doc = self.nlp.make_doc(text)
                doc._.rw_text = article.text if text else ""  # a skipped article gives our components nothing to scan
                doc._.rw_title = article.title
                doc._.rw_published = iso_date(article.published)
                yield doc, article

        for doc, article in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size):
            report = doc_to_report(doc, article, self.version, self.profile.name, self.codebook.name)
            if self.year_model is not None:
                report = date_undated(report, self.year_model, doc._.rw_incident_tenses)
            if self.place_model is not None:
                report = choose_places(report, self.place_model, doc._.rw_places or (), doc._.rw_excluded_places or ())
            analysed = id(article) not in skipped and bool(article.text)
            skipped.discard(id(article))
            yield doc, _with_relevance(report, self.profile, scores.pop(id(article), None), analysed)


def _with_relevance(report: Report, profile: Profile, base: float | None, analysed: bool = True) -> Report:
    return replace(report, relevance=relevance_score(report, profile, base, analysed))

