"""Sentence embeddings as a backend capability: the fake backend's deterministic vectors, one clear
error where a backend has none, and the real SmolLM2 in embedding mode (batched = one by one)."""

from __future__ import annotations

import math
from collections.abc import Iterator

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
