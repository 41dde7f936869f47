"""Rebound's patterns are compiled once (assistant/regex.py): the `rebound` command keeps what
Python's compiler makes of each in the user directory's cache, and a later start hands it to the
matcher without compiling. What is kept must be exactly what `re` makes, and every pattern of
Rebound's goes through `regex.compile`."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import regex
from tests.helpers.paths import CRITIQUE_JOB, FIXTURES, ROOT

# Patterns of every kind Rebound writes: flags as arguments and inline, named and numbered groups,
# look-behind, a verbose pattern, a class of non-ASCII letters, bytes.
KINDS = [
    (r"(?<![\w-])(?:python|java(?:script)?)(?![\w-])", re.IGNORECASE),
    (r"^(?P<month>jan|feb)\.?\s+(?P<year>\d{4})$", re.I | re.M),
    (r"(?i)\b(licen[cs]e|certif\w*)\b", 0),
    (r"""(?x) (\d+) \s* (?:%|per\ ?cent)  # a share""", 0),
    (r"[\u2022\u00b7\u2013\u2014]|\.(?:\s|$)", 0),
    (r"(?s)<(?P<tag>\w+)>.*?</(?P=tag)>", 0),
    (rb"^\x89PNG", 0),
]
TEXTS = [
    "Python, JavaScript and java-beans",
    "jan 2020\nFeb. 2021",
    "A Licence and a certified welder",
    "up 12 per cent, then 5%",
    "one\u2022two. three",
    "<b>bold</b> and <i>x</i>",
]


@pytest.fixture
def keeping():
    """Patterns go through the cache of the user directory (the test's own), as in `rebound`."""
    regex.keep_compiled()
    yield
    regex.stop_keeping()


def _findings(compiled: re.Pattern) -> list:
    if isinstance(compiled.pattern, bytes):
        return [bool(compiled.search(b"\x89PNG\r\n")), bool(compiled.search(b"GIF89a"))]
    return [[m.groups() for m in compiled.finditer(text)] for text in TEXTS]


def test_without_the_command_it_is_re_compile():
    regex.stop_keeping()
    for pattern, flags in KINDS:
        assert regex.compile(pattern, flags) is re.compile(pattern, flags)
    assert regex.cache_file() is not None
    assert not regex.cache_file().exists()  # nothing is written


def test_what_is_kept_is_exactly_what_re_hands_its_matcher(monkeypatch):
    handed: list[tuple] = []
    matcher = re._compiler._sre

    class Recording:
        def __getattr__(self, name):
            return getattr(matcher, name)

        @staticmethod
        def compile(*args):
            handed.append(args)
            return matcher.compile(*args)

    monkeypatch.setattr(re._compiler, "_sre", Recording())
    for pattern, flags in KINDS:
        re._compiler.compile(pattern, flags)  # past re's own cache
        assert handed[-1] == (pattern, *regex.compiled(pattern, int(flags)))


def test_a_kept_pattern_matches_as_re_compile_does_and_keeps_its_groups(keeping):
    for pattern, flags in KINDS:
        mine, theirs = regex.compile(pattern, flags), re.compile(pattern, flags)
        assert mine is not theirs
        assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
            theirs.pattern,
            theirs.flags,
            theirs.groups,
            theirs.groupindex,
        )
        assert _findings(mine) == _findings(theirs)
        assert regex.compile(theirs) is theirs  # a compiled pattern is itself, as in re


def test_the_next_start_reads_the_cache_and_compiles_nothing(keeping, monkeypatch):
    for pattern, flags in KINDS:
        regex.compile(pattern, flags)
    regex.save()
    assert regex.cache_file().is_file()
    regex.stop_keeping()
    regex.keep_compiled()

    def not_again(pattern, flags):
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(regex, "compiled", not_again)
    for pattern, flags in KINDS:
        assert _findings(regex.compile(pattern, flags)) == _findings(re.compile(pattern, flags))


def test_nothing_new_means_nothing_written(keeping):
    regex.save()
    assert not regex.cache_file().exists()


def test_a_damaged_cache_is_compiled_again_and_written_whole(keeping):
    regex.stop_keeping()
    path = regex.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    regex.keep_compiled()
    pattern, flags = KINDS[0]
    assert _findings(regex.compile(pattern, flags)) == _findings(re.compile(pattern, flags))
    regex.save()
    assert list(marshal.loads(path.read_bytes())) == [(pattern, int(flags))]


def test_a_home_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    home = tmp_path / "a-file"
    home.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("REBOUND_HOME", str(home))
    regex.keep_compiled()
    try:
        pattern, flags = KINDS[1]
        assert regex.compile(pattern, flags).pattern == pattern
        regex.save()
    finally:
        regex.stop_keeping()
    assert home.read_text(encoding="utf-8") == "not a directory"


def test_a_full_cache_keeps_only_what_this_run_used(keeping, monkeypatch):
    for pattern, flags in KINDS[:3]:
        regex.compile(pattern, flags)
    regex.save()
    regex.stop_keeping()
    regex.keep_compiled()
    monkeypatch.setattr(regex, "KEEP_AT_MOST", 2)
    used = KINDS[3:5]
    for pattern, flags in used:
        regex.compile(pattern, flags)
    regex.save()
    kept = marshal.loads(regex.cache_file().read_bytes())
    assert sorted(kept) == sorted((p, int(f)) for p, f in used)


def _rebound(args: list[str], seed: str) -> subprocess.CompletedProcess:
    """`rebound ARGS` in a process of its own, with the hash seed given: a pattern built from a
    set in its order would differ from one process to the next."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def _kept_file(home: Path) -> Path:
    files = list((home / "cache" / "regex").glob("patterns.*.marshal"))
    assert len(files) == 1
    return files[0]


def test_the_command_keeps_its_patterns_and_says_the_same_the_second_time(rebound_home):
    first = _rebound([*CRITIQUE_JOB, "--json"], "1")
    assert first.returncode == 0, first.stderr
    kept = marshal.loads(_kept_file(rebound_home).read_bytes())
    assert len(kept) > 200  # Rebound's own patterns (the rules, the readers, the keyword gap)
    for (pattern, flags), made in kept.items():
        assert regex.unpacked(made) == regex.compiled(pattern, flags)
    before = _kept_file(rebound_home).stat().st_mtime_ns
    second = _rebound([*CRITIQUE_JOB, "--json"], "2")
    assert (second.returncode, second.stdout) == (0, first.stdout)
    assert _kept_file(rebound_home).stat().st_mtime_ns == before  # nothing new: not written


@pytest.mark.parametrize(
    "args",
    [
        ["interview", "--job", str(FIXTURES / "jobs" / "interview-data-analyst.md"), "--no-model"],
        [
            "practice",
            "--job",
            str(FIXTURES / "jobs" / "interview-data-analyst.md"),
            "--answers",
            str(FIXTURES / "answers" / "data-analyst-answers.md"),
            "--no-model",
        ],
        [
            "soften",
            str(FIXTURES / "followups" / "desperate" / "01-please-reconsider.txt"),
            "--no-model",
        ],
    ],
    ids=["interview", "practice", "soften"],
)
def test_a_second_start_compiles_nothing_whatever_the_hash_seed(rebound_home, args):
    """Every pattern's text is the same in every process (an alternation made from a set is
    sorted), so the second run finds each in the cache and writes nothing."""
    assert _rebound(args, "1").returncode == 0
    before = _kept_file(rebound_home).stat().st_mtime_ns
    assert _rebound(args, "2").returncode == 0
    assert _kept_file(rebound_home).stat().st_mtime_ns == before


def test_every_pattern_of_rebound_goes_through_regex_compile():
    """Rebound's own patterns go through regex.compile; a pattern made of the user's text (a
    reader's name) is compiled by re and says so ("not kept"): it must never reach the cache."""
    package = Path(regex.__file__).parent
    direct = [
        f"{path.relative_to(package)}:{n}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "regex.py" or path.parent != package
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bre\.compile\b", line) and "not kept" not in line
    ]
    assert direct == []


def test_the_readers_names_are_not_kept(keeping):
    """check_reader compiles a pattern of the reader's names: the cache must not hold it."""
    from assistant.guard.checks import DraftFacts, check_reader

    facts = DraftFacts(known_text="", reader=["Zebedee Quill", "Zebedee"])
    assert check_reader("Hi Zebedee,\n\nThank you for your time, Zebedee.", facts).passed
    regex.compile(*KINDS[0])  # something to write
    regex.save()
    kept = marshal.loads(regex.cache_file().read_bytes())
    assert kept and not any("Zebedee" in str(pattern) for pattern, _ in kept)
