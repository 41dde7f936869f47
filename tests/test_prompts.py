"""Prompt templates: listing, showing, user overrides, and the sandbox."""

from __future__ import annotations

import json

import pytest

from assistant import prompts
from assistant.errors import ReboundError
from assistant.inputs.notes import read_notes
from assistant.tasks.feedback import FeedbackRequest, draft_feedback
from tests.helpers.paths import FIXTURES


def test_list_show_and_path(cli, rebound_home):
    listed = cli("prompts", "list")
    assert listed.exit_code == 0
    for part in ("feedback/system", "feedback/user", "feedback/fallback", "feedback/shots"):
        assert part in listed.stdout
    shown = cli("prompts", "show", "feedback/fallback")
    assert shown.exit_code == 0 and "Best regards" in shown.stdout
    assert cli("prompts", "path").stdout.strip() == str(rebound_home / "prompts")
    bad = cli("prompts", "show", "feedback")
    assert (
        bad.exit_code == 2 and "rebound prompts list" in bad.stderr and bad.stderr.count("\n") == 1
    )
    # every name `prompts list` shows can be shown, the worked examples and the plan layout too
    for name in ("feedback/shots", "plan/markdown"):
        assert name in listed.stdout
        shown = cli("prompts", "show", name)
        assert shown.exit_code == 0 and shown.stdout.strip(), (name, shown.stderr)


def test_a_copy_in_the_user_directory_overrides_the_packaged_one(cli, rebound_home):
    folder = rebound_home / "prompts" / "feedback"
    folder.mkdir(parents=True)
    (folder / "fallback.j2").write_text(
        "Subject: Hello\n\nHi {{ notes.contact_name }} at {{ notes.company }}, any feedback would help. "
        "Thank you for the interview, it was a pleasure to meet you all.\n\nCheers,\n{{ notes.your_name }}\n"
    )
    assert "(your override)" in cli("prompts", "list").stdout
    result = cli("feedback", FIXTURES / "notes" / "harrow-books.md", "--no-model", "--json")
    body = json.loads(result.stdout)["body"]
    assert body.startswith("Hi Priya Natarajan at Harrow Books") and body.endswith("Jordan Rivera")


def test_a_broken_override_is_one_clear_error(cli, rebound_home):
    folder = rebound_home / "prompts" / "feedback"
    folder.mkdir(parents=True)
    (folder / "fallback.j2").write_text("{{ notes.nonexistent_field }}")
    result = cli("feedback", FIXTURES / "notes" / "harrow-books.md", "--no-model")
    assert (
        result.exit_code == 2
        and "prompt template" in result.stderr
        and "nonexistent_field" in result.stderr
    )


def test_the_sandbox_refuses_unsafe_template_code(rebound_home):
    folder = rebound_home / "prompts" / "feedback"
    folder.mkdir(parents=True)
    (folder / "system.j2").write_text("{{ notes.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ReboundError, match="unsafe"):
        prompts.render(
            "feedback", "system", notes=read_notes(FIXTURES / "notes" / "harrow-books.md")
        )


def test_the_small_model_gets_worked_examples_as_chat_turns():
    from assistant.engine.fake import FakeBackend

    backend = FakeBackend(["Thank you."])
    draft_feedback(
        FeedbackRequest(notes=read_notes(FIXTURES / "notes" / "harrow-books.md")), backend
    )
    roles = [m["role"] for m in backend.calls[0][0]]
    assert roles[0] == "system" and roles[-1] == "user" and "assistant" in roles


def test_prompts_commands_take_json(cli, rebound_home):
    listing = json.loads(cli("prompts", "list", "--json").stdout)
    assert listing["override_dir"] == str(rebound_home / "prompts")
    names = [t["name"] for t in listing["templates"]]
    assert "feedback/fallback" in names and names == sorted(names)
    shown = json.loads(cli("prompts", "show", "feedback/fallback", "--json").stdout)
    assert "Best regards" in shown["source"] and shown["override"] is False
    assert (
        json.loads(cli("prompts", "path", "--json").stdout)["override_dir"]
        == listing["override_dir"]
    )
