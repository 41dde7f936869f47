"""The config file in the user directory (config.toml), validated by pydantic."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

import tomllib
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from assistant.errors import InputError, first_error
from assistant.paths import config_path

# A server's context size in tokens (the server backend's `context_length` and REBOUND_CONTEXT_LENGTH).
ContextLength = Annotated[int, Field(ge=256, le=10_000_000)]
# How many requests the server backend sends at once (`parallel_requests` and REBOUND_PARALLEL_REQUESTS).
ParallelRequests = Annotated[int, Field(ge=1, le=64)]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: Optional[str] = None
    backend: Literal["llama", "openai"] = "llama"
    base_url: Optional[str] = None
    model_name: Optional[str] = None
    allow_remote: bool = False
    timeout: float = 600.0
    context_length: Optional[ContextLength] = None  # the server's, when it does not say itself
    api_key: Optional[SecretStr] = None  # sent to the server only; SecretStr keeps it out of reprs
    parallel_requests: Optional[ParallelRequests] = (
        None  # requests open at once (None: the backend's default)
    )
    n_threads: Optional[int] = None
    # Ask the model for every task, even those its `rebound models --check` figures advise against.
    model_always: bool = False
    # Ask a local model of any size for whole drafts, as models of 1B parameters and up are
    # (assistant/engine/base.py ModelInfo.is_small); or REBOUND_WHOLE_DRAFTS=1.
    whole_drafts: bool = False


def load_config() -> Config:
    path = config_path()
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Config.model_validate(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:  # unreadable: permissions, a folder of that name
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (ValueError, RecursionError) as exc:  # a number with thousands of digits, deep nesting
        raise InputError(f"{path}: not usable TOML ({type(exc).__name__}: {exc})") from None
    except ValidationError as exc:
        where, message = first_error(exc, top="file")
        raise InputError(f"{path}: {where}: {message}") from None


def update_config(values: Optional[dict] = None, remove: Optional[list[str]] = None):
    """Change keys of config.toml and keep everything else in it (comments and order too, with
    tomlkit); the result must still be a valid config. Returns the file's path."""
    import os

    import tomlkit

    from assistant.paths import user_dir

    path = config_path()
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    load_config()  # a broken file is reported, not overwritten
    doc = tomlkit.parse(text)
    for key in remove or []:
        doc.pop(key, None)
    for key, value in (values or {}).items():
        doc[key] = value
    new = tomlkit.dumps(doc)
    try:
        Config.model_validate(tomlkit.parse(new).unwrap())
    except ValidationError as exc:
        raise InputError(f"{path}: {exc.errors()[0]['msg']}") from None
    user_dir(create=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
