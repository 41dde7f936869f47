"""`rebound prompts list | show NAME | path`."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.common import console

prompts_app = typer.Typer(help="See the prompt templates and where to override them.", no_args_is_help=True)


@prompts_app.command("list")
def list_prompts() -> None:
    """Every template, and whether your own copy overrides it."""
    from assistant.prompts import list_templates

    for item in list_templates():
        mark = " (your override)" if item["override"] else ""
        console().print(f"{item['name']}{mark}  [dim]{item['path']}[/dim]")


@prompts_app.command("show")
def show_prompt(name: Annotated[str, typer.Argument(help="TASK/PART, e.g. feedback/system")]) -> None:
    """Print one template's source."""
    from pathlib import Path

    from assistant.errors import InputError
    from assistant.prompts import list_templates

    found = {item["name"]: item["path"] for item in list_templates()}  # every name `prompts list` shows
    if name not in found:
        raise InputError(f"'{name}': no such template; name one as `rebound prompts list` does, e.g. feedback/system")
    print(Path(found[name]).read_text(encoding="utf-8"), end="")


@prompts_app.command("path")
def prompts_path() -> None:
    """Where your overrides go (copy a task's folder there and edit it)."""
    from assistant.paths import user_dir

    print(user_dir() / "prompts")


def register(app: typer.Typer) -> None:
    app.add_typer(prompts_app, name="prompts")
