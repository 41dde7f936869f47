"""The in-process backend: llama-cpp-python, imported only when a model is loaded."""

from __future__ import annotations

import atexit
import functools
import os
import threading
from pathlib import Path
from typing import Iterator, Optional

from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.gguf import read_gguf
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError

_LOADED: dict[tuple, object] = {}
_LOCK = threading.Lock()


@atexit.register
def _close_all() -> None:
    """Free the loaded models before the interpreter tears down llama_cpp's module globals
    (left to Llama.__del__ at shutdown, freeing fails with a TypeError printed on stderr)."""
    with _LOCK:
        for llm in _LOADED.values():
            llm.close()
        _LOADED.clear()


def _usable_cpus() -> set[int]:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return set(range(os.cpu_count() or 1))


@functools.lru_cache(maxsize=1)
def physical_cores() -> int:
    """The physical cores among the CPUs this process may use (hyper-threads of one core count
    once: a second thread on the same core slows llama.cpp's matrix work down); where the kernel
    does not say (not Linux), the usable CPUs."""
    usable = _usable_cpus()
    cores = set()
    for cpu in usable:
        try:
            siblings = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list").read_text()
        except OSError:
            return len(usable)
        cores.add(siblings.strip())
    return max(1, len(cores))


def busy_cpus() -> int:
    """How many other tasks are running right now (the kernel's runnable count, less this one)."""
    try:
        running = Path("/proc/loadavg").read_text().split()[3].split("/")[0]
        return max(0, int(running) - 1)
    except (OSError, IndexError, ValueError):
        return 0


def default_threads() -> int:
    """One thread per physical core that is free now; at least 1, at most 8. llama.cpp's threads
    wait for each other after every layer, so one thread that shares its core with another busy
    process stalls them all: on the 2-core benchmark machine with other work running, 2 threads
    took from 1.5 s up to 36 s for a 22-token sentence that 1 thread wrote in 0.86 s; idle, 2
    threads evaluated its prompt in 0.35 s against 0.68 s (benchmarks/, `make bench`)."""
    return max(1, min(8, physical_cores() - busy_cpus()))


class LlamaBackend(Backend):
    name = "llama"

    def __init__(self, model_path: str, n_ctx: int = 2048, n_threads: Optional[int] = None):
        self.gguf = read_gguf(model_path)  # a clear error before llama.cpp sees a bad file
        self.model_path = model_path
        self.n_ctx = min(n_ctx, self.gguf.context_length or n_ctx)
        self.fixed_threads = n_threads  # None: fit the free cores before every generation
        self._llm = None

    def threads(self) -> tuple[int, int]:
        """(writing, prompt) threads for the next generation, asked anew each time so that a long
        batch follows the machine's load. Evaluating a prompt is one large matrix product a layer
        and shares well; writing a token with a small model is too little work to share: 1 thread
        wrote as fast as 2 on SmolLM2, and a single thread is never stalled by a busy core."""
        if self.fixed_threads:
            return self.fixed_threads, self.fixed_threads
        prompt = default_threads()
        return (1 if self.info().is_small else prompt), prompt

    @property
    def llm(self):
        """The loaded model, shared by every backend on the same file in this process."""
        if self._llm is None:
            key = (self.model_path, self.n_ctx)
            with _LOCK:
                if key not in _LOADED:
                    _LOADED[key] = self._load()
            self._llm = _LOADED[key]
        return self._llm

    def _load(self):
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelError(f"llama-cpp-python is not installed ({exc}); run `make venv`") from None
        try:
            # Weights are memory-mapped (shared page cache, nothing copied at load). Flash attention
            # wrote 15-20% more tokens/s on SmolLM2 with the same prompt-evaluation speed.
            writing, prompt = self.threads()
            return Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=writing,
                         n_threads_batch=prompt, use_mmap=True, flash_attn=True, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"{self.model_path}: llama.cpp could not load this model ({exc})") from None

    def load(self) -> None:
        _ = self.llm

    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        kwargs = dict(
            messages=messages, temperature=options.temperature, max_tokens=options.max_tokens,
            seed=options.seed, stop=options.stop or None, repeat_penalty=options.repeat_penalty,
            stream=True,
        )
        from llama_cpp import LlamaGrammar, llama_set_n_threads

        if options.grammar:
            kwargs["grammar"] = LlamaGrammar.from_string(options.grammar, verbose=False)
        llm = self.llm
        llama_set_n_threads(llm.ctx, *self.threads())
        for chunk in llm.create_chat_completion(**kwargs):
            text = chunk["choices"][0]["delta"].get("content")
            if text:
                yield text

    def info(self) -> ModelInfo:
        return ModelInfo(backend="llama", name=os.path.basename(self.model_path), path=self.model_path,
                         parameters=self.gguf.parameters, context_length=self.n_ctx)
