"""Web app commands: ``serve``, ``user add``, ``token create``."""

# No ``from __future__ import annotations``: Typer reads the option annotations, which name
# helpers imported inside ``register`` (importing them at module level would be circular).
import sys
from typing import Annotated, Optional

import typer

from rightswatch.settings import Settings

__all__ = ["register"]

user_app = typer.Typer(help="Manage web app accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)
MIN_PASSWORD = 10


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from rightswatch.cli.app import DbOption, Exit, _store, err, out

    @app.command()
    def serve(
        db: DbOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        secure_cookies: Annotated[
            Optional[bool],
            typer.Option("--secure-cookies/--no-secure-cookies",
                         help="Force the Secure cookie flag (default: when the request came over HTTPS)."),
        ] = None,
    ) -> None:
        """Run the analysts' web app (search, review, map, exports, API under /api/v1/)."""
        import uvicorn

        from rightswatch.web import WebConfig, create_app

        settings = Settings.from_env(db)
        web = create_app(settings, config=WebConfig(secure_cookies=secure_cookies))
        with _store(settings) as store:
            if not store.list_users():
                err.print("no accounts yet: add one with `rightswatch user add NAME --role admin`", markup=False)
        err.print(f"serving {settings.db_url} on http://{host}:{port}/", markup=False)
        uvicorn.run(web, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)

    @user_app.command("add")
    def user_add(
        name: str,
        role: Annotated[str, typer.Option("--role", help="viewer, editor or admin")] = "viewer",
        password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
        db: DbOption = None,
    ) -> None:
        """Create an account (the password is asked for, or read from stdin)."""
        from rightswatch.store.schema_review import ROLES
        from rightswatch.web.security import hash_password

        if role not in ROLES:
            raise Exit(f"unknown role {role!r}: use viewer, editor or admin")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
        if len(password) < MIN_PASSWORD:
            raise Exit(f"a password has at least {MIN_PASSWORD} characters")
        settings = Settings.from_env(db)
        with _store(settings) as store:
            user = store.add_user(name, hash_password(password), role, actor="cli")
        out.print(f"added {user.name} ({user.role})", markup=False, highlight=False)

    @token_app.command("create")
    def token_create(
        user: str,
        label: Annotated[Optional[str], typer.Option(help="What the token is for.")] = None,
        db: DbOption = None,
    ) -> None:
        """Create an API token for USER and print it (it is shown once; only its hash is kept)."""
        from rightswatch.web.security import new_secret, secret_hash

        settings = Settings.from_env(db)
        with _store(settings) as store:
            found = store.get_user(user)
            if found is None:
                raise Exit(f"no such user: {user}")
            token = new_secret()
            store.add_api_token(found.id, secret_hash(token), label, actor="cli")
        sys.stdout.write(token + "\n")
        err.print(f"token for {user} ({found.role}); use it as: Authorization: Bearer TOKEN", markup=False)

    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
