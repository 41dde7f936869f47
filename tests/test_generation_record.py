"""Every command that may show model-written text carries the same generation record in --json:
{source, model, checks: [{code, passed, detail}], notice}, with and without a model."""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import FIXTURES

NOTES = FIXTURES / "notes"
JOB = FIXTURES / "jobs" / "interview-data-analyst.md"
RUNS = {
    "feedback": ["feedback", NOTES / "harrow-books.md"],
    "recruiter": ["recruiter", NOTES / "northwind-recruiter.md"],
    "network": ["network", NOTES / "harrow-books.md"],
    "soften": ["soften", FIXTURES / "followups" / "desperate" / "01-please-reconsider.txt"],
    "critique": ["critique", FIXTURES / "resumes" / "weak-marketing-coordinator.txt"],
    "interview": ["interview", "--job", JOB],
    "practice": [
        "practice",
        "--job",
        JOB,
        "--answers",
        FIXTURES / "answers" / "data-analyst-answers.md",
    ],
}
KEYS = {"source", "model", "checks", "notice"}


def _records(data: dict) -> list[dict]:
    """The record(s) in a command's JSON: practice has one per answer."""
    if "reviews" in data:
        return [r["generation"] for r in data["reviews"]]
    return [data["generation"]]


def _check_shape(record: dict) -> None:
    assert set(record) == KEYS
    assert record["source"] in ("model", "template", "rules")
    assert record["notice"] is None or (record["notice"] and "\n" not in record["notice"])
    for check in record["checks"]:
        assert set(check) == {"code", "passed", "detail"}


@pytest.mark.parametrize("command", RUNS)
def test_without_a_model_every_command_says_rebound_wrote_it(cli, command):
    result = cli(*RUNS[command], "--no-model", "--json")
    assert result.exit_code == 0, result.stderr
    for record in _records(json.loads(result.stdout)):
        _check_shape(record)
        assert record["source"] in ("template", "rules") and record["model"] is None


@pytest.mark.parametrize("command", RUNS)
def test_with_a_refused_model_every_command_names_it_and_says_why(cli, fake_backend, command):
    fake_backend.default = "Please [Name], call me at 555-0199 ASAP!!!"  # refused by every guard
    result = cli(*RUNS[command], "--json")
    assert result.exit_code == 0, result.stderr
    records = _records(json.loads(result.stdout))
    for record in records:
        _check_shape(record)
        assert record["model"] == "fake" and record["source"] != "model"
    if fake_backend.calls:  # the model was asked: the refusal is said, the one way
        assert any("the guard refused the model's" in (r["notice"] or "") for r in records)
        assert "the guard refused the model's" in result.stderr
