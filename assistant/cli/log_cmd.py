"""`rebound log add|list|remove`: the follow-up log, and the advice panel soften and feedback show."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.choices import ContactKind
from assistant.cli.common import JsonOpt, console, print_json

log_app = typer.Typer(
    no_args_is_help=True, help="The follow-up log: who you contacted, when, and about what."
)

ToOpt = Annotated[
    Optional[str], typer.Option("--to", help="The person you wrote to or spoke with.")
]
CompanyOpt = Annotated[Optional[str], typer.Option("--company", help="Their company.")]
KindOpt = Annotated[ContactKind, typer.Option("--kind", help="How you were in touch.")]
_ADVICE_STYLE = {"go": "green", "wait": "yellow", "stop": "red"}


def parse_day(value: Optional[str]):
    """--date as a date (YYYY-MM-DD, or '12 November 2026'), or None for today."""
    if value is None:
        return None
    from assistant.errors import InputError
    from assistant.inputs.notes import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"--date: {exc}") from None


def log_sent(to: str, company: str, kind: str, about: str) -> None:
    """Record a message the user says they sent, with one dim line."""
    from assistant.cli.common import notice
    from assistant.stores.followups import add_contact

    contact = add_contact(to, company, kind=kind, about=about)
    notice(
        f"logged #{contact.id}: {contact.about} ({contact.kind}) to {contact.to} at {contact.company} "
        f"on {contact.date}"
    )


def show_advice(advice) -> None:
    """The log's advice: a coloured panel when it says wait or stop, one dim line otherwise."""
    if advice is None:
        return
    if advice.action == "go":
        console().print(advice.message, style="dim", markup=False)
        return
    from rich.panel import Panel
    from rich.text import Text

    style = _ADVICE_STYLE[advice.action]
    console().print(
        Panel(
            Text(advice.message),
            title=f"Follow-up log: {advice.action}",
            border_style=style,
            expand=False,
        )
    )


@log_app.command("add")
def add(
    to: ToOpt = None,
    company: CompanyOpt = None,
    kind: KindOpt = "email",
    about: Annotated[
        str, typer.Option("--about", help="rejection, feedback-request or follow-up.")
    ] = "follow-up",
    date: Annotated[
        Optional[str], typer.Option("--date", help="When (YYYY-MM-DD); default today.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a contact: a message you sent, a call, or the rejection itself."""
    from assistant.errors import InputError
    from assistant.stores.followups import add_contact, advice_for

    if not to or not company:
        raise InputError(
            "--to and --company are both required (who you contacted, and their company)"
        )
    contact = add_contact(to, company, kind=kind, about=about, date=parse_day(date))
    if as_json:
        print_json(contact)
        return
    console().print(
        f"Logged #{contact.id}: {contact.about} ({contact.kind}) to {contact.to} at "
        f"{contact.company} on {contact.date}.",
        markup=False,
    )
    show_advice(advice_for(contact.to, contact.company))


@log_app.command("list")
def list_(
    company: CompanyOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List logged contacts, oldest first."""
    from assistant.stores.followups import ContactList, list_contacts

    contacts = list_contacts(company=company)
    if as_json:
        print_json(ContactList(contacts=contacts))
        return
    if not contacts:
        console().print(
            "No contacts in the log yet (add one with `rebound log add`).", markup=False
        )
        return
    from rich.table import Table

    table = Table("id", "date", "to", "company", "kind", "about")
    for c in contacts:
        table.add_row(str(c.id), str(c.date), c.to, c.company, c.kind, c.about)
    console().print(table)


@log_app.command("remove")
def remove(
    contact_id: Annotated[
        int, typer.Argument(metavar="ID", help="The id `rebound log list` shows.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Remove one contact from the log."""
    from assistant.stores.followups import remove_contact

    contact = remove_contact(contact_id)
    if as_json:
        print_json(contact)
        return
    console().print(
        f"Removed #{contact.id}: {contact.about} to {contact.to} at {contact.company} "
        f"on {contact.date}.",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
