"""The feedback-request email: thanks, one specific detail, one polite ask, the door left open.

A small model only writes the one personal sentence (a slot inside the template); a large one
may write the whole body. The guard checks every draft; the template is the fallback."""

from __future__ import annotations

import re
from typing import Callable, Literal, Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.budget import fit_to_context, prompt_budget
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import (
    CheckResult, DraftFacts, check_draft, check_no_begging, check_no_loops, check_not_echo,
    check_grounded_words, check_numbers, check_placeholders, check_unknown_names,
)
from assistant.followups import Advice
from assistant.guard.generate import guarded_generate
from assistant.guard.injection import find_instructions, strip_instructions
from assistant.inputs.notes import RejectionNotes
from assistant.text_utils import as_clause, day_month, word_count

Recipient = Literal["hiring-manager", "recruiter"]
MAX_WORDS = 150
TASK = "feedback"
SENTENCE_OPTIONS = GenerateOptions(max_tokens=60, temperature=0.2, stop=["\n"], repeat_penalty=1.1)
EMAIL_OPTIONS = GenerateOptions(max_tokens=320, temperature=0.3, repeat_penalty=1.1)


class FeedbackRequest(BaseModel):
    notes: RejectionNotes
    to: Optional[Recipient] = None  # None: from the notes' contact_role


class FeedbackResult(BaseModel):
    subject: str
    body: str
    to: Recipient
    source: Literal["model", "template"]
    checks: list[CheckResult]
    model: Optional[str] = None
    notice: str = ""
    advice: Optional[Advice] = None  # the follow-up log's advice on writing to this contact now


def recipient(request: FeedbackRequest) -> Recipient:
    if request.to:
        return request.to
    return "recruiter" if "recruit" in (request.notes.contact_role or "") else "hiring-manager"


def _context(request: FeedbackRequest, mode: str, sentence: Optional[str] = None) -> dict:
    notes = request.notes
    to = recipient(request)
    names = [notes.contact_name or "", notes.company or "", *(p.name for p in notes.people)]
    detail = strip_instructions(notes.detail() or "")
    return dict(
        notes=notes, to="recruiter" if to == "recruiter" else "hiring-manager", mode=mode,
        to_label="recruiter" if to == "recruiter" else "hiring manager",
        detail=as_clause(detail, names) if detail else None,
        interview_day=day_month(notes.interview_date), sentence=sentence, max_words=MAX_WORDS,
    )


def _prompt(request: FeedbackRequest, mode: str, info: ModelInfo) -> tuple[list[Message], str]:
    """The prompt, with instruction-like sentences in the notes left out (prompt injection) and
    the notes' free parts cut to fit the model's context; and a notice saying what was done."""
    notes = request.notes
    cuttable = {"highlight": strip_instructions(notes.highlight or ""),
                "went_well": [kept for item in notes.went_well if (kept := strip_instructions(item))]}

    def build(values: dict) -> list[Message]:
        shown = request.model_copy(update={"notes": notes.model_copy(update=values)})
        return prompts.messages(TASK, **_context(shown, mode))

    options = EMAIL_OPTIONS if mode == "email" else SENTENCE_OPTIONS
    fitted = fit_to_context(build, cuttable, prompt_budget(info, options), what=notes.source)
    notices = [fitted.notice] if fitted.cut else []
    injected = find_instructions("\n".join([notes.highlight or "", *notes.went_well]))
    if injected:
        notices.append(f"left out of the prompt a line of the notes that reads like an instruction "
                       f"to the model: '{injected[0][:60]}'")
    return fitted.messages, "; ".join(notices)


def split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return "", text.strip()


def facts_for(request: FeedbackRequest, prompt_text: str = "") -> DraftFacts:
    notes = request.notes
    template_words = prompts.render(TASK, "fallback", **_context(request, "template"))
    known = "\n".join([notes.all_text(), template_words,
                       *(f"{d.day} {d.strftime('%B %Y')}" for d in (notes.interview_date, notes.rejection_date) if d)])
    return DraftFacts(
        known_text=known, required_names=[notes.contact_name, notes.company],
        signature=notes.your_name, min_words=30, max_words=MAX_WORDS, prompt_text=prompt_text,
    )


SENTENCE_CHECKS = (check_unknown_names, check_placeholders, check_numbers, check_no_loops,
                   check_no_begging)
# Courtesy words the worked examples use that any thank-you sentence may use too.
SENTENCE_GENERIC = frozenset(
    "thank thanks really enjoyed which conversation time telling sharing arranging "
    "interview especially "
    "showing explaining talking about your team work glad especially appreciated".split()
)
_SENTENCE_END = re.compile(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)[.!?]\s+\S")


def _sentence_checks(text: str, facts: DraftFacts, detail: str) -> list[CheckResult]:
    results = check_draft(text, facts, SENTENCE_CHECKS)
    results.append(check_not_echo(text, facts, n=5))
    results.append(check_grounded_words(text, facts, SENTENCE_GENERIC))
    n = word_count(text)
    one = 5 <= n <= 40 and "\n" not in text and text.endswith((".", "!")) and not _SENTENCE_END.search(text)
    results.append(CheckResult(name="one-sentence", passed=one, detail=f"{n} words"))
    results.append(CheckResult(name="starts-with-thanks", passed=text.startswith("Thank you"),
                               detail="" if text.startswith("Thank you") else "must start 'Thank you'"))
    detail_words = {w.lower() for w in detail.split() if len(w) > 3}
    shared = detail_words & {w.lower().strip(".,;:!") for w in text.split()}
    results.append(CheckResult(name="mentions-detail", passed=bool(shared) or not detail_words,
                               detail="" if shared else "does not mention the detail from the notes"))
    return results


def draft_feedback(request: FeedbackRequest, backend: Optional[Backend] = None,
                   on_chunk: Optional[Callable[[str], None]] = None) -> FeedbackResult:
    notes = request.notes
    notes.require("company", "contact_name", "your_name")
    to = recipient(request)
    notices: list[str] = []
    if backend is not None:
        info = backend.info()
        mode = ("recruiter-sentence" if to == "recruiter" else "sentence") if info.is_small else "email"
        msgs, prompt_notice = _prompt(request, mode, info)
        notices.append(prompt_notice)
        prompt_text = "\n".join(m["content"] for m in (msgs[0], msgs[-1]))  # instructions, not examples
        facts = facts_for(request, prompt_text)
        if mode != "email":
            detail = notes.detail() or ""
            opts = SENTENCE_OPTIONS
            validate = lambda text: _sentence_checks(text, facts, detail)  # noqa: E731
        else:
            opts = EMAIL_OPTIONS
            validate = lambda text: check_draft(text, facts)  # noqa: E731
        draft = guarded_generate(backend, msgs, opts, validate, on_chunk=on_chunk)
        if draft.text is not None:
            if mode != "email":
                text = prompts.render(TASK, "fallback", **_context(request, mode, sentence=draft.text))
                subject, body = split_subject(text)
            else:
                subject, _ = split_subject(prompts.render(TASK, "fallback", **_context(request, "template")))
                body = draft.text
            checks = check_draft(body, facts)
            if not any(not c.passed for c in checks):
                return FeedbackResult(subject=subject, body=body, to=to, source="model", checks=checks,
                                      model=info.name, notice="; ".join(n for n in notices if n))
            notices.append("the model's draft failed the guard: " + "; ".join(
                f"{c.name} ({c.detail})" for c in checks if not c.passed))
        else:
            notices.append(f"the model's draft failed the guard: {draft.failure_summary()}")
    text = prompts.render(TASK, "fallback", **_context(request, "template"))
    subject, body = split_subject(text)
    checks = check_draft(body, facts_for(request))
    return FeedbackResult(subject=subject, body=body, to=to, source="template", checks=checks,
                          model=backend.info().name if backend else None,
                          notice="; ".join(n for n in notices if n))
