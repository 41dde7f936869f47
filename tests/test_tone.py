"""The desperation analysis: phrase matching, scores, the fixtures (every signal's examples are
checked by tests/test_rules.py)."""

from __future__ import annotations

import re

import pytest

from assistant.analysis.phrases import PhraseError, PhrasePattern, anchor_words
from assistant.analysis.tone import LEVELS, analyze, find_signals, level_for, signal_defs
from assistant.guard.checks import DraftFacts, check_no_begging
from tests.helpers.paths import FIXTURES

CODES = [d.code for d in signal_defs()]
ISSUE_CODES = {
    "pleading",
    "over-apology",
    "self-deprecation",
    "pressure",
    "shouting",
    "over-availability",
    "repeat-contact",
    "disputes-decision",
    "over-gratitude",
    "emotional-disclosure",
}
FOLLOWUPS = FIXTURES / "followups"


def _read(kind: str) -> list[tuple[str, str]]:
    return [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((FOLLOWUPS / kind).glob("*.txt"))
    ]


def test_codes_are_the_issues_stable_kebab_case_codes():
    assert set(CODES) == ISSUE_CODES
    assert len(CODES) == len(set(CODES))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in CODES)


@pytest.mark.parametrize(
    "text",
    [
        "i REALLY need this job",  # case
        "I really  need\nthis job",  # whitespace and a line break
        "I\u2019m begging you",  # curly apostrophe
        "Im begging you",  # no apostrophe
        "please,please, reconsider",  # punctuation between words
        "I need this position",  # a word class ({job})
    ],
)
def test_pleading_matches_small_variations(text):
    assert "pleading" in {s.code for s in find_signals(text)}


def test_optional_words_and_number_words():
    for text in (
        "This is my fourth email.",
        "This is my 4th email.",
        "my last three messages",
        "my last 3 messages",
    ):
        assert "repeat-contact" in {s.code for s in find_signals(text)}, text
    assert "emotional-disclosure" in {s.code for s in find_signals("unemployed for over 8 months")}


def test_phrases_never_match_inside_a_word():
    assert not find_signals("The pleasant unpleasantness of the asaparagus.")
    assert not find_signals("We discussed the disaster recovery plan.")


def test_spans_point_at_the_excerpt_in_the_original():
    text = "Hi Sam,\n\nSorry to bother you again!! Any update??\n\nThanks,\nAlex"
    signals = analyze(text).signals
    assert {s.code for s in signals} >= {"over-apology", "shouting", "pressure"}
    for s in signals:
        assert text[s.start : s.end] == s.excerpt
        assert s.message and s.suggestion
    assert signals == sorted(signals, key=lambda s: (s.start, s.end))


def test_score_and_level_grow_with_the_signals():
    calm = analyze("Thank you for your time. I would welcome any feedback.")
    needy = analyze("Any update on the role? I'll be checking my inbox.")
    desperate = analyze("Please, please reconsider. I really need this job. You made a mistake!!")
    assert (calm.score, calm.level) == (0, "calm")
    assert needy.level == "needy"
    assert desperate.level == "desperate"
    assert calm.score < needy.score < desperate.score <= 100


def test_levels_follow_the_data_thresholds():
    assert [level_for(s) for s in (0, 19, 20, 49, 50, 100)] == [
        "calm",
        "calm",
        "needy",
        "needy",
        "desperate",
        "desperate",
    ]


def test_company_in_capitals_is_no_shouting_when_named():
    text = "I enjoyed meeting the BRIGHT FUTURE team."  # capitals over ordinary words
    assert {s.code for s in find_signals(text)} == {"shouting"}
    assert not find_signals(text, names=["BRIGHT FUTURE"])
    assert not find_signals("I enjoyed meeting the ACME CORP team.")  # no ordinary word


def test_fixture_sets_are_big_enough():
    assert len(_read("desperate")) >= 12 and len(_read("calm")) >= 12


def test_every_desperate_fixture_scores_above_every_calm_one():
    desperate = [(n, analyze(t)) for n, t in _read("desperate")]
    calm = [(n, analyze(t)) for n, t in _read("calm")]
    worst_calm = max(LEVELS.index(r.level) for _, r in calm)
    for name, report in desperate:
        assert LEVELS.index(report.level) > worst_calm, (name, report.level)
        assert report.score > max(r.score for _, r in calm), name
    for name, report in calm:
        assert report.level == "calm", (name, [(s.code, s.excerpt) for s in report.signals])


def test_guard_check_no_begging_uses_the_analyzer():
    facts = DraftFacts(known_text="")
    for text in (
        "I think you made a mistake.",
        "Any update??",
        "I can start tomorrow, even unpaid.",
        "Please reconsider my application.",
    ):
        result = check_no_begging(text, facts)
        assert result.code == "no-begging-or-pressure" and not result.passed, text
        assert "'" in result.detail
    assert check_no_begging(
        "Thank you for letting me know. I would welcome any feedback.", facts
    ).passed


@pytest.mark.parametrize(
    "phrase", ["(unclosed", "[only optional]", "{no-such-class} word", "a ) b", "time,? day"]
)
def test_bad_phrase_syntax_is_an_error(phrase):
    with pytest.raises(PhraseError):
        PhrasePattern(phrase, {})


@pytest.mark.parametrize(
    "phrase, anchor",
    [
        ("please please", {"please"}),
        ("(give|grant) me another chance", {"another"}),
        ("beg* you", {"beg*"}),
        ("i'm [really] sorry", {"sorry"}),
        ("{number} times", {"times"}),
        ("(i'm|i am) (crushed|gutted)", {"crushed", "gutted"}),
        ("(thank you|thanks) (a million|from the heart)", {"thank", "thanks"}),
        ("(i'm|we're) {number}", set()),
    ],
)
def test_a_phrase_is_only_compiled_for_texts_that_hold_its_anchor(phrase, anchor):
    assert anchor_words(phrase) == anchor
    pattern = PhrasePattern(phrase, {"number": ["three", "<digits>"]})
    if anchor:
        assert list(pattern.finditer("Nothing to see here.")) == [] and pattern._compiled is None
