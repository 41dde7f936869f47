"""The text layer: one tokenizer, sentence splitter, bullet and number recogniser, content words,
stemmer and term matcher (assistant/text)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.text import (
    bullet_item,
    content_words,
    figures,
    find_term,
    has_quantity,
    number_forms,
    sentences,
    statements,
    stem,
    strip_marks,
    tokens,
    words,
)

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"


def test_tokens_keep_the_punctuation_of_names():
    assert tokens("I used C++, C#, Node.js and .NET at Sainsbury\u2019s; CI/CD.") == [
        "i", "used", "c++", "c#", "node.js", "and", ".net", "at", "sainsbury's", "ci/cd",
    ]  # fmt: skip
    assert words("Grew 40% in 2023 with R&D") == ["Grew", "in", "with", "R&D"]


def test_a_name_keeps_its_closing_plus_whatever_its_length():
    # 'Security+' is a certification, not the word 'security' (it used to lose its '+' while 'A+'
    # kept it, so an ad's "security provisions" named "CompTIA Security+")
    assert tokens("CompTIA Security+, A+ and Network+; a+b; 5+ years.") == [
        "comptia", "security+", "a+", "and", "network+", "a+b", "5+", "years",
    ]  # fmt: skip
    assert find_term("Security+", "LAPD security provisions") is None
    assert find_term("Security+", "holds Security+.") is not None


def test_content_words_leave_out_stop_words_numbers_and_single_letters():
    assert content_words("I led a team of 12 in the UK") == ["led", "team", "uk"]


def test_one_stemmer_for_every_inflection():
    assert stem("managed") == stem("managing") == stem("manages")
    assert stem("Sainsbury's") == stem("Sainsbury")
    assert stem("C++") == "c++"


@pytest.mark.parametrize(
    "a, b",
    [
        ("supervisory", "supervision"),
        ("advisory", "advise"),
        ("certified", "certification"),
        ("verify", "verification"),
        ("administer", "administration"),
        ("registered", "registration"),
        ("licence", "licensed"),  # British and American spellings
        ("colour", "color"),
        ("organised", "organization"),
        ("centre", "centers"),
        ("modelling", "modeled"),
    ],
)
def test_the_stemmer_joins_derivations_a_reader_joins(a, b):
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("analyzing", "analytical"),  # a verb is no adjective
        ("maintenance", "maintained"),  # a trade's work, and any keeping
        ("attendance", "attain"),
        ("directory", "direct"),
        ("history", "his"),
        ("inventory", "invent"),
        ("general", "generation"),
        ("invest", "investigation"),
        ("organ", "organization"),
    ],
)
def test_the_stemmer_keeps_apart_words_that_only_look_related(a, b):
    assert stem(a) != stem(b)


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("Node.js", "Built APIs on node.js and Postgres", "node.js"),
        ("C++", "Wrote C++ services", "C++"),
        ("Sainsbury", "Store manager at Sainsbury\u2019s", "Sainsbury\u2019s"),
        ("stakeholder management", "Managed stakeholders across teams", None),
        ("manage stakeholders", "Managing stakeholders across teams", "Managing stakeholders"),
        ("Java", "Wrote JavaScript", None),
        ("C", "Wrote C++ services", None),
        ("SQL", "wrote sql daily", "sql"),
    ],
)
def test_the_term_matcher_compares_stemmed_tokens_at_word_boundaries(term, text, found):
    span = find_term(term, text)
    assert (text[span[0] : span[1]] if span else None) == found


def test_one_sentence_splitter_keeps_titles_and_can_split_lines():
    assert sentences('Dr. Lee said "well done." Then we left! Next') == [
        'Dr. Lee said "well done."',
        "Then we left!",
        "Next",
    ]
    assert sentences("first line\nsecond line") == ["first line\nsecond line"]
    assert sentences("first line\nsecond line", lines=True) == ["first line", "second line"]
    assert sentences("We met.\n- one point\n- another") == ["We met.", "- one point", "- another"]
    # a possessive's 's' is no initial: "St Luke's." ends a sentence, "J." does not
    assert sentences("I work at St Luke's. Since May I have waited. Ask J. Smith.") == [
        "I work at St Luke's.",
        "Since May I have waited.",
        "Ask J. Smith.",
    ]
    # nor is a letter that the pronoun "I" follows: "plan B." ends a sentence
    assert sentences("I have no plan B. I have wanted this. I'm sure J. I. Smith agrees.") == [
        "I have no plan B.",
        "I have wanted this.",
        "I'm sure J. I. Smith agrees.",
    ]
    # "ex." opening a bracket of examples is no sentence end; "my ex." is
    assert sentences("Use SQL (ex. Snowflake, Redshift). I met my ex. Then left.") == [
        "Use SQL (ex. Snowflake, Redshift).",
        "I met my ex.",
        "Then left.",
    ]
    assert sentences("It reads as a no. If so, see form No. 5 please.") == [
        "It reads as a no.",
        "If so, see form No. 5 please.",
    ]
    # a day's number is no initial: "on June 2." ends a sentence; "1." numbering an item does not
    assert sentences("We met on June 2. I start on the 9. Ask J. Smith.") == [
        "We met on June 2.",
        "I start on the 9.",
        "Ask J. Smith.",
    ]
    assert sentences("1. Managed the team. 2. Built things.\n3. Led") == [
        "1. Managed the team.",
        "2. Built things.",
        "3. Led",
    ]


def test_bullets_and_numbers():
    assert bullet_item("  \u2022 Led the team  ") == "Led the team"
    assert bullet_item("12) Shipped it") == "Shipped it"
    assert bullet_item("Led the team") is None
    assert strip_marks("## **Requirements**") == "Requirements"
    assert figures("Cut costs 18% and doubled sales to 5k") == ["18%", "doubled", "5k"]
    assert {"1,200", "1200", "7"} <= number_forms("from 1,200 to 07")


def test_a_list_mark_after_markdowns_escape_is_a_bullet_as_the_mark_is():
    """A Markdown export that escaped its list marks ("\\- Work ...") shows them as marks."""
    assert bullet_item("\\- Work as part of small teams") == "Work as part of small teams"
    assert bullet_item("  \\* Pair program with engineers") == "Pair program with engineers"
    assert bullet_item("\\+ Operate production applications") == "Operate production applications"
    assert strip_marks("\\- Operate production applications") == "Operate production applications"
    # should pass as they were: an escaped mark that is no list mark, an escape inside a line
    assert bullet_item("\\# Not a heading") is None
    assert bullet_item("BRL 429,716 \\- BRL 515,659") is None
    assert bullet_item("\\-5 degrees") is None


def test_an_amount_is_not_a_date_a_code_or_a_level():
    for amount in (
        "Managed a team of 10",
        "Saved $2M",
        "Ran a 5K for 300 runners",
        "Served 2,000+ clients",
        "Cut costs by 15%",
        "Doubled sales",
        "Hired over 1200 staff in 2019",
    ):
        assert has_quantity(amount), amount
    for none in (
        "Verified the 2006 tax provision",
        "Tested units on the Agilent 83480A",
        "Issued W-2 forms",
        "Led the MU Stage 1 initiative",
        "Taught grades 9 through 12",
        "Trained in October 2016",
        "Call (252) 493-4081",
        "Gave one-on-one coaching",
    ):
        assert not has_quantity(none), none


def test_the_text_regexes_run_in_linear_time_on_hostile_input():
    """No nested quantifiers: a long run of one character is handled at once, not hung on."""
    hostile = "a" * 20000 + "!" + " " * 20000 + "-" * 20000 + "." * 20000
    assert tokens(hostile)
    assert sentences(hostile)
    assert bullet_item("- " + " x" * 20000 + " " * 20000 + "!") is not None
    assert not has_quantity(hostile + "A" * 20000 + "a" * 20000 + "Aa" * 10000 + "1" * 20000 + "x")


def _definitions(pattern: str) -> list[str]:
    """Modules outside assistant/text that compile a regex matching `pattern`."""
    out = []
    for path in PACKAGE.rglob("*.py"):
        if "text" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "compile"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and re.search(pattern, node.args[0].value)
            ):
                out.append(str(path.relative_to(PACKAGE)))
    return out


def test_statements_cut_sentences_at_semicolons():
    assert statements("Labor cost management; Inventory management. Led 4 staff.") == [
        "Labor cost management",
        "Inventory management.",
        "Led 4 staff.",
    ]
    assert statements("Dr. Lee led the audit") == ["Dr. Lee led the audit"]


def test_one_tokenizer_and_one_sentence_splitter_in_the_package():
    assert _definitions(r"\(\?<=\[\.!\?\]\)\\s\+") == []  # a sentence split on end marks
    # a word tokenizer: a word character class followed by a run that allows apostrophes
    assert _definitions(r"^(?:\\\.\?)?\[(?:A-Za-z|a-z|\^\\W_)[^\n]*'") == []
