"""Interview questions aimed at the gaps: (a) the questions the notes say went badly, asked again
with a follow-up, (b) a question for each job term the resume does not show, (c) behavioural
(STAR) questions tied to the job's responsibility lines, (d) role-specific questions, and (e) a
few questions to ask the interviewer. Each carries the reason and the line it came from.

All of it comes from the shipped question bank, so it works with no model; a model may add up
to two questions tailored to job lines, each kept only if the guard (assistant/guard/questions)
accepts it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, Optional

from pydantic import BaseModel, Field

from assistant import prompts
from assistant.analysis.keywords import (
    extract_job_terms,
    find_terms,
    find_terms_ordered,
    keyword_gap,
    singular,
)
from assistant.analysis.question_bank import (
    GENERAL,
    BankQuestion,
    QuestionBank,
    competency_for,
    competency_of_skill,
    cue_hits,
    load_bank,
    pick,
    role_family_for,
)
from assistant.analysis.words import is_near_duplicate, token_set
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.generation import Generation, join_notices, refused
from assistant.guard.checks import failed
from assistant.guard.generate import Ask, generate
from assistant.guard.injection import strip_instructions
from assistant.guard.questions import QuestionFacts, RejectedQuestion, check_question
from assistant.inputs.job import JobDescription
from assistant.inputs.notes import RejectionNotes
from assistant.text import names_term, strip_marks, tokens

TASK = "interview"
MAX_TAILORED = 2
DEFAULT_COMPETENCY = "problem-solving"  # for a struggled question that names no competency
RESPONSIBILITY_COMPETENCY = "ownership"  # for a responsibility line that names none

Kind = Literal[
    "struggled", "weak-spot", "gap", "behavioural", "role-specific", "tailored", "ask-them"
]
KIND_LABELS: dict[str, str] = {
    "struggled": "Asked again",
    "weak-spot": "Weak spot",
    "gap": "Gap in your resume",
    "behavioural": "Behavioural (STAR)",
    "role-specific": "Role-specific",
    "tailored": "Tailored to the job",
    "ask-them": "Ask them",
}


class InterviewQuestion(BaseModel):
    text: str
    kind: Kind
    reason: str  # cites the job line, the gap or the note it came from
    source_line: Optional[str] = None
    good_answer_covers: list[str] = []
    follow_up: Optional[str] = None
    competency: Optional[str] = None


class InterviewRequest(BaseModel):
    job: JobDescription
    resume_text: Optional[str] = None
    notes: Optional[RejectionNotes] = None
    count: int = Field(10, ge=1, le=40)


class InterviewResult(BaseModel):
    job_title: Optional[str] = None
    company: Optional[str] = None
    role_family: str
    role_family_label: str
    questions: list[InterviewQuestion]
    ask_them: list[InterviewQuestion]
    missing_terms: list[str] = []
    rejected: list[RejectedQuestion] = []
    generation: Generation = Generation(source="rules")


Slot = list[InterviewQuestion]  # alternatives: the first that is not a near-duplicate is used

_LEAD = re.compile(
    r"^(?:you will|you'll|you would|to|help(?: us)?(?: to)?|(?:be )?responsible for)\s+", re.I
)
_DEGREE = re.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|diploma|phd|bsc|msc|ba|ma)\b", re.IGNORECASE
)
_NOT_VERBS = frozenset(
    "strong excellent good great proven solid experience knowledge ability familiarity "
    "understanding degree a an the our your we you this".split()
)


def line_text(line: str) -> str:
    """A job line without its bullet or heading marks."""
    return strip_marks(line)


_THEIRS = re.compile(r"\b(?:our|us)\b", re.IGNORECASE)


def tied_question(line: str) -> Optional[str]:
    """'Develop and maintain web apps' -> 'Tell me about a time you had to develop and maintain
    web apps. ...'; None when the line does not start with a verb we can rephrase."""
    phrase = _LEAD.sub("", line_text(line)).rstrip(" .;:!")
    words = phrase.split()
    if not 2 <= len(words) <= 14:
        return None
    first = words[0]
    if (
        not first.isalpha()
        or first.isupper()
        or first.lower() in _NOT_VERBS
        or first.lower().endswith(("ed", "ly"))
    ):
        return None
    # The ad's "our" is the employer's: the candidate never ran *our* services, they ran *the* services.
    phrase = _THEIRS.sub(
        lambda m: "the team" if m.group(0).lower() == "us" else "the",
        " ".join([first.lower(), *words[1:]]),
    )
    if first.lower().endswith("ing"):
        return f"Tell me about a time you were responsible for {phrase}. What did you do, and what was the result?"
    if first.lower().endswith("s") and not first.lower().endswith("ss"):
        return None  # 'Manages the team': a description, not an instruction
    return f"Tell me about a time you had to {phrase}. What did you do, and what was the result?"


def _job_line(job: JobDescription, term: str) -> Optional[str]:
    for line in job.lines:
        if term in find_terms(line) or names_term(line, term):
            return line_text(line)
    return None


def _question(
    bank_q: BankQuestion, kind: Kind, reason: str, source: Optional[str]
) -> InterviewQuestion:
    return InterviewQuestion(
        text=bank_q.text,
        kind=kind,
        reason=reason,
        source_line=source,
        good_answer_covers=bank_q.covers,
        competency=bank_q.competency,
    )


def _rotated(items: list, key: str) -> list:
    if not items:
        return items
    start = items.index(pick(items, key))
    return items[start:] + items[:start]


def _as_question(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("?", ".")) else text + "?"


def struggled_slots(notes: RejectionNotes, bank: QuestionBank) -> list[Slot]:
    """(a) Each question the notes say went badly, asked again, with a follow-up."""
    slots = []
    at = f" at {notes.company}" if notes.company else ""
    for raw in notes.struggled_questions:
        text = _as_question(raw)
        comp = competency_for(text, bank) or DEFAULT_COMPETENCY
        slots.append(
            [
                InterviewQuestion(
                    text=text,
                    kind="struggled",
                    source_line=raw,
                    competency=comp,
                    reason=f"Your notes say you struggled with this question{at}; practise it again, then the follow-up.",
                    good_answer_covers=bank.competencies[comp].covers,
                    follow_up=pick(bank.competencies[comp].follow_ups, text),
                )
            ]
        )
    return slots


def weak_spot_slots(
    notes: RejectionNotes, bank: QuestionBank, family: str, job_terms: list[str]
) -> list[Slot]:
    """What the notes say went wrong, as questions: a skill it names (the job's terms first) as a
    gap question, or a STAR one for a soft skill; else a bank question sharing two or more words
    with the note; else the competency it names."""
    pool = bank.role_questions(family) + [
        q for key in bank.competencies for q in bank.competency_questions(key, family)
    ]
    slots = []
    for line in notes.went_wrong:
        reason = f'Your notes say: "{line.rstrip(".")}".'
        words = token_set(line)
        close = sorted(
            (q for q in pool if len(token_set(q.text) & words) >= 2),
            key=lambda q: -len(token_set(q.text) & words),
        )
        alternatives: Slot = []
        named = [name for name, _ in find_terms_ordered(line)]
        for term in sorted(
            named, key=lambda t: job_terms.index(t) if t in job_terms else len(job_terms)
        ):
            comp = competency_of_skill(term, bank)
            if comp is None:
                alternatives.append(_gap_question(bank, term, line, reason, "weak-spot"))
            else:
                alternatives += _competency_alternatives(bank, comp, family, line, reason)
        alternatives += [_question(q, "weak-spot", reason, line) for q in close]
        comp = competency_for(line, bank)
        if comp:
            alternatives += _competency_alternatives(bank, comp, family, line, reason)
        if alternatives:
            slots.append(alternatives)
    return slots


def _competency_alternatives(
    bank: QuestionBank, comp: str, family: str, line: str, reason: str, kind: Kind = "weak-spot"
) -> Slot:
    why = f"{reason} This practises {bank.competencies[comp].label}."
    return [
        _question(q, kind, why, line)
        for q in _rotated(bank.competency_questions(comp, family), line)
    ]


def _gap_question(
    bank: QuestionBank,
    term: str,
    source: Optional[str],
    reason: str,
    kind: Kind,
    index: Optional[int] = None,
) -> InterviewQuestion:
    templates = bank.gap_templates
    template = templates[index % len(templates)] if index is not None else pick(templates, term)
    return InterviewQuestion(
        text=template.text.format(term=term),
        kind=kind,
        reason=reason,
        source_line=source,
        good_answer_covers=[c.format(term=term) for c in template.covers],
    )


def gap_slots(
    job: JobDescription, resume_text: str, bank: QuestionBank, family: str, asked: set[str]
) -> tuple[list[Slot], list[str]]:
    """(b) A question for each term the job asks for that the resume does not show (and that no
    question from the notes already asks about): a soft skill gets a STAR question on it, a
    degree none (it is not something to answer for)."""
    missing = keyword_gap(resume_text, job.text, job.company).missing
    slots = []
    for i, term in enumerate(t for t in missing if t not in asked):
        line = _job_line(job, term)
        if line and _DEGREE.search(line):
            continue
        cite = f' The job says: "{line}".' if line else ""
        reason = f"The job asks for {term} and your resume does not show it.{cite}"
        comp = competency_of_skill(term, bank)
        if comp:
            slots.append(_competency_alternatives(bank, comp, family, line or term, reason, "gap"))
        else:
            slots.append(
                [
                    _gap_question(bank, term, line, reason, "gap", i + k)
                    for k in range(len(bank.gap_templates))
                ]
            )
    return slots, missing


def behavioural_slots(job: JobDescription, bank: QuestionBank, family: str) -> list[Slot]:
    """(c) A STAR question for each responsibility line (or requirement line, if there are none)."""
    slots = []
    for raw in job.responsibilities or job.requirements:
        line = line_text(strip_instructions(raw))
        if not line:
            continue
        comp = competency_for(line, bank) or RESPONSIBILITY_COMPETENCY
        label = bank.competencies[comp].label
        reason = f'The job says: "{line}". Answer with STAR; it tests {label}.'
        alternatives = [
            _question(q, "behavioural", reason, line)
            for q in _rotated(bank.competency_questions(comp, family), line)
        ]
        tied = tied_question(line)
        if tied:
            alternatives.insert(
                0,
                InterviewQuestion(
                    text=tied,
                    kind="behavioural",
                    reason=reason,
                    source_line=line,
                    competency=comp,
                    good_answer_covers=bank.competencies[comp].covers,
                ),
            )
        slots.append(alternatives)
    return slots


def role_slots(job: JobDescription, bank: QuestionBank, family: str) -> list[Slot]:
    """(d) The role family's questions, those sharing most words with the job first, then general ones."""
    job_words = token_set(job.text)
    label = bank.role_families[family].label
    questions = bank.role_questions(family)
    ranked = sorted(
        range(len(questions)), key=lambda i: (-len(token_set(questions[i].text) & job_words), i)
    )
    slots = []
    for i in ranked:
        q = questions[i]
        shared = sorted(token_set(q.text) & job_words)
        reason = f"A common question in {label} interviews."
        source = None
        if shared:
            reason += f" It uses words from the job: {', '.join(shared[:3])}."
            source = next((line_text(ln) for ln in job.lines if token_set(ln) & set(shared)), None)
        slots.append([_question(q, "role-specific", reason, source)])
    if family != GENERAL:
        slots += [
            [_question(q, "role-specific", "Asked in most interviews, whatever the role.", None)]
            for q in bank.role_questions(GENERAL)
        ]
    return slots


def ask_them(job: JobDescription, bank: QuestionBank, count: int) -> list[InterviewQuestion]:
    """(e) Questions for the candidate to ask: those about what the job stresses first."""
    scored = []
    for i, q in enumerate(bank.ask_interviewer):
        hits = {c: cue_hits(job.text, bank.competencies[c].cues) for c in q.competencies}
        scored.append((-sum(hits.values()), i, q, [c for c, n in hits.items() if n]))
    out = []
    for _, _, q, stressed in sorted(scored, key=lambda s: s[:2])[:count]:
        why = q.why
        if stressed:
            why += f" The job stresses {bank.competencies[stressed[0]].label}."
        out.append(
            InterviewQuestion(
                text=q.text,
                kind="ask-them",
                reason=why,
                competency=stressed[0] if stressed else None,
            )
        )
    return out


def choose(first: list[Slot], rest: list[list[Slot]], count: int) -> list[InterviewQuestion]:
    """All of `first`, then one slot from each bucket of `rest` in turn, up to `count` questions;
    a slot gives its first alternative that is not a near-duplicate of one already chosen."""
    chosen: list[InterviewQuestion] = []

    def take(slot: Slot) -> bool:
        for alt in slot:
            if not is_near_duplicate(alt.text, [c.text for c in chosen]):
                chosen.append(alt)
                return True
        return False

    for slot in first:
        if len(chosen) < count:
            take(slot)
    queues = [list(bucket) for bucket in rest]
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue and len(chosen) < count:
                if take(queue.pop(0)):
                    break
    return chosen


def build_questions(
    request: InterviewRequest, bank: Optional[QuestionBank] = None
) -> InterviewResult:
    """The deterministic question set (no model)."""
    bank = bank or load_bank()
    job = request.job
    family = role_family_for(job.title, job.text, bank)
    notes = request.notes
    first = struggled_slots(notes, bank) if notes else []
    weak = (
        weak_spot_slots(notes, bank, family, extract_job_terms(job.text, job.company))
        if notes
        else []
    )
    asked = {term for slot in weak for q in slot[:1] for term in find_terms(q.text)}
    gaps, missing = (
        gap_slots(job, request.resume_text, bank, family, asked)
        if request.resume_text
        else ([], [])
    )
    questions = choose(
        first,
        [weak, gaps, behavioural_slots(job, bank, family), role_slots(job, bank, family)],
        request.count,
    )
    notice = (
        ""
        if request.resume_text
        else "no resume given: pass --resume for questions on what it does not show"
    )
    return InterviewResult(
        job_title=job.title,
        company=job.company,
        role_family=family,
        role_family_label=bank.role_families[family].label,
        questions=questions,
        ask_them=ask_them(job, bank, 3 if request.count >= 8 else 2),
        missing_terms=missing,
        generation=Generation(source="rules", notice=notice or None),
    )


def _focus_lines(result: InterviewResult, job: JobDescription) -> list[str]:
    """The job lines the model writes questions for: gap lines first, then responsibilities."""
    lines = [q.source_line for q in result.questions if q.kind == "gap" and q.source_line]
    lines += [line_text(x) for x in (*job.responsibilities, *job.requirements)]
    return [x for x in dict.fromkeys(strip_instructions(x) for x in lines) if x]


def known_text(request: InterviewRequest) -> str:
    """The inputs, plus the singular of each word (a question may say 'dashboard' for 'dashboards')."""
    text = "\n".join(
        [
            request.job.text,
            request.resume_text or "",
            request.notes.all_text() if request.notes else "",
        ]
    )
    return text + "\n" + " ".join(sorted({singular(w) for w in tokens(text)}))


def tailor_questions(
    request: InterviewRequest,
    result: InterviewResult,
    backend: Backend,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> InterviewResult:
    """Ask the model for up to two questions on job lines; keep those the guard accepts, in place
    of the last deterministic ones (never of a question from the notes)."""
    bank = load_bank()
    job = request.job
    info = backend.info()
    keep_notes = sum(q.kind == "struggled" for q in result.questions)
    room = min(MAX_TAILORED, request.count - keep_notes)
    terms = list(find_terms(job.text))
    known = known_text(request)
    accepted: list[InterviewQuestion] = []
    rejected: list[RejectedQuestion] = []
    checks: list = []
    for line in _focus_lines(result, job)[: max(room, 0)]:
        msgs = prompts.messages(TASK, mode="question", job_title=job.title, focus=line)
        facts = QuestionFacts(
            known_text=known,
            prompt_text="\n".join(m["content"] for m in (msgs[0], msgs[-1])),
            existing=[q.text for q in result.questions + accepted],
            job_terms=terms,
            focus_line=line,
        )
        ask = Ask(
            messages=msgs,
            options=presets.QUESTION,
            fallback="",
            facts=facts,
            checks=(check_question,),
            what="question",
        )
        draft = generate(backend, ask, on_chunk=on_chunk)
        if draft.generation.source != "model":
            last = draft.attempts[-1] if draft.attempts else None
            rejected.append(
                RejectedQuestion(
                    text=last.text if last else "",
                    source_line=line,
                    failed=failed(last.checks) if last else [],
                )
            )
            continue
        checks += draft.generation.checks
        comp = competency_for(line, bank) or RESPONSIBILITY_COMPETENCY
        accepted.append(
            InterviewQuestion(
                text=draft.text,
                kind="tailored",
                source_line=line,
                competency=comp,
                reason=f'Written by the model ({info.name}) for the job line "{line}"; the guard checked it.',
                good_answer_covers=bank.competencies[comp].covers,
            )
        )
    kept = result.questions[: request.count - len(accepted)]
    notice = result.generation.notice
    if rejected:
        why = ", ".join(dict.fromkeys(c.code for r in rejected for c in r.failed))
        notice = join_notices(notice, refused(f"{len(rejected)} question(s)", why))
    generation = Generation(
        source="model" if accepted else "rules", model=info.name, checks=checks, notice=notice
    )
    return result.model_copy(
        update={"questions": kept + accepted, "rejected": rejected, "generation": generation}
    )


def interview_questions(
    request: InterviewRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> InterviewResult:
    result = build_questions(request)
    if backend is None:
        return result
    return tailor_questions(request, result, backend, on_chunk)


def practice_order(result: InterviewResult) -> list[tuple[str, str]]:
    """(label, question) in the order `rebound practice` asks them: a question with a follow-up
    (those from the notes) is followed by it, as an interviewer would."""
    out = []
    for q in result.questions:
        out.append((KIND_LABELS[q.kind], q.text))
        if q.follow_up:
            out.append(("Follow-up", q.follow_up))
    return out


def practice_sheet(result: InterviewResult) -> str:
    """The Markdown practice sheet (prompts/interview/fallback.j2)."""
    return prompts.render(TASK, "fallback", result=result, kind_labels=KIND_LABELS)
