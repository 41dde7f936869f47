"""The deterministic answer critique: every metric on hand-written answers whose STAR parts are
known, and every signal's should-flag and should-pass examples (one table, with a meta-test)."""

from __future__ import annotations

import re

import pytest

from assistant.analysis.answers import SIGNALS, STAR_PARTS, WORDS_PER_MINUTE, critique, measure
from tests.helpers.samples import FULL, NO_RESULT

# Hand-written answers, and the STAR parts each one has.
ACTION_ONLY = (
    "I migrated the monthly reports to a new tool and I documented every step for the team."
)
SITUATION_TASK = "While working at the library, our goal was to double the number of children joining the reading club."
NOTHING = "Teamwork is important and communication matters a great deal to everybody."

KNOWN_PARTS = [
    (FULL, {"situation", "task", "action", "result"}),
    (NO_RESULT, {"situation", "task", "action"}),
    (ACTION_ONLY, {"action"}),
    (SITUATION_TASK, {"situation", "task"}),
    (NOTHING, set()),
]


@pytest.mark.parametrize(
    "answer,parts", KNOWN_PARTS, ids=["full", "no-result", "action-only", "situation-task", "none"]
)
def test_star_parts_found_by_cue_phrases(answer, parts):
    result = critique(answer)
    assert set(result.star_present) == parts
    for part in STAR_PARTS:
        assert bool(result.metrics.star[part]) == (part in parts)
        assert all(
            cue.lower() in answer.lower() for cue in result.metrics.star[part]
        )  # cues quote the answer


def test_word_count_and_speaking_time():
    m = measure(FULL)
    assert m.words == len(FULL.split())
    assert m.speaking_seconds == round(m.words * 60 / WORDS_PER_MINUTE)
    assert measure(" ".join(["word"] * 150)).speaking_seconds == 60


def test_fillers_and_hedges_are_counted_apart():
    m = measure(
        "Um, so basically I think we, um, kind of fixed it. Maybe. I\u2019m not sure, you know."
    )
    assert m.fillers == {"um": 2, "basically": 1, "you know": 1}
    assert m.hedges == {"i think": 1, "kind of": 1, "maybe": 1, "i'm not sure": 1}


def test_numbers_in_digits_and_words():
    assert measure(FULL).numbers == ["six", "two", "two", "18%", "7%"]
    assert measure("We doubled sign-ups in three months.").numbers == ["doubled", "three"]
    assert measure(NOTHING).numbers == []


def test_job_terms_used_are_the_jobs_terms_the_answer_names():
    m = measure(FULL, ["SQL", "Looker", "Python", "Tableau"])
    assert m.job_terms_used == ["SQL", "Looker"]
    assert m.job_terms == ["SQL", "Looker", "Python", "Tableau"]


def test_repeated_words_leave_out_stop_words():
    m = measure(
        "The report was late. The report had errors. I fixed the report and the data, then the data again."
    )
    assert [(r.word, r.count) for r in m.repeated] == [("report", 3), ("data", 2)]


def test_score_is_100_minus_the_weights_of_the_signals_found():
    weights = {s.code: s.weight for s in SIGNALS}
    for answer, _ in KNOWN_PARTS:
        result = critique(answer, ["SQL"])
        assert result.score == max(0, 100 - sum(weights[f.code] for f in result.findings))
    assert (
        critique(FULL, ["SQL"]).score
        > critique(NO_RESULT, ["SQL"]).score
        > critique(NOTHING, ["SQL"]).score
    )


LONG = " ".join([FULL] * 4)
FILLERS = FULL + " Um, basically, you know, it was um fine."
HEDGES = FULL + " I think it maybe worked, I guess."
REPEATS = FULL + " The route, the route, the new route and the old route were both a route."

# ONE table: (code, answer, job terms, should the code be flagged?)
SIGNAL_EXAMPLES = [
    ("missing-situation", ACTION_ONLY, [], True),
    ("missing-situation", SITUATION_TASK, [], False),
    ("missing-task", ACTION_ONLY, [], True),
    ("missing-task", NO_RESULT, [], False),
    ("missing-action", SITUATION_TASK, [], True),
    ("missing-action", ACTION_ONLY, [], False),
    ("missing-result", NO_RESULT, [], True),
    ("missing-result", FULL, [], False),
    ("too-short", NO_RESULT, [], True),
    ("too-short", FULL, [], False),
    ("too-long", LONG, [], True),
    ("too-long", FULL, [], False),
    ("filler-words", FILLERS, [], True),
    ("filler-words", FULL, [], False),
    ("hedging", HEDGES, [], True),
    ("hedging", FULL, [], False),
    ("no-numbers", NO_RESULT, [], True),
    ("no-numbers", FULL, [], False),
    ("no-job-terms", NO_RESULT, ["SQL"], True),
    ("no-job-terms", FULL, ["SQL"], False),
    ("no-job-terms", NO_RESULT, [], False),  # no job terms given: nothing to use
    ("repeated-words", REPEATS, [], True),
    ("repeated-words", FULL, [], False),
]


def test_every_signal_has_should_flag_and_should_pass_examples():
    """The meta-test: a signal without examples on both sides is untested."""
    for signal in SIGNALS:
        sides = {flag for code, _, _, flag in SIGNAL_EXAMPLES if code == signal.code}
        assert sides == {True, False}, (
            f"{signal.code}: needs a should-flag and a should-pass example"
        )


def test_signal_codes_are_stable_kebab_case():
    codes = [s.code for s in SIGNALS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in codes)
    assert {code for code, *_ in SIGNAL_EXAMPLES} == set(codes)


@pytest.mark.parametrize(
    "code,answer,terms,flag",
    SIGNAL_EXAMPLES,
    ids=[f"{c}-{'flag' if f else 'pass'}-{i}" for i, (c, _, _, f) in enumerate(SIGNAL_EXAMPLES)],
)
def test_signal_examples(code, answer, terms, flag):
    found = {f.code for f in critique(answer, terms).findings}
    assert (code in found) == flag, found
