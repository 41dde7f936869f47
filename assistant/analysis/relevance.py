"""Does an answer address its question? And what type of question is it?

Without a model the check is lexical: the question's key terms (its content words, and for a
question from the banks its answer guide and duty cues too), stemmed by the text layer, against
the answer's; or
the occupation family the question is about (its cue words) named again in the answer, or the
answer's own words pointing to that family. An answer that shares neither is off-topic; a
question with too few words of its own ("Why us?") is not judged. With a model's embeddings, a lexically off-topic answer
whose embedding is close to the question's is let through (the words differ, the topic not).

Relevance is also judged relatively: a good answer to another question of the same field has the
field's words, so the answer is compared with the question asked AND with the other questions it
could be answering (the field's bank, the general questions, the session's questions), each with
its answer guide, content words weighted by how specific they are (idf over the banks' questions
and guides). An answer that another question clearly matches better is off that question.

And by topic: what the question is about (its key terms less frame words, the people it names
and the field's setting words: "an aggressive passenger" is about aggression, not the bus), with
related words from assistant/data/topic_words.yaml and the bank questions on the same thing. An
answer of the same job that uses none of them answers another question of the job.

And by form: the question's type says what an answer looks like (an episode for "Tell me about a
time...", steps or an episode for "How would you...", the company spoken of for "What do you know
about us?", a reason for "Why...?"). An answer of another form that shares none of the question's
words is off it even when the question has too few words for overlap to judge (most questions
outside the banks). The skills lexicon was tried for a question's topic: it finds a term in 5 of 23
labelled questions and in none of the 7 of fresh4 (they speak of guests, classes, leaks, not
skills).

With a model whose embeddings have a shipped entry (assistant/data/relevance_model.json, learned
by `make train-relevance` from the labelled practice answers), every answer is also judged by
meaning: the cosine of the question's and the answer's embeddings (after the embedded model's
first 15 blocks) once the mean bank question and the mean answer are taken out. Raw cosines of
any two texts sit at 0.6-0.95 and barely tell an answer to another question of the same job from
an answer to this one (pooled AUC 0.63 on the 281 labelled answers); centred, they do (0.84).
Since session 30 the entry also holds a learned pair judge: a logistic model of the products of
the centred question and answer vectors, dimension by dimension, and their cosine, learned on
the labelled answers and on made-up pairs (a relevant answer with another question of the same
job); it reads which dimensions carry the ask, where the cosine weighs them all alike (pooled
AUC 0.93 against 0.82, each split held out; docs/interview-and-practice.md). An answer the words
find on the question is off it when the judge's score is low; an answer the words find off it
is let through when it is high (its form aside: embeddings see the topic, not the form). Without
an entry for the model, the words judge alone.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.analysis.occupation import family_cues, text_shares
from assistant.analysis.question_bank import GENERAL, QuestionType, family_question, load_families
from assistant.paths import data_path, read_data
from assistant.text import content_words, stem

MIN_WORDS = 8  # shorter answers are judged by the other checks, not this one
LONG_ANSWER = 40  # from this length an answer that shares no words with the question is off it
FAMILY_HITS = 1  # the question's family cue words an answer must use to count as on its topic
RELEVANCE_MODEL = "relevance_model.json"
# Another question "clearly" matches better (chosen on the tune and first fresh splits): its
# normalised match is at least OTHER_MATCH and shares at least OTHER_TERMS key terms with the
# answer, and the asked question's match is at most OTHER_RATIO of it. Relevant answers whose
# best other question scored that high kept from 0.47 of its match up; the answers to another
# question kept 0.16 or less.
OTHER_MATCH = 0.8
OTHER_TERMS = 3
OTHER_RATIO = 1 / 3
# ... and it stands out from the rest: the next other question matches at most OTHER_LEAD of it.
# An answer several questions of the field match alike is a general answer about the field, not
# the answer to one other question (on tune + fresh + fresh2 the answers to another question led
# the next by 0.65 or less; a relevant complaint story matched two other questions at 0.95/0.87).
OTHER_LEAD = 0.8
# A question needs this many key terms (its own, and its guide's for a bank question) for an
# answer sharing none of them to be off it: a question of a few words ("How would you support a
# family who are upset...?", 5) is answered in other words as often as not, so the words alone
# do not judge it, unless the answer's words are another field's (then the embeddings, when a
# model is there, or nothing). Bank questions with their guides have 13 or more key terms; the
# questions outside the banks in the labels 7 or fewer.
JUDGE_TERMS = 8
FIELD_HITS = 2  # an answer's words point to another field from this many of its cue words
# A motivational question ("What are you most proud of?", "Why this job?") is answered in words
# of the speaker's own, so sharing none of its words says nothing; its answer is off it only when
# it is clearly an answer of another kind: its words are a field's (FIELD_HITS cue words) and it
# says nothing of why, what the speaker likes, wants or is proud of (a repair or a delivery
# procedure told to "Why do you want to work for us?"). And another motivational question
# matching it better ("Where would you like to be in a few years?") does not make it off-topic:
# such answers run into each other.
_MOTIVE = regex.compile(
    r"\b(?:why|because|reasons?|proud|enjoy\w*|like[ds]?|lov(?:e|ed|es)|want(?:s|ed)?|hope|"
    r"interest\w*|passion\w*|motivat\w*|excit\w*|goals?|ambitions?|career|appl(?:y|ied)|"
    r"drawn|attract\w*|dream|rewarding|matters?|meaning\w*)\b",
    re.I,
)
# An answer about the company speaks to or of it ("You make...", "your customers", "the firm").
_ABOUT_THEM = regex.compile(
    r"\b(?:you|your|yours|company|organi[sz]ation|firm|business|brand|founded|headquarter\w*|"
    r"website|annual report|competitors?|market)\b",
    re.I,
)
# On the labelled answers with a known topic (tune, tune2, held-out, fresh..fresh4) the answers to
# another question used 0 or 1 of the topic's related words (16 of them exactly 1, all common:
# "report", "check", "door"), relevant ones 2 to 12 but for two (1 each).
TOPIC_HITS = 2
TOPIC_MIN_WORDS = 15  # a shorter answer has too few words to show its topic by them (tune:
# the 15-20-word self-portrait told to "Tell me about a time you disagreed..." is caught at 15,
# missed at 25; the labelled short relevant answers, 14-16 words, each use a topic word)
QUESTION_WEIGHT = 2.0  # a term of the question itself counts twice a term of its guide only

# Words every question and many answers use, that say nothing about the topic.
_GENERIC = frozenset(
    "tell time times describe example give walk talk through would could should did does do "
    "done you your yours what which when where who why how happened happen approach handle "
    "handled situation someone something thing things work worked working job jobs role team "
    "people way get got make made good well new day days first next last really also one two "
    "keep kept want know use used using need needed right sure help helped start started "
    "ask asked say said see saw find found go went take took".split()
)


def key_terms(text: str) -> set[str]:
    """The stems (the text layer's stemmer) of the content words that say what a text is about."""
    return {
        stem(w)
        for w in content_words(text)
        if w not in _GENERIC and len(w) > 2 and w.isalpha() and stem(w) not in _GENERIC
    }


@lru_cache(maxsize=256)
def _entry(question: str):
    """The bank entry (family, question) for a question: the same text, else the bank question
    sharing at least three key terms with it (most first)."""
    found = family_question(question.strip())
    if found:
        return found
    terms = key_terms(question)
    best, best_n = None, 2
    for key, fam in load_families().items():
        for q in fam.questions:
            n = len(key_terms(q.text) & terms)
            if n > best_n:
                best, best_n = (key, q), n
    return best


def question_terms(question: str) -> set[str]:
    """The question's key terms, with its answer guide and duty cues when it is (near) a bank
    question."""
    found = _entry(question)
    extra = ""
    if found:
        _, entry = found
        extra = " ".join([entry.text, *entry.guide, *(c.strip("*") for c in entry.cues)])
    return key_terms(question) | key_terms(extra)


class _Doc(BaseModel):
    """What a question is about: its own key terms, and the rest of its guide's and cues'."""

    text: str
    own: frozenset[str]
    guide: frozenset[str] = frozenset()


def _doc(question: str, with_guide: bool = True) -> _Doc:
    own = frozenset(key_terms(question))
    return _Doc(
        text=question,
        own=own,
        guide=frozenset(question_terms(question) - own) if with_guide else frozenset(),
    )


@lru_cache(maxsize=1)
def _bank_docs() -> tuple[tuple[str, _Doc], ...]:
    return tuple((key, _doc(q.text)) for key, fam in load_families().items() for q in fam.questions)


@lru_cache(maxsize=1)
def _idf() -> dict[str, float]:
    """How specific each term is: log of (questions + 1) over (questions using it + 0.5), the
    questions of all banks with their guides; a term no question uses has the highest weight."""
    docs = _bank_docs()
    df = Counter(t for _, d in docs for t in d.own | d.guide)
    n = len(docs) + 1
    return {t: math.log(n / (c + 0.5)) for t, c in df.items()}


def _weight(term: str) -> float:
    """A term's idf; a term no bank question uses is as specific as a term can be."""
    idf = _idf()
    return idf.get(term) or math.log((len(_bank_docs()) + 1) / 0.5)


class Match(BaseModel):
    question: str
    score: float  # the idf-weighted shared terms over the question's own weight (cosine-like)
    terms: int  # how many of its key terms the answer uses


def match(answer_terms: set[str], doc: _Doc) -> Match:
    own = doc.own & answer_terms
    guide = doc.guide & answer_terms
    shared = QUESTION_WEIGHT * sum(_weight(t) for t in own) + sum(_weight(t) for t in guide)
    norm = math.sqrt(
        sum((QUESTION_WEIGHT * _weight(t)) ** 2 for t in doc.own)
        + sum(_weight(t) ** 2 for t in doc.guide)
    )
    return Match(question=doc.text, score=shared / norm if norm else 0.0, terms=len(own | guide))


def ad_fit(text_terms: set[str], question: str) -> float:
    """How well a bank question fits a text (a job ad's key terms, `key_terms`): the specific
    words (idf-weighted) of the question and its guide that the text uses, over the question's
    own weight, as an answer is matched to a question. A broad family's question about designs
    and drawings scores low on an ad that never speaks of them."""
    return match(text_terms, _doc(question)).score


def better_question(
    question: str, answer: str, family: Optional[str], others: Sequence[str] = ()
) -> Optional[Match]:
    """Another question the answer clearly matches better than the one asked, or None. The
    candidates: the bank of the question's field (`family`), the general questions, and
    `others` (the session's). When the asked question is a bank question all are compared with
    their guides, else by their own words only, so neither side has more words to match."""
    with_guide = _entry(question) is not None
    terms = key_terms(answer)
    asked = match(terms, _doc(question, with_guide))
    seen = {question.strip()}
    candidates = [
        d if with_guide else _doc(d.text, False)
        for key, d in _bank_docs()
        if key in (family, "general")
    ] + [_doc(q, with_guide) for q in others]
    matches: list[Match] = []
    for doc in candidates:
        if doc.text.strip() in seen:
            continue
        seen.add(doc.text.strip())
        matches.append(match(terms, doc))
    matches.sort(key=lambda m: -m.score)
    if not matches:
        return None
    best, runner_up = matches[0], (matches[1].score if len(matches) > 1 else 0.0)
    if (
        best.score >= OTHER_MATCH
        and best.terms >= OTHER_TERMS
        and asked.score <= OTHER_RATIO * best.score
        and runner_up <= OTHER_LEAD * best.score
    ):
        return best
    return None


@lru_cache(maxsize=1)
def _topic_data() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """assistant/data/topic_words.yaml stemmed: the frame words, the people, and each word's
    related words (the union of the groups it is in)."""
    data = read_data("topic_words.yaml")
    frame = frozenset(stem(w) for w in data["frame"])
    people = frozenset(stem(w) for w in data["people"])
    related: dict[str, set[str]] = {}
    for group in data["groups"]:
        stems = {stem(w) for w in group}
        for s in stems:
            related.setdefault(s, set()).update(stems)
    return frame, people, {k: frozenset(v) for k, v in related.items()}


def topic_terms(question: str, family: Optional[str] = None) -> set[str]:
    """What the question is about: its key terms less the frame words ("never", "become"), the
    people it names as its setting ("an employee", "a passenger") and the field's own cue words
    ("the bus", "the ward", "the kitchen"), which a good answer to another question of the same
    field uses as much."""
    frame, people, related = _topic_data()
    return key_terms(question) - frame - people - _setting_cues(question, family, related)


def _setting_cues(question: str, family: Optional[str], related) -> set[str]:
    """The field's cue words in the question, but a cue word with topic words of its own
    ("complaint", "invoice") is a topic."""
    pattern = family_cues(family) if family else None
    if not pattern:
        return set()
    cues = {stem(w) for m in pattern.finditer(question) for w in content_words(m.group(0))}
    return cues - set(related)


def same_job(question: str, topic: set[str], answer_terms: set[str]) -> bool:
    """Whether an answer names the question's setting again (its people, the field's words:
    "the bus", "a tenant", "the guest's room"), the words that made an answer to another
    question of the same job look relevant: the question's key terms that are neither its topic
    nor frame words."""
    frame, _, _ = _topic_data()
    return bool((key_terms(question) - topic - frame) & answer_terms)


def _bank_docs_about(topic: set[str], family: Optional[str] = None) -> list[_Doc]:
    """The bank questions about the same thing: sharing two of the topic's terms (its one term,
    for a topic of one); with the question's `family`, only its bank's and the general ones (a
    production line's stoppage is not a software release's, though both say "production")."""
    least = min(2, len(topic))
    return [
        d
        for key, d in _bank_docs()
        if len(d.own & topic) >= least and (family is None or key in (family, GENERAL))
    ]


def known_topic(topic: set[str], family: Optional[str] = None) -> bool:
    """Whether the resources know what the topic's answers say: a bank question is about the
    same thing, or at least half its terms have a group in topic_words.yaml. A topic they do not
    know is not judged by the words an answer uses for it (they could be any: "settled a row
    between two neighbours")."""
    _, _, related = _topic_data()
    if not topic:
        return False
    if _bank_docs_about(topic, family):
        return True
    return sum(t in related for t in topic) >= len(topic) / 2


def topic_words(question: str, topic: set[str], family: Optional[str] = None) -> set[str]:
    """The words an answer on the question's topic (topic_terms) may use: the topic terms, the
    words of their groups in topic_words.yaml, and for a bank question its answer guide's key
    terms, with the guides of the bank questions about the same thing."""
    _, _, related = _topic_data()
    out = set(topic)
    for t in topic:
        out |= related.get(t, frozenset())
    if topic and _entry(question) is not None:
        out |= question_terms(question) - key_terms(question)
    for d in _bank_docs_about(topic, family):
        out |= d.own | d.guide
    return out


def _on_topic(topic: set[str], words: set[str], answer_terms: set[str]) -> bool:
    """An answer is on the topic when it uses a topic term itself, or TOPIC_HITS of the topic's
    words: one related word alone is as often a word of another question's answer ("report",
    "check", "door") as a relevant answer's own."""
    return bool(topic & answer_terms) or len(words & answer_terms) >= TOPIC_HITS


def _family_of(text: str, least: int = 1) -> Optional[str]:
    """The field a text's words point to, from `least` field cue words up."""
    shares, _, hits = text_shares(text)
    if hits < least:
        return None
    return max(shares.items(), key=lambda kv: kv[1])[0]


def _family_of_question(question: str) -> Optional[str]:
    found = _entry(question)
    if found and found[0] != "general":
        return found[0]
    return _family_of(question)


class Relevance(BaseModel):
    relevant: bool
    shared: list[str] = []  # the question's key terms the answer uses
    family_words: list[str] = []  # the question's family cue words the answer uses
    # the meaning score (`meaning_score`: a pair judge's chance, else the centred cosine), when a
    # model gave embeddings
    similarity: Optional[float] = None
    method: str = "words"
    better_question: Optional[str] = None  # another question the answer clearly answers instead
    topic: list[str] = []  # what the question is about, in its own words (method "topic")


def _by_words(
    question: str,
    answer: str,
    job_family: Optional[str] = None,
    shaped: bool = True,
    others: Sequence[str] = (),
    told: bool = True,
) -> Relevance:
    """Whether the answer addresses the question; `job_family`, the family of the job being
    practised for, stands in for a question that names no field of its own; `shaped`, whether
    the answer has the form its question type asks for (an episode for a behavioural question,
    steps for a situational one: assistant/analysis/answers.py).

    The evidence, strongest first: the question's key terms in the answer (relevant); only the
    question's field in the answer's words, which a good answer to another question of the same
    field has too, so it counts only in an answer of the right form; none at all, which in a long
    answer or one about a field is off-topic. Before all of these: an answer another question
    (`others`, the session's, or the field's bank) clearly matches better is off-topic, whatever
    words it shares."""
    answer_terms = key_terms(answer)
    shared = sorted(question_terms(question) & answer_terms)
    family = _family_of_question(question) or (
        job_family if job_family and job_family != "general" else None
    )
    family_words: list[str] = []
    if family:
        pattern = family_cues(family)
        if pattern:
            family_words = sorted({m.group(0).lower() for m in pattern.finditer(answer)})
    on_family = bool(family) and (len(family_words) >= FAMILY_HITS or _family_of(answer) == family)
    # A question of few words is judged only when the answer's words point to another field.
    judgeable = len(question_terms(question)) >= JUDGE_TERMS or (
        bool(family) and _family_of(answer, FIELD_HITS) not in (None, family)
    )
    # Sharing no words is telling in a long answer, or in one whose words belong to a field, or
    # with a question of many words (a bank question and its guide: 13 or more key terms), where
    # an answer of MIN_WORDS words on its topic uses one of them.
    telling = (
        len(answer.split()) >= LONG_ANSWER
        or _family_of(answer) is not None
        or len(question_terms(question)) >= JUDGE_TERMS
    )
    short = len(answer.split()) < MIN_WORDS
    other = None if short else better_question(question, answer, family, others)
    motivational = question_type_of(question) == "motivational"
    if motivational and other is not None and question_type_of(other.question) == "motivational":
        other = None
    if other is not None:
        return Relevance(
            relevant=False,
            shared=shared,
            family_words=family_words,
            method="other question",
            better_question=other.question,
        )
    # What the question is about, beyond the field it is set in: an answer of the same job (it
    # names the question's people or setting again, or speaks the field's words) that uses none
    # of the topic's words (nor TOPIC_HITS of their relatives) is off it, however many of the
    # field's words it shares: it is the answer to another question of the job. An answer on
    # the topic is on it, in whatever form. An answer of no job in particular is left to the
    # checks below: requiring the same job keeps relevant answers in other words (which the
    # topic words cannot all foresee) from being called off-topic (tune4, written to check how
    # this generalises: 6 of 14 relevant answers called off-topic without it, none with it).
    topic = (
        topic_terms(question, family)
        if question_type_of(question) in ("behavioural", "situational", "technical")
        else set()
    )
    on_topic = bool(topic) and _on_topic(topic, topic_words(question, topic, family), answer_terms)
    if (
        not on_topic
        and (same_job(question, topic, answer_terms) or on_family)
        and len(answer.split()) >= TOPIC_MIN_WORDS
        and known_topic(topic, family)
    ):
        return Relevance(
            relevant=False,
            shared=shared,
            family_words=family_words,
            method="topic",
            topic=list(dict.fromkeys(w for w in content_words(question) if stem(w) in topic)),
        )
    evidence = bool(shared) or (on_family and shaped) or on_topic  # the words say on topic
    # An answer of another form than the question asks for (a habit or a self-portrait for "Tell
    # me about a time...", a past job's duties for "What do you know about us?") that shares
    # none of its words is off it, however few words the question has: the form judges where
    # the words cannot.
    misformed = not shaped or (
        question_type_of(question) == "company" and not _ABOUT_THEM.search(answer)
    )
    relevant = short or evidence or (not misformed and (not judgeable or not telling))
    if motivational:  # never off it by word overlap; only as another kind of answer
        evidence = bool(_MOTIVE.search(answer))
        # ... a field's words, or a procedure (no episode, no reason) told to "Why...?"
        relevant = short or evidence or (_family_of(answer, FIELD_HITS) is None and told)
        misformed = not told
    return Relevance(
        relevant=relevant,
        shared=shared,
        family_words=family_words,
        method="form" if misformed and not relevant else "words",
    )


def relevance(
    question: str,
    answer: str,
    judge: Optional[MeaningJudge] = None,
    job_family: Optional[str] = None,
    shaped: bool = True,
    others: Sequence[str] = (),
    told: bool = True,
) -> Relevance:
    """Whether the answer addresses the question: the words' verdict (`_by_words`), then, with a
    model's `judge`, the meaning's: an answer the words find on the question is off it when its
    meaning score (`meaning_score`) is under the model's `off_below`; one the words find off it
    is let through from `through_from`. Not for an answer too short to judge, nor over an answer
    of the wrong form (embeddings see the topic, not the form). A backend that gives no
    embeddings leaves the words' verdict."""
    words = _by_words(question, answer, job_family, shaped, others, told)
    if judge is None or len(answer.split()) < MIN_WORDS or words.method == "form":
        return words
    try:
        sim = judge.similarity(question, answer)
    except Exception:  # noqa: BLE001 - a backend without embeddings leaves the words' verdict
        return words
    if words.relevant:
        relevant = sim >= judge.model.off_below
    else:
        relevant = sim >= judge.model.through_from
    update: dict = {"relevant": relevant, "similarity": round(sim, 3)}
    if relevant != words.relevant:
        update.update(method="embeddings", better_question=None, topic=[])
    return words.model_copy(update=update)


class MeaningModel(BaseModel):
    """One model's entry in relevance_model.json (`make train-relevance`): where its embeddings
    are read (`layers`: after its first N blocks; None: the last), the means taken out before
    the cosine, and the two thresholds, learned from the labelled practice answers."""

    model_config = ConfigDict(extra="forbid")

    backend: str
    model: str
    layers: Optional[int] = None
    question_mean: list[float]  # the mean embedding of the bank questions
    answer_mean: list[float]  # the mean embedding of the labelled answers
    # the learned pair judge (session 30): the chance that the answer addresses the question,
    # a logistic model of the products of the centred, unit question and answer vectors
    # (dimension by dimension) and their cosine; without it the judge is the centred cosine
    pair_weights: Optional[list[float]] = None
    cosine_weight: float = 0.0
    pair_bias: float = 0.0
    off_below: float  # an answer the words find on the question is off it under this
    through_from: float  # an answer the words find off it is let through from this
    answers: int  # how many labelled answers the mean and the thresholds come from
    splits: list[str]  # their splits (never a test set not yet measured)


class _MeaningModels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    models: list[MeaningModel]


@lru_cache(maxsize=1)
def meaning_models() -> tuple[MeaningModel, ...]:
    raw = json.loads(data_path(RELEVANCE_MODEL).read_text(encoding="utf-8"))
    return tuple(_MeaningModels.model_validate(raw).models)


def _centred(vector: Sequence[float], mean: Sequence[float]) -> list[float]:
    """The vector less the mean, at unit length (all zeros stays all zeros)."""
    centred = [x - m for x, m in zip(vector, mean)]
    norm = math.sqrt(sum(x * x for x in centred))
    return [x / norm for x in centred] if norm else centred


def meaning_score(model: MeaningModel, question: Sequence[float], answer: Sequence[float]) -> float:
    """How close the answer is to the question in meaning, by the model's entry: the cosine of
    the two vectors with the means taken out, or, where the entry has a learned pair judge, the
    chance (0 to 1) that the answer addresses the question."""
    q = _centred(question, model.question_mean)
    a = _centred(answer, model.answer_mean)
    products = [x * y for x, y in zip(q, a)]
    cos = sum(products)
    if model.pair_weights is None:
        return cos
    logit = model.pair_bias + model.cosine_weight * cos
    logit += sum(w * p for w, p in zip(model.pair_weights, products))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))


class MeaningJudge:
    """How close a question and an answer are in meaning under one model (`meaning_score`).
    Texts are embedded in batches (`prepare` the whole session's in one call) and remembered for
    the run."""

    def __init__(
        self,
        model: MeaningModel,
        embed: Callable[[list[str]], list[list[float]]],
        embed_apart: Optional[Callable[[list[str]], Callable[[], list[list[float]]]]] = None,
    ):
        self.model = model
        self._embed = embed
        self._embed_apart = embed_apart
        self._vectors: dict[str, list[float]] = {}
        # texts being embedded in a thread or a process, and the function that waits for them
        self._pending: Optional[tuple[list[str], Callable[[], list[list[float]]]]] = None
        self._failed: Optional[Exception] = None

    def prepare(self, texts: Sequence[str], wait: bool = True, apart: bool = False) -> None:
        """Embed the texts not embedded yet, in one batch. `wait=False`: in a thread of its own
        (the model loaded there too), for a caller about to wait for something else: an
        interactive session's questions while the first answer is typed (the main thread then
        waits on its input, so the two never compete; measured in docs/performance.md).
        `apart=True`: in a process of its own where the backend has one (`embed_apart`), for a
        caller with work of its own to do meanwhile: `practice --answers` reads the job while
        its answers are embedded (a thread would compete for the GIL). The next call waits for
        either, and raises what it raised."""
        self._wait()
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if not missing:
            return
        if apart and self._embed_apart is not None:
            self._pending = (missing, self._embed_apart(missing))
        elif wait or apart:
            self._vectors.update(zip(missing, self._embed(missing)))
        else:
            self._pending = (missing, self._in_thread(missing))

    def _in_thread(self, texts: list[str]) -> Callable[[], list[list[float]]]:
        """Embed `texts` in a thread; the function returned waits for their vectors."""
        done: dict = {}

        def embed() -> None:
            try:
                done["vectors"] = self._embed(texts)
            except Exception as exc:  # noqa: BLE001 - raised where the vectors are asked for
                done["error"] = exc

        thread = threading.Thread(target=embed, name="rebound-embed")
        thread.start()

        def result() -> list[list[float]]:
            thread.join()
            if "error" in done:
                raise done["error"]
            return done["vectors"]

        return result

    def _wait(self) -> None:
        if self._pending is not None:
            texts, result = self._pending
            self._pending = None
            try:
                self._vectors.update(zip(texts, result()))
            except Exception as exc:  # noqa: BLE001 - raised where the vectors are asked for
                self._failed = exc
        if self._failed is not None:
            raise self._failed

    def similarity(self, question: str, answer: str) -> float:
        self.prepare([question, answer])
        return meaning_score(self.model, self._vectors[question], self._vectors[answer])


def meaning_judge_for(backend) -> Optional[MeaningJudge]:
    """The judge for this backend's model (by engine and model file name), if its entry ships."""
    if backend is None or not callable(getattr(backend, "embed", None)):
        return None
    info = backend.info()
    model = next(
        (m for m in meaning_models() if (m.backend, m.model) == (info.backend, info.name)), None
    )
    if model is None:
        return None
    apart = getattr(backend, "embed_apart", None)
    return MeaningJudge(
        model,
        lambda texts: backend.embed(list(texts), layers=model.layers),
        (lambda texts: apart(list(texts), layers=model.layers)) if callable(apart) else None,
    )


_COMPANY = regex.compile(
    r"\b(?:know about (?:us|our|the company|this company|the organi[sz]ation)|our (?:business|"
    r"company|competitors?|products?|customers|mission|values)|competitors?|biggest challenge)\b",
    re.I,
)
_MOTIVATIONAL = regex.compile(
    r"^(?:why (?:do|did|would|are|have) you|why this|why here|why us|what (?:motivates|interests|"
    r"attracts|got you into|draws)|where (?:do|would) you (?:see|like)|tell me about yourself|"
    r"what are you most proud|what are your (?:strengths|weaknesses|goals)|what does good .* mean "
    r"to you|what do you enjoy)",
    re.I,
)
_BEHAVIOURAL = regex.compile(
    r"^(?:tell me about (?:a|an|the|one|your) |describe (?:a|an|the) (?:time|situation|occasion|"
    r"project|change|decision|mistake)|give (?:me )?an example|have you ever|talk me through a "
    r"time|walk me through (?:a|an|the) (?:time|campaign|project|deal|decision)|what did you do when)",
    re.I,
)
_SITUATIONAL = regex.compile(
    r"^(?:how would you|what would you|imagine|suppose|if you|say you|how might you|what if)|"
    r"\bwhat do you do\?$|\b(?:would you|you would)\b",
    re.I,
)


def question_type_of(question: str) -> QuestionType:
    """The type of an interview question: the bank's when it is a bank question; else from how
    it is asked ('Tell me about a time...' behavioural, 'How would you...' situational, 'Why do
    you want...' motivational, 'What do you know about us' company knowledge, else technical)."""
    found = _entry(question)
    if found:
        return found[1].type
    text = " ".join(question.split())
    if _COMPANY.search(text):
        return "company"
    if _MOTIVATIONAL.search(text):
        return "motivational"
    if _BEHAVIOURAL.search(text):
        return "behavioural"
    if _SITUATIONAL.search(text):
        return "situational"
    return "technical"
