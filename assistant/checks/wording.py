"""Checks on the words of each bullet and the summary: numbers, openers, voice, cliches, length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from assistant import regex
from assistant.checks.examples import BASE, LONG  # noqa: F401  (the rules' examples)
from assistant.inputs.resume import Resume
from assistant.rules import HINT, Hit, Rule
from assistant.text import has_quantity
from assistant.text.lexicon import (
    cliche_pattern,
    first_person,
    phrase_lists,
    phrase_pattern,
    word_set,
)
from assistant.text.sentences import run_on_count, sentences

LONG_BULLET_WORDS = 35
# A full line of a resume holds about 18 words (the median of the full-width lines of the outside
# PDFs; 3 in 4 hold at most 20), so a bullet of 36-40 words runs just into a third line, where a
# careful reader goes either way (a hint), and one over 40 runs past two lines of any of them.
LONG_BULLET_FIRM_WORDS = 40
WALL_WORDS = 50  # over this a bullet is a paragraph: wall-of-text, not long-bullet
WALL_SENTENCES = 3  # so many sentences in one bullet make a paragraph too
# Past this a bullet is a paragraph whatever its sentences: on the seen labels every resume with
# a one-sentence bullet of 61-100 words was one a coach said had a wall of text (8 of 8).
PARAGRAPH_WORDS = 60
MIN_ACHIEVEMENT_WORDS = 4

HONOUR = regex.compile(
    r"^\W*(?:awarded|won|received|named|selected|promoted|elected|nominated|earned)\b",
    re.IGNORECASE,
)
BY_ME = regex.compile(r"\bby me\b", re.IGNORECASE)
FIRST_PERSON_SUBJECTS = ("i", "we")
PASSIVE_SUBJECT_WORDS = 6  # "The quarterly budget for the region was prepared ..."
_CLAUSE = regex.compile(r"\b(?:that|which|who|so|to|and|while|when|where|until|if)\b|[,;:]", re.I)


def _acts_first(before: str) -> bool:
    """Whether the words before a passive verb already hold the sentence's own action: a verb
    in the past tense, or a clause word (the passive then sits in a clause, not the main one)."""
    words = before.split()
    return bool(_CLAUSE.search(before)) or bool(
        words and (words[0].lower().endswith("ed") or words[0].lower() in _past_forms())
    )


@lru_cache(maxsize=1)
def _past_forms() -> frozenset[str]:
    return frozenset(v.lower() for v in phrase_lists()["irregular_past"].values())


@lru_cache(maxsize=1)
def passive_pattern() -> re.Pattern:
    irregular = "|".join(sorted(word_set("irregular_participles")))
    return regex.compile(
        rf"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+ed|{irregular})\b",
        re.IGNORECASE,
    )


def is_wall(text: str) -> bool:
    """A paragraph, not a bullet: several statements (sentences, or statements glued together
    without an end mark, as a PDF paragraph often reads) that together run past one bullet's length
    (WALL_SENTENCES sentences in over LONG_BULLET_WORDS words, or two in over WALL_WORDS), or a
    run past PARAGRAPH_WORDS. Three short sentences read as one bullet, and one long sentence
    listing things is a long bullet (long-bullet), not a paragraph, until it runs as long as one."""
    n, k = len(text.split()), run_on_count(text, _past_forms())
    return (
        (k >= WALL_SENTENCES and n > LONG_BULLET_WORDS)
        or (k >= 2 and n > WALL_WORDS)
        or n > PARAGRAPH_WORDS
    )


def _texts(resume: Resume) -> Iterator[Hit]:
    """The summary and every bullet, sentence by sentence, as hits to report against (a
    paragraph resume is checked one sentence at a time, so a finding quotes the sentence)."""
    if resume.summary:
        for sentence in sentences(resume.summary):
            yield Hit("summary", resume.summary_line, sentence)
    for kind, bullet in resume.bullets():
        for sentence in sentences(bullet.text):
            yield Hit(kind, bullet.line, sentence)


def shows_result(text: str) -> bool:
    """An amount or a scale (not a date, a code or a level), or an honour: what the score's impact
    part counts as a shown result."""
    return has_quantity(text) or bool(HONOUR.match(text))


def unquantified(resume: Resume) -> Iterator[Hit]:
    for kind, bullet in resume.bullets():
        text = bullet.text
        if len(text.split()) >= MIN_ACHIEVEMENT_WORDS and not shows_result(text):
            yield Hit(kind, bullet.line, text)


# A duty named as a noun ("Preparation of", "Management of", "Selling of"): the work without
# the one who did it. On the seen labels every resume with one (9) was labelled weak-opener.
DUTY_NOUN = regex.compile(r"^\W*[A-Za-z]+(?:tion|sion|ment|ance|ing)\s+of\b")


def weak_opener(resume: Resume) -> Iterator[Hit]:
    pattern = phrase_pattern("weak_openers", opener=True)
    service = phrase_pattern("weak_opener_exceptions", opener=True)
    for kind, bullet in resume.bullets():
        m = pattern.match(bullet.text) or DUTY_NOUN.match(bullet.text)
        if m and not service.match(bullet.text):
            yield Hit(
                kind,
                bullet.line,
                bullet.text,
                f"Opens with a duty, not an action: '{m.group(0).strip()}'.",
            )


def first_person_check(resume: Resume) -> Iterator[Hit]:
    for hit in _texts(resume):
        word = first_person(hit.excerpt)
        if word:
            yield hit._replace(detail=f"Uses the first person: '{word}'.")


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
            # "I was trained", "We were hired": the writer is named, and what happened to them is
            # no work of theirs hidden (the first person is the first-person check's business)
            and bullet.text[: m.start()].strip().lower() not in FIRST_PERSON_SUBJECTS
        ]
        by_me = BY_ME.search(bullet.text)
        if found or by_me:
            phrase = found[0].group(0) if found else by_me.group(0)
            yield Hit(kind, bullet.line, bullet.text, f"Passive voice: '{phrase}'.")


def buzzword(resume: Resume) -> Iterator[Hit]:
    pattern = cliche_pattern()
    skills = [s for s in resume.sections if s.kind == "skills"]
    listed = [
        Hit("skills", s.line, ", ".join(i for i in resume.skills if pattern.search(i)))
        for s in skills[:1]
    ]
    for hit in [*_texts(resume), *(h for h in listed if h.excerpt)]:
        words = []
        for m in pattern.finditer(hit.excerpt):
            if m.group(0).lower() not in words:
                words.append(m.group(0).lower())
        if words:
            yield hit._replace(
                detail="Cliche or inflated wording: " + ", ".join(f"'{w}'" for w in words) + "."
            )


def long_bullet(resume: Resume) -> Iterator[Hit]:
    for kind, bullet in resume.bullets():
        n = len(bullet.text.split())
        if n > LONG_BULLET_WORDS and not is_wall(bullet.text):  # a wall is its own check
            firm = n > LONG_BULLET_FIRM_WORDS
            yield Hit(
                kind,
                bullet.line,
                bullet.text,
                f"A bullet of {n} words (over {LONG_BULLET_FIRM_WORDS}, past two lines)."
                if firm
                else f"A bullet of {n} words (over {LONG_BULLET_WORDS}, just into a third line).",
                severity=None if firm else HINT,
            )


RULES: tuple[Rule[Resume], ...] = (
    Rule(
        code="unquantified-bullet",
        severity="info",
        category="impact",
        message="An achievement with no number, amount, percentage or scale.",
        suggestion="Add the size of the result: how many, how much, how fast, or how often (e.g. 'for [__] customers', "
        "'cut costs by [__]%').",
        find=unquantified,
        should_flag=(
            "Improved the onboarding process for new drivers",
            "Built dashboards that the sales team used in meetings",
        ),
        should_pass=(
            "Improved onboarding for 25 new drivers a month",
            "Cut shipping costs by a third, saving $40K",
            "Awarded Employee of the Year",
        ),
    ),
    Rule(
        code="weak-opener",
        severity="warning",
        category="impact",
        message="Opens with a duty, not an action.",
        suggestion="Start with a strong past-tense verb for what you did and what changed (e.g. 'Built', 'Cut', 'Grew', "
        "'Launched').",
        find=weak_opener,
        should_flag=(
            "Responsible for managing the warehouse schedule",
            "Helped with the quarterly budget review",
            "Worked on a new returns process for 200 stores",
            "Duties included answering 50 calls a day",
            "Assisted the marketing team with various tasks",
            "Preparation of monthly MIS statements for 3 branches",
        ),
        should_pass=(
            "Managed the warehouse schedule for 30 drivers",
            # a name, not a duty
            "Department of Agriculture grant: wrote 3 proposals",
            "Helmed the budget review for 4 regions",
            # serving people is the work itself
            "Assisted customers with 40 returns and exchanges a day",
        ),
    ),
    Rule(
        code="first-person",
        severity="warning",
        category="clarity",
        message="Uses the first person (I, my, me).",
        suggestion="Drop the pronoun and start with the verb: 'Managed the budget', not 'I managed my budget'.",
        find=first_person_check,
        should_flag=(
            "I managed the budget of $2M",
            "Managed my team's budget of $2M",
            "Mentored 3 analysts who reported to me",
        ),
        should_pass=(
            "Managed a $2M budget in Portland, ME",
            "Ran Phase I of the ERP rollout for 5 sites",
        ),
    ),
    Rule(
        code="passive-voice",
        severity="warning",
        category="clarity",
        message="Written in the passive voice, which hides who did the work.",
        suggestion="Put yourself as the doer and lead with the verb: 'Managed patient flow', not 'Patient flow was managed'.",
        find=passive_voice,
        should_flag=(
            "The budget was managed for 4 regions",
            "Reports were written by me every week for 12 managers",
        ),
        should_pass=(
            "Managed the budget for 4 regions",
            "Was promoted to team lead after 9 months",
            "Based in Denver, covered 3 states",
            # a passive in a clause after the action reads well
            "Ensured all 40 shipping deadlines were met",
            # the writer is the subject: nothing they did is hidden
            "I was trained in forklift safety and first aid",
        ),
    ),
    Rule(
        code="buzzword",
        severity="warning",
        category="clarity",
        message="A cliche or inflated word that readers skip.",
        suggestion="Replace the label with evidence: the result or the fact that shows it.",
        find=buzzword,
        should_flag=(
            "Results-driven analyst who cut costs by 10%",
            "Spearheaded a synergy initiative across 3 teams",
            "Leveraged Excel to cut errors by 40%",
        ),
        should_pass=(
            "Cut costs by 10% by renegotiating 8 contracts",
            "Solved routing with dynamic programming for 300 routes",
            # a term of the trade, not a cliche
            "Advised 12 clients on debt leveraging and refinancing",
            "Modelled $40M of cost synergies for 2 acquisitions",
        ),
    ),
    Rule(
        code="long-bullet",
        severity="info",
        category="clarity",
        message=f"A bullet longer than {LONG_BULLET_FIRM_WORDS} words (past two lines); readers"
        " skim past it.",
        suggestion="Keep one result per bullet in one or two lines: the action, the scale, the outcome.",
        find=long_bullet,
        should_flag=(
            "Coordinated the rollout of the new routing software across 14 depots, working with drivers,"
            " dispatchers, the finance team and two outside vendors over several months to make sure that"
            " every route was tested end to end before the launch in the spring",
        ),
        should_hint=(  # 38 words: just into a third line
            "Coordinated the rollout of the new routing software across 14 depots, working with"
            " drivers, dispatchers, the finance team and two outside vendors over several months so"
            " that every route was tested end to end before the spring launch",
        ),
        should_pass=("Rolled out routing software to 14 depots in 3 months",),
    ),
)
