"""The offline guarantee: every command runs with the real local model while the network is
blocked for the process, and not one socket is opened (in-process, and in a child process whose
interpreter is guarded from its first line by a sitecustomize.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from network_guard import append_to, block_network
from tests.conftest import FIXTURES
from tests.test_debrief import ANSWERS, feed

NOTES = FIXTURES / "notes"
TESTS = Path(__file__).resolve().parent
JOB = str(FIXTURES / "jobs" / "interview-marketing-coordinator.md")
RESUME = str(FIXTURES / "resumes" / "weak-marketing-coordinator.txt")
STDIN = {"debrief": feed(ANSWERS)}  # what a command reads from standard input
OUT = "{out}"  # a folder of the test's own, for files a command writes

# Every command and subcommand, as a user would run it with the default (local) model.
RUNS: dict[str, list[list[str]]] = {
    "feedback": [["feedback", str(NOTES / "harrow-books.md")]],
    "critique": [["critique", RESUME, "--job", JOB]],
    "plan": [["plan", str(NOTES / "harrow-books.md"), "--resume", RESUME, "--job", JOB]],
    "practice": [["practice", "--job", str(FIXTURES / "jobs" / "interview-data-analyst.md"),
                  "--answers", str(FIXTURES / "answers" / "data-analyst-answers.md"), "-n", "2"]],
    "debrief": [["debrief", "--out", f"{OUT}/debrief.md"]],
    "recruiter": [["recruiter", str(NOTES / "northwind-recruiter.md")]],
    "network": [["network", str(NOTES / "harrow-books.md")]],
    "soften": [["soften", str(FIXTURES / "followups" / "desperate" / "01-please-reconsider.txt")]],
    "interview": [["interview", "--job", str(FIXTURES / "jobs" / "interview-data-analyst.md"),
                   "--resume", str(FIXTURES / "resumes" / "strong-data-analyst.md"), "-n", "3"]],
    "practice": [["practice", "--job", str(FIXTURES / "jobs" / "interview-data-analyst.md"),
                  "--answers", str(FIXTURES / "answers" / "data-analyst-answers.md")],
                 ["practice", "--history"]],
    "log": [["log", "add", "--to", "Priya Natarajan", "--company", "Harrow Books", "--about", "rejection"],
            ["log", "list"]],
    "models": [["models", "--check"]],
    "prompts": [["prompts", "list"], ["prompts", "show", "feedback/system"], ["prompts", "path"]],
}
ALL_RUNS = [args for runs in RUNS.values() for args in runs]


def filled(args: list[str], out: Path) -> list[str]:
    return [a.replace(OUT, str(out)) for a in args]


def registered_commands() -> set[str]:
    from assistant.cli import app

    return set(typer.main.get_command(app).commands)


def test_every_command_is_in_the_offline_runs():
    assert registered_commands() <= set(RUNS), "add the new command to RUNS"


@pytest.fixture
def network_blocked(monkeypatch) -> list[str]:
    attempts: list[str] = []
    block_network(monkeypatch.setattr, attempts.append)
    return attempts


def test_the_guard_blocks_and_records_a_connection(network_blocked):
    import httpx

    with pytest.raises(httpx.ConnectError):
        httpx.get("http://127.0.0.1:9/", trust_env=False)
    assert network_blocked


@pytest.mark.model
@pytest.mark.parametrize("args", ALL_RUNS, ids=lambda a: " ".join(a[:2]))
def test_every_command_runs_with_the_local_model_and_no_network(cli, network_blocked, args, tmp_path):
    result = cli(*filled(args, tmp_path), input=STDIN.get(args[0]))
    assert result.exit_code == 0, result.stderr
    assert network_blocked == []


DRIVER = """
import io, json, sys
from assistant.cli import main
out, runs, stdin, codes = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), []
for args in runs:
    sys.argv, sys.stdin = ["rebound", *args], io.StringIO(stdin.get(args[0], ""))
    try:
        main()
        codes.append(0)
    except SystemExit as exc:
        codes.append(exc.code or 0)
open(out, "w").write(json.dumps(codes))
"""
SITECUSTOMIZE = """
import os, sys
sys.path.insert(0, {tests!r})
from network_guard import append_to, block_network
block_network(setattr, append_to(os.environ["REBOUND_NET_LOG"]))
"""


def run_guarded(tmp_path: Path, code: str, *argv: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Run python code in a child whose interpreter blocks the network from its start."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE.format(tests=str(TESTS)))
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(site), "REBOUND_NET_LOG": str(log)}
    proc = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True,
                          timeout=900, cwd=tmp_path)
    return proc, log


def test_the_child_process_guard_blocks_from_the_first_line(tmp_path):
    proc, log = run_guarded(tmp_path, "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')")
    assert proc.returncode != 0 and "network blocked" in proc.stderr
    assert log.read_text()


@pytest.mark.model
def test_every_command_in_a_child_process_with_the_network_blocked(tmp_path):
    codes_file = tmp_path / "codes.json"
    runs = [filled(args, tmp_path) for args in ALL_RUNS]
    proc, log = run_guarded(tmp_path, DRIVER, str(codes_file), json.dumps(runs), json.dumps(STDIN))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(codes_file.read_text()) == [0] * len(ALL_RUNS), proc.stderr[-2000:]
    assert not log.exists(), log.read_text()
