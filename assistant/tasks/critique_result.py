"""What a resume critique gives back (the rule-based part and the model's slots both fill it)."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from pydantic import BaseModel, Field

from assistant.analysis.keywords import KeywordReport
from assistant.analysis.score import Subscore
from assistant.checks import RESUME_RULES, Finding
from assistant.generation import Generation
from assistant.rules import SEVERITY_ORDER, firm

TASK = "critique"
MAX_FIXES = 3


class Rewrite(BaseModel):
    original: str
    suggestion: str  # '' when there is no good rewrite: `missing` says what the bullet lacks
    missing: str = ""


class Fix(BaseModel):
    code: str
    message: str
    suggestion: str
    count: int


class CritiqueResult(BaseModel):
    file: str
    score: int = Field(ge=0, le=100)
    subscores: dict[str, Subscore]
    findings: list[Finding]
    keywords: Optional[KeywordReport] = None
    summary: str
    rewrites: list[Rewrite]
    generation: Generation


def top_fixes(findings: list[Finding], n: int = MAX_FIXES) -> list[Fix]:
    """One fix per check code, most severe first, then the most frequent; never a hint."""
    counts = Counter(f.code for f in firm(findings))
    codes = sorted(
        counts, key=lambda c: (SEVERITY_ORDER[RESUME_RULES.rule(c).severity], -counts[c])
    )
    return [
        Fix(
            code=c,
            message=RESUME_RULES.rule(c).message,
            suggestion=RESUME_RULES.rule(c).suggestion,
            count=counts[c],
        )
        for c in codes[:n]
    ]
