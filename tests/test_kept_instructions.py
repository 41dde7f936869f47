"""A prompt's fixed part (system prompt and worked examples) may be kept on disk as model state
only when it holds none of the user's text: every call a task marks `cache_instructions` must send
the same fixed part whoever the user is, and the whole-email prompts of bigger models, which name
the user's contacts, must not be marked."""

from __future__ import annotations

import pytest

RUNS = {
    "feedback": [
        ["feedback", "fixtures/notes/harrow-books.md"],
        ["feedback", "fixtures/notes/fernhill-clinic.md"],
    ],
    "recruiter": [
        ["recruiter", "fixtures/notes/northwind-recruiter.md"],
        ["recruiter", "fixtures/notes/harrow-books.md", "--recruiter", "Alex Morgan"],
    ],
    "critique": [
        ["critique", "fixtures/resumes/weak-marketing-coordinator.txt"],
        [
            "critique",
            "fixtures/resumes/registered-nurse.md",
        ],  # the model is asked about its bullets
    ],
    "soften": [
        ["soften", "fixtures/followups/desperate/01-please-reconsider.txt"],
        ["soften", "fixtures/followups/desperate/02-any-update.txt"],
    ],
    "interview": [
        ["interview", "--job", "fixtures/jobs/interview-data-analyst.md"],
        ["interview", "--job", "fixtures/jobs/interview-marketing-coordinator.md"],
    ],
}


def _fixed_parts(cli, fake_backend, args) -> dict[str, list[dict]]:
    """The fixed parts of the calls marked `cache_instructions`, by their system prompt."""
    fake_backend.calls.clear()
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return {
        m[0]["content"]: m[:-1] for m, options in fake_backend.calls if options.cache_instructions
    }


@pytest.mark.parametrize("task", list(RUNS))
@pytest.mark.parametrize("parameters", [135_000_000, 3_000_000_000])
def test_kept_instructions_are_the_same_for_every_user(cli, fake_backend, task, parameters):
    fake_backend.parameters = parameters
    first, second = (_fixed_parts(cli, fake_backend, args) for args in RUNS[task])
    for system in first.keys() & second.keys():  # the same task and mode, two users' inputs
        assert first[system] == second[system]
    if task in ("feedback", "recruiter") and parameters > 1_000_000_000:
        assert not first and not second  # the whole email: its system prompt names the contact
    elif task == "soften" and parameters < 1_000_000_000:
        assert not first and not second  # soften asks a small model to write nothing
    else:
        assert first.keys() & second.keys(), "no fixed part the two runs share"
