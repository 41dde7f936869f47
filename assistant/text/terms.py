"""The one term matcher: does a text name a term (a skill, a phrase), compared by stemmed tokens
so 'managed stakeholders' names 'stakeholder management'? No: so 'Managing stakeholders' names
'manage stakeholder' and 'Sainsbury's' names 'Sainsbury', while 'Java' is not found in
'JavaScript' and 'C' is not found in 'C++' (tokens, not substrings)."""

from __future__ import annotations

from typing import Optional

from assistant.text.stem import stem
from assistant.text.tokens import token_spans, tokens


def term_key(term: str) -> tuple[str, ...]:
    """The stemmed tokens a term is matched by."""
    return tuple(stem(t) for t in tokens(term))


def find_term(term: str, text: str) -> Optional[tuple[int, int]]:
    """The character span of the first place `text` names `term`, or None."""
    key = term_key(term)
    if not key:
        return None
    spans = token_spans(text)
    stemmed = [stem(m.group(0)) for m in spans]
    n = len(key)
    for i in range(len(stemmed) - n + 1):
        if tuple(stemmed[i : i + n]) == key:
            return spans[i].start(), spans[i + n - 1].end()
    return None


def names_term(text: str, term: str) -> bool:
    return find_term(term, text) is not None
