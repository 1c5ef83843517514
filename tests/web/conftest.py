"""Fixtures for the web app: a store filled with hand-built reports (no NLP), accounts, clients.

Tests run with ``--import-mode=importlib``: helpers are reached through the ``web`` fixture.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from rightswatch.records import Actor, Article, Document, Incident, Place, Quote, Report, Span, TimeRef, Victim
from rightswatch.settings import Settings
from rightswatch.store import Store

PASSWORD = "correct horse battery"

TEXT_A = (
    "North Korean security agents arrested three defectors in Hoeryŏng last May, "
    "according to a source in North Hamgyong Province. "
    '"They were beaten during interrogation," the source said. '
    "The detainees were later sent to a political prison camp."
)
TEXT_B = (
    "Chinese police in Jilin repatriated five women to North Korea in March 2024. "
    'Kim Young-hee, a researcher, said: "Forced repatriation exposes them to torture." '
    "The women had crossed the Tumen river."
)
TEXT_C = (
    "Border guards shot a man crossing the Tumen near Hoeryŏng in May 2024, residents said. "
    "The shooting was the second this year."
)
#: Hostile input in every field a page shows.
XSS = '<script>alert("xss-script")</script>'
TEXT_X = (
    f"Officials {XSS} detained activists in Hyesan. "
    '<img src=x onerror="alert(\'xss-img\')"> and <a href="javascript:alert(\'xss-link\')">click</a> '
    "<div <b>broken <svg/onload=alert('xss-svg')> markup</i> & entities &amp; &lt;script&gt; "
    '"They <iframe src=javascript:alert(1)> said nothing," a witness told us. '
    "The end </textarea></title></style>--> ]]> \x02marker\x03 chars."
)


def find(text: str, needle: str) -> Span:
    i = text.index(needle)
    return Span(i, i + len(needle))


def document(raw: bytes, url: str | None) -> Document:
    return Document(
        raw=raw, sha256=hashlib.sha256(raw).hexdigest(), media_type="text/html", origin=url or "file:///x.html",
        origin_kind="url" if url else "file", received_at="2024-06-02T10:00:00+00:00", url=url,
    )


def report(text: str, *, title: str, url: str | None, outlet: str, published: str, incidents: tuple[Incident, ...],
           quotes: tuple[Quote, ...] = (), tags: tuple[str, ...] = ()) -> Report:
    return Report(
        article=Article(text=text, title=title, published=published, published_source="html-meta", outlet=outlet,
                        author="A. Reporter", url=url, language="en", tags=tags),
        incidents=incidents, quotes=quotes, relevance=0.9, profile="north_korea", codebook="default",
        extractor_version="test-1",
    )


def incident(text: str, type_: str, evidence: str, *, perp: str | None, perp_type: str, victims: str | None,
             count: int | None, place: str | None, country: str, region: str | None, lat: float | None,
             lon: float | None, time: str | None, start: str | None, end: str | None, conf: float = 0.8) -> Incident:
    return Incident(
        type=type_,
        evidence=(find(text, evidence),),
        perpetrator=Actor(text=perp or "unknown", type=perp_type, country="KP",
                          span=find(text, perp) if perp else None),
        victims=(Victim(text=victims, count=count, span=find(text, victims)),) if victims else (),
        place=Place(text=place or country, country=country, region=region, lat=lat, lon=lon,
                    span=find(text, place) if place else None),
        time=TimeRef(text=time or "", granularity="month" if start else "unresolved", start=start, end=end,
                     span=find(text, time) if time else None),
        confidence=conf,
        extractor_version="test-1",
    )


def sample_reports() -> list[tuple[Document, Report]]:
    out = []
    a = report(
        TEXT_A, title="Three defectors arrested in Hoeryong", url="https://news.example/a/1", outlet="Daily NK",
        published="2024-06-01", tags=("defectors",),
        incidents=(
            incident(TEXT_A, "arbitrary-detention", "arrested three defectors in Hoeryŏng last May",
                     perp="North Korean security agents", perp_type="state-security", victims="three defectors",
                     count=3, place="Hoeryŏng", country="KP", region="North Hamgyong", lat=42.44, lon=129.75,
                     time="last May", start="2024-05-01", end="2024-05-31"),
            incident(TEXT_A, "torture", "They were beaten during interrogation",
                     perp="North Korean security agents", perp_type="state-security", victims="three defectors",
                     count=3, place="Hoeryŏng", country="KP", region="North Hamgyong", lat=42.44, lon=129.75,
                     time="last May", start="2024-05-01", end="2024-05-31", conf=0.6),
        ),
        quotes=(Quote(text="They were beaten during interrogation,", start=TEXT_A.index('"') + 1,
                      end=TEXT_A.index('"') + 1 + len("They were beaten during interrogation,"),
                      speaker="the source", anonymous=True),),
    )
    b = report(
        TEXT_B, title="China repatriates five women", url="https://wire.example/b", outlet="Wire Service",
        published="2024-03-20",
        incidents=(
            incident(TEXT_B, "forced-repatriation", "repatriated five women to North Korea",
                     perp="Chinese police", perp_type="foreign-state", victims="five women", count=5,
                     place="Jilin", country="CN", region="Jilin", lat=43.8, lon=126.5, time="March 2024",
                     start="2024-03-01", end="2024-03-31", conf=0.9),
        ),
        quotes=(Quote(text="Forced repatriation exposes them to torture.", start=TEXT_B.index("Forced"),
                      end=TEXT_B.index("Forced") + len("Forced repatriation exposes them to torture."),
                      speaker="Kim Young-hee", anonymous=False),),
    )
    c = report(
        TEXT_C, title="Border guards shoot man at Tumen", url="https://news.example/c", outlet="Daily NK",
        published="2024-05-20",
        incidents=(
            incident(TEXT_C, "killing", "Border guards shot a man crossing the Tumen",
                     perp="Border guards", perp_type="military", victims="a man", count=1, place="Hoeryŏng",
                     country="KP", region="North Hamgyong", lat=42.45, lon=129.74, time="May 2024",
                     start="2024-05-01", end="2024-05-31", conf=0.7),
        ),
    )
    x = report(
        TEXT_X, title=f'Hyesan {XSS}<img src=x onerror=alert("xss-title")>', url="javascript:alert('xss-url')",
        outlet='<b onmouseover="alert(\'xss-outlet\')">Evil</b>', published="2024-04-02",
        tags=("<svg onload=alert('xss-tag')>",),
        incidents=(
            incident(TEXT_X, '"><img src=x onerror=alert("xss-type")>', "detained activists in Hyesan",
                     perp="Officials", perp_type="<script>alert('xss-ptype')</script>", victims="activists",
                     count=None, place="Hyesan", country="KP", region="</td><script>alert('xss-region')</script>",
                     lat=41.4, lon=128.18, time=None, start=None, end=None),
        ),
        quotes=(Quote(text="They <iframe src=javascript:alert(1)> said nothing,",
                      start=TEXT_X.index("They <iframe"),
                      end=TEXT_X.index("They <iframe") + len("They <iframe src=javascript:alert(1)> said nothing,"),
                      speaker='<img src=x onerror=alert("xss-speaker")>', anonymous=True),),
    )
    for i, r in enumerate((a, b, c, x)):
        raw = f"<html>{r.article.title}</html>{i}".encode()
        out.append((document(raw, r.article.url if i != 3 else "https://evil.example/x"), r))
    return out


def fill(store: Store) -> dict[str, int]:
    """Save the sample reports and three accounts; return incident ids by short name."""
    from rightswatch.web.security import hash_password

    ids: dict[str, int] = {}
    names = ("detention", "torture", "repatriation", "killing", "xss")
    flat: list[int] = []
    for doc, rep in sample_reports():
        flat += store.save(doc, rep).incident_ids
    ids.update(zip(names, flat))
    store.record_failure("https://broken.example/feed", "decode-failed", "not text <script>alert('xss-fail')</script>")
    pw = hash_password(PASSWORD)
    for name, role in (("vera", "viewer"), ("eddie", "editor"), ("ada", "admin")):
        store.add_user(name, pw, role)
    return ids


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_of(html: str) -> str:
    m = CSRF_RE.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def login(client, name: str, password: str = PASSWORD):  # noqa: ANN001, ANN201
    page = client.get("/login")
    return client.post("/login", data={"username": name, "password": password, "csrf_token": csrf_of(page.text),
                                       "next": "/"}, follow_redirects=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        yield s


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return fill(store)


@pytest.fixture
def app(store: Store, ids: dict[str, int], db_url: str):  # noqa: ANN201
    from rightswatch.web import create_app

    return create_app(Settings(db_url=db_url), store=store)


@pytest.fixture
def client(app):  # noqa: ANN001, ANN201
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def as_user(app):  # noqa: ANN001, ANN201
    """``as_user("eddie")``: a TestClient logged in as that account."""
    from fastapi.testclient import TestClient

    clients = []

    def make(name: str):  # noqa: ANN202
        c = TestClient(app)
        r = login(c, name)
        assert r.status_code == 303, r.text
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def web() -> SimpleNamespace:
    return SimpleNamespace(login=login, csrf_of=csrf_of, PASSWORD=PASSWORD, fill=fill, XSS=XSS, TEXT_X=TEXT_X,
                           sample_reports=sample_reports)
