"""Shared lexicons: the phrase lists of assistant/data/resume_phrases.yaml (weak openers, buzzwords,
participles, ...) compiled once into patterns, and the first-person finder. The resume rules, the
rewrite guard and the rewrite helpers all read them here, below all of them."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Optional

from assistant import regex
from assistant.paths import read_data
from assistant.text.tokens import words

PHRASES_FILE = "resume_phrases.yaml"


@lru_cache(maxsize=1)
def phrase_lists() -> dict:
    return read_data(PHRASES_FILE)


def _alternation(phrases: list[str]) -> str:
    """Longest first; a space or hyphen in a phrase matches a space, a hyphen or nothing."""
    parts = [r"[\s-]?".join(re.escape(w) for w in re.split(r"[\s-]+", p.strip())) for p in phrases]
    return "|".join(sorted(parts, key=len, reverse=True))


@cache
def phrase_pattern(name: str, opener: bool = False) -> re.Pattern:
    """A pattern for one list: anywhere as whole words, or (opener) at the start of a bullet."""
    body = _alternation(phrase_lists()[name])
    if opener:
        return regex.compile(rf"^\W*(?:{body})\b", re.IGNORECASE)
    return regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def cliche_pattern() -> re.Pattern:
    """A cliche: a listed phrase anywhere, or a listed cliche verb opening the text (a statement)."""
    lists = phrase_lists()
    return regex.compile(
        rf"(?<![\w-])(?:{_alternation(lists['buzzwords'])})(?![\w-])"
        rf"|(?:^|(?<=^\W)|(?<=^\W\s))(?:{_alternation(lists['buzzword_openers'])})(?![\w-])",
        re.IGNORECASE,
    )


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in phrase_lists()[name])


FIRST_PERSON = regex.compile(
    r"(?:^|(?<=[\s,;(]))I(?=\s+[a-z])|\bI(?:'m|'ve|'d|'ll|\u2019m|\u2019ve)\b|\b(?:[Mm]y|me|myself|mine)\b"
)


def first_person(text: str) -> Optional[str]:
    """The first-person word in the text, if any ('I' after a capitalised word is a numeral: Phase I)."""
    for m in FIRST_PERSON.finditer(text):
        if m.group(0) == "I":
            before = words(text[: m.start()])
            if before and before[-1][0].isupper():
                continue
        return m.group(0)
    return None
