"""Checks on the words of each bullet and the summary: numbers, openers, voice, cliches, length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Optional

from assistant.checks.phrases import phrase_pattern, word_set
from assistant.checks.registry import Hit, check
from assistant.inputs.resume import Resume

LONG_BULLET_WORDS = 35
WALL_WORDS = 50  # over this a bullet is a paragraph: wall-of-text, not long-bullet
WALL_SENTENCES = 3  # so many sentences in one bullet make a paragraph too
MIN_ACHIEVEMENT_WORDS = 4

QUANTITY = re.compile(
    r"\d|[%$\u20ac\u00a3\u00a5]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|"
    r"half|double|doubled|tripled|halved|twice|company[- ]wide|nationwide|worldwide|globally|every)\b",
    re.IGNORECASE,
)
HONOUR = re.compile(
    r"^\W*(?:awarded|won|received|named|selected|promoted|elected|nominated|earned)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(
    r"(?:^|(?<=[\s,;(]))I(?=\s+[a-z])|\bI(?:'m|'ve|'d|'ll|\u2019m|\u2019ve)\b|\b(?:[Mm]y|me|myself|mine)\b"
)
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W*$")


def first_person(text: str) -> Optional[str]:
    """The first-person word in the text, if any ('I' after a capitalised word is a numeral: Phase I)."""
    for m in FIRST_PERSON.finditer(text):
        if m.group(0) == "I":
            before = _PREVIOUS_WORD.search(text[: m.start()])
            if before and before.group(1)[0].isupper():
                continue
        return m.group(0)
    return None


BY_ME = re.compile(r"\bby me\b", re.IGNORECASE)
PASSIVE_SUBJECT_WORDS = 6  # "The quarterly budget for the region was prepared ..."
_CLAUSE = re.compile(r"\b(?:that|which|who|so|to|and|while|when|where|until|if)\b|[,;:]", re.I)


def _acts_first(before: str) -> bool:
    """Whether the words before a passive verb already hold the sentence's own action: a verb
    in the past tense, or a clause word (the passive then sits in a clause, not the main one)."""
    words = before.split()
    return bool(_CLAUSE.search(before)) or bool(
        words and (words[0].lower().endswith("ed") or words[0].lower() in _past_forms())
    )


@lru_cache(maxsize=1)
def _past_forms() -> frozenset[str]:
    from assistant.checks.phrases import phrase_lists

    return frozenset(v.lower() for v in phrase_lists()["irregular_past"].values())


@lru_cache(maxsize=1)
def passive_pattern() -> re.Pattern:
    irregular = "|".join(sorted(word_set("irregular_participles")))
    return re.compile(
        rf"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+ed|{irregular})\b",
        re.IGNORECASE,
    )


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)%][.!?])\s+(?=[A-Z\u2022*])|\s+[\u2022*]\s*")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (a bullet of one sentence stays whole)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_wall(text: str) -> bool:
    """A paragraph, not a bullet: over WALL_WORDS words or WALL_SENTENCES sentences."""
    return len(text.split()) > WALL_WORDS or len(sentences(text)) >= WALL_SENTENCES


def _texts(resume: Resume) -> Iterator[Hit]:
    """The summary and every bullet, sentence by sentence, as hits to report against (a
    paragraph resume is checked one sentence at a time, so a finding quotes the sentence)."""
    if resume.summary:
        for sentence in sentences(resume.summary):
            yield Hit("summary", resume.summary_line, sentence)
    for kind, bullet in resume.bullets():
        for sentence in sentences(bullet.text):
            yield Hit(kind, bullet.line, sentence)


@check(
    "unquantified-bullet",
    "info",
    "impact",
    "An achievement with no number, amount, percentage or scale.",
    "Add the size of the result: how many, how much, how fast, or how often (e.g. 'for [__] customers', "
    "'cut costs by [__]%').",
)
def unquantified(resume: Resume) -> Iterator[Hit]:
    for kind, bullet in resume.bullets():
        text = bullet.text
        if (
            len(text.split()) >= MIN_ACHIEVEMENT_WORDS
            and not QUANTITY.search(text)
            and not HONOUR.match(text)
        ):
            yield Hit(kind, bullet.line, text)


@check(
    "weak-opener",
    "warning",
    "impact",
    "Opens with a duty, not an action.",
    "Start with a strong past-tense verb for what you did and what changed (e.g. 'Built', 'Cut', 'Grew', "
    "'Launched').",
)
def weak_opener(resume: Resume) -> Iterator[Hit]:
    pattern = phrase_pattern("weak_openers", opener=True)
    service = phrase_pattern("weak_opener_exceptions", opener=True)
    for kind, bullet in resume.bullets():
        m = pattern.match(bullet.text)
        if m and not service.match(bullet.text):
            yield Hit(
                kind,
                bullet.line,
                bullet.text,
                f"Opens with a duty, not an action: '{m.group(0).strip()}'.",
            )


@check(
    "first-person",
    "warning",
    "clarity",
    "Uses the first person (I, my, me).",
    "Drop the pronoun and start with the verb: 'Managed the budget', not 'I managed my budget'.",
)
def first_person_check(resume: Resume) -> Iterator[Hit]:
    for hit in _texts(resume):
        word = first_person(hit.excerpt)
        if word:
            yield hit._replace(detail=f"Uses the first person: '{word}'.")


@check(
    "passive-voice",
    "warning",
    "clarity",
    "Written in the passive voice, which hides who did the work.",
    "Put yourself as the doer and lead with the verb: 'Managed patient flow', not 'Patient flow was managed'.",
)
def passive_voice(resume: Resume) -> Iterator[Hit]:
    allowed = word_set("passive_exceptions")
    pattern = passive_pattern()
    for kind, bullet in resume.bullets():
        # only a sentence whose own verb is passive ("Patient flow was managed"): a passive in a
        # clause after an action ("Ensured deadlines were met") reads well and is not flagged
        found = [
            m
            for m in pattern.finditer(bullet.text)
            if m.group("verb").lower() not in allowed
            and len(bullet.text[: m.start()].split()) <= PASSIVE_SUBJECT_WORDS
            and not _acts_first(bullet.text[: m.start()])
        ]
        by_me = BY_ME.search(bullet.text)
        if found or by_me:
            phrase = found[0].group(0) if found else by_me.group(0)
            yield Hit(kind, bullet.line, bullet.text, f"Passive voice: '{phrase}'.")


@check(
    "buzzword",
    "warning",
    "clarity",
    "A cliche or inflated word that readers skip.",
    "Replace the label with evidence: the result or the fact that shows it.",
)
def buzzword(resume: Resume) -> Iterator[Hit]:
    pattern = phrase_pattern("buzzwords")
    exceptions = phrase_pattern("buzzword_exceptions")
    skills = [s for s in resume.sections if s.kind == "skills"]
    listed = [
        Hit("skills", s.line, ", ".join(i for i in resume.skills if pattern.search(i)))
        for s in skills[:1]
    ]
    for hit in [*_texts(resume), *(h for h in listed if h.excerpt)]:
        words = []
        for m in pattern.finditer(exceptions.sub(" ", hit.excerpt)):
            if m.group(0).lower() not in words:
                words.append(m.group(0).lower())
        if words:
            yield hit._replace(
                detail="Cliche or inflated wording: " + ", ".join(f"'{w}'" for w in words) + "."
            )


@check(
    "long-bullet",
    "info",
    "clarity",
    f"A bullet longer than {LONG_BULLET_WORDS} words; readers skim past it.",
    "Keep one result per bullet in one or two lines: the action, the scale, the outcome.",
)
def long_bullet(resume: Resume) -> Iterator[Hit]:
    for kind, bullet in resume.bullets():
        n = len(bullet.text.split())
        if n > LONG_BULLET_WORDS and not is_wall(bullet.text):  # a wall is its own check
            yield Hit(
                kind, bullet.line, bullet.text, f"A bullet of {n} words (over {LONG_BULLET_WORDS})."
            )
