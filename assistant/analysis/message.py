"""A short message split into its greeting, body sentences (by paragraph) and sign-off, each
with its character span in the original, so signals can be mapped to whole sentences."""

from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel

from assistant import regex
from assistant.text.sentences import SENTENCE_END, Span, sentence_spans, span

GREETING = regex.compile(
    r"[ \t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b[^\n,:!]{0,60}?(?:,|:|!+|(?=\n)|$)",
    re.IGNORECASE,
)
CLOSING = regex.compile(
    r"^(?:(?:best|kind|warm|warmest|many|with)\s+(?:regards|wishes|thanks)|regards|best|thanks|thank you|"
    r"cheers|sincerely|yours|all the best|respectfully|talk soon)\b[^\n]{0,40}$",
    re.IGNORECASE,
)
# A courtesy formula that ends the body, as the closing's own words ("... next week. God bless.",
# "Thanks again!"): the whole sentence, nothing else. It belongs with the sign-off: it asks nothing
# and is not judged as a sentence of the message.
VALEDICTION = regex.compile(
    r"(?:(?:thank you|thanks)(?: again| so much| very much)?(?:,? and god bless(?: you)?)?|many thanks|"
    r"god bless(?: you)?(?: all)?|(?:many )?blessings|stay (?:blessed|safe)|take care|cheers|"
    r"(?:have|enjoy) a (?:nice|good|great|lovely|blessed) (?:day|week|weekend|evening)(?: ahead)?)"
    r"\s*[.!]*",
    re.IGNORECASE,
)
SIGNOFF_LINES = 4  # the closing must be among the message's last lines
_PARAGRAPH = regex.compile(r"\n[ \t]*\n\s*")


class MessageParts(BaseModel):
    greeting: Optional[Span] = None
    paragraphs: list[list[Span]] = []  # sentences, by paragraph
    signoff: list[Span] = []  # the closing line ("Best regards,") and what follows (the name)
    valediction: Optional[Span] = None  # a courtesy formula ending the body ("God bless.")

    def frame(self) -> list[Span]:
        """What stands around the body's sentences, in order: the greeting, the courtesy formula
        ending the body, the sign-off."""
        around = [self.greeting] if self.greeting else []
        around += [self.valediction] if self.valediction else []
        return around + self.signoff


def _lines(text: str, start: int, end: int) -> list[Span]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        found = span(text, pos, pos + len(line))
        if found:
            out.append(found)
        pos += len(line) + 1
    return out


def _is_name(line: Span) -> bool:
    """'Alex' or 'Sam Lee' alone on a line, with no sentence punctuation."""
    words = line.text.split()
    return (
        len(words) <= 3
        and all(w[0].isupper() for w in words)
        and not SENTENCE_END.search(line.text)
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
        parts.greeting = span(text, greeting.start(), greeting.end())
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
        para = sentence_spans(text, pos, cut)
        if para:
            parts.paragraphs.append(para)
        pos = m.end() if m else body_end
    last = parts.paragraphs[-1] if parts.paragraphs else []
    if last and VALEDICTION.fullmatch(last[-1].text) and sum(map(len, parts.paragraphs)) > 1:
        parts.valediction = last.pop()
        if not last:
            parts.paragraphs.pop()
    return parts
