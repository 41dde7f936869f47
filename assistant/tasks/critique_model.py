"""The model's two small slots in the critique, each guarded: the summary of the most important
fixes, and the rewrite of one weak bullet. Imported only when a model is in use."""

from __future__ import annotations

import re
from typing import Callable, Optional

from assistant import prompts
from assistant.analysis.keywords import find_terms, singular
from assistant.analysis.rewrite import BLANK, RESULT_BLANK, is_past_tense
from assistant.checks.phrases import phrase_pattern
from assistant.checks.wording import QUANTITY, first_person
from assistant.engine.base import Backend
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import (
    CheckResult, DraftFacts, check_draft, check_grounded_words, check_length, check_no_loops, check_not_echo, check_numbers,
    check_placeholders, check_unknown_names, words,
)
from assistant.guard.generate import guarded_generate
from assistant.inputs.resume import Resume
from assistant.tasks.critique import TASK, Fix

GUARD_CHECKS = (check_unknown_names, check_placeholders, check_numbers, check_length, check_not_echo,
                check_no_loops)
MIN_SHARED_WORDS = 0.5  # a rewrite keeps at least half of the original's content words
MAX_NEW_WORDS = 3  # and brings at most a few words the resume does not have (no new claims)
# The words a small model's measurable result may use that the resume need not hold: the scale,
# never the effect ("cutting costs", "increasing sales" are claims only the user can make).
RESULT_WORDS = frozenset("""people team teams members customers clients users accounts projects events
stores sites locations countries followers subscribers visitors attendees students patients readers
viewers participants employees staff stakeholders partners vendors orders tickets requests calls cases
daily weekly monthly yearly across total""".split())
_RATE = re.compile(r"\b(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year)\b", re.IGNORECASE)
_FILLER = frozenset("""with from that this their them they have been were will into over under about
for and the was are each every more most also""".split())


def content_words(text: str) -> set[str]:
    return {singular(w.lower()) for w in words(text) if len(w) > 3 and w.lower() not in _FILLER}


def _facts(resume: Resume, prompt_text: str, min_words: int, max_words: int) -> DraftFacts:
    return DraftFacts(known_text=resume.text, min_words=min_words, max_words=max_words, prompt_text=prompt_text,
                      allowed_placeholders=[BLANK])


def _no_new_skills(text: str, resume: Resume) -> CheckResult:
    new = sorted(find_terms(text) - find_terms(resume.text))
    return CheckResult(name="no-new-skills", passed=not new,
                       detail=f"not in the resume: {', '.join(new[:5])}" if new else "")


def _rewrite_checks(text: str, original: str, facts: DraftFacts, resume: Resume,
                    needs_blank: bool) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS)
    results.append(_no_new_skills(text, resume))
    results.append(CheckResult(name="one-line", passed="\n" not in text.strip()))
    results.append(CheckResult(name="changed", passed=text.strip().rstrip(".").lower() != original.rstrip(".").lower()))
    opener = phrase_pattern("weak_openers", opener=True).match(text)
    weak = opener.group(0).strip() if opener else first_person(text)
    first = (words(text) or [""])[0]
    if not weak and not is_past_tense(first):
        weak = first
    results.append(CheckResult(name="strong-opener", passed=not weak,
                               detail=f"does not open with an action: '{weak}'" if weak else ""))
    theirs = content_words(original)
    kept = theirs & content_words(text)
    results.append(CheckResult(name="keeps-the-bullet", passed=len(kept) >= MIN_SHARED_WORDS * len(theirs),
                               detail=f"kept {len(kept)} of {len(theirs)} words of the original"))
    new = sorted(content_words(text) - content_words(resume.text) - theirs)
    results.append(CheckResult(name="no-new-claims", passed=len(new) <= MAX_NEW_WORDS,
                               detail=f"adds {', '.join(new[:6])}" if len(new) > MAX_NEW_WORDS else ""))
    if needs_blank:
        results.append(CheckResult(name="leaves-a-blank", passed=BLANK in text,
                                   detail="" if BLANK in text else f"no {BLANK} where the number goes"))
        grounded = facts.model_copy(update={"known_text": f"{facts.known_text}\n{original}"})
        results.append(check_grounded_words(text, grounded, RESULT_WORDS))
        rate = _RATE.search(text)
        invented = rate and not _RATE.search(original)
        results.append(CheckResult(name="no-invented-rate", passed=not invented,
                                   detail=f"'{rate.group(0)}' is not in the bullet" if invented else ""))
    return results


def _summary_checks(text: str, facts: DraftFacts, resume: Resume, fixes: list[Fix]) -> list[CheckResult]:
    results = check_draft(text, facts, GUARD_CHECKS) + [_no_new_skills(text, resume)]
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
    draft = guarded_generate(backend, msgs, opts, lambda t: _rewrite_checks(t, bullet, facts, resume, needs_blank),
                             on_chunk=on_chunk)
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
