"""`rebound feedback NOTES`: the emails after a rejection to the person who interviewed you (or
your recruiter): a feedback request, a reply to the rejection, a thank-you after the interview,
a note when applying again."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.choices import FeedbackKind, Recipient
from assistant.cli.common import (
    CompanyOpt,
    EmlOpt,
    ForceOpt,
    JsonOpt,
    NotesArg,
    NotesOpt,
    OutOpt,
    PlainOpt,
    RoleOpt,
    YourNameOpt,
    model_options,
    notes_path,
)

_ABOUT = {"request": "feedback-request", "reply": "rejection", "thanks": "follow-up"}


@model_options
def feedback(
    notes: NotesArg = None,
    to: Annotated[
        Optional[str],
        typer.Option(
            "--to",
            help="Who you write to: a person in the notes (default: the contact, or the recruiter with --recipient recruiter).",
        ),
    ] = None,
    recipient: Annotated[
        Optional[Recipient],
        typer.Option(
            "--recipient",
            help="Write to the hiring manager or your recruiter (default: from the person's role in the notes).",
        ),
    ] = None,
    kind: Annotated[
        FeedbackKind,
        typer.Option(
            "--kind",
            help="request (ask for feedback), reply (answer the rejection email), thanks (after the interview), reapply (needs --changed).",
        ),
    ] = "request",
    changed: Annotated[
        Optional[str],
        typer.Option(
            "--changed",
            help='For --kind reapply: what changed since, e.g. "I completed the CIPD Level 5 certificate".',
        ),
    ] = None,
    your_name: YourNameOpt = None,
    company: CompanyOpt = None,
    contact: Annotated[
        Optional[str], typer.Option("--contact", help="Your contact's name (fills the notes).")
    ] = None,
    role: RoleOpt = None,
    log: Annotated[
        bool,
        typer.Option(
            "--log",
            help="Offer to record it in the follow-up log once you say you sent it.",
        ),
    ] = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    out: OutOpt = None,
    eml: EmlOpt = None,
    force: ForceOpt = False,
    notes_opt: NotesOpt = None,
    engine=None,
) -> None:
    """Draft the email to your interviewer or recruiter: ask for feedback, reply, thank, re-apply."""
    from assistant.cli.drafting import check_outputs, is_plain, run_on_engine, show_draft, write_eml
    from assistant.cli.log_cmd import offer_to_log, show_advice
    from assistant.inputs.notes import read_notes, with_overrides
    from assistant.stores.followups import advice_for
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback, reader

    parsed = with_overrides(
        read_notes(notes_path(notes, notes_opt)),
        your_name=your_name,
        company=company,
        contact_name=contact,
        role=role,
    )
    parsed.require("company")
    request = FeedbackRequest(notes=parsed, recipient=recipient, to=to, kind=kind, changed=changed)
    person = reader(request)  # a name not in the notes is an error before any model loads
    parsed.require("your_name")
    check_outputs(force, out, eml)
    advice = advice_for(person.name, parsed.company)
    result = run_on_engine(
        engine,
        lambda backend, progress: draft_feedback(request, backend, progress),
        name="feedback",
    )
    result.advice = advice
    text = f"Subject: {result.subject}\n\n{result.body}\n"
    email = parsed.recruiter_email if person.kind == "recruiter" else parsed.contact_email
    write_eml(eml, result.subject, result.body, force, person.name, email)
    label = person.label
    show_draft(result, text, f"To: {person.name} ({label})", as_json, out, force, plain)
    if not as_json:
        show_advice(result.advice, plain=is_plain(plain))
    if log:
        offer_to_log(person.name, parsed.company, _ABOUT.get(kind, "follow-up"), advice)


def register(app: typer.Typer) -> None:
    app.command("feedback")(feedback)
