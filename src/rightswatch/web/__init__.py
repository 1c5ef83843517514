"""The analysts' web app: server-rendered pages, a JSON API under ``/api/v1/``, exports and feeds.

    from rightswatch.web import create_app
    app = create_app(settings)          # an ASGI app; ``rightswatch serve`` runs it with uvicorn

Reads and writes only through :class:`rightswatch.store.Store`; never imports the NLP stack.
Modules: ``app`` (the factory, error handling, headers), ``security`` (passwords, sessions, CSRF,
tokens, rate limits, roles), ``filters`` (the search filter held in the URL), ``highlight``
(evidence marked in escaped article text), ``charts`` (inline SVG), ``views/`` (one module per
page type) and ``views/api`` (the JSON API).
"""

from rightswatch.web.app import WebConfig, create_app

__all__ = ["create_app", "WebConfig"]
