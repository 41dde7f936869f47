"""`python -m evaluation [AREA ...]`: run every `eval_<area>.py` (or the named ones) in turn."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from evaluation.common import require_outside


def main(argv: list[str]) -> int:
    require_outside()
    here = Path(__file__).resolve().parent
    areas = sorted(p.stem.removeprefix("eval_") for p in here.glob("eval_*.py"))
    chosen = argv or areas
    unknown = [a for a in chosen if a not in areas]
    if unknown:
        print(
            f"evaluation: no area {', '.join(unknown)} (areas: {', '.join(areas)})", file=sys.stderr
        )
        return 2
    worst = 0
    for area in chosen:
        print(f"\n== {area} ==", flush=True)
        module = importlib.import_module(f"evaluation.eval_{area}")
        worst = max(worst, int(module.main() or 0))
    return worst


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
