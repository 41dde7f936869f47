"""`soften`: score a follow-up draft for desperation and rewrite it calm.

The rewrite works on whole sentences: calm sentences are kept, flagged ones are dropped or
replaced by a calm sentence chosen by signal code (assistant/data/tone_signals.yaml), and the
greeting and sign-off stay. A model, when there is one, may rewrite one flagged sentence at a
time; the guard re-scores each (it must carry no signal), checks names and facts, and the
whole rewrite must be calm, or the deterministic rewrite is used."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, Optional

from pydantic import BaseModel, Field

from assistant import prompts
from assistant.analysis.message import MessageParts, Span, split_message
from assistant.analysis.tone import Level, ToneSignal, analyze, calm_table, signal_def, signal_defs
from assistant.engine.base import Backend
from assistant.engine.options import GenerateOptions
from assistant.followups import Advice
from assistant.guard.calm_rewrite import CalmFacts, check_calm_rewrite, check_calm_sentence
from assistant.guard.checks import CheckResult, failed, unknown_names
from assistant.guard.generate import GuardJob, guarded_generate_many

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
    source: Literal["model", "template"]
    checks: list[CheckResult]
    advice: Optional[Advice] = None
    notice: str = Field("", exclude=True)  # why the template was used: shown on stderr only


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


def sentence_checks(
    text: str, original: str, request: SoftenRequest, prompt_text: str
) -> list[CheckResult]:
    """One sentence a model rewrote: no signal, one sentence, the names and the point of `original` kept."""
    return check_calm_sentence(
        text,
        CalmFacts(
            known_text=_known_text(request),
            names=request.names(),
            required_names=names_in(original, request),
            prompt_text=prompt_text,
            original=original,
        ),
    )


# ---- the task -----------------------------------------------------------------------------


def _model_writer(
    request: SoftenRequest,
    signals: list[ToneSignal],
    backend: Backend,
    notices: list[str],
    used: list[str],
    on_chunk: Optional[Callable[[str], None]],
) -> Callable[[Span], Optional[str]]:
    """The model's rewrites of the first flagged sentences, asked for together (written side by side
    where the backend can), as a writer for _Rewriter: a sentence the guard refused gets None."""
    asked: list[Span] = []

    def ask(span: Span) -> None:  # a first pass notes the sentences the rewrite will ask for
        if len(asked) < MAX_MODEL_SENTENCES:
            asked.append(span)

    _Rewriter(request, signals, ask).render()
    opts = GenerateOptions(
        max_tokens=60, temperature=0.2, stop=["\n"], repeat_penalty=1.1, cache_instructions=True
    )
    jobs = []
    for span in asked:
        original = _squash(span.text)
        msgs = prompts.messages(TASK, mode="rewrite", sentence=original)
        jobs.append(
            GuardJob(
                msgs,
                opts,
                lambda text, o=original, m=msgs: sentence_checks(text, o, request, m[0]["content"]),
            )
        )
    written: dict[tuple[int, int], Optional[str]] = {}
    for span, draft in zip(asked, guarded_generate_many(backend, jobs, on_chunk=on_chunk)):
        if draft.text is None:
            notices.append(", ".join(c.code for c in failed(draft.attempts[-1].checks)))
        else:
            used.append(draft.text)
        written[(span.start, span.end)] = draft.text
    return lambda span: written.get((span.start, span.end))


def soften(
    request: SoftenRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> SoftenResult:
    report = analyze(request.text, request.names())
    rewrite, source, notice = template_rewrite(request, report.signals), "template", ""
    checks = rewrite_checks(rewrite, request)
    if backend is not None and report.signals:
        notices: list[str] = []
        used: list[str] = []
        writer = _model_writer(request, report.signals, backend, notices, used, on_chunk)
        candidate = _Rewriter(request, report.signals, writer).render()
        candidate_checks = rewrite_checks(candidate, request)
        if used and not failed(candidate_checks):
            rewrite, source, checks = candidate, "model", candidate_checks
        elif used:
            notice = "the model's rewrite failed the guard: " + "; ".join(
                f"{c.code} ({c.detail})" for c in failed(candidate_checks)
            )
        if notices:
            notice = "; ".join(
                filter(
                    None,
                    [
                        notice,
                        f"{len(notices)} of the model's sentences failed the "
                        f"guard ({' | '.join(notices)}): used calm template sentences",
                    ],
                )
            )
    rewrite_score = analyze(rewrite, request.names()).score
    return SoftenResult(
        score=report.score,
        level=report.level,
        signals=report.signals,
        rewrite=rewrite,
        rewrite_score=rewrite_score,
        source=source,
        checks=checks,
        notice=notice,
    )
