"""Desperation analysis: find pleading, pressure, over-apology, ... in a message, score it 0-100
and give it a level. Deterministic; the signals, their phrases and examples are data
(assistant/data/tone_signals.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.phrases import PhrasePattern
from assistant.paths import read_data

Level = Literal["calm", "needy", "desperate"]
LEVELS: tuple[Level, ...] = Level.__args__  # in order, calm first
SIGNALS_FILE = "tone_signals.yaml"
# A code found again adds half its weight, up to twice its weight in all.
REPEAT_FACTOR, MAX_FACTOR = 0.5, 2.0


class PatternDef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regex: str
    case_sensitive: bool = False


class SignalDef(BaseModel):
    """One signal: its code, weight, what it costs and what to do, how to find it, examples."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    code: str = Field(pattern=r"^[a-z]+(?:-[a-z]+)*$")
    weight: int = Field(ge=1, le=100)
    message: str
    suggestion: str
    replacement: list[str] = []  # calm sentences that replace a flagged sentence (none: drop it)
    phrases: list[str] = []
    patterns: list[PatternDef] = []
    ignore_words: list[str] = []
    flag: list[str] = []
    pass_: list[str] = Field([], alias="pass")


class Signal(BaseModel):
    code: str
    excerpt: str
    start: int
    end: int
    message: str
    suggestion: str


class ToneReport(BaseModel):
    score: int
    level: Level
    signals: list[Signal]


class _Registry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    levels: dict[str, int]
    classes: dict[str, list[str]]
    signals: list[SignalDef]


class _Compiled:
    def __init__(self, definition: SignalDef, classes: dict[str, list[str]]):
        self.definition = definition
        self.patterns = [PhrasePattern(p, classes) for p in definition.phrases]
        self.patterns += [
            re.compile(p.regex, 0 if p.case_sensitive else re.IGNORECASE)
            for p in definition.patterns
        ]
        self.ignore = {w.lower() for w in definition.ignore_words}

    def spans(self, text: str, ignore: set[str]) -> list[tuple[int, int]]:
        found = []
        lowered = text.lower()
        for pattern in self.patterns:
            for m in (
                pattern.finditer(text, lowered)
                if isinstance(pattern, PhrasePattern)
                else pattern.finditer(text)
            ):
                tokens = {t.lower() for t in re.findall(r"[\w'\u2019]+", m.group(0))}
                if m.end() > m.start() and not (tokens and tokens <= self.ignore | ignore):
                    found.append((m.start(), m.end()))
        return _merge(found)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    return _Registry.model_validate(read_data(SIGNALS_FILE))


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Compiled, ...]:
    reg = _registry()
    return tuple(_Compiled(d, reg.classes) for d in reg.signals)


def signal_defs() -> list[SignalDef]:
    """Every signal definition, in the data file's order (that order is also the rewrite's)."""
    return list(_registry().signals)


def signal_def(code: str) -> SignalDef:
    return next(d for d in _registry().signals if d.code == code)


def calm_table() -> list[str]:
    """Every calm sentence a rewrite may put in for a flagged one, in the registry's order."""
    return [r for d in _registry().signals for r in d.replacement]


def find_signals(text: str, names: Iterable[str] = ()) -> list[Signal]:
    """Every signal in the text, by position. Words of `names` (a company in capitals) are no shouting."""
    ignore = {w.lower() for n in names if n for w in re.findall(r"[\w'\u2019]+", n)}
    signals = []
    for compiled in _compiled():
        d = compiled.definition
        for start, end in compiled.spans(text, ignore):
            signals.append(
                Signal(
                    code=d.code,
                    excerpt=text[start:end],
                    start=start,
                    end=end,
                    message=d.message,
                    suggestion=d.suggestion,
                )
            )
    return sorted(signals, key=lambda s: (s.start, s.end))


def score_signals(signals: list[Signal]) -> int:
    counts: dict[str, int] = {}
    for s in signals:
        counts[s.code] = counts.get(s.code, 0) + 1
    weights = {d.code: d.weight for d in _registry().signals}
    total = sum(
        weights[c] * min(MAX_FACTOR, 1 + REPEAT_FACTOR * (n - 1)) for c, n in counts.items()
    )
    return min(100, round(total))


def level_for(score: int) -> Level:
    levels = _registry().levels
    if score >= levels["desperate"]:
        return "desperate"
    return "needy" if score >= levels["needy"] else "calm"


def analyze(text: str, names: Iterable[str] = ()) -> ToneReport:
    signals = find_signals(text, names)
    score = score_signals(signals)
    return ToneReport(score=score, level=level_for(score), signals=signals)
