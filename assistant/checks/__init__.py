"""Resume checks: a registry of small units with stable codes (see registry.py), run in one pass."""

from __future__ import annotations

from assistant.checks import content, structure, wording  # noqa: F401  (importing registers the checks)
from assistant.checks.registry import REGISTRY, SEVERITY_ORDER, Check, Finding
from assistant.inputs.resume import Resume

__all__ = ["REGISTRY", "Check", "Finding", "run_checks"]


def run_checks(resume: Resume) -> list[Finding]:
    """Every registered check's findings, most severe first, then in resume order."""
    findings = [f for c in REGISTRY.values() for f in c.run(resume)]
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.line if f.line is not None else 0)
    )
