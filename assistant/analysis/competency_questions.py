"""Interview questions on the competencies a civil-service bulletin says its interview examines
("In the interview, the following competencies may be evaluated: Analytical Ability, Attention to
Detail, ..."), each asked in the job's field: paired with a thing of the kind the competency
works on that the ad's own duty lines name (assistant/data/competency_questions.yaml).
"Analytical Ability" and "the resolution of ... administrative problems" give "Tell me about an
administrative problem you had to analyse. ..."; a competency the table has no kind of thing for
(teamwork, self-management), or whose kind the ad names none of, gives none: asked alone, it is
any job's question. Only the thing's noun and a few of its qualifiers are the ad's words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.analysis.duty_questions import DutyQuestion, ends_object, vague_word, verb_base
from assistant.analysis.keywords import singular
from assistant.analysis.question_types import QuestionType
from assistant.analysis.words import any_phrase
from assistant.paths import read_data
from assistant.text import sentences, stop_words, token_spans

COMPETENCY_FILE = "competency_questions.yaml"
MAX_QUALIFIERS = 3  # of the ad's words before the thing's noun: no paste of the ad
OBJECT_WORDS = 8  # how far after a verb of directing people its object is looked for

# "In the interview, the following competencies may be evaluated: A, B, ...", "In the interview,
# candidates may be examined on the following competencies: A, B": the list after the colon of a
# sentence where "competencies" follows "interview" (a written test's or a questionnaire's list
# is not the interview's); found with one scan each, never a pattern that backtracks
_INTERVIEW = regex.compile(r"\binterview\b", re.I)
_COMPETENCIES = regex.compile(r"\bcompetenc(?:y|ies)\b", re.I)
# where the list of competencies ends: the job's knowledge (the ad's own questions ask it) and
# the bulletins' closing "and other necessary skills, knowledge, and abilities"
_LIST_ENDS = regex.compile(r"\b(?:job knowledge|other necessary)\b", re.I)
# what an item says after its name: "Safety Focus including: safety procedures ..."
_ITEM_ENDS = regex.compile(r"\bincluding\b|\bwhich\b|\bsuch as\b|[:(]", re.I)
# an item that lists what it includes, in a list of names each capitalised ("Safety Focus
# including: safety procedures when working with and around hot metal, machinery, and ...")
_OWN_LIST = regex.compile(r"\bincluding\b|\bsuch as\b|:", re.I)
_BREAKS = (",", ";", ":", "(", ")", ".", "/")
_JOINS = ("and", "or")
_QUALIFIER = regex.compile(r"[a-z][a-z-]*[a-z]")


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nouns: list[str]  # singular
    qualified: bool = False  # only with a qualifier of the ad's before the noun
    directed: bool = False  # only as the object of a verb of directing people


class Pairing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    text: str
    type: QuestionType
    follow_up: str
    guide: list[str]
    asked_by: list[str] = []  # words of a question that asks the competency already


@lru_cache(maxsize=1)
def _data() -> dict:
    return read_data(COMPETENCY_FILE)


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    return {k: Kind.model_validate(v) for k, v in _data()["kinds"].items()}


@lru_cache(maxsize=1)
def pairings() -> dict[str, tuple[Pairing, ...]]:
    """Each competency (lower case, as the bulletins name it) -> its pairings, first first."""
    return {
        name: tuple(Pairing.model_validate(p) for p in listed)
        for name, listed in _data()["competencies"].items()
    }


@lru_cache(maxsize=1)
def _plain_qualifiers() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _data()["plain_qualifiers"])


@lru_cache(maxsize=1)
def _directing() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _data()["directing"])


def interview_competencies(text: str) -> list[str]:
    """The competencies the ad says its interview examines, as it writes them and in its order
    ("Analytical Ability", or "analytical ability" in a list cut by ";"); [] where it names none.
    The list ends at the job's knowledge ("and Job Knowledge, including knowledge of: ...") or
    the bulletins' "and other necessary skills, knowledge, and abilities"; what an item lists of
    its own ("Safety Focus including: safety procedures ...") is no competency's name."""
    for sentence in sentences(text):
        listed = _interview_list(sentence)
        if listed is None:
            continue
        listed = _LIST_ENDS.split(listed, maxsplit=1)[0]
        if ";" in listed:  # "analytical ability; customer service; ...": names lower case too
            return [n for n in (_name(x) for x in listed.split(";")) if n]
        names: list[str] = []
        own = False  # in a name's own list: "Safety Focus including: A, B, and C, and ..."
        for item in listed.split(","):
            name = _name(item)
            if own and name[:1].islower():
                continue  # "machinery", "power tools": what Safety Focus includes
            own = bool(_OWN_LIST.search(item))
            if name:
                names.append(name)
        return names
    return []


def _interview_list(sentence: str) -> Optional[str]:
    """What follows the colon of a sentence that says which competencies the interview examines
    ("interview", then "competencies" with no break between, then a colon), or None."""
    named = _COMPETENCIES.search(sentence)
    said = named and [*_INTERVIEW.finditer(sentence, 0, named.start())]
    if not said or any(c in sentence[said[-1].end() : named.start()] for c in ".:;"):
        return None
    colon = sentence.find(":", named.end())
    return sentence[colon + 1 :] if colon >= 0 else None


def _name(item: str) -> str:
    """A competency's name in a list's item: without its "and" and what it says after its name."""
    name = _ITEM_ENDS.split(re.sub(r"^\s*(?:and|or)\s+", "", item), maxsplit=1)[0]
    return " ".join(name.split()).strip(" .")


def _qualifier(word: str) -> bool:
    """Whether a word before a thing's noun says what field it is of ("administrative",
    "sworn", "journey-level"): a lower-case word (a capitalised one is a name: "Citywide"), no
    function word, nothing that says how many, how good or what rank (`plain_qualifiers`: "other",
    "subordinate"), no vague word, no duty verb ("prepare reports"), gerund or adverb."""
    low = word.lower()
    return (
        bool(_QUALIFIER.fullmatch(word))
        and low not in stop_words()
        and low not in _plain_qualifiers()
        and not vague_word(low)
        and verb_base(low) is None
        and not low.endswith(("ing", "ly"))
    )


def _qualifiers(line: str, spans: list, k: int) -> list[str]:
    """The qualifiers of the ad's words right before the noun at token k, at most MAX_QUALIFIERS
    of them, with the "and" or "or" that joins two ("sworn and civilian employees")."""
    out: list[str] = []
    j = k - 1
    while j >= 0 and sum(w not in _JOINS for w in out) < MAX_QUALIFIERS:
        if _broken(line, spans, j + 1):
            break
        word = spans[j].group(0)
        joined = (
            word.lower() in _JOINS
            and out
            and j > 0
            and _qualifier(spans[j - 1].group(0))
            and not _broken(line, spans, j)
        )
        if not joined and not _qualifier(word):
            break
        out.insert(0, word.lower() if joined else word)
        j -= 1
    return out


def _broken(line: str, spans: list, k: int) -> bool:
    """Whether a break (a comma, a semicolon, a bracket, a full stop) comes before token k."""
    gap = line[spans[k - 1].end() : spans[k].start()]
    return gap != " " and any(c in gap for c in _BREAKS)


def _heads(line: str, spans: list, k: int) -> bool:
    """Whether the noun at token k ends its phrase: a break, the line's end, a word that ends an
    object ("problems that", "employees in"), "and" or "or", a participle or a gerund ("employees
    engaged", "report writing") follows; not a noun it qualifies ("personnel administration",
    "report forms"), nor the "to" of a verb ("reports to the Chief")."""
    if k + 1 >= len(spans) or _broken(line, spans, k + 1):
        return True
    then = spans[k + 1].group(0).lower()
    if then == "to":
        return False
    return ends_object(then) or then in _JOINS or then.endswith(("ed", "ing"))


def _directed(line: str, spans: list) -> list[int]:
    """The tokens of the objects of the verbs of directing people (`directing`: "directs the
    work of sworn and civilian employees"), each up to a break or a word that ends an object."""
    out: list[int] = []
    for i, m in enumerate(spans):
        if verb_base(m.group(0)) not in _directing() or (i and m.group(0)[:1].isupper()):
            continue
        for j in range(i + 1, min(len(spans), i + 1 + OBJECT_WORDS)):
            if _broken(line, spans, j):
                break
            if ends_object(spans[j].group(0)) and spans[j].group(0).lower() not in _JOINS:
                break
            out.append(j)
    return out


def thing_of_kind(kind: Kind, lines: list[tuple[str, list]]) -> Optional[tuple[list[str], str]]:
    """The first thing of the kind the lines (each with its `token_spans`) name, as (its
    qualifiers, its noun as written): a noun of the kind that ends its phrase, lower case (a
    capitalised one is a name), with the qualifiers before it (at least one where the kind is
    `qualified`), and the object of a verb of directing people where it is `directed`."""
    for line, spans in lines:
        at = dict.fromkeys(_directed(line, spans)) if kind.directed else range(len(spans))
        for k in at:
            word = spans[k].group(0)
            if singular(word.lower()) not in kind.nouns or (k and word[:1].isupper()):
                continue
            if not _heads(line, spans, k):
                continue
            qualifiers = _qualifiers(line, spans, k)
            if qualifiers or not kind.qualified:
                return qualifiers, word.lower()
    return None


def _article(word: str) -> str:
    return "an" if re.match(r"[aeio]|u(?!ni|s[eu]|ti)", word.lower()) else "a"


def _asks(pairing: Pairing, asked: Sequence[str]) -> bool:
    """Whether a question already in the set asks the competency (its `asked_by` words)."""
    if not pairing.asked_by:
        return False
    found = any_phrase(pairing.asked_by)
    return any(found.search(text) for text in asked)


def competency_questions(
    names: Sequence[str], lines: list[str], asked: Sequence[str] = ()
) -> list[tuple[str, DutyQuestion]]:
    """(the competency as the ad names it, its question) for each of the competencies the ad
    says its interview examines (`names`, from `interview_competencies`), in its order, that the
    table pairs with a thing of a kind the ad's duty `lines` name; none for a competency a
    question in `asked` already asks ("How do you build trust with the community you serve?":
    community relations)."""
    out = []
    spanned = [(line, token_spans(line)) for line in lines]
    things: dict[str, Optional[tuple[list[str], str]]] = {}  # each kind's, read once
    for name in names:
        for pairing in pairings().get(name.lower(), ()):
            if pairing.kind not in things:
                things[pairing.kind] = thing_of_kind(kinds()[pairing.kind], spanned)
            found = things[pairing.kind]
            if not found:
                continue
            if not _asks(pairing, asked):
                out.append((name, _paired(pairing, *found)))
            break
    return out


def _paired(pairing: Pairing, qualifiers: list[str], noun: str) -> DutyQuestion:
    """The pairing's question on the thing: {a_thing} "an administrative problem", {thing}
    "administrative problem", {things} as the ad writes it, {noun} the noun alone, singular."""
    thing = " ".join([*qualifiers, singular(noun)])
    fields = {
        "thing": thing,
        "a_thing": f"{_article(thing)} {thing}",
        "things": " ".join([*qualifiers, noun]),
        "noun": singular(noun),
    }
    said = pairing.text.format(**fields)
    return DutyQuestion(
        text=said[0].upper() + said[1:],
        type=pairing.type,
        follow_up=pairing.follow_up.format(**fields),
        guide=[g.format(**fields) for g in pairing.guide],
        verb="",
        what=thing,
    )
