"""``rightswatch user add``, ``token create`` and ``serve --help``."""

from __future__ import annotations

from typer.testing import CliRunner

from rightswatch.cli.app import app
from rightswatch.store import Store
from rightswatch.web.security import secret_hash


def test_user_add_and_token_create(tmp_path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "alice", "--role", "editor", "--password-stdin", "--db", db],
                      input="a long enough password\n")
    assert r.exit_code == 0, r.output
    assert "added alice (editor)" in r.output
    r = runner.invoke(app, ["token", "create", "alice", "--db", db])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip().splitlines()[0]
    with Store.open(f"sqlite:///{db}") as store:
        user = store.user_for_token(secret_hash(token))
        assert user is not None and user.name == "alice" and user.role == "editor"
        assert user.password_hash.startswith("$argon2")


def test_user_add_refuses_bad_input(tmp_path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "bob", "--role", "root", "--password-stdin", "--db", db], input="x" * 20)
    assert r.exit_code != 0
    r = runner.invoke(app, ["user", "add", "bob", "--password-stdin", "--db", db], input="short\n")
    assert r.exit_code != 0
    r = runner.invoke(app, ["token", "create", "nobody", "--db", db])
    assert r.exit_code != 0


def test_serve_help() -> None:
    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--host" in r.output and "--port" in r.output
