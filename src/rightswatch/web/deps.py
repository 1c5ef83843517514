"""Request-level helpers shared by the views: the caller, role checks, CSRF, rendering."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from rightswatch.store import Store
from rightswatch.web.security import SESSION_COOKIE, Principal, same_secret, secret_hash

__all__ = [
    "AuthRequired",
    "Forbidden",
    "get_store",
    "get_principal",
    "viewer",
    "editor",
    "admin",
    "check_csrf",
    "render",
    "is_api",
    "PUBLIC_SETTING",
]

PUBLIC_SETTING = "public_read_only"


class AuthRequired(Exception):
    """No valid session or token (and no public access): 401 for the API, the login page otherwise."""


class Forbidden(Exception):
    """Authenticated but the role is too weak, or the CSRF token is missing or wrong."""

    def __init__(self, message: str = "forbidden") -> None:
        super().__init__(message)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_principal(request: Request) -> Principal | None:
    """The caller, resolved once per request: Bearer token, else session cookie, else public."""
    if hasattr(request.state, "principal"):
        return request.state.principal
    store: Store = request.app.state.store
    principal: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        user = store.user_for_token(secret_hash(auth[7:].strip()))
        if user is None:
            request.state.principal = None
            raise AuthRequired("invalid or revoked API token")
        principal = Principal(user, "token")
    else:
        sid = request.cookies.get(SESSION_COOKIE)
        if sid:
            found = store.get_session(secret_hash(sid))
            if found:
                principal = Principal(found[0], "session", found[1])
    if principal is None and store.get_setting(PUBLIC_SETTING, False):
        principal = Principal(None, "public")
    request.state.principal = principal
    return principal


def _need(role: str):  # noqa: ANN202
    def dependency(request: Request) -> Principal:
        p = get_principal(request)
        if p is None:
            raise AuthRequired("log in first")
        if not p.can(role):
            if p.user is None:
                raise AuthRequired("log in first")
            raise Forbidden(f"this needs the {role} role; you are {p.role}")
        return p

    return dependency


viewer = Depends(_need("public"))
editor = Depends(_need("editor"))
admin = Depends(_need("admin"))


async def check_csrf(request: Request, principal: Principal) -> dict[str, Any]:
    """The submitted form, once its CSRF token is checked against the session's."""
    form = await request.form()
    if principal.via == "token":
        return dict(form)
    if not same_secret(str(form.get("csrf_token") or ""), principal.csrf):
        raise Forbidden("missing or invalid CSRF token; reload the page and try again")
    return dict(form)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    principal = getattr(request.state, "principal", None)
    context.setdefault("principal", principal)
    context.setdefault("csrf_token", principal.csrf if principal else None)
    context["request"] = request
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)
