"""Usage errors are one line on stderr with exit 2, like bad input; help still shows as help."""

from __future__ import annotations

import pytest

from tests.helpers.paths import FIXTURES

NOTES = str(FIXTURES / "notes" / "harrow-books.md")


@pytest.mark.parametrize(
    "args, says",
    [
        (["feedback", NOTES, "--to", "boss"], "Invalid value for --to"),
        (["feedback"], "Missing argument 'notes'"),
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
