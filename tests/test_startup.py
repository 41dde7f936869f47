"""Commands that need no model must not import llama_cpp (or other heavy modules): they start fast."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import FIXTURES, ROOT

PROBE = """
import sys
sys.argv = {argv!r}
from assistant.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("llama_cpp", "pypdfium2", "docx", "httpx", "numpy") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


def heavy_modules(*args: str) -> str:
    code = PROBE.format(argv=["rebound", *args])
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("HEAVY=")]
    assert line, proc.stderr
    return line[-1].removeprefix("HEAVY=")


def test_help_imports_no_heavy_module():
    assert heavy_modules("--help") == ""


def test_feedback_without_a_model_imports_no_heavy_module():
    assert (
        heavy_modules("feedback", str(FIXTURES / "notes" / "harrow-books.md"), "--no-model") == ""
    )
