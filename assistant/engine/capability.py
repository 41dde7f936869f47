"""Which tasks the current model is worth asking: the one decision every generation path asks.

`rebound models --check` runs each model-using task on the packaged worked examples
(assistant/data/check_examples/) and counts how many of the model's drafts the guard kept. The
result is cached in the user directory (`cache/capability.json`), keyed by the model's identity:
a hash of the GGUF file's size and first 4 MiB (its header: architecture, quantization,
tokenizer), so a model renamed or moved keeps its figures and a different file never borrows
them. Before any check has run, the figures shipped for the embedded SmolLM2
(assistant/data/capability_defaults.json, measured with `rebound models --check`) are used.

A task whose acceptance (kept / tried) is below THRESHOLD is not given to the model: the command
uses its template at once and says so in one notice, and the model is not even loaded. A model
without figures (a new file, a server) is asked. `--model-always`, or `model_always = true` in
the config file, asks the model whatever its figures say."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ValidationError

from assistant.paths import data_path, user_dir

THRESHOLD = 0.5  # at least half of the model's drafts for a task must pass the guard
HEADER_BYTES = 4 * 1024 * 1024
CACHE_FILE = "capability.json"
DEFAULTS_FILE = "capability_defaults.json"
ALWAYS_ENV = "REBOUND_MODEL_ALWAYS"
# The tasks whose text a model may write (plan and debrief are deterministic).
TASKS = ("feedback", "recruiter", "network", "soften", "practice", "critique", "interview")


class TaskFigure(BaseModel):
    kept: int
    tried: int
    seconds: float = 0.0

    @property
    def rate(self) -> Optional[float]:
        return self.kept / self.tried if self.tried else None


class ModelFigures(BaseModel):
    model: str  # the file's name or the server's model, for people reading the cache
    measured_at: str
    tasks: dict[str, TaskFigure]


def file_key(path: str | Path) -> str:
    """A model file's identity: its size and the hash of its first 4 MiB (its header)."""
    p = Path(path)
    size = p.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with p.open("rb") as fh:
        digest.update(fh.read(HEADER_BYTES))
    return f"gguf:{size}:{digest.hexdigest()[:32]}"


def model_key(backend) -> Optional[str]:
    """The identity of a backend's model: a GGUF file's key, or the server and model name; None
    for a backend with no lasting identity (the tests' fake one)."""
    path = getattr(backend, "model_path", None)
    if path:
        try:
            key = file_key(path)
        except OSError:
            return None
        # asked for whole drafts, a small model does another job than the one it was checked on
        return f"{key}:whole" if getattr(backend, "whole_drafts", False) else key
    root = getattr(backend, "root", None)
    if root:
        return f"server:{root}:{getattr(backend, 'model_name', None) or ''}"
    return None


def cache_path() -> Path:
    return user_dir() / "cache" / CACHE_FILE


def _read(path: Path) -> dict[str, ModelFigures]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            try:
                out[key] = ModelFigures.model_validate(value)
            except ValidationError:
                continue  # one damaged entry costs only that model's figures
    return out


def shipped_defaults() -> dict[str, ModelFigures]:
    return _read(data_path(DEFAULTS_FILE))


def figures_for(key: Optional[str]) -> tuple[Optional[ModelFigures], str]:
    """The model's figures and where they come from ('measured' or 'shipped'), or (None, '')."""
    if key is None:
        return None, ""
    measured = _read(cache_path()).get(key)
    if measured is not None:
        return measured, "measured"
    shipped = shipped_defaults().get(key)
    return (shipped, "shipped") if shipped is not None else (None, "")


def save_figures(key: str, model: str, tasks: dict[str, TaskFigure]) -> Path:
    """Store a check's figures for this model (other models' figures stay)."""
    path = cache_path()
    user_dir(create=True)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    table = _read(path)
    table[key] = ModelFigures(
        model=model,
        measured_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        tasks=tasks,
    )
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({k: v.model_dump() for k, v in table.items()}, indent=2) + "\n",
        encoding="utf-8",
    )
    os.replace(tmp, path)
    return path


def always_from_env() -> bool:
    return os.environ.get(ALWAYS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def should_generate(task: str, backend, always: bool = False) -> tuple[bool, str]:
    """(ask the model?, notice). No when the model's measured (or shipped) acceptance for `task`
    is below THRESHOLD, unless `always` (--model-always, `model_always`, REBOUND_MODEL_ALWAYS)."""
    if backend is None:
        return False, ""
    if always or always_from_env() or task not in TASKS:
        return True, ""
    figures, origin = figures_for(model_key(backend))
    figure = figures.tasks.get(task) if figures else None
    if figure is None or figure.rate is None or figure.rate >= THRESHOLD:
        return True, ""
    where = "its check" if origin == "measured" else "the check shipped for it"
    return False, (
        f"the guard kept {figure.kept} of {figure.tried} {task} drafts by {figures.model} in "
        f"{where} (under {THRESHOLD:.0%}), so the model was not asked and the template was used; "
        "--model-always asks it anyway"
    )
