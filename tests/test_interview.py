"""`rebound interview`: the question bank, the mix on fixture jobs, resumes and notes, the dedupe,
the model's tailored questions through the guard, the practice sheet and the CLI."""

from __future__ import annotations

import json
import re

import pytest

from assistant.analysis.keywords import find_terms, job_asks, vocabulary
from assistant.analysis.occupation import classify
from assistant.analysis.question_bank import GENERAL, competency_for, load_bank, load_families
from assistant.analysis.words import NEAR_DUPLICATE, is_near_duplicate, similarity
from assistant.engine.fake import FakeBackend
from assistant.inputs.job import parse_job_text, read_job
from assistant.inputs.notes import read_notes
from assistant.inputs.resume import read_resume
from assistant.tasks.interview import (
    UNSURE_APART,
    InterviewRequest,
    build_questions,
    duty_lines,
    interview_questions,
    practice_sheet,
)
from tests.helpers.paths import FIXTURES, JSONRESUME, needs_jsonresume

JOBS, RESUMES, NOTES = FIXTURES / "jobs", FIXTURES / "resumes", FIXTURES / "notes"
DATA_JOB = JOBS / "interview-data-analyst.md"
MARKETING_JOB = JOBS / "interview-marketing-coordinator.md"
CLINIC_JOB = JOBS / "interview-practice-administrator.md"


def request(
    job=DATA_JOB,
    resume=RESUMES / "strong-data-analyst.md",
    notes=NOTES / "northwind-recruiter.md",
    count=10,
):
    return InterviewRequest(
        job=read_job(job),
        resume_text=read_resume(resume).text if resume else None,
        notes=read_notes(notes) if notes else None,
        count=count,
    )


# ---- the bank ----


def test_the_bank_holds_several_hundred_tagged_questions():
    bank = load_bank()
    questions = bank.all_questions()
    family_questions = [q for f in load_families().values() for q in f.questions]
    assert len(questions) + len(family_questions) >= 300
    assert len(bank.competencies) >= 12
    for key, comp in bank.competencies.items():
        assert len(comp.questions[GENERAL]) >= 4, key
        assert comp.covers and comp.follow_ups and comp.cues, key
        assert set(comp.questions) <= set(load_families()), key
    assert all(q.covers for q in questions)
    skills = [s for comp in bank.competencies.values() for s in comp.skills]
    assert skills and set(skills) <= vocabulary().names  # names the keyword matcher uses
    assert all("{term}" in t.text for t in bank.gap_templates)
    assert all(q.text.endswith(("?", ".")) for q in questions)


REQUIRED_FAMILIES = {
    "nursing",
    "allied-health",
    "teaching",
    "trades",
    "logistics",
    "retail-hospitality",
    "customer-service",
    "office-admin",
    "finance",
    "sales-marketing",
    "software-data",
    "management",
    "public-sector",
    GENERAL,
}


def test_each_family_bank_entry_carries_its_type_follow_up_and_guide():
    families = load_families()
    assert set(families) >= REQUIRED_FAMILIES
    for key, family in families.items():
        assert len(family.questions) >= 9, key
        assert len(family.ask_them) >= 3, key
        assert all(a.text.endswith("?") and a.why for a in family.ask_them), key
        assert key == GENERAL or family.cues, key
        for q in family.questions:
            assert q.text.endswith(("?", ".")) and q.follow_up.endswith(("?", ".")), q.text
            assert len(q.guide) >= 2, q.text
        types = {q.type for q in family.questions}
        assert "motivational" in types or key == GENERAL, key
    general_types = {q.type for q in families[GENERAL].questions}
    assert {"motivational", "company", "behavioural"} <= general_types


def test_no_question_is_in_two_family_banks_and_none_asks_the_panel_about_customers_everywhere():
    families = load_families()
    seen: dict[str, str] = {}
    for key, family in families.items():
        for q in family.questions:
            assert q.text not in seen, (q.text, key, seen.get(q.text))
            seen[q.text] = key
    customers = [k for k, f in families.items() for a in f.ask_them if "customers" in a.text]
    assert set(customers) <= {"customer-service", "retail-hospitality", "sales-marketing"}


def test_the_bank_has_no_near_duplicates():
    texts = [q.text for q in load_bank().all_questions()]
    pairs = [
        (a, b)
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
        if similarity(a, b) >= NEAR_DUPLICATE
    ]
    assert not pairs


@pytest.mark.parametrize(
    "title,text,family",
    [
        ("Data Analyst", "SQL and Looker dashboards", "software-data"),
        ("Marketing Coordinator", "email campaigns and the newsletter", "sales-marketing"),
        (
            "Staff Nurse",
            "acute medical unit: observations, escalate deteriorating patients",
            "nursing",
        ),
        ("Maintenance Electrician", "PLCs, BS 7671, lock-out/tag-out, fault finding", "trades"),
        ("Primary School Teacher", "plan lessons for Year 4 pupils", "teaching"),
        ("Web Developer", "JavaScript, React and APIs", "software-data"),
        ("Account Executive", "pipeline, quota and CRM", "sales-marketing"),
        ("HGV Driver", "deliveries, tachograph, route planning", "logistics"),
        ("Bookkeeper", "ledgers, reconciliations, VAT returns", "finance"),
        ("Call Centre Agent", "handle customer calls and complaints", "customer-service"),
        ("Policy Officer", "draft policy advice and consult stakeholders", "public-sector"),
        ("Volunteer", "friendly and reliable", "general"),
    ],
)
def test_occupation_family_from_title_and_duties(title, text, family):
    assert classify(title, text).family == family


def test_a_job_that_fits_no_family_gets_general_questions_and_says_so():
    job = parse_job_text("# Volunteer\n\nFriendly and reliable people wanted.")
    result = build_questions(InterviewRequest(job=job, count=5))
    notice = result.generation.notice or ""
    assert result.role_family == GENERAL and "fits none of the occupation families" in notice
    assert all(q.bank_family == GENERAL for q in result.questions)
    assert result.every_interview == []  # the set is general questions already


def test_the_title_names_an_esco_occupation():
    match = classify("Senior Plumber", "installation and repair of pipe systems")
    assert match.family == "trades" and match.occupation == "plumber"


@pytest.mark.parametrize(
    "line,competency",
    [
        ("Collaborate with cross-functional teams", "teamwork"),
        ("Prioritise requests from several teams at once", "prioritisation"),
        ("Manage the marketing budget for each launch and report on spend", "resources"),
        ("Explain statistical results to people without a data background", "communication"),
        ("Enjoy the view from the office", None),
    ],
)
def test_competency_of_a_job_line(line, competency):
    assert competency_for(line) == competency


# ---- the mix ----


def test_notes_struggled_questions_come_first_with_a_follow_up():
    result = build_questions(request())
    notes = read_notes(NOTES / "northwind-recruiter.md")
    first = result.questions[: len(notes.struggled_questions)]
    assert [q.text for q in first] == notes.struggled_questions
    for q in first:
        assert q.kind == "struggled" and q.follow_up and q.follow_up.endswith("?")
        assert "struggled" in q.reason and "Northwind Logistics" in q.reason
        assert q.source_line in notes.struggled_questions


def test_a_missing_keyword_becomes_a_concrete_question_citing_the_job_line():
    result = build_questions(request())
    assert "Looker" in result.missing_terms
    looker = [q for q in result.questions if q.kind in ("gap", "weak-spot") and "Looker" in q.text]
    assert looker, [q.text for q in result.questions]
    gaps = [q for q in result.questions if q.kind == "gap"]
    assert gaps
    for q in gaps:  # a common noun is said in lower case mid-sentence, a name keeps its case
        term = next(
            t for t in result.missing_terms if re.search(rf"\b{re.escape(t)}\b", q.text, re.I)
        )
        assert f"asks for {term.lower()}" in q.reason.lower()
        assert q.source_line and q.source_line in q.reason
        assert any(term.lower() in c.lower() for c in q.good_answer_covers)
        assert term.lower() in q.source_line.lower() or term == "BI"
    assert any("confidence intervals" in q.text for q in gaps)  # as the line writes it
    assert any(q.text.startswith("The role asks for Looker.") for q in looker)


@pytest.mark.parametrize(
    "term,line,said",
    [
        ("Observability", "", "observability"),  # a common noun the lexicon capitalises
        ("Google Analytics", "", "Google Analytics"),  # a name
        ("Shipping and Receiving", "", "Shipping and Receiving"),  # not "shipping and Receiving"
        (
            "Confidence Intervals",
            "Statistics, including confidence intervals",
            "confidence intervals",
        ),
        ("Looker", "Experience with Looker dashboards", "Looker"),
        ("SQL", "", "SQL"),
        # a name past its first word: never "hayden Electricity course" nor "ruby on Rails"
        ("Hayden Electricity course", "Hayden Electricity Course sponsored by DWP", None),
        ("Ruby on Rails", "", None),
        # a language or a tool of the vocabulary, whatever "go" or "react" the ad says
        ("Go", "Ready to go? Proficiency in Golang", None),
        ("React", "React is a must. You react fast.", None),
    ],
)
def test_a_term_is_said_as_a_person_says_it_mid_sentence(term, line, said):
    from assistant.tasks.interview import spoken_term

    assert spoken_term(term, line) == (said or term)


@pytest.mark.parametrize(
    "term,category,said",
    [
        ("Cloud Computing", "hard skill", "cloud computing"),
        ("Maintenance and Repair", "hard skill", "maintenance and repair"),
        ("Android Development", "hard skill", "Android development"),  # a platform's name
        ("Cloud Computing", "tool", "Cloud Computing"),
    ],
)
def test_a_skill_or_domain_is_a_common_noun_unless_the_ad_capitalises_it(term, category, said):
    from assistant.tasks.interview import spoken_term

    assert spoken_term(term, "", category) == said
    assert spoken_term(term, f"We use {term} daily.", category) == term  # as the ad writes it


@pytest.mark.parametrize(
    "term,category,opens",
    [
        ("Class B licence", "certification or licence", "The job asks for a Class B licence. Do"),
        ("FAA certificate", "certification or licence", "The job asks for an FAA certificate."),
        ("ServSafe", "certification or licence", "The job asks for ServSafe. Do you hold"),
        # completed, not held and kept current
        (
            "plumber apprenticeship",
            "certification or licence",
            "The job asks for a plumber apprenticeship. Have you completed it",
        ),
        # a trait: a time it showed, not experience of it
        ("empathy", "soft skill", "Tell me about a time your empathy made a difference"),
        ("action oriented", "soft skill", "Tell me about a time being action oriented made"),
        ("confidence intervals", "hard skill", "What experience do you have of confidence"),
        ("cargo", "domain", "What experience do you have of cargo?"),
        ("Looker", "tool", None),  # the bank's gap templates ask about a tool
        # a role the ad names: work done in it, one person, in lower case
        ("Museum Guide", "tool", "Have you worked as a museum guide? Tell me about that work"),
        ("Helicopter Mechanics", "domain", "Have you worked as a helicopter mechanic?"),
        (
            "Museum Guide or Recreation Assistant",
            "tool",
            "Have you worked as a museum guide or a recreation assistant?",
        ),
        # not a role: a credential one is certified as, a name of an "A or B" that is no role
        (
            "Certified Crane Operator",
            "certification or licence",
            "The job asks for Certified Crane Operator. Do you hold it",
        ),
        (
            "Design Patterns or Model View Presenter",
            "hard skill",
            "What experience do you have of Design Patterns or Model View Presenter?",
        ),
        # experience of an area, not of its "skills"
        (
            "verbal communication skills",
            "hard skill",
            "What experience do you have of verbal communication? Tell me",
        ),
    ],
)
def test_a_gap_term_is_asked_by_its_kind(term, category, opens):
    from assistant.analysis.duty_questions import gap_question

    dq = gap_question(term, category)
    assert (dq.text[: len(opens)] if dq else None) == opens
    assert dq is None or (dq.follow_up and all(g for g in dq.guide))


@pytest.mark.parametrize(
    "term,role",
    [
        ("Museum Guide", True),
        ("Registered Nurse", True),
        ("Electrician Supervisor", True),
        ("Helicopter Mechanics", True),  # a plural of a role
        ("Network Topology", False),
        ("Help Desk", False),  # ends a role's label ("help desk agent") but names none
        ("Supervisor", False),  # one word: a title alone is no term of its own
    ],
)
def test_a_role_is_a_term_whose_last_word_ends_escos_roles(term, role):
    from assistant.analysis.occupations_file import role_name

    assert role_name(term) is role


@pytest.mark.parametrize(
    "term,line,category,said",
    [
        # the ad writes a word past the first in lower case, in another number: no name
        (
            "Network Topology",
            "Good knowledge of common OS and Network topologies",
            "tool",
            "network topologies",
        ),
        (
            "Front-End Framework",
            "Knowledge of any Front-End frameworks",
            "tool",
            "front-end frameworks",
        ),
        # the ad's singular: the term's own number
        (
            "Personal Computers",
            "support of distributed or personal computer systems",
            "tool",
            "personal computers",
        ),
        # a capital after a hyphen, with a word in lower case between: a name
        (
            "Engineer-in-Training Certificate",
            "a valid engineer-in-training certificate",
            "certification or licence",
            "Engineer-in-Training Certificate",
        ),
        # a part of an "A or B" the ad writes capitalised mid-sentence keeps its capitals
        (
            "Design Patterns or Model View Presenter",
            "using design patterns (including Model View Presenter (MVP), or MVVM)",
            "hard skill",
            "design patterns or Model View Presenter",
        ),
        # every word capitalised where the ad writes it: a name as the ad has it
        (
            "Project Management Software",
            "Knowledge of Project Management Software Tools",
            "tool",
            "Project Management Software",
        ),
    ],
)
def test_a_term_the_ad_writes_in_lower_case_in_any_number_is_a_common_noun(
    term, line, category, said
):
    from assistant.tasks.interview import spoken_term

    assert spoken_term(term, line, category) == said


def test_a_gap_template_says_them_of_a_plural_and_it_of_a_name():
    from assistant.analysis.question_bank import load_bank
    from assistant.tasks.interview import _gap_question

    bank = load_bank()
    used = next(i for i, t in enumerate(bank.gap_templates) if "used {it}" in t.text)

    def asked(said: str) -> str:
        return _gap_question(bank, said, None, "", "gap", used, said).text

    assert "used them," in asked("front-end frameworks")
    assert "used it," in asked("Kubernetes") and "used it," in asked("data analysis")


def test_the_gap_questions_are_the_critiques_missing_terms_asked_by_their_kind():
    """The interview asks about what `critique --job` lists as missing (the keyword gap), must-
    haves first; a skill or a domain as experience, a tool by the bank's gap templates."""
    from assistant.analysis.keywords import keyword_gap

    req = request()
    report = keyword_gap(req.resume_text, req.job.text, req.job.company)
    result = build_questions(req)
    assert result.missing_terms == report.missing
    kinds = {t.name: t.category for t in report.terms}
    gaps = [q for q in result.questions if q.kind == "gap"]
    for q in gaps:
        term = next(t for t in report.missing if f"asks for {t.lower()}" in q.reason.lower())
        experience = q.text.startswith("What experience do you have of")
        assert experience == (kinds[term] in ("hard skill", "domain")), (term, q.text)


def test_every_gap_term_is_one_the_resume_does_not_show():
    resume = read_resume(RESUMES / "strong-data-analyst.md").text
    result = build_questions(request())
    shown = find_terms(resume)
    assert result.missing_terms
    for term in result.missing_terms:
        assert term not in shown
    assert "SQL" not in result.missing_terms and "Tableau" not in result.missing_terms


@needs_jsonresume
def test_a_missing_soft_skill_gets_a_star_question_and_a_degree_none():
    sample = JSONRESUME
    job, resume = (
        read_job(sample / "sample.job.json"),
        read_resume(sample / "sample.resume.json").text,
    )
    result = build_questions(InterviewRequest(job=job, resume_text=resume, count=40))
    gaps = [q for q in result.questions if q.kind == "gap"]
    # "Bachelor's degree in Computer Science": a degree, no term to answer for
    assert "Computer Science" not in result.missing_terms
    assert not any("Computer Science" in q.reason for q in gaps)
    (collab,) = [q for q in gaps if "cross-functional collaboration" in q.reason.lower()]
    assert collab.competency == "teamwork" and "This practises teamwork" in collab.reason
    sql = next(q for q in gaps if q.reason.startswith("The job asks for SQL "))
    assert "SQL" in sql.text and sql.competency is None


def test_notes_weak_spots_become_questions():
    result = build_questions(request(count=20))
    weak = [q for q in result.questions if q.kind == "weak-spot"]
    assert {q.source_line for q in weak} == {
        "Did not know their BI tool (Looker)",
        "Was vague about stakeholder management",
    }
    stakeholder = next(q for q in weak if "stakeholder" in q.source_line)
    assert stakeholder.competency == "stakeholder-management"


def _pastes(question: str, line: str, run: int = 6) -> bool:
    q, ln = question.lower().split(), " " + " ".join(line.lower().split()) + " "
    return any(" " + " ".join(q[i : i + run]) + " " in ln for i in range(len(q) - run + 1))


def test_duty_questions_ask_about_a_duty_line_in_the_banks_own_words():
    job = read_job(DATA_JOB)
    result = build_questions(request(count=20))
    duty = [q for q in result.questions if q.kind == "duty"]
    assert len(duty) >= 2
    bank = {q.text for q in load_families()[result.role_family].questions}
    for q in duty:
        assert q.source_line is None or q.source_line in q.reason  # a term question has none
        assert not _pastes(q.text, q.source_line or "")
        assert q.good_answer_covers and q.follow_up and q.question_type and q.outline
        if q.bank_family:  # the bank's question that fits the duty line
            assert q.source_line in duty_lines(job) and q.text in bank
            assert q.bank_family == result.role_family
        else:  # the duty's own question (verb and object), with its own follow-up and guide
            assert q.text not in bank


def test_a_sure_field_asks_the_banks_questions_that_fit_the_ad_before_its_own_duties():
    from assistant.analysis.relevance import ad_fit, key_terms
    from assistant.tasks.interview import MIN_AD_FIT, OWN_DUTIES, own_duty_slots

    job = read_job(DATA_JOB)
    assert OWN_DUTIES == 0  # decided on the tune ads' judgments (round 3: own 35/58, bank 216/232)
    terms = key_terms(job.text)
    entries = load_families()[classify(job.title, job.text).family].questions
    fitting = [
        q.text for q in entries if q.type != "company" and ad_fit(terms, q.text) >= MIN_AD_FIT
    ]
    for count in (3, len(fitting), len(fitting) + 3):
        result = build_questions(request(count=count, resume=None, notes=None))
        assert result.role_sure
        texts = [q.text for q in result.questions]
        own = [q for q in result.questions if q.kind == "duty" and not q.bank_family]
        if own:  # the ad's own duty questions only once the bank's fitting ones are all asked
            assert all(t in texts or is_near_duplicate(t, texts) for t in fitting)
    own_texts = {s[0].text for s in own_duty_slots(job, [result.role_family], sure=True)}
    assert own_texts and own_texts & set(texts)  # a long set still reaches them
    fits = [ad_fit(terms, q.text) for q in result.questions if q.bank_family == result.role_family]
    unused = [ad_fit(terms, q.text) for q in entries if q.text not in texts]
    # no bank question that fits the ad is left out for one that does not
    if any(f < MIN_AD_FIT for f in fits):
        assert all(f < MIN_AD_FIT for f in unused)


def test_duty_lines_of_a_paragraph_ad():
    job = parse_job_text(
        "PLUMBER\nDUTIES\nA Plumber does skilled work in the installation and repair of "
        "plumbing systems; and may lead a small crew.\nREQUIREMENTS\n1. A journey-level "
        "plumber licence."
    )
    lines = duty_lines(job)
    assert any("installation and repair" in x for x in lines)
    assert any("lead a small crew" in x for x in lines)


def test_the_label_and_the_reason_read_as_one_line():
    """The table shows 'LABEL: reason': the label must not say what the reason says next."""
    from assistant.tasks.interview import KIND_LABELS

    result = build_questions(request())
    for q in result.questions:
        label, reason = KIND_LABELS[q.kind].lower(), q.reason.lower()
        assert not (label.startswith("you struggled") and "you struggled" in reason), (
            label,
            reason,
        )
        assert not (label == "from your notes" and reason.startswith("your notes")), (label, reason)
        assert (
            " from the job." not in reason or "touches on" not in reason
        )  # no "touches on new from the job"
    shared = [
        q
        for q in result.questions
        if q.kind == "role-specific" and "words from the job" in q.reason
    ]
    assert all(q.reason.endswith(".") and ": " in q.reason for q in shared)


def test_role_specific_and_questions_to_ask_them():
    result = build_questions(request(job=MARKETING_JOB, resume=None, notes=None))
    assert result.role_sure
    family = load_families()[result.role_family]
    role = [q for q in result.questions if q.kind == "role-specific"]
    assert role and all(family.label in q.reason or "know the employer" in q.reason for q in role)
    # nothing from another family's bank (the ad's own duty questions are from none); the
    # company question is the family's own
    assert all(q.bank_family in (result.role_family, None) for q in result.questions)
    assert all(q.kind == "duty" for q in result.questions if not q.bank_family)
    assert result.questions[-1].question_type == "company"
    assert [q.text for q in result.ask_them] == [a.text for a in family.ask_them[:3]]
    assert all(q.kind == "ask-them" and q.text.endswith("?") and q.reason for q in result.ask_them)
    assert "pass --resume" in result.generation.notice and result.missing_terms == []


def test_the_why_this_job_question_takes_no_place_in_a_sure_fields_set(monkeypatch):
    """Every interview asks why this job, whatever the field (blind judges: 0/41 belong): a sure
    field's own wording of it is shown apart, and its place in the N goes to the next question of
    the field by the same ranking."""
    import assistant.tasks.interview as interview

    result = build_questions(request(job=MARKETING_JOB, resume=None, notes=None))
    texts = [q.text for q in result.questions]
    why = "Why do you want to sell this product?"  # the sales-marketing bank's motivational one
    assert len(texts) == 10 and why not in texts
    assert not [q for q in result.questions if q.question_type == "motivational"]
    assert [(q.text, q.kind) for q in result.every_interview] == [(why, "every-interview")]
    apart = result.every_interview[0]
    assert apart.follow_up and apart.outline and apart.bank_family == "sales-marketing"
    # the old set (the motivational question counted as one of the field's) asked it; the new
    # one keeps every other question and takes one more of the field's in its place
    monkeypatch.setattr(interview, "EVERY_INTERVIEW_TYPE", "no such type")
    before = [q.text for q in build_questions(request(MARKETING_JOB, None, None)).questions]
    assert why in before
    added = [q for q in result.questions if q.text not in before]
    assert set(before) - {why} <= set(texts) and len(added) == 1
    assert added[0].bank_family in ("sales-marketing", None)


@pytest.mark.parametrize(
    "ad,family",
    [
        (
            "# Staff Nurse\n\n## Duties\n- Give medication and monitor patients on the ward.\n"
            "- Keep patient records and care plans.\n",
            "nursing",
        ),
        (
            "# Backend Engineer\n\n## Responsibilities\n- Build APIs in Python and Go.\n"
            "- Review code and run services in production.\n",
            "software-data",
        ),
        (
            "# Plumber\n\n## Duties\n- Install and repair pipes, drains and water heaters.\n"
            "- Test pressure and fix leaks on site.\n",
            "trades",
        ),
    ],
)
def test_every_sure_field_shows_its_why_this_job_question_apart(ad, family):
    for count in (1, 5, 10, 12):
        result = build_questions(InterviewRequest(job=parse_job_text(ad), count=count))
        assert result.role_sure and result.role_family == family
        assert len(result.questions) == count
        assert all(q.question_type != "motivational" for q in result.questions), count
        own = [q.text for q in load_families()[family].questions if q.type == "motivational"]
        assert [q.text for q in result.every_interview] == own


def test_a_why_this_job_question_from_the_notes_is_asked_in_the_set_and_not_again_apart(tmp_path):
    """What the notes say went badly is the candidate's own: asked in the set, not twice."""
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Interview at Bluebird\n\n## What went wrong\n"
        "- I could not say why I want to sell this product.\n",
        encoding="utf-8",
    )
    result = build_questions(request(job=MARKETING_JOB, resume=None, notes=notes))
    why = "Why do you want to sell this product?"
    assert [q.kind for q in result.questions if q.text == why] == ["weak-spot"]
    assert result.every_interview == []


def test_an_unsure_field_takes_no_familys_bank_and_asks_about_the_ads_own_duties():
    """The practice administrator's ad is as much management as office work: the set then uses
    neither bank (one may be the wrong field's), asks about its duties, and says why."""
    result = build_questions(request(job=CLINIC_JOB, resume=None, notes=None))
    assert not result.role_sure and len(result.role_candidates) == 2
    assert all(q.bank_family in (None, "general") for q in result.questions)
    duties = [q for q in result.questions if q.kind == "duty"]
    assert duties and all(q.follow_up and q.good_answer_covers for q in duties)
    assert all("field is unclear" in q.reason for q in duties)
    assert any(q.source_line for q in duties)
    assert "field is unclear" in result.generation.notice
    general = load_families()["general"].ask_them
    assert [q.text for q in result.ask_them] == [a.text for a in general[:3]]
    # the general bank's questions every interview asks are shown apart, as a sure field's are
    assert len(result.questions) == 10
    apart = {q.text for q in result.every_interview}
    assert not [q for q in result.questions if q.text in apart or q.question_type == "company"]
    general_bank = load_families()["general"].questions
    motivational = [q.text for q in general_bank if q.type == "motivational"][:UNSURE_APART]
    company = [q.text for q in general_bank if q.type == "company"]
    assert [q.text for q in result.every_interview] == motivational + company
    assert all(q.kind == "every-interview" and q.follow_up for q in result.every_interview)


def test_an_unsure_fields_general_questions_give_their_places_to_the_ads_own(monkeypatch):
    """Blind judges counted the general bank's company and why-this-job questions general in
    every unsure set (0/8, 0/2): apart, their places go to the ad's own next questions, and every
    other question of the set stays."""
    import assistant.tasks.interview as interview

    result = build_questions(request(job=CLINIC_JOB, resume=None, notes=None))
    texts = [q.text for q in result.questions]
    monkeypatch.setattr(interview, "EVERY_INTERVIEW_TYPE", "no such type")
    monkeypatch.setattr(interview, "unsure_apart", lambda asked, company: [])
    old = build_questions(request(job=CLINIC_JOB, resume=None, notes=None))
    assert len(texts) == len(old.questions) == 10
    gone = [q.text for q in old.questions if q.text not in texts]
    assert gone and all(t in [q.text for q in result.every_interview] for t in gone)
    assert set(texts) - {q.text for q in old.questions}  # their places went to others


def test_questions_from_a_duty_use_its_verb_and_a_few_words_of_its_object():
    from assistant.analysis.duty_questions import duty_questions

    found = duty_questions(
        "A Wharfinger tracks cargo by terminal, vessel, and steamship line; inspects the "
        "facilities, and investigates reports of damage"
    )
    assert [(q.verb, q.what) for q in found] == [
        ("track", "cargo"),
        ("inspect", "the facilities"),
        ("investigate", "reports of damage"),
    ]
    assert all(q.text.endswith("?") and q.text[0].isupper() for q in found)
    # a capitalised word inside a name is not a verb; a modifier does not end the object
    named = duty_questions("A Supervising Water Service Representative manages counter staff")
    assert [(q.verb, q.what) for q in named] == [("manage", "counter staff")]
    assert [q.verb for q in duty_questions("Reports to the Water Service Manager")] == []
    assert [q.what for q in duty_questions("Proposes long-term solutions")] == [
        "long-term solutions"
    ]
    # two qualifiers of one noun, a comma between them: the noun is the object (session 35)
    assert [q.what for q in duty_questions("Recommends creative, effective fixes")] == [
        "creative, effective fixes"
    ]


def test_a_head_noun_cut_from_its_of_phrase_is_not_asked_about():
    """Too long to say, an object is cut before its "of"; a head noun left alone ("the
    development", "the interpretation") names nothing, so no question is made of it."""
    from assistant.analysis.duty_questions import duty_questions

    assert (
        duty_questions("Lead the development of new customer-facing payment and search features")
        == []
    )
    kept = duty_questions("Prepare monthly cost reports of the fleet's fuel use and mileage")
    assert [q.what for q in kept] == ["monthly cost reports"]


def test_a_qualified_head_noun_cut_from_its_of_phrase_is_not_asked_about():
    """A head noun with only qualifiers before its cut "of" ("personal observations [of
    individuals steps in a work process]") names no more than the bare head noun; a compound
    head ("monthly cost reports") still names a thing."""
    from assistant.analysis.duty_questions import duty_questions

    line = "Accurately record personal observations of individuals steps in a work process"
    assert duty_questions(line) == []
    kept = duty_questions("Maintain field inspection records of the district's sewer lines")
    assert [q.what for q in kept] == ["field inspection records"]


@pytest.mark.parametrize(
    "line,what",
    [
        ("Develops policies consistent with State and Federal health and safety laws", []),
        ("Keeps systems compliant with the security standards", []),
        ("Analyze complex data sufficient to identify relevant issues", []),
        ("Develops policies for the department", ["policies"]),
        ("Create engaging content for students", ["engaging content"]),
        ("Maintain records related to training", ["records"]),
        ("Advises management regarding solutions to health hazards", ["management"]),
        ("Write the best prompts for the model", []),
        ("Write clear prompts for the model", ["clear prompts"]),
    ],
)
def test_an_object_cut_before_the_complement_it_needs_is_not_asked(line, what):
    """An adjective after its noun ("policies consistent [with ...]", "material sufficient [to
    ...]") says what the thing must fit: cut from its complement the object reads garbled, so it
    is refused. A participle there ("records related [to ...]") is cut as before; "regarding"
    says what about, not what; "the best ..." says how well, an aim, not a thing."""
    from assistant.analysis.duty_questions import duty_questions

    assert [q.what for q in duty_questions(line)] == what


def test_a_question_on_the_jobs_tools_is_said_of_one_tool_as_of_one():
    """'Which of them have you used?' of one tool reads wrong: a list of one is asked about as
    one, its follow-up too; a list of two keeps the list's wording."""
    from assistant.analysis.duty_questions import term_questions

    (one,) = term_questions(["GitHub"])
    assert (
        one.text
        == "The job mentions GitHub. How much have you used it, and what did you use it for?"
    )
    assert "which one" not in one.follow_up.lower()
    (two,) = term_questions(["Python", "Docker"])
    assert two.text.startswith("The job mentions Python and Docker. Which of them have you used")


def test_a_verb_that_begins_a_skills_own_name_is_no_duty():
    """'data structures, algorithms, and design patterns': "design patterns" is a skill's own
    name, so "design" is no verb there; a duty whose words are only a taxonomy's alias of a skill
    ("supervise staff" for staff supervision) stays a duty."""
    from assistant.analysis.duty_questions import duty_questions

    assert (
        duty_questions("Strong understanding of data structures, algorithms, and design patterns")
        == []
    )
    assert [q.what for q in duty_questions("Supervise staff at the front counter")] == ["staff"]


def test_maintain_keeps_something_up_and_repair_mends_it():
    """'maintain records', 'maintain confidentiality of evidence': kept up, checked as it goes
    (the record-keeping pattern), not mended and tested 'from start to finish'."""
    from assistant.analysis.duty_questions import duty_questions

    (kept,) = duty_questions("Maintains records of service requests")
    assert kept.text.startswith("When you are maintaining records of service requests")
    assert "from start to finish" not in kept.text and kept.follow_up.startswith("Tell me")
    (mended,) = duty_questions("Repairs centrifugal pumps")
    assert "from start to finish" in mended.text


@pytest.mark.parametrize(
    "line,objects",
    [
        # a participle the cut left at the end says how, not what: the noun before it stays
        ("Directs division activities involved in tree planting", ["division activities"]),
        ("Maintain scalable backend systems supporting our apps", ["scalable backend systems"]),
        ("Record a video showcasing your work", ["a video"]),
        ("Directs the work of sworn and civilian employees", ["the work"]),
        ("Interpret detailed instructions", ["detailed instructions"]),
        ("Interpret detailed", []),
        # a gerund that names the work is the thing
        ("Conduct welding on site", ["welding"]),
        ("Manage data processing", ["data processing"]),
        # "conducts and/or participates in": the verb's object is not here
        ("Conducts and/or participates in personnel investigations", []),
        ("Manage their own projects", ["the projects"]),
    ],
)
def test_a_duty_object_is_never_cut_on_a_participle_or_a_conjunction(line, objects):
    from assistant.analysis.duty_questions import duty_questions

    assert [q.what for q in duty_questions(line)] == objects


def test_questions_on_the_jobs_own_terms_by_their_vocabulary_category():
    from assistant.analysis.duty_questions import term_questions

    found = term_questions(["Excel", "Proofreading", "BLS", "PowerPoint", "Los Angeles"], str.lower)
    texts = [q.text for q in found]
    assert any("Excel and PowerPoint" in t for t in texts)  # tools: names keep their case
    assert any("BLS" in t and "hold" in t for t in texts)  # certifications
    assert any("needed proofreading" in t for t in texts)  # a method, said in lower case
    assert not any("Los Angeles" in t for t in texts)  # not in the curated vocabulary
    assert all(q.follow_up and q.guide for q in found)


@pytest.mark.parametrize(
    "text,customer",
    [
        ("Organizations like Intel, WalkMe, and Canva use our AI. You know Python.", True),
        ("Our customers include Shopify and Canva. You will script in Python.", True),
        ("Organizations like Intel use our AI. You will design slides in Canva.", False),
        ("You will design slides in Canva and work with clients like Intel.", False),
        ("Organizations like ours use tools such as Canva.", False),  # tools, not customers
    ],
)
def test_a_name_given_only_among_the_employers_customers_is_not_the_jobs_tool(text, customer):
    """'organizations like Intel, ASICS, WalkMe, and Canva are using...' names customers: Canva
    is no tool the job uses there, but where a line of the job names it, it is."""
    from assistant.tasks.interview import customers_only

    assert customers_only("Canva", text) == customer
    assert not customers_only("Python", text)


def test_count_is_respected_and_the_set_is_deterministic():
    for n in (1, 4, 10, 15):
        result = build_questions(request(count=n))
        assert len(result.questions) == n
    assert build_questions(request()).model_dump() == build_questions(request()).model_dump()


def test_every_kind_appears_in_a_full_mix():
    result = build_questions(
        request(
            job=MARKETING_JOB,
            resume=RESUMES / "weak-marketing-coordinator.txt",
            notes=NOTES / "harrow-books.md",
            count=12,
        )
    )
    kinds = {q.kind for q in result.questions}
    assert {"struggled", "weak-spot", "gap", "duty", "role-specific"} <= kinds
    assert result.role_family == "sales-marketing"


def test_no_two_questions_in_a_set_are_near_duplicates():
    for job, resume, notes in [
        (DATA_JOB, RESUMES / "strong-data-analyst.md", NOTES / "northwind-recruiter.md"),
        (MARKETING_JOB, RESUMES / "weak-marketing-coordinator.txt", NOTES / "harrow-books.md"),
        (CLINIC_JOB, None, NOTES / "fernhill-clinic.md"),
    ]:
        texts = [q.text for q in build_questions(request(job, resume, notes, count=25)).questions]
        for i, text in enumerate(texts):
            assert not is_near_duplicate(text, texts[:i]), text


def test_dedupe_drops_a_bank_question_that_repeats_a_struggled_one():
    """The harrow notes' struggled question is also in the bank: it is asked once."""
    result = build_questions(
        request(job=MARKETING_JOB, resume=None, notes=NOTES / "harrow-books.md", count=40)
    )
    texts = [q.text for q in result.questions]
    assert texts.count("How would you prioritise two product launches in the same week?") == 1
    assert texts.count("Tell me about a time you managed a campaign budget.") == 1


def test_near_duplicate_similarity():
    assert is_near_duplicate(
        "Tell me about a time you led a team?", ["Describe a time when you led a team."]
    )
    assert is_near_duplicate(
        "How do you prioritise two launches?", ["How would you prioritise two launches?"]
    )
    assert not is_near_duplicate(
        "Tell me about a time you led a team.", ["Tell me about a time you failed."]
    )
    assert not is_near_duplicate(
        "Tell me about a time you went out of your way for a customer.",
        ["Tell me about a time you had to say no to a customer."],
    )


def test_a_job_without_sections_still_gets_questions():
    job = parse_job_text(
        "We need someone to answer customer emails and keep our help articles up to date."
    )
    result = build_questions(InterviewRequest(job=job, count=5))
    assert len(result.questions) == 5


def test_an_ad_that_only_says_security_is_not_asked_about_a_security_certificate():
    from assistant.tasks.interview import _own_terms

    job = parse_job_text(
        "# Facilities Engineer\n\n## Requirements\n- Secret Security Clearance\n"
        "- Follow the security provisions for the booking of property\n"
    )
    texts = " ".join(q.text for q in build_questions(InterviewRequest(job=job, count=10)).questions)
    assert "Security+" not in texts
    certified = parse_job_text("# Analyst\n\n## Requirements\n- CompTIA Security+ required\n")
    assert "CompTIA Security+" in _own_terms(certified)


# ---- the model's tailored questions ----

GOOD_MODEL_QUESTION = (
    "How would you build Looker dashboards that the operations managers use every week?"
)


def test_the_guard_keeps_a_good_model_question_and_drops_bad_ones():
    backend = FakeBackend(
        [
            GOOD_MODEL_QUESTION,
            "Tell me about your time at Amazon with Karen.",  # no '?', unknown names
            "What do you mean by Looker?",  # retry: asks what they mean
        ]
    )
    req = request(resume=None, notes=None, count=6)
    result = interview_questions(req, backend)
    tailored = [q for q in result.questions if q.kind == "tailored"]
    assert [q.text for q in tailored] == [GOOD_MODEL_QUESTION]
    assert tailored[0].source_line in tailored[0].reason and "fake" in tailored[0].reason
    assert len(result.questions) == 6 and result.generation.model == "fake"
    (rejected,) = result.rejected
    assert rejected.text == "What do you mean by Looker?"
    assert {c.code for c in rejected.failed} == {"asks-the-candidate"}
    assert "the guard refused the model's 1 question(s)" in result.generation.notice
    assert len(backend.calls) == 3


def test_the_model_sees_the_job_line_and_never_replaces_the_notes_questions():
    backend = FakeBackend(default="Not a question.")
    req = request(count=2)  # both places are the notes' struggled questions
    result = interview_questions(req, backend)
    assert [q.kind for q in result.questions] == ["struggled", "struggled"]
    assert backend.calls == []  # no room for tailored questions
    backend = FakeBackend(default="Not a question.")
    result = interview_questions(request(count=4), backend)
    assert all(q.kind != "tailored" for q in result.questions)
    assert len(result.rejected) == 2
    gap = next(q for q in build_questions(request(count=4)).questions if q.kind == "gap")
    assert f"Job line: {gap.source_line}\n" in backend.prompts[0] + "\n"  # the first gap's line
    assert all(opts.stop == ["\n"] for _, opts in backend.calls)


def test_a_near_duplicate_model_question_is_dropped():
    existing = build_questions(request(resume=None, notes=None, count=6)).questions[0].text
    backend = FakeBackend(default=existing.rstrip(".?") + "?")
    result = interview_questions(request(resume=None, notes=None, count=6), backend)
    assert all(q.kind != "tailored" for q in result.questions)
    assert any(c.code == "not-near-duplicate" for r in result.rejected for c in r.failed)


# ---- the practice sheet and the CLI ----


def test_practice_sheet_has_every_question_covers_and_space_to_write():
    result = build_questions(request())
    sheet = practice_sheet(result)
    assert sheet.startswith("# Interview practice: Data Analyst at Northwind Logistics")
    for i, q in enumerate(result.questions, 1):
        assert f"## {i}. {q.text}" in sheet
        assert all(point in sheet for point in q.good_answer_covers)
    apart = result.every_interview
    assert sheet.count("Your notes:") == len(result.questions) + len(apart)
    assert "## Questions to ask them" in sheet and all(q.text in sheet for q in result.ask_them)
    assert "Follow-up: " in sheet and "STAR" in sheet
    # the question every interview asks, after the field's and apart from them
    assert apart and sheet.index("## Every interview also asks") > sheet.index(
        f"## {len(result.questions)}. "
    )
    assert all(f"**{q.text}**" in sheet and q.follow_up in sheet for q in apart)


def test_cli_json(cli):
    r = cli(
        "interview",
        "--job",
        DATA_JOB,
        "--resume",
        RESUMES / "strong-data-analyst.md",
        "--notes",
        NOTES / "northwind-recruiter.md",
        "-n",
        "6",
        "--json",
        "--no-model",
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["questions"]) == 6
    assert set(data["questions"][0]) >= {
        "text",
        "kind",
        "reason",
        "source_line",
        "good_answer_covers",
    }
    assert data["role_family"] == "software-data" and "Looker" in data["missing_terms"]
    assert {"question_type", "follow_up", "outline", "bank_family"} <= set(data["questions"][-1])
    # why this job: its own key, none of the six
    why = "What draws you to this product and this team's technical problems?"
    assert [q["text"] for q in data["every_interview"]] == [why]
    assert why not in [q["text"] for q in data["questions"]]


def test_cli_table_and_out_file(cli, tmp_path):
    out = tmp_path / "sheet.md"
    r = cli(
        "interview",
        "--job",
        CLINIC_JOB,
        "--notes",
        NOTES / "fernhill-clinic.md",
        "--out",
        out,
        "--no-model",
    )
    assert r.exit_code == 0, r.stderr
    assert (
        "Practice Administrator at Fernhill Clinic" in r.stdout
        and "Questions to ask them" in r.stdout
    )
    assert out.read_text().startswith(
        "# Interview practice: Practice Administrator at Fernhill Clinic"
    )
    # unsure: the general bank's questions every interview asks are shown apart, and written
    assert "Every interview also asks" in r.stdout
    sheet = out.read_text()
    assert "## Every interview also asks" in sheet and "nearly every panel asks them" in sheet
    assert "**Why do you want this job?**" in sheet
    again = cli("interview", "--job", CLINIC_JOB, "--out", out, "--no-model")
    assert again.exit_code == 2 and "already exists" in again.stderr
    forced = cli("interview", "--job", CLINIC_JOB, "--out", out, "--force", "--no-model")
    assert forced.exit_code == 0


def test_cli_table_shows_the_why_this_job_question_after_the_fields_questions(cli):
    r = cli("interview", "--job", MARKETING_JOB, "-n", "10", "--no-model")
    assert r.exit_code == 0, r.stderr
    out = " ".join(r.stdout.split())
    why = "Why do you want to sell this product?"
    assert "│ 10 " in r.stdout and out.count(why) == 1
    assert out.index("│ 10 ") < out.index("Every interview also asks") < out.index(why)
    assert out.index(why) < out.index("Questions to ask them")


def test_cli_with_the_fake_model(cli, fake_backend):
    fake_backend.queue(GOOD_MODEL_QUESTION)
    r = cli("interview", "--job", DATA_JOB, "-n", "5", "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (
        data["questions"][-1]["kind"] == "tailored"
        and data["questions"][-1]["text"] == GOOD_MODEL_QUESTION
    )


@pytest.mark.parametrize(
    "args,message",
    [
        ([], "--job"),
        (["--job", "missing.md"], "missing.md: no such file"),
        (["--job", DATA_JOB, "-n", "0"], "-n"),
        (["--job", DATA_JOB, "--notes", JOBS], "is a directory"),
        (["--job", RESUMES / "product-designer.json"], "not a valid JSON Resume job description"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2(cli, args, message):
    r = cli("interview", *args, "--no-model")
    assert r.exit_code == 2, r.stdout
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_embeddings_break_a_close_call_between_two_families():
    duties = "Nurses and patients on the ward; lessons for pupils in the classroom."
    words_only = classify(None, duties)
    first, second = list(words_only.scores)[:2]
    assert words_only.scores[first] - words_only.scores[second] < 0.25  # a close call

    def nearer_the_runner_up(texts):
        return [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]  # the job, the best family, the runner-up

    match = classify(None, duties, nearer_the_runner_up)
    assert match.family == second and match.second_opinion
    clear = classify("Staff Nurse", "patients, ward, medication rounds", nearer_the_runner_up)
    assert clear.family == "nursing" and not clear.second_opinion  # no close call: not asked


def test_a_struggled_question_gets_a_follow_up_that_fits_it():
    from assistant.inputs.notes import RejectionNotes
    from assistant.tasks.interview import TYPE_FOLLOW_UPS, struggled_slots

    notes = RejectionNotes(
        struggled_questions=[
            "Tell me about a time you delegated care to a healthcare assistant",
            "What do you know about our business and competitors?",
        ]
    )
    delegation, company = (s[0] for s in struggled_slots(notes, load_bank(), "nursing"))
    entry = next(q for q in load_families()["nursing"].questions if "delegate" in q.text)
    assert delegation.follow_up == entry.follow_up and "customer" not in delegation.follow_up
    assert company.question_type == "company"
    assert company.follow_up == TYPE_FOLLOW_UPS["company"]  # not "found the root cause"


def test_an_item_listed_without_a_verb_gives_a_question_on_a_few_of_its_words():
    from assistant.analysis.duty_questions import MAX_OBJECT_WORDS, item_question

    q = item_question("fundamental accounting and bookkeeping concepts and practices")
    assert q.what == "fundamental accounting concepts" and q.what in q.text  # the shared noun
    assert len(item_question("report writing").what.split()) <= MAX_OBJECT_WORDS
    # one word, or a participle for the rest, says too little; a duty with a verb is not an item
    assert item_question("the metals classified as ferrous and non-ferrous") is None
    assert item_question("inspects facilities") is None
    # a way of working by what it is used to do gets the methods pattern, not the item one
    methods = item_question("methods used to weld, braze, and forge metal")
    assert methods.text.startswith("How do you weld, braze and forge metal? Walk me through the")


@pytest.mark.parametrize(
    "item,what",
    [
        ("City building and safety codes", "city building codes"),
        ("basic accounting and bookkeeping methods", "basic accounting methods"),
        ("small gasoline and diesel engines, including carburetors", "small gasoline engines"),
        ("retirement systems and benefits", "retirement systems"),  # a plural: its own item
        ("form construction and alignment", "form construction"),  # an item of one word
        ("wood float and steel trowel", "wood float"),  # no plural: two things
        ("data modeling and data warehousing concepts", "data modeling"),  # three words
        ("data collection", "data collection"),
        ("Check Disk and File Log", "Check Disk"),
    ],
)
def test_an_items_qualifiers_cut_at_and_take_the_plural_noun_they_share(item, what):
    """ "City building and safety codes": "City building" and "safety" both qualify "codes", so
    the item cut at its "and" asks about "city building codes", not "city building"; an item
    whose object is a plural, or whose "and" joins a thing of one word or no plural, keeps its
    own words."""
    from assistant.analysis.duty_questions import item_question

    assert item_question(item).what == what


def test_a_name_whose_noun_comes_after_its_acronym_is_not_asked_cut_to_the_name():
    """ "Los Angeles Police Department (LAPD) organizational structure": the object stops at the
    acronym's parenthesis, leaving the employer's name without the noun it qualifies, so no
    question; a name that is the thing itself, its acronym ending it, is asked about."""
    from assistant.analysis.duty_questions import item_question

    assert item_question("Los Angeles Police Department (LAPD) organizational structure") is None
    named = item_question("Equal Employment Opportunity (EEO) and affirmative action")
    assert named.what == "Equal Employment Opportunity"
    kept = item_question("the Automated Inventory Tracker (AIT), used daily")
    assert kept.what == "the Automated Inventory Tracker"


@pytest.mark.parametrize(
    "item,terms",
    [
        (
            "basic computer terminology in the area of PC hardware and software necessary to read",
            "computer terms",
        ),
        ("common automotive terminology", "automotive terms"),
        ("commonly used plumbing terminology", "plumbing terms"),
        # only how common the words are: no field to ask about; other items keep their pattern
        ("basic terminology", None),
        ("basic bookkeeping terms", None),
    ],
)
def test_a_fields_terminology_is_asked_as_its_terms(item, terms):
    """ "knowledge of: basic computer terminology" is asked as the terms ("Which computer terms do
    you use most at work?"), not as "experience of basic computer terminology"."""
    from assistant.analysis.duty_questions import item_question

    q = item_question(item)
    if terms:
        assert q.what == terms and q.text.startswith(f"Which {terms} do you use most")
    else:
        assert q is None or "terms do you use" not in q.text


@pytest.mark.parametrize(
    "line,verb,what",
    [
        (
            "Senior Administrative Clerk which provides experience in the development, "
            "implementation, testing, installation, maintenance or support of central, "
            "departmental, distributed or personal computer systems and associated hardware",
            "support",
            "computer systems",
        ),
        (
            "Two years of experience in the construction, maintenance, or operation of water "
            "system facilities; or",
            "operate",
            "water system facilities",
        ),
        ("experience in the preparation of monthly budget reports", "prepare", "monthly budget"),
        # a noun of no duty's work, a vague thing, or no "of": none
        ("experience in a class at the level of Senior Administrative Clerk", None, None),
        ("experience in the resolution of issues", None, None),
        ("Three years of experience in automotive mechanic work", None, None),
    ],
)
def test_experience_named_by_the_nouns_of_its_work_is_asked_as_the_duty(line, verb, what):
    """ "experience in the installation, maintenance or support of ... computer systems": the
    nouns of duty verbs' work before an "of" are asked as the last one's duty, on what it is done
    to."""
    from assistant.analysis.duty_questions import experience_question

    q = experience_question(line)
    assert (q.verb if q else None) == verb
    if q:
        assert q.what.startswith(what) and q.what in q.text


@pytest.mark.parametrize(
    "item,verb,what",
    [
        (
            "the resolution of departmental and Citywide administrative problems",
            "resolve",
            "Citywide administrative problems",
        ),
        ("the preparation of monthly budget reports for the department", "prepare", None),
        ("the installation of electrical systems and equipment in buildings", "install", None),
        # the item's own words still say it; a noun of no duty verb, or a vague object: none
        ("the maintenance of records", "", "maintenance of records"),
        ("the principles of accounting and budgeting of the City", None, None),
        ("the resolution of departmental and divisional issues", None, None),
    ],
)
def test_an_item_cut_to_the_noun_of_a_duty_is_asked_as_the_duty(item, verb, what):
    """ "Typical duties relate to the resolution of departmental and Citywide administrative
    problems, ...": the item, too long to say, is cut to "the resolution", which names nothing;
    the noun is a duty verb's work ("resolution": resolve), so the duty is asked on what it is
    done to."""
    from assistant.analysis.duty_questions import item_question

    q = item_question(item)
    assert (q.verb if q else None) == verb
    if q and what:
        assert q.what == what and what in q.text
    if q and verb and not what:
        assert q.what and q.text.startswith(("Tell me", "Walk me"))


@pytest.mark.parametrize(
    "item,asked",
    [
        ("methods used to weld, braze, and forge metal", "weld, braze and forge metal"),
        (
            "methods used  to test and diagnose software and hardware functions following upgrade",
            "test and diagnose software and hardware functions",
        ),
        (
            "techniques used to develop and maintain emergency operations plans and procedures",
            "develop and maintain emergency operations plans",
        ),
        # too long, and its first item one word that qualifies the next: none
        (
            "procedures used to test and treat boiler and cooling water system and to interpret "
            "standard test results",
            None,
        ),
        (
            "methods used to estimate time, labor and materials needed for completion of jobs",
            "estimate time, labor and materials",
        ),
        ("procedures used to move pipes and/or other equipment", "move pipes or other equipment"),
        ("techniques used to conduct effective investigations", "conduct effective investigations"),
        # a pronoun, one vague word, no object, a step of the application: no question
        ("procedures used to install, maintain, and repair them", None),
        ("the steps needed to isolate and fix the problems including use of X", None),
        ("steps needed to complete the online Advisory Essay", None),
        ("methods used to weld", None),
        ("methods of economic research", None),
    ],
)
def test_a_way_of_working_is_asked_by_what_it_is_used_to_do(item, asked):
    """ "methods used to weld, braze, and forge metal" (what a selection tests knowledge of) is
    asked with its verbs and their shared object, cut where the object says how or why."""
    from assistant.analysis.duty_questions import method_question

    q = method_question(item)
    assert (q.text.split("?")[0].removeprefix("How do you ") if q else None) == asked


@pytest.mark.parametrize(
    "item,asked",
    [
        (
            "electrical theory sufficient to properly connect and utilize electrical equipment",
            ("electrical theory", "connect and utilize electrical equipment"),
        ),
        (
            "common types of knots sufficient to secure items to the hand line used in overhead work",
            ("knots", "secure items"),
        ),
        (
            "charts, graphs, and diagrams such as those found in Microsoft Excel and Visio "
            "sufficient to identify formula errors, and understand and explain data to users",
            ("charts, graphs, and diagrams", "identify formula errors"),
        ),
        (
            "parking meter devices including all working parts sufficient to perform service and "
            "repairs",
            ("parking meter devices", "perform service and repairs"),
        ),
        (
            "Port tariffs in order to adequately understand and explain the rules",
            ("Port tariffs", "understand and explain the rules"),
        ),
        # no thing the purpose is done to, a pointing word, a thing too long to say, a duty
        # clause (its own duty question asks it), no purpose: no question
        ("arithmetic sufficient to add, subtract, and multiply with speed and accuracy", None),
        ("various meters and/or gauges sufficient to read them", None),
        (
            "basic physics principles as they apply to tools sufficient to operate these devices",
            None,
        ),
        ("principles and practices of confidentiality sufficient to recognize actions", None),
        ("filing systems sufficient to organize documents in an efficient manner", None),
        ("electrical theory", None),
        ("and/or geology in order to determine if equipment is operating properly", None),
        ("water system workings in order to determine if equipment is operating properly", None),
    ],
)
def test_a_thing_to_know_is_asked_with_what_the_ad_says_it_is_for(item, asked):
    """ "electrical theory sufficient to properly connect and utilize electrical equipment" is
    asked with its purpose ("How has your knowledge of electrical theory helped you connect and
    utilize electrical equipment?"), not cut before it; names keep their case."""
    from assistant.analysis.duty_questions import purpose_question

    q = purpose_question(item)
    said = re.match(r"How has your knowledge of (.+) helped you (.+)\? ", q.text) if q else None
    assert (said.groups() if said else None) == asked


@pytest.mark.parametrize(
    "ability,asked",
    [
        (
            "analyze complex material sufficient to identify relevant issues, extract pertinent "
            "information or data, and make recommendations",
            ("analyze complex material", "identify relevant issues"),
        ),
        (
            "use computer software such as Excel sufficient to perform engineering calculations",
            ("use computer software", "perform engineering calculations"),
        ),
        (
            "accurately compare Payroll records in order to correct pay errors",
            ("compare Payroll records", "correct pay errors"),
        ),
        # how any job is done, a vague object, a duty clause of a pattern, as long as a paste
        # of the ad, no purpose: no question
        ("communicate orally sufficient to make presentations and provide customer service", None),
        ("work with others in order to meet deadlines", None),
        ("manage time sufficient to prioritize and combine investigations", None),
        ("prepare written reports in order to correspond with members", None),
        (
            "determine a work-exposure sampling strategy in order to obtain accurate and "
            "meaningful data",
            None,
        ),
        ("analyze complex material", None),
        ("pay attention to detail sufficient to detect safety hazards", None),
    ],
)
def test_an_ability_is_asked_with_what_the_ad_says_it_is_for(ability, asked):
    """ "analyze complex material sufficient to identify relevant issues" is asked with its
    purpose ("How do you analyze complex material to identify relevant issues?"), not cut before
    it, in fewer words than a paste of the ad."""
    from assistant.analysis.duty_questions import ability_purpose_question

    q = ability_purpose_question(ability)
    said = re.match(r"How do you (.+) to (.+)\? ", q.text) if q else None
    assert (said.groups() if said else None) == asked


def test_a_listed_thing_with_its_purpose_is_asked_whole_beside_its_names():
    """A knowledge list's item said with what it is for is one thing, in place of the item cut
    before its purpose; the names it lists keep their own questions."""
    from assistant.analysis.duty_questions import item_question
    from assistant.tasks.interview import _listed_items

    text = (
        "The interview tests job knowledge, which includes knowledge of: charts, graphs, and "
        "diagrams such as those found in Microsoft Excel, Microsoft PowerPoint, and Visio "
        "sufficient to identify formula errors; data collection; the ability to diagnose faults."
    )
    things = _listed_items(text)[1]
    asked = [q.text for q in map(item_question, things) if q]
    assert any(
        "charts, graphs, and diagrams helped you identify formula errors" in t for t in asked
    )
    assert any("of Microsoft PowerPoint?" in t for t in asked)
    assert any("of data collection?" in t for t in asked)
    assert not any(t.startswith("Visio") for t in things)  # cut before its purpose: gone


def test_the_ads_own_terms_are_those_critique_job_reads_without_its_soft_skills():
    """The own-term questions read the ad as `critique --job` does (keywords.job_asks): each
    name of an "A or B" on its own, no soft skill, and none of a bulletin's boilerplate names
    (the city, its Personnel Department, its Civil Service Rule) that the vocabulary's older
    reading took from any capitalised run."""
    from assistant.tasks.interview import _own_terms

    job = parse_job_text(
        "# Office Clerk\n\n## Requirements\n- Experience with Excel or Google Sheets\n"
        "- Strong communication skills and attention to detail\n- Bookkeeping\n\n"
        "## How to apply\nApply to the Personnel Department, City of Los Angeles, as Civil "
        "Service Rule 5.1 says. Supplemental Questions must be answered.\n"
    )
    terms = _own_terms(job)
    assert {"Excel", "Google Sheets", "Bookkeeping"} <= set(terms)
    for name in ("Communication", "Los Angeles", "Personnel Department", "Civil Service Rule"):
        assert not any(name.lower() in t.lower() for t in terms), name
    assert set(terms) <= {n for a in job_asks(job.text, job.company) for n in a.names}


def test_a_listed_thing_leaves_its_question_to_a_term_question_on_a_term_it_names():
    """An item that names one of the ad's terms a term question asks about (Excel, one of the
    tools question's first three) leaves the question to it; one that names a term no term
    question asks about (not of the vocabulary's tools, certifications or methods, or a fourth
    tool) keeps its own, as does one where a term is only inside a word ("NOT" in "knots")."""
    from assistant.tasks.interview import _item_slots

    item = "common types of knots sufficient to secure items to the hand line"
    (slot,) = _item_slots([item], ["NOT", "Sec"], "unclear")
    assert "knowledge of knots helped you secure items" in slot[0].text
    (slot,) = _item_slots([item], ["Knots"], "unclear")  # no term question on knots
    assert "knowledge of knots helped you secure items" in slot[0].text
    (slot,) = _item_slots(["data collection"], ["Data Collection"], "unclear")
    assert "of data collection?" in slot[0].text
    assert _item_slots(["pivot tables in Excel"], ["Excel"], "unclear") == []
    (slot,) = _item_slots(["pivot tables in Excel"], ["Python", "Java", "Docker", "Excel"], "u")
    assert "of pivot tables?" in slot[0].text


def test_an_unsure_field_asks_about_the_things_the_ad_lists_without_a_verb(tmp_path):
    """A bulletin whose duties are one verbless sentence: its listed things, and the parts of
    what its selection tests, give questions on a few of their words, never one word alone."""
    from assistant.tasks.interview import own_duty_slots

    ad = tmp_path / "clerk.md"
    ad.write_text(
        "# Management Clerk\n\nTypical duties relate to data collection, report writing, and "
        "methods.\n\nThe interview tests job knowledge, which includes knowledge of: fundamental "
        "records retention schedules; the ability to diagnose software faults.\n",
        "utf-8",
    )
    texts = [slot[0].text for slot in own_duty_slots(read_job(str(ad)), ["office-admin"])]
    assert any("of data collection?" in t for t in texts)
    assert any("of report writing?" in t for t in texts)
    assert any("of fundamental records retention schedules?" in t for t in texts)
    assert any("diagnose software faults" in t for t in texts)  # an ability's verb: a duty
    assert not any("of methods?" in t for t in texts)


def test_a_sure_fields_own_duty_question_names_a_thing_of_the_job():
    from assistant.analysis.duty_questions import duty_questions, names_a_thing

    (vague,) = duty_questions("Evaluates the work of subordinates")
    (force,) = duty_questions("Maintains an effective work force")
    (state,) = duty_questions("Enforces State")
    (brakes,) = duty_questions("Diagnoses antilock brake systems")
    assert not names_a_thing(vague) and not names_a_thing(force) and not names_a_thing(state)
    assert names_a_thing(brakes)


def test_a_one_word_duty_object_that_qualifies_a_later_noun_is_not_asked():
    """ "Conduct design and code reviews": "design" qualifies "reviews", so "conduct design" asks
    about nothing; so do "design performant" and "prepare clear". A plural is an item of the list
    ("reconcile accounts"), and ", and" starts a new clause ("check stock, and provide ...")."""
    from assistant.analysis.duty_questions import duty_questions

    assert duty_questions("Conduct design and code reviews") == []
    assert (
        duty_questions("Design performant, scalable, and secure software to a high standard") == []
    )
    assert duty_questions("Prepares clear and concise written reports") == []
    assert duty_questions("Develop features to support product and commercial initiatives")[
        -1
    ].what == ("features")
    assert [q.what for q in duty_questions("Reconciles accounts and cash balances")] == ["accounts"]
    assert [q.what for q in duty_questions("Check stock, and provide materials to staff")] == [
        "stock"
    ]
    assert [q.what for q in duty_questions("Repair engines and pumps")] == ["engines"]


def test_a_duty_named_by_one_vague_or_any_jobs_word_is_not_asked_whatever_the_field(tmp_path):
    """ "Lead projects", "manage time", "analyze issues": one word that every job's general
    questions use, or a vague one, says nothing of this job, sure field or not."""
    from assistant.analysis.duty_questions import duty_questions, one_vague_word
    from assistant.tasks.interview import own_duty_slots

    for line in (
        "Lead projects that drive business impact.",
        "Manage time to plan",
        "Analyze issues",
        "Lead efforts to enhance content",
        "Fix the problems",
        "Develop reasonable responses and solutions",  # a reply's noun, cut from its "to"
        "Prepare responses to the council",
    ):
        (dq,) = duty_questions(line)
        assert one_vague_word(dq), line
    for line in (
        "Resolve bugs within established timelines.",
        "Triage alerts",
        "Manage complex projects",
        "Track cargo by terminal",
    ):
        (dq,) = duty_questions(line)
        assert not one_vague_word(dq), line
    ad = tmp_path / "engineer.md"
    ad.write_text(
        "# Engineer\n\n## Responsibilities\n\n- Lead projects that drive business impact.\n"
        "- Resolve bugs within established timelines.\n",
        "utf-8",
    )
    for sure in (False, True):
        texts = [s[0].text for s in own_duty_slots(read_job(str(ad)), ["software-data"], sure)]
        assert not any("lead projects" in t for t in texts)
        assert any("resolve bugs" in t for t in texts)


def test_a_vague_word_with_only_qualifiers_before_it_is_not_asked():
    """ "innovative strategies", "multiple assignments", "comprehensive unit": a qualifier of a
    vague word names no more than the word; a qualifier of a thing, or of a word the general
    questions use, stays ("complex projects", "effective training programs")."""
    from assistant.analysis.duty_questions import duty_questions, one_vague_word

    for line in (
        "develop and implement innovative strategies to maximize productivity",
        "prioritize and manage multiple assignments with competing deadlines",
        "Conduct comprehensive unit and integration tests",
    ):
        assert any(one_vague_word(dq) for dq in duty_questions(line)), line
    for line in (
        "Manage complex projects",
        "Develop effective training programs",
        "Prepare educational material for classes",
    ):
        assert not any(one_vague_word(dq) for dq in duty_questions(line)), line


def test_a_relationship_is_no_duty_of_the_field():
    from assistant.analysis.duty_questions import duty_questions, names_a_relationship

    for line in (
        "maintain effective working relationships with subordinates",
        "develop and maintain good customer relations",
    ):
        assert any(names_a_relationship(dq) for dq in duty_questions(line)), line
    for line in ("maintain records of cargo", "develop training programs"):
        assert not any(names_a_relationship(dq) for dq in duty_questions(line)), line


def test_the_candidates_own_and_the_employers_doing_are_no_duty():
    """ "improve your skill set", "process your information": the candidate's own or the reader's;
    "how we build our teams ... and create a culture": the employer's, not the job's. A verb whose
    nearest subject is "you" or "who" is the job's."""
    from assistant.analysis.duty_questions import duty_questions

    for line in (
        "you regularly self-educate and improve your skill set.",
        "If you have any questions about how we process your information",
        "They are the guiding values of how we build our teams and create a culture",
        "We hire carefully, and the team takes part in evaluating potential hires.",
    ):
        assert duty_questions(line) == [], line
    for line in (
        "We are looking for someone who will design payment systems",
        "You will support the sales team and develop written proposals",
    ):
        assert duty_questions(line), line


def test_a_spaced_dash_ends_a_headings_object():
    """ "Lead Qualification - Validate technical environment": the dash ends the heading, so the
    object is "Qualification" alone (one capitalised word: no question in a sure field), never
    "Qualification Validate technical environment"."""
    from assistant.analysis.duty_questions import duty_questions

    (dq,) = duty_questions("Lead Qualification - Validate technical environment")
    assert dq.what == "Qualification"
    assert [q.what for q in duty_questions("Review pull-requests and pre-commit hooks")] == [
        "pull-requests"
    ]


def test_an_ads_bullets_are_its_duties_when_no_section_is_named(tmp_path):
    """An ad whose headings the job reader names none of ("THE CHALLENGE", "THE BENEFITS")
    has its bullets as its duty lines, those under a boilerplate heading (benefits) left out:
    a bank question's premise is then looked for in them, not in the benefits' "employees"."""
    ad = tmp_path / "release.md"
    ad.write_text(
        "# Release Manager\n\n### THE CHALLENGE\n\n* Plan and coordinate releases across "
        "product teams\n* Continuously improve release processes\n\n### THE BENEFITS\n\n"
        "* Wedding gift allowance for employees and their families\n",
        "utf-8",
    )
    job = read_job(str(ad))
    assert not job.responsibilities and not job.requirements
    lines = duty_lines(job)
    assert any("coordinate releases" in x for x in lines)
    assert not any("employees" in x for x in lines)


# ---- specialist questions: one kind of work of the family ----

GENERIC_CUES = {"equipment", "system*", "systems", "safety", "reports", "plans", "maintenance"}
GENERIC_CUES |= {"tools", "work", "public", "departments", "staff"}


def test_a_specialist_question_has_cues_of_its_own_kind_of_work():
    """A specialist question is asked on its cues alone, so they must be words of that work,
    never words any ad of the family uses."""
    specialists = [q for f in load_families().values() for q in f.questions if q.specialist]
    assert len(specialists) >= 40
    for q in specialists:
        assert len(q.cues) >= 4, q.text
        assert not GENERIC_CUES & set(q.cues), q.text
        assert q.type != "motivational", q.text


def test_every_family_keeps_a_company_question_any_of_its_jobs_can_be_asked():
    """A company question may be one kind of work's (the property an evidence unit holds) or
    have a premise (the equipment a maintenance job looks after), but each family also has one
    with neither, so every set still ends with a company question."""
    for key, family in load_families().items():
        company = [q for q in family.questions if q.type == "company"]
        if company:
            assert any(not q.specialist and not q.needs for q in company), key


LOGISTICS_AD = """# {title}

## Duties
- {duty}
- Keep the stock records and the delivery paperwork up to date.
- Work with the warehouse and transport teams on shipments.

## Requirements
- Three years of logistics experience.
"""
BUYERS_COMPANY = "What do you know about what we make, and what we have to buy to make it?"


@pytest.mark.parametrize(
    "title, duty, buyer",
    [
        ("Buyer", "Source and evaluate suppliers and negotiate purchase orders.", True),
        ("Warehouse Operative", "Load and unload vehicles and store goods safely.", False),
    ],
)
def test_a_buyer_is_asked_the_buyers_questions_and_the_company_question(title, duty, buyer):
    """The purchasing questions and the buyer's company question go to an ad whose duties name
    purchasing; a warehouse ad keeps the family's own company question."""
    job = parse_job_text(LOGISTICS_AD.format(title=title, duty=duty))
    result = build_questions(InterviewRequest(job=job, count=10))
    assert result.role_family == "logistics" and result.role_sure
    texts = [q.text for q in result.questions]
    assert (texts[-1] == BUYERS_COMPANY) == buyer
    assert (BUYERS_COMPANY in texts) == buyer
    supplier = [t for t in texts if "supplier" in t.lower()]
    assert (len(supplier) >= 3) == buyer


TRADES_AD = """# {title}

## Duties
- {duty}
- Use hand and power tools and keep the work area safe.
- Read drawings and follow the building codes.

## Requirements
- Journey-level experience in the trade.

## How to apply
Applicants for pumping station and control room jobs apply on the City's site.
"""
CONTROL_ROOM = (
    "How do you monitor a plant or a system from the control room, and what do you do when an "
    "alarm goes off?"
)


@pytest.mark.parametrize(
    "title,duty,asked",
    [
        ("Carpenter", "Frame walls, hang doors and fit architraves and skirting.", False),
        ("Treatment Plant Operator", "Watch the SCADA screens in the control room.", True),
    ],
)
def test_a_specialist_question_is_asked_only_where_the_duties_name_its_work(title, duty, asked):
    """The control-room question goes to the operator, never to the carpenter, even though the
    carpenter's ad says "control room" in its how-to-apply notes (not the work)."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(TRADES_AD.format(title=title, duty=duty))
    result = build_questions(InterviewRequest(job=job, count=12))
    assert result.role_family == "trades" and result.role_sure
    texts = [q.text for q in result.questions]
    assert (CONTROL_ROOM in texts) == asked
    assert (CONTROL_ROOM in ad_fits(job, "trades")) == asked
    # a question any trade is asked stays in the running either way
    assert "Which tools and test equipment do you use most, and how do you look after them?" in (
        ad_fits(job, "trades")
    )


SOFTWARE_AD = """# {title}

## Responsibilities
- {duty}
- Write clean, tested Python and TypeScript, and take part in code reviews.
- Work with product managers on new features.

## Requirements
- 5+ years of software engineering experience.
"""
CHECK_DATA = "How do you check that data is right before people make decisions with it?"


@pytest.mark.parametrize(
    "title,duty,asked",
    [
        ("Senior Backend Engineer", "Build APIs that store customer data in PostgreSQL.", False),
        (
            "Analytics Engineer",
            "Build dbt models and Looker dashboards for the finance team.",
            True,
        ),
    ],
)
def test_the_data_checking_question_goes_to_analytics_work_not_to_every_ad_that_says_data(
    title, duty, asked
):
    """Checking data before people decide with it is an analyst's work: its cues are analytics
    words (dbt, dashboards, reporting), not "data", which every software ad says."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(SOFTWARE_AD.format(title=title, duty=duty))
    assert (CHECK_DATA in ad_fits(job, "software-data")) == asked


def test_a_sure_field_whose_questions_run_out_still_fills_the_set_with_general_ones():
    """Most logistics questions are one kind of work's (a lorry's checks, a vessel's stowage): an
    ad that names none of them still gets the count it asked for, the field's questions first,
    then general behavioural ones (never a second 'why this job')."""
    ad = (
        "# Freight Coordinator\n\n## Duties\n- Coordinate freight deliveries with carriers.\n\n"
        "## Requirements\n- Two years of logistics experience.\n"
    )
    result = build_questions(InterviewRequest(job=parse_job_text(ad), count=12))
    assert result.role_family == "logistics" and result.role_sure
    assert len(result.questions) == 12
    banks = [q.bank_family for q in result.questions]
    general = [q for q in result.questions if q.bank_family == GENERAL]
    assert general and all(q.question_type == "behavioural" for q in general)
    assert banks.index(GENERAL) > banks.index("logistics")


# ---- a bank question whose premise the duties name nothing of ----

MANAGER_AD = """# Operations Manager

## Responsibilities
- {duty}
- Plan and direct the work of the operations division and report to the board.
- Set priorities, track progress and keep senior leaders informed.

## Requirements
- Five years of experience leading operations.

## Benefits
- A budget for training and a bonus.
"""
BUDGET = "How do you manage a budget when costs rise halfway through the year?"


@pytest.mark.parametrize(
    "duty,apt",
    [
        ("Prepare and control the division's annual budget and expenditures.", True),
        ("Coordinate schedules between the operations teams.", False),
    ],
)
def test_a_question_whose_premise_the_duties_do_not_name_fits_no_more(duty, apt):
    """The budget question is apt where the duties name a budget, and fits 0 where only the
    benefits do: it then comes after the ad's own duty questions, never dropped."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(MANAGER_AD.format(duty=duty))
    fits = ad_fits(job, "management")
    assert (fits[BUDGET] > 0) == apt
    assert BUDGET in fits  # still in the running, last


def test_a_needs_list_names_the_premise_not_the_family():
    """`needs` are words of one question's premise (a budget, an incident, goods that move): a
    question asked of every job of its family (motivational) has none, and a needs list is never
    the family's own cue list."""
    families = load_families()
    with_needs = [(k, q) for k, f in families.items() for q in f.questions if q.needs]
    assert len(with_needs) >= 10
    for key, q in with_needs:
        assert q.type != "motivational", q.text  # a company one is asked by company_slots
        assert set(q.needs) != set(families[key].cues), q.text
        assert 1 <= q.needs_times <= 3, q.text


def test_an_ad_with_no_duty_lines_is_read_whole_for_a_premise():
    """Where no duty lines are found, the whole ad is read for the premise's words, so a
    question is not pushed back for want of a duties heading."""
    from assistant.tasks.interview import ad_fits, duty_lines

    job = parse_job_text(
        "# Operations Manager\n\nYou will own the annual budget and lead three teams.\n"
    )
    assert not duty_lines(job)
    assert ad_fits(job, "management")[BUDGET] > 0


# ---- a premise that is the job's own kind of work, and the company question's premise ----

CRAFT_AD = """# {title}

## Duties
- {duty}
- Work safely with hand and power tools and follow the City's codes and standards.
- May act as a lead for and work with a small crew.

## Requirements
- Four years of experience in the trade.
"""
MAINTENANCE_FIRST = (
    "How do you decide which maintenance jobs to do first when everything seems urgent?"
)
FIND_THE_FAULT = (
    "Walk me through how you would find the fault on a piece of equipment that keeps breaking down."
)
REPAIR = "Tell me about a repair that did not go to plan. What did you do?"
LOOK_AFTER = (
    "What do you know about the kind of work we do, the sites and the equipment you would look "
    "after?"
)
MAKE_OR_BUILD = (
    "What do you know about the kind of work we do, and what you would be making, building or "
    "repairing here?"
)


@pytest.mark.parametrize(
    "title,duty,maintenance",
    [
        (
            "Blacksmith",
            "Forges, bends and tempers metals in the fabrication and repair of tools.",
            False,
        ),
        ("Cement Finisher", "Mixes, places and finishes concrete, and repairs curbs.", False),
        (
            "Plumber",
            "Installs and repairs pipes, and carries out preventive maintenance on pumps.",
            True,
        ),
        (
            "Equipment Mechanic",
            "Diagnoses faults on and repairs trucks, and services them on a schedule.",
            True,
        ),
    ],
)
def test_a_premise_that_is_the_jobs_kind_of_work_must_be_named_more_than_once(
    title, duty, maintenance
):
    """Maintenance and fault-finding are the job's own work only where the duties come back to
    them: "the repair of tools" once, among what a blacksmith forges, does not make a
    maintenance job. The repair question needs a repair named once."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(CRAFT_AD.format(title=title, duty=duty))
    fits = ad_fits(job, "trades")
    assert (fits[MAINTENANCE_FIRST] > 0) == maintenance
    assert (fits[FIND_THE_FAULT] > 0) == maintenance
    assert fits[REPAIR] > 0  # every one of them names a repair
    result = build_questions(InterviewRequest(job=job, count=10))
    assert result.role_family == "trades" and result.role_sure
    assert result.questions[-1].text == (LOOK_AFTER if maintenance else MAKE_OR_BUILD)


def test_a_repair_question_needs_a_repair():
    """A tree crew's ad names maintenance and removal, never a repair."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(
        CRAFT_AD.format(
            title="Tree Trimmer", duty="Maintains, prunes and removes trees along City streets."
        )
    )
    assert ad_fits(job, "trades")[REPAIR] == 0


NEW_CIRCUIT = "Walk me through how you test a new circuit before you switch it on and hand it over."


@pytest.mark.parametrize(
    "question,title,duty,apt",
    [
        # the electrician's circuit-testing question hands over a new installation: an auto
        # electrician who diagnoses and repairs has none
        (
            NEW_CIRCUIT,
            "Electrician",
            "Installs new wiring and lighting circuits in City buildings.",
            True,
        ),
        (
            NEW_CIRCUIT,
            "Auto Electrician",
            "Diagnoses, tests and repairs truck electrical systems.",
            False,
        ),
        # the plant's words (wastewater, treatment plant) make the control-room question one to
        # consider; monitoring, alarms or SCADA make its premise hold: a plant's mechanic
        # repairs, its operator watches
        (
            CONTROL_ROOM,
            "Water Utility Operator",
            "Monitors the treatment plant on SCADA and answers alarms.",
            True,
        ),
        (
            CONTROL_ROOM,
            "Wastewater Treatment Mechanic Supervisor",
            "Supervises the repair of pumps and valves at the wastewater treatment plant.",
            False,
        ),
    ],
)
def test_a_trades_question_whose_premise_is_a_kind_of_work_needs_that_work_named(
    question, title, duty, apt
):
    """A trades question is one to consider where the ad's words are its field's; its premise
    holds only where the duties name the work it asks about."""
    from assistant.tasks.interview import ad_fits

    fits = ad_fits(parse_job_text(CRAFT_AD.format(title=title, duty=duty)), "trades")
    assert question in fits
    assert (fits[question] > 0) == apt


# ---- a question for the one who leads the work, and a trade's codes ----

TRADE_AD = """# {title}

## Duties
- {duty}
- Carries out preventive maintenance on pumps and repairs valves and motors.

## Requirements
- {requirement}

## Notes
- Appointment is subject to Section 4.111 of the Los Angeles Administrative Code, and the
  certification of eligibles follows the City's Civil Service rules.
"""
LED_OR_TRAINED = "Tell me about a time you led or trained a less experienced worker on a job."
CODES = "How do you make sure your work meets the codes and standards for the trade?"


@pytest.mark.parametrize(
    "title,duty,requirement,leads",
    [
        # a helper's ad names the helpers it is one of, and the training it receives
        (
            "Mechanical Helper",
            "Mechanical Helpers assist mechanics, welders and plumbers, and may lead other helpers.",
            "Completion of eight months in the Pre-Craft Trainee training program.",
            False,
        ),
        (
            "Electrical Craft Helper",
            "Assists a journey-level worker and supervises the crew's tools on site.",
            "Six months of experience as a helper in an electrical trade.",
            False,
        ),
        (
            "Plumber Apprentice",
            "Assists the plumber who trains and directs a crew.",
            "None.",
            False,
        ),
        # the journey-level worker its helpers learn from, or a job that leads
        (
            "Plumber",
            "Installs and repairs pipes in City buildings.",
            "Six years of experience as a helper to a Plumber.",
            True,
        ),
        (
            "Carpenter Supervisor",
            "Assigns, reviews and evaluates the work of carpenters.",
            "Two years as a carpenter.",
            True,
        ),
        # an assistant grade does the craft's own work
        (
            "Assistant Signal Systems Electrician",
            "Installs and repairs traffic signals, and may lead a small crew.",
            "One year of electrical work.",
            True,
        ),
    ],
)
def test_a_question_for_the_one_who_leads_the_work_is_not_asked_of_a_junior_role(
    title, duty, requirement, leads
):
    """Leading or training a less experienced worker, and deciding which maintenance jobs come
    first, presume the job leads or sets the order of the work: not a helper, an aide, a trainee
    or an apprentice, whose title is a junior role however often its duties name helpers,
    crews or training; those fit 0 and come after the ad's own questions."""
    from assistant.tasks.interview import ad_fits

    fits = ad_fits(parse_job_text(TRADE_AD.format(**locals())), "trades")
    assert (fits[LED_OR_TRAINED] > 0) == leads
    assert (fits[MAINTENANCE_FIRST] > 0) == leads
    assert fits[REPAIR] > 0  # a question any of them is asked


@pytest.mark.parametrize(
    "title,duty,requirement,apt",
    [
        # a plant's "Supervisory Control and Data Acquisition" supervises no one
        (
            "Water Utility Operator",
            "Operates pumping plants and monitors the Supervisory Control and Data Acquisition "
            "(SCADA) system.",
            "An operator certificate and completion of on-the-job training.",
            False,
        ),
        (
            "Cement Finisher",
            "Finishes concrete and may be required to act as a lead for a small crew.",
            "Four years of experience.",
            True,
        ),
    ],
)
def test_a_lead_question_needs_the_job_to_lead_or_have_helpers(title, duty, requirement, apt):
    """The led-or-trained question needs the ad to say the job leads, supervises, trains or
    directs others, or has helpers or apprentices under it."""
    from assistant.tasks.interview import ad_fits

    fits = ad_fits(parse_job_text(TRADE_AD.format(**locals())), "trades")
    assert (fits[LED_OR_TRAINED] > 0) == apt


@pytest.mark.parametrize(
    "title,duty,requirement,apt",
    [
        # the bulletin's Administrative Code and certification of eligibles, the job's own
        # inspecting of meters and its operator certificate are no trade's codes
        (
            "Parking Meter Technician",
            "Patrols areas daily to inspect, adjust, install and repair electronic parking meters.",
            "A valid driver's license.",
            False,
        ),
        (
            "Water Utility Operator",
            "Inspects and operates pumping plants and reservoirs.",
            "A Water Distribution Operator Certificate.",
            False,
        ),
        # the codes named, or an apprenticed, journey-level trade
        (
            "Plumber",
            "Installs pipework to the plumbing code and has it inspected.",
            "A driver's license.",
            True,
        ),
        (
            "Pipefitter",
            "Fabricates and installs pipe systems.",
            "Completion of a recognized apprenticeship as a pipefitter.",
            True,
        ),
        (
            "Helicopter Mechanic",
            "Inspects and repairs City helicopters to Federal Aviation Administration regulations.",
            "Five years of experience.",
            True,
        ),
    ],
)
def test_a_codes_question_needs_a_trade_or_its_codes_not_any_code(title, duty, requirement, apt):
    """The codes question presumes a trade whose work meets codes: the ad names the codes,
    standards or regulations of the work, or an apprenticed, journey-level craft."""
    from assistant.tasks.interview import ad_fits

    fits = ad_fits(parse_job_text(TRADE_AD.format(**locals())), "trades")
    assert CODES in fits
    assert (fits[CODES] > 0) == apt


@pytest.mark.parametrize(
    "title,junior",
    [
        ("Mechanical Helper", True),
        ("Systems Aide", True),
        ("Utility Pre-Craft Trainee", True),
        ("Electrician Apprentice", True),
        ("Assistant Signal Systems Electrician", False),
        ("Assistant Chief", False),
        ("Apprenticeship Coordinator", False),
        ("Plumber", False),
    ],
)
def test_a_junior_title_names_a_helper_aide_trainee_or_apprentice(title, junior):
    from assistant.analysis.question_bank import JUNIOR_TITLE

    assert bool(JUNIOR_TITLE.search(title)) == junior


# ---- a court report, a member of the public who resists a rule, a business's tax records ----

COURT = (
    "Tell me about a time you wrote a report that was used in a hearing, a court or a "
    "disciplinary case."
)
AGGRESSIVE = (
    "How would you deal with a member of the public who becomes aggressive when you enforce a rule?"
)
TAX_RECORDS = "How would you review a business's records to check the tax or fees it has declared?"
TAX_OWED = "How would you find out whether a business is paying the taxes or fees it owes?"


@pytest.mark.parametrize(
    "family,title,duty,apt,not_apt",
    [
        (
            "public-safety",
            "Animal Control Officer",
            "Enforces animal ordinances, issues citations and gives evidence at hearings.",
            [COURT, AGGRESSIVE],
            [],
        ),
        (
            "public-safety",
            "Emergency Management Coordinator",
            "Plans the City's response to disasters and runs exercises of the emergency plan.",
            [],
            [COURT, AGGRESSIVE],
        ),
        (
            "public-sector",
            "Tax Compliance Aide",
            "Audits business tax returns and collects fees owed to the City.",
            [TAX_RECORDS, TAX_OWED],
            [],
        ),
        (
            "public-sector",
            "Harbor Planning Analyst",
            "Prepares economic studies of development proposals for the harbor.",
            [],
            [TAX_RECORDS, TAX_OWED],
        ),
    ],
)
def test_an_enforcers_and_an_auditors_questions_need_their_work_named(
    family, title, duty, apt, not_apt
):
    """A report used in court needs a court, a hearing, evidence or an investigation; a member
    of the public who resists needs a rule enforced; a business's tax records need a tax, a fee
    or an audit. An emergency planner's or a planning analyst's duties name none of them."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(
        f"# {title}\n\n## Duties\n- {duty}\n- Prepares reports and works with other departments.\n"
    )
    fits = ad_fits(job, family)
    assert all(fits[q] > 0 for q in apt)
    assert all(fits[q] == 0 for q in not_apt)


# ---- the software bank's non-technical colleague: only where the ad names such people ----

BACKEND_AD = """# Senior Software Engineer

## Responsibilities
- Design and build backend services in Go and keep them reliable.
- {duty}

## Requirements
- Five years of experience building distributed systems.
- {requirement}
"""
NON_TECHNICAL = (
    "Tell me about a time you helped a non-technical colleague get what they needed from a system."
)


@pytest.mark.parametrize(
    "duty,requirement,apt",
    [
        ("Work with stakeholders in finance to turn their needs into features.", "Go.", True),
        ("Partner with product managers on the roadmap.", "Go.", True),
        ("Write unit tests.", "Translating non-technical requirements into designs.", True),
        ("Build tools our analysts use every day.", "Go.", True),
        ("Collaborate with cross-functional teams on product priorities.", "Go.", True),
        ("Create modern interfaces for users of the Android app.", "Go.", False),
        ("Optimise network protocols and socket code.", "Linux and C.", False),
    ],
)
def test_the_non_technical_colleague_question_needs_such_people(duty, requirement, apt):
    """Its premise is a colleague outside engineering: stakeholders, analysts, product
    managers, cross-functional teams, customers, named in a duty or a requirement line. An app's own users are no
    colleagues, and a systems programmer's ad names none: the question then fits 0 and comes
    after the ad's own questions."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(BACKEND_AD.format(duty=duty, requirement=requirement))
    fits = ad_fits(job, "software-data")
    assert (fits[NON_TECHNICAL] > 0) == apt
    assert NON_TECHNICAL in fits  # still in the running, last


EVIDENCE_COMPANY = (
    "What do you know about the property and evidence this unit holds, and who relies on its "
    "records?"
)
LOGISTICS_COMPANY = "What do you know about what we move or store, and for whom?"


@pytest.mark.parametrize(
    "title,duty,company",
    [
        (
            "Property Officer",
            "Keeps the chain of custody of booked evidence and seized property in the property "
            "room.",
            EVIDENCE_COMPANY,
        ),
        (
            "Warehouse Supervisor",
            "Plans the warehouse team's work, receives deliveries and keeps stock records.",
            LOGISTICS_COMPANY,
        ),
    ],
)
def test_a_company_question_of_one_kind_of_work_goes_to_that_work(title, duty, company):
    """An evidence unit holds property for cases, it does not move goods for customers; a
    warehouse gets the family's own company question."""
    ad = f"# {title}\n\n## Duties\n- {duty}\n- Track items in the inventory system.\n"
    result = build_questions(InterviewRequest(job=parse_job_text(ad), count=10))
    assert result.role_family == "logistics" and result.role_sure
    assert result.questions[-1].text == company


ANY_JOB = (
    "What would you do in your first three months in this role?",
    "Tell me about a time you had to make a decision with incomplete information.",
)


def test_a_question_any_job_is_asked_comes_after_the_ads_own():
    """A first-three-months question is asked of any job: it fits no ad better than the ad's own
    duties, so it comes after them, as a general question does (still in the running)."""
    from assistant.tasks.interview import ad_fits

    job = parse_job_text(MANAGER_AD.format(duty="Lead the first three months of the new plan."))
    fits = ad_fits(job, "management")
    for text in ANY_JOB:
        assert fits[text] == 0
    assert fits["How do you track a programme's progress and spot a slipping date early?"] > 0
    flagged = [q for f in load_families().values() for q in f.questions if q.any_job]
    assert flagged and all(not q.specialist and q.type != "company" for q in flagged)


HYGIENE_SAMPLING = (
    "How would you plan sampling to measure how much of a chemical, a dust or a noise a worker is "
    "exposed to?"
)
NOT_AS_DESIGNED = "How would you find out why a system is not performing as designed?"
ENGINEER_AD = """# {title}

## Duties
- {duty}
- Advise management and prepare technical reports.
"""


NETWORK_FAULT = (
    "A site has lost its connection to the rest of the network. Walk me through how you find "
    "where the fault is."
)


@pytest.mark.parametrize(
    "ad,family,title,duty,question,asked",
    [
        (
            ENGINEER_AD,
            "engineering",
            "Industrial Hygienist",
            "Identifies workplace health hazards, runs exposure assessments and recommends "
            "controls under occupational health laws.",
            HYGIENE_SAMPLING,
            True,
        ),
        (
            ENGINEER_AD,
            "engineering",
            "Mechanical Engineer",
            "Designs pumping systems and prepares calculations and drawings for projects.",
            HYGIENE_SAMPLING,
            False,
        ),
        (
            SOFTWARE_AD,
            "software-data",
            "Network Engineer",
            "Configure routers, switches and firewalls across our sites.",
            NETWORK_FAULT,
            True,
        ),
        (
            SOFTWARE_AD,
            "software-data",
            "Senior Backend Engineer",
            "Build APIs and services that handle network requests.",
            NETWORK_FAULT,
            False,
        ),
    ],
)
def test_a_kind_of_job_a_family_lumps_together_gets_its_own_questions(
    ad, family, title, duty, question, asked
):
    """The hygienist's questions go where hygiene or exposure is named, and the engineering
    bank's design, project and system questions need a design, a project or a system in the
    duties; the software family's network questions go to the network engineer, not to every
    software ad that says "network"."""
    from assistant.tasks.interview import ad_fits

    fits = ad_fits(parse_job_text(ad.format(title=title, duty=duty)), family)
    assert (question in fits) == asked
    if family == "engineering":
        assert (fits[NOT_AS_DESIGNED] > 0) == (not asked)


# ---- what a requirement line says to know ----

TO_KNOW_AD = """# Localization Engineer

## Requirements
- Knowledge of common file formats (JSON, XML, YAML) including syntax and escaping
- Understanding of encoding standards and character sets
- Familiarity with key terms (source, target, translation unit, etc.)
- Understanding of XLIFF, TMX and SRX
- Proficiency in Python for scripting
- Three years of experience in a customer-facing role
"""


def test_a_line_that_says_what_to_know_names_things_to_ask_about():
    """A line "Knowledge of common file formats (JSON, XML)" names a thing to ask about, without what
    the parentheses list; a name of one word ("XLIFF"), or one of the ad's own terms (Python),
    gets no question of this kind, and a line that does not open with what to know gives none."""
    from assistant.tasks.interview import to_know_slots

    job = parse_job_text(TO_KNOW_AD)
    texts = [s[0].text for s in to_know_slots(job, ["software-data", "customer-service"], False)]
    assert any("of common file formats?" in t for t in texts)
    assert any("of encoding standards?" in t for t in texts)
    assert any("of key terms?" in t for t in texts)
    joined = " ".join(texts)
    for word in ("translation unit", "JSON", "XLIFF", "Python", "customer-facing"):
        assert word not in joined, word


@pytest.mark.parametrize(
    "line,what",
    [
        ("Prepares educational material for new staff", ["educational material"]),
        # an adjective after the noun, cut from its complement: the object is refused
        ("Analyze complex material sufficient to identify relevant issues", []),
        ("Manage server-side logic.", ["server-side logic"]),
        # the cut or a list leaves the word a modifier, as before
        ("Proposes long-term, data-driven", []),
        ("Recommends creative, effective", []),
        ("Prepare records of operational and financial data for the board", ["records"]),
    ],
)
def test_a_word_in_al_or_ic_that_ends_an_object_is_its_noun(line, what):
    """The nouns "material", "logic", "proposal" end in -al or -ic as adjectives do: last in an
    object that ran to its own end ("for", "sufficient to", the line's end), such a word is the
    noun; before a list's comma or "and", or where the object is cut, it still qualifies what
    comes next."""
    from assistant.analysis.duty_questions import duty_questions

    assert [q.what for q in duty_questions(line)] == what


@pytest.mark.parametrize(
    "line,found",
    [
        (
            "Methods of preparing educational material for new staff",
            [("prepare", "educational material")],
        ),
        ("Methods of recording the data", [("record", "the data")]),
        # a gerund that qualifies a noun is no duty
        ("Knowledge of operating procedures", []),
        ("Knowledge of planning documents", []),
    ],
)
def test_a_gerund_after_of_before_a_noun_phrase_is_a_duty(line, found):
    """A line "methods of preparing educational material" names a duty; "knowledge of operating
    procedures" names a kind of procedure: only a gerund followed by an article, a possessive or
    a modifier opens a clause after "of"."""
    from assistant.analysis.duty_questions import duty_questions

    assert [(q.verb, q.what) for q in duty_questions(line)] == found


def test_and_before_a_noun_of_an_action_starts_a_listed_things_next_item():
    """In "Typical duties relate to ... program coordination and development of public policy",
    the "and" before "development of" starts the next item; an "and" inside an item ("health
    and safety") does not split it."""
    from assistant.tasks.interview import _listed_items

    _, things = _listed_items(
        "Typical duties relate to data collection, program coordination and development of "
        "public policy, and health and safety training."
    )
    assert "program coordination" in things and "development of public policy" in things
    assert "and health and safety training" in things


@pytest.mark.parametrize(
    "text,asked,not_asked",
    [
        (
            "knowledge of: techniques of identifying, preserving and presenting evidence; "
            "interviewing techniques.",
            ["interviewing techniques"],
            ["techniques of identifying", "techniques"],
        ),
        (
            "knowledge of: methods of preparing and using mortar and grout; curing compound, "
            "charging systems.",
            ["curing compound", "charging systems"],
            ["methods of preparing", "methods"],
        ),
        ("knowledge of: bills of lading; the port's tariff.", ["bills of lading"], []),
    ],
)
def test_a_gerund_cut_from_its_object_by_a_list_is_not_asked_about(text, asked, not_asked):
    """In "techniques of identifying, preserving and presenting evidence" the gerunds share
    their object: "techniques of identifying" names nothing. A gerund that ends its item ("bills
    of lading") or opens a noun ("curing compound") stays."""
    from assistant.analysis.duty_questions import item_question
    from assistant.tasks.interview import _listed_items

    said = [q.what for q in map(item_question, _listed_items(text)[1]) if q]
    for what in asked:
        assert what in said, what
    for what in not_asked:
        assert what not in said, what


def test_a_name_cut_short_is_not_asked_about():
    """Too long to say, an object is cut; where the cut falls inside a name ("the Automated
    Property Information [Management System]"), what is left names nothing. A short name, or a
    long object that is no name, is asked about as before."""
    from assistant.analysis.duty_questions import duty_questions, item_question

    assert item_question("the Automated Property Information Management System") is None
    assert duty_questions("Implement customer focused Service Level Objectives") == []
    assert (
        item_question("the Property Information System").what == "the Property Information System"
    )
    kept = duty_questions("Prepare monthly cost reports of the fleet's fuel use and mileage")
    assert [q.what for q in kept] == ["monthly cost reports"]


def test_a_duty_whose_object_is_a_name_going_on_after_and_is_not_asked_about():
    """In "implements an Industrial Hygiene and Health and Safety Training Program" the object cut
    at "and" is the start of a name whose head is further on. A name the line leaves whole ("the
    Fire Department and the Police") is a duty's object as before."""
    from assistant.analysis.duty_questions import duty_questions

    line = "Implements an Industrial Hygiene and Health and Safety Training Program"
    assert duty_questions(line) == []
    kept = duty_questions("Supervise the Fire Department and the Police")
    assert [q.what for q in kept] == ["the Fire Department"]
    listed = duty_questions("Prepare monthly reports and Council letters")
    assert [q.what for q in listed] == ["monthly reports"]


@pytest.mark.parametrize(
    "text,asked,not_asked",
    [
        (
            "knowledge of: principles, practices, related equipment, and techniques of "
            "pre-hospital care; training aids.",
            ["techniques of pre-hospital care", "training aids"],
            [],
        ),
        (
            "knowledge of: computer terminology necessary to read instructions, communicate "
            "with technical personnel, and answer questions from users.",
            [],  # "terminology necessary [to ...]": cut from its complement
            ["answer questions", "computer terminology"],
        ),
        (
            "knowledge of: the principles, practices, and methods of economic, maritime, and "
            "transportation related research.",
            [],
            ["methods of economic", "methods"],
        ),
    ],
)
def test_a_lists_last_item_is_asked_about_without_its_and(text, asked, not_asked):
    """In "A, B, and techniques of pre-hospital care" the last item loses its "and" when a
    plural, a name or a modifier follows; "and answer questions" (a verb) stays out, and an item
    a comma cut after a qualifier ("methods of economic[, maritime ...]") names nothing."""
    from assistant.analysis.duty_questions import item_question
    from assistant.tasks.interview import _listed_items

    said = [q.what for q in map(item_question, _listed_items(text)[1]) if q]
    for what in asked:
        assert what in said, what
    for what in not_asked:
        assert what not in said, what


@pytest.mark.parametrize(
    "ability,what",
    [
        ("make effective oral presentations", "making effective oral presentations"),
        ("accurately compare printouts against actual equipment", "comparing printouts"),
        ("sort cash into proper denominations", "sorting cash"),
        # how any job is done, a verb shared with others, a pattern's verb, no ability at all
        ("work cooperatively and effectively with others", None),
        ("communicate orally with the public", None),
        ("get along with fellow employees", None),
        ("read, interpret, and follow technical directions", None),
        ("organize and develop effective training programs", None),
        ("present cogent and persuasive arguments", None),
        ("other necessary knowledge, skills, and abilities", None),
    ],
)
def test_an_ability_whose_verb_no_pattern_has_is_asked_on_its_gerund(ability, what):
    """The ability to "make effective oral presentations" is asked as an item ("What experience
    do you have of making effective oral presentations?"); an ability of how any job is done, a
    verb that shares its object, a duty pattern's verb or an object cut to a qualifier is not."""
    from assistant.analysis.duty_questions import ability_question

    q = ability_question(ability)
    assert (q.what if q else None) == what
    if q:
        assert q.text.startswith(f"What experience do you have of {what}?")


ABILITIES_AD = """# Training Officer

## Duties
Conducts classroom training for staff.

## Selection
In the interview, emphasis will be placed on the candidate's knowledge of: training aids; and the
ability to: make effective oral presentations; work cooperatively with others; keep records
related to training activities; and other necessary knowledge, skills, and abilities.

## Requirements
- Ability to sort cash into proper denominations.
- Ability to work independently.
"""


def test_the_abilities_an_ad_asks_for_come_with_what_to_know():
    """The abilities a selection tests and the lines that open with "Ability to" give questions
    after what to know, those of how any job is done none."""
    from assistant.tasks.interview import to_know_slots

    job = parse_job_text(ABILITIES_AD)
    texts = [s[0].text for s in to_know_slots(job, ["teaching", "office-admin"], False)]
    joined = " ".join(texts)
    assert "making effective oral presentations" in joined
    assert "sorting cash" in joined
    for word in ("working", "cooperatively", "independently", "other necessary"):
        assert word not in joined, word


@pytest.mark.parametrize(
    "line,what,vague",
    [
        (
            "You will create differentiated, well-designed lessons and exercises",
            "differentiated, well-designed lessons",
            False,
        ),
        (
            "Develop intuitive, user-friendly interfaces",
            "intuitive, user-friendly interfaces",
            False,
        ),
        ("Proposes long-term, data-driven solutions", "long-term, data-driven solutions", True),
        ("Recommend creative, effective solutions", "creative, effective solutions", True),
        # qualifiers cut short, or a list of qualifiers of a noun past the cut: nothing
        ("Support central, departmental, distributed or personal computer systems", None, None),
        ("Design performant, scalable and secure software", None, None),
    ],
)
def test_two_qualifiers_of_one_noun_with_a_comma_between_are_its_object(line, what, vague):
    """In "create differentiated, well-designed lessons" a comma between two qualifiers of one noun
    ends no list's item, so the noun is the object; a vague noun with qualifiers only is still
    vague ("long-term, data-driven solutions"), and qualifiers cut short name nothing."""
    from assistant.analysis.duty_questions import duty_questions, one_vague_word

    found = duty_questions(line)
    assert (found[0].what if found else None) == what
    if found:
        assert one_vague_word(found[0]) == vague


def test_escaped_list_marks_are_the_duties_and_own_lines_as_bullets_are():
    """The job reader, the interview's own lines and the keyword reader read an escaped list
    mark ("\\- Work as part of ...") as the bullet it shows."""
    from assistant.analysis.job_terms import ad_sentences
    from assistant.tasks.interview import _own_lines

    text = (
        "# Software Engineer\n\n## Responsibilities\n\n\\- Pair program with other engineers\n\n"
        "\\* Operate and support production applications\n\n"
        "## Description\n\n\\- Lead technical discovery efforts\n"
    )
    job = parse_job_text(text)
    assert job.responsibilities == [
        "Pair program with other engineers",
        "Operate and support production applications",
    ]
    assert "Lead technical discovery efforts" in _own_lines(job)[0]
    assert "Lead technical discovery efforts" in [s.text for s in ad_sentences(text)]
    # should pass as they were: an escaped dash inside a line is no list item
    assert parse_job_text("## Responsibilities\n\nPay: 10 \\- 20\n").responsibilities == []


def test_the_own_questions_read_bullets_under_any_heading_but_how_to_apply_or_the_benefits():
    """A bullet the ad gives under a heading of its own is duty material; one of how to apply
    ("Record a video ...") or the benefits is not, and neither is one after a sentence set as a
    heading that leads on from them."""
    from assistant.tasks.interview import _own_lines

    job = parse_job_text(
        "# Backend Engineer\n\n**_Key Responsibilities:_**\n\n  * Deploy language models\n\n"
        "### What's ahead\n\n  * Tune the caching layer\n\n_Benefits & Perks_\n\n"
        "  * Private healthcare\n\n###  ** _Application Process:_**\n\n"
        "### To be considered for this role these steps need to be followed:\n\n"
        "  * Record a video showcasing your skill sets\n"
    )
    lines = _own_lines(job)[0]
    assert "Deploy language models" in lines and "Tune the caching layer" in lines
    assert not any("video" in x or "healthcare" in x for x in lines)


# ---- the competencies the interview examines (session 37) ----

BULLETIN_MA = (
    "MANAGEMENT ASSISTANT\n\nDUTIES\n\nManagement Assistant is an entry-level professional "
    "position. Typical duties relate to the resolution of departmental and Citywide "
    "administrative problems, data collection, report writing, program coordination and "
    "development of public policy.\n\nSELECTION PROCESS\n\nIn the qualifying written test, the "
    "following competencies may be evaluated: Reading Comprehension, Mathematics, Written "
    "Communication, and other necessary skills, knowledge and abilities.\n\nIn the interview, the "
    "following competencies may be evaluated: Analytical Ability, Attention to Detail, "
    "Self-Management, Interpersonal Skills, Teamwork, Oral Communication, and other necessary "
    "skills, knowledge, and abilities.\n"
)
BULLETIN_CAPTAIN = (
    "POLICE CAPTAIN\n\nDUTIES\n\nA Police Captain plans, organizes, and directs the work of sworn "
    "and civilian employees engaged in the operation of a geographical division or area; and does "
    "related work.\n\nSELECTION PROCESS\n\nThe Training and Experience Questionnaire may examine "
    "the following competencies: Stress Tolerance, Composure, Objectivity.\n\nIn the interview, "
    "candidates may be examined on the following competencies: Leadership, Composure, Stress "
    "Tolerance, Objectivity, Resolves Conflict, Community Relations, and Credibility.\n"
)


def test_the_competencies_a_bulletin_says_its_interview_examines():
    """The interview's list, in its three phrasings, up to the job's knowledge or "and other
    necessary skills"; a written test's or a questionnaire's list is not the interview's, and
    what an item includes ("Safety Focus including: ..., machinery, and power tools") is no
    competency."""
    from assistant.analysis.competency_questions import interview_competencies

    assert interview_competencies(BULLETIN_MA) == [
        "Analytical Ability",
        "Attention to Detail",
        "Self-Management",
        "Interpersonal Skills",
        "Teamwork",
        "Oral Communication",
    ]
    assert interview_competencies(BULLETIN_CAPTAIN)[::3] == [
        "Leadership",
        "Objectivity",
        "Credibility",
    ]
    aide = (
        "In the interview, the following competencies may be evaluated: analytical ability; "
        "conscientiousness; customer service; ability to follow written directions; and job "
        "knowledge, which includes knowledge of: computer terminology; methods used to test "
        "software; and other necessary skills, knowledge and abilities."
    )
    assert interview_competencies(aide) == [
        "analytical ability",
        "conscientiousness",
        "customer service",
        "ability to follow written directions",
    ]
    smith = (
        "In the interview, the following competencies may be evaluated: Attention to Detail, "
        "Mechanical Aptitude, Safety Focus including: safety procedures when working with and "
        "around hot metal, machinery, and power tools, and Job Knowledge including knowledge of: "
        "the metals classified as ferrous and non-ferrous; and other necessary knowledge."
    )
    assert interview_competencies(smith) == [
        "Attention to Detail",
        "Mechanical Aptitude",
        "Safety Focus",
    ]
    for text in (
        "In the multiple-choice test, the following competencies may be evaluated: Reading "
        "Comprehension, Analytical Ability, and Job Knowledge.",
        "The Training and Experience Questionnaire may examine the following competencies: "
        "Leadership, Composure.",
        "In the interview, emphasis may be placed on the candidate's experience as it "
        "demonstrates knowledge of: methods of concrete construction.",
    ):
        assert interview_competencies(text) == [], text


def test_each_competency_pairing_names_a_kind_and_reads_as_a_question():
    """The table's pairings: a kind of the table, a question and a follow-up that end as said,
    and no placeholder but the thing's."""
    from assistant.analysis.competency_questions import kinds, pairings

    fields = {"thing": "x", "a_thing": "an x", "things": "xs", "noun": "x"}
    for name, listed in pairings().items():
        assert name == name.lower() and listed, name
        for p in listed:
            assert p.kind in kinds(), name
            assert p.text.format(**fields).endswith("?") or p.text.endswith("."), name
            assert p.follow_up.format(**fields).endswith("?") and p.guide, name
    assert not {"teamwork", "self-management", "interpersonal skills"} & set(pairings())


def test_a_competency_is_asked_on_a_thing_of_the_ads_own_duties():
    """Each competency of the table on a thing of its kind the duty lines name, as an
    interviewer says it: "Analytical Ability" on "administrative problems", "Attention to Detail"
    on "report writing", "Oral Communication" on "public policy"; none for a competency with no
    kind of thing (Teamwork, Self-Management, Interpersonal Skills)."""
    from assistant.analysis.competency_questions import competency_questions, interview_competencies

    lines = [
        "Typical duties relate to the resolution of departmental and Citywide administrative "
        "problems, data collection, report writing, program coordination and development of "
        "public policy."
    ]
    asked = dict(competency_questions(interview_competencies(BULLETIN_MA), lines))
    assert list(asked) == ["Analytical Ability", "Attention to Detail", "Oral Communication"]
    assert asked["Analytical Ability"].text.startswith(
        "Tell me about an administrative problem you had to analyse."
    )
    assert asked["Attention to Detail"].text.startswith("When you write a report,")
    assert "a new public policy" in asked["Oral Communication"].text
    assert all(q.follow_up and q.guide and q.text[0].isupper() for q in asked.values())
    captain = [
        "A Police Captain plans, organizes, and directs the work of sworn and civilian employees "
        "engaged in the operation of a geographical division or area"
    ]
    asked = dict(competency_questions(interview_competencies(BULLETIN_CAPTAIN), captain))
    assert list(asked) == ["Leadership", "Resolves Conflict", "Community Relations"]
    assert "led sworn and civilian employees through a change" in asked["Leadership"].text
    assert "the community this division serves" in asked["Community Relations"].text


@pytest.mark.parametrize(
    "competency, line",
    [
        # a problem any job has: no qualifier of the ad's, or only one of how hard it is
        ("Analytical Ability", "Solves problems as they arise"),
        ("Analytical Ability", "Resolves minor problems and complex issues"),
        # "reports" is a verb before "to"; a report qualifying another noun is no report
        ("Attention to Detail", "Reports to the Chief of Staff"),
        ("Attention to Detail", "Completes report forms for the unit"),
        # people the job serves, not directs; people qualified by their rank only
        ("Leadership", "Assists professional systems staff in the analysis of systems"),
        ("Leadership", "Manages, supervises subordinate employees, or coordinates the work"),
        ("Leadership", "Can lead to a career in budget and finance, personnel administration"),
        # a policy named by a name only
        ("Oral Communication", "Applies Department policy to each case"),
    ],
)
def test_a_competency_is_not_asked_without_a_thing_of_its_kind(competency, line):
    from assistant.analysis.competency_questions import competency_questions, interview_competencies

    text = f"In the interview, the following competencies may be evaluated: {competency}."
    assert competency_questions(interview_competencies(text), [line]) == [], line


def test_a_competency_a_question_of_the_set_asks_already_is_not_asked_again():
    """The bank's "How do you build trust with the community you serve?" asks community
    relations: no second community question; a question that names no community leaves it."""
    from assistant.analysis.competency_questions import competency_questions, interview_competencies

    text = "In the interview, candidates may be examined on the following competencies: Community Relations."
    line = ["Directs the operation of a geographical division"]
    assert (
        competency_questions(
            interview_competencies(text),
            line,
            ["How do you build trust with the community you serve?"],
        )
        == []
    )
    (found,) = competency_questions(
        interview_competencies(text), line, ["How do you plan a long operation?"]
    )
    assert found[0] == "Community Relations"


def test_the_interviews_competencies_come_where_general_questions_would(tmp_path, monkeypatch):
    """A set whose field questions run out asks the interview's competencies before any general
    question, never in place of one of the field's: the captain's two general fill-ins go, its
    bank questions stay; an unsure set asks them after all the ad's own questions. An ad that
    names no interview competencies is asked as before."""
    from assistant.analysis import occupation
    from assistant.tasks import interview

    ad = tmp_path / "captain.txt"
    ad.write_text(BULLETIN_CAPTAIN, "utf-8")
    texts = [q.text for q in build_questions(InterviewRequest(job=read_job(str(ad)))).questions]
    led = next(i for i, t in enumerate(texts) if "led sworn and civilian employees" in t)
    assert any("conflict among sworn and civilian employees" in t for t in texts)
    general = {q.text for q in load_families()["general"].questions if q.type != "company"}
    assert not general & set(texts)
    bank = {q.text for q in load_families()["public-safety"].questions}
    assert all(t in bank for t in texts[:led])
    assert sum("community" in t for t in texts) == 2  # the bank's two, none more

    ma = tmp_path / "assistant.txt"
    ma.write_text(BULLETIN_MA, "utf-8")
    unsure = occupation.RoleMatch(
        family="management",
        family_label="management",
        sure=False,
        candidates=["management", "office-admin"],
    )
    monkeypatch.setattr(interview, "classify", lambda *a, **k: unsure)
    result = build_questions(InterviewRequest(job=read_job(str(ma))))
    texts = [q.text for q in result.questions]
    analyse = texts.index(
        "Tell me about an administrative problem you had to analyse. How did you find its cause, "
        "and what did you recommend?"
    )
    asked = result.questions[analyse]  # shown as what the interview examines, and why
    assert asked.kind == "interview-examines" and "Analytical Ability" in asked.reason
    assert any("of report writing?" in t for t in texts[:analyse])  # its own questions first
    assert not any(t in general for t in texts[:analyse])
    assert any(t in general for t in texts[analyse:])  # a general one still closes it

    ma.write_text(BULLETIN_MA.split("In the interview")[0], "utf-8")
    before = [q.text for q in build_questions(InterviewRequest(job=read_job(str(ma)))).questions]
    assert not any("analyse" in t for t in before)


# ---- the company question names what the ad says the employer makes or does ----


ABOUT_AD = (
    "# Senior Backend Engineer\n\n### {company}\n\n{about}\n\n## Responsibilities\n"
    "- Build and maintain REST APIs in Python and PostgreSQL.\n"
    "- Write unit tests and review pull requests.\n- Deploy services to AWS with Docker.\n"
)


@pytest.mark.parametrize(
    "company,about,employer,what",
    [
        (
            "Lingo",
            "Lingo is a leading language-learning app for busy adults. We help 2 million "
            "learners practise every day.",
            "Lingo",
            "a language-learning app for busy adults",
        ),
        (
            "Ledgerly",
            "Ledgerly is a beautiful, easy-to-use platform that helps small businesses and "
            "their accountants stay on top of their books.",
            "Ledgerly",
            "a platform for small businesses",
        ),
        (
            "Chainworks",
            "Chainworks is a Blockchain Research and Software Engineering company. Our blockchain "
            "research is published and our software engineering is open source.",
            "Chainworks",
            "a blockchain research and software engineering company",
        ),
        (
            "Harbor Freight Data",
            "## About us\n\nWe are a fast-growing provider of shipping analytics for ports, "
            "headquartered in Oslo. Join Harbor Freight Data.",
            "Harbor Freight Data",
            "a provider of shipping analytics for ports",
        ),
        (  # the job board's byline names another: the name opening the paragraph, named again
            "Board Jobs",
            "Tutora (NYSE: TUT) is an AI solution for live tutoring. Tutora serves schools. "
            "Join Tutora.",
            "Tutora",
            "an AI solution for live tutoring",
        ),
    ],
)
def test_the_company_question_names_what_the_ad_says_the_employer_does(
    company, about, employer, what
):
    from assistant.inputs.job import employer_does

    job = parse_job_text(ABOUT_AD.format(company=company, about=about))
    assert employer_does(job.text, job.company, job.title) == (employer, what)
    result = build_questions(InterviewRequest(job=job, count=10))
    last = result.questions[-1]
    assert last.question_type == "company"
    assert last.text.startswith(f"What do you know about {employer}, {what}, ")
    assert last.follow_up and last.follow_up.endswith("?")
    assert what in last.good_answer_covers[0]  # the guide points at what the ad says


@pytest.mark.parametrize(
    "company,about",
    [
        ("Acme", "Acme is a fast-growing startup that takes a fresh view on old problems."),
        ("Acme", "Acme is a group of individuals working towards a new paradigm for creators."),
        ("Acme", "Acme is an equal opportunity employer and values diversity."),
        ("Acme", "Acme is a diverse workplace where everyone belongs."),
        ("Acme", "Acme is a subsidiary of Globex Corporation."),
        ("Acme", "Acme is a place where you can bring your purpose to life."),
        (  # more than six words: the ad's sentence, not a phrase an interviewer says
            "Acme",
            "Acme is a cloud-native observability and incident response automation suite for "
            "engineering teams.",
        ),
        ("Acme", "Acme partners with the world's leading companies to accelerate growth."),
        ("Acme", "Acme is a 10-year-old company with offices in Paris."),  # its age, no work
        ("Acme", "Acme is an exciting opportunity for engineers."),  # the job, not the work
        ("Acme", "Acme is a fully remote company."),
        ("Board Jobs", "React is a must. Tutora builds tools for tutors."),  # not the employer
        ("Board Jobs", "Tutora is a platform for live tutoring."),  # named once: not sure
        (None, "We are a platform for live tutoring."),  # "we", and no name to ask about
        (  # "we", and a name the ad says once ("at Stanford"): a guess, not the employer
            "None",
            "We are a platform for live tutoring. Our founders met at Stanford.",
        ),
        ("Acme", "Acme is a plus. Kubernetes is a plus."),
    ],
)
def test_the_company_question_stays_general_where_the_ad_says_nothing_plain(company, about):
    from assistant.inputs.job import employer_does

    ad = ABOUT_AD.format(company=company, about=about)
    if company is None:
        ad = ad.replace("### None\n\n", "")
    job = parse_job_text(ad)
    assert employer_does(job.text, job.company, job.title) is None
    last = build_questions(InterviewRequest(job=job, count=10)).questions[-1]
    assert last.text == "What do you know about our product and the technical problems behind it?"


def test_the_employer_sentence_is_looked_for_in_a_bounded_number_of_sentences():
    """An ad of thousands of "<Name> is a ..." sentences (each name counted in the whole ad) took
    minutes: only the first ten are read, each name is counted once."""
    from assistant.inputs.job import employer_does

    filler = "".join(f"Z{i:05d}x is a company.\n\n" for i in range(10))
    about = "Ledgerly is a platform for payroll. Join Ledgerly. Ledgerly is hiring."
    assert employer_does(filler[: filler.index("Z00009x")] + about, "Ledgerly", None) == (
        "Ledgerly",
        "a platform for payroll",
    )
    assert employer_does(filler + about, "Ledgerly", None) is None  # the eleventh: not read


def test_every_named_company_question_keeps_the_familys_angle():
    """Each family's wording names the employer and what it does, and reads as one question."""
    for key, family in load_families().items():
        for q in family.questions:
            if q.named:
                assert q.type == "company", (key, q.text)
                assert q.named.startswith("What do you know about {employer}, {what}"), q.named
                assert q.named.endswith("?") and q.named.count("?") == 1, q.named


def test_a_line_is_shown_as_a_questions_reason_only_when_it_says_more_than_one_cue_word():
    """A bank question that fits a line by one cue word and no other word of it (an applicant's
    own "apprenticeship" for "...led or trained a less experienced worker") is asked as the
    field's question, without that line as its reason; a line with more says why."""
    from assistant.tasks.interview import duty_slots

    led = "Tell me about a time you led or trained a less experienced worker on a job."
    head = "# Plumber\n\nAn experienced worker who does skilled plumbing work on every job.\n\n"

    def asked(requirements: str) -> list:
        job = parse_job_text(f"{head}## Requirements\n\n{requirements}", "plumber.md")
        return [q for slot in duty_slots(job, "trades") for q in slot if q.text == led]

    own = asked("- Completion of a recognized apprenticeship as a plumber; or\n")
    assert own and all(q.source_line is None and q.kind == "role-specific" for q in own)
    assert own[0].reason == "A common question in trades and maintenance interviews."
    licence = "A valid journey-level plumber license; lead and train apprentices on every job"
    held = asked(f"- {licence}\n")  # a credential the applicant holds: no duty, whatever it says
    assert held and all(q.source_line is None for q in held)
    (cited, *_) = asked("- Leads and trains apprentices on every job\n")
    assert cited.kind == "duty" and cited.source_line == "Leads and trains apprentices on every job"
    assert cited.reason.startswith('The job says: "Leads and trains apprentices on every job".')


def test_a_gap_question_says_the_term_as_the_whole_job_line_writes_it():
    """The reason quotes the line cut to 160 characters; how the ad writes the term is read from
    the whole line, so a common noun the lexicon capitalises is said in lower case even where it
    comes after the cut."""
    from assistant.tasks.interview import gap_slots

    duty = (
        "An Accounting Clerk performs difficult and responsible clerical accounting work in the "
        "review, preparation, processing, reconciliation, and maintenance of accounting records "
        "and reports, or payroll and time keeping documents."
    )
    job = parse_job_text(f"# Accounting Clerk\n\n## Duties\n\n- {duty}\n", "clerk.md")
    resume = "Cashier\n\n- Served customers at the till."
    slots, missing = gap_slots(job, resume, load_bank(), "finance", set())
    assert "Accounting Records" in missing  # the lexicon's name
    (asked,) = [q for slot in slots for q in slot[:1] if "accounting records" in q.text.lower()]
    assert "accounting records" not in asked.reason.split("The job says:")[1]  # cut before it
    assert "of accounting records?" in asked.text
    assert asked.source_line == duty
