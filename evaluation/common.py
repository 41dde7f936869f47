"""Paths and measures shared by the evaluation modules."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "evaluation" / "labels"
SHARED_DATA = ROOT.parent / "shared" / "data"
OUTSIDE = SHARED_DATA / "outside"
RESUMES = OUTSIDE / "resumes"
JOBS = OUTSIDE / "jobs"
SKILLS = SHARED_DATA / "skills"


def require_outside() -> None:
    """Stop with one line when ../shared/data/outside is not beside the checkout."""
    if not OUTSIDE.is_dir():
        raise SystemExit(
            f"evaluation: {OUTSIDE} is not here (the outside data sits beside the checkout)"
        )


def auc(pos: list[float], neg: list[float]) -> float:
    """The chance that a positive scores above a negative (ties count half); nan without both."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))
