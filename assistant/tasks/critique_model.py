"""The model's two small slots in the critique, each guarded: the summary of the most important
fixes, and the rewrite of one weak bullet. Imported only when a model is in use."""

from __future__ import annotations

from typing import Callable, Optional

from assistant import prompts
from assistant.analysis.rewrite import BLANK, RESULT_BLANK
from assistant.checks.wording import QUANTITY, first_person
from assistant.engine.base import Backend
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import (
    CheckResult, DraftFacts, check_draft, check_grounded_words, check_length, check_no_loops, check_not_echo, check_numbers,
    check_placeholders, check_unknown_names,
)
from assistant.guard.generate import guarded_generate
from assistant.guard.rewrites import BulletRewrite, check_no_new_skills, check_rewrite, content_words
from assistant.inputs.resume import Resume
from assistant.tasks.critique import TASK, Fix

GUARD_CHECKS = (check_unknown_names, check_placeholders, check_numbers, check_length, check_not_echo,
                check_no_loops)
# The words a small model's measurable result may use that the resume need not hold: the scale,
# never the effect ("cutting costs", "increasing sales" are claims only the user can make).
RESULT_WORDS = frozenset("""people team teams members customers clients users accounts projects events
stores sites locations countries followers subscribers visitors attendees students patients readers
viewers participants employees staff stakeholders partners vendors orders tickets requests calls cases
daily weekly monthly yearly across total""".split())
def _facts(resume: Resume, prompt_text: str, min_words: int, max_words: int) -> DraftFacts:
    return DraftFacts(known_text=resume.text, min_words=min_words, max_words=max_words, prompt_text=prompt_text,
                      allowed_placeholders=[BLANK])


def _rewrite_checks(text: str, bullet: BulletRewrite, facts: DraftFacts) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS) + check_rewrite(text, bullet)
    if bullet.needs_blank:  # the small model's slot: words for the scale, none for an effect
        grounded = facts.model_copy(update={"known_text": f"{facts.known_text}\n{bullet.original}"})
        results.append(check_grounded_words(text, grounded, RESULT_WORDS))
    return results


def _summary_checks(text: str, facts: DraftFacts, resume: Resume, fixes: list[Fix]) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS)
    results.append(check_no_new_skills(text, BulletRewrite(original="", resume_text=resume.text)))
    pronoun = first_person(text)
    results.append(CheckResult(name="no-first-person", passed=not pronoun,
                               detail=f"the coach says '{pronoun}'" if pronoun else ""))
    about = content_words(" ".join(f"{f.message} {f.suggestion}" for f in fixes))
    shared = about & content_words(text)
    results.append(CheckResult(name="about-the-fixes", passed=len(shared) >= 3,
                               detail=f"shares {len(shared)} words with the fixes"))
    return results


def model_rewrite(backend: Backend, resume: Resume, original: str, improved: str,
                  on_chunk: Optional[Callable[[str], None]]) -> tuple[Optional[str], str]:
    """A small model adds the measurable result to the rule-based rewrite; a larger one rewrites the original."""
    small = backend.info().is_small
    bullet = improved.removesuffix(RESULT_BLANK) if small else original
    msgs = prompts.messages(TASK, mode="rewrite", bullet=bullet)
    facts = _facts(resume, "\n".join(m["content"] for m in msgs), min_words=3, max_words=45)
    opts = GenerateOptions(max_tokens=48, temperature=0.2, stop=["\n"], repeat_penalty=1.1)
    needs_blank = small and not QUANTITY.search(original)  # the small model's slot: the result, as a blank
    checked = BulletRewrite(original=bullet, resume_text=resume.text, needs_blank=needs_blank)
    draft = guarded_generate(backend, msgs, opts, lambda t: _rewrite_checks(t, checked, facts), on_chunk=on_chunk)
    if draft.text is None:
        return None, draft.failure_summary()
    text = draft.text.rstrip()
    if not QUANTITY.search(original) and not QUANTITY.search(text) and BLANK not in text:
        text = text.rstrip(".") + RESULT_BLANK  # where a number would help, a visible blank
    return text, ""


def model_summary(backend: Backend, resume: Resume, fixes: list[Fix],
                  on_chunk: Optional[Callable[[str], None]]) -> tuple[Optional[str], str]:
    msgs = prompts.messages(TASK, mode="summary", fixes=fixes)
    prompt_text = "\n".join(m["content"] for m in msgs)
    # the fixes' own wording may be repeated; anything else must come from the resume
    facts = _facts(resume, prompt_text, min_words=8, max_words=90)
    facts.known_text += "\n" + "\n".join(f"{f.message} {f.suggestion}" for f in fixes)
    opts = GenerateOptions(max_tokens=100, temperature=0.3, stop=["\n\n"], repeat_penalty=1.1)
    draft = guarded_generate(backend, msgs, opts, lambda t: _summary_checks(t, facts, resume, fixes),
                             on_chunk=on_chunk)
    return draft.text, draft.failure_summary()
