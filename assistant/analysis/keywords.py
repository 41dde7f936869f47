"""Skills and keywords without a model: a curated vocabulary (assistant/data/skills.yaml) matched on
normalised tokens (case, plurals, aliases) in any text; what a job ad asks for, as the lexicon and
the ad's structure read it (job_terms.read_ad: `job_asks`), and which of it a resume shows
(`keyword_gap`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, Optional

from pydantic import BaseModel, Field

from assistant import regex
from assistant.inputs.job import guess_company
from assistant.paths import read_data
from assistant.text import TOKEN as _TOKEN

if TYPE_CHECKING:
    from assistant.analysis.job_terms import Ask

VOCABULARY_FILE = "skills.yaml"

# Tokens (assistant.text) keep the punctuation of skill names: C++, C#, .NET, Node.js, CI/CD, A&B.
# Terms never run across these: a comma, a sentence end, brackets, bullets, line ends.
_SEGMENT_BREAK = regex.compile(r"[,;:()!?\[\]{}\"|\u2022\u00b7\u2013\u2014]|\.(?:\s|$)|\n")


def singular(word: str) -> str:
    """A crude singular that is applied alike to the vocabulary and the text, so it only needs to be consistent."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _key(tokens: list[str]) -> str:
    """The lookup key of a token sequence: lower case, the last word singular."""
    low = [t.lower().replace("\u2019", "'") for t in tokens]
    low[-1] = singular(low[-1])
    return " ".join(low)


@dataclass(frozen=True)
class Vocabulary:
    canonical: dict[str, str]  # key -> canonical display name (case-insensitive aliases)
    exact: dict[str, str]  # alias as written -> canonical (aliases that match only in this casing)
    known_tokens: frozenset[
        str
    ]  # lower-cased tokens of every alias (a 'CI/CD' is not split on '/')
    max_len: int
    names: frozenset[str]  # every canonical name
    firsts: frozenset[str]  # lower-cased first tokens of every alias: where a match can start


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = dict(read_data(VOCABULARY_FILE))
    exact_aliases = set(data.pop("exact_case", []))
    canonical: dict[str, str] = {}
    exact: dict[str, str] = {}
    known: set[str] = set()
    max_len = 1
    for entries in data.values():
        for entry in entries:
            names = [n.strip() for n in str(entry).split("|") if n.strip()]
            for alias in names:
                tokens = _TOKEN.findall(alias)
                known.update(t.lower() for t in tokens)
                max_len = max(max_len, len(tokens))
                if alias in exact_aliases:
                    exact[alias] = names[0]
                else:
                    canonical.setdefault(_key(tokens), names[0])
    names = frozenset(canonical.values()) | frozenset(exact.values())
    firsts = frozenset(k.split(" ")[0] for k in canonical) | frozenset(
        a.split(" ")[0].lower() for a in exact
    )
    return Vocabulary(canonical, exact, frozenset(known), max_len, names, firsts)


def _tokens(segment: str, vocab: Vocabulary) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(segment):
        if "/" in tok and tok.lower() not in vocab.known_tokens:
            out.extend(p for p in tok.split("/") if p)  # HTML/CSS is two skills, CI/CD is one
        else:
            out.append(tok)
    return out


def _segments(text: str) -> list[str]:
    return [s for s in _SEGMENT_BREAK.split(text) if s.strip()]


def _lookup(tokens: list[str], low: list[str], vocab: Vocabulary) -> Optional[str]:
    written = " ".join(tokens)
    if written in vocab.exact:
        return vocab.exact[written]
    if written.endswith("s") and written[:-1] in vocab.exact and len(written) > 3:
        return vocab.exact[written[:-1]]
    return vocab.canonical.get(" ".join([*low[:-1], singular(low[-1])]))


def find_terms_ordered(text: str) -> list[tuple[str, int]]:
    """Every vocabulary term in the text with its rough position (for ordering), longest match first."""
    vocab = vocabulary()
    found: list[tuple[str, int]] = []
    offset = 0
    for segment in _segments(text):
        start = text.find(segment, offset)
        offset = start + len(segment) if start >= 0 else offset
        toks = _tokens(segment, vocab)
        low = [t.lower().replace("\u2019", "'") for t in toks]
        i = 0
        while i < len(toks):
            if low[i] not in vocab.firsts and singular(low[i]) not in vocab.firsts:
                i += 1
                continue
            for n in range(min(vocab.max_len, len(toks) - i), 0, -1):
                name = _lookup(toks[i : i + n], low[i : i + n], vocab)
                if name:
                    found.append((name, max(start, 0) + i))
                    i += n
                    break
            else:
                i += 1
    return found


def find_terms(text: str) -> set[str]:
    """The canonical names of every vocabulary term in any text (a resume, a job, a bullet)."""
    return {name for name, _ in find_terms_ordered(text)}


# ---- The job side: which terms are requirements, and in what order of importance ----


def job_asks(text: str, company: Optional[str] = None) -> list[Ask]:
    """What a job ad asks for, must-haves first: each a term or a group any one of which will do
    ("Python or Scala"), with its category and the ad's sentence (job_terms.read_ad)."""
    from assistant.analysis.job_terms import read_ad

    return read_ad(text, company or guess_company(text))[0]


def extract_job_terms(text: str, company: Optional[str] = None) -> list[str]:
    """What a job ad asks for, must-haves first ("Python or Scala" is one requirement)."""
    return [a.name for a in job_asks(text, company)]


class KeywordTerm(BaseModel):
    name: str = Field(description='what the ad asks for; "A or B" when either will do')
    category: str = Field(
        description="hard skill, tool, certification or licence, soft skill, domain"
    )
    required: bool = Field(description="a must-have (else a nice-to-have or a duty)")
    where: str = Field(description="the part of the ad: requirements, nice to have, duties, notes")
    matched: bool = Field(description="the resume shows it")
    sentence: str = Field(description="the ad's sentence that asks for it")
    reworded: str = Field(
        "",
        description="where not matched: the resume's own words for it "
        '("Mitigation and Preparedness" for Disaster Preparedness), else ""',
    )
    equivalent: str = Field(
        "",
        description='where the ad takes "X or an equivalent" and the resume lacks X: the term of '
        'X\'s own kind it shows instead ("C#" for Java), else ""',
    )


class CategoryRate(BaseModel):
    category: str
    required: bool
    matched: int
    total: int
    rate: float = Field(ge=0.0, le=1.0)


class OtherRequirement(BaseModel):
    kind: str = Field(description="experience or degree")
    text: str
    required: bool
    sentence: str


class KeywordReport(BaseModel):
    matched: list[str] = Field(default_factory=list, description="job terms the resume has")
    missing: list[str] = Field(
        default_factory=list, description="job terms the resume lacks, most important first"
    )
    reworded: list[str] = Field(
        default_factory=list,
        description="job terms the resume names in other words (not in matched nor missing): "
        "use the ad's words where they are true",
    )
    match_rate: float = Field(
        0.0, ge=0.0, le=1.0, description="matched / all job terms (aim for about 0.8)"
    )
    terms: list[KeywordTerm] = Field(
        default_factory=list, description="every job term with its category and sentence"
    )
    by_category: list[CategoryRate] = Field(
        default_factory=list, description="match rate per category, must-haves first"
    )
    requirements: list[OtherRequirement] = Field(
        default_factory=list, description="years of experience and degrees the ad asks for"
    )


_CAMEL_JOIN = regex.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
_LETTER_RUN = regex.compile(r"[A-Za-z]{5,}")
# the most capitalised parts a run-together name has: "QuickBooks", "PowerPoint", "LinkedIn"
_NAME_PARTS = 3


def split_run_together(text: str) -> str:
    """The text with words a PDF's text layer ran together set apart at their capitals
    ("ProposalWriting" -> "Proposal Writing"), but not a name the lexicon holds written so:
    "JavaScript" stays one word (it is no Java), "QuickBooksReports" -> "QuickBooks Reports"."""
    from assistant.analysis.lexicon import lexicon, phrase_key

    lex = lexicon()

    def named(parts: list[str]) -> bool:
        return lex.key_term(phrase_key("".join(parts))) is not None

    def apart(m: re.Match) -> str:
        parts = _CAMEL_JOIN.split(m.group(0))
        if len(parts) == 1:
            return parts[0]
        out: list[str] = []
        i = 0
        while i < len(parts):
            # the longest run of parts, from this one, that is a name; else the part alone
            n = next(
                (
                    n
                    for n in range(min(_NAME_PARTS, len(parts) - i), 1, -1)
                    if named(parts[i : i + n])
                ),
                1,
            )
            out.append("".join(parts[i : i + n]))
            i += n
        return " ".join(out)

    return _LETTER_RUN.sub(apart, text) if _CAMEL_JOIN.search(text) else text


# A last word a resume may leave out: "Plumbing Systems" is shown by "plumbing".
_GENERIC_TAIL = regex.compile(
    r"\s+(?:systems?|skills?|work|experience|services?|operations?|development|environment|"
    r"techniques?|principles|methods?|practices?|procedures?|equipment|tools?|programs?)$",
    re.I,
)


# A first word that says where or how well, not what: "Remote Technical Support" is shown by
# "technical support".
_LEADING_MODIFIER = regex.compile(
    r"^(?:remote|on-?site|advanced|basic|general|applied|professional|effective|strong|"
    r"excellent|proven|solid|practical|hands-on)\s+(?=\S+\s+\S)",
    re.I,
)


# the noun and the adjective of one Greek-born word: analysis ~ analytic(al), diagnosis ~
# diagnostic, synthesis ~ synthetic (on stems: analysi ~ analyt, diagnosi ~ diagnost). Not the
# verb: "analyze the network" is a task, not analytical skills
_GREEK_ENDING = regex.compile(r"(?<=[a-z]{4}[yoe])(?:si|st|t)$")


def _same_word(a: str, b: str) -> bool:
    """Two word keys of one word: equal, one the start of the other (at least 5 letters), or
    one root with another Greek-born ending (analysis ~ analytical)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 5 and long_.startswith(short):
        return True
    root = _GREEK_ENDING.sub("", a)
    return root != a and root == _GREEK_ENDING.sub("", b)


# A term's head held by at most this many of the lexicon's ~32,000 names and aliases is specific
# enough that a resume naming it names the ad's term in other words (ResumeIndex.reworded)
RARE_HEAD = 10

# Where a reader stops looking for a term's words together: a sentence end, a line (a bullet), a
# comma, a bracket. Not a colon: "Testing: unit and integration" is one statement.
_CLAUSE_BREAK = regex.compile(r"[,;()!?\[\]{}\"|\u2022\u00b7\u2013\u2014]|\.(?:\s|$)|\n|\s-\s")
# Words that say nothing of what a term is: not counted between a term's words.
_FILLER = frozenset(
    "a an the of to for in on at by with and or as our my their its from into this that these "
    "those was were is are be been".split()
)

_VERB_ENDINGS = ("ed", "ing")  # a verb's forms: "developed", "testing"


def _activity_name(name: str) -> bool:
    """A one-word name of an activity in its -ing form: Planning, Accounting, Monitoring."""
    low = name.lower()
    return len(low) >= 6 and low.endswith("ing") and low.isalpha()


def _form_of(key: str, other: str) -> bool:
    """Whether a word of key `other` is a form of the word of key `key`: the same key, or a
    longer one that starts with it ("wareh" of warehousing, "warehous" of warehouse); not a
    shorter one ("multi" is no Multithreading)."""
    return other == key or (len(key) >= 5 and other.startswith(key))


# the words a verb follows in a list of duties: "organize and coordinate", "collaborate to plan"
_BEFORE_A_VERB = frozenset(("and", "or", "to", "&"))
# a title's first word that says how senior, not what: "Senior Software Developer"
_LEVELS = frozenset("senior junior lead principal staff".split())

# A resume's title line: a role in capitals alone on its line, or before a comma, a dash, a
# bracket or a date ("Software Developer , 12/2015 to Current", "SOFTWARE DEVELOPER")
_TITLE_LINE = regex.compile(
    r"^[ \t\u2022\u00b7*]*(?P<title>[A-Z][A-Za-z&/]*(?:[ ]+[A-Z][A-Za-z&/]*){1,3})"
    r"[ \t]*(?:$|[,(|:\u2013\u2014]|-\s|\d)",
    re.M,
)


@lru_cache(maxsize=256)
def _occupations_with(starts: tuple[str, ...]) -> tuple[int, ...]:
    """The ESCO occupations whose labels hold words starting so ("softw", "devel")."""
    from assistant.analysis.occupations_file import occupations

    # the first start alone rules out most of the 3,039 (1-2 ms a title, where all() took 7-15)
    needles = [f" {s}" for s in starts]
    first, rest = (needles[0], needles[1:]) if needles else ("", [])
    return tuple(
        n
        for n, o in enumerate(occupations())
        if first in o.labels and all(w in o.labels for w in rest)
    )


@lru_cache(maxsize=1024)
def _occupation_roles(n: int) -> frozenset[str]:
    """The roles one ESCO occupation is labelled with, as phrase keys of two to four words
    ending in a person's word: the software developer's "softwar develop", "softwar engin",
    "applic develop" (a role's key is its field's: developer ~ development)."""
    from assistant.analysis.lexicon import person_word, word_key
    from assistant.analysis.occupations_file import occupations

    out: set[str] = set()
    words = occupations()[n].labels.split()
    for j, word in enumerate(words):
        if word.isalpha() and person_word(word):
            keys = [word_key(w) for w in words[max(0, j - 3) : j + 1]]
            out.update(" ".join(keys[i:]) for i in range(len(keys) - 1))
    return frozenset(out)


class ResumeIndex:
    """Where a resume shows a term: any lexicon name or alias, its words stemmed, anywhere in the
    text a reader sees (skills, bullets, summary, certifications), even where a PDF's text layer
    ran words together ("CustomerService")."""

    def __init__(self, text: str) -> None:
        from assistant.analysis.job_terms import rearranged, tokenize
        from assistant.analysis.lexicon import lexicon, person_word, split_words, word_key

        lex = lexicon()
        original = text
        # words a PDF's text layer ran together keep their capitals: "ProposalWriting"
        split = split_run_together(text)
        if split != text:
            text = text + "\n" + split
        self._written = text  # as written, for quoting: "e-mail accounts", not "e mail accounts"
        text = text.replace("-", " ")
        tokens = tokenize(text, lex)
        self.keys = tokens.keys
        # "managed projects" shows Project Management; "analytical and design skills" both
        self.ids: set[int] = {
            f.term_id for f in rearranged(text, tokens, lex) if f.term_id is not None
        }
        self.words = tokens.words
        self._text, self._spans = text, tokens.spans
        self._starts: dict[str, list[int]] = {}  # first five letters of a word -> where it is
        for i, k in enumerate(self.keys):
            self._starts.setdefault(k[:5], []).append(i)
        self.flat = re.sub(r"[^a-z0-9+#]", "", text.lower())
        # the words that say something, each with its clause: "developed the web site" has
        # "developed" and "web" two words apart, in one clause
        self._content: list[int] = []  # token index of each content word
        self._clause: list[int] = []  # its clause number
        clause = 0
        spans = tokens.spans
        self._token_clause: list[int] = []  # the clause of every token
        # how far apart content words are: two words joined by "and" or "or" fill one place ("the
        # FAQ and Support part of the web site"), a verb or a number its own
        self._place: list[int] = []
        words = tokens.words
        for i, word in enumerate(words):
            if i and _CLAUSE_BREAK.search(text[spans[i - 1][1] : spans[i][0]]):
                clause += 1
            self._token_clause.append(clause)
            if word.lower() not in _FILLER:
                joined = (
                    i >= 2
                    and words[i - 1].lower() in ("and", "or")
                    and self._content[-1:] == [i - 2]
                    and self._clause[-1] == clause
                    and all(
                        w.isalpha() and not w.lower().endswith(_VERB_ENDINGS)
                        for w in (word, words[i - 2])
                    )
                )
                self._place.append(self._place[-1] + (not joined) if self._place else 0)
                self._content.append(i)
                self._clause.append(clause)
        self._rank = {t: r for r, t in enumerate(self._content)}
        self.names = {w.lower() for w in tokens.words}
        # the keys clause by clause: a name is not read across a comma, a bullet or a line
        self.keyed = (
            " "
            + " ".join(
                k if not i or self._token_clause[i] == self._token_clause[i - 1] else f"| {k}"
                for i, k in enumerate(self.keys)
            )
            + " "
        )
        # two words written as one or apart: "web site" ~ "website", "e-mail" ~ "email"
        self.joined = {
            word_key(a + b)
            for (a, b), (sa, sb) in zip(zip(tokens.words, tokens.words[1:]), zip(spans, spans[1:]))
            if a.isalpha() and b.isalpha() and not text[sa[1] : sb[0]].strip()
        }
        self.keyset = frozenset(self.keys)
        # the roles its title lines name, without a first word that says how senior: "softwar
        # develop" of "Senior Software Developer" (a role's key is its field's: developer ~
        # development)
        self.titles: set[tuple[tuple[str, ...], str]] = set()  # (its words' starts, its key)
        self._title_heads: set[str] = set()  # the last word of each title line: "nurs"
        for m in _TITLE_LINE.finditer(original):
            title = split_words(m.group("title").lower())
            self._title_heads.add(word_key(title[-1]))
            if title[0] in _LEVELS:
                title = title[1:]
            if len(title) > 1 and person_word(title[-1]):
                self.titles.add((tuple(w[:5] for w in title), " ".join(word_key(w) for w in title)))
        # every lexicon name, any form (lenient side), but an activity's name only where the
        # word names the activity (_names_activity)
        for i, word in enumerate(tokens.words):
            hit = lex.match_at(tokens.keys, i, tokens.room[i])
            if hit is not None and (hit[1] > 1 or self._names_activity(i, lex.term(hit[0]).name)):
                self.ids.add(hit[0])
            for tid in [lex.exact.get(word), *lex.acronyms.get(word, ())]:
                if tid is not None:
                    self.ids.add(tid)

    def _names_activity(self, i: int, name: str) -> bool:
        """Word i, another form of the one-word term `name`, shows it as a reader would. A name
        of an activity in its -ing form (Planning, Accounting, Monitoring) is shown by the
        activity: an -ing or -ed form ("planned"), or the word where a verb stands, first in its
        clause or after "and", "or", "to" ("Monitor client progress", "maintains and monitors
        schedules", "collaborate to plan lessons"). The same stem as a noun names a thing, often
        another one: "e-mail accounts" is no Accounting, "training programs" no Programming,
        "in order to" no Ordering, "aircraft engines" no Engineering. Any other name, and an
        alias of the term in any form, as before."""
        from assistant.analysis.lexicon import word_key

        if not _activity_name(name) or not _form_of(word_key(name), self.keys[i]):
            return True  # not an activity's name, or the word is another name of it (an alias)
        low = name.lower()
        word = self.words[i].lower()
        if word == low or word.endswith(_VERB_ENDINGS) or self.keys[i] in self._title_heads:
            return True  # "planned"; a role the resume's title line names: "Registered Nurse"
        before = i - 1
        return (
            before < 0
            or self._token_clause[before] != self._token_clause[i]
            or self.words[before].lower() in _BEFORE_A_VERB
        )

    def _forms(self, name: str) -> Iterator[int]:
        """Where the resume writes a form of the one-word name `name` (_form_of)."""
        from assistant.analysis.lexicon import word_key

        key = word_key(name)
        return (i for i in self._starts.get(key[:5], ()) if _form_of(key, self.keys[i]))

    def _quote(
        self, i: int, last: int, reach: int, takes: Callable[[int], bool] = lambda j: True
    ) -> str:
        """The resume's words as written from word i through word `last`, with up to `reach`
        words before i in its clause that no punctuation parts from it and that `takes`."""
        first = i
        while (
            first > max(0, i - reach)
            and self._token_clause[first - 1] == self._token_clause[i]
            and not self._text[self._spans[first - 1][1] : self._spans[first][0]].strip()
            and takes(first - 1)
        ):
            first -= 1
        return self._written[self._spans[first][0] : self._spans[last][1]]

    def _shows_activity(self, name: str) -> bool:
        """Whether the resume shows the one-word -ing term `name` in a form that names the
        activity (_names_activity)."""
        return any(self._names_activity(i, name) for i in self._forms(name))

    def _other_form(self, name: str) -> str:
        """The resume's words where it names the one-word -ing term `name` in a form that need
        not be the activity ("lesson plans", "e-mail accounts"): the word with up to two words
        of its own before it (not a verb's form but right before it, nor "the" or "of"), as
        written; "" where it has none."""
        i = next(self._forms(name), None)
        if i is None:
            return ""

        def own(j: int) -> bool:  # "lesson plans", "recruiting plan", not "designed lesson
            # plans" or "seeking new accounts"
            word = self.words[j].lower()
            return (
                word not in _FILLER
                and not word.endswith("ed")
                and (j == i - 1 or not word.endswith("ing"))
            )

        return self._quote(i, i, 2, own)

    def _titled(self, key: str) -> bool:
        """A role or its field (of two to four words) is the occupation a title line of the
        resume names, by ESCO's labels of one occupation: "Software Developer" shows software
        engineering (ESCO's software developer is also a software engineer), "Applications
        Developer" a software engineer; a narrower role than the title is not shown."""
        return any(
            key in roles and title in roles
            for starts, title in self.titles
            if not key.endswith(f" {title}")  # "Applications Developer" is no mobile one
            for roles in map(_occupation_roles, _occupations_with(starts))
        )

    def _near(self, words: list[str], same: Callable[[str, str], bool] = _same_word) -> bool:
        """The words in a row in one clause, each the same word in another form (reconciled ~
        reconciliation), or two or three of them in another order close together in one clause
        ("licensed electrician" shows "Electrician license"); `same` says which words are one."""
        n = len(words)
        if not n:
            return False
        keys = self.keys
        for i in self._starts.get(words[0][:5], ()):
            if (
                i + n <= len(keys)
                and all(same(keys[i + j], words[j]) for j in range(n))
                and self._token_clause[i] == self._token_clause[i + n - 1]
            ):
                return True
        if not 2 <= n <= 3:
            return False
        for p in self._starts.get(words[0][:5], ()):
            for i in range(max(0, p - n), p + 1):
                # one clause: "City, State" then a bullet "Managed ..." is no State Management
                here = self._token_clause[p]
                window = [
                    k for j, k in enumerate(keys[i : i + n + 1], i) if self._token_clause[j] == here
                ]
                if all(any(same(k, w) for k in window) for w in words):
                    return True
        return self._in_one_clause(words, same)

    def _in_one_clause(
        self, words: list[str], same: Callable[[str, str], bool] = _same_word
    ) -> bool:
        """A term's two or three words, in any form, in one clause of the resume and at most two
        other words apart; in another order only when the first of them leads the others (a
        verb, or a noun before "of"): "developed the FAQ part of the web site" shows web
        development, "testing: unit and integration" unit testing, "tasked to design an internal
        system" system design, but "project management staff on database work" is no database
        management. Two words joined by "and" count as one between them: "developed the FAQ and
        Support part of the web site"."""
        words = [w for w in words if w not in _FILLER]
        if not 2 <= len(words) <= 3:
            return False
        reach = len(words) + 2  # content words from the first of them to the last
        keys, content, clause, place = self.keys, self._content, self._clause, self._place
        for p in self._starts.get(words[0][:5], ()):
            r = self._rank.get(p)
            if r is None or not same(keys[p], words[0]):
                continue
            window = [
                q
                for q in range(max(0, r - 2 * reach), min(len(content), r + 2 * reach))
                if clause[q] == clause[r] and q != r and abs(place[q] - place[r]) < reach
            ]
            places = [[q for q in window if same(keys[content[q]], w)] for w in words[1:]]
            for chosen in product(*places):
                ranks = (r, *chosen)
                # a term's own word keeps its place: "new and unique ways to integrate
                # technology" is no new technology
                first, last = min(ranks), max(ranks)
                spread = place[last] - place[first] + (place[first + 1] == place[first])
                spread += place[last - 1] == place[last]
                if len(set(ranks)) < len(ranks) or spread >= reach:
                    continue
                if first == r or self._leads(content[first]):
                    return True
        return False

    def _leads(self, i: int) -> bool:
        """Word i leads what it is done to: written as a verb (an -ed or -ing form, or right
        after "to"), or before "of" ("the repair of hand tools")."""
        w = self.words
        return (
            w[i].lower().endswith(_VERB_ENDINGS)
            or (i > 0 and w[i - 1].lower() == "to")
            or (i + 1 < len(w) and w[i + 1].lower() == "of")
        )

    def _joined(self, name: str) -> bool:
        """A one-word name the resume writes as two words, or a two-word name it writes as one."""
        from assistant.analysis.lexicon import split_words, word_key

        parts = [w for w in split_words(name) if w.isalpha()]
        if len(parts) == 1:
            return word_key(parts[0]) in self.joined
        return len(parts) == 2 and word_key(parts[0] + parts[1]) in self.keyset

    def _beside_its_words(self, term_id: int) -> bool:
        """A one-word term the taxonomy files under this one in brackets ("Troubleshooting
        (Problem Solving)") shows it where one clause also holds a word of it, at most two words
        apart: "troubleshoot hardware and software problems". The bracket says which meaning of
        the word is meant; the resume's clause must say the same. The word itself, not one that
        only starts like it ("personable" is no Persona)."""
        from assistant.analysis.lexicon import in_clause_terms, lexicon, phrase_key

        members = in_clause_terms(term_id)
        if not members:
            return False
        lex = lexicon()
        own = [w for w in phrase_key(lex.term(term_id).name).split() if w not in _FILLER]
        content, clause = self._content, self._clause
        for member in members:
            key = phrase_key(lex.term(member).name)
            for p in self._starts.get(key[:5], ()):
                r = self._rank.get(p)
                if r is None or self.keys[p] != key:
                    continue
                for q in range(max(0, r - 3), min(len(content), r + 4)):
                    if (
                        q != r
                        and clause[q] == clause[r]
                        and any(_same_word(self.keys[content[q]], w) for w in own)
                    ):
                        return True
        return False

    def reworded(self, name: str) -> str:
        """The resume's words for a term it does not show, where it names the term's head: the
        term without its first word or words ("Preparedness" of Disaster Preparedness, "language
        models" of Large Language Models), when the head is specific (held by at most
        RARE_HEAD of the lexicon's names: not "testing", "skills" or "development"; one word
        only when it is a skill's own name: "desk" of Help Desk is not) and the resume writes
        it in the same forms, in a row in one clause ("prepared" is no Preparedness). The words with up to three before them in their clause, not across
        punctuation ("Mitigation and Preparedness"); "" when it names no head."""
        from assistant.analysis.lexicon import lexicon, split_words, word_form, word_key

        if _activity_name(name):
            return self._other_form(name)
        words = [w for w in split_words(name) if w.lower() not in _FILLER]
        for cut in range(1, len(words)):
            head = words[cut:]
            if not any(len(w) > 2 and w.isalpha() for w in head):
                continue  # "B" of Class B
            keys = [word_key(w) for w in head]
            key = " ".join(keys)
            if lexicon().names_with(key) > RARE_HEAD:
                continue
            if len(keys) == 1 and lexicon().key_term(key) is None:
                continue  # one word few names hold but no skill's name: "course", "desk"
            n = len(keys)
            for i in self._starts.get(keys[0][:5], ()):
                if (
                    self.keys[i : i + n] == keys
                    and self._token_clause[i] == self._token_clause[i + n - 1]
                    and all(word_form(self.words[i + j]) == word_form(head[j]) for j in range(n))
                ):
                    return self._quote(i, i + n - 1, 3)
        return ""

    def of_kind(self, names: list[str]) -> str:
        """The name of a term the resume shows of the finest kind the lexicon files one of the
        names under, other than the names themselves: "C#" for "Java or an equivalent" (both
        are a Programming Language); "" when it shows none, or the lexicon knows no kind."""
        from assistant.analysis.lexicon import kinds_of, lexicon, narrower_terms

        lex = lexicon()
        own = {n.lower() for n in names}
        for name in names:
            kinds = kinds_of(name)
            if not kinds:
                continue
            # not a name of one or two letters (C, R, M, Go; C# is one): read as written, it is
            # also an initial, a grade or a word
            kin = {
                n
                for m in narrower_terms(kinds[0])
                if len(n := lex.term(m).name.lower()) > 2 or not n.isalpha()
            } - own
            shown = sorted(lex.term(t).name for t in self.ids if lex.term(t).name.lower() in kin)
            if shown:
                return shown[0]
        return ""

    def shows(self, name: str, term_id: Optional[int] = None, aliases: tuple = ()) -> bool:
        from assistant.analysis.lexicon import lexicon, narrower_terms, phrase_key

        if term_id is not None and (term_id in self.ids or self.ids & narrower_terms(term_id)):
            return True  # the term itself, or a narrower one: "Purchasing" shows Procurement
        if term_id is not None and self._beside_its_words(term_id):
            return True
        names = [name, *aliases]
        names += [
            short
            for n in names
            if (short := _LEADING_MODIFIER.sub("", _GENERIC_TAIL.sub("", n))) != n
            and len(short) >= 4
        ]
        # a tool's name is its own, in its words' forms only: a word that only starts like it
        # ("reaction", "informed", "market") is no React, Informatica or Marketo
        tool = term_id is not None and lexicon().term(term_id).category == "tool"
        same = str.__eq__ if tool else _same_word
        for n in names:
            key = phrase_key(n)
            if _activity_name(n):
                # Planning: "planned", not "retirement plans"; or written as two words
                if self._shows_activity(n) or self._joined(n) or self._run_together(n):
                    return True
                continue
            if n.lower() in self.names or f" {key} " in self.keyed or self._near(key.split(), same):
                return True
            if self._joined(n) or self._titled(key) or self._run_together(n):
                return True
        return False

    def _run_together(self, name: str) -> bool:
        """A name of 8 letters or more the resume runs together with other words, as a PDF's
        text layer may ("CustomerServiceSkills")."""
        flat = re.sub(r"[^a-z0-9+#]", "", name.lower())
        return len(flat) >= 8 and flat in self.flat


def keyword_gap(resume_text: str, job_text: str, company: Optional[str] = None) -> KeywordReport:
    """Which of the job's terms the resume shows and lacks, per category, with the ad's sentence
    for each; experience and degree requirements on their own."""
    from assistant.analysis.job_terms import read_ad

    asks, reqs = read_ad(job_text, company or guess_company(job_text))
    index = ResumeIndex(resume_text)
    terms: list[KeywordTerm] = []
    for a in asks:
        ok = any(index.shows(n, tid, tuple(a.aliases)) for n, tid in zip(a.names, a.term_ids))
        # "Java or an equivalent": a term of Java's own kind the resume shows meets it
        kin = index.of_kind(a.names) if a.equivalent and not ok else ""
        ok = ok or bool(kin)
        # a licence or a certificate is its own name: a Class B licence is no Class A
        other_words = (
            ""
            if ok or a.category == "certification or licence"
            else next((w for n in [*a.names, *a.aliases] if (w := index.reworded(n))), "")
        )
        terms.append(
            KeywordTerm(
                name=a.name,
                category=a.category,
                required=a.required,
                where=a.where,
                matched=ok,
                sentence=a.sentence,
                reworded=other_words,
                equivalent=kin,
            )
        )
    matched = [t.name for t in terms if t.matched]
    missing = [t.name for t in terms if not t.matched and not t.reworded]
    reworded = [t.name for t in terms if t.reworded]
    rates: dict[tuple[bool, str], list[int]] = {}
    for t in terms:
        r = rates.setdefault((t.required, t.category), [0, 0])
        r[0] += t.matched
        r[1] += 1
    by_category = [
        CategoryRate(category=c, required=req, matched=m, total=n, rate=round(m / n, 3))
        for (req, c), (m, n) in sorted(rates.items(), key=lambda kv: (not kv[0][0], -kv[1][1]))
    ]
    rate = len(matched) / len(terms) if terms else 0.0
    return KeywordReport(
        matched=matched,
        missing=missing,
        reworded=reworded,
        match_rate=round(rate, 3),
        terms=terms,
        by_category=by_category,
        requirements=[
            OtherRequirement(kind=r.kind, text=r.text, required=r.required, sentence=r.sentence)
            for r in reqs
        ],
    )
