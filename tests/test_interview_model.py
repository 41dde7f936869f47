"""`rebound interview` and `rebound practice` on the real SmolLM2 model: whatever it writes, only
what the guard accepts is shown."""

from __future__ import annotations

import json

import pytest

from assistant.analysis.words import is_near_duplicate
from tests.helpers.paths import FIXTURES

pytestmark = pytest.mark.model


def test_interview_and_practice_with_the_real_model(cli):
    job = FIXTURES / "jobs" / "interview-practice-administrator.md"
    r = cli(
        "interview",
        "--job",
        job,
        "--notes",
        FIXTURES / "notes" / "fernhill-clinic.md",
        "-n",
        "4",
        "--json",
        "--model-always",  # the figures shipped for SmolLM2 spare it this task: ask it anyway
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["generation"]["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
    questions = data["questions"]
    assert len(questions) == 4 and questions[0]["kind"] == "struggled"
    for i, q in enumerate(questions):
        assert not is_near_duplicate(q["text"], [x["text"] for x in questions[:i]])
        if q["kind"] == "tailored":
            assert q["text"].endswith("?") and q["source_line"] in q["reason"]
    tailored = sum(q["kind"] == "tailored" for q in questions)
    assert tailored + len(data["rejected"]) == 2  # two tries: each kept or dropped with reasons
    assert all(r["failed"] for r in data["rejected"])

    r = cli(
        "practice",
        "--job",
        job,
        "--answers",
        FIXTURES / "answers" / "data-analyst-answers.json",
        "--json",
        "--model-always",
    )
    assert r.exit_code == 0, r.stderr
    reviews = json.loads(r.stdout)["reviews"]
    assert len(reviews) == 2
    for review in reviews:
        assert (
            review["coaching"]
            and review["generation"]["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
        )
        # the embedded model is too small to be asked for coaching: the record says so
        assert review["generation"]["source"] == "template"
        assert "too small" in review["generation"]["notice"]
