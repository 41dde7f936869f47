"""Small servers for the server-backend tests, on 127.0.0.1 only: a scripted HTTP server, one
that accepts and never answers, and a free port that nothing listens on."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple, Optional

LOOPBACK = "127.0.0.1"


class Reply(NamedTuple):
    status: int = 200
    body: bytes = b""
    content_type: str = "text/event-stream"
    headers: Optional[dict] = None


def sse(*events: object, done: bool = True) -> bytes:
    """A server-sent event stream: one `data:` line per event (dicts as JSON), then [DONE]."""
    lines = [f"data: {e if isinstance(e, str) else json.dumps(e)}\n\n" for e in events]
    return ("".join(lines) + ("data: [DONE]\n\n" if done else "")).encode()


def chunk(text: str, finish: Optional[str] = None) -> dict:
    return {
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}],
    }


def stream_of(text: str) -> Reply:
    """The reply of a well-behaved server that streams `text` in a few pieces."""
    pieces = [text[i : i + 9] for i in range(0, len(text), 9)]
    return Reply(
        body=sse(
            {"choices": [{"index": 0, "delta": {"role": "assistant"}}]},
            *(chunk(p) for p in pieces),
            chunk("", finish="stop"),
        )
    )


NOT_FOUND = Reply(status=404, body=b'{"error": "Not Found"}', content_type="application/json")


class Scripted:
    """What the scripted server answers, every request body it received (POSTs), and the path and
    headers of every request (GETs too)."""

    def __init__(self, reply: Callable[[dict], Reply], gets: Optional[dict[str, Reply]] = None):
        self.reply = reply
        self.gets = gets or {}
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []


@contextmanager
def scripted_server(
    reply: Callable[[dict], Reply] | Reply, gets: Optional[dict[str, Reply]] = None
) -> Iterator[tuple[str, Scripted]]:
    """An HTTP server on 127.0.0.1 answering every POST with reply(request JSON), and a GET of a
    path in `gets` with its reply (404 for other paths)."""
    script = Scripted(reply if callable(reply) else (lambda _body: reply), gets)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            body = json.loads(raw or b"{}")
            script.requests.append(body)
            self._answer(script.reply(body))

        def do_GET(self):  # noqa: N802
            self._answer(script.gets.get(self.path, NOT_FOUND))

        def _answer(self, answer: Reply) -> None:
            script.paths.append(self.path)
            script.headers.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(answer.status)
            self.send_header("content-type", answer.content_type)
            self.send_header("content-length", str(len(answer.body)))
            for key, value in (answer.headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args):
            pass

    with serving(Handler) as root:
        yield f"{root}/v1", script


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 with this handler, stopped on leaving; yields its
    root URL."""
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers (for timeouts)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((LOOPBACK, 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{listener.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (the OS just handed it out and it was closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


KEY = "sk-rebound-test-7f3a9c1e5b"


def json_reply(body: object, status: int = 200) -> Reply:
    return Reply(status=status, body=json.dumps(body).encode(), content_type="application/json")


def models(*entries: dict) -> Reply:
    return json_reply({"object": "list", "data": list(entries)})


VLLM = {
    "/v1/models": models(
        {"id": "qwen", "object": "model", "owned_by": "vllm", "max_model_len": 32768}
    )
}


def write_config(home, **values) -> None:
    (home / "config.toml").write_text(
        "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())
    )


READY_POLLS = 240  # x 0.25 s: the server loads a 93 MB model in about a second


@contextmanager
def llama_cpp_server(model: str, log_dir: Path, *extra: str) -> Iterator[str]:
    """`python -m llama_cpp.server` with `model` on 127.0.0.1 (never another interface), started
    and stopped here; yields its API root URL. `extra`: more server options."""
    import httpx
    import pytest

    port = free_port()
    log = log_dir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                model,
                "--host",
                LOOPBACK,
                "--port",
                str(port),
                "--n_ctx",
                "2048",
                "--n_threads",
                "2",
                *extra,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://{LOOPBACK}:{port}/v1"
    try:
        for _ in range(READY_POLLS):
            if proc.poll() is not None:
                pytest.fail(
                    f"the llama.cpp server exited ({proc.returncode}): {log.read_text()[-2000:]}"
                )
            try:
                if httpx.get(f"{url}/models", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.25)
        else:
            pytest.fail(f"the llama.cpp server was not ready: {log.read_text()[-2000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
