"""The session 40 measurement's own parts, on made-up text (no model, no outside data)."""

from __future__ import annotations

import json

import pytest

from evaluation.embed_keywords import units
from evaluation.minilm_keywords import load, part_of


def test_a_unit_made_only_of_the_terms_words_is_part_of_it():
    assert part_of("Testing", "Unit testing")
    assert part_of("Skills", "Organizational skills")
    assert part_of("plumbers", "plumber apprenticeship")  # stems
    assert part_of("• Project Management", "Project Management Software")


def test_a_unit_with_a_word_of_its_own_is_not_part_of_the_term():
    assert not part_of("Fork truck certified", "Forklift Certification")
    assert not part_of("customer satisfaction", "Customer focus")
    assert not part_of("• ", "Customer focus")  # no word: nothing said


def test_the_exported_cases_are_read_back_and_their_units_checked(tmp_path):
    text = "Skills\n• Forklift, OSHA 10\n"
    case = {
        "label": "ad",
        "split": "tune",
        "resume": "r.pdf",
        "names": ["Forklift Certification"],
        "shown": True,
        "kind": "missing",
    }
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps({"cases": [case], "resumes": {"r.pdf": {"text": text, "units": units(text)}}})
    )
    cases, resumes = load(path)
    assert resumes == {"r.pdf": text}
    assert cases[0].names == ["Forklift Certification"] and cases[0].shown and not cases[0].scores
    other = {"line": ["Skills"], "clause": ["Skills"]}  # cut otherwise than this checkout cuts
    path.write_text(
        json.dumps({"cases": [case], "resumes": {"r.pdf": {"text": text, "units": other}}})
    )
    with pytest.raises(SystemExit):
        load(path)
