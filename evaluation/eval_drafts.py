"""Drafts a career coach would sign (issue 17): feedback, recruiter and network drafts on the
hand-written notes in evaluation/labels/drafts/notes/, scored against labels.yaml beside them.

Per command, on the tune and held-out files separately:
- pasted: sentences that copy a note fragment (the labelled shorthand, or shorthand marks such
  as "+ me", "w/", "re:", "went well");
- wrong greeting / wrong thanks: the greeting is not the reader, a thank-you names someone else,
  or thanks the wrong relationship (an in-house recruiter "for putting me forward", a hiring
  manager "for your support throughout the process");
- third person: the reader is named in the body other than when addressed ("Thank you, Denise,");
- false refusals: sentences judged good (labels `good`) that the guard refused, given to the
  guard as a small model's slot sentence (a fake backend answers with the sentence).

`python -m evaluation.eval_drafts --model` also drafts with the embedded model (slow: about a
minute) and prints kept / tried per command and every kept sentence, for judging by hand."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import yaml

from evaluation.common import LABELS

HERE = LABELS / "drafts"
COMMANDS = ("feedback", "feedback-recruiter", "recruiter", "network")
_READER = {"feedback-recruiter": "recruiter"}  # whose reader a command shares
# shorthand marks in any draft ("went well" is no mark: "I felt the interview went well" reads;
# the labels carry the pasted verdicts, "display went well", "went well, I kept")
_SHORTHAND = re.compile(r"(?:\s\+\s|\bw/|\bre:|\bqs\b|\s->\s)", re.I)
_WRONG_THANKS = {
    # relationship -> phrases that thank someone for what that person did not do
    "in-house": ("putting me forward",),
    "hiring-manager": ("support throughout the process", "letting me know the decision from"),
}


def load() -> dict:
    return yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))["files"]


def draft(command: str, path: Path, backend=None):
    """The draft of one command on one notes file: (greeting line, body sentences, result)."""
    from assistant.inputs.notes import read_notes
    from assistant.tasks.feedback import FeedbackRequest, draft_feedback
    from assistant.tasks.network import NetworkRequest, draft_network_note
    from assistant.tasks.recruiter import draft_recruiter_update

    notes = read_notes(path)
    if command == "feedback":
        return draft_feedback(FeedbackRequest(notes=notes), backend)
    if command == "feedback-recruiter":  # feedback --recipient recruiter
        return draft_feedback(FeedbackRequest(notes=notes, recipient="recruiter"), backend)
    if command == "recruiter":
        return draft_recruiter_update(notes, backend)
    return draft_network_note(NetworkRequest(notes=notes), backend)


def parts(body: str) -> tuple[str, list[str]]:
    from assistant.analysis.message import split_message

    split = split_message(body)
    greeting = split.greeting.text if split.greeting else ""
    return greeting, [s.text for para in split.paragraphs for s in para]


def _first(name: str) -> str:
    words = name.replace(".", "").split()
    return (
        words[-1] if words and words[0].lower() in ("mr", "mrs", "ms", "dr", "prof") else words[0]
    )


def _all_readers(label: dict) -> list[str]:
    return [_first(r) for r in label["reader"].values() if r]


def score(command: str, body: str, label: dict) -> Counter:
    """What is wrong with one draft, counted by kind (0 for each kind when nothing is)."""
    out = Counter(pasted=0, greeting=0, thanks=0, third_person=0)
    reader = label["reader"][_READER.get(command, command)]
    greeting, sentences = parts(body)
    if reader.split()[-1] not in greeting:
        out["greeting"] += 1
    kind = label.get("recruiter_kind") if command != "feedback" else None
    if command == "feedback" and reader not in (label["reader"].get("recruiter") or "-"):
        kind = "hiring-manager"
    first = _first(reader)
    # a fragment naming someone (the "Denise liked my" kind) is pasting only to that person:
    # to the recruiter, "Denise liked my story" is the right third person
    fragments = [
        f
        for f in label["fragments"]
        if not any(o in f for o in [*label.get("others", []), *_all_readers(label)] if o != first)
    ]
    for sentence in sentences:
        low = sentence.lower()
        if any(f.lower() in low for f in fragments) or _SHORTHAND.search(sentence):
            out["pasted"] += 1
        others = [o for o in [*label.get("others", []), *_all_readers(label)] if o != first]
        thanked = re.findall(r"\b(?i:thank you|thanks|thank)\s*,?\s+([A-Z][\w'-]*)", sentence)
        if "thank" in low and (
            any(name in others for name in thanked)
            or any(p in low for p in _WRONG_THANKS.get(kind or "", ()))
        ):
            out["thanks"] += 1
        # "Thank you, Denise," and "Thank you, Mr. Hughes," are to them
        named = re.sub(
            rf",\s*(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?{re.escape(first)}\s*,", ",", sentence
        )
        if re.search(rf"\b{re.escape(first)}\b", named):
            out["third_person"] += 1
    return out


def false_refusals(command: str, path: Path, sentence: str) -> tuple[Optional[bool], str]:
    """Whether the guard refused a good slot sentence, and why; None when the task did not ask
    the model at all (no detail in the notes makes a sentence: the template is used)."""
    from assistant.engine.fake import FakeBackend

    backend = FakeBackend([sentence, sentence])
    result = draft(command, path, backend)
    if not backend.calls:
        return None, result.generation.notice or ""
    return result.generation.source != "model", result.generation.notice or ""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    labels = load()
    print(f"{len(labels)} notes files in {HERE.relative_to(LABELS.parent.parent)}/notes")
    refusals: list[str] = []
    for split in ("tune", "held-out"):
        names = [n for n, lab in labels.items() if lab["held_out"] == (split == "held-out")]
        print(f"\n{split} ({len(names)} files)")
        print(
            f"  {'command':18} {'drafts':>6} {'pasted':>6} {'greeting':>8} {'thanks':>6} "
            f"{'3rd-person':>10} {'false refusals':>15}"
        )
        for command in COMMANDS:
            totals, drafts, good, refused, not_asked = Counter(), 0, 0, 0, 0
            for name in names:
                label = labels[name]
                if not label["reader"][_READER.get(command, command)]:
                    continue
                path = HERE / "notes" / name
                result = draft(command, path)
                drafts += 1
                totals += score(command, result.body, label) + Counter()
                sentence = label["good"].get(command)
                if sentence:
                    was_refused, why = false_refusals(command, path, sentence)
                    if was_refused is None:
                        not_asked += 1
                        continue
                    good += 1
                    if was_refused:
                        refused += 1
                        refusals.append(f"  {command} {name}: {why}")
            print(
                f"  {command:18} {drafts:>6} {totals['pasted']:>6} {totals['greeting']:>8} "
                f"{totals['thanks']:>6} {totals['third_person']:>10} {refused:>8} of {good:<4}"
                + (f" ({not_asked} not asked: no detail)" if not_asked else "")
            )
    if refusals:
        print("\nguard refusals of sentences judged good:")
        print("\n".join(refusals))
    if "--model" in argv:
        model_run(labels)
    return 0


def model_run(labels: dict) -> None:
    """Kept / tried per command with the embedded model, and how many kept sentences I judged
    good (labels/drafts/model_judgments.yaml); every kept sentence not judged there is printed."""
    from assistant.engine.select import open_engine
    from assistant.engine.settings import EngineSettings

    backend = open_engine(EngineSettings()).backend
    if backend is None:
        print("\nno model: the --model run is skipped")
        return
    judged = yaml.safe_load((HERE / "model_judgments.yaml").read_text(encoding="utf-8")) or {}
    print(f"\nwith {backend.info().name}:")
    for command in COMMANDS:
        kept = tried = good = unjudged = 0
        wrong = Counter()
        for name, label in labels.items():
            if not label["reader"][_READER.get(command, command)]:
                continue
            result = draft(command, HERE / "notes" / name, backend)
            tried += 1
            problems = score(command, result.body, label)
            wrong += problems
            if +problems:
                print(f"  {command} {name}: {dict(+problems)}: {result.body!r}")
            if result.generation.source != "model":
                continue
            kept += 1
            judgment = judged.get(command, {}).get(name)
            if judgment and judgment["sentence"] in result.body:
                good += bool(judgment["good"])
            else:
                unjudged += 1
                print(f"  unjudged {command} {name}: {result.body!r}")
        print(
            f"  {command:18} kept {kept:>2} of {tried:<2} judged good {good:>2} of {kept:<2}"
            + (f" ({unjudged} unjudged)" if unjudged else "")
            + f"; every draft: pasted {wrong['pasted']}, wrong greeting {wrong['greeting']}, "
            f"wrong thanks {wrong['thanks']}, 3rd person {wrong['third_person']}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
