"""`rebound plan`: the dated, prioritised checklist from feedback, notes, resume, job and the follow-up log."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assistant.inputs.job import read_job
from assistant.inputs.notes import read_notes
from assistant.inputs.resume import read_resume
from assistant.stores.followups import add_contact
from assistant.tasks.plan import PlanRequest, build_plan, plan_markdown
from tests.helpers.paths import FIXTURES

NOTES = FIXTURES / "notes"
HARROW = NOTES / "harrow-books.md"
NORTHWIND = NOTES / "northwind-recruiter.md"
RESUME = FIXTURES / "resumes" / "weak-marketing-coordinator.txt"
JOB = FIXTURES / "jobs" / "interview-marketing-coordinator.md"
TODAY = dt.date(2026, 11, 20)
FEEDBACK = (
    "Hi Sam,\n\nThanks again for interviewing with us. The panel was impressed by your SQL exercise. "
    "However, we were looking for more hands-on experience with Looker.\n"
    "In the end we went with another candidate.\n\nBest,\nAlex"
)


def plan_for(path=HARROW, **extra):
    return build_plan(
        PlanRequest(notes=read_notes(path), notes_path=str(path), today=TODAY, **extra)
    )


def by_section(plan, section):
    return [i for i in plan.items if i.section == section]


def test_the_first_step_is_a_review_a_few_days_out():
    plan = plan_for()
    assert plan.items[0].section == "review" and plan.items[0].due == TODAY + dt.timedelta(days=3)
    later = plan_for(review_days=5)
    assert later.review_on == later.items[0].due == dt.date(2026, 11, 25)


def test_struggled_questions_become_practice_with_the_interview_command():
    plan = plan_for(job_path=str(JOB), job=read_job(JOB))
    first = by_section(plan, "practice")[0]
    assert first.priority == 1 and "budget" in first.why
    assert first.command == f"rebound interview --job {JOB} --notes {HARROW}"
    wrong = [i.text for i in by_section(plan, "practice")]
    assert any("no concrete example of working with a budget" in t for t in wrong)


def test_without_a_job_the_command_says_where_to_save_it():
    first = by_section(plan_for(), "practice")[0]
    assert "--job JOB.md" in first.command and "save the job ad as JOB.md" in first.text


def test_feedback_concerns_come_first_and_praise_is_kept():
    plan = plan_for(NORTHWIND, feedback=FEEDBACK, feedback_path="fb.txt")
    feedback = by_section(plan, "feedback")
    assert feedback[0].priority == 1 and "Looker" in feedback[0].why
    assert any("not a verdict on you" in i.text for i in feedback)
    keep = by_section(plan, "keep")
    assert len(keep) == 1 and "impressed by your SQL exercise" in keep[0].why
    assert "Thanks again" not in json.dumps(plan.model_dump(mode="json"))  # courtesy is not a step
    assert plan.sources == [str(NORTHWIND), "fb.txt"]


def test_resume_and_job_give_edits_and_the_keyword_gap():
    plan = plan_for(
        resume=read_resume(RESUME), resume_path=str(RESUME), job=read_job(JOB), job_path=str(JOB)
    )
    resume = by_section(plan, "resume")
    assert resume[0].priority == 1 and resume[0].text.startswith(
        "Where it is true, show these terms"
    )
    assert plan.keyword_match_rate is not None and f"{plan.keyword_match_rate:.0%}" in resume[0].why
    assert len(resume) > 1 and all(i.why for i in resume)
    practice = by_section(plan, "practice")
    assert any(i.text.startswith("Be ready to talk about") for i in practice)
    assert f"--resume {RESUME}" in practice[0].command


def test_people_to_contact_and_when():
    contacts = by_section(plan_for(), "contact")
    texts = [(i.text, i.due) for i in contacts]
    assert (
        "Ask Priya Natarajan once, politely, for feedback (if they have not sent it)",
        TODAY + dt.timedelta(days=1),
    ) in texts
    assert (
        "Connect with Tom Okafor on LinkedIn with a short note",
        TODAY + dt.timedelta(days=7),
    ) in texts
    assert (
        contacts[-1].due == TODAY + dt.timedelta(days=90)
        and "--occasion update" in contacts[-1].command
    )
    recruiter = by_section(plan_for(NORTHWIND), "contact")[0]
    assert (
        recruiter.text.startswith("Update Alex Morgan (your recruiter)") and recruiter.due == TODAY
    )
    assert recruiter.command == f"rebound recruiter {NORTHWIND}"


def test_the_follow_up_log_says_wait():
    add_contact(
        "Priya Natarajan",
        "Harrow Books",
        about="follow-up",
        date=TODAY - dt.timedelta(days=2),
        today=TODAY,
    )
    ask = [i for i in by_section(plan_for(), "contact") if "for feedback" in i.text][0]
    assert ask.due == TODAY + dt.timedelta(days=5) and "Wait at least a week" in ask.why


def test_the_follow_up_log_says_stop():
    add_contact(
        "Priya Natarajan",
        "Harrow Books",
        about="feedback-request",
        date=TODAY - dt.timedelta(days=10),
        today=TODAY,
    )
    contacts = by_section(plan_for(), "contact")
    stops = [
        i for i in contacts if i.text == "Do not write to Priya Natarajan again about this role"
    ]
    assert stops and stops[0].command is None and "already asked" in stops[0].why
    assert len(stops) == 1  # her feedback request and her LinkedIn note both stop: one step says so
    assert not any("Ask Priya" in i.text for i in contacts)
    # a real update months later is another kind of message, and the step says how it differs
    update = [i for i in contacts if i.text.startswith("Send Priya Natarajan a real update")][0]
    assert "not a word about this role" in update.why and update.due == TODAY + dt.timedelta(
        days=90
    )


def test_markdown_is_a_checklist_with_dates_and_commands():
    text = plan_markdown(plan_for(NORTHWIND, feedback=FEEDBACK))
    assert text.startswith("# Plan: Data Analyst at Northwind Logistics")
    assert "- [ ] **Mon 23 Nov:** Step back" in text
    assert f"  - Run: `rebound recruiter {NORTHWIND}`" in text


def test_cli_writes_markdown_and_json(cli, tmp_path):
    feedback = tmp_path / "feedback.txt"
    feedback.write_text(FEEDBACK)
    out = tmp_path / "plan.md"
    result = cli("plan", NORTHWIND, "--feedback", feedback, "--out", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["review_on"] == (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert out.read_text().startswith("# Plan:")
    again = cli("plan", NORTHWIND, "--out", out)
    assert again.exit_code == 2 and "already exists" in again.stderr
    forced = cli("plan", NORTHWIND, "--out", out, "--force", "--review-in", "7")
    assert forced.exit_code == 0, forced.stderr
    review = dt.date.today() + dt.timedelta(days=7)
    assert (
        f"- [ ] **{review.strftime('%a %d %b')}:** Step back" in out.read_text()
    )  # rewritten, 7 days out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--feedback", "missing.txt"], "no such file"),
        (["--review-in", "0"], "--review-in"),
    ],
)
def test_bad_input_is_one_line(cli, args, message):
    result = cli("plan", NORTHWIND, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_bad_notes_and_empty_feedback(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    result = cli("plan", NORTHWIND, "--feedback", empty)
    assert result.exit_code == 2 and "empty" in result.stderr
    notes = tmp_path / "notes.md"
    notes.write_text("---\nrole: Analyst\n---\nJust some text.\n")
    result = cli("plan", notes)
    assert (
        result.exit_code == 2
        and "company" in result.stderr
        and len(result.stderr.strip().splitlines()) == 1
    )


def test_notes_from_stdin_give_commands_that_name_a_file(cli):
    result = cli("plan", "-", input=(NOTES / "harrow-books.md").read_text())
    assert result.exit_code == 0, result.stderr
    assert "save your notes there" in result.stderr
    assert "rebound feedback NOTES.md" in result.stdout and "--notes NOTES.md" in result.stdout
    assert "feedback -" not in result.stdout and "--notes -" not in result.stdout


def test_a_term_the_resume_words_differently_is_still_one_to_show_in_the_ads_words():
    from assistant.checks import example_resume
    from assistant.inputs.job import parse_job_text
    from assistant.tasks.plan import resume_items

    job = parse_job_text("Requirements:\n- Disaster preparedness\n")
    resume = example_resume("Courses: Mitigation and Preparedness, Hazard Analysis.")
    request = PlanRequest(
        notes=read_notes(HARROW), notes_path=str(HARROW), today=TODAY, resume=resume, job=job
    )
    items, missing, _ = resume_items(request)
    assert missing == ["Disaster Preparedness"]
    assert "Disaster Preparedness" in items[0].text
