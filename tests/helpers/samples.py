"""Sample inputs several test files use."""

from __future__ import annotations

from assistant.analysis import answer_examples
from tests.helpers.paths import FIXTURES, ROOT

HARROW = FIXTURES / "notes" / "harrow-books.md"
GOOD_SENTENCE = "Thank you, Priya Natarajan, for our conversation about the plans for the spring catalogue launch."


def large_email(name="Jordan Rivera", extra=""):
    return (
        "Dear Priya,\n\nThank you for letting me know about your decision and for the interview "
        "at Harrow Books. I especially enjoyed hearing about the plans for the spring catalogue launch. "
        f"{extra}I would be grateful for any feedback on my interview, as it would help me prepare for "
        "future opportunities. I would be glad to be considered for future roles.\n\nBest regards,\n"
        + name
    )


ANSWERS = [
    "Jordan Rivera",
    "Harrow Books",
    "Marketing Coordinator",
    "2026-11-02",
    "Priya Natarajan",
    "hiring manager",
    "Mary-Jane Ross",
    "talent recruiter",
    "",
    "Tell me about a time you managed a campaign budget.",
    "struggled",
    "I had no example ready",
    "Why do you want to work in publishing?",
    "well",
    "",
    "",
    "The newsletter portfolio landed well",
    "",
    "Rambled on the prioritisation question",
    "",
    "They will keep my details on file for the spring round",
    "2026-11-12",
    "",
    "",
]
ROUND_2 = [
    "2026-11-20",
    "Tom Okafor",
    "senior designer",
    "",
    "How would you brief a designer?",
    "okay",
    "",
    "",
    "Good rapport with Tom",
    "",
    "",
    "",
]


def feed(answers: list[str]) -> str:
    return "\n".join(answers) + "\n"


# The practice answers the answer rules' examples use (one copy, in the package).
FULL, NO_RESULT = answer_examples.FULL, answer_examples.NO_RESULT
LONG_HIGHLIGHT = "the plans for the spring catalogue launch " * 1500  # about 63 KB
LONG_NOTES = f"""---
your_name: Jordan Rivera
company: Harrow Books
contact_name: Priya Natarajan
role: Marketing Coordinator
highlight: {LONG_HIGHLIGHT}
---
## What went well
""" + "\n".join(
    f"- Point {i}: talked about campaign planning and the newsletter portfolio" for i in range(400)
)

RESUMES = ROOT / "fixtures" / "resumes"
JOBS = ROOT / "fixtures" / "jobs"
STRONG = RESUMES / "strong-data-analyst.md"
WEAK = RESUMES / "weak-marketing-coordinator.txt"
