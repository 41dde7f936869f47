"""The backend interface: one generate() generator that yields text chunks."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Iterator, Optional

from pydantic import BaseModel

from assistant.engine.options import GenerateOptions

Message = dict  # {"role": "system"|"user"|"assistant", "content": str}


class ModelInfo(BaseModel):
    backend: str
    name: str
    path: Optional[str] = None
    parameters: Optional[int] = None  # None when unknown (a remote server)
    context_length: Optional[int] = None

    @property
    def is_small(self) -> bool:
        """Small models (under about 1B parameters) only fill small slots inside templates."""
        return self.parameters is not None and self.parameters < 1_000_000_000


class Backend(ABC):
    name: str = "backend"

    @abstractmethod
    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        """Yield the reply's text in chunks."""

    @abstractmethod
    def info(self) -> ModelInfo:
        """What model this is (for the guard's choice of task size and for --json)."""

    def complete(self, messages: list[Message], options: GenerateOptions) -> str:
        return "".join(self.generate(messages, options))
