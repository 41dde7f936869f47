"""Commands that need no model must not import llama_cpp (or other heavy modules): they start fast."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import CRITIQUE_JOB, FIXTURES, ROOT

PROBE = """
import sys
{setup}
sys.argv = {argv!r}
from assistant.launch import main
try:
    main()
except SystemExit:
    pass
print("{key}=" + str({report}), file=sys.stderr)
"""
HEAVY = ("llama_cpp", "pypdfium2", "docx", "httpx", "numpy")


def probe(args: tuple[str, ...], key: str, report: str, setup: str = "") -> str:
    """Run `rebound ARGS` through the entry point in a fresh process (after `setup`) and return
    what the expression `report` was at its end."""
    code = PROBE.format(setup=setup, argv=["rebound", *args], key=key, report=report)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith(f"{key}=")]
    assert line, proc.stderr
    return line[-1].removeprefix(f"{key}=")


def heavy_modules(*args: str, modules: tuple[str, ...] = HEAVY) -> str:
    return probe(args, "HEAVY", f'",".join(sorted(m for m in {modules!r} if m in sys.modules))')


def test_help_imports_no_heavy_module():
    assert heavy_modules("--help") == ""


def test_feedback_without_a_model_imports_no_heavy_module():
    assert (
        heavy_modules("feedback", str(FIXTURES / "notes" / "harrow-books.md"), "--no-model") == ""
    )


def test_critique_of_a_text_resume_without_a_model_skips_the_config_and_json_readers():
    """No model: the config file (and its TOML parser) is not read; a .txt resume builds none of
    JSON Resume's models."""
    unneeded = ("assistant.config", "tomllib", "assistant.inputs.resume_json")
    assert heavy_modules(*CRITIQUE_JOB, modules=unneeded) == ""


def test_a_single_command_is_not_slowed_by_the_cycle_collector():
    """The entry point collects cycles every GC_EVERY new objects, not every 700: the start-up's
    long-lived objects were gone through 112 times in one `critique --job` (35 ms)."""
    count = "import gc\nruns = []\n" + (
        'gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(info))'
    )
    assert int(probe(CRITIQUE_JOB, "COLLECTIONS", "len(runs)", setup=count)) <= 2


def test_the_collection_at_exit_leaves_out_the_commands_objects():
    """The entry point freezes what is alive when the command ends: Python's last collection
    over them took ~0.1 s of a 0.3-0.4 s command (docs/performance.md, session 44)."""
    frozen = probe(CRITIQUE_JOB, "FROZEN", "__import__('gc').get_freeze_count()")
    assert int(frozen) > 10_000
