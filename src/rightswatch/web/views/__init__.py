"""One module per page type; each exposes ``router``. ``register_all`` mounts them in order."""

from __future__ import annotations

from fastapi import FastAPI

__all__ = ["register_all", "MODULES"]

MODULES = ("auth", "dashboard", "search", "incident", "review", "audit", "exports", "feeds", "admin", "api")


def register_all(app: FastAPI) -> None:
    from importlib import import_module

    for name in MODULES:
        app.include_router(import_module(f"rightswatch.web.views.{name}").router)
