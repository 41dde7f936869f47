"""`rebound parse`: what Rebound read from a resume, as the critique sees it: contact details,
sections, positions with their dates and bullets, education, skills, and the plain text."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel

from assistant.inputs.resume import Contact, Resume, read_resume


class ParsedSection(BaseModel):
    kind: str
    title: str
    line: Optional[int] = None


class ParsedPosition(BaseModel):
    title: str
    employer: str
    start: str
    end: str
    dates: str
    line: Optional[int] = None
    bullets: list[str]


class ParseResult(BaseModel):
    file: str
    format: str
    contact: Contact
    summary: str
    sections: list[ParsedSection]
    positions: list[ParsedPosition]
    education: list[str]
    skills: list[str]
    words: int
    text: str


def parsed(resume: Resume) -> ParseResult:
    return ParseResult(
        file=resume.source,
        format=resume.format,
        contact=resume.contact,
        summary=resume.summary,
        sections=[ParsedSection(kind=s.kind, title=s.title, line=s.line) for s in resume.sections],
        positions=[
            ParsedPosition(
                title=p.title,
                employer=p.company,
                start=p.start,
                end=p.end,
                dates=p.dates,
                line=p.line,
                bullets=[b.text for b in p.bullets],
            )
            for p in resume.experience
        ],
        education=resume.education,
        skills=resume.skills,
        words=len(resume.text.split()),
        text=resume.text,
    )


def parse_file(path: str) -> ParseResult:
    """Read one resume (any supported format) and say what was read; InputError when it cannot."""
    return parsed(read_resume(path))
