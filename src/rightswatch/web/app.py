"""``create_app(settings)``: the FastAPI application, its error shape and its security headers."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from rightswatch.errors import NotFound, RightswatchError, StoreError
from rightswatch.settings import Settings
from rightswatch.store import Store
from rightswatch.web.deps import AuthRequired, Forbidden, is_api, render
from rightswatch.web.security import RateLimiter

__all__ = ["create_app", "WebConfig", "error_body", "SECURITY_HEADERS", "CSP"]

HERE = Path(__file__).parent

#: No inline script or style anywhere: every script and stylesheet is a file under /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Options of the web layer (the CLI builds one from its flags)."""

    #: Secure cookies: True always, False never, None when the request came over HTTPS.
    secure_cookies: bool | None = None
    #: Failed logins allowed per account and per address in ``login_window`` seconds.
    login_limit: int = 5
    login_window: float = 300.0
    per_page: int = 50


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The one JSON error shape of the API (pinned by ``tests/web/test_web_api.py``)."""
    err: dict[str, Any] = {"status": status, "code": code, "message": message}
    if detail is not None:
        err["detail"] = detail
    return {"error": err}


_CODES = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
          409: "conflict", 413: "too-large", 422: "invalid-parameters", 429: "too-many-requests",
          500: "internal-error", 503: "unavailable"}


def _error(request: Request, status: int, message: str, detail: Any = None,
           headers: dict[str, str] | None = None) -> Response:
    code = _CODES.get(status, "error")
    if is_api(request) or request.url.path.endswith((".atom", ".csv", ".jsonl", ".geojson", ".parquet")):
        return JSONResponse(error_body(status, code, message, detail), status_code=status, headers=headers)
    return render(request, "error.html", status_code=status, status=status, message=message)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def create_app(settings: Settings, *, store: Store | None = None, config: WebConfig | None = None) -> FastAPI:
    """The web app over the database in ``settings`` (or an already open ``store``, left open)."""
    config = config or WebConfig()
    owns_store = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_store:
            app.state.store.close()

    app = FastAPI(
        title="rightswatch",
        version="1",
        description="Incidents, articles and search over the rightswatch database. "
        "Authenticate with `Authorization: Bearer TOKEN` (`rightswatch token create USER`).",
        lifespan=lifespan,
        docs_url=None,  # the Swagger UI needs inline script and a CDN; the OpenAPI JSON is served
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = store if store is not None else Store.open(settings.db_url)
    app.state.config = config
    app.state.limiter = RateLimiter(config.login_limit, config.login_window)
    app.state.templates = _templates()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1000)

    @app.exception_handler(AuthRequired)
    async def _auth(request: Request, exc: AuthRequired) -> Response:
        if is_api(request) or request.method != "GET":
            return _error(request, 401, str(exc), headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?next=" + quote(target, safe=""), status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RightswatchError)
    async def _rw_error(request: Request, exc: RightswatchError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return _error(request, 422, "invalid parameters", detail)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:  # pragma: no cover - last resort
        return _error(request, 500, "internal error")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from rightswatch.web.views import register_all

    register_all(app)
    return app
