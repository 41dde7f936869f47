"""`soften`: judge a follow-up draft sentence by sentence for desperation and write a calm version.

The judge (analysis/desperation.py: the model's embeddings with a shipped classifier, or lexical
features without a model) says which sentences read as desperate; the phrase signals of tone.py
and each flagged sentence's strongest cue family say why. The calm version keeps the judge's calm
sentences (with ! and capitals calmed), the greeting and the sign-off, and drops each flagged
sentence or replaces it by the calm sentence of its purpose (asking for feedback, accepting the
decision, asking how things stand, staying interested, future roles:
assistant/data/soften_purposes.yaml). The calm version is judged again by the same judge.
A model that is not small may rewrite flagged sentences inside the guard's rails; the small
embedded model is not asked (the guard refused all its sentences), only its embeddings are used."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import prompts, regex
from assistant.analysis.desperation import (
    Engine,
    Judgement,
    SentenceJudge,
    cues_in,
    judge_draft,
    judge_for,
    normalise,
    reason_code,
)
from assistant.analysis.message import MessageParts, Span, split_message
from assistant.analysis.tone import (
    SHOUTING,
    Level,
    ToneSignal,
    analyze,
    calm_table,
    shouted,
    signal_def,
)
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.errors import NoEmbeddingsError
from assistant.generation import Generation, as_checks, join_notices, refused
from assistant.guard.calm_rewrite import CalmFacts, check_calm_rewrite, check_calm_sentence
from assistant.guard.checks import CheckResult, failed, unknown_names
from assistant.guard.generate import Ask, generate_many, summary
from assistant.paths import read_data
from assistant.stores.followups import Advice

TASK = "soften"
MAX_DRAFT_BYTES = 20_000  # a message, not a document
MAX_MODEL_SENTENCES = 4  # the model rewrites at most this many flagged sentences
PLAIN_CLOSING = "Best regards,"
# The signal table's word on a sentence flagged only because the draft around it is desperate.
CONTEXT_NOTE = "Read as part of the pressure around it."


class SoftenRequest(BaseModel):
    text: str
    to: Optional[str] = None
    company: Optional[str] = None

    def names(self) -> list[str]:
        return [n for n in (self.to, self.company) if n]


class SoftenResult(BaseModel):
    score: int
    level: Level
    signals: list[ToneSignal]
    rewrite: str
    rewrite_score: int
    advice: Optional[Advice] = None
    judge: Engine = "lexical"  # which engine judged the sentences
    flagged: list[str] = []  # the draft's sentences the judge reads as desperate
    # those of them flagged only as part of the pressure around them (the context threshold)
    context: list[str] = []
    rewrite_level: Level = "calm"
    still_needy: list[str] = []  # sentences of the calm version the same judge still flags
    # in a draft that reads calm as a whole, its one sentence over the threshold (left as written)
    borderline: list[str] = []
    note: str = ""  # for the user: the draft's only point was pressure
    generation: Generation


# ---- the calm version ---------------------------------------------------------------------

PURPOSES_FILE = "soften_purposes.yaml"
# What a flagged sentence was about ("the QA engineer opening at Northline Software"): kept in
# one calm sentence when no kept sentence names it, so the facts survive the sentence.
_SUBJECT = regex.compile(
    r"\b(?:about|regarding|concerning|for|on)\s+((?:the|my|your)\s+[\w&'\- ]{0,40}?"
    r"\b(?:role|post|position|job|vacancy|opening|opportunity|place|application|interview|"
    r"apprenticeship|scheme)\b(?:\s+(?:at|with|in|on)\s+[A-Z][\w&'\-]*(?:\s+[A-Z][\w&'\-]*)*)?)"
)
SUBJECT_TEMPLATE = "I am writing about {subject}."
ONLY_PRESSURE_NOTE = (
    "Every sentence of your draft was pressure, pleading or feelings: the calm version keeps "
    "only the calm ask, which says the same thing without them."
)


class Purpose(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    patterns: list[str]
    calm: str
    calm_dated: Optional[str] = None  # the calm sentence with the date it must keep: {when}
    already: list[str] = []
    examples: list[str] = []

    def matches(self, sentence: str) -> bool:
        return any(re.search(p, normalise(sentence), re.IGNORECASE) for p in self.patterns)

    def made_by(self, sentences: list[str]) -> bool:
        """The draft's own kept sentences already make this point."""
        text = normalise(" ".join(sentences))
        return any(re.search(p, text, re.IGNORECASE) for p in self.already)


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")
    when: list[str]  # dates and weekdays
    other: list[str]  # times, years, amounts, reference numbers


class _Purposes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: _Facts
    purposes: list[Purpose]


@lru_cache(maxsize=1)
def _purpose_data() -> _Purposes:
    return _Purposes.model_validate(read_data(PURPOSES_FILE))


def purposes() -> tuple[Purpose, ...]:
    return tuple(_purpose_data().purposes)


@lru_cache(maxsize=1)
def _fact_patterns() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    facts = _purpose_data().facts
    return tuple(map(regex.compile, facts.when)), tuple(map(regex.compile, facts.other))


def is_when(fact: str) -> bool:
    return any(p.fullmatch(fact) for p in _fact_patterns()[0])


def facts_in(sentence: str) -> list[str]:
    """The facts a sentence carries that a calm version must not lose: dates and weekdays, times,
    years, amounts, reference numbers (assistant/data/soften_purposes.yaml) and names (capitalised
    words mid-sentence, and acronyms: a word in capitals that is no ordinary word, "OSCE", not
    "NEED"), longest first, each once."""
    when, other = _fact_patterns()
    found = [m.group(0) for p in (*when, *other) for m in p.finditer(sentence)]
    found += [w for w in unknown_names(sentence, "") if not shouted(w)]
    found = sorted(dict.fromkeys(found), key=len, reverse=True)
    return [f for i, f in enumerate(found) if not any(f in g for g in found[:i])]


# Where a sentence divides into clauses: punctuation inside it, and before a conjunction.
_CLAUSE_BREAK = regex.compile(
    r"\s*[,;:\u2013\u2014]\s*|\s+-\s+|\s+(?=(?:and|but|because|or|which|since|though|"
    r"although|unless)\s)"
    # "so" joins clauses ("on Friday so surely ..."), except as an adverb of degree ("not so good")
    r"|(?<!\bnot)(?<!\bis)(?<!\bwas)(?<!\bare)(?<!\bam)(?<!\bbe)(?<!\bfeel)(?<!\bvery)"
    r"\s+(?=so\s+(?!much\b|many\b|far\b|long\b)\w)",
    re.IGNORECASE,
)
_LEADING_JOIN = regex.compile(
    r"^(?:so|and|but|because|or|which|since|though|although|unless|then)\s+", re.IGNORECASE
)


# A clause that can stand as a sentence starts with its subject.
_SUBJECT_START = regex.compile(
    r"^(?:i|i'm|i've|i'd|i'll|we|we've|we're|my|our|the|this|that|it|it's|they|he|she|you|your|"
    r"there|there's)\b",
    re.IGNORECASE,
)


# "and" or "or" before a determiner joins a noun to the one before it ("a call with you and the
# CFO this week to discuss ..." gives no sentence "The CFO this week to discuss"), unless a verb
# follows the noun within three words ("... and the result was good" is a clause)
_JOINED_NOUN = regex.compile(
    r"^(?:and|or)\s+(?:the|this|that|my|our|your)\s+(?!(?:\S+\s+){0,2}(?:is|was|are|were|has|"
    r"have|had|will|would|can|could|did|does|do|went|got)\b)",
    re.IGNORECASE,
)


# Words that only press, and whose removal leaves the sentence whole: "I am following up again on
# the Graduate Trainee assessment ..." is calm news without "again" (the facts stay with it).
_PRESSING_WORDS = regex.compile(
    r",?\s+\b(?:yet again|once again|once more|again|really|truly|desperately|literally|"
    r"honestly|extremely|so very|very much)\b(?=[\s,.!?])",
    re.IGNORECASE,
)


def without_pressing_words(sentence: str) -> str:
    """The sentence without the words that only press (`_PRESSING_WORDS`), or itself."""
    return _PRESSING_WORDS.sub("", normalise(sentence))


def clauses(sentence: str) -> list[str]:
    """A sentence's clauses of three words or more that start with their subject, each as a
    sentence of its own ("I passed my test on Friday so surely ..." -> "I passed my test on
    Friday."; not "Thursday about the role" out of "Monday, Tuesday and Thursday about the role",
    nor "The CFO ..." out of "a call with you and the CFO ...")."""
    parts = [
        _LEADING_JOIN.sub("", c).strip(" .!?")
        for c in _CLAUSE_BREAK.split(normalise(sentence))
        if not _JOINED_NOUN.match(c)
    ]
    return [
        c[0].upper() + c[1:] + "." for c in parts if len(c.split()) >= 3 and _SUBJECT_START.match(c)
    ]


def purpose_of(sentence: str) -> Optional[Purpose]:
    """What a flagged sentence was for (the first purpose that matches), or None: drop it."""
    return next((p for p in purposes() if p.matches(sentence)), None)


def calm_sentences() -> list[str]:
    """Every calm sentence the calm version may put in for a flagged one."""
    return [p.calm for p in purposes()] + calm_table()


def calm_templates() -> list[str]:
    """The calm sentences with a slot the draft fills ({subject}, {when}): the embedding
    classifier's part for each is computed once at training time (`make train-tone`), with
    TEMPLATE_FILLERS in the slots, and added to the lexical part of the filled sentence."""
    return [SUBJECT_TEMPLATE] + [p.calm_dated for p in purposes() if p.calm_dated]


TEMPLATE_FILLERS = {"subject": "the analyst role", "when": "Friday"}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _signals_in(span: Span, signals: list[ToneSignal]) -> list[ToneSignal]:
    return [s for s in signals if span.overlaps(s.start, s.end)]


def _unshouted(word: str) -> str:
    return word.lower() if shouted(word) else word


def unshout(text: str, span: Span, signals: list[ToneSignal]) -> str:
    """The span's text with runs of ! and ? made single and words in capitals in sentence case."""
    out, pos = [], span.start
    for s in sorted(signals, key=lambda s: s.start):
        if s.code != SHOUTING:
            continue
        start, end = max(s.start, span.start), min(s.end, span.end)
        if start < pos:
            continue
        out.append(text[pos:start])
        piece = text[start:end]
        if re.fullmatch(r"[!?]+", piece):
            out.append("?" if "?" in piece else "!")
        else:  # an acronym (HVAC, SAP) is a name, not shouting: its capitals stay
            lowered = re.sub(r"[A-Za-z'\u2019]+", lambda m: _unshouted(m.group(0)), piece)
            at_start = start == span.start and lowered[:1] != piece[:1]
            out.append(lowered[0].upper() + lowered[1:] if at_start else lowered)
        pos = end
    out.append(text[pos : span.end])
    return "".join(out)


def _subject(sentence: str, kept: str) -> Optional[str]:
    """What a dropped sentence was about, when no kept sentence says it: 'the QA engineer
    opening at Northline Software'."""
    m = _SUBJECT.search(sentence)
    if not m:
        return None
    subject = m.group(1).strip()
    words = [w for w in re.findall(r"[\w&']+", subject) if len(w) > 3 or w[0].isupper()]
    core = [w for w in words if w.lower() not in {"the", "my", "your", "about", "with"}]
    if core and all(w.lower() in kept.lower() for w in core):
        return None
    return subject


class CalmVersion(BaseModel):
    text: str
    note: str = ""  # shown to the user: the draft's only point was pressure
    made: dict[str, str] = {}  # sentences put in from a template (calm_templates) -> template


class _Rewriter:
    """The calm version, sentence by sentence: the judge's calm sentences kept (with ! and
    capitals calmed), each flagged one dropped or replaced by the calm sentence of its purpose;
    `writer` (a model) may supply a flagged sentence's replacement instead."""

    def __init__(
        self,
        request: SoftenRequest,
        judgement: Judgement,
        signals: list[ToneSignal],
        writer: Optional[Callable[[Span], Optional[str]]] = None,
        judge: Optional[SentenceJudge] = None,
    ):
        self.text, self.request, self.signals, self.writer = request.text, request, signals, writer
        self.judge = judge  # reads the clauses that would keep a flagged sentence's facts
        self.parts: MessageParts = split_message(self.text)
        self.flagged = {(s.start, s.end) for s in judgement.flagged}
        self.context = {(s.start, s.end) for s in judgement.flagged if s.context}
        # the sentences flagged for their context alone whose facts the calm version loses
        self.losing: set[tuple[int, int]] = set()
        self.kept = [
            self._calm(span)
            for para in self.parts.paragraphs
            for span in para
            if not self.is_flagged(span)
        ]
        self.used: set[str] = set()
        self.kept_norm = {_norm(k) for k in self.kept}  # a replacement never repeats one
        self.made: dict[str, str] = {}  # a sentence put in from a template -> the template

    def is_flagged(self, span: Span) -> bool:
        return (span.start, span.end) in self.flagged

    def _calm(self, span: Span) -> str:
        return _squash(unshout(self.text, span, _signals_in(span, self.signals)))

    def _add(self, out: list[str], sentence: str, replacement: bool = False) -> None:
        key = _norm(sentence)
        if key not in self.used and not (replacement and key in self.kept_norm):
            self.used.add(key)
            out.append(sentence)

    def _replacement(self, span: Span, lost: list[str]) -> Optional[str]:
        written = self.writer(span) if self.writer else None
        if written:
            return written
        purpose = purpose_of(span.text)
        if purpose is None or purpose.made_by(self.kept):
            return None
        when = next((f for f in lost if is_when(f)), None)
        if when and purpose.calm_dated:
            sentence = purpose.calm_dated.format(when=when)
            self.made[sentence] = purpose.calm_dated
            return sentence
        return purpose.calm

    def _frame(self) -> str:
        """What the calm version says outside its body: the greeting, a courtesy formula ending
        the body, and the sign-off."""
        return " ".join(s.text for s in self.parts.frame())

    def _calm_clauses(self, sentence: str, lost: list[str]) -> tuple[list[str], bool]:
        """What of a flagged sentence keeps a fact the calm version would lose and reads as calm
        to the judge: the sentence itself without its pressing words, when that carries every
        such fact and shows no cue (then True: the sentence itself, calmed); else its clauses
        that carry one, as sentences of their own."""
        whole = _norm(sentence)
        plain = without_pressing_words(sentence)
        found = [c for c in clauses(sentence) if any(f in c for f in lost) and _norm(c) != whole]
        if _norm(plain) != whole and all(f in plain for f in lost) and not cues_in(plain):
            found.insert(0, plain)
        if not found or self.judge is None:
            return [], False
        probabilities = self.judge.probabilities(found)
        calm = [c for c, p in zip(found, probabilities) if p < self.judge.threshold]
        if calm[:1] == [plain]:
            return [plain], True
        return calm, False

    def _flagged(self, span: Span, out: list[str], frame: str) -> tuple[int, bool]:
        """A flagged sentence's place in the calm version: the sentence without its pressing
        words, when that is calm and keeps its facts; else the calm clauses that keep its facts,
        then the calm sentence of its purpose (dated when a date would be lost). The number of
        calm asks put in (0 or 1), and whether the sentence itself was kept, calmed (it then says
        what it was about itself)."""
        sentence = _squash(span.text)

        def lost_facts() -> list[str]:
            said = " ".join([frame, *self.kept, *out])
            return [f for f in facts_in(sentence) if f not in said]

        lost = lost_facts()
        if lost:
            calm, itself = self._calm_clauses(sentence, lost)
            for clause in calm:
                self._add(out, clause)
            if itself:
                return 0, True  # the sentence itself, calmed, serves its purpose
            lost = lost_facts()
        replacement = self._replacement(span, lost)
        if replacement:
            self._add(out, replacement, replacement=True)
        # a sentence with a cue of its own is the pressure, and its facts the argument ("Given
        # that I hold my CPA, ..."); its calm clauses above keep what is news
        if (span.start, span.end) in self.context and not cues_in(sentence) and lost_facts():
            self.losing.add((span.start, span.end))
        return int(bool(replacement)), False

    def _signoff(self) -> list[str]:
        lines = []
        for i, span in enumerate(self.parts.signoff):
            found = _signals_in(span, self.signals)
            if not any(s.code != SHOUTING for s in found):
                lines.append(self._calm(span))
            elif i == 0 and len(self.parts.signoff) > 1:
                lines.append(PLAIN_CLOSING)  # a pleading closing line; the name below it stays
        return lines

    def render(self) -> CalmVersion:
        paragraphs, said_subject, asks = [], False, 0
        kept_text = " ".join(self.kept)
        frame = self._frame()
        for para in self.parts.paragraphs:
            out: list[str] = []
            for span in para:
                if not self.is_flagged(span):
                    self._add(out, self._calm(span))
                    continue
                subject = None if said_subject else _subject(_squash(span.text), kept_text)
                if subject:  # what the dropped sentence was about, in its place
                    sentence = SUBJECT_TEMPLATE.format(subject=subject)
                    self.made[sentence] = SUBJECT_TEMPLATE
                    self._add(out, sentence)
                    said_subject = True
                added, itself = self._flagged(span, out, frame)
                asks += added
                said_subject = said_subject or itself
            if out:
                paragraphs.append(" ".join(out))
        note = ""
        if self.flagged and not self.kept:
            note = ONLY_PRESSURE_NOTE
            if not asks:  # nothing but pressure and feelings: the calm ask for news instead
                ask = next(p.calm for p in purposes() if p.name == "timeline")
                paragraphs = [" ".join([*paragraphs, ask])]
        if self.parts.valediction:  # the courtesy formula ending the body, where it was
            closing = self._calm(self.parts.valediction)
            paragraphs[-1:] = [" ".join([*paragraphs[-1:], closing])]
        greeting = self.parts.greeting
        company = self.request.company
        body = " ".join(paragraphs)
        text = prompts.render(
            TASK,
            "fallback",
            greeting=self._calm(greeting) if greeting else None,
            paragraphs=paragraphs,
            signoff=self._signoff(),
            company=company,
            company_line=bool(company and company in self.text and company not in body),
        )
        return CalmVersion(text=text, note=note, made=self.made)


def _norm(sentence: str) -> str:
    return re.sub(r"[^\w ]", "", sentence.lower()).strip()


def keep_facts(
    request: SoftenRequest, judgement: Judgement, signals: list[ToneSignal], judge: SentenceJudge
) -> Judgement:
    """The judgement with the sentences flagged for their context alone (under the threshold)
    unflagged when the calm version would lose a fact of theirs (a date, a name, an amount): the
    context threshold weighs wording against a missed plea, never a fact against one. A sentence
    with a cue of its own (a demand, a comparison, counting) is not kept for its facts: the
    dates of three unanswered emails, "by Monday" in a demand, the qualifications set against
    the person appointed are the pressure, not news to keep; the calm clauses of such a
    sentence that carry a fact are kept on their own (_calm_clauses)."""
    if not any(s.context for s in judgement.flagged):
        return judgement
    rewriter = _Rewriter(request, judgement, signals, judge=judge)
    rewriter.render()
    if not rewriter.losing:
        return judgement
    sentences = [
        s.model_copy(update={"flagged": False, "context": False})
        if (s.start, s.end) in rewriter.losing
        else s
        for s in judgement.sentences
    ]
    return judgement.model_copy(update={"sentences": sentences})


def calm_version(
    request: SoftenRequest,
    judgement: Judgement,
    signals: list[ToneSignal],
    judge: Optional[SentenceJudge] = None,
) -> CalmVersion:
    return _Rewriter(request, judgement, signals, judge=judge).render()


# ---- the guard ----------------------------------------------------------------------------


def _known_text(request: SoftenRequest) -> str:
    return "\n".join(
        [
            request.text,
            *request.names(),
            *calm_sentences(),
            *(t.split("{")[0] for t in calm_templates()),
            prompts.render(
                TASK,
                "fallback",
                greeting=None,
                paragraphs=[],
                signoff=[],
                company=request.company,
                company_line=bool(request.company),
            ),
        ]
    )


def rewrite_checks(rewrite: str, request: SoftenRequest) -> list[CheckResult]:
    """The whole rewrite: calm, no signal, the names kept, nothing new."""
    return check_calm_rewrite(
        rewrite,
        CalmFacts(
            known_text=_known_text(request),
            names=request.names(),
            required_names=[n for n in request.names() if n in request.text],
        ),
    )


def names_in(sentence: str, request: SoftenRequest) -> list[str]:
    """Names of people and companies in a sentence, which its rewrite must keep."""
    found = [n for n in request.names() if n in sentence]
    found += [
        w for w in unknown_names(sentence, "") if not w.isupper() and not any(w in n for n in found)
    ]
    return found


def sentence_facts(original: str, request: SoftenRequest, prompt_text: str) -> CalmFacts:
    """What one sentence a model rewrote may say: the names and the point of `original` kept."""
    return CalmFacts(
        known_text=_known_text(request),
        names=request.names(),
        required_names=names_in(original, request),
        prompt_text=prompt_text,
        original=original,
    )


# ---- the task -----------------------------------------------------------------------------


def _model_writer(
    request: SoftenRequest,
    spans: list[Span],
    judge: SentenceJudge,
    backend: Backend,
    on_chunk: Optional[Callable[[str], None]],
) -> tuple[Callable[[Span], Optional[str]], list[str], list[str]]:
    """The model's rewrites of the first flagged sentences that have a purpose, asked for
    together, as a writer for _Rewriter: a sentence the guard (or the judge) refused gets None.
    Also the sentences kept, and the failed check codes of each sentence refused."""
    asked = [s for s in spans if purpose_of(s.text)][:MAX_MODEL_SENTENCES]
    asks = []
    for span in asked:
        original = _squash(span.text)
        msgs = prompts.messages(TASK, mode="rewrite", sentence=original)
        asks.append(
            Ask(
                messages=msgs,
                options=presets.SENTENCE,
                fallback="",
                facts=sentence_facts(original, request, msgs[0]["content"]),
                checks=(check_calm_sentence, lambda text, facts: check_judged_calm(text, judge)),
                what="sentence",
            )
        )
    written: dict[tuple[int, int], Optional[str]] = {}
    used, refusals = [], []
    for span, drafted in zip(asked, generate_many(backend, asks, on_chunk=on_chunk)):
        kept = drafted.output if drafted.generation.source == "model" else None
        if kept is None:
            last = drafted.attempts[-1].checks if drafted.attempts else []
            refusals.append(", ".join(c.code for c in failed(last)))
        else:
            used.append(kept)
        written[(span.start, span.end)] = kept
    return (lambda span: written.get((span.start, span.end))), used, refusals


def check_judged_calm(text: str, judge: SentenceJudge) -> CheckResult:
    """The judge does not flag the model's sentence."""
    p = judge.probabilities([text])[0]
    return CheckResult(
        code="judged-calm", passed=p < judge.threshold, detail=f"p(desperate) {p:.2f}"
    )


def generates(backend: Optional[Backend], always: bool = False) -> bool:
    """Whether soften asks this backend to write sentences. Not a small model: with the embedded
    SmolLM2 the guard refused every rewritten sentence (10 of 10 runs), so generating only cost
    5-12 s for the same calm version. Nor a model whose `models --check` figures for soften are
    under the threshold (assistant/engine/capability.py)."""
    return _not_writing(backend, always) is None


def _not_writing(backend: Optional[Backend], always: bool = False) -> Optional[str]:
    """Why soften does not ask this backend to write (None when it does, or there is none);
    `always` (--model-always) asks any model but the small one, whose sentences never pass."""
    if backend is None:
        return None
    if backend.info().is_small:
        return (
            "the model was not asked to write (a small model's rewrites do not pass the guard); "
            "the calm sentences are Rebound's"
        )
    from assistant.engine.capability import should_generate

    ask, why = should_generate("soften", backend, always=always)
    return None if ask else why


def judge_with(backend: Optional[Backend]) -> SentenceJudge:
    """The embedding judge when the backend's model has a shipped classifier, else the lexical one."""
    return judge_for(backend)


def _judged(text: str, judge: SentenceJudge) -> tuple[Judgement, SentenceJudge]:
    """The draft judged; a backend whose embeddings fail (none, or of another size) leaves the
    judging to the lexical engine."""
    try:
        return judge_draft(text, judge), judge
    except (NoEmbeddingsError, ValueError):
        if judge.engine != "embedding":
            raise
        judge = judge_for(None)
        return judge_draft(text, judge), judge


def explain(
    text: str, judgement: Judgement, judge: SentenceJudge, names: list[str]
) -> list[ToneSignal]:
    """The signal table: the phrase signals inside flagged sentences (and in the greeting and
    sign-off, which the judge does not read), and, for a flagged sentence no phrase explains,
    one signal for the whole sentence, coded by its strongest cue family."""
    parts = split_message(text)
    found = analyze(text, names).signals
    outside = parts.frame()
    signals = [s for s in found if any(o.overlaps(s.start, s.end) for o in outside)]
    for sentence in judgement.flagged:
        span = Span(text=sentence.text, start=sentence.start, end=sentence.end)
        inside = [s for s in found if span.overlaps(s.start, s.end)]
        if any(s.code != SHOUTING for s in inside):
            signals += inside
            continue
        code = reason_code(normalise(sentence.text), judge)
        d = signal_def(code)
        signals += inside
        signals.append(
            ToneSignal(
                code=code,
                excerpt=sentence.text,
                start=sentence.start,
                end=sentence.end,
                message=f"{CONTEXT_NOTE} {d.message}" if sentence.context else d.message,
                suggestion=d.suggestion,
            )
        )
    # shouting in a sentence the judge found calm is still calmed (and shown)
    flagged_or_outside = {(s.start, s.end) for s in signals}
    signals += [
        s for s in found if s.code == SHOUTING and (s.start, s.end) not in flagged_or_outside
    ]
    unique = {(s.code, s.start, s.end): s for s in signals}
    return sorted(unique.values(), key=lambda s: (s.start, s.end))


def soften(
    request: SoftenRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
    always: bool = False,
) -> SoftenResult:
    """`always`: ask the model to write whatever its `models --check` figures say."""
    judgement, judge = _judged(request.text, judge_with(backend))
    signals = explain(request.text, judgement, judge, request.names())
    checked = keep_facts(request, judgement, signals, judge)
    if checked is not judgement:
        judgement = checked
        signals = explain(request.text, judgement, judge, request.names())
    calm = calm_version(request, judgement, signals, judge)
    rewrite, source, notice = calm.text, "template", _not_writing(backend, always)
    checks = rewrite_checks(rewrite, request)
    if notice is None and backend is not None and judgement.flagged:
        spans = [Span(text=s.text, start=s.start, end=s.end) for s in judgement.flagged]
        writer, used, refusals = _model_writer(request, spans, judge, backend, on_chunk)
        rendered = _Rewriter(request, judgement, signals, writer, judge).render()
        candidate, candidate_checks = rendered.text, rewrite_checks(rendered.text, request)
        if used and not failed(candidate_checks):
            rewrite, source, checks = candidate, "model", candidate_checks
            calm = calm.model_copy(update={"made": rendered.made})
        elif used:
            notice = refused("rewrite", summary(candidate_checks))
        if refusals:
            asked = len(used) + len(refusals)
            notice = join_notices(
                notice,
                refused(f"sentences ({len(refusals)} of {asked})", " | ".join(refusals))
                + " (calm sentences were used)",
            )
    judge.know_templated(calm.made)
    after = judge_draft(rewrite, judge)
    return SoftenResult(
        score=judgement.score,
        level=judgement.level,
        signals=signals,
        rewrite=rewrite,
        rewrite_score=after.score,
        judge=judge.engine,
        flagged=[s.text for s in judgement.flagged],
        context=[s.text for s in judgement.flagged if s.context],
        rewrite_level=after.level,
        still_needy=[s.text for s in after.flagged],
        borderline=[]
        if judgement.flagged
        else [s.text for s in judgement.sentences if s.probability >= judge.threshold],
        note=calm.note,
        generation=Generation(
            source=source,
            model=backend.info().name if backend is not None else None,
            checks=as_checks(checks),
            notice=notice,
        ),
    )
