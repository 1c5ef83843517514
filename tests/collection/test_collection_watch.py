"""``watch`` against the loopback server: sources, failures per source, restarts, WARC links."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from rightswatch.collect.watch import ItemOutcome, Watcher
from rightswatch.records import Document
from rightswatch.store import Store
from rightswatch.store.collection_repo import CollectionRepository

FAILING = {
    "not-found": ("/404.xml", "http-404"),
    "server-error": ("/500.xml", "http-500"),
    "slow": ("/slow.xml", "timeout"),
    "malformed": ("/malformed.xml", "malformed-feed"),
    "home-page": ("/home.html", "not-a-feed"),
    "loop": ("/loop", "redirect-loop"),
    "endless": ("/endless", "too-large"),
    "bomb": ("/bomb", "decompression-bomb"),
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 3, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(settings):
    with Store.open(settings.db_url) as s:
        yield s


def storing_sink(store, calls=None):
    """Store documents without analysis (the pipeline's outcomes, minus NLP)."""

    def sink(items):
        if calls is not None:
            calls.append(len(items))
        out = []
        for item in items:
            if isinstance(item, Document):
                result = store.save(item)
                out.append(ItemOutcome(item.origin, result.status))
            else:
                store.record_failure(item.origin, item.reason, item.message, item.sha256, item.raw)
                out.append(ItemOutcome(item.origin, "failed", item.reason, item.message))
        return out

    return sink


def make_watcher(store, fetcher, clock, sink=None):
    return Watcher(fetcher, CollectionRepository(store), sink or storing_sink(store), clock=clock)


def test_feeds_of_every_kind_bring_their_articles(site, store, fetcher_factory) -> None:
    repo = CollectionRepository(store)
    for name, path in (("rss", "/feed.xml"), ("atom", "/atom.xml"), ("json", "/feed.json"), ("sitemap", "/news-sitemap.xml")):
        repo.add_source(name, site.url(path), 1800, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    w = make_watcher(store, fetcher_factory(), clock)
    outcomes = {o.name: o for o in w.run_once()}
    w.close()
    assert all(o.status == "ok" for o in outcomes.values())
    assert [outcomes[n].entries for n in ("rss", "atom", "json", "sitemap")] == [3, 1, 1, 1]
    assert sum(o.stored for o in outcomes.values()) == 3 and sum(o.duplicates for o in outcomes.values()) == 3
    assert store.status().documents == 3
    kinds = {r.name: r.feed_kind for r in repo.list_sources()}
    assert kinds == {"rss": "rss", "atom": "atom", "json": "json", "sitemap": "sitemap"}
    doc = store.get_document(next(iter(repo.iter_document_hashes())).sha256)
    assert doc.origin_kind == "feed" and doc.hint("source") in ("rss", "atom", "json", "sitemap")
    assert ("Content-Type", "text/html; charset=utf-8") in doc.headers and doc.hint("http-charset") == "utf-8"


def test_each_bad_source_records_its_reason_and_the_rest_go_on(site, store, fetcher_factory) -> None:
    repo = CollectionRepository(store)
    repo.add_source("good", site.url("/feed.xml"), 1800, now="2024-06-03T11:00:00+00:00")
    for name, (path, _) in FAILING.items():
        repo.add_source(name, site.url(path), 1800, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    w = make_watcher(store, fetcher_factory(read_timeout=0.5, retries=0, max_bytes=512 * 1024), clock)
    w.run_once()
    rows = {r.name: r for r in repo.list_sources()}
    for name, (_, reason) in FAILING.items():
        assert rows[name].last_status == "failed" and rows[name].last_reason == reason, name
        assert rows[name].failures_in_row == 1 and rows[name].last_message
        assert rows[name].next_due_at == "2024-06-03T12:30:00+00:00"  # retried on the schedule
    assert rows["good"].last_status == "ok" and rows["good"].items_stored == 3
    # next due time: failures again, counted
    clock.now += timedelta(minutes=31)
    w.run_once()
    w.close()
    assert CollectionRepository(store).get_source("not-found").failures_in_row == 2
    assert CollectionRepository(store).get_source("good").last_status == "not-modified"


def test_unchanged_feed_costs_a_304_and_nothing_is_fetched_twice(site, store, fetcher_factory) -> None:
    repo = CollectionRepository(store)
    repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    w = make_watcher(store, fetcher_factory(), clock)
    w.run_once()
    assert w.run_once() == []  # not due yet
    clock.now += timedelta(minutes=11)
    [second] = w.run_once()
    w.close()
    assert second.status == "not-modified"
    assert site.hits["/feed.xml"] == 2 and site.hits["/articles/1.html"] == 1


def test_new_entries_are_fetched_after_a_restart_and_old_ones_are_not(site, store, fetcher_factory, kit) -> None:
    repo = CollectionRepository(store)
    repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    w = make_watcher(store, fetcher_factory(), clock)
    w.run_once()
    w.close()
    site.routes["/feed.xml"] = kit.Response(200, kit.rss(site.base, [1, 2, 3, 4]), {"Content-Type": "application/rss+xml"})
    site.routes["/articles/4.html"] = kit.Response(200, kit.article_html(4), {"Content-Type": "text/html"})
    clock.now += timedelta(minutes=11)
    w2 = make_watcher(store, fetcher_factory(), clock)  # a new process: state comes from the database
    [outcome] = w2.run_once()
    w2.close()
    assert outcome.new == 1 and outcome.stored == 1
    assert all(site.hits[f"/articles/{n}.html"] == 1 for n in (1, 2, 3, 4))


def test_a_crash_mid_run_loses_nothing_and_repeats_nothing(site, store, fetcher_factory, monkeypatch) -> None:
    import rightswatch.collect.watch as watch_module

    monkeypatch.setattr(watch_module, "BATCH", 1)
    repo = CollectionRepository(store)
    repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    real = storing_sink(store)
    calls = {"n": 0}

    def crashing(items):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the process dies while storing the second entry
        return real(items)

    w = make_watcher(store, fetcher_factory(), clock, crashing)
    with pytest.raises(KeyboardInterrupt):
        w.run_once()
    w.close()
    assert store.status().documents == 1
    assert repo.get_source("rss").last_status is None  # the poll did not complete: still due
    w2 = make_watcher(store, fetcher_factory(), clock)
    [outcome] = w2.run_once()
    w2.close()
    assert outcome.stored == 2 and outcome.duplicates == 0  # entry 1 was not fetched again
    assert store.status().documents == 3 and site.hits["/articles/1.html"] == 1


def test_a_transient_article_failure_is_retried_then_stored(site, store, fetcher_factory, kit) -> None:
    state = {"n": 0}

    def flaky(req):
        state["n"] += 1
        if state["n"] == 1:
            return kit.Response(503, b"busy", {"Content-Type": "text/plain"})
        return kit.Response(200, kit.article_html(2), {"Content-Type": "text/html"})

    site.routes["/articles/2.html"] = flaky
    repo = CollectionRepository(store)
    source = repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    clock = Clock()
    w = make_watcher(store, fetcher_factory(retries=0), clock)
    [first] = w.run_once()
    assert first.stored == 2 and first.retry == 1
    clock.now += timedelta(minutes=11)
    [second] = w.run_once()  # the feed answers 304, the pending entry is retried anyway
    w.close()
    assert second.status == "not-modified" and second.stored == 1
    assert store.status().documents == 3 and store.status().failures == 0


def test_article_failures_are_recorded_with_reasons(site, store, fetcher_factory, kit) -> None:
    site.routes["/feed.xml"] = kit.Response(200, kit.rss(site.base, [1, 7, 8]), {"Content-Type": "application/rss+xml"})
    site.routes["/articles/7.html"] = kit.Response(404, b"gone", {"Content-Type": "text/plain"})
    site.routes["/articles/8.html"] = kit.Response(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
    repo = CollectionRepository(store)
    repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    w = make_watcher(store, fetcher_factory(), Clock())
    [outcome] = w.run_once()
    w.close()
    assert (outcome.stored, outcome.failed) == (1, 2)
    assert store.status().failures_by_reason == {"http-404": 1, "unsupported-format": 1}
    assert repo.get_source("rss").items_failed == 2


def test_every_exchange_is_archived_and_tied_to_its_document(site, store, fetcher_factory, tmp_path) -> None:
    from rightswatch.cli.collection import CollectionSession

    settings_ = __import__("rightswatch.settings", fromlist=["Settings"]).Settings(
        db_url=store.url, allow_private_addresses=True)
    session = CollectionSession(settings_, store, tmp_path / "warc", link=False,
                                fetch_overrides={"per_host_interval": 0.0})
    session.pipeline.ingest_documents = lambda items: _Summary(storing_sink(store)(items))  # no NLP here
    repo = session.repo
    repo.add_source("rss", site.url("/feed.xml"), 600, now="2024-06-03T11:00:00+00:00")
    w = Watcher(session.fetcher, repo, session.sink, clock=Clock())
    w.run_once()
    w.close()
    session.close()
    rows = list(repo.iter_warc_records())
    uris = sorted(r.target_uri.rsplit("/", 1)[-1] for r in rows)
    assert uris == ["1.html", "2.html", "3.html", "feed.xml", "robots.txt"]
    tied = [r for r in rows if r.document_sha256]
    assert len(tied) == 3 and all(r.payload_digest.startswith("sha256:") for r in rows)
    from rightswatch.collect.warc import verify_record

    for r in tied:
        assert verify_record(r.warc_file, r.offset, record_id=r.record_id, document_sha256=r.document_sha256,
                             cap=1 << 20).ok


class _Summary:
    def __init__(self, outcomes) -> None:
        self.outcomes = [_O(o.origin, o.status, o.reason, o.message) for o in outcomes]


class _O:
    def __init__(self, origin, status, reason, message) -> None:
        self.origin, self.status, self.reason, self.message = origin, status, reason, message
        self.article_id = None
        self.incidents = 0
