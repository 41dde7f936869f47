"""Session 39: practice's judge of meaning and soften's tone judge learned on the embedded model's
vectors pooled another way, everything else the same (the training scripts' own code, splits,
grids and printed figures), to see whether the pooling reads better.

`--pool` (evaluation/embed_keywords.py's POOLS): `mean`, the product's (every token's hidden
state; SmolLM2 adds no BOS, so a text's first token takes the attention sink's values); `nobos`,
the same without each text's first token; `sink`, a BOS put before every text and left out of
the mean. The script runs training/train_relevance.py's or training/train_tone.py's `main` with
the embedder patched in this process alone; the embeddings are cached in DIR (one file per
judge and pooling, default /tmp/rebound-embed-pooling), and the models the scripts write go
there too: assistant/data is never written.

    OPENBLAS_NUM_THREADS=1 python -m evaluation.embed_pooling relevance|tone --pool P [--cache DIR]
    python -m evaluation.embed_pooling relevance-test --pool P  # the test splits alone again
    OPENBLAS_NUM_THREADS=1 python -m evaluation.embed_pooling tone-writers --pool P  # after `tone`
    python -m evaluation.embed_pooling time [N]   # ms to embed one text, each pooling

`relevance` also runs the judge it wrote on the splits it never learned from (TEST_SPLITS:
fresh8-10, fresh13-18) through practice's `critique`, as `make eval` prints them.

`time` embeds the first N practice answers and N soften training sentences (default 200), one
text per call on one thread, with each pooling. Needs numpy and the embedded model."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from evaluation.embed_keywords import POOLS, pooled


def use_pool(pool: str, cache: Path, judge: str) -> None:
    """Every embedder the backend loads from now on pools as `pool`; the training scripts'
    caches, the lexical model's out-of-fold file and the models they write are moved to
    `cache` (one name per judge and pooling)."""
    from assistant.engine.llama import LlamaBackend
    from training import train_relevance, train_tone

    load = LlamaBackend._load_embedder
    LlamaBackend._load_embedder = lambda self, path: pooled(load(self, path), pool)
    cache.mkdir(parents=True, exist_ok=True)
    embeddings = train_tone.embeddings
    tone_cache = cache / f"tone-{pool}.json"

    def cached(texts, backend, layers=train_tone.EMBED_LAYERS, cache_file=tone_cache):
        return embeddings(texts, backend, layers, cache_file)

    train_tone.embeddings = cached
    train_tone.LEXICAL_OOF = cache / f"lexical-oof-{pool}.npz"
    train_relevance.CACHE = cache / f"relevance-{pool}.json"
    written = cache / f"{judge}-model-{pool}.json"
    train_tone.data_path = train_relevance.data_path = lambda name: written
    train_tone.ROOT = written.parent  # train_tone prints the written file relative to ROOT


def test_splits(pool: str, cache: Path) -> None:
    """The judge `relevance --pool` wrote, on the labelled answers of the test splits it never
    learned from (train_relevance's TEST_SPLITS), through practice's own `critique` as
    `make eval` runs it (evaluation/eval_interview.py's figures), the texts embedded in one
    batch with the same pooling."""
    import json

    import yaml

    from assistant.analysis.relevance import MeaningJudge, MeaningModel
    from assistant.engine.llama import LlamaBackend
    from assistant.engine.resolve import embedded_model
    from evaluation.eval_interview import _relevance_figures
    from training.train_relevance import LABELS, TEST_SPLITS

    written = json.loads((cache / f"relevance-model-{pool}.json").read_text(encoding="utf-8"))
    model = MeaningModel.model_validate(written["models"][0])
    backend = LlamaBackend(str(embedded_model()))
    judge = MeaningJudge(model, lambda texts: backend.embed(list(texts), layers=model.layers))
    items = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["answers"]
    test = [it for it in items if it["split"] in TEST_SPLITS]
    judge.prepare([t for it in test for t in (it["question"], it["answer"])])
    _relevance_figures({"answers": test}, judge, f"pooling {pool}, the splits never learned from")


def tone_writers(pool: str, cache: Path) -> None:
    """The shortest of soften's held-out figures, for when `tone` takes too long: the
    embedding + lexical classifier at the shipped strengths (tone_model.json's lexical and
    embedding L2, not chosen again), each writer held out, at the shipped threshold; and the
    judge as shipped (its cascade band, the lexical model's out-of-fold file `tone` wrote)."""
    import json

    import numpy as np

    from assistant.analysis.desperation import MODEL_FILE, lexical_features
    from assistant.engine.llama import LlamaBackend
    from assistant.engine.resolve import embedded_model
    from assistant.paths import data_path
    from training import train_tone as tone

    shipped = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    entry = shipped["embedding"][-1]
    rows = tone.labelled_rows()
    texts = [t for t, _, _ in rows]
    y = np.array([label for _, label, _ in rows], dtype=float)
    writers = tone.writer_folds([g for _, _, g in rows])
    lex = np.array([lexical_features(t) for t in texts])
    emb = tone.embeddings(texts, LlamaBackend(str(embedded_model())))
    x = np.hstack([lex, emb])
    l2 = np.concatenate(
        [np.full(lex.shape[1], shipped["lexical"]["l2"]), np.full(emb.shape[1], entry["l2"])]
    )
    print(f"pooling {pool}: L2 {shipped['lexical']['l2']} / {entry['l2']} (as shipped)")
    authors = tone.writer_probs(x, y, l2, writers)
    tone.report_writers("embedding + lexical", authors, y, writers, tone.DRAFT_THRESHOLD)
    lexical = np.load(cache / f"lexical-oof-{pool}.npz")
    tone.shipped_on_writers(lexical, authors[0], tone.DRAFT_THRESHOLD, entry["cascade"], y)


def timing(n: int) -> None:
    """Milliseconds per text, one text per call, for each pooling (the cut model of the judges)."""
    from assistant.engine.llama import EMBED_TOKENS, cut_model
    from assistant.engine.llama_embed import Embedder
    from assistant.engine.resolve import embedded_model
    from training.train_relevance import LAYERS, labelled
    from training.train_tone import labelled_rows

    path = cut_model(str(embedded_model()), LAYERS)
    sets = {
        "practice answers": [it["answer"] for it in labelled()][:n],
        "soften sentences": [t for t, _, _ in labelled_rows()][:n],
    }
    for pool in POOLS:
        embedder = pooled(Embedder(path, EMBED_TOKENS, 1), pool)
        embedder.embed(["warm up"])
        for name, texts in sets.items():
            tokens = sum(len(embedder.tokenize(t)) for t in texts) / len(texts)
            start = time.perf_counter()
            for text in texts:
                embedder.embed([text])
            ms = (time.perf_counter() - start) * 1000 / len(texts)
            print(f"{pool:6} {name}: {ms:.1f} ms per text ({tokens:.1f} tokens on average)")
        embedder.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "judge", choices=("relevance", "relevance-test", "tone", "tone-writers", "time")
    )
    parser.add_argument("n", nargs="?", type=int, default=200, help="texts to time (`time`)")
    parser.add_argument("--pool", choices=POOLS, default="mean")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/rebound-embed-pooling"))
    args = parser.parse_args(argv)
    if args.judge == "time":
        timing(args.n)
        return 0
    use_pool(args.pool, args.cache, args.judge)
    print(f"pooling: {args.pool}")
    if args.judge == "relevance":
        from training import train_relevance

        code = train_relevance.main()
        if code == 0:
            test_splits(args.pool, args.cache)
        return code
    if args.judge == "tone-writers":
        tone_writers(args.pool, args.cache)
        return 0
    if args.judge == "relevance-test":
        test_splits(args.pool, args.cache)
        return 0
    from training import train_tone

    return train_tone.main([])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
