"""The score means something: real resumes (../shared/data/outside, skipped without it) made
worse one way at a time score lower, and made better one way at a time score higher.

Worse: numbers removed, cliches added, bullets merged into one paragraph, the skills section
dropped, the contact line stripped, the bullets' content removed (each keeps its first word
and says only "assigned duties"). Better: a contact line added,
cliches removed, a paragraph split into bullets, a number
added to bullets that had none, a missing skills section added, the bullets' content given back."""

from __future__ import annotations

import re

import pytest

from assistant.analysis.score import kind_cost, score_parts, score_resume
from assistant.checks import run_checks
from assistant.inputs.resume import parse_resume_text, read_resume
from assistant.text import BULLET
from assistant.text.lexicon import cliche_pattern
from tests.helpers.paths import SHARED_DATA

OUTSIDE = SHARED_DATA / "outside" / "resumes"
# Resumes of different shapes (none of them held out in evaluation/labels/critique): bullets
# with figures, an undated history, paragraphs, a long one.
FILES = [
    "accountant_12442909.pdf",
    "apparel_50324968.pdf",
    "automobile_15210069.pdf",
    "designer_34511655.pdf",
    "fitness_13037145.pdf",
    "teacher_10504237.pdf",
    "hr_28175164.pdf",
    "sales_25315791.pdf",
]
CONTACT = "jordan.ellis@example.com | +1 415 555 0134"
NUMBER = re.compile(r"(?:[$\u00a3\u20ac]\s?)?\d[\d,.]*\s?(?:%|\+|k\b|K\b|M\b)?")

pytestmark = pytest.mark.skipif(not OUTSIDE.is_dir(), reason="../shared/data/outside is not here")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {name: read_resume(OUTSIDE / name).text for name in FILES}


def score(text: str) -> float:
    resume = parse_resume_text(text, "r.pdf", "pdf")
    return score_parts(resume, run_checks(resume))[0]


def _is_bullet(line: str) -> bool:
    return bool(BULLET.match(line))


def _work_lines(text: str) -> set[int]:
    """The indexes of the lines in the work history."""
    resume = parse_resume_text(text, "r.pdf", "pdf")
    return {
        i
        for s in resume.sections
        if s.kind == "experience"
        for i in range(s.line, s.line + len(s.lines))
    }


def _map_bullets(text: str, change) -> str:
    work = _work_lines(text)
    return "\n".join(
        change(ln) if i in work and _is_bullet(ln) else ln for i, ln in enumerate(text.split("\n"))
    )


# ---- worse, one way at a time ----


def remove_numbers(text: str) -> str:
    return _map_bullets(text, lambda ln: " ".join(NUMBER.sub("", ln).split()))


def add_cliches(text: str) -> str:
    lines, done, work = text.split("\n"), 0, _work_lines(text)
    for i, line in enumerate(lines):
        if i in work and _is_bullet(line) and done < 3:
            lines[i] = line.rstrip(".") + " as a results-driven, detail-oriented team player"
            done += 1
    return "\n".join(lines)


def merge_bullets(text: str) -> str:
    """The first run of two bullets or more in the work history becomes one paragraph."""
    lines, work = text.split("\n"), _work_lines(text)
    start = 0
    while start < len(lines):
        if start in work and _is_bullet(lines[start]):
            end = start
            while end < len(lines) and _is_bullet(lines[end]):
                end += 1
            if end - start >= 2:
                items = [
                    BULLET.match(ln).group("item").rstrip(".") + "." for ln in lines[start:end]
                ]
                return "\n".join(lines[:start] + [" ".join(items)] + lines[end:])
            start = end
        start += 1
    return text


def drop_skills(text: str) -> str:
    resume = parse_resume_text(text, "r.pdf", "pdf")
    lines = resume.text.split("\n")  # the lines the section numbers count (headings split off)
    cut = set()
    for section in resume.sections:
        if section.kind == "skills":
            cut.update(range(section.line - 1, section.line + len(section.lines)))
    return "\n".join(ln for i, ln in enumerate(lines) if i not in cut)


def empty_bullets(text: str) -> str:
    """Every bullet of the work history keeps its first word and says nothing more."""

    def empty(line: str) -> str:
        m = BULLET.match(line)
        first = m.group("item").split()[:1]
        return f"\u2022 {' '.join(first + ['assigned duties.'])}"

    return _map_bullets(text, empty)


def strip_contact(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if ln != CONTACT)


# ---- better, one way at a time ----


def add_contact(text: str) -> str:
    first, _, rest = text.partition("\n")
    return f"{first}\n{CONTACT}\n{rest}"


def remove_cliches(text: str) -> str:
    return cliche_pattern().sub("", text)


def split_paragraphs(text: str) -> str:
    """Each bullet of several sentences becomes one bullet per sentence."""
    out = []
    for line in text.split("\n"):
        m = BULLET.match(line)
        parts = re.split(r"(?<=[a-z][.;])\s+(?=[A-Z])", m.group("item")) if m else [line]
        out += [f"\u2022 {p}" for p in parts] if m and len(parts) > 1 else [line]
    return "\n".join(out)


def add_numbers(text: str) -> str:
    def quantify(line: str) -> str:
        if re.search(r"\d", line) or len(line.split()) < 5:
            return line
        return line.rstrip(". ") + " for 12 teams"

    return _map_bullets(text, quantify)


def add_skills(text: str) -> str:
    if "skills" in {s.kind for s in parse_resume_text(text, "r.pdf", "pdf").sections}:
        return text
    return text.rstrip("\n") + "\n\nSkills\nExcel, scheduling, customer service\n"


def add_birth_date(text: str) -> str:
    return text.rstrip("\n") + "\n\nPersonal Details\nDate of birth: 1st Jan 1988\n"


def add_declaration(text: str) -> str:
    return (
        text.rstrip("\n")
        + "\n\nDeclaration\nI hereby declare that the above is true to the best of my knowledge.\n"
    )


WORSE = {
    "add a date of birth": add_birth_date,
    "add a declaration": add_declaration,
    "remove numbers": remove_numbers,
    "add cliches": add_cliches,
    "merge bullets into one paragraph": merge_bullets,
    "drop the skills section": drop_skills,
    "strip the contact line": strip_contact,
    "remove the bullets' content": empty_bullets,
}
BETTER = {
    "add a contact line": add_contact,
    "remove cliches": remove_cliches,
    "split paragraphs into bullets": split_paragraphs,
    "add numbers": add_numbers,
    "add a skills section": add_skills,
}


def _base(text: str, change) -> str:
    """The resume a change starts from: with a contact line to strip, with a skills section to
    drop, with cliches to remove (each added the way a person would write them)."""
    if change is strip_contact:
        return add_contact(text)
    if change is drop_skills:
        return add_skills(text)
    if change is remove_cliches:
        return add_cliches(text)
    return text


@pytest.mark.parametrize("change", list(WORSE))
@pytest.mark.parametrize("name", FILES)
def test_worse_lowers_the_score(texts, name, change):
    before = _base(texts[name], WORSE[change])
    after = WORSE[change](before)
    if after == before:
        pytest.skip(f"{name}: nothing to {change}")
    assert score(after) < score(before), change


@pytest.mark.parametrize("change", list(BETTER))
@pytest.mark.parametrize("name", FILES)
def test_better_raises_the_score(texts, name, change):
    before = _base(texts[name], BETTER[change])
    after = BETTER[change](before)
    if after == before:
        pytest.skip(f"{name}: nothing to {change}")
    assert score(after) > score(before), change


@pytest.mark.parametrize("name", FILES)
def test_content_given_back_raises_the_score(texts, name):
    """Better: bullets that said only "assigned duties" get their content back."""
    emptied = empty_bullets(texts[name])
    if emptied == texts[name]:
        pytest.skip(f"{name}: no bullets to empty")
    assert score(texts[name]) > score(emptied)


def test_the_rounded_score_moves_too(texts):
    """Not only the exact score: the score a user sees drops for each worse change."""
    text = texts["accountant_12442909.pdf"]
    for change in WORSE.values():
        before = _base(text, change)
        resume, worse = (parse_resume_text(t, "r.pdf", "pdf") for t in (before, change(before)))
        assert (
            score_resume(worse, run_checks(worse))[0] < score_resume(resume, run_checks(resume))[0]
        )


def test_every_further_finding_costs_something():
    for code in ("buzzword", "first-person", "wall-of-text", "missing-dates", "spelling"):
        costs = [kind_cost(code, n) for n in range(8)]
        assert all(a < b for a, b in zip(costs, costs[1:])), code
