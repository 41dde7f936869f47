"""Practising answers: the deterministic critique of each answer by the type of its question
(assistant/analysis/answers), a model answer outline for the question, two or three sentences of
coaching (the model's if the guard accepts them, else the template's), and the session that
`rebound practice --history` tracks over time.

A small model (the embedded SmolLM2-135M) is not asked for coaching at all: `rebound models
--check` measured it writing coaching the guard refused every time (0 of 6), so generating it
only cost time before the template was shown anyway."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

from assistant import prompts
from assistant.analysis.answers import STAR_PARTS, AnswerCritique, critique
from assistant.analysis.question_bank import family_question
from assistant.analysis.relevance import MeaningJudge, meaning_judge_for, question_type_of
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


SMALL_MODEL_NOTICE = (
    "coaching from the checks: the model is too small to write coaching the guard accepts "
    "(see `rebound models --check`), so it is not asked"
)


def not_coaching(backend: Optional[Backend], always: bool = False) -> Optional[str]:
    """Why the model is not asked for coaching (None when it is, or there is no model): a small
    model's coaching never passes the guard, and a model whose `rebound models --check` figures
    for practice are under the threshold is not asked unless `always` (--model-always). The CLI
    asks this before loading anything, so no model context is loaded for nothing."""
    if backend is None:
        return None
    if backend.info().is_small:
        return SMALL_MODEL_NOTICE
    from assistant.engine.capability import should_generate

    ask, why = should_generate(TASK, backend, always=always)
    return None if ask else why


def question_outline(question: str) -> list[str]:
    """A model answer outline: the bank's guide for a bank question, else the type's frame."""
    from assistant.tasks.interview import answer_outline

    found = family_question(question.strip())
    guide = found[1].guide if found else []
    return answer_outline(question_type_of(question), guide)


def session_judge(backend: Optional[Backend], texts: Sequence[str] = ()) -> Optional[MeaningJudge]:
    """One relevance judge for a practice session, with `texts` (its questions and answers)
    embedded in one batch, apart from the caller's work where the backend can (a process of its
    own: MeaningJudge.prepare); None without a model, without a shipped entry for it, or when
    its backend gives no embeddings (the words judge alone)."""
    judge = meaning_judge_for(backend)
    if judge is not None and texts:
        try:
            judge.prepare(texts, apart=True)
        except Exception:  # noqa: BLE001 - a backend without embeddings: the words judge alone
            return None
    return judge


def review_answer(
    question: str,
    answer: str,
    job_terms: list[str],
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
    job_family: Optional[str] = None,
    always: bool = False,
    others: Sequence[str] = (),
    judge: Optional[MeaningJudge] = None,
) -> AnswerReview:
    """The critique of one answer (`job_family`: the occupation family of the job practised
    for, the topic of a question that names none; `others`: the session's other questions), a
    model answer outline, and coaching. `judge`: the session's (`session_judge`), else one for
    the backend's model, if its relevance entry ships."""
    if judge is None:
        judge = meaning_judge_for(backend)
    result = critique(
        answer, job_terms, question=question, judge=judge, job_family=job_family, others=others
    )
    fallback = template_coaching(result)
    ask = Ask(messages=[], options=presets.COACHING, fallback=fallback, what="coaching")
    not_asked = None  # the model's name when it is not asked (see not_coaching)
    why = not_coaching(backend, always)
    if why:
        not_asked, backend = backend.info().name, None
        ask = Ask(
            messages=[], options=presets.COACHING, fallback=fallback, what="coaching", notice=why
        )
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
    generation = drafted.generation
    if not_asked:  # the record still names the model the user chose
        generation = generation.model_copy(update={"model": not_asked})
    return AnswerReview(
        question=question,
        answer=answer,
        question_type=result.metrics.question_type,
        outline=question_outline(question),
        critique=result,
        coaching=drafted.text,
        generation=generation,
    )
