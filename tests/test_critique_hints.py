"""Hints: a check's borderline cases (severity "hint", session 24). A resume between two and a
half and three pages, a bullet of 36-40 words and a bracketed name are hints; past three pages,
over 40 words and a template's slot ('[Company]') are firm findings. Hints keep their check's
code, are shown apart after the findings ("Worth a look"), keep their severity in --json, cost
half a firm finding in the score and are never a top fix or a bullet picked for rewriting."""

from __future__ import annotations

import json

import pytest

from assistant.analysis.score import HINT_PRICE, score_parts
from assistant.checks import example_resume, rule, run_checks
from assistant.checks.examples import BASE, with_projects
from assistant.checks.structure import distinct_words
from assistant.cli.critique_report import report_text
from assistant.rules import HINT, firm, hints
from assistant.tasks.critique import CritiqueRequest, critique, weakest_bullets
from assistant.tasks.critique_result import top_fixes

BULLET_38 = rule("long-bullet").should_hint[0]
BULLET_42 = BULLET_38 + " with the depot managers"


def _of(code: str, text: str):
    return [f for f in run_checks(example_resume(text)) if f.code == code]


def test_a_resume_of_about_1300_words_gives_a_too_long_hint_and_no_firm_finding():
    text = with_projects(62)
    assert 1250 < distinct_words(text) < 1500  # two and a half to three pages
    found = _of("too-long", text)
    assert [f.severity for f in found] == [HINT]
    assert "2.6 pages" in found[0].message


def test_a_resume_of_about_1700_words_gives_a_firm_too_long_finding():
    text = with_projects(82)
    assert 1500 < distinct_words(text) < 1800
    found = _of("too-long", text)
    assert len(found) == 1 and found[0].severity == "warning"


def test_a_38_word_bullet_is_a_hint_and_a_42_word_one_a_finding():
    assert len(BULLET_38.split()) == 38 and len(BULLET_42.split()) == 42
    assert [f.severity for f in _of("long-bullet", BULLET_38)] == [HINT]
    assert [f.severity for f in _of("long-bullet", BULLET_42)] == ["info"]


@pytest.mark.parametrize(
    "line, severity",
    [
        ("Managed accounts at [Company] for 3 years", "error"),
        ("Typed at [35] WPM for 4 partners", "error"),
        ("Serviced [equipment] for 40 clients a [week/month/year]", "error"),
        ("Sold 3 [Product Name] lines in 2019", "error"),
        ("Earned an MBA at ICFAI University [Dehradun] in 2007", HINT),
        ("Named [WalMart] Employee of the Month 4 times in 2010", HINT),
    ],
)
def test_a_template_slot_is_firm_and_a_bracketed_name_a_hint(line, severity):
    found = _of("template-leftover", line)
    assert found and {f.severity for f in found} == {severity}


def _result(text: str):
    return critique(CritiqueRequest(resume=example_resume(text)))


def test_the_report_shows_hints_apart_after_the_findings():
    result = _result(with_projects(62).replace("Negotiated 14", "Responsible for 14"))
    assert hints(result.findings) and firm(result.findings)
    report = report_text(result, width=200)
    head, _, tail = report.partition("Worth a look")
    assert tail, report
    assert "[too-long]" in tail and "[too-long]" not in head
    assert "[weak-opener]" in head and "[weak-opener]" not in tail


def test_a_resume_with_only_hints_says_it_has_no_findings_and_shows_the_hints():
    result = _result(BULLET_38)
    assert [f.code for f in result.findings] == ["long-bullet"]
    report = report_text(result, width=200)
    assert "No findings." in report
    assert (
        report.index("No findings.") < report.index("Worth a look") < report.index("[long-bullet]")
    )


def test_json_keeps_the_hint_severity_and_the_check_code(cli, tmp_path):
    path = tmp_path / "resume.md"
    path.write_text(with_projects(62))
    result = cli("critique", path, "--no-model", "--json")
    assert result.exit_code == 0, result.stderr
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "too-long"]
    assert [f["severity"] for f in found] == ["hint"]


def test_a_hint_costs_half_what_the_same_finding_costs_firm():
    resume = example_resume(with_projects(62))
    findings = run_checks(resume)
    hint = next(f for f in findings if f.code == "too-long")
    others = [f for f in findings if f is not hint]
    as_firm = others + [hint.model_copy(update={"severity": "warning"})]
    none, with_hint, with_firm = (score_parts(resume, fs)[0] for fs in (others, findings, as_firm))
    assert with_firm < with_hint < none
    assert none - with_hint == pytest.approx(HINT_PRICE * (none - with_firm))
    structure = score_parts(resume, findings)[1]["structure"][1]
    assert "too-long (1 hint)" in structure


def test_a_hint_is_never_a_top_fix_nor_picks_a_bullet_to_rewrite():
    findings = run_checks(example_resume(BULLET_38))
    assert [f.severity for f in findings] == [HINT]
    assert top_fixes(findings) == [] and weakest_bullets(findings) == []
    firm_one = run_checks(example_resume(BULLET_42))
    assert [f.code for f in top_fixes(firm_one)] == ["long-bullet"]
    assert weakest_bullets(firm_one) == [firm_one[0].excerpt]


def test_a_base_resume_gives_no_hint():
    assert hints(run_checks(example_resume(BASE.replace("{bullet}", "Cut costs by 10%")))) == []
