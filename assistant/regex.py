"""The one way Rebound compiles a regular expression, and the `rebound` command's cache of them.

Python compiles a pattern (parses it, then writes the matcher's code) in pure Python. Rebound's
few hundred patterns took about 0.1 s of every start, a seventh of `critique RESUME --job JD
--no-model`. The code written depends only on the pattern, its flags and the Python that wrote
it, so the `rebound` command (assistant/launch.py) keeps it in the user directory's cache in
marshal's format (as `assistant.paths.cached_data` keeps parsed data) and gives it straight to the
matcher on later starts. Only Rebound's own pattern texts go through here, never the user's text.

Without the command (tests, a library import), or when a pattern is not kept yet, the cache is
damaged or unreadable, or Python is older than 3.11 (whose compiler this does not read),
`compile` is `re.compile`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional, Union

# What `re` hands its matcher (re._compiler.compile, the same in Python 3.11 to 3.13): the flags
# it ends with, the code, the number of groups, the group names one way and the other.
Compiled = tuple[int, list[int], int, dict[str, int], tuple[Optional[str], ...]]
Key = tuple[Union[str, bytes], int]
# As kept: the code as bytes (machine words), made a list again only for a pattern used; a list of
# ~300,000 numbers took 12 ms to read back, the bytes take well under one.
Kept = tuple[int, bytes, int, dict[str, int], tuple[Optional[str], ...]]

KEEP_AT_MOST = 4000  # patterns in the file; past it, it keeps only those this run compiled
CACHE_NAME = "patterns.*.marshal"  # in the user directory's cache/regex

if sys.version_info >= (3, 11):
    import _sre
    from array import array
    from re import _compiler, _parser

    WORD = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
else:  # pragma: no cover - Python 3.10 compiles with sre_compile, read by nothing here
    _sre = WORD = None


class _Cache:
    """The patterns kept, read at the first pattern compiled (`rebound --help` compiles none);
    `added` once one was compiled here that it did not hold."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: Optional[dict[Key, Kept]] = None
        self.used: set[Key] = set()
        self.added = False

    @property
    def kept(self) -> dict[Key, Kept]:
        if self._kept is None:
            from assistant.paths import read_kept

            read = read_kept(self.path)  # None: none yet, or damaged
            self._kept = read if isinstance(read, dict) else {}
        return self._kept


_cache: Optional[_Cache] = None


def compile(pattern: Union[str, bytes], flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`; from the cache where the command keeps one."""
    if _cache is None or not isinstance(pattern, (str, bytes)):  # (a compiled one: itself)
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    _cache.used.add(key)
    kept = _cache.kept.get(key)
    if kept is not None:
        try:
            return _sre.compile(pattern, *unpacked(kept))
        except (TypeError, ValueError, OverflowError):  # not what this Python's matcher takes
            pass
    made = compiled(pattern, int(flags))
    _cache.kept[key] = packed(made)
    _cache.added = True
    return _sre.compile(pattern, *made)


def compiled(pattern: Union[str, bytes], flags: int) -> Compiled:
    """What re.compile hands the matcher for the pattern: the parse and the code, as it makes
    them (re._compiler.compile's own steps)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    names = dict(parsed.state.groupdict)
    by_index: list[Optional[str]] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, names, tuple(by_index))


def packed(made: Compiled) -> Kept:
    flags, code, groups, names, by_index = made
    return (flags, array(WORD, code).tobytes(), groups, names, by_index)


def unpacked(kept: Kept) -> Compiled:
    flags, code, groups, names, by_index = kept
    words = array(WORD)
    words.frombytes(code)
    return (flags, words.tolist(), groups, names, by_index)


def cache_file() -> Optional[Path]:
    """Where this Python's compiled patterns are kept (named after its version to the patch and
    its matcher's code version); None without a user directory."""
    import marshal

    from assistant.paths import user_dir

    magic = getattr(_sre, "MAGIC", 0)
    made_by = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{magic}-{marshal.version}"
    try:
        return user_dir() / "cache" / "regex" / CACHE_NAME.replace("*", made_by)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to expand
        return None


def keep_compiled() -> None:
    """From now on, patterns come from the cache and new ones join it (`save`)."""
    global _cache
    path = cache_file() if WORD is not None else None
    if path is not None:
        _cache = _Cache(path)


def save() -> None:
    """Write the cache back (atomically) when this run compiled a pattern it did not hold."""
    if _cache is None or not _cache.added:
        return
    import marshal

    from assistant.paths import keep_in_cache

    kept = _cache.kept
    if len(kept) > KEEP_AT_MOST:
        kept = {key: made for key, made in kept.items() if key in _cache.used}
    keep_in_cache(_cache.path, marshal.dumps(kept), CACHE_NAME)
    _cache.added = False


def stop_keeping() -> None:
    """Compile as `re.compile` does again (tests)."""
    global _cache
    _cache = None
