"""Words and phrases: phrase counts, and the token-set similarity used to drop near-duplicate
questions (tokens, stop words and stems come from assistant.text)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from assistant import regex
from assistant.analysis.keywords import singular
from assistant.analysis.phrases import WORD_EDGE, after_a_word, compile_phrase
from assistant.text import stop_words, tokens

# Words every interview question uses; they say nothing about what a question asks.
QUESTION_WORDS = frozenset(
    "tell describe time times example give walk through talk share explain happened happen "
    "approach handle handled situation someone something".split()
)
# Stop words that still change what a question asks.
MEANINGFUL = frozenset(
    "no not nor say says said way went go going make made lot lots thing things more most few same "
    "other own only over under again against before after above below up down off out".split()
)
NEAR_DUPLICATE = 0.7  # token-set similarity from which two questions count as one


def token_set(text: str) -> frozenset[str]:
    """What a question is about: its words but function words and question words, plural
    endings removed ('no', 'way', 'say' count here, unlike in the stop-word list)."""
    skip = (stop_words() - MEANINGFUL) | QUESTION_WORDS
    return frozenset(singular(t) for t in tokens(text) if t not in skip and not t.isdigit())


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of the two token sets (0 nothing shared, 1 the same words)."""
    sa, sb = token_set(a), token_set(b)
    if not sa or not sb:
        return 1.0 if sa == sb else 0.0
    return len(sa & sb) / len(sa | sb)


def is_near_duplicate(text: str, others: Iterable[str], threshold: float = NEAR_DUPLICATE) -> bool:
    return any(similarity(text, other) >= threshold for other in others)


def any_phrase(phrases: Iterable[str]) -> re.Pattern:
    """One pattern that finds any of the phrases (assistant.analysis.phrases syntax), longest first."""
    phrases = list(phrases)
    alts = [  # longest first, then in the alphabet's order: the same pattern in every process
        sorted(
            {compile_phrase(p, {}) for p in phrases if after_a_word(p) is after},
            key=lambda alternative: (-len(alternative), alternative),
        )
        for after in (False, True)
    ]
    # one word edge before the whole alternation, which the engine scans far faster than an
    # edge in each alternative (200 KB against 15 families' cues: 0.3 s against 4 s); none
    # before a phrase that follows a word (", then")
    parts = [WORD_EDGE + "(?:" + "|".join(alts[0]) + ")"] if alts[0] else []
    return regex.compile(r"(?:" + "|".join(parts + alts[1]) + r")(?!\w)", re.IGNORECASE)


def count_phrases(text: str, pattern: re.Pattern) -> dict[str, int]:
    """How often each phrase occurs, keyed by the matched words in lower case, most frequent first."""
    counts = Counter(
        " ".join(m.group(0).lower().replace("\u2019", "'").split()) for m in pattern.finditer(text)
    )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
