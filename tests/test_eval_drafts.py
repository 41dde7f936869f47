"""The hand-written notes of evaluation/labels/drafts: every template draft, for every command,
speaks to the right reader and pastes no note shorthand (what issue 17's "Done when" asks)."""

from __future__ import annotations

import pytest

from evaluation import eval_drafts as ev

LABELS = ev.load()
RUNS = [
    (command, name)
    for name, label in LABELS.items()
    for command in ev.COMMANDS
    if label["reader"][ev._READER.get(command, command)]
]


def test_a_third_of_the_files_is_held_out():
    held = sum(label["held_out"] for label in LABELS.values())
    assert len(LABELS) >= 15 and held * 3 >= len(LABELS)


@pytest.mark.parametrize(("command", "name"), RUNS, ids=[f"{c}:{n}" for c, n in RUNS])
def test_no_draft_pastes_shorthand_or_mistakes_its_reader(command, name):
    result = ev.draft(command, ev.HERE / "notes" / name)
    problems = +ev.score(command, result.body, LABELS[name])
    assert not problems, f"{dict(problems)}: {result.body}"
    assert all(c.passed for c in result.generation.checks), result.generation.checks


def test_the_scorer_flags_what_the_issue_reported():
    label = LABELS["st-brigids-ward.md"]
    pasted = (
        "Dear Denise,\n\nOne part of our conversation has stayed with me: Denise liked my sepsis "
        "bundle audit story, asked how I got the HCAs on board.\n\nBest regards,\nNiamh Kelly"
    )
    assert ev.score("feedback", pasted, label)["pasted"] == 1
    assert ev.score("feedback", pasted, label)["third_person"] == 1
    wrong = "Dear Denise,\n\nThank you, Ravi, for arranging the interview.\n\nBest regards,\nNiamh"
    assert ev.score("feedback", wrong, label)["thanks"] == 1
    assert ev.score("feedback-recruiter", wrong, label)["greeting"] == 1
