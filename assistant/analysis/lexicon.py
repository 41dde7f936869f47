"""The skills lexicon: a prebuilt index of skill, tool, licence, certification and domain names
derived from ESCO v1.1.1 (European Commission, CC BY 4.0) and Lightcast Open Skills, with
Rebound's own curated names and aliases on top (scripts/build_lexicon.py writes
assistant/data/lexicon.json; this module only loads it).

Text and names meet on *keys*: lower case, British spellings made American (licence ~ license),
possessives dropped, each plain word stemmed (mentored ~ mentoring). Short names that are also
English words (Go, R, Swift) and acronyms (CRO, BLS) match only as written."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

from assistant import regex
from assistant.paths import cached_data, data_path
from assistant.text import TOKEN
from assistant.text.stem import american, stem

LEXICON_FILE = "lexicon.json"  # plain JSON: 7 ms faster to load than gzip, 1.6 MB
BROADER_FILE = "lexicon_broader.json"  # a term -> the narrower terms that show it
CATEGORIES = ("hard skill", "tool", "certification or licence", "soft skill", "domain")
MAX_WORDS = 6
# a name of a kind of tool: "Programming Language", "Business Intelligence Software" (a Lightcast
# bracket so named makes its skills that kind; scripts/build_lexicon.py)
TOOL_KIND = regex.compile(
    r"\b(?:languages?|software|frameworks?|librar(?:y|ies)|tools?|platforms?|protocols?|"
    r"servers?|browsers?|editors?)$",
    re.I,
)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one token: lower case, American spelling, stemmed when it is a plain word."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if not w.isalpha():
        return w
    # the text layer's one stemmer (Snowball English), which makes British spelling American
    return stem(w) if len(w) > 3 else w


_FORM = regex.compile(
    r"(?:ability|ibility|able|ible|ments?|tions?|sions?|ances?|ences?|ities|ity|ings?|ed|ers?|ors?|"
    r"als?|ists?|isms?|ives?|ics|ies|y)$"
)


def word_form(word: str) -> str:
    """The ending that makes a word a verb, a noun or an adjective ("engaged" ed, "engagement"
    ment); plurals count as the singular."""
    w = word.lower()
    m = _FORM.search(w, 3) if len(w) > 4 else None
    if not m:
        return ""
    form = m.group(0)
    if form == "ies":
        return "y"  # proxies ~ proxy
    return form if form in ("ics", "ings") else form.rstrip("s")


# the endings of a person's word: developer, operator, machinist
_PERSON_FORMS = ("er", "or", "ist")


def person_word(word: str) -> bool:
    """A word in a person's form ("engineers", "operator", "machinist"): whom, where another
    form of it names a field or an activity (Engineering, Operations, Design)."""
    return word_form(word) in _PERSON_FORMS


# what one word may add to another and still be the same word (manage ~ managing ~ management);
# "engineering" is "engine" + "ering": two endings, another word whose stem happens to coincide
_ENDINGS = frozenset(
    "s es e d ed ing ings er ers or ors ment ments ion ions ation ations al als y ies ied ity ities "
    "ive ives ic ics ical ist ists ism ance ances ence ences ency ancy ly ally".split()
)


def _american(word: str) -> str:
    w = word.lower().replace("\u2019", "'")
    return american(w[:-2] if w.endswith("'s") else w)


def same_word(a: str, b: str) -> bool:
    """Two words with one key are one word, unless the stemmer joined two words: the part after
    what they share must be a plain ending on both sides (engine ~ engines, not engineering)."""
    a, b = _american(a), _american(b)
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    # the shared part may run into the endings (operati-ng, operati-ons; manag-e, manag-ement)
    return any(_ending(a[k:]) and _ending(b[k:]) for k in range(n, max(n - 3, 2), -1))


def _same_use(written: str, named: str) -> bool:
    """The written word is the named word, and not its -ing form where the name is a plain noun
    ("supporting" is a verb where the name says Support), nor another form of a product's name."""
    if not same_word(written, named):
        return False
    w, n = written.lower(), named.lower()
    if re.match(r"[A-Z]?[a-z]+[A-Z]", named) and w not in (n, n + "s"):
        return False  # a product written with an inner capital: "databases" is not DataBasic
    return not (w.endswith("ing") and not n.endswith(("ing", "ings")) and len(w) > len(n))


def _ending(rest: str) -> bool:
    return not rest or rest in _ENDINGS or (rest[0] == "e" and rest[1:] in _ENDINGS)


def split_words(text: str) -> list[str]:
    """The tokens of a name or a text; hyphens separate words (cross-functional ~ cross functional)."""
    out: list[str] = []
    for tok in TOKEN.findall(text):  # the text layer's one tokenizer
        if "-" in tok:
            out.extend(p for p in tok.split("-") if p)
        else:
            out.append(tok)
    return out


def phrase_key(text: str) -> str:
    return " ".join(word_key(t) for t in split_words(text))


@dataclass(frozen=True)
class Term:
    name: str
    category: str
    source: str  # "curated", "lightcast" or "esco"


class Lexicon:
    """The loaded index. Terms are made on demand: most runs look up a few dozen of 27,000."""

    def __init__(self, data: dict) -> None:
        self.categories: list[str] = data["categories"]
        self.sources: list[str] = data["sources"]
        self._names = data["names"].split("\n")
        self._cats = data["term_categories"]
        self._srcs = data["term_sources"]
        # sorted keys, searched by bisection: no dictionary of 29,000 entries to build at start
        self._keys = data["keys"].split("\n")
        self._key_terms = data["key_terms"].split(",")
        self._key_forms = data["key_forms"].split("\n")  # line by line with the keys
        self.exact: dict[str, int] = data["exact"]  # written form -> term (Go, R, Swift)
        self.acronyms: dict[str, list[int]] = data["acronyms"]  # CRO -> every term it may be
        self.firsts = frozenset(data["firsts"].split("\n"))  # first word keys of every key
        self.no_split = frozenset(data["no_split"])  # tokens with '/' that are one name

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word key any name uses (built on first use: few ads define an acronym)."""
        return frozenset(w for key in self._keys for w in key.split())

    @cached_property
    def _spaced_keys(self) -> str:
        """Every key between spaces, a line each: a phrase is looked for in one scan (~0.4 ms),
        where an index of every word's keys took 50 ms to build at each start."""
        return " " + " \n ".join(self._keys) + " "

    def names_with(self, key: str) -> int:
        """How often the names and aliases hold the phrase key, its words in a row: how specific
        it is ("prepared", of Preparedness, 4 of 32,000; "test" 312). A name holding it twice
        counts twice (21 of the 51,922 words and ending phrases of the names; none crosses 10)."""
        if not key.split():
            return 0
        return self._spaced_keys.count(f" {key} ")

    @cached_property
    def _endings(self) -> dict[str, int]:
        """The last word, and last two words, of every key -> how many longer keys end so."""
        out: dict[str, int] = {}
        for key in self._keys:
            words = key.split()
            for n in (1, 2):
                if len(words) > n:
                    tail = " ".join(words[-n:])
                    out[tail] = out.get(tail, 0) + 1
        return out

    def names_ending(self, key: str) -> int:
        """How many longer names and aliases end in the phrase key (of one or two words): how
        much a kind it is ("library" ends 43: React library, ...; "kubernetes" none)."""
        return self._endings.get(key, 0)

    def _index(self, key: str) -> Optional[int]:
        i = bisect_left(self._keys, key)
        return i if i < len(self._keys) and self._keys[i] == key else None

    def key_term(self, key: str) -> Optional[int]:
        """The term a key names, if any."""
        i = self._index(key)
        return None if i is None else int(self._key_terms[i])

    def by_form(self, written: list[str], keys: list[str], term_id: int) -> Optional[int]:
        """The term the ad's words name in the form they are written ("accounting" is Accounting,
        not Accountability; "employees engaged" is not Employee Engagement), else None. The job
        side reads words as written; only the resume side is lenient (mentored ~ mentoring)."""
        i = self._index(" ".join(keys))
        forms = self._key_forms[i] if i is not None else ""
        if not forms:
            # every name of the key is plain ("UX Design"): a person's word names whom, not the
            # work ("UX designers"); where a name is a person's, its form is listed ("Mentor")
            if any(person_word(w) for w in written):
                return None
            return term_id if self._written_as(written, term_id) else None
        mine = " ".join(word_form(w) for w in written)
        for entry in forms.split("|"):
            form, _, other = entry.partition("=")
            if form == mine:
                found = int(other) if other else term_id
                return found if self._written_as(written, found) else None
        return None

    def _written_as(self, written: list[str], term_id: int) -> bool:
        """The written words are the name's words where they share a key: "engineering design"
        is not Engine Design, "resources" not Resourcefulness, and "systems supporting
        applications" is a verb, not System Support."""
        named = split_words(self._names[term_id])
        return len(named) != len(written) or all(
            word_key(w) != word_key(m) or _same_use(w, m) for w, m in zip(written, named)
        )

    def __len__(self) -> int:
        return len(self._names)

    def term(self, index: int) -> Term:
        return Term(
            self._names[index],
            self.categories[int(self._cats[index])],
            self.sources[int(self._srcs[index])],
        )

    def match_at(self, keys: list[str], i: int, room: int = MAX_WORDS) -> Optional[tuple[int, int]]:
        """The longest lexicon term starting at word i, within `room` words: (term, words used)."""
        hits = self._hits(keys, i, room)
        return hits[-1] if hits else None

    def matches_at(
        self, keys: list[str], i: int, room: int = MAX_WORDS
    ) -> Iterator[tuple[int, int]]:
        """Every lexicon term starting at word i, within `room` words, longest first."""
        return reversed(self._hits(keys, i, room))

    def _hits(self, keys: list[str], i: int, room: int) -> list[tuple[int, int]]:
        """The terms starting at word i, shortest first. The phrase grows a word at a time while
        some key goes on from it (the sorted key after it starts with it and a space: no key
        holds a character below the space), so a word that begins names ("2020") costs one or
        two lookups, not one for each of the six words a name may have."""
        if keys[i] not in self.firsts:
            return []
        hits: list[tuple[int, int]] = []
        all_keys, phrase = self._keys, keys[i]
        for n in range(1, min(MAX_WORDS, room, len(keys) - i) + 1):
            if n > 1:
                phrase = f"{phrase} {keys[i + n - 1]}"
            j = bisect_left(all_keys, phrase)
            if j < len(all_keys) and all_keys[j] == phrase:
                hits.append((int(self._key_terms[j]), n))
                j += 1
            if j == len(all_keys) or not all_keys[j].startswith(f"{phrase} "):
                break
        return hits


def _read() -> dict:
    return cached_data(data_path(LEXICON_FILE), _parse_json)  # JSON parsed once, then marshal


def _parse_json(path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(_read())


def iter_terms() -> Iterator[Term]:
    lex = lexicon()
    for i in range(len(lex)):
        yield lex.term(i)


@lru_cache(maxsize=1)
def _broader_file() -> dict[str, dict[str, str]]:
    with data_path(BROADER_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def _broader() -> dict[str, str]:
    return _broader_file()["broader"]


@lru_cache(maxsize=4096)
def narrower_terms(term_id: int) -> frozenset[int]:
    """The terms that show a term named like a Lightcast subcategory ("Purchasing" shows
    Procurement); empty for any other term."""
    members = _broader().get(str(term_id))
    return frozenset(map(int, members.split(","))) if members else frozenset()


@lru_cache(maxsize=4096)
def in_clause_terms(term_id: int) -> frozenset[int]:
    """The one-word terms a Lightcast bracket files under a term ("Troubleshooting (Problem
    Solving)"): they show it only beside one of its words, where the resume says which meaning
    of the word is meant; empty for most terms."""
    members = _broader_file().get("in_clause", {}).get(str(term_id))
    return frozenset(map(int, members.split(","))) if members else frozenset()


@lru_cache(maxsize=1)
def _kinds_by_name() -> dict[str, tuple[int, ...]]:
    """A term's name (lower case) -> the broader terms named as a kind of tool whose narrower
    terms hold a term so named, the finest (fewest members) first: "java" -> Programming
    Language. Not a field (Lightcast's subcategories "Mechanical Engineering", "Plumbing", "Java"
    hold what is worked on or with there, not things of one kind), nor a kind of a single member.
    Built on first use: few ads say "or an equivalent"."""
    lex = lexicon()
    out: dict[str, list[int]] = {}
    size: dict[int, int] = {}  # a kind -> how many members it has
    for kind, members in _broader().items():
        ids = members.split(",")
        kind_name = lex.term(int(kind)).name.lower()
        if len(ids) < 2 or not TOOL_KIND.search(kind_name):
            continue
        size[int(kind)] = len(set(ids))  # as narrower_terms counts them
        for m in ids:
            name = lex.term(int(m)).name.lower()
            if name != kind_name:
                out.setdefault(name, []).append(int(kind))
    return {n: tuple(sorted(ks, key=lambda k: (size[k], k))) for n, ks in out.items()}


def kinds_of(name: str) -> tuple[int, ...]:
    """The kinds the lexicon files a term under, by its name, the finest first ("Java":
    Programming Language); empty where it knows none."""
    return _kinds_by_name().get(name.lower(), ())
