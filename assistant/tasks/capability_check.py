"""`rebound models --check`, per task: run every model-using task on the packaged worked examples
(assistant/data/check_examples/) and count the drafts the guard kept. The figures go to the
capability cache (assistant/engine/capability.py), which decides what later commands ask."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.engine.base import Backend
from assistant.engine.capability import TASKS, TaskFigure
from assistant.errors import InputError
from assistant.paths import data_path

# One example's outcome: (kept, tried); (0, 0) when the example does not apply to the task.
Outcome = tuple[int, int]


class TaskCheck(BaseModel):
    task: str
    kept: int
    tried: int
    seconds: float
    examples: int
    failures: list[str] = []  # why the guard refused, one line per refused example

    def figure(self) -> TaskFigure:
        return TaskFigure(kept=self.kept, tried=self.tried, seconds=self.seconds)


def examples_dir() -> Path:
    return data_path("check_examples")


def _files(sub: str, pattern: str) -> list[Path]:
    return sorted((examples_dir() / sub).glob(pattern))


Example = tuple[str, Callable[[], tuple[Outcome, str]]]  # (name, run) -> ((kept, tried), notice)


def _notes() -> list[tuple[str, Path]]:
    return [(file.name, file) for file in _files("notes", "*.md")]


def _source(result) -> tuple[Outcome, str]:
    record = result.generation
    return (int(record.source == "model"), 1), record.notice or ""


def _feedback(backend: Backend) -> list[Example]:
    from assistant.inputs.notes import read_notes
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback

    return [
        (name, lambda f=f: _source(draft_feedback(FeedbackRequest(notes=read_notes(f)), backend)))
        for name, f in _notes()
    ]


def _recruiter(backend: Backend) -> list[Example]:
    from assistant.inputs.notes import read_notes
    from assistant.tasks.recruiter import draft_recruiter_update

    return [
        (name, lambda f=f: _source(draft_recruiter_update(read_notes(f), backend)))
        for name, f in _notes()
    ]


def _network(backend: Backend) -> list[Example]:
    from assistant.inputs.notes import read_notes
    from assistant.tasks.network import NetworkRequest, draft_network_note

    return [
        (
            name,
            lambda f=f: _source(draft_network_note(NetworkRequest(notes=read_notes(f)), backend)),
        )
        for name, f in _notes()
    ]


def _soften(backend: Backend) -> list[Example]:
    from assistant.tasks.soften import SoftenRequest, soften

    return [
        (
            f.name,
            lambda f=f: _source(soften(SoftenRequest(text=f.read_text(encoding="utf-8")), backend)),
        )
        for f in _files("soften", "*.txt")
    ]


def _practice(backend: Backend) -> list[Example]:
    from assistant.analysis.keywords import extract_job_terms
    from assistant.inputs.job import read_job
    from assistant.tasks.practice import review_answer

    job = read_job(_files("interview", "*.md")[0])
    terms = extract_job_terms(job.text, job.company)
    pairs = json.loads((examples_dir() / "practice.json").read_text(encoding="utf-8"))

    def run(pair: dict) -> tuple[Outcome, str]:
        return _source(review_answer(pair["question"], pair["answer"], terms, backend))

    return [(f"answer {i}", lambda p=p: run(p)) for i, p in enumerate(pairs, 1)]


def _critique(backend: Backend) -> list[Example]:
    from assistant.inputs.resume import read_resume
    from assistant.tasks.critique import CritiqueRequest, critique

    return [
        (f.name, lambda f=f: _source(critique(CritiqueRequest(resume=read_resume(f)), backend)))
        for f in _files("critique", "*.txt")
    ]


def _interview(backend: Backend) -> list[Example]:
    from assistant.inputs.job import read_job
    from assistant.tasks.interview import InterviewRequest, interview_questions

    def run(file: Path) -> tuple[Outcome, str]:
        result = interview_questions(InterviewRequest(job=read_job(file)), backend)
        kept = sum(q.kind == "tailored" for q in result.questions)
        return (kept, kept + len(result.rejected)), result.generation.notice or ""

    return [(f.name, lambda f=f: run(f)) for f in _files("interview", "*.md")]


RUNNERS: dict[str, Callable[[Backend], list[Example]]] = {
    "feedback": _feedback,
    "recruiter": _recruiter,
    "network": _network,
    "soften": _soften,
    "practice": _practice,
    "critique": _critique,
    "interview": _interview,
}
assert set(RUNNERS) == set(TASKS)


def check_task(task: str, backend: Backend) -> TaskCheck:
    kept = tried = examples = 0
    failures = []
    start = time.perf_counter()
    for name, run in RUNNERS[task](backend):
        try:
            (k, t), notice = run()
        except InputError:  # an example that lacks what this task needs (a recruiter's name)
            continue
        examples += 1
        kept, tried = kept + k, tried + t
        if k < t:
            failures.append(f"{name}: {notice or 'the guard refused the draft'}")
    return TaskCheck(
        task=task,
        kept=kept,
        tried=tried,
        seconds=round(time.perf_counter() - start, 2),
        examples=examples,
        failures=failures,
    )


def check_tasks(
    backend: Backend,
    tasks: Optional[list[str]] = None,
    on_task: Optional[Callable[[str], None]] = None,
) -> list[TaskCheck]:
    out = []
    for task in tasks or list(TASKS):
        if on_task:
            on_task(task)
        out.append(check_task(task, backend))
    return out
