"""Fixtures for the reliability suite (issue 8): time bounds, fresh stores, hand-built records.

Tests run with ``--import-mode=importlib``, so helpers are reached as fixtures, not imports.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from rightswatch.records import Article, Document, Incident, Place, Quote, Report, Span, TimeRef, Victim

HERE = Path(__file__).resolve().parent
NASTY = HERE / "nasty"


class TimeBoundExceeded(AssertionError):
    pass


@contextmanager
def _time_limit(seconds: float, what: str = "call") -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_signum, _frame):  # type: ignore[no-untyped-def]
        raise TimeBoundExceeded(f"{what} took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _document(raw: bytes, media_type: str = "text/plain", origin: str = "test://doc", url: str | None = None) -> Document:
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        media_type=media_type,
        origin=origin,
        origin_kind="file",
        received_at="2024-06-02T10:00:00Z",
        url=url,
        headers=(("Content-Type", media_type), ("X-Dup", "1"), ("X-Dup", "2")),
        hints=(("feed", "example"),),
    )


TEXT = (
    "North Korean security agents arrested three defectors in Hoeryŏng last May, "
    "according to a source in North Hamgyong Province. "
    '"They were beaten during interrogation," the source said. '
    "The detainees were later sent to a political prison camp."
)


def _span(text: str, needle: str) -> Span:
    i = text.index(needle)
    return Span(i, i + len(needle))


def _report(n: int = 0, text: str = TEXT) -> Report:
    """A full report (every kind of span) for ``text``, made unique by ``n``."""
    text = f"{text} ({n})"
    place = Place("Hoeryŏng", country="KP", region="North Hamgyong", city="Hoeryong", lat=42.44, lon=129.75,
                  span=_span(text, "Hoeryŏng"))
    time = TimeRef("last May", year=2024, month=5, granularity="month", start="2024-05-01", end="2024-05-31",
                   span=_span(text, "last May"))
    victims = (Victim("three defectors", population="multiple", count=3, type="defector",
                      span=_span(text, "three defectors")),)
    from rightswatch.records import Actor

    perp = Actor("security agents", type="state_security", country="KP", span=_span(text, "security agents"))
    incidents = (
        Incident("arbitrary_detention", (_span(text, "arrested three defectors"),), perp, victims, place, time, 0.8, "v1"),
        Incident("torture", (_span(text, "beaten during interrogation"),), perp, victims, None, None, 0.6, "v1"),
    )
    qstart = text.index('"They')
    qend = text.index('," the source') + 1
    quotes = (Quote(text[qstart:qend], qstart, qend, speaker="the source", anonymous=True,
                    speaker_span=_span(text, "the source said")),)
    article = Article(text=text, title=f"Defectors arrested {n}", published="2024-06-01", published_source="json",
                      outlet="Example News", author="A. Writer", url=f"https://news.example/{n}", language="en",
                      tags=("defectors", "détention"), captions=("A caption",), boilerplate=("Subscribe",))
    return Report(article, incidents, quotes, relevance=0.9, profile="north_korea", codebook="default",
                  extractor_version="v1", document_origin=f"test://doc/{n}")


@pytest.fixture
def time_limit():
    return _time_limit


@pytest.fixture
def records() -> SimpleNamespace:
    return SimpleNamespace(document=_document, report=_report, TEXT=TEXT)


@pytest.fixture
def store(tmp_path):
    from rightswatch.store import Store

    s = Store.open(f"sqlite:///{tmp_path / 'rw.db'}")
    yield s
    s.close()


@pytest.fixture(scope="session")
def nasty_dir() -> Path:
    return NASTY
