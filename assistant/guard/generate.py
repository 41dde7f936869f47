"""Guarded generation: ask the model, check what came back, retry once with another seed,
and report why it failed so the caller can fall back to its template."""

from __future__ import annotations

import re
from typing import Callable, Optional

from pydantic import BaseModel

from assistant.engine.base import Backend, Message
from assistant.engine.budget import estimate_tokens, prompt_budget
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import CheckResult, failed

Validator = Callable[[str], list[CheckResult]]


class Attempt(BaseModel):
    seed: int
    text: str
    checks: list[CheckResult]

    @property
    def passed(self) -> bool:
        return not failed(self.checks)


class GuardedDraft(BaseModel):
    text: Optional[str] = None  # None: every attempt failed the guard, or the model was not asked
    checks: list[CheckResult] = []
    attempts: list[Attempt] = []
    skipped: str = ""  # why the model was not asked at all

    def failure_summary(self) -> str:
        """One line: which checks failed on the last attempt, and why."""
        if not self.attempts:
            return self.skipped
        bad = failed(self.attempts[-1].checks)
        return "; ".join(f"{c.name} ({c.detail})" if c.detail else c.name for c in bad)


def clean_output(text: str) -> str:
    """Strip what small models wrap around an answer: quotes, labels, trailing fragments."""
    text = text.strip()
    text = re.sub(r"^(?:sentence|answer|rewrite|output|email|subject)\s*:\s*", "", text, flags=re.I)
    if len(text) >= 2 and text[0] in "\"'\u201c" and text[-1] in "\"'\u201d":
        text = text[1:-1].strip()
    return text


def guarded_generate(
    backend: Backend,
    messages: list[Message],
    options: GenerateOptions,
    validate: Validator,
    attempts: int = 2,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> GuardedDraft:
    result = GuardedDraft()
    needed, budget = sum(estimate_tokens(m["content"]) for m in messages), prompt_budget(backend.info(), options)
    if needed > budget:  # the model would fail on it: the caller's template is used instead
        result.skipped = (f"the inputs are too long for the model's context (about {needed} tokens; "
                          f"{budget} fit), so the template was used")
        return result
    for i in range(attempts):
        opts = options.model_copy(update={"seed": options.seed + i})
        chunks = []
        for chunk in backend.generate(messages, opts):
            chunks.append(chunk)
            if on_chunk:
                on_chunk(chunk)
        text = clean_output("".join(chunks))
        attempt = Attempt(seed=opts.seed, text=text, checks=validate(text))
        result.attempts.append(attempt)
        if attempt.passed:
            result.text, result.checks = text, attempt.checks
            return result
    return result
