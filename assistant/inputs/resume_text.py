"""The Resume model, and resumes in plain text or Markdown (also the text of a PDF or DOCX) read
into it with line numbers, so every finding can point at the line it is about."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.errors import InputError
from assistant.inputs.sections import heading_form, is_underline, section_kind, split_glued_headings
from assistant.inputs.text import MAX_TEXT_BYTES
from assistant.text import BULLET
from assistant.text_utils import plural

Format = Literal["txt", "md", "pdf", "docx", "json"]
MAX_RESUME_TEXT_BYTES = MAX_TEXT_BYTES // 2
MIN_RESUME_WORDS = 25
PARAGRAPH_WORDS = 18  # a line this long is a paragraph of the work, never a job's title line
MAX_CONTACT_LINE = 300  # characters: a longer header line is not searched for a location or phone
BULLET_SECTIONS = ("projects", "volunteer")


class Contact(BaseModel):
    name: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    location: Optional[str] = None
    links: list[str] = []


class Bullet(BaseModel):
    text: str
    line: Optional[int] = (
        None  # 1-based line in Resume.text; None when the source has no lines (JSON)
    )


class Position(BaseModel):
    """One job (or project, volunteer role) with its bullets."""

    title: str = ""
    company: str = ""
    dates: str = ""  # as written ('Jan 2020 - Present'); several ranges joined with ', '
    start: str = ""  # the first range's start ('Jan 2020'), '' when there are no dates
    end: str = ""  # its end ('Present'), '' for a single date
    line: Optional[int] = None
    bullets: list[Bullet] = []

    def model_post_init(self, _context) -> None:
        if self.dates and not self.start:
            self.start, self.end = split_dates(self.dates)


class Section(BaseModel):
    kind: str  # summary, experience, education, skills, projects, ... or other
    title: str  # the heading as written
    line: Optional[int] = None
    lines: list[str] = []  # the body, as written


class Resume(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    format: Format
    text: str  # the text every line number refers to (for JSON, a rendering of it)
    contact: Contact
    summary: str = ""
    summary_line: Optional[int] = None
    experience: list[Position] = []
    education: list[str] = []
    skills: list[str] = []
    sections: list[Section] = []  # every section, in order (including those above)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def has_section(self, kind: str) -> bool:
        return any(s.kind == kind for s in self.sections)

    def bullets(self) -> Iterator[tuple[str, Bullet]]:
        """Every achievement bullet (experience, projects, volunteering) with its section kind."""
        for pos in self.experience:
            for b in pos.bullets:
                yield "experience", b
        for section in self.sections:
            if section.kind in BULLET_SECTIONS:
                for pos in _positions_from(section):
                    for b in pos.bullets:
                        yield section.kind, b


# ---- Plain text and Markdown ----

_EMAIL = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_LINK = regex.compile(
    r"(?:https?://|www\.)[^\s,;|)>]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|"
    r"dribbble\.com)/[^\s,;|)>]+",
    re.IGNORECASE,
)
_LOCATION = regex.compile(
    r"\b([A-Z][a-zA-Z.]+(?:[ -][A-Z][a-zA-Z.]+)*,\s*(?:[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?))"
)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}(?!\d)"
# One date as resumes write it: 'Jan 2020', 'January 2020', 'May2014', '01/2020', '2020-01', '2020'.
_DATE = rf"(?:\b{MONTH}\.?,?\s*'?{_YEAR}|\b\d{{1,2}}/{_YEAR}|\b{_YEAR}-(?:0[1-9]|1[0-2])(?!\d)|\b{_YEAR})"
DATE_RANGE = regex.compile(
    rf"(?P<range>{_DATE}(?:\s*(?:-|\u2013|\u2014|to|until|till)\s*"
    rf"(?:{_DATE}|present\b|current\b|now\b|today\b|date\b))?)",
    re.IGNORECASE,
)
_RANGE_SPLIT = regex.compile(r"\s*(?:-|\u2013|\u2014|\bto\b|\buntil\b|\btill\b)\s*", re.I)
_ONE_DATE = regex.compile(rf"{_DATE}|present|current|now|today|date", re.I)


def split_dates(dates: str) -> tuple[str, str]:
    """('Jan 2020', 'Present') from 'Jan 2020 - Present'; the first range when there are several."""
    m = DATE_RANGE.search(dates)
    if not m:
        return "", ""
    text = m.group("range").strip()
    for sep in _RANGE_SPLIT.finditer(
        text
    ):  # the split where both sides are dates ('2020-01 - 2021')
        left, right = text[: sep.start()].strip(), text[sep.end() :].strip()
        if _ONE_DATE.fullmatch(left) and _ONE_DATE.fullmatch(right):
            return left, right
    return text, ""


_SEPARATORS = regex.compile(r"\s+(?:\||\u2014|\u2013|-|@|at)\s+|\s*\|\s*|,\s+|\s{3,}|\t+")
ROLE_WORDS = regex.compile(
    r"\b(?:analyst|engineer|manager|developer|designer|specialist|coordinator|assistant|director|lead|"
    r"consultant|intern|associate|officer|representative|teacher|nurse|writer|editor|scientist|administrator|"
    r"accountant|architect|head|president|founder|owner|agent|technician|clerk|supervisor|advisor|strategist|"
    r"producer|marketer|recruiter|programmer|researcher|tutor|instructor|cashier|server|barista|chef|"
    r"driver|executive|partner|vp|cto|ceo|cfo|volunteer|fellow|trainee|apprentice|therapist)s?\b",
    re.IGNORECASE,
)
_SKILL_SPLIT = regex.compile(r"(?<!\s)\s*(?:[,;|\u2022\u00b7]|\s/\s)\s*")
_MARKUP = regex.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`")


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text).strip()


# Countries a resume may name, to read its phone numbers written without the +country code.
_REGION_HINTS = {
    "united kingdom": "GB",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "london": "GB",
    "india": "IN",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "australia": "AU",
    "canada": "CA",
    "ireland": "IE",
    "nigeria": "NG",
    "singapore": "SG",
    "sweden": "SE",
    "spain": "ES",
    "italy": "IT",
    "netherlands": "NL",
    "pakistan": "PK",
    "philippines": "PH",
    "south africa": "ZA",
    "new zealand": "NZ",
    "brazil": "BR",
    "mexico": "MX",
    "kenya": "KE",
    "egypt": "EG",
    "bangladesh": "BD",
    "poland": "PL",
}
_HINT = regex.compile(
    r"\b(" + "|".join(sorted(_REGION_HINTS, key=len, reverse=True)) + r")\b", re.I
)
DEFAULT_REGIONS = ("US", "GB")
_YEARS = regex.compile(r"^\(?(?:19|20)\d\d\)?(?:\s*[-\u2013/]\s*\(?(?:19|20)\d\d\)?)*$")


def find_phone(where: str, whole: str = "") -> Optional[str]:
    """The first phone number in `where`, of any country: '+91 7001610649', '07700 900123',
    '(555) 201-3344'. Numbers without a country code are read as numbers of the countries the
    resume names (in `whole`), then of the default regions."""
    import phonenumbers

    regions = [_REGION_HINTS[m.group(1).lower()] for m in _HINT.finditer(whole or where)]
    for region in dict.fromkeys([*regions, *DEFAULT_REGIONS]):
        matcher = phonenumbers.PhoneNumberMatcher(
            where, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
        for match in matcher:
            raw = match.raw_string.strip()
            digits = re.sub(r"\D", "", raw)
            if 7 <= len(digits) <= 15 and not _YEARS.match(raw) and not DATE_RANGE.fullmatch(raw):
                return raw
    return None


# Someone else's contact details on the same line: "Supervisor: Jo Lee, jo@agency.gov".
_OTHERS = regex.compile(r"\b(?:supervisor|reference|referee)s?\b", re.I)


def _own_email(text: str) -> Optional[re.Match]:
    """The first email address that is not a supervisor's or a reference's."""
    for m in _EMAIL.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not _OTHERS.search(text, line_start, m.start()):
            return m
    return None


def _contact_from(lines: list[str], text: str) -> Contact:
    email = _own_email(text)
    links = []
    for m in _LINK.finditer(text):
        link = m.group(0).rstrip(".")
        if link not in links and (not email or link not in email.group(0)):
            links.append(link)
    # a phone number is on a short line, as a location is: the matcher reads every run of digits
    # of a long line as a number to parse ('Jan 2020 Jan 2020 ...': seconds)
    header = "\n".join(line for line in lines if len(line) <= MAX_CONTACT_LINE)
    phone = find_phone(_LINK.sub(" ", _EMAIL.sub(" ", header if lines else text)), text)
    name = name_line = None
    for line in lines:
        clean = strip_markup(line.strip(" #"))
        if (
            clean
            and not _EMAIL.search(clean)
            and not any(ch.isdigit() for ch in clean)
            and len(clean.split()) <= 5
        ):
            name, name_line = clean, line
            break
    location = None
    for line in lines:
        if line is name_line:
            continue
        if len(line) > MAX_CONTACT_LINE:  # a location is on a short line (and the pattern
            continue  # backtracks in quadratic time on a long run of 'A.A.A.')
        m = _LOCATION.search(_LINK.sub(" ", _EMAIL.sub(" ", line)))
        if m:
            location = m.group(1)
            break
    return Contact(
        name=name,
        email=email.group(0) if email else None,
        phone=phone,
        location=location,
        links=links,
    )


# A range written down a column ('January 2012' / 'to' / 'Current'): its lines are joined with
# ' | ' like any header's, so the range word standing alone is joined back to its two dates.
_LONE_RANGE_WORD = regex.compile(r"\s*\|\s*(-|\u2013|\u2014|to|until|till)\s*\|\s*", re.I)


def _split_position(header: str) -> Position:
    header = _LONE_RANGE_WORD.sub(r" \1 ", strip_markup(header.strip(" #")))
    dates = ", ".join(m.group("range") for m in DATE_RANGE.finditer(header))
    rest = DATE_RANGE.sub(" ", header)
    rest = re.sub(r"[()\[\]]", " ", rest)
    parts = [p.strip(" ,|\u2013\u2014-") for p in _SEPARATORS.split(rest)]
    parts = [p for p in parts if p and len(p) > 1]
    title = company = ""
    for part in parts:
        if not title and ROLE_WORDS.search(part):
            title = part
        elif not company and part != title:
            company = part
    if not title and len(parts) > 1:
        title, company = parts[0], parts[1]
    return Position(title=title, company=company, dates=dates)


def _skills_from(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        bullet = BULLET.match(line)
        body = strip_markup(bullet.group("item") if bullet else line)
        if ":" in body:
            body = body.split(":", 1)[1]
        items += [s.strip(" .") for s in _SKILL_SPLIT.split(body) if s.strip(" .")]
    return items


def _positions_from(section: Section) -> list[Position]:
    positions: list[Position] = []
    header: list[str] = []
    header_line: Optional[int] = None
    last_bullet: Optional[Bullet] = None
    for offset, raw in enumerate(section.lines):
        number = section.line + 1 + offset if section.line is not None else None
        if not raw.strip() or is_underline(raw):
            last_bullet = None if not raw.strip() else last_bullet
            continue
        bullet = BULLET.match(raw)
        words = len(raw.split())
        is_prose = not bullet and (
            words >= PARAGRAPH_WORDS
            or (words >= 8 and not DATE_RANGE.search(raw) and raw.strip()[-1:] in ".;")
        )
        if bullet or is_prose:
            if header or not positions:
                positions.append(_split_position(" | ".join(header)) if header else Position())
                positions[-1].line, header, header_line = header_line, [], None
            last_bullet = Bullet(
                text=strip_markup(bullet.group("item") if bullet else raw), line=number
            )
            positions[-1].bullets.append(last_bullet)
        elif last_bullet is not None and (raw[:1].isspace() or raw.strip()[:1].islower()):
            last_bullet.text += " " + strip_markup(raw)  # a wrapped bullet's next line
        else:
            header_line = header_line or number
            header.append(raw.strip())
            last_bullet = None
    if header:
        positions.append(_split_position(" | ".join(header)))
        positions[-1].line = header_line
    return positions


def _sections_from(lines: list[str]) -> tuple[list[str], list[Section]]:
    """The header lines before the first section, and each section with its body lines."""
    header: list[str] = []
    sections: list[Section] = []
    level = 99
    for number, line in enumerate(lines, start=1):
        form = heading_form(line) if not BULLET.match(line) else None
        kind = section_kind(form[0]) if form else None
        # a heading the parser does not know starts a section only as Markdown at a section's level
        starts = form is not None and (
            kind is not None or (bool(sections) and form[1] <= min(level, 6))
        )
        if starts:
            level = min(level, form[1]) if kind else level
            sections.append(Section(kind=kind or "other", title=form[0], line=number))
        elif sections:
            sections[-1].lines.append(line)
        else:
            header.append(line)
    return header, sections


def parse_resume_text(text: str, name: str = "resume", fmt: Format = "txt") -> Resume:
    words = len(text.split())
    if words < MIN_RESUME_WORDS:
        raise InputError(f"{name}: too short to be a resume ({plural(words, 'word')})")
    text = split_glued_headings(text)
    lines = text.split("\n")
    header, sections = _sections_from(lines)
    contact_lines = header + [ln for s in sections if s.kind == "contact" for ln in s.lines]
    resume = Resume(
        source=name,
        format=fmt,
        text=text,
        contact=_contact_from(contact_lines, text),
        sections=sections,
    )
    for section in sections:
        body = [ln for ln in section.lines if ln.strip() and not is_underline(ln)]
        if section.kind == "summary" and not resume.summary:
            resume.summary = " ".join(strip_markup(ln) for ln in body)
            resume.summary_line = (
                section.line + 1 + next((i for i, ln in enumerate(section.lines) if ln.strip()), 0)
            )
        elif section.kind == "experience":
            resume.experience += _positions_from(section)
        elif section.kind == "education":
            resume.education += [strip_markup(BULLET.sub(r"\g<item>", ln)) for ln in body]
        elif section.kind == "skills":
            resume.skills += _skills_from(body)
    return resume
