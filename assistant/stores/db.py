"""SQLite stores in the user directory (follow-up log, practice sessions): owner-only files,
WAL, numbered schema migrations, and one transaction per write."""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import InputError
from assistant.paths import user_dir


def db_path(name: str) -> Path:
    return user_dir(create=True) / f"{name}.sqlite3"


def connect(name: str, migrations: Sequence[str]) -> sqlite3.Connection:
    """Open (creating owner-only) the store `name` and bring its schema up to date.

    `migrations[i]` takes the schema from version i to i+1; applied ones are never edited."""
    path = db_path(name)
    try:
        with _setup_lock(path.parent):  # the first use by many processes at once: one at a time
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
                os.close(fd)
            os.chmod(path, 0o600)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            _setup(conn, path, migrations)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a usable database ({exc})") from None
    except PermissionError as exc:
        raise InputError(
            f"{path}: cannot open ({exc.strerror}); is it owned by another user?"
        ) from None
    for suffix in ("-wal", "-shm"):  # SQLite gives them the database's mode; make sure of it
        try:
            os.chmod(Path(str(path) + suffix), 0o600)
        except FileNotFoundError:  # none yet, or another process's last connection just removed it
            pass
    return conn


@contextmanager
def _setup_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the user directory while a store is created, switched to WAL and
    migrated: SQLite's busy timeout does not cover the switch to WAL, and 20 first writers at once
    could fail with 'database is locked'. Where flock is missing (Windows), no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _setup(conn: sqlite3.Connection, path: Path, migrations: Sequence[str]) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        conn.close()
        raise InputError(f"{path}: made by a newer Rebound (schema {version}); upgrade Rebound")
    for i in range(version, len(migrations)):
        with transaction(conn):
            # Another process may have migrated while we waited for the write lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] > i:
                continue
            _apply(conn, migrations[i])
            conn.execute(f"PRAGMA user_version={i + 1}")
    missing = _schema(tuple(migrations)) - _columns(conn)
    if missing:
        conn.close()
        table, column = sorted(missing)[0]
        raise InputError(
            f"{path}: damaged (the table {table} has no column {column}); nothing was changed. "
            "Move the file aside to start a new one"
        )


def _columns(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        (table, row[1])
        for table in tables
        for row in conn.execute(f"PRAGMA table_info({table!r})").fetchall()
    }


@functools.cache
def _schema(migrations: tuple[str, ...]) -> set[tuple[str, str]]:
    """The (table, column) pairs the migrations make, from a scratch database in memory."""
    scratch = sqlite3.connect(":memory:")
    for script in migrations:
        _apply(scratch, script)
    found = _columns(scratch)
    scratch.close()
    return {(t, c) for t, c in found if not t.startswith("sqlite_")}


def _apply(conn: sqlite3.Connection, script: str) -> None:
    for statement in (s.strip() for s in script.split(";")):
        if statement:
            conn.execute(statement)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
