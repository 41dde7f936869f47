"""`rebound soften DRAFT`: score a follow-up for desperation, show the signals, rewrite it calm."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.common import (
    ForceOpt,
    JsonOpt,
    OutOpt,
    console,
    model_options,
    print_json,
    show_generation,
    write_out,
    written_by,
)
from assistant.cli.log_cmd import CompanyOpt, KindOpt, ToOpt

_LEVEL_STYLE = {"calm": "green", "needy": "yellow", "desperate": "red"}


@model_options
def soften(
    draft: Annotated[str, typer.Argument(help="Your draft message (a text file), or - for stdin.")],
    to: ToOpt = None,
    company: CompanyOpt = None,
    log: Annotated[
        bool, typer.Option("--log", help="Record the message as sent (needs --to and --company).")
    ] = False,
    kind: KindOpt = "email",
    as_json: JsonOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    engine=None,
) -> None:
    """Check a follow-up message for desperation and rewrite it calm."""
    from assistant.cli.drafting import run_on_engine
    from assistant.inputs.text import read_text
    from assistant.stores.followups import advice_for
    from assistant.tasks.soften import MAX_DRAFT_BYTES, SoftenRequest
    from assistant.tasks.soften import soften as run

    if log and not (to and company):
        raise typer.BadParameter("--log needs --to and --company", param_hint="--log")
    request = SoftenRequest(text=read_text(draft, MAX_DRAFT_BYTES), to=to, company=company)
    advice = advice_for(to, company)  # before --log records this message
    result = run_on_engine(
        engine, lambda backend, on_chunk: run(request, backend, on_chunk), "Rewriting"
    )
    result.advice = advice
    show_generation(result.generation)
    write_out(out, result.rewrite, force)
    if log:
        from assistant.cli.log_cmd import log_sent

        log_sent(to, company, kind, "follow-up")
    if as_json:
        print_json(result)
        return
    _render(request.text, result)


def _render(original: str, result) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from assistant.cli.log_cmd import show_advice

    out = console()
    marked = Text(original.strip("\n"))
    offset = len(original) - len(original.lstrip("\n"))
    for s in result.signals:
        marked.stylize("bold red underline", s.start - offset, s.end - offset)
    style = _LEVEL_STYLE[result.level]
    out.print(
        Panel(
            marked,
            title=f"Your draft: {result.score}/100, {result.level}",
            border_style=style,
            expand=False,
        )
    )
    if result.signals:
        table = Table("signal", "found", "why it hurts", "instead", show_lines=True)
        by_code: dict[str, list] = {}
        for s in result.signals:
            by_code.setdefault(s.code, []).append(s)
        for code, found in by_code.items():
            excerpts = "\n".join(f"“{' '.join(s.excerpt.split())}”" for s in found)
            table.add_row(code, excerpts, found[0].message, found[0].suggestion)
        out.print(table)
        source = written_by(
            result.generation, "model, checked by the guard", "rewritten sentence by sentence"
        )
        out.print(
            Panel(
                Text(result.rewrite),
                title=f"Calmer version: {result.rewrite_score}/100",
                subtitle=source,
                border_style="green",
                expand=False,
            )
        )
        out.print(
            f"Score: {result.score} ({result.level}) -> {result.rewrite_score} after the rewrite",
            markup=False,
        )
    else:
        out.print("No desperation signals: this reads calm. Nothing to rewrite.", markup=False)
    show_advice(result.advice)


def register(app: typer.Typer) -> None:
    app.command("soften")(soften)
