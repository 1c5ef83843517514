"""The collection commands in-process (Typer's runner), end to end with the real NLP pipeline."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from rightswatch.cli.app import app


@pytest.fixture
def cli(tmp_path, monkeypatch, analyzer):
    monkeypatch.setattr("rightswatch.pipeline.Analyzer.from_settings", lambda settings: analyzer)  # spaCy loaded once
    monkeypatch.setenv("RIGHTSWATCH_DB", str(tmp_path / "rw.db"))
    monkeypatch.delenv("RIGHTSWATCH_ALLOW_PRIVATE", raising=False)
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return run


def test_sources_add_list_remove(cli) -> None:
    cli("sources", "add", "https://www.dailynk.com/english/feed/", "--name", "Daily NK", "--every", "30m")
    cli("sources", "add", "https://nknews.org/feed/", "--every", "2h")
    import json

    listed = json.loads(cli("sources", "list", "--json").output)
    assert [(r["name"], r["every_seconds"], r["last_status"]) for r in listed] == [
        ("Daily NK", 1800, None), ("nknews.org", 7200, None)]
    assert "Daily" in cli("sources", "list").output
    assert "already exists" in str(CliRunner().invoke(app, ["sources", "add", "https://x.example/f", "--name",
                                                                "Daily NK"]).exception)
    bad = CliRunner().invoke(app, ["sources", "add", "https://x.example/f", "--every", "5s"])
    assert bad.exit_code != 0
    cli("sources", "remove", "Daily NK")
    assert "Daily NK" not in cli("sources", "list", "--json").output


def test_watch_fetch_verify_ingest_and_link(cli, site, tmp_path, kit) -> None:
    # the guard is on unless asked: the loopback server is refused and the reason shown
    cli("sources", "add", site.url("/feed.xml"), "--name", "local", "--every", "1m")
    cli("sources", "add", site.url("/500.xml"), "--name", "broken", "--every", "1m")
    cli("watch", "--once")
    listed = cli("sources", "list", "--json").output
    assert '"last_reason": "blocked-address"' in listed

    # with loopback allowed (as the tests need), the same sources work; the broken one says why
    site.routes["/articles/4.html"] = kit.Response(200, kit.article_html(
        4, "Copy", "Republished: " + kit.BODIES[1] + " Reporting by Daily NK."), {"Content-Type": "text/html"})
    import sqlite3 as _s
    con = _s.connect(tmp_path / "rw.db")
    con.execute("UPDATE sources SET next_due_at = '2000-01-01T00:00:00+00:00'")
    con.commit()
    con.close()
    out = cli("watch", "--once", "--allow-private-addresses").output
    assert "local: ok, 3 entries, 3 new, stored 3" in out
    listed = cli("sources", "list", "--json").output
    assert '"last_reason": "http-500"' in listed

    fetched = cli("fetch", site.url("/articles/4.html"), "--allow-private-addresses").output
    assert "stored" in fetched
    failed = cli("fetch", site.url("/404.xml"), "--allow-private-addresses", code=1)
    assert "http-404" in failed.output

    warcs = list((tmp_path / "warc").glob("*.warc.gz"))
    assert warcs
    ok = cli("verify").output
    assert "0 problems" in ok

    # a crawl read back through the ordinary ingest command: same bytes, so duplicates
    ingested = cli("ingest", str(warcs[0]), "--quiet").output
    assert "duplicates" in ingested and "failed 0" in ingested

    # the republished copy is linked to the original as a near-duplicate
    cli("link")
    con = sqlite3.connect(tmp_path / "rw.db")
    kinds = [r[0] for r in con.execute("SELECT kind FROM document_links")]
    assert "near-duplicate" in kinds

    # tampering is found: a changed byte in a preserved document, and a damaged WARC file
    con.execute("UPDATE documents SET raw = CAST(raw || 'x' AS BLOB) WHERE id = 1")
    con.commit()
    con.close()
    data = bytearray(warcs[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    warcs[0].write_bytes(bytes(data))
    bad = cli("verify", "--json", code=1).output
    assert "document-hash-mismatch" in bad and ("digest-mismatch" in bad or "unreadable" in bad)
