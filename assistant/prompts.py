"""Prompt templates: prompts/<task>/{system,user,fallback}.j2, rendered in jinja2's sandbox with
strict undefined variables. What the user wrote is passed in as data, never as template source.
A copy in the user directory's prompts/ overrides the packaged one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.errors import InputError, ReboundError
from assistant.paths import prompts_root, user_dir, yaml_loader


def search_path() -> list[Path]:
    return [user_dir() / "prompts", prompts_root()]


@lru_cache(maxsize=4)
def _environment(paths: tuple[str, ...]):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(list(paths)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_file(task: str, part: str) -> Path:
    for root in search_path():
        candidate = root / task / f"{part}.j2"
        if candidate.is_file():
            return candidate
    raise ReboundError(f"no prompt template {task}/{part}.j2 (see `rebound prompts list`)")


def render(task: str, part: str, **context) -> str:
    from jinja2 import TemplateError

    env = _environment(tuple(str(p) for p in search_path()))
    try:
        return env.get_template(f"{task}/{part}.j2").render(**context).strip()
    except TemplateError as exc:
        where = template_file(task, part)
        raise ReboundError(f"prompt template {where}: {exc}") from None


def shots(task: str, mode: str) -> list[dict]:
    """Worked examples for a task and mode from prompts/<task>/shots.yaml, as chat turns.

    They are data, not template source: a small model copies their form, and the guard
    rejects a draft that copies their facts."""
    for root in search_path():
        file = root / task / "shots.yaml"
        if file.is_file():
            import yaml

            try:
                data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml_loader()) or {}
            except yaml.YAMLError as exc:
                raise ReboundError(f"{file}: not valid YAML ({exc})") from None
            turns = []
            for pair in data.get(mode, []):
                turns += [
                    {"role": "user", "content": str(pair["user"]).strip()},
                    {"role": "assistant", "content": str(pair["assistant"]).strip()},
                ]
            return turns
    return []


def messages(task: str, **context) -> list[dict]:
    """System prompt, the task's worked examples for context['mode'], then the user prompt."""
    return [
        {"role": "system", "content": render(task, "system", **context)},
        *shots(task, context.get("mode", "")),
        {"role": "user", "content": render(task, "user", **context)},
    ]


class TemplateFile(BaseModel):
    name: str  # TASK/PART, as `rebound prompts show` takes it
    path: str
    override: bool  # the user's own copy, not the packaged one
    source: Optional[str] = None  # the text, for `prompts show`


class TemplateList(BaseModel):
    override_dir: str  # where the user's copies go
    templates: list[TemplateFile]


def list_templates() -> TemplateList:
    """Every task's templates, with where each comes from (user override or packaged)."""
    found: dict[str, TemplateFile] = {}
    user_root = user_dir() / "prompts"
    for root in reversed(search_path()):
        if not root.is_dir():
            continue
        for file in sorted([*root.glob("*/*.j2"), *root.glob("*/shots.yaml")]):
            key = f"{file.parent.name}/{file.stem}"
            found[key] = TemplateFile(name=key, path=str(file), override=root == user_root)
    return TemplateList(override_dir=str(user_root), templates=[found[k] for k in sorted(found)])


def show_template(name: str) -> TemplateFile:
    """One template with its source; the name as `list_templates` gives it."""
    for item in list_templates().templates:
        if item.name == name:
            return item.model_copy(update={"source": Path(item.path).read_text(encoding="utf-8")})
    raise InputError(
        f"'{name}': no such template; name one as `rebound prompts list` does, e.g. feedback/system"
    )
