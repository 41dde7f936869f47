"""Drafting with a slot: a small model writes one sentence inside the task's template, a large
one may write the whole text; the guard checks every draft and the template is the fallback.

The feedback request, the recruiter update and the keep-in-touch note use this. Each task gives
its template (rendered once, and once more with SLOT where the sentence goes), its facts and its
checks as data; the one function that asks the model is assistant.guard.generate.generate. The
only function a task passes is `context`: the prompt is rebuilt with shorter free parts until it
fits the model's context, so it has to be built from them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, Optional

from assistant import prompts, regex
from assistant.engine import options as presets
from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.budget import Piece, fit_to_context, prompt_budget
from assistant.engine.options import GenerateOptions
from assistant.generation import join_notices
from assistant.guard.checks import (
    DRAFT_CHECKS,
    CheckResult,
    DraftFacts,
    check_draft,
    check_grounded_words,
    check_mentions,
    check_no_begging,
    check_no_loops,
    check_no_shorthand,
    check_not_echo,
    check_not_repeating_frame,
    check_numbers,
    check_one_sentence,
    check_placeholders,
    check_reader,
    check_unknown_names,
)
from assistant.guard.generate import SLOT, Ask, Check, Drafted, generate
from assistant.guard.injection import find_instructions, strip_instructions
from assistant.inputs.notes import RejectionNotes
from assistant.text_utils import split_subject

Mode = Literal["sentence", "full"]
_SENTENCE_CHECKS = (
    check_unknown_names,
    check_placeholders,
    check_numbers,
    check_no_loops,
    check_no_begging,
    check_no_shorthand,
    check_reader,
)
# An email's body: the draft checks, and written to its reader in sentences, not note shorthand.
EMAIL_CHECKS = (*DRAFT_CHECKS, check_reader, check_no_shorthand)
# The courtesy words any slot sentence may use whatever the notes say (thanks, what was enjoyed,
# talking, hearing): one list for the feedback email, the recruiter update and the network note.
COURTESY_WORDS = frozenset(
    "thank thanks really enjoyed which conversation time telling sharing arranging interview "
    "especially showing explaining talking about your team work glad appreciated hearing "
    "learning walking asking questions seeing meeting chatting pleased happy great think "
    "thought strongest answer answers going parts recently congratulations wanted share".split()
)
_TITLE = regex.compile(r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class SlotTask:
    """What a slot-drafting task supplies."""

    task: str  # prompts/<task>/
    context: Callable[[Mode, dict], dict]  # the templates' context for a mode and the free parts
    fallback: str  # the template's text
    sentence_frames: tuple[str, ...]  # the template with SLOT for a small model's sentence
    body_frame: str  # the text around a large model's whole body (SLOT alone, or a subject line)
    facts: DraftFacts  # what a draft may say (the prompt is added when there is one)
    checks: Sequence[Check]  # on the final text, the model's or the template
    max_chars: Optional[int] = None  # the first sentence frame whose text fits
    generic_words: frozenset[str] = frozenset()  # words this task's sentence may use too
    sentence_start: tuple[str, ...] = ()  # the slot sentence must start with one of these
    must_mention: str = ""  # the fact the slot sentence is about (half its words must appear)
    free_parts: dict[str, Piece] = field(default_factory=dict)  # inputs the prompt may shorten
    what: str = "the notes"  # the inputs' name, for messages
    small_model: bool = True  # a small model may write the slot sentence (else: the template)
    large_model: bool = True  # a large model may write the whole body (else: the template)


def greeting_name(name: str) -> str:
    """'Alex' for 'Alex Morgan'; a name with a title keeps it ('Dr. Helen Marsh' -> 'Dr. Marsh')."""
    parts = name.split()
    if len(parts) > 1 and _TITLE.match(parts[0]):
        return f"{parts[0]} {parts[-1]}"
    return parts[0] if parts else name


def email_frame(template: str) -> str:
    """A large model's whole body under the template's subject line."""
    return f"Subject: {split_subject(template)[0]}\n\n{SLOT}"


def check_email_body(text: str, facts: DraftFacts) -> list[CheckResult]:
    """The draft checks on an email's body (under its subject line), and that it is written to
    its reader (greeted and thanked by name, never named in the third person) in sentences."""
    return check_draft(split_subject(text)[1], facts, EMAIL_CHECKS)


def notes_facts(
    notes: RejectionNotes,
    template: str,
    required: list[str],
    min_words: int,
    max_words: int,
    *known: str,
) -> DraftFacts:
    """What a draft from the notes may say: what the notes and its template say (dates also
    written out); it must name `required`, and is signed with the user's name."""
    dates = [
        f"{d.day} {d.strftime('%B %Y')}" for d in (notes.interview_date, notes.rejection_date) if d
    ]
    return DraftFacts(
        known_text="\n".join([notes.all_text(), template, *known, *dates]),
        required_names=required,
        signature=notes.your_name,
        min_words=min_words,
        max_words=max_words,
    )


def sentence_checks(spec: SlotTask) -> tuple[Check, ...]:
    """The guard for a slot sentence: no new names, numbers or placeholders, no words the inputs
    do not hold, no echo of the instructions, exactly one sentence, and about the fact it is for."""
    return (
        partial(check_draft, checks=_SENTENCE_CHECKS),
        partial(check_not_echo, n=5),
        check_not_repeating_frame,
        partial(check_grounded_words, generic=spec.generic_words | COURTESY_WORDS),
        lambda text, _facts: check_one_sentence(text, spec.sentence_start),
        lambda text, _facts: check_mentions(text, spec.must_mention),
    )


def _free_text(parts: dict[str, Piece]) -> str:
    return "\n".join(x for v in parts.values() for x in (v if isinstance(v, list) else [v or ""]))


def _prompt(
    spec: SlotTask, mode: Mode, info: ModelInfo, options: GenerateOptions
) -> tuple[list[Message], str]:
    """The prompt, with instruction-like sentences in the free parts left out (prompt injection)
    and those parts cut to fit the model's context; and a notice saying what was done."""
    free = {
        k: (
            [kept for item in v if (kept := strip_instructions(item))]
            if isinstance(v, list)
            else strip_instructions(v or "")
        )
        for k, v in spec.free_parts.items()
    }

    def build(values: dict) -> list[Message]:
        return prompts.messages(spec.task, **spec.context(mode, values))

    notices = []
    if free:
        fitted = fit_to_context(build, free, prompt_budget(info, options), what=spec.what)
        messages = fitted.messages
        notices.append(fitted.notice)
    else:
        messages = build({})
    injected = find_instructions(_free_text(spec.free_parts))
    if injected:
        notices.append(
            f"left out of the prompt a line of {spec.what} that reads like an instruction "
            f"to the model: '{injected[0][:60]}'"
        )
    return messages, "; ".join(n for n in notices if n)


def draft_with_slot(
    spec: SlotTask,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> Drafted:
    """The draft and its generation record: the model's (a slot sentence from a small model, the
    whole body from a large one) when the guard passes it, else the template."""
    fallback_facts = spec.facts.model_copy(update={"frame_text": spec.fallback})
    template_only = Ask(
        messages=[],
        options=presets.SENTENCE,
        fallback=spec.fallback,
        facts=fallback_facts,
        text_checks=spec.checks,
    )
    if backend is None:
        return generate(None, template_only)
    info = backend.info()
    mode: Mode = "sentence" if info.is_small else "full"
    if not (spec.small_model if mode == "sentence" else spec.large_model):
        drafted = generate(None, template_only)
        drafted.generation.model = info.name
        drafted.generation.notice = join_notices(
            drafted.generation.notice,
            "the template was used: the notes hold no detail a small model can write about"
            if mode == "sentence"
            else "the template was used: a large model writes only the feedback request",
        )
        return drafted
    options = presets.SENTENCE if mode == "sentence" else presets.FULL_BODY
    msgs, notice = _prompt(spec, mode, info, options)
    prompt_text = "\n".join(m["content"] for m in (msgs[0], msgs[-1]))  # not the examples
    ask = Ask(
        messages=msgs,
        options=options,
        fallback=spec.fallback,
        facts=spec.facts.model_copy(
            update={
                "prompt_text": prompt_text,
                "frame_text": spec.sentence_frames[0].replace(SLOT, " ")
                if mode == "sentence"
                else "",
            }
        ),
        fallback_facts=fallback_facts,
        checks=sentence_checks(spec) if mode == "sentence" else (),
        text_checks=spec.checks,
        frames=spec.sentence_frames if mode == "sentence" else (spec.body_frame,),
        max_chars=spec.max_chars if mode == "sentence" else None,
        notice=notice,
    )
    return generate(backend, ask, on_chunk=on_chunk)
