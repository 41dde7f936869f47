"""`rebound interview --job JD`: mock-interview questions aimed at the gaps, with the reason for each."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from assistant.cli.common import (
    ForceOpt,
    JsonOpt,
    NotesArg,
    NotesOpt,
    console,
    model_options,
    notes_path,
    print_json,
    show_generation,
    write_out,
)

JobOpt = Annotated[
    Optional[str],
    typer.Option("--job", help="The job description (.txt, .md or JSON Resume job .json)."),
]
ResumeOpt = Annotated[
    Optional[str],
    typer.Option("--resume", help="Your resume (.txt, .md, .pdf, .docx or JSON Resume)."),
]


def count_option(what: str):
    """`-n`: how many questions of the job's field; `what` says what happens to those every
    interview asks (why this job), which are not counted."""
    return Annotated[
        int,
        typer.Option(
            "-n", "--count", min=1, max=40, help=f"How many questions of the job's {what}."
        ),
    ]


CountOpt = count_option(
    "field to practise; those every interview asks (why this job; where the field is unclear, the"
    " general ones) are shown apart"
)


def interview_request(job: Optional[str], resume: Optional[str], notes: Optional[str], count: int):
    """Read the inputs into an InterviewRequest (shared with `rebound practice`)."""
    from assistant.inputs.job import read_job
    from assistant.inputs.notes import read_notes
    from assistant.inputs.resume import read_resume
    from assistant.tasks.interview import InterviewRequest

    if not job:
        raise typer.BadParameter("is required", param_hint="--job")
    return InterviewRequest(
        job=read_job(job),
        resume_text=read_resume(resume).text if resume else None,
        notes=read_notes(notes) if notes else None,
        count=count,
    )


@model_options
def interview(
    notes_arg: NotesArg = None,
    job: JobOpt = None,
    resume: ResumeOpt = None,
    notes: NotesOpt = None,
    count: CountOpt = 10,
    as_json: JsonOpt = False,
    out: Annotated[
        Optional[str], typer.Option("--out", help="Write a Markdown practice sheet to this file.")
    ] = None,
    force: ForceOpt = False,
    engine=None,
) -> None:
    """Mock-interview questions aimed at your gaps, each with why it is asked and what a good answer covers."""
    from assistant.cli.drafting import run_on_engine
    from assistant.tasks.interview import interview_questions, practice_sheet

    request = interview_request(job, resume, notes_path(notes_arg, notes, required=False), count)
    result = run_on_engine(
        engine,
        lambda backend, progress: interview_questions(request, backend, progress),
        "Writing tailored questions",
        "interview",
    )
    show_generation(result.generation)
    write_out(out, practice_sheet(result), force)
    if as_json:
        print_json(result)
        return
    _render(result)


def _render(result) -> None:
    from rich.table import Table

    from assistant.tasks.interview import KIND_LABELS

    title = " at ".join(x for x in (result.job_title, result.company) if x) or "the job"
    table = Table(
        "#",
        "question",
        "why",
        title=f"Interview practice: {title}",
        show_lines=True,
        title_justify="left",
    )
    for i, q in enumerate(result.questions, 1):
        text = _escape(q.text) + (
            f"\n[dim]Follow-up: {_escape(q.follow_up)}[/dim]" if q.follow_up else ""
        )
        covers = "\n".join(f"• {_escape(c)}" for c in q.good_answer_covers)
        kind = KIND_LABELS[q.kind] + (f", {q.question_type}" if q.question_type else "")
        why = f"[bold]{_escape(kind)}[/bold]: {_escape(q.reason)}" + (
            f"\n[dim]{covers}[/dim]" if covers else ""
        )
        table.add_row(str(i), text, why)
    out = console()
    family = (
        f"Occupation family: {result.role_family_label}"
        + (f" (ESCO: {result.occupation})" if result.occupation else "")
        if result.role_family != "general"
        else "This job fits none of the occupation families: general questions"
    )
    if not result.role_sure:
        which = " or ".join(result.role_candidate_labels)
        family = f"Occupation family unsure ({which}): questions from the ad's own duties"
    out.print(f"[dim]{_escape(family)}[/dim]")
    out.print(table)
    if result.every_interview:  # not one of the field's questions above
        out.print("[bold]Every interview also asks[/bold]")
        for q in result.every_interview:
            follow = f" [dim]Follow-up: {_escape(q.follow_up)}[/dim]" if q.follow_up else ""
            out.print(f"• {_escape(q.text)}{follow}")
    if result.ask_them:
        out.print("[bold]Questions to ask them[/bold]")
        for q in result.ask_them:
            out.print(f"• {_escape(q.text)} [dim]{_escape(q.reason)}[/dim]")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def register(app: typer.Typer) -> None:
    app.command("interview")(interview)
