"""The draft guard (every rule's examples are checked by tests/test_rules.py)."""

from __future__ import annotations

import pytest

from assistant.guard import checks as g

FACTS = g.EXAMPLE_FACTS
OK = g.EXAMPLE_DRAFT


def test_every_draft_check_is_a_rule_with_examples():
    """The checks a task runs are the rules whose examples tests/test_rules.py checks."""
    codes = [check(OK, FACTS).code for check in g.DRAFT_CHECKS]
    assert set(codes) <= set(g.DRAFT_RULES.codes) and len(codes) == len(set(codes))
    assert all(r.passed for r in g.check_draft(OK, FACTS))


def test_sentence_start_capitals_and_known_names_are_not_flagged():
    text = "Thank you. Priya Natarajan's team at Harrow Books was kind. On Monday I wrote to them."
    assert g.unknown_names(text, FACTS.known_text) == []


def test_generate_many_asks_all_first_then_again_only_for_the_refused():
    from assistant.engine.fake import FakeBackend
    from assistant.engine.options import GenerateOptions
    from assistant.guard.generate import Ask, generate_many

    def needs(word):
        return lambda text, _facts: g.CheckResult(code="says-it", passed=word in text)

    def job(messages, word):
        return Ask(
            messages=messages,
            options=GenerateOptions(seed=3),
            fallback=f"no {word}",
            checks=(needs(word),),
            what="fruit",
        )

    backend = FakeBackend(["apple pie", "no", "cherry", "banana split"])
    ask = [{"role": "user", "content": "a fruit"}]
    too_long = [{"role": "user", "content": "word " * 5000}]
    jobs = [job(ask, "apple"), job(ask, "banana"), job(too_long, "x"), job(ask, "kiwi")]
    drafts = generate_many(backend, jobs)
    assert [d.text for d in drafts] == ["apple pie", "banana split", "no x", "no kiwi"]
    assert [d.generation.source for d in drafts] == ["model", "model", "template", "template"]
    assert drafts[3].generation.notice == "the guard refused the model's fruit: says-it"
    assert [c.code for c in drafts[0].generation.checks] == ["says-it"]
    # round one: the three that fit, on seed 3; round two: the two refused, on seed 4
    assert [opts.seed for _, opts in backend.calls] == [3, 3, 3, 4, 4]
    assert [opts.temperature for _, opts in backend.calls] == [
        0.2,
        0.2,
        0.2,
        0.7,
        0.7,
    ]  # a retry gets more freedom
    assert "too long" in drafts[2].generation.notice and len(drafts[3].attempts) == 2


@pytest.mark.parametrize(
    "text, why",
    [
        ("Dear Sam,\n\nThank you for the interview.\n\nBest,\nJordan", "greets Sam"),
        ("Dear Priya,\n\nThank you, Sam, for arranging it.\n\nBest,\nJordan", "thanks Sam"),
        ("Hi Priya,\nI enjoyed meeting Natarajan's team.\nBest wishes, Jordan", "third person"),
    ],
)
def test_the_reader_is_greeted_thanked_and_spoken_to(text, why):
    result = g.check_reader(text, g.READER_FACTS)
    assert not result.passed and why in result.detail


def test_someone_else_in_the_third_person_and_a_name_inside_the_company_pass():
    facts = FACTS.model_copy(
        update={
            "reader": ["Siobhan O'Neill", "Siobhan", "O'Neill"],
            "company": "O'Neill's Pharmacy",
        }
    )
    text = (
        "Dear Siobhan,\n\nI enjoyed my visit to O'Neill's Pharmacy; Sam Lee was kind.\n\nBest,\nJ"
    )
    assert g.check_reader(text, facts).passed


@pytest.mark.parametrize(
    "text, known",
    [
        ("I enjoyed the visit to St Brigid's Hospital.", "St Brigid's Hospital"),
        ("I enjoyed the visit to Sainsbury\u2019s.", "Sainsbury's"),
    ],
)
def test_names_with_possessives_are_the_names_in_the_inputs(text, known):
    assert g.unknown_names(text, known) == []


def test_word_forms_and_function_words_are_grounded():
    facts = FACTS.model_copy(update={"known_text": "the plan for the spring catalogue"})
    assert g.check_grounded_words("The plans, where the catalogue", facts).passed
    assert not g.check_grounded_words("Thank you for the robotics tour.", facts).passed


def test_repetition_counts_only_what_the_model_wrote():
    frame = "the Data Analyst role. the Data Analyst role. the Data Analyst role."
    facts = FACTS.model_copy(update={"frame_text": frame})
    assert g.check_no_loops(frame + " I enjoyed it.", facts).passed
    assert not g.check_no_loops(
        frame + " I liked it I liked it I liked it I liked it", facts
    ).passed


def test_capitals_the_inputs_hold_are_not_shouting():
    facts = FACTS.model_copy(update={"known_text": "the HACCP plans"})
    assert g.check_no_begging("Thank you for explaining the HACCP plans.", facts).passed
    assert not g.check_no_begging("Thank you for explaining the PLANS TODAY.", facts).passed
