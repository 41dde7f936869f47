"""Where the repository, its fixtures and the shared outside data are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
# The JSON Resume project's sample resume and job (MIT), beside the checkout in CI; a user's own
# clone has no ../shared, so tests that read them skip there.
JSONRESUME = SHARED_DATA / "jsonresume"
needs_jsonresume = pytest.mark.skipif(
    not JSONRESUME.is_dir(), reason="../shared/data/jsonresume is not here"
)

# `rebound critique RESUME --job JD --no-model` on the shipped fixtures: the command issue 14's
# start-up budget is about (benchmarks/bench.py times the same pair)
CRITIQUE_JOB = (
    "critique",
    str(FIXTURES / "resumes" / "weak-marketing-coordinator.txt"),
    "--job",
    str(FIXTURES / "jobs" / "backend-engineer-ledgerly.md"),
    "--no-model",
)
