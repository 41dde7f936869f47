"""Generation options: a pydantic model that rejects unknown fields."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class GenerateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: float = Field(0.2, ge=0.0, le=2.0)
    max_tokens: int = Field(128, ge=1, le=8192)
    seed: int = 7
    n_ctx: int = Field(2048, ge=256, le=131072)
    n_threads: Optional[int] = Field(None, ge=1, le=256)
    stop: list[str] = []
    repeat_penalty: float = Field(1.1, ge=0.5, le=2.0)
    grammar: Optional[str] = Field(None, description="a GBNF grammar the output must follow")
    cache_instructions: bool = Field(
        False,
        description=(
            "the system prompt and worked examples hold none of the user's text: the model's state after "
            "reading them may be kept on disk for the next run"
        ),
    )
