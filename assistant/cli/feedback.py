"""`rebound feedback NOTES`: the feedback-request email."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.choices import Recipient
from assistant.cli.common import (
    CompanyOpt,
    ForceOpt,
    JsonOpt,
    NotesArg,
    NotesOpt,
    OutOpt,
    RoleOpt,
    TokenProgress,
    YourNameOpt,
    model_options,
    notes_path,
    open_engine_with_progress,
    print_json,
    show_generation,
    write_out,
    written_by,
)


@model_options
def feedback(
    notes: NotesArg = None,
    recipient: Annotated[
        Optional[Recipient],
        typer.Option(
            "--recipient",
            help="Who the contact is to you (default: from the notes' contact_role).",
        ),
    ] = None,
    your_name: YourNameOpt = None,
    company: CompanyOpt = None,
    contact: Annotated[Optional[str], typer.Option("--contact", help="Who you write to.")] = None,
    role: RoleOpt = None,
    log: Annotated[
        bool, typer.Option("--log", help="Record the request as sent in the follow-up log.")
    ] = False,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    notes_opt: NotesOpt = None,
    engine=None,
) -> None:
    """Draft a short, polite email asking for feedback on your interview."""
    from assistant.inputs.notes import read_notes, with_overrides
    from assistant.stores.followups import advice_for
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback

    parsed = with_overrides(
        read_notes(notes_path(notes, notes_opt)),
        your_name=your_name,
        company=company,
        contact_name=contact,
        role=role,
    )
    parsed.require("company", "contact_name", "your_name")
    request = FeedbackRequest(notes=parsed, recipient=recipient)
    advice = advice_for(parsed.contact_name, parsed.company)  # before --log records this request
    eng = open_engine_with_progress(engine)
    if eng.backend is not None:
        with TokenProgress("Writing the draft") as progress:
            result = draft_feedback(request, eng.backend, on_chunk=progress)
    else:
        result = draft_feedback(request)
    result.advice = advice
    show_generation(result.generation)
    text = f"Subject: {result.subject}\n\n{result.body}\n"
    write_out(out, text, force)
    if log:
        from assistant.cli.log_cmd import log_sent

        log_sent(parsed.contact_name, parsed.company, "email", "feedback-request")
    if as_json:
        print_json(result)
        return
    from rich.panel import Panel

    from assistant.cli.common import console

    source = written_by(result.generation, "drafted by {model}", "from the template")
    console().print(
        Panel(
            text.strip(),
            title=f"To: {parsed.contact_name} ({result.recipient})",
            subtitle=source,
            expand=False,
        )
    )
    from assistant.cli.log_cmd import show_advice

    show_advice(result.advice)


def register(app: typer.Typer) -> None:
    app.command("feedback")(feedback)
