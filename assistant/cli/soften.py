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
        bool,
        typer.Option(
            "--log",
            help="Offer to record it in the follow-up log once you say you sent it (needs --to and --company).",
        ),
    ] = False,
    kind: KindOpt = "email",
    as_json: JsonOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    engine=None,
) -> None:
    """Check a follow-up message for desperation and rewrite it calm."""
    from assistant.cli.drafting import run_on_engine
    from assistant.config import load_config
    from assistant.inputs.text import read_text
    from assistant.stores.followups import advice_for
    from assistant.tasks.soften import MAX_DRAFT_BYTES, SoftenRequest, generates
    from assistant.tasks.soften import soften as run

    if log and not (to and company):
        raise typer.BadParameter("--log needs --to and --company", param_hint="--log")
    request = SoftenRequest(text=read_text(draft, MAX_DRAFT_BYTES), to=to, company=company)
    advice = advice_for(to, company)  # before --log records this message
    always = engine.model_always or load_config().model_always
    # No task name for the engine: soften reads with any model (embeddings) and decides itself
    # whether it writes; a model that will not write keeps its writing context unloaded.
    result = run_on_engine(
        engine,
        lambda backend, on_chunk: run(request, backend, on_chunk, always),
        "Rewriting",
        preload=lambda backend: generates(backend, always),
    )
    result.advice = advice
    show_generation(result.generation)
    write_out(out, result.rewrite, force)
    if as_json:
        print_json(result)
    else:
        _render(request.text, result)
    if log:  # recorded only when the user says it was sent, never after "stop"
        from assistant.cli.log_cmd import offer_to_log

        offer_to_log(to, company, "follow-up", advice, kind)


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
    judge = "the model's embeddings" if result.judge == "embedding" else "word cues (no model)"
    out.print(
        Panel(
            marked,
            title=f"Your draft: {result.score}/100, {result.level}",
            subtitle=f"judged sentence by sentence by {judge}",
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
        if result.note:
            out.print(result.note, markup=False)
        out.print(
            Panel(
                Text(result.rewrite),
                title=f"Calmer version: {result.rewrite_score}/100, {result.rewrite_level}",
                subtitle=source,
                border_style=_LEVEL_STYLE[result.rewrite_level],
                expand=False,
            )
        )
        for sentence in result.context:  # under the threshold, in a desperate draft
            out.print(f"Read as part of the pressure around it: “{sentence}”", markup=False)
        for sentence in result.still_needy:  # the same judge, on the calm version
            out.print(f"Still reads as needy: “{sentence}”", markup=False)
        out.print(
            f"Score: {result.score} ({result.level}) -> {result.rewrite_score} "
            f"({result.rewrite_level}) after the rewrite",
            markup=False,
        )
    else:
        out.print("No sentence reads as desperate: nothing to rewrite.", markup=False)
        for sentence in result.borderline:  # one borderline sentence among calm ones
            out.print(
                f"Closest to needy, left as written (the rest reads calm): “{sentence}”",
                markup=False,
            )
    show_advice(result.advice)


def register(app: typer.Typer) -> None:
    app.command("soften")(soften)
