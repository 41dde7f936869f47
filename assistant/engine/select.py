"""Open the backend a command asked for, or none (templates only), with a notice why."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Optional

from pydantic import BaseModel, ConfigDict

from assistant.engine.base import Backend
from assistant.engine.settings import EngineSettings

if TYPE_CHECKING:  # the config file is read only when a model may run (not with --no-model)
    from assistant.config import Config

WHOLE_DRAFTS_ENV = "REBOUND_WHOLE_DRAFTS"


def whole_drafts(config: Config) -> bool:
    """The whole_drafts setting: REBOUND_WHOLE_DRAFTS=1, else `whole_drafts` in the config file."""
    raw = os.environ.get(WHOLE_DRAFTS_ENV, "").strip().lower()
    if raw:
        return raw in ("1", "true", "yes", "on")
    return config.whole_drafts


class Engine(BaseModel):
    """What a command runs on: a backend, or None with the reason shown in one dim line."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    backend: Optional[Backend] = None
    notice: str = ""
    # why the model was not asked for the command's task (its `models --check` figures): the
    # command says so once, in its generation record's notice where it has one record
    spared: str = ""
    # whether the command's task will have the model write (else the writing context is not
    # loaded up front and no token count is shown: soften with a small model only reads)
    writes: bool = True


_override: Optional[Backend] = None


@contextmanager
def use_backend(backend: Backend) -> Iterator[Backend]:
    """Run commands on this backend (tests register the fake one this way)."""
    global _override
    previous, _override = _override, backend
    try:
        yield backend
    finally:
        _override = previous


def open_engine(
    settings: EngineSettings, config: Optional[Config] = None, task: Optional[str] = None
) -> Engine:
    """The backend for a command; with `task`, None (and a notice) when the model's check figures
    say it is not worth asking for that task (assistant/engine/capability.py), before any load."""
    engine = _open(settings, config)
    if task is None or engine.backend is None:
        return engine
    from assistant.config import load_config
    from assistant.engine.capability import should_generate

    config = config or load_config()
    ask, why = should_generate(
        task, engine.backend, always=settings.model_always or config.model_always
    )
    if ask:
        return engine
    return Engine(spared=why)


def _open(settings: EngineSettings, config: Optional[Config] = None) -> Engine:
    if settings.no_model:
        return Engine()
    if _override is not None:
        return Engine(backend=_override)
    from assistant.config import load_config
    from assistant.engine.resolve import resolve_model

    config = config or load_config()
    kind = settings.backend or config.backend
    if kind == "openai":
        from assistant.engine.openai import open_openai_backend

        return Engine(backend=open_openai_backend(settings, config))
    choice = resolve_model(settings.model, config)
    if choice.path is None:
        return Engine(notice=f"No model found ({choice.reason}): using the built-in templates")
    from assistant.engine.llama import LlamaBackend

    return Engine(
        backend=LlamaBackend(
            choice.path, n_threads=config.n_threads, whole_drafts=whole_drafts(config)
        )
    )
