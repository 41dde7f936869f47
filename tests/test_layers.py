"""Layers point down: no import cycle inside assistant/, and the readers (inputs/) and the text
layer import nothing from analysis, tasks or the CLI. Read from the source (ast), so an import
inside a function or under TYPE_CHECKING counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import assistant

PACKAGE = Path(assistant.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules this file imports (a package counts as its __init__)."""
    name = _module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        for target in targets:
            if target in modules and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return groups


def _is_package_parent(a: str, b: str) -> bool:
    """`assistant.x` importing `assistant.x.y` (its own submodule) is not a layer cycle."""
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_the_import_graph_is_read():
    graph = _graph()
    assert "assistant.cli.feedback" in graph
    assert "assistant.tasks.feedback" in graph["assistant.cli.feedback"] or any(
        m.startswith("assistant.tasks") for m in graph["assistant.cli.feedback"]
    )


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_inside_the_package():
    graph = {v: {w for w in ws if not _is_package_parent(v, w)} for v, ws in _graph().items()}
    assert _cycles(graph) == []


def _layer_imports(prefixes: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    bad = []
    for name, targets in _graph().items():
        if name.startswith(prefixes):
            bad += [f"{name} -> {t}" for t in sorted(targets) if t.startswith(banned)]
    return bad


def test_readers_and_the_text_layer_import_no_analysis_tasks_or_cli():
    banned = ("assistant.analysis", "assistant.tasks", "assistant.cli", "assistant.checks")
    assert _layer_imports(("assistant.inputs", "assistant.text"), banned) == []


def test_the_engine_imports_no_tasks_or_cli():
    assert _layer_imports(("assistant.engine",), ("assistant.tasks", "assistant.cli")) == []
