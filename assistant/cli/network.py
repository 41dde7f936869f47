"""`rebound network NOTES`: a keep-in-touch note (LinkedIn or email) to someone you met."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.choices import Channel, LinkedInLimit, Occasion
from assistant.cli.common import (
    EmlOpt,
    ForceOpt,
    JsonOpt,
    NotesArg,
    NotesOpt,
    OutOpt,
    PlainOpt,
    YourNameOpt,
    model_options,
    notes_path,
)


@model_options
def network(
    notes: NotesArg = None,
    channel: Annotated[
        Channel, typer.Option("--channel", help="linkedin (a connection note) or email.")
    ] = "linkedin",
    occasion: Annotated[
        Occasion,
        typer.Option(
            "--occasion",
            help="connect (first note after the rejection), congratulate (needs --about) or update (needs --update).",
        ),
    ] = "connect",
    limit: Annotated[
        LinkedInLimit,
        typer.Option("--limit", help="LinkedIn's note limit: 300, or 200 on a free account."),
    ] = 300,
    to: Annotated[
        Optional[str],
        typer.Option(
            "--to", help="Who you write to (default: the notes' contact, else your recruiter)."
        ),
    ] = None,
    about: Annotated[
        Optional[str],
        typer.Option(
            "--about",
            help="What to congratulate them on, in your words (a launch, a work anniversary).",
        ),
    ] = None,
    update: Annotated[
        Optional[str],
        typer.Option(
            "--update", help='Your real news, e.g. "I passed the AWS Solutions Architect exam".'
        ),
    ] = None,
    your_name: YourNameOpt = None,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    out: OutOpt = None,
    eml: EmlOpt = None,
    force: ForceOpt = False,
    notes_opt: NotesOpt = None,
    engine=None,
) -> None:
    """Draft a short note to stay in touch with someone you met in the interview."""
    from assistant.cli.drafting import check_outputs, run_on_engine, show_draft, write_eml
    from assistant.errors import InputError
    from assistant.inputs.notes import read_notes, with_overrides
    from assistant.tasks.network import NetworkRequest, draft_network_note

    parsed = with_overrides(read_notes(notes_path(notes, notes_opt)), your_name=your_name)
    request = NetworkRequest(
        notes=parsed,
        channel=channel,
        occasion=occasion,
        limit=limit,
        to=to,
        about=about,
        update=update,
    )
    parsed.require("company", "role", "your_name")
    if eml and channel != "email":
        raise InputError("--eml: a LinkedIn note is no email; use --channel email")
    check_outputs(force, out, eml)
    result = run_on_engine(
        engine,
        lambda backend, progress: draft_network_note(request, backend, progress),
        name="network",
    )
    if result.channel == "email":
        text, size = f"Subject: {result.subject}\n\n{result.body}\n", ""
    else:
        text, size = result.body + "\n", f", {result.characters}/{result.limit} characters"
    if eml:
        email = parsed.contact_email if result.to == parsed.contact_name else None
        write_eml(eml, result.subject, result.body, force, result.to, email)
    show_draft(
        result, text, f"To: {result.to} ({result.channel}{size})", as_json, out, force, plain
    )


def register(app: typer.Typer) -> None:
    app.command("network")(network)
