"""The models `rebound models pull NAME` can download (assistant/data/model_catalogue.yaml), and
where pulled models live: `models/` in the user directory."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, Field

from assistant.errors import InputError
from assistant.paths import read_data, user_dir

CATALOGUE_FILE = "model_catalogue.yaml"


class CatalogueEntry(BaseModel):
    name: str
    title: str
    repo: str
    file: str
    revision: str = "main"
    size_bytes: int = Field(gt=0)  # exact, as pinned (the hub's figure wins)
    sha256: Optional[str] = Field(None, pattern=r"^[0-9a-f]{64}$")
    licence: str
    parameters: str
    memory_gb: float = Field(gt=0)

    @property
    def memory_bytes(self) -> int:
        return int(self.memory_gb * 1024**3)


def catalogue() -> dict[str, CatalogueEntry]:
    raw = read_data(CATALOGUE_FILE)["models"]
    return {name: CatalogueEntry(name=name, **entry) for name, entry in raw.items()}


def entry(name: str) -> CatalogueEntry:
    models = catalogue()
    found = models.get(name.strip().lower())
    if found is None:
        raise InputError(f"{name}: not in the catalogue; pull one of: {', '.join(sorted(models))}")
    return found


def pulled_dir(create: bool = False) -> Path:
    folder = user_dir(create=create) / "models"
    if create:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def pulled_path(item: CatalogueEntry) -> Path:
    return pulled_dir() / item.file


def partial_path(item: CatalogueEntry) -> Path:
    """Where an unfinished download waits to be resumed."""
    return pulled_dir() / f"{item.file}.part"


def pulled() -> dict[str, Path]:
    """Catalogue names whose file is in the user directory, with its path."""
    return {n: p for n, e in catalogue().items() if (p := pulled_path(e)).is_file()}
