"""`rebound critique` on the 96 outside resumes: crashes, per-check precision and recall against
the hand labels (tune and held-out apart), word agreement of the text Rebound reads with
`pdftotext`, and the Spearman correlation of the score with a hand ranking.

Labels: evaluation/labels/critique/resumes.yaml (what a coach would flag) and ranking.yaml,
ranking_combined.yaml (fresh2 and fresh3), ranking_fresh4.yaml, ranking_fresh5.yaml and
ranking_fresh6.yaml. Every set has been seen since round 7 (session 23: fresh6 was the last
unseen one); `--seen` leaves out any set not yet measured (UNSEEN), should a new one come.
How a finding is judged:
- missing-contact, missing-section and missing-dates, finding by finding: right when the contact
  detail / the section / the position it names is really missing (per the labels);
- every other check, resume by resume: right when the coach would flag that problem in that
  resume at all (a resume where the check fires and the coach would not is one wrong call).
Recall: of the problems the coach would flag (per resume and check, plus every missing section
and undated position), the share Rebound reports.
Hints (a check's borderline cases, severity "hint", session 24) are judged apart: a check's
precision and recall count its firm findings only; the hints' own precision (right when the coach
would flag that problem in that resume) and the recall of firm findings and hints together are
printed after each table ("hints, not held to 90%").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict

import yaml

from assistant.rules import firm, hints
from evaluation.common import LABELS, RESUMES

LABEL_DIR = LABELS / "critique"
# held-out: the first held-out set; fresh: labelled after it was seen (now seen too); fresh2: a
# second fresh set, labelled after 'fresh' was seen and measured once (now seen); fresh3: a third,
# labelled after the round-3 fixes were frozen and measured once; fresh4: ranked first (its score
# measured once), then labelled before any of its findings was printed, and measured once (all
# of these are seen now); fresh5: ranked and labelled from the text after the round-5 checks were
# committed, both committed before any of its scores or findings was printed, measured once (seen
# now); fresh6: the last 10 unlabelled resumes, ranked and labelled from `pdftotext -layout` text
# before rebound ran on them in round 6, measured once after the round-6 code was frozen (seen
# since round 7)
SPLITS = ("tune", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
SEEN = SPLITS
UNSEEN = tuple(s for s in SPLITS if s not in SEEN)
FINDING_LEVEL = ("missing-contact", "missing-section", "missing-dates")


def _hinting() -> tuple[str, ...]:
    """The checks that report borderline cases as hints (those with should-hint examples)."""
    from assistant.checks import RESUME_RULES

    return tuple(r.code for r in RESUME_RULES.rules if r.should_hint)


HINTING = _hinting()


def load_labels() -> tuple[list[dict], list[dict]]:
    resumes = yaml.safe_load((LABEL_DIR / "resumes.yaml").read_text())["resumes"]
    ranking = yaml.safe_load((LABEL_DIR / "ranking.yaml").read_text())["ranking"]
    return resumes, ranking


def load_combined_ranking() -> list[dict]:
    """fresh2 and fresh3 ranked together as one list (best first)."""
    return yaml.safe_load((LABEL_DIR / "ranking_combined.yaml").read_text())["ranking"]


def load_fresh_ranking(n: int) -> list[dict]:
    """fresh4, fresh5 (12 each), fresh6 (10): ranked from their text alone, best first."""
    return yaml.safe_load((LABEL_DIR / f"ranking_fresh{n}.yaml").read_text())["ranking"]


def words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def word_agreement(ours: str, reference: str) -> float:
    """Dice overlap of the word multisets (1.0: the same words, as many times each)."""
    a, b = Counter(words(ours)), Counter(words(reference))
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: list[float], y: list[float]) -> float:
    import numpy as np

    if len(x) < 3:
        return float("nan")
    rx, ry = np.array(ranks(x)), np.array(ranks(y))
    if rx.std() == 0 or ry.std() == 0:
        return 0.0
    return float(np.corrcoef(rx, ry)[0, 1])


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def judge(findings: list, label: dict) -> list[tuple[str, bool]]:
    """(code, right?) for each finding, as the docstring says."""
    out = []
    seen: set[str] = set()
    for f in findings:
        code = f.code
        if code == "missing-contact":
            out.append((code, True))  # the outside resumes are anonymised: no email, no phone
        elif code == "missing-section":
            kind = next(
                (k for k in label["sections"] if f"no {k} section" in f.message.lower()), None
            )
            out.append((code, kind is not None and not label["sections"][kind]))
        elif code == "missing-dates":
            said = _norm(f.excerpt)
            right = any(
                _norm(t) and (_norm(t) in said or said in _norm(t)) for t in label["undated"]
            )
            out.append((code, right))
        elif code not in seen:
            seen.add(code)
            out.append((code, bool(label["flag"].get(code, False))))
    return out


def recall_items(findings: list, label: dict) -> list[tuple[str, bool]]:
    """(code, found?) for each problem the coach would flag."""
    codes = {f.code for f in findings}
    items = [(code, code in codes) for code, flag in label["flag"].items() if flag]
    messages = " ".join(f.message.lower() for f in findings if f.code == "missing-section")
    for kind, present in label["sections"].items():
        if not present:
            items.append(("missing-section", f"no {kind} section" in messages))
    dated = [_norm(f.excerpt) for f in findings if f.code == "missing-dates"]
    for title in label["undated"]:
        t = _norm(title)
        items.append(("missing-dates", any(t in d or d in t for d in dated)))
    items.append(("missing-contact", "missing-contact" in codes))
    return items


def print_hints(hinted: dict[str, list[bool]], with_hints: dict[str, list[bool]]) -> None:
    """The hints of every check that gives them (resumes where the check gave hints and no firm
    finding): their own precision, and the check's recall with its hints counted as found."""
    codes = [c for c in sorted(with_hints) if c in HINTING]
    if not codes:
        return
    print(f"  hints, not held to 90% {'precision':>16} {'recall with hints':>18}")
    for code in codes:
        r, n = sum(hinted[code]), len(hinted[code])
        fr, fn = sum(with_hints[code]), len(with_hints[code])
        p = f"{r}/{n} res {r / n:4.0%}" if n else "none given"
        q = f"{fr}/{fn} {fr / fn:4.0%}" if fn else "-"
        print(f"  {code:22} {p:>16} {q:>18}")
    found = sum(sum(v) for v in with_hints.values())
    total = sum(len(v) for v in with_hints.values())
    print(f"  {'all, hints counted':22} recall {found}/{total} {found / max(total, 1):.0%}")


def pdftotext(path) -> str | None:
    try:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def seen_rankings() -> dict[str, list[dict]]:
    """Every seen hand ranking, each one list ranked on its own (best first): tune and held-out
    (20), fresh (12), fresh2 and fresh3 (24), fresh4 (12), fresh5 (12), fresh6 (10)."""
    ranking = load_labels()[1]
    return {
        "tune and held-out": [r for r in ranking if r["split"] in ("tune", "held-out")],
        "fresh": [r for r in ranking if r["split"] == "fresh"],
        "fresh2 and fresh3": load_combined_ranking(),
        "fresh4": load_fresh_ranking(4),
        "fresh5": load_fresh_ranking(5),
        "fresh6": load_fresh_ranking(6),
    }


def _scored(order: list[dict], scores: dict[str, float]) -> list[dict]:
    """The ranking's resumes that have a score, best first."""
    return [r for r in order if r["file"] in scores]


def list_spearman(scores: dict[str, float], order: list[dict]) -> float:
    """The score against one hand ranking (best first)."""
    rows = _scored(order, scores)
    return spearman([scores[r["file"]] for r in rows], [-i for i in range(len(rows))])


def pooled_spearman(scores: dict[str, float], lists: dict[str, list[dict]]) -> float:
    """One figure for several rankings: each resume's place as a share of its own list (1.0 the
    best, 0.0 the worst), set against its score over all of them (the score is meant to mean
    the same on every resume, so a 70 in one list should not beat an 80 in another)."""
    x, y = [], []
    for order in lists.values():
        rows = _scored(order, scores)
        for i, r in enumerate(rows):
            x.append(scores[r["file"]])
            y.append(1 - i / max(len(rows) - 1, 1))
    return spearman(x, y)


def main(seen_only: bool = False) -> int:
    from assistant.errors import InputError
    from assistant.inputs.resume import read_resume
    from assistant.tasks.critique import CritiqueRequest, rule_based

    labels, ranking = load_labels()
    files = sorted(RESUMES.glob("*.pdf"))
    have_pdftotext = shutil.which("pdftotext") is not None
    crashes, refused, agreements, results = [], [], [], {}
    start = time.perf_counter()
    for path in files:
        try:
            resume = read_resume(path)
            result = rule_based(CritiqueRequest(resume=resume))
        except InputError as exc:
            refused.append(f"{path.name}: {exc}")
            continue
        except Exception as exc:  # a crash is what this counts
            crashes.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        results[path.name] = result
        if have_pdftotext:
            reference = pdftotext(path)
            if reference is not None:
                agreements.append((word_agreement(resume.text, reference), path.name))
    elapsed = time.perf_counter() - start
    print(
        f"resumes: {len(files)} read in {elapsed:.1f} s; crashes: {len(crashes)}; refused: {len(refused)}"
    )
    for line in crashes + refused:
        print(f"  {line}")
    if have_pdftotext and agreements:
        mean = sum(a for a, _ in agreements) / len(agreements)
        worst = sorted(agreements)[:3]
        print(
            f"word agreement with pdftotext: {mean:.2%} (mean of {len(agreements)}); lowest: "
            + ", ".join(f"{name} {a:.1%}" for a, name in worst)
        )
    else:
        print(
            "word agreement with pdftotext: skipped (pdftotext is not installed: apt-get install poppler-utils)"
        )

    shown = [s for s in SPLITS if not (seen_only and s in UNSEEN)] + ["all seen"]
    for split in shown + ([] if seen_only or not UNSEEN else ["all"]):
        chosen = [
            lab
            for lab in labels
            if split == lab["split"]
            or split == "all"
            or (split == "all seen" and lab["split"] in SEEN)
        ]
        judged: dict[str, list[bool]] = defaultdict(list)
        recalled: dict[str, list[bool]] = defaultdict(list)
        hinted: dict[str, list[bool]] = defaultdict(list)  # the hints' own precision
        with_hints: dict[str, list[bool]] = defaultdict(list)  # recall, hints counted as found
        for lab in chosen:
            result = results.get(lab["file"])
            findings = result.findings if result else []
            for code, right in judge(firm(findings), lab):
                judged[code].append(right)
            fired = {f.code for f in firm(findings)}
            for code, right in judge([f for f in hints(findings) if f.code not in fired], lab):
                hinted[code].append(right)
            for code, found in recall_items(firm(findings), lab):
                recalled[code].append(found)
            for code, found in recall_items(findings, lab):
                with_hints[code].append(found)
        print(f"\nper check ({split}: {len(chosen)} labelled resumes)")
        print(f"  {'check':22} {'precision':>16} {'recall':>16}")
        all_right = all_n = rec_found = rec_n = 0
        for code in sorted(set(judged) | set(recalled)):
            r, n = sum(judged[code]), len(judged[code])
            fr, fn = sum(recalled[code]), len(recalled[code])
            all_right, all_n, rec_found, rec_n = (
                all_right + r,
                all_n + n,
                rec_found + fr,
                rec_n + fn,
            )
            unit = "findings" if code in FINDING_LEVEL else "resumes"
            p = f"{r}/{n} {unit[:3]} {r / n:4.0%}" if n else "not fired"
            q = f"{fr}/{fn} {fr / fn:4.0%}" if fn else "-"
            print(f"  {code:22} {p:>16} {q:>16}")
        if all_n:
            print(
                f"  {'all':22} {all_right}/{all_n} {all_right / all_n:.0%} precision; "
                f"recall {rec_found}/{rec_n} {rec_found / max(rec_n, 1):.0%}"
            )
        print_hints(hinted, with_hints)

    combined = load_combined_ranking()
    scores = {name: r.score for name, r in results.items()}

    def rank_correlation(name: str, order: list[dict], rows: list[dict]) -> None:
        rows = [r for r in rows if r["file"] in results]
        quality = [-order.index(r) for r in rows]  # higher is better
        rho = spearman([scores[r["file"]] for r in rows], quality)
        print(f"score vs hand ranking ({name}, {len(rows)} resumes): Spearman {rho:+.2f}")

    # the 20 of tune and held-out are ranked together; fresh and fresh2 each on their own; fresh3
    # within the one list of fresh2 and fresh3 ranked together (24)
    for split in ("tune", "held-out", "fresh", "fresh2"):
        rank_correlation(split, ranking, [r for r in ranking if r["split"] == split])
    rank_correlation(
        "tune and held-out", ranking, [r for r in ranking if r["split"] in ("tune", "held-out")]
    )
    rank_correlation("fresh3", combined, [r for r in combined if r["split"] == "fresh3"])
    rank_correlation("fresh2 and fresh3 ranked together", combined, combined)
    fresh4, fresh5 = load_fresh_ranking(4), load_fresh_ranking(5)
    rank_correlation("fresh4, ranked after the substance part was frozen", fresh4, fresh4)
    rank_correlation("fresh5, ranked after the round-5 checks were frozen", fresh5, fresh5)
    lists = seen_rankings()
    per_list = [list_spearman(scores, order) for order in lists.values()]
    print(
        f"score vs hand ranking (all seen, {sum(len(o) for o in lists.values())} resumes in "
        f"{len(lists)} lists): pooled Spearman {pooled_spearman(scores, lists):+.2f}; "
        f"mean of the lists {sum(per_list) / len(per_list):+.2f}"
    )
    fresh6 = load_fresh_ranking(6)
    rank_correlation("fresh6, ranked before round 6 ran on it (seen since round 7)", fresh6, fresh6)
    print(
        "scores in ranking order: "
        + ", ".join(
            f"{r['file'].split('_')[0]} {results[r['file']].score}"
            for r in ranking
            if r["file"] in results
        )
    )
    print(
        "fresh2 and fresh3 scores in their joint ranking order: "
        + ", ".join(
            f"{r['file'].split('_')[0]} {results[r['file']].score}"
            for r in combined
            if r["file"] in results
        )
    )
    for name, order in (("fresh4", fresh4), ("fresh5", fresh5), ("fresh6", fresh6)):
        print(
            f"{name} scores in ranking order: "
            + ", ".join(
                f"{r['file'].split('_')[0]} {results[r['file']].score}"
                for r in order
                if r["file"] in results
            )
        )
    rewrite_judgments()
    return 0


def rewrite_judgments() -> None:
    """The hand judgments of rewrites (evaluation/labels/critique/rewrites_round*.yaml), and for
    the last round whether the code still shows what was judged (a changed output is stale)."""
    from assistant.analysis.rewrite import suggest

    rounds = sorted(LABEL_DIR.glob("rewrites_round*.yaml"))
    for path in rounds:
        doc = yaml.safe_load(path.read_text())
        items = doc["items"]
        ok = sum(i["ok"] for i in items)
        shown = [i for i in items if not i["shown"].startswith("(no rewrite)")]
        line = (
            f"rewrites judged by hand, round {doc['round']}: {ok}/{len(items)} grammatical and "
            f"faithful ({ok / len(items):.0%}); rewrites shown {sum(i['ok'] for i in shown)}/"
            f"{len(shown)}, no-rewrite lines {ok - sum(i['ok'] for i in shown)}/{len(items) - len(shown)}"
        )
        if path == rounds[-1]:
            stale = 0
            for item in items:
                made = suggest(item["original"])
                now = made.text or f"(no rewrite) {made.missing}"
                stale += now != item["shown"]
            line += f"; {stale} of {len(items)} now differ from what was judged"
        print(line)


def draw_rewrites(round_no: int, seed: int, n: int = 50, per_resume: int = 8) -> str:
    """A fresh sample for a round of hand judgments, as YAML to fill in: the weakest
    `per_resume` bullets of every outside resume (what `rebound critique` would pick), those
    never in an earlier round and for which the critique shows something, `n` of them drawn at
    random with `seed`. `python -m evaluation.eval_critique --draw ROUND SEED`."""
    import random

    from assistant.analysis.rewrite import suggest
    from assistant.checks import run_checks
    from assistant.inputs.resume import read_resume
    from assistant.tasks.critique import _full_bullet, weakest_bullets

    earlier = {
        item["original"]
        for path in LABEL_DIR.glob("rewrites_round*.yaml")
        for item in yaml.safe_load(path.read_text())["items"]
    }
    pool = []
    for path in sorted(RESUMES.glob("*.pdf")):
        resume = read_resume(path)
        for excerpt in weakest_bullets(run_checks(resume), per_resume):
            original = _full_bullet(resume, excerpt)
            made = suggest(original)
            if (
                original in earlier
                or original.endswith("\u2026")
                or not (made.text or made.missing)
                or made.text == original
            ):
                continue
            earlier.add(original)
            pool.append((path.name, original, made.text or f"(no rewrite) {made.missing}"))
    chosen = random.Random(seed).sample(pool, n)
    items = [
        {"file": f, "original": o, "shown": s, "grammatical": None, "faithful": None, "ok": None}
        for f, o, s in chosen
    ]
    note = (
        f"Round {round_no}: a fresh {n} (seed {seed}) drawn from {len(pool)} bullets: the weakest "
        f"{per_resume} of every outside resume, none in earlier rounds."
    )
    return yaml.safe_dump(
        {"note": note, "round": round_no, "items": items}, sort_keys=False, width=100
    )


if __name__ == "__main__":
    sys.path.insert(0, str(LABELS.parent.parent))
    if sys.argv[1:2] == ["--draw"]:
        print(draw_rewrites(int(sys.argv[2]), int(sys.argv[3])), end="")
        raise SystemExit(0)
    raise SystemExit(main(seen_only="--seen" in sys.argv[1:]))
