"""The one number recogniser: figures written in digits, and the words that state a quantity."""

from __future__ import annotations

import re

from assistant import regex

# A figure: 12, 3.5, 1,200, 2.1.3 (digits with inner separators; no nested repetition).
DIGITS = r"\d+(?:[.,]\d+)*"
NUMBER = regex.compile(DIGITS)
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
FIGURE = regex.compile(rf"\b{DIGITS}(?:\s*%|\s*percent\b|[km]\b)?|\b(?:{_WORDS})\b", re.IGNORECASE)
# Anything that gives a bullet a scale: a digit, a currency or percent sign, a number word, or a
# word of reach ('company-wide', 'every').
QUANTITY = regex.compile(
    rf"\d|[%$\u20ac\u00a3\u00a5]|\b(?:{_SCALE}|{_WORDS}|company[- ]wide|nationwide|worldwide|globally|every)\b",
    re.IGNORECASE,
)

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
# Digits that state no amount: a date or a year, a time, a phone number, a code or a model name,
# a level or a grade. 'Managed a team of 10' shows a scale; 'Verified the 2006 tax provision',
# 'Agilent 83480A', 'W-2 forms', 'MU Stage 1' and 'grades 9 through 12' do not.
NOT_AN_AMOUNT = regex.compile(
    "|".join(
        (
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b",  # June 27, 2012
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*-\s*\d{{1,2}})?\s+{_MONTH}(?:\s+(?:19|20)\d\d)?",
            rf"\b{_MONTH}\s+(?:19|20)\d\d\b",  # June 2012
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}/(?:19|20)\d\d\b",  # 06/27/2012, 06/2012
            # a year (not '$2000', '2,000', '2000+' or '2000%')
            r"(?<![$\u20ac\u00a3\d.,])\b(?:19[5-9]\d|20[0-3]\d)\b(?![,.]?\d|\s*%|\+)",
            r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b",  # a phone number
            r"\b\d{1,2}(?::\d\d)?\s*(?i:am|pm)\b|\b\d{1,2}:\d\d\b",  # a time, '1:1'
            r"\b(?=[A-Za-z]*[A-Z])[A-Za-z]+-?\d+[A-Za-z]*\b",  # W-2, FA-18, FRC753, Refinery29
            r"\b\d+(?![KMB]\b)(?=[A-Za-z]*[A-Z])[A-Za-z]+\b",  # 83480A (not 5K or 2M)
            r"\b[A-Z]{2,}\s+\d+\b",  # TDS 3052
            r"\b(?i:stage|level|version|grades?|phase|tier|step)\s+\d+"
            r"(?:\s*(?:and|-|to|through)\s*\d+)?\b",
            r"\b(?i:one[- ]on[- ]one)\b",
        )
    )
)


def has_quantity(text: str) -> bool:
    """Whether the text states an amount or a scale (QUANTITY), leaving out digits that state none
    (NOT_AN_AMOUNT: dates, years, times, phone numbers, codes, levels)."""
    return bool(QUANTITY.search(NOT_AN_AMOUNT.sub(" ", text)))


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
