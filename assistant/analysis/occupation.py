"""Which occupation a job ad is for, and so which interview family asks its questions.

Two kinds of evidence, both lexical (no model needed):
- the job title against ESCO's occupation labels (assistant/data/occupations.tsv, derived from
  ESCO, CC BY 4.0, by scripts/derive_occupations.py): the longest run of the title's words that
  is an ESCO label phrase names the occupation, and the ESCO occupations sharing that phrase vote
  for their families;
- the ad's duties and requirements against each family's cue words
  (assistant/data/interview_families.yaml).
The title counts most; the duties decide when the title is ambiguous ("Engineer") or unknown.
A job that fits no family gets `general` and says so. Where an embedding function is given
(the model's embeddings), it breaks a close call between the two best families.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel

from assistant import regex
from assistant.analysis.occupations_file import Occupation, occupations
from assistant.analysis.question_bank import load_families
from assistant.analysis.words import any_phrase

GENERAL = "general"
# What a run of n title words found in ESCO labels weighs, against the duties' cue hits
# (TEXT_WEIGHT in all): one word ("engineer", "officer") says little, two or more
# ("software engineer") say much.
PHRASE_WEIGHT = {1: 0.5, 2: 1.5, 3: 2.5, 4: 3.0}
TEXT_WEIGHT = 3.0  # the duties' share of cue hits (chosen on the tune part of the labelled ads)
CLOSE_CALL = 0.25  # a lead smaller than this over the runner-up is a close call
TITLE_CUE_WEIGHT = 1.0  # each family cue word in the title ("backend", "mechanic"), up to 2
# A lead smaller than this over the runner-up leaves the field unsure: the questions then come
# from the ad's own duties and the general bank, never from a family's bank that may be the wrong
# one. Chosen on the tune part of the labelled ads: its four misclassified ads led by 0.12 to
# 0.29, its right ones from 0.00 (two), then 0.39 up.
UNSURE_MARGIN = 0.35
DUTY_RANKS = 3  # a family not among the duties' three leading ones disagrees with the duties
MIN_TEXT_HITS = 3
MIN_SCORE = 0.3  # less evidence than this (a title word shared by many families) fits none  # fewer cue hits than this in the duties say nothing on their own
MAX_NGRAM = 4

# Words in a title that say nothing about the occupation.
_TITLE_NOISE = frozenset(
    "senior sr junior jr lead staff principal chief head assistant associate deputy trainee "
    "apprentice intern graduate entry level i ii iii iv v remote hybrid contract contractor "
    "full part time fulltime parttime temporary permanent m f h all genders of the and for with "
    "in at to a an".split()
)
_WORD = regex.compile(r"[a-z][a-z0-9+#.]*[a-z0-9+#]|[a-z]")


class RoleMatch(BaseModel):
    """The classifier's answer, with its evidence."""

    family: str
    family_label: str
    occupation: Optional[str] = None  # the ESCO occupation the title matched
    title_phrase: Optional[str] = None  # the words of the title that matched it
    evidence: list[str] = []  # the duty words that pointed to the family
    scores: dict[str, float] = {}
    second_opinion: bool = False  # embeddings decided a close call
    sure: bool = True  # False: the two best families are close, or the duties point elsewhere
    candidates: list[str] = []  # when unsure, the families it could be, best first
    notice: str = ""


@lru_cache(maxsize=32)
def family_cues(family: str):
    cues = load_families()[family].cues
    return any_phrase(cues) if cues else None


def family_label(family: str) -> str:
    return load_families()[family].label


def title_words(title: str) -> list[str]:
    title = re.sub(r"\]\([^)]*\)", " ", title)  # a Markdown link's address
    words = _WORD.findall(title.lower().replace("-", " ").replace("/", " "))
    return [w for w in words if w not in _TITLE_NOISE]


def title_votes(title: str) -> tuple[dict[str, float], list[tuple[tuple, Occupation, str]]]:
    """The families ESCO gives the title's phrases: each run of title words that occurs in ESCO
    labels gives one vote, shared among the families of the occupations that have it, and a
    longer run weighs more (PHRASE_WEIGHT). Also the candidate occupations the title names: for
    a run of two or more words, or one word that is a whole label, its occupations, best first."""
    words = list(dict.fromkeys(title_words(title)))
    votes: dict[str, float] = defaultdict(float)
    candidates: list[tuple[tuple, Occupation, str]] = []
    for n in range(min(MAX_NGRAM, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if n == 1 and len(phrase) < 3:
                continue
            hits = [o for o in occupations() if f" {phrase} " in o.labels]
            for family, count in Counter(o.family for o in hits).items():
                votes[family] += PHRASE_WEIGHT[n] * count / len(hits)
            for o in hits:
                if n == 1 and o.label != phrase:
                    continue
                label_words = set(o.label.split())
                key = (-n, -(o.label == phrase), -len(label_words & set(words)), len(label_words))
                candidates.append((key, o, phrase))
    candidates.sort(key=lambda c: c[0])
    return dict(votes), candidates


def text_shares(text: str) -> tuple[dict[str, float], dict[str, list[str]], int]:
    """Each family's share of the cue hits in the text, the words that hit, and the total."""
    counts: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    for key in load_families():
        pattern = family_cues(key)
        if pattern is None:
            continue
        found = [m.group(0).lower() for m in pattern.finditer(text)]
        if found:
            counts[key] = len(found)
            words[key] = [w for w, _ in Counter(found).most_common(4)]
    total = sum(counts.values())
    return ({k: v / total for k, v in counts.items()} if total else {}), words, total


def title_cue_hits(title: str) -> dict[str, int]:
    """Each family's cue words in the title. Management's (supervisor, coordinator) are left out:
    in a title they qualify another occupation ("plumbing supervisor") more often than name one."""
    title = " ".join(title_words(title))
    out = {}
    for key in load_families():
        if key == "management":
            continue
        pattern = family_cues(key)
        n = len(pattern.findall(title)) if pattern else 0
        if n:
            out[key] = n
    return out


def classify(
    title: Optional[str],
    duties: str,
    embed: Optional[Callable[[Sequence[str]], list[list[float]]]] = None,
) -> RoleMatch:
    """The family of a job from its title and its duties and requirements text."""
    votes, candidates = title_votes(title or "")
    shares, words, hits = text_shares(duties)
    if hits < MIN_TEXT_HITS:
        shares = {}
    scores: dict[str, float] = defaultdict(float)
    for family, v in votes.items():
        if family != GENERAL:
            scores[family] += v
    for family, s in shares.items():
        scores[family] += TEXT_WEIGHT * s
    for family, n in title_cue_hits(title or "").items():
        scores[family] += TITLE_CUE_WEIGHT * min(n, 2)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return RoleMatch(
            family=GENERAL,
            family_label=family_label(GENERAL),
            notice="the job fits none of the occupation families: the questions are general ones",
        )
    best = ranked[0][0]
    second_opinion = False
    if embed is not None and len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CLOSE_CALL:
        best, second_opinion = _closer(embed, f"{title or ''}\n{duties[:2000]}", ranked[:2])
    named = next((c for c in candidates if c[1].family == best), None)
    duty_leaders = sorted(shares, key=lambda k: -shares[k])[:DUTY_RANKS]
    close = len(ranked) > 1 and ranked[0][1] - ranked[1][1] < UNSURE_MARGIN
    disagree = bool(shares) and best not in duty_leaders
    unsure = close or disagree
    others = [k for k, _ in ranked[1:2]] if close else duty_leaders[:1]
    return RoleMatch(
        sure=not unsure,
        candidates=[best, *others] if unsure else [],
        family=best,
        family_label=family_label(best),
        occupation=named[1].label if named else None,
        title_phrase=named[2] if named else None,
        evidence=words.get(best, []),
        scores={k: round(v, 3) for k, v in ranked[:4]},
        second_opinion=second_opinion,
    )


def _closer(embed, text: str, pair: list[tuple[str, float]]) -> tuple[str, bool]:
    """Of two families, the one whose description is nearer the job in embedding space."""
    names = [p[0] for p in pair]
    descriptions = [f"{family_label(n)}: " + ", ".join(load_families()[n].cues[:25]) for n in names]
    try:
        vectors = embed([text, *descriptions])
    except Exception:  # noqa: BLE001 - a model that cannot embed leaves the lexical answer
        return names[0], False
    sims = [cosine(vectors[0], v) for v in vectors[1:]]
    return (names[1], True) if sims[1] > sims[0] else (names[0], True)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The cosine of two vectors (0 when either is all zeros)."""
    dot = sum(x * y for x, y in zip(a, b))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0
