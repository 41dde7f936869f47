"""`rebound soften`: the deterministic rewrite, the guarded model rewrite, and the command."""

from __future__ import annotations

import json

import pytest

from assistant.analysis.desperation import judge_draft
from assistant.analysis.message import split_message
from assistant.analysis.tone import analyze
from assistant.engine.fake import FakeBackend
from assistant.engine.select import use_backend
from assistant.tasks.soften import (
    SoftenRequest,
    SoftenResult,
    calm_sentences,
    clauses,
    facts_in,
    is_when,
    purpose_of,
    purposes,
    soften,
    without_pressing_words,
)
from tests.helpers.paths import FIXTURES

FOLLOWUPS = FIXTURES / "followups"
DESPERATE = sorted((FOLLOWUPS / "desperate").glob("*.txt"))
CALM = sorted((FOLLOWUPS / "calm").glob("*.txt"))
JSON_KEYS = {
    "score",
    "level",
    "signals",
    "rewrite",
    "rewrite_score",
    "advice",
    "generation",
    "judge",
    "flagged",
    "rewrite_level",
    "still_needy",
    "borderline",
    "note",
    "context",
}
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
    assert result.generation.source == "template" and result.judge == "lexical"
    after = judge_draft(result.rewrite)
    assert not after.flagged and result.still_needy == []
    assert result.rewrite_score == after.score < 50 <= result.score
    # Every sentence is one of the draft's own (at most with ! and capitals calmed), a whole
    # calm sentence, or says what a dropped sentence was about in the draft's own words.
    allowed = {_words(s) for s in _body_sentences(text)}
    allowed |= {_words(r) for r in calm_sentences()}
    # ...or a clause of one that keeps a fact, or a calm sentence dated with the draft's date
    allowed |= {_words(c) for s in _body_sentences(text) for c in clauses(s)}
    dates = [f for s in _body_sentences(text) for f in facts_in(s) if is_when(f)]
    allowed |= {
        _words(p.calm_dated.format(when=d)) for p in purposes() if p.calm_dated for d in dates
    }
    for sentence in _body_sentences(result.rewrite):
        if sentence.startswith("I am writing about "):
            assert _words(sentence.removeprefix("I am writing about ")) in _words(text)
            continue
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
    assert result.level != "desperate" and not result.flagged and not result.signals
    assert " ".join(result.rewrite.split()) == " ".join(text.split())


def test_names_in_capitals_are_kept_and_shouted_words_are_lowered():
    """An exam, an award or a programme named in capitals is no shouting: the calm version keeps
    it as written; an ordinary word in capitals is shouting, written in sentence case."""
    calm = (
        "Dear Professor Rao,\n\nI have attached my GATE scorecard (score 712) as requested. My NSF "
        "CAREER award runs until 2028.\n\nRegards,\nSneha"
    )
    result = soften(SoftenRequest(text=calm))
    assert not result.signals
    assert "GATE scorecard" in result.rewrite and "NSF CAREER award" in result.rewrite
    shouted = soften(
        SoftenRequest(text="Hi Sam,\n\nI REALLY hope my GATE scorecard arrived.\n\nAlex")
    )
    assert [(s.code, s.excerpt) for s in shouted.signals] == [("shouting", "REALLY")]
    assert "I really hope my GATE scorecard arrived." in shouted.rewrite


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


@pytest.fixture
def large_backend():
    """A fake model that is not small: soften asks it to rewrite flagged sentences."""
    backend = FakeBackend(parameters=7_000_000_000)
    with use_backend(backend):
        yield backend


def test_the_small_model_writes_nothing(fake_backend):
    request = SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books")
    result = soften(request, fake_backend)
    assert fake_backend.calls == []  # no generation with a small model: the guard refused it all
    assert result.judge == "lexical"  # no shipped classifier fits the fake's vectors
    assert result.generation.source == "template"
    assert "not asked to write" in result.generation.notice  # said once, in the record
    assert result.rewrite == soften(request).rewrite


def test_a_good_model_sentence_is_accepted(large_backend):
    good = "I understand the decision, and I would be glad to be considered for future roles."
    large_backend.queue(good)
    result = soften(SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books"), large_backend)
    assert result.generation.source == "model"
    assert good in result.rewrite
    assert all(c.passed for c in result.generation.checks)
    assert result.rewrite.startswith("Hi Priya,") and result.rewrite.rstrip().endswith("Jordan")
    assert len(large_backend.calls) == 1
    assert PLEA_SENTENCE in large_backend.prompts[0]
    assert large_backend.calls[0][1].stop == ["\n"]


@pytest.mark.parametrize(
    "bad",
    [
        "I really need this job, so please let me know soon!!",  # still needy
        "I would be glad to work with Marcus on the team in the future.",  # invents a name
        "I would be glad to be considered for the 3 open roles next year.",  # invents a number
    ],
    ids=["needy", "new-name", "new-number"],
)
def test_a_bad_model_sentence_falls_back_to_the_template(large_backend, bad):
    large_backend.queue(bad, bad)  # the guard retries once
    request = SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books")
    result = soften(request, large_backend)
    assert result.generation.source == "template"
    assert result.rewrite == soften(request).rewrite
    assert bad not in result.rewrite
    assert "the guard refused" in result.generation.notice
    assert analyze(result.rewrite).level == "calm"


def test_only_flagged_sentences_with_content_go_to_the_model(large_backend):
    text = "Hi Sam,\n\nThanks for the update. Sorry to bother you again. I'm devastated.\n\nBest,\nAlex"
    result = soften(SoftenRequest(text=text), large_backend)
    assert large_backend.calls == []  # an apology and a feeling are dropped, not rewritten
    assert result.generation.source == "template"
    assert "Thanks for the update." in result.rewrite


@pytest.mark.model
def test_real_model_rewrite_is_guarded(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    request = SoftenRequest(text=ONE_PLEA, to="Priya", company="Harrow Books")
    result = soften(request, LlamaBackend(embedded_model_path))
    assert (
        result.judge == "embedding" and result.generation.source == "template"
    )  # judged, not generated
    assert result.level == "desperate" and result.flagged == [PLEA_SENTENCE]
    assert result.rewrite_level == "calm" and not result.still_needy
    assert PLEA_SENTENCE not in result.rewrite
    assert result.rewrite.startswith("Hi Priya,") and result.rewrite.rstrip().endswith("Jordan")


# ---- drafts nobody here tuned on (the issue's) ---------------------------------------------

ISSUE_DRAFTS = [
    "Hi Tom,\n\nIt has now been eleven days since my interview, which I find quite disappointing. "
    "I have checked the portal every morning. Could you please confirm today whether the decision "
    "is final? I really cannot wait any longer.\n\nSam",
    "Dear Ana,\n\nI feel terrible about how the second round went. I swear I'm much smarter than "
    "I came across.\n\nBest,\nLee",
    "Dear Mr Rao,\n\nFollowing up on my previous emails from Monday, Tuesday and Thursday about "
    "the analyst role. Kindly revert at the earliest.\n\nRegards,\nVikram",
]
ISSUE_KEPT = [
    "I would beg you to reconsider.",
    "I won't give up on this!",
    "Please don't forget about me!",
    "I'm willing to do whatever it takes.",
    "I'm open to literally any role.",
    "I'm sorry if this is annoying.",
    "I promise I will work harder than anyone else you hire.",
    "Please call me whenever you see this.",
]


@pytest.mark.parametrize("text", ISSUE_DRAFTS, ids=["eleven-days", "smarter", "revert"])
def test_the_issues_desperate_drafts_score_desperate(text):
    result = soften(SoftenRequest(text=text))
    assert result.level == "desperate" and result.flagged
    assert result.rewrite_level == "calm" and not result.still_needy
    for sentence in result.flagged:
        assert sentence not in result.rewrite


def test_the_sentences_the_old_calm_version_kept_are_gone():
    text = (
        "Hi Jo,\n\nThank you for the update on the role. " + " ".join(ISSUE_KEPT) + "\n\nBest,\nSam"
    )
    result = soften(SoftenRequest(text=text))
    assert set(ISSUE_KEPT) <= set(result.flagged)
    for sentence in ISSUE_KEPT:
        assert sentence not in result.rewrite
    assert "Thank you for the update on the role." in result.rewrite
    assert result.rewrite_score < 50 and not result.still_needy


def test_a_draft_that_was_only_pressure_says_so_and_gets_the_calm_ask():
    result = soften(SoftenRequest(text="Hi Sam,\n\nAny news?? Please reply today!!\n\nAlex"))
    assert result.note and "calm ask" in result.note
    assert "Whenever you have a moment" in result.rewrite
    assert soften(SoftenRequest(text=ONE_PLEA)).note == ""  # it had a calm sentence too


@pytest.mark.parametrize(
    "purpose,example",
    [(p.name, e) for p in purposes() for e in p.examples],
    ids=[f"{p.name}:{e[:25]}" for p in purposes() for e in p.examples],
)
def test_each_purpose_example_gets_its_purpose(purpose, example):
    assert purpose_of(example).name == purpose


def test_the_calm_sentences_are_judged_calm():
    judgement = judge_draft("Hi,\n\n" + " ".join(calm_sentences()) + "\n\nSam")
    assert not judgement.flagged, [s.text for s in judgement.flagged]


def test_the_facts_of_a_dropped_sentence_are_kept():
    text = (
        "Hi Jay,\n\nI'm following up again about the QA engineer opening at Northline Software. "
        "I'm sorry if this is annoying.\n\nBest,\nPriya"
    )
    rewrite = soften(SoftenRequest(text=text, to="Jay", company="Northline Software")).rewrite
    assert "QA engineer opening at Northline Software" in rewrite
    assert "annoying" not in rewrite and "again" not in rewrite


def test_a_sentence_that_presses_only_by_a_word_is_kept_without_it():
    text = (
        "Dear Mr Bello,\n\nI am following up again on the assessment I took at Meridian Trust "
        "Bank's Lagos office on 14 May. Please, I am begging you to reply today.\n\n"
        "Yours faithfully,\nFolake"
    )
    result = soften(SoftenRequest(text=text))
    assert result.flagged[0].startswith("I am following up again")
    assert (
        "I am following up on the assessment I took at Meridian Trust Bank's Lagos office on "
        "14 May." in result.rewrite
    )
    assert "again" not in result.rewrite and "begging" not in result.rewrite
    assert without_pressing_words("I really, truly need this job.") == "I need this job."


def _context_from(sentence: str, monkeypatch, threshold: float | None = None) -> None:
    """The lexical judge's context threshold just under `sentence`'s probability (its threshold,
    over it: as shipped, or `threshold`)."""
    from assistant.analysis import desperation

    model = desperation.tone_model()
    p = desperation.LexicalJudge(model.lexical).probabilities([sentence])[0]
    threshold = model.lexical.threshold if threshold is None else threshold
    assert p < threshold  # flagged by the context threshold alone
    lexical = model.lexical.model_copy(
        update={"context_threshold": p - 1e-6, "threshold": threshold}
    )
    monkeypatch.setattr(
        desperation, "tone_model", lambda: model.model_copy(update={"lexical": lexical})
    )


PLEA = "Please, I am begging you to reply today."


def test_a_lone_borderline_sentence_in_a_calm_draft_is_left_as_written(monkeypatch, cli, tmp_path):
    from assistant.analysis import desperation

    border = "I have been thinking about the role a lot."
    model = desperation.tone_model()
    p = desperation.LexicalJudge(model.lexical).probabilities([border])[0]
    text = f"Hi Sam,\n\nThank you for the interview on Tuesday. {border}\n\nBest,\nAlex"
    for lone, flagged in ((p + 1e-6, False), (p - 1e-6, True)):
        lexical = model.lexical.model_copy(
            update={"threshold": p - 1e-3, "lone_threshold": lone, "quiet_threshold": p - 1e-3}
        )
        monkeypatch.setattr(
            desperation,
            "tone_model",
            lambda lexical=lexical: model.model_copy(update={"lexical": lexical}),
        )
        result = soften(SoftenRequest(text=text))
        if flagged:  # over the lone threshold: the draft is desperate, the sentence goes
            assert result.flagged == [border] and border not in result.rewrite
            assert result.borderline == [] and result.level == "desperate"
        else:  # under it, among calm sentences: the draft reads calm, nothing is rewritten
            assert result.flagged == [] and result.borderline == [border]
            assert result.score < 50 and result.rewrite == text
            draft = tmp_path / "draft.txt"
            draft.write_text(text, encoding="utf-8")
            shown = cli("soften", str(draft), "--no-model")
            assert shown.exit_code == 0, shown.stderr
            out = " ".join(shown.stdout.split())
            assert (
                "nothing to rewrite" in out
                and f"left as written (the rest reads calm): “{border}”" in out
            )


def _after_a_plea(border: str, monkeypatch, threshold: float | None = None) -> SoftenResult:
    """soften on a draft of a thank-you, `border` and PLEA, with the context threshold just
    under `border` (and the threshold over it: as shipped, or `threshold`)."""
    _context_from(border, monkeypatch, threshold)
    text = f"Hi Sam,\n\nThank you for the interview on Tuesday. {border} {PLEA}\n\nBest,\nAlex"
    return soften(SoftenRequest(text=text))


def test_a_borderline_sentence_goes_with_the_pressure_around_it_only(monkeypatch):
    from assistant.tasks.soften import CONTEXT_NOTE

    border = "I have been thinking about the role a lot."
    result = _after_a_plea(border, monkeypatch)
    assert result.flagged == [border, PLEA] and result.context == [border]
    assert border not in result.rewrite and "Tuesday" in result.rewrite
    reasons = [s.message for s in result.signals if s.excerpt == border]
    assert reasons and all(m.startswith(CONTEXT_NOTE) for m in reasons)
    calm = f"Hi Sam,\n\nThank you for the interview on Tuesday. {border}\n\nBest,\nAlex"
    left = soften(SoftenRequest(text=calm))
    assert not left.flagged and left.rewrite.split() == calm.split()


def test_a_sentence_flagged_for_its_context_stays_when_it_alone_carries_a_fact(monkeypatch):
    result = _after_a_plea("I have been thinking a lot about what Dana Reyes said.", monkeypatch)
    assert "Dana Reyes" in result.rewrite and PLEA not in result.rewrite
    assert result.flagged == [PLEA] and result.context == []


def test_a_date_in_a_sentence_with_its_own_pressure_cue_is_no_fact_to_keep(monkeypatch):
    from assistant.analysis.desperation import cues_in

    border = "I also called the office on 3 March and on 10 March."
    assert cues_in(border) == ["counting"]  # the dates of the calls are the chasing
    result = _after_a_plea(border, monkeypatch, threshold=0.95)
    assert result.flagged == [border, PLEA] and result.context == [border]
    assert "10 March" not in result.rewrite and "Tuesday" in result.rewrite
    named = "I also called Dana Reyes on 3 March and on 10 March."  # a name is still a fact
    assert "Dana Reyes" in _after_a_plea(named, monkeypatch, threshold=0.95).rewrite


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


def test_cli_model_path_on_large_backend(cli, large_backend):
    large_backend.queue(
        "I understand the decision, and I would be glad to be considered for future roles."
    )
    result = cli("soften", "-", "--json", input=ONE_PLEA)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["generation"]["source"] == "model"


def test_so_breaks_a_clause_only_as_a_conjunction():
    assert clauses("My French is not so good yet, and I was slow on the station.")[0] == (
        "My French is not so good yet."
    )
    assert clauses("I passed on Friday so surely you can take me on.")[0] == "I passed on Friday."


def test_and_before_a_noun_joins_nouns_not_clauses():
    asked = "I would appreciate a call with you and the CFO this week to discuss the offer."
    assert clauses(asked) == ["I would appreciate a call with you."]
    assert clauses("I passed my test on Friday and the result was good.") == [
        "I passed my test on Friday.",
        "The result was good.",
    ]


def test_the_calm_version_keeps_acronyms_and_calms_shouted_words():
    text = (
        "Hi Carla,\n\nI passed my EPA certificate for the HVAC role. I NEED this job, PLEASE "
        "reply TODAY!!\n\nLuis\n"
    )
    result = soften(SoftenRequest(text=text, to="Carla"))
    assert "HVAC" in result.rewrite and "EPA" in result.rewrite
    assert "NEED" not in result.rewrite and "PLEASE" not in result.rewrite


def test_capitals_are_made_sentence_case_word_by_word_acronyms_kept():
    from assistant.analysis.message import Span
    from assistant.analysis.tone import find_signals
    from assistant.tasks.soften import unshout

    text = "PLEASE tell me if the SAP TM role is open. Is there ANY NEWS on my NMC PIN ASAP?"
    signals = find_signals(text)
    shouting = [s.excerpt for s in signals if s.code == "shouting"]
    assert shouting == ["PLEASE", "ANY NEWS"]  # capitals over names or with one: none
    cut = text.index(" Is ")  # each sentence is a span of its own, with its own signals
    first, second = (
        Span(start=0, end=cut, text=text[:cut]),
        Span(start=cut + 1, end=len(text), text=text[cut + 1 :]),
    )
    calmed = [
        unshout(text, span, [s for s in signals if span.overlaps(s.start, s.end)])
        for span in (first, second)
    ]
    assert calmed == [
        "Please tell me if the SAP TM role is open.",
        "Is there any news on my NMC PIN ASAP?",
    ]


def test_facts_are_dates_times_amounts_references_and_names():
    found = facts_in(
        "I can start on Monday 3 March at 9am for £28,000 (ref PL-2291) with Castlegate."
    )
    assert {"Monday 3 March", "9am", "£28,000", "PL-2291", "Castlegate"} <= set(found)
    assert facts_in("I really need this job, please reply today.") == []
    # the month before the day, "May" too when a day follows it; "2nd of June"
    assert facts_in("I sent it last May 14 and again on 2nd of June.") == [
        "2nd of June",
        "May 14",
    ]
    assert is_when("May 14") and is_when("2nd of June")
    assert facts_in("May I ask where things stand?") == []
    # an acronym is a name the calm version keeps; a shouted ordinary word is not
    assert facts_in("My OSCE is passed, I NEED an answer.") == ["OSCE"]


def test_a_flagged_sentence_keeps_its_facts_in_a_calm_clause_or_a_dated_ask():
    text = (
        "Hi Bev,\n\nI passed my forklift test on Friday so surely there's nothing stopping you "
        "taking me on now. Let me know by Thursday or I'm going elsewhere!!\n\nPete\n"
    )
    result = soften(SoftenRequest(text=text, to="Bev"))
    assert len(result.flagged) == 2 and result.still_needy == []
    assert "I passed my forklift test on Friday." in result.rewrite  # its calm clause
    assert "surely" not in result.rewrite and "elsewhere" not in result.rewrite
    assert "before Thursday" in result.rewrite  # the date of the ask, asked calmly


def test_a_model_that_only_reads_gets_no_token_count():
    """soften with a small model reads with it (embeddings) and never asks it to write: the task
    gets no token counter (starting its spinner cost 70 ms, a fifth of --no-model's whole run);
    a model that writes gets one."""
    from assistant.cli.common import TokenProgress
    from assistant.cli.drafting import run_on_engine
    from assistant.engine.fake import FakeBackend
    from assistant.engine.select import use_backend
    from assistant.engine.settings import EngineSettings

    seen = []

    def task(backend, on_chunk):
        seen.append((backend is not None, type(on_chunk)))
        return None

    with use_backend(FakeBackend()):
        run_on_engine(EngineSettings(), task, preload=lambda backend: False)
        run_on_engine(EngineSettings(), task, preload=lambda backend: True)
    assert seen == [(True, type(None)), (True, TokenProgress)]


COURTESY = (
    "Hi Ms Okafor,\n\nThanks for the call on Monday about the warehouse supervisor role. I can "
    "start on 3 March. God bless you.\n\nKind regards,\nTunde"
)


def test_a_courtesy_formula_ending_the_body_belongs_to_the_closing():
    """'God bless you.', 'Thanks again!', 'Have a great weekend.' at the end of the body ask
    nothing: the closing's words, not a sentence of the message to judge; the calm version keeps
    them where they were. A sentence that only starts like one is the message's own."""
    parts = split_message(COURTESY)
    assert parts.valediction is not None and parts.valediction.text == "God bless you."
    assert "God bless you." not in _body_sentences(COURTESY)
    result = soften(SoftenRequest(text=COURTESY))
    assert "God bless you." not in result.flagged
    assert "3 March. God bless you.\n\nKind regards," in result.rewrite
    for ending in ("Thanks again!", "Have a great weekend.", "Take care."):
        assert split_message(COURTESY.replace("God bless you.", ending)).valediction.text == ending
    longer = COURTESY.replace("God bless you.", "Thanks again for showing me the yard on Friday.")
    assert split_message(longer).valediction is None
    alone = "Hi Sam,\n\nThanks again!\n\nBest,\nAna"  # a formula alone is the whole message
    assert split_message(alone).valediction is None


def test_a_pleading_draft_keeps_its_closing_formula_after_the_calm_ask():
    text = (
        "Dear Mr Lee,\n\nPlease, I am begging you, give me this job. I really need it. God bless."
        "\n\nRegards,\nMina"
    )
    result = soften(SoftenRequest(text=text))
    assert "begging" not in result.rewrite
    body = result.rewrite.split("\n\nRegards,")[0]
    assert body.rstrip().endswith("God bless.")
