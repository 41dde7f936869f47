"""What model is in use, and whether it works: metadata from the GGUF header, then (with
--check) a real load, a short timed generation, and each task's acceptance on its worked examples
(assistant/tasks/capability_check.py). Also the listing behind `rebound models list` and the
config change behind `rebound models use`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.engine import options
from assistant.engine.base import Backend
from assistant.engine.capability import ModelFigures
from assistant.engine.gguf import GGUFInfo, read_gguf
from assistant.engine.resolve import ModelChoice
from assistant.errors import InputError
from assistant.tasks.capability_check import TaskCheck

SIDE_BY_SIDE = 8  # replies asked for at once in the batch figure (a batch critique sends more)


class SpeedCheck(BaseModel):
    load_seconds: float
    tokens: int
    generate_seconds: float
    tokens_per_second: float
    sample: str
    batch_replies: int  # asked for at once, as a batch critique does
    batch_tokens_per_second: float


class GuardCheck(BaseModel):
    notes: list[str]
    passed: int
    total: int
    failures: list[str]


class ModelsReport(BaseModel):
    choice: ModelChoice
    gguf: Optional[GGUFInfo] = None
    backend: Optional[str] = None
    speed: Optional[SpeedCheck] = None
    guard: Optional[GuardCheck] = None
    tasks: list[TaskCheck] = []  # --check: each task on its worked examples
    figures: Optional[ModelFigures] = None  # what later commands go by
    figures_origin: Optional[str] = None  # 'measured' (the cache) or 'shipped'
    saved_to: Optional[str] = None


def describe(choice: ModelChoice) -> ModelsReport:
    gguf = read_gguf(choice.path) if choice.path else None
    return ModelsReport(choice=choice, gguf=gguf)


def measure_speed(backend: Backend) -> SpeedCheck:
    start = time.perf_counter()
    load = getattr(backend, "load", None)
    if load:
        load()
    loaded = time.perf_counter()
    msgs = [
        {
            "role": "user",
            "content": "Write two sentences about why feedback after an interview helps.",
        }
    ]
    chunks = list(backend.generate(msgs, options.CHECK_GREEDY))
    done = time.perf_counter()
    gen = max(done - loaded, 1e-9)
    written: list[str] = []
    calls = [
        (msgs, options.CHECK_SAMPLED.model_copy(update={"seed": seed}))
        for seed in range(SIDE_BY_SIDE)
    ]
    backend.generate_many(calls, written.append)
    batch = max(time.perf_counter() - done, 1e-9)
    return SpeedCheck(
        load_seconds=round(loaded - start, 3),
        tokens=len(chunks),
        generate_seconds=round(gen, 3),
        tokens_per_second=round(len(chunks) / gen, 1),
        sample="".join(chunks).strip(),
        batch_replies=SIDE_BY_SIDE,
        batch_tokens_per_second=round(len(written) / batch, 1),
    )


def guard_pass_rate(backend: Backend, notes_dir: Path) -> GuardCheck:
    from assistant.inputs.notes import read_notes
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback

    files = sorted(notes_dir.glob("*.md"))
    passed, failures = 0, []
    for file in files:
        result = draft_feedback(FeedbackRequest(notes=read_notes(file)), backend)
        if result.generation.source == "model":
            passed += 1
        else:
            failures.append(f"{file.name}: {result.generation.notice}")
    return GuardCheck(
        notes=[f.name for f in files], passed=passed, total=len(files), failures=failures
    )


# ---- rebound models list ---------------------------------------------------------------------

SCAN_URLS = (  # llama.cpp's server, Ollama, LM Studio, llama-cpp-python's and vLLM's default
    "http://127.0.0.1:8080/v1",
    "http://127.0.0.1:11434/v1",
    "http://127.0.0.1:1234/v1",
    "http://127.0.0.1:8000/v1",
)
LIST_TIMEOUT = 1.0


class LocalModel(BaseModel):
    name: str
    kind: str  # embedded, pulled, models-dir, config, env
    path: str
    in_use: bool = False


class ServerModels(BaseModel):
    url: str
    models: list[str] = []
    error: str = ""


class CatalogueRow(BaseModel):
    name: str
    title: str
    size_bytes: int
    memory_gb: float
    licence: str
    pulled: bool


class ModelListing(BaseModel):
    local: list[LocalModel]
    servers: list[ServerModels]
    catalogue: list[CatalogueRow]


def server_models(base_url: str, allow_remote: bool = False) -> ServerModels:
    """The ids at `/models` of an OpenAI-compatible server (loopback only, unless allowed)."""
    import httpx

    from assistant.engine.openai import api_root

    root = api_root(base_url, allow_remote)
    try:
        with httpx.Client(timeout=LIST_TIMEOUT, trust_env=False, follow_redirects=False) as client:
            response = client.get(f"{root}/models")
        data = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError) as exc:
        return ServerModels(url=root, error=f"no answer ({exc.__class__.__name__})")
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return ServerModels(url=root, error=f"no model list (HTTP {response.status_code})")
    ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
    return ServerModels(url=root, models=ids)


def list_models(base_url: Optional[str] = None, scan: bool = False) -> ModelListing:
    from assistant.config import load_config
    from assistant.engine.catalogue import catalogue, pulled, pulled_dir
    from assistant.engine.resolve import embedded_model, resolve_model

    config = load_config()
    choice = resolve_model(None, config)
    in_use = str(Path(choice.path).resolve()) if choice.path else None
    local: list[LocalModel] = []
    seen: set[str] = set()

    def add(path: Path, kind: str, name: Optional[str] = None) -> None:
        real = str(path.resolve())
        if real in seen or not path.is_file():
            return
        seen.add(real)
        local.append(
            LocalModel(
                name=name or path.name,
                kind=kind,
                path=str(path),
                in_use=real == in_use and config.backend == "llama",
            )
        )

    if choice.path and choice.source in ("env", "config"):
        add(Path(choice.path), choice.source)
    for name, path in pulled().items():
        add(path, "pulled", name)
    for path in sorted(pulled_dir().glob("*.gguf")):
        add(path, "pulled")
    models_dir = Path.cwd() / "models"
    for path in sorted(models_dir.glob("*.gguf")) if models_dir.is_dir() else []:
        add(path, "models-dir")
    embedded = embedded_model()
    if embedded:
        add(embedded, "embedded", "embedded")
    urls = [base_url] if base_url else []
    if not base_url and (config.backend == "openai" or config.base_url):
        from assistant.engine.openai import DEFAULT_BASE_URL

        urls.append(config.base_url or DEFAULT_BASE_URL)
    if scan:
        urls += [u for u in SCAN_URLS if u not in urls]
    servers = [server_models(u, config.allow_remote) for u in urls]
    have = pulled()
    rows = [
        CatalogueRow(
            name=e.name,
            title=e.title,
            size_bytes=e.size_bytes,
            memory_gb=e.memory_gb,
            licence=e.licence,
            pulled=e.name in have,
        )
        for e in catalogue().values()
    ]
    return ModelListing(local=local, servers=servers, catalogue=rows)


# ---- rebound models use ----------------------------------------------------------------------


def use_model(name: str, base_url: Optional[str] = None) -> str:
    """Write the config for `name`; return what was done, in one line."""
    from assistant.config import load_config, update_config
    from assistant.engine.catalogue import catalogue, pulled_path
    from assistant.engine.gguf import read_gguf

    config = load_config()
    items = catalogue()
    if name == "embedded":
        path = update_config(remove=["model", "backend"])
        return (
            f"{path}: `model` removed: the embedded model is used (unless ./models/ holds a GGUF)"
        )
    if name in items:
        file = pulled_path(items[name])
        if not file.is_file():
            raise InputError(f"{name} is not pulled yet: run `rebound models pull {name}` first")
        path = update_config(values={"model": str(file)}, remove=["backend"])
        return f"{path}: model = {file}"
    candidate = Path(name).expanduser()
    if candidate.suffix.lower() == ".gguf" or candidate.is_file():
        read_gguf(candidate, count_parameters=False)  # a clear error for a file that is not one
        path = update_config(values={"model": str(candidate.resolve())}, remove=["backend"])
        return f"{path}: model = {candidate.resolve()}"
    url = base_url or config.base_url
    if url or config.backend == "openai":
        from assistant.engine.openai import DEFAULT_BASE_URL

        server = server_models(url or DEFAULT_BASE_URL, config.allow_remote)
        if name in server.models:
            values = {"backend": "openai", "model_name": name}
            if base_url:
                values["base_url"] = base_url
            path = update_config(values=values)
            return f"{path}: backend = openai, model_name = {name} at {server.url}"
        raise InputError(
            f"{name}: not a catalogue model, a GGUF file, or a model of the server at {server.url}"
            + (f" ({server.error})" if server.error else f" (it has: {', '.join(server.models)})")
        )
    raise InputError(
        f"{name}: not a pulled catalogue model ({', '.join(items)}), a GGUF file, or 'embedded'; "
        "for a server's model pass --base-url"
    )
