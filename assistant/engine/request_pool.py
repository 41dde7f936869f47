"""Several streamed replies at once, a few at a time, for backends whose server batches requests
that arrive together (llama.cpp's server with --parallel slots, vLLM, Ollama).

Each reply is read on a daemon thread, so a Ctrl+C or an error never waits for a slow server:
the calling thread stops handing out work, the threads close their streams at their next chunk
(the server then stops writing), and the process can exit at once. The chunks are passed to the
calling thread, which alone calls on_chunk (a progress display is not thread-safe)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Optional

Stream = Callable[[], Iterator[str]]  # starts one reply and yields its chunks
THREAD_NAME = "rebound-request"
POLL_SECONDS = 0.25  # the calling thread wakes this often, so Ctrl+C works on every platform


def read_at_once(
    streams: list[Stream], limit: int, on_chunk: Optional[Callable[[str], None]] = None
) -> list[str]:
    """Every stream's whole text, in the order given, with at most `limit` open at a time. The
    first exception raised by any stream is raised here, and no stream is started after it."""
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(streams)):
        todo.put(index)
    events: queue.SimpleQueue[tuple] = (
        queue.SimpleQueue()
    )  # ("chunk", text) | ("done", i, text) | ("failed", exc)
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            try:
                pieces = []
                with closing(streams[index]()) as stream:
                    for piece in stream:
                        if stop.is_set():
                            return  # closing the stream drops the connection: the server stops writing
                        pieces.append(piece)
                        events.put(("chunk", piece))
                events.put(("done", index, "".join(pieces)))
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread, which raises it
                events.put(("failed", exc))
                return

    texts: list[Optional[str]] = [None] * len(streams)
    waiting = len(streams)
    try:  # from the first thread on: a Ctrl+C while the others start stops them too
        for n in range(min(limit, len(streams))):
            threading.Thread(target=work, name=f"{THREAD_NAME}-{n}", daemon=True).start()
        while waiting:
            try:
                event = events.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if event[0] == "chunk":
                if on_chunk:
                    on_chunk(event[1])
            elif event[0] == "done":
                texts[event[1]] = event[2]
                waiting -= 1
            else:
                raise event[1]
    finally:
        stop.set()
    return texts  # type: ignore[return-value] - every slot is filled once `waiting` is 0
