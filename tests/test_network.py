"""`rebound network`: keep-in-touch notes, LinkedIn's character limit, the occasions and the guard."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.engine.fake import FakeBackend
from assistant.guard.char_limit import ELLIPSIS, char_count, shorten_words
from assistant.inputs.notes import read_notes
from assistant.tasks.network import NetworkRequest, draft_network_note
from tests.helpers.paths import FIXTURES

NOTES = sorted((FIXTURES / "notes").glob("*.md"))
NORTHWIND = FIXTURES / "notes" / "northwind-recruiter.md"
HARROW = FIXTURES / "notes" / "harrow-books.md"
OCCASIONS = [
    {"occasion": "connect"},
    {"occasion": "congratulate", "about": "the launch of the spring catalogue"},
    {"occasion": "update", "update": "I passed the AWS Solutions Architect exam"},
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hi Alex", 7),
        ("caf\u00e9", 4),  # precomposed é
        ("cafe\u0301", 4),  # e + combining acute: normalised to é first
        ("\U0001f600", 2),  # an emoji outside the BMP counts as two, as JavaScript counts it
        (
            "\U0001f469\u200d\U0001f4bb",
            5,
        ),  # woman technologist: every part of the ZWJ sequence counts
        ("\u6771\u4eac", 2),  # CJK in the BMP: one each
        ("a\nb", 3),  # a line break is one character
    ],
)
def test_characters_are_counted_as_linkedin_counts_them(text, expected):
    assert char_count(text) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=0, max_value=120),
)
def test_shortening_fits_and_never_cuts_a_word(word_list, budget):
    text = " ".join(word_list)
    short = shorten_words(text, budget)
    assert char_count(short) <= budget or short == ""
    if short and short != shorten_words(text, 10_000):
        kept = short.removesuffix(ELLIPSIS).split()
        original = shorten_words(text, 10_000).split()
        assert kept[:-1] == original[: len(kept) - 1]
        assert original[len(kept) - 1].startswith(kept[-1].rstrip(",;:"))
        assert kept[-1].rstrip(",;:") == original[len(kept) - 1].rstrip(",;:")


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
@pytest.mark.parametrize("limit", [300, 200])
@pytest.mark.parametrize("extra", OCCASIONS, ids=lambda e: e["occasion"])
def test_the_template_note_fits_the_limit(path, limit, extra):
    result = draft_network_note(NetworkRequest(notes=read_notes(path), limit=limit, **extra))
    assert result.characters == char_count(result.body) <= limit
    assert result.generation.source == "template" and all(
        c.passed for c in result.generation.checks
    )
    notes = read_notes(path)
    assert notes.company in result.body or limit == 200


def test_the_fullest_note_that_fits_is_chosen():
    notes = read_notes(NORTHWIND)
    long = draft_network_note(NetworkRequest(notes=notes, limit=300))
    short = draft_network_note(NetworkRequest(notes=notes, limit=200))
    assert 200 < long.characters <= 300 and short.characters <= 200
    assert "SQL exercise" in long.body


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "certified",
                "AWS",
                "Solutions",
                "Architect",
                "exam",
                "\u00e9t\u00e9",
                "\U0001f389",
                "marathon",
                "volunteer",
                "course",
            ]
        ),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from([300, 200]),
)
def test_a_long_update_is_shortened_at_a_word_boundary(news, limit):
    update = "I " + " ".join(news)
    result = draft_network_note(
        NetworkRequest(notes=read_notes(HARROW), occasion="update", update=update, limit=limit)
    )
    assert result.characters <= limit
    news_part = result.body.split("A quick update: ", 1)[1]
    if result.shortened:
        shared = news_part.split(ELLIPSIS)[0]
        assert update.startswith(shared) and update[len(shared)] == " "  # whole words only
    else:
        assert news_part.startswith(update + ".")


def test_the_email_has_a_subject_and_a_full_signature(cli):
    result = cli("network", HARROW, "--no-model", "--channel", "email", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["subject"] == "Staying in touch after the Marketing Coordinator interview"
    assert data["body"].startswith("Hi Priya,") and data["body"].endswith("Jordan Rivera")
    assert data["limit"] is None


def test_shortening_is_said(cli):
    result = cli(
        "network",
        HARROW,
        "--no-model",
        "--limit",
        "200",
        "--occasion",
        "update",
        "--update",
        "I finished a long course on marketing analytics " * 4,
    )
    assert result.exit_code == 0 and "--update text was shortened" in result.stderr


def test_no_one_to_write_to_is_one_line(cli, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\nyour_name: Sam Chen\ncompany: Acme\nrole: Analyst\n---\n")
    result = cli("network", path, "--no-model")
    assert result.exit_code == 2 and "contact_name:" in result.stderr and "--to" in result.stderr
    named = cli("network", path, "--no-model", "--to", "Kim Lee", "--json")
    assert named.exit_code == 0, named.stderr
    assert json.loads(named.stdout)["body"].startswith("Hi Kim,")  # the flag names who it is for


def test_to_names_the_recipient(cli):
    result = cli("network", HARROW, "--no-model", "--to", "Tom Okafor", "--json")
    assert json.loads(result.stdout)["body"].startswith("Hi Tom,")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--occasion", "congratulate"], "--about"),
        (["--occasion", "update"], "--update"),
        (["--about", "the launch"], "only for --occasion congratulate"),
        (["--limit", "250"], "--limit"),
        (["--channel", "fax"], "--channel"),
        (["--occasion", "birthday"], "--occasion"),
    ],
)
def test_bad_options_are_usage_errors(cli, args, message):
    result = cli("network", HARROW, "--no-model", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_bad_notes_are_one_clear_line(cli, tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(b"\x00\x01binary")
    result = cli("network", path, "--no-model")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_the_model_sentence_goes_in_its_slot(cli, fake_backend):
    sentence = "I really enjoyed hearing about the plans for the spring catalogue launch."
    fake_backend.queue(sentence)
    result = cli("network", HARROW, "--json")
    data = json.loads(result.stdout)
    assert (
        data["generation"]["source"] == "model"
        and sentence in data["body"]
        and data["characters"] <= 300
    )
    assert "the plans for the spring catalogue launch" in fake_backend.prompts[0]


def test_the_congratulation_is_about_what_the_user_said(cli, fake_backend):
    fake_backend.queue(
        "Congratulations on winning the national book award!", "Congratulations on your promotion!"
    )
    result = cli(
        "network",
        HARROW,
        "--occasion",
        "congratulate",
        "--about",
        "the launch of the spring catalogue",
        "--json",
    )
    data = json.loads(result.stdout)
    assert (
        data["generation"]["source"] == "template"
        and "Congratulations on the launch of the spring catalogue!" in data["body"]
    )
    assert "the launch of the spring catalogue" in fake_backend.prompts[0]


def test_the_update_prompt_carries_the_users_news(cli, fake_backend):
    news = "I passed the AWS Solutions Architect exam"
    fake_backend.queue(f"I wanted to share that {news}.")
    data = json.loads(
        cli("network", NORTHWIND, "--occasion", "update", "--update", news, "--json").stdout
    )
    assert news in fake_backend.prompts[0]
    assert (
        data["generation"]["source"] == "model"
        and "I wanted to share that I passed the AWS Solutions Architect exam." in data["body"]
    )


def test_a_sentence_that_breaks_the_limit_is_rejected(cli, fake_backend):
    long = (
        "I really enjoyed hearing about the plans for the spring catalogue launch and how the team plans "
        "campaigns, which was the part of the conversation about the spring catalogue launch I enjoyed."
    )
    fake_backend.queue(long, long)
    data = json.loads(cli("network", HARROW, "--limit", "200", "--json").stdout)
    assert (
        data["generation"]["source"] == "template"
        and "char-limit" in data["generation"]["notice"]
        and data["characters"] <= 200
    )


def test_a_large_model_note_over_the_limit_is_rejected():
    notes = read_notes(HARROW)
    note = (
        "Hi Priya,\nThank you again for our conversation about the Marketing Coordinator role at Harrow Books. "
        "I enjoyed hearing about the plans for the spring catalogue launch. I would be glad to stay in touch.\n"
        "Best wishes, Jordan"
    )
    assert 200 < char_count(note) <= 300
    ok = draft_network_note(
        NetworkRequest(notes=notes), FakeBackend(parameters=7_000_000_000).queue(note)
    )
    assert ok.generation.source == "model" and ok.body == note
    big = FakeBackend(parameters=7_000_000_000).queue(note, note)
    rejected = draft_network_note(NetworkRequest(notes=notes, limit=200), big)
    assert (
        rejected.generation.source == "template"
        and "char-limit" in rejected.generation.notice
        and rejected.characters <= 200
    )
