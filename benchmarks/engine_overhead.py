"""Figure 3, run in its own process by bench.py: Rebound's LlamaBackend against bare
llama_cpp.Llama.create_chat_completion on the same model file (memory-mapped once), messages,
threads, seed and max tokens, alternating A B A B. Prints one JSON object on stdout.

Both sides stream, start from an empty KV cache (so the prompt is evaluated in full each time:
Rebound's kept prompt beginnings, in memory and on disk, are off here), and are timed the same
way: prompt tokens/s from the start to the first token, generated tokens/s from the first token
to the end. Token counts come from llama.cpp's own counters."""

from __future__ import annotations

import argparse
import json
import os
import resource
import time

import llama_cpp
from feedback_prompt import feedback_call

from assistant.engine import prefix_cache
from assistant.engine.llama import LlamaBackend

NOTE = "fixtures/notes/harrow-books.md"


def _timed(ctx, stream) -> dict:
    """Consume a token stream from a fresh context; return counts and speeds."""
    start = time.perf_counter()
    first = None
    for _ in stream:
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    perf = llama_cpp.llama_perf_context(ctx)
    first = first or end
    return {
        "prompt_tokens": perf.n_p_eval,
        "generated_tokens": perf.n_eval,
        "prompt_tps": perf.n_p_eval / max(first - start, 1e-9),
        "generated_tps": perf.n_eval / max(end - first, 1e-9),
        "wall_s": end - start,
    }


def _fresh(ctx, forget) -> None:
    forget()  # every run evaluates the whole prompt
    llama_cpp.llama_perf_context_reset(ctx)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=128)
    args = parser.parse_args()

    # The whole-email prompt writes long enough to measure generation; no stop sequence.
    messages, options = feedback_call(NOTE, parameters=3_000_000_000)
    options = options.model_copy(update={"max_tokens": args.max_tokens, "stop": []})
    os.environ[prefix_cache.ENV] = "0"
    backend = LlamaBackend(args.model)
    # Rebound asks for (writing, prompt) threads before every call; pin the pair it picks now for
    # the whole run, so that both sides always run on the same threads.
    threads = backend.threads()
    backend.threads = lambda: threads
    loaded = backend.loaded
    llm = llama_cpp.Llama(
        model_path=args.model,
        n_ctx=backend.n_ctx,
        n_threads=threads[0],
        n_threads_batch=threads[1],
        flash_attn=True,
        verbose=False,
    )

    def rebound():
        return backend.generate(messages, options)

    def bare():
        llama_cpp.llama_set_n_threads(llm.ctx, *threads)
        return llm.create_chat_completion(
            messages=messages,
            temperature=options.temperature,
            max_tokens=options.max_tokens,
            seed=options.seed,
            repeat_penalty=options.repeat_penalty,
            stream=True,
        )

    sides = {
        "rebound": (rebound, loaded.ctx.ctx, loaded.decoder.forget),
        "bare": (bare, llm.ctx, llm.reset),
    }
    runs = {"rebound": [], "bare": []}
    for i in range(args.pairs + 1):  # the first pair warms up and is not recorded
        for name, (make, ctx, forget) in sides.items():
            _fresh(ctx, forget)
            result = _timed(ctx, make())
            if i:
                runs[name].append(result)
    print(
        json.dumps(
            {
                "runs": runs,
                "threads": threads,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
