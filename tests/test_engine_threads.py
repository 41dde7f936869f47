"""The thread counts: one per free physical core, 1 to 8; small models write on one."""

from __future__ import annotations

import pytest

from assistant.engine import cores as cores_module
from assistant.engine import llama


@pytest.fixture
def machine(monkeypatch):
    def set_machine(cores: int, busy: int) -> int:
        monkeypatch.setattr(cores_module, "physical_cores", lambda: cores)
        monkeypatch.setattr(cores_module, "busy_cpus", lambda: busy)
        return cores_module.default_threads()

    return set_machine


@pytest.mark.parametrize(
    "cores, busy, threads",
    [
        (2, 0, 2),  # an idle laptop: every core
        (2, 1, 1),  # a compile on one core: leave it that core
        (2, 7, 1),  # a saturated machine: still one thread
        (16, 0, 8),  # many cores: capped
    ],
)
def test_threads_fit_the_free_physical_cores(machine, cores, busy, threads):
    assert machine(cores, busy) == threads


def test_a_small_model_writes_on_one_thread_and_shares_the_prompt(machine, embedded_model_path):
    backend = llama.LlamaBackend(embedded_model_path)  # SmolLM2-135M: small
    machine(8, 0)
    assert backend.threads() == (1, 8)
    machine(8, 5)
    assert backend.threads() == (1, 3)  # asked again: follows the load


def test_threads_from_the_config_are_kept(machine, embedded_model_path):
    machine(8, 0)
    assert llama.LlamaBackend(embedded_model_path, n_threads=3).threads() == (3, 3)


def test_the_machine_is_read_without_error():
    assert 1 <= cores_module.physical_cores() <= cores_module.os.cpu_count()
    assert cores_module.busy_cpus() >= 0
