"""The emails to the person who interviewed you (or your recruiter) after a rejection, by `kind`:

- request: thanks, one specific detail, one polite ask for feedback, the door left open;
- reply: a short answer to the rejection email itself: thanks, the door left open;
- thanks: the thank-you note after the interview, before any decision;
- reapply: a note when applying again later, saying what changed (the user's words, never made up).

The reader is a person from the notes (assistant/tasks/people.py): the greeting and the thanks fit
them (an agency recruiter put you forward; an in-house one did not), and the notes' detail is used
only as a sentence written to them (assistant/analysis/detail.py), or left out. A small model only
writes the one personal sentence (a slot inside the template); a large one may write the whole
body. The guard checks every draft; the template is the fallback (assistant/tasks/slot.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel, model_validator

from assistant import prompts
from assistant.analysis.detail import Detail, name_forms
from assistant.choices import FeedbackKind, Recipient
from assistant.engine.base import Backend
from assistant.errors import InputError
from assistant.generation import Generation
from assistant.guard.generate import SLOT
from assistant.inputs.notes import RejectionNotes
from assistant.stores.followups import Advice
from assistant.tasks import people
from assistant.tasks.slot import (
    Mode,
    SlotTask,
    check_email_body,
    draft_with_slot,
    email_frame,
    greeting_name,
    notes_facts,
)
from assistant.text_utils import day_month, split_subject

MAX_WORDS = 150
TASK = "feedback"
Kind = FeedbackKind
# Courtesy words the worked examples use that any thank-you sentence may use too.
GENERIC_WORDS = frozenset(
    "thank thanks really enjoyed which conversation time telling sharing arranging interview "
    "especially showing explaining talking about your team work glad appreciated hearing "
    "learning walking asking questions".split()
)


class FeedbackRequest(BaseModel):
    notes: RejectionNotes
    recipient: Optional[Recipient] = None  # None: from the person's role in the notes
    to: Optional[str] = None  # a person in the notes; None: the contact (or the recruiter)
    kind: Kind = "request"
    changed: Optional[str] = None  # kind reapply: what changed since (the user's words)

    @model_validator(mode="after")
    def _needs(self):
        if self.kind == "reapply" and not (self.changed or "").strip():
            raise InputError(
                '--changed: say what changed since the interview, e.g. --changed "I completed '
                'the CIPD Level 5 certificate" (Rebound never invents it)'
            )
        if self.changed and self.kind != "reapply":
            raise InputError("--changed: only for --kind reapply")
        return self


class FeedbackResult(BaseModel):
    kind: Kind = "request"
    to: str = ""
    subject: str
    body: str
    recipient: Recipient
    recruiter_type: Optional[str] = None  # in-house, agency or unknown, for a recruiter
    advice: Optional[Advice] = None  # the follow-up log's advice on writing to this contact now
    generation: Generation


def reader(request: FeedbackRequest) -> people.Person:
    return people.resolve(request.notes, request.to, request.recipient)


def recipient(request: FeedbackRequest) -> Recipient:
    return reader(request).recipient


def _changed(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    text = " ".join(text.split()).rstrip(".!")
    return text[0].lower() + text[1:] if text[:2] != "I " and not text[:2].isupper() else text


def _context(
    request: FeedbackRequest,
    person: people.Person,
    detail: Optional[Detail],
    mode: str,
    sentence: Optional[str] = None,
    notes: Optional[RejectionNotes] = None,
) -> dict:
    """The templates' context. Modes: 'sentence' (to the interviewer) and 'recruiter-sentence' for
    a small model's slot, 'full' for a large model's whole body, 'template' for the fallback."""
    notes = notes or request.notes
    return dict(
        notes=notes,
        kind=request.kind,
        to=person.kind,
        rtype=person.recruiter_type,
        reader_name=person.name,
        mode=mode,
        hello=greeting_name(person.name),
        to_label=person.label,
        detail=detail.prompt if detail else None,
        detail_sentence=detail.sentence() if detail else None,
        interview_day=day_month(notes.interview_date),
        changed=_changed(request.changed),
        sentence=sentence,
        max_words=MAX_WORDS,
    )


def draft_feedback(
    request: FeedbackRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> FeedbackResult:
    notes = request.notes
    notes.require("company", "your_name")
    person = reader(request)
    detail = people.detail_for(notes, person)
    template = prompts.render(TASK, "fallback", **_context(request, person, detail, "template"))

    def context(mode: Mode, free: dict) -> dict:
        slot_mode = (
            mode
            if mode == "full"
            else ("recruiter-sentence" if person.kind == "recruiter" else "sentence")
        )
        return _context(request, person, detail, slot_mode, notes=notes.model_copy(update=free))

    others = people.others_name_forms(notes, person.name)
    facts = notes_facts(
        notes,
        template,
        [greeting_name(person.name), notes.company],
        20 if request.kind in ("reply", "thanks") else 30,
        MAX_WORDS,
        person.name,
        request.changed or "",
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
        context=context,
        fallback=template,
        sentence_frames=(
            prompts.render(TASK, "fallback", **_context(request, person, detail, "template", SLOT)),
        ),
        body_frame=email_frame(template),
        facts=facts,
        checks=(check_email_body,),
        generic_words=GENERIC_WORDS,
        sentence_start=("Thank you",),
        must_mention=detail.text if detail else "",
        free_parts={"highlight": notes.highlight or "", "went_well": list(notes.went_well)},
        what=notes.source or "the notes",
        # a small model writes the detail's sentence (none when no detail makes a clean one),
        # never in a note saying what changed (that is the user's own)
        small_model=bool(detail) and request.kind != "reapply",
    )
    drafted = draft_with_slot(spec, backend, on_chunk)
    subject, body = split_subject(drafted.text)
    return FeedbackResult(
        kind=request.kind,
        to=person.name,
        subject=subject,
        body=body,
        recipient=person.recipient,
        recruiter_type=person.recruiter_type if person.kind == "recruiter" else None,
        generation=drafted.generation,
    )
