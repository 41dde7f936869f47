"""The model options every command takes, as one settings object (below select and the backends,
so both may import it)."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant.choices import BackendKind


class EngineSettings(BaseModel):
    """The model options every command takes."""

    model_config = ConfigDict(extra="forbid")

    model: Optional[str] = None
    no_model: bool = False
    backend: Optional[BackendKind] = None
    base_url: Optional[str] = None
    model_name: Optional[str] = None
    allow_remote: bool = False
    model_always: bool = False  # ask the model whatever its `models --check` figures say
