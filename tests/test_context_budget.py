"""Inputs longer than the model's context: the free parts are cut deterministically with a notice;
the task, the user's name and the contact are never cut; nothing crashes."""

from __future__ import annotations

import json

import pytest

from assistant.engine.base import ModelInfo
from assistant.engine.budget import (
    CHARS_PER_TOKEN,
    ELLIPSIS,
    cut_text,
    estimate_tokens,
    fit_to_context,
    prompt_budget,
)
from assistant.engine.fake import FakeBackend
from assistant.engine.options import GenerateOptions
from assistant.errors import InputError
from assistant.inputs.notes import parse_notes
from assistant.tasks.feedback import FeedbackRequest, draft_feedback
from tests.helpers.samples import LONG_NOTES


def build(values: dict) -> list[dict]:
    return [
        {"role": "system", "content": "Write one sentence for Priya Natarajan at Harrow Books."},
        {"role": "user", "content": f"Detail: {values['detail']}\n" + "\n".join(values["points"])},
    ]


def size(messages: list[dict]) -> int:
    return sum(estimate_tokens(m["content"]) for m in messages)


def test_a_prompt_that_fits_is_left_alone():
    fitted = fit_to_context(build, {"detail": "the catalogue", "points": ["a", "b"]}, budget=500)
    assert (
        fitted.cut == []
        and fitted.notice == ""
        and "the catalogue" in fitted.messages[1]["content"]
    )


def test_a_long_prompt_is_cut_to_the_budget_keeping_the_fixed_part():
    cuttable = {"detail": "catalogue " * 3000, "points": [f"point {i} " * 20 for i in range(100)]}
    fitted = fit_to_context(build, cuttable, budget=400)
    assert size(fitted.messages) <= 400
    assert fitted.cut == ["detail", "points"] and "detail, points" in fitted.notice
    assert fitted.messages[0]["content"] == build(cuttable)[0]["content"]  # the task is never cut
    assert "Priya Natarajan" in fitted.messages[0]["content"]
    assert fitted.values["detail"].endswith(ELLIPSIS)
    assert (
        fitted.values["points"][0] == cuttable["points"][0]
    )  # lists keep their first items in order
    assert fit_to_context(build, cuttable, budget=400) == fitted  # deterministic


def test_a_short_field_keeps_all_of_itself_when_a_long_one_is_cut():
    fitted = fit_to_context(
        build, {"detail": "the catalogue", "points": ["word " * 5000]}, budget=300
    )
    assert fitted.values["detail"] == "the catalogue" and fitted.cut == ["points"]


def test_when_even_the_fixed_part_does_not_fit_the_error_is_clear():
    with pytest.raises(InputError, match="too long for the model's context"):
        fit_to_context(build, {"detail": "x", "points": []}, budget=5, what="notes.md")


def test_cut_text_cuts_at_a_word_and_marks_the_cut():
    assert cut_text("short", 10) == "short"
    cut = cut_text("the plans for the spring catalogue launch", 20)
    assert len(cut) <= 20 and cut.endswith(ELLIPSIS) and cut == "the plans for the" + ELLIPSIS


def test_the_budget_leaves_room_for_the_reply():
    info = ModelInfo(backend="llama", name="m", context_length=2048)
    assert prompt_budget(info, GenerateOptions(max_tokens=300)) < 2048 - 300
    assert (
        prompt_budget(ModelInfo(backend="openai", name="m"), GenerateOptions(max_tokens=60)) > 1000
    )


@pytest.mark.parametrize("parameters", [135_000_000, 7_000_000_000], ids=["sentence", "email"])
def test_feedback_with_notes_longer_than_the_context_cuts_them_and_keeps_the_names(parameters):
    notes = parse_notes(LONG_NOTES, "long.md")
    backend = FakeBackend(parameters=parameters)
    result = draft_feedback(FeedbackRequest(notes=notes), backend)
    budget = prompt_budget(
        backend.info(), GenerateOptions(max_tokens=backend.calls[0][1].max_tokens)
    )
    for messages, _ in backend.calls:
        assert size(messages) <= budget
        prompt = "\n".join(m["content"] for m in messages)
        if parameters < 1e9:  # the slot names the contact as the email greets them
            assert "Interviewer: Priya." in prompt
        else:
            assert "Priya Natarajan" in prompt and "Jordan Rivera" in prompt
    assert "shortened highlight, went_well" in result.generation.notice
    assert result.body.startswith("Dear Priya,") and result.body.rstrip().endswith("Jordan Rivera")
    again = FakeBackend(parameters=parameters)
    draft_feedback(FeedbackRequest(notes=notes), again)
    assert again.prompts == backend.prompts  # the same notes give the same prompt


def test_estimates_are_conservative_for_english():
    text = "Thank you for the conversation about the spring catalogue launch at Harrow Books."
    assert estimate_tokens(text) == -(-len(text) // CHARS_PER_TOKEN) and estimate_tokens(
        text
    ) > len(text.split())


@pytest.mark.model
def test_the_real_model_gets_long_notes_cut_and_writes_the_email(cli, tmp_path):
    path = tmp_path / "long.md"
    path.write_text(LONG_NOTES)
    result = cli("feedback", path, "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert (
        "shortened highlight" in out["generation"]["notice"]
        and "shortened highlight" in result.stderr
    )
    assert out["body"].startswith("Dear Priya,") and out["body"].rstrip().endswith("Jordan Rivera")


def test_the_guard_does_not_send_a_prompt_that_cannot_fit_and_says_why():
    from assistant.guard.generate import Ask, generate

    backend = FakeBackend(["never used"])
    messages = [{"role": "user", "content": "word " * 5000}]
    ask = Ask(messages=messages, options=GenerateOptions(max_tokens=60), fallback="the template")
    draft = generate(backend, ask)
    assert draft.text == "the template" and draft.generation.source == "template"
    assert backend.calls == [] and draft.generation.model == "fake"
    assert "too long for the model's context" in draft.generation.notice


def test_a_note_whose_prompt_cannot_be_cut_falls_back_to_its_template(cli, fake_backend, tmp_path):
    path = tmp_path / "long.md"
    path.write_text(LONG_NOTES.replace("role: ", "recruiter_name: Alex Morgan\nrole: "))
    result = cli("network", path)
    assert result.exit_code == 0, result.stderr
    assert "too long for the model's context" in " ".join(result.stderr.split())
    assert fake_backend.calls == []


@pytest.mark.parametrize("command", ["feedback", "recruiter"])
def test_slot_commands_cut_long_notes_and_still_ask_the_model(cli, fake_backend, tmp_path, command):
    path = tmp_path / "long.md"
    path.write_text(LONG_NOTES.replace("role: ", "recruiter_name: Alex Morgan\nrole: "))
    result = cli(command, path)
    assert result.exit_code == 0, result.stderr
    assert "shortened" in " ".join(result.stderr.split())
    assert fake_backend.calls and all(
        len("".join(m["content"] for m in msgs)) < 2048 * 3 for msgs, _ in fake_backend.calls
    )
