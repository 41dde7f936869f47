"""The "apply what you learned" plan: a prioritised checklist from the employer's feedback, the
debrief notes, the resume critique and keyword gap, the questions to practise (with the
`rebound interview` command to run), the people to contact and when (the follow-up log decides
wait or stop), and a first step dated a few days out: look at it all again from a distance.

Deterministic: no model. Every step comes from something the user gave; a model adds nothing
a checklist needs, and a small one would only add risk."""

from __future__ import annotations

import datetime as dt
import shlex
from typing import Literal, Optional

from pydantic import BaseModel, Field

from assistant import prompts
from assistant.analysis.feedback_signals import FeedbackPoint, read_feedback
from assistant.errors import ReboundError
from assistant.inputs.job import JobDescription
from assistant.inputs.notes import RejectionNotes
from assistant.inputs.resume import Resume
from assistant.stores.followups import Advice, advice_for
from assistant.tasks.critique import CritiqueRequest, critique, top_fixes
from assistant.tasks.people import find_recruiter

Section = Literal["review", "feedback", "practice", "resume", "contact", "keep"]
SECTION_ORDER: tuple[Section, ...] = ("review", "feedback", "practice", "resume", "contact", "keep")
FEEDBACK_REQUEST_DAYS = 1  # ask for feedback soon after the rejection, while they remember you
CONNECT_DAYS = 7  # a connection note a week later reads as interest, not as pressure
UPDATE_DAYS = 90  # a real update a few months on
MAX_KEYWORDS = 5
JOB_PLACEHOLDER = "JOB.md"


class PlanRequest(BaseModel):
    notes: RejectionNotes
    notes_path: str
    today: dt.date
    review_days: int = Field(3, ge=1, le=60)
    feedback: Optional[str] = None  # the employer's feedback, as the user saved it
    feedback_path: Optional[str] = None
    resume: Optional[Resume] = None
    resume_path: Optional[str] = None
    job: Optional[JobDescription] = None
    job_path: Optional[str] = None


class PlanItem(BaseModel):
    section: Section
    priority: int = Field(ge=1, le=3)  # 1 = first
    text: str
    why: str = ""
    command: Optional[str] = None
    due: Optional[dt.date] = None


class PlanResult(BaseModel):
    title: str
    made: dt.date
    review_on: dt.date
    items: list[PlanItem]
    keyword_match_rate: Optional[float] = None
    sources: list[str]


def _cmd(*parts: str) -> str:
    return " ".join(shlex.quote(p) for p in parts)


def _quotes(points: list[FeedbackPoint]) -> str:
    return "they said: " + " ".join(f"\u201c{p.sentence}\u201d" for p in points)


def feedback_items(points: list[FeedbackPoint]) -> list[PlanItem]:
    """One step per signal, quoting every sentence that carries it."""
    by_code: dict[str, list[FeedbackPoint]] = {}
    for p in points:
        by_code.setdefault(p.code, []).append(p)
    return [
        PlanItem(
            section="keep" if ps[0].kind == "praise" else "feedback",
            priority=ps[0].priority,
            text=ps[0].action,
            why=_quotes(ps),
        )
        for ps in by_code.values()
    ]


def practice_items(request: PlanRequest, missing: list[str], concerns: list[str]) -> list[PlanItem]:
    notes = request.notes
    command = _cmd(
        "rebound",
        "interview",
        "--job",
        request.job_path or JOB_PLACEHOLDER,
        "--notes",
        request.notes_path,
        *(("--resume", request.resume_path) if request.resume_path else ()),
    )
    where = "" if request.job_path else f" (save the job ad as {JOB_PLACEHOLDER} first)"
    items = []
    if notes.struggled_questions:
        items.append(
            PlanItem(
                section="practice",
                priority=1,
                command=command,
                text="Practise the questions you struggled with, out loud, until each answer "
                "has a result in it" + where,
                why=" ".join(notes.struggled_questions),
            )
        )
    for wrong in notes.went_wrong:
        items.append(
            PlanItem(
                section="practice",
                priority=2,
                text=f"Work on this before the next interview: {wrong}",
                why="your debrief notes",
            )
        )
    if missing:
        items.append(
            PlanItem(
                section="practice",
                priority=2,
                command=command,
                text=f"Be ready to talk about {', '.join(missing)}: the job asks for them" + where,
                why="the keyword gap between the job and your resume",
            )
        )
    if concerns and not items:
        items.append(
            PlanItem(
                section="practice",
                priority=2,
                command=command,
                text="Run a mock interview on the areas the feedback named" + where,
                why="the employer's feedback",
            )
        )
    return items


def resume_items(request: PlanRequest) -> tuple[list[PlanItem], list[str], Optional[float]]:
    """Resume edits from the critique's top fixes and the keyword gap (deterministic, no model)."""
    if request.resume is None:
        return [], [], None
    result = critique(CritiqueRequest(resume=request.resume, job=request.job))
    items = [
        PlanItem(
            section="resume",
            priority=2,
            text=fix.suggestion,
            why=f"{fix.message} ({fix.count} place{'s' if fix.count != 1 else ''}; check `{fix.code}`)",
        )
        for fix in top_fixes(result.findings)
    ]
    # a term the resume says in other words is shown in the ad's words too, after the missing
    kw = result.keywords
    missing = [*kw.missing, *kw.reworded][:MAX_KEYWORDS] if kw else []
    if missing:
        items.insert(
            0,
            PlanItem(
                section="resume",
                priority=1,
                text=f"Where it is true, show these terms from the job on your resume: {', '.join(missing)}",
                why=f"your resume has {result.keywords.match_rate:.0%} of the job's terms (aim for about 80%)",
            ),
        )
    return items, missing, result.keywords.match_rate if result.keywords else None


def _contact(advice: Optional[Advice], item: PlanItem) -> PlanItem:
    """The follow-up log has the last word: stop, or wait until it says."""
    if advice is None or advice.action == "go":
        return item
    if advice.action == "stop":
        return PlanItem(
            section="contact",
            priority=3,
            text=f"Do not write to {advice.to} again about this role",
            why=advice.message,
        )
    due = max(item.due or advice.not_before, advice.not_before)
    return item.model_copy(update={"due": due, "why": f"{item.why}; {advice.message}".strip("; ")})


def contact_items(request: PlanRequest) -> list[PlanItem]:
    notes, today, path = request.notes, request.today, request.notes_path
    company = notes.company
    items = []
    try:
        recruiter: Optional[str] = find_recruiter(notes)
    except ReboundError:
        recruiter = None
    if recruiter:
        items.append(
            _contact(
                advice_for(recruiter, company, today),
                PlanItem(
                    section="contact",
                    priority=1,
                    due=today,
                    command=_cmd("rebound", "recruiter", path),
                    text=f"Update {recruiter} (your recruiter) and ask what feedback they heard "
                    "and which roles to look at next",
                    why="recruiters hear the employer's reasons more often than candidates do",
                ),
            )
        )
    if notes.contact_name and notes.contact_name != recruiter:
        items.append(
            _contact(
                advice_for(notes.contact_name, company, today),
                PlanItem(
                    section="contact",
                    priority=1,
                    due=today + dt.timedelta(days=FEEDBACK_REQUEST_DAYS),
                    command=_cmd("rebound", "feedback", path),
                    text=f"Ask {notes.contact_name} once, politely, for feedback"
                    + (" (if they have not sent it)" if request.feedback is None else ""),
                    why="a short request soon after the decision is the one most often answered",
                ),
            )
        )
    met = [notes.contact_name, *(p.name for p in notes.people)]
    for name in dict.fromkeys(n for n in met if n and n != recruiter):
        items.append(
            _contact(
                advice_for(name, company, today),
                PlanItem(
                    section="contact",
                    priority=2,
                    due=today + dt.timedelta(days=CONNECT_DAYS),
                    command=_cmd("rebound", "network", path, "--to", name),
                    text=f"Connect with {name} on LinkedIn with a short note",
                    why="a week on, a note reads as interest, not pressure",
                ),
            )
        )
    first = recruiter or notes.contact_name
    if first:
        advice = advice_for(first, company, today)
        stopped = advice is not None and advice.action == "stop"
        items.append(
            PlanItem(
                section="contact",
                priority=3,
                due=today + dt.timedelta(days=UPDATE_DAYS),
                command=_cmd(
                    "rebound",
                    "network",
                    path,
                    "--to",
                    first,
                    "--occasion",
                    "update",
                    "--update",
                    "YOUR NEWS",
                ),
                text=f"Send {first} a real update (a course finished, a project shipped), only if you have one",
                why="staying in touch with news keeps you in mind for the next opening"
                + (
                    "; months on and with news only: not a word about this role, which your log says to stop "
                    "writing about"
                    if stopped
                    else ""
                ),
            )
        )
    # A person the log says to stop writing to turns each of their steps into the same "do not write" step.
    unique: dict[str, PlanItem] = {}
    for item in items:
        unique.setdefault(item.text, item)
    return list(unique.values())


def build_plan(request: PlanRequest) -> PlanResult:
    notes = request.notes
    notes.require("company")
    points = read_feedback(request.feedback) if request.feedback else []
    resume, missing, rate = resume_items(request)
    review_on = request.today + dt.timedelta(days=request.review_days)
    review = PlanItem(
        section="review",
        priority=1,
        due=review_on,
        text="Step back, then read the feedback, your notes and this plan again with fresh eyes; "
        "cross out what no longer seems right and pick the three steps to do first",
        why="a few days' distance turns the sting of a rejection into a list you can act on",
    )
    concerns = [p.code for p in points if p.kind == "concern"]
    items = [
        *feedback_items(points),
        *practice_items(request, missing, concerns),
        *resume,
        *contact_items(request),
    ]
    items.sort(key=lambda i: (SECTION_ORDER.index(i.section), i.priority, i.due or dt.date.max))
    role = f"{notes.role} at " if notes.role else ""
    sources = [
        s
        for s in (request.notes_path, request.feedback_path, request.resume_path, request.job_path)
        if s
    ]
    return PlanResult(
        title=f"{role}{notes.company}",
        made=request.today,
        review_on=review_on,
        items=[review, *items],
        keyword_match_rate=rate,
        sources=sources,
    )


def plan_markdown(plan: PlanResult) -> str:
    return prompts.render("plan", "markdown", plan=plan) + "\n"
