"""Interview questions built from a job ad's own duties (assistant/data/duty_questions.yaml), for
a job whose occupation family is unsure: each duty clause's verb ("inspects", "investigates",
"prepares") picks a pattern, and the few words after it name what the duty is about
("facilities", "reports of damage"). The ad's sentence is never pasted: only its verb and at most
MAX_OBJECT_WORDS words of its object are used, the object's common nouns in lower case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.analysis.question_types import QuestionType
from assistant.paths import read_data
from assistant.text import stem, stop_words, token_spans, tokens
from assistant.text_utils import with_article

DUTY_FILE = "duty_questions.yaml"
GENERAL_FILE = "interview_questions.yaml"  # its `general` questions suit every job
SKILLS_FILE = "skills.yaml"
MAX_TERMS = 3  # the job's terms one question lists
MAX_OBJECT_WORDS = 4
# Words that end a duty's object: what follows says how, where or why, not what.
_OBJECT_ENDS = frozenset(
    "and or for to in on at by with from as into through during under within via including "
    "such when where which that so while using according per across throughout and/or regarding "
    "concerning".split()
)
# Prepositions that open an adjective's complement ("consistent with", "sufficient to").
_COMPLEMENT_OPENERS = frozenset("with to for in from".split())
_CLAUSE_OPENERS = frozenset("and or also then will to i'll you'll we'll".split())
_DROP_FIRST = frozenset(
    "all any various related similar certain rudimentary".split()
)  # say no thing
_ARTICLES = frozenset(("the", "a", "an"))
_SUPERLATIVES = frozenset("best finest greatest highest most".split())
_AS_THE = frozenset("its their our your his her".split())  # "maintains its records": the records
# A word that qualifies a noun rather than names a thing ("creative", "operational", "long-term").
_MODIFIER = regex.compile(
    r"(?:ive|al|ous|ful|ic|able|ible|ary|ated|ient|-term|-based)$|^(?:new|other|more|such|same|"
    r"different|good|best|appropriate|necessary|related|complex|accurate|timely|multiple|specific)$",
    re.IGNORECASE,
)
# The endings of _MODIFIER that nouns have too ("material", "manual", "logic", "clinic").
_NOUN_ENDING = regex.compile(r"[a-z](?:al|ic)$")
_CLAUSE_BREAKS = (",", ";", ":", "(", ")", ".", "/")
_SPACED_DASH = regex.compile(r"\s[-\u2013\u2014]\s")  # "Lead Qualification - Validate the ..."
# Past participles not in -ed: "the work of sworn [and civilian employees]", "a written [plan]".
_PARTICIPLES = frozenset("sworn written known given taken chosen drawn shown held built".split())


def _cut_participle(what: list[str]) -> bool:
    """Whether the object's last word is a participle left by the cut, not a thing: "division
    activities involved [in]", "interpret detailed [instructions]", "backend systems supporting
    [applications]", "a video showcasing [...]". A gerund that names the work ("report writing",
    "data processing", "welding") stays: only one after a plural noun or in a phrase with "a"."""
    last = what[-1].lower()
    if last in _PARTICIPLES or (last.endswith("ed") and len(last) > 4 and not last.endswith("eed")):
        return True
    if last.endswith("ing") and len(what) >= 2:
        before, article = what[-2].lower(), what[0].lower() in ("a", "an")
        return (before.endswith("s") and not before.endswith("ss")) or article
    return False


class TermPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    categories: list[str]  # of assistant/data/skills.yaml
    names: bool = False  # its terms are names (Excel, RN): they keep their case
    text: str
    type: QuestionType
    follow_up: str
    guide: list[str]
    # a pattern for a list ("Which of them have you used?") said of one term
    text_one: Optional[str] = None
    follow_up_one: Optional[str] = None


class DutyPattern(BaseModel):
    verbs: dict[str, str]  # base form -> gerund
    text: str
    type: QuestionType
    follow_up: str
    guide: list[str]


@dataclass(frozen=True)
class DutyQuestion:
    text: str
    type: str
    follow_up: str
    guide: list[str]
    verb: str
    what: str


@lru_cache(maxsize=1)
def patterns() -> tuple[DutyPattern, ...]:
    return tuple(DutyPattern.model_validate(p) for p in read_data(DUTY_FILE)["patterns"])


@lru_cache(maxsize=1)
def term_patterns() -> dict[str, TermPattern]:
    return {k: TermPattern.model_validate(v) for k, v in read_data(DUTY_FILE)["terms"].items()}


@lru_cache(maxsize=1)
def _vague_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in read_data(DUTY_FILE)["vague_objects"])


def names_a_thing(dq: DutyQuestion, known: frozenset[str] = frozenset()) -> bool:
    """Whether a duty question's object names a thing of the job (not only vague words,
    duty_questions.yaml `vague_objects`, nor one capitalised word that is no known term)."""
    return not dq.what or _names_a_thing(dq.what, known)  # a term question names its terms


def _names_a_thing(what: str, known: frozenset[str] = frozenset()) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'+#-]*", what)]
    if len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in known:
        return False
    return any(w.lower() not in _vague_words() for w in words)


def _bare(words: list[str]) -> list[str]:
    """The words without their articles."""
    return [w for w in words if w.lower() not in _ARTICLES]


@lru_cache(maxsize=1)
def _general_words() -> frozenset[str]:
    """The stems of the content words of the questions every job is asked (the general
    behavioural questions of assistant/data/interview_questions.yaml): "time", "project",
    "problem", "report", "team", "decision". A duty named by one of these alone is any job's."""
    out = set()
    for competency in read_data(GENERAL_FILE)["competencies"].values():
        for question in competency["questions"].get("general", []):
            out.update(stem(t) for t in tokens(question) if t not in stop_words())
    return frozenset(out)


def one_vague_word(dq: DutyQuestion) -> bool:
    """Whether a duty question's object is one word (an article aside) that says too little to
    ask about: a vague word (duty_questions.yaml `vague_objects`: "issues", "efforts") or a word
    of the questions every job is asked ("lead projects", "manage time", "prepare reports", "fix
    the problems"); or a vague word with only qualifiers before it ("innovative strategies",
    "multiple assignments"). Whatever the field: the general questions ask these."""
    words = _bare(dq.what.split())
    if not dq.verb or not words:
        return False
    # a qualifier: a modifier, one before a comma ("creative, effective solutions") or a compound
    # before the last word ("long-term, data-driven solutions")
    nouns = [
        w.lower()
        for i, w in enumerate(words)
        if not (
            _MODIFIER.search(w.rstrip(",")) or w.endswith(",") or ("-" in w and i < len(words) - 1)
        )
    ]
    if len(words) > 1:  # "innovative strategies", "comprehensive unit": a qualifier of a vague
        return len(nouns) == 1 and nouns[0] in _vague_words()  # word names no more than it
    word = words[0].lower()
    return len(words) == 1 and (word in _vague_words() or stem(word) in _general_words())


@lru_cache(maxsize=1)
def _relation_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in read_data(DUTY_FILE)["relation_objects"])


def names_a_relationship(dq: DutyQuestion) -> bool:
    """Whether a duty question's object is a relationship ("maintain effective working
    relationships", "maintain good customer relations"): a soft skill of any job, which the
    general questions on working with people ask; asked as a duty it reads as a record to keep
    ("...how do you make sure nothing is missed or wrong?")."""
    words = dq.what.lower().split()
    return bool(dq.verb and words) and words[-1] in _relation_words()


@lru_cache(maxsize=1)
def _term_kinds() -> dict[str, str]:
    """Each canonical name of the curated skills vocabulary -> its term pattern's key."""
    data = read_data(SKILLS_FILE)
    out = {}
    for key, pattern in term_patterns().items():
        for category in pattern.categories:
            for entry in data.get(category, []):
                out.setdefault(str(entry).split("|")[0].strip(), key)
    return out


def product_name(term: str) -> bool:
    """Whether a term is a language, framework, platform or tool of the curated vocabulary (the
    `tools` term pattern's categories): a name, whatever case a sentence writes its word in."""
    return _term_kinds().get(term) == "tools"


def asked_terms(terms: list[str], most: int = MAX_TERMS) -> dict[str, list[str]]:
    """The terms `term_questions` asks about, by their term pattern: those of a pattern's
    vocabulary category, the first `most` of each; a term of none is asked about by none."""
    kinds: dict[str, list[str]] = {}
    for term in terms:
        kind = _term_kinds().get(term)
        if kind and len(kinds.setdefault(kind, [])) < most:
            kinds[kind].append(term)
    return kinds


def term_questions(terms: list[str], say=str, most: int = MAX_TERMS) -> list[DutyQuestion]:
    """Questions on the job's own terms (soft skills left out: the caller passes none): its
    tools in one question, its certifications in one, and one for each of its first methods
    (`say`: how a common noun is said mid-sentence)."""
    kinds = asked_terms(terms, most)
    out = []
    for key, pattern in term_patterns().items():
        found = [t if pattern.names else say(t) for t in kinds.get(key, [])]
        each = [[t] for t in found] if "{term}" in pattern.text else [found] if found else []
        for group in each:
            listed = ", ".join(group[:-1]) + " and " + group[-1] if len(group) > 1 else group[0]
            out.append(_said(key, "", listed, one=len(group) == 1, terms=listed, term=listed))
    return out


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, tuple[str, DutyPattern]]:
    """Each form of each duty verb (base, -s, -es, -ies, gerund) -> (base, its pattern)."""
    forms: dict[str, tuple[str, DutyPattern]] = {}
    for pattern in patterns():
        for base, gerund in pattern.verbs.items():
            third = base[:-1] + "ies" if base.endswith("y") and base[-2:-1] not in "aeiou" else None
            for form in (base, base + "s", base + "es", third, gerund):
                if form:
                    forms.setdefault(form, (base, pattern))
    return forms


def duty_verb(word: str) -> bool:
    """Whether a word is a form of a duty verb ("install", "designs", "maintaining")."""
    return word.lower() in _verb_forms()


def verb_base(word: str) -> Optional[str]:
    """The base form of a duty verb's form ("directs": direct), or None for any other word."""
    found = _verb_forms().get(word.lower())
    return found[0] if found else None


def ends_object(word: str) -> bool:
    """Whether a word ends a duty's object: what follows says how, where or why ("for", "to",
    "including"), not what."""
    return word.lower() in _OBJECT_ENDS


def vague_word(word: str) -> bool:
    """Whether a word names no thing of the job (duty_questions.yaml `vague_objects`)."""
    return word.lower() in _vague_words()


def _spoken(word: str, first: bool) -> str:
    """A word as said mid-sentence: a name keeps its case (HubSpot, MICN, Fire Department when
    capitalised mid-line); a capitalised common word at the start of a line does not."""
    if any(c.isupper() for c in word[1:]) or (not first and word[:1].isupper()):
        return word
    return word.lower()


def _objects(line: str) -> list[tuple[str, DutyPattern, str, int]]:
    """(verb, pattern, object, the verb's token) for each duty verb in the line that starts a
    clause."""
    spans = token_spans(line)
    out = []
    for i, m in enumerate(spans):
        found = _verb_forms().get(m.group(0).lower())
        if not found or (i and m.group(0)[:1].isupper()):  # "Water Service Representative"
            continue
        if i == 0 and m.group(0).lower().endswith("ing"):  # "training aids": a noun
            continue
        before = line[spans[i - 1].end() : m.start()] if i else ""
        prev = spans[i - 1].group(0).lower() if i else ""
        word = m.group(0).lower()
        # A clause starts at the line's start, after a break, "and", "will", "to" or an adverb
        # ("to implement ...", "continuously improve ..."), a gerund after "in", "by" or "with"
        # ("by creating ...") or after "of" before a noun phrase ("methods of preparing
        # educational material"), or after a subject of capitalised words ("A Wharfinger tracks").
        starts = (
            i == 0
            or any(c in before for c in _CLAUSE_BREAKS)
            or prev in _CLAUSE_OPENERS
            or (prev.endswith("ly") and len(prev) > 4)
            or (prev in ("in", "by", "with") and word.endswith("ing"))
            or (prev == "of" and word.endswith("ing") and _before_a_noun_phrase(spans, i))
            or (
                i <= 6
                and all(s.group(0)[:1].isupper() for s in spans[:i])
                and spans[0].group(0).lower() not in _verb_forms()  # "Resolve scheduling..."
            )
        )
        if not starts or _names_a_term(spans, i) or _said_of_us(spans, i):
            continue
        what = _object(line, spans, i + 1)
        if what and not _name_goes_on(what, line[m.end() :]):
            out.append((found[0], found[1], what, i))
    return out


_SUBJECTS = {"we": True, "we'll": True, "we're": True, "you": False, "you'll": False}
_SUBJECTS.update({"your": False, "who": False, "i": False})


def _said_of_us(spans: list, i: int) -> bool:
    """Whether the verb at token i is the employer's doing: the nearest subject before it in the
    line is "we" ("how we build our teams, cultivate leaders, and create a culture", "We hire
    carefully, and the entire team ... take part in evaluating potential hires"), not "you" or
    "who" ("we are looking for someone who will design ...")."""
    for k in range(i - 1, -1, -1):
        said = _SUBJECTS.get(spans[k].group(0).lower().replace("\u2019", "'"))
        if said is not None:
            return said
    return False


def _name_goes_on(what: str, rest: str) -> bool:
    """Whether a duty's object is the start of a name that goes on after "and": "implements an
    Industrial Hygiene [and Health and Safety Training Program]". Its words are all capitalised,
    and so is the word after the "and". (A list of the ad's listed things, "Check Disk and File
    Log", is not a duty's object: its names are each a thing.)"""
    words = _bare(what.split())
    after = re.match(rf"\s*(?:an?\s+|the\s+)?{re.escape(what)}\s+and\s+([A-Z])", rest)
    return bool(words) and all(w[:1].isupper() for w in words) and bool(after)


def _before_a_noun_phrase(spans: list, i: int) -> bool:
    """Whether the gerund at token i opens a clause of its own: "methods of preparing [the |
    educational] material" (an article, a possessive or a modifier follows), not a compound noun
    ("knowledge of operating procedures", "of planning documents")."""
    then = spans[i + 1].group(0).lower() if i + 1 < len(spans) else ""
    return then in _ARTICLES or then in _AS_THE or bool(_MODIFIER.search(then))


def _names_a_term(spans: list, i: int) -> bool:
    """Whether the verb at token i and the word or two after it are, as written, a skill's own
    name in the lexicon ("design patterns", "process improvement", "design reviews"): a noun
    phrase, not a duty ("data structures, algorithms, and design patterns"). An alias does not
    count: the taxonomies' skills are often verb phrases ("supervise staff" is the alias of staff
    supervision), which are duties."""
    from assistant.analysis.lexicon import lexicon, phrase_key

    lex = lexicon()
    for n in (2, 3):
        if i + n > len(spans):
            break
        key = phrase_key(" ".join(s.group(0) for s in spans[i : i + n]))
        term = lex.key_term(key)
        if term is not None and phrase_key(lex.term(term).name) == key:
            return True
    return False


def _object(line: str, spans: list, start: int) -> str:
    """At most MAX_OBJECT_WORDS words of the object starting at token `start`: up to a break or a
    word that says how, where or why; no article or modifier left dangling at the end; "" when
    nothing is left that names a thing."""
    return _object_span(line, spans, start)[0]


def _object_span(line: str, spans: list, start: int, listed: bool = False) -> tuple[str, int]:
    """`_object`, with where its last word ends in the line (-1 when it is ""); `listed`: the
    object is a later item of a list, so what comes before it (a comma, "and") is not read."""
    what: list[str] = []
    ends: list[int] = []  # where each of its words ends in the line
    whole = True  # the object ran to its own end, not to a list's comma or "and" or the cut
    complement = False  # it ended at a preposition that may open its last word's complement
    for k in range(start, len(spans)):
        gap = (
            line[spans[k - 1].end() : spans[k].start()] if k and not (listed and k == start) else ""
        )
        word = spans[k].group(0)
        if gap.startswith("-"):  # "pre- and post-processing": a word cut short
            return "", -1
        if _SPACED_DASH.search(gap):  # "Lead Qualification - Validate ...": a heading's end
            break
        if _coordinate(what, gap, word):
            what[-1] += ","  # "create differentiated, well-designed lessons": one noun's qualifiers
        elif any(c in gap for c in _CLAUSE_BREAKS) or word.lower() in _OBJECT_ENDS:
            if _name_before_its_head(what, line[spans[k - 1].end() :] if k else ""):
                return "", -1
            whole = not any(c in gap for c in ",/") and word.lower() not in ("and", "or", "and/or")
            complement = not gap.strip() and word.lower() in _COMPLEMENT_OPENERS
            break
        if not what and word.lower() in _DROP_FIRST:
            continue
        if not what and word.lower() == "your":
            # "improve your skill set", "manage your own projects", "process your information":
            # the candidate's own, or the reader's, not a thing of the job
            return "", -1
        if not what and word.lower() in _AS_THE:
            word = "the"
        if what == ["the"] and word.lower() == "own":  # "manage their own projects"
            continue
        if what == ["the"] and word.lower() in _SUPERLATIVES:
            # "write the best prompts", "deliver the finest service": how well, an aim; the
            # thing itself is any job's way of doing it
            return "", -1
        # a list's first word is said in lower case, unless a name goes on ("Microsoft Word")
        then = spans[k + 1].group(0) if k + 1 < len(spans) else ""
        what.append(_spoken(word, first=k == 0 and not then[:1].isupper()))
        ends.append(spans[k].end())
        if len(what) > MAX_OBJECT_WORDS:  # too long to say: up to its "of", if any
            whole = False
            if all(w[:1].isupper() for w in _bare(what)[-2:]):
                # "the Automated Property Information [Management System]": a name cut short
                return "", -1
            if "of" not in what:
                what = what[:MAX_OBJECT_WORDS]
                break
            what = what[: what.index("of")]
            if len([w for w in _bare(what) if not _MODIFIER.search(w)]) <= 1:
                # "lead the development [of ...]", "record personal observations [of ...]": the
                # head noun, qualified or not, names nothing; what it is of did, and is too long
                # to say
                return "", -1
            break
    if complement and len(_bare(what)) > 1 and _post_nominal(what[-1], what[-2]):
        # "develop policies consistent [with ...]", "analyze complex material sufficient [to
        # ...]": an adjective after its noun says what the thing must fit; without its
        # complement the object is cut, and the complement is too long to say
        return "", -1
    while what and (
        what[-1].lower() in stop_words()
        or _MODIFIER.search(what[-1])
        or what[-1].endswith(",")  # "central[, departmental, ...]": qualifiers cut short
        or (len(what) > 1 and what[-2].endswith(","))  # "long-term, data-driven": no noun
        or _cut_participle(what)
    ):
        if whole and _NOUN_ENDING.search(what[-1]) and len(_bare(what)) > 1:
            # "prepare educational material [for ...]", "analyze complex material [sufficient
            # to ...]": a word in -al or -ic last in an object run to its end is its noun
            break
        what.pop()  # "propose long-term", "records of operational": no noun at the end
    if what and _shared_qualifier(what, line[ends[len(what) - 1] :]):
        return "", -1
    if what and (what[0].lower() in _ARTICLES or what[0].lower() not in stop_words()):
        return " ".join(what), ends[len(what) - 1]
    return "", -1


# "Los Angeles Police Department (LAPD) organizational structure": a name, its acronym, and the
# noun the name qualifies
_ACRONYM_THEN_NOUN = regex.compile(r"\s*\([A-Z][A-Z0-9&]{1,7}\)\s+([a-z][\w-]*)")


def _name_before_its_head(what: list[str], rest: str) -> bool:
    """Whether an object of a name (its words all capitalised) stops at the name's acronym in
    parentheses while the noun the name qualifies comes after it ("the Los Angeles Police
    Department (LAPD) organizational structure"): the name alone is no thing the job asks about
    (an employer, a place), and the whole is too long to say. A name whose acronym ends its
    object ("... Department (LAPD) by ...", "... (EEO) and ...") is the thing itself."""
    m = _ACRONYM_THEN_NOUN.match(rest)
    words = _bare(what)
    return (
        bool(m and words) and all(w[:1].isupper() for w in words) and m.group(1) not in _OBJECT_ENDS
    )


def _post_nominal(word: str, before: str) -> bool:
    """Whether a word after a noun is an adjective that needs what follows it: a qualifier's
    ending that no participle has ("sufficient", "responsible", "available"), or one in -ent or
    -ant after a plural noun ("policies consistent", "systems compliant"); not a noun in -al or
    -ic ("technical manual"), nor a participle ("services related", "data collected")."""
    low = word.lower()
    if low.endswith("ed") or low in _PARTICIPLES or _NOUN_ENDING.search(low):
        return False
    plural = before.lower().endswith("s") and not before.lower().endswith("ss")
    return bool(_MODIFIER.search(low)) or (
        plural and low.endswith(("ent", "ant")) and not low.endswith("ment")
    )


def _coordinate(what: list[str], gap: str, word: str) -> bool:
    """Whether a comma between two qualifiers of one noun comes next: the object so far is
    qualifiers only and the word after the comma is one too ("differentiated, well-designed
    lessons"), so the comma ends no list's item."""
    return (
        gap.strip() == ","
        and bool(what)
        and all(_MODIFIER.search(w.rstrip(",")) for w in what)
        and (bool(_MODIFIER.search(word)) or "-" in word.strip("-"))
    )


def _shared_qualifier(what: list[str], rest: str) -> bool:
    """Whether a one-word object is the first of several qualifiers of a noun that comes later:
    "design [and code reviews]", "performant[, scalable and secure software]", "clear [and
    concise written reports]", "support product [and commercial initiatives]". Its list's last
    item runs to two or more words, so the noun is the list's, and the one word alone names
    nothing. A plural ("accounts and cash balances", "features, bug fixes") is an item of the
    list itself and stays."""
    words = _bare(what)
    if len(words) != 1 or not re.match(r"\s*(?:,|and\b|or\b)", rest, re.IGNORECASE):
        return False
    if re.match(r"\s*,\s*(?:and|or)\b", rest, re.IGNORECASE):
        return False  # "check stock, and provide materials": a new clause, not a list
    word = words[0].lower()
    if s_form(word) or word.endswith("a"):
        return False  # a plural ("taxes", "curricula") is an item of the list
    listed = re.split(r"[.;:()]", rest)[0]
    last = re.split(r",|\band/or\b|\band\b|\bor\b", listed, flags=re.IGNORECASE)[-1]
    item = []
    for w in re.findall(r"[A-Za-z][A-Za-z'/-]*", last):
        if w.lower() in _OBJECT_ENDS:
            break
        item.append(w)
    return len(item) >= 2


def item_question(item: str) -> Optional[DutyQuestion]:
    """A question on an item the ad lists without a verb ("data collection", "knowledge of:
    fundamental accounting practices"): the item pattern with a few words of it, or None; the
    methods pattern for a way of working ("methods used to weld, braze, and forge metal")."""
    method = method_question(item)
    if method or duty_questions(item):
        return method
    return purpose_question(item) or _item_question(item)


# "methods used to weld, braze, and forge metal", "procedures used to test and treat boiler and
# cooling water system", "techniques used to conduct effective investigations": a way of working
# the selection tests knowledge of, what it is for said by its verbs and their shared object
_METHODS_USED = regex.compile(
    r"^(?:and\s+)?(?:the\s+)?(methods|techniques|procedures)\s+(?:used|needed|required)"
    r"\s+to\s+(.+)",
    re.I,
)
_JOINS = frozenset(("and", "or", "and/or"))
# what ends the shared object, beside `_OBJECT_ENDS`: "following upgrade", "needed for"
_METHOD_OBJECT_ENDS = (_OBJECT_ENDS - _JOINS) | {"following", "needed", "required"}
MAX_METHOD_WORDS = 7  # of the verbs and their object: fewer than a paste of the ad


def _verbs_and_object(text: str) -> Optional[tuple[list[str], str]]:
    """The verbs and their shared object that open `text` ("weld, braze, and forge metal"): the
    first word and those a comma or "and" joins to it before any object; the object runs to a
    word that says how, where or why ("following upgrade", "needed for", "including"), and may be
    a list ("time, labor and materials"); verbs and object together fewer words than a paste of
    the ad (MAX_METHOD_WORDS), a longer list cut to its first item of two or more words. None
    where the object is a pronoun ("install, maintain, and repair them"), one vague word ("fix
    the problems") or too long to say."""
    words = re.findall(r"[A-Za-z][\w'/-]*|,", text)
    verbs = [words.pop(0).lower()] if words and words[0] != "," else []
    # "weld, braze, and forge metal": a comma or "and" right after a verb joins another verb
    while len(words) >= 3 and (words[0] == "," or words[0].lower() in _JOINS):
        nxt = 1 + (words[0] == "," and words[1].lower() in _JOINS)  # ", and forge"
        if nxt >= len(words) - 1 or words[nxt] == ",":
            break
        verbs.append(words[nxt].lower())
        words = words[nxt + 1 :]
    what: list[str] = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in _METHOD_OBJECT_ENDS:
            break
        if low in _JOINS and k + 1 < len(words) and words[k + 1].lower() == "to":
            break  # "and to interpret ...": a clause of its own
        what.append(word)
    while what and (what[-1] == "," or what[-1].lower() in _JOINS | stop_words()):
        what.pop()
    if "," in what and not any(w.lower() in _JOINS for w in what[what.index(",") :]):
        what = what[: what.index(",")]  # "estimate time, [...]" with no list's "and": the first
    room = MAX_METHOD_WORDS - 2 * len(verbs) + 1  # "test and diagnose": 3 words
    if len([w for w in what if w != ","]) > room and any(w.lower() in _JOINS for w in what):
        # "develop and maintain emergency operations plans [and procedures]": its first item,
        # unless one word, which may qualify the later item's noun ("boiler [and cooling water
        # system]": `_shared_qualifier`)
        first = what[: next(i for i, w in enumerate(what) if w == "," or w.lower() in _JOINS)]
        what = first if len(first) > 1 else what
    said = [w for w in what if w != ","]
    if not verbs or not said or verbs[0] in stop_words() or len(said) > room:
        return None
    if len(said) == 1 and said[0].lower() in stop_words():
        return None  # "repair them"
    object_ = re.sub(r"\s+,", ",", " ".join(said if len(said) == len(what) else what))
    object_ = object_.replace("and/or", "or")
    dq = DutyQuestion("", "", "", [], verbs[-1], object_)
    if one_vague_word(dq):
        return None  # "isolate and fix the problems": any job's
    return verbs, object_


def method_question(item: str) -> Optional[DutyQuestion]:
    """The methods pattern on an item that names a way of working by what it is used to do
    (`_METHODS_USED`): "How do you test and diagnose software and hardware functions? Walk me
    through the methods you use, and why." Its verbs and their object as `_verbs_and_object`
    reads them; None where it reads none."""
    m = _METHODS_USED.match(item.strip())
    said = _verbs_and_object(m.group(2)) if m else None
    if not said:
        return None
    verbs, object_ = said
    term = f"{_doing(verbs)} {object_}"
    return _said("method", verbs[-1], object_, kind=m.group(1).lower(), term=term)


# "electrical theory sufficient to properly connect and utilize electrical equipment", "charts,
# graphs, and diagrams such as those found in ... Visio sufficient to identify formula errors": a
# thing to know and what the ad says it is for
_FOR_A_PURPOSE = regex.compile(
    r"^(.+?),?\s+(?:sufficient to|in order to|so as to)\s+(?:[a-z]+ly\s+)?(.+)$", re.I
)
# what ends the thing to know: its examples ("such as", "including") and how it is described
_MEANS_ENDS = regex.compile(
    r"\s*(?:\(|,?\s+(?:such as|including|as they|as it|that|which)\b)", re.I
)
_KINDS_OF = regex.compile(r"^(?:the\s+)?(?:(?:types|kinds|forms) of\s+)", re.I)
# a purpose's first word that names no thing: "operate these devices", "determine if ..."
_NO_THING = frozenset("this that these those such it them if whether how what".split())
_LIST_GOES_ON = regex.compile(r"\s*(?:and|or|and/or)\s", re.I)
MAX_MEANS_WORDS = 4  # with "knowledge of", and apart from the purpose: no paste of the ad
PASTE_WORDS = 8  # an ability and its purpose together, fewer words than that


def says_a_purpose(item: str) -> bool:
    """Whether the item says what the thing it names is for ("... sufficient to V ...")."""
    return bool(_FOR_A_PURPOSE.match(item.strip(" .;")))


def purpose_question(item: str) -> Optional[DutyQuestion]:
    """The purpose pattern on a thing to know that the ad says what it is for (`_FOR_A_PURPOSE`:
    "common types of knots sufficient to secure items to the hand line"): "How has your knowledge
    of knots helped you secure items? ..."; the thing without its examples or how common it is
    (at most MAX_MEANS_WORDS words), the purpose as `_verbs_and_object` reads a verb and its
    object. None where the item is a duty clause of a pattern (its duty question asks it), the
    last item of a list ("and/or geology in order to ...": the purpose is the whole list's), or
    where the purpose names no thing ("add, subtract, and multiply with speed", "read them",
    "operate these devices", "ensure that ...")."""
    m = _FOR_A_PURPOSE.match(item.strip(" .;"))
    if not m or duty_questions(item) or _LIST_GOES_ON.match(item):
        return None  # "[A, B,] and/or geology in order to ...": the purpose is the whole list's
    means = _MEANS_ENDS.split(m.group(1), maxsplit=1)[0].split()
    while means and means[0].lower() in _HOW_COMMON | {"and", "commonly", "used"}:
        means = means[1:]  # "basic", "common", "commonly used"
    means = _KINDS_OF.sub("", " ".join(means)).split()
    purpose = _purpose(m.group(2))
    if not means or len([w for w in means if w != ","]) > MAX_MEANS_WORDS or not purpose:
        return None
    thing = " ".join(means)  # said mid-sentence in the ad's list: its case is the writer's
    return _purpose_said("purpose", thing, purpose)


def ability_purpose_question(ability: str) -> Optional[DutyQuestion]:
    """The purpose pattern for an ability the ad says what it is for ("compare data from multiple
    sources in order to identify errors and discrepancies"): "How do you compare data to identify
    errors and discrepancies? ...", the ability's verb and object and the purpose's each read as
    `_verbs_and_object` reads them. None where a duty pattern asks the ability (its duty question
    asks it), where its verb is an auxiliary or takes no thing ("communicate orally", "work with
    others"), where either object is vague ("manage time"), names no thing or is cut before its
    complement ("pay attention [to detail]"), or where the two
    together are as long as a paste of the ad (PASTE_WORDS)."""
    m = _FOR_A_PURPOSE.match(ability.strip(" .;"))
    if not m or duty_questions(ability):
        return None
    able = re.sub(r"^(?:[a-z]+ly\s+)", "", m.group(1).strip(" :"))  # "accurately compare"
    said = _verbs_and_object(_MEANS_ENDS.split(able, maxsplit=1)[0])
    purpose = _purpose(m.group(2))
    if not said or not purpose or said[0][0] in _AUXILIARIES:
        return None
    if re.search(rf"\b{re.escape(said[1])}\s+to\b", able):
        return None  # "pay attention [to detail]": cut before its complement
    then = _bare(said[1].split())[0]
    if then.lower() in stop_words() or then.endswith("ly"):
        return None  # "work with others", "communicate orally": how any job is done
    able = f"{_doing(said[0])} {said[1]}"
    if len(f"{able} {purpose}".split()) >= PASTE_WORDS:  # "in order" left out: still the ad's
        return None
    return _purpose_said("ability_purpose", able, purpose)


def _purpose(text: str) -> Optional[str]:
    """What a purpose says, its verbs and their object (`_verbs_and_object`), or None where it
    names no thing: "add, subtract, and multiply with speed", "read them", "operate these
    devices", "ensure that ...", "determine if ..."."""
    said = _verbs_and_object(text)
    if not said or said[1].split()[0].lower() in _NO_THING:
        return None
    object_ = re.sub(r"\s+[a-z]{3,}ly$", "", said[1])  # "operate them safely"
    return f"{_doing(said[0])} {object_}"


def _doing(verbs: list[str]) -> str:
    """Verbs said as a list: "weld, braze and forge"."""
    return ", ".join(verbs[:-1]) + (" and " if len(verbs) > 1 else "") + verbs[-1]


def _purpose_said(name: str, term: str, purpose: str) -> DutyQuestion:
    return _said(name, purpose.split()[0], purpose, term=term, purpose=purpose)


def gap_question(term: str, category: str) -> Optional[DutyQuestion]:
    """The question on a term of the ad the resume does not show, by the keyword gap's category
    (keywords.KeywordTerm): a certification or licence is held or not ("The job asks for a
    Class B licence. Do you hold it...?"), a skill or a domain is experience ("What experience do
    you have of cargo? ..."); None for a tool, which the question bank's gap templates ask about
    ("Tell me about a time you used it")."""
    if category != "certification or licence" and _roles(term):
        # "600 hours as a Museum Guide or Recreation Assistant": work done in a role
        said = " or ".join(with_article(_role_said(part)) for part in term.split(" or "))
        return _said("roles", "", term, term=said)
    if category == "certification or licence":
        said = _with_article(term)
        if _COMPLETED.search(term):  # completed, not held and kept current
            return _said("completions", "", term, term=said)
        return _said("certifications", "", term, one=True, terms=said, term=said)
    if category == "tool":
        return None
    if category == "soft skill" and " or " not in term:  # a trait: a time it showed
        return _said("qualities" if _ADJECTIVE.search(term) else "traits", "", term, term=term)
    # "experience of verbal communication", not "of verbal communication skills"
    area = re.sub(r"(?<=\w) skills$", "", term, flags=re.I) if " or " not in term else term
    return _said("items", "", term, term=area)


def _roles(term: str) -> bool:
    """Whether every name of a term is a role (occupations_file.role_name): "Museum Guide or
    Recreation Assistant", "Helicopter Mechanics"; not "Design Patterns or Model View Presenter",
    nor a title one is certified as ("Certified Crane Operator": a credential)."""
    from assistant.analysis.occupations_file import role_name

    return not term.lower().startswith("certified") and all(
        role_name(part) for part in term.split(" or ")
    )


def _role_said(role: str) -> str:
    """A role as said mid-sentence, one person: "helicopter mechanic" of Helicopter Mechanics;
    an acronym or a tool's name keeps its case ("ICT", "Salesforce")."""
    from assistant.analysis.occupations_file import role_head

    words = [w if w.isupper() or product_name(w) else w.lower() for w in role.split()]
    words[-1] = role_head(words[-1]) or words[-1]
    return " ".join(words)


# A trait said as an adjective: "action oriented", "self-motivated", "proactive".
_ADJECTIVE = regex.compile(r"(?:ed|ive)$", re.I)
# A credential one completes: "blacksmith apprenticeship", "apprenticeship certificate", "Hayden
# Electricity course"; not an "Engineer-in-Training certificate".
_COMPLETED = regex.compile(
    r"\b(?:apprenticeships?|courses?|programs?|programmes?)\b|\btraining$", re.I
)
# A credential's head noun that takes an article: "a driver's license", "an arborist
# certification"; not a name said alone ("ServSafe", "OSHA 30", "Registered Nurse").
_COUNTED = regex.compile(
    r"\b(?:licen[cs]e|certificate|certification|credential|permit|card|registration|"
    r"endorsement|clearance|apprenticeship|course|program|programme)$",
    re.I,
)


def _with_article(term: str) -> str:
    """A credential as a sentence names it: with "a" or "an" where its head noun counts ("a Class
    B driver's license", "an Engineer-in-Training certificate"); each name of an "A or B" gets
    its own, unless they share the last one's head noun ("a Class C or B driver's license")."""
    if not _COUNTED.search(term):
        return term
    parts = term.split(" or ")
    if all(_COUNTED.search(p) for p in parts):
        return " or ".join(map(_articled, parts))
    return _articled(term)


def _articled(phrase: str) -> str:
    """The phrase with "a" or "an" (text_utils.with_article), unless it has its own."""
    if phrase.split()[:1] and phrase.split()[0].lower() in ("a", "an", "the"):
        return phrase
    return with_article(phrase)


def _said(name: str, verb: str, what: str, one: bool = False, **fields: str) -> DutyQuestion:
    """The term pattern `name` with its fields filled in ("{term}", "{kind}", "{purpose}");
    `one`: a list's question of a list of one, in its `text_one` and `follow_up_one` where it has
    them ("Which of them..." of one tool reads wrong)."""
    pattern = term_patterns()[name]
    return DutyQuestion(
        text=((one and pattern.text_one) or pattern.text).format(**fields),
        type=pattern.type,
        follow_up=(one and pattern.follow_up_one) or pattern.follow_up,
        guide=[g.format(**fields) for g in pattern.guide],
        verb=verb,
        what=what,
    )


def _item_question(item: str) -> Optional[DutyQuestion]:
    """`item_question` for an item whose first words are no duty clause of a pattern."""
    words = _object(item, token_spans(item), 0).split()
    # "techniques of identifying[, preserving and presenting evidence]": a list of gerunds whose
    # object is past the list; the head noun before them names nothing either
    if words[-2:-1] == ["of"] and words[-1].endswith("ing"):
        gerunds = rf"\bof {re.escape(words[-1])}\s*(?:,|and\b|or\b)"
        if re.search(gerunds, item, re.IGNORECASE):
            words = words[:-2]
    if words[-2:-1] == ["of"] and _MODIFIER.search(words[-1]) and item.endswith(words[-1]):
        # "methods of economic[, maritime, and transportation related research]": a list's
        # comma cut the item after a qualifier; what it qualifies is in the list's last item
        words = words[:-2]
    while words and (words[-1].endswith("ed") or words[-1].lower() in stop_words()):
        words.pop()  # "the metals classified": the participle says how, not what
    if words and words[0].lower() in _ARTICLES and not words[1:2][0][:1].isupper():
        words = words[1:]  # "the City's Fire Department" keeps its article
    words = _with_shared_head(words, item)
    if len(words) < 2:  # one word ("methods", "resolution") says too little to ask about
        return _activity_question(item)
    if words[-1].lower() in _WORDS_FOR_WORDS:
        return _terms_question(words)
    what = " ".join(words)
    return _said("items", "", what, term=what)


def _with_shared_head(words: list[str], item: str) -> list[str]:
    """An item's object of two words cut at an "and" before two more whose last is a plural
    ("City building [and safety codes]", "basic accounting [and bookkeeping methods]"): its
    words qualify that plural too, which it takes ("City building codes"). Not after a plural
    ("retirement systems [and benefits]"), nor before a list's item of one word ("form
    construction [and alignment]"), of more ("data modeling [and data warehousing concepts]")
    or one that opens with a qualifier of its own ("[and] technical manuals")."""
    if len(_bare(words)) != 2 or s_form(words[-1].lower()):
        return words
    m = re.search(
        rf"(?i:\b{re.escape(words[-1])})\s+(?:and|or)\s+([a-z][\w'-]*)\s+([a-z][\w'-]*)\b", item
    )
    if not m or not s_form(m.group(2)) or _MODIFIER.search(m.group(1)):
        return words
    after = re.match(r"\s+([A-Za-z][\w'-]*)", item[m.end() :])
    if after and after.group(1).lower() not in _OBJECT_ENDS:
        return words  # "data warehousing concepts": the list's item goes on past two words
    return words + [m.group(2)]


# A field's words ("basic computer terminology", "common automotive terminology"): asked as
# the terms themselves, which the item pattern's "experience of terminology" does not say
_WORDS_FOR_WORDS = frozenset(("terminology", "vocabulary"))
_HOW_COMMON = frozenset("basic common commonly used general standard".split())


def _terms_question(words: list[str]) -> Optional[DutyQuestion]:
    """The terms pattern on a field's terminology named by its qualifiers ("basic computer
    terminology": "Which computer terms do you use most at work? ..."); None where nothing but
    how common the words are qualifies it."""
    field = [w for w in words[:-1] if w.lower() not in _HOW_COMMON]
    if not field:
        return None
    term = " ".join(field + ["terms"])
    return _said("terminology", "", term, term=term)


def _activity_question(item: str) -> Optional[DutyQuestion]:
    """An item cut to the noun of a duty verb's work before its "of" ("the resolution [of
    departmental and Citywide administrative problems]") asked as the duty: the verb's pattern on
    what the work is done to, read as `activity_objects` reads it ("Tell me about a time you had
    to resolve Citywide administrative problems ..."); the first of its list's items. None for any
    other item cut to one word or none."""
    m = re.match(r"\s*(?:the\s+)?([a-z]+)\s+of\s+", item, re.I)
    verb = _verb_of(m.group(1)) if m else None
    if not verb:
        return None
    spans = token_spans(item)
    found = _listed_objects(item, spans, _tokens_at(spans, (m.end(),)), qualified=True)
    if not found:
        return None
    dq = _verb_question(*_verb_forms()[verb], found[0][0])
    return None if one_vague_word(dq) or names_a_relationship(dq) else dq


def _verb_of(noun: str) -> Optional[str]:
    """The duty verb whose work a noun names: "installation" (install), "maintenance",
    "resolution" (resolve: a noun in -ution of a verb in -ve), "testing"; None for any other
    word."""
    noun = noun.lower()
    if noun.endswith("ution") and noun[:-5] + "ve" in _verb_forms():  # only a base ends in -ve
        return noun[:-5] + "ve"
    if noun in _verb_forms() and noun.endswith("ing"):  # "testing"
        return _verb_forms()[noun][0]
    if noun in _IRREGULAR_ACTIVITIES:
        return _IRREGULAR_ACTIVITIES[noun]
    if not _activity_noun(noun):
        return None
    return _base_by_stem().get(stem(noun))


# "experience in the development, implementation, testing, installation, maintenance or support
# of central, departmental, distributed or personal computer systems and associated hardware":
# a requirement's experience named by the nouns of its work, and what the work is done to
_EXPERIENCE_IN_WORK = regex.compile(
    r"\bexperience in (?:the )?((?:[a-z]+(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+))*[a-z]+)"
    r"\s+of\s+(.+)",
    re.I,
)
# "central, departmental, distributed or [personal computer systems]": the qualifiers a list of
# them shares with its last item's noun
_QUALIFIER_LIST = regex.compile(
    r"^(?:[a-z-]+\s*,\s*)+(?:[a-z-]+\s+)?(?:and|or)\s+(?=\S+\s+\S)", re.I
)


def experience_question(line: str) -> Optional[DutyQuestion]:
    """A requirement whose experience is named by the nouns of duty verbs' work and what it is
    done to (`_EXPERIENCE_IN_WORK`: "experience in the construction, maintenance, or operation of
    water system facilities") asked as the duty of its last noun ("Tell me about a time you had to
    support computer systems ..."), on the first thing its "of" names, as a reader names it
    (`_head_phrase`). None where a noun of the list is no duty's work ("experience in the
    preparation of monthly budget reports" gives one; "experience in a class at the level of ..."
    none) or the thing is vague ("the resolution of issues")."""
    m = _EXPERIENCE_IN_WORK.search(line)
    nouns = re.findall(r"[a-z]+", m.group(1), re.I) if m else []
    verbs = [_verb_of(n) for n in nouns if n.lower() not in ("and", "or")]
    if not verbs or not all(verbs):
        return None
    rest = _QUALIFIER_LIST.sub("", m.group(2))
    what = _head_phrase(_object(rest, token_spans(rest), 0))
    if not what or not _says_a_thing(what):
        return None
    dq = _verb_question(*_verb_forms()[verbs[-1]], what)
    return None if one_vague_word(dq) or names_a_relationship(dq) else dq


# An ability's verb that is an auxiliary says nothing of the work ("be available", "have a car");
# of the other function words, only "make" is a verb that takes a thing ("make presentations")
_AUXILIARIES = frozenset("be have do get".split())
_LIGHT_VERB = "make"


def ability_question(ability: str) -> Optional[DutyQuestion]:
    """A question on an ability the ad asks for whose verb no pattern has ("the ability to: make
    effective oral presentations; keep records related to training activities"): the item
    pattern on its gerund ("making effective oral presentations"). None where a pattern asks
    about it, where an adverb or a word of no content follows the verb ("work cooperatively with
    ...", "work with others": how any job is done) or where the verb shares its object with
    others ("read, interpret, and follow technical directions")."""
    ability = ability.strip(" :.")
    m = re.match(r"(?:[a-z]+ly\s+)?([a-z]+)\s+([A-Za-z][\w'-]*)", ability)  # "accurately compare"
    if not m or m.group(1) in _verb_forms():  # a duty pattern's verb asks, or left it out
        return None
    verb, then = m.group(1), m.group(2).lower()
    if verb in _AUXILIARIES or (verb in stop_words() and verb != _LIGHT_VERB):
        return None  # "and other necessary skills" names no ability
    if then in stop_words() or then.endswith("ly"):
        return None  # "work with others", "communicate orally": how any job is done
    # its object, cut as a duty's: "present cogent [and persuasive arguments]" names nothing
    said = ability[m.start(1) :]
    what = _object(said, token_spans(said), 1)
    return _item_question(f"{_gerund(verb)} {what}") if what else None


def _gerund(verb: str) -> str:
    """A verb's -ing form: make -> making, plan -> planning, keep -> keeping."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def duty_question(line: str) -> Optional[DutyQuestion]:
    """The first question a duty line gives, or None."""
    found = duty_questions(line)
    return found[0] if found else None


def duty_questions(line: str) -> list[DutyQuestion]:
    """A question for each duty clause of the line whose verb has a pattern."""
    return [_verb_question(base, pattern, what) for base, pattern, what, _ in _objects(line)]


def _verb_question(base: str, pattern: DutyPattern, what: str) -> DutyQuestion:
    """The duty verb's pattern asked on what the work is done to."""
    text = pattern.text.format(verb=base, doing=pattern.verbs[base], what=what)
    return DutyQuestion(
        text=text[0].upper() + text[1:],
        type=pattern.type,
        follow_up=pattern.follow_up,
        guide=list(pattern.guide),
        verb=base,
        what=what,
    )


# An adverb left last by the cut: "handle money accurately", "complete them promptly".
_ADVERB = regex.compile(r"[a-z]{3}(?:ately|ently|antly|ally|ively|ously|fully|ctly|arly)$")
# What joins one item of a list of objects to the next: "pumping plants, reservoirs, wells and
# related water facilities".
_NEXT_ITEM = regex.compile(r"\s*(?:,\s*(?:(?:and|or|and/or)\s+)?|\s+(?:and|or|and/or)\s+)", re.I)


# Prepositions `_OBJECT_ENDS` lets through (the interview's questions say them: "reports of
# damage"), after which a term's head is over.
_PREPOSITIONS = frozenset(
    "regarding concerning involving pertaining relating about against between among toward "
    "towards over".split()
)


def _head_phrase(what: str) -> str:
    """The thing an object names, as a reader would name it: without its article, a word that
    says no thing ("related", "various") or a qualifier before a noun of two or more words
    ("related water facilities": water facilities; "electronic parking meters": parking
    meters; "mechanical equipment" keeps its qualifier), nor what follows a preposition or an
    adverb after it; what a vague word is of ("the work of Carpenters": Carpenters)."""
    words = what.split()
    cut = next((n for n, w in enumerate(words) if w.lower() in _PREPOSITIONS), len(words))
    words = words[:cut]  # "issues regarding program services": what follows says what about
    while words and _ADVERB.search(words[-1].lower()):
        words.pop()
    if "of" in words[1:-1] and all(
        w.lower() in _vague_words() for w in _bare(words[: words.index("of")])
    ):
        words = words[words.index("of") + 1 :]  # "the work of Carpenters", "portions of software"
    while words and (
        words[0].lower() in _ARTICLES
        or words[0].lower() in _DROP_FIRST
        or (_MODIFIER.search(words[0]) and len(words) > 2)
    ):
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=1)
def _vague_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _vague_words())


def _says_a_thing(head: str) -> bool:
    """Whether a head phrase names a thing of the job: a word in it, qualifiers aside, that is no
    vague word (`vague_objects`: "work force", "activities") nor a word of the questions every
    job is asked ("team members", "projects", "changes"), and its last word is no vague word
    ("subordinate employees"); not one capitalised word ("Director")."""
    words = head.split()
    vague = _vague_stems()
    if not _names_a_thing(head) or stem(words[-1].lower()) in vague:
        return False
    return any(
        stem(w.lower()) not in vague
        and stem(w.lower()) not in _general_words()
        and not _MODIFIER.search(w)
        for w in words
    )


_MODALS = frozenset("may might must can could will would shall should".split())


def _starts_a_clause(first: str, then: str) -> bool:
    """Whether a later item of a list of objects starting with these two words is a clause of
    its own: a duty verb, a gerund, a modal, a pronoun or a function word ("..., and may be
    responsible"), a word with an apostrophe ("you'll"), or a verb before its object: a
    plural-looking word or any word followed by an article ("takes appropriate action", "play a
    key role")."""
    if first in _verb_forms() or first in _MODALS or first in stop_words():
        return True
    if first.endswith("ing") or "'" in first.replace("\u2019", "'"):
        return True
    return (
        bool(then) and then not in _OBJECT_ENDS and (s_form(first) or then in _ARTICLES | _AS_THE)
    )


def s_form(word: str) -> bool:
    """Whether a word may be a verb's -s form (or a plural: the caller tells them apart)."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _items(line: str, spans: list, k: int, qualified: bool = False) -> list[tuple[str, int, int]]:
    """The items of the list of objects starting at token k, each (object, start, end): a later
    item only in a list that says "and" or "or" ("plants, reservoirs, wells and facilities"; not
    "maintain records, take action"), up to one that starts a clause of its own (a verb, a
    gerund, a modal, a pronoun: "..., and you'll help build"). `qualified`: a first word that
    qualifies a later item's noun ("passenger [and freight elevators]") is passed over, not the
    list's end (the lists after an activity noun's "of")."""
    out: list[tuple[str, int, int]] = []
    joined = False  # an "and" or "or" joins two of the items
    joins = False  # ... the last item to the next one
    while k < len(spans):
        first = spans[k].group(0).lower()
        together = k + 1 < len(spans) and not line[spans[k].end() : spans[k + 1].start()].strip()
        then = spans[k + 1].group(0).lower() if together else ""
        # in a list of things ("the preparation of plans, designs, specifications"), a word a
        # comma or "and" follows takes no object: an item, though a verb's -s form ("designs")
        item = qualified and _NEXT_ITEM.match(line, spans[k].end()) is not None
        if out and not item and _starts_a_clause(first, then):
            if (
                s_form(first)
                and "," in line[out[-1][2] : spans[k].start()]
                and not (
                    then in _ARTICLES | _AS_THE or then in stop_words() or then.endswith("ing")
                )
            ):
                # "conducts permit inspections, issues citations, and makes arrests": a verb in
                # its -s form begins a clause of the same subject, with its own objects
                return (out if joined else out[:1]) + _items(line, spans, k + 1, qualified)
            break  # "manage expectations, measure results, and improve processes": its "and"
            # joins clauses, so its commas do too
        what, end = _object_span(line, spans, k, listed=bool(out))
        q = k + (spans[k].group(0).lower() in _ARTICLES and k + 1 < len(spans))
        nxt = _NEXT_ITEM.match(line, spans[q].end())
        if (
            not what
            and qualified
            and nxt
            and _shared_qualifier([spans[q].group(0)], line[spans[q].end() :])
        ):
            # "passenger [and freight elevators], escalators": the list goes on at its noun
            k = next((j for j, m in enumerate(spans) if m.start() >= nxt.end()), len(spans))
            joins = True
            continue
        if not what:
            break
        out.append((what, spans[k].start(), end))
        joined = joined or joins
        nxt = _NEXT_ITEM.match(line, end)
        if not nxt or (" of " in f" {what} " and "," not in nxt.group(0)):
            break  # "the risk of injury or illness": the list is what it is of
        joins = bool(re.search(r"\b(?:and|or)\b", nxt.group(0), re.I))
        k = next((j for j, m in enumerate(spans) if m.start() >= nxt.end()), len(spans))
    return out if joined else out[:1]


# Verbs whose object is whom the work is for, not what it is done to: "assists a skilled
# journey-level worker", "support data analysts", "advise management".
_FOR_WHOM = frozenset(
    "assist support serve advise help train teach instruct mentor coach educate".split()
)


_BEFORE_A_GERUND = _CLAUSE_OPENERS | {"in", "by", "with", "of"}  # "by creating", "of preparing"


def _compound_noun(line: str, spans: list, i: int) -> bool:
    """Whether the gerund at token i is a noun's first word after another noun, not a verb:
    "Apprentice training opportunities" (no break, and no "in", "by", "with" or "of" before it)."""
    word = spans[i].group(0).lower()
    if not i or not word.endswith("ing"):
        return False
    gap = line[spans[i - 1].end() : spans[i].start()]
    prev = spans[i - 1].group(0).lower()
    return not any(c in gap for c in _CLAUSE_BREAKS) and prev not in _BEFORE_A_GERUND


def duty_objects(line: str, after: tuple[int, ...] = ()) -> list[tuple[str, int, int]]:
    """The things a duty line says are worked on, each (head phrase, start, end in the line):
    the object of each duty verb that starts a clause and of the verbs ending at the offsets
    `after` (a job title's verbs the caller found: "A blacksmith forges, ..., and heat-treats
    metals"), with the other items of its list ("maintains electric water pumping plants,
    reservoirs, wells and related water facilities": four). An object that says no thing ("an
    effective work force", "team members") is none."""
    spans = token_spans(line)
    firsts = [
        i + 1
        for base, _, _, i in _objects(line)
        if base not in _FOR_WHOM and not _compound_noun(line, spans, i)
    ]
    return _listed_objects(line, spans, firsts + _tokens_at(spans, after))


def _tokens_at(spans: list, offsets: tuple[int, ...]) -> list[int]:
    """The first token at or after each offset."""
    return [next((k for k, m in enumerate(spans) if m.start() >= at), len(spans)) for at in offsets]


def _listed_objects(
    line: str, spans: list, firsts: list[int], qualified: bool = False
) -> list[tuple[str, int, int]]:
    """The head phrases of the lists of objects starting at the tokens `firsts` (`duty_objects`;
    `qualified`: `_items`)."""
    out: list[tuple[str, int, int]] = []
    for k in dict.fromkeys(firsts):
        for what, start, end in _items(line, spans, k, qualified):
            head = _head_phrase(what)
            if not head or not _says_a_thing(head):
                continue
            start = line.lower().find(head.split()[0].lower(), start)
            if not any(start < e and s < end for _, s, e in out):
                out.append((head, start, end))
    return out


# Nouns of work whose stem is no duty verb's: "maintenance" (maintain), "administration".
_IRREGULAR_ACTIVITIES = {"maintenance": "maintain", "administration": "administer"}


@lru_cache(maxsize=1)
def _base_by_stem() -> dict[str, str]:
    """The stems of the duty verbs, each with its verb (the first in alphabetical order where
    two share one): the nouns of their work share them ("installation", "replacement", "repair",
    "operation", "construction", "inspection")."""
    out: dict[str, str] = {}
    for base in sorted({base for pattern in patterns() for base in pattern.verbs}):
        out.setdefault(stem(base), base)
    return out


def _activity_noun(word: str) -> bool:
    """Whether a word is the noun of a duty verb's work: "installation", "maintenance",
    "repair" (not its gerund: "maintaining" is read as the verb)."""
    word = word.lower()
    if word.endswith("ing"):
        return False
    return word in _IRREGULAR_ACTIVITIES or stem(word) in _base_by_stem()


_WORDS_AT_END = regex.compile(r"[A-Za-z ,/]*$")


def _activities_before(nouns: str) -> bool:
    """Whether the words before an "of" end on a list of nouns of work, one of them no verb's own
    form ("maintenance and repair", "fabrication and repair"; not "records" alone: a thing)."""
    words = re.findall(r"[A-Za-z]+", nouns)
    listed: list[str] = []
    for w in reversed(words):
        if w.lower() in ("and", "or", "the") and listed:
            continue
        if not _activity_noun(w):
            break
        listed.append(w.lower())
    return any(w not in _verb_forms() for w in listed)


def activity_objects(line: str) -> list[tuple[str, int, int]]:
    """The things a line says work is done to through the noun of the work: "skilled work in the
    installation, replacement, maintenance, and repair of industrial steam ... systems", "engaged
    in the maintenance and repair of passenger and freight elevators, escalators, moving
    walkways": the list after the "of" of a list of activity nouns, cut as `duty_objects` cuts a
    verb's."""
    spans = token_spans(line)
    after = []
    for m in re.finditer(r"\bof\s+", line):
        # the list of nouns before it, looked for in the last 200 characters only: a list of
        # activity nouns is short, and a whole long line scanned at each "of" is quadratic
        before = _WORDS_AT_END.search(line, max(0, m.start() - 200), m.start()).group(0)
        if _activities_before(before):
            after.append(m.end())
    return _listed_objects(line, spans, _tokens_at(spans, tuple(after)), qualified=True)


# What a requirement's experience is in, with, or doing: "experience in development finance",
# "experience administering or coordinating a ... program, including developing, analyzing, or
# revising emergency response or recovery plans".
_EXPERIENCE_OF = regex.compile(
    r"\b(?:experience|including)\s+(?:(?:in|with)\s+(?!an?\s|[a-z]+ing\b|addition\b)|"
    r"(?P<doing>(?:[a-z]+ing(?:\s*,\s*|\s+))*(?:(?:and|or|and/or)\s+)?[a-z]+ing)\b\s*)",
    re.I,
)


def experience_objects(line: str) -> list[tuple[str, int, int]]:
    """The things a requirement says its experience is of: the list after "experience in" or
    "experience with", or after the duty verbs' gerunds that follow "experience" or "including",
    and after the "of" of activity nouns (`activity_objects`), cut as `duty_objects` cuts a
    verb's."""
    spans = token_spans(line)
    after = []
    for m in _EXPERIENCE_OF.finditer(line):
        doing = m.group("doing")
        if doing and not any(w.lower() in _verb_forms() for w in re.findall(r"[a-z]+", doing)):
            continue  # "experience working ...": no duty verb's work
        after.append(m.end())
    found = _listed_objects(line, spans, _tokens_at(spans, tuple(after)), qualified=True)
    # "experience in software release management, and 5+ years of ...": a count is no thing;
    # "experience with Microservices and proficiency in Docker": one word before its own "in"
    # or "with" is an ability, not a thing; one noun of work ("experience in the development,
    # ..., maintenance or support of computer systems") is read by its "of"; nor the kind
    # before its examples ("experience with devices such as office machines")
    found = [
        (what, start, end)
        for what, start, end in found
        if not what[:1].isdigit()
        and not re.match(r",?\s+(?:such as|including|like)\s", line[end:])
        and not (" " not in what and re.match(r"\s+(?:in|with)\s", line[end:]))
        and not (" " not in what and _activity_noun(what))
    ]
    return activity_objects(line) + found
