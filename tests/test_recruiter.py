"""`rebound recruiter`: the update to the recruiter, on the template, the fake model and the guard."""

from __future__ import annotations

import json

import pytest

from assistant.engine.fake import FakeBackend
from assistant.errors import MissingFactError
from assistant.inputs.notes import parse_notes, read_notes
from assistant.tasks.recruiter import draft_recruiter_update, find_recruiter
from tests.helpers.paths import FIXTURES

NORTHWIND = FIXTURES / "notes" / "northwind-recruiter.md"
HARROW = FIXTURES / "notes" / "harrow-books.md"
GOOD_SENTENCE = "I felt the interview went well, especially the SQL exercise on delivery delays."


def test_template_update_carries_the_facts_and_both_asks(cli):
    result = cli("recruiter", NORTHWIND, "--no-model", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    body = data["body"]
    assert data["generation"]["source"] == "template" and data["recruiter"] == "Alex Morgan"
    assert body.startswith("Hi Alex,")
    for fact in (
        "Northwind Logistics",
        "Data Analyst",
        "28 October",
        "10 November",
        "SQL exercise",
    ):
        assert fact in body
    assert "feedback" in body and "roles I should look at next" in body
    assert body.rstrip().endswith("Sam Chen")
    assert all(c["passed"] for c in data["generation"]["checks"])


@pytest.mark.parametrize(
    "role, phrase",
    [
        ("Analyst", "find an Analyst role"),
        ("Data Analyst", "find a Data Analyst role"),
        ("HR Manager", "find an HR Manager role"),
        ("UX Designer", "find a UX Designer role"),
        ("User Researcher", "find a User Researcher role"),
    ],
)
def test_the_role_gets_the_right_article(role, phrase):
    notes = parse_notes(
        f"---\nyour_name: Kim Lee\ncompany: Acme\nrole: {role}\nrecruiter_name: Bo Chan\n---\n"
    )
    assert phrase in draft_recruiter_update(notes).body


@pytest.mark.parametrize(
    "front, expected",
    [
        (
            "recruiter_name: Dana Fox\ncontact_name: Priya Shah\ncontact_role: hiring manager",
            "Dana Fox",
        ),
        ("recruiter: Dana Fox", "Dana Fox"),
        ("contact_name: Alex Morgan\ncontact_role: Recruiter", "Alex Morgan"),
    ],
)
def test_the_recruiter_comes_from_the_notes(front, expected):
    notes = parse_notes(f"---\n{front}\n---\n")
    assert find_recruiter(notes) == expected


def test_the_recruiter_can_be_a_person_met():
    notes = parse_notes(
        "---\ncompany: Acme\n---\n## People I met\n- Kim Lee, engineering lead\n- Mary-Jane Ross, talent recruiter\n"
    )
    assert find_recruiter(notes) == "Mary-Jane Ross"


def test_no_recruiter_is_one_line_naming_the_field(cli):
    result = cli("recruiter", HARROW, "--no-model")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "recruiter_name:" in lines[0] and "--recruiter" in lines[0]
    with pytest.raises(MissingFactError):
        find_recruiter(read_notes(HARROW))


def test_the_flag_names_the_recruiter(cli):
    result = cli("recruiter", HARROW, "--no-model", "--recruiter", "Dana Fox")
    assert result.exit_code == 0, result.stderr
    assert "Hi Dana," in result.stdout and "Harrow Books" in result.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "empty"),
        ("---\ncompany: [unclosed\n---\n", "not valid YAML"),
        ("---\nsalary: 10\n---\n", "unknown front matter key"),
    ],
)
def test_bad_notes_are_one_clear_line(cli, tmp_path, content, message):
    path = tmp_path / "notes.md"
    path.write_text(content)
    result = cli("recruiter", path, "--no-model")
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_role_is_reported(cli, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\nyour_name: Sam\ncompany: Acme\nrecruiter_name: Dana\n---\n")
    result = cli("recruiter", path, "--no-model")
    assert result.exit_code == 2 and "role" in result.stderr


def test_the_model_sentence_goes_in_its_slot(cli, fake_backend):
    fake_backend.queue(GOOD_SENTENCE)
    result = cli("recruiter", NORTHWIND, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["generation"]["source"] == "model" and GOOD_SENTENCE in data["body"]
    prompt = fake_backend.prompts[0]
    assert "SQL exercise on delivery delays" in prompt


@pytest.mark.parametrize(
    "bad",
    [
        "I felt the interview with Jennifer at Google went well.",  # invented names
        "I felt the interview went well, especially [the part you liked].",  # a placeholder
        "I felt the interview went well after 45 minutes of the SQL exercise.",  # a new number
        "Please, please reconsider my application.",  # pleading, not the slot
    ],
)
def test_a_bad_sentence_is_rejected_and_the_template_used(cli, fake_backend, bad):
    fake_backend.queue(bad, bad)
    result = cli("recruiter", NORTHWIND, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["generation"]["source"] == "template" and bad not in data["body"]
    assert "the guard refused" in data["generation"]["notice"] and len(fake_backend.calls) == 2


def test_a_large_model_writes_the_body_and_the_guard_checks_it():
    notes = read_notes(NORTHWIND)
    good = (
        "Hi Alex,\n\nThank you for arranging my interview with Northwind Logistics. I heard on 10 November "
        "that they will not move forward. Did the hiring team share any feedback with you? I would also "
        "value your view on which roles I should look at next, as I am still keen on Data Analyst work.\n\n"
        "Best regards,\nSam Chen"
    )
    big = FakeBackend(parameters=7_000_000_000).queue(good)
    result = draft_recruiter_update(notes, big)
    assert result.generation.source == "model" and result.body == good
    assert result.subject.startswith("Update on the Data Analyst interview")
    no_asks = good.replace("Did the hiring team share any feedback with you?", "").replace(
        "I would also value your view on which roles I should look at next, as I am", "I am"
    )
    big = FakeBackend(parameters=7_000_000_000).queue(no_asks, no_asks)
    result = draft_recruiter_update(notes, big)
    assert (
        result.generation.source == "template"
        and "asks-feedback-and-next-roles" in result.generation.notice
    )


def test_out_writes_the_update_and_never_overwrites(cli, tmp_path):
    out = tmp_path / "update.txt"
    assert cli("recruiter", NORTHWIND, "--no-model", "--out", out).exit_code == 0
    assert out.read_text().startswith("Subject: Update on the Data Analyst interview")
    again = cli("recruiter", NORTHWIND, "--no-model", "--out", out)
    assert again.exit_code == 2 and "already exists" in again.stderr
