"""The keep-in-touch note to someone met in the interview (or the recruiter): a first connection
after the rejection, congratulations on news the user gives (a launch, a work anniversary), or a
real update of the user's own months later. Nothing to congratulate on or to share is invented:
it comes from the user.

A LinkedIn connection note fits LinkedIn's limit (300, or 200 on a free account): the template
has shorter levels and the first that fits is used; if even the shortest does not, the user's own
text is shortened at a word boundary. The guard rejects a model draft over the limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from pydantic import BaseModel, model_validator

from assistant import prompts
from assistant.analysis.detail import name_forms
from assistant.choices import Channel, Occasion
from assistant.engine.base import Backend
from assistant.errors import InputError, MissingFactError
from assistant.generation import Generation, join_notices
from assistant.guard.char_limit import (
    LINKEDIN_LIMITS,
    char_count,
    check_char_limit,
    normalise,
    shorten_words,
)
from assistant.guard.checks import (
    DRAFT_CHECKS,
    CheckResult,
    DraftFacts,
    check_draft,
    check_no_shorthand,
    check_reader,
)
from assistant.guard.generate import SLOT
from assistant.inputs.notes import RejectionNotes
from assistant.tasks import people
from assistant.tasks.slot import SlotTask, draft_with_slot, greeting_name
from assistant.text_utils import as_clause, split_subject

TASK = "network"
LEVELS = 6  # prompts/network/fallback.j2 has levels 0 (full) .. 5 (shortest)
MAX_EMAIL_WORDS = 140
GENERIC_WORDS = frozenset(
    "really enjoyed hearing learning about wanted share recently pleased happy congratulations "
    "great conversation especially which".split()
)
_SENTENCE_START = {"connect": ("I ",), "congratulate": ("Congratulations",), "update": ("I ",)}


class NetworkRequest(BaseModel):
    notes: RejectionNotes
    channel: Channel = "linkedin"
    occasion: Occasion = "connect"
    limit: int = 300
    to: Optional[str] = None  # default: the notes' contact, else the recruiter
    about: Optional[str] = None  # what to congratulate on (occasion congratulate)
    update: Optional[str] = None  # the user's news (occasion update)

    @model_validator(mode="after")
    def _needs(self):
        if self.limit not in LINKEDIN_LIMITS:
            raise InputError(f"--limit: must be {' or '.join(map(str, LINKEDIN_LIMITS))}")
        if self.occasion == "congratulate" and not (self.about or "").strip():
            raise InputError(
                '--about: say what to congratulate them on, e.g. --about "the launch of the spring '
                'catalogue" (Rebound never invents it)'
            )
        if self.occasion == "update" and not (self.update or "").strip():
            raise InputError(
                '--update: say what your news is, e.g. --update "I passed the AWS Solutions '
                'Architect exam" (Rebound never invents it)'
            )
        if self.about and self.occasion != "congratulate":
            raise InputError("--about: only for --occasion congratulate")
        if self.update and self.occasion != "update":
            raise InputError("--update: only for --occasion update")
        return self


class NetworkResult(BaseModel):
    to: str
    channel: Channel
    occasion: Occasion
    subject: str = ""  # email only
    body: str
    characters: int  # as LinkedIn counts them (see assistant.guard.char_limit)
    limit: Optional[int] = None  # LinkedIn only
    shortened: bool = False  # the user's own text was shortened to fit the limit
    generation: Generation


def reader(request: NetworkRequest) -> people.Person:
    """--to as a person from the notes (or as written, when the notes do not name them); else the
    notes' contact, else the recruiter."""
    try:
        return people.resolve(request.notes, request.to, strict=False)
    except MissingFactError:
        try:
            return people.resolve(request.notes, kind="recruiter")
        except MissingFactError:
            raise MissingFactError(
                "contact name", "add `contact_name: Sam Lee` to the front matter or pass --to NAME"
            ) from None


def recipient(request: NetworkRequest) -> str:
    return reader(request).name


def _clean(text: Optional[str]) -> Optional[str]:
    return normalise(" ".join(text.split())).rstrip(".!") if text else None


class _Note:
    """One request's template renderings and facts."""

    def __init__(self, request: NetworkRequest):
        self.request = request
        notes = request.notes
        self.person = reader(request)
        self.to = self.person.name
        names = [
            self.to,
            notes.contact_name or "",
            notes.company or "",
            *(p.name for p in notes.people),
        ]
        self.detail = people.detail_for(notes, self.person)
        about = _clean(request.about)
        self.base = dict(
            notes=notes,
            channel=request.channel,
            occasion=request.occasion,
            limit=request.limit,
            recipient=self.to,
            hello=greeting_name(self.to),
            signature=(notes.your_name or "").split()[0],
            detail=self.detail.prompt if self.detail else None,
            detail_sentence=self.detail.sentence() if self.detail else None,
            about=as_clause(about, names) if about else None,
            update=_clean(request.update),
            max_words=MAX_EMAIL_WORDS,
            subject=self._subject(),
        )
        self.shortened = False

    def _subject(self) -> str:
        role = self.request.notes.role
        return {
            "congratulate": "Congratulations",
            "update": f"A quick update since the {role} interview",
            "connect": f"Staying in touch after the {role} interview",
        }[self.request.occasion]

    def slot_fact(self) -> str:
        """What the model's sentence is about: the news given, or the interview's detail."""
        detail = self.detail.text if self.detail else ""
        return {"congratulate": self.base["about"], "update": self.base["update"]}.get(
            self.request.occasion, detail
        ) or ""

    def small_model(self) -> bool:
        """A small model writes the connect note's sentence only when a detail makes one."""
        return self.request.occasion != "connect" or self.detail is not None

    @property
    def linkedin(self) -> bool:
        return self.request.channel == "linkedin"

    def context(self, mode: str, free: dict) -> dict:
        return {
            **self.base,
            "mode": "full" if mode == "full" else f"sentence-{self.request.occasion}",
        }

    def render(self, sentence: Optional[str] = None, level: int = 0, **override) -> str:
        return prompts.render(
            TASK,
            "fallback",
            **{**self.base, **override, "mode": "template", "sentence": sentence, "level": level},
        )

    def fit(self, sentence: Optional[str] = None) -> str:
        """The fullest level that fits the limit; the shortest level when none does."""
        if not self.linkedin:
            return self.render(sentence)
        for level in range(LEVELS):
            text = self.render(sentence, level)
            if char_count(text) <= self.request.limit:
                return text
        return text

    def template(self) -> str:
        text = self.fit()
        if not self.linkedin or char_count(text) <= self.request.limit:
            return text
        key = "about" if self.request.occasion == "congratulate" else "update"
        own = self.base[key]
        if own:  # shorten the user's own text at a word boundary, by exactly what is over
            budget = char_count(own) - (char_count(text) - self.request.limit)
            short = shorten_words(own, budget)
            if short:
                self.shortened = True
                return self.render(level=LEVELS - 1, **{key: short})
        raise InputError(
            f"the names in the notes are too long for a {self.request.limit}-character "
            "LinkedIn note: use --channel email"
        )

    def sentence_frames(self) -> tuple[str, ...]:
        """The note with SLOT for the model's sentence, at every level a LinkedIn limit may need."""
        levels = range(LEVELS) if self.linkedin else range(1)
        return tuple(self.render(SLOT, level) for level in levels)

    def body_frame(self) -> str:
        return f"Subject: {self.base['subject']}\n\n{SLOT}" if not self.linkedin else SLOT

    def facts(self) -> DraftFacts:
        notes = self.request.notes
        known = "\n".join(
            [
                notes.all_text(),
                self.to,
                self.base["about"] or "",
                self.base["update"] or "",
                self.base["detail_sentence"] or "",
                self.render(),
            ]
        )
        others = people.others_name_forms(notes, self.to)
        return DraftFacts(
            known_text=known,
            reader=sorted(name_forms(self.to)),
            others=others,
            company=notes.company or "",
            required_names=[self.base["hello"]],
            signature=self.base["signature"] if self.linkedin else notes.your_name,
            min_words=10,
            max_words=80 if self.linkedin else MAX_EMAIL_WORDS,
        )

    def check_limit(self, text: str, _facts: DraftFacts) -> CheckResult:
        return check_char_limit(text, self.request.limit)

    def check_note(self, text: str, facts: DraftFacts) -> list[CheckResult]:
        """The draft checks, and the note written to its reader; the connect note's own words are
        sentences, not note shorthand (the news of the other occasions is the user's, as given)."""
        extra = (
            (check_reader, check_no_shorthand)
            if self.request.occasion == "connect"
            else (check_reader,)
        )
        return check_draft(text, facts, (*DRAFT_CHECKS, *extra))

    def checks(self) -> tuple:
        return (self.check_note, self.check_limit) if self.linkedin else (self.check_note,)


def draft_network_note(
    request: NetworkRequest,
    backend: Optional[Backend] = None,
    on_chunk: Optional[Callable[[str], None]] = None,
) -> NetworkResult:
    request.notes.require("company", "role", "your_name")
    note = _Note(request)
    spec = SlotTask(
        task=TASK,
        context=note.context,
        fallback=note.template(),  # fails early when even the shortest note cannot fit
        sentence_frames=note.sentence_frames(),
        body_frame=note.body_frame(),
        max_chars=request.limit if note.linkedin else None,
        facts=note.facts(),
        checks=note.checks(),
        generic_words=GENERIC_WORDS,
        sentence_start=_SENTENCE_START[request.occasion],
        must_mention=note.slot_fact(),
        small_model=note.small_model(),
    )
    drafted = draft_with_slot(spec, backend, on_chunk)
    subject, body = split_subject(drafted.text) if not note.linkedin else ("", drafted.text)
    generation = drafted.generation
    shortened = note.shortened and generation.source == "template"
    if shortened:
        flag = "--about" if request.occasion == "congratulate" else "--update"
        generation.notice = join_notices(
            generation.notice,
            f"your {flag} text was shortened at a word boundary to fit {request.limit} characters "
            "(--channel email keeps all of it)",
        )
    return NetworkResult(
        to=note.to,
        channel=request.channel,
        occasion=request.occasion,
        subject=subject,
        body=body,
        characters=char_count(body),
        limit=request.limit if note.linkedin else None,
        shortened=shortened,
        generation=generation,
    )
