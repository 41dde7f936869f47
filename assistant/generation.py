"""The generation record: who wrote a piece of text that a model may have written, which checks
the guard ran on it, and one line saying why the model's text was not used.

Every result that may hold model-written text carries one `generation` field of this shape, in
Python and in --json (docs/how-it-works.md). It sits low (it imports nothing of the package) so
that tasks, the guard and the CLI all share it."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel

Source = Literal["model", "template", "rules"]


class GenerationCheck(BaseModel):
    """One guard check on the text: its stable code, whether it passed, and why not."""

    code: str
    passed: bool
    detail: str = ""


class Generation(BaseModel):
    source: Source  # model: the model wrote (part of) it; template / rules: Rebound did
    model: Optional[str] = None  # the model that was asked, whether or not its text was kept
    checks: list[GenerationCheck] = []
    notice: Optional[str] = None  # one line: why the model's text was not used, what was cut


def as_checks(results) -> list[GenerationCheck]:
    """The guard's check results as the record's checks."""
    return [GenerationCheck(code=r.code, passed=r.passed, detail=r.detail) for r in results]


def refused(what: str, why: str) -> str:
    """The one way to say the guard refused the model's text."""
    return f"the guard refused the model's {what}" + (f": {why}" if why else "")


def join_notices(*parts: Optional[str]) -> Optional[str]:
    """Several notices as one line; None when there is none."""
    kept = [p for p in parts if p]
    return "; ".join(dict.fromkeys(kept)) or None
