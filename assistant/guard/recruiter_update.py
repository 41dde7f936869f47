"""The guard for the recruiter update: every draft check, and the two asks the update is for
(the employer's feedback, which roles to look at next). Each check returns a CheckResult whose
name is its stable code."""

from __future__ import annotations

from assistant.guard.checks import DRAFT_CHECKS, CheckResult, DraftFacts, check_draft
from assistant.rules import Draft, RuleSet, judged, on_facts


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


EXAMPLE_FACTS = DraftFacts(
    known_text="Alex Morgan, recruiter for Harrow Books; Jordan Rivera",
    required_names=["Alex"],
    signature="Jordan Rivera",
    min_words=5,
)
RECRUITER_UPDATE_RULES: RuleSet[Draft] = RuleSet(
    "recruiter-update-guard",
    (
        judged(
            "asks-feedback-and-next-roles",
            on_facts(check_asks_feedback_and_next_roles),
            (
                "Hi Alex,\n\nHarrow Books said no. Did they share any feedback with you?\n\n"
                "Best,\nJordan Rivera",
            ),
            (
                "Hi Alex,\n\nHarrow Books said no. Did they share any feedback with you, and which "
                "roles should I look at next?\n\nBest,\nJordan Rivera",
            ),
        ),
    ),
    subject=lambda example: Draft(example, EXAMPLE_FACTS),
)
