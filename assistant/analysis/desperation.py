"""Desperation judged sentence by sentence, by meaning rather than by a list of phrases.

Two engines behind one interface (`SentenceJudge.probabilities`):
- `EmbeddingJudge`: the model's mean-pooled sentence embeddings (one batch a draft), standardised,
  plus the lexical features below, fed to a linear (logistic) classifier;
- `LexicalJudge`: the lexical features alone: families of cues (need and plead verbs, absolutes,
  intensifiers, demands on the reader's time, counting earlier messages, comparison with other
  candidates, self-deprecation, disputing the decision, feelings, promises, punctuation and
  capitals, and the marks of a calm note) as word-class patterns in
  assistant/data/tone_features.yaml.
Every weight and threshold is learned from labelled sentences (`make train-tone`, training/tone/)
and ships in assistant/data/tone_model.json. The judge says which sentences read as desperate;
the phrase signals of tone.py, and each flagged sentence's strongest cue family, say why."""

from __future__ import annotations

import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from assistant import regex
from assistant.analysis.message import MessageParts, Span, split_message
from assistant.analysis.tone import SHOUTING, Level, find_signals, level_for
from assistant.paths import data_path, read_data
from assistant.text import tokens

FEATURES_FILE = "tone_features.yaml"
MODEL_FILE = "tone_model.json"
CAP = 3  # a cue family counts at most this many matches in one sentence
# A sentence is read up to this many characters: a real one is far shorter, and ~200 cue patterns
# over a pasted wall of 100,000 characters took seconds (tests/test_hostile_bounds.py).
READ_CHARS = 1000
Engine = Literal["embedding", "lexical"]


# ---- lexical features ---------------------------------------------------------------------


class FeatureDef(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    name: str
    signal: Optional[str] = None  # the tone signal code that explains a sentence this carries
    case_sensitive: bool = False
    patterns: list[str]
    # sentences the family must find, and sentences where a word of it must not count
    # (tests/test_desperation.py walks them all)
    flag: list[str] = []
    pass_: list[str] = Field([], alias="pass")


class _Features(BaseModel):
    model_config = ConfigDict(extra="forbid")
    features: list[FeatureDef]


@lru_cache(maxsize=1)
def feature_defs() -> tuple[FeatureDef, ...]:
    return tuple(_Features.model_validate(read_data(FEATURES_FILE)).features)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern, ...], ...]:
    return tuple(
        tuple(regex.compile(p, 0 if d.case_sensitive else re.IGNORECASE) for p in d.patterns)
        for d in feature_defs()
    )


# Numeric features beside the cue families: how long, how much about "me", how loud.
EXTRA_FEATURES = ("words", "first-person", "exclamations")


def feature_names() -> list[str]:
    return [d.name for d in feature_defs()] + list(EXTRA_FEATURES)


def normalise(sentence: str) -> str:
    return sentence.replace("\u2019", "'").replace("\u2018", "'")


def lexical_features(sentence: str) -> list[float]:
    """One value per cue family (matches, capped) and per extra feature, in feature_names() order."""
    return list(_features(normalise(sentence[:READ_CHARS])))


@lru_cache(maxsize=512)  # a draft's sentences are judged, explained and checked again
def _features(text: str) -> tuple[float, ...]:
    values = [
        float(min(CAP, sum(1 for p in patterns if p.search(text)))) for patterns in _compiled()
    ]
    words = tokens(text)
    first = sum(1 for w in words if w in {"i", "i'm", "i've", "i'll", "i'd", "me", "my", "myself"})
    values += [
        math.log1p(len(words)),
        first / max(1, len(words)),
        float(min(CAP, text.count("!"))),
    ]
    return tuple(values)


def cue_spans(sentence: str, name: str) -> list[tuple[int, int]]:
    """Where a cue family matches in a sentence (character offsets)."""
    index = [d.name for d in feature_defs()].index(name)
    text = normalise(sentence[:READ_CHARS])
    return [m.span() for p in _compiled()[index] for m in p.finditer(text) if m.end() > m.start()]


# ---- the shipped classifier ---------------------------------------------------------------


class LinearModel(BaseModel):
    """p = sigmoid(bias + lexical . lexical_weights + standardised embedding . weights)."""

    model_config = ConfigDict(extra="forbid")
    features: list[str]  # the lexical feature names, in order, when trained
    lexical_weights: list[float]
    lexical_mean: list[float]
    lexical_scale: list[float]
    bias: float
    threshold: float  # a sentence is flagged from this probability up
    # inside a draft with a sentence at or above `threshold`, the others are flagged from this
    # probability up ("read as part of the pressure around it"); None: `threshold` alone
    context_threshold: Optional[float] = None
    # a draft whose only sentence at or above `threshold` is under `lone_threshold`, every other
    # sentence under `quiet_threshold`, reads as calm as a whole: one borderline sentence among
    # calm ones is left as written (chosen at training time on drafts of writers held out; None:
    # every sentence at or above `threshold` is flagged)
    lone_threshold: Optional[float] = None
    quiet_threshold: Optional[float] = None
    l2: float = 0.0  # the penalty it was trained with (chosen by cross-validation)
    # the embedding part (absent for the lexical model)
    model: Optional[str] = None  # the GGUF file name the embeddings come from
    backend: str = (
        "llama"  # and the engine that computes them (a server may pool or scale otherwise)
    )
    size: Optional[int] = None
    # the embeddings are the hidden state after the model's first `layers` blocks (None: its last)
    layers: Optional[int] = None
    mean: list[float] = []
    scale: list[float] = []
    weights: list[float] = []
    known: dict[str, float] = {}  # probabilities computed at training time (the calm sentences)
    # the cascade: a sentence whose lexical probability is under cascade[0] or over cascade[1] is
    # judged by the lexical model alone (not embedded); chosen at training time as the band
    # outside which the lexical model made no mistake on the training sentences (out of fold)
    cascade: list[float] = []
    # the embedding part of each calm template (a sentence Rebound puts in, with a slot the draft
    # fills), computed at training time with a filler in the slot
    template_parts: dict[str, float] = {}
    trained_on: dict[str, int] = {}  # how many sentences of each label


class ToneModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lexical: LinearModel
    embedding: list[LinearModel] = []  # one per embedding model


@lru_cache(maxsize=1)
def tone_model() -> ToneModel:
    return ToneModel.model_validate(json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8")))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _standardise(values: Sequence[float], mean: Sequence[float], scale: Sequence[float]):
    return [(v - m) / s for v, m, s in zip(values, mean, scale)]


def _dot(a: Iterable[float], b: Iterable[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


class SentenceJudge(ABC):
    engine: Engine

    def __init__(self, model: LinearModel):
        if model.features != feature_names():
            raise ValueError(
                f"{MODEL_FILE} was trained on other features: run `make train-tone` again"
            )
        self.model = model

    @property
    def threshold(self) -> float:
        return self.model.threshold

    @property
    def context_threshold(self) -> float:
        """The threshold inside a draft the judge already finds desperate."""
        found = self.model.context_threshold
        return self.threshold if found is None else min(found, self.threshold)

    def reads_calm(self, probabilities: Sequence[float]) -> bool:
        """Whether the draft reads calm as a whole: no sentence at or above the threshold, or
        one, under the lone threshold, with every other sentence under the quiet one."""
        over = [p for p in probabilities if p >= self.threshold]
        if not over:
            return True
        m = self.model
        if m.lone_threshold is None or m.quiet_threshold is None or len(over) > 1:
            return False
        return (
            over[0] < m.lone_threshold and sum(p >= m.quiet_threshold for p in probabilities) == 1
        )

    def flags(self, probabilities: Sequence[float]) -> list[bool]:
        """Which of one draft's sentences are flagged: none in a draft that reads calm as a
        whole (`reads_calm`); in any other, every sentence at or above the context threshold."""
        if self.reads_calm(probabilities):
            return [False] * len(probabilities)
        return [p >= self.context_threshold for p in probabilities]

    def _lexical_logit(self, sentence: str) -> float:
        m = self.model
        z = _standardise(lexical_features(sentence), m.lexical_mean, m.lexical_scale)
        return m.bias + _dot(z, m.lexical_weights)

    def contributions(self, sentence: str) -> dict[str, float]:
        """Each cue family's share of the lexical part of the sentence's score."""
        m = self.model
        z = _standardise(lexical_features(sentence), m.lexical_mean, m.lexical_scale)
        return {n: w * v for n, w, v in zip(m.features, m.lexical_weights, z)}

    @abstractmethod
    def probabilities(self, sentences: list[str]) -> list[float]:
        """The probability that each sentence reads as desperate."""

    def know_templated(self, made: dict[str, str]) -> None:
        """Sentences made from a calm template (sentence -> template): the embedding judge reads
        them without embedding them (see EmbeddingJudge); the lexical judge reads them anyway."""
        return None


class LexicalJudge(SentenceJudge):
    engine: Engine = "lexical"

    def probabilities(self, sentences: list[str]) -> list[float]:
        return [_sigmoid(self._lexical_logit(s)) for s in sentences]


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


class EmbeddingJudge(SentenceJudge):
    """Embeddings of the sentences the lexical model is unsure about (the cascade band), in one
    batch, from the backend's model; the model is not loaded when no sentence is unsure."""

    engine: Engine = "embedding"

    def __init__(self, model: LinearModel, backend, lexical: Optional[LinearModel] = None):
        super().__init__(model)
        self.backend = backend
        self.seen: dict[str, float] = dict(model.known)  # a sentence is embedded once
        self.lexical = LexicalJudge(lexical) if lexical is not None and model.cascade else None
        self.embedded = 0  # sentences embedded so far (the cascade's saving shows here)

    def _sure(self, sentence: str) -> Optional[float]:
        """The lexical model's probability, on this judge's scale (the same distance from the
        threshold in log-odds), when it lies outside the cascade band; else None."""
        if self.lexical is None:
            return None
        p = self.lexical.probabilities([sentence])[0]
        low, high = self.model.cascade
        if low <= p <= high:
            return None
        return _sigmoid(_logit(p) - _logit(self.lexical.threshold) + _logit(self.threshold))

    def know_templated(self, made: dict[str, str]) -> None:
        """A sentence made from a calm template: the lexical part of the sentence itself plus the
        template's embedding part, computed at training time (not embedded again at each run)."""
        for sentence, template in made.items():
            part = self.model.template_parts.get(template)
            if part is not None and sentence not in self.seen:
                self.seen[sentence] = _sigmoid(self._lexical_logit(normalise(sentence)) + part)

    def probabilities(self, sentences: list[str]) -> list[float]:
        for sentence in dict.fromkeys(s for s in sentences if s not in self.seen):
            sure = self._sure(sentence)
            if sure is not None:
                self.seen[sentence] = sure
        todo = list(dict.fromkeys(s for s in sentences if s not in self.seen))
        self.embedded += len(todo)
        m = self.model
        vectors = self.backend.embed(todo, layers=m.layers) if todo else []
        for sentence, vector in zip(todo, vectors):
            if len(vector) != m.size:
                raise ValueError(f"embedding of size {len(vector)}, the classifier wants {m.size}")
            z = _standardise(vector, m.mean, m.scale)
            self.seen[sentence] = _sigmoid(self._lexical_logit(sentence) + _dot(z, m.weights))
        return [self.seen[s] for s in sentences]


def embedding_model_for(backend) -> Optional[LinearModel]:
    """The shipped classifier for this backend's model (by engine and GGUF file name), if any."""
    if backend is None:
        return None
    info = backend.info()
    return next(
        (m for m in tone_model().embedding if (m.backend, m.model) == (info.backend, info.name)),
        None,
    )


def judge_for(backend=None) -> SentenceJudge:
    """The embedding judge when the backend's model has a shipped classifier, else the lexical one."""
    model = embedding_model_for(backend)
    if model is not None:
        return EmbeddingJudge(model, backend, tone_model().lexical)
    return LexicalJudge(tone_model().lexical)


# ---- a draft ------------------------------------------------------------------------------


class JudgedSentence(BaseModel):
    text: str
    start: int
    end: int
    probability: float
    flagged: bool
    # flagged only as part of the pressure around it (under the threshold, over the context one)
    context: bool = False


class Judgement(BaseModel):
    engine: Engine
    score: int  # 0-100
    level: Level
    sentences: list[JudgedSentence]

    @property
    def flagged(self) -> list[JudgedSentence]:
        return [s for s in self.sentences if s.flagged]


def body_spans(parts: MessageParts) -> list[Span]:
    return [span for para in parts.paragraphs for span in para]


def draft_score(probabilities: Sequence[float], threshold: float) -> int:
    """0-100: the most desperate sentence sets the level, each further flagged sentence adds.
    A draft with a flagged sentence scores at least 50 (`desperate`): one begging sentence is
    enough for the reader to notice. Without one it stays under 50, and under 20 (`calm`) unless
    a sentence comes close to the threshold (`needy`)."""
    if not probabilities:
        return 0
    top = max(probabilities)
    flagged = sum(1 for p in probabilities if p >= threshold)
    if flagged == 0:
        return min(49, round(49 * (top / threshold) ** 3))
    above = (top - threshold) / (1 - threshold) if threshold < 1 else 1.0
    return min(100, round(50 + 20 * above + 10 * (flagged - 1)))


def judge_spans(text: str, spans: list[Span], judge: SentenceJudge) -> Judgement:
    probabilities = judge.probabilities([normalise(s.text) for s in spans]) if spans else []
    judged = [
        JudgedSentence(
            text=s.text,
            start=s.start,
            end=s.end,
            probability=p,
            flagged=flagged,
            context=flagged and p < judge.threshold,
        )
        for s, p, flagged in zip(spans, probabilities, judge.flags(probabilities))
    ]
    score = draft_score(probabilities, judge.threshold)
    if not any(s.flagged for s in judged):
        score = min(score, 49)  # a lone borderline sentence among calm ones: needy at most
    return Judgement(engine=judge.engine, score=score, level=level_for(score), sentences=judged)


def judge_draft(text: str, judge: Optional[SentenceJudge] = None) -> Judgement:
    """Every body sentence of the draft (not the greeting or the sign-off), judged in one batch."""
    judge = judge or judge_for(None)
    return judge_spans(text, body_spans(split_message(text)), judge)


def cues_in(sentence: str) -> list[str]:
    """The cue families with a tone signal that the sentence's own words show (counting earlier
    messages, a deadline, a demand on the reader's time...). A family of the shouting signal
    counts only where that signal finds shouting: its capitals feature also counts acronyms
    ("WAEC", "SS1"), which the signal knows for names."""
    signals = {d.name: d.signal for d in feature_defs() if d.signal}
    found = [
        n for n, v in zip(feature_names(), lexical_features(sentence)) if n in signals and v > 0
    ]
    if any(signals[n] == SHOUTING for n in found) and not any(
        s.code == SHOUTING for s in find_signals(sentence)
    ):
        found = [n for n in found if signals[n] != SHOUTING]
    return found


def reason_code(sentence: str, judge: SentenceJudge) -> str:
    """The tone signal code of the cue family found in a flagged sentence that weighs most
    towards `desperate`; `pleading` when none does (the embedding alone flagged it). A family
    the sentence lacks is no reason, though its absence can raise the score (the features are
    standardised: fewer capitals than usual times a negative weight)."""
    signals = {d.name: d.signal for d in feature_defs() if d.signal}
    found = set(cues_in(sentence))
    best = max(
        ((w, signals[n]) for n, w in judge.contributions(sentence).items() if n in found),
        default=(0.0, "pleading"),
    )
    return best[1] if best[0] > 0 else "pleading"
