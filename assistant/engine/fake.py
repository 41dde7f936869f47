"""A fake backend for tests: returns queued output and records every prompt it got."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.options import GenerateOptions


class FakeBackend(Backend):
    name = "fake"

    def __init__(
        self, outputs: Optional[list[str]] = None, parameters: int = 135_000_000, default: str = ""
    ):
        self.outputs = list(outputs or [])
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

    def info(self) -> ModelInfo:
        return ModelInfo(
            backend="fake", name="fake", parameters=self.parameters, context_length=2048
        )

    @property
    def prompts(self) -> list[str]:
        """Every message text received, joined per call: what tests assert on."""
        return ["\n".join(m["content"] for m in msgs) for msgs, _ in self.calls]
