"""Section headings in resumes and job ads, in any common form: Markdown '#', ALL CAPS lines,
'Experience:', '**Work History**', or a plain line that is a known section name."""

from __future__ import annotations

import re
from typing import Optional

from assistant import regex

# Kinds of resume section, each with the words that name it (searched in a heading's lower-cased text).
RESUME_SECTIONS: list[tuple[str, re.Pattern]] = [
    (
        "volunteer",
        # "Activities and Honors" lists awards: the honours decide
        regex.compile(
            r"^(?!.*\b(?:honou?rs|awards?)\b).*\b(?:volunteer\w*|community|leadership and activities|"
            r"activities)\b"
        ),
    ),
    (
        "skills",
        regex.compile(
            r"\b(?:skills?|competenc(?:y|ies)|expertise|technologies|tools|tech stack|proficiencies|strengths|"
            r"highlights|core qualifications|key qualifications)\b"
        ),
    ),
    (
        "summary",
        regex.compile(
            r"\b(?:summary|profile|about me|objective|overview|introduction|personal statement|"
            r"career focus)\b"
        ),
    ),
    (
        "experience",
        regex.compile(
            r"\b(?:experience|work history|employment|career history|work|positions held|career)\b"
        ),
    ),
    (
        "education",
        regex.compile(
            r"\b(?:education(?:al)?|academic|degrees?|schooling|training|qualifications)\b"
        ),
    ),
    ("projects", regex.compile(r"\bprojects?\b|\bportfolio\b")),
    ("certifications", regex.compile(r"\b(?:certifications?|certificates?|licen[cs]es?)\b")),
    ("awards", regex.compile(r"\b(?:awards?|honou?rs|achievements|accomplishments)\b")),
    ("publications", regex.compile(r"\b(?:publications?|papers|talks|presentations)\b")),
    ("languages", regex.compile(r"^languages?$")),
    ("interests", regex.compile(r"\b(?:interests|hobbies)\b")),
    ("references", regex.compile(r"\breferences?\b")),
    (
        "affiliations",
        regex.compile(r"\b(?:affiliations?|memberships?|professional associations)\b"),
    ),
    ("additional", regex.compile(r"^(?:additional information|personal information)$")),
    (
        "contact",
        regex.compile(r"^(?:contact|contact information|contact details|personal details)$"),
    ),
]
# A plain line (no '#', no colon, not ALL CAPS) is a heading only when it is exactly one of these.
_PLAIN_HEADINGS = frozenset(
    """
summary|professional summary|profile|professional profile|about me|objective|career objective|overview
experience|work experience|professional experience|work history|employment|employment history
career history|relevant experience|education|education and training|skills|technical skills|key skills
core competencies|competencies|skills and tools|tools|projects|selected projects|certifications
licenses and certifications|certifications and licenses|awards|honors|honours|publications|volunteer
volunteering|volunteer experience|languages|interests|references|contact|achievements|training
highlights|skill highlights|accomplishments|core accomplishments|additional information|affiliations
professional affiliations|core qualifications|qualifications|executive profile|personal information
activities and honors|military experience|core strengths|executive summary|career focus|career overview
areas of expertise|summary of qualifications|educational background|language skills|computer skills
""".replace("\n", "|").split("|")
) - {""}

# A known plain heading after one of these words is a heading too ('Additional Skills',
# 'Professional Overview').
_QUALIFIERS = frozenset(
    "additional other relevant related professional technical key core selected".split()
)

_MARKDOWN = regex.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_EMPHASIS = regex.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_]{2,60})(?:\*\*|__)\s*(?::\s*)?$")
_COLON = regex.compile(r"^\s*(?P<text>[A-Za-z][A-Za-z '/&,-]{1,50}):\s*$")
_CAPS = regex.compile(r"^\s*(?P<text>[A-Z][A-Z '/&,-]{2,50}[A-Z])\s*(?::\s*)?$")
_UNDERLINE = regex.compile(r"^\s*(?:-{3,}|={3,}|_{3,})\s*$")


def normalise_heading(text: str) -> str:
    text = text.replace("&", " and ").lower()
    text = re.sub(r"[^a-z' ]+", " ", text)
    return " ".join(text.split())


_SPACED = regex.compile(r"^\s*(?:[A-Za-z&]\s{1,3}){3,}[A-Za-z&]\s*:?\s*$")
_SPACED_NAMES: dict[str, str] = {}


def unspace_heading(line: str) -> Optional[str]:
    """'E X P E R I E N C E' or 'W O R K   H I S T O R Y' (a letter-spaced heading, as LaTeX and
    design templates set them) as the words it spells; None for any other line."""
    if not _SPACED.match(line):
        return None
    words = [w.replace(" ", "") for w in re.split(r"\s{2,}", line.strip(" :"))]
    if len(words) > 1 and all(len(w) > 1 for w in words):
        return " ".join(words)
    joined = "".join(words)
    if not _SPACED_NAMES:
        _SPACED_NAMES.update({name.replace(" ", ""): name for name in _PLAIN_HEADINGS})
    known = _SPACED_NAMES.get(joined.lower().replace("&", "and"))
    if known:
        return known.upper() if joined.isupper() else known.title()
    return joined


def heading_form(line: str) -> Optional[tuple[str, int]]:
    """(heading text, level) when the line looks like a heading. The level is the number of '#'
    for Markdown, 9 for bold, 'Name:', ALL CAPS and letter-spaced lines, 10 for a plain line
    that is a known name."""
    spaced = unspace_heading(line)
    if spaced is not None:
        return spaced, 9
    m = _MARKDOWN.match(line)
    if m:
        return m.group("text").strip(" *_:"), len(line.lstrip()) - len(line.lstrip().lstrip("#"))
    for pattern in (_EMPHASIS, _COLON, _CAPS):
        m = pattern.match(line)
        if m and len(m.group("text").split()) <= 6:
            return m.group("text").strip(" *_:"), 9
    stripped = line.strip()
    norm = normalise_heading(stripped)
    first, _, rest = norm.partition(" ")
    if norm in _PLAIN_HEADINGS or (first in _QUALIFIERS and rest in _PLAIN_HEADINGS):
        return stripped, 10
    return None


def section_kind(heading: str) -> Optional[str]:
    """The resume section a heading names (experience, education, ...), or None."""
    norm = normalise_heading(heading)
    for kind, pattern in RESUME_SECTIONS:
        if pattern.search(norm):
            return kind
    return None


def is_underline(line: str) -> bool:
    return bool(_UNDERLINE.match(line))


# The main headings, when a PDF puts one at the end of the line before it ("... the last three
# years. Experience"): a Capitalised heading after a sentence's end, the next line not going on
# with the sentence in lower case.
_GLUED_HEADINGS = frozenset(
    "experience|professional experience|work experience|work history|employment history|"
    "education|education and training|skills|technical skills|summary|professional summary".split(
        "|"
    )
)
_GLUED = regex.compile(
    r"(?<=[.!?])[ \t]+([A-Z][a-z]+(?: [A-Za-z][a-z]+){0,2})[ \t]*$(?!\n[ \t]*[a-z])", re.M
)


# Without a sentence end before it, a heading glued to a line end ("... Facebook, and Instagram
# Experience") is told from a phrase ending in the word ("Department of Education", "Strong
# Typing Skills" in a list) only when its kind of section has no heading of its own anywhere:
# the first non-bullet line of over two words ending in the heading, not after a joining word
# (after a sentence's end, the rule above decides), with a line of its own to follow.
_MAIN_KINDS = ("experience", "education", "skills")
_JOINING = frozenset("of in and or for with to the a an at on & : / - secondary".split())
_LINE_END_HEADING = regex.compile(
    r"^(?P<before>(?!\s*[-*\u2022\u25cf\u25aa\u2013])\S.*?\S)[ \t]+"
    r"(?P<heading>(?:(?:Professional|Work|Relevant|Technical|Additional) )?"
    r"(?:Experience|Education|Skills|Work History|Employment History))[ \t]*$"
)


def _heading_kinds(lines: list[str]) -> set[str]:
    kinds = set()
    for line in lines:
        form = heading_form(line)
        kind = section_kind(form[0]) if form else None
        if kind:
            kinds.add(kind)
    return kinds


def split_glued_headings(text: str) -> str:
    """The text with a main heading glued to the end of the line before it on a line of its own."""

    def split(m: re.Match) -> str:
        return "\n" + m.group(1) if m.group(1).lower() in _GLUED_HEADINGS else m.group(0)

    lines = _GLUED.sub(split, text).split("\n")
    missing = set(_MAIN_KINDS) - _heading_kinds(lines)
    for i, line in enumerate(lines):
        m = _LINE_END_HEADING.match(line)
        if not missing or not m or len(m["before"].split()) < 2:
            continue
        kind = section_kind(m["heading"])
        last = m["before"].split()[-1].lower()
        after = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
        if (
            kind in missing
            and last not in _JOINING
            and last[-1] not in ".!?"
            and after
            and heading_form(after) is None  # a section with nothing in it is no section
        ):
            lines[i] = m["before"] + "\n" + m["heading"]
            missing.discard(kind)
    return "\n".join(lines)
