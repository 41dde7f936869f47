"""Every rule set of Rebound, listed once. The meta-test (tests/test_rules.py) walks this list:
a rule set missing from it has its examples checked by nobody."""

from __future__ import annotations

from assistant.analysis.answers import ANSWER_RULES
from assistant.analysis.feedback_signals import FEEDBACK_RULES
from assistant.analysis.tone import tone_rules
from assistant.checks import RESUME_RULES
from assistant.rules import RuleSet

ALL_RULE_SETS: tuple[RuleSet, ...] = (RESUME_RULES, tone_rules(), FEEDBACK_RULES, ANSWER_RULES)
