"""A stand-in for the Hugging Face Hub on 127.0.0.1, for `rebound models pull` tests: it answers
HEAD and GET on /REPO/resolve/REVISION/FILE with the headers huggingface_hub reads (X-Repo-Commit,
X-Linked-Etag holding the file's SHA-256, X-Linked-Size), honours Range requests, and can cut a
download short or serve other bytes than its hash says."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Optional

from tests.helpers.loopback_servers import serving

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def gguf_like(size: int) -> bytes:
    """A small file that starts like a GGUF (magic, version 3, no tensors, no metadata)."""
    head = b"GGUF" + struct.pack("<IQQ", 3, 0, 0)
    pattern = bytes((i * 7 + 3) % 251 for i in range(4093))  # a prime length: no aligned repeats
    body = (pattern * (size // len(pattern) + 1))[: size - len(head)]
    return head + body


@dataclass
class Hub:
    files: dict[str, bytes]  # "repo/file" -> content
    wrong_bytes: bool = False  # serve content that does not match the advertised hash
    cut_after: Optional[int] = None  # the next GET stops after this many bytes, then it is reset
    fail_gets: int = 0  # the next N GETs answer 500
    gated: bool = False  # answer 401, as the hub does for a gated repository without a login
    then_fail: int = 0  # after a cut, the next N GETs answer 500 (the download stops there)
    requests: list[tuple[str, str, Optional[str]]] = field(default_factory=list)

    def sha256(self, key: str) -> str:
        return hashlib.sha256(self.files[key]).hexdigest()

    @property
    def gets(self) -> list[tuple[str, Optional[str]]]:
        return [(path, rng) for method, path, rng in self.requests if method == "GET"]


@contextmanager
def hub_server(hub: Hub) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _key(self) -> Optional[str]:
            parts = self.path.split("?")[0].strip("/").split("/")
            # owner/name/resolve/revision/file
            if len(parts) == 5 and parts[2] == "resolve":
                key = f"{parts[0]}/{parts[1]}/{parts[4]}"
                return key if key in hub.files else None
            return None

        def _missing(self) -> None:
            body = b'{"error": "Entry not found"}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Error-Code", "EntryNotFound")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):  # noqa: N802 - http.server's naming
            hub.requests.append(("HEAD", self.path, None))
            if hub.gated:
                self.send_response(401)
                self.send_header("X-Error-Code", "GatedRepo")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            key = self._key()
            if key is None:
                return self._missing()
            size = len(hub.files[key])
            self.send_response(200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("X-Linked-Etag", f'"{hub.sha256(key)}"')
            self.send_header("X-Linked-Size", str(size))
            self.send_header("ETag", f'"{hub.sha256(key)}"')
            self.send_header("Content-Length", str(size))
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()

        def do_GET(self):  # noqa: N802
            rng = self.headers.get("Range")
            hub.requests.append(("GET", self.path, rng))
            key = self._key()
            if key is None:
                return self._missing()
            if hub.fail_gets:
                hub.fail_gets -= 1
                body = b'{"error": "try later"}'
                self.send_response(500)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            data = hub.files[key]
            if hub.wrong_bytes:
                data = bytes(reversed(data))
            start = 0
            if rng and rng.startswith("bytes="):
                start = int(rng[6:].split("-")[0] or 0)
            part = data[start:]
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.send_header("Content-Length", str(len(part)))
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            if hub.cut_after is not None:
                cut, hub.cut_after = hub.cut_after, None
                hub.fail_gets, hub.then_fail = hub.then_fail, 0
                self.wfile.write(part[:cut])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(part)

        def log_message(self, *args):
            pass

    with serving(Handler) as root:
        yield root
