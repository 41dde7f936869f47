"""The recruiter update: how the interview went, that the answer was no, and two asks: what
feedback the recruiter heard from the employer, and which roles to look at next.

A small model writes one sentence (what went well) inside the template; a large one may write
the whole body. The guard checks every draft; the template is the fallback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.analysis.detail import Detail, name_forms
from assistant.engine.base import Backend
from assistant.generation import Generation
from assistant.guard.generate import SLOT
from assistant.guard.recruiter_update import check_recruiter_update
from assistant.inputs.notes import RejectionNotes
from assistant.tasks import people
from assistant.tasks.slot import (
    SlotTask,
    draft_with_slot,
    email_frame,
    greeting_name,
    notes_facts,
)
from assistant.text_utils import day_month, split_subject, with_article

TASK = "recruiter"
MAX_WORDS = 170
GENERIC_WORDS = frozenset(
    "interview especially enjoyed really think thought conversation about which strongest answer "
    "answers going parts".split()
)


class RecruiterResult(BaseModel):
    recruiter: str
    recruiter_type: str = "unknown"  # in-house, agency or unknown: the thanks differ
    subject: str
    body: str
    generation: Generation


def _context(
    notes: RejectionNotes,
    person: people.Person,
    detail: Optional[Detail],
    mode: str,
    sentence: Optional[str] = None,
) -> dict:
    return dict(
        notes=notes,
        recruiter=person.name,
        hello=greeting_name(person.name),
        rtype=person.recruiter_type,
        mode=mode,
        role_label=notes.role,
        a_role=with_article(notes.role or ""),
        detail=detail.prompt if detail else None,
        detail_sentence=detail.sentence() if detail else None,
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
    person = people.resolve(notes, kind="recruiter")
    detail = people.detail_for(notes, person)
    template = prompts.render(TASK, "fallback", **_context(notes, person, detail, "template"))
    others = people.others_name_forms(notes, person.name)
    facts = notes_facts(
        notes,
        template,
        [greeting_name(person.name), notes.company],
        40,
        MAX_WORDS,
        person.name,
        detail.sentence() if detail else "",
    ).model_copy(
        update={
            "reader": sorted(name_forms(person.name)),
            "others": others,
            "company": notes.company or "",
        }
    )
    spec = SlotTask(
        task=TASK,
        context=lambda mode, free: _context(notes.model_copy(update=free), person, detail, mode),
        fallback=template,
        sentence_frames=(
            prompts.render(TASK, "fallback", **_context(notes, person, detail, "sentence", SLOT)),
        ),
        body_frame=email_frame(template),
        facts=facts,
        checks=(check_recruiter_update,),
        generic_words=GENERIC_WORDS,
        sentence_start=("I ",),
        must_mention=detail.text if detail else "",
        free_parts={"highlight": notes.highlight or "", "went_well": list(notes.went_well)},
        what=notes.source or "the notes",
        small_model=bool(detail),
    )
    drafted = draft_with_slot(spec, backend, on_chunk)
    subject, body = split_subject(drafted.text)
    return RecruiterResult(
        recruiter=person.name,
        recruiter_type=person.recruiter_type,
        subject=subject,
        body=body,
        generation=drafted.generation,
    )
