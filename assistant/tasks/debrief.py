"""The interview debrief, written as the notes file every other command reads: YAML front matter
for the facts, Markdown sections for the lists (assistant.inputs.notes parses both). A later
interview round is appended as a "## Round N (date)" section; the file's bytes before it are
kept exactly as they were."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel

from assistant import regex
from assistant.errors import InputError, OutputExistsError, ReboundError
from assistant.files import atomic_write
from assistant.inputs.notes import MAX_NOTES_BYTES, Person, RejectionNotes, parse_notes
from assistant.inputs.text import read_bytes
from assistant.paths import user_dir

HOW = ("well", "okay", "struggled")
EXISTS = "{path}: already exists; pass --append to add a round to it, or choose another --out"
_ROUND = regex.compile(r"^## Round (\d+)\b", re.MULTILINE)


class QuestionAsked(BaseModel):
    text: str
    went: Literal["well", "okay", "struggled"]
    note: str = ""

    def line(self) -> str:
        return f"{self.text} \u2014 {'went ' + self.went if self.went == 'well' else self.went}" + (
            f": {self.note}" if self.note else ""
        )


class Round(BaseModel):
    """What happened in one interview round."""

    date: dt.date
    people: list[Person] = []
    questions: list[QuestionAsked] = []
    went_well: list[str] = []
    went_wrong: list[str] = []
    next_steps: str = ""


class Debrief(BaseModel):
    """The first round's debrief, with the facts every draft needs."""

    your_name: str
    company: str
    role: str
    round: Round
    rejection_date: Optional[dt.date] = None
    contact_name: Optional[str] = None
    contact_role: Optional[str] = None
    recruiter_name: Optional[str] = None
    recruiter_type: Optional[Literal["in-house", "agency"]] = None
    highlight: Optional[str] = None  # the one detail the drafts mention


class DebriefResult(BaseModel):
    path: str
    round: int
    appended: bool
    notes: RejectionNotes  # the file as every other command reads it


def _bullets(items: list[str]) -> list[str]:
    return [f"- {' '.join(item.split())}" for item in items if item.strip()]


def _sections(rnd: Round, level: str) -> list[str]:
    parts = [
        (
            "People I met",
            _bullets([f"{p.name}, {p.role}" if p.role else p.name for p in rnd.people]),
        ),
        ("Questions asked", _bullets([q.line() for q in rnd.questions])),
        (
            "Questions I struggled with",
            _bullets([q.text for q in rnd.questions if q.went == "struggled"]),
        ),
        ("What went well", _bullets(rnd.went_well)),
        ("What may have gone wrong", _bullets(rnd.went_wrong)),
        ("Next steps", _bullets([rnd.next_steps])),
    ]
    lines: list[str] = []
    for heading, bullets in parts:
        if bullets:
            lines += [f"{level} {heading}", *bullets, ""]
    return lines


def render_notes(debrief: Debrief) -> str:
    import yaml

    front = {
        "your_name": debrief.your_name,
        "company": debrief.company,
        "role": debrief.role,
        "interview_date": debrief.round.date,
        "rejection_date": debrief.rejection_date,
        "contact_name": debrief.contact_name,
        "contact_role": debrief.contact_role,
        "recruiter_name": debrief.recruiter_name,
        "recruiter_type": debrief.recruiter_type,
        "highlight": debrief.highlight,
    }
    front = {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in front.items() if v}
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return (
        "\n".join(["---", head.rstrip("\n"), "---", "", *_sections(debrief.round, "##")]).rstrip(
            "\n"
        )
        + "\n"
    )


def next_round(text: str) -> int:
    """Round 1 is the file's own debrief; appended rounds are numbered after the highest so far."""
    return max([1, *(int(n) for n in _ROUND.findall(text))]) + 1


def render_round(rnd: Round, number: int) -> str:
    return (
        "\n".join(
            [f"## Round {number} ({rnd.date.isoformat()})", "", *_sections(rnd, "###")]
        ).rstrip("\n")
        + "\n"
    )


def write_debrief(debrief: Debrief, path: Path | str) -> DebriefResult:
    """Write a new notes file; an existing file is never overwritten. If it cannot be written, the
    answers are kept in the user directory and the error says where."""
    text = render_notes(debrief)
    notes = parse_notes(text, str(path))  # what every other command will read
    try:
        atomic_write(path, text, force=False)
    except OutputExistsError:
        raise keep_answers(text, EXISTS.format(path=path)) from None
    except (ReboundError, OSError) as exc:
        problem = str(exc) if isinstance(exc, ReboundError) else f"{path}: {exc}"
        raise keep_answers(text, problem) from None
    return DebriefResult(path=str(path), round=1, appended=False, notes=notes)


def keep_answers(text: str, problem: str) -> InputError:
    """The typed answers, saved where they can be (the user directory, else the temporary
    folder), and the error that says so. Nothing typed is dropped."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (lambda: user_dir(create=True), tempfile.gettempdir):
        try:
            fd, kept = tempfile.mkstemp(prefix=f"debrief-{stamp}-", suffix=".md", dir=folder())
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return InputError(f"{problem}; your answers are saved in {kept}")
        except OSError:
            continue
    sys.stdout.write(text)  # nowhere to write: the answers go to the terminal
    return InputError(f"{problem}; your answers are printed above")


def check_writable(path: Optional[Path | str], append: bool = False) -> None:
    """Before the first question: the folder the notes go to must take a new file."""
    from assistant.files import check_folder, check_target

    if path is None:
        check_folder(Path("."))  # the default file goes in the current folder
    elif append:
        check_target(Path(os.path.realpath(path)), force=True)
    else:
        check_target(path, force=False)


def existing_notes(path: Path | str) -> tuple[bytes, str]:
    """The notes file to append to, as bytes and text; it must already read as notes."""
    if not Path(path).exists():
        raise InputError(
            f"{path}: no such file to append to (leave out --append to start new notes)"
        )
    data = read_bytes(path, MAX_NOTES_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: is not UTF-8 text; save it as UTF-8 before appending a round"
        ) from None
    parse_notes(text.replace("\r\n", "\n"), str(path))
    return data, text


def append_round(rnd: Round, path: Path | str) -> DebriefResult:
    """Append a round: the existing bytes are kept as they are, the new section goes after them,
    and the file is replaced atomically (a crash leaves the old file, never half a round)."""
    data, text = existing_notes(path)
    number = next_round(text)
    newline = "\r\n" if b"\r\n" in data else "\n"
    addition = render_round(rnd, number).replace("\n", newline)
    sep = newline if data.endswith(b"\n") else newline * 2
    combined = data + (sep + addition).encode("utf-8")
    notes = parse_notes(combined.decode("utf-8-sig").replace("\r\n", "\n"), str(path))
    try:
        atomic_write(path, combined, force=True)  # through a symlink: the file it points to
    except ReboundError as exc:
        raise keep_answers(addition, str(exc)) from None
    return DebriefResult(path=str(path), round=number, appended=True, notes=notes)


def default_path(company: str, date: dt.date) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", company.lower()).strip("-") or "interview"
    return f"{slug}-{date.isoformat()}.md"
