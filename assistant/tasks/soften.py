"""`soften`: score a follow-up draft for desperation and rewrite it calm.

The rewrite works on whole sentences: calm sentences are kept, flagged ones are dropped or
replaced by a calm sentence chosen by signal code (assistant/data/tone_signals.yaml), and the
greeting and sign-off stay. A model, when there is one, may rewrite one flagged sentence at a
time; the guard re-scores each (it must carry no signal), checks names and facts, and the
whole rewrite must be calm, or the deterministic rewrite is used."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel

from assistant import prompts
from assistant.analysis.message import MessageParts, Span, split_message
from assistant.analysis.tone import Level, ToneSignal, analyze, calm_table, signal_def, signal_defs
from assistant.engine import options as presets
from assistant.engine.base import Backend
from assistant.generation import Generation, as_checks, join_notices, refused
from assistant.guard.calm_rewrite import CalmFacts, check_calm_rewrite, check_calm_sentence
from assistant.guard.checks import CheckResult, failed, unknown_names
from assistant.guard.generate import Ask, generate_many, summary
from assistant.stores.followups import Advice

TASK = "soften"
MAX_DRAFT_BYTES = 20_000  # a message, not a document
MAX_MODEL_SENTENCES = 4  # the model rewrites at most this many flagged sentences
PLAIN_CLOSING = "Best regards,"
SHOUTING = "shouting"


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
    generation: Generation


# ---- the deterministic rewrite ------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _signals_in(span: Span, signals: list[ToneSignal]) -> list[ToneSignal]:
    return [s for s in signals if span.overlaps(s.start, s.end)]


def unshout(text: str, span: Span, signals: list[ToneSignal]) -> str:
    """The span's text with runs of ! and ? made single and words in capitals in sentence case."""
    out, pos = [], span.start
    for s in sorted(signals, key=lambda s: s.start):
        start, end = max(s.start, span.start), min(s.end, span.end)
        if start < pos:
            continue
        out.append(text[pos:start])
        piece = text[start:end]
        if re.fullmatch(r"[!?]+", piece):
            out.append("?" if "?" in piece else "!")
        else:
            at_start = start == span.start
            lowered = piece.lower()
            out.append(lowered[0].upper() + lowered[1:] if at_start else lowered)
        pos = end
    out.append(text[pos : span.end])
    return "".join(out)


def _calm_or_none(text: str, span: Span, signals: list[ToneSignal]) -> Optional[str]:
    """The span unchanged (or unshouted) when it carries no signal but shouting; else None."""
    found = _signals_in(span, signals)
    if any(s.code != SHOUTING for s in found):
        return None
    return _squash(unshout(text, span, found)) if found else _squash(span.text)


def replacements(codes: set[str]) -> list[str]:
    """Calm sentences for a flagged sentence's codes, in the registry's order."""
    return [r for d in signal_defs() if d.code in codes for r in d.replacement[:1]]


def _norm(sentence: str) -> str:
    return re.sub(r"[^\w ]", "", sentence.lower()).strip()


class _Rewriter:
    """Builds the rewrite sentence by sentence; `writer` may supply a flagged sentence's rewrite."""

    def __init__(
        self,
        request: SoftenRequest,
        signals: list[ToneSignal],
        writer: Optional[Callable[[Span], Optional[str]]] = None,
    ):
        self.text, self.request, self.signals, self.writer = request.text, request, signals, writer
        self.parts: MessageParts = split_message(self.text)
        self.used: set[str] = set()
        # The draft's own calm sentences: a replacement never repeats one of them.
        self.calm = {
            _norm(c)
            for para in self.parts.paragraphs
            for span in para
            if (c := _calm_or_none(self.text, span, signals))
        }

    def _add(self, out: list[str], sentence: str, replacement: bool = False) -> None:
        key = _norm(sentence)
        if key not in self.used and not (replacement and key in self.calm):
            self.used.add(key)
            out.append(sentence)

    def _sentence(self, span: Span, out: list[str]) -> None:
        calm = _calm_or_none(self.text, span, self.signals)
        if calm is not None:
            return self._add(out, calm)
        codes = {s.code for s in _signals_in(span, self.signals)}
        if not any(signal_def(c).replacement for c in codes):
            return  # nothing worth keeping: an apology, a feeling, a count of emails
        written = self.writer(span) if self.writer else None
        for sentence in [written] if written else replacements(codes):
            self._add(out, sentence, replacement=True)

    def _signoff(self) -> list[str]:
        lines = []
        for i, span in enumerate(self.parts.signoff):
            calm = _calm_or_none(self.text, span, self.signals)
            if calm is not None:
                lines.append(calm)
            elif i == 0 and len(self.parts.signoff) > 1:
                lines.append(PLAIN_CLOSING)  # a pleading closing line; the name below it stays
        return lines

    def render(self) -> str:
        paragraphs = []
        for para in self.parts.paragraphs:
            out: list[str] = []
            for span in para:
                self._sentence(span, out)
            if out:
                paragraphs.append(" ".join(out))
        greeting = self.parts.greeting
        company = self.request.company
        body = " ".join(paragraphs)
        return prompts.render(
            TASK,
            "fallback",
            greeting=_calm_or_none(self.text, greeting, self.signals) if greeting else None,
            paragraphs=paragraphs,
            signoff=self._signoff(),
            company=company,
            company_line=bool(company and company in self.text and company not in body),
        )


def template_rewrite(request: SoftenRequest, signals: list[ToneSignal]) -> str:
    return _Rewriter(request, signals).render()


# ---- the guard ----------------------------------------------------------------------------


def _known_text(request: SoftenRequest) -> str:
    return "\n".join(
        [
            request.text,
            *request.names(),
            *calm_table(),
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
    signals: list[ToneSignal],
    backend: Backend,
    on_chunk: Optional[Callable[[str], None]],
) -> tuple[Callable[[Span], Optional[str]], list[str], list[str]]:
    """The model's rewrites of the first flagged sentences, asked for together (written side by side
    where the backend can), as a writer for _Rewriter: a sentence the guard refused gets None.
    Also the sentences kept, and the failed check codes of each sentence refused."""
    asked: list[Span] = []

    def ask(span: Span) -> None:  # a first pass notes the sentences the rewrite will ask for
        if len(asked) < MAX_MODEL_SENTENCES:
            asked.append(span)

    _Rewriter(request, signals, ask).render()
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
                checks=(check_calm_sentence,),
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


def soften(
    request: SoftenRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> SoftenResult:
    report = analyze(request.text, request.names())
    rewrite, source, notice = template_rewrite(request, report.signals), "template", None
    checks = rewrite_checks(rewrite, request)
    if backend is not None and report.signals:
        writer, used, refusals = _model_writer(request, report.signals, backend, on_chunk)
        candidate = _Rewriter(request, report.signals, writer).render()
        candidate_checks = rewrite_checks(candidate, request)
        if used and not failed(candidate_checks):
            rewrite, source, checks = candidate, "model", candidate_checks
        elif used:
            notice = refused("rewrite", summary(candidate_checks))
        if refusals:
            asked = len(used) + len(refusals)
            notice = join_notices(
                notice,
                refused(f"sentences ({len(refusals)} of {asked})", " | ".join(refusals))
                + " (calm template sentences were used)",
            )
    rewrite_score = analyze(rewrite, request.names()).score
    return SoftenResult(
        score=report.score,
        level=report.level,
        signals=report.signals,
        rewrite=rewrite,
        rewrite_score=rewrite_score,
        generation=Generation(
            source=source,
            model=backend.info().name if backend is not None else None,
            checks=as_checks(checks),
            notice=notice,
        ),
    )
