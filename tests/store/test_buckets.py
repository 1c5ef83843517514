"""The near-duplicate index kept in the database: same links as in memory, nothing held per article."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from rightswatch.cli.collection import Linking
from rightswatch.link import LinkedArticle, Linker
from rightswatch.link.neardup import DERIVATIVE_WINDOW
from rightswatch.store.collection_repo import CollectionRepository

ORIGINAL = (
    "Provincial security agents in Musan detained four women on Thursday after finding Chinese phones hidden "
    "in a rice sack, a resident of North Hamgyong Province said. The women had been calling relatives in "
    "Seoul and were moved to a holding centre run by the security department, where officers questioned "
    "them for two days. Residents said the search teams now carry signal detectors along the Tumen River "
    "and check the homes of families known to have relatives abroad."
)
CORRECTED = ORIGINAL.replace("four women", "five women").replace("on Thursday", "on Wednesday")
COPY = "Shared with permission. " + ORIGINAL + " Subscribe for more."
OTHER = (
    "Heavy rain flooded farmland across South Hwanghae this week, state media said, and officials urged "
    "cooperative farms to drain fields before the rice harvest; no casualties were reported by the agency."
)
CITING = (
    "According to Daily NK, security agents in Musan detained women who used Chinese phones. The women had "
    "been calling relatives in Seoul and were moved to a holding centre run by the security department, "
    "where officers questioned them, the outlet said."
)
ARTICLES = [  # (text, outlet, published)
    (COPY, "NK News", "2024-06-03"),
    (OTHER, "Yonhap", "2024-06-02"),
    (ORIGINAL, "Daily NK", "2024-06-01"),
    (CORRECTED, "Daily NK", "2024-06-02"),
    (CITING, "The Korea Herald", "2024-06-04"),
]


def _store_articles(store, factory, items) -> list[int]:
    ids = []
    for i, (text, outlet, published) in enumerate(items):
        url = f"https://news.example/{outlet.replace(' ', '').lower()}/{i}-{len(text)}"
        document = factory.document(f"<p>{text}</p>".encode(), url=url)
        report = factory.report(document, text=text, url=url, published=published)
        report = replace(report, article=replace(report.article, outlet=outlet))
        ids.append(store.save(document, report).article_id)
    return ids


def _links(store) -> list[tuple]:
    with store._reading("links") as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql(
            "SELECT article_id, kind, target_article_id, cited_outlet FROM document_links"))


def test_stored_index_links_as_the_memory_index_does(store, factory) -> None:
    ids = _store_articles(store, factory, ARTICLES)
    repo = CollectionRepository(store)
    Linking(repo).link_articles(ids)

    memory = Linker()
    expected = []
    for article_id, (text, outlet, published) in zip(ids, ARTICLES):
        result = memory.add(LinkedArticle(article_id, text, outlet, published))
        expected += [(d.copy_id, "near-duplicate", d.original_id, None) for d in result.duplicates]
        expected += [(article_id, "derivative", c.target_id, c.attribution.outlet) for c in result.derivatives]
    got = [(a, k, t, o if k == "derivative" else None) for a, k, t, o in _links(store)]
    assert sorted(got) == sorted(expected)
    original = ids[2]
    assert {(a, t) for a, k, t, _ in got if k == "near-duplicate"} == {(ids[0], original), (ids[3], original)}
    cited = [t for a, k, t, o in got if a == ids[4] and k == "derivative" and o == "Daily NK"]
    assert cited and cited[0] in (original, ids[3])  # one of Daily NK's two versions of the story


def test_a_later_process_finds_earlier_articles_in_the_database(store, factory) -> None:
    first = _store_articles(store, factory, ARTICLES[2:3])
    Linking(CollectionRepository(store)).link_articles(first)
    later = _store_articles(store, factory, ARTICLES[3:4])
    linking = Linking(CollectionRepository(store))  # a new process: nothing loaded but outlet pools
    linking.link_articles(later)
    assert ("near-duplicate", first[0]) in [(k, t) for a, k, t, _ in _links(store) if a == later[0]]


def test_signatures_stored_before_the_bucket_table_get_their_buckets(store, factory) -> None:
    first = _store_articles(store, factory, ARTICLES[2:3])
    Linking(CollectionRepository(store)).link_articles(first)
    with store._writing("drop buckets") as conn:  # as a database migrated from revision 0004 has it
        conn.exec_driver_sql("DELETE FROM lsh_buckets")
    later = _store_articles(store, factory, ARTICLES[3:4])
    Linking(CollectionRepository(store)).link_articles(later)
    assert ("near-duplicate", first[0]) in [(k, t) for a, k, t, _ in _links(store) if a == later[0]]
    with store._reading("count") as conn:
        rows = conn.execute(sa.text("SELECT article_id, count(*) FROM lsh_buckets GROUP BY article_id")).all()
    bands = Linker()._bands
    assert sorted(rows) == [(first[0], bands), (later[0], bands)]


def test_the_linker_keeps_only_a_bounded_pool_per_outlet() -> None:
    linker = Linker()
    for i in range(DERIVATIVE_WINDOW + 50):
        linker.note_outlet(i, "Daily NK")
    assert len(linker._by_outlet["Daily NK"]) == DERIVATIVE_WINDOW
    assert linker._by_outlet["Daily NK"][0] == 50  # the oldest fell out
