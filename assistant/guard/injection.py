"""Prompt injection: text in the user's inputs (a pasted job description, an email quoted in the
notes) that reads like instructions to the model ("ignore previous instructions and ...").

Such sentences are left out of what the model sees and of the templates, and the guard rejects
a draft that carries instructions itself or repeats what an injected instruction asked for."""

from __future__ import annotations

import re

from assistant.text import sentences, tokens

_TRIGGER = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?"
    r"(?:the\s+|your\s+|my\s+|these\s+|those\s+)?"
    r"(?:previous|prior|above|earlier|preceding|original|system|other|former)?\s*"
    r"(?:instructions?|prompts?|directions?|rules|guidelines)\b"
    r"|\byou are now\b|\bfrom now on,? you\b|\bnew (?:instructions?|task|rules)\s*:"
    r"|\bsystem prompt\b|\bpretend (?:to be|you are)\b"
    r"|\binstead,? (?:write|say|output|reply|respond|print)\b"
    r"|<\|?(?:im_start|im_end|system|assistant)\|?>|\[/?INST\]",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^[\s,;:.\-–—]*(?:and|then|instead|now)?[\s,;:.\-–—]*", re.IGNORECASE)


def find_instructions(text: str) -> list[str]:
    """The sentences of `text` that read like instructions to a model."""
    return [s for s in sentences(text, lines=True) if _TRIGGER.search(s)]


def strip_instructions(text: str) -> str:
    """`text` without its instruction-like sentences (the rest keeps its order)."""
    if not _TRIGGER.search(text):
        return text
    return " ".join(s for s in sentences(text, lines=True) if not _TRIGGER.search(s))


def payload(instruction: str) -> str:
    """What an injected instruction asks for: the sentence after its trigger phrase."""
    return _LEAD_IN.sub("", _TRIGGER.split(instruction)[-1]).strip()


def word_ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    toks = tokens(text)
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def followed_instructions(draft: str, inputs: str, n: int = 4) -> list[str]:
    """Payloads of instructions hidden in `inputs` whose wording the draft repeats (runs of up to
    `n` words that the legitimate rest of the inputs does not hold)."""
    legit = strip_instructions(inputs)
    hits = []
    for instruction in find_instructions(inputs):
        wanted = payload(instruction)
        size = min(n, len(tokens(wanted)))
        if size < 2:
            continue
        grams = word_ngrams(wanted, size) - word_ngrams(legit, size)
        if grams & word_ngrams(draft, size):
            hits.append(wanted)
    return hits
