"""The `rebound` entry point. Before the command line is built (typer, rich and the command's
modules: 0.2-0.4 s), it starts the one thing a command will wait for in a process of its own:
`practice --answers` with a model gets its embedding worker at once (embed_worker.prestart), so
that the model loads beside the start-up. It also turns on the cache of compiled patterns
(assistant/regex.py) before a module compiles one, and writes back those it did not hold.
Everything else is the command line's (assistant/cli)."""

from __future__ import annotations

import gc
import sys

# Python's cycle collector runs after every 700 new objects: the start-up (the imports, pydantic's
# schemas, the data files) makes some 70,000 that live as long as the process, and `critique
# RESUME --job JD --no-model` spent 35 ms of its 0.7 s in 112 collections that freed ~760 objects.
# Every 100,000 instead: a single command is not collected at all, a long batch still is.
GC_EVERY = 100_000


def main() -> None:
    gc.set_threshold(GC_EVERY, *gc.get_threshold()[1:])
    from assistant import regex

    regex.keep_compiled()  # before any of Rebound's patterns is compiled (assistant/regex.py)
    try:
        head_start(sys.argv[1:])
        from assistant.cli import main as command_line

        command_line()
    finally:
        regex.save()
        # Python's last act is a collection over every object still alive, then their freeing:
        # ~0.1 s of a 0.3-0.4 s command here (`critique RESUME --job JD --no-model`, `practice
        # --answers`). Frozen, they are left out of it; the memory goes back to the system with
        # the process. Everything else of the exit is as usual: atexit, buffers, files closed.
        gc.freeze()


def head_start(args: list[str]) -> None:
    """Start the embedding worker for `practice --answers FILE` unless it runs without a model,
    shows its history or help, or reads its answers from stdin. A guess: the command takes the
    worker over only if its model and texts are the ones it needs (embed_worker.start)."""
    if not args or args[0] != "practice" or {"--no-model", "--history", "--help", "-h"} & set(args):
        return
    path = _value(args, "--answers")
    if path is None or path == "-":
        return
    from assistant.engine import embed_worker

    def texts() -> list[str]:
        from assistant.cli.practice import answer_texts

        return answer_texts(path)

    embed_worker.prestart(texts)


def _value(args: list[str], option: str) -> str | None:
    """The value of `option` as the command line gives it (`--answers F` or `--answers=F`)."""
    for i, arg in enumerate(args):
        if arg == option and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(option + "="):
            return arg[len(option) + 1 :]
    return None
