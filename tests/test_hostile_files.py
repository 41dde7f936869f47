"""Hostile files through the command line: each gets exit 2 and one line on stderr starting
'rebound: error:', never a traceback. The files are made here, in temporary folders."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.helpers.cli_batch import run_batch
from tests.helpers.paths import FIXTURES

NOTES = FIXTURES / "notes" / "harrow-books.md"
JOB = FIXTURES / "jobs" / "interview-data-analyst.md"
MB = 1_000_000


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, embedded_model_path) -> dict[str, Path]:
    """Every hostile file, made once for the module."""
    from fpdf import FPDF

    folder = tmp_path_factory.mktemp("hostile")
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = folder / name
        files[name].write_bytes(data)

    put(
        "huge.txt", b"I led the launch of the spring catalogue.\n" * (50 * MB // 42 + 1)
    )  # 50 MB of text
    files["huge.md"] = folder / "huge.md"
    files["huge.md"].hardlink_to(files["huge.txt"])
    put(
        "one-line-resume.txt", b"Jordan Rivera led campaigns " * (2 * MB // 28 + 1)
    )  # one 2 MB line
    bomb = folder / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w") as member:  # 200 MB of zeros in about 200 KB
            for _ in range(200):
                member.write(bytes(MB))
    files["bomb.docx"] = bomb

    def pdf(pages: int) -> bytes:
        doc = FPDF()
        doc.set_font("Helvetica", size=11)
        for i in range(pages):
            doc.add_page()
            doc.multi_cell(
                0,
                6,
                f"Jordan Rivera, Marketing Coordinator. Page {i + 1}. Led campaigns "
                "for the spring catalogue and grew the newsletter audience.",
            )
        return bytes(doc.output())

    whole = pdf(2)
    put("truncated.pdf", whole[: len(whole) // 2])
    put("500-pages.pdf", pdf(500))
    put(
        "wrong-shape.json",
        json.dumps({"basics": "Jordan Rivera", "work": {"company": "Harrow"}}).encode(),
    )
    put("list.json", b"[1, 2, 3]")
    put("deep.json", b"[" * 200_000)
    put(
        "broken-yaml.md",
        b"---\nyour_name: [Jordan Rivera\ncompany: Harrow Books\n---\n## What went well\n- a\n",
    )
    with open(embedded_model_path, "rb") as model:
        put("truncated.gguf", model.read(4096))
    put("not-a-model.gguf", b"This is a text file with a .gguf name, not a model.\n" * 20)
    return files


# case: (what the error says, the command line; @name is a hostile file)
CASES = {
    "50 MB notes": ("too large", "feedback", "@huge.md"),
    "50 MB resume": ("too large", "critique", "@huge.txt"),
    "50 MB draft": ("too large", "soften", "@huge.txt"),
    "50 MB job ad": ("too large", "interview", "--job", "@huge.txt"),
    "2 MB one-line resume": ("too large", "critique", "@one-line-resume.txt"),
    "2 MB one-line resume for interview": (
        "too large",
        "interview",
        "--job",
        str(JOB),
        "--resume",
        "@one-line-resume.txt",
    ),
    "DOCX zip bomb": ("zip bomb", "critique", "@bomb.docx"),
    "DOCX zip bomb for interview": (
        "zip bomb",
        "interview",
        "--job",
        str(JOB),
        "--resume",
        "@bomb.docx",
    ),
    "truncated PDF": ("damaged or truncated", "critique", "@truncated.pdf"),
    "500-page PDF": ("500 pages", "critique", "@500-pages.pdf"),
    "JSON Resume of the wrong shape": ("JSON Resume", "critique", "@wrong-shape.json"),
    "JSON Resume that is a list": ("JSON Resume", "critique", "@list.json"),
    "JSON nested 200,000 deep": ("nested too deeply", "critique", "@deep.json"),
    "a job as JSON nested 200,000 deep": ("nested too deeply", "interview", "--job", "@deep.json"),
    "JSON job of the wrong shape": ("JSON Resume job", "interview", "--job", "@wrong-shape.json"),
    "notes with broken YAML": ("not valid YAML", "feedback", "@broken-yaml.md"),
    "notes with broken YAML for recruiter": ("not valid YAML", "recruiter", "@broken-yaml.md"),
    "notes with broken YAML for network": ("not valid YAML", "network", "@broken-yaml.md"),
    "truncated GGUF": (
        "truncated or corrupt",
        "feedback",
        str(NOTES),
        "--model",
        "@truncated.gguf",
    ),
    "not a GGUF": ("not a GGUF", "feedback", str(NOTES), "--model", "@not-a-model.gguf"),
    "not a GGUF for models": ("not a GGUF", "models", "--model", "@not-a-model.gguf", "--check"),
    "truncated GGUF for critique": (
        "truncated or corrupt",
        "critique",
        str(FIXTURES / "resumes" / "strong-data-analyst.md"),
        "--model",
        "@truncated.gguf",
    ),
}


def command_line(case: str, hostile: dict[str, Path]) -> list[str]:
    _, *raw = CASES[case]
    args = [str(hostile[a[1:]]) if a.startswith("@") else a for a in raw]
    return args if "--model" in args else [*args, "--no-model"]


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_is_one_clear_error(cli, hostile, case):
    expected = CASES[case][0]
    result = cli(*command_line(case, hostile))
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.stdout[-500:])
    assert result.stderr.startswith("rebound: error:") and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert expected in result.stderr and "Traceback" not in result.stderr + result.stdout


PEAK_MB = (
    150  # all these cases take about 45 MB together; unpacking the bomb alone would take 200 MB
)


def test_all_hostile_files_in_one_process_stay_within_bounded_memory(hostile, tmp_path):
    runs = [command_line(case, hostile) for case in CASES]
    batch = run_batch(runs, tmp_path, env={**os.environ, "REBOUND_HOME": str(tmp_path / "home")})
    assert batch.codes == [2] * len(CASES), batch.stderr[-2000:]
    assert batch.peak_kb < PEAK_MB * 1000, f"peak memory {batch.peak_kb / 1000:.0f} MB"
