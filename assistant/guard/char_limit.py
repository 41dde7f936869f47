"""Character limits (a LinkedIn connection note: 300, or 200 on a free account), counted the way
the site counts, and the guard's check.

LinkedIn counts characters, not bytes or words. We count the NFC-normalised text (the form the
note is sent in: an accent typed as a separate combining mark is joined to its letter first) in
UTF-16 code units: that equals the number of Unicode code points for every letter, accent and
symbol in the Basic Multilingual Plane, and counts a character outside it (most emoji) as 2, as a
JavaScript character counter does. A note that passes therefore fits whether the site counts code
points or JavaScript string length; an emoji sequence joined with zero-width joiners counts every
part. Line breaks count as one character each."""

from __future__ import annotations

import unicodedata

from assistant.guard.checks import CheckResult
from assistant.rules import Draft, RuleSet, judged

LINKEDIN_LIMITS = (300, 200)
ELLIPSIS = "\u2026"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def char_count(text: str) -> int:
    text = normalise(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def shorten_words(text: str, budget: int) -> str:
    """The longest run of whole words from the start that fits `budget` with an ellipsis; the
    text itself when it fits. Never cuts a word."""
    text = normalise(text.strip())
    if char_count(text) <= budget:
        return text
    kept: list[str] = []
    for word in text.split():
        candidate = " ".join([*kept, word]).rstrip(",;:") + ELLIPSIS
        if char_count(candidate) > budget:
            break
        kept.append(word)
    return " ".join(kept).rstrip(",;:") + ELLIPSIS if kept else ""


def check_char_limit(text: str, limit: int) -> CheckResult:
    n = char_count(text)
    return CheckResult(
        code="char-limit", passed=n <= limit, detail=f"{n} characters (limit {limit})"
    )


EXAMPLE_LIMIT = 120  # the limit the rule's examples are judged against
CHAR_LIMIT_RULES: RuleSet[Draft] = RuleSet(
    "char-limit",
    (
        judged(
            "char-limit",
            lambda d: check_char_limit(d.text, d.facts),
            (
                "Dear Priya Natarajan, thank you for the interview at Harrow Books on 2 November."
                "\n\nBest,\nJordan Rivera We spoke about the spring catalogue.",
            ),
            ("Dear Priya Natarajan, thank you for the interview at Harrow Books on 2 November.",),
        ),
    ),
    subject=lambda example: Draft(example, EXAMPLE_LIMIT),
)
