"""pyspellchecker's English dictionary, loaded fast.

pyspellchecker loads its dictionary (160,000 words with their counts, gzipped JSON) in about
0.15 s, most of a `critique --no-model` run. spelling_words.txt holds the same dictionary in a
form that needs no parsing at all: the words grouped by length, sorted, one a line, so that the
words of one length are a column of equal-width lines, searched by bisection straight in the
file's text (the n-th word of length L starts n * (L + 1) characters into its column); after
them, each length's counts, zero-padded to one width. A first line holds the stamp (size and
CRC-32 of the dictionary file it came from), the longest word, the letters, and where each
column starts. scripts/build_spelling_words.py writes it.

`QuickSpeller` answers the questions the spelling check asks (`in`, `unknown`, `correction`) the
way pyspellchecker 0.9's SpellChecker(distance=1) does, step for step (tests/test_speller.py
compares them word by word). When the installed pyspellchecker's dictionary is not the stamped
one, pyspellchecker itself is used, so the results never depend on the list being up to date."""

from __future__ import annotations

import string
import unicodedata
import zlib
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Optional

from assistant.paths import data_path

WORDS_FILE = (
    "spelling_words.txt"  # plain text: read in 1 ms, unzipping took 9 (the wheel zips it anyway)
)
LANGUAGE = "en"
DISTANCE = 1


def dictionary_file() -> Optional[Path]:
    """pyspellchecker's English dictionary file, found without importing the package."""
    from importlib.util import find_spec

    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / f"{LANGUAGE}.json.gz"
    return path if path.is_file() else None


def stamp(raw: bytes) -> str:
    return f"{len(raw)}:{zlib.crc32(raw):08x}"


@lru_cache(maxsize=1)
def full_speller():
    from spellchecker import SpellChecker

    return SpellChecker(language=LANGUAGE, distance=DISTANCE)


def _remove_diacritics(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


class _Column:
    """Equal-width lines of a text as a sequence of strings, for bisect."""

    __slots__ = ("_text", "_start", "_n", "_width")

    def __init__(self, text: str, start: int, n: int, width: int) -> None:
        self._text, self._start, self._n, self._width = text, start, n, width

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < self._n:
            raise IndexError(i)
        at = self._start + i * (self._width + 1)
        return self._text[at : at + self._width]


class _Counts:
    def __init__(self, speller: QuickSpeller):
        self._speller = speller

    def __getitem__(self, word: str) -> int:
        word = word.lower()
        return self._speller._count(word) if self._speller._has(word) else 0


class QuickSpeller:
    """SpellChecker(language="en", distance=1)'s `in`, `unknown` and `correction`, from the word
    list's columns."""

    def __init__(self, columns: dict[int, tuple[_Column, _Column]], longest: int, letters: str):
        self._columns = columns  # word length -> (its words, their counts)
        self._longest = longest  # the dictionary's longest word
        self._letters = set(letters)

    def _index(self, word: str) -> Optional[int]:
        column = self._columns.get(len(word))
        if column is None:
            return None
        i = bisect_left(column[0], word)
        return i if i < len(column[0]) and column[0][i] == word else None

    def _has(self, word: str) -> bool:
        return self._index(word) is not None

    def _count(self, word: str) -> int:
        word = word.lower()
        return int(self._columns[len(word)][1][self._index(word)])

    def _should_check(self, word: str) -> bool:  # SpellChecker._check_if_should_check
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self._longest + 3:  # allow removal of up to 2 letters
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:  # a number
            float(word)
            return False
        except ValueError:
            return True

    def __contains__(self, word: str) -> bool:
        return self._has(word.lower())

    @property
    def word_frequency(self) -> _Counts:
        """SpellChecker's `word_frequency[word]`: how often the dictionary saw a word (0 if never)."""
        return _Counts(self)

    def known(self, words) -> set[str]:
        lowered = [w.lower() for w in words]
        return {w for w in lowered if self._has(w) and self._should_check(w)}

    def unknown(self, words) -> set[str]:
        lowered = [w.lower() for w in words if self._should_check(w)]
        return {w for w in lowered if not self._has(w)}

    def edit_distance_1(self, word: str) -> set[str]:
        word = word.lower()
        if self._should_check(word) is False:
            return {word}
        letters = self._letters
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        deletes = [L + R[1:] for L, R in splits if R]
        transposes = [L + R[1] + R[0] + R[2:] for L, R in splits if len(R) > 1]
        replaces = [L + c + R[1:] for L, R in splits if R for c in letters]
        inserts = [L + c + R for L, R in splits for c in letters]
        return set(deletes + transposes + replaces + inserts)

    def candidates(self, word: str) -> Optional[set[str]]:
        if self.known([word]):
            return {word}
        if not self._should_check(word):
            return {word}
        found = self.known(list(self.edit_distance_1(word)))
        return found or None  # distance 1 only

    def correction(self, word: str) -> Optional[str]:
        candidates = self.candidates(word)
        if not candidates:
            return None
        plain = _remove_diacritics(word)  # prefer the same word with other accents
        same = [c for c in candidates if _remove_diacritics(c) == plain]
        return max(same or candidates, key=self._count)


def read_quick(path: Path, source: Path) -> Optional[QuickSpeller]:
    """The quick speller from the shipped list, or None if the list is not of this dictionary."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n")
    # "# stamp=... longest=... letters=... columns=L:n:start:width:start:width,..."
    fields = dict(f.split("=", 1) for f in text[:end].split()[1:])
    if fields.get("stamp") != stamp(source.read_bytes()):
        return None
    columns = {}
    for entry in fields["columns"].split(","):
        length, n, start, width, counts_start, counts_width = map(int, entry.split(":"))
        columns[length] = (
            _Column(text, end + 1 + start, n, width),
            _Column(text, end + 1 + counts_start, n, counts_width),
        )
    return QuickSpeller(columns, int(fields["longest"]), fields["letters"])


@lru_cache(maxsize=1)
def speller():
    """The spell checker: the quick one when the shipped list was made from the installed
    dictionary, else pyspellchecker's own."""
    source, listed = dictionary_file(), data_path(WORDS_FILE)
    quick = read_quick(listed, source) if source is not None and listed.is_file() else None
    return quick if quick is not None else full_speller()
