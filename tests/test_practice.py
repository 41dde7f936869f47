"""`rebound practice`: the interactive flow, --answers in Markdown and JSON, coaching through the
guard on the fake backend, saved sessions and --history."""

from __future__ import annotations

import json

import pytest

from assistant.cli.practice import sparkline
from assistant.engine.fake import FakeBackend
from assistant.errors import InputError
from assistant.inputs.answers import parse_json_answers, parse_markdown_answers, read_answers
from assistant.inputs.job import read_job
from assistant.inputs.notes import read_notes
from assistant.stores.practice import load_history, question_key
from assistant.tasks.interview import InterviewRequest, build_questions
from assistant.tasks.practice import review_answer, template_coaching
from tests.helpers.paths import FIXTURES
from tests.helpers.samples import FULL, NO_RESULT

JOB = FIXTURES / "jobs" / "interview-data-analyst.md"
ANSWERS_MD = FIXTURES / "answers" / "data-analyst-answers.md"
ANSWERS_JSON = FIXTURES / "answers" / "data-analyst-answers.json"
STAKEHOLDER_Q = "Describe a time you disagreed with a stakeholder about data."
CI_Q = "How would you explain a confidence interval to a warehouse manager?"


# ---- reading answers ----


def test_markdown_and_json_answers_hold_the_same_pairs():
    md, js = read_answers(ANSWERS_MD), read_answers(ANSWERS_JSON)
    assert [p.question for p in md] == [p.question for p in js] == [STAKEHOLDER_Q, CI_Q]
    assert md[0].answer.startswith("At my last job at a retailer") and "\n" in md[0].answer
    assert all(p.answer for p in md + js)


def test_json_answers_may_be_wrapped_and_numbered_markdown_headings_are_cleaned():
    assert (
        parse_json_answers({"answers": [{"question": "Q?", "answer": "A."}]}, "x")[0].question
        == "Q?"
    )
    pairs = parse_markdown_answers(
        "## 1. Why this role?\nBecause.\n### Q2: What next?\nLearning.", "x"
    )
    assert [p.question for p in pairs] == ["Why this role?", "What next?"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("Some text first\n## Q?\nA.", "before the first question"),
        ("## Why this role?\n\n## What next?\nLearning.", "has no answer"),
    ],
)
def test_bad_markdown_answers(text, message):
    with pytest.raises(InputError, match=message):
        parse_markdown_answers(text, "answers.md")


@pytest.mark.parametrize(
    "data,message",
    [
        ({"question": "Q?", "answer": "A."}, "a list"),
        ([{"question": "Q?"}], "answer 1: answer"),
        ([{"question": "Q?", "answer": "A.", "extra": 1}], "extra"),
        ([{"question": " ", "answer": "A."}], "answer 1: question"),
        ([1, 2], "answer 1: should be an object, not a number$"),  # not "instance of AnswerPair"
    ],
)
def test_bad_json_answers(data, message):
    with pytest.raises(InputError, match=message):
        parse_json_answers(data, "answers.json")


# ---- coaching ----

GOOD_COACHING = (
    "You set the scene and said clearly what you did about the phones. "
    "Finish with the result: did the call-back list help the practice?"
)


def test_template_coaching_names_what_is_present_and_the_first_fixes():
    review = review_answer("Tell me about a busy day.", NO_RESULT, [])
    assert review.generation.source == "template"
    assert review.coaching.startswith("You covered the situation, task and action.")
    assert "End with the result" in review.coaching
    assert review.coaching == template_coaching(review.critique)


LARGE = 7_000_000_000  # a model big enough to be asked for coaching


def test_model_coaching_is_used_when_the_guard_accepts_it():
    backend = FakeBackend([GOOD_COACHING], parameters=LARGE)
    review = review_answer("Tell me about a busy day.", NO_RESULT, ["SQL"], backend)
    assert (
        review.generation.source == "model"
        and review.coaching == GOOD_COACHING
        and review.generation.model == "fake"
    )
    prompt = backend.prompts[0]
    assert "missing: result" in prompt and "call-back list" in prompt


@pytest.mark.parametrize(
    "bad,failing",
    [
        (
            "Great answer, Karen at Amazon would hire you. Add more detail about the phones.",
            "no-unknown-names",
        ),
        (
            "You handled 300 calls a day. Finish with the result of the call-back list.",
            "no-new-numbers",
        ),
        ("Good.", "length"),
        (
            "You set the scene and said clearly what you did about the phones, and then you",
            "two-or-three-sentences",
        ),
        (
            "You should mention your blockchain certification. Finish with the result of the phones.",
            "grounded-words",
        ),
    ],
)
def test_bad_model_coaching_falls_back_to_the_template(bad, failing):
    backend = FakeBackend(default=bad, parameters=LARGE)
    review = review_answer("Tell me about a busy day.", NO_RESULT, [], backend)
    assert review.generation.source == "template"
    assert review.coaching == template_coaching(review.critique)
    assert failing in review.generation.notice
    assert len(backend.calls) == 2  # one retry with another seed


def test_a_small_model_is_not_asked_for_coaching():
    """The embedded model's coaching never passed the guard: no time is spent generating it."""
    backend = FakeBackend([GOOD_COACHING])  # 135M parameters, like SmolLM2
    review = review_answer("Tell me about a busy day.", NO_RESULT, [], backend)
    assert backend.calls == []
    assert review.generation.source == "template" and "too small" in review.generation.notice
    assert review.generation.model == "fake"
    assert review.coaching == template_coaching(review.critique)


def test_a_model_whose_check_figures_advise_against_coaching_is_not_asked(monkeypatch):
    """The one capability decision (assistant/engine/capability.py) holds for practice too:
    under the threshold the model is not asked, unless --model-always."""
    from assistant.engine import capability

    figures = capability.ModelFigures(
        model="big.gguf",
        measured_at="2026-11-30T00:00:00+00:00",
        tasks={"practice": capability.TaskFigure(kept=0, tried=3)},
    )
    monkeypatch.setattr(capability, "model_key", lambda backend: "gguf:test")
    monkeypatch.setattr(capability, "figures_for", lambda key: (figures, "measured"))
    backend = FakeBackend([GOOD_COACHING], parameters=LARGE)
    review = review_answer("Tell me about a busy day.", NO_RESULT, [], backend)
    assert backend.calls == [] and review.generation.source == "template"
    assert "0 of 3 practice drafts" in review.generation.notice
    asked = FakeBackend([GOOD_COACHING], parameters=LARGE)
    review_answer("Tell me about a busy day.", NO_RESULT, [], asked, always=True)
    assert asked.calls


def test_the_review_has_the_question_type_and_a_model_answer_outline():
    from assistant.analysis.question_bank import load_families

    entry = load_families()["trades"].questions[0]
    review = review_answer(entry.text, FULL, [])
    assert review.question_type == entry.type
    assert review.outline[1:-1] == entry.guide  # the type's opening, the guide, the close
    other = review_answer("Why do you want this job?", "Because it pays well.", [])
    assert other.question_type == "motivational" and len(other.outline) >= 3


# ---- the CLI ----


def test_answers_file_markdown_and_json_give_the_same_scores(cli):
    scores = []
    for path in (ANSWERS_MD, ANSWERS_JSON):
        r = cli("practice", "--job", JOB, "--answers", path, "--json", "--no-model")
        assert r.exit_code == 0, r.stderr
        session = json.loads(r.stdout)
        assert [x["question"] for x in session["reviews"]] == [STAKEHOLDER_Q, CI_Q]
        scores.append([x["critique"]["score"] for x in session["reviews"]])
        first, second = session["reviews"]
        assert set(first["critique"]["star_present"]) == {"situation", "task", "action", "result"}
        codes = {f["code"] for f in second["critique"]["findings"]}
        assert second["question_type"] == "situational" and second["outline"]
        # a hypothetical question: STAR is not asked for, the hedges and the length are
        assert second["critique"]["metrics"]["hedges"] and {"hedging", "too-short"} <= codes
        assert not codes & {"missing-situation", "missing-task", "missing-result"}
        assert session["id"] and "saved practice session" in r.stderr
    assert scores[0][0] > scores[0][1] and scores[1][0] > scores[1][1]


def test_answers_file_shows_a_critique_per_answer(cli):
    r = cli("practice", "--job", JOB, "--answers", ANSWERS_MD, "--no-model")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.count("Critique") == 2
    assert "✓ situation" in r.stdout and "behavioural question" in r.stdout
    assert "situational question" in r.stdout  # the confidence interval: no STAR asked for
    assert "um ×1" in r.stdout and "Hedges: i think ×1" in r.stdout
    # Each critique says which question it is about, and a short answer's time reads "about 42 s".
    for i, pair in enumerate(read_answers(ANSWERS_MD), 1):
        assert f"{i}. {pair.question}" in " ".join(r.stdout.split())
    assert "about 0 min" not in r.stdout


def test_interactive_flow_one_question_at_a_time(cli):
    answer = NO_RESULT.replace(". ", ".\n")  # a multi-line answer
    r = cli("practice", "--job", JOB, "-n", "3", "--no-model", input=f"{answer}\n\n\n{FULL}\n\n")
    assert r.exit_code == 0, r.stderr
    # the field's three, then the question every interview asks (the input ends at it)
    assert "Question 1/4" in r.stdout and "Question 2/4" in r.stdout and "Question 3/4" in r.stdout
    assert "Question 4/4 · Every interview asks" in r.stdout
    assert r.stdout.count("Critique") == 2 and "Skipped." in r.stdout
    history = load_history()
    assert history.sessions == 1
    assert [len(q.attempts) for q in history.questions] == [1, 1]
    first = history.questions[0]
    assert first.attempts[0].words == len(NO_RESULT.split())


def test_interactive_asks_the_follow_up_after_a_struggled_question(cli):
    notes = FIXTURES / "notes" / "northwind-recruiter.md"
    r = cli(
        "practice",
        "--job",
        JOB,
        "--notes",
        notes,
        "-n",
        "2",
        "--no-model",
        "--json",
        input=f"{FULL}\n\n{NO_RESULT}\n\n",
    )
    assert r.exit_code == 0, r.stderr
    # two of the field's, the first with its follow-up, then the one every interview asks
    assert "Question 1/5 · Asked again" in r.stderr and "Question 2/5 · Follow-up" in r.stderr
    assert "((" not in r.stderr and "))" not in r.stderr  # not "Question 3/5 (Behavioural (STAR))"
    reviews = json.loads(r.stdout)["reviews"]
    assert reviews[0]["question"] == STAKEHOLDER_Q
    assert (
        reviews[1]["question"]
        == build_questions(InterviewRequest(job=read_job(JOB), notes=read_notes(notes), count=2))
        .questions[0]
        .follow_up
    )


def test_interactive_end_of_input_ends_the_session(cli):
    r = cli("practice", "--job", JOB, "-n", "5", "--no-model", "--json", input=FULL)
    assert r.exit_code == 0, r.stderr
    session = json.loads(r.stdout)
    assert len(session["reviews"]) == 1 and session["reviews"][0]["answer"] == FULL
    assert (
        "Question 2/6" not in r.stderr and "Question 1/6" in r.stderr
    )  # --json: the prompts go to stderr (five of the field's, then why this job)


def test_practice_asks_the_why_this_job_question_after_the_fields_and_reviews_it(cli):
    """`interview` shows why this job apart from the field's N questions; practice asks it last."""
    result = build_questions(InterviewRequest(job=read_job(JOB), count=2))
    why = result.every_interview[0].text
    assert why not in [q.text for q in result.questions]
    answer = (
        "I have used your product for two years to track my own runs, and the problem of syncing "
        "data from many devices is the one I solved in my last job."
    )
    r = cli("practice", "--job", JOB, "-n", "2", "--no-model", "--json", input=f"\n\n{answer}\n")
    assert r.exit_code == 0, r.stderr
    assert "Question 3/3 · Every interview asks" in r.stderr
    reviews = json.loads(r.stdout)["reviews"]
    assert [x["question"] for x in reviews] == [why]
    assert reviews[0]["question_type"] == "motivational"


def test_no_answers_saves_nothing(cli):
    r = cli("practice", "--job", JOB, "-n", "2", "--no-model", input="\n\n")
    assert r.exit_code == 0 and "nothing to save" in r.stderr
    assert load_history().sessions == 0


CI_ANSWER = (
    "First I would start from his own numbers. At my last job we timed 200 picks out of "
    "thousands, and the average was 4.5 minutes. I told the warehouse manager that the true "
    "average for every pick is very likely between 4.2 and 4.8 minutes: that range is the "
    "confidence interval, and timing more picks would make it narrower. He used the top of the "
    "range to plan staffing, and the shift finished on time for the next month."
)


def test_history_after_two_sessions(cli, tmp_path):
    assert "No practice sessions yet" in cli("practice", "--history").stdout
    assert cli("practice", "--job", JOB, "--answers", ANSWERS_JSON, "--no-model").exit_code == 0
    better = tmp_path / "better.md"
    better.write_text(
        f"## {CI_Q.lower()}\n\n{CI_ANSWER}\n", encoding="utf-8"
    )  # same question, other case
    assert cli("practice", "--job", JOB, "--answers", better, "--no-model").exit_code == 0
    history = load_history()
    assert history.sessions == 2
    by_question = {question_key(q.question): q for q in history.questions}
    ci = by_question[question_key(CI_Q)]
    assert [a.session_id for a in ci.attempts] == [1, 2]
    assert ci.scores[1] > ci.scores[0]  # the better answer scores higher
    assert len(by_question[question_key(STAKEHOLDER_Q)].attempts) == 1
    assert history.questions[0] is ci  # most practised first
    table = cli("practice", "--history")
    assert table.exit_code == 0 and "Practice history: 2 sessions" in table.stdout
    assert sparkline(ci.scores) in table.stdout and len(set(sparkline(ci.scores))) == 2
    as_json = json.loads(cli("practice", "--history", "--json").stdout)
    assert (
        as_json["sessions"] == 2
        and [a["score"] for a in as_json["questions"][0]["attempts"]] == ci.scores
    )


def test_sparkline_maps_scores_to_eight_levels():
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([]) == ""


def test_history_groups_the_same_question_written_differently():
    assert question_key("How would you explain  a confidence interval?") == question_key(
        "how would you explain a Confidence Interval"
    )


@pytest.mark.parametrize(
    "args,message",
    [
        ([], "--job"),
        (["--job", JOB, "--answers", "nope.md"], "nope.md: no such file"),
        (
            ["--job", JOB, "--answers", FIXTURES / "notes" / "fernhill-clinic.md"],
            "text before the first question",
        ),
        (["--job", JOB, "--answers", ANSWERS_MD, "-n", "50"], "-n"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli, args, message):
    r = cli("practice", *args, "--no-model")
    assert r.exit_code == 2, r.stdout
    assert message in r.stderr and "Traceback" not in r.stderr


def test_practice_with_the_fake_model(cli, fake_backend):
    fake_backend.parameters = 7_000_000_000
    fake_backend.queue("You explained the range well. Say plainly what the manager gets from it.")
    r = cli("practice", "--job", JOB, "--answers", ANSWERS_JSON, "--json")
    assert r.exit_code == 0, r.stderr
    reviews = json.loads(r.stdout)["reviews"]
    assert len(fake_backend.calls) >= 2
    assert all(x["coaching"] for x in reviews)


@pytest.mark.parametrize("parameters, shown", [(135_000_000, False), (7_000_000_000, True)])
def test_the_coaching_progress_is_shown_only_when_the_model_writes(
    cli, fake_backend, monkeypatch, parameters, shown
):
    """A small model is never asked for coaching (not_coaching): no progress line is started
    for it; a model that writes gets one."""
    import assistant.cli.practice as command

    started = []

    class Progress:
        def __init__(self, label: str):
            pass

        def __enter__(self):
            started.append(True)
            return lambda chunk: None

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(command, "TokenProgress", Progress)
    fake_backend.parameters = parameters
    fake_backend.queue("You explained the range well. Say plainly what the manager gets from it.")
    r = cli("practice", "--job", JOB, "--answers", ANSWERS_JSON, "--json")
    assert r.exit_code == 0, r.stderr
    assert bool(started) == shown
    assert all(x["coaching"] for x in json.loads(r.stdout)["reviews"])


def test_an_answer_to_another_question_of_the_file_is_called_off_topic_and_named(cli, tmp_path):
    lesson = "How would you plan a science lesson for a class of thirty?"
    lost = "What would you do if a pupil got lost during a museum trip?"
    lost_answer = (
        "I would keep calm, count the group straight away and ring the mobile of the pupil who "
        "is lost. One adult stays with the group while another goes back through the museum and "
        "tells the staff at the desk, who can watch the exits. Then I would call the school, the "
        "parents and cut the trip short."
    )
    path = tmp_path / "answers.md"
    path.write_text(f"## {lesson}\n\n{lost_answer}\n\n## {lost}\n\n{lost_answer}\n", "utf-8")
    r = cli("practice", "--job", JOB, "--answers", str(path), "--no-model", "--json")
    assert r.exit_code == 0, r.stderr
    first, second = (x["critique"] for x in json.loads(r.stdout)["reviews"])
    assert "off-topic" in {f["code"] for f in first["findings"]}
    assert first["metrics"]["relevance"]["better_question"] == lost
    assert "off-topic" not in {f["code"] for f in second["findings"]}
    shown = cli("practice", "--job", JOB, "--answers", str(path), "--no-model").stdout
    shown = " ".join(shown.replace("\u2502", " ").split())  # without the panel's borders
    assert shown.count(f'It answers this question better: "{lost}"') == 1


def test_an_answer_off_the_question_topic_is_called_off_topic_and_the_topic_shown(cli, tmp_path):
    """An answer to another question of the same job, which no question of the file matches
    better: the critique says what the question is about."""
    question = "Tell me about a time a parent complained about how their child was treated."
    field_only = (
        "Every Friday I plan the next week's lessons for my class of thirty, with a starter, a "
        "main task at three levels and a plenary, and I mark the books on Monday evening so each "
        "child and their parents get feedback before the next lesson."
    )  # it names the question's people again, as an answer to another question of the job does
    path = tmp_path / "answers.md"
    path.write_text(f"## {question}\n\n{field_only}\n", "utf-8")
    r = cli("practice", "--job", JOB, "--answers", str(path), "--no-model", "--json")
    assert r.exit_code == 0, r.stderr
    (review,) = (x["critique"] for x in json.loads(r.stdout)["reviews"])
    assert "off-topic" in {f["code"] for f in review["findings"]}
    assert review["metrics"]["relevance"]["method"] == "topic"
    shown = cli("practice", "--job", JOB, "--answers", str(path), "--no-model").stdout
    shown = " ".join(shown.replace("\u2502", " ").split())
    assert "The question is about: complained, treated" in shown  # not the people it names
