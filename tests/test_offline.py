"""The offline guarantee: every command runs with the real local model while the network is
blocked for the process, and not one socket is opened (in-process, and in a child process whose
interpreter is guarded from its first line by a sitecustomize.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from tests.helpers.cli_batch import run_batch
from tests.helpers.network_guard import block_network
from tests.helpers.paths import FIXTURES, ROOT
from tests.helpers.samples import ANSWERS, feed

NOTES = FIXTURES / "notes"
JOB = str(FIXTURES / "jobs" / "interview-marketing-coordinator.md")
RESUME = str(FIXTURES / "resumes" / "weak-marketing-coordinator.txt")
STDIN = {"debrief": feed(ANSWERS)}  # what a command reads from standard input
OUT = "{out}"  # a folder of the test's own, for files a command writes

# Every command and subcommand, as a user would run it with the default (local) model.
RUNS: dict[str, list[list[str]]] = {
    "feedback": [["feedback", str(NOTES / "harrow-books.md")]],
    "critique": [["critique", RESUME, "--job", JOB]],
    "parse": [["parse", RESUME, "--json"]],
    "plan": [["plan", str(NOTES / "harrow-books.md"), "--resume", RESUME, "--job", JOB]],
    "debrief": [["debrief", "--out", f"{OUT}/debrief.md"]],
    "recruiter": [["recruiter", str(NOTES / "northwind-recruiter.md")]],
    "network": [["network", str(NOTES / "harrow-books.md")]],
    "soften": [["soften", str(FIXTURES / "followups" / "desperate" / "01-please-reconsider.txt")]],
    "interview": [
        [
            "interview",
            "--job",
            str(FIXTURES / "jobs" / "interview-data-analyst.md"),
            "--resume",
            str(FIXTURES / "resumes" / "strong-data-analyst.md"),
            "-n",
            "3",
        ]
    ],
    "practice": [
        [
            "practice",
            "--job",
            str(FIXTURES / "jobs" / "interview-data-analyst.md"),
            "--answers",
            str(FIXTURES / "answers" / "data-analyst-answers.md"),
        ],
        ["practice", "--history"],
    ],
    "log": [
        [
            "log",
            "add",
            "--to",
            "Priya Natarajan",
            "--company",
            "Harrow Books",
            "--about",
            "rejection",
        ],
        ["log", "list"],
    ],
    # `models pull` is the one command that goes online, and only when run: not here
    "models": [
        ["models", "--check", "--task", "feedback"],
        ["models", "list"],
        ["models", "use", "embedded"],
    ],
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
def test_every_command_runs_with_the_local_model_and_no_network(
    cli, network_blocked, args, tmp_path
):
    result = cli(*filled(args, tmp_path), input=STDIN.get(args[0]))
    assert result.exit_code == 0, result.stderr
    assert network_blocked == []


SITECUSTOMIZE = """
import os, sys
sys.path.insert(0, {root!r})
from tests.helpers.network_guard import append_to, block_network
block_network(setattr, append_to(os.environ["REBOUND_NET_LOG"]))
"""


def guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Python blocks the network from its first line; and the log of attempts."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE.format(root=str(ROOT)))
    log = tmp_path / "network.log"
    return {**os.environ, "PYTHONPATH": str(site), "REBOUND_NET_LOG": str(log)}, log


def test_the_child_process_guard_blocks_from_the_first_line(tmp_path):
    env, log = guarded_env(tmp_path)
    code = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0 and "network blocked" in proc.stderr
    assert log.read_text()


@pytest.mark.model
def test_every_command_in_a_child_process_with_the_network_blocked(tmp_path):
    env, log = guarded_env(tmp_path)
    batch = run_batch([filled(args, tmp_path) for args in ALL_RUNS], tmp_path, STDIN, env)
    assert batch.codes == [0] * len(ALL_RUNS), batch.stderr[-2000:]
    assert not log.exists(), log.read_text()
