"""`rebound recruiter NOTES`: an update to your recruiter, asking for feedback and what to look at next."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

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


@model_options
def recruiter(
    notes: NotesArg = None,
    recruiter_name: Annotated[
        Optional[str],
        typer.Option(
            "--recruiter",
            help="Your recruiter's name (default: recruiter_name in the notes, or a contact whose role is recruiter).",
        ),
    ] = None,
    your_name: YourNameOpt = None,
    company: CompanyOpt = None,
    role: RoleOpt = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    out: OutOpt = None,
    eml: EmlOpt = None,
    force: ForceOpt = False,
    notes_opt: NotesOpt = None,
    engine=None,
) -> None:
    """Draft an update to your recruiter: how it went, and what feedback they heard."""
    from assistant.cli.drafting import check_outputs, run_on_engine, show_draft, write_eml
    from assistant.inputs.notes import read_notes, with_overrides
    from assistant.tasks.people import find_recruiter
    from assistant.tasks.recruiter import draft_recruiter_update

    parsed = with_overrides(
        read_notes(notes_path(notes, notes_opt)),
        recruiter_name=recruiter_name,
        your_name=your_name,
        company=company,
        role=role,
    )
    parsed.require("company", "role", "your_name")
    find_recruiter(parsed)  # a missing name is an error before any model loads
    check_outputs(force, out, eml)
    result = run_on_engine(
        engine,
        lambda backend, progress: draft_recruiter_update(parsed, backend, progress),
        name="recruiter",
    )
    text = f"Subject: {result.subject}\n\n{result.body}\n"
    write_eml(eml, result.subject, result.body, force, result.recruiter, parsed.recruiter_email)
    kind = (
        "recruiter" if result.recruiter_type == "unknown" else f"{result.recruiter_type} recruiter"
    )
    show_draft(result, text, f"To: {result.recruiter} ({kind})", as_json, out, force, plain)


def register(app: typer.Typer) -> None:
    app.command("recruiter")(recruiter)
