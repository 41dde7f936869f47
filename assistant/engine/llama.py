"""The in-process backend: llama.cpp through llama-cpp-python's bindings, imported only when a
model is loaded. The prompt is rendered with the model's chat template (llama_prompt.py) and written
by llama_decode.py: one reply streamed, or many side by side. Sentence embeddings come from the same
GGUF in embedding mode (mean pooling), a second context created on first use through the bindings
alone (llama_embed.py)."""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Iterator
from typing import Optional

from assistant.engine.base import Backend, Call, Message, ModelInfo
from assistant.engine.cores import default_threads
from assistant.engine.gguf import read_gguf
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError, NoEmbeddingsError

_LOADED: dict[tuple, object] = {}
_EMBEDDERS: dict[str, object] = {}  # model file (the whole model or a cut) -> llama_embed.Embedder
_LOCK = threading.Lock()
# Context and batch of the embedding context: the sentences of a draft go 128 tokens a batch (a
# sentence longer than that is cut to its first 128 tokens). Smaller than the 512 it was, so that
# loading it sizes smaller buffers: `soften` loads it for a few sentences (benchmarks/, issue 19).
EMBED_TOKENS = 128
EMBED_WEIGHTS = "q8_0"  # the cut model's weights (cut_model)


@atexit.register
def _close_all() -> None:
    """Free the loaded models before the interpreter tears down llama_cpp's module globals
    (left to __del__ at shutdown, freeing fails with a TypeError printed on stderr)."""
    with _LOCK:
        for loaded in _LOADED.values():
            loaded.decoder.close()
        _LOADED.clear()
        for embedder in _EMBEDDERS.values():
            embedder.close()
        _EMBEDDERS.clear()


class _Loaded:
    """A model with its context, chat template and decoder, shared by every backend on the same file."""

    def __init__(self, model_path: str, n_ctx: int, threads: tuple[int, int]):
        import llama_cpp
        from llama_cpp import _internals
        from llama_cpp._logger import set_verbose

        from assistant.engine.llama_decode import Decoder, context_settings, settings
        from assistant.engine.llama_embed import init_backend
        from assistant.engine.llama_prompt import ChatTemplate
        from assistant.engine.prefix_cache import PrefixCache

        set_verbose(False)  # llama.cpp's own log lines only for errors
        init_backend()
        # weights mapped (shared page cache), not copied; all layers on the GPU where llama.cpp has one
        params = settings(
            llama_cpp.llama_model_default_params(), load_mode=llama_cpp.LLAMA_LOAD_MODE_MMAP
        )
        model = _internals.LlamaModel(path_model=model_path, params=params, verbose=False)
        try:
            self.ctx = _internals.LlamaContext(
                model=model, params=context_settings(llama_cpp, n_ctx, *threads), verbose=False
            )
            self.template = ChatTemplate(model)
        except BaseException:
            model.close()  # and the context with it
            raise
        self.decoder = Decoder(
            model, self.ctx, PrefixCache(model_path, settings=f"n_ctx={n_ctx} flash-attention f16")
        )


def cut_model(model_path: str, layers: int) -> str:
    """The model file cut to its first `layers` blocks (gguf.first_layers) with its weights in
    Q8_0 (llama_embed.requantize: embeddings in about half the time), kept in the user directory;
    NoEmbeddingsError where there is none to keep it in."""
    from assistant.engine import gguf
    from assistant.engine.llama_embed import requantize

    cut = gguf.first_layers(model_path, layers, requantize, EMBED_WEIGHTS)
    if cut is None:
        raise NoEmbeddingsError(
            f"{model_path}: no user directory to keep the model's first {layers} layers in"
        )
    return str(cut)


class LlamaBackend(Backend):
    name = "llama"

    def __init__(
        self,
        model_path: str,
        n_ctx: int = 2048,
        n_threads: Optional[int] = None,
        whole_drafts: bool = False,
    ):
        self.gguf = read_gguf(model_path)  # a clear error before llama.cpp sees a bad file
        self.whole_drafts = whole_drafts  # ask for whole drafts whatever the model's size
        self.model_path = model_path
        self.n_ctx = min(n_ctx, self.gguf.context_length or n_ctx)
        self.fixed_threads = n_threads  # None: fit the free cores before every generation
        self._loaded: Optional[_Loaded] = None

    def threads(self) -> tuple[int, int]:
        """(writing, prompt) threads for the next generation, asked anew each time so that a long
        batch follows the machine's load. Evaluating a prompt is one large matrix product a layer
        and shares well; writing a token with a small model is too little work to share: 1 thread
        wrote as fast as 2 on SmolLM2, and a single thread is never stalled by a busy core. (Several
        sequences written side by side are a batch: llama.cpp gives them the prompt's threads.)"""
        if self.fixed_threads:
            return self.fixed_threads, self.fixed_threads
        prompt = default_threads()
        small = ModelInfo(backend="llama", name="", parameters=self.gguf.parameters).is_small
        return (1 if small else prompt), prompt

    @property
    def loaded(self) -> _Loaded:
        """The loaded model, shared by every backend on the same file in this process."""
        if self._loaded is None:
            key = (self.model_path, self.n_ctx)
            with _LOCK:
                if key not in _LOADED:
                    _LOADED[key] = self._load()
            self._loaded = _LOADED[key]
        return self._loaded

    def _load(self) -> _Loaded:
        try:
            import llama_cpp  # noqa: F401 - the install is checked before anything else
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelError(
                f"llama-cpp-python is not installed ({exc}); run `make venv`"
            ) from None
        from jinja2 import TemplateError

        try:
            return _Loaded(self.model_path, self.n_ctx, self.threads())
        except (ValueError, RuntimeError, OSError, TemplateError) as exc:
            raise ModelError(
                f"{self.model_path}: llama.cpp could not load this model ({exc})"
            ) from None

    def load(self) -> None:
        _ = self.loaded

    def _embedder(self, layers: Optional[int]):
        """The model in embedding mode, shared by every backend on the same file in this process;
        with `layers`, the model cut to its first blocks (gguf.first_layers)."""
        path = self.model_path if layers is None else cut_model(self.model_path, layers)
        with _LOCK:
            if path not in _EMBEDDERS:
                _EMBEDDERS[path] = self._load_embedder(path)
            return _EMBEDDERS[path]

    def _load_embedder(self, path: str):
        from assistant.engine.llama_embed import Embedder

        try:
            return Embedder(path, EMBED_TOKENS, self.threads()[1])
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelError(
                f"llama-cpp-python is not installed ({exc}); run `make venv`"
            ) from None
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(
                f"{self.model_path}: llama.cpp could not load this model for embeddings ({exc})"
            ) from None

    def embed(self, texts: list[str], layers: Optional[int] = None) -> list[list[float]]:
        """Mean-pooled embeddings, the texts decoded together as sequences of one batch (a new
        batch when EMBED_TOKENS are full; a longer text is cut to EMBED_TOKENS), the vectors of
        `llama_cpp.Llama.embed` without importing that class (llama_embed.py); with `layers`,
        those of the model's first `layers` blocks."""
        if not texts:
            return []
        embedder = self._embedder(layers)
        threads = self.threads()[1]
        with _LOCK:
            embedder.set_threads(threads)
            return embedder.embed(texts)

    def embed_apart(
        self, texts: list[str], layers: Optional[int] = None
    ) -> Callable[[], list[list[float]]]:
        """Start embedding `texts` in a process of its own (embed_worker.py), for a caller with
        other work to do first; the function returned waits for the vectors, the same ones
        `embed` gives. Where this process has the embedder loaded already, or the worker fails,
        they are embedded here. The worker takes one thread fewer than `embed`: the caller's
        own work keeps a core busy meanwhile (see default_threads), and every free one once the
        caller waits for them (the threads the user set, if any)."""
        texts = list(texts)
        path = self.model_path if layers is None else cut_model(self.model_path, layers)
        if not texts or path in _EMBEDDERS:
            return lambda: self.embed(texts, layers)
        from assistant.engine import embed_worker

        threads = self.threads()[1]
        return embed_worker.start(
            path,
            EMBED_TOKENS,
            max(1, threads - 1),
            texts,
            fallback=lambda: self.embed(texts, layers),
            waiting_threads=self.fixed_threads,
        )

    def _run(self, calls: list[Call]) -> Iterator[tuple[int, str]]:
        import llama_cpp

        loaded = self.loaded
        llama_cpp.llama_set_n_threads(loaded.ctx.ctx, *self.threads())
        prompts = [loaded.template.prompt(messages, options) for messages, options in calls]
        yield from loaded.decoder.run(prompts)

    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        for _, text in self._run([(messages, options)]):
            yield text

    def generate_many(
        self, calls: list[Call], on_chunk: Optional[Callable[[str], None]] = None
    ) -> list[str]:
        """Every reply, written side by side (see llama_decode.py)."""
        texts = [""] * len(calls)
        for index, text in self._run(calls):
            texts[index] += text
            if on_chunk:
                on_chunk(text)
        return texts

    def info(self) -> ModelInfo:
        return ModelInfo(
            backend="llama",
            name=os.path.basename(self.model_path),
            path=self.model_path,
            parameters=self.gguf.parameters,
            context_length=self.n_ctx,
            whole_drafts=self.whole_drafts,
        )
