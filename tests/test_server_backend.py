"""The server backend against a real OpenAI-compatible server: llama-cpp-python's own, started
here on 127.0.0.1 with the embedded model (the `server` extra of llama-cpp-python)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from assistant.engine.openai import OpenAIBackend
from assistant.engine.options import GenerateOptions
from tests.helpers.loopback_servers import LOOPBACK, free_port
from tests.helpers.paths import FIXTURES
from tests.helpers.samples import HARROW

pytestmark = pytest.mark.model
READY_POLLS = 240  # x 0.25 s: the server loads a 93 MB model in about a second


@pytest.fixture(scope="session")
def llama_server(embedded_model_path, tmp_path_factory) -> str:
    """`python -m llama_cpp.server` on 127.0.0.1 (never another interface); its API root URL."""
    import httpx

    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                embedded_model_path,
                "--host",
                LOOPBACK,
                "--port",
                str(port),
                "--n_ctx",
                "2048",
                "--n_threads",
                "2",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://{LOOPBACK}:{port}/v1"
    try:
        for _ in range(READY_POLLS):
            if proc.poll() is not None:
                pytest.fail(
                    f"the llama.cpp server exited ({proc.returncode}): {log.read_text()[-2000:]}"
                )
            try:
                if httpx.get(f"{url}/models", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.25)
        else:
            pytest.fail(f"the llama.cpp server was not ready: {log.read_text()[-2000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_the_backend_streams_a_reply_from_a_real_server(llama_server):
    backend = OpenAIBackend(llama_server)
    pieces = list(
        backend.generate(
            [{"role": "user", "content": "Say hello."}],
            GenerateOptions(max_tokens=12, temperature=0.0),
        )
    )
    assert len(pieces) > 1 and "".join(pieces).strip()


def test_feedback_runs_through_a_real_server(cli, llama_server):
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
