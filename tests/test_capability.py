"""Per-task capability: the figures `rebound models --check` measures, where they are kept, and
the one decision (assistant/engine/capability.py should_generate) that commands ask before they
load a model."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.engine import capability
from assistant.engine.capability import (
    THRESHOLD,
    TaskFigure,
    figures_for,
    file_key,
    save_figures,
    should_generate,
)
from assistant.engine.fake import FakeBackend
from tests.helpers.paths import FIXTURES

DESPERATE = FIXTURES / "followups" / "desperate" / "01-please-reconsider.txt"


class FileBackend(FakeBackend):
    """The fake backend, with a model file behind it (as LlamaBackend has)."""

    def __init__(self, path, **kw):
        super().__init__(**kw)
        self.model_path = str(path)


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "some-model.gguf"
    path.write_bytes(b"GGUF" + bytes(range(256)) * 40)
    return path


def test_a_task_below_the_threshold_is_not_asked_and_says_why(model_file):
    backend = FileBackend(model_file)
    save_figures(
        file_key(model_file),
        "some-model.gguf",
        {"soften": TaskFigure(kept=0, tried=3), "feedback": TaskFigure(kept=3, tried=3)},
    )
    ask, why = should_generate("soften", backend)
    assert ask is False
    assert "0 of 3" in why and "some-model.gguf" in why and "--model-always" in why
    assert should_generate("feedback", backend) == (True, "")
    assert should_generate("practice", backend) == (True, "")  # not measured: asked


def test_the_threshold_is_inclusive(model_file):
    half = max(1, round(THRESHOLD * 4))
    save_figures(file_key(model_file), "m", {"network": TaskFigure(kept=half, tried=4)})
    assert should_generate("network", FileBackend(model_file))[0] is True
    save_figures(file_key(model_file), "m", {"network": TaskFigure(kept=half - 1, tried=4)})
    assert should_generate("network", FileBackend(model_file))[0] is False


def test_model_always_and_its_environment_variable_override(model_file, monkeypatch):
    save_figures(file_key(model_file), "m", {"soften": TaskFigure(kept=0, tried=3)})
    backend = FileBackend(model_file)
    assert should_generate("soften", backend, always=True) == (True, "")
    monkeypatch.setenv("REBOUND_MODEL_ALWAYS", "1")
    assert should_generate("soften", backend) == (True, "")


def test_the_key_follows_the_file_not_its_name(model_file, tmp_path):
    moved = tmp_path / "elsewhere.gguf"
    shutil.copy(model_file, moved)
    assert file_key(moved) == file_key(model_file)
    changed = tmp_path / "changed.gguf"
    changed.write_bytes(model_file.read_bytes()[:-1] + b"x")
    assert file_key(changed) != file_key(model_file)


def test_a_backend_without_a_file_is_always_asked():
    assert should_generate("soften", FakeBackend()) == (True, "")
    assert should_generate("soften", None)[0] is False


def test_a_damaged_cache_is_ignored_and_rewritten(model_file, rebound_home):
    path = capability.cache_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert figures_for(file_key(model_file)) == (None, "")
    save_figures(file_key(model_file), "m", {"soften": TaskFigure(kept=1, tried=1)})
    assert json.loads(path.read_text())[file_key(model_file)]["tasks"]["soften"]["kept"] == 1


def test_the_shipped_figures_are_for_the_embedded_model(embedded_model_path):
    """The first run, with no cache, goes by figures measured for the embedded SmolLM2."""
    figures, origin = figures_for(file_key(embedded_model_path))
    assert origin == "shipped" and figures is not None
    assert set(figures.tasks) == set(capability.TASKS)
    assert all(f.tried > 0 for f in figures.tasks.values())


def test_soften_with_the_embedded_model_costs_no_model_time(cli, embedded_model_path):
    """The small model's soften rewrites are not kept: the command judges the sentences with the
    model's embeddings, writes nothing with it, says so once, and never loads its writing context."""
    from assistant.engine import llama

    loaded_before = set(llama._LOADED)
    result = cli("soften", DESPERATE, "--model", embedded_model_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["judge"] == "embedding"
    record = data["generation"]
    assert record["source"] == "template" and record["model"]
    assert "not asked to write" in record["notice"]
    assert set(llama._LOADED) == loaded_before  # no writing context was loaded for this command


def test_check_counts_kept_and_tried_per_task():
    """Every draft of a model that writes nothing is refused: kept 0 of every example tried."""
    from assistant.tasks.capability_check import check_task

    result = check_task("soften", FakeBackend())
    assert result.kept == 0 and result.tried == result.examples == 3
    assert len(result.failures) == 3 and all(": " in line for line in result.failures)
    feedback = check_task("feedback", FakeBackend())
    assert feedback.tried == 3 and feedback.kept == 0
    recruiter = check_task("recruiter", FakeBackend())  # only the notes that name a recruiter
    assert 0 < recruiter.examples <= 3


def test_check_counts_what_the_guard_kept():
    """A model whose coaching passes the guard is counted as kept."""
    from assistant.tasks.capability_check import check_task

    coaching = "You explained the range well. Say plainly what the manager gets from it."
    result = check_task("practice", FakeBackend(default=coaching, parameters=3_000_000_000))
    assert result.tried == 2 and result.kept >= 1
    assert len(result.failures) == result.tried - result.kept


def test_models_check_prints_acceptance_per_task(cli, rebound_home, embedded_model_path):
    pytest.importorskip("llama_cpp")
    result = cli("models", "--check", "--task", "feedback", "--task", "soften")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    rows = {words[0]: words for words in lines if words and words[0] in ("feedback", "soften")}
    assert set(rows) == {"feedback", "soften"} and rows["soften"][2] == "kept"
    cache = json.loads(capability.cache_path().read_text())
    entry = cache[file_key(embedded_model_path)]
    assert {"feedback", "soften"} <= set(entry["tasks"])
    assert len(entry["tasks"]) == len(capability.TASKS)  # the other tasks keep shipped figures


test_models_check_prints_acceptance_per_task = pytest.mark.model(
    test_models_check_prints_acceptance_per_task
)


def test_a_bad_task_name_is_refused(cli):
    result = cli("models", "--check", "--task", "poetry")
    assert result.exit_code == 2 and "one of" in result.stderr


def test_a_servers_model_is_checked_and_then_spared(cli, rebound_home):
    """`models --check --base-url` measures a server's model; the figures, kept under the server
    and model name, then keep a task from sending it anything."""
    from tests.helpers.loopback_servers import scripted_server, stream_of

    with scripted_server(stream_of("Sure! Here is a rewrite.")) as (url, script):
        check = cli("models", "--check", "--base-url", url, "--task", "soften", "--json")
        assert check.exit_code == 0, check.output
        report = json.loads(check.stdout)
        assert report["tasks"][0]["kept"] == 0 and report["tasks"][0]["tried"] == 3
        asked = len(script.requests)
        assert asked > 0
        result = cli("soften", DESPERATE, "--backend", "openai", "--base-url", url, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["generation"]["source"] == "template"
        assert len(script.requests) == asked  # nothing was sent for this command
        assert "not asked" in " ".join(result.stderr.split())
        again = cli("soften", DESPERATE, "--backend", "openai", "--base-url", url)
        assert again.exit_code == 0
        forced = cli(
            "soften", DESPERATE, "--backend", "openai", "--base-url", url, "--model-always"
        )
        assert forced.exit_code == 0 and len(script.requests) > asked
