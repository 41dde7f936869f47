"""Guarded generation: ask the model, check what came back, retry once with another seed and a
higher temperature, and report why it failed so the caller can fall back to its template."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple, Optional

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


RETRY_TEMPERATURE = (
    0.7  # a retry at the first attempt's 0.2 mostly writes the same refused text again
)


def _attempt_options(options: GenerateOptions, attempt: int) -> GenerateOptions:
    """The first attempt as the task asked; a retry with the next seed and more freedom: on the
    sample resumes, 0 of 29 refused bullet endings passed on a retry at the same temperature, 6 at 0.7."""
    if not attempt:
        return options
    return options.model_copy(
        update={
            "seed": options.seed + attempt,
            "temperature": max(options.temperature, RETRY_TEMPERATURE),
        }
    )


def kept_options(job: GuardJob) -> GenerateOptions:
    """The job's options, with `cache_instructions` dropped when the rendered instructions quote
    the user's text (prompts.quotes_user_text): decided by the prompt, not by the task."""
    from assistant.prompts import quotes_user_text

    if job.options.cache_instructions and quotes_user_text(job.messages[0]["content"]):
        return job.options.model_copy(update={"cache_instructions": False})
    return job.options


class GuardJob(NamedTuple):
    messages: list[Message]
    options: GenerateOptions
    validate: Validator


def guarded_generate_many(
    backend: Backend,
    jobs: list[GuardJob],
    attempts: int = 2,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> list[GuardedDraft]:
    """Each job's draft: all first attempts together (a backend that can writes them side by side),
    then one more round, with the next seed and more freedom, for the drafts the guard refused."""
    results = [GuardedDraft() for _ in jobs]
    todo = []
    for i, job in enumerate(jobs):
        needed = sum(estimate_tokens(m["content"]) for m in job.messages)
        budget = prompt_budget(backend.info(), job.options)
        if needed > budget:  # the model would fail on it: the caller's template is used instead
            results[i].skipped = (
                f"the inputs are too long for the model's context (about {needed} tokens; "
                f"{budget} fit), so the template was used"
            )
        else:
            todo.append(i)
    for round_ in range(attempts):
        if not todo:
            break
        calls = [(jobs[i].messages, _attempt_options(kept_options(jobs[i]), round_)) for i in todo]
        texts = backend.generate_many(calls, on_chunk)
        refused = []
        for i, (_, opts), raw in zip(todo, calls, texts):
            text = clean_output(raw)
            attempt = Attempt(seed=opts.seed, text=text, checks=jobs[i].validate(text))
            results[i].attempts.append(attempt)
            if attempt.passed:
                results[i].text, results[i].checks = text, attempt.checks
            else:
                refused.append(i)
        todo = refused
    return results


def guarded_generate(
    backend: Backend,
    messages: list[Message],
    options: GenerateOptions,
    validate: Validator,
    attempts: int = 2,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> GuardedDraft:
    return guarded_generate_many(
        backend, [GuardJob(messages, options, validate)], attempts, on_chunk
    )[0]
