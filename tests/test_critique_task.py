"""The critique task: score and subscores, the template summary and rewrites, and the model path
on the fake backend (the guard refuses invented numbers, employers and tools)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.analysis.rewrite import BLANK, rewrite_bullet, suggest
from assistant.inputs.job import read_job
from assistant.inputs.resume import read_resume
from assistant.tasks.critique import CritiqueRequest, critique
from assistant.text import number_forms as known_numbers

ROOT = Path(__file__).resolve().parent.parent
RESUMES = ROOT / "fixtures" / "resumes"
JOBS = ROOT / "fixtures" / "jobs"
WEAK = RESUMES / "weak-marketing-coordinator.txt"
JSON_KEYS = {
    "file",
    "score",
    "subscores",
    "findings",
    "keywords",
    "summary",
    "rewrites",
    "generation",
}


def _critique(name: str, job: str | None = None, backend=None):
    request = CritiqueRequest(
        resume=read_resume(RESUMES / name), job=read_job(JOBS / job) if job else None
    )
    return critique(request, backend)


def test_result_shape_and_scores():
    result = _critique("weak-marketing-coordinator.txt")
    dumped = result.model_dump()
    assert set(dumped) == JSON_KEYS
    assert set(dumped["findings"][0]) == {
        "code",
        "severity",
        "message",
        "section",
        "line",
        "excerpt",
        "suggestion",
    }
    assert (
        set(result.subscores) == {"impact", "clarity", "structure", "substance"}
        and result.keywords is None
    )
    assert all(0 <= s.score <= 100 and s.explanation for s in result.subscores.values())
    assert result.generation.source == "template"


def test_strong_resume_outscores_weak_ones():
    strong = _critique("strong-data-analyst.md").score
    for name in (
        "weak-marketing-coordinator.txt",
        "no-contact-no-skills.md",
        "new-grad-developer.txt",
    ):
        assert _critique(name).score < strong


def _parts(text: str) -> dict:
    from assistant.analysis.score import score_parts
    from assistant.checks import run_checks
    from assistant.inputs.resume import parse_resume_text

    resume = parse_resume_text(text, "r.md", "md")
    return score_parts(resume, run_checks(resume))[1]


HISTORY = (
    "Jo Doe\njo@example.com\n\n## Education\nBSc Economics, State University of Ohio, 2019\n"
    "\n## Skills\nExcel, SQL, Tableau, Python, budgeting, forecasting\n\n"
    "## Experience\nAnalyst, Acme, 2019 - 2023\n"
)


def test_impact_reads_figures_where_they_stand():
    """A two-word bullet with no figure shows no result; a bullet of two statements earns for
    the one that shows a figure."""
    listed = _parts(HISTORY + "- Java\n- React\n")["impact"]
    assert listed[0] < 50 and listed[1].startswith("0 statements show")
    mixed = _parts(HISTORY + "- Built the Excel model; cut the close by 3 days\n")["impact"]
    assert mixed[1].startswith("1 statement shows")
    dated = _parts(HISTORY + "- Verified the 2006 tax provision on Agilent 83480A units\n")
    assert dated["impact"][1].startswith("0 statements show")  # a year and a model number


def test_impact_counts_results_not_their_share():
    """Every bullet shows a figure in both, but ten results are a longer record than two."""
    bullets = [f"- Cut the {w} cost by {n}%\n" for n, w in zip(range(3, 13), "abcdefghij")]
    short = _parts(HISTORY + "".join(bullets[:2]))["impact"][0]
    long = _parts(HISTORY + "".join(bullets))["impact"][0]
    assert short < long


def test_substance_counts_what_the_bullets_say_and_saturates():
    thin = _parts(HISTORY + "- Any assigned duties\n")["substance"][0]
    cliche = _parts(HISTORY + "- Any assigned duties as a results-driven team player\n")
    full = HISTORY + "".join(
        f"- {v} {w} reports in {t} for the {d} team\n"
        for v, w, t, d in zip(
            "Built Wrote Audited Automated Rebuilt Cleaned Merged Priced Drafted Shared "
            "Planned Ranked Checked Filed Traced Sorted".split(),
            "sales cost churn margin audit tax payroll stock freight budget lease grant "
            "rebate loan fraud claims".split(),
            "Excel SQL Tableau Python Looker SAP Oracle Power-BI Sheets Alteryx Stata "
            "Qlik Access Hyperion Kronos NetSuite".split(),
            "finance retail ops legal supply treasury people risk fleet board credit "
            "pricing store audit sourcing quality".split(),
        )
    )
    longer = full + "- Led the quarterly planning review with regional managers\n"
    assert thin < 20 and cliche["substance"][0] == thin
    assert _parts(full)["substance"][0] == 100 == _parts(longer)["substance"][0]


def test_job_adds_keywords_and_a_subscore():
    result = _critique("strong-data-analyst.md", "data-analyst-northwind.md")
    assert set(result.subscores) == {"impact", "clarity", "structure", "substance", "keywords"}
    assert {"SQL", "Tableau", "Python"} <= set(result.keywords.matched)
    assert "HIPAA" in result.keywords.missing
    assert result.subscores["keywords"].score == round(100 * result.keywords.match_rate)
    assert "HIPAA" in result.summary  # the template names the missing terms


def test_template_summary_names_the_top_fixes():
    result = _critique("weak-marketing-coordinator.txt")
    assert "Opens with a duty" in result.summary and "(6 places)" in result.summary
    # read as a list of kinds of problem: not "This achievement ... (3 places)", not "Found 2 buzzword"
    assert "This achievement" not in _critique("product-designer.json").summary
    assert (
        result.subscores["clarity"].explanation
        == "Findings: buzzword (3): -21, first-person (4): -19, passive-voice (1): -3."
    )
    assert _critique("strong-data-analyst.md").summary.startswith("No problems found")


def test_template_rewrites_the_weakest_bullets_without_new_facts():
    resume = read_resume(WEAK)
    result = _critique("weak-marketing-coordinator.txt")
    assert len(result.rewrites) == 3
    known = known_numbers(resume.text)
    for r in result.rewrites:
        assert r.original in resume.text and r.suggestion != r.original
        assert BLANK in r.suggestion  # none of these had a number: the blank asks for one
        assert not [n for n in re.findall(r"\d+", r.suggestion) if n not in known]


@pytest.mark.parametrize(
    "original,expected",
    [
        (
            "Responsible for managing social media accounts",
            "Managed social media accounts, growing [metric] by [__]% in [period]",
        ),
        (
            "Campaigns were planned and launched by me each quarter",
            "Planned and launched campaigns each quarter, growing [metric] by [__]% in [period]",
        ),
        (
            "My role was to coordinate events",
            "Coordinated events, growing [metric] by [__]% in [period]",
        ),
        (
            "Duties included writing blog posts",
            "Wrote blog posts, growing [metric] by [__]% in [period]",
        ),
        (
            # 'dynamic' alone is no cliche (dynamic pricing, dynamic range): only the verb changes
            "Spearheaded the dynamic initiative to cut costs by 5%",
            "Led the dynamic initiative to cut costs by 5%",
        ),
        (
            "Worked on testing of the mobile app",
            "Tested the mobile app, cutting [metric] by [__]% in [period]",
        ),  # not "Tested of"
        (
            "Responsible for managing and reporting budgets",
            "Managed and reported budgets, growing [metric] by [__]% in [period]",
        ),
    ],
)
def test_rewrite_bullet(original, expected):
    assert rewrite_bullet(original) == expected


@pytest.mark.parametrize(
    "original,expected",
    [
        # every verb of a list in the past tense, not just the first
        (
            "Execute, implement, and modify lesson plans for 6th grade",
            "Executed, implemented, and modified lesson plans for 6th grade",
        ),
        (
            "Consistently build rapport with patients",
            "Built rapport with patients, growing [metric] by [__]% in [period]",
        ),
        (
            "Answer inbound calls from members",
            "Answered inbound calls from members, about [__] a [week]",
        ),
        (
            "Trained new employees in the on-boarding process",
            "Trained new employees in the on-boarding process, [__] people in all",
        ),
        # a hyphenated verb keeps its particle
        (
            "Follow-up with students until the start of classes",
            "Followed up with students until the start of classes, improving [metric] by [__]% in"
            " [period]",
        ),
        # an abbreviation's full stop does not make two statements
        (
            "Maintained test equipment for C.O. telecommunications equipment",
            "Maintained test equipment for C.O. telecommunications equipment, cutting [metric] by"
            " [__]% in [period]",
        ),
    ],
)
def test_rewrite_restructures_around_the_verb(original, expected):
    assert rewrite_bullet(original) == expected


@pytest.mark.parametrize("space", [" ", "  ", "\t \t", " " * 30])
def test_the_spaces_before_a_comma_go_however_many(space):
    from assistant.analysis.rewrite import restructure

    assert restructure(f"Managed budgets{space}, schedules{space}; and vendors") == (
        "Managed budgets, schedules; and vendors"
    )


def test_a_long_run_of_spaces_is_restructured_in_linear_time():
    import time

    from assistant.analysis.rewrite import restructure

    start = time.process_time()
    assert restructure("Managed budgets" + "\t" * 30_000 + "and vendors") == (
        "Managed budgets and vendors"
    )
    assert time.process_time() - start < 2.0  # tried from every space to the run's end: 10 s


@pytest.mark.parametrize(
    "original,lacks",
    [
        # no verb to lead with: the line says only what is surely missing, never "no action"
        ("Insurance processing and communication.", "No rewrite shown: it gives no number"),
        # a gerund in a list of duties is a noun: no verb to lead with ("Marked and feedback")
        ("Responsible for marking and feedback", "No rewrite shown: it opens with a duty"),
        # "helped" says the user did part of it: never turned into the action itself
        ("Helped with onboarding of new clients", "No rewrite shown: it opens with a duty"),
        # the user's own words do not read cleanly: a rewrite would keep them
        (
            "Created events for the loyal customer base to increase the the store's sales by 15%",
            "No rewrite shown: 'the the' repeats a word",
        ),
        # a label before the verb, a present tense list with a third-person verb later on
        ("Market Research Interviewed clients via surveys", "No rewrite shown: it gives no number"),
        (
            "Processes issues, kills, and rejects management notices.",
            "No rewrite shown: it gives no number",
        ),
        # two bullets run together: a capitalised verb in the middle of the line
        (
            "Ran study skills sessions on Saturdays Created portfolio projects",
            "More than one statement",
        ),
        # a number written as a word is a number
        (
            "Responsible for fourteen help desk staff members",
            "No rewrite shown: it opens with a duty ('Responsible for'), not with what you did.",
        ),
        # the user's grammar is broken after 'to'; a posting has no result to blank
        ("Tested new features to installed servers", "No rewrite shown: it gives no number"),
        ("Deployed to the Central Command at Tampa", "No rewrite shown: it gives no number"),
        # a result stated in words already: no blank repeats it, and nothing else changes
        ("Revamped the team with a process that helped improve quality", "No rewrite shown"),
        ("Cashier duties", "Too short"),
        (
            "Planned events. Negotiated vendor contracts. Designed promotional materials. Wrote copy"
            " for the website.",
            "A paragraph",
        ),
        (
            "Led 2 sales sites with over 500 people. Consistently ranked the first site in 2010.",
            "More than one statement",
        ),
    ],
)
def test_no_good_rewrite_says_what_is_missing(original, lacks):
    made = suggest(original)
    assert made.text == "" and made.missing.startswith(lacks)


def test_no_rewrite_appends_a_bare_result_blank():
    resume = read_resume(WEAK)
    for _, bullet in resume.bullets():
        assert "(result:" not in rewrite_bullet(bullet.text)


def test_small_model_adds_the_result_to_the_template_rewrite(fake_backend):
    fake_backend.queue(
        "Managed social media accounts for a team of [__] people",
        "Coordinated events and trade shows across [__] teams",
        "Planned and launched quarterly campaigns",  # no blank: refused twice, the template stands
    )
    result = _critique("weak-marketing-coordinator.txt", backend=fake_backend)
    assert result.generation.source == "model"
    assert result.summary.startswith("The 3 fixes")  # small models do not write the summary
    assert [r.suggestion for r in result.rewrites] == [
        "Managed social media accounts for a team of [__] people",
        "Coordinated events and trade shows across [__] teams",
        "Planned and launched campaigns each quarter, growing [metric] by [__]% in [period]",
    ]
    assert "leaves-a-blank" in result.generation.notice
    # the small model is given the rule-based rewrite, after worked examples as earlier turns
    messages, _ = fake_backend.calls[0]
    assert [m["role"] for m in messages] == ["system", *["user", "assistant"] * 4, "user"]
    assert messages[-1]["content"] == "Managed social media accounts"


def test_larger_model_writes_the_summary_and_rewrites_the_original(fake_backend):
    fake_backend.parameters = 3_000_000_000
    fake_backend.queue(
        "Lead every bullet with an action verb, remove the first person, and replace each cliche with a result.",
        "Ran [__] social media accounts, growing followers by [__]%",
    )
    result = _critique("weak-marketing-coordinator.txt", backend=fake_backend)
    assert result.summary.startswith("Lead every bullet") and result.generation.source == "model"
    assert (
        result.rewrites[0].suggestion
        == "Ran [__] social media accounts, growing followers by [__]%"
    )
    assert (
        fake_backend.calls[1][0][-1]["content"] == "Responsible for managing social media accounts"
    )


@pytest.mark.parametrize(
    "invented,why",
    [
        ("Managed social media accounts, growing followers by 35%", "no-new-numbers"),
        ("Managed social media accounts at Google", "no-unknown-names"),
        ("Managed social media accounts in Salesforce and HubSpot", "no-new-skills"),
        (
            "Responsible for social media accounts [__]",
            "just-an-ending",
        ),  # the bullet again, weak opener and all
        (
            "Managed social media accounts for a famous global fashion brand loved by [__] celebrities",
            "no-new-claims",
        ),
        (
            "Managed social media accounts, cutting costs by [__]%",
            "grounded-words",
        ),  # an effect only the user can claim
        (
            "Managed social media accounts for [__] patients",
            "grounded-words",
        ),  # an audience the resume never names
        ("Managed social media accounts for [__] people a day", "no-invented-rate"),
    ],
)
def test_guard_rejects_invented_facts(fake_backend, invented, why):
    # all three rewrites are asked for in one round, then the refused ones again (the next seed)
    fake_backend.queue(invented, "", "", invented)
    result = _critique("weak-marketing-coordinator.txt", backend=fake_backend)
    first = result.rewrites[0]
    assert first.suggestion == rewrite_bullet(first.original)  # the template stood
    assert [opts.seed for _, opts in fake_backend.calls] == [7, 7, 7, 8, 8, 8]
    assert (
        fake_backend.calls[3][0] == fake_backend.calls[0][0]
    )  # the retry is the first rewrite's prompt
    assert why in result.generation.notice
    assert (
        result.generation.source == "template"
    )  # the fake's later answers are empty: nothing from the model stood


def test_guard_rejects_a_larger_models_weak_opener(fake_backend):
    fake_backend.parameters = 3_000_000_000
    fake_backend.queue(
        "Start each bullet with a verb for what you did, drop the first person, and cut the cliches.",
        "Responsible for social media accounts [__]",
        "",
        "",
        "Responsible for social media accounts [__]",
    )
    result = _critique("weak-marketing-coordinator.txt", backend=fake_backend)
    assert result.rewrites[0].suggestion == rewrite_bullet(result.rewrites[0].original)
    assert "strong-opener" in result.generation.notice


def test_small_model_writes_only_the_end_of_unquantified_bullets(fake_backend):
    fake_backend.queue("for [__] staff", "Coordinated events and trade shows across [__] teams")
    result = _critique("weak-marketing-coordinator.txt", backend=fake_backend)
    bullets = [m[-1]["content"] for m, _ in fake_backend.calls]
    assert bullets[:2] == ["Managed social media accounts", "Coordinated events and trade shows"]
    assert fake_backend.calls[0][0][0]["content"].startswith("You write the measurable result")
    # the ending is added to the bullet; a reply that repeats the bullet first is taken as its ending
    assert [r.suggestion for r in result.rewrites][:2] == [
        "Managed social media accounts for [__] staff",
        "Coordinated events and trade shows across [__] teams",
    ]


def test_batch_on_one_backend(fake_backend):
    from assistant.tasks.critique import critique_files

    paths = [str(RESUMES / "strong-data-analyst.md"), str(RESUMES / "missing.md"), str(WEAK)]
    outcomes = list(critique_files(paths, None, fake_backend))
    assert [type(o).__name__ for _, o in outcomes] == [
        "CritiqueResult",
        "InputError",
        "CritiqueResult",
    ]
    assert "no such file" in str(outcomes[1][1])


def _score_of(text: str) -> int:
    from assistant.inputs.resume import parse_resume_text
    from assistant.tasks.critique import rule_based

    return rule_based(CritiqueRequest(resume=parse_resume_text(text, "r.md", "md"))).score


TWO_JOBS = """# Dana Reyes
dana.reyes@example.com | (555) 201-3344 | Denver, CO

## Experience
### Operations Analyst, Alpine Freight, Jan 2021 - Present
- Cut invoice errors by 40% with a weekly reconciliation in Excel
- Trained 12 dispatchers on the new routing software
### Dispatcher, Alpine Freight, Jan 2018 - Dec 2020
- {second}
- Routed 30 trucks a day across 3 states

## Education
B.A. Economics, University of Colorado, 2017

## Skills
Excel, SQL, Tableau, logistics
"""


def test_a_duty_copied_to_another_job_and_personal_details_cost_points():
    own = TWO_JOBS.format(second="Cut billing disputes by 25% with a weekly carrier call")
    copied = TWO_JOBS.format(
        second="Cut invoice errors by 40% with a weekly reconciliation in Excel"
    )
    assert _score_of(copied) < _score_of(own)
    for detail in ("Date of birth: 1 Jan 1988", "Marital status: Married", "Religion: Hindu"):
        assert _score_of(own + f"\n## Personal\n{detail}\n") < _score_of(own), detail


def test_a_wall_of_text_says_how_many_sentences_it_holds():
    from assistant.checks import run_checks
    from assistant.inputs.resume import parse_resume_text

    one = " ".join(["Managed the monthly budget review with the finance team"] * 8)
    two = one + ". " + one
    for paragraph, said in ((one, "in 1 sentence."), (two, "in 2 sentences.")):
        resume = parse_resume_text(HISTORY + f"- {paragraph}\n", "r.md", "md")
        walls = [f.message for f in run_checks(resume) if f.code == "wall-of-text"]
        assert walls and walls[0].endswith(said), walls


def test_impact_says_how_many_paragraphs_lead_with_no_action():
    one = " ".join(["Managed the monthly budget review with the finance team"] * 8)
    said = _parts(HISTORY + f"- {one}\n- Cut costs by 5%\n")["impact"][1]
    assert said.endswith("1 paragraph leads with no action."), said
    said = _parts(HISTORY + f"- {one}\n- {one} again\n")["impact"][1]
    assert said.endswith("2 paragraphs lead with no action."), said
