"""Drafting with a slot: a small model writes one sentence inside the task's template, a large
one may write the whole text; the guard checks every draft and the template is the fallback.

The recruiter update and the keep-in-touch note use this; each task only says how to build its
prompt context, its facts, its sentence checks and its final text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.budget import Piece, fit_to_context, prompt_budget
from assistant.engine.options import GenerateOptions
from assistant.guard.checks import (
    CheckResult,
    DraftFacts,
    check_draft,
    check_grounded_words,
    check_mentions,
    check_no_begging,
    check_no_loops,
    check_not_echo,
    check_numbers,
    check_one_sentence,
    check_placeholders,
    check_unknown_names,
)
from assistant.guard.generate import guarded_generate
from assistant.guard.injection import find_instructions, strip_instructions
from assistant.inputs.notes import RejectionNotes
from assistant.text_utils import split_subject

Mode = Literal["sentence", "full"]
SENTENCE_OPTIONS = GenerateOptions(
    max_tokens=60, temperature=0.2, stop=["\n"], repeat_penalty=1.1, cache_instructions=True
)
FULL_OPTIONS = GenerateOptions(max_tokens=320, temperature=0.3, repeat_penalty=1.1)
_SENTENCE_CHECKS = (
    check_unknown_names,
    check_placeholders,
    check_numbers,
    check_no_loops,
    check_no_begging,
)
_TITLE = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?$", re.IGNORECASE)


class DraftOutcome(BaseModel):
    """Who wrote a draft and what the guard said: part of every drafting task's result."""

    source: Literal["model", "template"]
    checks: list[CheckResult]
    model: Optional[str] = None
    notice: str = ""


class Drafted(DraftOutcome):
    text: str


@dataclass(frozen=True)
class SlotTask:
    """What a slot-drafting task supplies."""

    task: str  # prompts/<task>/
    context: Callable[
        [Mode, dict], dict
    ]  # the templates' context for a mode and the (fitted) free parts
    assemble: Callable[
        ..., str
    ]  # (sentence=None, body=None) -> the final text; neither: the template
    facts: Callable[[str], DraftFacts]  # prompt text -> what a draft may say
    final_checks: Callable[
        [str, DraftFacts], list[CheckResult]
    ]  # on the final text, model or template
    generic_words: frozenset[str] = frozenset()  # words any slot sentence may use
    sentence_start: tuple[str, ...] = ()  # the slot sentence must start with one of these
    must_mention: str = ""  # the fact the slot sentence is about (half its words must appear)
    free_parts: dict[str, Piece] = field(
        default_factory=dict
    )  # inputs the prompt may shorten to fit
    what: str = "the notes"  # the inputs' name, for messages


def greeting_name(name: str) -> str:
    """'Alex' for 'Alex Morgan'; a name with a title keeps it ('Dr. Helen Marsh' -> 'Dr. Marsh')."""
    parts = name.split()
    if len(parts) > 1 and _TITLE.match(parts[0]):
        return f"{parts[0]} {parts[-1]}"
    return parts[0] if parts else name


def email_assembler(template: str, with_sentence: Callable[[str], str]) -> Callable[..., str]:
    """SlotTask.assemble for an email: the template; the template around a small model's sentence;
    or a large model's whole body under the template's subject line."""
    subject = split_subject(template)[0]

    def assemble(sentence: Optional[str] = None, body: Optional[str] = None) -> str:
        if body is not None:
            return f"Subject: {subject}\n\n{body.strip()}"
        if sentence is not None:
            return with_sentence(sentence)
        return template

    return assemble


def notes_facts(
    notes: RejectionNotes,
    template: str,
    required: list[str],
    min_words: int,
    max_words: int,
    *known: str,
) -> Callable[[str], DraftFacts]:
    """SlotTask.facts for a draft from the notes: it may say what the notes and its template say
    (dates also written out), must name `required`, and is signed with the user's name."""
    dates = [
        f"{d.day} {d.strftime('%B %Y')}" for d in (notes.interview_date, notes.rejection_date) if d
    ]

    def facts(prompt_text: str) -> DraftFacts:
        return DraftFacts(
            known_text="\n".join([notes.all_text(), template, *known, *dates]),
            required_names=required,
            signature=notes.your_name,
            min_words=min_words,
            max_words=max_words,
            prompt_text=prompt_text,
        )

    return facts


def sentence_checks(spec: SlotTask, text: str, facts: DraftFacts) -> list[CheckResult]:
    """The guard for a slot sentence: no new names, numbers or placeholders, no words the inputs
    do not hold, no echo of the instructions, exactly one sentence, and about the fact it is for."""
    return [
        *check_draft(text, facts, _SENTENCE_CHECKS),
        check_not_echo(text, facts, n=5),
        check_grounded_words(text, facts, spec.generic_words),
        check_one_sentence(text, spec.sentence_start),
        check_mentions(text, spec.must_mention),
    ]


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
    notice = ""
    model = None
    if backend is not None:
        info = backend.info()
        model = info.name
        mode: Mode = "sentence" if info.is_small else "full"
        options = SENTENCE_OPTIONS if mode == "sentence" else FULL_OPTIONS
        msgs, prompt_notice = _prompt(spec, mode, info, options)
        facts = spec.facts(
            "\n".join(m["content"] for m in (msgs[0], msgs[-1]))
        )  # instructions, not examples

        def assemble(output: str) -> str:
            return (
                spec.assemble(sentence=output) if mode == "sentence" else spec.assemble(body=output)
            )

        def validate(output: str) -> list[CheckResult]:
            whole = spec.final_checks(assemble(output), facts)  # the note it lands in must pass too
            return [*sentence_checks(spec, output, facts), *whole] if mode == "sentence" else whole

        draft = guarded_generate(backend, msgs, options, validate, on_chunk=on_chunk)
        if draft.text is not None:
            text = assemble(draft.text)
            return Drafted(
                text=text,
                source="model",
                checks=spec.final_checks(text, facts),
                model=model,
                notice=prompt_notice,
            )
        notice = "; ".join(
            n
            for n in (
                prompt_notice,
                f"the model's draft failed the guard: {draft.failure_summary()}",
            )
            if n
        )
    text = spec.assemble()
    return Drafted(
        text=text,
        source="template",
        checks=spec.final_checks(text, spec.facts("")),
        model=model,
        notice=notice,
    )
