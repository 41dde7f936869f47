"""What model is in use, and whether it works: metadata from the GGUF header, then (with
--check) a real load, a short timed generation, and the guard's pass rate on sample notes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.engine import options
from assistant.engine.base import Backend
from assistant.engine.gguf import GGUFInfo, read_gguf
from assistant.engine.resolve import ModelChoice

SIDE_BY_SIDE = 8  # replies asked for at once in the batch figure (a batch critique sends more)


class SpeedCheck(BaseModel):
    load_seconds: float
    tokens: int
    generate_seconds: float
    tokens_per_second: float
    sample: str
    batch_replies: int  # asked for at once, as a batch critique does
    batch_tokens_per_second: float


class GuardCheck(BaseModel):
    notes: list[str]
    passed: int
    total: int
    failures: list[str]


class ModelsReport(BaseModel):
    choice: ModelChoice
    gguf: Optional[GGUFInfo] = None
    backend: Optional[str] = None
    speed: Optional[SpeedCheck] = None
    guard: Optional[GuardCheck] = None


def describe(choice: ModelChoice) -> ModelsReport:
    gguf = read_gguf(choice.path) if choice.path else None
    return ModelsReport(choice=choice, gguf=gguf)


def measure_speed(backend: Backend) -> SpeedCheck:
    start = time.perf_counter()
    load = getattr(backend, "load", None)
    if load:
        load()
    loaded = time.perf_counter()
    msgs = [
        {
            "role": "user",
            "content": "Write two sentences about why feedback after an interview helps.",
        }
    ]
    chunks = list(backend.generate(msgs, options.CHECK_GREEDY))
    done = time.perf_counter()
    gen = max(done - loaded, 1e-9)
    written: list[str] = []
    calls = [
        (msgs, options.CHECK_SAMPLED.model_copy(update={"seed": seed}))
        for seed in range(SIDE_BY_SIDE)
    ]
    backend.generate_many(calls, written.append)
    batch = max(time.perf_counter() - done, 1e-9)
    return SpeedCheck(
        load_seconds=round(loaded - start, 3),
        tokens=len(chunks),
        generate_seconds=round(gen, 3),
        tokens_per_second=round(len(chunks) / gen, 1),
        sample="".join(chunks).strip(),
        batch_replies=SIDE_BY_SIDE,
        batch_tokens_per_second=round(len(written) / batch, 1),
    )


def guard_pass_rate(backend: Backend, notes_dir: Path) -> GuardCheck:
    from assistant.inputs.notes import read_notes
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback

    files = sorted(notes_dir.glob("*.md"))
    passed, failures = 0, []
    for file in files:
        result = draft_feedback(FeedbackRequest(notes=read_notes(file)), backend)
        if result.generation.source == "model":
            passed += 1
        else:
            failures.append(f"{file.name}: {result.generation.notice}")
    return GuardCheck(
        notes=[f.name for f in files], passed=passed, total=len(files), failures=failures
    )
