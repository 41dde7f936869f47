"""JSON Resume (jsonresume.org schema) into the Resume model. Its text is a Markdown rendering,
so keyword matching and length checks see what a reader would; findings carry no line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant.errors import InputError
from assistant.inputs.json_file import read_json, validate_shape
from assistant.inputs.resume_text import (
    MAX_RESUME_TEXT_BYTES,
    Bullet,
    Contact,
    Position,
    Resume,
    Section,
)
from assistant.inputs.text import display_name


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Location(_Loose):
    city: Optional[str] = None
    region: Optional[str] = None
    countryCode: Optional[str] = None


class _Profile(_Loose):
    network: Optional[str] = None
    url: Optional[str] = None


class _Basics(_Loose):
    name: Optional[str] = None
    label: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    url: Optional[str] = None
    summary: Optional[str] = None
    location: Optional[_Location] = None
    profiles: list[_Profile] = []


class _Work(_Loose):
    name: Optional[str] = None
    organization: Optional[str] = None  # volunteer entries
    entity: Optional[str] = None  # projects
    position: Optional[str] = None
    startDate: Optional[str] = None
    endDate: Optional[str] = None
    summary: Optional[str] = None
    description: Optional[str] = None
    highlights: list[str] = []


class _Education(_Loose):
    institution: Optional[str] = None
    area: Optional[str] = None
    studyType: Optional[str] = None
    startDate: Optional[str] = None
    endDate: Optional[str] = None


class _Named(_Loose):
    name: Optional[str] = None
    title: Optional[str] = None
    keywords: list[str] = []


class _JsonResume(_Loose):
    basics: _Basics = _Basics()
    work: list[_Work] = []
    volunteer: list[_Work] = []
    projects: list[_Work] = []
    education: list[_Education] = []
    skills: list[_Named] = []
    awards: list[_Named] = []
    certificates: list[_Named] = []
    languages: list[dict] = []
    interests: list[_Named] = []


def _dates(item) -> str:
    start = (item.startDate or "").strip()
    end = (getattr(item, "endDate", None) or "").strip() or ("Present" if start else "")
    return f"{start} - {end}" if start else end


def json_resume_to_model(data: object, name: str) -> Resume:
    doc = validate_shape(_JsonResume, data, name, "JSON Resume")
    if not (doc.basics.name or doc.work or doc.education):
        raise InputError(
            f"{name}: not a JSON Resume (no basics.name, work or education; see jsonresume.org/schema)"
        )
    b = doc.basics
    loc = b.location
    location = (
        ", ".join(p for p in ((loc.city, loc.region or loc.countryCode) if loc else ()) if p)
        or None
    )
    links = [u for u in [b.url, *(p.url for p in b.profiles)] if u]
    contact = Contact(name=b.name, email=b.email, phone=b.phone, location=location, links=links)
    text = [f"# {b.name or ''}", " | ".join(p for p in (b.email, b.phone, location, *links) if p)]
    sections: list[Section] = []

    def section(kind: str, title: str, body: list[str]) -> None:
        if body:
            sections.append(Section(kind=kind, title=title, lines=body))
            text.extend(["", f"## {title}", *body])

    section("summary", "Summary", [b.summary] if b.summary else [])
    experience = []
    body: list[str] = []
    for w in doc.work:
        pos = Position(
            title=w.position or "",
            company=w.name or "",
            dates=_dates(w),
            bullets=[Bullet(text=h) for h in w.highlights if h.strip()],
        )
        experience.append(pos)
        body += [
            f"### {pos.title}, {pos.company} ({pos.dates})",
            *([w.summary] if w.summary else []),
            *(f"- {h.text}" for h in pos.bullets),
        ]
    section("experience", "Experience", body)
    for kind, title, items in (
        ("volunteer", "Volunteer", doc.volunteer),
        ("projects", "Projects", doc.projects),
    ):
        section(
            kind,
            title,
            [
                line
                for w in items
                for line in (
                    f"### {w.position or w.name or ''}, {w.organization or w.entity or w.name or ''} ({_dates(w)})",
                    *(f"- {h}" for h in w.highlights),
                )
            ],
        )
    education = [
        ", ".join(p for p in (e.studyType, e.area, e.institution, _dates(e)) if p)
        for e in doc.education
    ]
    section("education", "Education", education)
    skills = [k for s in doc.skills for k in (s.keywords or [s.name or ""]) if k]
    section("skills", "Skills", [f"{s.name}: {', '.join(s.keywords)}" for s in doc.skills])
    section("awards", "Awards", [a.title or a.name or "" for a in doc.awards])
    section("certifications", "Certifications", [c.name or c.title or "" for c in doc.certificates])
    section("languages", "Languages", [str(lang.get("language", "")) for lang in doc.languages])
    section("interests", "Interests", [i.name or "" for i in doc.interests])
    return Resume(
        source=name,
        format="json",
        text="\n".join(text),
        contact=contact,
        summary=b.summary or "",
        experience=experience,
        education=education,
        skills=skills,
        sections=sections,
    )


def read_json_resume(path: Path | str) -> Resume:
    return json_resume_to_model(read_json(path, MAX_RESUME_TEXT_BYTES), display_name(path))
