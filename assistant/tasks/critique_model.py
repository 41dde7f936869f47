"""The model's small slots in the critique, each guarded: the summary of the most important fixes,
and the rewrite of each weak bullet, asked for together. Imported only when a model is in use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from assistant import prompts
from assistant.analysis.rewrite import BLANK, restructure, result_frame
from assistant.checks.wording import QUANTITY, first_person
from assistant.engine.base import Backend
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import (
    CheckResult,
    DraftFacts,
    check_draft,
    check_grounded_words,
    check_length,
    check_no_loops,
    check_not_echo,
    check_numbers,
    check_placeholders,
    check_unknown_names,
)
from assistant.guard.generate import GuardJob, guarded_generate_many
from assistant.guard.rewrites import (
    BulletRewrite,
    check_no_new_skills,
    check_rewrite,
    content_words,
)
from assistant.inputs.resume import Resume
from assistant.tasks.critique import TASK, CritiqueResult, Fix, Rewrite, top_fixes

GUARD_CHECKS = (
    check_unknown_names,
    check_placeholders,
    check_numbers,
    check_length,
    check_not_echo,
    check_no_loops,
)
# The words a small model's ending may use that the resume need not hold: the size of the team the
# work was for, never the effect ("cutting costs", "increasing sales") nor an audience the resume
# never names ("for [__] patients", "for [__] clients"): claims only the user can make.
RESULT_WORDS = frozenset(
    """people team teams members staff employees colleagues stakeholders projects
across total""".split()
)


def _facts(resume: Resume, prompt_text: str, min_words: int, max_words: int) -> DraftFacts:
    return DraftFacts(
        known_text=resume.text,
        min_words=min_words,
        max_words=max_words,
        prompt_text=prompt_text,
        allowed_placeholders=[BLANK],
    )


def _rewrite_checks(text: str, bullet: BulletRewrite, facts: DraftFacts) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS) + check_rewrite(text, bullet)
    if bullet.needs_blank:  # the small model's slot: words for the scale, none for an effect
        grounded = facts.model_copy(update={"known_text": f"{facts.known_text}\n{bullet.original}"})
        results.append(check_grounded_words(text, grounded, RESULT_WORDS))
    return results


def _summary_checks(
    text: str, facts: DraftFacts, resume: Resume, fixes: list[Fix]
) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS)
    results.append(check_no_new_skills(text, BulletRewrite(original="", resume_text=resume.text)))
    pronoun = first_person(text)
    results.append(
        CheckResult(
            name="no-first-person",
            passed=not pronoun,
            detail=f"the coach says '{pronoun}'" if pronoun else "",
        )
    )
    about = content_words(" ".join(f"{f.message} {f.suggestion}" for f in fixes))
    shared = about & content_words(text)
    results.append(
        CheckResult(
            name="about-the-fixes",
            passed=len(shared) >= 3,
            detail=f"shares {len(shared)} words with the fixes",
        )
    )
    return results


def _result_job(resume: Resume, rewrite: Rewrite) -> GuardJob:
    """A small model's slot: the end of the rule-based rewrite, the scale of the work with a blank
    ("for [__] accounts"). Checked as the whole bullet it makes."""
    bullet = restructure(rewrite.original) or rewrite.original
    msgs = prompts.messages(TASK, mode="result", bullet=bullet)
    facts = _facts(resume, "\n".join(m["content"] for m in msgs), min_words=3, max_words=45)
    checked = BulletRewrite(
        original=bullet, resume_text=resume.text, needs_blank=True, ending_only=True
    )
    opts = GenerateOptions(
        max_tokens=16, temperature=0.2, stop=["\n"], repeat_penalty=1.1, cache_instructions=True
    )
    return GuardJob(msgs, opts, lambda t: _rewrite_checks(with_result(bullet, t), checked, facts))


def with_result(bullet: str, result: str) -> str:
    """The bullet ended with the model's result (which may repeat the bullet first, as small models do)."""
    result = result.strip().rstrip(".")
    if result.lower().startswith(bullet.lower()):
        result = result[len(bullet) :].lstrip()
    return bullet if not result else f"{bullet}{'' if result.startswith(',') else ' '}{result}"


def _rewrite_job(resume: Resume, rewrite: Rewrite) -> GuardJob:
    """A larger model rewrites the original bullet, adding a blank where a number would help."""
    msgs = prompts.messages(TASK, mode="rewrite", bullet=rewrite.original)
    facts = _facts(resume, "\n".join(m["content"] for m in msgs), min_words=3, max_words=45)
    opts = GenerateOptions(
        max_tokens=48, temperature=0.2, stop=["\n"], repeat_penalty=1.1, cache_instructions=True
    )
    checked = BulletRewrite(original=rewrite.original, resume_text=resume.text)
    return GuardJob(msgs, opts, lambda t: _rewrite_checks(t, checked, facts))


def _finish_rewrite(original: str, text: str) -> str:
    text = text.rstrip()
    if not QUANTITY.search(original) and not QUANTITY.search(text) and BLANK not in text:
        text = text.rstrip(".") + result_frame(text)  # where the result goes, with blanks
    return text


def _summary_job(resume: Resume, fixes: list[Fix]) -> GuardJob:
    msgs = prompts.messages(TASK, mode="summary", fixes=fixes)
    prompt_text = "\n".join(m["content"] for m in msgs)
    # the fixes' own wording may be repeated; anything else must come from the resume
    facts = _facts(resume, prompt_text, min_words=8, max_words=90)
    facts.known_text += "\n" + "\n".join(f"{f.message} {f.suggestion}" for f in fixes)
    opts = GenerateOptions(
        max_tokens=100, temperature=0.3, stop=["\n\n"], repeat_penalty=1.1, cache_instructions=True
    )
    return GuardJob(msgs, opts, lambda t: _summary_checks(t, facts, resume, fixes))


def improve(
    backend: Backend,
    resumes: list[Resume],
    results: list[CritiqueResult],
    on_chunk: Optional[Callable[[str], None]],
) -> None:
    """Ask for every slot of every result in one round; what the guard passes replaces the template
    text, and each result's notice says what it refused. Small models only end the rule-based
    rewrites with a result (they cannot summarise or rewrite reliably)."""
    small = backend.info().is_small
    jobs: list[GuardJob] = []
    slots: list[tuple[CritiqueResult, Optional[Rewrite]]] = []  # None: the summary
    for resume, result in zip(resumes, results):
        fixes = top_fixes(result.findings)
        if fixes and not small:
            jobs.append(_summary_job(resume, fixes))
            slots.append((result, None))
        for rewrite in result.rewrites:
            if not small:
                jobs.append(_rewrite_job(resume, rewrite))
            elif rewrite.suggestion and not QUANTITY.search(rewrite.original):
                # the rule-based rewrite's end, written by the model (a bullet with a number
                # has its result; one with no rewrite has nothing to end)
                jobs.append(_result_job(resume, rewrite))
            else:
                continue
            slots.append((result, rewrite))
    rejected: dict[int, list[str]] = {}
    for (result, rewrite), draft in zip(
        slots, guarded_generate_many(backend, jobs, on_chunk=on_chunk)
    ):
        if draft.text is None:
            rejected.setdefault(id(result), []).append(
                f"{'rewrite' if rewrite else 'summary'} ({draft.failure_summary()})"
            )
            continue
        result.source = "model"
        if rewrite is None:
            result.summary = draft.text
        elif small:
            rewrite.suggestion = with_result(
                restructure(rewrite.original) or rewrite.original, draft.text
            )
        else:
            rewrite.suggestion = _finish_rewrite(rewrite.original, draft.text)
            rewrite.missing = ""
    for result in results:
        if id(result) in rejected:
            result.notice = "the guard kept the template for: " + "; ".join(rejected[id(result)])
