"""The phrase lists of assistant/data/resume_phrases.yaml, compiled once into patterns."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from assistant.paths import read_data

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
        return re.compile(rf"^\W*(?:{body})\b", re.IGNORECASE)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in phrase_lists()[name])
