"""The server backend against a real OpenAI-compatible server: llama-cpp-python's own, started
here on 127.0.0.1 with the embedded model (the `server` extra of llama-cpp-python)."""

from __future__ import annotations

import json

import pytest

from assistant.engine.openai import OpenAIBackend
from assistant.engine.options import GenerateOptions
from tests.helpers.loopback_servers import llama_cpp_server
from tests.helpers.paths import FIXTURES
from tests.helpers.samples import HARROW

pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def llama_server(embedded_model_path, tmp_path_factory) -> str:
    """`python -m llama_cpp.server` on 127.0.0.1 (never another interface); its API root URL."""
    with llama_cpp_server(embedded_model_path, tmp_path_factory.mktemp("llama-server")) as url:
        yield url


def test_the_backend_streams_a_reply_from_a_real_server(llama_server):
    backend = OpenAIBackend(llama_server)
    pieces = list(
        backend.generate(
            [{"role": "user", "content": "Say hello."}],
            GenerateOptions(max_tokens=12, temperature=0.0),
        )
    )
    assert len(pieces) > 1 and "".join(pieces).strip()


def test_feedback_runs_through_a_real_server(cli, llama_server, monkeypatch):
    """A server's model counts as large: the whole-draft path, against a real llama.cpp server."""
    from assistant.engine.options import FULL_BODY

    sent = []
    payload = OpenAIBackend.payload
    monkeypatch.setattr(
        OpenAIBackend, "payload", lambda self, m, o: sent.append(o) or payload(self, m, o)
    )
    result = cli("feedback", HARROW, "--backend", "openai", "--base-url", llama_server, "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert (
        out["generation"]["model"] == f"the default model at {llama_server}"
    )  # the server backend was used
    assert out["body"].startswith("Dear Priya,") and out["body"].rstrip().endswith("Jordan Rivera")
    if (
        out["generation"]["source"] == "template"
    ):  # the guard refused the small model's whole email: it says why
        assert out["generation"]["notice"].startswith("the guard refused the model's draft")
    assert sent and all(o.max_tokens == FULL_BODY.max_tokens for o in sent)  # whole drafts


def test_critique_runs_through_a_real_server(cli, llama_server):
    resume = FIXTURES / "resumes" / "weak-marketing-coordinator.txt"
    result = cli("critique", resume, "--backend", "openai", "--base-url", llama_server, "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert 0 <= out["score"] <= 100 and out["findings"] and out["rewrites"]
    # it was asked: what the guard refused is said on stderr (and in the record's notice)
    assert out["generation"]["source"] == "model" or "the guard refused" in " ".join(
        result.stderr.split()
    )
