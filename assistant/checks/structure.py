"""Checks on the resume as a whole: contact details, sections, length, dates, verb variety."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Optional

from assistant import regex
from assistant.checks.examples import BASE, LONG, LONGISH  # noqa: F401  (the rules' examples)
from assistant.inputs.resume import ROLE_WORDS, Resume, split_dates
from assistant.rules import HINT, Hit, Rule
from assistant.text import TOKEN
from assistant.text.lexicon import phrase_lists

WORDS_PER_PAGE = 500
# Length is judged in pages. Past three pages' worth of words a resume is too long for any
# reader; between two and a half and three a careful reader goes either way (on the outside
# resumes, 2- and 3-page PDFs of 1,200-1,300 words were judged both ways), so that band is a hint.
TOO_LONG_WORDS = 3 * WORDS_PER_PAGE  # 1,500
LONGISH_WORDS = int(2.5 * WORDS_PER_PAGE)  # 1,250
MAX_JOB_HEADING_WORDS = 16
REPEATED_VERB_MIN = 3
REPEATED_VERB_SHARE = 1 / 3  # of all bullets; across several jobs a fifth is ordinary
REPEATED_VERB_RUN = 3  # or the same verb opens so many bullets in a row (a long resume's lists)
REQUIRED_SECTIONS = (("experience", "error"), ("education", "warning"), ("skills", "warning"))

_MONTHS_FULL = "january|february|march|april|june|july|august|september|october|november|december"
_MONTHS_SHORT = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
DATE_STYLES = [
    ("'May 2020' (either)", regex.compile(r"^may\.?\s+\d{4}$", re.I)),
    ("'January 2020'", regex.compile(rf"^(?:{_MONTHS_FULL})\s+\d{{4}}$", re.I)),
    ("'Jan 2020'", regex.compile(rf"^(?:{_MONTHS_SHORT})\.?\s+\d{{4}}$", re.I)),
    ("'01/2020'", regex.compile(r"^\d{1,2}/\d{4}$")),
    ("'2020-01'", regex.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")),
    ("'2020'", regex.compile(r"^\d{4}$")),
]
_DATE_TOKEN = regex.compile(
    rf"(?:(?:{_MONTHS_FULL}|{_MONTHS_SHORT}|may)\.?\s+\d{{4}}|\d{{1,2}}/\d{{4}}"
    rf"|(?<!\d)\d{{4}}-(?:0[1-9]|1[0-2])(?:-\d{{2}})?(?!\d)|(?<!\d)\d{{4}}(?!\d))",
    re.IGNORECASE,
)


_RANGE_WORD = regex.compile(r"\s(?:-|\u2013|\u2014|to|until|till)\s|\d(?:-|\u2013)\d", re.I)


@lru_cache(maxsize=1)
def _past_forms() -> frozenset[str]:
    return frozenset(v.lower() for v in phrase_lists()["irregular_past"].values())


def missing_contact(resume: Resume) -> Iterator[Hit]:
    missing = [
        what
        for what, value in (
            ("email address", resume.contact.email),
            ("phone number", resume.contact.phone),
        )
        if not value
    ]
    if missing:
        yield Hit(
            "contact",
            1 if resume.format != "json" else None,
            (resume.lines[0] if resume.lines else ""),
            f"No {' and no '.join(missing)} found.",
        )


def missing_section(resume: Resume) -> Iterator[Hit]:
    for kind, _severity in REQUIRED_SECTIONS:
        if not resume.has_section(kind):
            yield Hit(
                "document",
                None,
                "",
                f"No {kind} section found (looked for headings like '{kind.title()}').",
            )


def distinct_words(text: str) -> int:
    """The words of the text, a line repeated word for word counted once: a work history printed
    twice (a web page's copy, a pasted second version) is a copy to delete, not length."""
    seen: set[str] = set()
    n = 0
    for line in text.splitlines():
        key = " ".join(line.split()).lower()
        if key and key not in seen:
            seen.add(key)
            n += len(line.split())
    return n


def too_long(resume: Resume) -> Iterator[Hit]:
    n = distinct_words(resume.text)
    if n > LONGISH_WORDS:
        firm = n > TOO_LONG_WORDS
        yield Hit(
            "document",
            detail=f"About {n:,} words, roughly {n / WORDS_PER_PAGE:.1f} pages "
            + (
                f"(over {TOO_LONG_WORDS:,} words, three pages)."
                if firm
                else f"(over {LONGISH_WORDS:,} words, two and a half: most readers expect two)."
            ),
            severity=None if firm else HINT,
        )


def date_style(token: str) -> str:
    token = " ".join(token.split())
    for label, pattern in DATE_STYLES:
        if pattern.match(token):
            return label
    return "other"


def date_inconsistent(resume: Resume) -> Iterator[Hit]:
    styles: dict[str, tuple] = {}
    for pos in resume.experience:
        # only the dates of a range ('Jan 2020 - Mar 2022'): a lone year in a heading may be an
        # award's or a course's, not the position's
        ranges = " ".join(d for d in pos.dates.split(", ") if _RANGE_WORD.search(d))
        own: dict[str, tuple] = {}
        for m in _DATE_TOKEN.finditer(ranges):
            style = date_style(m.group(0))
            if style != DATE_STYLES[0][0]:
                own.setdefault(style, (pos, m.group(0)))
        if len(own) > 1:  # one range in two styles ('2018 - Dec 2020')
            styles = own
            break
        # a position given in years only ('2014 - 2015') next to month-dated ones is a usual
        # choice for an older or shorter job, not an inconsistency: only month styles compare
        for style, where in own.items():
            if style != DATE_STYLES[-1][0]:
                styles.setdefault(style, where)
    if len(styles) > 1:
        (first, _), (second, (pos, token)) = list(styles.items())[:2]
        yield Hit(
            "experience", pos.line, pos.dates, f"Dates mix {first} and {second} styles ('{token}')."
        )


_MONTH_NUMBER = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


def date_value(token: str) -> Optional[tuple[int, Optional[int]]]:
    """(year, month) of one written date ('Jan 2020', '01/2020', '2020-01'), month None for a
    year alone ('2020'); None for 'Present' or a shape not read."""
    token = " ".join(token.split()).lower()
    year = re.search(r"(?:19|20)\d\d", token)
    if not year:
        return None
    month = None
    if m := re.match(r"[a-z]{3}", token):
        month = _MONTH_NUMBER.get(m.group(0))
    elif m := re.match(r"(\d{1,2})/", token) or re.search(r"\d{4}-(\d{2})", token):
        month = int(m.group(1)) if 1 <= int(m.group(1)) <= 12 else None
    return int(year.group(0)), month


def date_order(resume: Resume) -> Iterator[Hit]:
    """A position whose end comes before its start ('04/1998 to 04/1997'): a slip a reader
    notices at once. Compared to the month where both sides give one, else by the year."""
    for pos in resume.experience:
        for written in pos.dates.split(", "):
            start, end = (date_value(d) for d in split_dates(written))
            if start is None or end is None:
                continue
            months = start[1] is not None and end[1] is not None
            if end[0] < start[0] or (months and end[0] == start[0] and end[1] < start[1]):
                yield Hit(
                    "experience",
                    pos.line,
                    written,
                    f"'{written}' ends before it starts.",
                )


def _opening_verb(text: str) -> Optional[str]:
    """The past-tense verb a bullet opens with ('Managed', 'Led'); not 'I', a noun or an ALL CAPS
    label."""
    m = TOKEN.match(text)
    word = m.group(0) if m else ""
    if (
        word[:1].isalpha()
        and not word.isupper()
        and (word.lower().endswith("ed") or word.lower() in _past_forms())
    ):
        return word.lower()
    return None


def repeated_verb(resume: Resume) -> Iterator[Hit]:
    """A verb a reader sees repeated: opening REPEATED_VERB_RUN bullets in a row, or a third of all
    bullets (the same verb now and then over several jobs is normal)."""
    bullets = [b for _, b in resume.bullets()]
    verbs = [_opening_verb(b.text) for b in bullets]
    openers = Counter(v for v in verbs if v)
    first_seen: dict[str, object] = {}
    for verb, b in zip(verbs, bullets):
        if verb:
            first_seen.setdefault(verb, b)
    for verb, n in openers.most_common(1):
        if n >= REPEATED_VERB_MIN and n / len(bullets) >= REPEATED_VERB_SHARE:
            b = first_seen[verb]
            yield Hit(
                "experience",
                b.line,
                b.text,
                f"'{verb.capitalize()}' opens {n} of {len(bullets)} bullets.",
            )
            return
    run = 1
    for i in range(1, len(verbs)):
        run = run + 1 if verbs[i] and verbs[i] == verbs[i - 1] else 1
        if run >= REPEATED_VERB_RUN:
            b = first_seen[verbs[i]]
            yield Hit(
                "experience",
                b.line,
                b.text,
                f"'{verbs[i].capitalize()}' opens {REPEATED_VERB_RUN} bullets in a row.",
            )
            return


def missing_dates(resume: Resume) -> Iterator[Hit]:
    for pos in resume.experience:
        label = " ".join((pos.title, pos.company))
        # only a heading that names a job ('Branch Manager', 'Analyst, Acme'); a label line such
        # as 'Key Results:' or a wrapped sentence is not a position
        looks_like_job = (
            ROLE_WORDS.search(label)
            and len(label.split()) <= MAX_JOB_HEADING_WORDS
            and not label.rstrip().endswith((":", ".", ";"))
        )
        if looks_like_job and pos.bullets and not _DATE_TOKEN.search(pos.dates):
            label = ", ".join(p for p in (pos.title, pos.company) if p)
            yield Hit("experience", pos.line, label, f"No dates for '{label}'.")


RULES: tuple[Rule[Resume], ...] = (
    Rule(
        code="missing-contact",
        severity="error",
        category="structure",
        message="No email address or phone number.",
        suggestion="Put your email and phone number at the top, under your name, as plain text.",
        find=missing_contact,
        should_flag=(
            BASE.replace("dana.reyes@example.com | (555) 201-3344 | ", ""),
            BASE.replace("dana.reyes@example.com | ", ""),
        ),
        should_pass=(
            "Shipped 3 releases",
            # phone numbers of any country
            BASE.replace("(555) 201-3344", "+44 7700 900456"),
            BASE.replace("(555) 201-3344", "07700 900123 | London, UK"),
            BASE.replace("(555) 201-3344", "+91 7001610649"),
        ),
    ),
    Rule(
        code="missing-section",
        severity="warning",
        category="structure",
        message="A section readers and resume scanners look for is missing.",
        suggestion="Add the section with a plain heading ('Experience', 'Education', 'Skills') so scanners find it.",
        find=missing_section,
        should_flag=(
            BASE.replace("## Skills\nExcel, SQL, Tableau, logistics\n", ""),
            BASE.replace("## Education", "## Notes"),
        ),
        should_pass=(
            BASE.replace("## Skills", "CORE COMPETENCIES"),
            BASE.replace("## Experience", "Work History"),
        ),
    ),
    Rule(
        code="too-long",
        severity="warning",
        category="structure",
        message=f"Well past two pages (over {TOO_LONG_WORDS:,} words, three pages' worth).",
        suggestion="Cut to the last 10-15 years and the bullets that show results; two pages is the usual limit.",
        find=too_long,
        should_flag=(LONG,),
        should_hint=(LONGISH,),
        should_pass=(
            BASE.replace("{bullet}", "Negotiated 14 carrier contracts worth $3M"),
            # the same history printed twice: a copy to delete, not length
            BASE.replace("{bullet}", "Negotiated 14 carrier contracts worth $3M")
            + 2
            * (
                "\n## Projects\n"
                + "\n".join(
                    f"- Mapped {i} delivery routes for the regional depot network and its"
                    " partner warehouses across the whole state of Colorado"
                    for i in range(45)
                )
            ),
        ),
    ),
    Rule(
        code="date-inconsistent",
        severity="info",
        category="structure",
        message="Dates are written in more than one format.",
        suggestion="Pick one format (e.g. 'Jan 2020 - Mar 2022') and use it for every position.",
        find=date_inconsistent,
        should_flag=(
            BASE.replace("Jan 2021 - Present", "01/2021 - Present").replace(
                "## Education",
                "### Clerk, Summit Foods, March 2019 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
            ),
            BASE.replace(
                "## Education",
                "### Clerk, Summit Foods, 2018 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
            ),
        ),
        should_pass=(
            BASE.replace("{bullet}", "Cut costs by 10%") + "\n",
            BASE.replace(
                "## Education",
                "### Clerk, Summit Foods, May 2019 - Dec 2020\n- Filed 300 orders a week\n\n## Education",
            ),
            # a whole position in years only, next to month-dated ones, is a usual choice
            BASE.replace(
                "## Education",
                "### Clerk, Summit Foods, 2014 - 2016\n- Filed 300 orders a week\n\n## Education",
            ),
            # year ranges written without spaces are years, not '2021-20' read as a year-month
            BASE.replace("Jan 2021 - Present", "2021 - 2023").replace(
                "## Education",
                "### Clerk, Summit Foods, 2018-2020\n- Filed 300 orders a week\n\n## Education",
            ),
        ),
    ),
    Rule(
        code="date-order",
        severity="warning",
        category="structure",
        message="A position ends before it starts.",
        suggestion="Check the dates: the end date must come after the start date.",
        find=date_order,
        should_flag=(
            BASE.replace("Jan 2021 - Present", "04/1998 to 04/1997"),
            BASE.replace("Jan 2021 - Present", "Mar 2022 - Jan 2022"),
            # a range written down a column, as livecareer PDFs read
            BASE.replace(", Jan 2021 - Present", "\nMarch 2022\nto\nJanuary 2022"),
            BASE.replace(
                "## Education",
                "### Clerk, Summit Foods, 2019 - 2017\n- Filed 300 orders a week\n\n## Education",
            ),
        ),
        should_pass=(
            BASE.replace("{bullet}", "Cut costs by 10%"),
            BASE.replace("Jan 2021 - Present", "05/2011 to 11/2011"),
            # a year alone is compared as a year: 'Dec 2021 - 2021' may be right
            BASE.replace("Jan 2021 - Present", "Dec 2021 - 2021"),
            BASE.replace("Jan 2021 - Present", "2018-2020"),
            BASE.replace("Jan 2021 - Present", "June 2019 - June 2019"),
        ),
    ),
    Rule(
        code="repeated-verb",
        severity="info",
        category="clarity",
        message="The same verb opens many bullets.",
        suggestion="Vary the verbs so each bullet reads as its own result (e.g. 'Led', 'Cut', 'Launched', 'Negotiated').",
        find=repeated_verb,
        should_flag=(
            BASE.replace(
                "- {bullet}", "- Managed 4 depots\n- Managed 20 drivers\n- Managed $1M of freight"
            ),
            # a run in a long list: under a fifth of the bullets, but three in a row
            BASE.replace(
                "- {bullet}",
                "\n".join(
                    f"- {v} {n} orders"
                    for v, n in zip(
                        (
                            "Filed",
                            "Sorted",
                            "Packed",
                            "Shipped",
                            "Logged",
                            "Priced",
                            "Counted",
                            "Checked",
                            "Moved",
                            "Cut",
                            "Led",
                            "Ran",
                        ),
                        range(3, 15),
                    )
                )
                + "\n- Received 4 pallets\n- Received 9 trucks\n- Received 2 audits",
            ),
        ),
        should_pass=(
            BASE.replace(
                "- {bullet}", "- Managed 4 depots\n- Hired 20 drivers\n- Moved $1M of freight"
            ),
            # the same verb twice in each of two jobs: a quarter of the bullets, spread out
            BASE.replace(
                "- {bullet}",
                "- Prepared 4 budgets\n- Prepared 9 audits\n- Hired 3 clerks\n- Led 2 closes\n"
                "### Clerk, Alpine Freight, Jan 2018 - Dec 2020\n- Prepared 30 invoices\n"
                "- Filed 12 claims\n- Prepared 5 reports\n- Sorted 80 orders\n- Ran 6 payrolls\n"
                "- Cut 2 costs\n- Moved 7 files\n- Logged 9 calls",
            ),
        ),
    ),
    Rule(
        code="missing-dates",
        severity="warning",
        category="structure",
        message="A position without dates.",
        suggestion="Give every position its start and end (e.g. 'Jan 2020 - Mar 2022'); readers distrust gaps they cannot see.",
        find=missing_dates,
        should_flag=(BASE.replace(", Jan 2021 - Present", ""),),
        should_pass=(
            BASE.replace("Jan 2021 - Present", "2021 - 2023"),
            # a date on the line after the title, and the shapes real resumes use
            BASE.replace(", Jan 2021 - Present", "\n09/2019 to 04/2020"),
            BASE.replace("Jan 2021 - Present", "March 2019 to Current"),
            BASE.replace("Jan 2021 - Present", "2019 - present"),
            # a label line over bullets is not a position
            BASE.replace("- {bullet}", "Key Results:\n- Cut 12 routes"),
        ),
    ),
)
