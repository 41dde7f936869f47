"""The occupations derived from ESCO (assistant/data/occupations.tsv) and the classifier that
reads them: every family it names has a bank, well-known occupations land where they belong, and
the committed file is what scripts/derive_occupations.py makes from the source."""

from __future__ import annotations

import importlib.util

import pytest

from assistant.analysis.occupation import classify, occupations, title_words
from assistant.analysis.question_bank import load_families
from tests.helpers.paths import ROOT, SHARED_DATA

SOURCE = SHARED_DATA / "skills" / "esco_occupations.csv"


def test_every_occupation_has_a_family_with_a_bank():
    rows = occupations()
    assert len(rows) >= 3000
    assert {o.family for o in rows} <= set(load_families())


@pytest.mark.parametrize(
    "label,family",
    [
        ("plumber", "trades"),
        ("software developer", "software-data"),
        ("primary school teacher", "teaching"),
        ("police officer", "public-safety"),
        ("bookkeeper", "finance"),
        ("physiotherapist", "allied-health"),
        ("warehouse manager", "logistics"),
        ("customer service representative", "customer-service"),
        ("tax compliance officer", "public-sector"),
    ],
)
def test_well_known_occupations_land_in_their_family(label, family):
    (found,) = [o for o in occupations() if o.label == label]
    assert found.family == family


def test_title_words_drop_seniority_and_a_markdown_link():
    assert title_words("[Senior Backend Engineer (Remote)](https://example.com/jobs/1)") == [
        "backend",
        "engineer",
    ]


def test_the_title_outweighs_one_stray_duty_word_and_the_duties_decide_a_loose_title():
    assert classify("Plumber", "deal with customers at the door").family == "trades"
    duties = "Write and review code for our APIs, deploy to the cloud, keep the services reliable."
    assert classify("Engineer", duties).family == "software-data"


@pytest.mark.skipif(not SOURCE.is_file(), reason="../shared/data/skills is not here")
def test_the_committed_file_is_what_the_script_derives(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "derive_occupations", ROOT / "scripts" / "derive_occupations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.derive(SOURCE)
    committed = [
        tuple(line.split("\t"))
        for line in (ROOT / "assistant" / "data" / "occupations.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    assert rows == committed
