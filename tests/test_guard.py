"""The draft guard (every rule's examples are checked by tests/test_rules.py)."""

from __future__ import annotations

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
