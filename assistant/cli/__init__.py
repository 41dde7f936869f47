"""The `rebound` command line. Thin: each command parses arguments and renders; the work lives
in assistant.tasks. Heavy modules are imported inside the commands so start-up stays fast."""

from __future__ import annotations

import os
import sys

import typer
from typer.core import TyperGroup


class ReboundGroup(TyperGroup):
    """Turns the project's errors into one line on stderr and an exit code, never a traceback."""

    def invoke(self, ctx):
        from assistant.errors import ReboundError

        try:
            return super().invoke(ctx)
        except ReboundError as exc:
            _error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:  # `rebound ... | head`: the reader left; stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except KeyboardInterrupt:
            _error_line("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # the last line of defence: one line, not a traceback
            if type(exc).__module__.split(".")[0] in ("typer", "click") or os.environ.get("REBOUND_DEBUG"):
                raise
            _error_line(f"internal error: {type(exc).__name__}: {exc} (REBOUND_DEBUG=1 shows the traceback)")
            raise typer.Exit(70) from None


def _error_line(message: str) -> None:
    first = " ".join(message.split())
    sys.stderr.write(f"rebound: error: {first}\n")


app = typer.Typer(
    cls=ReboundGroup, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Rebound: offline, private help after a job rejection. Nothing you write leaves this machine.",
)


def _register() -> None:
    from assistant.cli import critique, debrief, feedback, interview, log_cmd, models, network, plan, practice, prompts_cmd, recruiter, soften

    for module in (critique, debrief, feedback, interview, log_cmd, models, network, plan, practice, prompts_cmd, recruiter, soften):
        module.register(app)


_register()


def main() -> None:
    app()
