"""Job descriptions: plain text or Markdown ads, and the JSON Resume project's job schema."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant import regex
from assistant.errors import InputError
from assistant.inputs.json_file import read_json, validate_shape
from assistant.inputs.sections import heading_form, normalise_heading
from assistant.inputs.text import display_name, read_text
from assistant.text import BULLET, sentences
from assistant.text_utils import plural, word_count

MAX_JOB_BYTES = 300_000

_FIELD = regex.compile(
    r"^\s*(?P<key>title|role|position|job title|company|employer)\s*:\s*(?P<value>.+?)\s*$", re.I
)

# ---- What a job ad's headings and lines say: the one reading of an ad's structure (the keyword
# gap, the interview's gap questions and parse_job_text below all use it) ----


REQUIRED, NICE, DUTIES, NOTES, BOILERPLATE, OTHER = (
    "required",
    "nice",
    "duties",
    "notes",
    "boilerplate",
    "other",
)

NICE_HEADING = regex.compile(
    r"nice[ -]to[ -]have|bonus|preferred|\bplus\b|desir|advantage|additional points|extra credit|"
    r"we'?d love|would love|not required|good to have|optional",
    re.I,
)
REQUIREMENT_HEADING = regex.compile(
    r"requirement|required|qualification|must[ -]have|what you(?:'ll| will)? (?:need|bring|have)|you have|"
    r"about you|who you are|skills|experience you|looking for|ideal candidate|you bring|"
    r"your profile|competenc|technolog|stack|essential|what we need|what we expect|expertise|"
    r"knowledge|you(?:'re| are) (?:a|an)\b|profile|skill ?set",
    re.I,
)
DUTIES_HEADING = regex.compile(
    r"responsibilit|duties|what you(?:'ll| will) do|the role|your role|day[ -]to[ -]day|impact|"
    r"your tasks|tasks|you will|in this role|what you(?:'ll| will) (?:work|be)|the job|the work|"
    r"position summary|job summary|about the role|the position|(?<!for this )(?<!for the )role|"
    r"(?:job|position) description|^(?:the )?opportunity$|\b(?:vos|tes) missions?\b|^missions$",
    re.I,
)
BOILERPLATE_HEADING = regex.compile(
    r"benefit|perks|what we offer|offer|compensation|salary|\bpay\b|equal|eeo|divers|inclusi|"
    r"accommodat|apply|application|deadline|selection|examination|\bexam|interview|privacy|"
    r"notice|^about\b(?! (?:you|the role|this role|the job|the position|this position))|who we are|\bour (?:mission|values|culture|story|team)|"
    r"why (?:join|work|you)|^why\b|location|working at|life at|culture|hiring process|"
    r"process$|remote|compensation|salary|review of|conditions|disclaimer|legal|contact|"
    r"recruit|next steps|what(?:'s| is) in it|we offer|leadership principles|shareholder|"
    r"\brewards\b|\bour (?:tech(?:nology)? )?(?:stack|tools)\b|\bwe (?:use|work with)\b|"
    r"company (?:description|overview)",
    re.I,
)
NOTES_HEADING = regex.compile(
    r"^(?:process |special |general )?notes?$|selective certification", re.I
)


_SENTENCE_WORDS = 8
_BRACKETED = regex.compile(r"\(([^()]{3,40})\)\s*[:?]?\s*$")
# A job board's badges under the title, each in code marks ("`💰 $Competitive Salary (paid in
# USD)` `🌎 Remote - Brazil`", "`🌎 Remote, Oregon, United States`"): the job's pay and place
_BADGES = regex.compile(r"(?:`[^`]+`\s*)+")


def heading_kind(h: str, previous: str) -> str:
    h = h.strip().replace("\u2019", "'")
    if _BADGES.fullmatch(h):
        # a line of badges names no section: what follows is the ad's intro (the company, the
        # role), however much its pay and place sound like the benefits or the location
        return OTHER
    hint = _BRACKETED.search(h)
    if hint and h[: hint.start()].strip():
        # "Do you have the right ingredients? (Requirements)": a playful heading that says
        # plainly in brackets what it is
        kind = heading_kind(hint.group(1), previous)
        if kind != OTHER:
            return kind
    if re.match(
        r"^you(?:'re| are| add| bring| have| will(?!\W*$)| should| need)\b", h, re.I
    ) and not (NICE_HEADING.search(h)):
        # "You add to our culture with", "You bring": about the candidate; "You will:" alone
        # heads what the job does
        return REQUIRED
    if NOTES_HEADING.search(h):
        return BOILERPLATE if previous == BOILERPLATE else NOTES
    if NICE_HEADING.search(h):
        return NICE
    if BOILERPLATE_HEADING.search(h) and not re.search(r"requirement|qualification", h, re.I):
        return BOILERPLATE
    if re.match(r"qualifications? review$", h, re.I):
        return BOILERPLATE  # the City's selection by a review committee, not what it asks
    if REQUIREMENT_HEADING.search(h):
        return REQUIRED
    if DUTIES_HEADING.search(h):
        return DUTIES
    if len(h.split()) >= _SENTENCE_WORDS:
        # "To be considered for this role these steps need to be followed": a sentence set as
        # a heading that names no section leads into more of the one it is in
        return previous
    return OTHER


# Words that make a sentence a nice-to-have, or a must, whatever its section says.
NICE_CUE = regex.compile(
    r"\b(?:nice to have|bonus|a plus|is a plus|preferred|preferably|ideally|desir\w+|"
    r"advantage\w*|not required|some positions|may (?:be )?requir\w*|would be great|familiarity)\b",
    re.I,
)
REQUIRED_CUE = regex.compile(
    r"\b(?:required|requirements?|must|minimum|proficien\w*|experience (?:with|in|using)|"
    r"knowledge of|familiar\w* with|expertise in|skilled in|hands-on|working knowledge|"
    r"ability to|degree|certifi\w*|licen[cs]e|years)\b",
    re.I,
)

_COMPANY_LINE = regex.compile(
    r"^\s*(?:company|employer|organi[sz]ation)\s*:\s*(?P<name>.+?)\s*$|"
    r"^\s*(?:#{1,6}\s*)?about\s+(?!the\s|us\b|you\b|this\b|the$)(?P<about>[A-Z][\w&.' -]{1,50}?)\s*(?::\s*)?$|"
    r"\b(?:[Jj]oin|[Aa]t)\s+(?P<join>[A-Z][\w&.'-]+(?:[ \t]+[A-Z][\w&.'-]+){0,3})(?:,|\.|\s+(?:is|as|and|we|where|in)\b)|"
    r"(?:^|[.!]\s+)\**(?P<hiring>[A-Z][\w&.'-]+(?:[ \t]+[A-Z][\w&.'-]+){0,3})\**\s+(?:is hiring|is looking|is seeking|"
    r"builds|makes|runs|helps|is an?\b)",
    re.MULTILINE,
)
# Capitalised words and acronyms that are never a skill the job asks for.
NOT_TERMS = frozenset(
    """
a an and the or of for to in on at by with as we you our your their they it its this that these those
there here
is are be will can may must should would could who what when where why how all any each every some
i us uk eu usa ok am pm id faq ceo cto cfo coo cmo vp svp evp hr est pst cst et pt gmt utc tbd eta na
asap fte pto eoe ote dei lgbtq ny nyc sf la dc ca tx wa ma il
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december remote hybrid onsite office full time part contract
senior junior lead principal staff head director manager associate intern mid level entry team teams
role position job opportunity candidate company about requirements qualifications responsibilities
skills experience benefits perks salary bonus equity year years plus nice have bring need work
strong excellent proven great good ability knowledge understanding degree bachelor bachelor's master
master's phd field related new york san francisco london berlin paris united states kingdom
""".split()
)


def guess_company(text: str, title: Optional[str] = None) -> Optional[str]:
    """The employer's name as a job ad usually states it ('Company: X', 'About X', 'join X');
    never the job's `title` ("Management Assistant is a ...": the job, not who offers it)."""
    for m in _COMPANY_LINE.finditer(text):
        name = m.group("name") or m.group("about") or m.group("join") or m.group("hiring")
        if not name or name.lower() in NOT_TERMS:
            continue
        if title and normalise_heading(name) == normalise_heading(title):
            continue
        return name.strip().rstrip(".")
    return None


class JobDescription(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Optional[str] = None
    company: Optional[str] = None
    text: str
    lines: list[str]
    responsibilities: list[str] = []
    requirements: list[str] = []
    source: str = "job"


# ---- What the employer makes or does, as the ad's "About us" says it ("Acme is a platform for
# live online learning"): a short noun phrase an interviewer can ask about ----

# "<Name> is a/an/the ...", "We are a ..." opening a sentence; a listing's "(NYSE: X)" or ", Inc."
# after the name is skipped
_EMPLOYER_IS = regex.compile(
    r"^\W*(?P<who>We|[A-Z][\w&.'-]*(?:[ \t]+[A-Z][\w&.'-]*){0,3})(?:,? Inc\.?|,? LLC)?\s*"
    r"(?:\([^()]{1,40}\)\s*)?(?:is|are|'re|’re)\s+(?:a|an|the)\s+(?P<rest>[^.;:!?()]+)"
)
# Words that say how good or big the employer is, not what it does ("a leading, fast-growing")
_PUFFERY = frozenset(
    """leading fast-growing growing rapidly-growing innovative pioneering worldwide global premier
    top best award-winning trusted beautiful easy-to-use simple modern unique new next-generation
    cutting-edge world-class world's largest biggest first venture-backed well-funded vc-backed
    profitable young small dynamic exciting mission-driven remote-first fully distributed
    international established renowned proud fast series seed-stage early-stage late-stage a b c d
    e privately-held publicly-traded well-known""".split()
)
# Where the noun phrase ends: a clause or a phrase about how, where or since when
_NP_END = frozenset(
    """that which who whose where when with to by powered working helping enabling focused
    dedicated based headquartered founded backed on since at built designed committed
    revolutionizing revolutionising transforming leveraging using serving offering providing
    making building creating delivering changing reimagining""".split()
)
# A phrase with no other word says nothing of what the employer does ("a fast-growing startup")
_GENERIC_WORDS = frozenset(
    """company companies business businesses firm startup start-up organization organisation
    group team individuals people place home family community leader provider tech technology
    technologies service services solution solutions enabled based platform product products
    agency brand partner partners one and of for in the remote hybrid fully distributed great
    exciting nonprofit non profit""".split()
)
# Words that name the employer as a workplace, never its work ("an equal opportunity employer")
_WORKPLACE = frozenset("employer workplace place home family community team".split())
# A phrase that says whose the employer is, not what it does ("a subsidiary of ...", "a must")
# or the job ("an opportunity for engineers", "a hybrid role")
_NOT_WORK = frozenset(
    "subsidiary division part member unit must plus bonus requirement advantage way name role job "
    "position opportunity".split()
)
# "a platform that helps small businesses ...": who the platform is for
_HELPS = regex.compile(
    r"^(?:that|which)\s+(?:helps|serves|supports|empowers)\s+(?P<who>[\w-]+(?:\s+[\w-]+)?)\b"
)
_MOST_WORDS = 6
# "<Name> is a ..." sentences read at most: a real ad has up to three (the 78 outside ads); a
# made-up one of thousands would cost a count of its names each
_MOST_SAID = 10


def _employer_words(np: str, times: Callable[[str], int]) -> str:
    """The phrase as an interviewer says it: a capitalised word lower case where the ad writes it
    lower case elsewhere ("Blockchain Research" -> "blockchain research"), and then, the phrase
    being in title case, one the ad writes nowhere else ("Software Engineering"); names and
    acronyms keep their case ("Ethereum", named again, "AI"). `times`: how often the ad writes a
    word so."""
    words = np.split()
    capital = [w[:1].isupper() and w[1:] == w[1:].lower() for w in words]
    lower = [c and times(w.lower()) > 0 for w, c in zip(words, capital)]
    if any(lower):
        lower = [low or (c and times(w) == 1) for w, c, low in zip(words, capital, lower)]
    return " ".join(w.lower() if low else w for w, low in zip(words, lower))


def _noun_phrase(rest: str) -> tuple[str, str]:
    """The noun phrase a "... is a" sentence goes on with, and what follows it."""
    words = rest.replace(" - ", " , ").split()
    while words and words[0].strip(",").lower() in _PUFFERY:
        words.pop(0)
    kept: list[str] = []
    for i, w in enumerate(words):
        if w.lower() in _NP_END or (
            kept and kept[-1].endswith(",") and " and " not in " ".join(words[i : i + 6])
        ):
            return " ".join(kept).rstrip(","), " ".join(words[i:])
        kept.append(w)
    return " ".join(kept).rstrip(","), ""


def _employer_named(
    who: str, n: int, times: Callable[[str], int], company: Optional[str], title: Optional[str]
) -> Optional[str]:
    """The employer a "<who> is a ..." sentence (the `n`th of its paragraph) is about: "We" is the
    job's employer where the ad names it twice or more; a name is the employer's, or the ad's own
    name for it (it opens the paragraph and the ad names it three times or more: `times`); never
    the job's title or a word like "Senior"."""
    if who == "We":  # the employer's name as the ad says it again, not a guess from one "at X"
        return company if company and times(company) >= 2 else None
    if who.lower() in NOT_TERMS or (title and normalise_heading(who) == normalise_heading(title)):
        return None
    if company and normalise_heading(who) == normalise_heading(company):
        return who
    return who if not n and times(who) >= 3 else None


def employer_does(
    job_text: str, company: Optional[str], title: Optional[str]
) -> Optional[tuple[str, str]]:
    """(the employer's name, what it makes or does) where the ad says it in a sentence of its own
    ("Acme is a leading platform for live online learning" -> ("Acme", "a platform for live
    online learning")): the name is the job's employer, or one that opens a paragraph and that the
    ad names three times or more (its own name, where a job board's byline is another's); at most six words, none of it a
    workplace ("an equal opportunity employer") or a word that only says it is a company ("a
    fast-growing startup"). None where no sentence says it plainly. At most _MOST_SAID such
    sentences are read, and each name counted once: the work is bounded whatever the ad."""

    @cache
    def times(name: str) -> int:  # how often the ad names it
        return len(re.findall(rf"\b{re.escape(name)}\b", job_text))

    said_left = _MOST_SAID
    for line in job_text.split("\n"):
        if BULLET.match(line) or line.lstrip().startswith("#"):
            continue
        said = _LINK.sub(r"\1", line).replace("*", "").replace("_", " ").replace("\u2019", "'")
        for n, sentence in enumerate(sentences(said)):
            m = _EMPLOYER_IS.match(sentence)
            if not m:
                continue
            if not said_left:
                return None
            said_left -= 1
            who = _employer_named(m.group("who").strip(), n, times, company, title)
            if not who:
                continue
            np, after = _noun_phrase(m.group("rest"))
            helps = _HELPS.match(after)
            if helps and not np.count(" ") and helps.group("who").endswith("s"):
                np = f"{np} for {helps.group('who')}"
            words = np.split()
            if (
                not words
                or len(words) > _MOST_WORDS
                or any(w.strip(",").lower() in _WORKPLACE for w in words)
                or words[0].lower() in _NOT_WORK
                or words[-1].lower() in _NOT_WORK
            ):
                continue
            if all(w.strip(",").lower() in _GENERIC_WORDS for w in re.split(r"[\s-]+", np)):
                continue
            if re.search(r"[\d#]|\w-based\b", np):  # "a 10-year-old", "Fortune 500", "Austin-based"
                continue
            np = _employer_words(np, times)
            return who, f"{'an' if np[:1].lower() in 'aeio' else 'a'} {np}"
    return None


# a Markdown link, [text](address), its text with at most one level of brackets inside
_LINK = regex.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\([^)\s]*\)")
# A byline under the title names no employer: the source's "None", a job board
_NO_BYLINE = regex.compile(r"^(?:none|n/?a|unknown|confidential|remote\b.*|.*\bboard)$", re.I)


def _plain(text: str) -> str:
    """A heading as a reader sees it: a link's text without its address, no emphasis marks."""
    return _LINK.sub(r"\1", text).strip(" #*_")


# A line set wholly in emphasis, in any combination the ads write: "**_Key Responsibilities:_**",
# " ** _Location:_**", "__Benefits__", "_Benefits & Perks_", "**About the role:** **" (a stray
# closing mark), "**About this _roll_ * (Responsibilities) **" (marks inside)
_WRAPPED = regex.compile(
    r"^\s*(?P<open>[*_][*_\s]*?)\s*(?P<text>[^*_\s].*?)\s*(?P<close>[*_][*_\s:]*)$"
)
_MARKS = regex.compile(r"[*_]+")
_SENTENCE_END = regex.compile(r"[.!]\s|\.$")


def _lead_in(text: str, most: int) -> bool:
    """A heading's words: at most `most`, no sentence's end inside or after them."""
    return 1 <= len(text.split()) <= most and not _SENTENCE_END.search(text)


def job_heading(line: str) -> Optional[tuple[str, int]]:
    """(heading text, level) when a job ad's line is a heading to a reader, else None: the forms
    of `heading_form` (Markdown '#', 'Name:', ALL CAPS, a bold line), and as ads also write them,
    a line wholly in emphasis whatever its marks ("**_Key Responsibilities:_**", the colon inside
    the emphasis or out), a short lead-in ending with a colon ("Tools/Skills (hands-on experience
    is must):") when its words name a kind of section (a longer one is a sentence: "After meeting
    minimum qualifications, candidates will be scheduled for the following:"), and a line in
    italics alone when it names the employer's own matters ("_Benefits & Perks_", "_About Us_"):
    an italic line inside the duties ("_System Monitoring and Technical Expertise (40%)_") is a
    part of them, no heading. A bullet is never a heading. The text has straight apostrophes
    ("What You’ll Do" names the duties)."""
    if BULLET.match(line):
        return None
    line = line.replace("\u2019", "'")
    wrapped = _WRAPPED.match(line)
    if wrapped and not line.lstrip().startswith("#"):
        said = " ".join(_MARKS.sub(" ", wrapped.group("text")).split())
        text = said.strip(" :")
        colon = said.endswith(":") or ":" in wrapped.group("close")
        marks = (wrapped.group("open"), wrapped.group("close"))
        bold = any(double in m for m in marks for double in ("**", "__"))
        if (
            len(text) <= 80
            and _lead_in(text, 14 if colon else 10)
            and (bold or heading_kind(text, OTHER) == BOILERPLATE)
        ):
            return text, 9
    head = heading_form(line)
    if head:
        return head
    plain = _LINK.sub(r"\1", line).strip()
    if plain.endswith(":") and _lead_in(plain[:-1], 8) and heading_kind(plain, OTHER) != OTHER:
        return plain.strip(" :"), 9
    return None


def _byline(head: tuple[str, int], title_level: int) -> Optional[str]:
    """The employer named by a short heading right under the title ("# [Title](url)" then "###
    Block"), as job boards write an ad: a lower heading of one to five words that is no section
    heading and no location line."""
    text, level = head
    name = _plain(text)
    if not (title_level < level <= 6) or not 1 <= len(name.split()) <= 5:
        return None
    if heading_kind(name, OTHER) != OTHER or _NO_BYLINE.match(name) or not name[:1].isalnum():
        return None
    if ":" in name or "," in name or normalise_heading(name) in NOT_TERMS:
        return None
    return name


def parse_job_text(text: str, name: str = "job") -> JobDescription:
    title = company = None
    responsibilities: list[str] = []
    requirements: list[str] = []
    current: Optional[list[str]] = None
    first_line = None
    title_level = None  # the title heading's level, while the next line may be its byline
    for line in text.split("\n"):
        if not line.strip():
            continue
        field = _FIELD.match(line)
        if field:
            key = field.group("key").lower()
            if key in ("company", "employer"):
                company = company or field.group("value")
            else:
                title = title or field.group("value")
            continue
        head = job_heading(line)
        bullet = BULLET.match(line)
        if title_level is not None and head:
            company = company or _byline(head, title_level)
        title_level = None
        if head:
            if first_line is None and head[1] <= 2:
                title = title or _plain(head[0])
                title_level = head[1]
            kind = heading_kind(head[0], OTHER)
            current = (
                responsibilities
                if kind == DUTIES
                else requirements
                if kind in (REQUIRED, NICE)
                else None
            )
            first_line = first_line or line
            continue
        first_line = first_line or line
        if current is not None and bullet:
            current.append(bullet.group("item"))
    if title is None and first_line and len(first_line.split()) <= 8:
        title = first_line.strip(" #*")
    return JobDescription(
        title=title,
        company=company or guess_company(text, title),
        text=text,
        lines=text.split("\n"),
        responsibilities=responsibilities,
        requirements=requirements,
        source=name,
    )


class _JsonSkill(BaseModel):
    name: str = ""
    keywords: list[str] = []


class _JsonJob(BaseModel):
    """The JSON Resume project's job schema (the fields this reader uses; others are ignored)."""

    title: str
    company: Optional[str] = None
    description: str = ""
    responsibilities: list[str] = []
    qualifications: list[str] = []
    skills: list[_JsonSkill] = []
    experience: Optional[str] = None


def job_from_json(data: object, name: str) -> JobDescription:
    job = validate_shape(_JsonJob, data, name, "JSON Resume job description")
    lines = [f"# {job.title}"]
    if job.company:
        lines.append(f"Company: {job.company}")
    if job.description:
        lines += ["", job.description]
    if job.responsibilities:
        lines += ["", "## Responsibilities", *(f"- {r}" for r in job.responsibilities)]
    skills = [
        f"- {s.name}: {', '.join(s.keywords)}" if s.keywords else f"- {s.name}" for s in job.skills
    ]
    requirements = [*job.qualifications, *(s.removeprefix("- ") for s in skills)]
    if requirements:
        lines += ["", "## Requirements", *(f"- {r}" for r in requirements)]
    text = "\n".join(lines)
    return JobDescription(
        title=job.title,
        company=job.company,
        text=text,
        lines=lines,
        responsibilities=job.responsibilities,
        requirements=requirements,
        source=name,
    )


def read_job(path: Path | str) -> JobDescription:
    """Read a job description (.txt, .md or JSON Resume job .json) or raise one clear InputError."""
    name = display_name(path)
    suffix = Path(str(path)).suffix.lower()
    if suffix == ".json":
        return job_from_json(read_json(path, MAX_JOB_BYTES), name)
    if suffix in (".pdf", ".docx", ".doc"):
        raise InputError(
            f"{name}: job descriptions are read from .txt, .md or .json; save the ad as text"
        )
    text = read_text(path, MAX_JOB_BYTES)
    if word_count(text) < 5:
        raise InputError(
            f"{name}: too short to be a job description ({plural(word_count(text), 'word')})"
        )
    return parse_job_text(text, name)
