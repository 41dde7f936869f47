"""Asking the model, the one way: send the prompt, check what came back with the task's checks,
retry once with another seed and a higher temperature, and fall back to the task's own text when
the guard refuses every attempt; the result carries the generation record (assistant/generation).

A task describes what it wants as data, an `Ask`: the messages, the options (a preset from
assistant/engine/options), the checks and the facts they compare against, the fallback text, and
where the model's output lands (`frames`: the final text with SLOT where the output goes)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Optional, Union

from pydantic import BaseModel

from assistant.engine.base import Backend, Message
from assistant.engine.budget import estimate_tokens, prompt_budget
from assistant.engine.options import GenerateOptions
from assistant.generation import Generation, as_checks, join_notices, refused
from assistant.guard.char_limit import char_count
from assistant.guard.checks import CheckResult, failed

# A check: the text and the facts it may use -> one result or several.
Check = Callable[[str, Any], Union[CheckResult, list[CheckResult]]]
SLOT = "\x00model\x00"  # where the model's output lands in a frame
RETRY_TEMPERATURE = 0.7  # a retry at the first attempt's 0.2 mostly writes the same refused text


@dataclass(frozen=True)
class Ask:
    """One piece of text a task would like the model to write."""

    messages: list[Message]
    options: GenerateOptions
    fallback: str  # the task's own text, used when the model is not asked or is refused
    facts: Any = None  # what the checks compare against
    checks: Sequence[Check] = ()  # run on the model's output
    text_checks: Sequence[Check] = ()  # run on the final text (the frame filled, or the fallback)
    fallback_facts: Any = None  # the facts for checking the fallback (default: `facts`)
    frames: tuple[str, ...] = (SLOT,)  # the output fills the first frame whose text fits max_chars
    max_chars: Optional[int] = None
    what: str = "draft"  # "the guard refused the model's <what>"
    notice: str = ""  # what the task did to the prompt (cut, left out), said whoever writes


class Attempt(BaseModel):
    seed: int
    text: str
    checks: list[CheckResult]

    @property
    def passed(self) -> bool:
        return not failed(self.checks)


class Drafted(BaseModel):
    """The final text, the model's output when it was kept, and the record."""

    text: str
    output: Optional[str] = None  # the model's own words, when the guard kept them
    generation: Generation
    attempts: list[Attempt] = []

    def failure_summary(self) -> str:
        """One line: which checks failed on the last attempt, and why."""
        if not self.attempts:
            return ""
        return summary(self.attempts[-1].checks)


def summary(checks: list[CheckResult]) -> str:
    return "; ".join(f"{c.code} ({c.detail})" if c.detail else c.code for c in failed(checks))


def run_checks(checks: Sequence[Check], text: str, facts: Any) -> list[CheckResult]:
    out: list[CheckResult] = []
    for check in checks:
        result = check(text, facts)
        out.extend(result if isinstance(result, list) else [result])
    return out


def clean_output(text: str) -> str:
    """Strip what small models wrap around an answer: quotes, labels, trailing fragments."""
    text = unicodedata.normalize("NFC", text.strip())
    text = re.sub(r"^(?:sentence|answer|rewrite|output|email|subject)\s*:\s*", "", text, flags=re.I)
    if len(text) >= 2 and text[0] in "\"'\u201c" and text[-1] in "\"'\u201d":
        text = text[1:-1].strip()
    return text


def fill(ask: Ask, output: str) -> str:
    """The final text with the model's output in its place: the first frame that fits."""
    text = output
    for frame in ask.frames:
        text = frame.replace(SLOT, output)
        if ask.max_chars is None or char_count(text) <= ask.max_chars:
            break
    return text


def _validate(ask: Ask, output: str) -> list[CheckResult]:
    checks = run_checks(ask.checks, output, ask.facts)
    if ask.text_checks:
        checks += run_checks(ask.text_checks, fill(ask, output), ask.facts)
    return checks


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


def kept_options(ask: Ask) -> GenerateOptions:
    """The ask's options, with `cache_instructions` dropped when the rendered instructions quote
    the user's text (prompts.quotes_user_text): decided by the prompt, not by the task."""
    from assistant.prompts import quotes_user_text

    if ask.options.cache_instructions and quotes_user_text(ask.messages[0]["content"]):
        return ask.options.model_copy(update={"cache_instructions": False})
    return ask.options


def refusals(attempts: list[Attempt]) -> list[CheckResult]:
    """What the guard refused in each attempt: its failed checks, the detail saying which one."""
    return [
        CheckResult(
            code=c.code,
            passed=False,
            detail=f"refused attempt {n} (seed {a.seed})" + (f": {c.detail}" if c.detail else ""),
        )
        for n, a in enumerate(attempts, 1)
        for c in failed(a.checks)
    ]


def _fallback(
    ask: Ask, model: Optional[str], notice: Optional[str], attempts: Sequence[Attempt] = ()
) -> Drafted:
    """The task's own text; its record's checks list every refused attempt's failed checks
    first, then the checks of the text shown."""
    facts = ask.fallback_facts if ask.fallback_facts is not None else ask.facts
    checks = run_checks(ask.text_checks, ask.fallback, facts) if ask.text_checks else []
    return Drafted(
        text=ask.fallback,
        generation=Generation(
            source="template",
            model=model,
            checks=as_checks([*refusals(list(attempts)), *checks]),
            notice=notice,
        ),
    )


def generate_many(
    backend: Optional[Backend],
    asks: list[Ask],
    attempts: int = 2,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> list[Drafted]:
    """Each ask's text and record: all first attempts together (a backend that can writes them
    side by side), then one more round, with the next seed and more freedom, for those refused.
    Without a backend every ask gets its fallback."""
    if backend is None:
        return [_fallback(ask, None, join_notices(ask.notice)) for ask in asks]
    info = backend.info()
    done: dict[int, Drafted] = {}
    tried: dict[int, list[Attempt]] = {i: [] for i in range(len(asks))}
    todo = []
    for i, ask in enumerate(asks):
        needed = sum(estimate_tokens(m["content"]) for m in ask.messages)
        budget = prompt_budget(info, ask.options)
        if needed > budget:  # the model would fail on it: the fallback is used instead
            too_long = (
                f"the inputs are too long for the model's context (about {needed} tokens; "
                f"{budget} fit), so the template was used"
            )
            done[i] = _fallback(ask, info.name, join_notices(ask.notice, too_long))
        else:
            todo.append(i)
    for round_ in range(attempts):
        if not todo:
            break
        calls = [(asks[i].messages, _attempt_options(kept_options(asks[i]), round_)) for i in todo]
        refused_now = []
        for i, (_, opts), raw in zip(todo, calls, backend.generate_many(calls, on_chunk)):
            ask, output = asks[i], clean_output(raw)
            attempt = Attempt(seed=opts.seed, text=output, checks=_validate(ask, output))
            tried[i].append(attempt)
            if not attempt.passed:
                refused_now.append(i)
                continue
            text = fill(ask, output)
            final = run_checks(ask.text_checks, text, ask.facts) if ask.text_checks else []
            done[i] = Drafted(
                text=text,
                output=output,
                generation=Generation(
                    source="model",
                    model=info.name,
                    checks=as_checks(final or attempt.checks),
                    notice=join_notices(ask.notice),
                ),
            )
        todo = refused_now
    for i in todo:
        why = refused(asks[i].what, summary(tried[i][-1].checks))
        done[i] = _fallback(asks[i], info.name, join_notices(asks[i].notice, why), tried[i])
    for i, drafted in done.items():
        drafted.attempts = tried[i]
    return [done[i] for i in range(len(asks))]


def generate(
    backend: Optional[Backend],
    ask: Ask,
    attempts: int = 2,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> Drafted:
    """One ask's text and record (see generate_many)."""
    return generate_many(backend, [ask], attempts, on_chunk)[0]
