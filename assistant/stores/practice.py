"""Practice sessions in the user directory (SQLite via assistant.store): each answer's score, so
`rebound practice --history` can show progress per question over time."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Optional

from pydantic import BaseModel, computed_field

from assistant.analysis.answers import AnswerCritique
from assistant.generation import Generation
from assistant.stores import db as store

STORE = "practice"
MIGRATIONS = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        job_title TEXT,
        job_source TEXT
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        question_key TEXT NOT NULL,
        answer TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        words INTEGER NOT NULL,
        star TEXT NOT NULL,
        findings TEXT NOT NULL,
        coaching TEXT NOT NULL
    );
    CREATE INDEX answers_by_question ON answers (question_key, session_id)
    """,
]


class AnswerReview(BaseModel):
    question: str
    answer: str
    question_type: str = "behavioural"
    outline: list[str] = []  # a model answer outline for the question
    critique: AnswerCritique
    coaching: str
    generation: Generation


class PracticeSession(BaseModel):
    id: Optional[int] = None
    started_at: dt.datetime
    job_title: Optional[str] = None
    job_source: Optional[str] = None
    reviews: list[AnswerReview] = []

    @computed_field
    @property
    def average_score(self) -> Optional[float]:
        if not self.reviews:
            return None
        return round(sum(r.critique.score for r in self.reviews) / len(self.reviews), 1)


class Attempt(BaseModel):
    session_id: int
    at: dt.datetime
    score: int
    words: int


class QuestionProgress(BaseModel):
    question: str
    attempts: list[Attempt]

    @property
    def scores(self) -> list[int]:
        return [a.score for a in self.attempts]


class PracticeHistory(BaseModel):
    sessions: int
    questions: list[QuestionProgress]


def question_key(question: str) -> str:
    """The same question written with other case, spacing or punctuation has the same key."""
    return " ".join(re.findall(r"[a-z0-9]+", question.lower()))


def _answer_row(session_id: int, position: int, r) -> tuple:
    return (
        session_id,
        position,
        r.question,
        question_key(r.question),
        r.answer,
        r.critique.score,
        r.critique.metrics.words,
        json.dumps(r.critique.star_present),
        json.dumps([f.code for f in r.critique.findings]),
        r.coaching,
    )


_INSERT_ANSWER = (
    "INSERT INTO answers (session_id, position, question, question_key, answer, score, words, star,"
    " findings, coaching) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def save_answer(session: PracticeSession) -> PracticeSession:
    """Store the session's last answer in its own transaction, the moment it is given (the session
    row comes with the first one): an interrupted session keeps every answer given so far.
    Returns the session with its id."""
    conn = store.connect(STORE, MIGRATIONS)
    try:
        with store.transaction(conn):
            session_id = session.id
            if session_id is None:
                session_id = conn.execute(
                    "INSERT INTO sessions (started_at, job_title, job_source) VALUES (?, ?, ?)",
                    (session.started_at.isoformat(), session.job_title, session.job_source),
                ).lastrowid
            position = len(session.reviews) - 1
            conn.execute(_INSERT_ANSWER, _answer_row(session_id, position, session.reviews[-1]))
    finally:
        conn.close()
    session.id = session_id
    return session


def load_history() -> PracticeHistory:
    """Every question practised, with each attempt's score in time order (most practised first)."""
    conn = store.connect(STORE, MIGRATIONS)
    try:
        sessions = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        rows = conn.execute(
            "SELECT a.question, a.question_key, a.score, a.words, s.id AS session_id, s.started_at"
            " FROM answers a JOIN sessions s ON s.id = a.session_id ORDER BY s.started_at, s.id, a.position"
        ).fetchall()
    finally:
        conn.close()
    by_key: dict[str, QuestionProgress] = {}
    for row in rows:
        progress = by_key.setdefault(
            row["question_key"], QuestionProgress(question=row["question"], attempts=[])
        )
        progress.attempts.append(
            Attempt(
                session_id=row["session_id"],
                at=dt.datetime.fromisoformat(row["started_at"]),
                score=row["score"],
                words=row["words"],
            )
        )
    ordered = sorted(by_key.values(), key=lambda p: -len(p.attempts))
    return PracticeHistory(sessions=sessions, questions=ordered)
