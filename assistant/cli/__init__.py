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


app = typer.Typer(
    cls=ReboundGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Rebound: offline, private help after a job rejection. Nothing you write leaves this machine.",
)


COMMAND_MODULES = (
    "critique",
    "debrief",
    "feedback",
    "interview",
    "log_cmd",
    "models",
    "network",
    "parse",
    "plan",
    "practice",
    "prompts_cmd",
    "recruiter",
    "soften",
)  # each assistant/cli/<name>.py registers its commands


def _register() -> None:
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"assistant.cli.{name}").register(app)


_register()


def main() -> None:
    app()
