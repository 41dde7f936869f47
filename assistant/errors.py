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
