"""A fake backend for tests: returns queued output and records every prompt it got; its
embeddings are deterministic hashed bags of words (texts sharing words get similar vectors)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from typing import Optional

from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.options import GenerateOptions
from assistant.errors import NoEmbeddingsError
from assistant.text import tokens

FAKE_EMBEDDING_SIZE = 64


def hashed_vector(text: str, size: int = FAKE_EMBEDDING_SIZE) -> list[float]:
    """A unit vector: each lower-cased word adds +1 or -1 to one of `size` slots chosen by its
    MD5 (stable across runs and machines, unlike hash()). An empty text gives zeros."""
    vector = [0.0] * size
    for word in tokens(text):
        digest = hashlib.md5(word.encode()).digest()
        vector[digest[0] % size] += 1.0 if digest[1] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector] if norm else vector


class FakeBackend(Backend):
    name = "fake"

    def __init__(
        self,
        outputs: Optional[list[str]] = None,
        parameters: int = 135_000_000,
        default: str = "",
        embeddings: bool = True,
        embedder: Optional[Callable[[str], list[float]]] = None,
    ):
        self.outputs = list(outputs or [])
        self.embeddings = embeddings  # False: behave like a backend without embeddings
        self.embedder = embedder or hashed_vector
        self.embedded: list[list[str]] = []  # every embed() call's texts, one list a batch
        self.embedded_layers: list[Optional[int]] = []  # and the layers each asked for
        self.default = default
        self.parameters = parameters
        self.calls: list[tuple[list[Message], GenerateOptions]] = []

    def queue(self, *outputs: str) -> FakeBackend:
        self.outputs.extend(outputs)
        return self

    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        self.calls.append(([dict(m) for m in messages], options))
        text = self.outputs.pop(0) if self.outputs else self.default
        for i in range(0, len(text), 7):
            yield text[i : i + 7]

    def embed(self, texts: list[str], layers: Optional[int] = None) -> list[list[float]]:
        if not self.embeddings:
            raise NoEmbeddingsError(f"this backend ({self.name}) gives no embeddings")
        self.embedded.append(list(texts))
        self.embedded_layers.append(layers)
        return [self.embedder(t) for t in texts]

    def info(self) -> ModelInfo:
        return ModelInfo(
            backend="fake", name="fake", parameters=self.parameters, context_length=2048
        )

    @property
    def prompts(self) -> list[str]:
        """Every message text received, joined per call: what tests assert on."""
        return ["\n".join(m["content"] for m in msgs) for msgs, _ in self.calls]
