"""The `rebound` command line. Thin: each command parses arguments and renders; the work lives
in assistant.tasks. Heavy modules are imported inside the commands so start-up stays fast."""

from __future__ import annotations

import os
import sys

# pydantic looks for plugins in every installed package's entry points when it builds its first
# model (~8 ms here); Rebound uses none, and one installed beside it would see the user's text
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402
from typer.core import TyperGroup  # noqa: E402


class ReboundGroup(TyperGroup):
    """Turns the project's errors into one line on stderr and an exit code, never a traceback."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Usage errors are one line on stderr too (not typer's panel), exit 2."""
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.TyperException as exc:  # click's usage and parameter errors
            if type(exc).__name__ != "NoArgsIsHelpError":  # that one has shown the help already
                ctx = getattr(exc, "ctx", None)
                _error_line(
                    exc.format_message() + (f" (see '{ctx.command_path} --help')" if ctx else "")
                )
            code = exc.exit_code
        except typer.Abort:
            _error_line("aborted")
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        from assistant.errors import ReboundError

        try:
            return super().invoke(ctx)
        except ReboundError as exc:
            _error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except (
            BrokenPipeError
        ):  # `rebound ... | head`: the reader left; stop quietly, as Unix tools do
            from assistant.cli.common import stop_quietly

            stop_quietly()
        except KeyboardInterrupt:
            _error_line("interrupted")
            raise typer.Exit(130) from None
        except OSError as exc:  # the system said no: a full disk, permissions, a name too long
            _error_line(system_problem(exc))
            raise typer.Exit(2) from None
        except Exception as exc:  # the last line of defence: one line, not a traceback
            if type(exc).__module__.split(".")[0] in ("typer", "click") or os.environ.get(
                "REBOUND_DEBUG"
            ):
                raise
            if type(exc).__module__ == "sqlite3":
                # a damaged database, a column missing, a file left read-only by another user
                _error_line(
                    f"a database in {_home()} cannot be used ({exc}); nothing was changed "
                    "(move the damaged file aside to start afresh)"
                )
                raise typer.Exit(2) from None
            _error_line(
                f"internal error: {type(exc).__name__}: {exc} (REBOUND_DEBUG=1 shows the traceback)"
            )
            raise typer.Exit(70) from None


def system_problem(exc: OSError) -> str:
    """An OSError as one line: the file and what the system said."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}; nothing was changed"


def _home() -> str:
    from assistant.paths import user_dir

    try:
        return str(user_dir())
    except Exception:
        return "the user directory"


def _error_line(message: str) -> None:
    first = " ".join(message.split())
    sys.stderr.write(f"rebound: error: {first}\n")


HELP = (
    "Rebound: offline, private help after a job rejection. Nothing you write leaves this machine."
)

COMMAND_MODULES = {  # each command, and the assistant/cli/<module>.py that registers it
    "critique": "critique",
    "debrief": "debrief",
    "feedback": "feedback",
    "interview": "interview",
    "log": "log_cmd",
    "models": "models",
    "network": "network",
    "parse": "parse",
    "plan": "plan",
    "practice": "practice",
    "prompts": "prompts_cmd",
    "recruiter": "recruiter",
    "soften": "soften",
}


def _group() -> None:
    """The commands' parent: with a callback, an app of one command is still a group of one."""


def _new_app(commands) -> typer.Typer:
    from importlib import import_module

    made = typer.Typer(
        cls=ReboundGroup,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        help=HELP,
    )
    made.callback()(_group)
    for name in commands:
        import_module(f"assistant.cli.{COMMAND_MODULES[name]}").register(made)
    return made


def __getattr__(name: str):
    """`assistant.cli.app`, the app with every command (help, tests), built when first asked for."""
    if name == "app":
        made = globals()["app"] = _new_app(COMMAND_MODULES)
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the command line. Only the command named is built (typer building all 13 took ~15 ms
    of every run); help, a mistyped command and the like get them all."""
    named = sys.argv[1] if len(sys.argv) > 1 else ""
    (_new_app([named]) if named in COMMAND_MODULES else __getattr__("app"))()
