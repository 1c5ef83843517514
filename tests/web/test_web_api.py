"""The JSON API: pagination, records by id, search, OpenAPI, and the one error shape."""

from __future__ import annotations

import pytest

ERROR_KEYS = {"status", "code", "message"}


@pytest.fixture
def api(client, store, ids):  # noqa: ANN001, ANN201
    from rightswatch.web.security import new_secret, secret_hash

    token = new_secret()
    store.add_api_token(store.get_user("vera").id, secret_hash(token), "tests")
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_incidents_are_paginated(api) -> None:
    first = api.get("/api/v1/incidents", params={"limit": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["offset"] == 0
    assert "offset=2" in first["next"]
    second = api.get(first["next"].split("testserver", 1)[1]).json()
    assert {i["id"] for i in second["items"]}.isdisjoint({i["id"] for i in first["items"]})
    last = api.get("/api/v1/incidents", params={"limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_incident_filters_match_the_search_page(api) -> None:
    body = api.get("/api/v1/incidents", params={"country": "CN", "q": "women"}).json()
    assert [i["type"] for i in body["items"]] == ["forced-repatriation"]
    assert body["items"][0]["review_status"] == "unreviewed"


def test_one_incident(api, ids) -> None:
    body = api.get(f"/api/v1/incidents/{ids['detention']}").json()
    assert body["evidence"][0]["text"] == "arrested three defectors in Hoeryŏng last May"
    assert body["record"]["place"]["region"] == "North Hamgyong" and len(body["document_sha256"]) == 64


def test_articles(api) -> None:
    body = api.get("/api/v1/articles", params={"limit": 3}).json()
    assert body["total"] == 4 and len(body["items"]) == 3 and body["items"][0]["id"] == 4
    article = api.get("/api/v1/articles/2").json()
    assert article["title"] == "China repatriates five women" and article["incident_ids"]


def test_search(api) -> None:
    body = api.get("/api/v1/search", params={"q": "Tumen"}).json()
    assert {h["title"] for h in body["items"]} == {"China repatriates five women", "Border guards shoot man at Tumen"}
    assert "\x02" not in body["items"][0]["snippet"]


def test_map(api) -> None:
    body = api.get("/api/v1/map").json()
    kp = next(c for c in body["countries"] if c["code"] == "KP")
    assert kp["numeric"] == "408" and kp["n"] == 4
    assert sum(p["n"] for p in body["points"]) == 5


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/incidents/999999", 404, "not-found"),
        ("/api/v1/articles/999999", 404, "not-found"),
        ("/api/v1/incidents?limit=0", 422, "invalid-parameters"),
        ("/api/v1/incidents/abc", 422, "invalid-parameters"),
        ("/api/v1/search", 422, "invalid-parameters"),
        ("/api/v1/nothing-here", 404, "not-found"),
    ],
)
def test_one_error_shape(api, path, status, code) -> None:
    r = api.get(path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and ERROR_KEYS <= set(body["error"]) <= ERROR_KEYS | {"detail"}
    assert body["error"]["status"] == status and body["error"]["code"] == code and body["error"]["message"]


def test_openapi_describes_the_api(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/incidents", "/api/v1/incidents/{incident_id}", "/api/v1/articles",
                 "/api/v1/articles/{article_id}", "/api/v1/search"):
        assert path in spec["paths"], path
    assert "ErrorOut" in spec["components"]["schemas"]
    assert not any(p.startswith(("/incidents/", "/login")) for p in spec["paths"])  # pages stay out
