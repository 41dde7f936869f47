"""The deterministic answer critique: every metric on hand-written answers whose STAR parts are
known, and every signal's should-flag and should-pass examples (one table, with a meta-test)."""

from __future__ import annotations

import pytest

from assistant.analysis.answer_examples import (
    ACTION_ONLY,
    FULL,
    NO_RESULT,
    NOTHING,
    SITUATION_TASK,
)
from assistant.analysis.answers import ANSWER_RULES, STAR_PARTS, WORDS_PER_MINUTE, critique, measure

# Hand-written answers, and the STAR parts each one has.
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
    weights = {r.code: r.weight for r in ANSWER_RULES.rules}
    for answer, _ in KNOWN_PARTS:
        result = critique(answer, ["SQL"])
        assert result.score == max(0, 100 - sum(weights[f.code] for f in result.findings))
    assert (
        critique(FULL, ["SQL"]).score
        > critique(NO_RESULT, ["SQL"]).score
        > critique(NOTHING, ["SQL"]).score
    )
