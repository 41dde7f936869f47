"""Every resume check: should-flag and should-pass examples in ONE table, a meta-test that each
code has both, and the fixture resumes (a clean strong one must stay clean)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.checks import REGISTRY, run_checks
from assistant.errors import InputError
from assistant.inputs.resume import parse_resume_text, read_resume
from assistant.tasks.critique import CritiqueRequest, critique

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "resumes"

# A clean resume; a one-line example replaces its {bullet}. Multi-line examples are whole resumes.
BASE = """# Dana Reyes
dana.reyes@example.com | (555) 201-3344 | Denver, CO

## Experience
### Operations Analyst, Alpine Freight, Jan 2021 - Present
- {bullet}
- Cut invoice errors by 40% with a weekly reconciliation in Excel
- Trained 12 dispatchers on the new routing software

## Education
B.A. Economics, University of Colorado, 2020

## Skills
Excel, SQL, Tableau, logistics
"""

LONG = BASE.replace("{bullet}", "Negotiated 14 carrier contracts worth $3M") + (
    "\n## Projects\n"
    + "\n".join(
        f"- Mapped {i} delivery routes for the regional depot network and its"
        " partner warehouses across the whole state of Colorado"
        for i in range(90)
    )
)

EXAMPLES = [
    # (code, text, should_flag)
    ("missing-contact", BASE.replace("dana.reyes@example.com | (555) 201-3344 | ", ""), True),
    ("missing-contact", BASE.replace("dana.reyes@example.com | ", ""), True),
    ("missing-contact", "Shipped 3 releases", False),
    ("missing-section", BASE.replace("## Skills\nExcel, SQL, Tableau, logistics\n", ""), True),
    ("missing-section", BASE.replace("## Education", "## Notes"), True),
    ("missing-section", BASE.replace("## Skills", "CORE COMPETENCIES"), False),
    ("missing-section", BASE.replace("## Experience", "Work History"), False),
    ("unquantified-bullet", "Improved the onboarding process for new drivers", True),
    ("unquantified-bullet", "Built dashboards that the sales team used in meetings", True),
    ("unquantified-bullet", "Improved onboarding for 25 new drivers a month", False),
    ("unquantified-bullet", "Cut shipping costs by a third, saving $40K", False),
    ("unquantified-bullet", "Awarded Employee of the Year", False),
    ("weak-opener", "Responsible for managing the warehouse schedule", True),
    ("weak-opener", "Helped with the quarterly budget review", True),
    ("weak-opener", "Worked on a new returns process for 200 stores", True),
    ("weak-opener", "Duties included answering 50 calls a day", True),
    ("weak-opener", "Managed the warehouse schedule for 30 drivers", False),
    ("weak-opener", "Helmed the budget review for 4 regions", False),
    ("first-person", "I managed the budget of $2M", True),
    ("first-person", "Managed my team's budget of $2M", True),
    ("first-person", "Mentored 3 analysts who reported to me", True),
    ("first-person", "Managed a $2M budget in Portland, ME", False),
    ("first-person", "Ran Phase I of the ERP rollout for 5 sites", False),
    ("passive-voice", "The budget was managed for 4 regions", True),
    ("passive-voice", "Reports were written by me every week for 12 managers", True),
    ("passive-voice", "Managed the budget for 4 regions", False),
    ("passive-voice", "Was promoted to team lead after 9 months", False),
    ("passive-voice", "Based in Denver, covered 3 states", False),
    ("buzzword", "Results-driven analyst who cut costs by 10%", True),
    ("buzzword", "Spearheaded a synergy initiative across 3 teams", True),
    ("buzzword", "Leveraged Excel to cut errors by 40%", True),
    ("buzzword", "Cut costs by 10% by renegotiating 8 contracts", False),
    ("buzzword", "Solved routing with dynamic programming for 300 routes", False),
    ("too-long", LONG, True),
    ("too-long", BASE.replace("{bullet}", "Negotiated 14 carrier contracts worth $3M"), False),
    (
        "long-bullet",
        "Coordinated the rollout of the new routing software across 14 depots, working with drivers,"
        " dispatchers, the finance team and two outside vendors over several months to make sure that"
        " every route was tested end to end before the launch in the spring",
        True,
    ),
    ("long-bullet", "Rolled out routing software to 14 depots in 3 months", False),
    ("date-inconsistent", BASE.replace("{bullet}", "Cut costs by 10%") + "\n", False),
    (
        "date-inconsistent",
        BASE.replace("Jan 2021 - Present", "01/2021 - Present").replace(
            "## Education",
            "### Clerk, Summit Foods, March 2019 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
        ),
        True,
    ),
    (
        "date-inconsistent",
        BASE.replace(
            "## Education",
            "### Clerk, Summit Foods, 2018 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
        ),
        True,
    ),
    (
        "date-inconsistent",
        BASE.replace(
            "## Education",
            "### Clerk, Summit Foods, May 2019 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
        ),
        False,
    ),
    (
        "repeated-verb",
        BASE.replace(
            "- {bullet}", "- Managed 4 depots\n- Managed 20 drivers\n- Managed $1M of freight"
        ),
        True,
    ),
    (
        "repeated-verb",
        BASE.replace(
            "- {bullet}", "- Managed 4 depots\n- Hired 20 drivers\n- Moved $1M of freight"
        ),
        False,
    ),
    ("missing-dates", BASE.replace(", Jan 2021 - Present", ""), True),
    ("missing-dates", BASE.replace("Jan 2021 - Present", "2021 - 2023"), False),
    # a date on the line after the title, and the shapes real resumes use
    ("missing-dates", BASE.replace(", Jan 2021 - Present", "\n09/2019 to 04/2020"), False),
    ("missing-dates", BASE.replace("Jan 2021 - Present", "March 2019 to Current"), False),
    ("missing-dates", BASE.replace("Jan 2021 - Present", "2019 - present"), False),
    # a label line over bullets is not a position
    ("missing-dates", BASE.replace("- {bullet}", "Key Results:\n- Cut 12 routes"), False),
    ("missing-contact", BASE.replace("(555) 201-3344", "+44 7700 900456"), False),
    ("missing-contact", BASE.replace("(555) 201-3344", "07700 900123 | London, UK"), False),
    ("missing-contact", BASE.replace("(555) 201-3344", "+91 7001610649"), False),
    ("passive-voice", "Ensured all 40 shipping deadlines were met", False),
    ("weak-opener", "Assisted customers with 40 returns and exchanges a day", False),
    ("weak-opener", "Assisted the marketing team with various tasks", True),
    ("template-leftover", "Typed at [35] WPM for 4 partners", True),
    ("template-leftover", "Managed accounts at [Company] for 3 years", True),
    ("template-leftover", "Grew revenue by [%] in the [year] fiscal year", True),
    ("template-leftover", "Ran audits for XYZ Corporation in 5 states", True),
    ("template-leftover", "Wrote the [setup guide](https://example.com) used by 40 staff", False),
    ("template-leftover", "Cut costs by 10% (see the 2021 report)", False),
    (
        "wall-of-text",
        "Planned and publicized events, negotiated vendor contracts and designed promotional"
        " materials. Proofread and reviewed all print and electronic content for grammar and house"
        " style. Revised campaigns in response to feedback from the creative director, wrote copy"
        " for the website, managed the social media calendar and coordinated with the print shop"
        " on deadlines for 12 campaigns a year across the region, and trained three new"
        " coordinators on the booking system every spring",
        True,
    ),
    ("wall-of-text", "Rolled out routing software to 14 depots in 3 months", False),
    ("spelling", "Managed the recieving dock for 30 drivers", True),
    ("spelling", "Managed the receiving dock for 30 drivers", False),
    ("spelling", "Set timelines and fundraise targets for 4 projects", False),
    ("spelling", "Deployed Kubernetes and Terraform for 3 teams in Tromsø", False),
]


def _resume(text: str):
    return parse_resume_text(
        text if "\n" in text else BASE.replace("{bullet}", text), "example.md", "md"
    )


@pytest.mark.parametrize(
    "code,text,should_flag",
    EXAMPLES,
    ids=[f"{c}-{'flag' if f else 'pass'}-{i}" for i, (c, _, f) in enumerate(EXAMPLES)],
)
def test_check_examples(code, text, should_flag):
    found = [f for f in run_checks(_resume(text)) if f.code == code]
    assert bool(found) == should_flag, found


def test_every_check_has_flag_and_pass_examples():
    for code in REGISTRY:
        kinds = {flag for c, _, flag in EXAMPLES if c == code}
        assert kinds == {True, False}, f"check {code} needs should-flag and should-pass examples"
    unknown = {c for c, _, _ in EXAMPLES} - set(REGISTRY)
    assert not unknown, (
        f"examples for codes no check has (a should-pass example would pass vacuously): {unknown}"
    )
    assert all(
        re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in REGISTRY
    )  # stable kebab-case codes


def test_registry_has_the_issue_codes():
    wanted = {
        "missing-contact",
        "missing-section",
        "unquantified-bullet",
        "weak-opener",
        "first-person",
        "passive-voice",
        "buzzword",
        "too-long",
        "long-bullet",
        "date-inconsistent",
        "repeated-verb",
    }
    assert wanted <= set(REGISTRY)
    assert all(
        c.message and c.suggestion and c.severity in ("error", "warning", "info")
        for c in REGISTRY.values()
    )


def test_findings_point_at_the_line():
    resume = _resume("Responsible for the warehouse schedule")
    finding = next(f for f in run_checks(resume) if f.code == "weak-opener")
    assert resume.lines[finding.line - 1].endswith("Responsible for the warehouse schedule")
    assert (
        finding.section == "experience"
        and finding.excerpt == "Responsible for the warehouse schedule"
    )


def test_clean_strong_resume_has_no_findings():
    assert run_checks(read_resume(FIXTURES / "strong-data-analyst.md")) == []


@pytest.mark.parametrize(
    "name,codes",
    [
        (
            "weak-marketing-coordinator.txt",
            {"weak-opener", "first-person", "buzzword", "passive-voice", "unquantified-bullet"},
        ),
        ("no-contact-no-skills.md", {"missing-contact", "missing-section"}),
        ("mixed-dates-repeated-verbs.txt", {"date-inconsistent", "repeated-verb"}),
        ("long-program-manager.md", {"too-long", "long-bullet"}),
        ("registered-nurse.md", {"passive-voice", "first-person"}),
        ("new-grad-developer.txt", {"weak-opener", "passive-voice", "unquantified-bullet"}),
        ("product-designer.json", {"buzzword", "weak-opener"}),
        ("backend-engineer.pdf", {"weak-opener"}),
        ("english-teacher.docx", {"weak-opener", "date-inconsistent"}),
    ],
)
def test_fixture_resumes_show_their_problems(name, codes):
    found = {f.code for f in run_checks(read_resume(FIXTURES / name))}
    assert codes <= found
    assert "missing-contact" not in found or "missing-contact" in codes


_LINES = st.sampled_from(
    [
        "# Experience",
        "EDUCATION",
        "Skills:",
        "Work History",
        "- Managed 3 teams",
        "- Responsible for I/O",
        "* was written by me",
        "Analyst, Acme, Jan 2020 - 03/2021",
        "jane@example.com",
        "(555) 123-4567",
        "",
        "---",
        "**Projects**",
        "1. Built it",
        "   continued line",
        "I am passionate",
        "2019-2020",
        "#",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=40))
def test_any_text_gives_a_critique_or_one_clear_error(lines):
    text = "\n".join(lines) + "\nfiller words " * 10
    try:
        resume = parse_resume_text(text, "any.md", "md")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    result = critique(CritiqueRequest(resume=resume))
    assert 0 <= result.score <= 100
    for f in result.findings:
        assert f.line is None or 1 <= f.line <= len(resume.lines)
