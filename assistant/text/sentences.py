"""The one sentence splitter. It works on character spans so callers can map what they find back
to the original text (the soften task replaces whole sentences in place)."""

from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel

from assistant import regex
from assistant.text.bullets import BULLET_BREAK

ABBREVIATIONS = ("mr", "ms", "mrs", "mx", "dr", "prof", "st", "e.g", "i.e", "etc", "vs", "no")
# A run of end marks, then any closing quotes or brackets, then a space or the end.
SENTENCE_END = regex.compile(r"(?<![.!?\u2026])[.!?\u2026]+[\"')\]\u201d\u2019]*(?=\s|$)")
_LINE_BREAK = regex.compile(r"\n")
_SEMICOLON = regex.compile(r";\s+")
_WORD_BEFORE = regex.compile(r"[\w.]+$")
_PRONOUN_I = regex.compile(r"\s+I(?:'|\u2019|\s)")


class Span(BaseModel):
    text: str
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and end > self.start


def span(text: str, start: int, end: int) -> Optional[Span]:
    """text[start:end] without its surrounding white space; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text=text[start:end], start=start, end=end) if end > start else None


def is_abbreviation(text: str, dot: int) -> bool:
    """The '.' at `dot` ends a title or an abbreviation ('Dr.', 'e.g.') or an initial ('J.')."""
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not word or (word.start() > 0 and text[word.start() - 1] in "'\u2019"):
        return False  # the 's' of "St Luke's." is the end of a word, not an initial
    if word.group(0).lower() == "no":  # "No. 5" but "... anything but a no. If I..."
        return bool(re.match(r"\s*\d", text[dot + 1 : dot + 4]))
    if word.group(0).lower() == "ex":  # "SQL (ex. Snowflake, Redshift)" but "... my ex. Then"
        return text[word.start() - 1 : word.start()] in ("(", "[")
    if word.group(0).isdigit():  # "1. Managed ..." numbers an item; "on June 2." ends a sentence
        before = text[max(0, word.start() - 40) : word.start()].rstrip(" \t")
        return not before or before[-1] in "\n.!?:"
    # an initial is one letter ("J."), but not before the pronoun "I": no name goes on with it
    # ("I have no plan B. I have wanted this ...")
    if len(word.group(0)) == 1:
        return not _PRONOUN_I.match(text, dot + 1)
    return word.group(0).lower() in ABBREVIATIONS


def sentence_spans(
    text: str, start: int = 0, end: Optional[int] = None, lines: bool = False
) -> list[Span]:
    """The sentences of text[start:end]. A line break ends a sentence before a bullet, or always
    when `lines` is set (notes and pasted feedback, where a line is a thought of its own)."""
    end = len(text) if end is None else end
    part = text[start:end]
    cuts = [
        m.end() + start
        for m in SENTENCE_END.finditer(part)
        if not is_abbreviation(text, m.start() + start)
    ]
    breaks = _LINE_BREAK if lines else BULLET_BREAK
    cuts += [m.start() + start for m in breaks.finditer(part)]
    out, pos = [], start
    for cut in sorted(set(cuts)) + [end]:
        found = span(text, pos, cut)
        if found:
            out.append(found)
        pos = cut
    return out


def sentences(text: str, lines: bool = False) -> list[str]:
    """The sentences of `text` as strings (see `sentence_spans`)."""
    return [s.text for s in sentence_spans(text, lines=lines)]


def statements(text: str) -> list[str]:
    """The sentences of `text`, each also cut at a semicolon: the items a reader takes one by one
    ("Labor cost management; Inventory management" is two)."""
    return [p for s in sentences(text) for p in _SEMICOLON.split(s) if p.strip()]


def sentence_count(text: str) -> int:
    return len(sentence_spans(text))


# A statement glued to the one before it with no end mark, as PDF text of a paragraph often
# reads: a capitalised past-tense verb right after a lower-case word ("... existing ones Prepared
# tax returns ..."), or any capitalised word right after a period with no space ("baths.Provides").
_GLUED_VERB = regex.compile(r"(?:(?<=[a-z0-9%)] )|(?<=[a-z0-9%)], ))([A-Z][a-z]{3,})(?= [a-z0-9$])")
_GLUED_PERIOD = regex.compile(r"(?<=[a-z]\.)[A-Z][a-z]")


def run_on_count(text: str, past_forms: frozenset[str] = frozenset()) -> int:
    """How many statements `text` holds, counting the sentences and the statements glued into
    them without an end mark (`past_forms`: irregular past tenses that open a statement too)."""
    glued = sum(
        1
        for m in _GLUED_VERB.finditer(text)
        if m.group(1).lower().endswith("ed") or m.group(1).lower() in past_forms
    )
    return len(sentences(text)) + glued + len(_GLUED_PERIOD.findall(text))
