"""Embedding texts in a process of its own, while the caller's process goes on with other work.

`practice --answers` knows every question and answer before it reads the job; the embedded model
is needed only for their embeddings (the small model is not asked for coaching). Loading it in a
thread of the same process gained nothing (session 31, docs/performance.md): llama.cpp's ~80 log
lines of a load each call back into Python and wait for the GIL, so the load took 0.23 s in a
thread against 0.10 s alone. A process has its own interpreter: the load and the embedding run
beside the caller's parsing and checks, on the machine's other core.

The worker reads one line of JSON on stdin (model file, batch tokens, threads, texts) and starts
with `threads` (one fewer than the cores: the caller keeps one busy). When the caller has
nothing left to do but wait for the vectors, it writes a second line (or closes stdin, or
exits); from the next batch on the worker takes `waiting_threads`, every core. It writes the
vectors as JSON on stdout, and imports only the bindings (llama_embed.py), so it starts quickly.

`start` gives the caller a function that waits for the vectors; if the worker could not start or
failed, that function embeds in the caller's own process (`fallback`), so the vectors are never
lost to a worker's failure, and a real error (a bad model file) is raised there as usual."""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable

Vectors = list[list[float]]
_RUNNING: set[subprocess.Popen] = set()  # workers not waited for yet


@atexit.register
def _stop_all() -> None:
    """A caller that ends before asking for its vectors (bad input found after the start) leaves
    no worker computing for nobody."""
    for worker in list(_RUNNING):
        worker.kill()
        worker.wait()
    _RUNNING.clear()


def _command() -> list[str]:
    return [sys.executable, "-m", "assistant.engine.embed_worker"]


def _environment() -> dict[str, str]:
    """The caller's environment, with this package importable whatever the caller's sys.path."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def start(
    model_path: str,
    tokens: int,
    threads: int,
    texts: list[str],
    fallback: Callable[[], Vectors],
    waiting_threads: int | None = None,
) -> Callable[[], Vectors]:
    """Start embedding `texts` with the GGUF at `model_path` in a worker process with `threads`
    threads, `waiting_threads` (default: the same) once the caller waits; the function returned
    waits for its vectors (one per text, in order), or, if the worker failed, gives
    `fallback()`."""
    job = {
        "model": model_path,
        "tokens": tokens,
        "threads": threads,
        "waiting_threads": waiting_threads or threads,
        "texts": texts,
    }
    try:
        worker = subprocess.Popen(
            _command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
        assert worker.stdin is not None
        worker.stdin.write(json.dumps(job).encode() + b"\n")  # the worker reads it first thing
        worker.stdin.flush()
    except OSError:
        return fallback
    _RUNNING.add(worker)

    def result() -> Vectors:
        try:  # nothing left to do here but wait: every core to the worker
            worker.stdin.write(b"waiting\n")
            worker.stdin.close()
        except OSError:  # it has ended already
            pass
        out = worker.stdout.read() if worker.stdout else b""
        code = worker.wait()
        _RUNNING.discard(worker)
        if code == 0:
            try:
                vectors = json.loads(out)
            except ValueError:
                vectors = None
            if isinstance(vectors, list) and len(vectors) == len(texts):
                return vectors
        return fallback()

    return result


def main() -> int:
    from assistant.engine.llama_embed import Embedder

    job = json.loads(sys.stdin.readline())
    waiting = threading.Event()  # the caller's second line, or the end of its input

    def listen() -> None:
        sys.stdin.readline()
        waiting.set()

    threading.Thread(target=listen, daemon=True).start()
    embedder = Embedder(job["model"], int(job["tokens"]), int(job["threads"]))
    more = int(job["waiting_threads"])

    def before_decode() -> None:
        nonlocal more
        if more and waiting.is_set():
            embedder.set_threads(more)
            more = 0

    try:
        vectors = embedder.embed(list(job["texts"]), before_decode)
    finally:
        embedder.close()
    json.dump(vectors, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
