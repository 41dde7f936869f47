"""What an employer's feedback says, sentence by sentence: a registry of small signals with stable
codes, each with the plan step it leads to. Deterministic (regular expressions on one sentence);
the examples that each code must flag and must pass live in tests/test_feedback_signals.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from assistant.text import sentences

Kind = Literal["concern", "context", "praise"]


@dataclass(frozen=True)
class Signal:
    code: str
    kind: Kind  # concern: something to work on; context: not about you alone; praise: keep doing it
    priority: int  # 1 = first
    action: str  # the plan step
    patterns: tuple[re.Pattern, ...]

    def matches(self, sentence: str) -> bool:
        return any(p.search(sentence) for p in self.patterns)


def _signal(code: str, kind: Kind, priority: int, action: str, *patterns: str) -> Signal:
    return Signal(
        code, kind, priority, action, tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    )


SIGNALS: tuple[Signal, ...] = (
    _signal(
        "skill-gap",
        "concern",
        1,
        "Close the gap they named: learn it with a small project you can show, "
        "and put the evidence on your resume",
        r"\b(?:more|deeper|stronger|hands-on|direct|practical|recent) (?:\w+ )?"
        r"(?:experience|knowledge|exposure|expertise|background)\b",
        r"\black(?:ed|s|ing)?\b",
        r"\b(?:limited|little|no) (?:\w+ )?(?:experience|exposure|knowledge)\b",
        r"\b(?:not|un)familiar with\b",
        r"\bgaps? in\b",
        r"\b(?:experience|knowledge|exposure|skills?) (?:was|were|is|seemed) (?:\w+ )?(?:limited|thin|weak|basic)\b",
        r"\bnot (?:yet )?(?:strong|confident) (?:enough )?(?:in|with|on)\b",
    ),
    _signal(
        "needs-examples",
        "concern",
        1,
        "Prepare two or three STAR stories with a measurable result for the areas they asked about",
        r"\b(?:concrete|specific|real|measurable|tangible|detailed) (?:\w+ )?(?:examples?|results?|outcomes?|evidence)\b",
        r"\bvague\b",
        r"\bmore (?:detail|depth|specifics)\b",
        r"\bquantif\w*",
        r"\btoo (?:general|generic|high-level)\b",
    ),
    _signal(
        "communication",
        "concern",
        1,
        "Practise answering in about two minutes: situation, action, result, then stop",
        r"\bconcise\b",
        r"\bramble\w*",
        r"\b(?:answers?|responses?) (?:were|was) (?:too )?long\b",
        r"\bstructure (?:your|the|their) (?:answers?|responses?|thoughts?)\b",
        r"\bhard to follow\b",
        r"\bcommunicat\w* (?:could|skills|style|more)\b",
        r"\bnervous\b",
        r"\bto the point\b",
    ),
    _signal(
        "company-knowledge",
        "concern",
        2,
        "Before the next interview, research the company: its products, customers and recent news, "
        "and say why them",
        r"\bwhy (?:you wanted|you want|this role|our company|us)\b",
        r"\bresearch(?:ed)? (?:into )?(?:the|our) (?:company|business|product)",
        r"\b(?:knowledge|understanding) of (?:the|our) (?:company|business|products?|customers?|industry|sector)\b",
        r"\bmotivation\b",
    ),
    _signal(
        "strong-competition",
        "context",
        3,
        "Keep applying: a close call against a stronger match is not a verdict on you",
        r"\b(?:stronger|other|another|internal|more experienced) candidates?\b",
        r"\b(?:very|highly) competitive\b",
        r"\bmore closely match\w*\b",
        r"\bwent with someone\b",
        r"\b(?:close|difficult) (?:call|decision)\b",
    ),
    _signal(
        "praise",
        "praise",
        3,
        "Keep doing this: say it again, with an example, in your next interview",
        r"\b(?:impressed|enjoyed|liked|loved|appreciated|valued)\b",
        r"\b(?:strong|great|excellent|good|clear) (?:\w+ )?(?:answers?|examples?|understanding|knowledge|"
        r"communicat\w*|presentation|portfolio|skills?|questions?|ideas?|energy|enthusiasm|exercise)\b",
        r"\bstood out\b",
        r"\bwell prepared\b",
    ),
)
CODES = tuple(s.code for s in SIGNALS)
_BY_CODE = {s.code: s for s in SIGNALS}
_NEGATED_PRAISE = re.compile(
    r"\bwould have (?:liked|loved|appreciated)\b|\bnot (?:as )?(?:strong|clear|good)\b",
    re.IGNORECASE,
)


class FeedbackPoint(BaseModel):
    sentence: str
    code: str
    kind: Kind
    priority: int
    action: str


def classify(sentence: str) -> list[str]:
    """The codes that flag this sentence; a concern wins over praise ('would have liked more...')."""
    codes = [s.code for s in SIGNALS if s.matches(sentence)]
    if "praise" in codes and (len(codes) > 1 or _NEGATED_PRAISE.search(sentence)):
        codes.remove("praise")
    return codes


def read_feedback(text: str) -> list[FeedbackPoint]:
    """One point for each signal in each sentence; sentences with none (courtesy) are left out."""
    points = []
    for sentence in (" ".join(s.split()) for s in sentences(text, lines=True)):
        for code in classify(sentence) if sentence else []:
            s = _BY_CODE[code]
            points.append(
                FeedbackPoint(
                    sentence=sentence, code=code, kind=s.kind, priority=s.priority, action=s.action
                )
            )
    return points
