"""The one meta-test of every rule set (assistant/rules/catalog.py): each rule has a stable
kebab-case code, a message, should-flag and should-pass examples beside it (and should-hint ones
where it reports borderline cases as hints), and judges every one of its examples right."""

from __future__ import annotations

import pytest

from assistant.rules import CODE, HINT
from assistant.rules.catalog import ALL_RULE_SETS

RULES = [(rs, rule) for rs in ALL_RULE_SETS for rule in rs.rules]
EXAMPLES = [
    (rs, rule, i, example, flag)
    for rs, rule in RULES
    for flag, examples in (
        (True, rule.should_flag),
        (False, rule.should_pass),
        (HINT, rule.should_hint),
    )
    for i, example in enumerate(examples)
]
KIND = {True: "flag", False: "pass", HINT: "hint"}


def test_rule_set_names_are_unique():
    names = [rs.name for rs in ALL_RULE_SETS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("rule_set", "rule"), RULES, ids=[f"{rs.name}:{r.code}" for rs, r in RULES]
)
def test_every_rule_has_a_code_a_message_and_examples_both_ways(rule_set, rule):
    assert CODE.fullmatch(rule.code)
    assert rule.message.strip()
    assert rule.should_flag, f"{rule_set.name}:{rule.code} has no should-flag example"
    assert rule.should_pass, f"{rule_set.name}:{rule.code} has no should-pass example"


@pytest.mark.parametrize(
    ("rule_set", "rule", "i", "example", "flag"),
    EXAMPLES,
    ids=[f"{rs.name}:{r.code}:{KIND[f]}-{i}" for rs, r, i, _, f in EXAMPLES],
)
def test_every_example_is_judged_right(rule_set, rule, i, example, flag):
    wrong = rule_set.misjudged(rule, example, flag)
    assert not wrong, f"{rule_set.name}: {'; '.join(wrong)}: {example!r:.200}"
