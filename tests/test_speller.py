"""The spelling check's quick dictionary answers as pyspellchecker does, and is what the script
makes from the installed dictionary (assistant/checks/speller.py)."""

from __future__ import annotations

import importlib.util
import re

import pytest

from assistant.checks.speller import WORDS_FILE, QuickSpeller, full_speller, read_quick, speller
from assistant.inputs.resume import read_resume
from assistant.paths import data_path
from tests.helpers.paths import FIXTURES, ROOT


def _fixture_words() -> list[str]:
    words: set[str] = set()
    for path in sorted((FIXTURES / "resumes").iterdir()):
        words.update(re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", read_resume(str(path)).text))
    return sorted(words)


def _slips(words: list[str]) -> list[str]:
    """Each long word with a letter dropped and two letters swapped: words a correction is asked for."""
    out = []
    for w in words:
        if len(w) >= 6:
            out += [w[:2] + w[3:], w[:3] + w[4] + w[3] + w[5:]]
    return out


def test_the_shipped_list_is_what_the_script_makes_from_the_installed_dictionary():
    spec = importlib.util.spec_from_file_location(
        "build_spelling_words", ROOT / "scripts" / "build_spelling_words.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == data_path(WORDS_FILE).read_text(encoding="utf-8")
    assert isinstance(speller(), QuickSpeller)


def test_known_and_unknown_words_are_pyspellchecker_s():
    quick, full = speller(), full_speller()
    words = _fixture_words() + _slips(_fixture_words()) + ["na\u00efve", "o'clock", "3.5", "nan"]
    assert [w in quick for w in words] == [w in full for w in words]
    assert quick.unknown(words) == full.unknown(words)
    assert quick.unknown(["recieving", "receiving"]) == {"recieving"}
    # the counts the spelling check reads (speller.word_frequency[word]) are pyspellchecker's
    assert [quick.word_frequency[w] for w in words] == [full.word_frequency[w] for w in words]


def test_corrections_are_pyspellchecker_s():
    quick, full = speller(), full_speller()
    asked = sorted(full.unknown(_fixture_words() + _slips(_fixture_words())))
    assert len(asked) > 100
    for word in asked:
        candidates = full.candidates(word) or set()
        counts = sorted((full[c] for c in candidates), reverse=True)
        if len(counts) > 1 and counts[0] == counts[1]:
            continue  # a tie: pyspellchecker's pick depends on the order of a set
        assert quick.correction(word) == full.correction(word), word
    assert quick.correction("recieving") == "receiving"


def test_a_list_from_another_dictionary_is_not_used(tmp_path):
    other = tmp_path / "en.json.gz"
    other.write_bytes(b"not the dictionary the list was made from")
    assert read_quick(data_path(WORDS_FILE), other) is None


@pytest.mark.parametrize("word", ["recieving", "managment", "acheived"])
def test_the_spelling_check_flags_slips_with_the_quick_dictionary(word, tmp_path):
    from assistant.checks.content import spelling

    path = tmp_path / "resume.txt"
    text = (FIXTURES / "resumes" / "strong-data-analyst.md").read_text(encoding="utf-8")
    path.write_text(f"{text}\n- Handled {word} for 30 drivers\n", encoding="utf-8")
    hits = list(spelling(read_resume(str(path))))
    assert [(h.excerpt, word in h.detail) for h in hits] == [
        (f"- Handled {word} for 30 drivers", True)
    ]


def test_a_critique_never_loads_pyspellchecker_itself():
    """The resume below holds an unknown word ('synergize'), so a correction is asked for too."""
    import subprocess
    import sys

    code = (
        "import sys; from assistant.cli import main\n"
        "sys.argv = ['rebound', 'critique', sys.argv[1], '--no-model', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('spellchecker' in sys.modules, file=sys.stderr)"
    )
    resume = FIXTURES / "resumes" / "weak-marketing-coordinator.txt"
    done = subprocess.run(
        [sys.executable, "-c", code, str(resume)], capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "False"
