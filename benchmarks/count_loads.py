"""Run `rebound ARGS...` with every llama.cpp model load counted; the count goes to the file
named by BENCH_LOAD_COUNT. bench.py uses it once (untimed) to check a batch loads the model once."""

from __future__ import annotations

import atexit
import os
import sys

from llama_cpp import _internals

loads = 0
_init = _internals.LlamaModel.__init__


def _counting_init(self, *args, **kwargs):
    global loads
    loads += 1
    _init(self, *args, **kwargs)


def _write_count() -> None:
    with open(os.environ["BENCH_LOAD_COUNT"], "w", encoding="utf-8") as out:
        out.write(str(loads))


_internals.LlamaModel.__init__ = _counting_init
atexit.register(_write_count)

if __name__ == "__main__":
    from assistant.cli import main

    sys.argv = ["rebound", *sys.argv[1:]]
    main()
