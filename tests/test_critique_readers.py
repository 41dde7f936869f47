"""The resume and job readers: every format, headings in any common form, and the error paths
(scan PDF, truncated PDF, broken .docx, zip bomb, wrong-shape JSON, empty, binary, too big)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.inputs import documents
from assistant.inputs.job import read_job
from assistant.inputs.resume import expand_paths, parse_resume_text, read_resume
from tests.helpers.critique_docs import (
    ENGINEER_PDF_LINES,
    TEACHER_DOCX_BLOCKS,
    make_docx,
    make_pdf,
    make_scan_pdf,
)
from tests.helpers.paths import JSONRESUME, needs_jsonresume

ROOT = Path(__file__).resolve().parent.parent
RESUMES = ROOT / "fixtures" / "resumes"
JOBS = ROOT / "fixtures" / "jobs"

BODY = """Dana Reyes
dana.reyes@example.com | (555) 201-3344 | Denver, CO | linkedin.com/in/danareyes

{experience}
Operations Analyst, Alpine Freight, Jan 2021 - Present
- Cut invoice errors by 40% with a weekly reconciliation in Excel
- Trained 12 dispatchers on the new routing software

{education}
B.A. Economics, University of Colorado, 2020

{skills}
Excel, SQL, Tableau
"""


@pytest.mark.parametrize(
    "experience,education,skills",
    [
        ("# Experience", "# Education", "# Skills"),
        ("EXPERIENCE", "EDUCATION", "SKILLS"),
        ("Experience:", "Education:", "Skills:"),
        ("Work History", "Education", "Technical Skills"),
        ("Professional Experience", "Education & Training", "Core Competencies"),
        ("**Work Experience**", "**Education**", "**Skills**"),
        ("WORK EXPERIENCE\n---------------", "ACADEMIC BACKGROUND", "KEY SKILLS"),
    ],
)
def test_headings_in_any_common_form(experience, education, skills):
    resume = parse_resume_text(
        BODY.format(experience=experience, education=education, skills=skills), "r.txt"
    )
    assert [s.kind for s in resume.sections] == ["experience", "education", "skills"]
    (position,) = resume.experience
    assert (position.title, position.company, position.dates) == (
        "Operations Analyst",
        "Alpine Freight",
        "Jan 2021 - Present",
    )
    assert [b.text[:7] for b in position.bullets] == ["Cut inv", "Trained"]
    assert resume.skills == ["Excel", "SQL", "Tableau"]
    assert (
        resume.contact.email == "dana.reyes@example.com"
        and resume.contact.phone == "(555) 201-3344"
    )
    assert resume.contact.location == "Denver, CO" and resume.contact.links == [
        "linkedin.com/in/danareyes"
    ]
    assert resume.contact.name == "Dana Reyes"


@pytest.mark.parametrize(
    "header,phone",
    [
        ("Dana Reyes | (555) 201-3344 | Denver, CO", "(555) 201-3344"),
        ("Dana Reyes | Denver, CO | " + "Jan 2020 " * 28 + "| (555) 201-3344", "(555) 201-3344"),
        # a phone number, like a location, is on a short line: none is read from one of over 300
        ("Dana Reyes | Denver, CO | " + "Jan 2020 " * 31 + "| (555) 201-3344", None),
    ],
)
def test_a_phone_number_is_read_from_a_short_header_line(header, phone):
    bullet = "- Cut inventory costs by 12% across 3 warehouses for two years\n"
    body = "\n## Experience\n" + bullet * 4
    assert parse_resume_text("Dana Reyes\n" + header + body).contact.phone == phone


def test_bullet_line_numbers_point_into_the_text():
    resume = read_resume(RESUMES / "strong-data-analyst.md")
    for _, bullet in resume.bullets():
        assert bullet.text[:20] in resume.lines[bullet.line - 1]
    assert resume.summary.startswith("Data analyst") and resume.summary_line == 7


def test_every_fixture_format_reads(tmp_path):
    formats = {read_resume(p).format for p in RESUMES.iterdir()}
    assert formats == {"txt", "md", "pdf", "docx", "json"}
    assert len(list(RESUMES.iterdir())) >= 10


def test_pdf_resume(tmp_path):
    resume = read_resume(make_pdf(ENGINEER_PDF_LINES, tmp_path / "cv.pdf"))
    assert resume.format == "pdf" and resume.contact.email == "tomas.lindqvist@example.com"
    assert [p.company for p in resume.experience] == ["Klarbo Payments", "Nordsys"]
    assert len(resume.experience[0].bullets) == 4


def test_docx_resume_keeps_headings_and_list_bullets(tmp_path):
    resume = read_resume(make_docx(TEACHER_DOCX_BLOCKS, tmp_path / "cv.docx"))
    assert resume.contact.name == "Hannah Brooks"
    assert [s.kind for s in resume.sections] == ["summary", "experience", "education", "skills"]
    assert [len(p.bullets) for p in resume.experience] == [4, 1]


@needs_jsonresume
def test_json_resume_sample():
    resume = read_resume(JSONRESUME / "sample.resume.json")
    assert (
        resume.contact.name == "Richard Hendriks"
        and resume.contact.email == "richard.hendriks@mail.com"
    )
    assert resume.experience[0].company == "Pied Piper" and len(resume.experience[0].bullets) == 3
    assert "HTML" in resume.skills and resume.has_section("education")
    assert all(b.line is None for _, b in resume.bullets())


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"\n\n   \n", "is empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("short.txt", b"Jane Doe\njane@example.com", "too short"),
        ("one.txt", b"Jane", "too short to be a resume (1 word)"),
        ("resume.rtf", b"{\\rtf1 hello}", "unsupported file type"),
        ("list.json", b"[1, 2, 3]", "must be a JSON object"),
        ("broken.json", b'{"basics": {"name": "A"', "not valid JSON (line 1"),
        (
            "shape.json",
            json.dumps({"basics": {"name": "A"}, "work": "everywhere"}).encode(),
            "work",
        ),
        ("other.json", json.dumps({"hello": "world"}).encode(), "not a JSON Resume"),
        (
            "basics.json",
            json.dumps({"basics": 5}).encode(),
            "basics: should be an object, not a number",
        ),
        ("fake.pdf", b"this is not a pdf at all, just text", "not a PDF"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "cannot open this PDF"),
        ("broken.docx", b"PK\x03\x04 truncated zip", "not a valid .docx"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, name, data, message):
    with pytest.raises(InputError) as err:
        read_resume(_write(tmp_path, name, data))
    assert message in str(err.value) and name in str(err.value) and "\n" not in str(err.value)


def test_truncated_real_pdf(tmp_path):
    good = make_pdf(ENGINEER_PDF_LINES, tmp_path / "good.pdf").read_bytes()
    with pytest.raises(InputError, match="PDF"):
        read_resume(_write(tmp_path, "cut.pdf", good[: len(good) // 3]))


def test_scanned_pdf_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="scanned image.*OCR"):
        read_resume(make_scan_pdf(tmp_path / "scan.pdf"))


def test_truncated_docx(tmp_path):
    good = make_docx(TEACHER_DOCX_BLOCKS, tmp_path / "good.docx").read_bytes()
    with pytest.raises(InputError, match="not a valid .docx"):
        read_resume(_write(tmp_path, "cut.docx", good[: len(good) // 2]))


def test_zip_without_a_document(tmp_path):
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a word document")
    with pytest.raises(InputError, match="not a Word document"):
        read_resume(path)


def test_zip_bomb_is_refused_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 3_000_000)
    opened = []
    monkeypatch.setattr("docx.Document", lambda *a: opened.append(a))
    monkeypatch.setattr(documents, "MAX_DOCX_XML_BYTES", 1_000_000)
    with pytest.raises(InputError, match="more than 1 MB; refusing a possible zip bomb"):
        read_resume(path)
    assert opened == []


def test_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        read_resume(make_pdf(ENGINEER_PDF_LINES * 5, tmp_path / "big.pdf"))
    with pytest.raises(InputError, match="too large"):
        read_resume(_write(tmp_path, "big.txt", "word " * 200_000))


def test_expand_paths_reads_folders(tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text("x")
    (docs / "notes.csv").write_text("x")
    (docs / ".hidden.md").write_text("x")
    (docs / "sub" / "b.pdf").write_text("x")
    (tmp_path / "empty").mkdir()
    found = expand_paths([str(docs), str(tmp_path / "empty"), "missing.txt"])
    assert found == [
        str(docs / "a.md"),
        str(docs / "sub" / "b.pdf"),
        str(tmp_path / "empty"),
        "missing.txt",
    ]
    with pytest.raises(InputError, match="no resumes"):
        read_resume(tmp_path / "empty")
    with pytest.raises(InputError, match="is a folder: give one resume file"):
        read_resume(docs)  # `parse` and the other one-resume readers: not "no resumes in it"


def test_job_text_and_markdown():
    job = read_job(JOBS / "data-analyst-northwind.md")
    assert (job.title, job.company) == ("Senior Data Analyst", "Northwind Health")
    assert any("Tableau" in r for r in job.responsibilities)
    assert any("HIPAA" in r for r in job.requirements) and not any(
        "dental" in r for r in job.requirements
    )
    job = read_job(JOBS / "marketing-manager-bluebird.txt")
    assert job.title == "Digital Marketing Manager" and job.company == "Bluebird Apparel"
    assert len(job.requirements) == 5 and len(job.responsibilities) == 4


@needs_jsonresume
def test_job_json_sample():
    job = read_job(JSONRESUME / "sample.job.json")
    assert (job.title, job.company) == ("Web Developer", "Microsoft")
    assert "Develop and maintain web applications" in job.responsibilities
    assert any("JavaScript" in r for r in job.requirements)


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("job.json", json.dumps({"company": "Acme"}), "title"),
        ("job.json", "[]", "JSON object"),
        ("job.txt", "", "is empty"),
        ("job.md", "Apply now", "too short"),
        ("job.md", "Barista", r"too short to be a job description \(1 word\)"),  # not "1 words"
        ("job.pdf", "%PDF-1.4", "save the ad as text"),
    ],
)
def test_job_errors(tmp_path, name, data, message):
    with pytest.raises(InputError, match=message):
        read_job(_write(tmp_path, name, data))
