"""Exploration (issue 16, s16x): could a learned pair classifier tell a relevant practice answer
from an off-topic one (mostly an answer to ANOTHER question of the same job)? Measured, not built:
nothing here is used by Rebound.

Data: evaluation/labels/interview/practice_answers.yaml, every split a development set, with
honest cross-validation grouped by split (leave one split out; the fold "fresh6" is the model
trained on all other splits). The threshold of each outer fold is chosen inside its training
splits (inner leave-one-split-out, Youden's J on the inner out-of-fold probabilities).

Features (all from texts the CLI has at practice time: the question, the answer, the banks):
- words: the shipped rule's verdict (critique's off-topic finding, no model) and its method, the
  idf match of the answer with its question, the best other bank question's match and the ratio;
- emb@N: the embedded model's mean-pooled embeddings (full depth or its first N blocks), cos(q, a)
  raw and centred (questions by the banks' mean, answers by the training answers' mean); the
  answer against every bank question (family banks + competency bank): the best other question's
  cosine, the margin, the asked question's rank and z-score among them, the same within the
  question's own family;
- proj: q*a and |q-a| in the first 8 principal directions of the centred bank questions.
Model: logistic regression, L2 (lambda 1 on standardised features), numpy only.

Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python -m evaluation.explore_relevance [--depths 10 15 20 0]
[--youden] [--centring] [--time 5]
(embeddings cached in ~/.cache/rebound/explore_relevance_*.npz; depth 0 = the whole model).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import yaml

LABELS = Path(__file__).parent / "labels" / "interview" / "practice_answers.yaml"
CACHE = Path.home() / ".cache" / "rebound"
LAMBDA = 1.0
PROJ = 8


def load() -> list[dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))["answers"]


def bank() -> list[tuple[str, str]]:
    """(family, question) for every bank question: the family banks and the competency bank."""
    from assistant.analysis.question_bank import load_bank, load_families

    out = [(key, q.text) for key, fam in load_families().items() for q in fam.questions]
    out += [(q.role, q.text) for q in load_bank().all_questions()]
    seen, unique = set(), []
    for fam, text in out:
        if text not in seen:
            seen.add(text)
            unique.append((fam, text))
    return unique


def embeddings(texts: list[str], depth: int) -> dict[str, np.ndarray]:
    """Each text's embedding at `depth` blocks (0: the whole model), cached on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"explore_relevance_{depth}.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path, allow_pickle=True) as z:
            cached = dict(zip(z["texts"].tolist(), z["vectors"]))
    missing = [t for t in dict.fromkeys(texts) if t not in cached]
    if missing:
        backend = _backend()
        for i in range(0, len(missing), 16):
            chunk = missing[i : i + 16]
            vecs = backend.embed(chunk, layers=depth or None)
            cached.update(zip(chunk, (np.asarray(v, dtype=np.float32) for v in vecs)))
        keys = list(cached)
        np.savez(
            path, texts=np.array(keys, dtype=object), vectors=np.stack([cached[k] for k in keys])
        )
    return cached


_BACKEND = None


def _backend():
    global _BACKEND
    if _BACKEND is None:
        from assistant.engine.llama import LlamaBackend
        from assistant.engine.resolve import embedded_model

        _BACKEND = LlamaBackend(str(embedded_model()))
    return _BACKEND


def word_features(items: list[dict]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The shipped rule's verdict and method (no model), and its continuous match scores."""
    from assistant.analysis.answers import measure
    from assistant.analysis.relevance import (
        _bank_docs,
        _doc,
        _family_of_question,
        key_terms,
        match,
    )

    methods = ["other question", "topic", "form", "words"]
    rows, verdict = [], []
    for it in items:
        rel = measure(it["answer"], [], it["question"]).relevance
        off = not rel.relevant
        verdict.append(off)
        terms = key_terms(it["answer"])
        asked = match(terms, _doc(it["question"])).score
        fam = _family_of_question(it["question"])
        others = [
            match(terms, d).score
            for key, d in _bank_docs()
            if key in (fam, "general") and d.text != it["question"]
        ]
        best = max(others, default=0.0)
        qterms = key_terms(it["question"])
        jac = len(qterms & terms) / max(1, len(qterms | terms))
        rows.append(
            [float(off)]
            + [float(off and rel.method == m) for m in methods]
            + [asked, best, asked - best, jac, np.log(len(it["answer"].split()))]
        )
    names = ["rule_off"] + [f"rule_{m}" for m in methods]
    names += ["match_asked", "match_best_other", "match_margin", "jaccard", "log_words"]
    return np.array(rows), names, np.array(verdict)


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


class EmbFeatures:
    """Embedding features at one depth; the answers' mean (for centring) and the principal
    directions come from the training answers/bank only (fit), applied to any items."""

    def __init__(self, items, bank_q, emb):
        self.q = np.stack([emb[it["question"]] for it in items])
        self.a = np.stack([emb[it["answer"]] for it in items])
        self.bank_text = [t for _, t in bank_q]
        self.bank_fam = np.array([f for f, _ in bank_q])
        self.b = np.stack([emb[t] for t in self.bank_text])
        self.qmean = self.b.mean(0)
        bc = self.b - self.qmean
        self.pcs = np.linalg.svd(bc, full_matrices=False)[2][:PROJ]
        from assistant.analysis.relevance import _family_of_question

        self.fam = np.array([_family_of_question(it["question"]) or "" for it in items])
        index = {t: j for j, t in enumerate(self.bank_text)}
        self.own = np.array([index.get(it["question"], -1) for it in items])

    def features(self, idx: np.ndarray, train: np.ndarray, proj: bool) -> np.ndarray:
        amean = self.a[train].mean(0)
        q, a = self.q[idx], self.a[idx]
        raw = np.sum(_unit(q) * _unit(a), 1)
        qc, ac, bc = _unit(q - self.qmean), _unit(a - amean), _unit(self.b - self.qmean)
        cos = np.sum(qc * ac, 1)
        sims = ac @ bc.T  # answer vs every bank question
        rows = []
        for k, i in enumerate(idx):
            s = sims[k].copy()
            if self.own[i] >= 0:
                s[self.own[i]] = np.nan  # not the asked question itself
            s_all = s[~np.isnan(s)]
            same = (self.bank_fam == self.fam[i]) | (self.bank_fam == "general")
            s_fam = s[same & ~np.isnan(s)]
            best, best_fam = s_all.max(), (s_fam.max() if s_fam.size else 0.0)
            rows.append(
                [
                    raw[k],
                    cos[k],
                    best,
                    cos[k] - best,
                    np.mean(s_all > cos[k]),
                    (cos[k] - s_all.mean()) / (s_all.std() + 1e-9),
                    cos[k] - best_fam,
                    np.mean(s_fam > cos[k]) if s_fam.size else 0.0,
                ]
            )
        out = np.array(rows)
        if proj:
            qp, ap = (q - self.qmean) @ self.pcs.T, (a - amean) @ self.pcs.T
            out = np.hstack([out, qp * ap, np.abs(qp - ap)])
        return out


NAMES = ["cos_raw", "cos_c", "best_other", "margin", "rank", "z", "margin_fam", "rank_fam"]


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2 logistic regression (Newton), on standardised features."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], LAMBDA)
    reg[0] = 1e-6
    for _ in range(30):
        p = 1 / (1 + np.exp(-z @ w))
        g = z.T @ (p - y) + reg * w
        h = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w, mu, sd


def predict(model, x: np.ndarray) -> np.ndarray:
    w, mu, sd = model
    return 1 / (1 + np.exp(-(np.hstack([np.ones((len(x), 1)), (x - mu) / sd]) @ w)))


def auc(y: np.ndarray, p: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(np.mean([(pp > neg).mean() + 0.5 * (pp == neg).mean() for pp in pos]))


def youden(y: np.ndarray, p: np.ndarray) -> float:
    best, best_t = -2.0, 0.5
    for t in np.unique(p):
        j = (p[y == 1] >= t).mean() - (p[y == 0] >= t).mean()
        if j > best:
            best, best_t = j, t
    return float(best_t)


def strict(y: np.ndarray, p: np.ndarray, most: float = 0.05) -> float:
    """The lowest threshold that calls at most `most` of the relevant answers off-topic."""
    neg = np.sort(p[y == 0])[::-1]
    k = int(np.floor(most * len(neg)))
    return float(neg[k]) + 1e-9 if k < len(neg) else 0.0


def cross_validate(make, y: np.ndarray, groups: np.ndarray, choose=youden):
    """Leave one split out; the threshold (`choose`) from an inner leave-one-split-out on the
    training splits. Returns out-of-fold probabilities and decisions."""
    probs, said = np.zeros(len(y)), np.zeros(len(y), bool)
    for g in np.unique(groups):
        test, train = np.where(groups == g)[0], np.where(groups != g)[0]
        inner = np.zeros(len(train))
        for h in np.unique(groups[train]):
            itest, itrain = train[groups[train] == h], train[groups[train] != h]
            m = fit(make(itrain, itrain), y[itrain])
            inner[groups[train] == h] = predict(m, make(itest, itrain))
        threshold = choose(y[train], inner)
        model = fit(make(train, train), y[train])
        probs[test] = predict(model, make(test, train))
        said[test] = probs[test] >= threshold
    return probs, said


def report(name: str, y, groups, probs, said, order) -> list[str]:
    cells = []
    for g in order:
        m = groups == g
        tp, pos = int((said & (y == 1) & m).sum()), int(((y == 1) & m).sum())
        fp, neg = int((said & (y == 0) & m).sum()), int(((y == 0) & m).sum())
        a = auc(y[m], probs[m]) if probs is not None else float("nan")
        cells.append(f"{g}:{a:.2f} {tp}/{pos} {fp}/{neg}")
    tp, fp = int((said & (y == 1)).sum()), int((said & (y == 0)).sum())
    pooled = auc(y, probs) if probs is not None else float("nan")
    head = (
        f"{name:24} pooled AUC {pooled:.3f}; caught {tp}/{int(y.sum())}, "
        f"false alarms {fp}/{int((y == 0).sum())}"
    )
    return [head, "    " + " | ".join(cells)]


def timing(depths: list[int], repeat: int) -> None:
    """Milliseconds to embed one question and one answer (one call), per depth; and the bank."""
    items = load()
    pair = [items[0]["question"], items[0]["answer"]]
    backend = _backend()
    print("\nTime per judgement (embed question + answer, one call):")
    for d in depths:
        start = time.perf_counter()
        backend.embed(pair, layers=d or None)
        first = time.perf_counter() - start
        for label, texts in (("pair", pair), ("answer alone", pair[1:])):
            wall, cpu = [], []
            for _ in range(repeat):
                s, c = time.perf_counter(), time.process_time()
                backend.embed(texts, layers=d or None)
                wall.append((time.perf_counter() - s) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            print(
                f"  depth {d or 'full':>4}: {label} median {np.median(wall):.0f} ms wall, "
                f"{np.median(cpu):.0f} ms CPU (first call, with the load: {first:.2f} s)"
            )
    texts = [t for _, t in bank()]
    s = time.perf_counter()
    backend.embed(texts, layers=depths[0] or None)
    print(
        f"  all {len(texts)} bank questions at depth {depths[0] or 'full'}: {time.perf_counter() - s:.1f} s"
    )


def centring_check(items: list[dict], depth: int) -> None:
    """How the centred cosine depends on the means: which texts the answers' mean comes from
    (no CV: cosine only, AUC of its negative)."""
    from assistant.analysis.question_bank import load_families

    guides = [" ".join(q.guide) for f in load_families().values() for q in f.questions]
    emb = embeddings(guides, depth)
    y = np.array([it["label"] == "off-topic" for it in items], dtype=float)
    g = np.array([it["split"] for it in items])
    q = np.stack([emb[it["question"]] for it in items])
    a = np.stack([emb[it["answer"]] for it in items])
    qm = np.stack([emb[t] for _, t in bank()]).mean(0)
    means = {"none": (0 * qm, 0 * qm), "bank questions' mean for both": (qm, qm)}
    means["answers: the bank guides' mean"] = (qm, np.stack([emb[t] for t in guides]).mean(0))
    means["answers: all labelled answers' mean"] = (qm, a.mean(0))
    for s in ("tune", "held-out", "fresh"):
        means[f"answers: split {s} only (scored on the others)"] = (qm, a[g == s].mean(0))
    print(f"\nCentring at depth {depth or 'full'} (pooled AUC; tune5, fresh6):")
    for name, (mq, ma) in means.items():
        c = np.sum(_unit(q - mq) * _unit(a - ma), 1)
        m = g != name.split("split ")[-1].split(" ")[0] if "split" in name else g == g
        print(
            f"  {name:48} {auc(y[m], -c[m]):.3f}; "
            + ", ".join(f"{auc(y[g == s], -c[g == s]):.2f}" for s in ("tune5", "fresh6"))
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depths", type=int, nargs="*", default=[10, 15, 20, 0])
    parser.add_argument("--youden", action="store_true", help="also the Youden threshold")
    parser.add_argument("--centring", action="store_true", help="which means to centre by")
    parser.add_argument("--time", type=int, default=0, help="timing repeats (0: no timing)")
    args = parser.parse_args()
    items = load()
    y = np.array([it["label"] == "off-topic" for it in items], dtype=float)
    groups = np.array([it["split"] for it in items])
    from evaluation.eval_interview import _splits

    order = _splits(groups)
    bank_q = bank()
    print(f"{len(items)} answers, {int(y.sum())} off-topic, splits {', '.join(order)}; ")
    print(f"{len(bank_q)} bank questions as the other questions an answer may fit\n")
    wx, wnames, verdict = word_features(items)
    lines = report("shipped rule (no model)", y, groups, None, verdict, order)
    lines[0] = lines[0].replace("pooled AUC nan; ", "")
    print("\n".join(lines))
    print("  (cells: split:AUC caught/off-topic false-alarms/relevant)")
    cands = {"words (continuous)": lambda idx, tr: wx[idx]}
    for d in args.depths:
        emb = embeddings(
            [it["question"] for it in items]
            + [it["answer"] for it in items]
            + [t for _, t in bank_q],
            d,
        )
        ef = EmbFeatures(items, bank_q, emb)
        tag = f"emb@{d or 'full'}"
        cands[f"{tag} cos raw"] = lambda idx, tr, ef=ef: ef.features(idx, tr, False)[:, :1]
        cands[f"{tag} cos centred"] = lambda idx, tr, ef=ef: ef.features(idx, tr, False)[:, 1:2]
        cands[f"{tag} vs bank"] = lambda idx, tr, ef=ef: ef.features(idx, tr, False)
        cands[f"{tag} vs bank+words"] = lambda idx, tr, ef=ef: np.hstack(
            [ef.features(idx, tr, False), wx[idx]]
        )
        cands[f"{tag} +proj+words"] = lambda idx, tr, ef=ef: np.hstack(
            [ef.features(idx, tr, True), wx[idx]]
        )
    print("\nThreshold: Youden's J inside the training splits")
    for name, make in cands.items() if args.youden else ():
        probs, said = cross_validate(make, y, groups)
        print("\n".join(report(name, y, groups, probs, said, order)))
    print("\nThreshold: at most 5% false alarms inside the training splits; and OR the rule")
    for name, make in cands.items():
        if "raw" in name or "proj" in name:
            continue
        probs, said = cross_validate(make, y, groups, strict)
        print("\n".join(report(name, y, groups, probs, said, order)))
        print("\n".join(report("  OR shipped rule", y, groups, None, said | verdict, order)))
    if args.centring:
        for d in args.depths:
            centring_check(items, d)
    if args.time:
        timing(args.depths, args.time)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
