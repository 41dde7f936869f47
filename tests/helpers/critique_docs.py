"""Build small PDF and .docx resumes for the critique tests (fpdf2 and python-docx)."""

from __future__ import annotations

from pathlib import Path


def make_pdf(lines: list[str], path: Path) -> Path:
    """A text PDF, one line of the list a line on the page ('' for a blank line)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_scan_pdf(path: Path) -> Path:
    """A PDF whose page is only a drawn picture: no text to extract, like a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i in range(30):
        pdf.rect(20, 20 + i * 8, 150, 4, style="F")
    pdf.output(str(path))
    return path


def make_docx(blocks: list[tuple[str, str]], path: Path) -> Path:
    """A .docx from (kind, text) blocks: kind is 'title', 'heading', 'bullet' or 'text'."""
    import docx

    document = docx.Document()
    for kind, text in blocks:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


ENGINEER_PDF_LINES = [
    "Tomas Lindqvist",
    "tomas.lindqvist@example.com | +46 70 555 0101 | Stockholm, Sweden | github.com/tlindqvist",
    "",
    "PROFESSIONAL EXPERIENCE",
    "Backend Engineer, Klarbo Payments, Feb 2020 - Present",
    "- Built a payment reconciliation service in Go that processes 3 million transactions a day",
    "- Cut p99 API latency from 900 ms to 180 ms by adding PostgreSQL indexes and a Redis cache",
    "- Worked on the migration to Kubernetes",
    "- Was responsible for on-call rotations",
    "Software Developer, Nordsys, Aug 2017 - Jan 2020",
    "- Wrote REST APIs in Python and Django for 12 internal teams",
    "- Introduced CI/CD with GitHub Actions, cutting release time from 2 days to 1 hour",
    "",
    "EDUCATION",
    "MSc Computer Science, KTH Royal Institute of Technology, 2017",
    "",
    "SKILLS",
    "Go, Python, Django, PostgreSQL, Redis, Docker, Kubernetes, AWS, GitHub Actions",
]

TEACHER_DOCX_BLOCKS = [
    ("title", "Hannah Brooks"),
    ("text", "hannah.brooks@example.com | 555-201-4477 | Leeds, UK"),
    ("heading", "Profile"),
    (
        "text",
        "Secondary school English teacher with seven years of experience and a passion for reading.",
    ),
    ("heading", "Work Experience"),
    ("text", "English Teacher, Roundhay School, Sep 2019 - Present"),
    (
        "bullet",
        "Taught English literature and language to 150 students a year across Years 9 to 13",
    ),
    ("bullet", "Raised the share of GCSE grades 7 and above from 22% to 35% in three years"),
    ("bullet", "Helped with the school's reading club"),
    ("bullet", "Responsible for marking and feedback"),
    ("text", "Teaching Assistant, Allerton Primary, 09/2016 - 07/2019"),
    ("bullet", "Supported 6 pupils with special educational needs in daily lessons"),
    ("heading", "Education"),
    ("text", "PGCE Secondary English, University of Leeds, 2019"),
    ("heading", "Skills"),
    ("text", "Lesson planning, curriculum development, classroom management, Google Workspace"),
]
