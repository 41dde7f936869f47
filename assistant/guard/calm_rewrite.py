"""The guard for `soften`'s rewrite: the whole rewrite must be calm, keep the names and say
nothing new; each sentence a model rewrites must also be one calm sentence that keeps the point
of the sentence it replaces. Each check returns a CheckResult whose name is its stable code."""

from __future__ import annotations

from assistant.analysis.tone import analyze, calm_table
from assistant.guard.checks import (
    CheckResult,
    DraftFacts,
    check_draft,
    check_grounded_words,
    check_no_begging,
    check_no_loops,
    check_not_echo,
    check_numbers,
    check_one_sentence,
    check_placeholders,
    check_required_names,
    check_unknown_names,
)
from assistant.rules import Draft, RuleSet, judged, on_facts
from assistant.text import content_words

# Words a calm rewrite of one sentence may use beyond the draft's own and the calm table's.
SENTENCE_GENERIC = frozenset(
    "understand decision respect future roles welcome chance happy grateful thanks appreciate "
    "interest interested remain touch considered hearing moment whenever opportunity glad "
    "would things stand update".split()
)
_NOT_CONTENT = frozenset("please thanks thank though".split())  # beyond the stop words


class CalmFacts(DraftFacts):
    """What a rewrite may say, plus the names the tone score leaves alone (the recipient and the
    company) and, for one rewritten sentence, the sentence it replaces."""

    names: list[str] = []
    original: str = ""


def check_calm(text: str, facts: CalmFacts) -> CheckResult:
    report = analyze(text, facts.names)
    return CheckResult(
        code="calm", passed=report.level == "calm", detail=f"score {report.score} ({report.level})"
    )


def _content(sentence: str) -> set[str]:
    return {w for w in content_words(sentence) if len(w) >= 6} - _NOT_CONTENT


def check_keeps_the_point(text: str, facts: CalmFacts) -> CheckResult:
    """The rewrite shares a content word with the sentence or with the calm table: a small model
    otherwise answers with any polite sentence ("I'll be happy to help")."""
    shared = _content(text) & (_content(facts.original) | _content(" ".join(calm_table())))
    return CheckResult(
        code="keeps-the-point",
        passed=bool(shared),
        detail="" if shared else "shares no content word with the sentence it replaces",
    )


def check_grounded(text: str, facts: CalmFacts) -> CheckResult:
    return check_grounded_words(text, facts, SENTENCE_GENERIC)


def check_one_sentence_or_question(text: str, facts: CalmFacts) -> CheckResult:
    return check_one_sentence(text, ends=(".", "?"))  # a plea may become a question


CALM_REWRITE_CHECKS = (
    check_required_names,
    check_unknown_names,
    check_numbers,
    check_placeholders,
    check_no_loops,
    check_no_begging,
    check_calm,
)
CALM_SENTENCE_CHECKS = (
    check_required_names,
    check_unknown_names,
    check_numbers,
    check_placeholders,
    check_not_echo,
    check_no_loops,
    check_no_begging,
    check_grounded,
    check_keeps_the_point,
    check_one_sentence_or_question,
)


def check_calm_rewrite(text: str, facts: CalmFacts) -> list[CheckResult]:
    return check_draft(text, facts, CALM_REWRITE_CHECKS)


def check_calm_sentence(text: str, facts: CalmFacts) -> list[CheckResult]:
    return check_draft(text, facts, CALM_SENTENCE_CHECKS)


# ---- the calm rewrite's own rules, with the examples each must flag and must pass ----

EXAMPLE_ORIGINAL = "Please reconsider me for the analyst job, I really need it!"
EXAMPLE_SENTENCE = "I respect your decision and would welcome hearing of future analyst roles."


def _example_facts() -> CalmFacts:
    return CalmFacts(
        known_text="\n".join(
            [
                "Dear Priya,\n\n" + EXAMPLE_ORIGINAL + "\n\nBest,\nJordan",
                "Priya",
                "Northwind",
                *calm_table(),
            ]
        ),
        names=["Priya", "Northwind"],
        original=EXAMPLE_ORIGINAL,
        prompt_text="Rewrite the sentence so that it is calm and polite.",
    )


CALM_REWRITE_RULES: RuleSet[Draft] = RuleSet(
    "calm-rewrite-guard",
    (
        judged(
            "calm",
            on_facts(check_calm),
            ("Please, please reconsider me, I really NEED this job!!! I'm begging you.",),
            (EXAMPLE_SENTENCE,),
        ),
        judged(
            "keeps-the-point",
            on_facts(check_keeps_the_point),
            ("I'll be happy to help.",),
            (EXAMPLE_SENTENCE,),
        ),
        judged(
            "grounded-words",
            on_facts(check_grounded),
            ("I respect your decision about the robotics team.",),
            (EXAMPLE_SENTENCE,),
        ),
        judged(
            "one-sentence",
            on_facts(check_one_sentence_or_question),
            ("I respect your decision. I would welcome future analyst roles.",),
            ("Could you keep me in mind for future analyst roles?",),
        ),
    ),
    subject=lambda example: Draft(example, _example_facts()),
)
