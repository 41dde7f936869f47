"""Embedding texts in a process of its own, while the caller's process goes on with other work.

`practice --answers` knows every question and answer before it reads the job; the embedded model
is needed only for their embeddings (the small model is not asked for coaching). Loading it in a
thread of the same process gained nothing (session 31, docs/performance.md): llama.cpp's ~80 log
lines of a load each call back into Python and wait for the GIL, so the load took 0.23 s in a
thread against 0.10 s alone. A process has its own interpreter: the load and the embedding run
beside the caller's parsing and checks, on the machine's other core.

The worker reads a line of JSON on stdin, the load line (model file, batch tokens), and loads the
model; then a second, its texts and threads (one fewer than the cores: the caller keeps one
busy). When the caller has nothing left to do but wait for the vectors, it writes a third line,
the threads to take from the next batch on: a number the user set, or none, and the worker takes
one per physical core free then (every core, on an idle machine: the caller's is free once it
waits; asked in the caller, the worker's own busy core would count against it). It writes the vectors as JSON on
stdout, and imports only the bindings (llama_embed.py), so it starts quickly.

Started by `start` when the caller knows its texts (0.3-0.5 s after launch: Python, typer and
rich are imported by then), the load came after that. So `prestart`, called by the entry point
before anything else is imported (assistant/launch.py), starts the worker the last run used
(named in the user directory) at once, and sends it the texts when the caller's function gives
them; `start` takes that worker over when its model and texts are the ones asked for.

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
from pathlib import Path
from typing import Optional

Vectors = list[list[float]]
_RUNNING: set[subprocess.Popen] = set()  # workers not waited for yet
_EARLY: dict = {}  # the worker `prestart` started: its load line, the texts sent, the process
_LOAD_KEYS = {"model", "tokens"}


@atexit.register
def _stop_all() -> None:
    """A caller that ends before asking for its vectors (bad input found after the start) leaves
    no worker computing for nobody."""
    for worker in list(_RUNNING):
        _stop(worker)
    _EARLY.clear()


def _command() -> list[str]:
    return [sys.executable, "-m", "assistant.engine.embed_worker"]


def _environment() -> dict[str, str]:
    """The caller's environment, with this package importable whatever the caller's sys.path."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _spawn(load: dict) -> Optional[subprocess.Popen]:
    """A worker given its model (the load line): it loads it at once, then waits for its texts."""
    try:
        worker = subprocess.Popen(
            _command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
    except OSError:
        return None
    _RUNNING.add(worker)
    if not _send(worker, json.dumps(load)):
        return None
    return worker


def _texts_line(texts: list[str], threads: int) -> str:
    return json.dumps({"texts": texts, "threads": threads})


def _send(worker: subprocess.Popen, line: str) -> bool:
    try:
        assert worker.stdin is not None
        worker.stdin.write(line.encode() + b"\n")
        worker.stdin.flush()
    except OSError:  # it has ended already
        return False
    return True


def _stop(worker: subprocess.Popen) -> None:
    worker.kill()
    worker.wait()
    _RUNNING.discard(worker)


def _hint_path() -> Path:
    from assistant.paths import user_dir

    return user_dir() / "cache" / "embed-worker.json"


def _remembered() -> Optional[dict]:
    """The load line of the last worker started (`start`), if its model file is still there."""
    try:
        load = json.loads(_hint_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(load, dict) or set(load) != _LOAD_KEYS:
        return None
    return load if os.path.isfile(str(load["model"])) else None


def _remember(load: dict) -> None:
    """Name this load line in the user directory for the next run's `prestart`."""
    if _remembered() == load:
        return
    path = _hint_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        spare = path.with_suffix(".tmp")
        spare.write_text(json.dumps(load), encoding="utf-8")
        os.replace(spare, path)
    except OSError:  # no user directory to write in: no head start next time
        pass


def prestart(texts: Callable[[], list[str]]) -> None:
    """Start, before the caller has parsed its command line, the worker the last `start` used
    (its model named in the user directory), so that the model loads while the caller starts
    up; then send it `texts()`. `start`, called with the same model and texts, takes this worker
    over; with others it stops it and starts its own. A `texts` that fails sends nothing: the
    caller finds and reports the same fault, and `start` sends its texts."""
    load = _remembered()
    worker = _spawn(load) if load is not None else None
    if worker is None:
        return
    _EARLY.update(load=load, worker=worker, texts=None)
    try:
        sent = texts()
    except Exception:  # noqa: BLE001 - the caller reads the same input and says what is wrong
        return
    # one thread: the caller goes on starting up on another core (start's `threads` on two)
    if _send(worker, _texts_line(sent, 1)):
        _EARLY["texts"] = sent


def _taken_over(load: dict, texts: list[str], threads: int) -> Optional[subprocess.Popen]:
    """The worker `prestart` started, if it loads this model and has (or can be sent) these
    texts; otherwise it is stopped."""
    worker = _EARLY.pop("worker", None)
    if worker is None:
        return None
    sent = _EARLY.pop("texts", None)
    same = _EARLY.pop("load", None) == load and worker.poll() is None
    if same and (sent == texts or (sent is None and _send(worker, _texts_line(texts, threads)))):
        return worker
    _stop(worker)
    return None


def start(
    model_path: str,
    tokens: int,
    threads: int,
    texts: list[str],
    fallback: Callable[[], Vectors],
    waiting_threads: int | None = None,
) -> Callable[[], Vectors]:
    """Start embedding `texts` with the GGUF at `model_path` in a worker process with `threads`
    threads, `waiting_threads` once the caller waits (None: one per physical core free then, as
    the worker sees it: cores.default_threads); the function returned waits for its vectors (one
    per text, in order), or, if the worker failed, gives `fallback()`."""
    load = {"model": model_path, "tokens": tokens}
    worker = _taken_over(load, texts, threads)
    if worker is None:
        worker = _spawn(load)
        if worker is None or not _send(worker, _texts_line(texts, threads)):
            return fallback
        _remember(load)

    def result() -> Vectors:
        # nothing left to do here but wait: every core to the worker
        _send(worker, json.dumps({"threads": waiting_threads}))
        try:
            worker.stdin.close()
        except OSError:
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
    from assistant.engine.cores import default_threads
    from assistant.engine.llama_embed import Embedder

    load = json.loads(sys.stdin.readline())
    embedder = Embedder(load["model"], int(load["tokens"]), 1)
    line = sys.stdin.readline()
    if not line:  # the caller ended, or stopped this worker, before sending any text
        embedder.close()
        return 1
    job = json.loads(line)
    embedder.set_threads(int(job["threads"]))
    more: list[int | None] = []  # the threads of the caller's "waiting" line, once it comes

    def listen() -> None:
        try:
            threads = json.loads(sys.stdin.readline())["threads"]
        except (ValueError, KeyError, TypeError):  # the caller closed its end: as many as now
            return
        more.append(int(threads) if threads else None)

    threading.Thread(target=listen, daemon=True).start()

    def before_decode() -> None:
        # asked here, between batches: llama.cpp's threads are idle and the caller waits, so
        # the cores it finds free are its own and the caller's
        if more:
            embedder.set_threads(more.pop() or default_threads())

    texts = list(job["texts"])
    # the longest first, on one thread while the caller works; the short ones, packed in fewer
    # batches, last, when the caller waits and every core is this worker's
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    try:
        embedded = embedder.embed([texts[i] for i in order], before_decode)
    finally:
        embedder.close()
    vectors: list = [None] * len(texts)
    for i, vector in zip(order, embedded):
        vectors[i] = vector
    json.dump(vectors, sys.stdout)
    return 0


if __name__ == "__main__":
    # the caller reads the vectors to the end of this output, which comes with the exit: the
    # interpreter's own end (its modules and llama.cpp's library taken down, ~20 ms) is skipped,
    # this process holds nothing else to close
    code = main()
    sys.stdout.flush()
    os._exit(code)
