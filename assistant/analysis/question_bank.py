"""The interview question bank shipped in assistant/data/interview_questions.yaml: questions
tagged by competency and role family, what a good answer covers, gap templates, and questions
to ask the interviewer. Also which competency a job line asks for and which role family a job is."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict

from assistant.analysis.words import any_phrase
from assistant.paths import read_data

BANK_FILE = "interview_questions.yaml"
GENERAL = "general"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WrittenQuestion(_Strict):
    text: str
    covers: list[str] = []


class Competency(_Strict):
    label: str
    cues: list[str]
    skills: list[str] = []  # the names assistant/data/skills.yaml gives this competency
    covers: list[str]
    follow_ups: list[str]
    questions: dict[str, list[str]]  # role family -> questions


class RoleFamily(_Strict):
    label: str
    cues: list[str]
    covers: list[str]
    questions: list[Union[str, WrittenQuestion]]

    def written(self) -> list[WrittenQuestion]:
        return [
            q if isinstance(q, WrittenQuestion) else WrittenQuestion(text=q, covers=self.covers)
            for q in self.questions
        ]


class GapTemplate(_Strict):
    text: str
    covers: list[str]


class AskQuestion(_Strict):
    text: str
    why: str
    competencies: list[str] = []


class BankQuestion(BaseModel):
    """One question of the bank with its tags, as the tasks use it."""

    text: str
    competency: Optional[str] = None
    role: str = GENERAL
    covers: list[str]


class QuestionBank(_Strict):
    competencies: dict[str, Competency]
    role_families: dict[str, RoleFamily]
    gap_templates: list[GapTemplate]
    ask_interviewer: list[AskQuestion]

    def competency_questions(self, key: str, role: str) -> list[BankQuestion]:
        """A competency's questions for the role family first, then its general ones."""
        comp = self.competencies[key]
        roles = [role, GENERAL] if role != GENERAL else [GENERAL]
        return [
            BankQuestion(text=t, competency=key, role=r, covers=comp.covers)
            for r in roles
            for t in comp.questions.get(r, [])
        ]

    def role_questions(self, role: str) -> list[BankQuestion]:
        """The role family's own questions, then every competency's questions for that family."""
        own = [
            BankQuestion(text=q.text, role=role, covers=q.covers)
            for q in self.role_families[role].written()
        ]
        if role == GENERAL:
            return own
        return own + [
            BankQuestion(text=t, competency=key, role=role, covers=comp.covers)
            for key, comp in self.competencies.items()
            for t in comp.questions.get(role, [])
        ]

    def all_questions(self) -> list[BankQuestion]:
        out = [
            BankQuestion(text=t, competency=key, role=role, covers=comp.covers)
            for key, comp in self.competencies.items()
            for role, texts in comp.questions.items()
            for t in texts
        ]
        return out + [
            BankQuestion(text=q.text, role=role, covers=q.covers)
            for role, fam in self.role_families.items()
            for q in fam.written()
        ]


@lru_cache(maxsize=1)
def load_bank() -> QuestionBank:
    return QuestionBank.model_validate(read_data(BANK_FILE))


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


def role_family_for(title: Optional[str], text: str, bank: Optional[QuestionBank] = None) -> str:
    """The role family whose cues the job's title (counted three times) and text use most."""
    bank = bank or load_bank()
    best, best_score = GENERAL, 0
    for key, fam in bank.role_families.items():
        score = 3 * cue_hits(title or "", fam.cues) + cue_hits(text, fam.cues)
        if score > best_score:
            best, best_score = key, score
    return best


def competency_of_skill(term: str, bank: Optional[QuestionBank] = None) -> Optional[str]:
    """The competency a keyword-vocabulary skill is ('Stakeholder management', 'Teamwork'), or None
    for a tool or technique (SQL, Looker): those get gap questions, competencies STAR ones."""
    bank = bank or load_bank()
    return next((key for key, comp in bank.competencies.items() if term in comp.skills), None)


def pick(items: list, key: str):
    """A stable choice among items for a key (the same input gives the same question every run)."""
    return items[zlib.crc32(key.lower().encode("utf-8")) % len(items)]
