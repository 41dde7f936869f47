"""Block the network for a process: creating an internet socket, connecting, or resolving a name
raises OSError and is recorded. Used in-process (with monkeypatch.setattr, undone after the test)
and from a sitecustomize.py in a child process (with setattr, for the whole interpreter)."""

from __future__ import annotations

import socket
from collections.abc import Callable

INTERNET = (socket.AF_INET, socket.AF_INET6)


def block_network(setattr_: Callable, record: Callable[[str], None]) -> None:
    original_init = socket.socket.__init__

    def refuse(what: str):
        def blocked(*args, **kwargs):
            record(f"{what} {args[1:] if what.startswith('socket.') else args}"[:200])
            raise OSError(f"network blocked by Rebound's offline test ({what})")

        return blocked

    def guarded_init(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and (family == -1 or family in INTERNET):
            refuse("socket()")(self, family)
        original_init(self, family, type, proto, fileno)

    setattr_(socket.socket, "__init__", guarded_init)
    for name in ("connect", "connect_ex", "sendto"):
        setattr_(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        setattr_(socket, name, refuse(name))


def append_to(path: str) -> Callable[[str], None]:
    def record(line: str) -> None:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    return record
