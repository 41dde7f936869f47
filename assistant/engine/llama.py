"""The in-process backend: llama-cpp-python, imported only when a model is loaded."""

from __future__ import annotations

import os
import threading
from typing import Iterator, Optional

from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.gguf import read_gguf
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError

_LOADED: dict[tuple, object] = {}
_LOCK = threading.Lock()


def default_threads() -> int:
    """Physical cores where we can tell, else the usable CPUs; at most 8."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return max(1, min(8, usable))


class LlamaBackend(Backend):
    name = "llama"

    def __init__(self, model_path: str, n_ctx: int = 2048, n_threads: Optional[int] = None):
        self.gguf = read_gguf(model_path)  # a clear error before llama.cpp sees a bad file
        self.model_path = model_path
        self.n_ctx = min(n_ctx, self.gguf.context_length or n_ctx)
        self.n_threads = n_threads or default_threads()
        self._llm = None

    @property
    def llm(self):
        """The loaded model, shared by every backend on the same file in this process."""
        if self._llm is None:
            key = (self.model_path, self.n_ctx, self.n_threads)
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
            return Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads,
                         n_threads_batch=self.n_threads, use_mmap=True, verbose=False)
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
        if options.grammar:
            from llama_cpp import LlamaGrammar

            kwargs["grammar"] = LlamaGrammar.from_string(options.grammar, verbose=False)
        for chunk in self.llm.create_chat_completion(**kwargs):
            text = chunk["choices"][0]["delta"].get("content")
            if text:
                yield text

    def info(self) -> ModelInfo:
        return ModelInfo(backend="llama", name=os.path.basename(self.model_path), path=self.model_path,
                         parameters=self.gguf.parameters, context_length=self.n_ctx)
