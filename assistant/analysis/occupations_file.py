"""ESCO's occupations as the compact file assistant/data/occupations.tsv holds them (derived
by scripts/derive_occupations.py): each occupation's label, Rebound's family, its ISCO group and
all its labels. Read by the classifier (occupation.py) and by the keyword gap, which reads a
resume's title lines by them (keywords.py), so it sits below both and imports neither."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

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


# Words that end two or more of ESCO's occupation labels without naming a person ("help desk",
# "ICT systems ...", "head of ...", "v-belt ..."): the labels' head words that are no role.
_NOT_PEOPLE = frozenset("desk general head ict it model school systems v-belt".split())


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """The words a person's role ends in, read off ESCO's occupation labels (their last word, in
    labels without "of", "for" and the like): "guide" (museum guide), "assistant", "nurse",
    "electrician", "mechanic", "supervisor", "clerk". A word that ends a single label counts
    only in a person's form (-er, -or, -ist): one label alone ends in "analysis" or "security"."""
    from collections import Counter

    from assistant.analysis.lexicon import person_word

    joining = {"for", "of", "in", "and", "or", "to", "with"}
    ends = Counter(
        words[-1] for o in occupations() if (words := o.label.split()) and not joining & set(words)
    )
    return frozenset(
        w for w, n in ends.items() if (n >= 2 or person_word(w)) and w not in _NOT_PEOPLE
    )


def role_head(word: str) -> Optional[str]:
    """The word, in lower case and in the singular, where it is one ESCO's roles end in
    (role_heads): "mechanic" of "mechanics"; None where it is none."""
    word, heads = word.lower(), role_heads()
    if word in heads:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in heads else None


def role_name(term: str) -> bool:
    """Whether a term of two or more words names a role ("Museum Guide", "Registered Nurse",
    "Helicopter Mechanics", "Recreation Assistant"): its last word, in the singular, is a word
    ESCO's roles end in (role_head)."""
    words = term.split()
    return len(words) >= 2 and role_head(words[-1]) is not None
