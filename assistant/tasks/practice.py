"""Practising answers: the deterministic critique of each answer by the type of its question
(assistant/analysis/answers), a model answer outline for the question, two or three sentences of
coaching (the model's if the guard accepts them, else the template's), and the session that
`rebound practice --history` tracks over time.

A small model (the embedded SmolLM2-135M) is not asked for coaching at all: `rebound models
--check` measured it writing coaching the guard refused every time (0 of 6), so generating it
only cost time before the template was shown anyway."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, Optional

from pydantic import BaseModel, computed_field

from assistant import prompts
from assistant.analysis.answers import STAR_PARTS, AnswerCritique, critique
from assistant.analysis.question_bank import family_question
from assistant.analysis.relevance import question_type_of
from assistant.engine.base import Backend
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import DraftFacts
from assistant.guard.coaching import check_coaching
from assistant.guard.generate import guarded_generate
from assistant.guard.injection import strip_instructions

TASK = "practice"
COACH_OPTIONS = GenerateOptions(
    max_tokens=90, temperature=0.3, stop=["\n"], repeat_penalty=1.1, cache_instructions=True
)
MAX_PROMPT_ANSWER_WORDS = 150  # the answer the model sees is cut to this


class AnswerReview(BaseModel):
    question: str
    answer: str
    question_type: str = "behavioural"
    outline: list[str] = []  # a model answer outline for the question
    critique: AnswerCritique
    coaching: str
    coaching_source: Literal["model", "template"]
    model: Optional[str] = None
    notice: str = ""


class PracticeSession(BaseModel):
    id: Optional[int] = None
    started_at: dt.datetime
    job_title: Optional[str] = None
    job_source: Optional[str] = None
    reviews: list[AnswerReview] = []

    @computed_field
    @property
    def average_score(self) -> Optional[float]:
        if not self.reviews:
            return None
        return round(sum(r.critique.score for r in self.reviews) / len(self.reviews), 1)


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


SMALL_MODEL_NOTICE = (
    "coaching from the checks: the model is too small to write coaching the guard accepts "
    "(see `rebound models --check`), so it is not asked"
)


def question_outline(question: str) -> list[str]:
    """A model answer outline: the bank's guide for a bank question, else the type's frame."""
    from assistant.tasks.interview import answer_outline

    found = family_question(question.strip())
    guide = found[1].guide if found else []
    return answer_outline(question_type_of(question), guide)


def review_answer(
    question: str,
    answer: str,
    job_terms: list[str],
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
    job_family: Optional[str] = None,
) -> AnswerReview:
    """The critique of one answer (`job_family`: the occupation family of the job practised
    for, the topic of a question that names none), a model answer outline, and coaching."""
    embed = getattr(backend, "embed", None) if backend is not None else None
    result = critique(answer, job_terms, question=question, embed=embed, job_family=job_family)
    fallback = template_coaching(result)
    base = {
        "question": question,
        "answer": answer,
        "question_type": result.metrics.question_type,
        "outline": question_outline(question),
        "critique": result,
    }
    if backend is None:
        return AnswerReview(**base, coaching=fallback, coaching_source="template")
    info = backend.info()
    if info.is_small:
        return AnswerReview(
            **base,
            coaching=fallback,
            coaching_source="template",
            model=info.name,
            notice=SMALL_MODEL_NOTICE,
        )
    msgs = prompts.messages(
        TASK, mode="coach", question=question, answer=_cut(answer), checks=checks_summary(result)
    )
    facts = DraftFacts(
        known_text="\n".join([question, answer, fallback, *(f.message for f in result.findings)]),
        prompt_text="\n".join(m["content"] for m in (msgs[0], msgs[-1])),
        min_words=12,
        max_words=70,
    )
    draft = guarded_generate(
        backend, msgs, COACH_OPTIONS, lambda t: check_coaching(t, facts), on_chunk=on_chunk
    )
    if draft.text is not None:
        return AnswerReview(**base, coaching=draft.text, coaching_source="model", model=info.name)
    return AnswerReview(
        **base,
        coaching=fallback,
        coaching_source="template",
        model=info.name,
        notice=f"the model's coaching failed the guard: {draft.failure_summary()}",
    )
