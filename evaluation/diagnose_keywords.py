"""Why each labelled ask the keyword gap misses is missed: `python -m evaluation.diagnose_keywords
[-v]`. Each miss is looked for in the ad (a sentence holding one of its names, words stemmed) and
put under one cause:

(a) its sentence is dropped (boilerplate or process sentence, boilerplate section, description
    prose, heading, "about us", negated);
(b) its sentence is kept but of kind OTHER (or a note) in a structured ad, read for licences and
    certificates only; "(b) read" says whether reading it fully would list the term;
(c) its sentence is read but no name of the ask is a lexicon name in the form written (some
    share their key with another term: "engineering design" with Engine Designs);
(d) other: read, the lexicon has the name, but the term was not taken; or no sentence of the ad
    holds any of its names as labelled (the label paraphrases the ad)."""

from __future__ import annotations

import sys
from collections import Counter

from evaluation.common import JOBS, require_outside
from evaluation.eval_keywords import SEEN, judge, listing, load_labels, norm


def _holds(sentence: str, names: list[str]) -> bool:
    got = norm(sentence)
    for name in names:
        want = norm(name)
        n = len(want)
        if n and any(got[i : i + n] == want for i in range(len(got) - n + 1)):
            return True
    return False


def diagnose(label: dict, missed: list[dict]) -> list[tuple[str, str, dict, str]]:
    """(cause, detail, ask, sentence) for each missed ask of one ad."""
    from assistant.analysis.job_terms import NOTES, ad_sentences, reading, sectioned, terms_in
    from assistant.analysis.lexicon import lexicon, phrase_key, split_words
    from assistant.inputs.job import read_job

    lex = lexicon()
    text = read_job(JOBS / label["ad"]).text
    dropped: list[tuple[str, str]] = []
    kept = ad_sentences(text, dropped)
    structured = sectioned(kept)
    out = []
    for ask in missed:
        names = ask["any"]
        # a name is in the lexicon when its key names a term in the form the name is written
        # ("engineering design" shares its key with Engine Designs, "databases" with DataBasic:
        # such a name is not in the lexicon, and the other term is refused where it is written)
        keyed = [(n, lex.key_term(phrase_key(n))) for n in names]
        in_lexicon = any(
            n in lex.exact
            or n.upper() in lex.acronyms
            or (
                tid is not None
                and lex.by_form(split_words(n), phrase_key(n).split(), tid) is not None
            )
            for n, tid in keyed
        )
        shadowed = not in_lexicon and any(tid is not None for _, tid in keyed)
        read, partly = [], []
        for s in kept:
            if not _holds(s.text, names):
                continue
            (partly if reading(s, structured)[1] else read).append(s)
        if read:
            cause = "(d) read, lexicon has it" if in_lexicon else "(c) read, not in lexicon"
            detail = read[0].kind + (", its key names another term" if shadowed else "")
            out.append((cause, detail, ask, read[0].text))
        elif partly:
            s = partly[0]
            full = terms_in(s.text, lex, only_credentials=False)
            got = any(_holds(f.name, names) or _holds(s.text[f.start : f.end], names) for f in full)
            cause = f"(b) {'note' if s.kind == NOTES else 'OTHER'}, credentials only"
            out.append((cause, "would be read" if got else "not read either", ask, s.text))
        else:
            gone = [(w, why) for w, why in dropped if _holds(w, names)]
            if gone:
                why = gone[0][1].split(" (")[0]
                out.append(("(a) dropped", why, ask, gone[0][0]))
            else:
                out.append(("(d) not written as labelled", "", ask, ""))
    return out


def main(argv: list[str] | None = None) -> int:
    require_outside()
    argv = sys.argv[1:] if argv is None else argv
    causes: Counter = Counter()
    details: Counter = Counter()
    lines = []
    # the seen splits only: a held-out split's misses are not to be looked at while building
    for label in [lab for lab in load_labels() if lab["split"] in SEEN]:
        matched, missing, other, reworded = listing(label)
        t = judge(label, matched, missing, other, reworded)
        missed_names = {m.split(": ", 1)[1] for m in t.missed}
        missed = [a for a in label["asks"] if a["any"][0] in missed_names]
        for cause, detail, ask, sentence in diagnose(label, missed):
            causes[cause] += 1
            details[(cause, detail)] += 1
            lines.append(f"{cause} [{detail}] {label['label']}: {ask['any'][0]} | {sentence[:140]}")
    total = sum(causes.values())
    print(f"misses: {total}")
    for cause, n in sorted(causes.items()):
        print(f"  {cause:<32} {n:4d}")
        for (c, detail), m in sorted(details.items()):
            if c == cause and detail:
                print(f"      {detail:<60} {m:4d}")
    if "-v" in argv:
        print(*sorted(lines), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
