"""What the drafting commands (feedback, recruiter, network) share: run the task on the chosen
engine with a live token count, then print the draft (a panel on a terminal; plain text to paste
when piped or with --plain; or its JSON), and write --out and --eml."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Optional

from assistant.cli.common import (
    TokenProgress,
    console,
    notice,
    open_engine_with_progress,
    print_json,
    show_generation,
    spared,
    write_out,
    written_by,
)


def check_outputs(force: bool, *paths: Optional[str]) -> None:
    """--out and --eml that exist stop the command before any model runs (unless --force)."""
    from pathlib import Path

    from assistant.files import check_target

    for path in paths:
        if path:
            check_target(Path(path), force)


def run_on_engine(
    settings,
    task: Callable,
    label: str = "Writing the draft",
    name: Optional[str] = None,
    preload=True,
):
    """task(backend, on_chunk): backend is None when there is no model (templates only), or when
    the model's check figures advise against asking it for the task `name`. `preload`: see
    open_engine_with_progress."""
    engine = open_engine_with_progress(settings, name, in_record=True, preload=preload)
    if engine.backend is None:
        return spared(engine, task(None, None))
    if not engine.writes:  # the model only reads (embeddings): no token count to show
        return task(engine.backend, None)
    with TokenProgress(label) as progress:
        return task(engine.backend, progress)


def is_plain(plain: bool) -> bool:
    """Plain text when asked, or when stdout is not a terminal (a pipe, a file, a clipboard tool)."""
    return plain or not sys.stdout.isatty()


def write_eml(
    path: Optional[str],
    subject: str,
    body: str,
    force: bool,
    to_name: Optional[str] = None,
    to_email: Optional[str] = None,
) -> None:
    """--eml: the draft as an email file a mail client opens as a draft (never over a file
    without --force)."""
    if not path:
        return
    from assistant.email_file import build_eml
    from assistant.files import atomic_write

    atomic_write(path, build_eml(subject, body, to_name, to_email), force=force)
    notice(f"wrote {path} (open it in your mail client: it opens as a draft)")


def show_draft(
    result,
    text: str,
    title: str,
    as_json: bool,
    out: Optional[str],
    force: bool,
    plain: bool = False,
) -> None:
    show_generation(result.generation)
    write_out(out, text, force)
    if as_json:
        print_json(result)
        return
    if is_plain(plain):
        sys.stdout.write(text.strip() + "\n")
        return
    from rich.panel import Panel

    source = written_by(result.generation, "drafted by {model}", "from the template")
    console().print(Panel(text.strip(), title=title, subtitle=source, expand=False))
