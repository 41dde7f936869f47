"""The guard on a model's rewrite of a resume bullet: every check with an example it must flag and
one it must pass, in one table, and a meta-test that fails when a check has none."""

from __future__ import annotations

import re

import pytest

from assistant.guard import rewrites as rw

RESUME = "Jordan Rivera\nMarketing Coordinator at Harrow Books\n- Responsible for managing social media accounts\nSkills: Canva"
BULLET = rw.BulletRewrite(
    original="Managed social media accounts", resume_text=RESUME, needs_blank=True, ending_only=True
)
GOOD = "Managed social media accounts for [__] followers"

TABLE = {
    rw.check_no_new_skills: (
        "Managed social media accounts in HubSpot and Salesforce for [__] followers",
        GOOD,
    ),
    rw.check_one_line: ("Managed social media accounts\nfor [__] followers", GOOD),
    rw.check_changed: ("Managed social media accounts.", GOOD),
    rw.check_strong_opener: ("Responsible for social media accounts for [__] followers", GOOD),
    rw.check_keeps_the_bullet: ("Ran [__] campaigns", GOOD),
    rw.check_no_new_claims: (
        "Managed social media accounts, winning industry awards for brilliant viral videos [__]",
        GOOD,
    ),
    rw.check_leaves_a_blank: ("Managed social media accounts for many followers", GOOD),
    rw.check_no_invented_rate: ("Managed social media accounts for [__] followers a day", GOOD),
    rw.check_just_an_ending: (
        "Managed social media accounts Responsible for social media accounts [__]",
        GOOD,
    ),
}


def test_every_rewrite_check_has_examples():
    defined = {
        f for name, f in vars(rw).items() if name.startswith("check_") and name != "check_rewrite"
    }
    assert set(rw.REWRITE_CHECKS) == defined
    missing = sorted(f.__name__ for f in defined - set(TABLE))
    assert not missing, f"add should-flag and should-pass examples to TABLE for {missing}"


def test_rewrite_check_names_are_stable_kebab_case():
    names = [check(GOOD, BULLET).code for check in TABLE]
    assert len(names) == len(set(names)) and all(
        re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names
    )


@pytest.mark.parametrize("check", list(TABLE), ids=lambda c: c.__name__)
def test_rewrite_check_flags_and_passes(check):
    should_flag, should_pass = TABLE[check]
    assert not check(should_flag, BULLET).passed
    result = check(should_pass, BULLET)
    assert result.passed, result.detail


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
