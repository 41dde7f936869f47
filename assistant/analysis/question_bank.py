"""The interview question banks: assistant/data/interview_families.yaml, one bank per occupation
family (each question with its type, follow-up and answer guide, and the questions to ask the
panel), and assistant/data/interview_questions.yaml, behavioural questions by competency (for the
notes' weak spots and the resume's gaps) and gap templates. Also which competency a job line
asks for."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.analysis.question_types import QuestionType
from assistant.analysis.words import any_phrase
from assistant.paths import read_data

BANK_FILE = "interview_questions.yaml"
FAMILIES_FILE = "interview_families.yaml"
GENERAL = "general"

# a title that names a junior role: the worker who assists at another's side or learns the work,
# not the one who leads it or sets its order ("Mechanical Helper", "Systems Aide", "Pre-Craft
# Trainee"); not "assistant", a grade that does the craft's own work ("Assistant Signal Systems
# Electrician" maintains signals) or a rank that leads ("Assistant Chief")
JUNIOR_TITLE = regex.compile(r"\b(?:helpers?|aides?|trainees?|apprentices?)\b", re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Competency(_Strict):
    label: str
    cues: list[str]
    skills: list[str] = []  # the names assistant/data/skills.yaml gives this competency
    covers: list[str]
    follow_ups: list[str]
    questions: dict[str, list[str]]  # occupation family -> questions


class GapTemplate(_Strict):
    text: str
    covers: list[str]


class FamilyQuestion(_Strict):
    text: str
    type: QuestionType
    follow_up: str
    guide: list[str]  # what a good answer covers, in the order to say it
    # a company question as asked where the ad says what the employer makes or does
    # (job.employer_does): "{employer}" its name, "{what}" the ad's phrase ("a platform for ...")
    named: Optional[str] = None
    cues: list[str] = []  # duty words that make it the question for a job line
    # one kind of work of the family (a control-room alarm, a permit inspection): asked only of
    # an ad whose duties or requirements name one of its cues
    specialist: bool = False
    # the ad's words without which the question's premise does not hold (a budget, people who
    # report to you, goods that move): where the ad names none, it comes after the ad's own
    # questions, as a question that does not fit (interview.ad_fits)
    needs: list[str] = []
    # how many times the duties must name them: 2 where the premise is the job's own kind of work
    # (maintenance jobs, equipment that breaks down), which one word among the things a blacksmith
    # forges and repairs does not make it
    needs_times: int = 1
    # a question any job of any field is asked ("your first three months", "a decision with
    # incomplete information"): it comes after the ad's own questions, as a general one does
    any_job: bool = False
    # the question presumes the job leads others or sets the order of the work (training a less
    # experienced worker, deciding which jobs come first): not asked of a job whose title names a
    # junior role (JUNIOR_TITLE), however often its ad names the helpers, crews and training it
    # is part of ("Mechanical Helpers assist ...")
    not_junior: bool = False

    def premise_holds(self, said: str, title: str = "") -> bool:
        """The job's duties (`said`) name its premise often enough, or it has none; and a
        question for the one who leads the work is not asked of a junior role (`title`)."""
        if self.any_job or (self.not_junior and JUNIOR_TITLE.search(title)):
            return False
        return not self.needs or cue_hits(said, self.needs) >= self.needs_times

    def for_this_job(self, named: str) -> bool:
        """Not a specialist question, or the title and duty lines (`named`) name its cues."""
        return not self.specialist or cue_hits(named, self.cues) > 0


class AskThem(_Strict):
    text: str
    why: str


class Family(_Strict):
    label: str
    cues: list[str]
    questions: list[FamilyQuestion]
    ask_them: list[AskThem]


class BankQuestion(BaseModel):
    """One question of the bank with its tags, as the tasks use it."""

    text: str
    competency: Optional[str] = None
    role: str = GENERAL
    covers: list[str]
    type: QuestionType = "behavioural"
    follow_up: Optional[str] = None


class QuestionBank(_Strict):
    competencies: dict[str, Competency]
    gap_templates: list[GapTemplate]

    def competency_questions(self, key: str, role: str) -> list[BankQuestion]:
        """A competency's questions for the occupation family first, then its general ones."""
        comp = self.competencies[key]
        roles = [role, GENERAL] if role != GENERAL else [GENERAL]
        return [
            BankQuestion(
                text=t,
                competency=key,
                role=r,
                covers=comp.covers,
                follow_up=pick(comp.follow_ups, t),
            )
            for r in roles
            for t in comp.questions.get(r, [])
        ]

    def all_questions(self) -> list[BankQuestion]:
        return [
            BankQuestion(text=t, competency=key, role=role, covers=comp.covers)
            for key, comp in self.competencies.items()
            for role, texts in comp.questions.items()
            for t in texts
        ]


@lru_cache(maxsize=1)
def load_bank() -> QuestionBank:
    return QuestionBank.model_validate(read_data(BANK_FILE))


@lru_cache(maxsize=1)
def load_families() -> dict[str, Family]:
    return {
        key: Family.model_validate(value)
        for key, value in read_data(FAMILIES_FILE)["families"].items()
    }


def family_questions(family: str) -> list[BankQuestion]:
    """The family's own questions, as the tasks use them."""
    return [
        BankQuestion(text=q.text, role=family, covers=q.guide, type=q.type, follow_up=q.follow_up)
        for q in load_families()[family].questions
    ]


def family_question(text: str) -> Optional[tuple[str, FamilyQuestion]]:
    """The family bank entry with this exact text, and its family."""
    for key, fam in load_families().items():
        for q in fam.questions:
            if q.text == text:
                return key, q
    return None


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> Optional[re.Pattern]:
    return any_phrase(cues) if cues else None


def cue_hits(text: str, cues: list[str]) -> int:
    pattern = _cue_pattern(tuple(cues))
    return len(pattern.findall(text)) if pattern else 0


def competency_for(line: str, bank: Optional[QuestionBank] = None) -> Optional[str]:
    """The competency whose cue words a line uses most, a cue that opens the line (its verb)
    counting twice; first in the bank on a tie; None when no cue matches."""
    bank = bank or load_bank()
    best, best_hits = None, 0
    for key, comp in bank.competencies.items():
        hits = cue_hits(line, comp.cues)
        pattern = _cue_pattern(tuple(comp.cues))
        if pattern and pattern.match(line.strip()):
            hits += 1
        if hits > best_hits:
            best, best_hits = key, hits
    return best


def competency_of_skill(term: str, bank: Optional[QuestionBank] = None) -> Optional[str]:
    """The competency a keyword-vocabulary skill is ('Stakeholder management', 'Teamwork'), or None
    for a tool or technique (SQL, Looker): those get gap questions, competencies STAR ones."""
    bank = bank or load_bank()
    return next((key for key, comp in bank.competencies.items() if term in comp.skills), None)


def pick(items: list, key: str):
    """A stable choice among items for a key (the same input gives the same question every run)."""
    return items[zlib.crc32(key.lower().encode("utf-8")) % len(items)]
