"""The deterministic answer critique: every metric on hand-written answers whose STAR parts are
known, and every signal's should-flag and should-pass examples (one table, with a meta-test)."""

from __future__ import annotations

import re

import pytest

from assistant.analysis.answers import SIGNALS, STAR_PARTS, WORDS_PER_MINUTE, critique, measure

# Hand-written answers, and the STAR parts each one has.
FULL = (
    "At my last job at a parcel company, the operations team was missing delivery targets every week. "
    "My task was to find out why before the quarterly review. I pulled six months of delivery data with SQL, "
    "built a Looker dashboard by depot, and met the two depot managers with the worst figures. "
    "We found that one van route crossed the river twice at rush hour. I proposed a new route order and "
    "tested it for two weeks with the drivers. As a result late deliveries fell from 18% to 7%, and the "
    "dashboard is still used in the Monday meeting."
)
NO_RESULT = (
    "When I was a receptionist at a dental practice, the phones rang constantly on Monday mornings. "
    "I was responsible for the booking diary. I set up a call-back list and I trained a colleague to "
    "take the overflow calls."
)
ACTION_ONLY = (
    "I migrated the monthly reports to a new tool and I documented every step for the team."
)
SITUATION_TASK = "While working at the library, our goal was to double the number of children joining the reading club."
NOTHING = "Teamwork is important and communication matters a great deal to everybody."

KNOWN_PARTS = [
    (FULL, {"situation", "task", "action", "result"}),
    (NO_RESULT, {"situation", "task", "action"}),
    (ACTION_ONLY, {"action"}),
    (SITUATION_TASK, {"situation", "task"}),
    (NOTHING, set()),
]


@pytest.mark.parametrize(
    "answer,parts", KNOWN_PARTS, ids=["full", "no-result", "action-only", "situation-task", "none"]
)
def test_star_parts_found_by_cue_phrases(answer, parts):
    result = critique(answer)
    assert set(result.star_present) == parts
    for part in STAR_PARTS:
        assert bool(result.metrics.star[part]) == (part in parts)
        assert all(
            cue.lower() in answer.lower() for cue in result.metrics.star[part]
        )  # cues quote the answer


def test_word_count_and_speaking_time():
    m = measure(FULL)
    assert m.words == len(FULL.split())
    assert m.speaking_seconds == round(m.words * 60 / WORDS_PER_MINUTE)
    assert measure(" ".join(["word"] * 150)).speaking_seconds == 60


def test_fillers_and_hedges_are_counted_apart():
    m = measure(
        "Um, so basically I think we, um, kind of fixed it. Maybe. I\u2019m not sure, you know."
    )
    assert m.fillers == {"um": 2, "basically": 1, "you know": 1}
    assert m.hedges == {"i think": 1, "kind of": 1, "maybe": 1, "i'm not sure": 1}


def test_numbers_in_digits_and_words():
    assert measure(FULL).numbers == ["six", "two", "two", "18%", "7%"]
    assert measure("We doubled sign-ups in three months.").numbers == ["doubled", "three"]
    assert measure(NOTHING).numbers == []


def test_job_terms_used_are_the_jobs_terms_the_answer_names():
    m = measure(FULL, ["SQL", "Looker", "Python", "Tableau"])
    assert m.job_terms_used == ["SQL", "Looker"]
    assert m.job_terms == ["SQL", "Looker", "Python", "Tableau"]


def test_repeated_words_leave_out_stop_words():
    m = measure(
        "The report was late. The report had errors. I fixed the report and the data, then the data again."
    )
    assert [(r.word, r.count) for r in m.repeated] == [("report", 3), ("data", 2)]


def test_score_is_100_minus_the_weights_of_the_signals_found():
    weights = {s.code: s.weight for s in SIGNALS}
    for answer, _ in KNOWN_PARTS:
        result = critique(answer, ["SQL"])
        assert result.score == max(0, 100 - sum(weights[f.code] for f in result.findings))
    assert (
        critique(FULL, ["SQL"]).score
        > critique(NO_RESULT, ["SQL"]).score
        > critique(NOTHING, ["SQL"]).score
    )


LONG = " ".join([FULL] * 4)
FILLERS = FULL + " Um, basically, you know, it was um fine."
HEDGES = FULL + " I think it maybe worked, I guess."
REPEATS = FULL + " The route, the route, the new route and the old route were both a route."

# ONE table: (code, answer, job terms, should the code be flagged?)
SIGNAL_EXAMPLES = [
    ("missing-situation", ACTION_ONLY, [], True),
    ("missing-situation", SITUATION_TASK, [], False),
    ("missing-task", ACTION_ONLY, [], True),
    ("missing-task", NO_RESULT, [], False),
    ("missing-action", SITUATION_TASK, [], True),
    ("missing-action", ACTION_ONLY, [], False),
    ("missing-result", NO_RESULT, [], True),
    ("missing-result", FULL, [], False),
    ("too-short", NO_RESULT, [], True),
    ("too-short", FULL, [], False),
    ("too-long", LONG, [], True),
    ("too-long", FULL, [], False),
    ("filler-words", FILLERS, [], True),
    ("filler-words", FULL, [], False),
    ("hedging", HEDGES, [], True),
    ("hedging", FULL, [], False),
    ("no-numbers", NO_RESULT, [], True),
    ("no-numbers", FULL, [], False),
    ("no-job-terms", NO_RESULT, ["SQL"], True),
    ("no-job-terms", FULL, ["SQL"], False),
    ("no-job-terms", NO_RESULT, [], False),  # no job terms given: nothing to use
    ("repeated-words", REPEATS, [], True),
    ("repeated-words", FULL, [], False),
]


NURSE_Q = (
    "Tell me about a time a patient's condition got worse on your shift. How did you spot it, "
    "and who did you escalate to?"
)
NURSE_A = (
    "On a night shift an elderly man became confused and his breathing rate went up to 28. His "
    "early warning score had gone from 1 to 6, so I rechecked his observations, gave oxygen and "
    "bleeped the registrar. He was treated for sepsis within the hour and recovered."
)
CAMPAIGN_A = (
    "In my last job I ran the spring email campaign for a garden centre. We split the list into "
    "three groups, tested two subject lines and sent on Thursday mornings. Open rates went from "
    "18% to 26% and online sales doubled over the month, and the brand team kept the format."
)
HYPOTHETICAL_Q = "How would you handle a customer who is angry about a late delivery?"
PLAN = "First I would listen, then I would check the tracking and offer to rebook it for tomorrow."
NO_PLAN = "Customers are often angry about deliveries and it is a hard part of the job to do well."
TECH_Q = "How do you keep code easy for someone else to change later?"
WITH_EXAMPLE = "Small modules and tests. For example, at my last job I split a 2,000-line file."
NO_EXAMPLE = "Small modules with clear names, tests for behaviour, and regular refactoring."
WHY_Q = "Why do you want this job?"
SPECIFIC = "Your move into corporate wellness is the growth I want to be part of in this role."
GENERIC = "I want a stable job with good pay and a chance to learn new things every day."

# (code, question, answer, should the code be flagged?): the signals that depend on the question
QUESTION_SIGNAL_EXAMPLES = [
    ("off-topic", NURSE_Q, CAMPAIGN_A, True),
    ("off-topic", NURSE_Q, NURSE_A, False),
    ("missing-approach", HYPOTHETICAL_Q, NO_PLAN, True),
    ("missing-approach", HYPOTHETICAL_Q, PLAN, False),
    ("missing-example", TECH_Q, NO_EXAMPLE, True),
    ("missing-example", TECH_Q, WITH_EXAMPLE, False),
    ("not-specific", WHY_Q, GENERIC, True),
    ("not-specific", WHY_Q, SPECIFIC, False),
]


@pytest.mark.parametrize("code,question,answer,flag", QUESTION_SIGNAL_EXAMPLES)
def test_question_signal_examples(code, question, answer, flag):
    found = {f.code for f in critique(answer, [], question=question).findings}
    assert (code in found) == flag, found


def test_star_is_asked_for_only_on_behavioural_questions():
    for question in (HYPOTHETICAL_Q, TECH_Q, WHY_Q):
        found = {f.code for f in critique(NO_PLAN, [], question=question).findings}
        assert not found & {"missing-situation", "missing-task", "missing-result"}, question
    found = {f.code for f in critique(NO_PLAN, [], question=NURSE_Q).findings}
    assert "missing-result" in found


@pytest.mark.parametrize(
    "answer",
    [
        "They both got promoted within the year.",
        "By the end of the quarter our stock count was within 1% of the system.",
        "The complaint was not upheld because my notes were clear.",
        "Late deliveries fell from 18% to 7%.",
        "Everyone passed the assessment first time.",
    ],
)
def test_results_are_recognised_in_the_many_ways_people_say_them(answer):
    assert measure(answer).star["result"], answer


@pytest.mark.parametrize(
    "question,kind",
    [
        ("Tell me about a time you led a team.", "behavioural"),
        ("Describe a time you disagreed with a stakeholder about data.", "behavioural"),
        ("How would you explain a confidence interval to a warehouse manager?", "situational"),
        ("What would you do if a colleague skipped a safety check?", "situational"),
        ("What do you know about our business and competitors?", "company"),
        ("Why do you want to work here?", "motivational"),
        ("Explain the difference between a process and a thread.", "technical"),
        ("How would you design a service that shortens web links?", "situational"),
    ],
)
def test_question_type(question, kind):
    from assistant.analysis.relevance import question_type_of

    assert question_type_of(question) == kind


def test_every_signal_has_should_flag_and_should_pass_examples():
    """The meta-test: a signal without examples on both sides is untested."""
    examples = [(c, flag) for c, _, _, flag in SIGNAL_EXAMPLES] + [
        (c, flag) for c, _, _, flag in QUESTION_SIGNAL_EXAMPLES
    ]
    for signal in SIGNALS:
        sides = {flag for code, flag in examples if code == signal.code}
        assert sides == {True, False}, (
            f"{signal.code}: needs a should-flag and a should-pass example"
        )


def test_signal_codes_are_stable_kebab_case():
    codes = [s.code for s in SIGNALS]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in codes)
    assert {code for code, *_ in SIGNAL_EXAMPLES + QUESTION_SIGNAL_EXAMPLES} == set(codes)


@pytest.mark.parametrize(
    "code,answer,terms,flag",
    SIGNAL_EXAMPLES,
    ids=[f"{c}-{'flag' if f else 'pass'}-{i}" for i, (c, _, _, f) in enumerate(SIGNAL_EXAMPLES)],
)
def test_signal_examples(code, answer, terms, flag):
    found = {f.code for f in critique(answer, terms).findings}
    assert (code in found) == flag, found


def _embed_at(cosine: float):
    """An embed function that puts question and answer at the given cosine."""
    return lambda texts: [[1.0, 0.0], [cosine, (1 - cosine**2) ** 0.5]]


def test_embeddings_overrule_the_words_only_at_the_ends():
    from assistant.analysis.relevance import EMBED_OFF_TOPIC, EMBED_RELEVANT, relevance

    # the words say off-topic: only a very close answer is let through
    assert not relevance(NURSE_Q, CAMPAIGN_A, _embed_at(EMBED_RELEVANT - 0.05)).relevant
    close = relevance(NURSE_Q, CAMPAIGN_A, _embed_at(EMBED_RELEVANT + 0.05))
    assert close.relevant and close.method == "embeddings"
    # the words cannot judge "Why us?": a very distant answer is off-topic
    why_us = "Why do you want to work for us?"
    boiler = "I replaced the relief valve on the boiler, tested it at pressure and logged it."
    assert relevance(why_us, boiler).relevant  # words alone: not judged
    assert not relevance(why_us, boiler, _embed_at(EMBED_OFF_TOPIC - 0.1)).relevant
    # the words say on topic: no embedding is asked for
    assert relevance(NURSE_Q, NURSE_A, lambda texts: 1 / 0).method == "words"


def test_a_backend_without_embeddings_leaves_the_words_answer():
    from assistant.analysis.relevance import relevance

    def broken(texts):
        raise RuntimeError("no embeddings")

    assert not relevance(NURSE_Q, CAMPAIGN_A, broken).relevant
