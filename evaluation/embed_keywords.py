"""Can the embedded model tell a requirement the resume shows in other words? (issue 14, session
39: a measurement; nothing is wired in.)

For every requirement `keyword_gap` lists as missing on the labelled ads, the best cosine between
the missing term (its names and the lexicon's aliases, as written or as "Skills: X") and the
paired resume's text cut into units (its lines, or its clauses: a line cut at commas,
semicolons, bullets, brackets and full stops), against the label (shown / not shown). Positives
are few (6 wrong "missing" on the seen ads), so two more kinds of requirement are scored beside
them, each with the ad's words as the "term":
- *other words*: the label says the resume shows it and the listing matched it, while the resume
  writes none of its names or aliases (the lexicon matched a stem, a narrower term or a clause
  rule): positives as hard as the six;
- *literal*: the label says the resume shows it and the resume writes one of the label's names
  word for word: a check that the model sees even the easiest case.
Printed, per pooling, unit, query form and score: the AUC of the shown (other words, the six,
literal) against the not shown among the missing, on the seen ads; then, for thresholds chosen on
the tune split only, how many wrongly-missing and truly-missing requirements would leave
"missing" on each split; the nearest false moves; and the time to embed one resume's units.

    python -m evaluation.embed_keywords [--cache DIR] [--layers N] [--pool mean|nobos|sink] [--time N]

`--time N` embeds the first N resumes' units again to time them. `--layers` (default 15, the
cut soften's classifier reads; 30 is the whole model, requantised to Q8_0 here) and `--pool`: `mean`, the project's (every token's hidden state); `nobos`, the
same without the first token; `sink`, a BOS token put before every text and left out of the
mean. SmolLM2's tokenizer adds no BOS, so a text's first token takes the attention sink's huge
values (two of 576 dimensions near -19 and -8 where the others are near 0.1): every one-token
text has the same vector ("Go", "Java", "Research" and "Education" at cosine 1.000), and a
short one is mostly its first token. Vectors are cached in DIR
(default /tmp/rebound-embed-keywords) by text, so a second run only scores. Needs numpy."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.common import JOBS, RESUMES, auc, require_outside
from evaluation.eval_keywords import SEEN, SPLITS, TERM_KINDS, load_labels, names_exactly, norm

# a clause ends at punctuation that parts items, a bullet, or a line
_CLAUSE = re.compile(r"[,;:•*|()\u2022\u25cf\u25aa\u2013]+|\.(?=\s|$)|\s-\s|\n")
_WORD = re.compile(r"[A-Za-z0-9+#][A-Za-z0-9+#.'/-]*")
UNITS = ("line", "clause")
PREFIXES = ("", "Skills: ")


@dataclass
class Case:
    """One requirement of one ad, with the names it is scored by and the label's `shown`."""

    label: str
    split: str
    resume: str
    names: list[str]
    shown: bool | None  # the label's `shown` (None: not labelled, counted as not shown)
    kind: str  # "missing", "other words" (matched, no name in the resume) or "literal"
    scores: dict = field(default_factory=dict)  # (unit, prefix, score) -> (value, nearest unit)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return n > 0 and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def collect() -> tuple[list[Case], dict[str, str]]:
    """The cases of every labelled ad, and each paired resume's text."""
    from assistant.analysis.job_terms import read_ad
    from assistant.analysis.keywords import guess_company, keyword_gap
    from assistant.inputs.job import read_job
    from assistant.inputs.resume import read_resume

    cases: list[Case] = []
    resumes: dict[str, str] = {}
    for label in load_labels():
        job = read_job(JOBS / label["ad"])
        text = resumes.setdefault(label["resume"], read_resume(RESUMES / label["resume"]).text)
        report = keyword_gap(text, job.text, job.company)
        asks, _ = read_ad(job.text, job.company or guess_company(job.text))
        by_name = {a.name: a for a in asks}
        words = norm(text)
        found: dict[tuple[int, str], Case] = {}
        for term in report.terms:
            ask = by_name.get(term.name)
            names = [*(ask.names if ask else [term.name]), *(ask.aliases if ask else [])]
            for i, lab in enumerate(label["asks"]):
                if lab["kind"] not in TERM_KINDS or not names_exactly(term.name, lab["any"]):
                    continue
                if not term.matched and not term.reworded:
                    kind = "missing"
                elif (
                    term.matched
                    and lab.get("shown")
                    and not term.equivalent
                    and not any(_contains(words, norm(n)) for n in names)
                ):
                    kind = "other words"
                else:
                    continue
                case = found.get((i, kind))
                if case is None:
                    case = found[(i, kind)] = Case(
                        label["label"], label["split"], label["resume"], [], lab.get("shown"), kind
                    )
                    cases.append(case)
                case.names += [n for n in names if n not in case.names]
        for lab in label["asks"]:  # the easiest positives: the resume writes a name as it is
            if lab["kind"] in TERM_KINDS and lab.get("shown"):
                literal = [n for n in lab["any"] if _contains(words, norm(n))]
                if literal:
                    cases.append(
                        Case(
                            label["label"],
                            label["split"],
                            label["resume"],
                            literal[:1],
                            True,
                            "literal",
                        )
                    )
    return cases, resumes


def units(text: str) -> dict[str, list[str]]:
    """The resume's lines, and its clauses (a line cut at commas, semicolons, bullets, brackets
    and full stops), each without repeats."""
    lines = [" ".join(ln.split()) for ln in text.splitlines() if _WORD.search(ln)]
    clauses = [" ".join(p.split()) for p in _CLAUSE.split(text) if _WORD.search(p)]
    return {"line": list(dict.fromkeys(lines)), "clause": list(dict.fromkeys(clauses))}


def _pooled_without_first(self, lengths: list[int]):
    """`Embedder._pooled` without each text's first token (the BOS) in the mean."""
    width, hidden = self.width, self._hidden
    if len(hidden) != 1 or len(hidden[0]) != sum(lengths) * width:
        return None
    rows, vectors, start = hidden[0], [], 0
    for n in lengths:
        skip = 1 if n > 1 else 0
        text = (rows[(start + i) * width : (start + i + 1) * width] for i in range(skip, n))
        vectors.append([sum(column) / (n - skip) for column in zip(*text)])
        start += n
    return vectors


POOLS = ("mean", "nobos", "sink")


def pooled(embedder, pool: str):
    """`embedder` (an `Embedder`) made to pool as `pool` says (POOLS): `mean` as it is, `nobos`
    without each text's first token, `sink` with a BOS put before every text and left out."""
    if pool in ("nobos", "sink"):
        embedder._pooled = _pooled_without_first.__get__(embedder)
    if pool == "sink":  # a BOS before every text takes the sink's values
        tokenize, bos = embedder.tokenize, embedder.llama.llama_vocab_bos(embedder.vocab)
        embedder.tokenize = lambda text: [bos, *tokenize(text)]
    return embedder


class Vectors:
    """Embeddings by text, cached on disk (one JSON file per model cut and pooling)."""

    def __init__(self, cache: Path, layers: int, pool: str) -> None:
        from assistant.engine.llama import EMBED_TOKENS, cut_model
        from assistant.engine.llama_embed import requantize
        from assistant.engine.resolve import embedded_model

        model = str(embedded_model())
        cache.mkdir(parents=True, exist_ok=True)
        if layers >= 30:  # the whole model, in Q8_0 as the cuts are
            self.path = str(cache / "whole.q8_0.gguf")
            if not Path(self.path).exists():
                requantize(model, self.path)
        else:
            self.path = cut_model(model, layers)
        self.tokens, self.pool = EMBED_TOKENS, pool
        tag = hashlib.sha1(f"{model}:{layers}:{pool}".encode()).hexdigest()[:10]
        self.file = cache / f"vectors-{tag}.json"
        self.known: dict[str, list[float]] = (
            json.loads(self.file.read_text()) if self.file.exists() else {}
        )
        self._embedder = None

    def embed(self, texts: list[str], again: bool = False) -> float:
        """Embed the texts not cached yet (every one, with `again`), in one call on one thread;
        the seconds it took."""
        todo = [t for t in dict.fromkeys(texts) if again or t not in self.known]
        if not todo:
            return 0.0
        if self._embedder is None:
            from assistant.engine.llama_embed import Embedder

            self._embedder = pooled(Embedder(self.path, self.tokens, 1), self.pool)
        start = time.perf_counter()
        for text, vector in zip(todo, self._embedder.embed(todo)):
            self.known[text] = vector
        return time.perf_counter() - start

    def save(self) -> None:
        self.file.write_text(json.dumps(self.known))


def score(cases: list[Case], resumes: dict[str, str], vectors: Vectors) -> None:
    """Each case's scores: for each unit and query form, `max` (the best cosine between one of
        its names and one of the resume's units), `centred` (the same after taking away the mean
        vector of every resume's units: the model's vectors all point one way), `z` (each dimension
    also divided by its spread over those units, as soften's classifier reads them) and `rank` (the share
        of the other 36 resumes whose best unit is farther than its own resume's: does the model find
        the term nearer its own resume than elsewhere?)."""
    import numpy as np

    def matrix(texts: list[str]):
        return np.array([vectors.known[t] for t in texts], dtype=np.float64)

    def unit_rows(a):
        return a / np.linalg.norm(a, axis=1, keepdims=True)

    cut = {r: units(t) for r, t in resumes.items()}
    for unit in UNITS:
        pooled = np.vstack([matrix(cut[r][unit]) for r in resumes])
        mean, spread = pooled.mean(axis=0), pooled.std(axis=0)
        for centre, scale, how in ((0.0, 1.0, "max"), (mean, 1.0, "centred"), (mean, spread, "z")):
            rows = {r: unit_rows((matrix(cut[r][unit]) - centre) / scale) for r in resumes}
            for prefix in PREFIXES:
                for case in cases:
                    query = unit_rows((matrix([prefix + n for n in case.names]) - centre) / scale)
                    best = {r: (query @ rows[r].T).max() for r in resumes}
                    sims = query @ rows[case.resume].T
                    j = int(sims.max(axis=0).argmax())
                    case.scores[(unit, prefix, how)] = (
                        float(best[case.resume]),
                        cut[case.resume][unit][j],
                    )
                    if how == "max":
                        own = best[case.resume]
                        others = [v for r, v in best.items() if r != case.resume]
                        rank = sum(own > v for v in others) / len(others)
                        case.scores[(unit, prefix, "rank")] = (rank, cut[case.resume][unit][j])


def _groups(cases: list[Case], splits) -> dict[str, list[Case]]:
    inside = [c for c in cases if c.split in splits]
    return {
        "six": [c for c in inside if c.kind == "missing" and c.shown],
        "other words": [c for c in inside if c.kind == "other words"],
        "literal": [c for c in inside if c.kind == "literal"],
        "not shown": [c for c in inside if c.kind == "missing" and not c.shown],
    }


def threshold(cases: list[Case], key) -> tuple[float, float]:
    """Two thresholds from the tune split's cases: the lowest at which the tune cases at or over
    it are at least two shown (wrongly missing or in other words) to one not shown; and the
    lowest over every not-shown one."""
    g = _groups(cases, ("tune",))
    pos = [c.scores[key][0] for c in g["six"] + g["other words"]]
    neg = [c.scores[key][0] for c in g["not shown"]]
    two_to_one = float("inf")
    for t in sorted(set(pos), reverse=True):
        if sum(p >= t for p in pos) >= 2 * sum(n >= t for n in neg):
            two_to_one = t
    return two_to_one, max(neg) + 1e-9


def moved(cases: list[Case], key, t: float) -> str:
    """What a threshold `t` on score `key` moves out of "missing", split by split: wrongly missing
    moved / all of them, truly missing moved / all of them."""
    parts = []
    for split in (*SPLITS, "seen"):
        g = _groups(cases, SEEN if split == "seen" else (split,))
        wrong = sum(c.scores[key][0] >= t for c in g["six"])
        true = sum(c.scores[key][0] >= t for c in g["not shown"])
        parts.append(f"{split} {wrong}/{len(g['six'])} {true}/{len(g['not shown'])}")
    return ", ".join(parts)


def report(
    cases: list[Case],
    resumes: dict[str, str],
    vectors: Vectors,
    seconds: list,
    threads: str = "one thread",
) -> None:
    keys = [(u, p, h) for u in UNITS for p in PREFIXES for h in ("max", "centred", "z", "rank")]
    seen = _groups(cases, SEEN)
    print(
        f"seen: {len(seen['six'])} wrongly missing, {len(seen['other words'])} shown in other "
        f"words, {len(seen['literal'])} literal, {len(seen['not shown'])} missing and not shown"
    )
    print("AUC against the missing not shown, seen ads (unit, query, score):")
    print(f"  {'':34} {'six':>6} {'other words':>12} {'both':>6} {'literal':>8}")
    for key in keys:
        value = {k: [c.scores[key][0] for c in v] for k, v in seen.items()}
        row = [
            auc(value["six"], value["not shown"]),
            auc(value["other words"], value["not shown"]),
            auc(value["six"] + value["other words"], value["not shown"]),
            auc(value["literal"], value["not shown"]),
        ]
        print(
            f"  {key[0]:6} {key[1]!r:10} {key[2]:8}     "
            + " ".join(f"{a:6.3f}" for a in row[:1])
            + f" {row[1]:12.3f} {row[2]:6.3f} {row[3]:8.3f}"
        )
    print(f"Mean rank of the own resume among the {len(resumes)} (0.5: no nearer than any other):")
    for key in (k for k in keys if k[2] == "rank"):
        mean = {g: sum(c.scores[key][0] for c in v) / max(1, len(v)) for g, v in seen.items()}
        print(f"  {key[0]:6} {key[1]!r:10} " + ", ".join(f"{g} {m:.2f}" for g, m in mean.items()))
    print(
        "\nMoved out of 'missing' at thresholds set on tune (wrongly missing moved / all of them;"
        " truly missing moved / all of them):"
    )
    for key in keys:
        for name, t in zip(("2:1 on tune", "over every tune negative"), threshold(cases, key)):
            print(
                f"  {key[0]:6} {key[1]!r:10} {key[2]:8} {name:24} t={t:.4f}: "
                + moved(cases, key, t)
            )
    key = max(
        keys,
        key=lambda k: auc(
            [c.scores[k][0] for c in seen["six"] + seen["other words"]],
            [c.scores[k][0] for c in seen["not shown"]],
        ),
    )
    print(f"\nThe nearest not-shown requirements, seen, by the best AUC of both ({key}):")
    near = sorted(seen["not shown"], key=lambda c: -c.scores[key][0])[:8]
    for c in near:
        print(f"  {c.scores[key][0]:.4f} {c.label}: {c.names[0]!r} ~ {c.scores[key][1][:70]!r}")
    print("The six wrongly missing:")
    for c in seen["six"]:
        print(f"  {c.scores[key][0]:.4f} {c.label}: {c.names[0]!r} ~ {c.scores[key][1][:70]!r}")
    if seconds:
        import statistics

        for unit in UNITS:
            got = [s for u, s in seconds if u == unit]
            n = statistics.mean(len(units(t)[unit]) for t in resumes.values())
            print(
                f"time to embed a resume's {unit}s ({n:.0f} on average), {threads}: median "
                f"{statistics.median(got):.1f} s, max {max(got):.1f} s ({len(got)} resumes)"
            )


def main(argv: list[str] | None = None) -> int:
    require_outside()
    argv = sys.argv[1:] if argv is None else argv
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    layers = int(argv[argv.index("--layers") + 1]) if "--layers" in argv else 15
    pool = argv[argv.index("--pool") + 1] if "--pool" in argv else "mean"
    vectors = Vectors(cache or Path("/tmp/rebound-embed-keywords"), layers, pool)
    cases, resumes = collect()
    print(f"{len(cases)} requirements on {len(resumes)} resumes; layers {layers}, pooling {pool}")
    vectors.embed([p + n for c in cases for n in c.names for p in PREFIXES])
    for text in resumes.values():
        for unit in UNITS:
            vectors.embed(units(text)[unit])
    vectors.save()
    # the time a resume's units take, embedded again (the first --time N resumes)
    timed = int(argv[argv.index("--time") + 1]) if "--time" in argv else 0
    seconds = [
        (unit, vectors.embed(units(text)[unit], again=True))
        for text in list(resumes.values())[:timed]
        for unit in UNITS
    ]
    score(cases, resumes, vectors)
    report(cases, resumes, vectors, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
