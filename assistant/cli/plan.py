"""`rebound plan NOTES`: the "apply what you learned" plan, as a Markdown checklist."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.cli.common import (
    ForceOpt,
    JsonOpt,
    NotesArg,
    NotesOpt,
    OutOpt,
    console,
    notes_path,
    notice,
    print_json,
    write_out,
)


def plan(
    notes: NotesArg = None,
    feedback: Annotated[
        Optional[str],
        typer.Option("--feedback", help="The feedback you received, saved as a text file."),
    ] = None,
    resume: Annotated[
        Optional[str],
        typer.Option("--resume", help="Your resume, for the resume edits and the keyword gap."),
    ] = None,
    job: Annotated[
        Optional[str],
        typer.Option("--job", help="The job ad, for the keyword gap and the practice command."),
    ] = None,
    review_in: Annotated[
        int,
        typer.Option(
            "--review-in", help="Days from today for the first step: look at it all again."
        ),
    ] = 3,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    notes_opt: NotesOpt = None,
) -> None:
    """Turn the feedback, your notes and your resume into a dated checklist. No model needed."""
    import datetime as dt

    from assistant.inputs.job import read_job
    from assistant.inputs.notes import read_notes
    from assistant.inputs.resume import read_resume
    from assistant.inputs.text import read_text
    from assistant.tasks.plan import PlanRequest, build_plan, plan_markdown

    notes = notes_path(notes, notes_opt)
    if not 1 <= review_in <= 60:
        raise typer.BadParameter("must be between 1 and 60 days", param_hint="--review-in")
    if notes == "-":  # the plan's commands re-read the notes, which stdin cannot give twice
        notice(
            "notes read from stdin: the plan's commands name NOTES.md; save your notes there to run them"
        )
    request = PlanRequest(
        notes=read_notes(notes),
        notes_path="NOTES.md" if notes == "-" else notes,
        today=dt.date.today(),
        review_days=review_in,
        feedback=read_text(feedback) if feedback else None,
        feedback_path=feedback,
        resume=read_resume(resume) if resume else None,
        resume_path=resume,
        job=read_job(job) if job else None,
        job_path=job,
    )
    result = build_plan(request)
    text = plan_markdown(result)
    write_out(out, text, force)
    if as_json:
        print_json(result)
        return
    from rich.markdown import Markdown

    console().print(Markdown(text))


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
