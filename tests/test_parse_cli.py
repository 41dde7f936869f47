"""`rebound parse FILE [--json]`: what Rebound read (contact, sections, positions with start and
end, education, skills, plain text), and bad files as one error line with exit 2."""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import SHARED_DATA
from tests.test_resume_reading import positioned_pdf

OUTSIDE = SHARED_DATA / "outside" / "resumes"
needs_outside = pytest.mark.skipif(
    not OUTSIDE.is_dir(), reason="../shared/data/outside is not here"
)

RESUME = """Mei Tanaka
mei.tanaka@example.com | +44 7700 900456 | github.com/meitanaka

SUMMARY
Backend developer who builds payment systems.

W O R K   E X P E R I E N C E
Backend Developer, Kite Pay
09/2019 to 04/2020
- Cut refund time from 5 days to 1 by rewriting the ledger job in Go
- Built the fraud rules service used by 3 teams

Support Engineer | Lumen Labs | 2017 - present
- Answered 40 tickets a day

EDUCATION
BSc Computer Science, University of Leeds, 2017

SKILLS
Go, PostgreSQL, Kafka
"""


def test_parse_json_shows_what_was_read(cli, tmp_path):
    path = tmp_path / "cv.md"
    path.write_text(RESUME)
    result = cli("parse", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["contact"]["email"] == "mei.tanaka@example.com"
    assert data["contact"]["phone"] == "+44 7700 900456"
    assert data["contact"]["links"] == ["github.com/meitanaka"]
    assert [s["kind"] for s in data["sections"]] == ["summary", "experience", "education", "skills"]
    first, second = data["positions"]
    assert (first["title"], first["employer"], first["start"], first["end"]) == (
        "Backend Developer",
        "Kite Pay",
        "09/2019",
        "04/2020",
    )
    assert len(first["bullets"]) == 2 and first["bullets"][1].startswith("Built the fraud")
    assert (second["title"], second["employer"], second["start"], second["end"]) == (
        "Support Engineer",
        "Lumen Labs",
        "2017",
        "present",
    )
    assert data["skills"] == ["Go", "PostgreSQL", "Kafka"]
    assert data["education"] == ["BSc Computer Science, University of Leeds, 2017"]
    assert data["text"] == RESUME


def test_parse_report_names_each_part(cli, tmp_path):
    result = cli("parse", positioned_pdf(tmp_path / "cv.pdf"))
    assert result.exit_code == 0, result.output
    for part in ("Contact", "Sections", "Positions", "Education", "Skills"):
        assert part in result.stdout
    assert "Store Manager" in result.stdout and "Jan 2019 - Current" in result.stdout
    assert "- Cut stock losses by 12% with weekly cycle counts" in result.stdout


@pytest.mark.parametrize(
    "name,data,says",
    [
        ("scan.txt", b"", "is empty"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "cannot open this PDF"),
        ("cv.odt", b"x", "unsupported file type"),
    ],
)
def test_bad_files_are_one_line_and_exit_2(cli, tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("parse", path)
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1
        and "rebound: error:" in result.stderr
        and says in result.stderr
    )


@needs_outside
@pytest.mark.parametrize(
    "name", ["accountant_12442909.pdf", "designer_34511655.pdf", "automobile_15210069.pdf"]
)
def test_real_resumes_read_with_their_word_spaces(cli, name):
    result = cli("parse", OUTSIDE / name, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"experience", "education"} <= {s["kind"] for s in data["sections"]}
    assert data["positions"] and all(p["bullets"] for p in data["positions"][:2])
    # no word run into the next, as PDFium's text had it ('CompanyName', 'ofthe')
    assert "CompanyName" not in data["text"] and " ofthe " not in data["text"]
