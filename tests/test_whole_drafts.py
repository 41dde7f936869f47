"""The whole-draft path (what models of 1B parameters and up are asked for), forced with the
`whole_drafts` setting so that it runs against the real embedded model end to end, and against
the real llama.cpp server (which is treated as large; tests/test_server_backend.py). The guard mostly refuses SmolLM2's whole
drafts: what matters here is that the path runs and the fallback is sound."""

from __future__ import annotations

import json

import pytest

from assistant.config import Config
from assistant.engine.options import FULL_BODY
from assistant.engine.select import open_engine
from assistant.engine.settings import EngineSettings
from tests.helpers.paths import FIXTURES

HARROW = FIXTURES / "notes" / "harrow-books.md"
NORTHWIND = FIXTURES / "notes" / "northwind-recruiter.md"


def test_the_setting_makes_a_small_model_large(embedded_model_path, monkeypatch):
    settings = EngineSettings(model=embedded_model_path)
    assert open_engine(settings, Config()).backend.info().is_small is True
    assert open_engine(settings, Config(whole_drafts=True)).backend.info().is_small is False
    monkeypatch.setenv("REBOUND_WHOLE_DRAFTS", "1")
    assert open_engine(settings, Config()).backend.info().is_small is False
    monkeypatch.setenv("REBOUND_WHOLE_DRAFTS", "0")
    assert open_engine(settings, Config(whole_drafts=True)).backend.info().is_small is True


def test_the_setting_keeps_its_own_check_figures(embedded_model_path):
    from assistant.engine.capability import model_key
    from assistant.engine.llama import LlamaBackend

    slot = model_key(LlamaBackend(embedded_model_path))
    whole = model_key(LlamaBackend(embedded_model_path, whole_drafts=True))
    assert whole == f"{slot}:whole"


@pytest.fixture
def spy(monkeypatch):
    """The options of every generation the llama.cpp backend is asked for."""
    from assistant.engine.llama import LlamaBackend

    asked = []
    original = LlamaBackend._run

    def run(self, calls):
        asked.extend(options for _, options in calls)
        return original(self, calls)

    monkeypatch.setattr(LlamaBackend, "_run", run)
    return asked


@pytest.mark.model
@pytest.mark.parametrize(
    "args",
    [("feedback", HARROW), ("recruiter", NORTHWIND)],
    ids=["feedback", "recruiter"],
)
def test_whole_drafts_from_the_embedded_model_end_to_end(
    cli, spy, monkeypatch, args, embedded_model_path
):
    monkeypatch.setenv("REBOUND_WHOLE_DRAFTS", "1")
    result = cli(*args, "--model", embedded_model_path, "--model-always", "--json")
    assert result.exit_code == 0, result.output
    assert spy and all(
        o.max_tokens == FULL_BODY.max_tokens for o in spy
    )  # whole drafts were asked for
    data = json.loads(result.stdout)
    record = data["generation"]
    refusals = [c for c in record["checks"] if c["detail"].startswith("refused attempt")]
    shown = [c for c in record["checks"] if c not in refusals]
    assert all(c["passed"] for c in shown)  # what is shown passed the guard
    assert not any(c["passed"] for c in refusals)  # each refusal lists a failed check
    if record["source"] == "template":
        assert "the guard refused" in record["notice"] and refusals
    assert data["subject"] and data["body"].strip()


@pytest.mark.model
def test_whole_critique_summary_from_the_embedded_model(cli, spy, monkeypatch, embedded_model_path):
    monkeypatch.setenv("REBOUND_WHOLE_DRAFTS", "1")
    resume = FIXTURES / "resumes" / "weak-marketing-coordinator.txt"
    result = cli("critique", resume, "--model", embedded_model_path, "--model-always", "--json")
    assert result.exit_code == 0, result.output
    assert spy
    data = json.loads(result.stdout)
    assert data["summary"].strip() and data["generation"]["source"] in ("model", "template")


# Against the real llama.cpp server, whose model counts as large, the whole-draft path runs in
# tests/test_server_backend.py (test_feedback_runs_through_a_real_server).
