"""Words and phrases: stop words, content tokens, phrase counts, and the token-set similarity
used to drop near-duplicate questions."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from assistant.paths import data_path

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'+#.-]*[a-z0-9+#]|[a-z0-9]")
# Words every interview question uses; they say nothing about what a question asks.
QUESTION_WORDS = frozenset(
    "tell describe time times example give walk through talk share explain happened happen "
    "approach handle handled situation someone something".split()
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    text = data_path("stop_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (keeps 'c++', 'node.js', "don't")."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str, extra_stop: Iterable[str] = ()) -> list[str]:
    stop = stop_words() | frozenset(extra_stop)
    return [t for t in tokens(text) if t not in stop and not t.isdigit() and len(t) > 1]


def token_set(text: str) -> frozenset[str]:
    """What a question is about: its content words, plural endings removed."""
    return frozenset(_stem(w) for w in content_words(text, QUESTION_WORDS))


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of the two token sets (0 nothing shared, 1 the same words)."""
    sa, sb = token_set(a), token_set(b)
    if not sa or not sb:
        return 1.0 if sa == sb else 0.0
    return len(sa & sb) / len(sa | sb)


NEAR_DUPLICATE = 0.7


def is_near_duplicate(text: str, others: Iterable[str], threshold: float = NEAR_DUPLICATE) -> bool:
    return any(similarity(text, other) >= threshold for other in others)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """One regex that finds any of the phrases as whole words (longest first)."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in alts) + r")(?![\w'])")


def count_phrases(text: str, pattern: re.Pattern) -> dict[str, int]:
    counts = Counter(m.group(0) for m in pattern.finditer(text.lower().replace("\u2019", "'")))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
