"""Fixtures: a fresh store per test on each backend, and hand-built records (no NLP).

Every test that uses ``store`` or ``db_url`` runs twice, ``[sqlite]`` (a file in ``tmp_path``)
and ``[postgresql]``; the PostgreSQL run is skipped unless ``RIGHTSWATCH_TEST_PG`` names a server
URL whose role may create databases (``.ci/run`` sets it; see ``docs/postgresql.md``). Each test
module gets its own throwaway PostgreSQL database, migrated once, emptied (``TRUNCATE ...
RESTART IDENTITY``, so ids start at 1 as in a new file) before each test and dropped at the end.
Tests about SQLite files themselves are marked ``@pytest.mark.sqlite_only`` and run once.

Tests run with ``--import-mode=importlib``, so helpers reach them as the ``factory`` fixture
rather than by import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from rightswatch.records import (
    Actor,
    Article,
    Document,
    Incident,
    Place,
    Quote,
    Report,
    Span,
    TimeRef,
    Victim,
)
from rightswatch.store import Store

TEXT = (
    "North Korean security agents arrested three defectors in Hoeryŏng last May, "
    "according to a source in North Hamgyong Province. "
    '"They were beaten during interrogation," the source said. '
    "The detainees were later sent to a political prison camp."
)


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def make_document(
    raw: bytes, url: str | None = "https://news.example/a/1", origin: str | None = None
) -> Document:
    return Document(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        media_type="text/html",
        origin=origin or (url or "file:///tmp/a.html"),
        origin_kind="url" if url else "file",
        received_at="2024-06-02T10:00:00+00:00",
        url=url,
        headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),  # repeated headers keep their order
        ),
        hints=(("feed", "example"),),
    )


def make_report(
    document: Document | None = None,
    *,
    text: str = TEXT,
    title: str = "Three defectors arrested in Hoeryong",
    url: str | None = "https://news.example/a/1",
    published: str | None = "2024-06-01",
    tags: tuple[str, ...] = ("defectors", "detention"),
    incident_types: tuple[str, ...] = ("arbitrary-detention", "torture"),
    lat: float | None = 42.44,
    lon: float | None = 129.75,
    time_start: str | None = "2024-05-01",
) -> Report:
    place = Place(
        text="Hoeryŏng",
        country="kp",
        region="North Hamgyong",
        city="Hoeryong",
        lat=lat,
        lon=lon,
        span=span(text, "Hoeryŏng") if "Hoeryŏng" in text else None,
    )
    time = TimeRef(
        text="last May",
        year=2024 if time_start else None,
        month=5 if time_start else None,
        granularity="month" if time_start else "unresolved",
        start=time_start,
        end="2024-05-31" if time_start else None,
        span=span(text, "last May") if "last May" in text else None,
    )
    victims = (
        Victim(
            text="three defectors",
            count=3,
            type="defector",
            span=span(text, "three defectors") if "three defectors" in text else None,
        ),
        Victim(text="a source", population="individual"),
    )
    perpetrator = Actor(text="North Korean security agents", type="state-security", country="KP")
    evidence = (Span(0, min(len(text), 60)),)
    incidents = tuple(
        Incident(
            type=t,
            evidence=evidence if i == 0 else (evidence[0], Span(0, min(len(text), 20))),
            perpetrator=perpetrator,
            victims=victims,
            place=place,
            time=time,
            confidence=0.8 - 0.1 * i,
            extractor_version="test-1",
        )
        for i, t in enumerate(incident_types)
    )
    quotes = ()
    if "They were beaten" in text:
        q = span(text, "They were beaten during interrogation,")
        quotes = (
            Quote(text=q.of(text), start=q.start, end=q.end, speaker="the source", anonymous=True,
                  speaker_span=span(text, "the source")),
        )
    article = Article(
        text=text,
        title=title,
        published=published,
        published_source="html-meta",
        outlet="Example News",
        author="A. Reporter",
        url=url,
        language="en",
        tags=tags,
        captions=("Hoeryong in winter",),
        boilerplate=("Subscribe now",),
        document_sha256=document.sha256 if document else None,
    )
    return Report(
        article=article,
        incidents=incidents,
        quotes=quotes,
        relevance=0.91,
        profile="north_korea",
        codebook="default",
        extractor_version="test-1",
        document_origin=document.origin if document else None,
    )


@pytest.fixture
def factory() -> SimpleNamespace:
    """``factory.document(raw, url=...)``, ``factory.report(document, ...)``, ``factory.TEXT``."""
    return SimpleNamespace(document=make_document, report=make_report, span=span, TEXT=TEXT)


# The PostgreSQL database itself comes from the ``pg_module_url`` fixture of tests/conftest.py.
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite itself; run it once")
    config.addinivalue_line("markers", "postgresql_only: the test is about PostgreSQL itself")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = list(BACKENDS)
        if metafunc.definition.get_closest_marker("sqlite_only"):
            backends = ["sqlite"]
        elif metafunc.definition.get_closest_marker("postgresql_only"):
            backends = ["postgresql"]
        metafunc.parametrize("backend", backends, indirect=True)


def reset_pg_database(url: str) -> None:
    """Empty every table (ids restart at 1) but keep the migrated schema."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            names = [
                n for n in sa.inspect(conn).get_table_names() if n != "alembic_version"
            ]
            if names:
                conn.exec_driver_sql(
                    "TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE"
                )
    finally:
        engine.dispose()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``"sqlite"`` or ``"postgresql"`` (parametrized by ``pytest_generate_tests``)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgresql":
        url = request.getfixturevalue("pg_module_url")
        reset_pg_database(url)
        return url
    return f"sqlite:///{tmp_path / 'data' / 'rw.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        yield s
