"""What a job ad asks for, read from the ad's own structure: which sections are requirements,
nice-to-haves, duties or boilerplate (benefits, equal-opportunity text, how to apply, exams, legal
notices are never read for terms, but for the list of what an exam weighs); "A or B" and "one of"
as one requirement either name satisfies; years of experience and degrees as their own kind of
requirement; the advertiser's own names never count. Terms come from the skills lexicon
(assistant/analysis/lexicon.py), plus names no lexicon has that are written like technology (gRPC,
OpenTelemetry, FHIR, Node.js, OAuth2) and licences and certificates named as such ("Class B
driver's license", "Backflow Tester Certificate")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Optional

from assistant import regex
from assistant.analysis.duty_questions import (
    activity_objects,
    duty_objects,
    duty_verb,
    experience_objects,
    s_form,
)
from assistant.analysis.lexicon import (
    Lexicon,
    lexicon,
    person_word,
    phrase_key,
    same_word,
    split_words,
    word_form,
    word_key,
)
from assistant.inputs.job import (
    BOILERPLATE,
    DUTIES,
    NICE,
    NICE_CUE,
    NOTES,
    OTHER,
    REQUIRED,
    REQUIRED_CUE,
    heading_kind,
)
from assistant.text import ESCAPED_MARK, sentences, token_spans

# ---- sections -------------------------------------------------------------------------------
# The kinds of section and the words of headings and cues are the job reader's
# (assistant/inputs/job.py): one place for every reading of an ad's structure.

WHERE = {REQUIRED: "requirements", NICE: "nice to have", DUTIES: "duties", NOTES: "notes"}

_HEADING_MD = regex.compile(r"^\s{0,3}#{1,6}\s*(?P<h>.+?)\s*#*\s*$")
_HEADING_BOLD = regex.compile(
    r"^\s*(?:\*\*|__)\s*(?P<h>[^*_]{2,80}?)\s*(?::\s*)?(?:\*\*|__)\s*(?::\s*)?$"
)
_HEADING_COLON = regex.compile(r"^\s*(?P<h>[A-Za-z][A-Za-z0-9 '’/&(),-]{1,70}?)\s*:\s*$")
_BULLET = regex.compile(rf"^\s*(?:{ESCAPED_MARK}|[-*•·▪◦>]|\d{{1,2}}[.)]|[a-z][.)])\s+")


def _heading(line: str) -> Optional[str]:
    """The text of a heading line (Markdown, bold alone, ALL CAPS, 'Title:'), else None."""
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).strip().replace("\u2019", "'")
    if not s or len(s) > 90:  # (a Markdown link's address does not make a heading long)
        return None
    bold_bullet = re.match(r"^[-*•]\s+((?:\*\*|__).+(?:\*\*|__):?)$", s)
    if bold_bullet:  # "* **Required**": a heading written as a bullet
        s = bold_bullet.group(1)
        words = s.strip("*_: ").split()
        if len(words) > 6 and not s.rstrip("*_ ").endswith(":"):
            return None  # "* **Programming depth with Ruby, Java, or Go**": an item set in bold
    wrapped = re.match(r"^(?:\*\*|__)(?P<h>.{2,80}?)(?:\*\*|__)\s*:?$", s)
    if wrapped and re.search(r"[*_]", wrapped.group("h")):
        # "**About this _roll_ * (Responsibilities) **": emphasis and stray marks inside a
        # bold line do not stop it being a heading
        return re.sub(r"\s+", " ", re.sub(r"[*_]+", " ", wrapped.group("h"))).strip(" :")
    for pattern in (_HEADING_MD, _HEADING_BOLD, _HEADING_COLON):
        m = pattern.match(s)
        if m:
            return m.group("h").strip(" *_:")
    words = s.split()
    if (
        len(words) <= 5
        and not re.search(r"[.,;!?]$", s)
        and not _BULLET.match(s)
        and re.match(r"^[A-Z]", s)
        and heading_kind(s, OTHER) != OTHER
        and not any(c.isdigit() for c in s)
        and not _has_term(s)
    ):
        return s  # a plain line that names a section: "What you need", "Benefits"
    letters = re.sub(r"[^A-Za-z]", "", s)
    if (
        len(letters) >= 4
        and s.upper() == s
        and len(s.split()) <= 8
        and not _BULLET.match(s)
        and not s.endswith(".")
    ):
        return s.strip(" *_:")
    return None


def _has_term(line: str) -> bool:
    lex = lexicon()
    keys = [word_key(w) for w in split_words(line)]
    return any(lex.match_at(keys, i) for i in range(len(keys))) or any(
        w in lex.exact or w in lex.acronyms for w in split_words(line)
    )


# ---- sentences ------------------------------------------------------------------------------


class _AnyCase:
    """A pattern of lower-case words to find in any case. An ASCII text is searched in lower case
    by the pattern without re.IGNORECASE: the same match at the same place (an ASCII letter has
    one other case, and lower case keeps every character where it is), two to three times faster
    on a long line, where ignoring case compares every alternative at every character. The
    match's text is in lower case."""

    def __init__(self, source: str) -> None:
        self.source = source

    @cached_property
    def _lower(self) -> re.Pattern:
        return regex.compile(self.source)

    @cached_property
    def _any_case(self) -> re.Pattern:
        return regex.compile(self.source, re.I)

    def search(self, text: str) -> Optional[re.Match]:
        if text.isascii():
            return self._lower.search(text.lower())
        return self._any_case.search(text)


# A sentence that is about applying, pay, law or the employer, not about the work: anywhere...
_BOILER_SENTENCE = _AnyCase(
    r"equal (?:employment )?opportunit|discriminat|\brace\b|religio|sexual orientation|"
    r"gender identity|national origin|veteran status|accommodat|background (?:check|investigation)|"
    r"privacy (?:notice|policy|statement|team|rights)|your privacy|personal (?:data|information)|\bsalary|compensation|\bbenefits? (?:package|program)|"
    r"401\(?k|paid time off|\bpto\b|insurance|equity grant|stock option|visa\b|sponsorship|"
    r"\bdrug|alcohol|moving violation|\bdui\b|social security|conviction|criminal|"
    r"https?://|www\.|@\w+\.\w|reciprocity|civil service|charter section|job bulletin|"
    r"per\.lacity|shareholder|\bvaluation|investors"
)
# ... and outside the requirements and duties, also the words of the application process.
_PROCESS_SENTENCE = _AnyCase(
    r"\bapply\b|(?<!computer )(?<!software )(?<!office )(?<!web )(?<!mobile )application\b"
    r"(?! (?:development|developers?|servers?|layers?|security|architecture|code|design|"
    r"performance|support|monitoring|stack|logic))|"
    # many applications are software ("GenAI applications", "protocols and applications");
    # the job's are sent, received, accepted, reviewed
    r"^applications\b|\b(?:all|your|submit(?:ted)?|review(?:ed)?|accept(?:ed)?|receiv(?:e|ed)) "
    r"applications\b|\bapplications (?:are|will|must|should|may|received|accepted|reviewed|"
    r"considered|submitted)\b|"
    r"\bresume\b|cover letter|deadline|disabilit|eligib|citizenship|"
    r"work permit|interview|examination|\bexam\b|weight(?:ed|s)?\b|\bscore|will be contacted|"
    r"notified|this (?:bulletin|posting)|on-?line|supplemental question|questionnaire|"
    r"filing period|time of filing|proof of|must (?:list|submit|attach|indicate|complete)|"
    r"be (?:appointed|hired)|appointment|probation|overtime|weekends|holidays|shifts|relocat|"
    r"travel up to|fully remote|remote work|headquarter|founded|\bour (?:mission|customers|values)|"
    r"we are (?:a|an|the|proud)|we believe|join us|about us|funding|disqualif"
)
_ABOUT_US = regex.compile(
    r"^(?:we|we're|we've|our|us|you'll be joining|you will be joining|you'll join|you will join)\b",
    re.I,
)
_NEGATED = regex.compile(
    r"\b(?:does|do|will|shall|would) not (?:qualify|count|be (?:accepted|considered|counted))|"
    r"\bnot (?:qualifying|acceptable)\b",
    re.I,
)
_WANTED = regex.compile(
    r"\b(?:desir\w+|preferred|is a plus)\b",
    re.I,
)
_LICENCE_WORD = regex.compile(
    r"licen[cs]e|certif|credential|clearance|registration|registered|authorization", re.I
)
_DESCRIPTION = regex.compile(r"\bdescription\b", re.I)
# In an exam or selection section, the sentence that says what the test or interview weighs
# ("In the interview, emphasis may be placed on the candidate's experience ... knowledge of:
# AutoCAD, drawings, maps; ..."): its list is the job's own content, the rest is the process.
_EXAM_SUBJECTS = regex.compile(
    r"\bemphasis (?:may|will) be placed on\b|\b(?:examined|evaluated) (?:for|on)\b|"
    r"competencies may be evaluated",
    re.I,
)
_ABILITIES = regex.compile(r"[;,]?\s*(?:and )?the abilit(?:y|ies) to\b", re.I)
# (a dash's spaces are taken from the first of a run: tried from each, a long run of spaces
# before no dash took quadratic time)
_CLAUSE_BREAK = regex.compile(r";\s+|(?<!\s)\s+[-–—]\s+(?=[A-Z])")


def _exam_subjects(line: str) -> Optional[str]:
    """The list of what an exam section's test or interview weighs (after the colon of its
    sentence, else after the cue), or None where the line says no such thing."""
    for sentence in sentences(line):
        m = _EXAM_SUBJECTS.search(sentence)
        if m:
            rest = sentence[m.end() :]
            rest = rest.partition(":")[2] or rest
            return _ABILITIES.split(rest, maxsplit=1)[0].strip()
    return None


def _sentences(paragraph: str) -> list[str]:
    """The text layer's sentences, each cut again at semicolons and spaced dashes (a bulletin's
    "...; or" lists one alternative a clause)."""
    return [
        part.strip()
        for sentence in sentences(paragraph)
        for part in _CLAUSE_BREAK.split(sentence)
        if part and part.strip()
    ]


@dataclass
class Sentence:
    text: str
    kind: str  # REQUIRED, NICE, DUTIES, NOTES or OTHER (boilerplate never gets here)
    position: int
    exam: bool = False  # the list of what an exam section's test weighs (_exam_subjects)
    title: bool = False  # the ad's title, its first line: read for the tools it names


def ad_sentences(text: str, dropped: Optional[list[tuple[str, str]]] = None) -> list[Sentence]:
    """The ad's sentences that may ask for something, each with the kind of its section; each
    line or sentence left out goes to `dropped` with why, when a list is given (the diagnosis of
    evaluation/diagnose_keywords.py)."""
    out: list[Sentence] = []

    def drop(what: str, why: str) -> None:
        if dropped is not None:
            dropped.append((what, why))

    kind = OTHER
    described = False  # under "Job Description": the duties are its list, its prose is about
    pos = 0  # the team and the employer
    lines = text.split("\n")
    first = True  # no line with words read yet: a heading here is the ad's title
    for _n, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        h = _heading(line)
        if (
            h is not None
            and first
            and not (_BOILER_SENTENCE.search(h) or _PROCESS_SENTENCE.search(h))
        ):
            # "Senior .NET Software Engineer": the title names the job's technology, which its
            # text may never name again; read for tools only (`_read_ad`), never a section (a
            # first line of boilerplate or process, "Apply Online by Friday", is no title)
            out.append(Sentence(h, OTHER, start, title=True))
        first = first and not line.strip()
        if h is not None:
            kind = heading_kind(h, kind)
            drop(h, "heading")
            described = kind == DUTIES and bool(_DESCRIPTION.search(h))
            # "Requirements: Python and SQL" on one line: the rest is content
            continue
        inline = re.match(r"^\s*(?:\*\*)?([A-Z][A-Za-z '’/&-]{2,40}?):(?:\*\*)?\s+(\S.*)$", line)
        body = line
        if inline and heading_kind(inline.group(1), kind) in (REQUIRED, NICE, BOILERPLATE):
            kind = heading_kind(inline.group(1), kind)
            body = inline.group(2)
        here = kind
        subjects = _exam_subjects(body) if kind == BOILERPLATE else None
        if subjects:  # what the exam weighs is read as wanted, never as a must-have
            drop(body, "boilerplate section, its exam subjects kept")
            here, body = NICE, subjects
        elif kind == BOILERPLATE or (described and kind == DUTIES and not _BULLET.match(body)):
            drop(body, "boilerplate section" if kind == BOILERPLATE else "description prose")
            continue
        body = _BULLET.sub("", body).strip()
        body = re.sub(r"[*_`]{1,3}", "", body)
        body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # Markdown links: keep the words
        if not body:
            continue
        for s in _sentences(body):
            if _NEGATED.search(s):
                drop(s, "negated")
                continue  # "Retail cashiering does not qualify": what does not count
            if here in (DUTIES, OTHER) and _ABOUT_US.match(s):
                drop(s, "about us")
                continue  # "We use ...", "You'll be joining 250 engineers": about the employer
            which, boiler = "boilerplate", _BOILER_SENTENCE.search(s)
            if boiler is None and here not in (REQUIRED, DUTIES, NICE):
                which, boiler = "process", _PROCESS_SENTENCE.search(s)
            if boiler and here in (REQUIRED, DUTIES, NICE):
                # a duty that ends on the law ("..., and fulfills equal employment opportunity
                # responsibilities"): the work before the last clause still counts
                head, _, _tail = s.rpartition(",")
                if boiler.start() > len(head) and len(head.split()) >= 6:
                    s, boiler = head, _BOILER_SENTENCE.search(head)
            if boiler and not (
                _LICENCE_WORD.search(s) and re.search(r"requir|must|valid|possess", s, re.I)
            ):
                drop(s, f"{which} sentence in {here} ({boiler.group(0).lower()!r})")
                continue
            out.append(Sentence(s, here, start + max(0, line.find(s[:20])), subjects is not None))
    return out


# ---- terms in one sentence ------------------------------------------------------------------


@dataclass
class Found:
    name: str
    category: str
    start: int  # character offsets in the sentence
    end: int
    term_id: Optional[int] = None
    aliases: tuple[str, ...] = ()


_TECH = regex.compile(
    r"(?<![\w.@/-])(?:"
    r"[a-z]+[A-Z][A-Za-z0-9]*(?:\.[A-Za-z]+)?"  # gRPC, iOS, macOS, eBPF
    r"|[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+"  # OpenTelemetry, PyTorch, GitLab
    r"|[A-Z]{1,3}[A-Z][a-z]{3,}(?:[A-Z][A-Za-z0-9]*)*"  # XState, JBoss, DBeaver (not APIs)
    r"|[A-Z][A-Za-z]*[0-9][A-Za-z0-9]*"  # K8s, OAuth2, S3, EC2, ES6, SOC2
    r"|[A-Za-z][A-Za-z0-9]*\.(?:js|io|ai|net|py|rs|NET|JS)"  # Node.js, Socket.io
    r"|[A-Z]{2,6}(?:[-/][A-Z0-9]{1,6})?"  # FHIR, HIPAA, HL7, CI/CD
    r"|[A-Z]{1,3}&[A-Z]{1,3}"  # O&M, P&L, A&P
    r")(?![\w@/]|\.\w)",
)
# Acronyms and capitalised words that are never a skill an ad asks for.
_NOT_TERMS = frozenset(
    """
I US USA UK EU EEA US/CA NY NYC SF LA DC CA TX WA MA IL FL CO NJ AM PM ID FAQ CEO CTO CFO COO CMO
CPO CIO CISO VP SVP EVP HR EST PST CST ET PT GMT UTC TBD ETA NA N/A ASAP FTE PTO EOE OTE DEI
LGBTQ LGBTQIA DEIB ERG ERGs ECG OR AND NOT BEFORE AFTER ALL NO YES NOTE NOTES IF THE ON OF TO
IN AT BY WE OUR YOU YOUR IT'S AN A LLC INC LTD GMBH CO CORP PLC SA AG BV USD EUR CAD GBP AUD PLN
BRL INR JPY KPI KPIs OKR OKRs MVP MVPs SME SMEs TL;DR AKA FKA DBA ASAP RSVP APAC EMEA LATAM AMER
NA/EMEA COVID COVID19 COVID-19 LI DNP LI-DNP LI-Remote Q1 Q2 Q3 Q4 H1 H2 FY WFH IRL B2B2C DOB
SSN DMV CVC DD VWE PHS EEO DRUG MICN PCC NOTE: US-based II III IV
""".split()
)
_LICENCE_CLASS = regex.compile(
    r"\bClass\s+(?P<a>[ABC])(?P<more>(?:\s*(?:,|or|and/or|and|/)\s*(?:Class\s+)?[ABC]\b)*)"
    r"(?:\s+(?:commercial\s+)?(?:driver'?s?|driving)\s+licen[cs]es?|\s+(?:commercial\s+)?licen[cs]e|"
    r"\s+CDL)",
    re.I,
)
_NAMED_CREDENTIAL = regex.compile(  # "Environmental Protection Agency approved Technician Certificate"
    r"(?P<name>(?:(?:[A-Z0-9][\w&'’./-]*|approved|accredited)\s+){0,5}?(?:[A-Z0-9][\w&'’./-]*))\s+"
    r"(?:\([A-Z0-9&]{2,8}\)\s+)?"  # "Environmental Protection Agency (EPA) certificate"
    r"(?P<kind>(?i:licen[cs]e|certificate|certification|credential))\b"
)
# a named course or programme whose completion qualifies: "Completion of eight months in the
# Utility Pre-Craft Trainee training program", "the Hayden Electricity Course"
_NAMED_COURSE = regex.compile(
    r"(?P<name>(?:[A-Z0-9][\w&'’./-]*\s+){0,5}?(?:[A-Z0-9][\w&'’./-]*))\s+"
    r"(?P<kind>(?i:(?:training\s+)?(?:course|program(?:me)?)|apprenticeship))\b"
)
_COMPLETION = regex.compile(r"\bcomplet(?:ion|ed?)\b|\bcourse\b", re.I)


def _finditer_by_runs(pattern: re.Pattern, first: re.Pattern, run: re.Pattern, text: str):
    """pattern.finditer(text), in linear time, for a pattern whose first word (starting where
    `first` matches) runs to the end of the `run` of characters it starts in: a start that fails
    then fails for every later start in that run, so the search goes on after the run instead of
    at each letter of it (on 'A.A.A.', 'jo@1.1.1.' or 'a-a-a-' the plain search rescanned the
    run from every letter, in quadratic time)."""
    pos = 0
    while (c := first.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = run.match(text, c.end()).end()


_CAPITAL_OR_DIGIT = regex.compile(r"[A-Z0-9]")
_NAME_RUN = regex.compile(r"[\w&'’./-]*")
_LOWER_START = regex.compile(r"\b[a-z]")
_LOWER_RUN = regex.compile(r"[-a-z'’]*")  # a run scanned past, not a tokenizer
_LOWER_HYPHEN_RUN = regex.compile(r"[a-z-]*")


_LOWER_CREDENTIAL = regex.compile(
    r"\b(?P<name>(?:[a-z][a-z'’-]+\s+){1,2})"
    r"(?P<kind>licen[cs]e|certificate|certification|authorization)\b"
)
_LICENSED_AS = regex.compile(
    r"\blicensed\s+(?P<name>[A-Z][\w&'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&'’-]*){0,5})"
)
_CREDENTIAL_FOR = regex.compile(
    r"\b(?:(?P<kind>Licen[cs]e|Certificate|Certification)\s+(?:for|as an?|as|in)|"
    r"(?P<lower>licen[cs]e|certificate|certification)\s+as\s+an?)\s+"  # "certification as an Arborist"
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,7})"
)
_APPRENTICESHIP_AS = regex.compile(  # "a recognized apprenticeship as an Electrician"
    r"\bapprenticeship\s+(?:as\s+an?|in)\s+(?P<name>[A-Za-z][\w'’-]*(?:\s+or\s+[A-Za-z][\w'’-]*)?)"
    r"(?P<more>(?:\s+[A-Za-z][\w'’-]*){0,2})"
)


def _trade(m: re.Match) -> tuple[str, int]:
    """The trade an apprenticeship is in (`_APPRENTICESHIP_AS`), and where it ends: its words up
    to the one a role ends in ("auto electrician", "cement finisher" of "as a cement finisher;
    or"), else its first word alone ("blacksmith", "Electrician or Plumber")."""
    from assistant.analysis.occupations_file import role_heads

    first = m.group("name")
    more = [] if " or " in first else list(re.finditer(r"\S+", m.group("more")))
    heads = role_heads()
    if first.lower() not in heads:
        for i, word in enumerate(more):
            if word.group(0).lower() in heads:
                end = m.start("more") + word.end()
                return f"{first} {' '.join(w.group(0) for w in more[: i + 1])}", end
    return first, m.end("name")


_SHARED_CREDENTIAL = regex.compile(
    r"\b(?P<first>[a-z][a-z-]{3,})\s+(?:and/or|or|and)\s+(?:[a-z'’-]+\s+){0,2}?"
    r"(?P<kind>licen[cs]e|certificate|certification)s?\b"
)
_CREDENTIAL_FILLER = frozenset(
    """a an the valid current following such any this these that required appropriate state
california federal their his her your its of issued by from with and or for as active
unrestricted equivalent approved recognized recognised professional applicable proper
driver's drivers driving medical this same said own selective submit specify requiring
require requires obtain obtaining possess possession hold have copy attach list provide
certified their following appropriate name number former prior previous""".split()
)


def _ok_tech(token: str) -> bool:
    if token in _NOT_TERMS or token.upper() in _NOT_TERMS:
        return False
    if re.fullmatch(r"[ABC][12]\+?|[QH][1-4]|[A-Z]1", token):  # A1, C2, Q3: levels, quarters
        return False
    return not re.fullmatch(r"\d+[a-z]*", token)


@dataclass
class Tokens:
    words: list[str]
    keys: list[str]
    spans: list[tuple[int, int]]
    room: list[int]  # how many words from each word to the next comma, bracket or sentence end


_BREAK = regex.compile(r"[,;:()!?\[\]{}\"|•·–—]|\.(?:\s|$)|\n|\s-\s")


def tokenize(text: str, lex: Lexicon) -> Tokens:
    words, keys, spans = [], [], []
    for m in token_spans(text):  # the text layer's one tokenizer
        tok, s = m.group(0), m.start()
        parts: list[tuple[str, int]]
        if "/" in tok and tok.lower() not in lex.no_split and tok not in lex.acronyms:
            parts, off = [], s
            for p in tok.split("/"):
                parts.append((p, off))
                off += len(p) + 1
        else:
            parts = [(tok, s)]
        for p, ps in parts:
            if not p:
                continue
            if "-" in p:
                continue
            words.append(p)
            keys.append(word_key(p))
            spans.append((ps, ps + len(p)))
    room = [1] * len(words)
    for i in range(len(words) - 2, -1, -1):
        gap = text[spans[i][1] : spans[i + 1][0]]  # mostly one space, which breaks nothing
        room[i] = 1 if gap != " " and _BREAK.search(gap) else room[i + 1] + 1
    return Tokens(words, keys, spans, room)


def _hyphen_safe(text: str) -> str:
    return text.replace("-", " ")


# ---- names an ad writes in another order ------------------------------------------------------
# Taxonomies name an activity noun-last ("Project Management", "Code Review", "Concrete
# Finishing"); ads write the verb first ("managing projects", "review code", "finishing concrete"),
# with "of" ("maintenance of helicopters") or one head shared by a list ("analytical and
# quantitative skills", "mixing, placing, and finishing concrete"). The same stems in the other
# order, or each member of a list with the shared word, are looked up as a lexicon name.

_PHRASE_END = frozenset(
    """and or of for in to with on at by from as that which who where when while into across
    within using under through including such is are was were will be""".split()
)
_DETERMINER = frozenset("the a an all any our their its your his her this these those".split())
_JOIN = regex.compile(r"^\s*(?:,\s*(?:(?:and|or|and/or)\s+)?|(?:and|or|and/or)\s+|/)$", re.I)


def _coordinated(text: str, tokens: Tokens, i: int) -> int:
    """The index of the last word of the list of single words that starts at word i
    ("mixing, placing, and finishing"), joined by commas, "and", "or", "/"; i itself if none."""
    words, spans = tokens.words, tokens.spans
    j = i
    while j + 1 < len(words):
        k = j + 1
        if words[k].lower() in ("and", "or"):
            k += 1
        if (
            k >= len(words)
            or k == j + 1
            and not re.search(r"[,/]", text[spans[j][1] : spans[k][0]])
        ):
            break
        if not _JOIN.match(
            text[spans[j][1] : spans[k][0]] if k == j + 1 else _gap(text, spans, j, k)
        ):
            break
        if not words[k].isalpha() or not words[k].islower():
            break
        j = k
    return j


def _verb_positions(text: str, tokens: Tokens) -> set[int]:
    """The words that can only be verbs where they stand: the first word of a sentence (a duty
    written as a command: "Collaborate with the team") and the word after "to", with the words
    listed after either ("to inspect, adjust, install, and repair")."""
    words = tokens.words
    out: set[int] = set()
    for i, w in enumerate(words):
        if w.isalpha() and (i == 0 or words[i - 1].lower() == "to") and i not in out:
            out.update(range(i, _coordinated(text, tokens, i) + 1))
    return out


# "A Water Utility Operator inspects, operates, and maintains ...": a job title at the start of
# a sentence, then the list of what it does
_TITLE_START = regex.compile(r"^(?:An?|The)\s+[A-Za-z]")


def _title_verbs(text: str, tokens: Tokens) -> set[int]:
    """The words of the verb list after a job title that opens the sentence ("A Water Utility
    Operator inspects, operates, and maintains ..."): three or more words joined like a list,
    right after the title's few words, at least two of them in the -s form a verb takes after
    a singular subject. A hyphenated last verb ("heat-treats") ends the list."""
    if not _TITLE_START.match(text):
        return set()
    words, spans = tokens.words, tokens.spans
    for i in range(2, min(7, len(words))):  # the title: the article and one to five words
        if text[spans[i - 1][1] : spans[i][0]] != " ":
            return set()  # a title's words are joined by spaces alone
        if not words[i].islower():
            continue
        # the first plain word after the title must begin the list ("A Mechanical Helper
        # assists mechanics, machinists, ...": a verb, then the nouns it takes)
        last = _coordinated(text, tokens, i)
        if last + 1 < len(words) and text[spans[last][1] : spans[last + 1][0]] == "-":
            last += 1  # "heat-treats": its last word is the verb
        members = [k for k in range(i, last + 1) if words[k].lower() not in ("and", "or")]
        plain = [k for k in members if re.fullmatch(r"[a-z]+[^s]s", words[k])]
        return set(range(i, last + 1)) if len(plain) >= 2 and len(members) >= 3 else set()
    return set()


def _gap(text: str, spans: list[tuple[int, int]], j: int, k: int) -> str:
    return text[spans[j][1] : spans[k][0]]


def _after(tokens: Tokens, j: int) -> tuple[int, bool]:
    """Where the words a list shares begin after word j, skipping "of" and a determiner."""
    k, of = j + 1, False
    n = len(tokens.words)
    if k < n and tokens.words[k].lower() == "of":
        k, of = k + 1, True
    if k < n and tokens.words[k].lower() in _DETERMINER:
        k += 1
    return k, of


_MODIFIER = regex.compile(r"(?:ed|al|ive|ous|ful|able|ible|ic|ary)$", re.I)
_VERB_FORM = regex.compile(r"[a-z]{3}[^c]es$")  # supervises, manages; not services
_ACTIVITY_FORMS = frozenset({"ment", "tion", "sion", "ance", "ence", "ing", "ings", "al"})


def _verb_first(written: str, name: str, verb: bool = False) -> bool:
    """Whether a word written before its object is the verb of the name's activity ("managing
    projects": Project Management), not a noun of a compound ("software systems"); a word that
    stands where only a verb can (`verb`: "Review code to ...") is one in any form."""
    w = written.lower()
    last = name.split()[-1] if name.split() else ""
    if not same_word(w, last):
        return False  # "engines ... facilities" is not Facilities Engineering
    if w.endswith("ing") or verb:
        return True
    return w.endswith(("e", "es", "ed")) and word_form(last) in _ACTIVITY_FORMS


def _lookup(lex: Lexicon, keys: list[str]) -> Optional[int]:
    return lex.key_term(" ".join(keys)) if keys[0] in lex.firsts else None


# "supervisory principles", "investigative techniques": the field of work an adjective is made
# from (Supervision, Investigation), when a word for a way of working follows it
_ADJECTIVE = regex.compile(r"[a-z]{4,}(?:ory|ive|ial|ical|ary)$")
_WAYS = frozenset(
    "principles techniques practices methods procedures skills abilities duties capacity "
    "responsibilities functions".split()
)


def _adjective_name(words: list[str], keys: list[str], i: int, lex: Lexicon) -> Optional[int]:
    """The single-word lexicon name whose key begins the adjective's key (at least 6 letters)."""
    if not (
        i + 1 < len(words) and _ADJECTIVE.fullmatch(words[i]) and words[i + 1].lower() in _WAYS
    ):
        return None
    key = keys[i]
    for j in range(len(key), 5, -1):
        tid = lex.key_term(key[:j])
        if tid is not None and lex.term(tid).category != "certification or licence":
            return tid
    return None


def rearranged(
    text: str, tokens: Tokens, lex: Lexicon, verbs: frozenset[int] = frozenset()
) -> list[Found]:
    """Lexicon names the ad writes verb first, with "of", sharing a word with a list, or as the
    adjective of a way of working ("supervisory principles"); `verbs`: the words that can only be
    verbs where they stand (`_verb_positions`)."""
    out: list[Found] = []
    n = len(tokens.words)
    keys, words, spans = tokens.keys, tokens.words, tokens.spans
    i = 0
    while i < n:
        if not (words[i].isalpha() and words[i][1:].islower() and len(words[i]) > 3):
            i += 1
            continue
        tid = _adjective_name(words, keys, i, lex)
        if tid is not None and tokens.room[i] >= 2:
            term = lex.term(tid)
            out.append(Found(term.name, term.category, spans[i][0], spans[i + 1][1], tid))
            i += 2
            continue
        last = _coordinated(text, tokens, i)
        members = [m for m in range(i, last + 1) if words[m].lower() not in ("and", "or")]
        k, of = _after(tokens, last)
        # the shared words stay in the clause: no comma or sentence end inside them
        shared = [
            (w, 0, keys[k : k + w])
            for w in (2, 1)
            if k + w <= n
            and tokens.room[k] >= w
            # after "of", the whole phrase ("construction of electrical systems" is not
            # Electrical Construction); after a verb, its object's first word names the field too
            # ("finishing concrete surfaces": Concrete Finishing)
            and (
                tokens.room[k] == w
                or words[k + w].lower() in _PHRASE_END
                or not (of or _MODIFIER.search(words[k]))  # "developing distributed systems"
            )
        ]
        if not of and k + 1 < n and words[k].islower() and _MODIFIER.search(words[k]):
            # a verb's object with an adjective before it: "managing external vendors" (not when
            # the two are a name of their own: "developing distributed systems")
            shared += [
                (w, 1, keys[k + 1 : k + 1 + w])
                for w in (2, 1)
                if tokens.room[k] > w and _lookup(lex, keys[k : k + 1 + w]) is None
            ]
        for m in members:
            for w, skip, obj in shared:
                tid, end = None, spans[m][1]
                if m != members[-1] and not skip:
                    tid = _lookup(lex, [keys[m], *obj])  # "analytical [and quantitative] skills"
                    if tid is not None:  # in the form the name has: "hospital" is not Hospitality
                        written = [words[m], *words[k : k + w]]
                        tid = lex.by_form(written, [keys[m], *obj], tid)
                if tid is None:
                    tid = _lookup(lex, [*obj, keys[m]])  # "managing projects", "repair of tools"
                    # a verb in any form where only a verb stands, before a whole plain object
                    # ("Review code to ensure": Code Review; not "Develop capability
                    # requirements", "think creatively")
                    verb = (
                        m in verbs
                        and not skip
                        and not word_form(words[m])
                        and not words[m].endswith("sis")  # "Analysis, build, ... databases"
                        and (tokens.room[k] == w or words[k + w].lower() in _PHRASE_END)
                        and all(x.islower() for x in words[k : k + w])
                        and not _MODIFIER.search(words[k + w - 1])
                        and not words[k + w - 1].endswith("ly")
                    )
                    if tid is not None and not (
                        of or _verb_first(words[m], lex.term(tid).name, verb)
                    ):
                        tid = None
                    end = spans[k + skip + w - 1][1] if m == members[-1] else end
                if tid is not None:
                    term = lex.term(tid)
                    if term.category != "certification or licence":
                        out.append(Found(term.name, term.category, spans[m][0], end, tid))
                    break
        i = last + 1
    return out


# a comma list whose last item ends in "skills": the word belongs to every item ("interpersonal,
# conflict resolution, presentation, and customer service skills")
_SKILLS_LIST = regex.compile(
    r"\b(?P<items>(?:[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2},\s+){1,6}(?:(?:and|or)\s+)?"
    r"(?:[a-z][a-z-]*\s+){1,3}?)skills\b"
)


def shared_skills(text: str, lex: Lexicon) -> list[Found]:
    """The one-word items of a comma list that ends in "... skills", each read with the word
    "skills" where that is a lexicon name in the form written: Interpersonal Skills in "strong
    interpersonal, conflict resolution, and customer service skills" (a list of single words,
    "verbal, written and interpersonal skills", is `rearranged`'s)."""
    out: list[Found] = []
    if "skills" not in text:
        return out  # (most sentences: the list pattern is not tried at every word)
    for m in _SKILLS_LIST.finditer(text):
        start = m.start("items")
        for item in list(re.finditer(r"[^,]+", m.group("items")))[:-1]:  # the last holds "skills"
            words = item.group(0).split()
            if len(words) != 1 or words[0] in _PHRASE_END:
                continue
            written = [words[0], "skills"]
            keys = [word_key(w) for w in written]
            tid = _lookup(lex, keys)
            if tid is not None and lex.by_form(written, keys, tid) == tid:
                term = lex.term(tid)
                at = start + item.start() + item.group(0).index(words[0])
                out.append(Found(term.name, term.category, at, at + len(words[0]), tid))
    return out


# first halves of words often written apart: "multi threaded", "micro services", "back end"
_PREFIXES = frozenset({"multi", "micro", "cyber", "back", "front"})


def _joined_name(tokens: Tokens, i: int, lex: Lexicon) -> Optional[Found]:
    """A one-word name written as two words: "power point", "Quick Books", "lucid chart", "multi
    threaded". Only names written with an inner capital (PowerPoint, LucidChart), two capitalised
    words or a word's usual first half: two plain words that happen to spell a name stay apart."""
    words = tokens.words
    if i + 1 >= len(words) or tokens.room[i] < 2:
        return None
    a, b = words[i], words[i + 1]
    if not (a.isalpha() and b.isalpha() and len(a) >= 3 and len(b) >= 3):
        return None
    tid = lex.key_term(word_key(a + b))
    if tid is None:
        return None
    term = lex.term(tid)
    if " " in term.name or term.category not in ("tool", "hard skill"):
        return None
    # the two words spell the name (a plural aside), or another form of an activity's name
    # ("multi threaded": Multithreading); "cloud based" shares CloudBase's key, not its spelling
    spelled = (a + b).lower()
    if spelled.rstrip("s") != term.name.lower().rstrip("s") and not (
        word_form(term.name) in _ACTIVITY_FORMS and same_word(spelled, term.name)
    ):
        return None
    if not (
        re.search(r"[a-z][A-Z]", term.name)
        or (a[0].isupper() and b[0].isupper())
        or a.lower() in _PREFIXES
    ):
        return None
    return Found(term.name, term.category, tokens.spans[i][0], tokens.spans[i + 1][1], tid)


_GENERIC_HEAD = regex.compile(
    r"\s+(?:equipment|systems?|machines|machinery|vehicles|"
    r"(?P<tools>tools|platforms|software|solutions|technologies|frameworks|libraries))\b"
)

_NAMED_PRODUCT = regex.compile(
    r"(?:\b(?:with|using|like|including|such as|or|and|in)|,)\s+"
    r"(?P<name>[A-Z][a-z]+[A-Za-z0-9]*(?:\s[A-Z][a-z]+[A-Za-z0-9]*)?)(?=\s+[a-z]|\s*[,;.()]|\s*$)"
)
_LIST_ITEM = regex.compile(
    r"(?:^|,\s*|\b(?:and|or)\s+)(?P<name>[A-Z][a-z][A-Za-z0-9+#-]*)(?=\s*(?:,|\.?$|\s(?:and|or)\b))"
)


_JOINED_AFTER = regex.compile(
    r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?P<w>[A-Z][a-z]{2,})\b(?!\s?[A-Z])"
)
_JOINED_BEFORE = regex.compile(
    r"(?<![\w.'’-])(?P<w>[A-Z][a-z]{2,})(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$"
)


def _beside_technology(text: str, found: list[Found]) -> list[tuple[int, int]]:
    """Where a single capitalised word stands beside a term written like technology (mixed case,
    digits, dots: GithubActions, MetalK8s, Node.js; not an acronym, which bodies and places have
    too), joined to it by a comma, "and" or "or", and opens no sentence: "Argo and GithubActions"."""
    out: list[tuple[int, int]] = []
    for f in found:
        written = text[f.start : f.end]
        if written.isupper() or not _TECH.fullmatch(written):
            continue
        after = _JOINED_AFTER.match(text, f.end)
        before = _JOINED_BEFORE.search(text, max(0, f.start - 40), f.start)
        for m in (after, before):
            if m is None or m.start("w") == 0:
                continue
            word = m.group("w")
            if word not in _COMMON_CAPITALISED and _ok_tech(word):
                out.append(m.span("w"))
    return out


def _list_member(text: str, f: Found) -> bool:
    """The term is a whole item of a comma list: a comma, "and" or "or" on either side."""
    before = text[: f.start].rstrip()
    after = text[f.end :].lstrip()
    return (not before or before.endswith(",") or bool(re.search(r"\b(?:and|or)$", before))) and (
        not after or after[0] in ",." or bool(re.match(r"(?:and|or)\b", after))
    )


def _s_form_before_object(tokens, i: int) -> bool:
    """Word i is a verb's plain -s form before its object: a determiner or a capitalised name
    follows, and no determiner comes before ("trains Building Operating Engineers", "monitors
    the operation"; not "the trains")."""
    words = tokens.words
    return (
        re.fullmatch(r"[a-z]{3,}[^su]s", words[i]) is not None
        and i + 1 < len(words)
        and (words[i + 1].lower() in _DETERMINER or words[i + 1][:1].isupper())
        and (i == 0 or words[i - 1].lower() not in _DETERMINER)
    )


def _one_word(text: str, f: Found) -> bool:
    """A one-word name read alone ("Projects"), or a skill read from its one word ("Presented"
    for Presentation skills): a longer name read around it holds it ("Presented Sales": Sales
    Presentation)."""
    return " " not in f.name or (
        _SKILLS_TAIL.search(f.name) is not None and " " not in text[f.start : f.end]
    )


_SKILLS_TAIL = regex.compile(r"(?<=\S)\s+skills?$", re.I)


_COMMON_CAPITALISED = frozenset(
    """
English Spanish French German Chinese Japanese Portuguese Italian Arabic Monday Friday Google
Apple Microsoft Amazon Meta Facebook Twitter LinkedIn America American Europe European Asia
Africa Australia Canada Brazil India London Paris Berlin California Texas York The This That
These Those Our Your Their We You They It He She Strong Excellent Good Great Solid Proven
Experience Knowledge Ability Skills Bachelor Master Degree Senior Junior Lead Staff Principal
Manager Director Engineer Developer Team Company Client Customer Customers Product Products
""".split()
)


def terms_in(
    text: str,
    lex: Optional[Lexicon] = None,
    only_credentials: bool = False,
    strict: bool = True,
    products: bool = False,
    duty: bool = False,
    experience: bool = False,
) -> list[Found]:
    """Every term named in one sentence, left to right, longest first; `duty`: the sentence is a
    duty, and the things its verbs and its nouns of work are done to are terms too
    (duty_questions.duty_objects, activity_objects); `experience`: the sentence is a requirement,
    and what its experience is in is a term too (duty_questions.experience_objects)."""
    lex = lex or lexicon()
    found: list[Found] = []
    # how many taken terms cover each character: asking whether a span is free costs its length,
    # not the number of terms taken so far (a line of 5,000 names took quadratic time)
    covered = [0] * len(text)

    def free(s: int, e: int) -> bool:
        return not any(covered[s:e])

    def cover(f: Found, step: int) -> None:
        for k in range(f.start, f.end):
            covered[k] += step

    def take(f: Found) -> None:
        found.append(f)
        cover(f, 1)

    def give_back(f: Found) -> None:  # a term a longer reading holds gives its place back
        found.remove(f)
        cover(f, -1)

    for m in _LICENCE_CLASS.finditer(text):
        classes = [m.group("a").upper(), *re.findall(r"\b([ABC])\b", m.group("more") or "")]
        classes = list(dict.fromkeys(c.upper() for c in classes))
        name = "Class " + " or ".join(classes) + " driver's license"
        aliases = tuple(f"Class {c} driver's license" for c in classes) + tuple(
            f"Class {c}" for c in classes
        )
        take(Found(name, "certification or licence", m.start(), m.end(), None, aliases))

    tokens = tokenize(_hyphen_safe(text), lex)
    verbs = _verb_positions(text, tokens)
    duties = _title_verbs(text, tokens)
    i = 0
    n = len(tokens.words)

    def used_one(f: Found) -> bool:
        return f.end <= tokens.spans[i][1]

    while i < n:
        s0 = tokens.spans[i][0]
        word = tokens.words[i]
        best: Optional[Found] = None
        hits = lex.matches_at(tokens.keys, i, tokens.room[i])
        hit = next(hits, None)
        while hit is not None and strict:
            # the longest name the words spell in the form they are written: where the longest
            # key is refused ("distribution system" is not Distributed Systems), a shorter name
            # at the same word may still be written as it is (Distribution)
            tid, used = hit
            form_tid = lex.by_form(tokens.words[i : i + used], tokens.keys[i : i + used], tid)
            if form_tid is None and i + used - 1 in duties:
                # "A blacksmith forges, grinds, welds, and heat-treats metals": the duties of a
                # job title, each a work activity in its -s form (Forging, Welding, Heat Treating)
                named = split_words(lex.term(tid).name)
                written = tokens.words[i : i + used]
                if (
                    len(named) == used
                    and word_form(named[-1]) in _ACTIVITY_FORMS
                    and all(word_form(w) == word_form(m) for w, m in zip(written, named[:-1]))
                ):
                    form_tid = tid
            if form_tid is None and used == 1 and _VERB_FORM.search(word) and tokens.room[i] > 1:
                # Rebound's own work activities read in their verb forms too: "supervises",
                # "inspected" (the taxonomies' names are read only as written); a verb has
                # more of its clause after it ("software quality attributes." is a noun)
                form_tid = tid if lex.term(tid).source == "curated" else None
            elif (
                form_tid is None and used == 1 and (i in verbs or _s_form_before_object(tokens, i))
            ):
                # ... and where only a verb can stand: "Collaborate with the team", "to inspect,
                # adjust, install, and repair", or in its -s form before its object: "trains
                # Building Operating Engineers", "monitors the ..." (an activity's name: not
                # "Solid" for Solidity)
                term = lex.term(tid)
                # the activity of "Presentation skills" is its first word's
                head = _SKILLS_TAIL.sub("", term.name).split()
                activity = word_form(head[-1]) in _ACTIVITY_FORMS
                form_tid = tid if term.source == "curated" and activity else None
            if form_tid is not None:
                hit = (form_tid, used)
                break
            hit = next(hits, None)
        if hit is not None:
            tid, used = hit
            term = lex.term(tid)
            # a lexicon name written in lower case where it is an English word: "lead", "spring"
            if used == 1 and term.source != "curated" and word.islower() and len(word) <= 3:
                best = None
            else:
                end = tokens.spans[i + used - 1][1]
                written = text[s0:end]
                if (
                    used > 1
                    and term.source != "curated"
                    and phrase_key(written) != phrase_key(term.name)
                ):
                    # an alias in other words ("employment law" for labour legislation, "office
                    # machines" for office equipment): the ad's own words are what it asks for
                    best = Found(written, term.category, s0, end, tid, (term.name,))
                else:
                    best = Found(term.name, term.category, s0, end, tid)
        joined = _joined_name(tokens, i, lex) if best is None or used_one(best) else None
        if joined is not None:
            best = joined
        if word in lex.exact and (best is None or best.end - best.start <= len(word)):
            tid = lex.exact[word]
            term = lex.term(tid)
            best = Found(term.name, term.category, s0, tokens.spans[i][1], tid)
        elif (
            _as_acronym(word, lex)
            and (best is None or best.end - best.start <= len(word))
            and not (
                found
                and found[-1].name.endswith(f" {word}")
                and not text[found[-1].end : s0].strip()
            )
        ):
            # (not the last word of the name just taken: "RESTful APIs" is REST APIs)
            best = _acronym(word, s0, tokens.spans[i][1], text, lex)
        if (
            best is not None
            and best.term_id is not None
            and lex.term(best.term_id).source != "curated"
            and _inside_proper_name(text, best.start, best.end)
        ):
            best = None  # "Base Station" in "County Base Station Hospital"
        if best is not None and free(best.start, best.end):
            if not only_credentials or best.category == "certification or licence":
                take(best)
            while i < n and tokens.spans[i][0] < best.end:
                i += 1
            continue
        i += 1

    if not only_credentials:
        for f in rearranged(_hyphen_safe(text), tokens, lex, frozenset(verbs)):
            inside = [g for g in found if g.start < f.end and f.start < g.end]
            if all(g.start >= f.start and g.end <= f.end and _one_word(text, g) for g in inside):
                for g in inside:  # one word of it read alone: "Projects" in "managing projects"
                    give_back(g)
                take(f)
        for f in list(found):
            # a general work activity said of something: "maintenance and repair of helicopters"
            # asks for that, not for maintenance in general
            m = _OF_OBJECT.match(text, f.end) if f.term_id is not None else None
            if not (m and lex.term(f.term_id).source == "curated" and f.category == "hard skill"):
                continue
            obj = re.split(r"\s+and\s+", _PHRASE_STOP.sub("", m.group("obj")))[0].strip()
            words = obj.split()
            start, end = m.start("obj"), m.start("obj") + len(obj)
            if words and not free(start, end):
                # "maintenance of accounting records": the thing named is the ask
                if all(covered[c] or text[c] == " " for c in range(start, end)):
                    give_back(f)
                continue
            if 1 <= len(words) <= 4 and not (_PHRASE_NOT.search(obj) or _MODIFIER.search(obj)):
                give_back(f)
                activity = text[f.start : f.end].split()[0].lower()
                alias = (f"{obj} {activity}",)
                take(Found(text[f.start : end], f.category, f.start, end, None, alias))

        for f in list(found):
            # "construction equipment", "water systems": a field's name written before a
            # generic thing names that kind of thing, not the field; "observability tools",
            # "localization platforms": the tools of a field, which the field's own work shows
            m = _GENERIC_HEAD.match(text, f.end)
            written = text[f.start : f.end]
            if (
                m
                and f.term_id is not None
                and f.category in ("hard skill", "domain")
                and written.islower()
                and " " not in written
                and free(f.end, m.end())
            ):
                give_back(f)
                name = text[f.start : m.end()]
                if m.group("tools"):
                    take(Found(name, "tool", f.start, m.end(), f.term_id))
                else:
                    take(Found(name, "hard skill", f.start, m.end()))

        for g, f in _kinds_named(text, found, lex):
            # "resilience engineering", "data quality monitoring tools": the kind the field
            # before it says, not the kind alone; "the Rust programming language", "AI
            # libraries": a proper name is its own kind
            for h in (g, f):
                give_back(h)
            if not text[g.start : g.end].islower():
                take(Found(g.name, g.category, g.start, f.end, g.term_id, g.aliases))
            else:
                take(Found(text[g.start : f.end], f.category, g.start, f.end, None, (g.name,)))

        defined, bodies = defined_acronyms(text, lex)
        for f in defined:
            # "Computer Drafting and Design (CADD)": the phrase and its acronym are one term
            inside = [g for g in found if g.start < f.end and f.start < g.end]
            if all(g.start >= f.start and g.end <= f.end for g in inside) and not any(
                g.start == f.start and g.end >= f.end - len(f.aliases[0]) - 3 for g in inside
            ):
                for g in inside:
                    give_back(g)
                take(f)

    # every credential pattern ends on a word _LICENCE_WORD finds (licence, certificate,
    # credential, authorization): a sentence without one is not scanned word by word for them
    credential = _LICENCE_WORD.search(text) is not None
    for matches in (
        _finditer_by_runs(_NAMED_CREDENTIAL, _CAPITAL_OR_DIGIT, _NAME_RUN, text)
        if credential
        else (),
        _finditer_by_runs(_LOWER_CREDENTIAL, _LOWER_START, _LOWER_RUN, text) if credential else (),
        _finditer_by_runs(_NAMED_COURSE, _CAPITAL_OR_DIGIT, _NAME_RUN, text)
        if _COMPLETION.search(text)
        else (),
    ):
        for m in matches:
            words = m.group("name").split()
            # "possessing the certificate": a name starts after its determiner
            cut = [k for k, w in enumerate(words) if w.lower() in _DETERMINER]
            words = words[cut[-1] + 1 :] if cut else words
            while words and words[0].lower().strip("'’") in _CREDENTIAL_FILLER:
                words.pop(0)
            if not words or all(w.lower() in _CREDENTIAL_FILLER for w in words):
                continue
            if not any(sum(c.isalpha() for c in w) >= 3 for w in words):
                continue  # "1C certification": a piece of a list, not a name
            name = " ".join(words) + " " + m.group("kind").lower()
            s = m.start("name") + m.group("name").find(words[0])
            if free(s, m.end()):
                take(Found(name, "certification or licence", s, m.end()))
            else:
                # a lexicon name inside it ("Forklift" in "Forklift certification"): the credential
                # is the requirement
                inner = [f for f in found if f.start >= s and f.end <= m.end()]
                if inner and not any(f.category == "certification or licence" for f in inner):
                    for f in inner:
                        give_back(f)
                    take(
                        Found(
                            name,
                            "certification or licence",
                            s,
                            m.end(),
                            None,
                            tuple(f.name for f in inner),
                        )
                    )

    for m in _LICENSED_AS.finditer(text):  # "a licensed Airframe and Power Plant Mechanic"
        if free(*m.span("name")):
            name = f"{m.group('name')} license"
            take(Found(name, "certification or licence", *m.span("name")))
    for m in _CREDENTIAL_FOR.finditer(
        text
    ):  # "a Certificate for Backflow Prevention Device Tester"
        name = f"{m.group('name')} {(m.group('kind') or m.group('lower')).lower()}"
        if free(m.start(), m.end()):
            take(Found(name, "certification or licence", m.start(), m.end()))
    for m in _APPRENTICESHIP_AS.finditer(text):
        trade, end = _trade(m)
        if free(m.start(), end):
            take(Found(f"{trade} apprenticeship", "certification or licence", m.start(), end))
    for m in (
        _finditer_by_runs(_SHARED_CREDENTIAL, _LOWER_START, _LOWER_HYPHEN_RUN, text)
        if credential
        else ()
    ):  # "a forklift and/or crane operator's license"
        word = m.group("first")
        if word.lower() not in _CREDENTIAL_FILLER and free(*m.span("first")):
            kind = m.group("kind").lower()
            take(Found(f"{word} {kind}", "certification or licence", *m.span("first")))
    if not only_credentials:
        phrases = skill_phrases(text, lex) if experience else []
        for f in [*shared_skills(text, lex), *cue_phrases(text), *phrases]:
            if free(f.start, f.end):
                take(f)
        letters = [c for c in text if c.isalpha()]
        shouting = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        for m in _TECH.finditer(text):
            tok = m.group(0)
            if shouting and tok.isupper():
                continue  # words of an ALL-CAPS line are not acronyms
            if not _ok_tech(tok) or not free(m.start(), m.end()) or tok in bodies:
                continue
            take(Found(tok, "tool" if not tok.isupper() else "hard skill", m.start(), m.end()))
        for f, g in _named_after_tool(text, found):
            # "SAP DataSphere", "GCP SDK": a product of a tool's maker, one name
            for h in (f, g):
                give_back(h)
            take(Found(text[f.start : g.end], "tool", f.start, g.end))
        for f, end in _unknown_after_name(text, found):
            # "Kotlin Coroutines", "AWS Deequ": a word no dictionary has, after a tool's name
            if free(f.end, end):
                give_back(f)
                take(Found(text[f.start : end], "tool", f.start, end))
        if duty:
            # "A Water Utility Operator ... maintains electric water pumping plants, reservoirs,
            # wells and related water facilities": what the work is done to, where no name the
            # lexicon has covers it
            after = (tokens.spans[max(duties)][1],) if duties else ()
            for name, start, end in duty_objects(text, after):
                if free(start, end) and not _body_name(name):
                    take(Found(name, "domain", start, end))
    if products and not only_credentials:
        # one capitalised word where an ad names a tool: "experience with Klaviyo"
        for m in _NAMED_PRODUCT.finditer(text):
            name = m.group("name")
            words = name.split()
            if any(w in _COMMON_CAPITALISED for w in words) or not free(*m.span("name")):
                continue
            if not all(_ok_tech(w) for w in words):
                continue
            if len(words) == 1 and word_key(name) in lex.firsts:
                continue  # an ordinary word a lexicon name starts with ("Cloud", "Data")
            take(Found(name, "tool", *m.span("name")))
    if products and not only_credentials:
        # "Marionette, Mustache, jQuery": a capitalised word that is a whole item of a list
        # whose other items include two tools is a tool too
        items = [
            m
            for m in _LIST_ITEM.finditer(text)
            if free(*m.span("name"))
            and m.group("name") not in _COMMON_CAPITALISED
            and _ok_tech(m.group("name"))
        ]
        if items and sum(f.category == "tool" and _list_member(text, f) for f in found) >= 2:
            for m in items:
                take(Found(m.group("name"), "tool", *m.span("name")))
        for start, end in _beside_technology(text, found):
            # "preference for Argo and GithubActions": a capitalised word listed beside a name
            # written like technology is one too
            if free(start, end):
                take(Found(text[start:end], "tool", start, end))
    if (duty or experience) and not only_credentials:
        # "engaged in the maintenance and repair of passenger and freight elevators,
        # escalators, moving walkways": what the work named by its noun is done to; in a
        # requirement, what its experience is in ("experience in development finance")
        objects = experience_objects(text) if experience else activity_objects(text)
        for name, start, end in objects:
            if free(start, end):
                take(Found(name, "domain", start, end))
    if not only_credentials:
        for f in _qualified_kinds(text, found):
            if free(f.start, f.end):
                take(f)
    # "Bentonville, AR": a place and its state's postal code, not Augmented Reality
    found = [f for f in found if not _in_address(text, f.start, f.end)]
    for m in _SPELLED_OUT.finditer(text):
        # "APIs (Application Programming Interfaces)": the acronym spelled out is its term
        words = [w for w in m.group("words").split() if w.lower() not in _LINK_WORDS]
        acronym = m.group("acronym").removesuffix("s")
        if not _initials_fit("".join(w[0].upper() for w in words), acronym):
            continue
        named = [f for f in found if f.start == m.start("acronym")]
        inside = [f for f in found if m.start("words") <= f.start and f.end <= m.end("words")]
        if named and inside:
            for f in inside:
                found.remove(f)
            at = found.index(named[0])
            found[at] = replace(named[0], aliases=(*named[0].aliases, *(f.name for f in inside)))
    # "with Sales, Product, Engineering, and Marketing teams": the teams' names
    teams = [m.span("list") for m in _TEAM_NAMES.finditer(text)]
    found = [f for f in found if not any(a <= f.start and f.end <= b for a, b in teams)]
    found.sort(key=lambda f: f.start)
    return found


# "video and computer communication systems", "cost and service analyses", "verbal and written
# communications": plain words listed before a name, each a kind of it
_QUALIFIERS = regex.compile(
    r"(?<![\w'’-])(?P<list>(?:[a-z]{3,},\s+){0,3}[a-z]{3,}),?\s+(?:and|or|and/or)\s+"
    r"(?P<last>[a-z]{3,}\s+)?$"
)
_WORD = regex.compile(r"[a-z]+")
_WORD_BEFORE = regex.compile(r"([A-Za-z]+)\s+$")
_NO_QUALIFIER = frozenset("other related similar various such more most less many".split())


def _noun_word(word: str) -> bool:
    """A word of a name's noun phrase, in the plural or not ("analyses"): no function word,
    participle or adverb."""
    return not (
        word in _PHRASE_END
        or word in _DETERMINER
        or word in _NO_QUALIFIER
        or word.endswith(("ing", "ed", "ly"))
    )


def _qualifier(word: str) -> bool:
    """A plain word that may say a kind of thing: a noun phrase's word that is no verb, and
    singular (a qualifier is)."""
    return _noun_word(word) and not duty_verb(word) and not s_form(word)


def _qualified_kinds(text: str, found: list[Found]) -> list[Found]:
    """The kinds of a name written in lower case that the plain words listed before it say, each
    read at its own word: "video and computer communication systems" (video communication
    systems, computer communication systems: the name as written after each), "cost and service
    analyses" (cost analyses: a qualifier the name's first word is one of)."""
    out: list[Found] = []
    for f in found:
        written = text[f.start : f.end]
        if (
            f.category not in ("hard skill", "domain", "tool")
            or not written.islower()
            or not _noun_word(written.split()[0])  # "present and visualize this information"
        ):
            continue
        m = _QUALIFIERS.search(text, max(0, f.start - 80), f.start)
        if m is None:
            continue
        words = written.split()
        if m.group("last"):
            head = written  # "video and computer [communication systems]"
            last = [(m.group("last").strip(), m.start("last"))]
        elif (
            len(words) >= 2
            and _qualifier(words[0])
            and _noun_word(words[1])
            and not words[-1].endswith("ing")
        ):
            head, last = " ".join(words[1:]), []  # "cost and [service analyses]"
        else:
            continue
        listed = [
            (q.group(0), m.start("list") + q.start()) for q in _WORD.finditer(m.group("list"))
        ]
        qualifiers = [*listed, *last]
        item = None  # the last item of a list of things the qualifiers follow
        while qualifiers and not _qualifier(qualifiers[0][0]):
            item = qualifiers.pop(0)  # "specifications, estimates, [cost and service analyses]"
        kept = text[qualifiers[0][1] : m.end()] if qualifiers else ","
        if "," in kept and len(qualifiers) < 3 or not all(_qualifier(q) for q, _ in qualifiers):
            continue  # "strategic planning and policy, and housing rehabilitation": items
        if item is not None:
            if not re.fullmatch(r",\s*", text[item[1] + len(item[0]) : qualifiers[0][1]]):
                continue  # "trunk lines, and water storage facilities": the list's last item
        else:
            before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
            word = before.group(1).lower() if before else ""
            if word == "to" or not (word in _PHRASE_END or word in _DETERMINER):
                # the list opens a noun phrase ("of video and computer ..."), not a verb's
                # words ("performs manual and clerical work", "to analyze and present") nor a
                # longer name's ("master data and reference data", "wastewater treatment and
                # collection"); or it follows the items of a list of things ("estimates, cost
                # and service analyses")
                continue
        for q, at in qualifiers:
            out.append(Found(f"{q} {head}", f.category, at, at + len(q), f.term_id))
    return out


# A lexicon name that this many longer names end in is a kind of thing ("library": React
# library, ...; "programming language"), named by the words before it
KIND_HEADS = 10


def _kinds_named(text: str, found: list[Found], lex: Lexicon) -> list[tuple[Found, Found]]:
    """Each kind's name (`KIND_HEADS`) written in lower case one space after a name that says
    which ("AI libraries", "Rust programming language", "resilience engineering"): the name and
    the kind. Both as written, not a verb read as its activity ("plans", "monitors")."""
    out: list[tuple[Found, Found]] = []
    ordered = sorted(found, key=lambda f: f.start)
    for g, f in zip(ordered, ordered[1:]):
        if (
            f.term_id is None
            or not text[f.start : f.end].islower()
            or text[g.end : f.start] != " "
            or g.category == "certification or licence"
            or lex.names_ending(phrase_key(lex.term(f.term_id).name)) < KIND_HEADS
            or (out and out[-1][1] is g)
        ):
            continue
        if any(
            h.term_id is not None and phrase_key(text[h.start : h.end]) != phrase_key(h.name)
            for h in (f, g)
        ):
            continue  # read in another form: a verb, or another name's alias
        out.append((g, f))
    return out


def _named_after_tool(text: str, found: list[Found]) -> list[tuple[Found, Found]]:
    """A lexicon tool and, one space after it, a name written like technology that no lexicon
    has ("SAP DataSphere", "GCP SDK"): one product's name, its maker's first."""
    ordered = sorted(found, key=lambda f: f.start)
    out: list[tuple[Found, Found]] = []
    for f, g in zip(ordered, ordered[1:]):
        if (
            f.category == "tool"
            and f.term_id is not None
            and g.term_id is None
            and g.category in ("tool", "hard skill")
            and text[f.end : g.start] == " "
            and text[f.start : f.end][:1].isupper()
            and _TECH.fullmatch(text, g.start, g.end)
            and not (out and out[-1][1] is f)
        ):
            out.append((f, g))
    return out


_NEXT_CAPITALISED = regex.compile(r" (?P<w>[A-Z][a-z]{2,})\b(?![-'’.@/]\w)")


def _unknown_after_name(text: str, found: list[Found]) -> list[tuple[Found, int]]:
    """A lexicon tool or language written with a capital and, one space after it, a capitalised
    word no English dictionary holds ("Kotlin Coroutines", "AWS Deequ"): one product's name, its
    maker's or its language's first (where `_named_after_tool` wants the second written like
    technology). A word the dictionary has is the sentence's own ("Python Developer", "Java
    Experience"). Returns each such name and where its second word ends."""
    out: list[tuple[Found, int]] = []
    for f in found:
        if (
            f.term_id is None
            or f.category not in ("tool", "hard skill")
            or not text[f.start : f.end][:1].isupper()
        ):
            continue
        m = _NEXT_CAPITALISED.match(text, f.end)
        if m is None or m.group("w") in _COMMON_CAPITALISED or not _ok_tech(m.group("w")):
            continue
        if not _dictionary_word(m.group("w")):
            out.append((f, m.end("w")))
    return out


def _dictionary_word(word: str) -> bool:
    """An English word (the speller's dictionary), or the plural of one."""
    from assistant.checks.speller import speller  # (imported here: the checks import the analysis)

    known = speller()
    w = word.lower()
    return w in known or (w.endswith("s") and w[:-1] in known)


_SPELLED_OUT = regex.compile(
    r"\b(?P<acronym>[A-Z]{2,6}s?) \((?P<words>[A-Z][a-z]+(?: [A-Za-z]+){1,5})\)"
)
_CAPITALISED = r"\b[A-Z][A-Za-z]*+(?:\s+[A-Z][A-Za-z]*+)?"  # possessive: linear on "AAAA..."
# a list of capitalised names before "teams" or "departments" names them
_TEAM_NAMES = regex.compile(
    rf"(?P<list>(?:{_CAPITALISED},\s+)+(?:(?:and|or|&)\s+)?{_CAPITALISED}|"
    rf"{_CAPITALISED}\s+(?:and|or|&)\s+{_CAPITALISED})\s+(?i:teams?|departments?)\b"
)
_US_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split()
)
_PLACE_BEFORE = regex.compile(r"[A-Z][a-z]+,\s*$")


def _in_address(text: str, start: int, end: int) -> bool:
    """A state's postal code after a place's name and a comma ("Bentonville, AR")."""
    return text[start:end] in _US_STATES and bool(_PLACE_BEFORE.search(text, 0, start))


_DEFINED = regex.compile(r"\(([A-Z][A-Z&]{1,7})s?\)")
_LINK_WORDS = frozenset({"and", "of", "for", "the", "&", "to", "in"})
_BODY_WORDS = frozenset(  # a phrase with one of these names a body or a person, not a skill
    "department city county state agency administration office bureau association board "
    "commission authority council institute university college company corporation division "
    "district society federation union representative expert officer manager specialist "
    "coordinator director supervisor assistant analyst inspector agent".split()
)


def _initials_fit(initials: str, acronym: str) -> bool:
    """The phrase's initials, in order, inside the acronym, which begins and ends with them and
    adds at most one letter (Computer [Aided] Drafting and Design: CADD)."""
    if len(initials) < 2 or initials[0] != acronym[0] or initials[-1] != acronym[-1]:
        return False
    if len(acronym) - len(initials) not in (0, 1):
        return False
    rest = iter(acronym)
    return all(c in rest for c in initials)


def _defining_phrases(text: str) -> list[tuple[list[str], int, re.Match]]:
    """Each acronym in brackets with the longest phrase before it whose initials fit it: (the
    phrase's content words, where it starts, the bracket's match)."""
    out: list[tuple[list[str], int, re.Match]] = []
    for m in _DEFINED.finditer(text):
        acronym = m.group(1).replace("&", "")
        before = re.split(r"[,;:.()\n]", text[: m.start()])[-1]
        spans = [(w.start(), w.group(0)) for w in re.finditer(r"[A-Za-z][\w'’-]*|&", before)]
        base = m.start() - len(before)
        best: Optional[list[str]] = None
        start = 0
        for k in range(len(spans) - 1, -1, -1):  # the longest phrase whose initials fit
            words = [w for _, w in spans[k:]]
            content = [w for w in words if w.lower() not in _LINK_WORDS]
            if len(content) > len(acronym):
                break
            if words[0].lower() not in _LINK_WORDS and _initials_fit(
                "".join(w[0].upper() for w in content), acronym
            ):
                best, start = content, base + spans[k][0]
        if best is not None:
            out.append((best, start, m))
    return out


def _body_name(phrase: str) -> bool:
    """A phrase in Title Case with a word of a body or a person: "California Coastal
    Commission", "Los Angeles Police Department"."""
    words = phrase.split()
    return all(w[:1].isupper() for w in words) and any(w.lower() in _BODY_WORDS for w in words)


def defined_acronyms(text: str, lex: Lexicon) -> tuple[list[Found], set[str]]:
    """A phrase followed by its acronym in brackets defines a term, in a lexicon or not, when its
    words are words the lexicon's names use and it does not name a body (department, board); and
    the acronyms it defines as a body's or a person's ("Los Angeles Police Department (LAPD)",
    "subject matter expert (SME)"): names of who, not of what is asked for."""
    out: list[Found] = []
    bodies: set[str] = set()
    for best, start, m in _defining_phrases(text):
        if any(w.lower() in _BODY_WORDS for w in best):
            bodies.add(m.group(1))  # "Department of Water and Power (DWP)"
            continue
        if all(word_key(w) in lex.firsts or word_key(w) in lex.words for w in best):
            phrase = " ".join(text[start : m.start()].split())
            out.append(Found(phrase, "hard skill", start, m.end(), None, (m.group(1),)))
    return out, bodies


_CAPWORD = regex.compile(r"[A-Z][A-Za-z0-9&'’.-]*")
_CAP_CONNECTOR = regex.compile(r"(?<![\w'’])(?P<w>[A-Z][a-z]+)\s+(?:of|for)\s+$")
# words a Title Case requirement line puts around a skill ("Mathematics Background", "Strong
# Python Skills", "Knowledge of SQL"): capitalised, yet no part of a name
_TITLE_CASE_FILLER = frozenset(
    """skill skills background experience knowledge proficiency expertise familiarity
    understanding fundamentals basics ability abilities strong solid good excellent of in with
    and for""".split()
)
# a generic head after a Title Case name says what kind of thing it is, not more of a name:
# "Project Management Software Tools", "Desktop Publishing Software"
_TITLE_CASE_HEAD = frozenset(
    "tools platforms software solutions technologies frameworks applications systems".split()
)


def _inside_proper_name(text: str, start: int, end: int) -> bool:
    """A Title Case match with more capitalised words around it is part of a name."""
    span = text[start:end]
    if not all(w[:1].isupper() for w in span.split()) or span.isupper():
        return False
    if _PLURAL_ACRONYM.fullmatch(span):
        return False  # "REST APIs": an acronym, as "REST API" is
    # one word after "Capitalised of": a piece of a name ("Registration" in "Certificate of
    # Registration"), not a term of its own
    low = max(0, start - 40)
    connected = _CAP_CONNECTOR.search(text[low:start]) if " " not in span else None
    if (
        connected
        and low + connected.start() > 0
        and connected.group("w").lower() not in _TITLE_CASE_FILLER
    ):
        return True
    before = re.search(r"([A-Za-z][\w&'’.-]*)\s+$", text[:start])
    after = re.match(r"\s+([A-Za-z][\w&'’.-]*)", text[end:])
    cap_before = (
        bool(before)
        and bool(_CAPWORD.fullmatch(before.group(1)))
        and before.start(1) > 0
        and before.group(1).lower() not in _TITLE_CASE_FILLER
    )
    cap_after = (
        bool(after)
        and bool(_CAPWORD.fullmatch(after.group(1)))
        and after.group(1).lower() not in _TITLE_CASE_FILLER | _TITLE_CASE_HEAD
    )
    return cap_before or cap_after


# an acronym in the plural: "APIs", "LLMs" (the lexicon holds API, LLM); of three letters at
# least ("PRs" are pull requests, not public relations)
_PLURAL_ACRONYM = regex.compile(r"[A-Z]{3,6}s")


def _as_acronym(word: str, lex: Lexicon) -> Optional[str]:
    """The lexicon's acronym the word is, in the singular or the plural, else None."""
    if word in lex.acronyms:
        return word
    if _PLURAL_ACRONYM.fullmatch(word) and word[:-1] in lex.acronyms:
        return word[:-1]
    return None


def _acronym(word: str, start: int, end: int, text: str, lex: Lexicon) -> Found:
    """An acronym that may stand for several names: the one whose words the ad also uses, else
    the acronym as written (CRO is not "Conversion rate optimization" in a clinical ad; "APIs"
    is API, shown as written)."""
    ids = lex.acronyms[_as_acronym(word, lex) or word]
    curated = [t for t in ids if lex.term(t).source == "curated"]
    best = curated[0] if curated else None
    if best is None:
        context = {word_key(w) for w in split_words(text)}
        best_overlap = 0
        for tid in ids:
            words = {word_key(w) for w in split_words(lex.term(tid).name)}
            overlap = len(words & context)
            if overlap > best_overlap:
                best, best_overlap = tid, overlap
    if best is not None:
        term = lex.term(best)  # shown as the ad wrote it: FHIR, not its expansion
        return Found(word, term.category, start, end, best, (term.name,))
    cats = {lex.term(t).category for t in ids}
    cat = cats.pop() if len(cats) == 1 else "hard skill"
    return Found(word, cat, start, end, None, tuple(lex.term(t).name for t in ids))


# ---- what an ad's prose asks for where no lexicon name is written ---------------------------

_CUE_PHRASE = regex.compile(
    r"\b(?:experience|expertise|background|knowledge|proficiency|proficient|skilled|training|"
    r"apprenticeship|familiarity|competence|work|duties)\s+"
    r"(?:performing|in|with|of|as an?|using|doing)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<p>[A-Za-z][A-Za-z'’ &/-]{2,80})",
    re.I,
)
_PHRASE_STOP = regex.compile(
    r"\s+(?:as an?|with|within|for|that|which|who|including|such as|to|in order|at|from|on|by|"
    r"under|while|where|when|is|are|was|were|will|and/or|or|etc|e\.g)\b.*$",
    re.I,
)
_PHRASE_LEAD = regex.compile(
    r"^(?:(?:full[- ]time|part[- ]time|time|paid|professional|various|all|any|some|both|relevant|related|"
    r"direct|hands-on|practical|general|basic|strong|solid|proven|demonstrated|good|excellent|"
    r"the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|other|similar)\s+)+",
    re.I,
)
_QUANTITY = regex.compile(
    r"(?:(?:at least|at most|a minimum of|one or more|two or more|one or two)(?:\s+of)?\s+)*",
    re.I,
)
_PHRASE_NOT = regex.compile(
    r"\b(?:class|level|city|department|position|capacity|company|environment|team|role|field|"
    r"industry|organi[sz]ation|areas?|years?|months?|hours?|following|above|below|this|these|"
    r"those|such|job|employer|agency|state|county|federal|government|applicant|candidate|"
    r"requirement|experience|ability|something|things|way|ways|people|someone)\b",
    re.I,
)


# a phrase that opens like a clause names no thing: "who you work with and how work is done"
_CLAUSE_START = frozenset(
    "and or but nor how what who whom whose why when where whether which that if".split()
)
_OF_OBJECT = regex.compile(
    r"(?:\s+(?:and|or)\s+[a-z]+)?\s+of\s+(?:the\s+|all\s+|various\s+)?"
    r"(?P<obj>[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,5})"
)
# the cue of whom the work is done with ("work with product managers and tech leads")
_WITH_PEOPLE = regex.compile(r"work\s+with\b", re.I)
_KIND_OF_EXPERIENCE = regex.compile(
    r"\b(?:of|paid|professional|relevant)\s+(?P<p>(?:[a-z][a-z-]*\s+){1,4}?)experience\b"
)


def cue_phrases(text: str) -> list[Found]:
    """What follows "experience in", "knowledge of", "work performing" in a requirement, or comes
    before "experience" ("two years of paid office clerical experience"), when no lexicon name
    covers it: "maintenance and repair of helicopters", "office clerical"."""
    out: list[Found] = []
    matches = [(m, m.group("p")) for m in _CUE_PHRASE.finditer(text)]
    matches += [(m, m.group("p")) for m in _KIND_OF_EXPERIENCE.finditer(text)]
    for m, raw in matches:
        # "at least one or more data governance tools": the things, not how many
        quantity = _QUANTITY.match(raw)
        phrase = _PHRASE_STOP.sub("", raw[quantity.end() :])
        phrase = _PHRASE_LEAD.sub("", phrase).strip(" -/&")
        words = phrase.split()
        if len(words) < 2 or len(words) > 6 or _PHRASE_NOT.search(phrase):
            continue
        if not phrase.islower():
            continue  # names are the lexicon's and the product rule's: "experience with Klaviyo"
        if any(w.lower().endswith("ed") and len(w) > 4 for w in words):
            continue  # "subordinates engaged in ...": a clause, not a name
        if words[-1].lower() in ("and", "or", "of", "the", "a", "an", "in", "to"):
            continue
        if words[0].lower() in _CLAUSE_START:
            continue  # "work with and how work is done": a clause, not a thing's name
        if _WITH_PEOPLE.match(m.group(0)) and any(
            person_word(w) for w in re.findall(r"[A-Za-z]+(?=\s*(?:,|\band\b|\bor\b|$))", phrase)
        ):
            continue  # "work with data engineers": whom the work is with, not what it is
        start = m.start("p") + raw.find(phrase, quantity.end())
        out.append(Found(phrase, "hard skill", start, start + len(phrase)))
    return out


# The heads of a kind of skill an ad names with a word before it that no lexicon holds together:
# "asynchronous programming", "State management", "server infrastructure", "incident analysis"
_SKILL_HEAD = regex.compile(
    r"(?<![\w-])(?P<m>[A-Za-z][a-z-]+)\s+"
    r"(?P<h>programming|architecture|management|deployment|testing|infrastructure|analysis)\b"
)


# "senior management", "upper management": the people, not a skill
_RANKS = frozenset("senior upper middle top executive line".split())


def skill_phrases(text: str, lex: Lexicon) -> list[Found]:
    """A word of the lexicon's before the head of a kind of skill (`_SKILL_HEAD`), in a
    requirement, where no lexicon name covers them: "experience with asynchronous programming".
    Not after a word of degree or of a clause ("strong", "the", "using", "and"), nor a rank's
    management; a capitalised word only where a sentence or a list item starts ("HTML, CSS,
    State management")."""
    out: list[Found] = []
    for m in _SKILL_HEAD.finditer(text):
        word = m.group("m").lower()
        before = text[: m.start()].rstrip()
        if (
            # a capital mid-sentence is a name's ("Data Mesh architecture")
            (m.group("m")[0].isupper() and before and not before.endswith(","))
            or (m.group("h") == "management" and word in _RANKS)
            or _PHRASE_LEAD.match(word + " ")
            or word in _CLAUSE_START
            or word in _PHRASE_END
            or word in _DETERMINER
            or duty_verb(word)
            or word_key(word) not in lex.words
        ):
            continue
        out.append(Found(m.group(0), "hard skill", m.start(), m.end()))
    return out


# ---- requirements of their own kind ---------------------------------------------------------

_NUMBER = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty)"
)
_EXPERIENCE = regex.compile(
    rf"(?P<n>{_NUMBER}(?:\s*(?:\(\d+\)))?(?:\s*(?:-|–|to|or)\s*{_NUMBER})?\+?)\s*(?:\+\s*)?"
    rf"(?:or more\s+)?(?P<unit>years?|months?|hours?)(?:[’']s?)?\s+(?:of\s+)?"
    rf"(?P<what>(?:[\w/&’'-]+\s+){{0,6}}?)(?:experience|work)",
    re.I,
)
_PLAIN_YEARS = regex.compile(
    rf"(?:at least|a minimum of|minimum|over|more than)?\s*{_NUMBER}\+?\s*(?:years?|hours?)\b", re.I
)
_UNIT = regex.compile(r"year|month|hour", re.I)  # in every match of the two
# a degree written as its letters, in capitals: BS, B.S., BSc, BA, MS, M.Sc. ("BS or MS")
_LETTERS = r"(?-i:[BM]\.?(?:Sc|S|A)\.?)"
_DEGREE = regex.compile(
    # the letters only where a degree stands: before "degree" or "in"/"from" a field ("MS Office"
    # is a product, "Boston, MA" a state)
    rf"\b(?P<d>{_LETTERS}(?:\s*(?:/|or)\s*{_LETTERS})*(?:\s+degree\b|(?=\s+(?:in|from)\s+[A-Za-z]))|"
    r"bachelor[’']?s?(?:\s+degree)?|master[’']?s?\s+degree|associate[’']?s?\s+degree|"
    r"doctora(?:l|te)(?:\s+degree)?|ph\.?d\.?|mba|high school (?:diploma|graduation)|ged\b|"
    r"(?:college|university) degree|four-year degree|"
    r"\d+\s+(?:semester|quarter)\s+units|(?:one|two|four|\d)-year\s+program|degree)"
    r"(?P<field>\s+(?:in|from)\s+[A-Za-z ,&/()-]{3,80})?",
    re.I,
)


@dataclass
class Requirement:
    kind: str  # "experience" or "degree"
    text: str
    required: bool
    sentence: str


def requirements_in(sentence: Sentence, required: Optional[bool] = None) -> list[Requirement]:
    out: list[Requirement] = []
    required = _is_required(sentence) if required is None else required
    # both experience patterns name a unit of time: a sentence without one is not scanned for
    # them (a number-led pattern is tried at every character of a long line)
    timed = _UNIT.search(sentence.text) is not None
    for m in _EXPERIENCE.finditer(sentence.text) if timed else ():
        what = " ".join(m.group("what").split())
        text = f"{m.group('n')} {m.group('unit')} of {what + ' ' if what else ''}experience"
        out.append(Requirement("experience", " ".join(text.split()), required, sentence.text))
    if not out and sentence.kind == REQUIRED and timed:
        m = _PLAIN_YEARS.search(
            sentence.text
        )  # "3+ years with a bachelor's", "for at least 1 year"
        if m:
            out.append(Requirement("experience", m.group(0).strip(), required, sentence.text))
    for m in _DEGREE.finditer(sentence.text):
        d = m.group("d").strip()
        if d.lower() == "degree" and not re.search(
            r"\b(?:a|an|the)\s+degree|degree\s+(?:in|from)", sentence.text, re.I
        ):
            continue
        field_ = (m.group("field") or "").split(",")[0].split(" or ")[0].strip()
        text = d if not field_ else f"{d} {field_}"
        if "degree" not in text.lower() and d.lower().startswith(("bachelor", "master")):
            text = text.replace(d, d + " degree", 1)
        out.append(Requirement("degree", " ".join(text.split())[:80], required, sentence.text))
        break
    return out


# ---- the whole ad ---------------------------------------------------------------------------


@dataclass
class Ask:
    """One thing the ad asks for: a term, or a group of terms any one of which satisfies it."""

    names: list[str]
    category: str
    required: bool
    where: str  # "requirements", "nice to have", "duties", "notes"
    sentence: str
    position: int
    term_ids: list[Optional[int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    weight: float = 0.0
    # "Java or an equivalent": a term of a named term's own kind will do (C# for Java)
    equivalent: bool = False

    @property
    def name(self) -> str:
        return " or ".join(self.names)


_OR_RELATED = regex.compile(
    r"(?:\s*,\s*[A-Z][\w&'’ ]{0,40}?)*\s*,?\s*"
    r"(?:(?:or|and/or)\s+(?:(?:a|an|any)\s+)?(?:related|similar|equivalent|(?:an)?other|comparable)|etc)\b",
    re.I,
)
_OR_BETWEEN = regex.compile(r"^\s*(?:,\s*)?(?:or|/|and/or)\s*$|^\s*,\s*$", re.I)
_EXAMPLE_OF = regex.compile(
    r"^\s*,?\s*(?:(?:such as|[ei]\.[ge]\.,?|for example,?)\s*(?:[\w&'’+#./-]+(?:\s+[\w&'’+#./-]+){0,2}\s*,\s*)?"
    r"|(?:,\s*[\w&'’+#./-]+(?:\s+[\w&'’+#./-]+){0,2}\s*,?\s+)?"  # "A, B and other C"
    r"(?:or|and)\s+(?:any\s+)?other(?:\s+[a-z]+)?)\s*$",
    re.I,
)
# "Java or an equivalent", "Python or similar", "Java, Kotlin or other object oriented
# language(s)": the ad takes a term of the named term's own kind too (ResumeIndex.of_kind)
_OR_KIN = regex.compile(
    r"\s*(?:,\s*)?(?:or|and/or)\s+(?:(?:an?|any)\s+)?(?:equivalent|similar|comparable|(?:an)?other)\b"
    r"(?P<rest>(?:[ \t]+[\w'’+#./()-]+){0,4})",
    re.I,
)
# ... but "a degree or equivalent experience", "or an equivalent combination of education" name
# what stands in for a degree, not a term's kind
_NOT_KIN = regex.compile(
    r"\b(?:experience|education|training|degrees?|qualifications?|combination|background)\b", re.I
)


def _or_kin(sentence: str, end: int) -> bool:
    """The words after a term (or a group of terms) say that a term of its kind will do."""
    m = _OR_KIN.match(sentence, end)
    return bool(m) and not _NOT_KIN.search(m.group("rest"))


# "such as A and B": the examples are joined by "and" yet either will do
_EXAMPLES_AND = regex.compile(r"^\s*,?\s*(?:and|&)\s*$", re.I)
_EXAMPLES_CUE = regex.compile(r"(?:such as|e\.g\.,?|for example,?)\s*$", re.I)
_ONE_OF = regex.compile(
    r"\b(?:one or more (?:of )?|one of|any of|either|at least one|such as|e\.g\.|for example|"
    r"like)\b|\(e\.g",
    re.I,
)


def _is_required(s: Sentence) -> bool:
    if NICE_CUE.search(s.text):
        return False
    if s.kind == REQUIRED:
        return True
    if s.kind in (NICE, NOTES):
        return False
    return bool(REQUIRED_CUE.search(s.text)) and s.kind == OTHER


# between two listed terms: a comma, or a comma-listed item no lexicon names ("automotive
# mechanics, machine shop, welding")
_LIST_GAP = regex.compile(r"\s*,?\s*|\s*,\s*[\w&'’+#./-]+(?:\s+[\w&'’+#./-]+){0,2}\s*,\s*")


def _run_ends(sentence: str, found: list[Found]) -> list[int]:
    """Where the words after the comma-joined run of terms that each term belongs to begin
    (found from the right once, not walked again from every term of a long run)."""
    ends = [f.end for f in found]
    for i in range(len(found) - 2, -1, -1):
        if _LIST_GAP.fullmatch(sentence, found[i].end, found[i + 1].start):
            ends[i] = ends[i + 1]
    return ends


def _groups(sentence: str, found: list[Found]) -> list[list[Found]]:
    """Neighbouring terms joined by "or" (or listed after "one of", "such as") are one group."""
    groups: list[list[Found]] = []
    one_of = bool(_ONE_OF.search(sentence))
    run_ends = _run_ends(sentence, found)
    or_related_at: dict[int, bool] = {}  # one reading of the words after each run

    def or_related(at: int) -> bool:
        if at not in or_related_at:
            or_related_at[at] = bool(_OR_RELATED.match(sentence, at))
        return or_related_at[at]

    examples = False  # the group holds a kind and its examples: any category may follow
    for i, f in enumerate(found):
        if groups:
            prev = groups[-1][-1]
            between = sentence[prev.end : f.start]
            if _EXAMPLE_OF.match(between):
                # "a programming language such as Go, C++, Python": the kind and its examples;
                # "Elixir or other modern programming languages": an example and its kind
                groups[-1].append(f)
                examples = True
                continue
            if _EXAMPLES_AND.match(between) and (
                examples or _EXAMPLES_CUE.search(sentence, 0, groups[-1][0].start)
            ):
                # "databases such as MongoDB and PostgreSQL": examples of one kind
                groups[-1].append(f)
                continue
            if _OR_BETWEEN.match(between) or (
                _LIST_GAP.fullmatch(between)
                and (one_of or or_related(run_ends[i]))
                and (prev.category == f.category or examples)
            ):
                groups[-1].append(f)
                continue
        groups.append([f])
        examples = False
    # a run joined only by commas is a group only when an "or" ends it, or "one of" leads it
    out: list[list[Found]] = []
    for g in groups:
        if len(g) > 1:
            joins = [sentence[a.end : b.start] for a, b in zip(g, g[1:])]
            if not (one_of or or_related(g[-1].end)) and not any(
                re.search(r"\bor\b|/", j, re.I) for j in joins
            ):
                out.extend([f] for f in g)
                continue
        out.append(g)
    return _with_examples(sentence, out)


# a bracket of examples after a term: "SQL (ex. Snowflake, Redshift)", "a cloud (AWS or GCP)"
_EXAMPLES_OPEN = regex.compile(
    r"\s*\(\s*(?P<cue>(?:e\.\s?g|ex|i\.\s?e|incl|including|for example|such as|like)\b[.:,]*)?\s*",
    re.I,
)


def _parts_of_work(opened: re.Match, sentence: str) -> bool:
    """Whether a bracket after a term lists the activities its work includes, not examples that
    meet it: "including" and a gerund ("Android development (including planning, analyzing,
    designing ...)"): a resume that shows planning does not show Android development."""
    cue = (opened.group("cue") or "").lower()
    first = re.match(r"[A-Za-z]+", sentence[opened.end() :])
    return cue.startswith("incl") and bool(first) and first.group(0).lower().endswith("ing")


def _with_examples(sentence: str, groups: list[list[Found]]) -> list[list[Found]]:
    """A term followed by examples in brackets is one requirement, met by the term or by any
    example: "Experience with SQL (ex. Snowflake, Redshift, BigQuery)". The bracket must begin
    with a term and hold two terms, or say that they are examples ("e.g.", "such as")."""
    out: list[list[Found]] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        m = _EXAMPLES_OPEN.match(sentence, g[-1].end)
        j = i + 1
        if m and j < len(groups) and groups[j][0].start == m.end():
            close = sentence.find(")", m.end())
            end = close if close >= 0 else len(sentence)
            while j < len(groups) and groups[j][-1].end <= end:
                j += 1
            inside = [f for k in range(i + 1, j) for f in groups[k]]
            if (m.group("cue") or len(inside) >= 2) and not _parts_of_work(m, sentence):
                out.append(g + inside)
                i = j
                continue
        out.append(g)
        i += 1
    return out


_WEIGHT = {REQUIRED: 3.0, NICE: 1.0, DUTIES: 1.5, NOTES: 1.0, OTHER: 1.2}


_INTRODUCED = regex.compile(
    r"^\s*(?:\*\*)?(?P<c>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,2})[®™]?(?:\*\*)?\s+"
    r"(?:(?:is|are|was)\s+(?:a|an|the)\s+(?:leading|global|world|fast|rapidly|innovative|"
    r"premier|largest|pioneering|trusted|award)|"
    # "UST Global is looking for a Senior Data Scientist": the one who hires
    r"(?:is|are)\s+(?:looking for|seeking|hiring)\b)",
    re.M,
)
_PRONOUNS = frozenset("we they you it he she this our".split())


def _advertiser_words(company: Optional[str], text: str) -> set[str]:
    words: set[str] = set()
    names = [company] if company else []
    m = re.search(r"^\s*###\s+(?P<c>[^#\n]{2,60})\s*$", text, re.M)  # "### 1Password" under a title
    if m:
        names.append(m.group("c"))
    # "LILT is the leading AI solution for ...": a paragraph that opens on a name saying what it
    # is introduces the advertiser
    names += [
        m.group("c") for m in _INTRODUCED.finditer(text) if m.group("c").lower() not in _PRONOUNS
    ]
    for name in names:
        for w in re.findall(r"[A-Za-z0-9&]+", name or ""):
            if len(w) > 2 and w.lower() not in {"the", "inc", "llc", "ltd", "and", "group", "labs"}:
                words.add(w.lower())
    return words


def _is_advertiser(name: str, words: set[str], written: str = "") -> bool:
    """The name holds a word of the advertiser's name, unless the ad writes that word in lower
    case where it names the term: "data structures" is no product of Allergan Data Labs, nor
    "software development" one of Sigma Software."""
    hits = {w.lower() for w in re.findall(r"[A-Za-z0-9&]+", name)} & words
    lower = {w for w in re.findall(r"[A-Za-z0-9&]+", written) if w.islower()}
    return bool(hits - lower)


_NON_SPACE = regex.compile(r"\S+")


def _word_before(words: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The span of text[:at].split()[-1:] (the last word before `at`, cut at `at`), its end being
    the length of text[:at].rstrip(), found by bisection among the sentence's words rather than
    by cutting and splitting the sentence again before every term."""
    k = bisect_left(words, (at,)) - 1  # the last word starting before `at`
    if k < 0:
        return (0, 0)
    a, b = words[k]
    return (a, min(b, at))


def _ends_with(text: str, end: int, name: str) -> bool:
    """text[:end].lower().endswith(name.lower()), looking only at the end of text[:end]."""
    name = name.lower()
    return text[max(0, end - 2 * len(name) - 8) : end].lower().endswith(name)


def sectioned(sentences: list[Sentence]) -> bool:
    """Whether the ad has sections that say what is asked (requirements, nice-to-haves or
    duties); in one without, every sentence may ask for something (`reading`)."""
    return any(s.kind in (REQUIRED, NICE, DUTIES) for s in sentences)


def reading(s: Sentence, structured: bool) -> tuple[str, bool]:
    """How one kept sentence is read: its kind, and whether for licences and certificates only."""
    kind = s.kind
    if kind == OTHER and not structured:
        # an ad with no sections: every sentence may ask for something. (An unheaded line
        # written as a duty in an ad with sections, "Mentor junior developers", was read as a
        # duty in session 25 and dropped: 9 of the 18 terms it added were junk by hand.)
        kind = DUTIES
    # a note is read for licences, unless it says the thing is wanted ("Experience with an
    # inventory system is desired but not required"; "required" in a note is mostly the
    # application's: "Filing ... is required")
    credentials_only = (kind == NOTES and not _WANTED.search(s.text)) or (
        kind == OTHER and not REQUIRED_CUE.search(s.text)
    )
    return kind, credentials_only


@lru_cache(maxsize=32)
def _read_ad(text: str, company: Optional[str]) -> tuple[tuple[Ask, ...], tuple[Requirement, ...]]:
    lex = lexicon()
    advertiser = _advertiser_words(company, text)
    asks: dict[str, Ask] = {}
    reqs: list[Requirement] = []
    seen_reqs: set[str] = set()
    sentences = ad_sentences(text)
    structured = sectioned(sentences)
    own = {word_key(w) for s in sentences if not (s.exam or s.title) for w in split_words(s.text)}
    for s in sentences:
        if s.title:
            # the title's tools are the job's own ("Senior .NET Software Engineer"); its other
            # words are the role's ("Software Engineer", "Accounting Clerk"), not asks
            s.kind = REQUIRED
            required = _is_required(s)
            found = [f for f in terms_in(s.text, lex) if f.category == "tool"]
        else:
            s.kind, credentials_only = reading(s, structured)
            required = _is_required(s)
            for r in requirements_in(s, required):
                if r.text.lower() not in seen_reqs:
                    seen_reqs.add(r.text.lower())
                    reqs.append(r)
            found = terms_in(
                s.text,
                lex,
                only_credentials=credentials_only,
                products=s.kind in (REQUIRED, NICE) and not s.exam,
                duty=s.kind == DUTIES,
                experience=s.kind in (REQUIRED, NICE) and not s.exam,
            )
        for m in _DEGREE.finditer(s.text):
            letters = re.match(_LETTERS, m.group("d"))
            if letters:  # "BS Degree in ...": the degree, not a skill named BS
                a, b = m.span("d")
                found = [f for f in found if not (f.start >= a and f.end <= b)]
            if m.group("field") and (
                letters
                or re.search(r"degree|bachelor|master|associate|doctor|ph", m.group("d"), re.I)
            ):
                # "a degree in Computer Science, Mathematics": one requirement, not five skills
                a, b = m.span("field")
                found = [f for f in found if not (f.start >= a and f.end <= b)]
        words = [w.span() for w in _NON_SPACE.finditer(s.text)]
        kept = []
        for f in found:
            a, b = _word_before(words, f.start)
            if (
                not _is_advertiser(f.name, advertiser, s.text[f.start : f.end])
                and not (company and _ends_with(s.text, b, company))
                and not _is_advertiser(s.text[a:b], advertiser)
            ):
                kept.append(f)
        found = kept  # nor what follows its name: "Segment Labs tooling" is the advertiser's own
        if s.exam:
            # what the exam weighs counts where the ad's own text names its words too, and adds
            # nothing to a name the ad already asks for (nor takes it out of its group)
            asked = {n.lower() for a in asks.values() for n in a.names}
            found = [
                f
                for f in found
                if f.name.lower() not in asked
                and all(word_key(w) in own for w in split_words(s.text[f.start : f.end]))
            ]
        where = WHERE.get(s.kind, "requirements" if required else "duties")
        for group in _groups(s.text, found):
            names = list(dict.fromkeys(f.name for f in group))
            key = " | ".join(sorted(n.lower() for n in names))
            weight = _WEIGHT[s.kind] + (1.0 if required else 0.0)
            prev = asks.get(key)
            equivalent = _or_kin(s.text, group[-1].end)
            if prev is not None:
                prev.weight += weight
                prev.equivalent = prev.equivalent or equivalent
                if required and not prev.required:
                    prev.required, prev.where, prev.sentence = True, where, s.text
                continue
            # a single name already asked for inside a group, or vice versa: keep both apart only
            # when neither holds the other
            asks[key] = Ask(
                names=names,
                category=group[0].category,
                required=required,
                where=where,
                sentence=s.text,
                position=s.position + group[0].start,
                term_ids=[f.term_id for f in group],
                aliases=[a for f in group for a in f.aliases],
                weight=weight,
                equivalent=equivalent,
            )
    # a name asked for alone is not asked for again inside a group
    singles = {a.names[0].lower() for a in asks.values() if len(a.names) == 1}
    for a in list(asks.values()):
        if len(a.names) > 1 and all(n.lower() in singles for n in a.names):
            del asks[" | ".join(sorted(n.lower() for n in a.names))]
    _fold_kinds(asks)
    _fold_papers(asks)
    ranked = sorted(asks.values(), key=lambda a: (not a.required, -a.weight, a.position))
    return tuple(ranked), tuple(reqs)


def _fold_kinds(asks: dict[str, Ask]) -> None:
    """A kind of something the ad also asks for by its plain name ("finish carpentry" beside
    "carpentry", "cross-functional collaboration" beside "collaboration") is one requirement
    with it, shown by either. Licences and certificates stay apart: a Class B licence is not
    any driver's licence."""
    plain = {
        phrase_key(a.names[0]): a
        for a in asks.values()
        if len(a.names) == 1 and a.category != "certification or licence"
    }
    for key, a in list(asks.items()):
        if len(a.names) != 1 or a.category == "certification or licence":
            continue
        words = phrase_key(a.names[0]).split()
        cut = next((n for n in range(1, len(words)) if " ".join(words[n:]) in plain), None)
        general = plain[" ".join(words[cut:])] if cut else None
        if general is None or general is a:
            continue
        if " ".join(words[:cut]) in {phrase_key(x) for x in a.aliases}:
            continue  # "backflow prevention inspections": what says which kind is a term itself
        if any(
            person_word(w) != person_word(g)
            for w, g in zip(split_words(a.names[0])[cut:], split_words(general.names[0]))
        ):
            continue  # "data engineers" are people, no kind of the field "engineering"
        general.names.append(a.names[0])
        general.term_ids.extend(a.term_ids)
        general.aliases.extend(a.aliases)
        _fold_into(general, a)
        del asks[key]


def _fold_into(into: Ask, a: Ask) -> None:
    """`a`'s weight added to the requirement it is one with, and its must-have, where and
    sentence taken where `a` is a must-have and the other is not (_fold_kinds, _fold_papers)."""
    into.weight += a.weight
    if a.required and not into.required:
        into.required, into.where, into.sentence = True, a.where, a.sentence


_PAPER = regex.compile(r"^(?P<what>\w+) (?:certificate|certification|credential)$", re.I)


def _fold_papers(asks: dict[str, Ask]) -> None:
    """The paper that proves a credential the ad names ("submit an apprenticeship certificate"
    beside "auto electrician apprenticeship") is one requirement with it, named by the
    credential and shown by either: a credential named "<word> certificate" folds into another
    whose name ends in that word."""
    credentials = {
        key: a
        for key, a in asks.items()
        if a.category == "certification or licence" and len(a.names) == 1
    }
    for key, a in credentials.items():
        paper = _PAPER.match(a.names[0])
        if paper is None:
            continue
        what = paper.group("what").lower()
        proven = next(
            (
                c
                for c in credentials.values()
                if c is not a and c.names[0].lower().endswith(f" {what}")
            ),
            None,
        )
        if proven is None:
            continue
        proven.aliases.append(a.names[0])  # shown by either, named by the credential
        _fold_into(proven, a)
        del asks[key]


def read_ad(text: str, company: Optional[str] = None) -> tuple[list[Ask], list[Requirement]]:
    """What the ad asks for (must-haves first, then by weight) and its experience and degrees."""
    asks, reqs = _read_ad(text, company)
    return list(asks), list(reqs)
