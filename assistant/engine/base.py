"""The backend interface: one generate() generator that yields text chunks, and embed() for
sentence embeddings where the backend has them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from typing import Optional

from pydantic import BaseModel

from assistant.engine.options import GenerateOptions
from assistant.errors import NoEmbeddingsError

Message = dict  # {"role": "system"|"user"|"assistant", "content": str}
Call = tuple[list[Message], GenerateOptions]


class ModelInfo(BaseModel):
    backend: str
    name: str
    path: Optional[str] = None
    parameters: Optional[int] = None  # None when unknown (a remote server)
    context_length: Optional[int] = None
    whole_drafts: bool = False  # treat the model as large whatever its size (whole_drafts setting)

    @property
    def is_small(self) -> bool:
        """Small models (under about 1B parameters) only fill small slots inside templates; the
        `whole_drafts` setting asks any model for whole drafts (the path of large models)."""
        if self.whole_drafts:
            return False
        return self.parameters is not None and self.parameters < 1_000_000_000


class Backend(ABC):
    name: str = "backend"

    @abstractmethod
    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        """Yield the reply's text in chunks."""

    @abstractmethod
    def info(self) -> ModelInfo:
        """What model this is (for the guard's choice of task size and for --json)."""

    def embed(self, texts: list[str], layers: Optional[int] = None) -> list[list[float]]:
        """One vector per text (the model's mean-pooled hidden state), computed in one batch
        where the backend can. `layers`: the hidden state after the model's first `layers` blocks
        instead of its last (a GGUF model run here only). A backend without embeddings, or
        without them at that layer, raises NoEmbeddingsError."""
        raise NoEmbeddingsError(f"this backend ({self.name}) gives no embeddings")

    def complete(self, messages: list[Message], options: GenerateOptions) -> str:
        return "".join(self.generate(messages, options))

    def generate_many(
        self, calls: list[Call], on_chunk: Optional[Callable[[str], None]] = None
    ) -> list[str]:
        """Every call's reply, in order. Here one after the other; a backend that can write
        several replies at once (llama.cpp's sequences) does."""
        texts = []
        for messages, options in calls:
            chunks = []
            for chunk in self.generate(messages, options):
                chunks.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
            texts.append("".join(chunks))
        return texts
