"""The check registry: each check is a small declarative unit with a stable kebab-case code,
a severity, a message, a suggestion, the subscore it counts against, and a function that
returns hits (where in the resume the problem is)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple, Optional

from pydantic import BaseModel

from assistant.inputs.resume import Resume

Severity = Literal["error", "warning", "info"]
Category = Literal["impact", "clarity", "structure"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
EXCERPT_CHARS = 100


class Hit(NamedTuple):
    section: str
    line: Optional[int] = None
    excerpt: str = ""
    detail: str = ""  # replaces the check's message when the hit needs its own words


class Finding(BaseModel):
    code: str
    severity: Severity
    message: str
    section: str
    line: Optional[int] = None
    excerpt: str = ""
    suggestion: str


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    category: Category
    message: str
    suggestion: str
    find: Callable[[Resume], Iterable[Hit]]

    def run(self, resume: Resume) -> list[Finding]:
        return [
            Finding(
                code=self.code,
                severity=self.severity,
                message=hit.detail or self.message,
                section=hit.section,
                line=hit.line,
                excerpt=excerpt(hit.excerpt),
                suggestion=self.suggestion,
            )
            for hit in self.find(resume)
        ]


REGISTRY: dict[str, Check] = {}


def check(code: str, severity: Severity, category: Category, message: str, suggestion: str):
    """Register the decorated function as the check `code`."""

    def register(find: Callable[[Resume], Iterable[Hit]]) -> Callable[[Resume], Iterable[Hit]]:
        if code in REGISTRY:
            raise ValueError(f"duplicate check code {code}")
        REGISTRY[code] = Check(code, severity, category, message, suggestion, find)
        return find

    return register


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "\u2026"
