"""The guards of single tasks (the coaching of a practised answer, the recruiter update, soften's
calm rewrite): every check they define is registered and is a rule of the module's rule set
(whose examples tests/test_rules.py checks), and a good text passes them all."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

from assistant.guard import calm_rewrite as cr
from assistant.guard import coaching as co
from assistant.guard import recruiter_update as ru
from assistant.guard.checks import DraftFacts, check_one_sentence
from assistant.rules import RuleSet


@dataclass(frozen=True)
class Guard:
    module: ModuleType
    runners: tuple[Callable, ...]  # each runs one registry of the module's checks
    registries: tuple[tuple, ...]
    rules: RuleSet
    facts: DraftFacts
    good: str  # passes every check of every registry


GUARDS = {
    "coaching": Guard(
        co,
        (co.check_coaching,),
        (co.COACHING_CHECKS,),
        co.COACHING_RULES,
        co.EXAMPLE_FACTS,
        co.EXAMPLE_COACHING,
    ),
    "recruiter-update": Guard(
        ru,
        (ru.check_recruiter_update,),
        (ru.RECRUITER_UPDATE_CHECKS,),
        ru.RECRUITER_UPDATE_RULES,
        ru.EXAMPLE_FACTS,
        ru.RECRUITER_UPDATE_RULES.rules[0].should_pass[0],
    ),
    "calm-rewrite": Guard(
        cr,
        (cr.check_calm_rewrite, cr.check_calm_sentence),
        (cr.CALM_REWRITE_CHECKS, cr.CALM_SENTENCE_CHECKS),
        cr.CALM_REWRITE_RULES,
        cr._example_facts(),
        cr.EXAMPLE_SENTENCE,
    ),
}


def own_checks(guard: Guard) -> set[Callable]:
    """The checks a guard module defines (not the shared ones it imports, not its runners)."""
    return {
        f
        for name, f in vars(guard.module).items()
        if name.startswith("check_") and getattr(f, "__module__", "") == guard.module.__name__
    } - set(guard.runners)


@pytest.mark.parametrize("guard", GUARDS.values(), ids=list(GUARDS))
def test_every_task_guard_check_is_registered_and_is_a_rule_with_examples(guard):
    """A check in no registry is dead; a check that is no rule has no examples (tests/test_rules.py
    checks the examples of every rule)."""
    unused = sorted(
        f.__name__
        for f in own_checks(guard) - {c for registry in guard.registries for c in registry}
    )
    assert not unused, f"checks in no registry: {unused}"
    own = {f(guard.good, guard.facts).code for f in own_checks(guard)}
    assert own <= set(guard.rules.codes), own - set(guard.rules.codes)


@pytest.mark.parametrize("guard", GUARDS.values(), ids=list(GUARDS))
def test_task_guard_check_names_are_stable_kebab_case_and_the_good_text_passes(guard):
    for run in guard.runners:
        results = run(guard.good, guard.facts)
        names = [r.code for r in results]
        assert len(names) == len(set(names)) and all(
            re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names
        ), names
        assert [r for r in results if not r.passed] == []


def test_coaching_of_one_sentence_or_four_is_flagged():
    one = "You set the scene and your action clearly, so finish with the result of the call-back list."
    four = (
        "You set the scene. You said your action. You trained a colleague. Finish with the result."
    )
    assert not co.check_two_or_three_sentences(one, co.EXAMPLE_FACTS).passed
    assert not co.check_two_or_three_sentences(four, co.EXAMPLE_FACTS).passed


def test_the_recruiter_asks_must_be_a_question():
    statement = "Hi Alex,\n\nI would value any feedback and a note on roles to look at next.\n\nBest,\nJordan Rivera"
    assert not ru.check_asks_feedback_and_next_roles(statement, ru.EXAMPLE_FACTS).passed


def test_a_rewritten_sentence_may_end_as_a_question_where_a_slot_sentence_may_not():
    question = cr.CALM_REWRITE_RULES.rule("one-sentence").should_pass[0]
    assert (
        cr.check_one_sentence_or_question(question, cr._example_facts()).passed
        and not check_one_sentence(question).passed
    )


def test_the_names_in_the_calm_facts_are_not_shouting():
    text = "Thank you, NORTHWIND LOGISTICS, for the update about the role at NORTHWIND LOGISTICS."
    assert not cr.check_calm(text, cr.CalmFacts(known_text="")).passed
    assert cr.check_calm(text, cr.CalmFacts(known_text="", names=["NORTHWIND LOGISTICS"])).passed
