"""Resumes: .txt, .md, .pdf, .docx and JSON Resume, read into one Resume model (the model and the
text reader are in resume_text.py, JSON Resume in resume_json.py; this module picks by format)."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import InputError
from assistant.inputs.resume_text import (
    DATE_RANGE,
    MAX_RESUME_TEXT_BYTES,
    ROLE_WORDS,
    Bullet,
    Contact,
    Format,
    Position,
    Resume,
    Section,
    find_phone,
    parse_resume_text,
    split_dates,
)
from assistant.inputs.text import display_name, read_text

__all__ = [
    "DATE_RANGE",
    "FORMATS",
    "ROLE_WORDS",
    "find_phone",
    "split_dates",
    "Bullet",
    "Contact",
    "Position",
    "Resume",
    "Section",
    "expand_paths",
    "parse_resume_text",
    "read_resume",
]

FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
    ".json": "json",
}


# ---- Files ----


def read_resume(path: Path | str) -> Resume:
    """Read a resume in any supported format, or raise one clear InputError."""
    name = display_name(path)
    if str(path) != "-" and Path(path).is_dir():
        if next(_resumes_in(Path(path)), None):  # `critique` reads folders; this reads one file
            raise InputError(f"{name}: is a folder: give one resume file")
        raise InputError(
            f"{name}: a folder with no resumes in it ({', '.join(sorted(set(FORMATS)))})"
        )
    suffix = Path(str(path)).suffix.lower()
    fmt = FORMATS.get(suffix, "txt" if str(path) == "-" else None)
    if fmt is None:
        known = ", ".join(sorted(set(FORMATS)))
        raise InputError(f"{name}: unsupported file type '{suffix or 'none'}' (use {known})")
    if fmt == "pdf":
        from assistant.inputs.documents import pdf_text

        return parse_resume_text(pdf_text(path), name, fmt)
    if fmt == "docx":
        from assistant.inputs.documents import docx_text

        return parse_resume_text(docx_text(path), name, fmt)
    if fmt == "json":  # its schema's models are built only for a .json resume
        from assistant.inputs.resume_json import read_json_resume

        return read_json_resume(path)
    return parse_resume_text(read_text(path, MAX_RESUME_TEXT_BYTES), name, fmt)


def expand_paths(paths: list[str]) -> list[str]:
    """The files to read: files as given, folders replaced by the resumes inside them (sorted)."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = sorted(str(f) for f in _resumes_in(p))
            out.extend(found or [raw])  # an empty folder stays, so it is reported
        else:
            out.append(raw)
    return out


def _resumes_in(folder: Path):
    """The resume files under `folder`, its subfolders included (hidden files left out)."""
    return (
        f
        for f in folder.rglob("*")
        if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith(".")
    )
