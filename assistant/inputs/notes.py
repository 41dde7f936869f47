"""Rejection notes: a Markdown file with optional YAML front matter, read into RejectionNotes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant import regex
from assistant.errors import InputError, MissingFactError, first_error
from assistant.inputs.limits import check_yaml
from assistant.inputs.text import display_name, read_text
from assistant.text import BULLET

MAX_NOTES_BYTES = 200_000


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)  # "  " is no name
    name: str
    role: Optional[str] = None


class RejectionNotes(BaseModel):
    """What the user wrote down about one application and its rejection."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)  # "  " is no name

    your_name: Optional[str] = None
    company: Optional[str] = None
    role: Optional[str] = None
    contact_name: Optional[str] = None
    contact_role: Optional[str] = Field(None, description="hiring manager or recruiter")
    contact_email: Optional[str] = None
    recruiter_name: Optional[str] = Field(
        None, description="the recruiter who put you forward, if any"
    )
    recruiter_email: Optional[str] = None
    recruiter_type: Optional[Literal["in-house", "agency"]] = Field(
        None, description="in-house (works for the company) or agency (puts you forward)"
    )
    interview_date: Optional[dt.date] = None
    rejection_date: Optional[dt.date] = None
    highlight: Optional[str] = Field(None, description="one specific detail of the interview")
    went_well: list[str] = []
    went_wrong: list[str] = []
    struggled_questions: list[str] = []
    questions_asked: list[str] = Field([], description="every question asked, with how it went")
    people: list[Person] = []
    next_steps: Optional[str] = None
    free_text: str = ""
    source: Optional[str] = None

    @field_validator("interview_date", "rejection_date", mode="before")
    @classmethod
    def _parse_date(cls, value):
        return parse_date(value)

    @field_validator("recruiter_type", mode="before")
    @classmethod
    def _recruiter_type(cls, value):
        """'In house', 'internal', 'in_house' -> in-house; 'agency', 'external' -> agency."""
        if value is None or not str(value).strip():
            return None
        norm = re.sub(r"[\s_-]+", "", str(value)).lower()
        if norm in ("inhouse", "internal", "company", "talentacquisition"):
            return "in-house"
        if norm in ("agency", "external", "thirdparty"):
            return "agency"
        return value  # pydantic names the two allowed values

    @field_validator("contact_role", mode="before")
    @classmethod
    def _contact_role(cls, value):
        if value is None:
            return None
        norm = re.sub(r"[\s_-]+", " ", str(value)).strip().lower()
        return norm or None

    def detail(self) -> Optional[str]:
        """The one specific detail a draft can mention: the highlight, else what went well
        (without its verdict: 'The SQL exercise went well' -> 'The SQL exercise')."""
        for item in [self.highlight or "", *self.went_well]:
            item = _VERDICT.sub("", item.strip().rstrip("."))
            if item:
                return item
        return None

    def require(self, *fields: str) -> None:
        for name in fields:
            if not getattr(self, name):
                raise MissingFactError(_LABELS.get(name, name), _HOW.get(name, f"add `{name}:`"))

    def all_text(self) -> str:
        """Every fact and line in the notes, for guards that ask 'is this in the inputs?'."""
        parts = [
            self.your_name,
            self.company,
            self.role,
            self.contact_name,
            self.contact_role,
            self.contact_email,
            self.recruiter_name,
            self.recruiter_email,
            self.highlight,
            self.next_steps,
            self.free_text,
            *(str(d) for d in (self.interview_date, self.rejection_date) if d),
            *self.went_well,
            *self.went_wrong,
            *self.struggled_questions,
            *self.questions_asked,
            *(f"{p.name} {p.role or ''}" for p in self.people),
        ]
        return "\n".join(p for p in parts if p)


_LABELS = {
    "your_name": "name to sign with",
    "contact_name": "contact name",
    "company": "company",
    "recruiter_name": "recruiter's name",
}
_HOW = {
    "your_name": "add `your_name: Jane Doe` to the front matter or pass --your-name",
    "company": "add `company: Acme` to the front matter or pass --company",
    "contact_name": "add `contact_name: Sam Lee` to the front matter or pass --contact",
    "role": "add `role: Data Analyst` to the front matter or pass --role",
    "recruiter_name": "add `recruiter_name: Alex Morgan` to the front matter or pass --recruiter",
}

_KEY_ALIASES = {
    "name": "your_name",
    "my_name": "your_name",
    "candidate": "your_name",
    "contact": "contact_name",
    "interviewer": "contact_name",
    "employer": "company",
    "position": "role",
    "job_title": "role",
    "title": "role",
    "email": "contact_email",
    "well": "went_well",
    "wrong": "went_wrong",
    "struggled": "struggled_questions",
    "questions": "struggled_questions",
    "notes": "free_text",
    "recruiter": "recruiter_name",
    "recruiter_contact": "recruiter_name",
    "recruiter_kind": "recruiter_type",
}

# Section headings in the body, matched on their lower-cased words.
_SECTIONS = [
    ("went_well", regex.compile(r"went well|highlights?|positives?|strengths")),
    (
        "went_wrong",
        regex.compile(
            r"went wrong|gone wrong|could have gone better|go better|concerns|weak|improve"
        ),
    ),
    (
        "questions_asked",
        regex.compile(r"^(?!.*struggl).*(?:questions (?:they |i was )?asked|questions and how)"),
    ),
    (
        "struggled_questions",
        regex.compile(r"struggl|hard questions|tough questions|difficult questions|questions i"),
    ),
    ("people", regex.compile(r"people|who i met|interviewers|met with")),
    ("next_steps", regex.compile(r"next steps?")),
]
_HEADING = regex.compile(
    r"^(?:#{1,6}\s+(?P<md>.+?)\s*#*\s*$|(?P<colon>[A-Za-z][A-Za-z '/&-]{2,60}):\s*$)"
)
_VERDICT = regex.compile(
    r"(?<!\s)\s+(?:went|felt|was|seemed)\s+(?:really\s+|very\s+)?(?:well|great|good|natural|fine)$",
    re.I,
)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d/%m/%Y",
)


def parse_date(value):
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")


def split_front_matter(text: str, name: str) -> tuple[dict, str]:
    """Split '---' YAML front matter from the Markdown body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            break
    else:
        raise InputError(f"{name}: front matter starts with '---' but has no closing '---' line")
    import yaml

    raw = "\n".join(lines[1:i])
    check_yaml(raw, name, "the front matter")  # an alias bomb is refused before it is built
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(f"{name}: front matter is not valid YAML{where}: {problem}") from None
    except ValueError as exc:  # YAML reads 2026-02-30 as a date, and there is no such day
        raise InputError(
            f"{name}: front matter has a date that does not exist ({exc}); use YYYY-MM-DD"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            f"{name}: front matter must be 'key: value' lines, not a {type(data).__name__}"
        )
    twice = _key_given_twice(yaml.compose(raw, Loader=yaml.SafeLoader))
    if twice:
        key, line = twice
        raise InputError(
            f"{name}: front matter gives '{key}' twice (again at line {line + 2}); keep one"
        )
    return data, "\n".join(lines[i + 1 :])


def _key_given_twice(node) -> Optional[tuple[str, int]]:
    """A top-level key that appears twice (YAML would silently keep the last value)."""
    seen: set[str] = set()
    for key, _ in getattr(node, "value", []) if node is not None and node.id == "mapping" else []:
        if key.value in seen:
            return key.value, key.start_mark.line
        seen.add(key.value)
    return None


def _section_for(heading: str) -> Optional[str]:
    words = heading.lower()
    for field, pattern in _SECTIONS:
        if pattern.search(words):
            return field
    return None


_PERSON_SEPARATOR = regex.compile(r",|\(|\s[\u2013\u2014-]\s")


def _parse_person(item: str) -> Person:
    """'Sam Lee, CTO', 'Sam Lee (CTO)' or 'Sam Lee - CTO': the name, and the role after the first
    separator that leaves a role with no ')' inside. Linear time: one regex did this with
    backtracking that took cubic time on a line of spaces."""
    whole = item.rstrip()
    body = whole[:-1] if whole.endswith(")") else whole  # a closing ')' ends the role
    last_paren = body.rfind(")")
    for start in range(1, len(body)):
        sep = _PERSON_SEPARATOR.match(body, start)
        if sep and last_paren < sep.end() < len(body):
            return Person(name=item[:start].strip(), role=body[sep.end() :].strip() or None)
    return Person(name=(body if len(whole) > 1 else whole).strip())


def parse_body(body: str) -> dict:
    """Sections of the Markdown body into lists; anything else is free text."""
    fields: dict = {
        "went_well": [],
        "went_wrong": [],
        "struggled_questions": [],
        "questions_asked": [],
        "people": [],
    }
    free: list[str] = []
    next_steps: list[str] = []
    current: Optional[str] = None
    for line in body.split("\n"):
        head = _HEADING.match(line.strip())
        if head:
            heading = head.group("md") or head.group("colon")
            current = _section_for(heading)
            if current is None:
                free.append(line)
            continue
        if current is None:
            free.append(line)
            continue
        if not line.strip():
            continue
        bullet = BULLET.match(line)
        item = (bullet.group("item") if bullet else line).strip()
        if current == "next_steps":
            next_steps.append(item)
        elif current == "people":
            fields["people"].append(_parse_person(item))
        elif bullet or not fields[current]:
            fields[current].append(item)
        else:  # a continuation line of the previous item
            fields[current][-1] += " " + item
    fields["free_text"] = "\n".join(free).strip()
    if next_steps:
        fields["next_steps"] = " ".join(next_steps)
    return fields


def parse_notes(text: str, name: str = "notes") -> RejectionNotes:
    front, body = split_front_matter(text, name)
    data: dict = {}
    for key, value in front.items():
        norm = _KEY_ALIASES.get(str(key).strip().lower().replace("-", "_").replace(" ", "_"))
        norm = norm or str(key).strip().lower().replace("-", "_").replace(" ", "_")
        if norm not in RejectionNotes.model_fields or norm == "source":
            valid = ", ".join(
                f for f in RejectionNotes.model_fields if f not in ("source", "free_text")
            )
            raise InputError(f"{name}: unknown front matter key '{key}' (known keys: {valid})")
        if isinstance(value, str) and norm in (
            "went_well",
            "went_wrong",
            "struggled_questions",
            "questions_asked",
        ):
            value = [value]
        if norm == "people" and isinstance(value, list):
            value = [_parse_person(v) if isinstance(v, str) else v for v in value]
        data[norm] = value
    for key, value in parse_body(body).items():
        if isinstance(value, list):
            given = data.get(key) or []
            data[key] = (
                given if isinstance(given, list) else [given]
            ) + value  # pydantic checks the items
        elif value and not data.get(key):
            data[key] = value
    data["source"] = name
    try:
        return RejectionNotes.model_validate(data)
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(f"{name}: {where}: {message}") from None


def read_notes(path: Path | str) -> RejectionNotes:
    return parse_notes(read_text(path, MAX_NOTES_BYTES), display_name(path))


def with_overrides(notes: RejectionNotes, **values) -> RejectionNotes:
    """Flags on the command fill or override fields (None means 'not given')."""
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        return notes
    try:
        return RejectionNotes.model_validate({**notes.model_dump(), **given})
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(f"--{where.split('.')[0].replace('_', '-')}: {message}") from None
