"""Build assistant/data/spelling_words.txt, pyspellchecker's English dictionary in a form the
spelling check reads without parsing (assistant/checks/speller.py says how it is read).

    python scripts/build_spelling_words.py

A first line: the dictionary file's size and CRC-32, its longest word, its letters, and where
each column starts. Then, for each word length, its words (lower case, as pyspellchecker keys
them), sorted, one a line; then, length by length, their counts, one a line, zero-padded to the
widest. Run it again after upgrading pyspellchecker; until then the check uses pyspellchecker's
own loader, with the same results, only slower."""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.checks.speller import WORDS_FILE, dictionary_file, stamp  # noqa: E402
from assistant.paths import data_path  # noqa: E402


def build() -> str:
    source = dictionary_file()
    if source is None:
        raise SystemExit("pyspellchecker's English dictionary is not installed")
    raw = source.read_bytes()
    counts: Counter = Counter()
    for word, count in json.loads(gzip.decompress(raw).decode("utf-8")).items():
        counts[word.lower()] += count  # as SpellChecker.load_json keys them
    words = sorted(counts)
    letters = "".join(sorted(set().union(*words)))
    if any(not w or any(c.isspace() or c in ",:=" for c in w) for w in words):
        raise SystemExit(
            "a dictionary word is empty or holds a separator; the format cannot hold it"
        )
    by_length: dict[int, list[str]] = {}
    for w in words:  # sorted within each length, as bisect needs
        by_length.setdefault(len(w), []).append(w)
    word_lines, count_lines, where = [], [], {}
    offset = 0
    for length, group in sorted(by_length.items()):
        where[length] = [len(group), offset]
        word_lines += group
        offset += len(group) * (length + 1)
    for length, group in sorted(by_length.items()):
        width = max(len(str(counts[w])) for w in group)
        where[length] += [offset, width]
        count_lines += [str(counts[w]).zfill(width) for w in group]
        offset += len(group) * (width + 1)
    columns = ",".join(
        f"{length}:{n}:{start}:{length}:{cstart}:{cwidth}"
        for length, (n, start, cstart, cwidth) in sorted(where.items())
    )
    head = (
        f"# stamp={stamp(raw)} longest={max(map(len, words))} letters={letters} columns={columns}"
    )
    return "\n".join([head, *word_lines, *count_lines]) + "\n"


def main() -> None:
    out = data_path(WORDS_FILE)
    out.write_text(build(), encoding="utf-8", newline="\n")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
