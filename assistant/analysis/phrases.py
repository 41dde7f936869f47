"""A small phrase language for data files, compiled to regular expressions.

    please please            words: a run of spaces, commas, dashes or dots between them
                             (up to 40 characters)
    (give|grant) me          one of the alternatives
    i [really|truly] need    optional words
    {number} times           a word class from the data file
    beg*                     the word and any ending
    i'm                      any apostrophe (' or ’), or none ("im")

Matching ignores case and never starts or ends inside a word."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant import regex

# bounded, so a phrase that starts with one of its characters (", then") is tried at each comma of
# a long run of them in time linear in the run, not quadratic; no phrase spans 40 of them
SEPARATOR = r"(?:[\s,;:.!\u2026\u2013\u2014-]){1,40}"
_APOSTROPHE = "['\u2019\u2018`]?"
_SPECIAL = {"<digits>": r"\d+", "<ordinal>": r"\d+(?:st|nd|rd|th)"}
_BREAK = set(" ()[]{}|")
_REGEX_ONLY = set("?+^$\\")


class PhraseError(ValueError):
    """A phrase in a data file does not follow the phrase syntax."""


class _Parser:
    def __init__(self, text: str, classes: Mapping[str, list[str]]):
        self.text, self.pos, self.classes = text, 0, classes

    def fail(self, what: str) -> PhraseError:
        return PhraseError(f"phrase '{self.text}': {what} at position {self.pos}")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def sequence(self, stops: str) -> str:
        parts: list[tuple[str, bool]] = []
        while True:
            while self.peek() == " ":
                self.pos += 1
            char = self.peek()
            if not char or char in stops:
                break
            if char == "(":
                self.pos += 1
                parts.append((self.alternatives(")"), False))
            elif char == "[":
                self.pos += 1
                parts.append((self.alternatives("]"), True))
            elif char == "{":
                end = self.text.find("}", self.pos)
                if end < 0:
                    raise self.fail("'{' without '}'")
                parts.append((self.word_class(self.text[self.pos + 1 : end]), False))
                self.pos = end + 1
            elif char in ")]}|":
                raise self.fail(f"unexpected '{char}'")
            else:
                start = self.pos
                while self.peek() and self.peek() not in _BREAK:
                    self.pos += 1
                word = self.text[start : self.pos]
                if any(c in _REGEX_ONLY for c in word):
                    raise self.fail(f"'{word}': regular-expression characters belong in `patterns`")
                parts.append((word_regex(word), False))
        return join_parts(parts, self)

    def alternatives(self, close: str) -> str:
        options = [self.sequence("|" + close)]
        while self.peek() == "|":
            self.pos += 1
            options.append(self.sequence("|" + close))
        if self.peek() != close:
            raise self.fail(f"missing '{close}'")
        self.pos += 1
        return "(?:" + "|".join(options) + ")"

    def word_class(self, name: str) -> str:
        if name not in self.classes:
            raise self.fail(f"unknown word class '{{{name}}}'")
        options = [_SPECIAL.get(entry) or compile_phrase(entry, {}) for entry in self.classes[name]]
        # Longest first, so "a few" wins over "a".
        return "(?:" + "|".join(sorted(options, key=len, reverse=True)) + ")"


def join_parts(parts: list[tuple[str, bool]], parser: _Parser) -> str:
    if parts and all(optional for _, optional in parts):
        raise parser.fail("a phrase needs at least one word that is not optional")
    out, started = "", False
    for part, optional in parts:
        if not started:
            if optional:
                out += f"(?:{part}{SEPARATOR})?"
            else:
                out, started = out + part, True
        else:
            out += f"(?:{SEPARATOR}{part})?" if optional else f"{SEPARATOR}{part}"
    return out


def word_regex(word: str) -> str:
    out = []
    for char in word:
        if char in "'\u2019":
            out.append(_APOSTROPHE)
        elif char == "*":
            out.append(r"\w*")
        elif char == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def compile_phrase(phrase: str, classes: Mapping[str, list[str]]) -> str:
    parser = _Parser(phrase.strip(), classes)
    body = parser.sequence("")
    if parser.pos != len(parser.text):
        raise parser.fail("trailing text")
    return body


_PLAIN_WORD = regex.compile(r"[a-z]+\*?")


def _top_level(text: str, separators: str) -> list[str]:
    """`text` split at the separators that are outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and char in separators:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def anchor_words(phrase: str) -> frozenset[str]:
    """Words one of which every match of the phrase contains, from one required part: a plain word
    ('beg*' stands for any word that starts 'beg'), or an alternative group whose every alternative
    has one. The part whose shortest word is longest is chosen (long words are rare words). Empty
    when no part gives any."""
    best: frozenset[str] = frozenset()
    for part in _top_level(phrase.lower().strip(), " "):
        if _PLAIN_WORD.fullmatch(part):
            found = frozenset([part])
        elif part.startswith("(") and part.endswith(")"):
            alternatives = [anchor_words(alt) for alt in _top_level(part[1:-1], "|")]
            found = frozenset().union(*alternatives) if all(alternatives) else frozenset()
        else:  # optional words, word classes, words with an apostrophe
            continue
        if found and (not best or _rarity(found) > _rarity(best)):
            best = found
    return best


def _rarity(words: frozenset[str]) -> tuple[int, int]:
    return min(len(w.rstrip("*")) for w in words), -len(words)


_LETTERS = regex.compile(r"[a-z]+")


@lru_cache(maxsize=4)
def text_words(lowered: str) -> frozenset[str]:
    """The runs of letters in a lower-cased text: what an anchor word is looked up in."""
    return frozenset(_LETTERS.findall(lowered))


def holds_word(words: frozenset[str], anchors: frozenset[str]) -> bool:
    return any(
        any(w.startswith(a[:-1]) for w in words) if a.endswith("*") else a in words for a in anchors
    )


_PUNCT_FIRST = regex.compile(r"[,;:]")
# a word's edge: no letter, digit or apostrophe before ('to' is not in 'into', 'don't')
WORD_EDGE = r"(?<![\w'\u2019])"


def after_a_word(phrase: str) -> bool:
    """A phrase that starts with a comma (", then") follows a word: "the logs, then"."""
    return bool(_PUNCT_FIRST.match(phrase.strip()))


def edged_phrase(phrase: str, classes: Mapping[str, list[str]]) -> str:
    """The phrase's pattern after a word edge ('to' is not in 'into'); none for a phrase that
    follows a word (`after_a_word`)."""
    edge = "" if after_a_word(phrase) else WORD_EDGE
    return edge + compile_phrase(phrase, classes)


class PhrasePattern:
    """One phrase's case-insensitive pattern, bounded by word edges. It is compiled the first time
    a text holds the phrase's anchor word as a word ('to' in 'today' does not count): most texts
    hold few, and compiling every phrase of a list costs more than a short command's whole run."""

    def __init__(self, phrase: str, classes: Mapping[str, list[str]]):
        self.source = rf"{edged_phrase(phrase, classes)}(?!\w)"
        self.anchors = anchor_words(phrase)
        self._compiled: re.Pattern | None = None

    def finditer(self, text: str, lowered: str | None = None):
        if self.anchors and not holds_word(
            text_words(text.lower() if lowered is None else lowered), self.anchors
        ):
            return iter(())
        if self._compiled is None:
            self._compiled = regex.compile(self.source, re.IGNORECASE)
        return self._compiled.finditer(text)
