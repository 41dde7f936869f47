"""Desperation analysis: find pleading, pressure, over-apology, ... in a message, score it 0-100
and give it a level. Deterministic; the signals, their phrases and examples are data
(assistant/data/tone_signals.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from assistant import regex
from assistant.analysis.phrases import PhrasePattern
from assistant.paths import read_data
from assistant.rules import Hit, Rule, RuleSet
from assistant.text import normalise, tokens

Level = Literal["calm", "needy", "desperate"]
LEVELS: tuple[Level, ...] = Level.__args__  # in order, calm first
SIGNALS_FILE = "tone_signals.yaml"
# A code found again adds half its weight, up to twice its weight in all.
REPEAT_FACTOR, MAX_FACTOR = 0.5, 2.0


class PatternDef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regex: str
    case_sensitive: bool = False


SHOUTING = "shouting"  # the signal of capitals and runs of ! or ?


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
    # a match counts only when all its words are ordinary words (see `ordinary`): capitals over
    # "NEED" or "PLEASE HELP" are shouting, over "SAP TM", "NMC PIN" or "NBI" a name
    ordinary_words_only: bool = False
    flag: list[str] = []
    pass_: list[str] = Field([], alias="pass")


class ToneSignal(BaseModel):
    """A desperation signal found in a message (a finding of the tone rule set, with its span)."""

    code: str
    excerpt: str
    start: int
    end: int
    message: str
    suggestion: str


class ToneReport(BaseModel):
    score: int
    level: Level
    signals: list[ToneSignal]


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
            regex.compile(p.regex, 0 if p.case_sensitive else re.IGNORECASE)
            for p in definition.patterns
        ]
        self.ignore = _ignored(definition)

    def spans(self, text: str, ignore: set[str]) -> list[tuple[int, int]]:
        found = []
        lowered = text.lower()
        for pattern in self.patterns:
            for m in (
                pattern.finditer(text, lowered)
                if isinstance(pattern, PhrasePattern)
                else pattern.finditer(text)
            ):
                matched = set(tokens(m.group(0)))
                if m.end() > m.start() and (not matched or self._counts(matched - ignore)):
                    if self.definition.ordinary_words_only and _beside_acronym(text, m):
                        continue
                    found.append((m.start(), m.end()))
        return _merge(found)

    def _counts(self, words: set[str]) -> bool:
        """A match of nothing but ignored words is none; with `ordinary_words_only`, a match of
        words counts when every word of it that is not ignored is ordinary."""
        words = words - self.ignore
        if not self.definition.ordinary_words_only:
            return bool(words)
        return bool(words) and all(ordinary(w) for w in words)


# A word is ordinary when pyspellchecker's English counts (the spelling check's dictionary) hold
# its lower case at least this often: "need" 3.6 million times, "please" 675,000, "urgently"
# 2,747, "reply" 7,845; acronyms that are also rare words much less ("cad" 459, "tm" 50, "dc"
# 50, "rn" 50), most not at all (hvac, nbi, osha). A word of the signal's ignore_words is never
# counted (SAP, "sap" 2,919 times).
ORDINARY_COUNT = 1_000


# The word before or after a match, across "and", "or", "&", "/" or a comma ("ACLS and PALS").
_BEFORE = regex.compile(r"\b([A-Za-z][\w-]*)(?:\s*(?:,|/|&)\s*|\s+(?:and|or)\s+)$")
_AFTER = regex.compile(r"^(?:\s*(?:,|/|&)\s*|\s+(?:and|or)\s+)([A-Za-z][\w-]*)\b")
_QUALIFIER = regex.compile(r"\b([A-Z][A-Z0-9&-]*)\s+$")  # an acronym just before, "NSF "
_LOWER_NEXT = regex.compile(r"\s+[a-z]")  # a word in lower case just after, " award"
# a word naming what the capitals are the name of: "my GATE scorecard", "the SHINE programme"
_NAME_HEAD = regex.compile(
    r"\s+(?:score|scores|scorecard|exam|exams|examination|test|certificate|certification|"
    r"programme|program|scheme|award|grant|scholarship|fellowship|result|results|licence|"
    r"license|card|number|portal|form|course|qualification|registration|marks|rank|ranking)\b"
)


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and not ordinary(word)


def _beside_acronym(text: str, m: re.Match) -> bool:
    """Capitals listed with an acronym are a name too: "my ACLS and PALS are current" ("pals" is
    an English word, so alone in capitals it would read as shouting); and so are capitals
    between an acronym and a word in lower case, a name's middle: "my NSF CAREER award", and
    one word in capitals before the kind of thing it names: "my GATE scorecard"."""
    if " " not in m.group(0) and _NAME_HEAD.match(text[m.end() :]):
        return True
    before = _BEFORE.search(text[max(0, m.start() - 40) : m.start()])
    after = _AFTER.search(text[m.end() : m.end() + 40])
    if any(_acronym(found.group(1)) for found in (before, after) if found):
        return True
    qualifier = _QUALIFIER.search(text[max(0, m.start() - 20) : m.start()])
    return bool(qualifier and _acronym(qualifier.group(1)) and _LOWER_NEXT.match(text[m.end() :]))


def ordinary(word: str) -> bool:
    from assistant.checks.speller import speller

    return speller().word_frequency[word.lower()] >= ORDINARY_COUNT


def shouted(word: str) -> bool:
    """A word in capitals that is an ordinary word and not an acronym the shouting signal
    ignores: written in sentence case by the calm version."""
    return (
        len(word) > 1
        and word.isupper()
        and normalise(word) not in _shouting_ignored()
        and ordinary(word)
    )


def _ignored(definition: SignalDef) -> frozenset[str]:
    """A signal's ignore_words as its matches are compared with them."""
    return frozenset(normalise(w) for w in definition.ignore_words)


@lru_cache(maxsize=1)
def _shouting_ignored() -> frozenset[str]:
    return _ignored(signal_def("shouting"))


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


class Message(NamedTuple):
    """What the tone rules read: a message, and names whose words are never a signal (a company
    in capitals is no shouting)."""

    text: str
    names: tuple[str, ...] = ()


def _message(example: str) -> Message:
    return Message(example)


def _rule(compiled: _Compiled) -> Rule[Message]:
    d = compiled.definition

    def find(message: Message) -> list[Hit]:
        ignore = {w for n in message.names if n for w in tokens(n)}
        text = message.text
        return [
            Hit(excerpt=text[start:end], start=start, end=end)
            for start, end in compiled.spans(text, ignore)
        ]

    return Rule(
        code=d.code,
        message=d.message,
        suggestion=d.suggestion,
        weight=d.weight,
        category="tone",
        find=find,
        should_flag=tuple(d.flag),
        should_pass=tuple(d.pass_),
    )


@lru_cache(maxsize=1)
def tone_rules() -> RuleSet[Message]:
    """The desperation signals of assistant/data/tone_signals.yaml as one rule set; a should-pass
    example must raise no signal at all (false alarms are defects)."""
    reg = _registry()
    rules = tuple(_rule(_Compiled(d, reg.classes)) for d in reg.signals)
    return RuleSet("tone", rules, subject=_message, strict_pass=True)


def signal_defs() -> list[SignalDef]:
    """Every signal definition, in the data file's order (that order is also the rewrite's)."""
    return list(_registry().signals)


def signal_def(code: str) -> SignalDef:
    return next(d for d in _registry().signals if d.code == code)


def calm_table() -> list[str]:
    """Every calm sentence a rewrite may put in for a flagged one, in the registry's order."""
    return [r for d in _registry().signals for r in d.replacement]


def find_signals(text: str, names: Iterable[str] = ()) -> list[ToneSignal]:
    """Every signal in the text, by position. Words of `names` (a company in capitals) are no shouting."""
    signals = [
        ToneSignal(
            code=f.code,
            excerpt=text[f.start : f.end],
            start=f.start,
            end=f.end,
            message=f.message,
            suggestion=f.suggestion,
        )
        for f in tone_rules().run(Message(text, tuple(n for n in names if n)))
    ]
    return sorted(signals, key=lambda s: (s.start, s.end))


def score_signals(signals: list[ToneSignal]) -> int:
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
