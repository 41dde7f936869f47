"""What an employer's feedback says, sentence by sentence: a rule set of small signals with stable
codes, each with the plan step it leads to. Deterministic (regular expressions on one sentence);
each rule carries the sentences it must flag and must pass (checked by tests/test_rules.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import BaseModel

from assistant import regex
from assistant.rules import Hit, Rule, RuleSet
from assistant.text import sentences

Kind = Literal["concern", "context", "praise"]


@dataclass(frozen=True)
class Step:
    """What a feedback signal means for the plan."""

    kind: Kind  # concern: something to work on; context: not about you alone; praise: keep doing it
    priority: int  # 1 = first
    action: str  # the plan step


def _patterns(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(regex.compile(p, re.IGNORECASE) for p in patterns)


def _matcher(patterns: tuple[re.Pattern, ...]) -> Callable[[str], list[Hit]]:
    def find(sentence: str) -> list[Hit]:
        return [
            Hit(excerpt=m.group(0), start=m.start(), end=m.end())
            for m in (p.search(sentence) for p in patterns)
            if m
        ][:1]

    return find


_STEPS: dict[str, Step] = {}


def _signal(
    code: str,
    kind: Kind,
    priority: int,
    action: str,
    *patterns: str,
    flag: tuple[str, ...],
    pass_: tuple[str, ...],
    find: Optional[Callable[[str], list[Hit]]] = None,
) -> Rule[str]:
    _STEPS[code] = Step(kind, priority, action)
    return Rule(
        code=code,
        message=action,
        suggestion=action,
        category=kind,
        find=find or _matcher(_patterns(*patterns)),
        should_flag=flag,
        should_pass=pass_,
    )


_PRAISE = _patterns(
    r"\b(?:impressed|enjoyed|liked|loved|appreciated|valued)\b",
    r"\b(?:strong|great|excellent|good|clear) (?:\w+ )?(?:answers?|examples?|understanding|knowledge|"
    r"communicat\w*|presentation|portfolio|skills?|questions?|ideas?|energy|enthusiasm|exercise)\b",
    r"\bstood out\b",
    r"\bwell prepared\b",
)
_NEGATED_PRAISE = regex.compile(
    r"\bwould have (?:liked|loved|appreciated)\b|\bnot (?:as )?(?:strong|clear|good)\b",
    re.IGNORECASE,
)


def _praise(sentence: str) -> list[Hit]:
    """Praise, unless negated ('would have liked more...') or a concern or context in the same
    sentence wins over it."""
    if _NEGATED_PRAISE.search(sentence) or any(r.hits(sentence) for r in _RULES[:-1]):
        return []
    return _matcher(_PRAISE)(sentence)


_RULES: list[Rule[str]] = [
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
        flag=(
            "We were looking for more hands-on experience with Looker.",
            "Your SQL knowledge was limited compared to what the role needs.",
            "You seemed unfamiliar with NHS data protection rules.",
            "The team felt you lacked budget ownership.",
        ),
        pass_=(
            "You clearly know SQL well.",
            "Thank you for your time last week.",
        ),
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
        flag=(
            "Some answers were vague.",
            "We wanted more specific examples of stakeholder work.",
            "Try to quantify the impact of your campaigns.",
        ),
        pass_=(
            "You gave a great example about the newsletter.",
            "We will be in touch.",
        ),
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
        flag=(
            "Try to be more concise.",
            "You rambled on the prioritisation question.",
            "Your answers were too long at times.",
            "It was hard to follow your reasoning.",
        ),
        pass_=(
            "You explained the dashboard clearly and we enjoyed it.",
            "The interview lasted an hour.",
        ),
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
        flag=(
            "We weren't sure why you wanted to join us.",
            "You could have researched the company more.",
            "A better understanding of our customers would help.",
        ),
        pass_=(
            "You asked good questions about the team.",
            "We hire twice a year.",
        ),
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
        flag=(
            "We went with another candidate who had retail experience.",
            "It was a very competitive process.",
            "It was a close call.",
        ),
        pass_=(
            "We are growing the analytics team.",
            "You were one of the first we met.",
        ),
    ),
    _signal(
        "praise",
        "praise",
        3,
        "Keep doing this: say it again, with an example, in your next interview",
        flag=(
            "We were impressed by your portfolio.",
            "The panel liked your dashboard idea.",
            "You gave a strong answer on SQL.",
            "You showed a good understanding of logistics.",
        ),
        pass_=(
            "We would have liked more detail on budgets.",
            "Your answers were not as strong on budgets.",
            "There were several strong candidates.",
            "Good luck with your search.",
            "It was clear that the role needs more retail experience.",
        ),
        find=_praise,
    ),
]
FEEDBACK_RULES: RuleSet[str] = RuleSet("feedback", tuple(_RULES))
CODES = FEEDBACK_RULES.codes


class FeedbackPoint(BaseModel):
    sentence: str
    code: str
    kind: Kind
    priority: int
    action: str


def classify(sentence: str) -> list[str]:
    """The codes that flag this sentence; a concern wins over praise ('would have liked more...')."""
    return [f.code for f in FEEDBACK_RULES.run(sentence)]


def read_feedback(text: str) -> list[FeedbackPoint]:
    """One point for each signal in each sentence; sentences with none (courtesy) are left out."""
    points = []
    for sentence in (" ".join(s.split()) for s in sentences(text, lines=True)):
        for code in classify(sentence) if sentence else []:
            s = _STEPS[code]
            points.append(
                FeedbackPoint(
                    sentence=sentence, code=code, kind=s.kind, priority=s.priority, action=s.action
                )
            )
    return points
