"""The one number recogniser: figures written in digits, and the words that state a quantity."""

from __future__ import annotations

import re

# A figure: 12, 3.5, 1,200, 2.1.3 (digits with inner separators; no nested repetition).
DIGITS = r"\d+(?:[.,]\d+)*"
NUMBER = re.compile(DIGITS)
NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million dozen half double doubled tripled"
).split()
# Words that give a bullet a scale without being a figure an answer reports.
SCALE_WORDS = "one millions billion dozens halved twice".split()
_WORDS = "|".join(NUMBER_WORDS)
_SCALE = "|".join(SCALE_WORDS)
# A figure as an answer or a bullet states it: '40%', '3 percent', '5k', 'twenty', 'doubled'.
FIGURE = re.compile(rf"\b{DIGITS}(?:\s*%|\s*percent\b|[km]\b)?|\b(?:{_WORDS})\b", re.IGNORECASE)
# Anything that gives a bullet a scale: a digit, a currency or percent sign, a number word, or a
# word of reach ('company-wide', 'every').
QUANTITY = re.compile(
    rf"\d|[%$\u20ac\u00a3\u00a5]|\b(?:{_SCALE}|{_WORDS}|company[- ]wide|nationwide|worldwide|globally|every)\b",
    re.IGNORECASE,
)


def numbers(text: str) -> list[str]:
    """The figures written in digits, in order."""
    return NUMBER.findall(text)


def number_forms(text: str) -> set[str]:
    """Each figure in the forms a rewrite may write it: as written, without leading zeros, without
    thousands commas."""
    forms = set()
    for n in numbers(text):
        forms.update((n, n.lstrip("0") or "0", n.replace(",", "")))
    return forms


def figures(text: str) -> list[str]:
    return [m.group(0) for m in FIGURE.finditer(text)]
