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
    import yaml

    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml_loader())
