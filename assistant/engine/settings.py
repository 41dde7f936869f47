"""The model options every command takes, as one settings object (below select and the backends,
so both may import it)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict


class EngineSettings(BaseModel):
    """The model options every command takes."""

    model_config = ConfigDict(extra="forbid")

    model: Optional[str] = None
    no_model: bool = False
    backend: Optional[Literal["llama", "openai"]] = None
    base_url: Optional[str] = None
    model_name: Optional[str] = None
    allow_remote: bool = False
