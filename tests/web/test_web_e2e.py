"""End to end in Debian's Chromium (driven by Playwright) against a real ``rightswatch serve``.

Skipped when ``/usr/bin/chromium`` is missing (``.ci/run`` installs it). Screenshots of the main
pages go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium "
                       "(apt-get install chromium chromium-driver; .ci/run does this)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # noqa: ANN001, ANN201
    import importlib.util

    from rightswatch.store import Store

    spec = importlib.util.spec_from_file_location("web_conftest", Path(__file__).with_name("conftest.py"))
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    with Store.open(f"sqlite:///{db}") as store:
        ids = helpers.fill(store)
    port = _free_port()
    env = dict(os.environ, RIGHTSWATCH_DB=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-c", "from rightswatch.cli.app import main; main()", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode(errors="replace"))
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("server did not start")
    yield base, ids, helpers.PASSWORD
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):  # noqa: ANN001, ANN201
    """A logged-in editor's page that fails the test on any dialog (alert/confirm/prompt)."""
    base, _, password = server
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.dialogs = []

    def on_dialog(d):  # noqa: ANN001, ANN202
        p.dialogs.append(d.message)
        d.dismiss()

    p.on("dialog", on_dialog)
    p.goto(base + "/")
    assert "/login" in p.url
    p.fill("#username", "eddie")
    p.fill("#password", password)
    p.click("button[type=submit]")
    p.wait_for_url(base + "/")
    yield p
    assert p.dialogs == [], f"a script ran: {p.dialogs}"
    context.close()


def shot(p, name: str) -> None:  # noqa: ANN001
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_dashboard_chart_and_map(page, server) -> None:
    assert page.locator("svg.chart rect").count() >= 3
    page.wait_for_selector("#map[data-ready='1']", timeout=15000)
    assert page.locator("#map path.leaflet-interactive").count() > 100  # countries and provinces
    shot(page, "dashboard")


def test_search_and_filter(page, server) -> None:
    base, _, _ = server
    page.fill("#quick-q", "Tumen")
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/search?q=Tumen")
    assert page.locator("#h-results").inner_text() == "2 incidents"
    assert page.locator(".snippet mark").count() >= 1
    page.click(".facets a:text-is('KP')")
    page.wait_for_url("**country=KP**")
    assert page.locator("#h-results").inner_text() == "1 incident"
    shot(page, "search")
    # the URL alone reproduces the view
    page.goto(page.url)
    assert page.locator("#h-results").inner_text() == "1 incident"


def test_incident_evidence_and_correction(page, server) -> None:
    base, ids, _ = server
    page.goto(f"{base}/incidents/{ids['detention']}")
    ev = page.locator("#article-text mark.hl-evidence").first
    assert ev.is_visible() and "arrested" in ev.inner_text()
    assert page.locator("#article-text mark.hl-place").count() >= 1
    shot(page, "incident")
    page.click("summary:text('Correct fields')")
    page.fill("#f-region", "Ryanggang")
    page.click("button:text('Save corrections')")
    page.wait_for_load_state()
    row = page.locator("table.fields tr:has(th:text-is('Region'))")
    assert "Ryanggang" in row.inner_text() and "North Hamgyong" in row.inner_text()
    assert "corrected by eddie" in row.inner_text()


def test_merge_two_incidents(page, server) -> None:
    base, ids, _ = server
    page.goto(f"{base}/incidents/{ids['torture']}")
    page.fill("#merge-other", str(ids["killing"]))
    page.click("button:text('Merge into one case')")
    page.wait_for_url(f"**/incidents/{ids['torture']}#case")
    assert "links this report with 1 other" in page.locator("#case").inner_text()
    shot(page, "case")


def test_export_csv(page, server, tmp_path) -> None:
    base, _, _ = server
    page.goto(f"{base}/search?country=KP")
    with page.expect_download() as info:
        page.click("a:text-is('CSV')")
    target = tmp_path / "export.csv"
    info.value.save_as(str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 4 and all(r["country"] == "KP" for r in rows)


def test_xss_articles_are_inert(page, server) -> None:
    base, ids, _ = server
    for path in (f"/incidents/{ids['xss']}", "/articles/4", "/search?q=Hyesan", "/search", "/", "/audit"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    page.goto(f"{base}/incidents/{ids['xss']}")
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("xss-script")</script>' in text  # visible as text
    assert page.locator("#article-text script, #article-text img, #article-text iframe, #article-text svg").count() == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    shot(page, "xss-incident")
    # page.fixture asserts that no dialog opened
