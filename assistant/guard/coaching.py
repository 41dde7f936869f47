"""The guard for the coaching a model writes on a practised answer: two or three sentences, no
new names or numbers, no words the answer, its critique or the coaching vocabulary lack, and no
echo of the instructions. Each check returns a CheckResult whose name is its stable code."""

from __future__ import annotations

from assistant.guard.checks import (
    CheckResult,
    DraftFacts,
    check_draft,
    check_grounded_words,
    check_length,
    check_no_injection,
    check_no_loops,
    check_not_echo,
    check_numbers,
    check_placeholders,
    check_unknown_names,
)
from assistant.rules import Draft, RuleSet, judged, on_facts
from assistant.text import sentences

ECHO_WORDS = 6  # coaching is short: a run of this many words from the instructions is an echo
# Words any coaching may use although the answer does not.
COACH_GENERIC = frozenset(
    "answer answers scene situation action actions result results number numbers clearly plainly "
    "without start finish started finished think maybe ending example story structure specific "
    "concrete shorter longer words minutes seconds aloud practise practice spoke speak speaking "
    "saying would could should about their there where which while really great strong strength "
    "improve better change changed learned describe explain mention measure impact outcome steps "
    "yourself first second third detail details focus instead filler fillers hedges hedging "
    "confident confidence listener interviewer question questions clear before after right possible "
    "gives chance actual actually necessarily might other others being doing making taking you'd "
    "you're you've difference excellent already explained explain interview mentioned mention share "
    "everything something anything nothing great helpful useful important point points sounds sound "
    "showed shows show tells telling covered cover include included including level around enough "
    "little bit lot".split()
)


def check_no_instruction_echo(text: str, facts: DraftFacts) -> CheckResult:
    return check_not_echo(text, facts, n=ECHO_WORDS)


def check_grounded(text: str, facts: DraftFacts) -> CheckResult:
    return check_grounded_words(text, facts, COACH_GENERIC)


def check_two_or_three_sentences(text: str, facts: DraftFacts) -> CheckResult:
    n = len(sentences(text, lines=True))
    finished = text.rstrip().endswith((".", "!", "?"))
    return CheckResult(
        code="two-or-three-sentences",
        passed=2 <= n <= 3 and finished,
        detail=f"{n} sentences" + ("" if finished else ", the last unfinished"),
    )


COACHING_CHECKS = (
    check_unknown_names,
    check_placeholders,
    check_numbers,
    check_length,
    check_no_loops,
    check_no_injection,
    check_no_instruction_echo,
    check_grounded,
    check_two_or_three_sentences,
)


def check_coaching(text: str, facts: DraftFacts) -> list[CheckResult]:
    return check_draft(text, facts, COACHING_CHECKS)


# ---- the coaching guard's own rules, with the examples each must flag and must pass ----

EXAMPLE_ANSWER = (
    "When I was a receptionist at a dental practice, the phones rang constantly on Monday mornings. "
    "I set up a call-back list and I trained a colleague to take the overflow calls."
)
EXAMPLE_FACTS = DraftFacts(
    known_text=f"Tell me about a busy day.\n{EXAMPLE_ANSWER}",
    min_words=12,
    max_words=70,
    prompt_text="You are an interview coach. In two or three short sentences, tell the candidate what worked "
    "in their answer and the one or two things to improve, using the checks given.",
)
EXAMPLE_COACHING = (
    "You set the scene and your action clearly. Finish with the result of the call-back list."
)
COACHING_RULES: RuleSet[Draft] = RuleSet(
    "coaching-guard",
    (
        judged(
            "not-echo",  # six words of the instructions (a draft's check wants eight)
            on_facts(check_no_instruction_echo),
            ("Tell the candidate what worked in the phones story. Finish with the result.",),
            (EXAMPLE_COACHING,),
        ),
        judged(
            "grounded-words",
            on_facts(check_grounded),
            ("You should mention your blockchain certification. Finish with the result.",),
            (EXAMPLE_COACHING,),
        ),
        judged(
            "two-or-three-sentences",
            on_facts(check_two_or_three_sentences),
            ("You set the scene and said clearly what you did about the phones, and then you",),
            (EXAMPLE_COACHING,),
        ),
    ),
    subject=lambda example: Draft(example, EXAMPLE_FACTS),
)
