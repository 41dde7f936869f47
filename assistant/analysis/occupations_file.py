"""ESCO's occupations as the compact file assistant/data/occupations.tsv holds them (derived
by scripts/derive_occupations.py): each occupation's label, Rebound's family, its ISCO group and
all its labels. Read by the classifier (occupation.py) and by the keyword gap, which reads a
resume's title lines by them (keywords.py), so it sits below both and imports neither."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.paths import data_path

OCCUPATIONS_FILE = "occupations.tsv"


@dataclass(frozen=True)
class Occupation:
    label: str
    family: str
    isco: str
    labels: str  # ' ' + all its labels, lowercase, ' '


@lru_cache(maxsize=1)
def occupations() -> tuple[Occupation, ...]:
    rows = []
    text = data_path(OCCUPATIONS_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        label, family, isco, labels = line.split("\t")
        rows.append(Occupation(label, family, isco, f" {labels} "))
    return tuple(rows)
