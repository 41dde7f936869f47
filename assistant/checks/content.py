"""Checks on what a reader trips over: words left from a template, walls of text in the work
history, and misspellings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from assistant import regex
from assistant.checks.examples import BASE
from assistant.checks.wording import (
    LONG_BULLET_WORDS,
    PARAGRAPH_WORDS,
    WALL_SENTENCES,
    WALL_WORDS,
    is_wall,
)
from assistant.inputs.resume import Resume
from assistant.rules import HINT, Hit, Rule
from assistant.text.sentences import sentences
from assistant.text_utils import plural

MIN_SPELL_LETTERS = 6  # shorter unknown words are mostly abbreviations ('mtgs', 'comp', 'apps')
MAX_SPELLING_FINDINGS = 5

# A placeholder a template left: '[35] WPM', '[Company]', '[%]', '[Job Title]', 'XYZ Corp'.
LEFTOVER = regex.compile(
    r"\[(?!\s*\])[^\[\]\n]{1,30}\](?!\()"  # a bracketed slot (not a Markdown link)
    r"|\b(?:XYZ|ABC)\b(?=\s+(?:company|corp|corporation|inc|ltd|llc|university|college|school|bank)\b)"
    r"|\b(?:lorem ipsum|your name here|insert (?:name|company|title|date)\w*)\b"
    r"|(?<![\w-])XYZ(?![\w-])",
    re.IGNORECASE,
)
_LEFTOVER_SKIP = ("publications",)  # '[1]' there is a reference number
# One ALL-CAPS word in brackets ('Annual HR Survey [PULSE]') is the short name the writer gives
# something, not a slot; unless it is a word templates use as a slot ('[NUMBER]', '[COMPANY]').
_ACRONYM = regex.compile(r"\[([A-Z][A-Z0-9&]{1,11})\]")
_SLOT_WORDS = frozenset(
    "number name company employer title position date year month city state school degree "
    "university amount percent skill skills tool tools location phone email".split()
)
# A bracket holding a proper name (capitalised words, none of them a slot word: '[Dehradun]',
# '[WalMart]') is a bracket where none belongs, and may be a slot the writer filled in: a hint.
# Numbers, blanks, symbols, slot words and lower-case nouns ('[35]', '[__]', '[%]', '[Company]',
# '[equipment]', '[week/month/year]') are what a template leaves: firm findings.
_NAME = regex.compile(r"\[\s*([A-Z][A-Za-z'.&-]*(?:\s+[A-Z][A-Za-z'.&-]*)*)\s*\]")


def _is_acronym(slot: str) -> bool:
    m = _ACRONYM.fullmatch(slot)
    return bool(m) and m.group(1).lower() not in _SLOT_WORDS


def _is_name(slot: str) -> bool:
    m = _NAME.fullmatch(slot)
    return bool(m) and not any(w.lower() in _SLOT_WORDS for w in re.findall(r"[A-Za-z]+", slot))


def template_leftover(resume: Resume) -> Iterator[Hit]:
    skip: set[int] = set()
    for section in resume.sections:
        if section.kind in _LEFTOVER_SKIP and section.line is not None:
            skip.update(range(section.line, section.line + len(section.lines) + 1))
    for number, line in enumerate(resume.lines, start=1):
        if number in skip:
            continue
        for m in LEFTOVER.finditer(line):
            if _is_acronym(m.group(0)):
                continue
            name = _is_name(m.group(0))
            yield Hit(
                _section_at(resume, number),
                number,
                line.strip(),
                f"A name in brackets: '{m.group(0)}' (a template's slot filled in? drop the brackets)."
                if name
                else f"Template placeholder left in: '{m.group(0)}'.",
                severity=HINT if name else None,
            )


def _section_at(resume: Resume, number: int) -> str:
    """The kind of the section line `number` is in ('document' before the first heading)."""
    return next(
        (s.kind for s in reversed(resume.sections) if s.line is not None and s.line <= number),
        "document",
    )


# Details a coach removes in most markets (the US, the UK, the EU, Canada, Australia): they invite
# bias and an employer may not ask for them. Each is matched as a label the writer filled in
# ("Date of birth : ..."), or as the one sentence that only says it ("I am 37 years old"), so a
# word that also has a working sense ('religion' as a subject, 'married' in a bullet) is not one.
PERSONAL_DETAILS: dict[str, re.Pattern] = {
    name: regex.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "date of birth": r"\bdate of birth\b|\bbirth ?date\s*:|\bd\.?o\.?b\.?\s*[:\-]|\bborn on\b",
        "age": r"\bage\s*:\s*\d{2}\b|\bI(?: am|'m)\s+\d{2}\s*(?:years|yrs)\s*old\b",
        "a parent's or spouse's name": r"\b(?:father|mother|husband|wife|spouse|guardian)"
        r"(?:'s|\u2019s|s)?\s+name\b",
        "marital status": r"\b(?:marital|civil) status\b",
        "religion": r"\breligion\s*:",
        "nationality or passport details": r"\bnationality\s*:|\bpassport\s*(?:no\b|number|details)",
        "gender": r"\b(?:gender|sex)\s*:\s*(?:male|female|m|f)\b",
        "a declaration": r"\bhere ?by declare\b|\bto the best of my knowledge\b"
        r"|^\W*declaration\W*$",
    }.items()
}


def personal_details(resume: Resume) -> Iterator[Hit]:
    for number, line in enumerate(resume.lines, start=1):
        found = [name for name, pattern in PERSONAL_DETAILS.items() if pattern.search(line)]
        if found:
            yield Hit(
                _section_at(resume, number),
                number,
                line.strip(),
                "Personal details a reader should not see: " + ", ".join(found) + ".",
            )


REPEATED_DUTY_WORDS = 5  # a shorter line ('Customer service') may fairly recur
_FIELD = regex.compile(
    r"^\W*[A-Z][\w ]{0,20}:\s"
)  # 'Salary: ...', 'Hours per week: 40': a field, not a duty


def repeated_duties(resume: Resume) -> Iterator[Hit]:
    """A bullet written word for word under two or more positions: one list copied from job to
    job says nothing about what was different in each."""
    first: dict[str, int] = {}
    jobs: set[tuple[str, str, str]] = set()
    for index, position in enumerate(resume.experience):
        job = (position.title, position.company, position.dates)
        if job in jobs:  # the same job listed twice is not two jobs sharing a duty
            continue
        jobs.add(job)
        for bullet in position.bullets:
            key = " ".join(re.findall(r"[a-z0-9]+", bullet.text.lower()))
            if len(key.split()) < REPEATED_DUTY_WORDS or _FIELD.match(bullet.text):
                continue
            if key in first and first[key] != index:
                yield Hit(
                    "experience",
                    bullet.line,
                    bullet.text,
                    "The same duty, word for word, under more than one position.",
                )
            first.setdefault(key, index)


def wall_of_text(resume: Resume) -> Iterator[Hit]:
    for kind, bullet in resume.bullets():
        if is_wall(bullet.text):
            n, k = len(bullet.text.split()), len(sentences(bullet.text))
            said = f"A paragraph of {n} words in {plural(k, 'sentence')}."
            yield Hit(kind, bullet.line, bullet.text, said)


def _speller():
    from assistant.checks.speller import speller  # fast word list; full dictionary on demand

    return speller()


@lru_cache(maxsize=1)
def _vocabulary_words() -> frozenset[str]:
    """Every word of the skills vocabulary, so tool and trade names are never misspellings."""
    from assistant.paths import read_data

    words: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(read_data("skills.yaml"))
    return frozenset(words)


def _looks_like_typo(word: str, fix: str, speller) -> bool:
    """Whether an unknown word is a slip of the fingers rather than a word the dictionary lacks:
    the correction is one letter added, dropped or two letters swapped (a changed letter is more
    often a trade word: 'coater', 'pavers'); and the word is not another form of it
    ('timelines', 'fundraise', 'clientele'/'clienti\u00e8le', 'organised'), nor two words run
    together the way English writes them ('onsite', 'upselling', 'bloodwork')."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", fix).encode("ascii", "ignore").decode()
    if (
        plain == word
        or fix.replace("'", "") == word
        or fix.startswith(word)
        or word.startswith(fix)
    ):
        return False
    if word.replace("is", "iz") in speller or word.replace("ys", "yz") in speller:
        return False  # British spelling
    if word.endswith("ies") and word[:-3] + "y" in speller:
        return False  # the plural of a word the dictionary knows ('jeopardies')
    if any(
        len(word[:i]) >= 2 and len(word[i:]) >= 3 and not speller.unknown([word[:i], word[i:]])
        for i in range(2, len(word) - 2)
    ):
        return False
    if abs(len(word) - len(fix)) == 1:
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, fix)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == fix[diff[1]]


_WORD = regex.compile(r"(?<![\w@/.'\u2019-])[a-z]+(?![\w@/'\u2019-])(?!\.\w)")
_PROPER = regex.compile(r"\b[A-Z][a-zA-Z]+\b")
_CAPITALISED = regex.compile(r"(?<![\w@/.'\u2019-])[A-Z][a-z]{6,}(?![\w@/'\u2019-])(?!\.\w)")
COMMON_WORD = 1000  # pyspellchecker's count: a correction seen this often is an everyday word


def _capitalised_slip(word: str, fix: str, speller) -> bool:
    """A Capitalised word may be a name ('Gurrero', 'Angeles'), so it counts as misspelled only
    when it is an everyday word with a letter left out or two letters swapped ('Managment',
    'Acheivement'); a letter more is too often a name or a trade word ('Prepress')."""
    return (
        speller.word_frequency[fix] >= COMMON_WORD
        and len(fix) >= len(word)
        and _looks_like_typo(word, fix, speller)
    )


_PAIR = regex.compile(r"(?=\b([A-Za-z]+) ([A-Za-z]+)\b)")


def join_split_words(line: str, speller) -> str:
    """The line with a word split by a space ('A dministrative', as some PDFs and web pages write
    it) joined again: two pieces that spell a known word where a piece is unknown and the other is
    one letter or unknown too. Two known words ('a ward') are never joined."""
    for m in reversed(list(_PAIR.finditer(line))):
        a, b = m.group(1), m.group(2)
        unknown = speller.unknown([a.lower(), b.lower()])
        if (
            unknown
            and (len(a) == 1 or a.lower() in unknown)
            and (len(b) == 1 or b.lower() in unknown)
            and (a + b).lower() in speller
        ):
            line = line[: m.start(1)] + a + b + line[m.end(2) :]
    return line


def spelling(resume: Resume) -> Iterator[Hit]:
    """Lower-case words only (a capitalised word may be a name, a place or a product; the
    resume's own proper nouns and the skills vocabulary are allowed in any case), each reported
    once, when the spell checker knows one close correction."""
    speller = _speller()
    vocabulary = _vocabulary_words()
    allowed = vocabulary | {w.lower() for w in _PROPER.findall(resume.text)}
    seen: set[str] = set()
    found = 0
    for number, line in enumerate(resume.lines, start=1):
        joined = join_split_words(line, speller)
        lower = [
            w
            for w in _WORD.findall(joined)
            if len(w) >= MIN_SPELL_LETTERS and w not in allowed and w not in seen
        ]
        capitalised = {
            w.lower() for w in _CAPITALISED.findall(joined) if w.lower() not in vocabulary
        } - seen
        asked = [w.lower() for w in lower] + sorted(capitalised)
        unknown = speller.unknown(asked)
        for word in dict.fromkeys(w for w in asked if w in unknown):  # in the line's order
            seen.add(word)
            fix = speller.correction(word)
            slip = _capitalised_slip if word in capitalised else _looks_like_typo
            if not fix or not slip(word, fix, speller):
                continue
            yield Hit(
                "document",
                number,
                line.strip(),
                f"'{word}' looks misspelled (did you mean '{fix}'?).",
            )
            found += 1
            if found >= MAX_SPELLING_FINDINGS:
                return


def _two_jobs(second: str) -> str:
    """The example resume with a second job whose first bullet is `second`."""
    first = BASE.replace("{bullet}", "Answered customer calls and resolved billing questions")
    return first.replace(
        "\n## Education",
        f"### Dispatcher, Alpine Freight, Jan 2018 - Dec 2020\n- {second}\n"
        "- Routed 30 trucks a day across 3 states\n\n## Education",
    )


RULES: tuple[Rule[Resume], ...] = (
    Rule(
        code="template-leftover",
        severity="error",
        category="structure",
        message="A placeholder from a template was left in.",
        suggestion="Replace the placeholder with your own words or figure, or delete it.",
        find=template_leftover,
        should_flag=(
            "Typed at [35] WPM for 4 partners",
            "Managed accounts at [Company] for 3 years",
            "Grew revenue by [%] in the [year] fiscal year",
            "Ran audits for XYZ Corporation in 5 states",
            "Hired [NUMBER] new staff in [NUMBER] months",
            "Serviced [equipment] for 40 clients a [week/month/year]",
            "Sold 3 [Product Name] lines to [City] retailers",
        ),
        should_hint=(  # a bracketed name: no slot word, maybe the writer's own brackets
            "Earned an MBA at ICFAI University [Dehradun] in 2007",
            "Named [WalMart] Employee of the Month 4 times in 2010",
        ),
        should_pass=(
            "Ran the Annual HR Survey [PULSE] for 3,000 staff",
            "Wrote the [setup guide](https://example.com) used by 40 staff",
            "Cut costs by 10% (see the 2021 report)",
        ),
    ),
    Rule(
        code="wall-of-text",
        severity="warning",
        category="clarity",
        message=f"A paragraph in the work history ({WALL_SENTENCES} sentences or more in over"
        f" {LONG_BULLET_WORDS} words, two in over {WALL_WORDS}, or over {PARAGRAPH_WORDS} words);"
        " readers skip walls of text.",
        suggestion="Break it into bullets of one result each: the action, the scale, the outcome.",
        find=wall_of_text,
        should_flag=(
            "Planned and publicized events, negotiated vendor contracts and designed promotional"
            " materials for the spring and autumn fairs. Proofread all print and electronic content"
            " for 12 campaigns. Revised campaigns in response to feedback from the creative director.",
            # one sentence, but a paragraph's length
            "Coordinated the rollout of the new routing software across 14 depots, working with"
            " drivers, dispatchers, the finance team, the warehouse leads and two outside vendors"
            " over several months, writing the training guides, running the pilot in the northern"
            " region, fixing the address data and making sure that every route was tested end to"
            " end before the launch in the spring of that year",
        ),
        should_pass=(
            "Rolled out routing software to 14 depots in 3 months",
            # three short statements are one bullet's worth
            "Planned 12 events. Negotiated 30 vendor contracts. Proofread every campaign.",
        ),
    ),
    Rule(
        code="personal-details",
        severity="warning",
        category="structure",
        message="Personal details that most employers may not ask for and a coach would remove"
        " (date of birth, age, a parent's or spouse's name, marital status, religion,"
        " nationality, a declaration).",
        suggestion="Delete them: a resume needs your name, contact details and work; details like"
        " these invite bias, and a signed declaration is not expected.",
        find=personal_details,
        should_flag=(
            "Date of birth : 1st Jan 1988",
            "Father's name : Mr. Govind Singh",
            "Marital status : Married",
            "Religion: Hindu",
            "Nationality : Indian, Passport No: K1234567",
            "I hereby declare that the above information is true to the best of my knowledge",
            "I am 37 years old and live in Fort Dodge",
        ),
        should_pass=(
            "Taught world religion and ethics to 120 students",
            "Checked dates of birth on 300 patient records a week",
            "Planned 40 weddings for married couples and families",
            "Cut average age of receivables from 60 to 41 days",
        ),
    ),
    Rule(
        code="repeated-duties",
        severity="warning",
        category="clarity",
        message="The same bullet, word for word, under more than one position.",
        suggestion="Keep each duty under the job where it mattered most and give every job what was"
        " different there: its own results, scale and tools.",
        find=repeated_duties,
        should_flag=(_two_jobs("Answered customer calls and resolved billing questions"),),
        should_pass=(_two_jobs("Answered 60 customer calls a day about late loads"),),
    ),
    Rule(
        code="spelling",
        severity="warning",
        category="clarity",
        message="A word that looks misspelled.",
        suggestion="Fix the spelling; a typo is the first thing a reader notices.",
        find=spelling,
        should_flag=(
            "Managed the recieving dock for 30 drivers",
            "BBA, Business Managment, 2010",
            "Acheivement Award for 12 straight months of sales targets",
        ),
        should_pass=(
            "Managed the receiving dock for 30 drivers",
            "Served 40 clinics across Los Angeles and Gurrero County",
            "Ran Prepress checks on 200 jobs a week",
            "Set timelines and fundraise targets for 4 projects",
            "Deployed Kubernetes and Terraform for 3 teams in Troms\u00f8",
            "Tracked milestones and potential jeopardies for 12 crews",
            "Led the M arketing team of 6 across 3 regions",  # a word split by a space
        ),
    ),
)
