"""Small text helpers shared by the tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Optional


def day_month(date: Optional[dt.date]) -> Optional[str]:
    """'2 November' (the year is left out: it is this year's interview)."""
    return f"{date.day} {date.strftime('%B')}" if date else None


def as_clause(detail: str, names: Iterable[str]) -> str:
    """Lower-case a note's first letter so it reads mid-sentence, unless it starts a name or 'I'."""
    detail = detail.strip().rstrip(".")
    if not detail:
        return detail
    first = detail.split()[0]
    keep = (
        first in ("I", "I'm", "I've")
        or first.isupper()
        or any(n.split() and detail.startswith(n.split()[0]) for n in names)
    )
    return detail if keep else detail[0].lower() + detail[1:]


_AN_INITIALS = set(
    "AEFHILMNORSX"
)  # letters whose name starts with a vowel sound: an HR, an SEO, an MBA
_A_PREFIXES = (
    "uni",
    "use",
    "usu",
    "uti",
    "eu",
    "one",
    "once",
)  # a vowel letter with a 'y'/'w' sound
_AN_H_WORDS = ("hour", "honest", "honor", "honour")  # a silent h


def with_article(phrase: str) -> str:
    """'an Analyst', 'a Data Analyst', 'an HR Manager', 'a UX Designer', 'a University Lecturer'."""
    first = phrase.split()[0] if phrase.split() else ""
    if first.isupper() and len(first) > 1:  # an acronym is read letter by letter
        vowel = first[0] in _AN_INITIALS
    else:
        low = first.lower()
        vowel = (low[:1] in tuple("aeiou") and not low.startswith(_A_PREFIXES)) or low.startswith(
            _AN_H_WORDS
        )
    return f"{'an' if vowel else 'a'} {phrase}"


def word_count(text: str) -> int:
    return len(text.split())


def plural(n: int, noun: str) -> str:
    """'1 word', '3 words'; '1 session', '2 sessions'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def split_subject(text: str) -> tuple[str, str]:
    """('the subject', 'the body') from a draft whose first line may be 'Subject: ...'."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return "", text.strip()
