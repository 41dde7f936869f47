"""The one stemmer: Snowball's English (Porter 2) stemmer from the `snowballstemmer` package, so
'managed', 'managing' and 'manages' compare equal without a hand-kept suffix list."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.util import find_spec, module_from_spec

from assistant.text.tokens import normalise, tokens


def _english_stemmer():
    """snowballstemmer.stemmer("english"), without running the package's __init__, which imports
    the stemmers of all its 30 languages (~11 ms at every start). With PyStemmer installed, the
    package would hand out PyStemmer's; then it is asked as usual."""
    if "snowballstemmer" in sys.modules or find_spec("Stemmer") is not None:
        import snowballstemmer

        return snowballstemmer.stemmer("english")
    sys.modules["snowballstemmer"] = module_from_spec(find_spec("snowballstemmer"))
    try:  # the package as a bare namespace for its submodules' relative imports, then gone
        from snowballstemmer.english_stemmer import EnglishStemmer
    finally:
        del sys.modules["snowballstemmer"]
    return EnglishStemmer()


_STEMMER = _english_stemmer()


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
