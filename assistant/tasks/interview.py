"""Interview questions aimed at the gaps: (a) the questions the notes say went badly, asked again
with a follow-up, (b) a question for each job term the resume does not show, (c) the occupation
family's questions that fit the job's duty lines, (d) the family's other questions, those the
job's words point to first, and a company-knowledge question, and (e) a few questions to ask
the panel. A sure field's "why this job" question, which every interview asks whatever the
field, takes none of the N places: it is shown apart (`every_interview`).
The family comes from the occupation classifier (assistant/analysis/occupation.py);
each question carries its type, its own follow-up and answer guide, the reason and the line it
came from.

All of it comes from the shipped question bank, so it works with no model; a model may add up
to two questions tailored to job lines, each kept only if the guard (assistant/guard/questions)
accepts it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, Field

from assistant import prompts, regex
from assistant.analysis.competency_questions import competency_questions, interview_competencies
from assistant.analysis.duty_questions import (
    ability_purpose_question,
    ability_question,
    asked_terms,
    duty_questions,
    experience_question,
    gap_question,
    item_question,
    names_a_relationship,
    names_a_thing,
    one_vague_word,
    product_name,
    purpose_question,
    says_a_purpose,
    term_questions,
)
from assistant.analysis.keywords import (
    find_terms,
    find_terms_ordered,
    job_asks,
    keyword_gap,
    singular,
)
from assistant.analysis.occupation import classify, family_label
from assistant.analysis.question_bank import (
    GENERAL,
    BankQuestion,
    FamilyQuestion,
    QuestionBank,
    competency_for,
    competency_of_skill,
    cue_hits,
    family_questions,
    load_bank,
    load_families,
    pick,
)
from assistant.analysis.relevance import ad_fit, key_terms, question_type_of
from assistant.analysis.words import is_near_duplicate, token_set
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.generation import Generation, join_notices, refused
from assistant.guard.checks import failed
from assistant.guard.generate import Ask, generate
from assistant.guard.injection import strip_instructions
from assistant.guard.questions import QuestionFacts, RejectedQuestion, check_question
from assistant.inputs.job import (
    BOILERPLATE,
    OTHER,
    JobDescription,
    employer_does,
    heading_kind,
    job_heading,
)
from assistant.inputs.notes import RejectionNotes
from assistant.text import BULLET, ESCAPED_MARK, names_term, sentences, strip_marks, tokens

TASK = "interview"
MAX_TAILORED = 2
DEFAULT_COMPETENCY = "problem-solving"  # for a struggled question that names no competency
RESPONSIBILITY_COMPETENCY = "ownership"  # for a responsibility line that names none

Kind = Literal[
    "struggled",
    "weak-spot",
    "gap",
    "duty",
    "interview-examines",
    "role-specific",
    "tailored",
    "ask-them",
    "every-interview",
]
KIND_LABELS: dict[str, str] = {
    "struggled": "Asked again",
    "weak-spot": "Weak spot",
    "gap": "Gap in your resume",
    "duty": "From the job's duties",
    "interview-examines": "The interview examines",
    "role-specific": "Role-specific",
    "tailored": "Tailored to the job",
    "ask-them": "Ask them",
    "every-interview": "Every interview asks",
}


# A sure field's set: OWN_DUTIES questions from the ad's own duty clauses (those whose object names
# a thing, duty_questions.names_a_thing) come first in turn with the bank's. 0: on the tune ads'
# judged questions (round 3) the own questions belonged 35 of 58 times, the bank's 216 of 232,
# and one own question in the ten lowered the judged figures on every sample (round 3); the own
# questions come only after the bank's questions that fit the ad. A bank question whose specific
# words the ad uses less than MIN_AD_FIT (relevance.ad_fit) comes only after all the ad's own
# questions (a broad family's question for a neighbouring job scores under it).
OWN_DUTIES = 0
MIN_AD_FIT = 0.5
COMPANY_QUESTION = "company"  # the general bank's question type every set gets one of
# A sure field's "why this job, why this field" question ("Why did you choose nursing, and why
# this ward?") is asked in every interview, whatever the field: blind judges counted it general
# (0/41, session 31). It takes none of the N places; it is shown apart (`every_interview`).
EVERY_INTERVIEW_TYPE = "motivational"
# An unsure field's set (the ad's own questions, no family's bank) asked the general bank's
# company question and, where the ad's own ran out, its motivational ones; blind judges counted
# them general in every such set (company 0/8, why this job 0/2, tell me about yourself 0/1:
# session 39's marks). They are asked apart, like a sure field's why-this-job question: its first
# UNSURE_APART motivational ones (the two an interview opens with) and its company question.
UNSURE_APART = 2

# How a model answer to each type of question runs: an opening, the question's own guide, a close.
OUTLINE_FRAME: dict[str, tuple[str, str]] = {
    "behavioural": (
        "One real example: where you were and what was at stake, in a sentence or two",
        "The result, with a number if you have one, and what you learned",
    ),
    "situational": (
        "How you would approach it, in a sentence, before the steps",
        "How you would know it had worked, and when you would ask for help",
    ),
    "technical": (
        "A direct answer first, in plain words",
        "An example from your own work that shows you have done it",
    ),
    "motivational": (
        "Something specific to this job and employer, not to any job",
        "What you would bring to the role",
    ),
    "company": (
        "What they do, for whom, and something recent you found out",
        "How your work in this role would help with it",
    ),
}


def answer_outline(question_type: Optional[str], guide: list[str]) -> list[str]:
    """A model answer outline: the type's opening, the question's guide in order, its close."""
    if question_type not in OUTLINE_FRAME:
        return list(guide)
    first, last = OUTLINE_FRAME[question_type]
    return [first, *guide, last]


class InterviewQuestion(BaseModel):
    text: str
    kind: Kind
    reason: str  # cites the job line, the gap or the note it came from
    source_line: Optional[str] = None
    good_answer_covers: list[str] = []
    follow_up: Optional[str] = None
    competency: Optional[str] = None
    question_type: Optional[str] = (
        None  # behavioural, situational, technical, motivational, company
    )
    bank_family: Optional[str] = None  # the occupation family whose bank it comes from
    outline: list[str] = []  # a model answer outline


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
    role_sure: bool = True  # False: the field is unsure, the questions come from the ad's duties
    role_candidates: list[str] = []  # when unsure, the families it could be, best first
    role_candidate_labels: list[str] = []  # their labels ("management", "office and ...")
    occupation: Optional[str] = None  # the ESCO occupation the job title matched
    role_evidence: list[str] = []  # the job's words that pointed to the family
    questions: list[InterviewQuestion]
    ask_them: list[InterviewQuestion]
    # asked in every interview whatever the field (the field's "why this job"), shown apart:
    # none of the `questions`, which are the field's
    every_interview: list[InterviewQuestion] = []
    missing_terms: list[str] = []
    rejected: list[RejectedQuestion] = []
    generation: Generation = Generation(source="rules")


Slot = list[InterviewQuestion]  # alternatives: the first that is not a near-duplicate is used

_DEGREE = regex.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|diploma|phd|bsc|msc|ba|ma)\b", re.IGNORECASE
)


def line_text(line: str) -> str:
    """A job line without its bullet or heading marks."""
    return strip_marks(line)


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
        follow_up=bank_q.follow_up,
        question_type=bank_q.type,
        bank_family=bank_q.role,
        outline=answer_outline(bank_q.type, bank_q.covers),
    )


def _rotated(items: list, key: str) -> list:
    if not items:
        return items
    start = items.index(pick(items, key))
    return items[start:] + items[:start]


def _as_question(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("?", ".")) else text + "?"


# What an interviewer asks next when nothing closer is known, by the type of the question.
TYPE_FOLLOW_UPS: dict[str, str] = {
    "behavioural": "What would you do differently if it happened again?",
    "situational": "What would you do if that did not work?",
    "technical": "Can you give an example from your own work?",
    "motivational": "What would make you turn this job down?",
    "company": "How would your work in this role help with that?",
}


def nearest_family_question(text: str, family: str) -> Optional[BankQuestion]:
    """The family's (or the general bank's) question that shares most words with `text`, if it
    shares at least two: a question from the notes borrows its follow-up and guide."""
    words = token_set(text)
    pool = family_questions(family) + (family_questions(GENERAL) if family != GENERAL else [])
    scored = [(len(token_set(q.text) & words), i, q) for i, q in enumerate(pool)]
    best = max(scored, default=None, key=lambda s: (s[0], -s[1]))
    return best[2] if best and best[0] >= 2 else None


def struggled_slots(notes: RejectionNotes, bank: QuestionBank, family: str) -> list[Slot]:
    """(a) Each question the notes say went badly, asked again, with a follow-up: that of the
    nearest question in the family's bank; else one for the competency it names; else one for
    its type of question."""
    slots = []
    at = f" at {notes.company}" if notes.company else ""
    for raw in notes.struggled_questions:
        text = _as_question(raw)
        named = competency_for(text, bank)
        comp = named or DEFAULT_COMPETENCY
        near = nearest_family_question(text, family)
        covers = near.covers if near else bank.competencies[comp].covers
        qtype = near.type if near else question_type_of(text)
        if near:
            follow_up = near.follow_up
        elif named:
            follow_up = pick(bank.competencies[named].follow_ups, text)
        else:
            follow_up = TYPE_FOLLOW_UPS[qtype]
        slots.append(
            [
                InterviewQuestion(
                    text=text,
                    kind="struggled",
                    source_line=raw,
                    competency=comp,
                    reason=f"Your notes say you struggled with this question{at}; practise it again, then the follow-up.",
                    good_answer_covers=covers,
                    follow_up=follow_up,
                    question_type=qtype,
                    outline=answer_outline(qtype, covers),
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
    pool = family_questions(family) + [
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
    said: Optional[str] = None,
) -> InterviewQuestion:
    """The bank's gap template for `term` (`said`: as the question says it, else as `source`
    writes it)."""
    templates = bank.gap_templates
    if kind != "gap":  # a weak spot from the notes is not about the resume
        templates = [t for t in templates if "resume" not in t.text.lower()]
    template = templates[index % len(templates)] if index is not None else pick(templates, term)
    said = said or spoken_term(term, source or "")
    it = "them" if _plural(said) else "it"  # "used them" of "front-end frameworks"
    covers = [c.format(term=said, it=it) for c in template.covers]
    return InterviewQuestion(
        text=template.text.format(term=said, it=it),
        kind=kind,
        reason=reason,
        source_line=source,
        good_answer_covers=covers,
        follow_up=TYPE_FOLLOW_UPS["technical"],
        question_type="technical",
        outline=answer_outline("technical", covers),
    )


def _plural(said: str) -> bool:
    """Whether a term as said is a plural common noun ("personal computers", "network
    topologies"): in lower case, its last word in -s but not -ss, -us, -is or -ics ("business",
    "status", "analysis", "analytics"); a name ("Kubernetes", "Jenkins") is one thing."""
    last = said.split()[-1] if said.split() else ""
    return (
        said[:1].islower()
        and " or " not in said
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "ics"))
    )


_JOINING_WORDS = frozenset(("and", "or", "of", "for", "the", "in", "to", "&"))


def spoken_term(term: str, context: str = "", category: Optional[str] = None) -> str:
    """A term as said mid-sentence: a name keeps its case (SQL, PostgreSQL, Power BI, a language,
    framework, platform or tool of the curated vocabulary, a term with a capital past its first
    word, and Looker when the job line writes it with a capital mid-sentence); a common noun the
    vocabulary capitalises does not ('Observability' -> 'observability'; 'Confidence Intervals'
    where the `context`, the job's line or its whole text, writes "confidence intervals"). A
    term the keyword gap calls a skill or a domain (`category`) is a common noun unless the
    context writes it with capitals mid-sentence: 'Cloud Computing' -> 'cloud computing', its
    words that are names aside ('Android development')."""
    words = term.split()
    # a capital inside a word is a name's (PostgreSQL, JavaScript, Engineer-in-Training); not
    # one after a hyphen in a word whose every part has one ("Front-End", "Follow-Up")
    parts = [p for w in words for p in (w.split("-") if _capitalised_parts(w) else [w])]
    if not term[:1].isupper() or any(c.isupper() for w in parts for c in w[1:]):
        return term
    if product_name(term):
        return term  # Go, React, Spark: whatever "go" or "react" the ad says in lower case
    # one reading of the context: the term in either number, then as written
    forms = _mid_sentence(term, context, inflected=True)
    written = [w for w in forms if w.lower() == term.lower()]
    lower = next((w for w in written if w.islower()), None)
    if lower:
        return lower  # the ad writes it in lower case mid-sentence: a common noun
    if term in written:
        return term  # capitalised mid-sentence in the job or the notes: a name
    common = [w for w in forms if _lower_past_first(w)]
    if common:
        # "Network Topology" where the ad writes "Network topologies", "Front-End Framework"
        # where it writes "Front-End frameworks": a name keeps every word's capital. Said in the
        # ad's plural where it has one ("front-end frameworks", never "asks for front-end
        # framework"), else in the term's number ("personal computers")
        plural = next((w for w in common if w.lower().endswith("s")), None)
        return _common_noun(plural if plural and not term.lower().endswith("s") else term)
    if category in _COMMON_NOUNS:
        parts = term.split(" or ")
        return " or ".join(
            _common_noun(part, context if len(parts) > 1 else None) for part in parts
        )
    if any(w[:1].isupper() for w in words[1:] if w not in _JOINING_WORDS):
        # 'Google Analytics', 'Shipping and Receiving', 'Ruby on Rails', 'Hayden Electricity
        # course': a name, never "hayden Electricity course"
        return term
    return term[0].lower() + term[1:]


_COMMON_NOUNS = frozenset(("hard skill", "soft skill", "domain"))  # keyword gap categories


def _common_noun(name: str, listed_in: Optional[str] = None) -> str:
    """A skill's name in lower case but for its words that are names: a tool or language of the
    vocabulary, a word with a digit ("F5"), or, for a part of an "A or B" (`listed_in` its
    context), a part the context writes so, capitals and all, mid-sentence ("such as F5 and
    Akamai", "including Model View Presenter (MVP)")."""
    words = name.split()
    if listed_in is not None and name in _mid_sentence(name, listed_in):
        return name  # "using design patterns (including Model View Presenter (MVP), ...)"
    return " ".join(
        w if product_name(w) or any(c.isdigit() for c in w) else w.lower() for w in words
    )


def _mid_sentence(term: str, context: str, inflected: bool = False) -> list[str]:
    """How `context` writes `term` (in any case) where it is not the first word of a sentence;
    `inflected`: each word also in its other number ("topologies" of Topology, "computer" of
    Computers)."""
    written = []
    pattern = " ".join(map(_either_number, term.split())) if inflected else re.escape(term)
    for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", context, re.I):
        before = context[: m.start()].rstrip(" *_\"'")
        if before and not before.endswith((".", "!", "?", ":", "\n")):
            written.append(m.group(0))
    return written


def _capitalised_parts(word: str) -> bool:
    """A hyphenated word each part of which starts with a capital: "Front-End", not
    "Engineer-in-Training"."""
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)


def _either_number(word: str) -> str:
    """A pattern for a word in the singular or the plural (as English mostly makes them)."""
    if word[-1:].lower() == "y" and len(word) > 2:
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word[-1:].lower() == "s" and len(word) > 3:
        return re.escape(word[:-1]) + "(?:s|es)?"
    return re.escape(word) + "(?:s|es)?" if word[-1:].isalpha() else re.escape(word)


def _lower_past_first(written: str) -> bool:
    """Whether a term as the ad writes it has a word past its first in lower case ("Network
    topologies"): no name is written so."""
    return any(w[:1].islower() for w in written.split()[1:] if w not in _JOINING_WORDS)


def gap_slots(
    job: JobDescription, resume_text: str, bank: QuestionBank, family: str, asked: set[str]
) -> tuple[list[Slot], list[str]]:
    """(b) A question for each term the job asks for that the resume does not show, as `critique
    --job` lists them (keywords.keyword_gap: the lexicon, the ad's structure, must-haves first),
    and that no question from the notes already asks about: a soft skill gets a STAR question on
    it, a degree none (it is not something to answer for)."""
    report = keyword_gap(resume_text, job.text, job.company)
    lines = {t.name: line_text(t.sentence) for t in report.terms}
    categories = {t.name: t.category for t in report.terms}
    missing = report.missing
    slots = []
    for i, term in enumerate(t for t in missing if t not in asked):
        line = lines.get(term) or _job_line(job, term)
        if line and _DEGREE.search(line):
            continue
        # the whole line says how the ad writes the term (a cut one may end before it)
        cite = f' The job says: "{_short(line)}".' if line else ""
        said = spoken_term(term, f"{line or ''}\n{job.text}", categories.get(term))
        reason = f"The job asks for {said} and your resume does not show it.{cite}"
        # "Collaboration or Cross-functional collaboration": either name may be a competency's
        comp = next(filter(None, (competency_of_skill(n, bank) for n in term.split(" or "))), None)
        dq = gap_question(said, categories.get(term, "tool"))
        if comp:
            slots.append(_competency_alternatives(bank, comp, family, line or term, reason, "gap"))
        elif dq:
            slots.append(_own_question(dq, reason, line, kind="gap"))
        else:
            slots.append(
                [
                    _gap_question(bank, term, line, reason, "gap", i + k, said)
                    for k in range(len(bank.gap_templates))
                ]
            )
    return slots, missing


def duty_lines(job: JobDescription) -> list[str]:
    """The job's duty lines: its responsibilities; else the clauses of a "Duties" paragraph and
    the requirement lines."""
    if job.responsibilities:
        return [line_text(strip_instructions(x)) for x in job.responsibilities]
    out: list[str] = []
    inside = False
    for line in job.lines:
        bare = line.strip().strip("#*: ").strip()
        if re.fullmatch(r"(?i)(?:duties|duties and responsibilities|the role)", bare):
            inside = True
            continue
        if inside and bare.isupper() and len(bare.split()) <= 6:
            break
        if inside:
            out += [c.strip(" .;") for c in re.split(r";|(?<=\.)\s+(?=[A-Z])", line)]
    out += [line_text(strip_instructions(x)) for x in job.requirements]
    out = out or _section_bullets(job)
    return [x for x in out if len(x.split()) >= 3]


def _section_bullets(job: JobDescription, mark: re.Pattern = BULLET) -> list[str]:
    """The ad's bullets under any heading that is no boilerplate (benefits, how to apply, about
    the company), for an ad whose sections the job reader names none of as duties or
    requirements ("THE CHALLENGE", "What's ahead"): without them its
    duties would be read as the whole ad, the benefits' "employees" and "team" included."""
    out: list[str] = []
    kind = OTHER
    for line in job.lines:
        head = job_heading(line)
        if head:
            named = heading_kind(head[0], kind)
            if named != OTHER or head[1] <= 6:  # a lead-in line ("Key points :") keeps it
                kind = named
        elif mark.match(line) and kind != BOILERPLATE:
            out.append(line_text(strip_instructions(line)))
    return out


def _fit(question: FamilyQuestion, line: str) -> tuple[int, bool]:
    """How well a bank question fits a job line: its duty cues in the line count twice, words it
    shares with the line once; and whether the line is its reason (`cites`): more than one cue
    word alone. Judged blind on the 52 tune ads (session 42, docs/interview-and-practice.md), a
    line that holds one cue word of the question and no other of its words was the reason to ask
    it 18 times and not 22 ("team" in an on-call rota for "Tell me about a time you disagreed with
    another engineer", "apprenticeship" in "Completion of a recognized apprenticeship as a
    plumber" for "...led or trained a less experienced worker", "Safety" in "Department of
    Building and Safety"); with more, 76 and 9."""
    hits = cue_hits(line, question.cues) if question.cues else 0
    shared = len(token_set(question.text) & token_set(line))
    return 2 * hits + shared, not (hits == 1 and shared == 0)


def duty_slots(job: JobDescription, family: str) -> list[Slot]:
    """(c) For each duty line, the family's questions that fit it best (never the line pasted
    into a frame): the interviewer asks about the duty in their own words."""
    entries = load_families()[family].questions
    bank = family_questions(family)
    label = load_families()[family].label
    fits = ad_fits(job, family) if family != GENERAL else {}
    common = _common_reason(family, label)
    slots = []
    for line in duty_lines(job):
        fitting = (
            (*_fit(q, line), i)
            for i, q in enumerate(entries)
            if q.type != COMPANY_QUESTION
            and (family == GENERAL or fits.get(q.text, -1.0) >= MIN_AD_FIT)
        )
        ranked = sorted((x for x in fitting if x[0] >= 2), key=lambda x: (-x[0], x[2]))
        if not ranked:
            continue
        reason = f'The job says: "{_short(line)}". This is how {label} interviews ask about it.'
        held = bool(_CREDENTIAL.match(line))  # what the applicant holds, not what the job does
        # a line that is no reason to ask the question is not shown as one: the question is
        # the field's, asked as such (its place in the set is the same)
        slots.append(
            [
                _question(bank[i], "duty", reason, line)
                if cites and not held
                else _question(bank[i], "role-specific", common, None)
                for _, cites, i in ranked
            ]
        )
    return slots


# A requirement line that names a credential the applicant must hold: "Completion of a recognized
# apprenticeship as a plumber; or", "A valid journey-level plumber license issued by ...".
_CREDENTIAL = regex.compile(
    r"(?:\d+[.)]\s*)?(?:(?:successful\s+)?completion\s+of|graduation\s+from|possession\s+of|"
    r"(?:an?\s+)?(?:valid|current)\b.{0,80}?\b(?:licen[cs]e|certificate|certification|"
    r"registration|credential)s?\b)",
    re.I,
)


_KNOWLEDGE = regex.compile(r"\bknowledge of:\s*(.+)", re.I)
_TO_THE_CANDIDATE = regex.compile(
    r"\b(?:you will|you'll|you would|you bring|your mission|your role)\b", re.I
)
# not numbered: bulletins number their notes
_BULLET = regex.compile(rf"^\s*(?:{ESCAPED_MARK}|[*\u2022-])\s+")
# "Typical duties relate to A, B and C": a list of what the job does, without verbs.
_ABILITIES = regex.compile(r"\b(?:abilit(?:y|ies)|skills?) (?:to|in)\b", re.I)
_DUTY_LIST = regex.compile(r"\bduties (?:relate to|include|involve)\s+(.+)", re.I)
# "program coordination and development of public policy": "and" before a noun of an action
# and its "of" starts the list's next item
_AND_A_THING_OF = r"\band\s+(?=\w+(?:ment|tion|sion|ance|ence|ing)\s+of\b)"
# A list's items end at ";" and "," but for a comma before a list of gerunds ("techniques of
# identifying, preserving and presenting evidence": one item, the gerunds share their object)
_ITEM_BREAK = r";|,(?!\s*\w+ing\s*(?:,|and\b|or\b))|" + _AND_A_THING_OF
# "A, B, and techniques of pre-hospital care": the list's last item, without its "and", when a
# plural, a name or a modifier follows (a bare verb does not: "and answer questions")
_LAST_ITEM = regex.compile(r"^(?:and|or)\s+(?=\w+s\b|[A-Z]|\w+(?:al|ive|ic|ous)\b)")
# "Familiarity with version control systems", "Knowledge of common file formats (JSON, XML)": a
# requirement line that opens with what to know names things, not duties.
_TO_KNOW = regex.compile(
    r"^(?:(?:a |an )?(?:good |solid |strong |working |deep |basic )?(?:knowledge|understanding|"
    r"familiarity|proficiency|expertise|exposure|fluency)) (?:of|with|in|to)\s+(.+)",
    re.I,
)


# "the ability to: A; B", "Ability to C": what the ad asks the candidate to be able to do
_ABILITY_TO = regex.compile(r"\babilit(?:y|ies) to\b:?", re.I)
_ABILITY_LINE = regex.compile(r"^(?:the |an? )?(?:abilit(?:y|ies)|able) to:?\s+(.+)", re.I)


def _abilities(text: str, lines: list[str]) -> list[str]:
    """What the ad asks the candidate to be able to do: the abilities its selection tests ("job
    knowledge, which includes knowledge of: A; B; and the ability to: C; D") and its lines that
    open with "Ability to"."""
    said = []
    for sentence in sentences(text):
        for m in _KNOWLEDGE.finditer(sentence):
            tested = _ABILITY_TO.split(m.group(1), maxsplit=1)
            said += tested[1].split(";") if len(tested) == 2 else []
    said += [m.group(1) for m in map(_ABILITY_LINE.match, lines) if m]
    return [re.sub(r"^[\s:]*(?:and\s+)?", "", x) for x in said]


def _listed_items(text: str) -> tuple[list[str], list[str]]:
    """The ad's lists: the duties it "relates to", the knowledge and abilities its selection
    tests ('job knowledge, which includes knowledge of: A; B; the ability to C'). Returns the
    parts (each a duty line: "methods used to test and diagnose software") and the things it
    names without a verb, before any abilities ("data collection", "report writing"); a thing
    said with what it is for ("charts, graphs, and diagrams ... sufficient to identify formula
    errors": `purpose_question`) is also one thing, in place of the item its purpose ends."""
    parts: list[str] = []
    things: list[str] = []
    for said in sentences(text):
        for m in (*_DUTY_LIST.finditer(said), *_KNOWLEDGE.finditer(said)):
            parts += [p.strip() for p in m.group(1).split(";")]
            listed = _ABILITIES.split(m.group(1))[0]  # "ability to: compare...": not a thing
            for part in listed.split(";"):
                split = [_LAST_ITEM.sub("", p.strip(" .")) for p in re.split(_ITEM_BREAK, part)]
                if purpose_question(part):  # asked whole, in place of its item cut before it
                    split = [part.strip(" .")] + [x for x in split if not says_a_purpose(x)]
                things += split
    return [x for x in parts if x], [x for x in things if x]


def own_duty_slots(job: JobDescription, candidates: list[str], sure: bool = False) -> list[Slot]:
    """(c) Questions from the ad's own material, from no family's bank: each duty clause's verb
    and object (assistant/analysis/duty_questions.py), then its requirement lines, its sentences
    to the candidate and its bullets, then the items of its verbless lists and its own terms.
    When the field is unsure the general questions come only after all of these; when it is
    sure, some of these share the set with the field's bank."""
    unclear = _unclear(candidates, sure)
    terms = _own_terms(job)
    known = frozenset(t.lower() for t in terms)
    lines, things = _own_lines(job)
    slots = []
    for line in lines:  # (each once: _own_lines)
        reason = f'The job says: "{_short(line)}". This asks about the duty itself ({unclear}).'
        said = duty_questions(line)
        said += [q for q in [experience_question(line)] if q]  # "experience in the ... of ..."
        for dq in said:
            if one_vague_word(dq) or names_a_relationship(dq):  # "lead projects": any job's
                continue
            if not sure or names_a_thing(dq, known):  # sure: the bank asks the vague ones better
                slots.append(_own_question(dq, reason, line))
    slots += _item_slots(things, terms, unclear)
    why = f"The job names these. This asks about its own terms ({unclear})."
    slots += [_own_question(q, why, None) for q in term_questions(terms, spoken_term)]
    if not sure:  # a sure field's own come after its bank's questions that do not fit
        slots += _to_know(lines, terms, unclear, job.text)
    return slots


def _unclear(candidates: list[str], sure: bool) -> str:
    if sure:
        return "asked about in the job's own words"
    return f"the field is unclear ({' or '.join(family_label(c) for c in candidates)})"


def _job_terms(job: JobDescription, soft: bool = True) -> list[str]:
    """The job's terms as `critique --job` reads the ad (keywords.job_asks: the lexicon and the
    ad's structure, must-haves first), each name of an "A or B" on its own; `soft`: with its
    soft skills."""
    asks = job_asks(job.text, job.company)
    return list(
        dict.fromkeys(n for a in asks if soft or a.category != "soft skill" for n in a.names)
    )


def _own_terms(job: JobDescription) -> list[str]:
    """The job's terms that are no soft skill (those get the general questions), nor a name the
    ad gives only among its customers (`customers_only`)."""
    return [
        t
        for t in _job_terms(job, soft=False)
        if not competency_of_skill(t) and not customers_only(t, job.text)
    ]


# "organizations like Intel, ASICS, WalkMe, and Canva are using...": a list of names after the
# word for those the employer serves names its customers, not tools the job uses
_NAME = r"[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)*"
_CUSTOMER_NAMES = regex.compile(
    r"\b(?i:organi[sz]ations|compan(?:y|ies)|clients|customers|brands|businesses|enterprises)"
    rf",? (?:like|such as|including|include) {_NAME}(?:,? (?:and |or )?{_NAME})*"
)


def customers_only(term: str, text: str) -> bool:
    """The ad names the term, and only in a list of the employer's customers ("organizations
    like Intel, WalkMe and Canva"): a customer, not the job's tool or work."""
    said = [m.start() for m in re.finditer(r"\b" + re.escape(term) + r"\b", text, re.I)]
    lists = _customer_lists(text)
    return bool(said) and all(any(a <= x < b for a, b in lists) for x in said)


@lru_cache(maxsize=4)
def _customer_lists(text: str) -> tuple[tuple[int, int], ...]:
    """Where the ad lists its customers' names (read once an ad, not once a term)."""
    return tuple(m.span() for m in _CUSTOMER_NAMES.finditer(text))


def _requirement_lines(job: JobDescription) -> list[str]:
    return [line_text(strip_instructions(x)) for x in job.requirements]


def _own_lines(job: JobDescription) -> tuple[list[str], list[str]]:
    """The ad's lines its own questions come from (its duty and requirement lines, its sentences
    to the candidate, its bullets whatever their heading but those of the benefits, how to apply
    and the like, the parts of its lists), and the things its lists name without a verb."""
    lines = duty_lines(job) + _requirement_lines(job)
    lines += [x for x in sentences(job.text) if _TO_THE_CANDIDATE.search(x)]
    lines += _section_bullets(job, _BULLET)  # whatever its heading, but the boilerplate's
    parts, things = _listed_items(job.text)
    return list(dict.fromkeys(lines + parts)), things


def to_know_slots(job: JobDescription, candidates: list[str], sure: bool) -> list[Slot]:
    """Questions on what the ad's lines say to know ("Familiarity with version control systems
    (Git)", "Knowledge of common file formats"): a thing each, what the parentheses list left
    out (the ad's own terms have their own question). They come after all the ad's other
    questions, and before any general one."""
    return _to_know(_own_lines(job)[0], _own_terms(job), _unclear(candidates, sure), job.text)


def _to_know(lines: list[str], terms: list[str], unclear: str, text: str = "") -> list[Slot]:
    """`to_know_slots` from the ad's own lines and terms, already read; then what the ad asks
    the candidate to be able to do, where no duty pattern asks it (`_ability_slots`)."""
    to_know = [m.group(1) for m in map(_TO_KNOW.match, lines) if m]
    to_know = [re.sub(r"\([^)]*\)?", "", x) for x in to_know]  # "(source, target, etc.)"
    items = [p for x in to_know for p in re.split(r"[;,]", x)]
    return _item_slots(items, terms, unclear) + _ability_slots(text, lines, unclear)


def _ability_slots(text: str, lines: list[str], unclear: str) -> list[Slot]:
    """A question on each ability the ad asks for whose verb no duty pattern has ("make
    effective oral presentations": duty_questions.ability_question), not one of working with
    people or a vague one."""
    slots = []
    for ability in dict.fromkeys(_abilities(text, lines)):
        dq = ability_purpose_question(ability) or ability_question(ability)
        if dq and not one_vague_word(dq) and not names_a_relationship(dq):
            why = f'The job asks for the ability to "{ability.strip(" .")}". This asks about it ({unclear}).'
            slots.append(_own_question(dq, why, ability))
    return slots


def _item_slots(things: list[str], terms: list[str], unclear: str) -> list[Slot]:
    """A question on each thing the ad lists without a verb (duty_questions.item_question) that
    names none of its own terms a term question asks about (duty_questions.asked_terms: those
    get their own question; an item naming a term that none asks about gets its own)."""
    asked = [t for kind in asked_terms(terms).values() for t in kind]
    slots = []
    for item in dict.fromkeys(x.strip(" .") for x in things if x.strip(" .")):
        if any(names_term(item, t) for t in asked):  # tokens: "NOT" is not in "knots"
            continue  # its term gets its own question
        dq = item_question(item)
        if dq:
            why = f'The job lists "{item}". This asks about it ({unclear}).'
            slots.append(_own_question(dq, why, item))
    return slots


def competency_slots(job: JobDescription, before: list[Slot]) -> list[Slot]:
    """Questions on the competencies the ad says its interview examines ("In the interview, the
    following competencies may be evaluated: Analytical Ability, ..."), each on a thing of its
    own lines (competency_questions.py): they come where the set would otherwise end with
    general questions, and none for a competency a question of the slots `before` asks."""
    names = interview_competencies(job.text)
    if not names:
        return []  # most ads name none: their own lines are not read again for nothing
    asked = [q.text for slot in before for q in slot]
    slots = []
    for name, dq in competency_questions(names, _own_lines(job)[0], asked):
        why = f"The ad says the interview examines {name}; this asks it about the job's own work."
        slots.append(_own_question(dq, why, None, kind="interview-examines"))
    return slots


def _own_question(dq, reason: str, line: Optional[str], kind: Kind = "duty") -> Slot:
    return [
        InterviewQuestion(
            text=dq.text,
            kind=kind,
            reason=reason,
            source_line=line,
            good_answer_covers=dq.guide,
            follow_up=dq.follow_up,
            question_type=dq.type,
            outline=answer_outline(dq.type, dq.guide),
        )
    ]


def ad_fits(job: JobDescription, family: str) -> dict[str, float]:
    """How well each of the family's questions fits this ad (relevance.ad_fit). A specialist
    question (one kind of work of the family) whose cues neither the title nor the duties and
    requirements name is left out: it belongs to another job of the family, however many words
    it shares with the ad's other text. A question whose premise the job's duties name nothing
    of (its `needs`: a budget, an incident, goods that move; named `needs_times` times where it
    is the job's own kind of work) fits 0: it comes after the ad's own duty questions, however
    many other words it shares with the ad (a logistics bank's movement-of-goods question for an
    evidence-room officer). A question for the one who leads the work fits 0 where the title
    names a junior role (question_bank.JUNIOR_TITLE: a helper is shown the work, not the one
    who shows it)."""
    return _ad_fits(job.text, *_premise_text(job), job.title or "", family)


def _premise_text(job: JobDescription) -> tuple[str, str]:
    """Where a bank question's premise is looked for: the title and duty lines (a specialist
    question's cues), and those with the requirement lines and the lists of what the selection
    tests (its `needs`: "translating non-technical requirements" names whom the work is for); an
    ad where no duty lines are found is read whole for the second."""
    duties = duty_lines(job)
    named = "\n".join([job.title or "", *duties])
    said_lines = dict.fromkeys([*duties, *_requirement_lines(job), *_listed_items(job.text)[0]])
    said = "\n".join([job.title or "", *said_lines]) if duties else job.text
    return named, said


@lru_cache(maxsize=8)  # one set of questions asks it for the duties and for the bank
def _ad_fits(ad: str, named: str, said: str, title: str, family: str) -> dict[str, float]:
    terms = key_terms(strip_instructions(ad))  # an instruction in the ad steers nothing
    return {
        q.text: ad_fit(terms, q.text) if q.premise_holds(said, title) else 0.0
        for q in load_families()[family].questions
        if q.for_this_job(named)
    }


def role_slots(job: JobDescription, family: str, fitting: Optional[bool] = None) -> list[Slot]:
    """(d) The family's questions, those that fit the ad best first (the specific words of the
    question and its guide the ad uses, relevance.ad_fit; for the general bank, its duty cues);
    `fitting` True keeps those that fit at least MIN_AD_FIT, False the others, None all."""
    entries = load_families()[family].questions
    bank = family_questions(family)
    label = load_families()[family].label
    fits = ad_fits(job, family) if family != GENERAL else {}
    ranked = sorted(
        (
            i
            for i in range(len(entries))
            if entries[i].type != COMPANY_QUESTION
            and (entries[i].text in fits or family == GENERAL)
            and (fitting is None or (fits.get(entries[i].text, 0.0) >= MIN_AD_FIT) == fitting)
        ),
        key=lambda i: (
            -fits.get(entries[i].text, 0.0),
            -(cue_hits(job.text, entries[i].cues) if entries[i].cues else 0),
            i,
        ),
    )
    why = _common_reason(family, label)
    return [[_question(bank[i], "role-specific", why, None)] for i in ranked]


def _common_reason(family: str, label: str) -> str:
    """Why a question of the family's bank is asked when no line of the ad is the reason."""
    if family == GENERAL:
        return "Asked in most interviews, whatever the role."
    return f"A common question in {label} interviews."


def _named(
    entry: FamilyQuestion, asked: BankQuestion, does: Optional[tuple[str, str]]
) -> BankQuestion:
    """The company question about what the ad says the employer makes or does ("What do you know
    about Acme, a platform for live online learning, and ...?"), its guide first pointing at what
    the ad says; the family's own wording where the ad says nothing plain or it has no such form."""
    if not does or not entry.named:
        return asked
    employer, what = does
    look = f"Start from what the ad says ({employer} is {what}), then what you found out beyond it"
    return asked.model_copy(
        update={
            "text": entry.named.format(employer=employer, what=what),
            "covers": [look, *asked.covers],
        }
    )


def company_slots(family: str, job: JobDescription) -> list[Slot]:
    """Every set gets one company-knowledge question: the family's own ('What do you know about
    this ward...'), else the general bank's. Of a family's several, a specialist one whose cues
    the ad names comes first ('the property and evidence this unit holds'), then one whose
    premise its duties name ('the equipment you would look after' for a maintenance job). Where
    the ad says what the employer makes or does, the question names it (_named)."""
    named, said = _premise_text(job)
    does = employer_does(job.text, job.company, job.title)
    for bank in (family, GENERAL):
        entries = [
            q
            for q in load_families()[bank].questions
            if q.type == COMPANY_QUESTION and q.for_this_job(named)
        ]
        entries.sort(key=lambda q: (not q.specialist, not q.premise_holds(said, job.title or "")))
        asked = {q.text: q for q in family_questions(bank)}
        if entries:
            why = "Every interview checks you know the employer."
            return [
                [
                    _question(_named(q, asked[q.text], does), "role-specific", why, None)
                    for q in entries
                ]
            ]
    return []


def of_the_field(slots: list[Slot]) -> list[Slot]:
    """The slots without the question every interview asks (EVERY_INTERVIEW_TYPE): a slot gives
    its next alternative instead, and a slot with none left goes, so its place in the set goes
    to the next question of the field."""
    kept = [[q for q in slot if q.question_type != EVERY_INTERVIEW_TYPE] for slot in slots]
    return [slot for slot in kept if slot]


def every_interview(family: str, asked: list[InterviewQuestion]) -> list[InterviewQuestion]:
    """The field's own wording of the question every interview asks ('Why did you choose nursing,
    and why this ward?'), shown apart from the set; not if the set asks it already (a weak spot
    from the notes may)."""
    why = "Whatever the field, the panel will ask why you want this job: have an answer ready."
    texts = [q.text for q in asked]
    return [
        _question(q, "every-interview", why, None)
        for q in family_questions(family)
        if q.type == EVERY_INTERVIEW_TYPE and not is_near_duplicate(q.text, texts)
    ]


def _short(line: str, most: int = 160) -> str:
    """A job line as a reason quotes it: cut to `most` characters."""
    return line if len(line) <= most else line[: most - 3].rstrip() + "..."


def unsure_general(job: JobDescription) -> list[Slot]:
    """The general questions that fill an unsure field's set after the ad's own: the behavioural
    ones, then the motivational ones not shown apart, then those shown apart (`unsure_apart`),
    which a set still short of N takes back rather than end short."""
    general = role_slots(job, GENERAL)
    motivational = [s for s in general if s[0].question_type == EVERY_INTERVIEW_TYPE]
    others = [s for s in general if s not in motivational]
    return others + motivational[UNSURE_APART:] + motivational[:UNSURE_APART]


def unsure_apart(asked: list[InterviewQuestion], company: list[Slot]) -> list[InterviewQuestion]:
    """An unsure field's questions every interview asks, shown apart from its set of the ad's own
    questions: the general bank's first UNSURE_APART motivational ones (why this job, tell me
    about yourself) and its company question, none the set asks already."""
    shown = every_interview(GENERAL, [])[:UNSURE_APART]
    ending = choose([], [company], 1)
    texts = [q.text for q in asked]
    shown = [q for q in shown if not is_near_duplicate(q.text, texts)]
    texts += [q.text for q in shown]
    return shown + [
        q.model_copy(update={"kind": "every-interview"})
        for q in ending
        if not is_near_duplicate(q.text, texts)
    ]


def ask_them(family: str, count: int) -> list[InterviewQuestion]:
    """(e) Questions for the candidate to ask the panel: the family's own."""
    return [
        InterviewQuestion(text=q.text, kind="ask-them", reason=q.why)
        for q in load_families()[family].ask_them[:count]
    ]


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
    request: InterviewRequest,
    bank: Optional[QuestionBank] = None,
    embed: Optional[Callable[[list[str]], list[list[float]]]] = None,
) -> InterviewResult:
    """The question set, written by no model; `embed` (a model's embeddings) only breaks a close
    call between two occupation families."""
    bank = bank or load_bank()
    job = request.job
    role = classify(job.title, job.text, embed)
    # Unsure of the field: no family's bank (it may be another field's), the duties' own questions
    family = role.family if role.sure else GENERAL
    notes = request.notes
    first = struggled_slots(notes, bank, family) if notes else []
    weak = weak_spot_slots(notes, bank, family, _job_terms(job)) if notes else []
    asked = {term for slot in weak for q in slot[:1] for term in find_terms(q.text)}
    gaps, missing = (
        gap_slots(job, request.resume_text, bank, family, asked)
        if request.resume_text
        else ([], [])
    )
    company = company_slots(family, job) if request.count >= 5 else []  # also for `general`
    if role.sure and family != GENERAL:  # the ad's own duties in turn with the bank's best fits
        own = own_duty_slots(job, [family], sure=True)
        fitting = role_slots(job, family, True) + own[OWN_DUTIES:] + role_slots(job, family, False)
        fitting += to_know_slots(job, [family], sure=True)  # before any general question
        duties = of_the_field(duty_slots(job, family))
        fitting += competency_slots(job, fitting + duties)  # what the interview examines
        # the set is full even where the field's questions run out: the general behavioural
        # ones (why this job is asked apart, in the field's words: every_interview)
        fitting += [s for s in role_slots(job, GENERAL) if s[0].question_type == "behavioural"]
        rest = [weak, gaps, own[:OWN_DUTIES], duties, of_the_field(fitting)]
    elif role.sure:
        duties = duty_slots(job, family)
        named = competency_slots(job, duties)
        rest = [weak, gaps, duties, named + role_slots(job, family)]
    else:  # the duties' own questions, then what the interview examines, before any general one
        own = own_duty_slots(job, role.candidates)
        rest = [weak, gaps, own + competency_slots(job, own) + unsure_general(job)]
    questions = choose(first, rest, request.count)
    if company and role.sure:  # the company-knowledge question closes the set, in the last place
        ending = choose([], [company], 1)
        if ending and not is_near_duplicate(ending[0].text, [q.text for q in questions]):
            questions = questions[: request.count - 1] + ending
    # a sure field's why-this-job question, apart; a job that fits no field keeps its general ones
    # in the set (they are the set); an unsure field shows the general bank's apart
    if not role.sure:
        every = unsure_apart(questions, company)
    else:
        every = every_interview(family, questions) if family != GENERAL else []
    unsure = (
        ""
        if role.sure
        else f"the job's field is unclear ({' or '.join(family_label(c) for c in role.candidates)}):"
        " the questions come from the ad's own duties and general ones"
    )
    notices = [
        role.notice,
        unsure,
        ""
        if request.resume_text
        else "no resume given: pass --resume for questions on what it does not show",
    ]
    return InterviewResult(
        job_title=job.title,
        company=job.company,
        role_family=role.family,
        role_family_label=role.family_label,
        role_sure=role.sure,
        role_candidates=role.candidates,
        role_candidate_labels=[family_label(c) for c in role.candidates],
        occupation=role.occupation,
        role_evidence=role.evidence,
        questions=questions,
        ask_them=ask_them(family, 3 if request.count >= 8 else 2),
        every_interview=every,
        missing_terms=missing,
        generation=Generation(source="rules", notice=join_notices(*notices) or None),
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
            existing=[q.text for q in result.questions + result.every_interview + accepted],
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
    result = build_questions(request, embed=getattr(backend, "embed", None))
    if backend is None:
        return result
    return tailor_questions(request, result, backend, on_chunk)


def practice_order(result: InterviewResult) -> list[tuple[str, str]]:
    """(label, question) in the order `rebound practice` asks them: a question from the notes is
    followed by its follow-up, as an interviewer would (the others' follow-ups are on the sheet);
    the question every interview asks ('why this job') comes after the field's."""
    out = []
    for q in result.questions:
        out.append((KIND_LABELS[q.kind], q.text))
        if q.follow_up and q.kind == "struggled":
            out.append(("Follow-up", q.follow_up))
    out += [(KIND_LABELS[q.kind], q.text) for q in result.every_interview]
    return out


def practice_sheet(result: InterviewResult) -> str:
    """The Markdown practice sheet (prompts/interview/fallback.j2)."""
    return prompts.render(TASK, "fallback", result=result, kind_labels=KIND_LABELS)
