"""`rebound prompts list | show NAME | path`."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.common import JsonOpt, console, print_json

prompts_app = typer.Typer(
    help="See the prompt templates and where to override them.", no_args_is_help=True
)


@prompts_app.command("list")
def list_prompts(as_json: JsonOpt = False) -> None:
    """Every template, and whether your own copy overrides it."""
    from assistant.prompts import list_templates

    listing = list_templates()
    if as_json:
        print_json(listing)
        return
    for item in listing.templates:
        mark = " (your override)" if item.override else ""
        console().print(f"{item.name}{mark}  [dim]{item.path}[/dim]")


@prompts_app.command("show")
def show_prompt(
    name: Annotated[str, typer.Argument(help="TASK/PART, e.g. feedback/system")],
    as_json: JsonOpt = False,
) -> None:
    """Print one template's source."""
    from assistant.prompts import show_template

    template = show_template(name)
    if as_json:
        print_json(template)
        return
    print(template.source, end="")


@prompts_app.command("path")
def prompts_path(as_json: JsonOpt = False) -> None:
    """Where your overrides go (copy a task's folder there and edit it)."""
    from assistant.prompts import list_templates

    listing = list_templates()
    if as_json:
        print_json(listing.model_copy(update={"templates": []}))
        return
    print(listing.override_dir)


def register(app: typer.Typer) -> None:
    app.add_typer(prompts_app, name="prompts")
