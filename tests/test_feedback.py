"""The feedback email: the prompt the model gets, the guard's decisions, the fallback, the CLI."""

from __future__ import annotations

import json

import pytest

from assistant.engine.fake import FakeBackend
from assistant.inputs.notes import parse_notes, read_notes
from assistant.tasks.feedback import FeedbackRequest, draft_feedback
from tests.helpers.paths import FIXTURES
from tests.helpers.samples import GOOD_SENTENCE, HARROW, large_email


def request(path=HARROW, **kw) -> FeedbackRequest:
    return FeedbackRequest(notes=read_notes(path), **kw)


def test_template_draft_has_every_part_the_advice_asks_for():
    result = draft_feedback(request())
    body = result.body
    assert result.generation.source == "template" and result.recipient == "hiring-manager"
    assert body.startswith("Dear Priya,")
    assert "Harrow Books" in body and "2 November" in body
    assert "spring catalogue launch" in body  # the one specific detail
    assert "feedback on my interview" in body  # the ask, once
    assert body.count("feedback") == 1
    assert "future roles" in body  # the door left open
    assert body.rstrip().endswith("Jordan Rivera")
    assert len(body.split()) < 150
    assert all(c.passed for c in result.generation.checks), result.generation.checks


def test_recruiter_variant_asks_what_the_hiring_team_said():
    result = draft_feedback(request(FIXTURES / "notes" / "northwind-recruiter.md"))
    assert result.recipient == "recruiter"
    assert "If the hiring team shared any feedback" in result.body
    assert all(c.passed for c in result.generation.checks)
    # The recruiter was not in the interview: the detail is the interview's, not "our conversation".
    assert "One part of the interview has stayed with me: the SQL exercise" in result.body
    assert "our conversation" not in result.body


def test_the_model_gets_the_notes_facts_and_its_sentence_is_used():
    backend = FakeBackend([GOOD_SENTENCE])
    result = draft_feedback(request(), backend)
    assert result.generation.source == "model" and result.generation.model == "fake"
    assert GOOD_SENTENCE in result.body
    ((messages, options),) = backend.calls
    last = messages[-1]["content"]
    assert last == "Interviewer: Priya. Detail: the plans for the spring catalogue launch."
    assert options.stop == ["\n"] and options.max_tokens <= 80


@pytest.mark.parametrize(
    "bad, failing",
    [
        (
            "Thank you, Priya Natarajan, for our chat with Marcus about the spring catalogue launch.",
            "no-unknown-names",
        ),
        (
            "Thank you, Priya Natarajan, for the 45 minutes on the spring catalogue launch.",
            "no-new-numbers",
        ),
        (
            "Thank you, [Name], for our conversation about the spring catalogue launch.",
            "no-placeholders",
        ),
        (
            "Thank you, Priya Natarajan, for our conversation about the tour of the robotics lab.",
            "grounded-words",
        ),
        (
            "Please, please reconsider me for the spring catalogue launch role!!",
            "no-begging-or-pressure",
        ),
        ("DaisyD DaisyD DaisyD DaisyD", "no-loops"),
        (
            "Thank you for the interview. I loved the spring catalogue launch. It was great.",
            "one-sentence",
        ),
    ],
)
def test_the_guard_rejects_a_bad_sentence_and_the_template_is_used(bad, failing):
    backend = FakeBackend([bad, bad])
    result = draft_feedback(request(), backend)
    assert result.generation.source == "template"
    assert failing in result.generation.notice
    assert bad not in result.body
    seeds = [opts.seed for _, opts in backend.calls]
    assert len(seeds) == 2 and seeds[1] == seeds[0] + 1  # one retry with another seed


def test_a_retry_that_passes_is_used():
    backend = FakeBackend(["Thank you, Marcus, for the robotics lab.", GOOD_SENTENCE])
    result = draft_feedback(request(), backend)
    assert result.generation.source == "model" and GOOD_SENTENCE in result.body
    assert len(backend.calls) == 2


LONG = (
    "Since our meeting I have been reflecting on the role and on everything the team described, from "
    "the way campaigns are planned across seasons to how the designers and editors share their drafts, "
    "and I keep returning to the idea that careful planning makes creative work calmer and better. "
    "In my current position I have tried to apply that lesson by keeping a shared calendar, writing "
    "short briefs before each project, and asking colleagues for their views early rather than late, "
    "which has made our newsletters clearer and our launches smoother than before. "
)


def test_a_large_model_writes_the_whole_body_under_the_same_guard():
    backend = FakeBackend([large_email()], parameters=7_000_000_000)
    result = draft_feedback(request(), backend)
    assert result.generation.source == "model" and result.body == large_email()
    assert "Write the email now." in backend.prompts[0]


@pytest.mark.parametrize(
    "draft, failing",
    [
        (large_email(name="Alex"), "signed"),
        (large_email(extra="We met on 14 March 2019. "), "no-new-numbers"),
        (large_email(extra="Sarah Connor from Cyberdyne said hello. "), "no-unknown-names"),
        (large_email().replace("Harrow Books", "the company"), "names-contact-and-company"),
        (large_email(extra=LONG), "length"),
    ],
)
def test_the_guard_rejects_a_bad_email_from_a_large_model(draft, failing):
    result = draft_feedback(request(), FakeBackend([draft, draft], parameters=7_000_000_000))
    assert result.generation.source == "template" and failing in result.generation.notice


def test_template_syntax_in_the_notes_comes_out_literally():
    notes = parse_notes(
        "---\nyour_name: Jo Park\ncompany: Acme {{ 7*7 }}\ncontact_name: Lee Fox\n"
        "highlight: the {% for x in y %} loop talk\n---\n"
    )
    body = draft_feedback(FeedbackRequest(notes=notes)).body
    assert "Acme {{ 7*7 }}" in body and "49" not in body
    assert "the {% for x in y %} loop talk" in body


def test_cli_json_has_the_documented_shape(cli):
    result = cli("feedback", HARROW, "--no-model", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"subject", "body", "recipient", "generation"} <= set(data)
    assert set(data["generation"]) == {"source", "model", "checks", "notice"}
    assert data["generation"]["source"] == "template" and data["generation"]["model"] is None
    assert all({"code", "passed", "detail"} <= set(c) for c in data["generation"]["checks"])


def test_cli_uses_the_fake_backend_and_reports_the_guard(cli, fake_backend):
    fake_backend.queue("Thank you, [Name], for the chat.", "Thank you, [Name], for the chat.")
    result = cli("feedback", HARROW, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["generation"]["source"] == "template"
    assert "no-placeholders" in result.stderr  # one dim line saying which checks failed


def test_cli_flags_fill_missing_facts_and_missing_ones_are_named(cli, tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("---\ncompany: Acme\n---\n## What went well\n- the data pipeline demo\n")
    missing = cli("feedback", notes, "--no-model")
    assert (
        missing.exit_code == 2
        and "no contact name" in missing.stderr
        and "--contact" in missing.stderr
    )
    ok = cli(
        "feedback", notes, "--no-model", "--contact", "Lee Fox", "--your-name", "Jo Park", "--json"
    )
    assert ok.exit_code == 0 and "Dear Lee," in json.loads(ok.stdout)["body"]


def test_cli_out_never_overwrites_without_force(cli, tmp_path):
    out = tmp_path / "draft.txt"
    out.write_text("my own words\n")
    refused = cli("feedback", HARROW, "--no-model", "--out", out)
    assert refused.exit_code == 2 and "already exists" in refused.stderr
    assert out.read_text() == "my own words\n"
    forced = cli("feedback", HARROW, "--no-model", "--out", out, "--force")
    assert forced.exit_code == 0 and out.read_text().startswith("Subject: Thank you")


def test_cli_rejects_an_unknown_recipient(cli):
    result = cli("feedback", HARROW, "--no-model", "--recipient", "ceo")
    assert result.exit_code == 2 and "'hiring-manager', 'recruiter'" in result.output
