"""The feedback-request email: thanks, one specific detail, one polite ask, the door left open.

A small model only writes the one personal sentence (a slot inside the template); a large one
may write the whole body. The guard checks every draft; the template is the fallback
(assistant/tasks/slot.py holds the mechanism)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.choices import Recipient
from assistant.engine.base import Backend
from assistant.generation import Generation
from assistant.guard.generate import SLOT
from assistant.guard.injection import strip_instructions
from assistant.inputs.notes import RejectionNotes
from assistant.stores.followups import Advice
from assistant.tasks.slot import (
    Mode,
    SlotTask,
    check_email_body,
    draft_with_slot,
    email_frame,
    greeting_name,
    notes_facts,
)
from assistant.text_utils import as_clause, day_month, split_subject

MAX_WORDS = 150
TASK = "feedback"
# Courtesy words the worked examples use that any thank-you sentence may use too.
GENERIC_WORDS = frozenset(
    "thank thanks really enjoyed which conversation time telling sharing arranging interview "
    "especially showing explaining talking about your team work glad appreciated".split()
)


class FeedbackRequest(BaseModel):
    notes: RejectionNotes
    recipient: Optional[Recipient] = None  # None: from the notes' contact_role


class FeedbackResult(BaseModel):
    subject: str
    body: str
    recipient: Recipient
    advice: Optional[Advice] = None  # the follow-up log's advice on writing to this contact now
    generation: Generation


def recipient(request: FeedbackRequest) -> Recipient:
    if request.recipient:
        return request.recipient
    return "recruiter" if "recruit" in (request.notes.contact_role or "") else "hiring-manager"


def _context(
    notes: RejectionNotes, to: Recipient, mode: str, sentence: Optional[str] = None
) -> dict:
    """The templates' context. Modes: 'sentence' (to the interviewer) and 'recruiter-sentence' for
    a small model's slot, 'full' for a large model's whole body, 'template' for the fallback."""
    names = [notes.contact_name or "", notes.company or "", *(p.name for p in notes.people)]
    detail = strip_instructions(notes.detail() or "")
    return dict(
        notes=notes,
        to=to,
        mode=mode,
        hello=greeting_name(notes.contact_name or ""),
        to_label="recruiter" if to == "recruiter" else "hiring manager",
        detail=as_clause(detail, names) if detail else None,
        interview_day=day_month(notes.interview_date),
        sentence=sentence,
        max_words=MAX_WORDS,
    )


def draft_feedback(
    request: FeedbackRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> FeedbackResult:
    notes = request.notes
    notes.require("company", "contact_name", "your_name")
    to = recipient(request)
    template = prompts.render(TASK, "fallback", **_context(notes, to, "template"))

    def context(mode: Mode, free: dict) -> dict:
        slot_mode = (
            mode if mode == "full" else ("recruiter-sentence" if to == "recruiter" else "sentence")
        )
        return _context(notes.model_copy(update=free), to, slot_mode)

    spec = SlotTask(
        task=TASK,
        context=context,
        fallback=template,
        sentence_frames=(
            prompts.render(TASK, "fallback", **_context(notes, to, "template", SLOT)),
        ),
        body_frame=email_frame(template),
        facts=notes_facts(
            notes, template, [greeting_name(notes.contact_name), notes.company], 30, MAX_WORDS
        ),
        checks=(check_email_body,),
        generic_words=GENERIC_WORDS,
        sentence_start=("Thank you",),
        must_mention=notes.detail() or "",
        free_parts={"highlight": notes.highlight or "", "went_well": list(notes.went_well)},
        what=notes.source or "the notes",
    )
    drafted = draft_with_slot(spec, backend, on_chunk)
    subject, body = split_subject(drafted.text)
    return FeedbackResult(subject=subject, body=body, recipient=to, generation=drafted.generation)
