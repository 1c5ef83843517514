"""The pipeline: wires collect -> extract -> analyse -> store and counts what happened.

Every document ends in exactly one outcome: ``stored``, ``duplicate`` (same bytes seen before),
or ``failed`` with a stable reason code. One bad document never stops a batch: reading, extraction
and analysis errors are recorded (with the raw bytes) and the run goes on. Analysis runs in
``nlp.pipe`` batches; when a batch fails as a whole, its documents are retried one by one so the
failure lands on the document that caused it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rightswatch.analyse import Analyzer
from rightswatch.collect import Failure, iter_documents
from rightswatch.errors import InputError
from rightswatch.extract import extract_article
from rightswatch.records import Article, Document, Report, replace
from rightswatch.settings import Settings
from rightswatch.store import Store

__all__ = ["Outcome", "RunSummary", "Pipeline", "analyse_file"]


@dataclass(frozen=True, slots=True)
class Outcome:
    origin: str
    status: str  # "stored" | "duplicate" | "failed"
    reason: str | None = None
    message: str | None = None
    article_id: int | None = None
    incidents: int = 0


@dataclass(slots=True)
class RunSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failures_by_reason(self) -> Counter[str]:
        return Counter(o.reason or "unknown" for o in self.outcomes if o.status == "failed")

    @property
    def incidents(self) -> int:
        return sum(o.incidents for o in self.outcomes)


Progress = Callable[[Outcome], None]


class Pipeline:
    def __init__(self, settings: Settings, store: Store, analyzer: Analyzer | None = None) -> None:
        self.settings = settings
        self.store = store
        self._analyzer = analyzer

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer.from_settings(self.settings)
        return self._analyzer

    def ingest(self, paths: Iterable[str | Path], progress: Progress | None = None) -> RunSummary:
        return self.ingest_documents(iter_documents(paths, self.settings), progress)

    def ingest_documents(self, items: Iterable[Document | Failure], progress: Progress | None = None) -> RunSummary:
        summary = RunSummary()

        def emit(outcome: Outcome) -> None:
            summary.add(outcome)
            if progress is not None:
                progress(outcome)

        batch: list[tuple[Document, Article]] = []
        for item in items:
            if isinstance(item, Failure):
                self.store.record_failure(item.origin, item.reason, item.message, item.sha256, item.raw)
                emit(Outcome(item.origin, "failed", item.reason, item.message))
                continue
            if self.store.has_document(item.sha256):
                emit(Outcome(item.origin, "duplicate"))
                continue
            try:
                article = extract_article(item, self.settings)
            except InputError as exc:
                self._fail(item, exc.reason, str(exc), emit)
                continue
            batch.append((item, article))
            if len(batch) >= self.settings.batch_size:
                self._flush(batch, emit)
                batch = []
        if batch:
            self._flush(batch, emit)
        return summary

    def _fail(self, doc: Document, reason: str, message: str, emit: Progress) -> None:
        self.store.record_failure(doc.origin, reason, message, doc.sha256, doc.raw)
        emit(Outcome(doc.origin, "failed", reason, message))

    def _flush(self, batch: list[tuple[Document, Article]], emit: Progress) -> None:
        try:
            reports = list(self.analyzer.analyse_many(a for _, a in batch))
        except Exception:  # noqa: BLE001 - isolate the document that breaks the batch
            reports = None
        if reports is None:
            for doc, article in batch:
                try:
                    report = self.analyzer.analyse(article)
                except Exception as exc:  # noqa: BLE001 - recorded with its reason, batch goes on
                    self._fail(doc, "analysis-failed", f"{doc.origin}: analysis failed: {exc}", emit)
                    continue
                self._save(doc, report, emit)
            return
        for (doc, _), report in zip(batch, reports, strict=True):
            self._save(doc, report, emit)

    def _save(self, doc: Document, report: Report, emit: Progress) -> None:
        report = _with_origin(report, doc)
        result = self.store.save(doc, report)
        emit(Outcome(doc.origin, result.status, article_id=result.article_id, incidents=len(result.incident_ids)))


def _with_origin(report: Report, doc: Document) -> Report:
    return replace(report, document_origin=doc.origin)


def analyse_file(path: str | Path, settings: Settings, analyzer: Analyzer | None = None) -> Iterator[Report | Failure]:
    """Analyse every article in one file without touching a database (``rightswatch extract``)."""
    analyzer = analyzer or Analyzer.from_settings(settings)
    for item in iter_documents([path], settings):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            article = extract_article(item, settings)
        except InputError as exc:
            yield Failure(item.origin, exc.reason, str(exc), item.sha256)
            continue
        yield _with_origin(analyzer.analyse(article), item)
