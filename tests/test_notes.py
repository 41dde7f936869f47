"""The notes reader: front matter, sections, overrides, and one clear error for bad notes."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.errors import InputError, MissingFactError
from assistant.inputs.notes import parse_notes, read_notes, with_overrides
from tests.helpers.paths import FIXTURES

NOTES = sorted((FIXTURES / "notes").glob("*.md"))


def test_there_are_realistic_fixture_notes():
    assert len(NOTES) >= 3


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.name)
def test_every_fixture_note_has_the_facts_a_draft_needs(path):
    notes = read_notes(path)
    notes.require("company", "contact_name", "your_name")
    assert notes.went_well and notes.detail()


def test_front_matter_and_sections_are_read():
    notes = read_notes(FIXTURES / "notes" / "harrow-books.md")
    assert notes.your_name == "Jordan Rivera"
    assert notes.company == "Harrow Books"
    assert notes.contact_role == "hiring manager"
    assert notes.interview_date == dt.date(2026, 11, 2)
    assert notes.struggled_questions[0] == "Tell me about a time you managed a campaign budget."
    assert [p.name for p in notes.people] == ["Priya Natarajan", "Tom Okafor"]
    assert notes.people[1].role == "senior designer"
    assert "spring hiring round" in notes.next_steps


def test_key_aliases_colon_headings_and_written_dates():
    notes = read_notes(FIXTURES / "notes" / "fernhill-clinic.md")
    assert notes.interview_date == dt.date(2026, 10, 14)
    assert notes.contact_name == "Dr. Helen Marsh"
    assert len(notes.went_wrong) == 1 and "NHS" in notes.went_wrong[0]
    northwind = read_notes(FIXTURES / "notes" / "northwind-recruiter.md")
    assert northwind.your_name == "Sam Chen" and northwind.contact_name == "Alex Morgan"
    assert "Interview notes" in northwind.free_text


def test_detail_drops_the_verdict():
    notes = parse_notes("## What went well\n- The SQL exercise went well\n")
    assert notes.detail() == "The SQL exercise"


def test_notes_without_front_matter_are_fine():
    notes = parse_notes("Just some thoughts about the interview.\n")
    assert notes.company is None and "thoughts" in notes.free_text


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\ncompany: Acme\n", "no closing '---'"),
        ("---\ncompany: [Acme\n---\n", "not valid YAML at line"),
        ("---\n- a\n- b\n---\n", "must be 'key: value' lines"),
        ("---\ncompnay: Acme\n---\n", "unknown front matter key 'compnay'"),
        ("---\ninterview_date: next Tuesday\n---\n", "is not a date"),
        (
            "---\nyour_name: Jo Park\ncompany: Acme\nyour_name: Jo Parker\n---\n",
            "gives 'your_name' twice \\(again at line 4\\)",
        ),
        # YAML itself reads these as dates, and fails (was an internal error, exit 70)
        (
            "---\ninterview_date: 2026-02-30\n---\n",
            "a date that does not exist .*day is out of range",
        ),
        ("---\nrejection_date: 2026-13-01\n---\n", "a date that does not exist"),
        ("---\npeople: [5]\n---\n", "people.0: should be an object, not a number$"),
    ],
)
def test_malformed_front_matter_is_one_clear_error(text, message):
    with pytest.raises(InputError, match=message):
        parse_notes(text, "notes.md")


def test_missing_fact_names_the_field_and_how_to_add_it():
    with pytest.raises(MissingFactError, match="no company: add `company: Acme`.*--company"):
        parse_notes("---\nyour_name: A B\n---\n").require("your_name", "company")


@pytest.mark.parametrize("args", [("--company", "   "), ("--your-name", " "), ("--contact", "\t")])
def test_a_blank_flag_or_value_is_a_missing_fact_not_a_crash(cli, args):
    """`--company "   "` used to end in an internal error (exit 70) while the draft was built."""
    for command in ("feedback", "recruiter"):
        result = cli(command, FIXTURES / "notes" / "northwind-recruiter.md", "--no-model", *args)
        if command == "recruiter" and args[0] == "--contact":
            continue  # the recruiter update is not addressed to the contact
        assert result.exit_code == 2, (command, args, result.output)
        assert (
            result.stderr.startswith("rebound: error: the notes have no ")
            and result.stderr.count("\n") == 1
        )
    assert parse_notes("---\ncompany: '  '\nyour_name: ' Kim Lee '\n---\n").company == ""
    assert parse_notes("---\nyour_name: ' Kim Lee '\n---\n").your_name == "Kim Lee"


def test_missing_name_reads_as_plain_english():
    with pytest.raises(MissingFactError) as caught:
        parse_notes("---\ncompany: Acme\n---\n").require("your_name")
    assert "no your name" not in str(caught.value)
    assert str(caught.value).startswith("the notes have no name to sign with: add `your_name:")


def test_overrides_fill_and_replace_fields():
    notes = with_overrides(
        parse_notes("---\ncompany: Old\n---\n"), company="New", your_name="Kim Ode", role=None
    )
    assert (notes.company, notes.your_name) == ("New", "Kim Ode")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "not readable as UTF-8"),
    ],
)
def test_bad_files_fail_with_one_line_through_the_cli(cli, tmp_path, content, message):
    path = tmp_path / "notes.md"
    path.write_bytes(content)
    result = cli("feedback", path, "--no-model")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output


def test_utf8_bom_and_cp1252_notes_are_read(tmp_path):
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeff---\ncompany: Café Ltd\n---\n".encode("utf-8"))
    assert read_notes(bom).company == "Café Ltd"
    legacy = tmp_path / "legacy.md"
    legacy.write_bytes("---\ncompany: Caf\xe9 \x96 Ltd\n---\n".encode("latin-1"))
    assert read_notes(legacy).company == "Café – Ltd"
