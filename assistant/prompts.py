"""Prompt templates: prompts/<task>/{system,user,fallback}.j2, rendered in jinja2's sandbox with
strict undefined variables. What the user wrote is passed in as data, never as template source.
A copy in the user directory's prompts/ overrides the packaged one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.errors import InputError, ReboundError
from assistant.paths import keep_in_cache, prompts_root, user_dir, yaml_loader


def search_path() -> list[Path]:
    return [user_dir() / "prompts", prompts_root()]


MAX_RENDER_CHARS = 200_000  # what one template may write; a prompt is a few thousand
RENDER_CPU_SECONDS = 5.0  # processor time one template may take to render
MAX_POWER_DIGITS = 1_000  # `**` in a template: results beyond this many digits are refused
MAX_REPEAT = 200_000  # `*` repeating a string or list in a template: longer results are refused


class TemplateLimitError(Exception):
    """A user's template went past a rendering bound (time, output size, a huge number)."""


def _bounded_sandbox():
    """jinja2's sandbox, with `*` and `**` checked so a template cannot build a huge value."""
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if (
                    isinstance(left, int)
                    and isinstance(right, int)
                    and abs(left) > 1
                    and right * max(len(str(abs(left))), 1) > MAX_POWER_DIGITS
                ):
                    raise TemplateLimitError(f"{left} ** {right} is too large a number")
            elif operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, (str, list, tuple))
                        and isinstance(times, int)
                        and len(seq) * times > MAX_REPEAT
                    ):
                        raise TemplateLimitError(
                            f"repeating a value {times} times makes it too long"
                        )
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox


@lru_cache(maxsize=4)
def _environment(paths: tuple[str, ...]):
    from jinja2 import FileSystemLoader, StrictUndefined

    sandbox = _bounded_sandbox()
    options = dict(
        autoescape=False, keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True
    )
    compiled_as = (
        f"{sandbox.sandboxed} {sorted(sandbox.intercepted_binops)} {sorted(options.items())}"
    )
    return sandbox(
        loader=FileSystemLoader(list(paths)),
        undefined=StrictUndefined,
        bytecode_cache=_template_cache(compiled_as),
        **options,
    )


def _template_cache(compiled_as: str):
    """jinja2's compiled templates kept in the user directory's cache/templates, so a template is
    compiled once, not at every run (feedback's fallback.j2 took ~12 ms). An entry is named after
    the template's name and file, the SHA-1 of its source, and a digest of jinja2's version,
    Python's byte-code magic and the options the code was compiled with (`compiled_as`): an
    edited template, another jinja2, Python or option compiles afresh. Only marshal's
    format is read back (jinja2's own file cache unpickles). A home that cannot be written to, or
    a damaged entry, just means compiling."""
    import hashlib
    import marshal
    from importlib.util import MAGIC_NUMBER

    import jinja2
    from jinja2.bccache import BytecodeCache

    made_by = f"{jinja2.__version__} {MAGIC_NUMBER.hex()} {compiled_as}"
    tag = hashlib.sha256(made_by.encode()).hexdigest()[:16]

    class TemplateCache(BytecodeCache):
        def _path(self, bucket) -> Path:
            return user_dir() / "cache" / "templates" / f"{bucket.key}.{bucket.checksum}.{tag}"

        def load_bytecode(self, bucket) -> None:
            try:
                bucket.code = marshal.loads(self._path(bucket).read_bytes())
            except (OSError, RuntimeError, EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                path = self._path(bucket)
            except RuntimeError:  # no home directory to expand
                return
            keep_in_cache(path, marshal.dumps(bucket.code), f"{bucket.key}.*")

    return TemplateCache()


def template_file(task: str, part: str) -> Path:
    for root in search_path():
        candidate = root / task / f"{part}.j2"
        if candidate.is_file():
            return candidate
    raise ReboundError(f"no prompt template {task}/{part}.j2 (see `rebound prompts list`)")


def render(task: str, part: str, **context) -> str:
    """The template rendered, within MAX_RENDER_CHARS and RENDER_CPU_SECONDS; any mistake in a
    user's own copy (a syntax error, recursion, a huge loop, a file not in UTF-8) is one error
    naming the template."""
    from jinja2 import TemplateError

    env = _environment(tuple(str(p) for p in search_path()))
    try:
        template = env.get_template(f"{task}/{part}.j2")
        pieces, size = [], 0
        with _cpu_budget(RENDER_CPU_SECONDS):
            for piece in template.generate(**context):
                size += len(piece)
                if size > MAX_RENDER_CHARS:
                    raise TemplateLimitError(
                        f"it writes more than {MAX_RENDER_CHARS // 1000} KB of text"
                    )
                pieces.append(piece)
        return "".join(pieces).strip()
    except TemplateError as exc:
        problem = str(exc)
    except TemplateLimitError as exc:
        problem = str(exc)
    except RecursionError:
        problem = "it calls itself (a macro or include) without end"
    except UnicodeDecodeError:
        problem = "it is not UTF-8 text; save it as UTF-8"
    except (OverflowError, MemoryError, ValueError, TypeError, ArithmeticError) as exc:
        problem = f"{type(exc).__name__}: {exc}"
    where = template_file(task, part)
    raise ReboundError(f"prompt template {where}: {' '.join(problem.split())[:300]}")


@contextmanager
def _cpu_budget(seconds: float) -> Iterator[None]:
    """Stop the code inside after `seconds` of processor time (SIGPROF), where the platform has
    interval timers and this is the main thread; elsewhere, no limit."""
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum, frame):
        raise TemplateLimitError(f"it took more than {seconds:g} s of processor time to render")

    previous = signal.signal(signal.SIGPROF, stop)
    old_timer = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, *old_timer)
        signal.signal(signal.SIGPROF, previous)


def shots(task: str, mode: str) -> list[dict]:
    """Worked examples for a task and mode from prompts/<task>/shots.yaml, as chat turns.

    They are data, not template source: a small model copies their form, and the guard
    rejects a draft that copies their facts."""
    for root in search_path():
        file = root / task / "shots.yaml"
        if file.is_file():
            return _read_shots(file, mode)
    return []


def _read_shots(file: Path, mode: str) -> list[dict]:
    import yaml

    from assistant.inputs.limits import check_yaml

    try:
        text = file.read_text(encoding="utf-8")
        check_yaml(text, str(file), "the worked examples")
        data = yaml.load(text, Loader=yaml_loader()) or {}
    except yaml.YAMLError as exc:
        raise ReboundError(f"{file}: not valid YAML ({' '.join(str(exc).split())})") from None
    except UnicodeDecodeError:
        raise ReboundError(f"{file}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise ReboundError(f"{file}: cannot read ({exc.strerror or exc})") from None
    pairs = data.get(mode, []) if isinstance(data, dict) else None
    if not isinstance(pairs, list) or not all(
        isinstance(p, dict) and "user" in p and "assistant" in p for p in pairs
    ):
        raise ReboundError(
            f"{file}: each mode must list examples as `- user: ...` / `assistant: ...` pairs"
        )
    turns = []
    for pair in pairs:
        turns += [
            {"role": "user", "content": str(pair["user"]).strip()},
            {"role": "assistant", "content": str(pair["assistant"]).strip()},
        ]
    return turns


_QUOTING: dict[str, None] = {}  # system prompts rendered with the user's text in them (recent)
_QUOTING_KEPT = 256


def quotes_user_text(system: str) -> bool:
    """Whether this system prompt, as messages() rendered it, holds the user's text: then the
    model's state after reading it must not be kept on disk, whatever the task asked (a user's own
    system.j2 may use {{ notes.* }}). Decided by the rendered text, not by the template."""
    return system in _QUOTING


MIN_QUOTED_CHARS = 4  # a value of the user's this long, found in the instructions, is their text


def user_strings(value: object, depth: int = 0) -> Iterator[str]:
    """Every string inside a value given to a template (models, dicts, lists), the user's text."""
    if depth > 8:
        return
    if isinstance(value, str):
        if len(value.strip()) >= MIN_QUOTED_CHARS:
            yield value.strip()
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from user_strings(getattr(value, field, None), depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from user_strings(item, depth + 1)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from user_strings(item, depth + 1)


def messages(task: str, **context) -> list[dict]:
    """System prompt, the task's worked examples for context['mode'], then the user prompt."""
    system = render(task, "system", **context)
    examples = shots(task, context.get("mode", ""))  # data, never rendered: no run-time text
    given = {k: v for k, v in context.items() if k != "mode"}
    source = template_file(task, "system").read_text(encoding="utf-8", errors="replace")
    if any(text in system and text not in source for text in user_strings(given)):
        _QUOTING[system] = None
        while len(_QUOTING) > _QUOTING_KEPT:
            del _QUOTING[next(iter(_QUOTING))]
    return [
        {"role": "system", "content": system},
        *examples,
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
