"""The one bullet recogniser: what marks a list item at the start of a line."""

from __future__ import annotations

from typing import Optional

from assistant import regex

# A list mark after Markdown's escape ("\- Work as part of ...": an export that keeps the mark
# from being rendered as a list): the line shows the mark, and a reader takes it for a list item.
ESCAPED_MARK = r"\\[-*+]"
# '-', '*', '+' (escaped or not), the usual bullet glyphs (and Word's 'o', an en dash), or '1.' /
# '1)'.
MARK = (
    rf"(?:{ESCAPED_MARK}|[-*+\u2022\u25aa\u25e6\u25cf\u25a0\u2023\u25ba\u2013\u27a2\u2714o]|"
    r"\d{1,2}[.)])"
)
# A whole list-item line; `item` is its text without the mark and the surrounding space. Linear:
# the item's greedy run backtracks only over the line's trailing white space.
BULLET = regex.compile(rf"^\s*{MARK}\s+(?P<item>\S(?:.*\S)?)\s*$")
# Where a new list item starts inside a paragraph (a line break followed by a mark).
BULLET_BREAK = regex.compile(rf"\n(?=[ \t]*{MARK}\s)")
# A list mark or a Markdown heading mark at the start of a line, to strip.
_LEAD_MARK = regex.compile(rf"^\s*(?:{MARK}\s+|#+\s*)")


def bullet_item(line: str) -> Optional[str]:
    """The item's text when `line` is a list item, else None."""
    m = BULLET.match(line)
    return m.group("item") if m else None


def is_bullet(line: str) -> bool:
    return BULLET.match(line) is not None


def strip_marks(line: str) -> str:
    """A line without its list or heading mark, nor the emphasis around it."""
    return _LEAD_MARK.sub("", line).strip().strip("*_").strip()
