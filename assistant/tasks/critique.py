"""The resume critique: checks, score, keyword gap (deterministic), then small model slots, each
guarded: rewrites of up to three of the weakest bullets (a small model only adds the measurable
result, as a blank, to the rule-based rewrite) and, from models of 1B parameters and up, a summary
of the most important fixes. Without a model, or when the guard says no, the templates stand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Optional, Union

from pydantic import BaseModel

from assistant import prompts
from assistant.analysis.keywords import keyword_gap
from assistant.analysis.rewrite import suggest
from assistant.analysis.score import score_resume
from assistant.checks import Finding, run_checks
from assistant.engine.base import Backend
from assistant.errors import InputError
from assistant.generation import Generation
from assistant.inputs.job import JobDescription
from assistant.inputs.resume import Resume, read_resume
from assistant.rules import firm
from assistant.tasks.critique_result import TASK, CritiqueResult, Rewrite, top_fixes

MAX_REWRITES = 3
TOGETHER = 32  # resumes whose model calls go together in a batch (the engine writes 16 replies side by side)
# How much each problem weighs when picking the weakest bullets to rewrite.
BULLET_WEIGHTS = {
    "weak-opener": 3,
    "passive-voice": 3,
    "first-person": 2,
    "buzzword": 2,
    "unquantified-bullet": 1,
    "long-bullet": 1,
}


class CritiqueRequest(BaseModel):
    resume: Resume
    job: Optional[JobDescription] = None


def weakest_bullets(findings: list[Finding], n: int = MAX_REWRITES) -> list[str]:
    """The bullets with the most (and worst) problems, in the order they appear (a hint, a
    borderline case, picks no bullet)."""
    weight: Counter = Counter()
    order: dict[str, int] = {}
    for f in firm(findings):
        if f.code in BULLET_WEIGHTS and f.section not in ("summary", "skills"):
            weight[f.excerpt] += BULLET_WEIGHTS[f.code]
            order.setdefault(f.excerpt, f.line if f.line is not None else len(order))
    worst = sorted(weight, key=lambda e: (-weight[e], order[e]))[:n]
    return sorted(worst, key=lambda e: order[e])


def _full_bullet(resume: Resume, excerpt: str) -> str:
    for _, bullet in resume.bullets():
        if bullet.text == excerpt or (
            excerpt.endswith("\u2026") and bullet.text.startswith(excerpt[:-1])
        ):
            return bullet.text
    return excerpt


def rule_based(request: CritiqueRequest) -> CritiqueResult:
    """The critique without a model: checks, score, keyword gap, template summary and rewrites."""
    resume = request.resume
    findings = run_checks(resume)
    keywords = None
    if request.job is not None:
        keywords = keyword_gap(resume.text, request.job.text, request.job.company)
    score, subscores = score_resume(resume, findings, keywords)
    summary = prompts.render(TASK, "fallback", fixes=top_fixes(findings), keywords=keywords)
    originals = [_full_bullet(resume, e) for e in weakest_bullets(findings)]
    originals = [o for o in originals if not o.endswith("\u2026")]  # a sentence cut short
    rewrites = []
    for original in originals:
        made = suggest(original)
        if (made.text or made.missing) and made.text != original:  # else nothing to say
            rewrites.append(Rewrite(original=original, suggestion=made.text, missing=made.missing))
    return CritiqueResult(
        file=resume.source,
        score=score,
        subscores=subscores,
        findings=findings,
        keywords=keywords,
        summary=summary,
        rewrites=rewrites,
        generation=Generation(source="template"),
    )


def critique_many(
    requests: list[CritiqueRequest],
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> list[CritiqueResult]:
    """Critique several resumes; with a model, every slot of every resume is asked for at once (a
    backend that can, llama.cpp's, writes them side by side) and the guard decides each."""
    results = [rule_based(r) for r in requests]
    if backend is not None:
        from assistant.tasks.critique_model import improve  # only with a model

        improve(backend, [r.resume for r in requests], results, on_chunk)
    return results


def critique(
    request: CritiqueRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> CritiqueResult:
    return critique_many([request], backend, on_chunk)[0]


def critique_files(
    paths: list[str],
    job: Optional[JobDescription] = None,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
    together: int = TOGETHER,
) -> Iterator[tuple[str, Union[CritiqueResult, InputError]]]:
    """Critique each file on one backend, in order; a file that cannot be read yields its error.
    With a model, `together` resumes at a time share one round of model calls."""
    group: list[tuple[str, Union[CritiqueRequest, InputError]]] = []
    for i, path in enumerate(paths):
        try:
            group.append((path, CritiqueRequest(resume=read_resume(path), job=job)))
        except InputError as exc:
            group.append((path, exc))
        if backend is None or len(group) == together or i == len(paths) - 1:
            requests = [r for _, r in group if isinstance(r, CritiqueRequest)]
            done = iter(critique_many(requests, backend, on_chunk))
            for name, outcome in group:
                yield name, next(done) if isinstance(outcome, CritiqueRequest) else outcome
            group = []
