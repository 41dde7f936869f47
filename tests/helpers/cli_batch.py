"""Run many `rebound` command lines in one child process, through the real entry point, and get
back each exit code and the child's peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple, Optional

DRIVER = """
import io, json, resource, sys
from assistant.cli import main
out, runs, stdin, codes = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), []
for args in runs:
    sys.argv, sys.stdin = ["rebound", *args], io.StringIO(stdin.get(args[0], ""))
    try:
        main()
        codes.append(0)
    except SystemExit as exc:
        codes.append(exc.code or 0)
try:  # this process's own peak (ru_maxrss would include the parent's at fork time)
    peak = int(next(ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")).split()[1])
except OSError:  # not Linux
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
open(out, "w").write(json.dumps({"codes": codes, "peak_kb": peak}))
"""


class Batch(NamedTuple):
    codes: Optional[list[int]]  # None: the child died before it finished
    peak_kb: int
    stderr: str


def run_batch(
    runs: list[list[str]],
    folder: Path,
    stdin: Optional[dict[str, str]] = None,
    env: Optional[dict[str, str]] = None,
) -> Batch:
    result = folder / "batch.json"
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(result), json.dumps(runs), json.dumps(stdin or {})],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0 or not result.exists():
        return Batch(None, 0, proc.stderr)
    data = json.loads(result.read_text())
    return Batch(data["codes"], data["peak_kb"], proc.stderr)
