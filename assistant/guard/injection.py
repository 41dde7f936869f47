"""Prompt injection: text in the user's inputs (a pasted job description, an email quoted in the
notes) that reads like instructions to the model ("ignore previous instructions and ...").

Such sentences are left out of what the model sees and of the templates, and the guard rejects
a draft that carries instructions itself or repeats what an injected instruction asked for."""

from __future__ import annotations

import re

from assistant import regex
from assistant.text import sentences, tokens

_TRIGGER = regex.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?"
    r"(?:the\s+|your\s+|my\s+|these\s+|those\s+)?"
    r"(?:previous|prior|above|earlier|preceding|original|system|other|former)?\s*"
    r"(?:instructions?|prompts?|directions?|rules|guidelines)\b"
    r"|\b(?:ignore|disregard|forget)\s+(?:all\s+(?:of\s+)?|everything\s+)?(?:the\s+|that\s+|what\s+)?"
    r"(?:above|before|previous|prior|earlier|said)\b"
    r"|\byou are now\b|\bfrom now on,? you\b|\bnew (?:instructions?|task|rules)\s*:"
    r"|\bsystem prompt\b|\bpretend (?:to be|you are)\b"
    r"|\binstead,? (?:write|say|output|reply|respond|print|ask|tell|add|include|put)\b"
    r"|\b(?:note|message|instructions?|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
    r"(?:ai|a\.i\.|assistant|model|llm|language model|chatbot|gpt|chatgpt|bot)s?\b"
    r"|\b(?:dear|hey|hello|attention)\s+(?:ai|assistant|llm|chatgpt|language model|model)\b"
    r"|\bif you are an? (?:ai|llm|language model|assistant)\b"
    # the same in French, Spanish and German
    r"|\b(?:ignore[rsz]?|oublie[rsz]?)\s+(?:toutes\s+|tout\s+)?(?:les\s+|ce\s+qui\s+)?"
    r"(?:instructions?|consignes?|r\u00e8gles|pr\u00e9c\u00e8de)"
    r"|\bignora[r]?\s+(?:todas\s+)?las\s+instrucciones"
    r"|\bignorier(?:e|en)?\s+(?:alle\s+)?(?:vorherigen\s+|bisherigen\s+)?anweisungen"
    # a model's control tokens: never text a person writes
    r"|<\|[^|<>\s]{1,40}\|>|</?s>|<<\s*/?\s*sys\s*>>|\[/?inst\]|<\|?(?:im_start|im_end)\|?>",
    re.IGNORECASE,
)
_LEAD_IN = regex.compile(r"^[\s,;:.\-–—]*(?:and|then|instead|now)?[\s,;:.\-–—]*", re.IGNORECASE)


# Letters that look Latin but are not (Cyrillic, Greek): 'ignоre' with a Cyrillic o is 'ignore'.
_LOOKALIKES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501\u051b"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406"
    "\u03b1\u03bf\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u0391\u0392\u0395\u0397"
    "\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",
    "aeopcyxijshdqABEKMHOPCTXIaoeiknptuABEHIKMNOPTYX",
)
# Characters that show as nothing: zero-width spaces and joiners, soft hyphens, direction marks.
_INVISIBLE = regex.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """The text as a reader sees it: NFKC (full-width letters, ligatures), invisible and control
    characters removed, look-alike Cyrillic and Greek letters as Latin. For matching only."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return _CONTROL.sub(" ", _INVISIBLE.sub("", text)).translate(_LOOKALIKES)


def _instruction(sentence: str) -> bool:
    return bool(_TRIGGER.search(normalise(sentence)))


def find_instructions(text: str) -> list[str]:
    """The sentences of `text` that read like instructions to a model."""
    return [s for s in sentences(text, lines=True) if _instruction(s)]


def strip_instructions(text: str) -> str:
    """`text` without its instruction-like sentences (the rest keeps its order)."""
    if not _instruction(text):
        return text
    return " ".join(s for s in sentences(text, lines=True) if not _instruction(s))


def payload(instruction: str) -> str:
    """What an injected instruction asks for: the sentence after its trigger phrase."""
    return _LEAD_IN.sub("", _TRIGGER.split(normalise(instruction))[-1]).strip()


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
