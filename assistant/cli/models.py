"""`rebound models [--check]`: which model, why, what it is and, per task, whether it is worth
asking; `rebound models list | pull NAME | use NAME`: the models there are, one more, and the one
to use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli.common import JsonOpt, console, notice, print_json

models_app = typer.Typer(
    help="The model Rebound uses: show it, check it, list, pull and choose models.",
)

TaskOpt = Annotated[
    Optional[list[str]],
    typer.Option("--task", help="With --check: only this task (repeat for more)."),
]
BaseUrlOpt = Annotated[
    Optional[str],
    typer.Option("--base-url", help="An OpenAI-compatible server whose models to list or use."),
]


@models_app.callback(invoke_without_command=True)
def models(
    ctx: typer.Context,
    model: Annotated[
        Optional[str], typer.Option("--model", help="Path to a GGUF model file.")
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Load the model, time it, and run every task on its worked examples: how many "
            "of the model's drafts the guard kept, per task (remembered for later commands).",
        ),
    ] = False,
    tasks: TaskOpt = None,
    server: Annotated[
        Optional[str],
        typer.Option(
            "--base-url",
            help="Check the model of this OpenAI-compatible server instead (its figures are "
            "kept under the server and model name).",
        ),
    ] = None,
    model_name: Annotated[
        Optional[str], typer.Option("--model-name", help="With --base-url: the server's model.")
    ] = None,
    notes_dir: Annotated[
        Optional[str],
        typer.Option(
            "--notes-dir",
            help="Also draft feedback emails from these notes (a folder of .md files).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the model Rebound would use, why it was chosen, and what it is."""
    if ctx.invoked_subcommand:
        return
    from assistant.config import load_config
    from assistant.engine.capability import TASKS, figures_for, model_key
    from assistant.engine.resolve import resolve_model
    from assistant.errors import InputError
    from assistant.tasks.models_check import describe, guard_pass_rate, measure_speed

    if check and notes_dir:  # a folder the user named must hold notes: say so before loading
        if not Path(notes_dir).is_dir():
            raise InputError(f"{notes_dir}: --notes-dir needs a folder of notes (.md)")
        if not any(Path(notes_dir).glob("*.md")):
            raise InputError(f"{notes_dir}: no notes (.md files) in this folder")
    for task in tasks or []:
        if task not in TASKS:
            raise InputError(f"--task {task}: one of {', '.join(TASKS)}")
    config = load_config()
    if server or (config.backend == "openai" and not model):
        return _server(server, model_name, check, tasks, as_json)
    report = describe(resolve_model(model, config))
    if report.gguf:
        from assistant.engine.select import open_engine
        from assistant.engine.settings import EngineSettings

        # opened as every command opens it (the config's threads and whole_drafts, the tests'
        # backend); nothing is loaded before --check generates
        settings = EngineSettings(model=report.gguf.path, backend="llama")
        backend = open_engine(settings, config).backend
        figures, origin = figures_for(model_key(backend))
        report.figures, report.figures_origin = figures, origin or None
    if check and report.gguf:
        from assistant.tasks.capability_check import check_tasks

        report.backend = "llama"
        status = console(stderr=True).status("Loading the model and generating…")
        with status:
            report.speed = measure_speed(backend)
            report.tasks = check_tasks(
                backend, tasks, lambda t: status.update(f"Checking {t} on its worked examples…")
            )
            if notes_dir:
                report.guard = guard_pass_rate(backend, Path(notes_dir))
        _remember(report, backend, Path(report.gguf.path).name)
    if as_json:
        print_json(report)
        return
    _render(report)


def _remember(report, backend, name: str) -> None:
    """Store a check's figures for this model, over the ones it had (shipped or measured)."""
    from assistant.engine.capability import figures_for, model_key, save_figures

    key = model_key(backend)
    if key:
        figures, _ = figures_for(key)
        merged = dict(figures.tasks) if figures else {}
        merged.update({t.task: t.figure() for t in report.tasks})
        report.saved_to = str(save_figures(key, name, merged))
        report.figures, report.figures_origin = figures_for(key)


def _server(base_url, model_name, check: bool, tasks, as_json: bool) -> None:
    """`models [--check]` for a server's model: the figures are kept under server and model."""
    from assistant.engine.capability import figures_for, model_key
    from assistant.engine.resolve import ModelChoice
    from assistant.engine.select import open_engine
    from assistant.engine.settings import EngineSettings
    from assistant.tasks.capability_check import check_tasks
    from assistant.tasks.models_check import ModelsReport

    backend = open_engine(
        EngineSettings(backend="openai", base_url=base_url, model_name=model_name)
    ).backend
    name = backend.model_name or f"the default model at {backend.root}"
    report = ModelsReport(
        choice=ModelChoice(source="none", reason=f"server {backend.root}"), backend="openai"
    )
    figures, origin = figures_for(model_key(backend))
    report.figures, report.figures_origin = figures, origin or None
    if check:
        status = console(stderr=True).status("Checking the server's model…")
        with status:
            report.tasks = check_tasks(
                backend, tasks, lambda t: status.update(f"Checking {t} on its worked examples…")
            )
        _remember(report, backend, name)
    if as_json:
        print_json(report)
        return
    console().print(f"[bold]{name}[/bold]  (server {backend.root})")
    _render_tasks(report)


def _render(report) -> None:

    c = console()
    ch = report.choice
    if not report.gguf:
        c.print(f"No model: {ch.reason}. Commands use the built-in templates.")
        c.print("See models/README.md to bring a GGUF model.", style="dim")
        return
    g = report.gguf
    c.print(f"[bold]{Path(g.path).name}[/bold]  ({ch.source}: {ch.reason})")
    c.print(f"  path          {g.path}")
    c.print(f"  size          {g.size_bytes / 1e6:.1f} MB")
    c.print(f"  architecture  {g.architecture}   name: {g.name}")
    c.print(
        f"  parameters    {g.parameters / 1e6:.0f} M" if g.parameters else "  parameters    unknown"
    )
    c.print(f"  quantization  {g.quantization}")
    c.print(
        f"  context       {g.context_length} tokens   chat template: {'yes' if g.has_chat_template else 'no'}"
    )
    if report.speed:
        s = report.speed
        c.print(f"  load          {s.load_seconds:.2f} s")
        c.print(
            f"  speed         {s.tokens_per_second:.1f} tokens/s ({s.tokens} tokens in {s.generate_seconds:.2f} s); "
            f"{s.batch_tokens_per_second:.1f} tokens/s for {s.batch_replies} replies at once"
        )
    _render_tasks(report)
    if report.guard:
        gd = report.guard
        c.print(f"  guard         {gd.passed}/{gd.total} feedback drafts passed the guard")
        for line in gd.failures:
            c.print(f"    {line}", style="dim", markup=False)


def _render_tasks(report) -> None:
    from assistant.engine.capability import THRESHOLD

    c = console()
    if report.tasks:
        c.print(f"  kept by the guard, per task (a task under {THRESHOLD:.0%} is not asked):")
        for t in report.tasks:
            rate = f"{t.kept / t.tried:.0%}" if t.tried else "n/a"
            verdict = (
                "asked" if not t.tried or t.kept / t.tried >= THRESHOLD else "not asked: template"
            )
            c.print(
                f"    {t.task:<10} {t.kept:>2}/{t.tried:<2} kept  {rate:>4}  {t.seconds:6.1f} s   {verdict}"
            )
            for line in t.failures:
                c.print(f"      {line}", style="dim", markup=False)
        if report.saved_to:
            c.print(f"  remembered in {report.saved_to}", style="dim", markup=False)
    elif report.figures:
        origin = "measured here" if report.figures_origin == "measured" else "shipped with Rebound"
        parts = [f"{t} {f.kept}/{f.tried}" for t, f in report.figures.tasks.items()]
        c.print(f"  kept per task ({origin}; --check measures again): {', '.join(parts)}")


@models_app.command("list")
def list_models(
    base_url: BaseUrlOpt = None,
    scan: Annotated[
        bool,
        typer.Option(
            "--scan",
            help="Also ask the usual local servers (llama.cpp 8080, Ollama 11434, LM Studio "
            "1234, 8000) on 127.0.0.1 for their models.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """The embedded model, pulled models, GGUFs Rebound would find, servers' models, the catalogue."""
    from assistant.tasks.models_check import list_models as run

    listing = run(base_url, scan)
    if as_json:
        print_json(listing)
        return
    c = console()
    for item in listing.local:
        mark = "[bold green]*[/bold green]" if item.in_use else " "
        c.print(f"{mark} {item.name:<36} {item.kind:<10} {item.path}", highlight=False)
    for server in listing.servers:
        if server.error:
            c.print(f"  server {server.url}: {server.error}", style="dim", markup=False)
        for mid in server.models:
            c.print(f"  {mid:<36} server     {server.url}", highlight=False)
    c.print("\nCatalogue (rebound models pull NAME):")
    for e in listing.catalogue:
        state = "pulled" if e.pulled else f"{e.size_bytes / 1e9:.1f} GB"
        c.print(
            f"  {e.name:<14} {e.title:<24} {state:<7} needs {e.memory_gb:g} GB memory  {e.licence}",
            highlight=False,
            markup=False,
        )


@models_app.command("pull")
def pull_model(
    name: Annotated[str, typer.Argument(help="A catalogue name (rebound models list shows them).")],
    as_json: JsonOpt = False,
) -> None:
    """Download a model from the catalogue into the user directory (resumable, checksum-verified)."""
    from assistant.engine.catalogue import entry
    from assistant.engine.pull import endpoint, pull

    item = entry(name)
    notice(f"{item.title} ({item.licence}) from {endpoint()}/{item.repo}")
    result = pull(item)
    if as_json:
        print_json(result)
        return
    if result.already:
        notice(f"{item.name} is already here and its SHA-256 checks out: {result.path}")
    else:
        resumed = f", resumed at {result.resumed_from / 1e6:.0f} MB" if result.resumed_from else ""
        notice(f"pulled {result.path} ({result.size_bytes / 1e6:.0f} MB{resumed}; SHA-256 checked)")
    console().print(f"rebound models use {item.name}   # to make it the default", markup=False)


@models_app.command("use")
def use_model(
    name: Annotated[
        str,
        typer.Argument(
            help="A pulled catalogue model, a GGUF path, 'embedded', or a server's model id "
            "(with --base-url or a configured server)."
        ),
    ],
    base_url: BaseUrlOpt = None,
) -> None:
    """Make a model the default: writes `model` (or the server settings) in config.toml."""
    from assistant.tasks.models_check import use_model as run

    notice(run(name, base_url))


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
