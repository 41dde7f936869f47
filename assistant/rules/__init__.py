"""The one rule shape and the one rule engine.

Every family of checks in Rebound (resume checks, desperation signals, feedback signals, answer
signals, the draft guard and the task guards) is a `RuleSet` of `Rule`s of the same shape: a stable
kebab-case `code`, a `message`, a `suggestion`, a `severity` (its level) and a `weight`, a `category`, the `find`
function that returns where the rule fires, and the rule's own should-flag and should-pass
examples beside it (and should-hint ones for a rule that reports its borderline cases as hints: a
`Hit` with the severity "hint", shown apart from the findings, never a top fix). A rule set is a
plain tuple listed in its module (nothing registers itself by being imported);
`assistant.rules.catalog.ALL_RULE_SETS` lists every set once, and one meta-test
(tests/test_rules.py) walks them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, NamedTuple, Optional, TypeVar, Union

from pydantic import BaseModel, Field

from assistant import regex

Severity = Literal["error", "warning", "info", "hint"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2, "hint": 3}
# A hint: evidence in the band where a careful reader goes either way (a bullet a few words over
# the line, a bracketed place name). It keeps its rule's code, is shown apart under "Worth a
# look", costs half a firm finding's price in the score (analysis/score.py HINT_PRICE) and is
# never among the top fixes.
HINT: Severity = "hint"
CODE = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EXCERPT_CHARS = 100

S = TypeVar("S")  # what a rule set's rules read: a resume, a message, a draft with its facts


class Hit(NamedTuple):
    """Where a rule fires. Every field is optional: a draft rule knows no section or line."""

    section: str = ""
    line: Optional[int] = None
    excerpt: str = ""
    detail: str = ""  # replaces the rule's message when the hit needs its own words
    start: Optional[int] = None  # character span in the text the rule read, when it has one
    end: Optional[int] = None
    severity: Optional[Severity] = None  # HINT for a borderline case; None: the rule's own


class Finding(BaseModel):
    """One rule firing once: the one result shape of every rule set (`rebound critique --json`
    shows it as it is; the character span is for the code that maps a finding back to the text)."""

    code: str
    severity: Severity = "warning"
    message: str
    section: str = ""
    line: Optional[int] = None
    excerpt: str = ""
    suggestion: str = ""
    start: Optional[int] = Field(None, exclude=True)
    end: Optional[int] = Field(None, exclude=True)

    @property
    def is_hint(self) -> bool:
        return self.severity == HINT


def firm(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that are not hints: what the score prices and the top fixes choose from."""
    return [f for f in findings if not f.is_hint]


def hints(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_hint]


class CheckResult(BaseModel):
    """A rule's verdict on one text: its code, whether the text passed, and why (a guard rule says
    why even when the text passes: '12 words (allowed 5-40)'). The generation record lists these."""

    code: str
    passed: bool
    detail: str = ""


class Draft(NamedTuple):
    """What a guard rule reads: the text a model wrote, and the facts it is checked against."""

    text: str
    facts: Any


@dataclass(frozen=True)
class Rule(Generic[S]):
    code: str
    message: str
    find: Callable[[S], Iterable[Hit]]
    should_flag: tuple[Any, ...] = ()
    should_pass: tuple[Any, ...] = ()
    should_hint: tuple[Any, ...] = ()  # examples it reports only as hints (no firm finding)
    suggestion: str = ""
    severity: Severity = "warning"
    weight: int = 0
    category: str = ""
    judge: Optional[Callable[[S], CheckResult]] = None  # a verdict with its detail (guard rules)

    def __post_init__(self) -> None:
        if not CODE.fullmatch(self.code):
            raise ValueError(f"rule code {self.code!r} is not kebab-case")

    def verdict(self, subject: S) -> CheckResult:
        if self.judge is not None:
            return self.judge(subject)
        hits = self.hits(subject)
        return CheckResult(
            code=self.code, passed=not hits, detail=(hits[0].detail or self.message) if hits else ""
        )

    def hits(self, subject: S) -> list[Hit]:
        return list(self.find(subject))

    def run(self, subject: S) -> list[Finding]:
        return [
            Finding(
                code=self.code,
                severity=hit.severity or self.severity,
                message=hit.detail or self.message,
                suggestion=self.suggestion,
                section=hit.section,
                line=hit.line,
                excerpt=excerpt(hit.excerpt),
                start=hit.start,
                end=hit.end,
            )
            for hit in self.hits(subject)
        ]


def _same(example: Any) -> Any:
    return example


@dataclass(frozen=True)
class RuleSet(Generic[S]):
    """A named, ordered set of rules, and how an example (usually a string) becomes what the rules
    read (`subject`: a resume parsed from the text, a draft with the set's example facts, ...)."""

    name: str
    rules: tuple[Rule[S], ...]
    subject: Callable[[Any], S] = field(default=_same)
    strict_pass: bool = False  # a should-pass example must raise no rule of the set at all

    def __post_init__(self) -> None:
        codes = [r.code for r in self.rules]
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise ValueError(f"rule set {self.name}: duplicate codes {sorted(dupes)}")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)

    def rule(self, code: str) -> Rule[S]:
        for r in self.rules:
            if r.code == code:
                return r
        raise KeyError(code)

    def run(self, subject: S, codes: Optional[Iterable[str]] = None) -> list[Finding]:
        """Every finding of every rule (or of the rules `codes` names), rule by rule."""
        wanted = None if codes is None else set(codes)
        return [f for r in self.rules if wanted is None or r.code in wanted for f in r.run(subject)]

    def verdicts(self, subject: S) -> list[CheckResult]:
        """One verdict for every rule, passed or not (what a guard reports)."""
        return [r.verdict(subject) for r in self.rules]

    def flags(self, rule: Rule[S], example: Any) -> bool:
        """Does `rule` fire on `example` (as the set reads it)?"""
        return bool(rule.hits(self.subject(example)))

    def misjudged(self, rule: Rule[S], example: Any, expect: Union[bool, str]) -> list[str]:
        """What is wrong with how the set judges one of `rule`'s examples ([] when right):
        `expect` True for a should-flag example (a firm finding), HINT for a should-hint one
        (hints only), False for a should-pass one (nothing at all)."""
        subject = self.subject(example)
        if rule.judge is not None and rule.judge(subject).code != rule.code:
            return [f"{rule.code}: its judge reports {rule.judge(subject).code!r}"]
        hits = rule.hits(subject)
        firm_hits = [h for h in hits if h.severity != HINT]
        if expect == HINT:
            if firm_hits:
                return [f"{rule.code} flags it firmly, not as a hint"]
            return [] if hits else [f"{rule.code} gives no hint"]
        if expect:
            return [] if firm_hits else [f"{rule.code} does not flag it (firmly)"]
        others = self.rules if self.strict_pass else (rule,)
        return [f"{r.code} flags it" for r in others if r.hits(subject)]


def judged(
    code: str,
    judge: Callable[[Any], CheckResult],
    should_flag: tuple[Any, ...],
    should_pass: tuple[Any, ...],
    message: str = "",
    **fields: Any,
) -> Rule:
    """A rule made of a check that gives a verdict (the guard's checks): it fires when the verdict
    fails, and its findings say the verdict's detail."""

    def find(subject: Any) -> list[Hit]:
        result = judge(subject)
        return [] if result.passed else [Hit(detail=result.detail)]

    return Rule(
        code=code,
        message=message or code.replace("-", " "),
        find=find,
        judge=judge,
        should_flag=should_flag,
        should_pass=should_pass,
        severity=fields.pop("severity", "error"),
        category=fields.pop("category", "guard"),
        **fields,
    )


def on_facts(check: Callable[[str, Any], CheckResult]) -> Callable[[Draft], CheckResult]:
    """A guard check `check(text, facts)` as a judge of a `Draft`."""
    return lambda d: check(d.text, d.facts)


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then in the order of the text."""
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.line if f.line is not None else 0)
    )


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "\u2026"
