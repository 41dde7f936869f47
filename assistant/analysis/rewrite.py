"""The template rewrite of a weak bullet (no model): the action first, in the past tense, no
pronoun, no passive, no cliche, and a visible blank '[__]' where a number would help."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import QUANTITY
from assistant.text.lexicon import phrase_lists, phrase_pattern

BLANK = "[__]"
RESULT_BLANK = f" (result: {BLANK})"

_ROLE_TO = re.compile(
    r"^(?:my (?:role|job|task|duty) (?:was|is) to|i was (?:asked|hired) to)\s+(?P<verb>\w+)", re.I
)
_PRONOUN = re.compile(r"^(?:I|We)\s+(?=[a-z])")
_PASSIVE = re.compile(
    r"^(?P<subject>[^,;]+?)(?<=\S)\s+(?:was|were)\s+(?:\w+ly\s+)?(?P<verbs>\w+(?:\s+and\s+\w+)?)(?P<rest>.*)$",
    re.I,
)
_BY_ME = re.compile(r"(?<!\s)\s+by me\b", re.I)


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return phrase_lists()["irregular_past"]


def past_tense(base: str) -> str:
    word = base.lower()
    if word in _irregular():
        return _irregular()[word]
    if word.endswith("ed"):
        return word
    if word.endswith("e"):
        return word + "d"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def is_past_tense(word: str) -> bool:
    """Whether a bullet's first word is a past-tense verb (Managed, Led, Built, Cut)."""
    word = word.lower()
    return (word.endswith("ed") and len(word) > 3) or word in set(_irregular().values())


def past_of_gerund(gerund: str) -> str:
    stem = gerund.lower()[:-3]
    irregular = _irregular()
    for base in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None):
        if base and base in irregular:
            return irregular[base]
    return stem + "ed"


def _is_participle(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in phrase_lists()["irregular_participles"]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def _active(text: str) -> str:
    m = _PASSIVE.match(text)
    if not m or not all(_is_participle(w) for w in m.group("verbs").split(" and ")):
        return text
    rest = _BY_ME.sub("", m.group("rest"))
    participles = phrase_lists()["irregular_participles"]
    verbs = " and ".join(participles.get(v.lower(), v) for v in m.group("verbs").split(" and "))
    return f"{verbs} {_lower_first(m.group('subject'))}{rest}"


def _strong_opener(text: str) -> str:
    m = phrase_pattern("weak_openers", opener=True).match(text)
    if not m:
        return text
    opener = " ".join(m.group(0).lower().replace("-", " ").split())
    rest = text[m.end() :].strip()
    first, _, tail = rest.partition(" ")
    if first.lower() == "to" and tail:
        verb, _, tail = tail.partition(" ")
        return f"{past_tense(verb)} {tail}".strip()
    verb = phrase_lists()["weak_opener_verbs"].get(opener, opener)
    if _is_gerund(first):
        joined, _, after = tail.partition(" ")
        if joined.lower() == "of":  # "testing of the mobile app" -> "Tested the mobile app"
            return f"{past_of_gerund(first)} {after}".strip()
        if joined.lower() != "and":
            return f"{past_of_gerund(first)} {tail}".strip()
        second, _, after = after.partition(" ")
        if _is_gerund(second):  # "managing and reporting budgets" -> "Managed and reported budgets"
            return f"{past_of_gerund(first)} and {past_of_gerund(second)} {after}".strip()
        # "marking and feedback": the gerund is one of a list of duties, a noun: keep it whole
    return f"{verb} {rest}".strip()


def _is_gerund(word: str) -> bool:
    return word.lower().endswith("ing") and len(word) > 4


def _plain_words(text: str) -> str:
    replacements = phrase_lists()["buzzword_replacements"]

    def swap(m: re.Match) -> str:
        key = " ".join(m.group(0).lower().replace("-", " ").split())
        for phrase, plain in replacements.items():
            if " ".join(phrase.replace("-", " ").split()) == key:
                return plain
        return m.group(0)

    return phrase_pattern("buzzwords").sub(swap, text)


def rewrite_bullet(text: str) -> str:
    """A stronger version of the bullet that adds no fact: only the user's own words, reordered."""
    out = _PRONOUN.sub("", text.strip().rstrip("."))
    out = _ROLE_TO.sub(lambda m: past_tense(m.group("verb")), out)
    out = _active(out)
    out = _strong_opener(out)
    out = _plain_words(out)
    out = re.sub(r"\s{2,}", " ", re.sub(r"\s+([,;])", r"\1", out)).strip(" ,;")
    out = _capitalise(out)
    if not QUANTITY.search(out):
        out += RESULT_BLANK
    return out
