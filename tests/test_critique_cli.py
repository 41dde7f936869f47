"""`rebound critique`: the report, --json shape, batches (JSON Lines, bad files skipped),
--fail-under, --out, and one short run on the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.samples import JOBS, RESUMES, STRONG, WEAK

ROOT = Path(__file__).resolve().parent.parent
JSON_KEYS = [
    "file",
    "score",
    "subscores",
    "findings",
    "keywords",
    "summary",
    "rewrites",
    "generation",
]


def test_report(cli):
    result = cli("critique", WEAK, "--no-model", "--job", JOBS / "marketing-manager-bluebird.txt")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for part in (
        "/100",
        "impact",
        "clarity",
        "structure",
        "keywords",
        "Experience",
        "line 11",
        "Responsible for managing social media accounts",
        "What to fix first",
        "Missing",
        "Managed social media accounts, growing [metric] by [__]% in [period]",
    ):
        assert part in out
    assert out.count("\u2192 Start with a strong past-tense verb") == 1  # each suggestion once


def test_json_shape(cli):
    result = cli(
        "critique", STRONG, "--no-model", "--json", "--job", JOBS / "data-analyst-northwind.md"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == JSON_KEYS
    assert (
        data["file"] == str(STRONG)
        and data["generation"]["source"] == "template"
        and data["findings"] == []
    )
    kw = data["keywords"]
    assert set(kw) == {
        "matched",
        "missing",
        "reworded",
        "match_rate",
        "terms",
        "by_category",
        "requirements",
    }
    # the lists existing users read stay, and agree with the terms that carry the details; a
    # term worded differently is in neither
    assert [t["name"] for t in kw["terms"] if t["matched"]] == kw["matched"]
    assert [t["name"] for t in kw["terms"] if not t["matched"] and not t["reworded"]] == kw[
        "missing"
    ]
    assert [t["name"] for t in kw["terms"] if t["reworded"]] == kw["reworded"]
    assert kw["terms"] and all(
        set(t)
        == {
            "name",
            "category",
            "required",
            "where",
            "matched",
            "sentence",
            "reworded",
            "equivalent",
        }
        for t in kw["terms"]
    )
    assert {r["category"] for r in kw["by_category"]} <= {
        "hard skill",
        "tool",
        "certification or licence",
        "soft skill",
        "domain",
    }
    required = [r["required"] for r in kw["by_category"]]
    assert required == sorted(required, reverse=True)  # must-haves first
    assert set(data["subscores"]["keywords"]) == {"score", "explanation"}


def test_json_without_job_has_null_keywords(cli):
    data = json.loads(cli("critique", WEAK, "--no-model", "--json").stdout)
    assert data["keywords"] is None
    assert {"code", "severity", "message", "section", "line", "excerpt", "suggestion"} == set(
        data["findings"][0]
    )
    assert all(set(r) == {"original", "suggestion", "missing"} for r in data["rewrites"])


def test_fail_under(cli):
    weak = cli("critique", WEAK, "--no-model", "--fail-under", "90")
    strong = cli("critique", STRONG, "--no-model", "--fail-under", "90")
    assert (weak.exit_code, strong.exit_code) == (1, 0)


def test_batch_json_lines_skips_bad_files(cli, tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 nope")
    result = cli("critique", STRONG, bad, RESUMES / "product-designer.json", "--no-model", "--json")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["file"] for d in lines] == [str(STRONG), str(RESUMES / "product-designer.json")]
    assert "broken.docx: not a valid .docx" in result.stderr
    assert "1 of 3 files could not be read" in result.stderr


def test_batch_of_a_folder(cli):
    result = cli("critique", RESUMES, "--no-model", "--json", "--fail-under", "100")
    assert result.exit_code == 1
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert len(files) == len(list(RESUMES.iterdir())) >= 10
    assert {Path(f).suffix for f in files} == {".md", ".txt", ".json", ".pdf", ".docx"}


def test_all_bad_files_exit_2(cli, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    result = cli("critique", empty, tmp_path / "missing.pdf", "--no-model")
    assert result.exit_code == 2
    assert result.stderr.count("rebound: error:") == 2


def test_single_bad_file_is_one_line(cli, tmp_path):
    scan = tmp_path / "cv.txt"
    scan.write_bytes(b"\x00\x01\x02" * 100)
    result = cli("critique", scan, "--no-model")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "binary" in result.stderr


def test_bad_job_is_one_line(cli, tmp_path):
    job = tmp_path / "job.json"
    job.write_text("{")
    result = cli("critique", STRONG, "--job", job, "--no-model")
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


def test_stdin_stands_for_one_input_only(cli):
    """`critique - --job -` cannot read stdin twice: one clear line, not 'stdin: is empty'."""
    result = cli("critique", "-", "--job", "-", "--no-model", input=WEAK.read_text())
    assert result.exit_code == 2
    assert result.stderr.startswith("rebound: error: stdin: '-' can stand for one input only")
    assert (
        cli("critique", "-", "--no-model", "--json", input=WEAK.read_text()).exit_code == 0
    )  # a new run reads it


def test_out_writes_and_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "report.txt"
    assert cli("critique", WEAK, "--no-model", "--out", out).exit_code == 0
    assert "What to fix first" in out.read_text() and "\x1b[" not in out.read_text()
    again = cli("critique", WEAK, "--no-model", "--out", out)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert again.stdout == ""  # refused before any report is printed, as every other command does
    assert cli("critique", WEAK, "--no-model", "--json", "--out", out, "--force").exit_code == 0
    assert json.loads(out.read_text())["file"] == str(WEAK)


def test_model_is_opened_once_for_a_batch(cli, fake_backend, monkeypatch):
    import assistant.engine.select as select

    opened = []
    real = select.open_engine
    monkeypatch.setattr(select, "open_engine", lambda *a, **k: opened.append(1) or real(*a, **k))
    result = cli("critique", STRONG, WEAK, RESUMES / "registered-nurse.md", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(opened) == 1 and len(result.stdout.splitlines()) == 3
    assert len(fake_backend.calls) > 3  # the one backend served every file


def test_text_critique_does_not_load_heavy_modules():
    import subprocess
    import sys

    code = (
        "import sys; from assistant.cli import app\n"
        "try:\n    app(['critique', sys.argv[1], '--no-model', '--json'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pypdfium2', 'docx', 'llama_cpp', 'assistant.tasks.critique_model') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(STRONG)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.model
def test_real_model_critique_stays_inside_the_guard(embedded_model_path, cli):
    from assistant.text import number_forms as known_numbers

    result = cli("critique", WEAK, "--model", embedded_model_path, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    known = known_numbers(WEAK.read_text())
    for rewrite in data["rewrites"]:
        assert rewrite["suggestion"] and "\n" not in rewrite["suggestion"]
        import re

        assert all(n in known for n in re.findall(r"\d+", rewrite["suggestion"]))
    assert data["summary"]


def test_report_shows_rates_per_category_and_each_missing_term_with_its_sentence(cli):
    result = cli("critique", WEAK, "--no-model", "--job", JOBS / "backend-engineer-ledgerly.md")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())  # the report wraps long lines
    assert "Must-have" in out and "Nice-to-have" in out
    assert out.index("Must-have") < out.index("Nice-to-have")  # must-haves first
    assert "Terraform (must-have, tool)" in out
    assert "\u201cExperience with Docker, k8s and Terraform\u201d" in out  # the ad's own sentence
    assert "Also asked: 3+ years" in out
