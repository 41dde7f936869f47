"""`rebound ... | head`: when the reader leaves early, Rebound stops quietly (no traceback)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers.paths import FIXTURES, ROOT


@pytest.mark.parametrize("output", [["--json"], []], ids=["json-lines", "rich-report"])
def test_a_closed_pipe_ends_the_command_quietly(output):
    resumes = str(FIXTURES / "resumes")
    proc = subprocess.Popen(
        # 80 reports, far more than a pipe's buffer holds: the writer must meet the closed pipe
        [sys.executable, "-m", "assistant", "critique", *[resumes] * 8, *output, "--no-model"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()  # the reader leaves, like `head -c 10`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in stderr and "error" not in stderr
