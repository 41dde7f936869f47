"""The deterministic critique of one interview answer, by the type of its question: STAR parts
(for behavioural questions only), the steps of an approach (situational), an example
(technical), something specific to the job (motivational, company knowledge); whether it
addresses the question at all; length and speaking time, filler and hedging words, numbers, the
job's terms, the words repeated most; then the signals (the answer rule set) and a 0-100 score
built from them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Optional, Union

from pydantic import BaseModel

from assistant import regex
from assistant.analysis import answer_examples as ex
from assistant.analysis.relevance import MeaningJudge, Relevance, question_type_of, relevance
from assistant.analysis.words import any_phrase, count_phrases
from assistant.paths import read_data
from assistant.rules import Hit, Rule, RuleSet
from assistant.text import content_words, figures

STAR_PARTS = ("situation", "task", "action", "result")
WORDS_PER_MINUTE = 150
MIN_WORDS = 75  # about 30 seconds spoken
MAX_WORDS = 375  # about 2.5 minutes spoken


class RepeatedWord(BaseModel):
    word: str
    count: int


class AnswerMetrics(BaseModel):
    question_type: str = "behavioural"  # STAR is asked for only when behavioural
    words: int
    speaking_seconds: int
    star: dict[str, list[str]]  # part -> the cue phrases found for it
    fillers: dict[str, int]
    hedges: dict[str, int]
    numbers: list[str]
    job_terms: list[str]  # the job's terms this answer could use
    job_terms_used: list[str]
    repeated: list[RepeatedWord]
    approach: list[str] = []  # situational: the cue phrases of steps ("first I would")
    example: list[str] = []  # technical: the cue phrases of an example from work
    specific: list[str] = []  # motivational/company: words about this job or employer
    relevance: Optional[Relevance] = None  # None when no question was given

    @property
    def star_present(self) -> list[str]:
        return [p for p in STAR_PARTS if self.star.get(p)]


class AnswerFinding(BaseModel):
    code: str
    message: str


class AnswerCritique(BaseModel):
    metrics: AnswerMetrics
    star_present: list[str]
    findings: list[AnswerFinding]
    score: int  # 100 minus the weights of the signals found


# an answer; or an answer and the job's terms; or an answer, the job's terms and the question
Example = Union[str, tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...], str]]


def _metrics(example: Example) -> AnswerMetrics:
    if isinstance(example, str):
        return measure(example)
    answer, terms, *question = example
    return measure(answer, terms, question[0] if question else None)


def _signal(
    code: str,
    weight: int,
    message: str,
    flags: Callable[[AnswerMetrics], bool],
    flag: tuple[Example, ...],
    pass_: tuple[Example, ...],
) -> Rule[AnswerMetrics]:
    """A rule on an answer's measures: it fires once when `flags` holds."""
    return Rule(
        code=code,
        message=message,
        weight=weight,
        category="answer",
        find=lambda m: [Hit()] if flags(m) else [],
        should_flag=flag,
        should_pass=pass_,
    )


def _missing(part: str) -> Callable[[AnswerMetrics], bool]:
    return lambda m: m.question_type == "behavioural" and not m.star.get(part)


def _off_topic(m: AnswerMetrics) -> bool:
    return m.relevance is not None and not m.relevance.relevant


_RULES = (
    _signal(
        "off-topic",
        40,
        "This does not answer the question asked: say how your example or approach "
        "addresses it, in its own terms.",
        _off_topic,
        ((ex.CAMPAIGN, (), ex.NURSE_Q),),
        ((ex.NURSE, (), ex.NURSE_Q), ex.CAMPAIGN),  # no question given: not judged
    ),
    _signal(
        "missing-situation",
        10,
        "Set the scene first: where you were and what was going on.",
        _missing("situation"),
        (ex.ACTION_ONLY,),
        (ex.SITUATION_TASK,),
    ),
    _signal(
        "missing-task",
        10,
        "Say what you had to achieve, or what the problem was.",
        _missing("task"),
        (ex.ACTION_ONLY,),
        (ex.NO_RESULT,),
    ),
    _signal(
        "missing-action",
        20,
        "Say what you did yourself ('I decided…', 'I built…'), step by step.",
        _missing("action"),
        (ex.SITUATION_TASK,),
        (ex.ACTION_ONLY,),
    ),
    _signal(
        "missing-result",
        20,
        "End with the result: what changed, and what you learned.",
        _missing("result"),
        (ex.NO_RESULT,),
        (ex.FULL,),
    ),
    _signal(
        "missing-approach",
        20,
        "Say what you would do, step by step ('First I would…, then…'), and why.",
        lambda m: m.question_type == "situational" and not m.approach,
        ((ex.NO_PLAN, (), ex.HYPOTHETICAL_Q),),
        ((ex.PLAN, (), ex.HYPOTHETICAL_Q), ex.NO_PLAN),
    ),
    _signal(
        "missing-example",
        10,
        "Back the answer with an example from your own work ('At my last job I…').",
        lambda m: m.question_type == "technical" and not m.example,
        ((ex.NO_EXAMPLE, (), ex.TECH_Q),),
        ((ex.WITH_EXAMPLE, (), ex.TECH_Q),),
    ),
    _signal(
        "not-specific",
        15,
        "Make it about this job and this employer: what draws you to them in particular.",
        lambda m: m.question_type in ("motivational", "company") and not m.specific,
        ((ex.GENERIC_WHY, (), ex.WHY_Q),),
        ((ex.SPECIFIC_WHY, (), ex.WHY_Q),),
    ),
    _signal(
        "too-short",
        15,
        f"Too short: aim for 1 to 2 minutes (about {MIN_WORDS}-{MAX_WORDS} words).",
        lambda m: m.words < MIN_WORDS,
        (ex.NO_RESULT,),
        (ex.FULL,),
    ),
    _signal(
        "too-long",
        10,
        "Too long: keep it under about 2.5 minutes; cut the background.",
        lambda m: m.words > MAX_WORDS,
        (ex.LONG,),
        (ex.FULL,),
    ),
    _signal(
        "filler-words",
        5,
        "Several filler words: pause instead.",
        lambda m: sum(m.fillers.values()) >= 3,
        (ex.FILLERS,),
        (ex.FULL,),
    ),
    _signal(
        "hedging",
        5,
        "Several hedges ('I think', 'maybe'): say what you did plainly.",
        lambda m: sum(m.hedges.values()) >= 3,
        (ex.HEDGES,),
        (ex.FULL,),
    ),
    _signal(
        "no-numbers",
        5,
        "No numbers: size the problem or the result (how many, how much, how fast).",
        lambda m: not m.numbers,
        (ex.NO_RESULT,),
        (ex.FULL,),
    ),
    _signal(
        "no-job-terms",
        5,
        "Uses none of the job's terms: connect the story to what the role asks for.",
        lambda m: bool(m.job_terms) and not m.job_terms_used,
        ((ex.NO_RESULT, ("SQL",)),),
        (
            (ex.FULL, ("SQL",)),
            ex.NO_RESULT,  # no job terms given: nothing to use
        ),
    ),
    _signal(
        "repeated-words",
        5,
        "One word comes back again and again: vary it.",
        lambda m: bool(m.repeated) and m.repeated[0].count >= 5,
        (ex.REPEATS,),
        (ex.FULL,),
    ),
)
ANSWER_RULES: RuleSet[AnswerMetrics] = RuleSet("answers", _RULES, subject=_metrics)


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = read_data("answer_cues.yaml")
    return {
        "star": {part: any_phrase(data["star"][part]) for part in STAR_PARTS},
        "action_verb": regex.compile(
            r"(?<![\w'])i (?:then |also |quickly |first )?(?!(?:"
            + "|".join(data["not_actions"])
            + r")\b)[a-z]+ed\b|(?<![\w'])i (?:then |also |quickly |first )?(?:"
            + "|".join(data["past_actions"])
            + r")\b"
        ),
        "filler": any_phrase(data["filler"]),
        "hedging": any_phrase(data["hedging"]),
        "approach": any_phrase(data["approach"]),
        "example": any_phrase(data["example"]),
        "specific": any_phrase(data["specific"]),
        "result_figure": regex.compile(
            r"\b(?:within|by|to|from|under|over|below|above)\s+(?:about\s+)?\d+(?:[.,]\d+)?\s*"
            r"(?:%|percent\b|per cent\b|minutes?\b|hours?\b|days?\b|weeks?\b)",
            re.I,
        ),
    }


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def star_cues(answer: str) -> dict[str, list[str]]:
    cues = _cues()
    found = {part: list(count_phrases(answer, cues["star"][part])) for part in STAR_PARTS}
    if not found["result"]:  # "within 1% of the system", "down to 3 days"
        found["result"] = [m.group(0).lower() for m in cues["result_figure"].finditer(answer)]
    if not found["action"]:
        found["action"] = sorted(
            {m.group(0) for m in cues["action_verb"].finditer(_normal(answer))}
        )
    return found


def repeated_words(answer: str, top: int = 5) -> list[RepeatedWord]:
    counts = Counter(w for w in content_words(answer) if len(w) > 2)
    return [
        RepeatedWord(word=w, count=c)
        for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if c >= 2
    ][:top]


def terms_used(answer: str, job_terms: Iterable[str]) -> list[str]:
    """The job's terms (keywords.extract_job_terms: "A or B" when either will do) the answer
    shows, read as the keyword gap reads a resume (stems, aliases, a narrower term); of "A or B",
    the name the answer shows."""
    from assistant.analysis.keywords import ResumeIndex

    index = ResumeIndex(answer)
    shown = (next((n for n in t.split(" or ") if index.shows(n)), None) for t in job_terms)
    return list(dict.fromkeys(n for n in shown if n))


def shaped(
    question_type: str, star: dict[str, list[str]], approach: list[str], example: list[str]
) -> bool:
    """Whether an answer has the form its question type asks for: a behavioural question an
    episode (any STAR part but the task, or an example from work), a situational one steps or
    what was done; a technical, motivational or company one any form."""
    told = bool(example) or any(star.get(p) for p in ("situation", "action", "result"))
    if question_type == "behavioural":
        return told
    if question_type == "situational":
        return bool(approach) or told
    return True


def measure(
    answer: str,
    job_terms: Iterable[str] = (),
    question: Optional[str] = None,
    judge: Optional[MeaningJudge] = None,
    job_family: Optional[str] = None,
    others: Iterable[str] = (),
) -> AnswerMetrics:
    job_terms = list(dict.fromkeys(job_terms))
    n = len(answer.split())
    cues = _cues()
    qtype = question_type_of(question) if question else "behavioural"
    star = star_cues(answer)
    approach = list(count_phrases(answer, cues["approach"]))
    example = list(count_phrases(answer, cues["example"]))
    return AnswerMetrics(
        question_type=qtype,
        relevance=(
            relevance(
                question,
                answer,
                judge,
                job_family,
                shaped(qtype, star, approach, example),
                tuple(others),
                shaped("behavioural", star, approach, example),
            )
            if question
            else None
        ),
        approach=approach,
        example=example,
        specific=list(count_phrases(answer, cues["specific"])),
        words=n,
        speaking_seconds=round(n * 60 / WORDS_PER_MINUTE),
        star=star,
        fillers=count_phrases(answer, cues["filler"]),
        hedges=count_phrases(answer, cues["hedging"]),
        numbers=[f.strip() for f in figures(answer)],
        job_terms=job_terms,
        job_terms_used=terms_used(answer, job_terms) if job_terms else [],
        repeated=repeated_words(answer),
    )


def critique(
    answer: str,
    job_terms: Iterable[str] = (),
    question: Optional[str] = None,
    judge: Optional[MeaningJudge] = None,
    job_family: Optional[str] = None,
    others: Iterable[str] = (),
) -> AnswerCritique:
    """The critique; with the question, by its type and with the off-topic check (`others`: the
    session's other questions, which the answer may be answering instead)."""
    metrics = measure(answer, job_terms, question, judge, job_family, others)
    hits = [r for r in ANSWER_RULES.rules if r.hits(metrics)]
    return AnswerCritique(
        metrics=metrics,
        star_present=metrics.star_present,
        findings=[AnswerFinding(code=r.code, message=r.message) for r in hits],
        score=max(0, 100 - sum(s.weight for s in hits)),
    )
