"""A short message split into its greeting, body sentences (by paragraph) and sign-off, each
with its character span in the original, so signals can be mapped to whole sentences."""

from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel

GREETING = re.compile(
    r"[ \t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b[^\n,:!]{0,60}?(?:,|:|!+|(?=\n)|$)",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:(?:best|kind|warm|warmest|many|with)\s+(?:regards|wishes|thanks)|regards|best|thanks|thank you|"
    r"cheers|sincerely|yours|all the best|respectfully|talk soon)\b[^\n]{0,40}$",
    re.IGNORECASE,
)
SIGNOFF_LINES = 4  # the closing must be among the message's last lines
_ABBREVIATIONS = ("mr", "ms", "mrs", "dr", "prof", "st", "e.g", "i.e", "etc", "vs", "no")
_SENTENCE_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]+[\"')\]\u201d\u2019]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_BULLET = re.compile(r"\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)")


class Span(BaseModel):
    text: str
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and end > self.start


class MessageParts(BaseModel):
    greeting: Optional[Span] = None
    paragraphs: list[list[Span]] = []  # sentences, by paragraph
    signoff: list[Span] = []  # the closing line ("Best regards,") and what follows (the name)


def _span(text: str, start: int, end: int) -> Optional[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text=text[start:end], start=start, end=end) if end > start else None


def _lines(text: str, start: int, end: int) -> list[Span]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        span = _span(text, pos, pos + len(line))
        if span:
            out.append(span)
        pos += len(line) + 1
    return out


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end]; a line break ends one only before a bullet."""
    out, pos = [], start
    cuts = [
        m.end() + start
        for m in _SENTENCE_END.finditer(text[start:end])
        if not _is_abbreviation(text, m.start() + start)
    ]
    cuts += [m.start() + start for m in _BULLET.finditer(text[start:end])]
    for cut in sorted(set(cuts)) + [end]:
        span = _span(text, pos, cut)
        if span:
            out.append(span)
        pos = cut
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]+$", text[max(0, dot - 16) : dot])  # abbreviations are short: a
    # window keeps this linear (the whole text before each dot made it quadratic)
    return bool(word) and (word.group(0).lower() in _ABBREVIATIONS or len(word.group(0)) == 1)


def _is_name(line: Span) -> bool:
    """'Alex' or 'Sam Lee' alone on a line, with no sentence punctuation."""
    words = line.text.split()
    return (
        len(words) <= 3
        and all(w[0].isupper() for w in words)
        and not _SENTENCE_END.search(line.text)
    )


def _is_bare_name(text: str, line: Span) -> bool:
    """A name alone after a blank line."""
    return _is_name(line) and re.search(r"\n[ \t]*\n[ \t]*$", text[: line.start]) is not None


def _is_closing_line(line: Span) -> bool:
    """A short line ending in a comma, right above the name: 'Thank you so much for reading this,'."""
    return line.text.endswith(",") and len(line.text.split()) <= 10


def split_message(text: str) -> MessageParts:
    parts = MessageParts()
    body_start = len(text) - len(text.lstrip())
    greeting = GREETING.match(text, body_start)
    if greeting:
        parts.greeting = _span(text, greeting.start(), greeting.end())
        body_start = greeting.end()
    body_end = len(text)
    lines = _lines(text, body_start, len(text))
    for i in range(max(0, len(lines) - SIGNOFF_LINES), len(lines)):
        if CLOSING.match(lines[i].text) and len(lines[i].text.split()) <= 6:
            parts.signoff = lines[i:]
            body_end = lines[i].start
            break
    else:  # no known closing: a bare name on its own last paragraph is still the signature,
        last = lines[-1] if len(lines) > 1 else None  # and so is a name under a comma-ended line
        if last and _is_bare_name(text, last):
            parts.signoff, body_end = [last], last.start
        elif last and len(lines) > 2 and _is_name(last) and _is_closing_line(lines[-2]):
            parts.signoff, body_end = lines[-2:], lines[-2].start
    pos = body_start
    for m in list(_PARAGRAPH.finditer(text, body_start, body_end)) + [None]:
        cut = m.start() if m else body_end
        para = sentences(text, pos, cut)
        if para:
            parts.paragraphs.append(para)
        pos = m.end() if m else body_end
    return parts
