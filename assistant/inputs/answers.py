"""Practice answers from a file (`rebound practice --answers FILE`): question/answer pairs as
Markdown (each heading is a question, the text under it the answer; a '# ' title with nothing
under it is skipped) or JSON (a list of
{"question": ..., "answer": ...} objects, or {"answers": [...]})."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant import regex
from assistant.errors import InputError, first_error
from assistant.inputs.json_file import read_json
from assistant.inputs.text import display_name, read_text

MAX_ANSWERS_BYTES = 500_000
MAX_PAIRS = 100
_HEADING = regex.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<q>.+?)\s*#*\s*$")
_NUMBERED = regex.compile(r"^(?:q(?:uestion)?\s*)?\d+[.):]\s*", re.IGNORECASE)


class AnswerPair(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)


def parse_markdown_answers(text: str, name: str) -> list[AnswerPair]:
    pairs: list[tuple[str, int, list[str]]] = []
    for line in text.split("\n"):
        head = _HEADING.match(line)
        if head:
            pairs.append((_NUMBERED.sub("", head.group("q")).strip(), len(head.group("level")), []))
        elif pairs:
            pairs[-1][2].append(line)
        elif line.strip():
            raise InputError(
                f"{name}: text before the first question; start each question with a '## ' heading"
            )
    out = []
    for question, level, lines in pairs:
        answer = "\n".join(lines).strip()
        if not answer and level == 1:
            continue  # the document's title
        if not answer:
            raise InputError(f"{name}: the question '{question[:60]}' has no answer under it")
        out.append(AnswerPair(question=question, answer=answer))
    return out


def parse_json_answers(data: object, name: str) -> list[AnswerPair]:
    if isinstance(data, dict) and set(data) == {"answers"}:
        data = data["answers"]
    if not isinstance(data, list):
        raise InputError(f'{name}: expected a list of {{"question": ..., "answer": ...}} objects')
    out = []
    for i, item in enumerate(data, 1):
        try:
            out.append(AnswerPair.model_validate(item))
        except ValidationError as exc:
            where, message = first_error(exc)
            raise InputError(
                f"{name}: answer {i}: {where + ': ' if where else ''}{message}"
            ) from None
    return out


def read_answers(path: Path | str) -> list[AnswerPair]:
    """The question/answer pairs in a Markdown or JSON file, or one clear InputError."""
    name = display_name(path)
    if Path(str(path)).suffix.lower() == ".json":
        pairs = parse_json_answers(read_json(path, MAX_ANSWERS_BYTES), name)
    else:
        pairs = parse_markdown_answers(read_text(path, MAX_ANSWERS_BYTES), name)
    if not pairs:
        raise InputError(f"{name}: no question/answer pairs found")
    if len(pairs) > MAX_PAIRS:
        raise InputError(f"{name}: {len(pairs)} answers; at most {MAX_PAIRS} at a time")
    return pairs
