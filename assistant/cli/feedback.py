"""`rebound feedback NOTES`: the feedback-request email."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.cli.common import (
    CompanyOpt,
    ForceOpt,
    JsonOpt,
    NotesArg,
    OutOpt,
    RoleOpt,
    TokenProgress,
    YourNameOpt,
    model_options,
    notice,
    open_engine_with_progress,
    print_json,
    write_out,
)


@model_options
def feedback(
    notes: NotesArg,
    to: Annotated[
        Optional[str],
        typer.Option(
            "--to", help="hiring-manager or recruiter (default: the notes' contact_role)."
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
    engine=None,
) -> None:
    """Draft a short, polite email asking for feedback on your interview."""
    from assistant.followups import advice_for
    from assistant.inputs.notes import read_notes, with_overrides
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback

    if to not in (None, "hiring-manager", "recruiter"):
        raise typer.BadParameter("must be hiring-manager or recruiter", param_hint="--to")
    parsed = with_overrides(
        read_notes(notes), your_name=your_name, company=company, contact_name=contact, role=role
    )
    parsed.require("company", "contact_name", "your_name")
    request = FeedbackRequest(notes=parsed, to=to)
    advice = advice_for(parsed.contact_name, parsed.company)  # before --log records this request
    eng = open_engine_with_progress(engine, "feedback")
    if eng.backend is not None:
        with TokenProgress("Writing the draft") as progress:
            result = draft_feedback(request, eng.backend, on_chunk=progress)
    else:
        result = draft_feedback(request)
    result.advice = advice
    notice(result.notice)
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

    source = f"drafted by {result.model}" if result.source == "model" else "from the template"
    console().print(
        Panel(
            text.strip(),
            title=f"To: {parsed.contact_name} ({result.to})",
            subtitle=source,
            expand=False,
        )
    )
    from assistant.cli.log_cmd import show_advice

    show_advice(result.advice)


def register(app: typer.Typer) -> None:
    app.command("feedback")(feedback)
