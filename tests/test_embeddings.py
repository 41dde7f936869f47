"""Sentence embeddings as a backend capability: the fake backend's deterministic vectors, one clear
error where a backend has none, and the real SmolLM2 in embedding mode (batched = one by one)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.engine.base import Backend, ModelInfo
from assistant.engine.fake import FAKE_EMBEDDING_SIZE, FakeBackend
from assistant.errors import ModelError, NoEmbeddingsError


def _cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class _TextOnly(Backend):
    name = "text-only"

    def generate(self, messages, options) -> Iterator[str]:
        yield ""

    def info(self) -> ModelInfo:
        return ModelInfo(backend="text-only", name="x")


def test_a_backend_without_embeddings_says_so_in_one_error():
    with pytest.raises(NoEmbeddingsError, match="gives no embeddings"):
        _TextOnly().embed(["Any update?"])
    assert issubclass(NoEmbeddingsError, ModelError)  # shown as one `rebound: error:` line
    with pytest.raises(NoEmbeddingsError):
        FakeBackend(embeddings=False).embed(["Any update?"])


def test_fake_embeddings_are_deterministic_and_batched():
    backend = FakeBackend()
    texts = ["I really need this job.", "Thank you for the update.", ""]
    first = backend.embed(texts)
    assert first == FakeBackend().embed(texts)  # the same on every run and machine
    assert len(first) == 3 and all(len(v) == FAKE_EMBEDDING_SIZE for v in first)
    assert first[2] == [0.0] * FAKE_EMBEDDING_SIZE
    assert backend.embedded == [texts]  # one call, one batch
    assert backend.embed([]) == []


def test_fake_embeddings_are_closer_for_texts_sharing_words():
    a, b, c = FakeBackend().embed(
        ["I really need this job", "I really need this job now", "The warehouse audit is done"]
    )
    assert _cos(a, b) > _cos(a, c)


def test_a_custom_fake_embedder_is_used():
    backend = FakeBackend(embedder=lambda t: [float(len(t)), 1.0])
    assert backend.embed(["ab", "abcd"]) == [[2.0, 1.0], [4.0, 1.0]]


# --- the real model ----------------------------------------------------------------------------


@pytest.mark.model
def test_smollm2_embeddings_batched_match_one_by_one(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    backend = LlamaBackend(embedded_model_path)
    texts = [
        "I am begging you, please give me another chance.",
        "Please, I really need this job so badly.",
        "Thank you for letting me know about the timeline.",
        "",
    ]
    batched = backend.embed(texts)
    single = [backend.embed([t])[0] for t in texts]
    assert len(batched) == 4 and len({len(v) for v in batched}) == 1 and len(batched[0]) > 100
    for b, s in zip(batched, single):
        assert _cos(b, s) > 0.999  # the batch's sequences do not see each other
    assert _cos(batched[0], batched[2]) < 0.99  # different sentences, different vectors


@pytest.mark.model
def test_smollm2_embeddings_are_those_of_llama_embed(embedded_model_path):
    """The bindings-only embedder gives the vectors `llama_cpp.Llama.embed` gives with the same
    settings (the shipped tone classifier was trained on those): across batches, cut texts and
    non-ASCII text."""
    import llama_cpp

    from assistant.engine.llama import EMBED_TOKENS, LlamaBackend

    backend = LlamaBackend(embedded_model_path, n_threads=1)
    texts = [
        "I am begging you, please give me another chance.",
        "Thank you for letting me know about the timeline.",
        "Any update?",
        "Ünïcödé — naïve café résumé, 😀.",
        "word " * 200,  # longer than the batch: cut to its first EMBED_TOKENS tokens
    ] * 3  # more tokens than one batch holds: decoded in several
    reference = llama_cpp.Llama(
        model_path=embedded_model_path,
        embedding=True,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
        n_ctx=EMBED_TOKENS,
        n_batch=EMBED_TOKENS,
        n_ubatch=EMBED_TOKENS,
        n_threads=1,
        n_threads_batch=1,
        verbose=False,
    )
    try:
        expected = reference.embed(texts)
        single = [reference.embed([t])[0] for t in texts[:5]]
    finally:
        reference.close()
    got = backend.embed(texts)
    assert len(got) == len(expected) == 15
    for g, e in zip(got + [backend.embed([t])[0] for t in texts[:5]], expected + single):
        assert len(g) == len(e) == 576
        assert max(abs(a - b) for a, b in zip(g, e)) <= 1e-6 * max(1.0, max(map(abs, e)))


@pytest.mark.model
def test_embeddings_then_the_full_package_then_generation_in_one_process(embedded_model_path):
    """Embeddings load only llama-cpp-python's bindings (not numpy, not the package's __init__);
    a later generation in the same process imports the whole package and writes."""
    import subprocess
    import sys

    script = f"""
import sys
from assistant.engine.llama import LlamaBackend
from assistant.engine.options import GenerateOptions
backend = LlamaBackend({embedded_model_path!r})
vector = backend.embed(["Any update on my application?"])[0]
assert len(vector) == 576, len(vector)
assert "numpy" not in sys.modules and "llama_cpp.llama" not in sys.modules, "heavy imports"
assert "llama_cpp" not in sys.modules, "the stand-in package was left behind"
import llama_cpp
assert llama_cpp.Llama and llama_cpp.llama_cpp is sys.modules["llama_cpp.llama_cpp"]
options = GenerateOptions(max_tokens=8, temperature=0.0)
text = "".join(backend.generate([{{"role": "user", "content": "Say hello."}}], options))
assert text.strip(), repr(text)
assert backend.embed(["Any update on my application?"])[0] == vector
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok" and done.stderr == ""


@pytest.mark.model
def test_a_model_llama_cpp_cannot_load_is_one_error_for_embeddings(
    tmp_path, embedded_model_path, capfd
):
    from assistant.engine.llama import LlamaBackend

    path = tmp_path / "cut.gguf"  # its header reads well; its last tensor is cut short
    path.write_bytes(Path(embedded_model_path).read_bytes()[:-1000])
    with pytest.raises(ModelError, match="could not load this model for embeddings") as error:
        LlamaBackend(str(path)).embed(["Any update?"])
    assert "\n" not in str(error.value)
    assert capfd.readouterr().err == ""  # llama.cpp's own complaints are not shown


# ---- llama.cpp's log ----


def test_llama_log_lines_show_errors_and_their_continuations_only(capfd):
    pytest.importorskip("llama_cpp")
    from assistant.engine import llama_embed

    llama_embed.init_backend()
    log = getattr(llama_embed.init_backend, "log", None)
    if log is None:
        pytest.skip("llama-cpp-python's own logger was loaded first in this process")
    for level, text in [
        (3, b"a warning\n"),
        (5, b"its tail\n"),
        (4, b"an error"),
        (5, b" goes on\n"),
    ]:
        log(level, text, None)
    log(2, b"some info\n", None)
    assert capfd.readouterr().err == "an error goes on\n"
