"""Every rule set of Rebound, listed once. The meta-test (tests/test_rules.py) walks this list:
a rule set missing from it has its examples checked by nobody."""

from __future__ import annotations

from assistant.analysis.answers import ANSWER_RULES
from assistant.analysis.feedback_signals import FEEDBACK_RULES
from assistant.analysis.tone import tone_rules
from assistant.checks import RESUME_RULES
from assistant.guard.calm_rewrite import CALM_REWRITE_RULES
from assistant.guard.char_limit import CHAR_LIMIT_RULES
from assistant.guard.checks import DRAFT_RULES, SLOT_RULES
from assistant.guard.coaching import COACHING_RULES
from assistant.guard.questions import QUESTION_RULES
from assistant.guard.recruiter_update import RECRUITER_UPDATE_RULES
from assistant.guard.rewrites import BULLET_REWRITE_RULES
from assistant.rules import RuleSet

ALL_RULE_SETS: tuple[RuleSet, ...] = (
    RESUME_RULES,
    tone_rules(),
    FEEDBACK_RULES,
    ANSWER_RULES,
    DRAFT_RULES,
    SLOT_RULES,
    CHAR_LIMIT_RULES,
    COACHING_RULES,
    RECRUITER_UPDATE_RULES,
    CALM_REWRITE_RULES,
    QUESTION_RULES,
    BULLET_REWRITE_RULES,
)
