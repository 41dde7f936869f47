"""ESCO's occupations as the compact file assistant/data/occupations.tsv holds them (derived
by scripts/derive_occupations.py): each occupation's label, Rebound's family, its ISCO group and
all its labels. Read by the classifier (occupation.py) and by the keyword gap, which reads a
resume's title lines by them (keywords.py), so it sits below both and imports neither."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from assistant.paths import cached_data, data_path

OCCUPATIONS_FILE = "occupations.tsv"


class Occupation(NamedTuple):
    label: str
    family: str
    isco: str
    labels: str  # ' ' + all its labels, lowercase, ' '


@lru_cache(maxsize=1)
def occupations() -> tuple[Occupation, ...]:
    # the rows parsed once, then kept in marshal's format: 3 ms where parsing took 12
    return tuple(map(Occupation._make, cached_data(data_path(OCCUPATIONS_FILE), _parse)))


def _parse(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, family, isco, labels = line.split("\t")
        rows.append((label, family, isco, f" {labels} "))
    return rows
