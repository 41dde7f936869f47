"""Nothing lost: files are written atomically and never over an existing one without --force; the
SQLite stores lose no committed row when the writer is killed; the user's state is owner-only."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import files
from assistant.errors import InputError, OutputExistsError
from assistant.stores.db import connect, db_path, transaction

ROWS_PER_BATCH = 50
BATCHES_BEFORE_KILL = 25


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_creates_the_file_and_never_overwrites_without_force(tmp_path):
    target = tmp_path / "email.txt"
    files.atomic_write(target, "first")
    assert target.read_text() == "first\n"
    with pytest.raises(OutputExistsError, match="--force"):
        files.atomic_write(target, "second")
    assert target.read_text() == "first\n"
    files.atomic_write(target, "second", force=True)
    assert target.read_text() == "second\n" and leftovers(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, force):
    target = tmp_path / "email.txt"
    if force:
        target.write_text("the user's own words\n")

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(InputError, match="No space left"):  # one line, not an internal error
        files.atomic_write(target, "new text", force=force)
    assert leftovers(tmp_path) == []
    assert (target.read_text() == "the user's own words\n") if force else not target.exists()


def test_a_file_that_appears_during_the_write_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "email.txt"
    real_link = os.link

    def someone_else_writes_first(src, dst):
        Path(dst).write_text("written meanwhile\n")
        real_link(src, dst)

    monkeypatch.setattr(files.os, "link", someone_else_writes_first)
    with pytest.raises(OutputExistsError):
        files.atomic_write(target, "ours")
    assert target.read_text() == "written meanwhile\n" and leftovers(tmp_path) == []


def test_atomic_write_refuses_a_folder_or_a_missing_folder(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        files.atomic_write(tmp_path, "x", force=True)
    with pytest.raises(InputError, match="no such directory"):
        files.atomic_write(tmp_path / "missing" / "out.txt", "x")


WRITER = f"""
import sys
from assistant.stores.db import connect, transaction
conn = connect("killtest", ["CREATE TABLE rows (batch INTEGER NOT NULL, n INTEGER NOT NULL)"])
batch = 0
while True:
    with transaction(conn):
        for n in range({ROWS_PER_BATCH}):
            conn.execute("INSERT INTO rows VALUES (?, ?)", (batch, n))
    print(batch, flush=True)  # only after COMMIT returned
    batch += 1
"""


def test_a_killed_writer_loses_no_committed_row_and_leaves_no_half_transaction(rebound_home):
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "REBOUND_HOME": str(rebound_home)},
    )
    committed = []
    try:
        for line in child.stdout:
            committed.append(int(line))
            if len(committed) >= BATCHES_BEFORE_KILL:
                break
        child.send_signal(signal.SIGKILL)  # mid-way through a later transaction
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL and len(committed) == BATCHES_BEFORE_KILL
    conn = connect("killtest", ["CREATE TABLE rows (batch INTEGER NOT NULL, n INTEGER NOT NULL)"])
    counts = dict(conn.execute("SELECT batch, COUNT(*) FROM rows GROUP BY batch").fetchall())
    assert set(committed) <= set(counts)  # every committed batch survived
    assert set(counts.values()) == {ROWS_PER_BATCH}  # and no batch is there in part
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_user_folder_and_the_databases_are_owner_only(tmp_path, monkeypatch):
    home = tmp_path / "fresh-home"
    monkeypatch.setenv("REBOUND_HOME", str(home))
    old = os.umask(0)  # the most permissive umask: the modes come from Rebound, not the umask
    try:
        conn = connect("perms", ["CREATE TABLE t (x INTEGER)"])
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (1)")
        conn.close()
        conn = connect(
            "perms", ["CREATE TABLE t (x INTEGER)"]
        )  # reopened: the side files come back
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (2)")
        side = [Path(str(db_path("perms")) + s) for s in ("-wal", "-shm")]
        assert mode(home) == 0o700
        assert mode(db_path("perms")) == 0o600
        assert [mode(p) for p in side] == [0o600, 0o600]  # the WAL files exist while it is open
        conn.close()
    finally:
        os.umask(old)


def test_the_follow_up_log_is_stored_owner_only(cli, rebound_home):
    result = cli(
        "log", "add", "--to", "Priya Natarajan", "--company", "Harrow Books", "--about", "rejection"
    )
    assert result.exit_code == 0, result.stderr
    stored = [p for p in rebound_home.iterdir() if p.suffix == ".sqlite3"]
    assert stored and all(mode(p) == 0o600 for p in stored)
