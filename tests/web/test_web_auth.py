"""Accounts, sessions, CSRF, rate limits, roles, tokens and security headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from rightswatch.settings import Settings
from rightswatch.web import WebConfig, create_app
from rightswatch.web.security import RateLimiter, new_secret, secret_hash


def test_pages_need_login(client) -> None:
    for path in ("/", "/search?q=x", "/incidents/1", "/articles/1", "/audit", "/export/incidents.csv"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code in (303, 401), path
        if r.status_code == 303:
            assert r.headers["location"].startswith("/login?next=")
    r = client.get("/api/v1/incidents")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def test_login_sets_a_hardened_session_cookie(client, web) -> None:
    r = web.login(client, "vera")
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "rw_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http in tests
    assert client.get("/").status_code == 200


def test_secure_cookie_when_configured(store, ids, db_url, web) -> None:
    app = create_app(Settings(db_url=db_url), store=store, config=WebConfig(secure_cookies=True))
    with TestClient(app) as c:
        # even over plain http (behind a TLS-terminating proxy) every cookie is marked Secure
        assert "Secure" in c.get("/login").headers["set-cookie"]


def test_secure_cookie_over_https(store, ids, db_url, web) -> None:
    app = create_app(Settings(db_url=db_url), store=store)
    with TestClient(app, base_url="https://testserver") as c:
        r = web.login(c, "vera")
        assert "Secure" in r.headers["set-cookie"]
        assert "Strict-Transport-Security" in c.get("/").headers


def test_wrong_password_and_unknown_user(client, web) -> None:
    assert web.login(client, "vera", "wrong password!").status_code == 401
    r = web.login(client, "nobody")
    assert r.status_code == 401 and "Wrong user name or password" in r.text
    assert "rw_session" not in r.headers.get("set-cookie", "")


def test_login_is_rate_limited(client, web) -> None:
    for _ in range(5):
        assert web.login(client, "eddie", "nope-nope-nope").status_code == 401
    r = web.login(client, "eddie")  # even the right password waits now
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_rate_limiter_window() -> None:
    now = [0.0]
    rl = RateLimiter(limit=2, window=10, clock=lambda: now[0])
    rl.failed("k")
    rl.failed("k")
    assert rl.blocked("k") == 10
    now[0] = 10.5
    assert rl.blocked("k") == 0


def test_login_form_needs_its_csrf_token(client) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": "vera", "password": "correct horse battery", "csrf_token": "forged"})
    assert r.status_code == 403


def test_next_parameter_cannot_leave_the_site(app, web) -> None:
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client = TestClient(app)
        page = client.get("/login")
        r = client.post("/login", follow_redirects=False, data={
            "username": "vera", "password": web.PASSWORD, "csrf_token": web.csrf_of(page.text), "next": evil})
        assert r.headers["location"] == "/"


def test_forms_need_the_session_csrf_token(as_user, ids) -> None:
    c = as_user("eddie")
    r = c.post(f"/incidents/{ids['detention']}/review", data={"decision": "confirm"})
    assert r.status_code == 403
    r = c.post(f"/incidents/{ids['detention']}/review", data={"decision": "confirm", "csrf_token": "x" * 43})
    assert r.status_code == 403


def test_roles_are_enforced(as_user, ids, web) -> None:
    viewer = as_user("vera")
    page = viewer.get(f"/incidents/{ids['detention']}")
    assert page.status_code == 200 and "Correct fields" not in page.text and "Merge" not in page.text
    token = web.csrf_of(page.text)  # the logout form's token
    r = viewer.post(f"/incidents/{ids['detention']}/review", data={"decision": "confirm", "csrf_token": token})
    assert r.status_code == 403
    assert viewer.get("/audit").status_code == 403
    assert viewer.get("/admin").status_code == 403
    editor = as_user("eddie")
    assert editor.get("/audit").status_code == 200
    assert editor.get("/admin").status_code == 403
    assert as_user("ada").get("/admin").status_code == 200


def test_logout_ends_the_session(as_user, web) -> None:
    c = as_user("vera")
    token = web.csrf_of(c.get("/").text)
    assert c.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert c.get("/", follow_redirects=False).status_code == 303


def test_bearer_tokens(client, store, ids) -> None:
    user = store.get_user("vera")
    token = new_secret()
    store.add_api_token(user.id, secret_hash(token))
    r = client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["total"] == 5
    r = client.get("/api/v1/incidents", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    # a viewer's token cannot review
    r = client.post(f"/incidents/{ids['detention']}/review", data={"decision": "confirm"},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403


def test_editor_token_needs_no_csrf(client, store, ids) -> None:
    token = new_secret()
    store.add_api_token(store.get_user("eddie").id, secret_hash(token))
    r = client.post(f"/incidents/{ids['detention']}/review", data={"decision": "confirm"},
                    headers={"Authorization": f"Bearer {token}"}, follow_redirects=False)
    assert r.status_code == 303


def test_public_read_only_switch(client, as_user, web) -> None:
    assert client.get("/search", follow_redirects=False).status_code == 303
    admin = as_user("ada")
    token = web.csrf_of(admin.get("/admin").text)
    assert admin.post("/admin/public", data={"public": "on", "csrf_token": token}).status_code == 200
    assert client.get("/search").status_code == 200
    assert client.get("/api/v1/incidents").status_code == 200
    assert client.get("/audit", follow_redirects=False).status_code == 303  # still needs an editor
    assert client.post("/incidents/1/review", data={"decision": "confirm"}).status_code == 401


def test_disabled_user_loses_access(as_user, store, web) -> None:
    c = as_user("vera")
    store.set_user("vera", actor="test", disabled=True)
    assert c.get("/", follow_redirects=False).status_code == 303
    assert web.login(c, "vera").status_code == 401


def test_passwords_and_tokens_are_stored_hashed(store, ids) -> None:
    user = store.get_user("vera")
    assert user.password_hash.startswith("$argon2")


def test_security_headers(client) -> None:
    r = client.get("/login")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    assert "<script>" not in r.text.replace('<script src="/static/app.js" defer></script>', "")
