"""Every employer-feedback signal: sentences it must flag and sentences it must pass, in one table."""

from __future__ import annotations

import re

import pytest

from assistant.analysis.feedback_signals import CODES, classify, read_feedback

EXAMPLES = {
    "skill-gap": {
        "flag": [
            "We were looking for more hands-on experience with Looker.",
            "Your SQL knowledge was limited compared to what the role needs.",
            "You seemed unfamiliar with NHS data protection rules.",
            "The team felt you lacked budget ownership.",
        ],
        "pass": ["You clearly know SQL well.", "Thank you for your time last week."],
    },
    "needs-examples": {
        "flag": [
            "Some answers were vague.",
            "We wanted more specific examples of stakeholder work.",
            "Try to quantify the impact of your campaigns.",
        ],
        "pass": ["You gave a great example about the newsletter.", "We will be in touch."],
    },
    "communication": {
        "flag": [
            "Try to be more concise.",
            "You rambled on the prioritisation question.",
            "Your answers were too long at times.",
            "It was hard to follow your reasoning.",
        ],
        "pass": [
            "You explained the dashboard clearly and we enjoyed it.",
            "The interview lasted an hour.",
        ],
    },
    "company-knowledge": {
        "flag": [
            "We weren't sure why you wanted to join us.",
            "You could have researched the company more.",
            "A better understanding of our customers would help.",
        ],
        "pass": ["You asked good questions about the team.", "We hire twice a year."],
    },
    "strong-competition": {
        "flag": [
            "We went with another candidate who had retail experience.",
            "It was a very competitive process.",
            "It was a close call.",
        ],
        "pass": ["We are growing the analytics team.", "You were one of the first we met."],
    },
    "praise": {
        "flag": [
            "We were impressed by your portfolio.",
            "The panel liked your dashboard idea.",
            "You gave a strong answer on SQL.",
            "You showed a good understanding of logistics.",
        ],
        "pass": [
            "We would have liked more detail on budgets.",
            "Your answers were not as strong on budgets.",
            "There were several strong candidates.",
            "Good luck with your search.",
            "It was clear that the role needs more retail experience.",
        ],
    },
}


def test_every_code_has_examples_both_ways():
    """The meta-test: a signal without examples on both sides (or examples for no signal) fails."""
    assert set(EXAMPLES) == set(CODES), set(EXAMPLES) ^ set(CODES)
    assert len(CODES) == len(set(CODES)) and all(
        re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in CODES
    )
    for code, cases in EXAMPLES.items():
        assert cases["flag"] and cases["pass"], code


@pytest.mark.parametrize("code, sentence", [(c, s) for c, e in EXAMPLES.items() for s in e["flag"]])
def test_flags(code, sentence):
    assert code in classify(sentence)


@pytest.mark.parametrize("code, sentence", [(c, s) for c, e in EXAMPLES.items() for s in e["pass"]])
def test_passes(code, sentence):
    assert code not in classify(sentence)


def test_feedback_is_read_sentence_by_sentence_and_courtesy_is_skipped():
    text = (
        "Hi Sam,\n\nThank you for interviewing with us. We were impressed by your SQL exercise. "
        "However, we were looking for more experience with Looker, and some answers were vague.\n\nBest, Alex"
    )
    points = read_feedback(text)
    assert [p.code for p in points] == ["praise", "skill-gap", "needs-examples"]
    assert points[1].sentence.startswith("However, we were looking for more experience with Looker")
