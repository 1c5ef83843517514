"""Backup and restore (``store/backup.py``): consistent while the app writes, safe to restore.

* a backup taken while another thread writes is a consistent snapshot: integrity and foreign keys
  hold, every article has all of its incidents and quotes, the FTS index matches;
* a backup is written atomically and validated; a backup onto the live file is refused;
* restore refuses to replace a database holding data without ``force``; with it, a store that
  has the target open reads the restored data; restoring an older snapshot rolls back to it;
* ``validate`` refuses a damaged or foreign file;
* the CLI commands (``backup``, ``restore``) do the same, in-process through Typer's runner.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightswatch.errors import StoreError
from rightswatch.store import Store
from rightswatch.store.backup import backup, restore, validate


def _fill(store: Store, records, start: int, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(start, start + n):
        report = records.report(i)
        doc = records.document(report.article.text.encode("utf-8"), origin=f"test://doc/{i}")
        store.save(doc, report)


def _consistent(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        n = q("SELECT count(*) FROM documents")
        assert q("SELECT count(*) FROM articles") == n
        assert q("SELECT count(*) FROM incidents") == 2 * n  # each test report has two incidents
        assert q("SELECT count(*) FROM quotes") == n
        assert q("SELECT count(*) FROM articles_fts") == n
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return int(n)
    finally:
        conn.close()


def test_reliability_backup_while_writing_is_a_consistent_snapshot(store, records, tmp_path: Path) -> None:
    _fill(store, records, 0, 5)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        i = 1000
        try:
            while not stop.is_set():
                _fill(store, records, i, 1)
                i += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    sizes = []
    try:
        for k in range(6):
            info = backup(store.url, tmp_path / f"b{k}.db")
            sizes.append(_consistent(info.path))
            assert info.revision and info.documents == sizes[-1]
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0], sizes  # the writer really was writing
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_reliability_restore_refuses_data_without_force_and_rolls_back_with_it(store, records, tmp_path: Path) -> None:
    _fill(store, records, 0, 3)
    snap = backup(store.url, tmp_path / "snap.db")
    _fill(store, records, 3, 4)
    assert store.status().documents == 7
    with pytest.raises(StoreError, match="--force"):
        restore(snap.path, store.url)
    assert store.status().documents == 7
    info = restore(snap.path, store.url, force=True)
    assert info.documents == 3
    # the open store (as the web app would have it) reads the restored database
    assert store.status().documents == 3
    restored, original = store.get_report(1), records.report(0)
    assert (restored.article.text, restored.incidents, restored.quotes) == (
        original.article.text, original.incidents, original.quotes)
    assert store.search("interrogation")
    _fill(store, records, 50, 1)  # and keeps writing to it
    assert store.status().documents == 4


def test_reliability_restore_into_new_path_and_refusals(store, records, tmp_path: Path) -> None:
    _fill(store, records, 0, 2)
    snap = backup(store.url, tmp_path / "snap.db")
    target = f"sqlite:///{tmp_path / 'new' / 'fresh.db'}"
    assert restore(snap.path, target).documents == 2
    with Store.open(target) as fresh:
        assert fresh.status().documents == 2
        assert fresh.get_document(fresh.get_report(1).article.document_sha256).raw == records.report(0).article.text.encode()
    with pytest.raises(StoreError):
        backup(store.url, Path(store.url.removeprefix("sqlite:///")))  # onto itself
    with pytest.raises(StoreError):
        backup("postgresql://u@localhost/x", tmp_path / "pg.db")


def test_reliability_validate_refuses_damaged_files(tmp_path: Path, store, records) -> None:
    _fill(store, records, 0, 20)
    good = backup(store.url, tmp_path / "good.db").path
    not_db = tmp_path / "not.db"
    not_db.write_bytes(b"hello, not a database at all" * 100)
    with pytest.raises(StoreError, match="not an SQLite"):
        validate(not_db)
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    for offset in range(4096 * 3, len(data), 4096):  # scribble over the middle of every page after the third
        data[offset + 100 : offset + 400] = b"\xff" * 300
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        validate(damaged)
    with pytest.raises(StoreError):
        restore(damaged, f"sqlite:///{tmp_path / 'x.db'}")


def test_reliability_backup_restore_cli(store, records, tmp_path: Path) -> None:
    from rightswatch.cli.app import app

    _fill(store, records, 0, 2)
    runner = CliRunner()
    bfile = tmp_path / "cli-backup.db"
    result = runner.invoke(app, ["backup", str(bfile), "--db", store.url])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "2 documents" in said and "integrity ok" in said
    other = tmp_path / "other.db"
    result = runner.invoke(app, ["restore", str(bfile), "--db", str(other)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["restore", str(bfile), "--db", str(other)])
    assert result.exit_code != 0  # holds data now: refused
    result = runner.invoke(app, ["restore", str(bfile), "--db", str(other), "--force"])
    assert result.exit_code == 0, result.output
