"""`rebound debrief`: write down the interview while it is fresh, as the notes file the other
commands read. Asks one question at a time (on stderr, so stdout carries only --json); never
overwrites a file; --append adds a round."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from assistant.cli.common import JsonOpt, notice, print_json


def _date(value: str) -> Optional[dt.date]:
    from assistant.inputs.notes import parse_date

    try:
        date = parse_date(value.strip()) if value.strip() else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if date and date > dt.date.today():
        raise typer.BadParameter(
            f"{date.isoformat()} is in the future: a debrief records what already happened"
        )
    return date


def _required(label: str, default: Optional[str] = None) -> str:
    def check(value: str) -> str:
        if not value.strip():
            raise typer.BadParameter(f"{label} is needed")
        return " ".join(value.split())

    return typer.prompt(label, default=default, value_proc=check, err=True)


def _optional(label: str, default: str = "") -> str:
    return " ".join(
        typer.prompt(label, default=default, show_default=bool(default), err=True).split()
    )


def _lines(label: str) -> list[str]:
    """One item a line until a blank line."""
    items = []
    while item := _optional(f"{label} (blank to finish)"):
        items.append(item)
    return items


def _how(value: str) -> str:
    from assistant.tasks.debrief import HOW

    value = value.strip().lower()
    match = [h for h in HOW if h.startswith(value)] if value else []
    if len(match) != 1:
        raise typer.BadParameter(f"answer {', '.join(HOW)}")
    return match[0]


def _ask_round(date_label: str):
    from assistant.inputs.notes import Person
    from assistant.tasks.debrief import QuestionAsked, Round

    date = typer.prompt(date_label, default=dt.date.today().isoformat(), value_proc=_date, err=True)
    people = []
    while name := _optional("Someone you met: their name (blank to finish)"):
        people.append(
            Person(name=name, role=_optional(f"{name}'s role (blank if you don't know)") or None)
        )
    questions = []
    while text := _optional("A question they asked (blank to finish)"):
        went = typer.prompt(
            "How did your answer go? (well / okay / struggled)", value_proc=_how, err=True
        )
        questions.append(
            QuestionAsked(
                text=text, went=went, note=_optional("A note on your answer (blank to skip)")
            )
        )
    return Round(
        date=date,
        people=people,
        questions=questions,
        went_well=_lines("What went well"),
        went_wrong=_lines("What may have gone wrong"),
        next_steps=_optional("Anything said about next steps (blank if nothing)"),
    )


def _ask_debrief():
    from assistant.tasks.debrief import Debrief

    your_name = _required("Your name, as you sign")
    company = _required("Company")
    role = _required("Role you interviewed for")
    rnd = _ask_round("Interview date (YYYY-MM-DD)")
    rejection = typer.prompt(
        "Date you heard back (blank if you haven't)",
        default="",
        show_default=False,
        value_proc=_date,
        err=True,
    )
    first = rnd.people[0] if rnd.people else None
    contact = _optional(
        "Your main contact there, for emails (blank if none)", first.name if first else ""
    )
    known = {p.name: p.role for p in rnd.people}
    contact_role = None
    if contact:
        contact_role = (
            known.get(contact) or _optional(f"{contact}'s role (blank if you don't know)") or None
        )
    recruiters = [p.name for p in rnd.people if "recruit" in (p.role or "").lower()]
    recruiter = _optional(
        "Your recruiter's name (blank if none)", recruiters[0] if recruiters else ""
    )
    recruiter_type = None
    if recruiter:
        recruiter_type = typer.prompt(
            f"Is {recruiter} in-house (works for {company}) or with an agency? "
            "(in-house / agency, blank if unsure)",
            default="",
            show_default=False,
            value_proc=_recruiter_type,
            err=True,
        )
    debrief = Debrief(
        your_name=your_name,
        company=company,
        role=role,
        round=rnd,
        rejection_date=rejection,
        contact_name=contact or None,
        contact_role=contact_role,
        recruiter_name=recruiter or None,
        recruiter_type=recruiter_type,
    )
    return debrief.model_copy(update={"highlight": _ask_highlight(debrief)})


def _recruiter_type(value: str):
    value = value.strip().lower()
    if not value:
        return None
    match = [t for t in ("in-house", "agency") if t.startswith(value)]
    if len(match) != 1:
        raise typer.BadParameter("answer in-house or agency (or leave it blank)")
    return match[0]


def _ask_highlight(debrief) -> Optional[str]:
    """The one detail the emails mention (stored as `highlight`); a note no rule can write as a
    sentence to the contact is kept, with a line saying the drafts will leave it out."""
    from assistant.inputs.notes import parse_notes
    from assistant.tasks.debrief import render_notes
    from assistant.tasks.people import detail_for, resolve

    first = debrief.round.went_well[0] if debrief.round.went_well else ""
    highlight = _optional(
        "The one detail to mention in your emails, e.g. 'Priya showed me the spring catalogue "
        "plans' (blank to skip)",
        first,
    )
    if not highlight or not debrief.contact_name:
        return highlight or None
    notes = parse_notes(render_notes(debrief), "debrief").model_copy(
        update={"highlight": highlight, "went_well": []}
    )
    if detail_for(notes, resolve(notes)) is None:
        notice(
            "kept, but the emails will leave it out: no rule writes it as a sentence to "
            f"{debrief.contact_name}; a short phrase reads best ('the plans for the spring catalogue')"
        )
    return highlight


def _answers(ask):
    """Ask every question; input that ends early (Ctrl-D, a closed pipe) writes nothing."""
    import contextlib
    import sys

    from assistant.errors import InputError

    # click's prompt writes the space after each question to stdout; when stdout is not the terminal
    # (--json > notes.json) that space belongs with the question, on stderr.
    to_stderr = (
        contextlib.nullcontext() if sys.stdout.isatty() else contextlib.redirect_stdout(sys.stderr)
    )
    try:
        with to_stderr:
            return ask()
    except (typer.Abort, EOFError):
        raise InputError(
            "debrief: the input ended before the last question; nothing was written"
        ) from None


def debrief(
    out: Annotated[
        Optional[str],
        typer.Option(
            "--out",
            help="The notes file to write (default: COMPANY-DATE.md here). Never overwritten.",
        ),
    ] = None,
    append: Annotated[
        bool, typer.Option("--append", help="Add a new interview round to the existing --out file.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write down your interview while it is fresh: the notes file every other command reads."""
    from pathlib import Path

    from assistant.errors import OutputExistsError
    from assistant.tasks.debrief import (
        EXISTS,
        append_round,
        check_writable,
        default_path,
        existing_notes,
        write_debrief,
    )

    if append:
        if not out:
            raise typer.BadParameter(
                "--append needs --out NOTES.md, the file to add a round to", param_hint="--append"
            )
        existing_notes(out)  # check the file before asking anything
        check_writable(out, append=True)
        result = append_round(_answers(lambda: _ask_round("Date of this round (YYYY-MM-DD)")), out)
    else:
        if out and Path(out).exists():  # say so before asking anything
            raise OutputExistsError(EXISTS.format(path=out))
        check_writable(out)  # a missing or read-only folder is said before the first question
        answers = _answers(_ask_debrief)
        result = write_debrief(answers, out or default_path(answers.company, answers.round.date))
    if as_json:
        print_json(result)
        return
    what = f"added round {result.round} to" if result.appended else "wrote"
    notice(
        f"{what} {result.path}; next: rebound feedback {result.path}, rebound plan {result.path}"
    )


def register(app: typer.Typer) -> None:
    app.command("debrief")(debrief)
