"""Generation options: a pydantic model that rejects unknown fields, and the named presets every
task uses (one place to tune how long and how free the model's replies are)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GenerateOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: float = Field(0.2, ge=0.0, le=2.0)
    max_tokens: int = Field(128, ge=1, le=8192)
    seed: int = 7
    stop: list[str] = []
    repeat_penalty: float = Field(1.1, ge=0.5, le=2.0)
    cache_instructions: bool = Field(
        False,
        description=(
            "the system prompt and worked examples hold none of the user's text: the model's state "
            "after reading them may be kept on disk for the next run"
        ),
    )


def _line(max_tokens: int, temperature: float = 0.2, stop: str = "\n") -> GenerateOptions:
    """A short reply that ends at `stop`, after instructions that may be kept on disk."""
    return GenerateOptions(
        max_tokens=max_tokens,
        temperature=temperature,
        stop=[stop],
        repeat_penalty=1.1,
        cache_instructions=True,
    )


# One sentence in a template's slot (feedback, recruiter, network) or one rewritten sentence (soften).
SENTENCE = _line(60)
# A large model's whole email body.
FULL_BODY = GenerateOptions(max_tokens=320, temperature=0.3, repeat_penalty=1.1)
# The end of a resume bullet (a small model's slot in the critique).
BULLET_ENDING = _line(16)
# A whole rewritten resume bullet (a larger model).
BULLET = _line(48)
# The critique's summary of the most important fixes.
SUMMARY = _line(100, temperature=0.3, stop="\n\n")
# Two or three sentences of coaching on a practised answer.
COACHING = _line(90, temperature=0.3)
# One interview question tailored to a job line.
QUESTION = _line(48, temperature=0.3)
# `models --check`: a short reply, greedy (the timing) and sampled (side by side).
CHECK_GREEDY = GenerateOptions(max_tokens=48, temperature=0.0)
CHECK_SAMPLED = GenerateOptions(max_tokens=48, temperature=0.7)
