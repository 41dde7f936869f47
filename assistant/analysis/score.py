"""The 0-100 score: subscores for impact, clarity, structure (and keywords when a job is given),
each with a one-line explanation, combined with fixed weights."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from pydantic import BaseModel

from assistant.analysis.keywords import KeywordReport
from assistant.checks import RESUME_RULES
from assistant.inputs.resume import Resume
from assistant.rules import Finding

WEIGHTS = {"impact": 0.35, "clarity": 0.25, "structure": 0.25, "keywords": 0.15}
PENALTY = {"error": 30, "warning": 8, "info": 4}
MAX_PENALTY_PER_CODE = 30
NO_BULLETS_IMPACT = 30
TARGET_MATCH = 0.8


class Subscore(BaseModel):
    score: int
    explanation: str


def _impact(resume: Resume, findings: list[Finding]) -> Subscore:
    bullets = [b for _, b in resume.bullets()]
    if not bullets:
        return Subscore(
            score=NO_BULLETS_IMPACT,
            explanation="No achievement bullets found to judge; list results as bullets.",
        )

    def flagged(*codes: str) -> int:
        return len({(f.line, f.excerpt) for f in findings if f.code in codes})

    vague = flagged("unquantified-bullet")
    weak = flagged("weak-opener", "passive-voice")
    n = len(bullets)
    score = round(100 * (0.6 * (n - vague) / n + 0.4 * (n - weak) / n))
    return Subscore(
        score=score,
        explanation=f"{n - vague} of {n} bullets show a number or scale; "
        f"{n - weak} of {n} lead with an action.",
    )


def _by_category(category: str, findings: list[Finding], clean: str) -> Subscore:
    mine = [f for f in findings if RESUME_RULES.rule(f.code).category == category]
    per_code: Counter = Counter()
    for f in mine:
        per_code[f.code] += PENALTY[f.severity]
    score = max(0, 100 - sum(min(p, MAX_PENALTY_PER_CODE) for p in per_code.values()))
    if not mine:
        return Subscore(score=score, explanation=clean)
    counts = Counter(f.code for f in mine)
    found = ", ".join(
        f"{code} ({n})" for code, n in counts.most_common()
    )  # codes are not nouns: no "2 buzzword"
    return Subscore(score=score, explanation=f"Findings: {found}.")


def _keywords(report: KeywordReport) -> Subscore:
    total = len(report.matched) + len(report.missing)
    if not total:
        return Subscore(score=0, explanation="No skills or keywords found in the job description.")
    return Subscore(
        score=round(100 * report.match_rate),
        explanation=f"Has {len(report.matched)} of {total} terms the job asks for "
        f"(aim for about {TARGET_MATCH:.0%}).",
    )


def score_resume(
    resume: Resume, findings: list[Finding], keywords: Optional[KeywordReport] = None
) -> tuple[int, dict[str, Subscore]]:
    subscores = {
        "impact": _impact(resume, findings),
        "clarity": _by_category(
            "clarity", findings, "No first-person, passive, cliche or overlong wording found."
        ),
        "structure": _by_category(
            "structure", findings, "Contact details, sections, length and dates look right."
        ),
    }
    if keywords is not None and (keywords.matched or keywords.missing):
        subscores["keywords"] = _keywords(keywords)
    weights = {k: WEIGHTS[k] for k in subscores}
    total = sum(weights.values())
    score = round(sum(subscores[k].score * w for k, w in weights.items()) / total)
    return score, subscores
