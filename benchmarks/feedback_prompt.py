"""The exact messages and options `rebound feedback` sends to a model, captured on the fake backend."""

from __future__ import annotations

from assistant.engine.fake import FakeBackend
from assistant.engine.options import GenerateOptions
from assistant.inputs.notes import read_notes
from assistant.tasks.feedback import FeedbackRequest, draft_feedback


def feedback_call(note: str, parameters: int = 135_000_000) -> tuple[list[dict], GenerateOptions]:
    """The first generate() call of `rebound feedback NOTE` on a model of this size.

    135M parameters (SmolLM2) gives the one-sentence slot prompt; a few billion gives the
    whole-email prompt, which writes longer and so measures generation speed better."""
    fake = FakeBackend(parameters=parameters)
    draft_feedback(FeedbackRequest(notes=read_notes(note)), fake)
    messages, options = fake.calls[0]
    return messages, options
