"""Practising answers: the deterministic critique of each answer (assistant/analysis/answers),
two or three sentences of coaching (the model's if the guard accepts them, else the template's),
and the session that `rebound practice --history` tracks over time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from assistant import prompts
from assistant.analysis.answers import STAR_PARTS, AnswerCritique, critique
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.guard.checks import DraftFacts
from assistant.guard.coaching import check_coaching
from assistant.guard.generate import Ask, generate
from assistant.guard.injection import strip_instructions
from assistant.stores.practice import AnswerReview

TASK = "practice"
MAX_PROMPT_ANSWER_WORDS = 150  # the answer the model sees is cut to this


def checks_summary(result: AnswerCritique) -> str:
    """The critique in one line for the prompt: 'has situation, action; missing: result; ...'."""
    present = result.star_present
    missing = [p for p in STAR_PARTS if p not in present]
    parts = []
    if present:
        parts.append("has " + ", ".join(present))
    if missing:
        parts.append("missing: " + ", ".join(missing))
    codes = {f.code for f in result.findings}
    parts += [
        text
        for code, text in (
            ("no-numbers", "uses no numbers"),
            ("hedging", "many hedges"),
            ("filler-words", "many filler words"),
            ("too-short", "too short"),
            ("too-long", "too long"),
        )
        if code in codes
    ]
    return "; ".join(parts)


def template_coaching(result: AnswerCritique) -> str:
    text = prompts.render(TASK, "fallback", critique=result, present=result.star_present)
    return " ".join(text.split())


def _cut(answer: str, limit: int = MAX_PROMPT_ANSWER_WORDS) -> str:
    words = strip_instructions(answer).split()
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")


def review_answer(
    question: str,
    answer: str,
    job_terms: list[str],
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> AnswerReview:
    result = critique(answer, job_terms)
    fallback = template_coaching(result)
    ask = Ask(messages=[], options=presets.COACHING, fallback=fallback, what="coaching")
    if backend is not None:
        msgs = prompts.messages(
            TASK,
            mode="coach",
            question=question,
            answer=_cut(answer),
            checks=checks_summary(result),
        )
        facts = DraftFacts(
            known_text="\n".join(
                [question, answer, fallback, *(f.message for f in result.findings)]
            ),
            prompt_text="\n".join(m["content"] for m in (msgs[0], msgs[-1])),
            min_words=12,
            max_words=70,
        )
        ask = Ask(
            messages=msgs,
            options=presets.COACHING,
            fallback=fallback,
            facts=facts,
            checks=(check_coaching,),
            what="coaching",
        )
    drafted = generate(backend, ask, on_chunk=on_chunk)
    return AnswerReview(
        question=question,
        answer=answer,
        critique=result,
        coaching=drafted.text,
        generation=drafted.generation,
    )
