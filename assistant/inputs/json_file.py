"""Reading a JSON file the user gave: the text reader's checks, then a parse error with its line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from assistant.errors import InputError, first_error
from assistant.inputs.text import display_name, read_text

Model = TypeVar("Model", bound=BaseModel)


def read_json(path: Path | str, max_bytes: int) -> object:
    name = display_name(path)
    text = read_text(path, max_bytes)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(
            f"{name}: JSON nested too deeply to be a resume or job description"
        ) from None
    except ValueError as exc:  # a number longer than Python converts (sys.get_int_max_str_digits)
        raise InputError(f"{name}: not usable JSON ({exc})") from None


def validate_shape(model: type[Model], data: object, name: str, what: str) -> Model:
    """Validate parsed JSON against a schema model; the first problem becomes one line."""
    if not isinstance(data, dict):
        raise InputError(f"{name}: {what} must be a JSON object, not a {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where, message = first_error(exc, top="top level")
        raise InputError(f"{name}: not a valid {what}: {where}: {message}") from None
