"""Where Rebound keeps the user's state: one directory, overridden by REBOUND_HOME."""

from __future__ import annotations

import os
from pathlib import Path

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
    and spares importing PyYAML (~11 ms). Only shipped data goes through here, never the user's
    text; data marshal cannot hold, a damaged entry or a read-only home just mean parsing."""
    import hashlib
    import marshal

    stat = path.stat()
    where = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    version = hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    folder = user_dir() / "cache" / "data"
    entry = folder / f"{path.name}.{where}.{version}.marshal"
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = parse(path)
    try:
        raw = marshal.dumps(data)
        user_dir(create=True)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(raw)
            os.replace(partial, entry)
        finally:
            partial.unlink(missing_ok=True)
        for old in folder.glob(f"{path.name}.{where}.*.marshal"):
            if old != entry:  # the same file before it changed
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    return data
