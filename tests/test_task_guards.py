"""The guards of single tasks (the coaching of a practised answer, the recruiter update, soften's
calm rewrite): one table per guard module with every check it defines, an example each check must
flag and one it must pass, and a meta-test that fails when a check has none. The shared draft
checks these guards also run have their examples in tests/test_guard.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pytest

from assistant.analysis.tone import calm_table
from assistant.guard import calm_rewrite as cr
from assistant.guard import coaching as co
from assistant.guard import recruiter_update as ru
from assistant.guard.checks import DraftFacts, check_one_sentence

# ---- the coaching of a practised answer ----

ANSWER = (
    "When I was a receptionist at a dental practice, the phones rang constantly on Monday mornings. "
    "I set up a call-back list and I trained a colleague to take the overflow calls."
)
COACHING = DraftFacts(
    known_text=f"Tell me about a busy day.\n{ANSWER}",
    min_words=12,
    max_words=70,
    prompt_text="You are an interview coach. In two or three short sentences, tell the candidate what worked "
    "in their answer and the one or two things to improve, using the checks given.",
)
GOOD_COACHING = (
    "You set the scene and your action clearly. Finish with the result of the call-back list."
)
COACHING_TABLE = {
    # six words of the instructions (a draft's check wants eight): coaching is short
    co.check_no_instruction_echo: (
        "Tell the candidate what worked in the phones story. Finish with the result.",
        GOOD_COACHING,
    ),
    co.check_grounded: (
        "You should mention your blockchain certification. Finish with the result.",
        GOOD_COACHING,
    ),
    co.check_two_or_three_sentences: (
        "You set the scene and said clearly what you did about the phones, and then you",
        GOOD_COACHING,
    ),
}

# ---- the recruiter update ----

RECRUITER = DraftFacts(
    known_text="Alex Morgan, recruiter for Harrow Books; Jordan Rivera",
    required_names=["Alex"],
    signature="Jordan Rivera",
    min_words=5,
)
GOOD_UPDATE = (
    "Hi Alex,\n\nHarrow Books said no. Did they share any feedback with you, and which roles should I "
    "look at next?\n\nBest,\nJordan Rivera"
)
RECRUITER_TABLE = {
    ru.check_asks_feedback_and_next_roles: (
        "Hi Alex,\n\nHarrow Books said no. Did they share any feedback with you?\n\nBest,\nJordan Rivera",
        GOOD_UPDATE,
    ),
}

# ---- soften's calm rewrite ----

ORIGINAL = "Please reconsider me for the analyst job, I really need it!"
CALM = cr.CalmFacts(
    known_text="\n".join(
        ["Dear Priya,\n\n" + ORIGINAL + "\n\nBest,\nJordan", "Priya", "Northwind", *calm_table()]
    ),
    names=["Priya", "Northwind"],
    original=ORIGINAL,
    prompt_text="Rewrite the sentence so that it is calm and polite.",
)
GOOD_SENTENCE = "I respect your decision and would welcome hearing of future analyst roles."
CALM_TABLE = {
    cr.check_calm: (
        "Please, please reconsider me, I really NEED this job!!! I'm begging you.",
        GOOD_SENTENCE,
    ),
    cr.check_keeps_the_point: ("I'll be happy to help.", GOOD_SENTENCE),
    cr.check_grounded: ("I respect your decision about the robotics team.", GOOD_SENTENCE),
    cr.check_one_sentence_or_question: (
        "I respect your decision. I would welcome future analyst roles.",
        "Could you keep me in mind for future analyst roles?",
    ),
}


@dataclass(frozen=True)
class Guard:
    module: ModuleType
    runners: tuple[Callable, ...]  # each runs one registry of the module's checks
    registries: tuple[tuple, ...]
    table: dict
    facts: DraftFacts
    good: str  # passes every check of every registry


GUARDS = {
    "coaching": Guard(
        co, (co.check_coaching,), (co.COACHING_CHECKS,), COACHING_TABLE, COACHING, GOOD_COACHING
    ),
    "recruiter-update": Guard(
        ru,
        (ru.check_recruiter_update,),
        (ru.RECRUITER_UPDATE_CHECKS,),
        RECRUITER_TABLE,
        RECRUITER,
        GOOD_UPDATE,
    ),
    "calm-rewrite": Guard(
        cr,
        (cr.check_calm_rewrite, cr.check_calm_sentence),
        (cr.REWRITE_CHECKS, cr.SENTENCE_CHECKS),
        CALM_TABLE,
        CALM,
        GOOD_SENTENCE,
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
def test_every_task_guard_check_is_registered_and_has_examples(guard):
    """The meta-test: a check without a should-flag and a should-pass example fails."""
    unused = sorted(
        f.__name__
        for f in own_checks(guard) - {c for registry in guard.registries for c in registry}
    )
    assert not unused, f"checks in no registry: {unused}"
    missing = sorted(f.__name__ for f in own_checks(guard) - set(guard.table))
    assert not missing, f"add should-flag and should-pass examples to the table for {missing}"


@pytest.mark.parametrize("guard", GUARDS.values(), ids=list(GUARDS))
def test_task_guard_check_names_are_stable_kebab_case_and_the_good_text_passes(guard):
    for run in guard.runners:
        results = run(guard.good, guard.facts)
        names = [r.code for r in results]
        assert len(names) == len(set(names)) and all(
            re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names
        ), names
        assert [r for r in results if not r.passed] == []


@pytest.mark.parametrize(
    "guard,check",
    [(g, c) for g in GUARDS.values() for c in g.table],
    ids=lambda x: x.__name__ if callable(x) else x.module.__name__.rsplit(".", 1)[-1],
)
def test_task_guard_check_flags_and_passes(guard, check):
    should_flag, should_pass = guard.table[check]
    assert not check(should_flag, guard.facts).passed, f"not flagged: {should_flag!r}"
    result = check(should_pass, guard.facts)
    assert result.passed, result.detail


def test_coaching_of_one_sentence_or_four_is_flagged():
    one = "You set the scene and your action clearly, so finish with the result of the call-back list."
    four = (
        "You set the scene. You said your action. You trained a colleague. Finish with the result."
    )
    assert not co.check_two_or_three_sentences(one, COACHING).passed
    assert not co.check_two_or_three_sentences(four, COACHING).passed


def test_the_recruiter_asks_must_be_a_question():
    statement = "Hi Alex,\n\nI would value any feedback and a note on roles to look at next.\n\nBest,\nJordan Rivera"
    assert not ru.check_asks_feedback_and_next_roles(statement, RECRUITER).passed


def test_a_rewritten_sentence_may_end_as_a_question_where_a_slot_sentence_may_not():
    question = CALM_TABLE[cr.check_one_sentence_or_question][1]
    assert (
        cr.check_one_sentence_or_question(question, CALM).passed
        and not check_one_sentence(question).passed
    )


def test_the_names_in_the_calm_facts_are_not_shouting():
    text = "Thank you, NORTHWIND LOGISTICS, for the update about the role at NORTHWIND LOGISTICS."
    assert not cr.check_calm(text, cr.CalmFacts(known_text="")).passed
    assert cr.check_calm(text, cr.CalmFacts(known_text="", names=["NORTHWIND LOGISTICS"])).passed
