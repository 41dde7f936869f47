"""The one stemmer: Snowball's English (Porter 2) stemmer from the `snowballstemmer` package, so
'managed', 'managing' and 'manages' compare equal without a hand-kept suffix list."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from assistant.text.tokens import normalise, tokens

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word, in lower case ('Managing' -> 'manag'); possessive 's is dropped."""
    low = normalise(word)
    if low.endswith("'s"):
        low = low[:-2]
    if not low[-1:].isalpha():  # C++, C#, .NET: a name, not an inflected word
        return low
    return _STEMMER.stemWord(low)


def stems(text: str) -> list[str]:
    """The stem of every token of `text`, in order."""
    return [stem(t) for t in tokens(text)]
