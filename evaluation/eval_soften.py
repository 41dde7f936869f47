"""`soften` on labelled drafts and sentences (issue 15): the desperation judge with and without
the model, against the old phrase list.

TUNE (tune.yaml, whose sentences training also learns from), OLD HELD-OUT (heldout.yaml), the
independent sets fresh.yaml to fresh60.yaml (each labelled and committed before the judge was run
on it, measured once, then seen; since session 27 training learns from them too: TRAINED_SETS in
training/train_tone.py), the sets added later (never trained or tuned on: the honest figure) and
the fixtures (fixtures/followups) are reported apart.
Figures: draft-score AUC (desperate vs calm drafts), sentence recall and false-alarm rate,
the share of desperate sentences that survive in the calm version (word for word, and judged
still desperate by the same judge), calm drafts left alone, and names/facts kept. A draft's
sentences are judged together, so that inside a draft the judge finds desperate the context
threshold applies (session 24); each sentence flagged for its context alone is printed.

    .venv/bin/python -m evaluation soften
    python evaluation/eval_soften.py [--no-model] [--sets tune,old,fresh,...,fresh64,fixtures]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Optional

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.analysis.message import split_message  # noqa: E402
from assistant.analysis.tone import analyze, find_signals  # noqa: E402
from assistant.tasks.soften import SoftenRequest, judge_with, soften  # noqa: E402
from evaluation.common import LABELS, ROOT, auc  # noqa: E402
from training.train_tone import TRAINED_SETS  # noqa: E402

SOFTEN = LABELS / "soften"
FIXTURES = ROOT / "fixtures" / "followups"


def squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def load(name: str) -> dict:
    return yaml.safe_load((SOFTEN / name).read_text(encoding="utf-8"))


def draft_sentences(draft: dict) -> list[tuple[str, int]]:
    desperate = {squash(s) for s in draft.get("desperate", [])}
    spans = [squash(s.text) for p in split_message(draft["text"]).paragraphs for s in p]
    missing = desperate - set(spans)
    if missing:
        raise SystemExit(f"{draft['id']}: labelled sentences not in the draft: {missing}")
    return [(s, int(s in desperate)) for s in spans]


def check_labels(drafts: list[dict]) -> None:
    for d in drafts:
        absent = [k for k in d.get("keep", []) if k not in d["text"]]
        if absent:
            raise SystemExit(f"{d['id']}: `keep` lists what the draft does not say: {absent}")


class Engine:
    """One way of judging: the old phrase list, or soften with or without the model."""

    def __init__(self, name: str, backend=None, phrases: bool = False):
        self.name, self.backend, self.phrases = name, backend, phrases
        self.judge = None if phrases else judge_with(backend)

    def sentence_flags(self, groups: list[list[str]]) -> list[bool]:
        """Each sentence's flag, a group at a time: a draft's sentences together (the context
        threshold applies inside a draft the judge finds desperate), a single sentence alone."""
        if self.phrases:
            return [bool(find_signals(s)) for group in groups for s in group]
        probs = self.judge.probabilities([s for group in groups for s in group])
        flags, start = [], 0
        for group in groups:
            flags += self.judge.flags(probs[start : start + len(group)])
            start += len(group)
        return flags

    def draft(self, d: dict):
        if self.phrases:
            return analyze(d["text"]).score, None
        result = soften(
            SoftenRequest(text=d["text"], to=d.get("to"), company=d.get("company")), self.backend
        )
        return result.score, result


def sentence_figures(engine: Engine, groups: list[list[tuple[str, int]]]) -> list[str]:
    rows = [row for group in groups for row in group]
    flags = engine.sentence_flags([[s for s, _ in group] for group in groups])
    pos = [f for f, (_, y) in zip(flags, rows) if y]
    neg = [f for f, (_, y) in zip(flags, rows) if not y]
    lines = [
        f"sentence recall {sum(pos)}/{len(pos)} = {sum(pos) / max(1, len(pos)):.2f}, "
        f"false alarms {sum(neg)}/{len(neg)} = {sum(neg) / max(1, len(neg)):.2f} "
        f"({len(rows)} sentences)"
    ]
    if not engine.phrases:
        lines += [f"  missed: {s}" for f, (s, y) in zip(flags, rows) if y and not f]
        lines += [f"  false alarm: {s}" for f, (s, y) in zip(flags, rows) if f and not y]
    return lines


def draft_figures(engine: Engine, drafts: list[dict], labelled: bool = True) -> list[str]:
    scores = {"desperate": [], "calm": []}
    survived = judged = total = 0
    left_alone = calm_total = 0
    kept = keep_total = 0
    context = {1: 0, 0: 0}  # sentences flagged only for the pressure around them, by label
    slowest = 0.0
    survivors: list[str] = []
    for d in drafts:
        start = time.perf_counter()
        score, result = engine.draft(d)
        slowest = max(slowest, time.perf_counter() - start)
        scores[d["label"]].append(score)
        if result is None:
            continue
        rewrite = squash(result.rewrite)
        if d["label"] == "calm":
            calm_total += 1
            left_alone += rewrite == squash(d["text"])
            survivors += [f"{d['id']} (calm draft) flagged: {s}" for s in result.flagged]
        for k in d.get("keep", []):
            keep_total += 1
            kept += squash(k) in rewrite
            if squash(k) not in rewrite:
                survivors.append(f"{d['id']}: lost: {k}")
        if labelled:
            desperate = {squash(s) for s in d.get("desperate", [])}
            for sentence in result.context:
                context[int(squash(sentence) in desperate)] += 1
                survivors.append(f"{d['id']}: read as part of the pressure around it: {sentence}")
        if labelled and d["label"] == "desperate":
            flagged = {squash(s) for s in result.flagged}
            for sentence in d.get("desperate", []):
                total += 1
                # kept: not flagged (then it is in the calm version, at most with ! calmed)
                if squash(sentence) in rewrite or squash(sentence) not in flagged:
                    survived += 1
                    survivors.append(f"{d['id']}: survived: {sentence}")
            judged += len(result.still_needy)
    lines = [
        f"draft-score AUC {auc(scores['desperate'], scores['calm']):.3f} "
        f"({len(scores['desperate'])} desperate, {len(scores['calm'])} calm drafts; "
        f"lowest desperate {min(scores['desperate'], default=0)}, "
        f"highest calm {max(scores['calm'], default=0)})"
    ]
    if engine.phrases:
        return lines
    if total:
        lines.append(
            f"desperate sentences surviving the calm version: {survived}/{total} = "
            f"{survived / total:.2f} (gone: {1 - survived / total:.2f}); "
            f"calm-version sentences the judge still flags: {judged}"
        )
    lines += [f"  {s}" for s in survivors]
    if labelled:
        lines.append(
            f"flagged only as part of the pressure around them: {context[1]} desperate, "
            f"{context[0]} calm sentences"
        )
    if calm_total:
        lines.append(f"calm drafts left alone: {left_alone}/{calm_total}")
    if keep_total:
        lines.append(f"names and facts kept: {kept}/{keep_total} = {kept / keep_total:.2f}")
    lines.append(f"slowest draft: {slowest:.2f} s")
    return lines


def fixture_drafts() -> list[dict]:
    return [
        {"id": p.name, "label": kind, "text": p.read_text(encoding="utf-8")}
        for kind in ("desperate", "calm")
        for p in sorted((FIXTURES / kind).glob("*.txt"))
    ]


def model_backend() -> Optional[object]:
    from assistant.engine.llama import LlamaBackend
    from assistant.engine.resolve import embedded_model

    path = embedded_model()
    return LlamaBackend(str(path)) if path else None


SETS = {
    "tune": "tune.yaml",
    "old": "heldout.yaml",
    "fresh": "fresh.yaml",
    "fresh2": "fresh2.yaml",
    "fresh3": "fresh3.yaml",
    "fresh4": "fresh4.yaml",
    "fresh5": "fresh5.yaml",
    "fresh6": "fresh6.yaml",
    "fresh7": "fresh7.yaml",  # added after round 7's judge was frozen (b04fdea)
    "fresh8": "fresh8.yaml",  # added after round 8's judge was frozen (6d1d28a)
    "fresh9": "fresh9.yaml",  # added later, the same judge (6d1d28a), measured once
    "fresh10": "fresh10.yaml",  # added after the valediction change was frozen (f976255), measured once
    "fresh11": "fresh11.yaml",  # added after session 25's judge was frozen (7612c6a), measured once
    "fresh12": "fresh12.yaml",  # added after the dates rule was frozen (d688e50), measured once
    "fresh13": "fresh13.yaml",  # added later, the same judge (d688e50), measured once
    "fresh14": "fresh14.yaml",  # added later, the same judge (d688e50), measured once
    "fresh15": "fresh15.yaml",  # added after session 26's cue readings were frozen (d5ce123)
    "fresh16": "fresh16.yaml",  # added with fresh15, the same judge (d5ce123)
    "fresh17": "fresh17.yaml",  # added after the context-facts rule was frozen (97a1b21)
    "fresh18": "fresh18.yaml",  # added with fresh17, the same judge (97a1b21)
    "fresh19": "fresh19.yaml",  # added after the nine readings were frozen (44fd09e)
    "fresh20": "fresh20.yaml",  # added with fresh19, the same judge (44fd09e)
    "fresh21": "fresh21.yaml",  # added after the audits training was frozen (d1db8a9)
    "fresh22": "fresh22.yaml",  # added with fresh21, the same judge (d1db8a9)
    "fresh23": "fresh23.yaml",  # added after the unasked-work cues were frozen (f9689b2)
    "fresh24": "fresh24.yaml",  # added with fresh23, the same judge (f9689b2)
    "fresh25": "fresh25.yaml",  # added after the five misreadings were fixed (0a76f72)
    "fresh26": "fresh26.yaml",  # added with fresh25, the same judge (0a76f72)
    "fresh27": "fresh27.yaml",  # added after fresh25-26's failures were fixed (5a01069)
    "fresh28": "fresh28.yaml",  # added with fresh27, the same judge (5a01069)
    "fresh29": "fresh29.yaml",  # added after fresh27-28's failures were fixed (c7dc58a)
    "fresh30": "fresh30.yaml",  # added with fresh29, the same judge (c7dc58a)
    "fresh31": "fresh31.yaml",  # added later, the same judge (c7dc58a; 97f1907 moved examples)
    "fresh32": "fresh32.yaml",  # added with fresh31, the same judge
    "fresh33": "fresh33.yaml",  # added after fresh31-32's failures were fixed (0490648)
    "fresh34": "fresh34.yaml",  # added with fresh33, the same judge (0490648)
    "fresh35": "fresh35.yaml",  # added after fresh33-34's failures were fixed (3a81072)
    "fresh36": "fresh36.yaml",  # added with fresh35, the same judge (3a81072)
    "fresh37": "fresh37.yaml",  # added after fresh35-36's failures were fixed (9cdb6c1)
    "fresh38": "fresh38.yaml",  # added with fresh37, the same judge (9cdb6c1)
    "fresh39": "fresh39.yaml",  # added after training on the seen sets was frozen (7519b61)
    "fresh40": "fresh40.yaml",  # added with fresh39, the same judge (7519b61)
    "fresh41": "fresh41.yaml",  # added after fresh39-40's failures were fixed (0009e19)
    "fresh42": "fresh42.yaml",  # added with fresh41, the same judge (0009e19)
    "fresh43": "fresh43.yaml",  # added after fresh41-42's failures were fixed (b18d342)
    "fresh44": "fresh44.yaml",  # added with fresh43, the same judge (b18d342)
    "fresh45": "fresh45.yaml",  # added after fresh43-44's failures were fixed (8f7d42c)
    "fresh46": "fresh46.yaml",  # added with fresh45, the same judge (8f7d42c)
    "fresh47": "fresh47.yaml",  # added after fresh45-46's failures were fixed (fe8c0d6)
    "fresh48": "fresh48.yaml",  # added with fresh47, the same judge (fe8c0d6)
    "fresh49": "fresh49.yaml",  # added after fresh47-48 became training data (79549ae)
    "fresh50": "fresh50.yaml",  # added with fresh49, the same judge (79549ae)
    "fresh51": "fresh51.yaml",  # added after fresh49-50 became training data (eca82f5)
    "fresh52": "fresh52.yaml",  # added with fresh51, the same judge (eca82f5)
    "fresh53": "fresh53.yaml",  # added after fresh51-52 became training data (5e009d4)
    "fresh54": "fresh54.yaml",  # added with fresh53, the same judge (5e009d4)
    "fresh55": "fresh55.yaml",  # added after fresh53-54 became training data (fdf5ca0)
    "fresh56": "fresh56.yaml",  # added with fresh55, the same judge (fdf5ca0)
    "fresh57": "fresh57.yaml",  # added with the judge as it ships (6e04356)
    "fresh58": "fresh58.yaml",  # added with fresh57, the same judge (6e04356)
    "fresh59": "fresh59.yaml",  # added after fresh55-58 became training data (b661715)
    "fresh60": "fresh60.yaml",  # added with fresh59, the same judge (b661715)
    "fresh61": "fresh61.yaml",  # added after fresh59-60 became training data (dd0c9d0)
    "fresh62": "fresh62.yaml",  # added with fresh61, the same judge (dd0c9d0)
    "fresh63": "fresh63.yaml",  # added after fresh61-62 were measured, the same judge (dd0c9d0)
    "fresh64": "fresh64.yaml",  # added with fresh63, the same judge (dd0c9d0)
}
# fresh.yaml was measured once at the end of round 1; its failures were read in round 2, so from
# then on it is a seen set like tune (training still never reads it)
# fresh2.yaml was written by a labeller independent of the judge's author, who never saw it; it
# was added after the judge was frozen and measured once (round 2's weights); its failures were
# read in round 3. fresh3.yaml, by another independent labeller, was added after round 3's judge
# was frozen and measured once; its failures were read in round 4. fresh4.yaml, by a third
# independent labeller, was added after round 4's judge was frozen and measured once; its
# failures were read in round 5 (which tuned only the threshold on the seen sets). fresh5.yaml,
# by a fourth, was added after round 5's judge was frozen and measured once; its failures were
# read in round 6 (which chose the embedding layer on the training sentences alone and added
# three writers' training sentences). fresh6.yaml, by a fifth, was added after round 6's judge
# was frozen (5b933ba) and measured once; its failures were read in round 7 (which fixed the
# shouting signal's reading of acronyms and kept round 6's weights). fresh7.yaml, by a sixth, was
# added after round 7's judge was frozen (b04fdea) and measured once; its failures were read in
# round 8 (session 24: the draft as context). fresh8.yaml, by a seventh, was added after round 8's
# judge was frozen (6d1d28a) and measured once; its failures were read (a courtesy closing, "God
# bless.", flagged; training on courtesy closings across cultures was tried and dropped: the
# lexical threshold slid 0.61 -> 0.59 and it left 147 seen calm drafts alone against 151).
# fresh9.yaml, by an eighth, was added after that, with the same judge (6d1d28a), and measured
# once. fresh10.yaml, by a ninth, was added after a courtesy formula ending the body ("God
# bless.") was read as the closing's (f976255; the judge's weights unchanged). fresh11.yaml, by a
# tenth, was added after session 25's judge was frozen (7612c6a: the cut model in Q8_0, the
# weights retrained on its vectors, clauses that are no sentence no longer kept) and measured
# once; its failures were read (a date in a sentence with its own pressure cue is no fact to
# keep: d688e50). fresh12.yaml, by an eleventh, was added after that and measured once;
# fresh13.yaml, by a twelfth, and fresh14.yaml, by a thirteenth, after it, with the same judge;
# their failures were read in session 26 (six cue readings made exact, one quiet pressure read:
# d5ce123). fresh15.yaml and fresh16.yaml, by a fourteenth and a fifteenth, were added after that
# and measured once; their failures were read (a sentence with a cue of its own is not kept for
# its facts; "the phone call today", "sorry to hear" read as news: 97a1b21). fresh17.yaml and
# fresh18.yaml, by a sixteenth and a seventeenth, were added after that and measured once; their
# failures were read (nine more readings of quiet pressure: 44fd09e). fresh19.yaml and
# fresh20.yaml, by an eighteenth and a nineteenth, were added after that and measured once; their
# failures were read (a sentence kept without its pressing words: 62cab1b; audits, formal
# deadlines and money spent trained on, the lexical threshold chosen less greedily: d1db8a9).
# fresh21.yaml and fresh22.yaml, by a twentieth and a twenty-first, were added after that and
# measured once; their failures were read (work done unasked, free pieces, health over-shared;
# "I can join immediately" is calm: f9689b2). fresh23.yaml and fresh24.yaml, by a twenty-second and a
# twenty-third, were added after that and measured once; their failures were read (five
# misreadings: 0a76f72). fresh25.yaml and fresh26.yaml, by a twenty-fourth and a twenty-fifth,
# were added after that and measured once; their failures were read (5a01069). fresh27.yaml and
# fresh28.yaml, by a twenty-sixth and a twenty-seventh, were added after that and measured once;
# their failures were read (c7dc58a). fresh29.yaml and fresh30.yaml, by a twenty-eighth and a
# twenty-ninth, were added after that and measured once. fresh31.yaml and fresh32.yaml, by a
# thirtieth and a thirty-first, were added with the same judge, to confirm fresh29-30's figures
# (nothing was changed after fresh29-30 was measured but a refactor of where the cue families'
# examples live, which leaves every feature as it was); their failures were read (0490648).
# fresh33.yaml and fresh34.yaml, by a thirty-second and a thirty-third, were added after that and
# measured once; their failures were read (3a81072). fresh35.yaml and fresh36.yaml, by a
# thirty-fourth and a thirty-fifth, were added after that and measured once; their failures were
# read (9cdb6c1). fresh37.yaml and fresh38.yaml, by a thirty-sixth and a thirty-seventh, were added
# after that and measured once. In session 27 every set above but tune (which it always read)
# became training data (training/train_tone.py's TRAINED_SETS): their figures are on sentences
# the judge was trained on, and only sets added after that say how it does on new writers.
# fresh39.yaml and fresh40.yaml, by a thirty-eighth and a thirty-ninth, were added after that
# judge was frozen (7519b61) and measured once; their failures were read and, like the sets
# before them, they became training data. fresh41.yaml and fresh42.yaml, by a fortieth and a
# forty-first, were added after that judge was frozen (0009e19) and measured once; their
# failures were read and they became training data. fresh43.yaml and fresh44.yaml, by a
# forty-second and a forty-third, were added after that judge was frozen (b18d342) and measured
# once; their failures were read and they became training data. fresh45.yaml and fresh46.yaml,
# by a forty-fourth and a forty-fifth, were added after that judge was frozen (8f7d42c) and
# measured once; their failures were read and they became training data. fresh47.yaml and
# fresh48.yaml, by a forty-sixth and a forty-seventh, were added after that judge was frozen
# (fe8c0d6; the splitter fixed in b3349aa) and measured once; their failures were read and, in
# session 28, they became training data.
# fresh49.yaml and fresh50.yaml, by a forty-eighth and a forty-ninth, were added after that
# judge was frozen (79549ae) and measured once; their failures were read and they became
# training data.
# fresh51.yaml and fresh52.yaml, by a fiftieth and a fifty-first, were added after that judge
# was frozen (eca82f5) and measured once; their failures were read and they became training
# data.
# fresh53.yaml and fresh54.yaml, by a fifty-second and a fifty-third, were added after that judge
# was frozen (5e009d4) and measured once (fresh54's first draft, the brief's own example copied
# word for word and already in fresh4 and fresh39, was taken out before); their failures were read
# and they became training data.
# fresh55.yaml and fresh56.yaml, by a fifty-fourth and a fifty-fifth, were added after that judge
# was frozen (fdf5ca0) and measured once.
# fresh57.yaml and fresh58.yaml, by a fifty-sixth and a fifty-seventh, were added with the judge
# as it ships at the end of session 28 (fdf5ca0's weights and 6e04356's features) and measured
# once; with fresh55-56 they became training data in session 29.
# fresh59.yaml and fresh60.yaml, by a fifty-eighth and a fifty-ninth, were added after that judge
# was frozen (b661715) and measured once; their failures were read and they became training
# data.
# fresh61.yaml and fresh62.yaml, by a sixtieth and a sixty-first, were added after that judge
# was frozen (dd0c9d0, with the lone rule), never trained on, and measured once.
# fresh63.yaml and fresh64.yaml, by a sixty-second and a sixty-third, were added after
# fresh61-62 were measured, with the same frozen judge (dd0c9d0), never trained on, and measured
# once.
# Where each independent set was first seen (its failures read), by runs: from fresh2 on, a set
# takes the entry of the last run that starts at or before its number; None: never seen.
SEEN_IN: tuple[tuple[int, Optional[str]], ...] = (
    (2, "round 3"),
    (3, "round 4"),
    (4, "round 5"),
    (5, "round 6"),
    (6, "round 7"),
    (7, "round 8"),
    (8, "session 24"),
    (11, "session 25"),
    (12, "session 26"),
    (37, "session 27"),
    (49, "session 28"),
    (59, "session 29"),
    (61, None),
)


def _independent(name: str) -> str:
    number = int(name.removeprefix("fresh"))
    seen = [where for first, where in SEEN_IN if first <= number][-1]
    return f"{name} (independent, {f'seen in {seen}' if seen else 'unseen'})"


PREFIX = {
    "tune": "tune",
    "old": "OLD HELD-OUT",
    "fresh": "fresh (seen in round 2)",
    **{name: _independent(name) for name in SETS if re.fullmatch(r"fresh\d+", name)},
}


def prefix(name: str) -> str:
    """The set's name and history, and whether training reads it (TRAINED_SETS)."""
    text = PREFIX[name]
    if Path(SETS[name]).stem not in TRAINED_SETS:
        return text
    return f"{text[:-1]}; trained on)" if text.endswith(")") else f"{text} (trained on)"


def sentence_rows(labels: dict) -> list[list[tuple[str, int]]]:
    """The set's single labelled sentences, each alone, and every draft's body sentences."""
    single = labels.get("sentences", {})
    rows = [(s, 1) for s in single.get("desperate", [])]
    rows += [(s, 0) for s in single.get("calm", [])]
    return [[row] for row in rows] + [draft_sentences(d) for d in labels["drafts"]]


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = [*SETS, "fixtures"]
    if "--sets" in argv:
        chosen = argv[argv.index("--sets") + 1].split(",")
    sets = {
        name: load(SETS[name])
        for name in SETS
        if name in chosen and (SOFTEN / SETS[name]).is_file()  # a set not yet added is skipped
    }
    check_labels([d for labels in sets.values() for d in labels["drafts"]])
    engines = [Engine("old phrase list", phrases=True), Engine("without a model (lexical)")]
    if "--no-model" not in argv:
        backend = model_backend()
        if backend is None:
            print("the embedded model is not installed: no figures with the model")
        else:
            engine = Engine("with the model (embeddings + lexical)", backend)
            if engine.judge.engine != "embedding":
                print("the model gives no embeddings the shipped classifier fits")
            engines.append(engine)
    for engine in engines:
        print(f"\n-- {engine.name} --")
        for name, labels in sets.items():
            lines = sentence_figures(engine, sentence_rows(labels))
            lines += draft_figures(engine, labels["drafts"])
            print("\n".join(f"{prefix(name)}: {line}" for line in lines))
        if "fixtures" in chosen:
            for line in draft_figures(engine, fixture_drafts(), labelled=False):
                print(f"fixtures: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
