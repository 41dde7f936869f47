"""The guard for a model's rewrite of one resume bullet: each check a small unit with a stable
name, run against the original bullet and the resume it comes from. A rewrite may sharpen the
wording and leave a [__] blank for a number; it may not claim anything the resume does not."""

from __future__ import annotations

import re

from pydantic import BaseModel

from assistant import regex
from assistant.analysis.keywords import find_terms
from assistant.analysis.rewrite import BLANK, is_past_tense
from assistant.guard.checks import CheckResult
from assistant.rules import Draft, RuleSet, judged, on_facts
from assistant.text import content_words, stem, words
from assistant.text.lexicon import first_person, phrase_pattern

MIN_SHARED_WORDS = 0.5  # a rewrite keeps at least half of the original's content words
MAX_NEW_WORDS = 3  # and brings at most a few words the resume does not have (no new claims)
MAX_ENDING_WORDS = 8  # an ending ("for a team of [__] people") is a phrase, not a second bullet
_RATE = regex.compile(
    r"\b(?:a|an|per|each|every)\s+(?:day|week|month|quarter|year)\b", re.IGNORECASE
)


class BulletRewrite(BaseModel):
    """What a rewrite is checked against."""

    original: str  # the bullet the model was given
    resume_text: str
    needs_blank: bool = False  # the bullet has no number, so the rewrite must leave [__] for one
    ending_only: bool = False  # the model wrote only the bullet's end: a few words after it


def content_terms(text: str) -> dict[str, str]:
    """The content words of 4+ letters, keyed by stem (so 'managed' and 'managing' are one word)
    with the first form written, for the message."""
    out: dict[str, str] = {}
    for w in content_words(text):
        if len(w) > 3:
            out.setdefault(stem(w), w)
    return out


def content_stems(text: str) -> set[str]:
    """What a bullet or a summary is about: the stems of its content words of 4+ letters."""
    return set(content_terms(text))


def new_skills(text: str, resume_text: str) -> list[str]:
    return sorted(find_terms(text) - find_terms(resume_text))


def check_no_new_skills(text: str, r: BulletRewrite) -> CheckResult:
    new = new_skills(text, r.resume_text)
    return CheckResult(
        code="no-new-skills",
        passed=not new,
        detail=f"not in the resume: {', '.join(new[:5])}" if new else "",
    )


def check_one_line(text: str, r: BulletRewrite) -> CheckResult:
    return CheckResult(code="one-line", passed="\n" not in text.strip())


def check_changed(text: str, r: BulletRewrite) -> CheckResult:
    same = text.strip().rstrip(".").lower() == r.original.strip().rstrip(".").lower()
    return CheckResult(
        code="changed", passed=not same, detail="the bullet as it was" if same else ""
    )


def check_strong_opener(text: str, r: BulletRewrite) -> CheckResult:
    opener = phrase_pattern("weak_openers", opener=True).match(text)
    weak = opener.group(0).strip() if opener else first_person(text)
    first = (words(text) or [""])[0]
    if not weak and not is_past_tense(first):
        weak = first
    return CheckResult(
        code="strong-opener",
        passed=not weak,
        detail=f"does not open with an action: '{weak}'" if weak else "",
    )


def check_keeps_the_bullet(text: str, r: BulletRewrite) -> CheckResult:
    theirs = content_terms(r.original).keys()
    kept = theirs & content_terms(text).keys()
    return CheckResult(
        code="keeps-the-bullet",
        passed=len(kept) >= MIN_SHARED_WORDS * len(theirs),
        detail=f"kept {len(kept)} of {len(theirs)} words of the original",
    )


def check_no_new_claims(text: str, r: BulletRewrite) -> CheckResult:
    written = content_terms(text)
    new_keys = (
        written.keys() - content_terms(r.resume_text).keys() - content_terms(r.original).keys()
    )
    new = sorted(written[k] for k in new_keys)
    return CheckResult(
        code="no-new-claims",
        passed=len(new) <= MAX_NEW_WORDS,
        detail=f"adds {', '.join(new[:6])}" if len(new) > MAX_NEW_WORDS else "",
    )


def check_leaves_a_blank(text: str, r: BulletRewrite) -> CheckResult:
    ok = BLANK in text or not r.needs_blank
    return CheckResult(
        code="leaves-a-blank", passed=ok, detail="" if ok else f"no {BLANK} where the number goes"
    )


def check_no_invented_rate(text: str, r: BulletRewrite) -> CheckResult:
    rate = _RATE.search(text)
    invented = bool(rate) and not _RATE.search(r.original)
    return CheckResult(
        code="no-invented-rate",
        passed=not invented,
        detail=f"'{rate.group(0)}' is not in the bullet" if invented else "",
    )


def check_just_an_ending(text: str, r: BulletRewrite) -> CheckResult:
    """Where the model wrote only the bullet's end: a short phrase after it, not the bullet again."""
    ending = text[len(r.original) :] if text.startswith(r.original) else text
    ending_words = content_terms(ending)
    repeated = {ending_words[k] for k in ending_words.keys() & content_terms(r.original).keys()}
    long = len(ending.split()) > MAX_ENDING_WORDS
    ok = not r.ending_only or (not long and not repeated)
    detail = (
        ""
        if ok
        else (
            f"{len(ending.split())} words after the bullet (at most {MAX_ENDING_WORDS})"
            if long
            else f"says the bullet again ({', '.join(sorted(repeated))})"
        )
    )
    return CheckResult(code="just-an-ending", passed=ok, detail=detail)


BULLET_REWRITE_CHECKS = (
    check_no_new_skills,
    check_one_line,
    check_changed,
    check_strong_opener,
    check_keeps_the_bullet,
    check_no_new_claims,
    check_leaves_a_blank,
    check_no_invented_rate,
    check_just_an_ending,
)


def check_rewrite(text: str, r: BulletRewrite) -> list[CheckResult]:
    return [check(text, r) for check in BULLET_REWRITE_CHECKS]


# ---- the bullet-rewrite guard as a rule set, with the examples each rule must flag and pass ----

EXAMPLE_RESUME = (
    "Jordan Rivera\nMarketing Coordinator at Harrow Books\n"
    "- Responsible for managing social media accounts\nSkills: Canva"
)
EXAMPLE_BULLET = BulletRewrite(
    original="Managed social media accounts",
    resume_text=EXAMPLE_RESUME,
    needs_blank=True,
    ending_only=True,
)
EXAMPLE_REWRITE = "Managed social media accounts for [__] followers"
BULLET_REWRITE_RULES: RuleSet[Draft] = RuleSet(
    "bullet-rewrite-guard",
    (
        judged(
            "no-new-skills",
            on_facts(check_no_new_skills),
            ("Managed social media accounts in HubSpot and Salesforce for [__] followers",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "one-line",
            on_facts(check_one_line),
            ("Managed social media accounts\nfor [__] followers",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "changed",
            on_facts(check_changed),
            ("Managed social media accounts.",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "strong-opener",
            on_facts(check_strong_opener),
            ("Responsible for social media accounts for [__] followers",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "keeps-the-bullet",
            on_facts(check_keeps_the_bullet),
            ("Ran [__] campaigns",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "no-new-claims",
            on_facts(check_no_new_claims),
            (
                "Managed social media accounts, winning industry awards for brilliant viral videos [__]",
            ),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "leaves-a-blank",
            on_facts(check_leaves_a_blank),
            ("Managed social media accounts for many followers",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "no-invented-rate",
            on_facts(check_no_invented_rate),
            ("Managed social media accounts for [__] followers a day",),
            (EXAMPLE_REWRITE,),
        ),
        judged(
            "just-an-ending",
            on_facts(check_just_an_ending),
            ("Managed social media accounts Responsible for social media accounts [__]",),
            (EXAMPLE_REWRITE,),
        ),
    ),
    subject=lambda example: Draft(example, EXAMPLE_BULLET),
)
