"""`rebound critique FILES...`: score a resume, list what to fix, match it to a job description."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.cli.common import (
    ForceOpt,
    OutOpt,
    TokenProgress,
    console,
    model_options,
    notice,
    open_engine_with_progress,
    print_json,
    show_generation,
    write_out,
)


@model_options
def critique(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Resumes (.txt, .md, .pdf, .docx, JSON Resume .json) or folders of them."
        ),
    ],
    job: Annotated[
        Optional[str],
        typer.Option(
            "--job",
            help="A job description (.txt, .md or JSON Resume job .json) to match keywords against.",
        ),
    ] = None,
    fail_under: Annotated[
        Optional[int],
        typer.Option("--fail-under", min=0, max=100, help="Exit 1 when a score is below N."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the result as JSON (JSON Lines, one per file, for several files)."
        ),
    ] = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    engine=None,
) -> None:
    """Critique resumes offline: score, findings with fixes, keyword gap, rewrites of weak bullets.

    Several files (or a folder) are a batch: one report (or JSON line) per file; a file that cannot be read is reported on stderr and skipped. Exit 2 only when no file could be read.
    """
    from assistant.errors import InputError
    from assistant.inputs.resume import expand_paths
    from assistant.tasks.critique import critique_files

    if out:  # a batch streams its reports: refuse a bad --out before printing any of them
        from assistant.files import check_target

        check_target(out, force)
    parsed_job = None
    if job:
        from assistant.inputs.job import read_job

        parsed_job = read_job(job)
    paths = expand_paths(files)
    batch = len(paths) > 1
    eng = open_engine_with_progress(engine, "critique")
    results, failures = [], []
    if batch:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(
            TextColumn("Critiquing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=console(stderr=True),
            transient=True,
        )
        with progress:
            task = progress.add_task("", total=len(paths))
            for path, outcome in critique_files(paths, parsed_job, eng.backend):
                progress.update(task, advance=1, description=path)
                _collect(outcome, results, failures, as_json, batch)
    else:
        from contextlib import nullcontext

        with (
            TokenProgress("Writing suggestions")
            if eng.backend is not None
            else nullcontext() as on_chunk
        ):
            for _, outcome in critique_files(paths, parsed_job, eng.backend, on_chunk):
                if isinstance(outcome, InputError):
                    raise outcome
                _collect(outcome, results, failures, as_json, batch)
    if out:
        from assistant.cli.critique_report import report_text

        text = (
            "\n".join(r.model_dump_json() for r in results)
            if as_json
            else "\n".join(map(report_text, results))
        )
        write_out(out, text, force)
    if failures:
        notice(f"{len(failures)} of {len(paths)} files could not be read (see the errors above)")
    if not results:
        raise typer.Exit(2)
    if fail_under is not None and any(r.score < fail_under for r in results):
        raise typer.Exit(1)


def _collect(outcome, results: list, failures: list, as_json: bool, batch: bool) -> None:
    """Print one file's outcome as soon as it is ready (a batch streams), and keep it."""
    import sys

    from assistant.errors import InputError

    if isinstance(outcome, InputError):
        failures.append(outcome)  # one line, through the console that draws the progress bar
        console(stderr=True).print(
            f"rebound: error: {' '.join(str(outcome).split())}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return
    results.append(outcome)
    show_generation(outcome.generation)
    if as_json and batch:  # JSON Lines, flushed as each file is done
        sys.stdout.write(outcome.model_dump_json() + "\n")
        sys.stdout.flush()
        return
    if as_json:
        print_json(outcome)
        return
    from rich.console import Group

    from assistant.cli.critique_report import renderables

    console().print(Group(*renderables(outcome)))  # one pass: ~10 ms less than an item at a time


def register(app: typer.Typer) -> None:
    app.command("critique")(critique)
