"""The model's small slots in the critique, each guarded: the summary of the most important fixes,
and the rewrite of each weak bullet, asked for together. Imported only when a model is in use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from assistant import prompts
from assistant.analysis.rewrite import BLANK, restructure, result_frame
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.generation import join_notices, refused
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
from assistant.guard.generate import Ask, generate_many
from assistant.guard.rewrites import (
    BulletRewrite,
    check_no_new_skills,
    check_rewrite,
    content_stems,
)
from assistant.inputs.resume import Resume
from assistant.tasks.critique_result import TASK, CritiqueResult, Fix, Rewrite, top_fixes
from assistant.text import QUANTITY
from assistant.text.lexicon import first_person

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
            code="no-first-person",
            passed=not pronoun,
            detail=f"the coach says '{pronoun}'" if pronoun else "",
        )
    )
    about = content_stems(" ".join(f"{f.message} {f.suggestion}" for f in fixes))
    shared = about & content_stems(text)
    results.append(
        CheckResult(
            code="about-the-fixes",
            passed=len(shared) >= 3,
            detail=f"shares {len(shared)} words with the fixes",
        )
    )
    return results


def _result_ask(resume: Resume, rewrite: Rewrite) -> Ask:
    """A small model's slot: the end of the rule-based rewrite, the scale of the work with a blank
    ("for [__] accounts"). Checked as the whole bullet it makes."""
    bullet = restructure(rewrite.original) or rewrite.original
    msgs = prompts.messages(TASK, mode="result", bullet=bullet)
    facts = _facts(resume, "\n".join(m["content"] for m in msgs), min_words=3, max_words=45)
    checked = BulletRewrite(
        original=bullet, resume_text=resume.text, needs_blank=True, ending_only=True
    )
    return Ask(
        messages=msgs,
        options=presets.BULLET_ENDING,
        fallback=rewrite.suggestion,
        facts=facts,
        checks=(lambda t, f: _rewrite_checks(with_result(bullet, t), checked, f),),
        what="rewrite",
    )


def with_result(bullet: str, result: str) -> str:
    """The bullet ended with the model's result (which may repeat the bullet first, as small models do)."""
    result = result.strip().rstrip(".")
    if result.lower().startswith(bullet.lower()):
        result = result[len(bullet) :].lstrip()
    return bullet if not result else f"{bullet}{'' if result.startswith(',') else ' '}{result}"


def _rewrite_ask(resume: Resume, rewrite: Rewrite) -> Ask:
    """A larger model rewrites the original bullet, adding a blank where a number would help."""
    msgs = prompts.messages(TASK, mode="rewrite", bullet=rewrite.original)
    facts = _facts(resume, "\n".join(m["content"] for m in msgs), min_words=3, max_words=45)
    checked = BulletRewrite(original=rewrite.original, resume_text=resume.text)
    return Ask(
        messages=msgs,
        options=presets.BULLET,
        fallback=rewrite.suggestion,
        facts=facts,
        checks=(lambda t, f: _rewrite_checks(t, checked, f),),
        what="rewrite",
    )


def _finish_rewrite(original: str, text: str) -> str:
    text = text.rstrip()
    if not QUANTITY.search(original) and not QUANTITY.search(text) and BLANK not in text:
        text = text.rstrip(".") + result_frame(text)  # where the result goes, with blanks
    return text


def _summary_ask(resume: Resume, result: CritiqueResult, fixes: list[Fix]) -> Ask:
    msgs = prompts.messages(TASK, mode="summary", fixes=fixes)
    prompt_text = "\n".join(m["content"] for m in msgs)
    # the fixes' own wording may be repeated; anything else must come from the resume
    facts = _facts(resume, prompt_text, min_words=8, max_words=90)
    facts.known_text += "\n" + "\n".join(f"{f.message} {f.suggestion}" for f in fixes)
    return Ask(
        messages=msgs,
        options=presets.SUMMARY,
        fallback=result.summary,
        facts=facts,
        checks=(lambda t, f: _summary_checks(t, f, resume, fixes),),
        what="summary",
    )


def improve(
    backend: Backend,
    resumes: list[Resume],
    results: list[CritiqueResult],
    on_chunk: Optional[Callable[[str], None]],
) -> None:
    """Ask for every slot of every result in one round; what the guard passes replaces the template
    text, and each result's notice says what it refused. Small models only end the rule-based
    rewrites with a result (they cannot summarise or rewrite reliably)."""
    info = backend.info()
    small = info.is_small
    asks: list[Ask] = []
    slots: list[tuple[CritiqueResult, Optional[Rewrite]]] = []  # None: the summary
    for resume, result in zip(resumes, results):
        fixes = top_fixes(result.findings)
        if fixes and not small:
            asks.append(_summary_ask(resume, result, fixes))
            slots.append((result, None))
        for rewrite in result.rewrites:
            if not small:
                asks.append(_rewrite_ask(resume, rewrite))
            elif rewrite.suggestion and not QUANTITY.search(rewrite.original):
                # the rule-based rewrite's end, written by the model (a bullet with a number
                # has its result; one with no rewrite has nothing to end)
                asks.append(_result_ask(resume, rewrite))
            else:
                continue
            slots.append((result, rewrite))
    for result in results:
        result.generation.model = info.name
    for (result, rewrite), drafted in zip(slots, generate_many(backend, asks, on_chunk=on_chunk)):
        record = result.generation
        if drafted.generation.source != "model":
            why = drafted.failure_summary() or drafted.generation.notice or ""
            record.notice = join_notices(
                record.notice, refused("rewrite" if rewrite else "summary", why)
            )
            continue
        record.source = "model"
        record.checks += drafted.generation.checks
        output = drafted.output or ""
        if rewrite is None:
            result.summary = output
        elif small:
            rewrite.suggestion = with_result(
                restructure(rewrite.original) or rewrite.original, output
            )
        else:
            rewrite.suggestion = _finish_rewrite(rewrite.original, output)
            rewrite.missing = ""
