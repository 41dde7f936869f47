"""`rebound soften`: the deterministic rewrite, the guarded model rewrite, and the command."""

from __future__ import annotations

import json

import pytest

from assistant.analysis.message import split_message
from assistant.analysis.tone import analyze, signal_defs
from assistant.tasks.soften import SoftenRequest, SoftenResult, soften
from tests.helpers.paths import FIXTURES

FOLLOWUPS = FIXTURES / "followups"
DESPERATE = sorted((FOLLOWUPS / "desperate").glob("*.txt"))
CALM = sorted((FOLLOWUPS / "calm").glob("*.txt"))
JSON_KEYS = {"score", "level", "signals", "rewrite", "rewrite_score", "advice", "generation"}
SIGNAL_KEYS = {"code", "excerpt", "start", "end", "message", "suggestion"}

ONE_PLEA = """Hi Priya,

Thank you for letting me know about the decision at Harrow Books. Please, please reconsider my application, I really need this job!!

Best regards,
Jordan"""
PLEA_SENTENCE = "Please, please reconsider my application, I really need this job!!"


def _words(sentence: str) -> str:
    return " ".join("".join(c for c in sentence.lower() if c.isalnum() or c.isspace()).split())


def _body_sentences(text: str) -> list[str]:
    return [s.text for para in split_message(text).paragraphs for s in para]


@pytest.mark.parametrize("path", DESPERATE, ids=lambda p: p.name)
def test_template_rewrite_is_calm_and_made_of_whole_sentences(path):
    text = path.read_text(encoding="utf-8")
    result = soften(SoftenRequest(text=text))
    assert result.generation.source == "template"
    after = analyze(result.rewrite)
    assert after.level == "calm" and not after.signals, [(s.code, s.excerpt) for s in after.signals]
    assert result.rewrite_score == after.score < result.score
    # Every sentence is one of the draft's own (at most with ! and capitals calmed) or a whole
    # calm sentence from the table: never a draft with words cut out of it.
    allowed = {_words(s) for s in _body_sentences(text)}
    allowed |= {_words(r) for d in signal_defs() for r in d.replacement}
    allowed |= {
        _words(s)
        for s in _body_sentences(soften(SoftenRequest(text="Hi,\n\nSorry again.")).rewrite)
    }
    for sentence in _body_sentences(result.rewrite):
        assert _words(sentence) in allowed, sentence
    # The greeting and the signature stay.
    before, after_parts = split_message(text), split_message(result.rewrite)
    if before.greeting:
        assert after_parts.greeting and _words(after_parts.greeting.text) == _words(
            before.greeting.text
        )
    if before.signoff:
        assert result.rewrite.rstrip().endswith(before.signoff[-1].text)


@pytest.mark.parametrize("path", CALM, ids=lambda p: p.name)
def test_a_calm_note_is_left_as_it_is(path):
    text = path.read_text(encoding="utf-8")
    result = soften(SoftenRequest(text=text))
    assert result.level == "calm" and not result.signals
    assert " ".join(result.rewrite.split()) == " ".join(text.split())


def test_replacements_are_not_repeated():
    text = "Hi Sam,\n\nPlease reconsider. I beg you. Please, please give me another chance.\n\nBest,\nAlex"
    rewrite = soften(SoftenRequest(text=text)).rewrite
    sentences = _body_sentences(rewrite)
    assert len(sentences) == len(set(sentences)) == 1


def test_nothing_left_gives_a_short_polite_body():
    result = soften(
        SoftenRequest(text="Hi Sam,\n\nSorry to bother you again. I'm devastated.\n\nAlex")
    )
    assert _body_sentences(result.rewrite)
    assert result.rewrite.startswith("Hi Sam,") and result.rewrite.endswith("Alex")
    assert analyze(result.rewrite).level == "calm"


def test_a_name_under_a_gushing_closing_line_is_kept():
    text = "Hi Priya,\n\nPlease, please reconsider my application.\n\nThank you thank you for reading this,\nJordan"
    assert [s.text for s in split_message(text).signoff] == [
        "Thank you thank you for reading this,",
        "Jordan",
    ]
    rewrite = soften(SoftenRequest(text=text)).rewrite
    assert rewrite.rstrip().endswith("Best regards,\nJordan")
    assert analyze(rewrite).level == "calm"


def test_company_dropped_with_a_sentence_comes_back():
    text = "Hi Sam,\n\nHarrow Books was my last hope.\n\nBest,\nAlex"
    result = soften(SoftenRequest(text=text, company="Harrow Books"))
    assert "Harrow Books" in result.rewrite
    assert all(c.passed for c in result.generation.checks), result.generation.checks


# ---- the model path (fake backend) ---------------------------------------------------------


def test_a_good_model_sentence_is_accepted(fake_backend):
    good = "I understand the decision, and I would be glad to be considered for future roles."
    fake_backend.queue(good)
    result = soften(SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books"), fake_backend)
    assert result.generation.source == "model"
    assert good in result.rewrite
    assert all(c.passed for c in result.generation.checks)
    assert result.rewrite.startswith("Hi Priya,") and result.rewrite.rstrip().endswith("Jordan")
    assert len(fake_backend.calls) == 1
    assert PLEA_SENTENCE in fake_backend.prompts[0]
    assert fake_backend.calls[0][1].stop == ["\n"]


@pytest.mark.parametrize(
    "bad",
    [
        "I really need this job, so please let me know soon!!",  # still needy
        "I would be glad to work with Marcus on the team in the future.",  # invents a name
        "I would be glad to be considered for the 3 open roles next year.",  # invents a number
    ],
    ids=["needy", "new-name", "new-number"],
)
def test_a_bad_model_sentence_falls_back_to_the_template(fake_backend, bad):
    fake_backend.queue(bad, bad)  # the guard retries once
    request = SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books")
    result = soften(request, fake_backend)
    assert result.generation.source == "template"
    assert result.rewrite == soften(request).rewrite
    assert bad not in result.rewrite
    assert "the guard refused" in result.generation.notice
    assert analyze(result.rewrite).level == "calm"


def test_only_flagged_sentences_with_content_go_to_the_model(fake_backend):
    text = "Hi Sam,\n\nThanks for the update. Sorry to bother you again. I'm devastated.\n\nBest,\nAlex"
    result = soften(SoftenRequest(text=text), fake_backend)
    assert fake_backend.calls == []  # an apology and a feeling are dropped, not rewritten
    assert result.generation.source == "template"
    assert "Thanks for the update." in result.rewrite


@pytest.mark.model
def test_real_model_rewrite_is_guarded(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    request = SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books")
    result = soften(request, LlamaBackend(embedded_model_path))
    assert result.level == "desperate"
    assert analyze(result.rewrite).level == "calm"
    assert result.rewrite.startswith("Hi Priya,")
    if result.generation.source == "model":
        assert all(c.passed for c in result.generation.checks)
    else:
        assert result.rewrite == soften(request).rewrite


# ---- the command ---------------------------------------------------------------------------


def test_cli_json_has_exactly_the_issue_fields(cli, tmp_path):
    result = cli("soften", str(DESPERATE[1]), "--no-model", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == JSON_KEYS
    assert data["signals"] and all(set(s) == SIGNAL_KEYS for s in data["signals"])
    assert data["level"] == "desperate" and data["rewrite_score"] < data["score"]
    assert data["advice"] is None
    SoftenResult.model_validate(data)


def test_cli_renders_signals_rewrite_and_scores(cli):
    result = cli("soften", str(DESPERATE[0]), "--no-model")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "pleading" in out and "Calmer version" in out and "desperate" in out
    assert "after the rewrite" in out


def test_cli_reads_stdin_and_writes_out(cli, tmp_path):
    out = tmp_path / "calm.txt"
    text = (DESPERATE[2]).read_text(encoding="utf-8")
    result = cli("soften", "-", "--no-model", "--out", str(out), input=text)
    assert result.exit_code == 0, result.stderr
    assert analyze(out.read_text(encoding="utf-8")).level == "calm"
    again = cli("soften", "-", "--no-model", "--out", str(out), input=text)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert cli("soften", "-", "--no-model", "--out", str(out), "--force", input=text).exit_code == 0


@pytest.mark.parametrize(
    "content", [b"", b"   \n", b"\x00\x01binary\x00"], ids=["empty", "blank", "binary"]
)
def test_cli_bad_input_is_one_line_exit_2(cli, tmp_path, content):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(content)
    result = cli("soften", str(draft), "--no-model")
    assert result.exit_code == 2
    assert result.stderr.startswith("rebound: error:") and result.stderr.count("\n") == 1


def test_cli_too_large_and_missing(cli, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Please reconsider. " * 5000)
    result = cli("soften", str(big), "--no-model")
    assert result.exit_code == 2
    assert (
        "0.0 MB" not in result.stderr and " KB)" in result.stderr
    )  # the cap is shown as it is, in KB
    missing = cli("soften", str(tmp_path / "nope.txt"), "--no-model")
    assert missing.exit_code == 2 and "nope.txt: no such file" in missing.stderr


def test_cli_log_needs_to_and_company(cli):
    result = cli("soften", str(DESPERATE[0]), "--no-model", "--log")
    assert result.exit_code == 2 and "--log needs --to and --company" in result.stderr


def test_cli_model_path_on_fake_backend(cli, fake_backend):
    fake_backend.queue(
        "I understand the decision, and I would be glad to be considered for future roles."
    )
    result = cli("soften", "-", "--json", input=ONE_PLEA)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["generation"]["source"] == "model"
