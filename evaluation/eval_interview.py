"""`rebound interview` and `rebound practice` on real job ads (../shared/data/outside/jobs/).

Prints:
1. the occupation family classifier's accuracy against hand labels
   (evaluation/labels/interview/occupations.csv), tune and held-out separately;
2. for the hand-judged sample of ads (evaluation/labels/interview/question_judgments.yaml), the
   share of the ten questions that belong to the job's field, how many come from another field's
   bank, how many paste a run of eight or more words from the ad, and whether each question's
   follow-up fits it; questions not judged yet are counted (a judgment is keyed by the text);
   the first pass's 22 ads and each random sample drawn since (fresh to fresh6) apart; then all
   78 ads as blind judges saw them (question_judgments_blind.yaml for the ads judged before
   session 31), with how often the two judgments of those ads agree; then the same with every
   set's company question as judged again, one way for all 78 (company_rejudge.yaml, session 38);
   then, of the questions that show an ad line as their reason, how many lines are a reason to
   ask them (reason_judgments.yaml, judged blind in session 42), tune and held-out apart; and,
   with each ad's resume of the keyword labels, how many questions on what the resume does not
   show an interviewer could say as written (gap_wording_judgments.yaml, session 42);
3. practice's relevance detection on hand-labelled answers
   (evaluation/labels/interview/practice_answers.yaml): relevant vs off-topic, by split (tune,
   tune2, held-out, fresh, fresh2, ... and any split the file holds, each on its own line), each
   answer judged against its question and the
   banks (no session).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import yaml

from evaluation.common import JOBS, LABELS, RESUMES, require_outside

HERE = LABELS / "interview"
COUNT = 10
PASTE_WORDS = 8  # a run of this many words from the ad counts as pasting it


# The random samples of ads drawn after the first pass (question_judgments.yaml, `<name>_sample`),
# each reported apart, in the file's order.
SAMPLE_TITLES = {
    "fresh_sample": "a FRESH random sample, judged after the fallback was built",
    "fresh2_sample": "a FRESH2 random sample (round 2), judged after the round-2 changes",
    "fresh3_sample": "a FRESH3 random sample (round 3), judged after the round-3 changes",
    "fresh4_sample": "a FRESH4 random sample (round 4), judged after the round-4 changes",
    "fresh5_sample": "a FRESH5 random sample (session 31), judged blind by a helper",
    "fresh6_sample": "FRESH6, the 14 ads never judged before (session 31), judged blind by a helper",
}


def occupation_labels() -> list[dict]:
    with open(HERE / "occupations.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _result(path: Path):
    from assistant.inputs.job import read_job
    from assistant.tasks.interview import InterviewRequest, build_questions

    return build_questions(InterviewRequest(job=read_job(str(path)), count=COUNT))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def pastes(question: str, ad: str) -> bool:
    """Whether the question repeats a run of PASTE_WORDS words of the ad."""
    q, ad_text = _words(question), " " + " ".join(_words(ad)) + " "
    return any(
        " " + " ".join(q[i : i + PASTE_WORDS]) + " " in ad_text
        for i in range(len(q) - PASTE_WORDS + 1)
    )


def family_accuracy(rows: list[dict], results: dict) -> None:
    print("Occupation family (hand labels, 78 real ads):")
    for split in ("tune", "held-out"):
        part = [r for r in rows if r["split"] == split]
        right = [r for r in part if results[r["file"]].role_family == r["family"]]
        print(f"  {split:9} {len(right)}/{len(part)} = {100 * len(right) / len(part):.0f}%")
    wrong = [
        f"{r['file']}: {results[r['file']].role_family} (label {r['family']})"
        for r in rows
        if results[r["file"]].role_family != r["family"]
    ]
    right = len(rows) - len(wrong)
    print(f"  all       {right}/{len(rows)} = {100 * right / len(rows):.0f}%")
    for line in wrong:
        print(f"    wrong: {line}")


def question_fit(rows: list[dict], results: dict) -> None:
    judged = yaml.safe_load((HERE / "question_judgments.yaml").read_text(encoding="utf-8")) or {}
    samples = {k: set(judged.pop(k) or []) for k in [k for k in judged if k.endswith("_sample")]}
    drawn = set().union(*samples.values())
    old = {f: m for f, m in judged.items() if f not in drawn}
    _judged_fit("the 22 hand-judged ads of issue 16's first pass", old, rows, results)
    for key, sample in samples.items():
        title = SAMPLE_TITLES.get(key, f"the {key.removesuffix('_sample').upper()} random sample")
        _judged_fit(title, {f: judged.get(f) for f in sorted(sample)}, rows, results)
    family = {r["file"]: r["family"] for r in rows}
    other = Counter()
    unsure = []
    for r in rows:
        result = results[r["file"]]
        if not result.role_sure:
            unsure.append(f"{r['file']} ({' or '.join(result.role_candidates)})")
        for q in result.questions:
            bank = q.bank_family
            other[r["split"]] += bool(bank) and bank not in (family[r["file"]], "general")
    print(
        f"\nAll 78 ads, from another field's bank (mechanical, no judgment needed): "
        f"tune {other['tune']}, held-out {other['held-out']}"
    )
    print(f"  unsure of the field, questions from the ad's duties and general ones: {len(unsure)}")
    for line in unsure:
        print(f"    unsure: {line}")


def _judged_fit(title: str, judged: dict, rows: list[dict], results: dict) -> None:
    family = {r["file"]: r["family"] for r in rows}
    totals = Counter()
    unjudged: list[str] = []
    under: list[str] = []
    for file, marks in judged.items():
        marks = marks or {}
        result = results[file]
        ad = (JOBS / file).read_text(encoding="utf-8", errors="replace")
        belong = 0
        for q in result.questions:
            totals["questions"] += 1
            totals["pasted"] += pastes(q.text, ad)
            bank = getattr(q, "bank_family", None)
            if bank and bank not in (family[file], "general"):
                totals["other-bank"] += 1
            mark = marks.get(q.text)
            if mark is None:
                unjudged.append(f"{file}: {q.text}")
                continue
            totals["judged"] += 1
            ok = mark.get("belongs") if isinstance(mark, dict) else bool(mark)
            belong += bool(ok)
            if isinstance(mark, dict) and q.follow_up and "follow_up_fits" in mark:
                totals["follow-ups"] += 1
                totals["follow-ups fit"] += bool(mark["follow_up_fits"])
        totals["belong"] += belong
        totals["ads"] += 1
        totals["ads with >= 8"] += belong >= 8
        if belong < 8:
            under.append(f"{file} ({result.role_family}): {belong}/{len(result.questions)}")
    n = totals["judged"] or 1
    print(f"\nQuestions on {title}: {totals['ads']} ads ({COUNT} each, no resume or notes):")
    print(
        f"  belong to the job's field: {totals['belong']}/{totals['judged']} = "
        f"{100 * totals['belong'] / n:.0f}%; ads with at least 8 of 10: "
        f"{totals['ads with >= 8']}/{totals['ads']}"
    )
    print(f"  from another field's bank: {totals['other-bank']}")
    print(f"  paste {PASTE_WORDS}+ words of the ad: {totals['pasted']}/{totals['questions']}")
    for line in under:
        print(f"    under 8: {line}")
    if totals["follow-ups"]:
        print(f"  follow-ups that fit: {totals['follow-ups fit']}/{totals['follow-ups']}")
    if unjudged:
        print(f"  NOT JUDGED YET: {len(unjudged)} question(s)")
        for line in unjudged:
            print(f"    ? {line}")


def _embedded_judge(data: dict):
    """The embedded model's relevance judge with every labelled text embedded in one batch, or
    None (no model, no shipped entry, or no embeddings in this engine)."""
    from assistant.engine.resolve import embedded_model
    from assistant.tasks.practice import session_judge

    path = embedded_model()
    if not path:
        return None
    from assistant.engine.llama import LlamaBackend

    texts = [t for item in data["answers"] for t in (item["question"], item["answer"])]
    return session_judge(LlamaBackend(str(path)), texts)


def relevance() -> None:
    data = yaml.safe_load((HERE / "practice_answers.yaml").read_text(encoding="utf-8"))
    _relevance_figures(data, None, "words only (no model)")
    judge = _embedded_judge(data)
    if judge is None:
        print("  with the embedded model's embeddings: not available in this engine")
    else:
        learned = ", ".join(judge.model.splits)
        how = f"words and meaning (the embedded model; its means and thresholds learned from {learned})"
        _relevance_figures(data, judge, how)


def _splits(names) -> list[str]:
    """Every split the labels hold, each once: tune ones first, then held-out, then the fresh
    ones in their order (fresh, fresh2, ..., fresh10), then any other; a split added later
    (fresh6) is printed without a change here."""

    def order(name: str) -> tuple:
        digits = re.sub(r"\D", "", name)
        kind = 0 if name.startswith("tune") else 1 if name == "held-out" else 2
        if not name.startswith(("tune", "fresh")) and name != "held-out":
            kind = 3
        return (kind, int(digits or 0), name)

    return sorted(set(names), key=order)


def _relevance_figures(data: dict, judge, how: str) -> None:
    from assistant.analysis.answers import critique

    counts = Counter()
    for item in data["answers"]:
        found = critique(item["answer"], [], question=item["question"], judge=judge).findings
        said_off = any(f.code == "off-topic" for f in found)
        truly_off = item["label"] == "off-topic"
        counts[(item["split"], truly_off, said_off)] += 1
    print(f"\nPractice: relevant vs off-topic answers (hand labels), {how}:")
    for split in _splits(item["split"] for item in data["answers"]):
        tp, fn = counts[(split, True, True)], counts[(split, True, False)]
        tn, fp = counts[(split, False, False)], counts[(split, False, True)]
        total = tp + fn + tn + fp
        print(
            f"  {split:9} right {tp + tn}/{total}; off-topic caught {tp}/{tp + fn}; "
            f"relevant called off-topic {fp}/{tn + fp}"
        )


# The samples whose judgments in question_judgments.yaml were made blind (session 31 on): a helper
# who read only the ads, the questions and the brief. The other ads were judged again the same
# way in question_judgments_blind.yaml, so one judge's standard covers every ad.
BLIND_SAMPLES = ("fresh5_sample", "fresh6_sample")


def _blind_marks(rows: list[dict]) -> tuple[dict, set, dict]:
    """The first judgments, the ads sampled blind in them, and each ad's blind marks."""
    first = yaml.safe_load((HERE / "question_judgments.yaml").read_text(encoding="utf-8")) or {}
    blind_ads = set().union(*(set(first.get(k) or []) for k in BLIND_SAMPLES))
    second = yaml.safe_load((HERE / "question_judgments_blind.yaml").read_text(encoding="utf-8"))
    blind = {
        r["file"]: first.get(r["file"]) if r["file"] in blind_ads else second.get(r["file"])
        for r in rows
    }
    return first, blind_ads, blind


def company_rejudge(rows: list[dict], results: dict) -> None:
    """Session 38's uniform second judgment of every set's company question
    (company_rejudge.yaml): how often it agrees with the marks, and the figures with it."""
    again = yaml.safe_load((HERE / "company_rejudge.yaml").read_text(encoding="utf-8")) or {}
    _, _, blind = _blind_marks(rows)
    marks, same, judged, belong = {}, 0, 0, [0, 0]
    for file, ad_marks in blind.items():
        ad_marks = dict(ad_marks or {})
        entry = again.get(file)
        if entry and entry["question"] in ad_marks:
            judged += 1
            before = bool(ad_marks[entry["question"]]["belongs"])
            same += before == entry["belongs"]
            belong[0] += before
            belong[1] += entry["belongs"]
            ad_marks[entry["question"]] = entry
        marks[file] = ad_marks
    print(
        f"\nThe company question judged again, one way for all the sets (session 38): "
        f"{belong[1]}/{judged} belong (the marks above: {belong[0]}/{judged}); "
        f"the same call {same}/{judged}. With these marks:"
    )
    _judged_fit("all the ads, the company question judged again", marks, rows, results)


def blind_fit(rows: list[dict], results: dict) -> None:
    """The questions of all the ads as blind judges saw them (`_judged_fit`), and how often the
    blind second judgment of the earlier ads agrees with their first."""
    first, blind_ads, blind = _blind_marks(rows)
    _judged_fit("all the ads, every one judged blind by helpers", blind, rows, results)
    agree = Counter()
    for file, marks in blind.items():
        if file in blind_ads:
            continue
        for q in results[file].questions:
            before, mark = (first.get(file) or {}).get(q.text), (marks or {}).get(q.text)
            if before is None or mark is None:
                continue
            agree["pairs"] += 1
            agree["same"] += bool(before["belongs"]) == bool(mark["belongs"])
            agree["first only"] += bool(before["belongs"]) and not mark["belongs"]
            agree["blind only"] += bool(mark["belongs"]) and not before["belongs"]
    print(
        f"  the earlier ads judged twice: the same call {agree['same']}/{agree['pairs']}; "
        f"belongs to the first judge only {agree['first only']}, to the blind one only "
        f"{agree['blind only']}"
    )


def reason_fit(rows: list[dict], results: dict) -> None:
    """The ad lines the questions show as their reason ("The job says: ..."), as blind judges
    saw them (reason_judgments.yaml, session 42): how many are a reason to ask the question, by
    split, and any line cited that no judge has seen."""
    judged = yaml.safe_load((HERE / "reason_judgments.yaml").read_text(encoding="utf-8")) or {}
    counts, unjudged = Counter(), []
    for row in rows:
        marks = {(m["question"], m["cited"]): m["fits"] for m in judged.get(row["file"]) or []}
        for q in results[row["file"]].questions:
            if not q.source_line:
                continue
            fits = marks.get((q.text, q.source_line))
            if fits is None:
                unjudged.append(f"{row['file']}: {q.text} <- {q.source_line[:80]}")
                continue
            counts[(row["split"], "judged")] += 1
            counts[(row["split"], "yes")] += fits
    _print_judged(
        "Questions that show an ad line as their reason, the line judged blind (session 42):",
        "a reason to ask the question",
        counts,
        unjudged,
    )


def _print_judged(title: str, what: str, counts: Counter, unjudged: list[str]) -> None:
    """Blind marks counted by split (`counts`: (split, "yes") and (split, "judged")), and what
    no judge has seen yet."""
    print(f"\n{title}")
    for split in ("tune", "held-out"):
        yes, judged = counts[(split, "yes")], counts[(split, "judged")]
        print(f"  {split:9} {what}: {yes}/{judged} = {yes / max(judged, 1):.0%}")
    if unjudged:
        print(f"  NOT JUDGED YET: {len(unjudged)}")
        for line in unjudged:
            print(f"    ? {line}")


def gap_wording(rows: list[dict]) -> None:
    """The questions on what the resume does not show (`gap`), for each ad paired with a resume of
    its field in the keyword labels (evaluation/labels/keywords/), as blind judges saw them
    (gap_wording_judgments.yaml, session 42): how many an interviewer could say as written, by
    the ad's split (occupations.csv), and any question no judge has seen."""
    from assistant.inputs.job import read_job
    from assistant.inputs.resume import read_resume
    from assistant.tasks.interview import InterviewRequest, build_questions
    from evaluation.eval_keywords import load_labels

    judged = yaml.safe_load((HERE / "gap_wording_judgments.yaml").read_text(encoding="utf-8"))
    split = {r["file"]: r["split"] for r in rows}
    counts, unjudged = Counter(), []
    for label in load_labels():
        marks = {m["question"]: m["natural"] for m in judged.get(label["ad"]) or []}
        request = InterviewRequest(
            job=read_job(str(JOBS / label["ad"])),
            resume_text=read_resume(str(RESUMES / label["resume"])).text,
            count=COUNT,
        )
        for q in build_questions(request).questions:
            if q.kind != "gap":
                continue
            natural = marks.get(q.text)
            if natural is None:
                unjudged.append(f"{label['ad']}: {q.text}")
                continue
            counts[(split[label["ad"]], "judged")] += 1
            counts[(split[label["ad"]], "yes")] += natural
    _print_judged(
        "Questions on what the resume does not show (ads paired with a resume in the keyword "
        "labels), judged blind (session 42):",
        "an interviewer could say it so",
        counts,
        unjudged,
    )


def main() -> int:
    require_outside()
    rows = occupation_labels()
    results = {r["file"]: _result(JOBS / r["file"]) for r in rows}
    family_accuracy(rows, results)
    question_fit(rows, results)
    blind_fit(rows, results)
    company_rejudge(rows, results)
    reason_fit(rows, results)
    gap_wording(rows)
    relevance()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
