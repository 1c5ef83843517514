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


# -- crash tests: the real command in a subprocess, killed with SIGKILL ----------------------------

import os  # noqa: E402
import random  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

#: The installed ``rightswatch`` command (its console script beside this Python), else the same entry point.
_SCRIPT = Path(sys.executable).with_name("rightswatch")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from rightswatch.cli.app import main; main()"]
_NAMES = ["Kim Chol", "Lee Young-hee", "Park Sun", "Choi Min", "Ri Myong"]
_PLACES = ["Hyesan", "Hoeryong", "Musan", "Sinuiju", "Chongjin"]


def _make_corpus(folder: Path, n: int, rng: random.Random) -> set[str]:
    """``n`` tiny, distinct, extractable articles (60% text, 10% HTML, 30% JSON) in sub-folders.

    Returns the origins their documents get (a ``.json`` file holds one record: ``path#0``).
    """
    folder.mkdir()
    origins = set()
    for i in range(n):
        sub = folder / f"batch{i % 7}"
        sub.mkdir(exist_ok=True)
        who, where = rng.choice(_NAMES), rng.choice(_PLACES)
        text = f"Police arrested {who} in {where} on May {1 + i % 28}, 2024. Case {i}."
        if i % 10 < 6:
            path = sub / f"a{i:05d}.txt"
            path.write_text(f"Arrest {i}\n\n{text}\n", encoding="utf-8")
        elif i % 10 == 6:
            path = sub / f"a{i:05d}.html"
            path.write_text(
                f"<html><head><title>Arrest {i}</title></head><body><article><p>{text}</p></article></body></html>",
                encoding="utf-8",
            )
        else:
            path = sub / f"a{i:05d}.json"
            path.write_text(f'{{"title": "Arrest {i}", "text": "{text}"}}', encoding="utf-8")
        origins.add(str(path) + ("#0" if path.suffix == ".json" else ""))
    return origins


def _spawn(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``rightswatch ARGS`` in its own process group (so a kill takes its children too)."""
    return subprocess.Popen(
        [*CLI, *args],
        env=dict(os.environ, **(env or {})),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill_at_fill(
    spawn: Callable[[], subprocess.Popen[bytes]],
    count: Callable[[], int],
    targets: list[int],
    rng: random.Random,
    *,
    max_delay: float = 0.05,
    delays: list[float] | None = None,
    stall: float = 90.0,
) -> int:
    """For each target: start the command, wait until ``count()`` reaches it, wait a random
    ``0..max_delay`` s more (or ``delays[k]`` for the k-th kill), SIGKILL the whole process group.
    A target already reached kills the fresh process after its delay (start-up, first steps).
    Returns the kills made."""
    kills = 0
    for k, target in enumerate(targets):
        proc = spawn()
        deadline = time.monotonic() + stall
        while count() < target:
            if proc.poll() is not None:
                _out, err = proc.communicate()
                pytest.fail(f"the command ended before the kill point ({proc.returncode}): {err.decode()[-2000:]}")
            assert time.monotonic() < deadline, f"no progress towards {target} (at {count()})"
            time.sleep(0.02)
        time.sleep(delays[k] if delays is not None else rng.uniform(0, max_delay))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"exited on its own ({proc.returncode}) before the kill"
        kills += 1
    return kills


def _count_documents(db: Path) -> int:
    """Documents stored so far in a SQLite file another process writes (0 before it exists)."""
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def _assert_sqlite_whole(conn, articles: int) -> None:  # type: ignore[no-untyped-def]
    """A SQLite store after crashes: integrity and foreign keys hold, ``articles`` articles each
    with its document, no orphan incident or quote, every report's incidents all in the table,
    no failure, and both full-text indexes consistent."""
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert q("SELECT count(*) FROM articles") == articles
    assert q("SELECT count(*) FROM documents d LEFT JOIN articles a ON a.document_id = d.id WHERE a.id IS NULL") == 0
    assert q("SELECT count(*) FROM articles a LEFT JOIN documents d ON d.id = a.document_id WHERE d.id IS NULL") == 0
    assert q("SELECT count(*) FROM incidents i LEFT JOIN articles a ON a.id = i.article_id WHERE a.id IS NULL") == 0
    assert q("SELECT count(*) FROM quotes x LEFT JOIN articles a ON a.id = x.article_id WHERE a.id IS NULL") == 0
    # each article has all of its incidents (the report lists as many as the table holds)
    assert q(
        "SELECT count(*) FROM articles a WHERE json_array_length(a.report, '$.incidents') != "
        "(SELECT count(*) FROM incidents i WHERE i.article_id = a.id)"
    ) == 0
    assert q("SELECT count(*) FROM failures") == 0
    assert q("SELECT count(*) FROM articles_fts") == articles
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")


def _clean_incident_count(corpus: Path, db: Path) -> int:
    """How many incidents an uninterrupted ingest of ``corpus`` (into a fresh SQLite ``db``)
    stores: what a crashed and restarted ingest must store too, no more and no less."""
    proc = _spawn(["ingest", str(corpus), "--quiet"], env={"RIGHTSWATCH_DB": str(db)})
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err.decode()[-3000:]
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="session")
def crashkit() -> SimpleNamespace:
    """Helpers of the crash tests: ``CLI``, ``make_corpus``, ``spawn``, ``kill_at_fill``."""
    return SimpleNamespace(
        CLI=CLI, make_corpus=_make_corpus, spawn=_spawn, kill_at_fill=_kill_at_fill,
        count_documents=_count_documents, assert_sqlite_whole=_assert_sqlite_whole,
        clean_incident_count=_clean_incident_count,
    )
