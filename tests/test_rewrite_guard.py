"""The guard on a model's rewrite of a resume bullet (every rule's examples are checked by
tests/test_rules.py)."""

from __future__ import annotations

from assistant.guard import rewrites as rw

RESUME = rw.EXAMPLE_RESUME
BULLET = rw.EXAMPLE_BULLET
GOOD = rw.EXAMPLE_REWRITE


def test_a_bullet_with_a_number_needs_no_blank():
    quantified = BULLET.model_copy(
        update={"original": "Managed 4 social media accounts", "needs_blank": False}
    )
    assert rw.check_leaves_a_blank(
        "Managed 4 social media accounts with a weekly plan", quantified
    ).passed


def test_a_whole_rewrite_may_be_longer_than_an_ending():
    whole = BULLET.model_copy(update={"ending_only": False})
    long = "Managed social media accounts and the monthly content calendar across [__] channels and regions"
    assert (
        rw.check_just_an_ending(long, whole).passed
        and not rw.check_just_an_ending(long, BULLET).passed
    )


def test_every_rewrite_check_is_a_rule_with_examples():
    codes = [check(GOOD, BULLET).code for check in rw.BULLET_REWRITE_CHECKS]
    assert codes == list(rw.BULLET_REWRITE_RULES.codes)
