"""Resume checks: one rule set (assistant.rules) of the structure and wording rules, listed here
explicitly, run in one pass."""

from __future__ import annotations

from assistant.checks import content, structure, wording
from assistant.checks.examples import example_text
from assistant.inputs.resume import Resume, parse_resume_text
from assistant.rules import Finding, Rule, RuleSet, by_severity

__all__ = ["RESUME_RULES", "Finding", "Rule", "rule", "run_checks"]


def example_resume(example: str) -> Resume:
    return parse_resume_text(example_text(example), "example.md", "md")


RESUME_RULES: RuleSet[Resume] = RuleSet(
    "resume", structure.RULES + wording.RULES + content.RULES, subject=example_resume
)


def rule(code: str) -> Rule[Resume]:
    return RESUME_RULES.rule(code)


def run_checks(resume: Resume) -> list[Finding]:
    """Every resume rule's findings, most severe first, then in resume order."""
    return by_severity(RESUME_RULES.run(resume))
