"""Who a draft is for: `--to NAME` (or the notes' contact, or the recruiter) resolved to a person
from the notes, with what they are to the user (the hiring manager or an interviewer, or the
recruiter; an in-house or an agency recruiter), so that the greeting, the thanks and the detail
fit that person; and the one detail from the notes written as a sentence to them
(assistant/analysis/detail.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from assistant.analysis.detail import Detail, Reader, name_forms, pick_detail
from assistant.errors import InputError, MissingFactError
from assistant.inputs.notes import RejectionNotes

# hiring-manager: the contact, or whoever the notes call the hiring manager (they decided);
# interviewer: someone else met in the interview; recruiter: in-house or agency.
Kind = Literal["hiring-manager", "interviewer", "recruiter"]
RecruiterType = Literal["in-house", "agency", "unknown"]
_AGENCY_WORDS = ("agency", "external", "consultant")
_IN_HOUSE_WORDS = ("in-house", "in house", "internal", "talent acquisition", "talent partner")


@dataclass(frozen=True)
class Person:
    name: str
    kind: Kind
    role: Optional[str] = None
    recruiter_type: RecruiterType = "unknown"

    @property
    def at_company(self) -> bool:
        """Works at the company (so its team is theirs): everyone but an agency recruiter."""
        return not (self.kind == "recruiter" and self.recruiter_type == "agency")

    @property
    def label(self) -> str:
        if self.kind == "recruiter":
            return (
                "recruiter"
                if self.recruiter_type == "unknown"
                else f"{self.recruiter_type} recruiter"
            )
        return self.role or ("interviewer" if self.kind == "interviewer" else "hiring manager")

    @property
    def recipient(self) -> str:
        """As `--recipient` says it: recruiter, or hiring-manager for anyone at the company."""
        return "recruiter" if self.kind == "recruiter" else "hiring-manager"


def _role_of(notes: RejectionNotes, name: str) -> Optional[str]:
    forms = name_forms(name)
    if notes.contact_name and notes.contact_name in forms | {name}:
        return notes.contact_role
    for person in notes.people:
        if person.name in forms or name in name_forms(person.name):
            return person.role
    return None


def _is_recruiter(notes: RejectionNotes, name: str, role: Optional[str]) -> bool:
    role = (role or "").lower()
    same = notes.recruiter_name and (
        name in name_forms(notes.recruiter_name) or notes.recruiter_name in name_forms(name)
    )
    return bool(same) or "recruit" in role or "talent" in role


def recruiter_type(notes: RejectionNotes, name: str) -> RecruiterType:
    """in-house or agency: the notes' recruiter_type, else what the recruiter's role line says
    ('recruiter at Hays', 'recruiter (Creative Talent)' name another firm: an agency)."""
    if notes.recruiter_type:
        return notes.recruiter_type
    roles = [(p.role or "").lower() for p in notes.people if name in name_forms(p.name) | {p.name}]
    if notes.contact_name and name in name_forms(notes.contact_name):
        roles.append((notes.contact_role or "").lower())
    for role in roles:
        if any(w in role for w in _IN_HOUSE_WORDS):
            return "in-house"
        if any(w in role for w in _AGENCY_WORDS):
            return "agency"
        company = (notes.company or "").lower()
        if ("(" in role or " at " in role) and company and company not in role:
            return "agency"
    return "unknown"


def person(notes: RejectionNotes, name: str, kind: Optional[Kind] = None) -> Person:
    """The person called `name` in the notes, with what they are to the user."""
    role = _role_of(notes, name)
    if kind is None:
        if _is_recruiter(notes, name, role):
            kind = "recruiter"
        elif (notes.contact_name and name in name_forms(notes.contact_name)) or "hiring" in (
            role or ""
        ).lower():
            kind = "hiring-manager"
        else:
            kind = "interviewer"
    return Person(
        name=name,
        kind=kind,
        role=role,
        recruiter_type=recruiter_type(notes, name) if kind == "recruiter" else "unknown",
    )


def known_people(notes: RejectionNotes) -> list[str]:
    """Every person the notes name, in their fullest form, without repeats."""
    out: list[str] = []
    for name in [notes.contact_name, notes.recruiter_name, *(p.name for p in notes.people)]:
        if not name:
            continue
        if any(name in name_forms(o) for o in out):
            continue
        out = [o for o in out if o not in name_forms(name)] + [name]
    return out


def others_name_forms(notes: RejectionNotes, reader: str) -> list[str]:
    """Every form of every name the notes give, but the reader's: names a draft to `reader` must
    not put in the reader's place."""
    return [f for name in known_people(notes) if name != reader for f in name_forms(name)]


def find(notes: RejectionNotes, to: str) -> Optional[str]:
    """The notes' name for `to` ('Ravi', 'ravi shah', 'Dr Marsh'), or None."""
    want = " ".join(to.split()).casefold()
    for name in known_people(notes):
        if want in {f.casefold() for f in name_forms(name)}:
            return name
    return None


def find_recruiter(notes: RejectionNotes) -> str:
    """The recruiter's name: recruiter_name, else the contact when they are a recruiter, else a
    person met whose role says recruiter."""
    if notes.recruiter_name:
        return notes.recruiter_name
    if notes.contact_name and "recruit" in (notes.contact_role or ""):
        return notes.contact_name
    for p in notes.people:
        if "recruit" in (p.role or "").lower():
            return p.name
    raise MissingFactError(
        "recruiter's name",
        "add `recruiter_name: Alex Morgan` to the front matter or pass --recruiter NAME",
    )


def resolve(
    notes: RejectionNotes,
    to: Optional[str] = None,
    kind: Optional[Kind] = None,
    strict: bool = True,
) -> Person:
    """`to` as a person from the notes; without it, the recruiter when `kind` is recruiter, else
    the contact (or, when the contact is the recruiter and a hiring manager is asked for, the
    first person met who is not a recruiter). `strict`: a `to` the notes do not name is an error
    (else it is taken as written)."""
    if to and to.strip():
        name = find(notes, to)
        if name is None:
            if strict:
                names = ", ".join(known_people(notes)) or "none"
                raise InputError(
                    f"--to: '{to.strip()}' is not in the notes (people in the notes: {names}); "
                    "add them under '## People I met'"
                )
            return Person(name=" ".join(to.split()), kind=kind or "hiring-manager")
        return person(notes, name, kind)
    if kind == "recruiter":
        return person(notes, find_recruiter(notes), "recruiter")
    if notes.contact_name:
        found = person(notes, notes.contact_name)
        if kind == "hiring-manager" and found.kind == "recruiter":
            for p in notes.people:
                if not _is_recruiter(notes, p.name, p.role):
                    return person(notes, p.name, "hiring-manager")
            return Person(name=notes.contact_name, kind="hiring-manager", role=found.role)
        return found
    raise MissingFactError(
        "contact name", "add `contact_name: Sam Lee` to the front matter or pass --contact NAME"
    )


def detail_for(notes: RejectionNotes, reader: Person) -> Optional[Detail]:
    """The first note item (highlight, then what went well) that makes a clean sentence to the
    reader; None when none does (the draft then leaves the detail out)."""
    return pick_detail(
        [notes.highlight or "", *notes.went_well],
        Reader(reader.name, at_company=reader.at_company),
        known_people(notes),
    )
