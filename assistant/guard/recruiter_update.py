"""The guard for the recruiter update: every draft check, and the two asks the update is for
(the employer's feedback, which roles to look at next). Each check returns a CheckResult whose
name is its stable code."""

from __future__ import annotations

from assistant.guard.checks import DRAFT_CHECKS, CheckResult, DraftFacts, check_draft


def check_asks_feedback_and_next_roles(text: str, facts: DraftFacts) -> CheckResult:
    low = text.lower()
    ok = "feedback" in low and "role" in low and "?" in text
    return CheckResult(
        code="asks-feedback-and-next-roles",
        passed=ok,
        detail="" if ok else "must ask for the employer's feedback and which roles to look at",
    )


RECRUITER_UPDATE_CHECKS = (*DRAFT_CHECKS, check_asks_feedback_and_next_roles)


def check_recruiter_update(text: str, facts: DraftFacts) -> list[CheckResult]:
    return check_draft(text, facts, RECRUITER_UPDATE_CHECKS)
