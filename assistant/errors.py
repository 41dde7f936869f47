"""The project's own errors. Each one becomes one line on stderr and an exit code."""


class ReboundError(Exception):
    """Base class: a problem to tell the user in one line."""

    exit_code = 2


class InputError(ReboundError):
    """A file or value the user gave cannot be used (empty, binary, malformed, too big)."""


class MissingFactError(InputError):
    """The notes lack a fact the draft needs (company, contact, your name)."""

    def __init__(self, field: str, how: str):
        super().__init__(f"the notes have no {field}: {how}")
        self.field = field


class ModelError(ReboundError):
    """The model file or server cannot be used."""


class OutputExistsError(ReboundError):
    """Refusing to overwrite a file without --force."""


class NoEmbeddingsError(ModelError):
    """The backend gives no sentence embeddings (callers fall back to what needs none)."""


_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def first_error(exc, top: str = "") -> tuple[str, str]:
    """The first problem in a pydantic ValidationError as (where, message), for one line: where is
    the dotted field path (`top` when the problem is with the whole value); the message is in
    JSON's words (not 'a valid dictionary or instance of _Basics'), without 'Value error, '."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or top
    if err["type"] in ("model_type", "dict_type", "model_attributes_type"):
        message = f"should be an object, not {_JSON_TYPES.get(type(err['input']), 'that')}"
    else:
        message = err["msg"].removeprefix("Value error, ")
    return where, message
