"""Open the backend a command asked for, or none (templates only), with a notice why."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant.config import Config, load_config
from assistant.engine.base import Backend
from assistant.engine.resolve import resolve_model
from assistant.engine.settings import EngineSettings


class Engine(BaseModel):
    """What a command runs on: a backend, or None with the reason shown in one dim line."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    backend: Optional[Backend] = None
    notice: str = ""


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


def open_engine(settings: EngineSettings, config: Optional[Config] = None) -> Engine:
    if settings.no_model:
        return Engine()
    if _override is not None:
        return Engine(backend=_override)
    config = config or load_config()
    kind = settings.backend or config.backend
    if kind == "openai":
        from assistant.engine.openai import open_openai_backend

        return Engine(backend=open_openai_backend(settings, config))
    choice = resolve_model(settings.model, config)
    if choice.path is None:
        return Engine(notice=f"No model found ({choice.reason}): using the built-in templates")
    from assistant.engine.llama import LlamaBackend

    return Engine(backend=LlamaBackend(choice.path, n_threads=config.n_threads))
