"""`rebound models [--check]`: which model, why, and whether it works."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli.common import JsonOpt, console, notice, print_json


def models(
    model: Annotated[
        Optional[str], typer.Option("--model", help="Path to a GGUF model file.")
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Load the model, time a short generation, and run the guard on sample notes.",
        ),
    ] = False,
    notes_dir: Annotated[
        Optional[str],
        typer.Option(
            "--notes-dir",
            help="Notes for the guard's pass rate (default: the repo's fixtures/notes).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the model Rebound would use, why it was chosen, and what it is."""
    from assistant.config import load_config
    from assistant.engine.resolve import resolve_model
    from assistant.paths import package_root
    from assistant.tasks.models_check import describe, guard_pass_rate, measure_speed

    if (
        check and notes_dir
    ):  # a folder the user named must hold notes: say so before loading anything
        from assistant.errors import InputError

        if not Path(notes_dir).is_dir():
            raise InputError(f"{notes_dir}: --notes-dir needs a folder of notes (.md)")
        if not any(Path(notes_dir).glob("*.md")):
            raise InputError(f"{notes_dir}: no notes (.md files) in this folder")
    report = describe(resolve_model(model, load_config()))
    if check and report.gguf:
        from assistant.engine.select import open_engine
        from assistant.engine.settings import EngineSettings

        # opened as every command opens it (the config's threads, the tests' backend)
        backend = open_engine(EngineSettings(model=report.gguf.path, backend="llama")).backend
        report.backend = "llama"
        with console(stderr=True).status("Loading the model and generating…"):
            report.speed = measure_speed(backend)
        folder = Path(notes_dir) if notes_dir else package_root().parent / "fixtures" / "notes"
        if folder.is_dir():
            with console(stderr=True).status("Drafting feedback emails from the sample notes…"):
                report.guard = guard_pass_rate(backend, folder)
        else:
            notice(f"no sample notes at {folder}: skipped the guard's pass rate (pass --notes-dir)")
    if as_json:
        print_json(report)
        return
    c = console()
    ch = report.choice
    if not report.gguf:
        c.print(f"No model: {ch.reason}. Commands use the built-in templates.")
        c.print("See models/README.md to bring a GGUF model.", style="dim")
        return
    g = report.gguf
    c.print(f"[bold]{Path(g.path).name}[/bold]  ({ch.source}: {ch.reason})")
    c.print(f"  path          {g.path}")
    c.print(f"  size          {g.size_bytes / 1e6:.1f} MB")
    c.print(f"  architecture  {g.architecture}   name: {g.name}")
    c.print(
        f"  parameters    {g.parameters / 1e6:.0f} M" if g.parameters else "  parameters    unknown"
    )
    c.print(f"  quantization  {g.quantization}")
    c.print(
        f"  context       {g.context_length} tokens   chat template: {'yes' if g.has_chat_template else 'no'}"
    )
    if report.speed:
        s = report.speed
        c.print(f"  load          {s.load_seconds:.2f} s")
        c.print(
            f"  speed         {s.tokens_per_second:.1f} tokens/s ({s.tokens} tokens in {s.generate_seconds:.2f} s); "
            f"{s.batch_tokens_per_second:.1f} tokens/s for {s.batch_replies} replies at once"
        )
    if report.guard:
        gd = report.guard
        c.print(f"  guard         {gd.passed}/{gd.total} feedback drafts passed the guard")
        for line in gd.failures:
            c.print(f"    {line}", style="dim", markup=False)


def register(app: typer.Typer) -> None:
    app.command("models")(models)
