"""Usage errors are one line on stderr with exit 2, like bad input; help still shows as help."""

from __future__ import annotations

import pytest

from tests.helpers.paths import FIXTURES

NOTES = str(FIXTURES / "notes" / "harrow-books.md")


@pytest.mark.parametrize(
    "args, says",
    [
        (["feedback", NOTES, "--recipient", "boss"], "Invalid value for '--recipient'"),
        (["feedback"], "Missing argument 'NOTES'"),
        (["feedback", NOTES, "--notes", NOTES], "give the notes once"),
        (["feedback", NOTES, "--no-such-flag"], "No such option: --no-such-flag"),
        (["feedbak"], "No such command 'feedbak'"),
        (["interview", "--job", NOTES, "-n", "0", "--no-model"], "'-n' / '--count'"),
    ],
)
def test_a_usage_error_is_one_line(cli, args, says):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("rebound: error:") and result.stderr.count("\n") == 1
    assert says in result.stderr and "--help" in result.stderr
    assert result.stdout == ""


def test_help_is_still_help(cli):
    result = cli("--help")
    assert result.exit_code == 0 and "feedback" in result.stdout and result.stderr == ""
    bare = cli()
    assert (
        "Usage: " in bare.output
        and "COMMAND" in bare.output
        and "rebound: error" not in bare.output
    )


def test_notes_are_given_the_same_way_in_every_command(cli):
    """The NOTES argument and --notes are the same, in every command that reads notes."""
    for command in ("feedback", "recruiter", "network", "plan"):
        by_argument = cli(command, NOTES, "--no-model", "--json") if command != "plan" else None
        if by_argument is None:
            by_argument = cli(command, NOTES, "--json")
            by_option = cli(command, "--notes", NOTES, "--json")
        else:
            by_option = cli(command, "--notes", NOTES, "--no-model", "--json")
        assert by_argument.exit_code == by_option.exit_code, (command, by_option.stderr)
        assert by_argument.stdout == by_option.stdout, command
    job = str(FIXTURES / "jobs" / "interview-data-analyst.md")
    first = cli("interview", NOTES, "--job", job, "--no-model", "--json")
    second = cli("interview", "--notes", NOTES, "--job", job, "--no-model", "--json")
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_closed_choices_are_listed_in_help(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # each choice list on one line
    assert "hiring-manager|recruiter" in cli("feedback", "--help").stdout
    shown = cli("network", "--help").stdout
    assert "linkedin|email" in shown and "connect|congratulate|update" in shown
    assert "300|200" in shown
    assert "email|call|linkedin" in cli("log", "add", "--help").stdout
    assert "llama|openai" in cli("soften", "--help").stdout
