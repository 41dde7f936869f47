"""The one tokenizer, and the one definition of a content word.

A token keeps the punctuation that belongs inside a word or a skill name: C++, C#, .NET, Node.js,
CI/CD, R&D, don't, Sainsbury's. Every part of Rebound that splits text into words uses `TOKEN`
(through `tokens`, `words` or `content_words`), so a fix to what counts as a word is made once."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant import regex
from assistant.paths import data_path

# A letter or digit of any script ('José', 'Łukasz', 'Zoë' are one token each), then a greedy run
# that must end on a word character or on the '+'/'#' that closes a name ('Security+' and 'A+'
# alike: a name never loses its '+' and becomes a plain word). Linear: a failed run backtracks at most its own length, and
# every match consumes its text.
TOKEN = regex.compile(r"\.?[^\W_](?:[\w+#.&/'\u2019-]*[^\W_][+#]*|[\w+#.&/'\u2019-]*[+#])?")
STOP_WORDS_FILE = "stop_words.txt"


def normalise(word: str) -> str:
    """The form tokens are compared in: lower case, a typographic apostrophe made plain."""
    return word.lower().replace("\u2019", "'")


def token_spans(text: str) -> list[re.Match]:
    """Every token of `text` as a match (its `group(0)`, `start()` and `end()`)."""
    return list(TOKEN.finditer(text))


def tokens(text: str, lower: bool = True) -> list[str]:
    """Word tokens in order: normalised (lower case, plain apostrophe) unless `lower=False`."""
    found = TOKEN.findall(text)
    return [normalise(t) for t in found] if lower else found


def words(text: str) -> list[str]:
    """The tokens that are words (they start with a letter; numbers are left out), as written."""
    return [t for t in TOKEN.findall(text) if t.lstrip(".")[:1].isalpha()]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words that carry no content (assistant/data/stop_words.txt)."""
    text = data_path(STOP_WORDS_FILE).read_text(encoding="utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def is_content_word(token: str) -> bool:
    """A normalised token that says something: not a stop word, not a bare number, not one letter."""
    return len(token) > 1 and not token.isdigit() and token not in stop_words()


def content_words(text: str) -> list[str]:
    """The normalised tokens of `text` that are content words, in order (repeats kept)."""
    return [t for t in tokens(text) if is_content_word(t)]
