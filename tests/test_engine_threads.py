"""The default thread count: one per physical core that is free, between 1 and 8."""

from __future__ import annotations

import pytest

from assistant.engine import llama


@pytest.fixture
def machine(monkeypatch):
    def set_machine(cores: int, busy: int) -> int:
        monkeypatch.setattr(llama, "physical_cores", lambda: cores)
        monkeypatch.setattr(llama, "busy_cpus", lambda: busy)
        return llama.default_threads()

    return set_machine


@pytest.mark.parametrize("cores, busy, threads", [
    (2, 0, 2),   # an idle laptop: every core
    (2, 1, 1),   # a compile on one core: leave it that core
    (2, 7, 1),   # a saturated machine: still one thread
    (16, 0, 8),  # many cores: capped
])
def test_threads_fit_the_free_physical_cores(machine, cores, busy, threads):
    assert machine(cores, busy) == threads


def test_a_backend_follows_the_load_unless_the_config_fixes_threads(machine, embedded_model_path):
    adaptive, fixed = llama.LlamaBackend(embedded_model_path), llama.LlamaBackend(embedded_model_path, n_threads=3)
    assert machine(2, 0) == adaptive.n_threads == 2
    assert machine(2, 5) == adaptive.n_threads == 1
    assert fixed.n_threads == 3


def test_the_machine_is_read_without_error():
    assert 1 <= llama.physical_cores() <= llama.os.cpu_count()
    assert llama.busy_cpus() >= 0
