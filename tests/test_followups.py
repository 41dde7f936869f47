"""The follow-up log: its rules at their edges, the commands, and the store under stress."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest

from assistant.stores.db import db_path
from assistant.stores.followups import Contact, add_contact, advice_for, decide, list_contacts
from tests.helpers.paths import FIXTURES, ROOT

TODAY = dt.date(2026, 11, 21)
WHO, COMPANY = "Priya Natarajan", "Harrow Books"
HARROW = FIXTURES / "notes" / "harrow-books.md"


def _history(*entries: tuple[str, int]) -> list[Contact]:
    """(about, days before TODAY) -> contacts, oldest first."""
    return [
        Contact(
            id=i,
            to=WHO,
            company=COMPANY,
            kind="email",
            about=about,
            date=TODAY - dt.timedelta(days=ago),
        )
        for i, (about, ago) in enumerate(sorted(entries, key=lambda e: -e[1]), 1)
    ]


def test_nothing_logged_is_go():
    advice = decide([], WHO, COMPANY, TODAY)
    assert advice.action == "go" and not advice.reasons


@pytest.mark.parametrize("days,action", [(0, "wait"), (6, "wait"), (7, "go"), (8, "go")])
def test_last_contact_under_seven_days_means_wait(days, action):
    advice = decide(_history(("rejection", 30), ("follow-up", days)), WHO, COMPANY, TODAY)
    assert advice.action == action
    last = TODAY - dt.timedelta(days=days)
    assert advice.last_contact == last
    if action == "wait":
        assert advice.not_before == last + dt.timedelta(days=7)
        assert str(last) in advice.message and str(advice.not_before) in advice.message


def test_the_rejection_itself_does_not_start_the_clock():
    """Asking for feedback the day after a rejection is fine: their message is not yours."""
    assert decide(_history(("rejection", 1)), WHO, COMPANY, TODAY).action == "go"


@pytest.mark.parametrize("follow_ups,action", [(1, "go"), (2, "stop"), (3, "stop")])
def test_two_follow_ups_after_the_rejection_means_stop(follow_ups, action):
    entries = [("rejection", 60)] + [("follow-up", 50 - 10 * i) for i in range(follow_ups)]
    advice = decide(_history(*entries), WHO, COMPANY, TODAY)
    assert advice.action == action
    if action == "stop":
        assert str(TODAY - dt.timedelta(days=60)) in advice.message  # the rejection's date


def test_follow_ups_before_the_rejection_do_not_count():
    advice = decide(
        _history(("follow-up", 90), ("follow-up", 80), ("rejection", 60), ("follow-up", 30)),
        WHO,
        COMPANY,
        TODAY,
    )
    assert advice.action == "go"


def test_a_feedback_request_already_sent_means_stop():
    advice = decide(_history(("rejection", 40), ("feedback-request", 30)), WHO, COMPANY, TODAY)
    assert advice.action == "stop"
    assert str(TODAY - dt.timedelta(days=30)) in advice.message


def test_lookup_ignores_case_and_spacing_and_keeps_people_apart():
    add_contact(WHO, COMPANY, about="feedback-request", date=TODAY, today=TODAY)
    assert advice_for("  priya   NATARAJAN ", "harrow books", today=TODAY).action == "stop"
    assert advice_for("Tom Okafor", COMPANY, today=TODAY).action == "go"
    assert advice_for(WHO, "Other Co", today=TODAY).action == "go"
    assert advice_for(None, COMPANY) is None


@pytest.mark.parametrize(
    "kwargs,error",
    [
        ({"kind": "fax"}, "--kind"),
        ({"about": "hello"}, "--about"),
        ({"to": "  "}, "--to"),
        ({"date": TODAY + dt.timedelta(days=1)}, "future"),
    ],
)
def test_bad_values_are_input_errors(kwargs, error):
    from assistant.errors import InputError

    args = {"to": WHO, "company": COMPANY, "today": TODAY, **kwargs}
    with pytest.raises(InputError, match=error):
        add_contact(**args)


# ---- the commands --------------------------------------------------------------------------


def test_log_add_list_remove(cli):
    added = cli(
        "log",
        "add",
        "--to",
        WHO,
        "--company",
        COMPANY,
        "--about",
        "rejection",
        "--date",
        "2026-11-12",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    first = json.loads(added.stdout)
    assert first["about"] == "rejection" and first["date"] == "2026-11-12"
    assert (
        cli(
            "log", "add", "--to", "Tom Okafor", "--company", "Lindqvist Labs", "--kind", "call"
        ).exit_code
        == 0
    )
    listed = json.loads(cli("log", "list", "--json").stdout)["contacts"]
    assert [c["to"] for c in listed] == [WHO, "Tom Okafor"]
    only = json.loads(cli("log", "list", "--company", "harrow books", "--json").stdout)["contacts"]
    assert [c["id"] for c in only] == [first["id"]]
    assert "Tom Okafor" in cli("log", "list").stdout
    removed = cli("log", "remove", str(first["id"]))
    assert removed.exit_code == 0 and WHO in removed.stdout
    assert [c.to for c in list_contacts()] == ["Tom Okafor"]
    tom = listed[1]["id"]
    removed = cli("log", "remove", str(tom), "--json")  # every command takes --json
    assert removed.exit_code == 0 and json.loads(removed.stdout)["to"] == "Tom Okafor"
    assert list_contacts() == []


@pytest.mark.parametrize(
    "args", [("--to", WHO), ("--company", COMPANY), ("--to", "", "--company", COMPANY)]
)
def test_log_add_without_to_or_company_is_one_error_line(cli, args):
    result = cli("log", "add", *args)
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("rebound: error: --to and --company")
        and result.stderr.count("\n") == 1
    )


@pytest.mark.parametrize(
    "args",
    [
        ("log", "remove", "999"),
        ("log", "remove", "abc"),
        ("log", "add", "--to", WHO),
        ("log", "add", "--to", WHO, "--company", COMPANY, "--date", "yesterday-ish"),
        ("log", "add", "--to", WHO, "--company", COMPANY, "--kind", "pigeon"),
    ],
)
def test_log_bad_usage_is_exit_2(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_soften_shows_the_advice_and_logs_when_asked(cli):
    draft = str(FIXTURES / "followups" / "calm" / "03-single-follow-up.txt")
    args = (
        "soften",
        draft,
        "--no-model",
        "--to",
        "Karen",
        "--company",
        "Fernhill Clinic",
        "--json",
    )
    first = json.loads(cli(*args, "--log").stdout)
    assert first["advice"]["action"] == "go"
    second = json.loads(cli(*args).stdout)
    assert second["advice"]["action"] == "wait"
    assert str(dt.date.today()) in second["advice"]["message"]
    shown = cli(*args[:-1])
    assert "wait" in shown.stdout and str(dt.date.today() + dt.timedelta(days=7)) in " ".join(
        shown.stdout.split()
    )


def test_feedback_log_records_a_feedback_request_and_the_next_run_says_stop(cli):
    first = cli("feedback", str(HARROW), "--no-model", "--json", "--log")
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["advice"]["action"] == "go"
    [contact] = list_contacts()
    assert (contact.to, contact.company, contact.about) == (WHO, COMPANY, "feedback-request")
    second = json.loads(cli("feedback", str(HARROW), "--no-model", "--json").stdout)
    assert second["advice"]["action"] == "stop"
    assert "already asked" in second["advice"]["message"]


# ---- the store -----------------------------------------------------------------------------


def test_the_database_is_owner_only(rebound_home):
    add_contact(WHO, COMPANY)
    mode = stat.S_IMODE(os.stat(db_path("followups")).st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(os.stat(rebound_home).st_mode) & 0o077 == 0


WRITER = """
import sys
from assistant.stores.followups import add_contact
for i in range(int(sys.argv[2])):
    c = add_contact(sys.argv[1], "Concurrent Co", about="follow-up")
    print(c.id, flush=True)
"""


def _writer(name: str, rows: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, name, str(rows)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
    )


def test_concurrent_writers_lose_no_row():
    """Several processes open the fresh store at once (migrating it) and add rows."""
    procs = [_writer(f"writer {n}", 20) for n in range(4)]
    printed = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        printed += [int(line) for line in out.split()]
    contacts = list_contacts(company="Concurrent Co")
    assert len(printed) == len(set(printed)) == 80
    assert sorted(c.id for c in contacts) == sorted(printed)
    assert {c.to for c in contacts} == {f"writer {n}" for n in range(4)}


def test_a_killed_writer_loses_no_committed_row():
    proc = _writer("doomed", 100_000)
    committed = [int(proc.stdout.readline()) for _ in range(30)]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    committed += [int(line) for line in proc.stdout.read().split()]
    stored = {c.id for c in list_contacts(company="Concurrent Co")}
    assert set(committed) <= stored
    assert len(stored) - len(committed) <= 1  # at most the row whose id was not printed yet
    conn = sqlite3.connect(db_path("followups"))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    add_contact("after the crash", "Concurrent Co")  # the store still works
