"""The guard on model-written interview questions (every rule's examples are checked by
tests/test_rules.py)."""

from __future__ import annotations

from assistant.guard.questions import (
    EXAMPLE_FACTS,
    EXAMPLE_QUESTION,
    QUESTION_CHECKS,
    QUESTION_RULES,
    check_question,
)

FACTS = EXAMPLE_FACTS
GOOD = EXAMPLE_QUESTION


def test_a_good_question_passes_every_check():
    assert all(r.passed for r in check_question(GOOD, FACTS)), [
        r for r in check_question(GOOD, FACTS) if not r.passed
    ]


def test_every_question_check_is_a_rule_with_examples():
    codes = [r.code for r in check_question(GOOD, FACTS)]
    assert len(codes) == len(QUESTION_CHECKS) and set(codes) == set(QUESTION_RULES.codes)
