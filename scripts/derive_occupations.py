"""Derive assistant/data/occupations.tsv from ESCO occupations (CC BY 4.0, "ESCO, European
Commission"), as published in ../shared/data/skills/esco_occupations.csv (see SOURCE.md there).

That file has, for each of 3,039 ESCO occupations, one string that joins the preferred label,
the alternative labels and the description, and the 619 ISCO-08 groups (with their codes) in
the same form, but no link from an occupation to its ISCO group. So each occupation is given the
ISCO unit group (4 digits) whose label and description are nearest to its own by TF-IDF cosine,
its own labels counting three times; the ISCO code then gives the interview family through
FAMILY_BY_ISCO below (the longest matching code prefix wins).

Output, one row per occupation, tab-separated: preferred label, family, ISCO code, the
alternative labels as one lowercase string (ESCO joins them with spaces, so their boundaries are
not known; the classifier matches phrases inside it).

    python scripts/derive_occupations.py [path/to/esco_occupations.csv]
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "skills" / "esco_occupations.csv"
OUT = ROOT / "assistant" / "data" / "occupations.tsv"

# ISCO-08 code prefix -> interview family. Why some groups go where they go:
# - 2263/3257 (occupational health and safety) are interviewed on hazards, measurements and
#   regulations, like engineers, not on patient care;
# - 2424 (training and staff development) and 5165 (driving instructors) teach;
# - 3323 (buyers) and 3331 (freight forwarders) work the supply chain with logistics;
# - 3355 (police inspectors and detectives) and 54 (protective services) are public safety,
#   335 otherwise (tax, customs, benefits, licensing officials) the public sector;
# - 6 and 92 (farming, forestry, gardening) do hands-on outdoor craft work: trades.
FAMILY_BY_ISCO: dict[str, str] = {
    "0": "public-safety",
    "1": "management",
    "21": "engineering",
    "212": "software-data",
    "213": "engineering",
    "2164": "public-sector",
    "2166": "sales-marketing",
    "221": "nursing",
    "222": "nursing",
    "22": "allied-health",
    "2263": "engineering",
    "23": "teaching",
    "241": "finance",
    "2421": "management",
    "2422": "public-sector",
    "2423": "office-admin",
    "2424": "teaching",
    "243": "sales-marketing",
    "25": "software-data",
    "261": "public-sector",
    "262": "office-admin",
    "2631": "finance",
    "263": "allied-health",
    "264": "sales-marketing",
    "265": "general",
    "31": "engineering",
    "312": "trades",
    "313": "trades",
    "314": "general",
    "3151": "trades",
    "3152": "logistics",
    "3153": "logistics",
    "3154": "logistics",
    "32": "allied-health",
    "322": "nursing",
    "3252": "office-admin",
    "3257": "engineering",
    "3258": "nursing",
    "33": "office-admin",
    "331": "finance",
    "332": "sales-marketing",
    "3323": "logistics",
    "3331": "logistics",
    "3332": "retail-hospitality",
    "3334": "sales-marketing",
    "3339": "sales-marketing",
    "335": "public-sector",
    "3355": "public-safety",
    "34": "general",
    "341": "office-admin",
    "3412": "allied-health",
    "342": "teaching",
    "3434": "retail-hospitality",
    "35": "software-data",
    "4": "office-admin",
    "421": "finance",
    "422": "customer-service",
    "4224": "retail-hospitality",
    "4226": "office-admin",
    "431": "finance",
    "432": "logistics",
    "4412": "logistics",
    "51": "retail-hospitality",
    "5165": "teaching",
    "52": "retail-hospitality",
    "531": "teaching",
    "532": "nursing",
    "54": "public-safety",
    "6": "trades",
    "7": "trades",
    "8": "trades",
    "83": "logistics",
    "834": "trades",
    "9": "trades",
    "91": "retail-hospitality",
    "933": "logistics",
    "94": "retail-hospitality",
    "95": "retail-hospitality",
    "9621": "logistics",
    "9629": "general",
}

# The preferred label's own words decide first, in this order (the first rule that matches wins);
# then its alternative labels; only an occupation no rule fits gets the family of its nearest
# ISCO group. A title word says
# more about the interview than the nearest ISCO group's description does ("animal control
# officer" is nearest to inspectors' managers, but is interviewed as public safety).
LABEL_RULES: tuple[tuple[str, str], ...] = (
    (
        r"\b(?:nurse|midwife|nursing|healthcare assistant|care worker|caregiver|paramedic)",
        "nursing",
    ),
    (r"\b(?:teacher|lecturer|instructor|tutor|trainer|educator|teaching|professor)\b", "teaching"),
    (
        r"\b(?:software|developer|programmer|data scientist|data engineer|data analyst|database|"
        r"ict|web|devops|cloud|network engineer|system administrator|systems administrator|"
        r"computer|machine learning|artificial intelligence|it )",
        "software-data",
    ),
    (
        r"\b(?:police|firefighter|fire officer|fire investigator|detective|security guard|"
        r"emergency|animal control|prison|correctional|coastguard|lifeguard|bodyguard|"
        r"border guard|customs officer|soldier|military|armed forces)",
        "public-safety",
    ),
    (
        r"\b(?:physiotherapist|therapist|pharmacist|radiographer|dietitian|optometrist|"
        r"psychologist|counsellor|social worker|audiologist|podiatrist|dental|medical "
        r"laboratory|biomedical|chiropractor|orthoptist|paramedical)",
        "allied-health",
    ),
    (
        r"\b(?:accountant|accounting|bookkeeper|auditor|payroll|tax advisor|financial|treasurer|"
        r"actuar|credit analyst|bank teller|cashier of bank|loan officer)",
        "finance",
    ),
    (
        r"\b(?:customer service|call centre|contact centre|help desk|customer support|"
        r"client service|customer care)",
        "customer-service",
    ),
    (
        r"\b(?:sales|marketing|advertising|salesperson|account manager|"
        r"business developer|public relations|brand)",
        "sales-marketing",
    ),
    (
        r"\b(?:driver|warehouse|logistics|storekeeper|stock|courier|freight|shipping|cargo|"
        r"dock|port |harbour|postal|delivery|distribution|supply chain|purchaser|buyer|"
        r"procurement|dispatcher|pilot|deck officer|ship)",
        "logistics",
    ),
    (
        r"\b(?:policy officer|policy manager|planner|government|tax inspector|"
        r"tax compliance|benefits advice|public administration|diplomat|legislat|mayor|"
        r"councillor|ombudsman|regulatory affairs|licensing)",
        "public-sector",
    ),
    (
        r"\b(?:shop|retail|waiter|waitress|bartender|barista|chef|cook|hotel|host|"
        r"attendant|housekeep|concierge|sommelier|cashier|travel agent|tour guide|"
        r"hairdresser|beautician|catering|restaurant|kitchen)",
        "retail-hospitality",
    ),
    (
        r"\b(?:clerk|secretary|administrative|administrator|receptionist|office|"
        r"personal assistant|assistant|human resources|recruit|records)",
        "office-admin",
    ),
    (
        r"\b(?:engineer|engineering|architect|surveyor|draughtsperson|drafter|"
        r"hygienist|health and safety)",
        "engineering",
    ),
    (
        r"\b(?:electrician|plumber|carpenter|joiner|mechanic|welder|fitter|technician|"
        r"operator|installer|repairer|smith|mason|bricklayer|plasterer|roofer|painter|"
        r"glazier|tiler|labourer|maintenance|repair|machinist|assembler|craftsman|builder|"
        r"gardener|arborist|tree|landscap|forest|farm|construction|handyman|caretaker)",
        "trades",
    ),
    (r"\b(?:manager|director|head of|chief|executive|supervisor|superintendent)\b", "management"),
)

_WORD = re.compile(r"[a-z][a-z0-9+#]*")
_DESCRIPTION = re.compile(r"(?<=\s)(?=[A-Z][a-z])")  # ESCO's description opens with a capital
_STOP = frozenset(
    "a an and are as at be by for from in into is it its of on or such that the their them they "
    "this to with who which may also other others".split()
)


def family_of(code: str) -> str:
    best = max((p for p in FAMILY_BY_ISCO if code.startswith(p)), key=len, default=None)
    return FAMILY_BY_ISCO[best] if best else "general"


def split_entry(text: str) -> tuple[str, str]:
    """ESCO's 'labels Description...' string -> (labels, description)."""
    text = " ".join(text.split())
    match = _DESCRIPTION.search(text)
    if not match:
        return text.lower(), ""
    return text[: match.start()].strip().lower(), text[match.start() :]


def _singular(word: str) -> str:
    for plural, one in (("ies", "y"), ("men", "man"), ("sses", "ss"), ("ches", "ch"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + one
    return word


def preferred_label(labels: str, description: str) -> str:
    """The preferred label is the description's subject in the singular ('Technical directors
    realise...' -> 'technical director'), which the labels string opens with."""
    words = labels.split()
    subject = [_singular(w.lower()) for w in description.split()[:8]]
    for n in range(min(len(words), 8), 0, -1):
        if [_singular(w) for w in words[:n]] == subject[:n]:
            return " ".join(words[:n])
    return " ".join(words[:3])


def _tokens(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2]


def _vector(tokens: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(tokens)
    vec = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def derive(source: Path) -> list[tuple[str, str, str, str]]:
    with open(source, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    groups, occupations = [], []
    for row in rows:
        labels, description = split_entry(row["description"])
        if "/isco/C" in row["id"]:
            code = row["id"].rsplit("/C", 1)[1]
            if len(code) == 4:
                groups.append((code, _tokens(labels) * 3 + _tokens(description)))
        else:
            occupations.append((labels, description))
    docs = [toks for _, toks in groups] + [
        _tokens(labels) * 3 + _tokens(desc) for labels, desc in occupations
    ]
    df = Counter(t for toks in docs for t in set(toks))
    idf = {t: math.log(len(docs) / n) for t, n in df.items()}
    group_vecs = [(code, _vector(toks, idf)) for code, toks in groups]
    out = []
    for (labels, description), toks in zip(occupations, docs[len(groups) :]):
        vec = _vector(toks, idf)
        code, _ = max(
            ((c, sum(w * g.get(t, 0.0) for t, w in vec.items())) for c, g in group_vecs),
            key=lambda cs: cs[1],
        )
        label = preferred_label(labels, description)
        rule = next((fam for pattern, fam in LABEL_RULES if re.search(pattern, label)), None)
        rule = rule or next((f for pattern, f in LABEL_RULES if re.search(pattern, labels)), None)
        out.append((label, rule or family_of(code), code, labels))
    return sorted(out)


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    rows = derive(source)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# ESCO occupations (CC BY 4.0, ESCO, European Commission), derived by "
            "scripts/derive_occupations.py\n# label\tfamily\tisco\talternative labels\n"
        )
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"{len(rows)} occupations -> {OUT.relative_to(ROOT)}")
    print(Counter(r[1] for r in rows).most_common())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
