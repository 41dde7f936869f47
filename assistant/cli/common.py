"""What every command shares: the model options, output (--json, --out), and messages."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Optional

import typer

from assistant.choices import BackendKind

# Exit codes (README "Exit codes"): 0 done; 1 a check the user asked for failed (critique
# --fail-under) or aborted; 2 bad input or usage; 70 an internal error; 130 interrupted (Ctrl-C);
# 141 the reader of stdout went away (`rebound ... | head`).
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]
OutOpt = Annotated[Optional[str], typer.Option("--out", help="Also write the result to this file.")]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Overwrite --out (and --eml) if it exists.")
]
PlainOpt = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Print the subject and body as plain text to paste (the default when piped).",
    ),
]
EmlOpt = Annotated[
    Optional[str],
    typer.Option(
        "--eml",
        help="Also write the draft as an email file (.eml) that a mail client opens as a draft.",
    ),
]
# The notes, given the same way in every command that reads them: as the first argument, or
# with --notes (either, not both).
NotesArg = Annotated[
    Optional[str],
    typer.Argument(
        metavar="NOTES",
        help="Your interview notes (Markdown with YAML front matter), or - for stdin; or --notes.",
        show_default=False,
    ),
]
NotesOpt = Annotated[
    Optional[str],
    typer.Option("--notes", help="Your interview notes (the same as the NOTES argument)."),
]


def notes_path(argument: Optional[str], option: Optional[str], required: bool = True):
    """The notes file a command was given, as its argument or with --notes."""
    from typer._click.exceptions import UsageError

    if argument and option:
        raise typer.BadParameter(
            "give the notes once: as the NOTES argument or with --notes", param_hint="--notes"
        )
    if required and not (argument or option):
        raise UsageError("Missing argument 'NOTES' (or --notes FILE)")
    return argument or option


# The notes' facts a command may fill or override from the command line.
YourNameOpt = Annotated[Optional[str], typer.Option("--your-name", help="Your name, as you sign.")]
CompanyOpt = Annotated[Optional[str], typer.Option("--company", help="The company you applied to.")]
RoleOpt = Annotated[Optional[str], typer.Option("--role", help="The role you applied for.")]

_MODEL_PARAMS = [
    (
        "model",
        Annotated[
            Optional[str],
            typer.Option("--model", help="Path to a GGUF model file.", rich_help_panel="Model"),
        ],
        None,
    ),
    (
        "no_model",
        Annotated[
            bool,
            typer.Option(
                "--no-model", help="Use the built-in templates only.", rich_help_panel="Model"
            ),
        ],
        False,
    ),
    (
        "backend",
        Annotated[
            Optional[BackendKind],
            typer.Option(
                "--backend",
                help="llama (in-process) or openai (a server).",
                rich_help_panel="Model",
            ),
        ],
        None,
    ),
    (
        "base_url",
        Annotated[
            Optional[str],
            typer.Option(
                "--base-url", help="OpenAI-compatible server URL.", rich_help_panel="Model"
            ),
        ],
        None,
    ),
    (
        "model_name",
        Annotated[
            Optional[str],
            typer.Option("--model-name", help="Model name on the server.", rich_help_panel="Model"),
        ],
        None,
    ),
    (
        "allow_remote",
        Annotated[
            bool,
            typer.Option(
                "--allow-remote",
                help="Allow a server that is not on this machine.",
                rich_help_panel="Model",
            ),
        ],
        False,
    ),
    (
        "model_always",
        Annotated[
            bool,
            typer.Option(
                "--model-always",
                help="Ask the model even for a task its `models --check` figures advise against.",
                rich_help_panel="Model",
            ),
        ],
        False,
    ),
]


def model_options(func: Callable) -> Callable:
    """Add the model options to a command; it receives them as `engine: EngineSettings`."""
    sig = inspect.signature(func, eval_str=True)
    names = [name for name, _, _ in _MODEL_PARAMS]
    params = [p for p in sig.parameters.values() if p.name != "engine"]
    params += [
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=a, default=d)
        for n, a, d in _MODEL_PARAMS
    ]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from assistant.engine.settings import EngineSettings

        settings = {n: kwargs.pop(n) for n in names}
        return func(*args, engine=EngineSettings(**settings), **kwargs)

    wrapper.__signature__ = sig.replace(parameters=params)
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


@functools.cache
def console(stderr: bool = False):
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    out.on_broken_pipe = stop_quietly  # `rebound ... | head`: exit as the --json path does
    return out


def stop_quietly() -> None:
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(141)


def notice(text: str) -> None:
    """One dim line on stderr (why templates were used, where a file went): never wrapped, and
    after what stdout already holds, so it never runs into the output's last line."""
    if text:
        sys.stdout.flush()
        console(stderr=True).print(text, style="dim", markup=False, soft_wrap=True)


def show_generation(generation) -> None:
    """A result's generation record on stderr, the same in every command: its notice (why the
    model's text was not used, what was left out of the prompt) as one dim line."""
    notice(generation.notice or "")


def written_by(generation, model: str, otherwise: str) -> str:
    """A panel's subtitle: `model` (with {model} for the model's name) when the model wrote it."""
    return model.format(model=generation.model) if generation.source == "model" else otherwise


def print_json(result) -> None:
    sys.stdout.write(result.model_dump_json(indent=2) + "\n")


def write_out(path: Optional[str], text: str, force: bool) -> None:
    if path:
        from assistant.files import atomic_write

        atomic_write(path, text, force=force)
        notice(f"wrote {path}")


def open_engine_with_progress(
    settings, task: Optional[str] = None, in_record: bool = False, preload=True
):
    """Open the engine for `task` (none when the model's check figures advise against asking it
    for that task: then nothing is loaded, and the reason is said here, or, with `in_record`, by
    the caller through its result's generation record: see spared()); with a local model, load it
    under a spinner on stderr. `preload` may be a function of the backend saying whether the task
    will generate at all (else the model's context is not loaded up front, and run_on_engine
    shows no token count: engine.writes). A task that also reads
    with the model (embeddings: soften, practice) passes no `task` and decides itself."""
    from assistant.engine.select import open_engine

    engine = open_engine(settings, task=task)
    notice(engine.notice)
    if not in_record:
        notice(engine.spared)
    if engine.backend is not None and callable(preload):
        engine.writes = preload(engine.backend)
    load = getattr(engine.backend, "load", None)
    if load is not None and preload and engine.writes:
        with console(stderr=True).status("Loading the model…"):
            load()
    return engine


def spared(engine, result):
    """The result, its generation record saying why the model was not asked (if it was not)."""
    if engine.spared:
        from assistant.generation import join_notices

        result.generation.notice = join_notices(engine.spared, result.generation.notice)
    return result


class TokenProgress:
    """A live count of tokens written, on stderr, while the model writes."""

    def __init__(self, label: str = "Writing"):
        self.label, self.count, self._status = label, 0, None

    def __enter__(self):
        self._status = console(stderr=True).status(f"{self.label}…")
        self._status.__enter__()
        return self

    def __call__(self, chunk: str) -> None:
        self.count += 1
        self._status.update(f"{self.label}… {self.count} tokens")

    def __exit__(self, *exc):
        return self._status.__exit__(*exc)
