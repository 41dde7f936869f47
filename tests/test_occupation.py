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


def test_the_whole_title_names_an_esco_occupation_only_when_it_names_one():
    """A title whose words are one occupation's preferred label, or start a label of one
    occupation only, names it; one that starts labels of several, or sits inside a longer label
    ("pharmaceutical engineering designer"), names none."""
    from assistant.analysis.occupation import occupation_duties, title_occupation

    assert title_occupation("PLUMBER").label == "plumber"
    assert title_occupation("Senior Blacksmith").label == "blacksmith"
    assert title_occupation("CEMENT FINISHER").label == "concrete finisher"
    for title in ("Senior Software Engineer", "Engineering Designer", "Wharfinger", "Officer", ""):
        assert title_occupation(title) is None, title
    assert "inspect pipes" in occupation_duties(title_occupation("Plumber"))


@pytest.mark.skipif(not SOURCE.is_file(), reason="../shared/data/skills is not here")
def test_the_committed_duty_sentences_are_what_the_script_derives():
    spec = importlib.util.spec_from_file_location(
        "derive_occupations", ROOT / "scripts" / "derive_occupations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.description_of("ict network engineer ICT network engineers implement x.") == (
        "ICT network engineers implement x."
    )
    assert module.description_of("head chef Chef sous chef Head chefs manage x.") == (
        "Head chefs manage x."
    )
    committed = [
        tuple(line.split("\t"))
        for line in (ROOT / "assistant" / "data" / "occupation_duties.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    assert module.derive_duties(SOURCE) == committed
