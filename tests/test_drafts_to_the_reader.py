"""Issue 17: drafts a career coach would sign. Note shorthand becomes a sentence to the reader or
is left out; the reader is the right person, greeted and thanked as who they are; the guard
refuses what is wrong (and the record lists each refusal); piped output is plain text, --eml a
mail client's draft; the other moments (reply, thanks, reapply)."""

from __future__ import annotations

import email
import json
from email import policy

import pytest

from assistant.analysis.detail import Reader, read_item
from assistant.engine.fake import FakeBackend
from assistant.inputs.notes import parse_notes
from assistant.tasks.feedback import FeedbackRequest, draft_feedback
from assistant.tasks.network import NetworkRequest, draft_network_note
from assistant.tasks.recruiter import draft_recruiter_update

DENISE = Reader("Denise Okafor")
PEOPLE = ["Denise Okafor", "Ravi Shah", "Kofi Mensah"]


@pytest.mark.parametrize(
    "item, reader, sentence",
    [
        # a person + a past verb, and a fragment that goes on with a verb
        (
            "Denise liked my audit story, asked how I got the HCAs on board",
            DENISE,
            "I was glad that you liked my audit story and asked how I got the HCAs on board.",
        ),
        # the same note to someone else: Denise stays in the third person
        (
            "Denise liked my audit story",
            Reader("Ravi Shah", at_company=False),
            "I was glad that Denise liked my audit story.",
        ),
        # "their" team is the reader's own when they work there
        (
            "Denise walked me through the migration of their ledger service",
            DENISE,
            "I appreciated it when you walked me through the migration of your ledger service.",
        ),
        # a noun phrase with a verdict, and a second fragment left out
        (
            "group exercise on window displays went well, I kept the group to time",
            DENISE,
            "I especially enjoyed the group exercise on window displays.",
        ),
        (
            "Denise's plans for the new clinic",
            DENISE,
            "I especially enjoyed hearing about your plans for the new clinic.",
        ),
        # talking with someone, in shorthand
        (
            "Denise + me on data contracts, good chat",
            DENISE,
            "I especially enjoyed our conversation about data contracts.",
        ),
        (
            "talked w/ Denise re: their brunch menu",
            DENISE,
            "I especially enjoyed our conversation about your brunch menu.",
        ),
        # a pronoun goes on from the name before it
        (
            "site tour with Denise, she showed me the new scanner",
            DENISE,
            "I appreciated it when you showed me the new scanner.",
        ),
        # a non-native "explained me X" shape
        (
            "Denise explained me the HACCP plans",
            DENISE,
            "I appreciated it when you explained the HACCP plans to me.",
        ),
    ],
)
def test_note_shapes_become_sentences_to_the_reader(item, reader, sentence):
    assert read_item(item, reader, PEOPLE).sentence() == sentence


@pytest.mark.parametrize(
    "item",
    [
        "Denise was very interest about my thesis",  # grammar the rules cannot read
        "we discuss the platform they are build",
        "latte art ok",
        "Denise watched",  # too little to say
        "kids engaged",
    ],
)
def test_notes_no_rule_can_read_are_left_out(item):
    assert read_item(item, DENISE, PEOPLE) is None


NOTES = """---
your_name: Niamh Kelly
company: St Brigid's Hospital
role: Ward Sister
contact_name: Denise Okafor
contact_role: hiring manager
recruiter_name: Ravi Shah
interview_date: 2026-10-20
---
## People I met
- Denise Okafor, hiring manager
- Ravi Shah, recruiter (Medics Direct)

## What went well
- Denise liked my sepsis bundle audit story, asked how I got the HCAs on board
"""


def notes(text: str = NOTES):
    return parse_notes(text, "st-brigids.md")


def test_the_draft_speaks_to_the_reader_and_never_pastes_the_note():
    result = draft_feedback(FeedbackRequest(notes=notes()))
    assert result.body.startswith("Dear Denise,")
    assert "you liked my sepsis bundle audit story and asked how I got" in result.body
    assert "Denise liked" not in result.body and ", asked" not in result.body
    assert all(c.passed for c in result.generation.checks), result.generation.checks


def test_recipient_recruiter_greets_the_recruiter_not_the_contact():
    result = draft_feedback(FeedbackRequest(notes=notes(), recipient="recruiter"))
    assert result.body.startswith("Dear Ravi,") and result.to == "Ravi Shah"
    assert result.recruiter_type == "agency"  # "recruiter (Medics Direct)": another firm
    assert "putting me forward" in result.body
    assert "Denise liked my sepsis bundle audit story" in result.body  # she is not the reader


def test_to_names_a_person_from_the_notes_by_any_form_of_their_name():
    result = draft_feedback(FeedbackRequest(notes=notes(), to="ravi"))
    assert result.recipient == "recruiter" and result.body.startswith("Dear Ravi,")


def test_an_in_house_recruiter_is_not_thanked_for_putting_you_forward():
    text = NOTES.replace("recruiter (Medics Direct)", "talent acquisition partner")
    for result in (
        draft_feedback(FeedbackRequest(notes=notes(text), recipient="recruiter")),
        draft_recruiter_update(notes(text)),
    ):
        assert result.recruiter_type == "in-house"
        assert "putting me forward" not in result.body


def test_recruiter_type_in_the_notes_wins_and_aliases_read():
    text = NOTES.replace(
        "recruiter_name: Ravi Shah", "recruiter_name: Ravi Shah\nrecruiter_type: internal"
    )
    assert notes(text).recruiter_type == "in-house"
    assert draft_recruiter_update(notes(text)).recruiter_type == "in-house"


def test_the_guard_refuses_thanking_the_wrong_person_and_lists_each_refusal():
    wrong = "Thank you, Ravi, for arranging the interview about the sepsis bundle audit story."
    result = draft_feedback(FeedbackRequest(notes=notes()), FakeBackend([wrong, wrong]))
    assert result.generation.source == "template"
    refused = [c for c in result.generation.checks if not c.passed]
    assert {c.code for c in refused} >= {"addresses-the-reader"}
    assert [c.detail.split(":")[0] for c in refused if c.code == "addresses-the-reader"] == [
        "refused attempt 1 (seed 42)",
        "refused attempt 2 (seed 43)",
    ] or all("refused attempt" in c.detail for c in refused)
    assert "thanks Ravi" in result.generation.notice


def test_the_guard_keeps_a_good_sentence_with_a_possessive_name_and_a_word_form():
    good = "Thank you for asking how I got the HCAs on board for the sepsis bundle audit at St Brigid's."
    result = draft_feedback(FeedbackRequest(notes=notes()), FakeBackend([good]))
    assert result.generation.source == "model", result.generation.notice
    assert good in result.body


def test_a_sentence_naming_the_reader_in_the_third_person_is_refused():
    bad = "Thank you for the interview, where Denise liked my sepsis bundle audit story."
    result = draft_network_note(NetworkRequest(notes=notes()), FakeBackend([bad, bad]))
    assert result.generation.source == "template"
    assert "third person" in result.generation.notice


@pytest.mark.parametrize(
    "kind, words",
    [
        ("reply", "Thank you for letting me know"),
        ("thanks", "Thank you for taking the time to meet me on 20 October"),
    ],
)
def test_the_other_moments_are_drafts_that_pass_the_guard(kind, words):
    result = draft_feedback(FeedbackRequest(notes=notes(), kind=kind))
    assert words in result.body and result.body.startswith("Dear Denise,")
    assert "feedback" not in result.body.lower()
    assert all(c.passed for c in result.generation.checks), result.generation.checks


def test_reapply_says_what_changed_in_the_users_words(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text(NOTES)
    missing = cli("feedback", path, "--kind", "reapply", "--no-model")
    assert missing.exit_code == 2 and "--changed" in missing.stderr
    ok = cli(
        "feedback",
        path,
        "--kind",
        "reapply",
        "--changed",
        "I completed my sepsis lead course",
        "--no-model",
        "--json",
    )
    assert ok.exit_code == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert "Since then, I completed my sepsis lead course." in data["body"]
    assert all(c["passed"] for c in data["generation"]["checks"])


def test_piped_output_is_plain_text(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text(NOTES)
    for args in (["feedback"], ["recruiter"], ["network"], ["network", "--channel", "email"]):
        result = cli(*args, path, "--no-model")
        assert result.exit_code == 0, result.stderr
        assert not set("╭╮╰╯│─") & set(result.stdout), result.stdout
        if args[0] != "recruiter":  # to Ravi, "Denise liked my story" is right
            assert "Denise liked" not in result.stdout
    email_out = cli("feedback", path, "--no-model", "--plain").stdout
    assert email_out.startswith("Subject: ") and email_out.rstrip().endswith("Niamh Kelly")


def test_eml_opens_as_a_draft_and_is_never_overwritten(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text(
        NOTES.replace("contact_role:", "contact_email: denise@example.org\ncontact_role:")
    )
    eml = tmp_path / "draft.eml"
    result = cli("feedback", path, "--no-model", "--eml", eml)
    assert result.exit_code == 0, result.stderr
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].addr_spec == "denise@example.org"
    assert msg["To"].addresses[0].display_name == "Denise Okafor"
    assert msg["Subject"].startswith("Thank you, and a request for feedback")
    body = msg.get_content()
    assert body.startswith("Dear Denise,") and "St Brigid's Hospital" in body
    before = eml.read_bytes()
    again = cli("feedback", path, "--no-model", "--eml", eml, "--kind", "reply")
    assert again.exit_code == 2 and "--force" in again.stderr and eml.read_bytes() == before
    forced = cli("feedback", path, "--no-model", "--eml", eml, "--kind", "reply", "--force")
    assert forced.exit_code == 0 and eml.read_bytes() != before


def test_eml_is_for_emails_only(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text(NOTES)
    result = cli("network", path, "--no-model", "--eml", tmp_path / "x.eml")
    assert result.exit_code == 2 and "--channel email" in result.stderr
    assert not (tmp_path / "x.eml").exists()


def test_to_a_person_not_in_the_notes_is_one_error_line(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text(NOTES)
    result = cli("feedback", path, "--no-model", "--to", "Bob")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Denise Okafor, Ravi Shah" in result.stderr


def test_the_echo_check_does_not_flag_the_tools_own_rewrite():
    own = "I was glad that you liked my sepsis bundle audit story and asked how I got the HCAs on board."
    backend = FakeBackend([own])
    result = draft_network_note(NetworkRequest(notes=notes()), backend)
    assert own in backend.prompts[0]  # the prompt holds the rewrite, and the model may repeat it
    assert result.generation.source == "model", result.generation.notice


def test_an_interviewer_who_did_not_decide_is_not_thanked_for_the_decision(cli, tmp_path):
    text = NOTES.replace("- Ravi Shah,", "- Kofi Mensah, senior nurse\n- Ravi Shah,")
    result = draft_feedback(FeedbackRequest(notes=notes(text), to="Kofi"))
    assert result.body.startswith("Dear Kofi,") and result.recipient == "hiring-manager"
    assert "your decision" not in result.body and "the team's decision" in result.body
    assert "I was glad that Denise liked my sepsis bundle audit story" in result.body
    assert all(c.passed for c in result.generation.checks), result.generation.checks
