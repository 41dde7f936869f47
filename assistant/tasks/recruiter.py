"""The recruiter update: how the interview went, that the answer was no, and two asks: what
feedback the recruiter heard from the employer, and which roles to look at next.

A small model writes one sentence (what went well) inside the template; a large one may write
the whole body. The guard checks every draft; the template is the fallback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.engine.base import Backend
from assistant.errors import MissingFactError
from assistant.generation import Generation
from assistant.guard.generate import SLOT
from assistant.guard.recruiter_update import check_recruiter_update
from assistant.inputs.notes import RejectionNotes
from assistant.tasks.slot import (
    SlotTask,
    draft_with_slot,
    email_frame,
    greeting_name,
    notes_facts,
)
from assistant.text_utils import as_clause, day_month, split_subject, with_article

TASK = "recruiter"
MAX_WORDS = 170
GENERIC_WORDS = frozenset(
    "interview especially enjoyed really think thought conversation about which strongest answer "
    "answers going parts".split()
)


class RecruiterResult(BaseModel):
    recruiter: str
    subject: str
    body: str
    generation: Generation


def find_recruiter(notes: RejectionNotes) -> str:
    """The recruiter's name: recruiter_name, else the contact when they are a recruiter, else a
    person met whose role says recruiter."""
    if notes.recruiter_name:
        return notes.recruiter_name
    if notes.contact_name and "recruit" in (notes.contact_role or ""):
        return notes.contact_name
    for person in notes.people:
        if "recruit" in (person.role or "").lower():
            return person.name
    raise MissingFactError(
        "recruiter's name",
        "add `recruiter_name: Alex Morgan` to the front matter or pass --recruiter NAME",
    )


def _context(
    notes: RejectionNotes, recruiter: str, mode: str, sentence: Optional[str] = None
) -> dict:
    names = [
        recruiter,
        notes.contact_name or "",
        notes.company or "",
        *(p.name for p in notes.people),
    ]
    detail = notes.detail()
    return dict(
        notes=notes,
        recruiter=recruiter,
        hello=greeting_name(recruiter),
        mode=mode,
        role_label=notes.role,
        a_role=with_article(notes.role or ""),
        detail=as_clause(detail, names) if detail else None,
        sentence=sentence,
        interview_day=day_month(notes.interview_date),
        rejection_day=day_month(notes.rejection_date),
        max_words=MAX_WORDS,
    )


def draft_recruiter_update(
    notes: RejectionNotes,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> RecruiterResult:
    notes.require("company", "role", "your_name")
    recruiter = find_recruiter(notes)
    template = prompts.render(TASK, "fallback", **_context(notes, recruiter, "template"))

    spec = SlotTask(
        task=TASK,
        context=lambda mode, free: _context(notes.model_copy(update=free), recruiter, mode),
        fallback=template,
        sentence_frames=(
            prompts.render(TASK, "fallback", **_context(notes, recruiter, "sentence", SLOT)),
        ),
        body_frame=email_frame(template),
        facts=notes_facts(
            notes, template, [greeting_name(recruiter), notes.company], 40, MAX_WORDS, recruiter
        ),
        checks=(check_recruiter_update,),
        generic_words=GENERIC_WORDS,
        sentence_start=("I ",),
        must_mention=notes.detail() or "",
        free_parts={"highlight": notes.highlight or "", "went_well": list(notes.went_well)},
        what=notes.source or "the notes",
    )
    drafted = draft_with_slot(spec, backend, on_chunk)
    subject, body = split_subject(drafted.text)
    return RecruiterResult(
        recruiter=recruiter, subject=subject, body=body, generation=drafted.generation
    )
