"""Administration (admins): accounts and the public read-only switch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rightswatch.errors import StoreError
from rightswatch.store.schema_review import ROLES
from rightswatch.web.deps import PUBLIC_SETTING, admin, check_csrf, render
from rightswatch.web.security import Principal, hash_password

router = APIRouter(include_in_schema=False)
MIN_PASSWORD = 10


@router.get("/admin")
def admin_page(request: Request, principal: Principal = admin) -> Response:
    store = request.app.state.store
    return render(request, "admin.html", users=store.list_users(), roles=ROLES,
                  public=bool(store.get_setting(PUBLIC_SETTING, False)), min_password=MIN_PASSWORD)


@router.post("/admin/public")
async def set_public(request: Request, principal: Principal = admin) -> Response:
    form = await check_csrf(request, principal)
    request.app.state.store.set_setting(PUBLIC_SETTING, form.get("public") == "on", actor=principal.name)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users")
async def add_user(request: Request, principal: Principal = admin) -> Response:
    form = await check_csrf(request, principal)
    password = str(form.get("password") or "")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"a password has at least {MIN_PASSWORD} characters")
    request.app.state.store.add_user(str(form.get("name") or ""), hash_password(password),
                                     str(form.get("role") or "viewer"), actor=principal.name)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{name}")
async def change_user(name: str, request: Request, principal: Principal = admin) -> Response:
    form = await check_csrf(request, principal)
    role = str(form.get("role") or "") or None
    disabled = {"on": True, "off": False}.get(str(form.get("disabled") or ""))
    if name == principal.name and (disabled or (role and role != "admin")):
        raise StoreError("you cannot demote or disable yourself")
    request.app.state.store.set_user(name, actor=principal.name, role=role, disabled=disabled)
    return RedirectResponse("/admin", status_code=303)
