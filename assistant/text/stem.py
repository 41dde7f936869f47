"""The one stemmer: Snowball's English (Porter 2) stemmer from the `snowballstemmer` package, so
'managed', 'managing' and 'manages' compare equal without a hand-kept suffix list; and a few
derivations a reader joins that Snowball leaves apart (supervisory ~ supervision, certified ~
certification, administer ~ administration), and British spellings made American (licence ~
license, colour ~ color)."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.util import find_spec, module_from_spec

from assistant import regex
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

# A word's derived ending written as its base's before stemming: the adjective of an -ise verb
# (supervisory ~ supervise, advisory ~ advise). Only this spelling: -ory alone ends unrelated
# words (history, directory ~ direct, inventory ~ invent). Not maintenance ~ maintain: the verb
# is any keeping ("maintain records", "maintain partnerships"), the noun a trade's work, and one
# stem listed Maintenance and Repair as shown by those.
_BASE_WORD = [(regex.compile(r"(?<=[a-z]{3})isory$"), "ise")]
# Stems Snowball gives one word's derivations apart, made one: the -ify verb and its -ification
# noun (certifi ~ certif, verifi ~ verif), the -ister verb and its -istration noun (administ ~
# administr, regist ~ registr). Not the Greek -lysis noun and its -lyse verb: the keyword gap
# joins analyzing with analysis by their shared start, and the noun alone with analytical
# (analysi ~ analyt; "analyze the network" is no analytical skill): one stem for all three
# would undo that.
_JOINED_STEM = [
    (regex.compile(r"(?<=[a-z]{3}if)i$"), ""),
    (regex.compile(r"(?<=[a-z]{3}ist)r$"), ""),
]
# a cheap test for the endings either list rewrites
_MAYBE_DERIVED = regex.compile(r"isory|if[iy]|istr")


# British spellings made one with the American (licence ~ license, colour ~ color, centre ~
# center, modelling ~ modeling, catalogue ~ catalog); -ise and -ize both as -ise
_BRITISH = [
    (regex.compile(r"^(licen|defen|offen|pretenc)ce"), r"\1se"),
    (regex.compile(r"^practis"), "practic"),
    (regex.compile(r"(?<=[a-z]{3})([iy])z(e|es|ed|ing|ation|ations|er|ers)$"), r"\1s\2"),
    (regex.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
    (
        regex.compile(
            r"^(model|label|travel|cancel|counsel|signal|level|fuel|channel|tunnel|panel)l"
        ),
        r"\1",
    ),
    (regex.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (regex.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
]


# a cheap test for the endings and beginnings _BRITISH rewrites
_MAYBE_BRITISH = regex.compile(
    r"^(?:licen|defen|offen|pretenc|practis|model|label|travel|cancel|counsel|signal|level|fuel|"
    r"channel|tunnel|panel)|[iy]z|our|tre|ogue"
)


def american(word: str) -> str:
    """A lower-case word with its British spelling made one with the American."""
    if len(word) > 5 and _MAYBE_BRITISH.search(word):
        for pattern, repl in _BRITISH:
            word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word, in lower case ('Managing' -> 'manag'); possessive 's is dropped."""
    low = normalise(word)
    if low.endswith("'s"):
        low = low[:-2]
    if not low[-1:].isalpha():  # C++, C#, .NET: a name, not an inflected word
        return low
    low = american(low) if low.isalpha() else low
    derived = _MAYBE_DERIVED.search(low) is not None
    for pattern, repl in _BASE_WORD if derived else ():
        low = pattern.sub(repl, low)
    out = _STEMMER.stemWord(low)
    for pattern, repl in _JOINED_STEM if derived else ():
        out = pattern.sub(repl, out)
    return out


def stems(text: str) -> list[str]:
    """The stem of every token of `text`, in order."""
    return [stem(t) for t in tokens(text)]
