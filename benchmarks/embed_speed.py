"""Sentence embeddings with the llama.cpp backend: milliseconds per sentence, one call per
sentence against all of them in one call (one batch). Prints JSON for bench.py."""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences() -> list[str]:
    out = []
    for file in sorted((ROOT / "fixtures" / "followups").glob("*/*.txt")):
        text = " ".join(file.read_text(encoding="utf-8").split())
        out += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]
    return out[:32]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from assistant.engine.llama import LlamaBackend

    backend = LlamaBackend(args.model)
    texts = sentences()
    start = time.perf_counter()
    first = backend.embed(texts[:1])
    first_call = time.perf_counter() - start
    single, batched, single_cpu, batched_cpu = [], [], [], []
    for _ in range(args.repeat):  # alternating, so that a busy moment hits both alike
        start, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            backend.embed([text])
        single.append((time.perf_counter() - start) * 1000 / len(texts))
        single_cpu.append((time.process_time() - cpu) * 1000 / len(texts))
        start, cpu = time.perf_counter(), time.process_time()
        backend.embed(texts)
        batched.append((time.perf_counter() - start) * 1000 / len(texts))
        batched_cpu.append((time.process_time() - cpu) * 1000 / len(texts))
    print(
        json.dumps(
            {
                "sentences": len(texts),
                "dimensions": len(first[0]),
                "first_call_s": first_call,
                "single_ms": single,
                "batched_ms": batched,
                "single_cpu_ms": single_cpu,  # CPU time: what other work on the machine
                "batched_cpu_ms": batched_cpu,  # does not inflate
            }
        )
    )


if __name__ == "__main__":
    main()
