"""Log in and out. Failed attempts are rate-limited per account and per client address."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rightswatch.web.deps import Forbidden, get_principal, render
from rightswatch.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_HOURS,
    new_secret,
    same_secret,
    secret_hash,
    session_expiry,
    verify_password,
)

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Only same-site paths: ``/x`` yes; ``//evil``, ``/\\evil``, ``https://evil`` no."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or any(c in value for c in "\r\n\\"):
        return "/"
    return value


def secure(request: Request) -> bool:
    forced = request.app.state.config.secure_cookies
    return forced if forced is not None else request.url.scheme == "https"


def _login_page(request: Request, next_: str, error: str | None = None, status: int = 200) -> Response:
    token = new_secret()
    response = render(request, "login.html", status_code=status, login_csrf=token, next=next_, error=error)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure(request),
                        path="/login", max_age=3600)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002
    try:
        p = get_principal(request)
    except Exception:  # a bad Bearer token on a browser page: just show the form
        p = None
    if p is not None and p.user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, safe_next(next))


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    next_ = safe_next(str(form.get("next") or "/"))
    if not same_secret(str(form.get("csrf_token") or ""), request.cookies.get(LOGIN_CSRF_COOKIE)):
        raise Forbidden("missing or invalid CSRF token; reload the login page")
    name = str(form.get("username") or "").strip()[:64]
    password = str(form.get("password") or "")[:1024]
    limiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    keys = (f"user:{name.lower()}", f"ip:{client}")
    wait = limiter.blocked(*keys)
    if wait > 0:
        response = _login_page(request, next_, f"Too many failed attempts; try again in {int(wait) + 1} s.", 429)
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    store = request.app.state.store
    user = store.get_user(name) if name else None
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.disabled:
        limiter.failed(*keys)
        return _login_page(request, next_, "Wrong user name or password.", 401)
    limiter.reset(keys[0])
    sid, csrf = new_secret(), new_secret()
    store.add_session(secret_hash(sid), user.id, csrf, session_expiry())
    response = RedirectResponse(next_, status_code=303)
    response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="lax", secure=secure(request), path="/",
                        max_age=SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    p = get_principal(request)
    form = await request.form()
    if p is not None and p.via == "session":
        if not same_secret(str(form.get("csrf_token") or ""), p.csrf):
            raise Forbidden("missing or invalid CSRF token")
        request.app.state.store.delete_session(secret_hash(request.cookies.get(SESSION_COOKIE, "")))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure(request))
    return response
