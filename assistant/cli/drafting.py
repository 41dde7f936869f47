"""What the drafting commands (recruiter, network) share: run the task on the chosen engine with
a live token count, then print the draft (or its JSON) and write --out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from assistant.cli.common import (
    TokenProgress,
    console,
    open_engine_with_progress,
    print_json,
    show_generation,
    write_out,
    written_by,
)


def run_on_engine(settings, task: Callable, label: str = "Writing the draft"):
    """task(backend, on_chunk): backend is None when there is no model (templates only)."""
    engine = open_engine_with_progress(settings)
    if engine.backend is None:
        return task(None, None)
    with TokenProgress(label) as progress:
        return task(engine.backend, progress)


def show_draft(
    result, text: str, title: str, as_json: bool, out: Optional[str], force: bool
) -> None:
    show_generation(result.generation)
    write_out(out, text, force)
    if as_json:
        print_json(result)
        return
    from rich.panel import Panel

    source = written_by(result.generation, "drafted by {model}", "from the template")
    console().print(Panel(text.strip(), title=title, subtitle=source, expand=False))
