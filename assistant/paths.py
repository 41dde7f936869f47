"""Where Rebound keeps the user's state: one directory, overridden by REBOUND_HOME."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Optional

HOME_ENV = "REBOUND_HOME"


def user_dir(create: bool = False) -> Path:
    """The user directory; created owner-only (0700) when asked."""
    env = os.environ.get(HOME_ENV)
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("rebound", appauthor=False))
    if create and not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path, 0o700)
    return path


def config_path() -> Path:
    return user_dir() / "config.toml"


def package_root() -> Path:
    return Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """A data file shipped inside the package (vocabularies, phrase lists, question bank)."""
    return package_root() / "data" / name


def prompts_root() -> Path:
    """The packaged prompts: inside the wheel at assistant/prompts, in a checkout at ./prompts."""
    packaged = package_root() / "prompts"
    if packaged.is_dir():
        return packaged
    return package_root().parent / "prompts"


def yaml_loader():
    """libyaml's safe loader where PyYAML was built with it (several times faster), else PyYAML's."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(name: str):
    """Parse a YAML data file shipped in assistant/data."""
    return cached_data(data_path(name), _parse_yaml)


def _parse_yaml(path: Path):
    import yaml

    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml_loader())


def cached_data(path: Path, parse):
    """`parse(path)`, kept in the user directory's cache/data in marshal's format while the file
    keeps its size and modification time: loading that takes a fraction of parsing YAML or JSON,
    and spares importing PyYAML (~11 ms). Only shipped data and model files' headers (what a GGUF
    says of itself: architecture, name, sizes) go through here, never the user's text; data
    marshal cannot hold, a damaged entry or a read-only home just mean parsing."""
    import marshal

    entry = _cache_entry(path)
    kept = read_kept(entry) if entry is not None else None
    if kept is not None:
        return kept
    data = parse(path)
    if entry is not None:
        try:
            raw = marshal.dumps(data)
        except ValueError:  # a type marshal cannot hold
            return data
        keep_in_cache(entry, raw, entry.name.rsplit(".", 2)[0] + ".*.marshal")
    return data


def read_kept(entry: Path):
    """What `keep_in_cache` wrote to `entry` in marshal's format; None when there is none yet or
    it is damaged (the caller makes it again)."""
    import marshal

    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def keep_in_cache(entry: Path, raw: bytes | Callable[[Path], None], older: str) -> None:
    """Write `raw` to `entry` (in the user directory's cache) atomically and drop the entries
    beside it matching the pattern `older` (earlier versions of the same thing); a home that
    cannot be written to is no error. `raw` may be a function that writes the file it is given."""
    try:
        user_dir(create=True)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.partial")
        try:
            if callable(raw):
                raw(partial)
            else:
                partial.write_bytes(raw)
            os.replace(partial, entry)
        finally:
            partial.unlink(missing_ok=True)
        for old in entry.parent.glob(older):
            if old != entry and not old.name.endswith(".partial"):
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _cache_entry(path: Path) -> Optional[Path]:
    """Where `path`'s parsed data is kept (see cache_entry), in the marshal format and Python that
    wrote the entry."""
    import marshal
    import sys

    return cache_entry(path, "data", "marshal", f"{marshal.version}:{sys.version_info[:2]}")


def cache_entry(path: Path, folder: str, suffix: str, made_by: str) -> Optional[Path]:
    """Where something derived from `path` is kept in the user directory's cache/`folder`: named
    after the file, where it is, its size and modification time and `made_by` (what made the
    entry); None when there is no user directory to keep it in."""
    import hashlib

    stat = path.stat()
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    made = f"{stat.st_size}:{stat.st_mtime_ns}:{made_by}"
    version = hashlib.sha256(made.encode()).hexdigest()[:16]
    try:
        return user_dir() / "cache" / folder / f"{path.name}.{where}.{version}.{suffix}"
    except (OSError, RuntimeError):  # RuntimeError: no home directory to expand
        return None
