"""`rebound debrief`: the interactive debrief writes notes that read_notes() reads back, never
overwrites a file, and appends rounds keeping the original bytes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.inputs.notes import Person, parse_notes, read_notes
from assistant.tasks.debrief import Debrief, QuestionAsked, Round, render_notes
from tests.helpers.paths import FIXTURES
from tests.helpers.samples import ANSWERS, ROUND_2, feed


def json_out(stdout: str) -> dict:
    """The JSON object on stdout (the test runner also echoes the typed answers there)."""
    return json.loads(stdout[stdout.index("{\n") :])


def test_the_debrief_is_read_back_by_read_notes(cli, tmp_path):
    out = tmp_path / "notes.md"
    result = cli("debrief", "--out", out, "--json", input=feed(ANSWERS))
    assert result.exit_code == 0, result.stderr
    notes = read_notes(out)
    assert (notes.your_name, notes.company, notes.role) == (
        "Jordan Rivera",
        "Harrow Books",
        "Marketing Coordinator",
    )
    assert notes.interview_date == dt.date(2026, 11, 2) and notes.rejection_date == dt.date(
        2026, 11, 12
    )
    assert notes.people == [
        Person(name="Priya Natarajan", role="hiring manager"),
        Person(name="Mary-Jane Ross", role="talent recruiter"),
    ]
    assert (notes.contact_name, notes.contact_role) == ("Priya Natarajan", "hiring manager")
    assert (
        notes.recruiter_name == "Mary-Jane Ross"
    )  # offered as the default: a person met who recruits
    assert notes.struggled_questions == ["Tell me about a time you managed a campaign budget."]
    assert notes.questions_asked == [
        "Tell me about a time you managed a campaign budget. \u2014 struggled: I had no example ready",
        "Why do you want to work in publishing? \u2014 went well",
    ]
    assert notes.went_well == ["The newsletter portfolio landed well"]
    assert notes.went_wrong == ["Rambled on the prioritisation question"]
    assert notes.next_steps == "They will keep my details on file for the spring round"
    assert json_out(result.stdout)["notes"] == json.loads(
        notes.model_dump_json()
    )  # --json is the notes as read back


def test_the_other_commands_read_what_debrief_wrote(cli, tmp_path):
    out = tmp_path / "notes.md"
    cli("debrief", "--out", out, input=feed(ANSWERS))
    feedback = cli("feedback", out, "--no-model", "--json")
    assert feedback.exit_code == 0 and "Priya" in json.loads(feedback.stdout)["body"]
    recruiter = cli("recruiter", out, "--no-model", "--json")
    assert recruiter.exit_code == 0 and json.loads(recruiter.stdout)["body"].startswith(
        "Hi Mary-Jane,"
    )


@pytest.mark.parametrize(
    "bad, says", [("last tuesday", "not a date"), ("2999-01-01", "is in the future")]
)
def test_a_bad_date_is_asked_again(cli, tmp_path, bad, says):
    out = tmp_path / "notes.md"
    answers = ANSWERS[:3] + [bad] + ANSWERS[3:]
    result = cli("debrief", "--out", out, input=feed(answers))
    assert result.exit_code == 0, result.stderr
    assert says in result.stderr and read_notes(out).interview_date == dt.date(2026, 11, 2)


def test_input_that_ends_early_writes_nothing(cli, tmp_path):
    out = tmp_path / "notes.md"
    result = cli("debrief", "--out", out, input=feed(ANSWERS[:5]))
    assert result.exit_code == 2 and "nothing was written" in result.stderr and not out.exists()
    out.write_bytes(b"---\ncompany: Acme\n---\n")
    result = cli("debrief", "--out", out, "--append", input=feed(ROUND_2[:3]))
    assert result.exit_code == 2 and out.read_bytes() == b"---\ncompany: Acme\n---\n"


def test_an_existing_file_is_never_overwritten(cli, tmp_path):
    out = tmp_path / "notes.md"
    out.write_bytes(b"my own notes\n")
    result = cli("debrief", "--out", out, input=feed(ANSWERS))
    assert result.exit_code == 2 and "--append" in result.stderr
    assert "Your name" not in result.stderr  # refused before asking anything
    assert out.read_bytes() == b"my own notes\n"


def test_the_default_file_is_named_after_company_and_date(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("debrief", input=feed(ANSWERS)).exit_code == 0
    assert read_notes(tmp_path / "harrow-books-2026-11-02.md").company == "Harrow Books"
    again = cli("debrief", input=feed(ANSWERS))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_append_adds_rounds_and_keeps_the_original_bytes(cli, tmp_path):
    out = tmp_path / "notes.md"
    original = (FIXTURES / "notes" / "harrow-books.md").read_bytes()
    out.write_bytes(original)
    first = cli("debrief", "--out", out, "--append", "--json", input=feed(ROUND_2))
    assert first.exit_code == 0, first.stderr
    data = out.read_bytes()
    assert data.startswith(original) and b"\n## Round 2 (2026-11-20)\n" in data
    notes = read_notes(out)
    assert Person(name="Tom Okafor", role="senior designer") in notes.people
    assert "Good rapport with Tom" in notes.went_well and notes.went_well[0].startswith(
        "Talked with Priya"
    )
    assert "How would you brief a designer? \u2014 okay" in notes.questions_asked
    assert notes.company == "Harrow Books" and json_out(first.stdout)["round"] == 2
    second = cli("debrief", "--out", out, "--append", input=feed(ROUND_2))
    assert second.exit_code == 0 and out.read_bytes().startswith(data)
    assert b"## Round 3 (2026-11-20)" in out.read_bytes()


def test_append_keeps_windows_line_endings(cli, tmp_path):
    out = tmp_path / "notes.md"
    original = (
        (FIXTURES / "notes" / "northwind-recruiter.md")
        .read_bytes()
        .replace(b"\n", b"\r\n")
        .rstrip(b"\r\n")
    )
    out.write_bytes(original)
    assert cli("debrief", "--out", out, "--append", input=feed(ROUND_2)).exit_code == 0
    data = out.read_bytes()
    assert (
        data.startswith(original)
        and b"\r\n## Round 2" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )


def test_append_refuses_what_it_cannot_append_to(cli, tmp_path):
    assert cli("debrief", "--append", input="").exit_code == 2
    missing = cli("debrief", "--append", "--out", tmp_path / "none.md", input=feed(ROUND_2))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    latin = tmp_path / "latin.md"
    latin.write_bytes("---\ncompany: Caf\u00e9\n---\n".encode("cp1252"))
    result = cli("debrief", "--append", "--out", latin, input=feed(ROUND_2))
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"---\ncompany: [oops\n---\n")
    result = cli("debrief", "--append", "--out", broken, input=feed(ROUND_2))
    assert (
        result.exit_code == 2
        and "YAML" in result.stderr
        and broken.read_bytes() == b"---\ncompany: [oops\n---\n"
    )


_words = st.text(
    st.characters(whitelist_categories=("L", "N", "P", "S"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=12,
)
_line = st.lists(_words, min_size=1, max_size=6).map(" ".join)
_name = st.lists(
    st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=8),
    min_size=1,
    max_size=3,
).map(" ".join)
_role = st.one_of(
    st.none(),
    st.lists(
        st.text(st.characters(whitelist_categories=("Ll",)), min_size=1, max_size=8),
        min_size=1,
        max_size=3,
    ).map(" ".join),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    your_name=_line,
    company=_line,
    role=_line,
    date=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    people=st.lists(st.builds(Person, name=_name, role=_role), max_size=3),
    questions=st.lists(
        st.builds(
            QuestionAsked,
            text=_line,
            went=st.sampled_from(["well", "okay", "struggled"]),
            note=st.one_of(st.just(""), _line),
        ),
        max_size=3,
    ),
    well=st.lists(_line, max_size=3),
    wrong=st.lists(_line, max_size=3),
    next_steps=st.one_of(st.just(""), _line),
)
def test_round_trip_any_answers(
    your_name, company, role, date, people, questions, well, wrong, next_steps
):
    rnd = Round(
        date=date,
        people=people,
        questions=questions,
        went_well=well,
        went_wrong=wrong,
        next_steps=next_steps,
    )
    notes = parse_notes(
        render_notes(Debrief(your_name=your_name, company=company, role=role, round=rnd))
    )
    assert (notes.your_name, notes.company, notes.role, notes.interview_date) == (
        your_name,
        company,
        role,
        date,
    )
    assert notes.people == people
    assert notes.questions_asked == [q.line() for q in questions]
    assert notes.struggled_questions == [q.text for q in questions if q.went == "struggled"]
    assert (notes.went_well, notes.went_wrong) == (well, wrong)
    assert (notes.next_steps or "") == next_steps


def test_people_lines_keep_hyphenated_names():
    notes = parse_notes(
        "## People I met\n- Mary-Jane Ross, recruiter\n- Jean-Luc Picard\n"
        "- Priya Natarajan - hiring manager\n- Tom Okafor (senior designer)\n"
    )
    assert notes.people == [
        Person(name="Mary-Jane Ross", role="recruiter"),
        Person(name="Jean-Luc Picard"),
        Person(name="Priya Natarajan", role="hiring manager"),
        Person(name="Tom Okafor", role="senior designer"),
    ]


def test_stdout_holds_only_the_json_when_it_is_not_the_terminal(tmp_path):
    """click's prompt echoes the space after each question to stdout: `debrief --json > f` must
    still give a file with nothing but the JSON object, and the questions on stderr."""
    import subprocess
    import sys

    from tests.helpers.paths import ROOT

    out = tmp_path / "notes.md"
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "debrief", "--out", str(out), "--json"],
        cwd=ROOT,
        input=feed(ANSWERS),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("{") and json.loads(proc.stdout)["path"] == str(out)
    assert "Your name, as you sign: " in proc.stderr
