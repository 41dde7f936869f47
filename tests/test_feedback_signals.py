"""Employer feedback read sentence by sentence (every signal's examples are checked by
tests/test_rules.py)."""

from __future__ import annotations

from assistant.analysis.feedback_signals import read_feedback


def test_feedback_is_read_sentence_by_sentence_and_courtesy_is_skipped():
    text = (
        "Hi Sam,\n\nThank you for interviewing with us. We were impressed by your SQL exercise. "
        "However, we were looking for more experience with Looker, and some answers were vague.\n\nBest, Alex"
    )
    points = read_feedback(text)
    assert [p.code for p in points] == ["praise", "skill-gap", "needs-examples"]
    assert points[1].sentence.startswith("However, we were looking for more experience with Looker")
