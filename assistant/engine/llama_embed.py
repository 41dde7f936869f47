"""Sentence embeddings from a GGUF through llama-cpp-python's ctypes bindings alone.

`soften` loads the model only to embed a few sentences (issue 19 holds it to twice its --no-model
time). The package's `__init__` (its `Llama` class, numpy, the chat formats with jinja2) took about
as long as loading the model and embedding together; the bindings module `llama_cpp.llama_cpp` is
a fifth of it. `Embedder` does what `Llama(embedding=True, ...).embed(texts)` does, with the same
model and context settings, so the vectors are the same ones the shipped classifiers were trained
on (tests/test_embeddings.py compares them)."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Callable
from typing import Optional

from assistant.errors import ModelError

# ggml's log levels in the library this package bundles (its include/ggml.h): NONE 0, DEBUG 1,
# INFO 2, WARN 3, ERROR 4, CONT 5 (the previous line goes on). Only errors are printed.
_ERROR, _CONTINUED = 4, 5
_log_state = {"last": 0, "loading": 0}  # the last line's level; loads under way (silent)


def submodule(name: str) -> types.ModuleType:
    """A module of the package `llama_cpp` (`llama_cpp` itself: the bindings, every C function of
    llama.cpp), imported without running the package's `__init__` where nothing has imported the
    package yet: the package is stood in for by a bare module with its path while the submodule
    loads, then taken out of sys.modules, so that a later `import llama_cpp` runs the real
    `__init__`, which finds the submodule already loaded and uses it (one library, one set of
    functions)."""
    full = f"llama_cpp.{name}"
    loaded = sys.modules.get(full)
    if loaded is not None:
        return loaded
    if "llama_cpp" in sys.modules:
        return importlib.import_module(full)
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError("No module named 'llama_cpp'")
    package = types.ModuleType("llama_cpp")
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    sys.modules["llama_cpp"] = package
    try:
        return importlib.import_module(full)
    finally:
        if sys.modules.get("llama_cpp") is package:
            del sys.modules["llama_cpp"]


def bindings() -> types.ModuleType:
    return submodule("llama_cpp")


@functools.lru_cache(maxsize=1)
def _tensors() -> Optional[ctypes.CDLL]:
    """ggml's base library (the one libllama links), for the three tensor functions the hidden
    state is read with (`Embedder`); None where it is not found beside the bindings."""
    from pathlib import Path

    try:
        base = Path(bindings().__file__).parent / "lib"
        lib = submodule("_ctypes_extensions").load_shared_library("ggml-base", base)
    except (OSError, RuntimeError):
        return None
    lib.ggml_get_name.restype = ctypes.c_char_p
    lib.ggml_get_name.argtypes = [ctypes.c_void_p]
    lib.ggml_get_data_f32.restype = ctypes.POINTER(ctypes.c_float)
    lib.ggml_get_data_f32.argtypes = [ctypes.c_void_p]
    lib.ggml_nelements.restype = ctypes.c_int64
    lib.ggml_nelements.argtypes = [ctypes.c_void_p]
    return lib


@functools.lru_cache(maxsize=1)
def init_backend() -> None:
    """llama.cpp's one-time start, with its log lines kept to errors (what
    `llama_cpp._logger.set_verbose(False)` means to do, without importing the package for it; the
    package's table reads ggml's WARN as ERROR and prints warnings)."""
    llama = bindings()
    if "llama_cpp._logger" not in sys.modules:  # the package's own logger replaces this one

        @llama.llama_log_callback
        def log(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
            if level != _CONTINUED:
                _log_state["last"] = level
            if _log_state["last"] == _ERROR and not _log_state["loading"]:
                print(text.decode("utf-8", errors="replace"), end="", flush=True, file=sys.stderr)

        llama.llama_log_set(log, ctypes.c_void_p(0))
        init_backend.log = log  # the C side keeps only a pointer: keep the function alive
    llama.llama_backend_init()


@contextlib.contextmanager
def _silent_load():
    """No llama.cpp log line while a model loads. With our log callback, its lines are dropped
    and the process's stdout and stderr are left alone (a load in a background thread, tried for
    issue 19 and dropped as no faster, lost soften's whole report to /dev/null). Where the package's own logger has replaced ours (the
    writing model was loaded first), its warnings can only be hidden as the package hides them:
    stdout and stderr sent to /dev/null for the time of the load."""
    if "llama_cpp._logger" in sys.modules:
        with submodule("_utils").suppress_stdout_stderr(disable=False):
            yield
        return
    _log_state["loading"] += 1
    try:
        yield
    finally:
        _log_state["loading"] -= 1


def requantize(source, out) -> None:
    """The GGUF `source` written to `out` with its weights in Q8_0 (llama.cpp's
    `llama_model_quantize`), silently; ModelError where llama.cpp cannot. Embedding a batch of
    text is matrix products over many tokens, which llama.cpp runs on Q8_0 weights in about half
    the time it takes on Q4_1 (the embedded model's type; benchmarks in docs/performance.md), and
    the vectors differ by a cosine under 1e-4."""
    llama = bindings()
    init_backend()
    params = llama.llama_model_quantize_default_params()
    params.ftype = llama.LLAMA_FTYPE_MOSTLY_Q8_0
    params.allow_requantize = True  # the source is already quantised
    with _silent_load():
        code = llama.llama_model_quantize(
            os.fsencode(source), os.fsencode(out), ctypes.byref(params)
        )
    if code != 0:
        raise ModelError(f"{source}: llama.cpp could not requantise this model (code {code})")


HIDDEN = b"result_norm"  # llama.cpp's name for the last hidden state, after the output norm


class Embedder:
    """A model and a context in embedding mode (mean pooling) with one batch of `tokens` tokens:
    the settings `Llama(model_path, embedding=True, pooling_type=MEAN, n_ctx=tokens,
    n_batch=tokens, n_ubatch=tokens, n_threads=threads, n_threads_batch=threads)` gives them.

    In embedding mode llama.cpp still multiplies every token's hidden state by the vocabulary
    (49,152 x 576 for SmolLM2: a third of the cut model's work) and throws the logits away. So
    each decode is stopped where the hidden state is computed (`HIDDEN`, through the scheduler's
    eval callback) and its mean is taken here, per text: the vectors llama.cpp's pooling gives,
    within float rounding (session 35, docs/performance.md). Where the tensor is not found (another
    llama.cpp), the whole graph runs and llama.cpp pools, as before."""

    def __init__(self, model_path: str, tokens: int, threads: int):
        llama = self.llama = bindings()
        init_backend()
        self.tokens = tokens
        self.model = self.ctx = self.batch = None
        self._hidden: list[list[float]] = []  # the hidden state of the batch just decoded
        self._stopping = True  # whether decodes stop at HIDDEN (see _stop_at_hidden)
        self._at_hidden = self._stop_at_hidden()
        params = llama.llama_model_default_params()
        params.n_gpu_layers = 0
        params.split_mode = llama.LLAMA_SPLIT_MODE_LAYER
        params.main_gpu = 0
        params.vocab_only = False
        params.load_mode = llama.LLAMA_LOAD_MODE_MMAP  # weights mapped, not copied
        # loading is silent, as in `Llama(verbose=False)`: llama.cpp warns that the GGUF names no
        # pooling type (it is set below); a failure is the exception raised here
        with _silent_load():
            try:
                self._load(os.fsencode(model_path), params, threads)
            except BaseException:
                self.close()
                raise

    def _load(self, path: bytes, params, threads: int) -> None:
        llama = self.llama
        self.model = llama.llama_model_load_from_file(path, params)
        if not self.model:
            raise ValueError(f"Failed to load model from file: {os.fsdecode(path)}")
        self.vocab = llama.llama_model_get_vocab(self.model)
        self.width = llama.llama_model_n_embd(self.model)
        context = self._context_params(threads)
        self.n_seq_max = context.n_seq_max
        self.ctx = llama.llama_init_from_model(self.model, context)
        if not self.ctx:
            raise ValueError("Failed to create llama_context")
        self.memory = llama.llama_get_memory(self.ctx)
        self.batch = llama.llama_batch_init(self.tokens, 0, 1)  # each token in one sequence

    def _context_params(self, threads: int):
        llama, tokens = self.llama, self.tokens
        params = llama.llama_context_default_params()
        params.n_ctx = params.n_batch = params.n_ubatch = tokens
        params.n_threads = params.n_threads_batch = threads
        params.rope_scaling_type = llama.LLAMA_ROPE_SCALING_TYPE_UNSPECIFIED
        params.pooling_type = llama.LLAMA_POOLING_TYPE_MEAN
        params.attention_type = llama.LLAMA_ATTENTION_TYPE_UNSPECIFIED
        params.rope_freq_base = params.rope_freq_scale = 0.0
        params.yarn_ext_factor, params.yarn_attn_factor = -1.0, 1.0
        params.yarn_beta_fast, params.yarn_beta_slow = 32.0, 1.0
        params.yarn_orig_ctx = 0
        params.embeddings = True
        params.offload_kqv = True
        params.flash_attn_type = llama.LLAMA_FLASH_ATTN_TYPE_DISABLED
        params.no_perf = False
        if self._at_hidden is not None:
            params.cb_eval = self._at_hidden
        params.n_seq_max = min(tokens, llama.llama_max_parallel_sequences())
        params.kv_unified = True
        return params

    def _stop_at_hidden(self):
        """The eval callback that asks for the hidden state, keeps a copy and stops the graph
        there (the vocabulary's product and llama.cpp's pooling are never computed); None without
        ggml's tensor functions."""
        lib = _tensors()
        if lib is None:
            return None
        hidden = self._hidden

        @self.llama.ggml_backend_sched_eval_callback
        def at_hidden(tensor, ask: bool, user_data) -> bool:
            if not (self._stopping and lib.ggml_get_name(tensor) == HIDDEN):
                return not ask  # not needed: computed with its neighbours
            if ask:
                return True
            hidden.append(lib.ggml_get_data_f32(tensor)[: lib.ggml_nelements(tensor)])
            return False  # stop here

        return at_hidden

    def set_threads(self, threads: int) -> None:
        self.llama.llama_set_n_threads(self.ctx, threads, threads)

    def tokenize(self, text: str) -> list[int]:
        """The text's tokens, the model's BOS first where its vocabulary adds one."""
        data = text.encode("utf-8")
        size = len(data) + 2
        for _ in range(2):
            buffer = (self.llama.llama_token * size)()
            n = self.llama.llama_tokenize(self.vocab, data, len(data), buffer, size, True, False)
            if n >= 0:
                return list(buffer[:n])
            size = -n  # too small: llama.cpp says how many it needs
        raise RuntimeError(f"llama.cpp could not tokenize {text!r}")

    def embed(
        self, texts: list[str], before_decode: Optional[Callable[[], None]] = None
    ) -> list[list[float]]:
        """One mean-pooled vector per text, not normalised; the texts go together as sequences of
        one batch until its tokens or sequences are full (a text is cut to the batch's tokens).
        `before_decode` is called before each batch is decoded (embed_worker.py sets the threads
        there). An empty text has no token to pool: it is embedded as a space."""
        vectors: list[list[float]] = []
        batch, lengths = self.batch, []  # the tokens of each text in the batch
        batch.n_tokens = 0
        for text in texts:
            tokens = self.tokenize(text if text.strip() else " ")[: self.tokens]
            if sum(lengths) + len(tokens) > self.tokens or len(lengths) >= self.n_seq_max:
                vectors += self._decode(lengths, before_decode)
                lengths = []
            start, sequence = batch.n_tokens, len(lengths)
            for i, token in enumerate(tokens):
                batch.token[start + i] = token
                batch.pos[start + i] = i
                batch.seq_id[start + i][0] = sequence
                batch.n_seq_id[start + i] = 1
                batch.logits[start + i] = True  # embedding mode pools every token's output
            batch.n_tokens = start + len(tokens)
            lengths.append(len(tokens))
        vectors += self._decode(lengths, before_decode)
        self.llama.llama_memory_clear(self.memory, True)
        return vectors

    def _decode(
        self, lengths: list[int], before: Optional[Callable[[], None]] = None
    ) -> list[list[float]]:
        if before is not None:
            before()
        llama = self.llama
        llama.llama_memory_clear(self.memory, True)
        self._hidden.clear()
        code = llama.llama_decode(self.ctx, self.batch)
        if code == 0 and self._hidden:
            pooled = self._pooled(lengths)
            if pooled is not None:
                self.batch.n_tokens = 0
                return pooled
            self._stopping = False  # not the hidden state expected: the whole graph from now on
            return self._decode(lengths)
        self.batch.n_tokens = 0
        if code != 0:
            raise RuntimeError(f"llama_decode returned {code}")
        return [
            llama.llama_get_embeddings_seq(self.ctx, i)[: self.width] for i in range(len(lengths))
        ]

    def _pooled(self, lengths: list[int]) -> Optional[list[list[float]]]:
        """The mean of each text's rows of the hidden state kept by `_stop_at_hidden` (one row of
        `width` numbers per token, the texts' tokens one after another), or None if it is not
        one row per token of the batch."""
        width, hidden = self.width, self._hidden
        if len(hidden) != 1 or len(hidden[0]) != sum(lengths) * width:
            return None
        rows, vectors = hidden[0], []
        start = 0
        for n in lengths:
            text = (rows[(start + i) * width : (start + i + 1) * width] for i in range(n))
            vectors.append([sum(column) / n for column in zip(*text)])
            start += n
        return vectors

    def close(self) -> None:
        """The batch, the context, then the model freed (the context before its model)."""
        llama = self.llama
        if self.batch is not None:
            llama.llama_batch_free(self.batch)
            self.batch = None
        if self.ctx:
            llama.llama_free(self.ctx)
        self.ctx = None
        if self.model:
            llama.llama_model_free(self.model)
        self.model = None
