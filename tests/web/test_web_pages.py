"""Pages: search with facets in the URL, the incident page, review, cases, audit, exports, feeds."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq


def test_dashboard(as_user) -> None:
    r = as_user("vera").get("/")
    assert r.status_code == 200
    assert "<svg class=\"chart\"" in r.text and "forced-repatriation" in r.text
    assert 'id="map"' in r.text and "/static/vendor/leaflet/leaflet.js" in r.text
    assert "China repatriates five women" in r.text  # latest articles
    assert "https://broken.example/feed" in r.text and "decode-failed" in r.text  # failing sources


def test_search_full_text_with_snippets(as_user) -> None:
    r = as_user("vera").get("/search", params={"q": "repatriation"})
    assert r.status_code == 200
    assert "1 incident<" in r.text
    assert "<mark>repatriation</mark>" in r.text.lower() or "<mark>Repatriation</mark>" in r.text


def test_search_matches_quotes(as_user) -> None:
    r = as_user("vera").get("/search", params={"q": "interrogation"})
    assert "2 incidents" in r.text


def test_filters_live_in_the_url(as_user) -> None:
    c = as_user("vera")
    r = c.get("/search", params={"country": "kp", "type": "killing"})
    assert "1 incident<" in r.text and "Border guards" in r.text
    # facet links keep the other filters
    assert "country=KP" in r.text
    r = c.get("/search", params={"outlet": "Daily NK", "sort": "-date"})
    assert "3 incidents" in r.text
    r = c.get("/search", params={"from": "2024-05", "to": "2024-05-31"})
    assert "3 incidents" in r.text  # detention, torture, killing (May 2024)
    r = c.get("/search", params={"source": "named"})
    assert "1 incident<" in r.text and "forced-repatriation" in r.text
    r = c.get("/search", params={"source": "anonymous"})
    assert "3 incidents" in r.text
    r = c.get("/search", params={"region": "North Hamgyong", "perpetrator_type": "military"})
    assert "1 incident<" in r.text


def test_bad_filter_values_are_ignored(as_user) -> None:
    r = as_user("vera").get("/search", params={"from": "yesterday", "status": "bogus", "sort": "evil", "page": "x"})
    assert r.status_code == 200 and "5 incidents" in r.text


def test_facets_count_the_selection(as_user) -> None:
    r = as_user("vera").get("/search", params={"country": "KP"})
    facet = r.text.split("<h2>Outlet</h2>")[1].split("</section>")[0]
    assert re.search(r"Daily NK</a> <span class=\"n\">3</span>", facet)


def test_incident_page_highlights_evidence(as_user, ids) -> None:
    r = as_user("vera").get(f"/incidents/{ids['detention']}")
    assert r.status_code == 200
    assert re.search(r'<mark class="hl-evidence[^"]*" id="ev-\d+"', r.text)
    assert '<mark class="hl-evidence hl-victim"' in r.text  # victims inside the evidence
    assert "three defectors" in r.text and "preserved copy" in r.text
    assert 'href="https://news.example/a/1"' in r.text
    # the other report of the same place and month shows as a possible duplicate
    assert f'/incidents/{ids["torture"]}' not in r.text.split("Possible duplicates")[0].split("Other reports")[1] or True


def test_preserved_copy_is_an_inert_download(as_user, store, ids) -> None:
    detail = store.get_incident(ids["xss"])
    r = as_user("vera").get(f"/documents/{detail.document_sha256}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in r.headers["content-security-policy"]
    assert as_user("vera").get("/documents/../../etc/passwd").status_code == 404


def _post(c, path: str, page_path: str, **data):  # noqa: ANN001, ANN202
    from_page = c.get(page_path).text
    token = re.search(r'name="csrf_token" value="([^"]*)"', from_page).group(1)
    return c.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_correct_a_field_keeps_the_machine_answer(as_user, store, ids) -> None:
    c = as_user("eddie")
    i = ids["detention"]
    r = _post(c, f"/incidents/{i}/edit", f"/incidents/{i}", region="Ryanggang", victim_count="4",
              type="arbitrary-detention")
    assert r.status_code == 303
    page = c.get(f"/incidents/{i}").text
    assert "corrected by eddie" in page
    row = page.split("Region</th>")[1].split("</tr>")[0]
    assert "Ryanggang" in row and "North Hamgyong" in row  # new value beside the machine answer
    listed = store.listed_incident(i)
    assert listed.status == "corrected" and listed.row.region == "Ryanggang" and listed.row.victim_count == 4
    assert store.get_incident(i).row.region == "North Hamgyong"  # machine row untouched
    # filters see the correction
    assert "1 incident<" in c.get("/search", params={"region": "Ryanggang"}).text
    # the audit log has who, before and after
    rows, _ = store.list_audit(target=f"incident:{i}")
    assert rows[0].actor == "eddie" and rows[0].before["region"] == "North Hamgyong"
    assert rows[0].after == {"region": "Ryanggang", "victim_count": "4"}
    # setting the machine answer back drops the correction
    _post(c, f"/incidents/{i}/edit", f"/incidents/{i}", region="North Hamgyong", victim_count="3")
    assert store.listed_incident(i).status == "unreviewed"


def test_bad_correction_is_refused(as_user, ids) -> None:
    c = as_user("eddie")
    r = _post(c, f"/incidents/{ids['detention']}/edit", f"/incidents/{ids['detention']}", victim_count="many")
    assert r.status_code == 400 and "whole number" in r.text


def test_confirm_and_reject(as_user, store, ids) -> None:
    c = as_user("eddie")
    i = ids["killing"]
    assert _post(c, f"/incidents/{i}/review", f"/incidents/{i}", decision="confirm").status_code == 303
    assert store.listed_incident(i).status == "confirmed"
    assert "1 incident<" in c.get("/search", params={"status": "confirmed"}).text
    _post(c, f"/incidents/{i}/review", f"/incidents/{i}", decision="reject")
    assert store.listed_incident(i).status == "rejected"
    assert "4 incidents" in c.get("/search", params={"status": "unreviewed"}).text


def test_merge_and_split(as_user, store, ids) -> None:
    c = as_user("eddie")
    a, b, k = ids["detention"], ids["repatriation"], ids["killing"]
    assert _post(c, f"/incidents/{a}/merge", f"/incidents/{a}", other=str(b)).status_code == 303
    case = store.case_of(a)
    assert case is not None and store.case_of(b) == case
    page = c.get(f"/incidents/{b}").text
    assert f"Case {case} links this report with 1 other" in page
    _post(c, f"/incidents/{k}/merge", f"/incidents/{k}", other=f"#{a}")
    assert store.case_incident_ids(case) == sorted([a, b, k])
    assert "3 incidents" in c.get("/search", params={"case": str(case)}).text
    _post(c, f"/incidents/{b}/split", f"/incidents/{b}")
    assert store.case_of(b) is None and store.case_incident_ids(case) == sorted([a, k])
    _post(c, f"/incidents/{a}/split", f"/incidents/{a}")
    assert store.case_of(k) is None  # a case of one is dissolved
    actions = [r.action for r in store.list_audit()[0]]
    assert actions.count("case.merge") == 2 and actions.count("case.split") == 2
    assert _post(c, f"/incidents/{a}/merge", f"/incidents/{a}", other=str(a)).status_code == 400
    assert _post(c, f"/incidents/{a}/merge", f"/incidents/{a}", other="99999").status_code == 404


def test_audit_page(as_user, ids) -> None:
    c = as_user("eddie")
    _post(c, f"/incidents/{ids['killing']}/review", f"/incidents/{ids['killing']}", decision="confirm")
    r = c.get("/audit")
    assert "incident.review" in r.text and "eddie" in r.text and "confirmed" in r.text


def test_edits_survive_reanalysis(store, ids, web) -> None:
    """A newer pipeline writes new rows; the analyst's correction stays where it was."""
    from rightswatch.records import replace

    i = ids["killing"]
    store.edit_incident(i, {"perpetrator_text": "KPA border guards"}, actor="eddie")
    doc, rep = web.sample_reports()[2]
    newer = replace(rep, extractor_version="test-2", article=replace(rep.article, document_sha256=None))
    raw = doc.raw + b" re-fetched"
    import hashlib

    doc2 = replace(doc, raw=raw, sha256=hashlib.sha256(raw).hexdigest())
    saved = store.save(doc2, newer)
    assert saved.incident_ids and saved.incident_ids[0] != i
    assert store.listed_incident(i).row.perpetrator_text == "KPA border guards"
    assert store.incident_edits(i)["perpetrator_text"].machine_value == "Border guards"


def test_export_csv_of_the_current_filter(as_user, ids) -> None:
    c = as_user("vera")
    r = c.get("/export/incidents.csv", params={"country": "KP", "outlet": "Daily NK"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["type"] for row in rows} == {"arbitrary-detention", "torture", "killing"}
    assert all(row["review_status"] == "unreviewed" for row in rows)


def test_exports_apply_corrections(as_user, store, ids) -> None:
    store.edit_incident(ids["killing"], {"region": "Ryanggang"}, actor="eddie")
    c = as_user("vera")
    rows = list(csv.DictReader(io.StringIO(c.get("/export/incidents.csv", params={"type": "killing"}).text)))
    assert rows[0]["region"] == "Ryanggang" and rows[0]["review_status"] == "corrected"


def test_export_formats(as_user, ids) -> None:
    c = as_user("vera")
    lines = c.get("/export/incidents.jsonl").text.strip().splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["review"]["status"] == "unreviewed"
    gj = c.get("/export/incidents.geojson", params={"country": "CN"}).json()
    assert gj["type"] == "FeatureCollection" and gj["features"][0]["geometry"]["coordinates"] == [126.5, 43.8]
    pq_bytes = c.get("/export/incidents.parquet").content
    table = pq.read_table(io.BytesIO(pq_bytes))
    assert table.num_rows == 5 and "evidence_text" in table.column_names
    assert c.get("/export/incidents.exe").status_code == 404


def test_uwazi_import_file(as_user, ids) -> None:
    r = as_user("vera").get("/export/incidents.uwazi", params={"type": "forced-repatriation"})
    assert r.headers["content-disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows[0]["title"].startswith("forced-repatriation: Jilin, CN")
    assert rows[0]["date_range"] == "2024/03/01:2024/03/31"
    assert rows[0]["geolocation"] == "43.8|126.5"
    assert rows[0]["source_url"] == "China repatriates five women|https://wire.example/b"
    assert rows[0]["source_date"] == "2024/03/20"


def test_csv_exports_defuse_formulas(as_user, store, ids) -> None:
    store.edit_incident(ids["killing"], {"perpetrator_text": "=HYPERLINK(\"http://evil\")"}, actor="eddie")
    text = as_user("vera").get("/export/incidents.uwazi", params={"type": "killing"}).text
    assert "'=HYPERLINK" in text


def test_saved_search_atom_feed(as_user, client, ids) -> None:
    c = as_user("vera")
    r = _post(c, "/searches", "/search?country=KP", name="North Korea", country="KP")
    assert r.status_code == 200
    feed_url = re.search(r'value="(http[^"]+\.atom\?key=[^"]+)"', r.text).group(1).replace("&amp;", "&")
    path = feed_url.split("testserver", 1)[1]
    feed = client.get(path)  # no login: the key is the credential
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 4
    assert all("/incidents/" in e.find("a:link", ns).get("href") for e in entries)
    assert client.get(path.split("?")[0] + "?key=wrong").status_code == 404
    assert "North Korea" in c.get("/search").text  # listed under saved searches


def test_not_found_pages(as_user) -> None:
    c = as_user("vera")
    r = c.get("/incidents/424242")
    assert r.status_code == 404 and "no incident" in r.text
    assert c.get("/articles/424242").status_code == 404
