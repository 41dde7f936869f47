"""`rebound practice --job JD`: answer questions one at a time (or from --answers FILE) and get a
critique of each; `--history` shows progress per question over time."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from assistant.cli.common import (
    JsonOpt,
    NotesArg,
    NotesOpt,
    TokenProgress,
    console,
    model_options,
    notes_path,
    notice,
    print_json,
    show_generation,
    written_by,
)
from assistant.cli.interview import JobOpt, ResumeOpt, count_option, interview_request

PracticeCountOpt = count_option(
    "field to ask; those every interview asks (why this job; where the field is unclear, the general"
    " ones) come after them"
)

SPARKS = "▁▂▃▄▅▆▇█"


@model_options
def practice(
    notes_arg: NotesArg = None,
    job: JobOpt = None,
    resume: ResumeOpt = None,
    notes: NotesOpt = None,
    answers: Annotated[
        Optional[str],
        typer.Option(
            "--answers",
            help="A Markdown (## question, the answer below) or JSON file of question/answer pairs: "
            "no prompts.",
        ),
    ] = None,
    count: PracticeCountOpt = 5,
    history: Annotated[
        bool, typer.Option("--history", help="Show your progress per question over time.")
    ] = False,
    as_json: JsonOpt = False,
    engine=None,
) -> None:
    """Practise answers: type them (end with an empty line) or pass --answers, and get a critique of each."""
    if history:
        from assistant.stores.practice import load_history

        result = load_history()
        if as_json:
            print_json(result)
        else:
            _render_history(result)
        return
    import datetime as dt

    from assistant.analysis.keywords import extract_job_terms
    from assistant.analysis.occupation import classify
    from assistant.cli.common import open_engine_with_progress
    from assistant.stores.practice import PracticeSession

    notes_file = notes_path(notes_arg, notes, required=False)
    pairs = _read_pairs(answers) if answers else None
    from assistant.config import load_config
    from assistant.tasks.practice import not_coaching, session_judge

    always = engine.model_always or load_config().model_always
    # the model's context is loaded only if it will write coaching (embeddings load it lazily)
    backend = open_engine_with_progress(
        engine, preload=lambda b: not_coaching(b, always) is None
    ).backend
    # the answers' meaning is read apart while the job is read here (session_judge)
    judge = session_judge(backend, _texts(pairs or ()))
    request = interview_request(job, resume, notes_file, count)
    job_terms = extract_job_terms(request.job.text, request.job.company)
    role = classify(request.job.title, request.job.text)
    family = role.family if role.sure else None  # an unsure field is no topic to judge by
    session = PracticeSession(
        started_at=dt.datetime.now(dt.timezone.utc),
        job_title=request.job.title,
        job_source=request.job.source,
    )
    if pairs is not None:
        from rich.text import Text

        asked = [q for q, _ in pairs]  # an answer may answer another question of the file
        for i, (question, answer) in enumerate(
            pairs, 1
        ):  # --json prints only the JSON: these are for scripts
            if not as_json:  # say which answer each critique is about
                console().print(Text(f"\n{i}. {question}", style="bold cyan"))
            _review(
                session,
                question,
                answer,
                job_terms,
                backend,
                None if as_json else console(),
                family,
                always,
                asked,
                judge,
            )
    else:
        _interactive(
            request, session, job_terms, backend, console(stderr=as_json), family, always, judge
        )
    if not session.reviews:
        notice("no answers given: nothing to save")
    else:
        notice(
            f"saved practice session #{session.id} (average score {session.average_score}); "
            "see `rebound practice --history`"
        )
    if as_json:
        print_json(session)


def _read_pairs(path: str) -> list[tuple[str, str]]:
    from assistant.inputs.answers import read_answers

    return [(p.question, p.answer) for p in read_answers(path)]


def _texts(pairs) -> list[str]:
    """What the session's judge embeds: each question, then its answer."""
    return [t for pair in pairs for t in pair]


def answer_texts(path: str) -> list[str]:
    """The texts `practice --answers path` embeds, for the entry point's head start
    (assistant/launch.py)."""
    return _texts(_read_pairs(path))


def _interactive(
    request, session, job_terms, backend, ui, family, always=False, judge=None
) -> None:
    from rich.text import Text

    from assistant.tasks.interview import build_questions, practice_order

    questions = practice_order(build_questions(request))
    if judge is not None:  # their meaning is read while the first answer is typed
        judge.prepare([q for _, q in questions], wait=False)
    ui.print(
        Text(
            "Answer each question as you would say it. Finish an answer with an empty line; "
            "an empty line straight away skips the question; Ctrl-D ends the session.",
            style="dim",
        )
    )
    for i, (label, question) in enumerate(questions, 1):
        ui.print(
            Text.assemble((f"\nQuestion {i}/{len(questions)} ", "bold"), (f"· {label}", "dim"))
        )
        ui.print(Text(question, style="bold cyan"))
        answer, ended = _read_answer()
        if answer:
            others = [q for _, q in questions]
            _review(
                session, question, answer, job_terms, backend, ui, family, always, others, judge
            )
        elif not ended:
            ui.print(Text("Skipped.", style="dim"))
        if ended:
            break


def _read_answer() -> tuple[str, bool]:
    """Lines up to an empty line or end of input: (the answer, whether the input ended)."""
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if not line:
            return "\n".join(lines).strip(), True
        if not line.strip():
            return "\n".join(lines).strip(), False
        lines.append(line.rstrip("\n"))


def _review(
    session,
    question: str,
    answer: str,
    job_terms: list[str],
    backend,
    ui,
    family=None,
    always=False,
    others=(),
    judge=None,
) -> None:
    from contextlib import nullcontext

    from assistant.tasks.practice import not_coaching, review_answer

    # a progress line only while a model writes (a small one never does: not_coaching)
    writes = backend is not None and not_coaching(backend, always) is None
    with TokenProgress("Coaching") if writes else nullcontext() as progress:
        review = review_answer(
            question,
            answer,
            job_terms,
            backend,
            on_chunk=progress,
            job_family=family,
            always=always,
            others=others,
            judge=judge,
        )
    from assistant.stores.practice import save_answer

    session.reviews.append(review)
    save_answer(session)  # saved as given: Ctrl-C or a closed terminal loses no answer
    if not any(r.generation.notice == review.generation.notice for r in session.reviews[:-1]):
        show_generation(review.generation)  # the same notice once per session
    if ui is not None:
        _render_review(ui, review)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{word} ×{n}" for word, n in counts.items())


def _render_review(ui, review) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from assistant.analysis.answers import STAR_PARTS

    c, m = review.critique, review.critique.metrics
    minutes, seconds = divmod(m.speaking_seconds, 60)
    spoken = f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
    lines = [
        f"Score {c.score}/100 · {m.words} words · about {spoken} spoken · "
        f"{m.question_type} question",
    ]
    if m.question_type == "behavioural":
        lines.append(
            "STAR: " + "  ".join(("✓ " if p in c.star_present else "✗ ") + p for p in STAR_PARTS)
        )
    lines += [
        f"Filler words: {_counts(m.fillers) or 'none'} · Hedges: {_counts(m.hedges) or 'none'}",
        f"Numbers: {', '.join(m.numbers) or 'none'}",
    ]
    if m.job_terms:
        lines.append(f"The job's terms you used: {', '.join(m.job_terms_used) or 'none'}")
    lines.append(
        "Words you repeat most: "
        + (", ".join(f"{r.word} ×{r.count}" for r in m.repeated[:3]) or "none")
    )
    lines += [f"• {f.message}" for f in c.findings]
    other = m.relevance.better_question if m.relevance else None
    if other:  # the off-topic finding says which question the answer fits instead
        lines.append(f'  It answers this question better: "{other}"')
    elif m.relevance and m.relevance.topic:  # ... or what the question is about
        lines.append(f"  The question is about: {', '.join(m.relevance.topic)}")
    lines += ["", f"Coaching: {review.coaching}"]
    if review.outline:
        lines += ["", "A model answer runs:"] + [
            f"  {i}. {s}" for i, s in enumerate(review.outline, 1)
        ]
    source = written_by(
        review.generation,
        "coaching by {model}, checked by the guard",
        "coaching from the checks",
    )
    ui.print(Panel(Text("\n".join(lines)), title="Critique", subtitle=source, expand=False))


def sparkline(scores: list[int]) -> str:
    """One block per score (0-100), from ▁ to █."""
    return "".join(
        SPARKS[min(len(SPARKS) - 1, max(0, round(s / 100 * (len(SPARKS) - 1))))] for s in scores
    )


def _render_history(history) -> None:
    from rich.table import Table

    from assistant.text_utils import plural

    out = console()
    if not history.questions:
        out.print("No practice sessions yet: run `rebound practice --job JOB` first.", markup=False)
        return
    table = Table(
        "question",
        "tries",
        "first",
        "last",
        "best",
        "trend",
        title_justify="left",
        title=f"Practice history: {plural(history.sessions, 'session')}",
    )
    for p in history.questions:
        scores = p.scores
        table.add_row(
            p.question,
            str(len(scores)),
            str(scores[0]),
            str(scores[-1]),
            str(max(scores)),
            sparkline(scores),
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("practice")(practice)
