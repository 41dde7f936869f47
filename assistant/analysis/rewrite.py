"""The template rewrite of a weak bullet (no model): the action first, in the past tense, no
pronoun, no passive, no cliche, then where the result goes ('..., growing [metric] by [__]% in
[period]'), with blanks for the user and never an invented fact. A bullet with no action to build
on (or a paragraph) gets no rewrite but a line saying what it lacks."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from assistant import regex
from assistant.text import QUANTITY
from assistant.text.lexicon import cliche_pattern, phrase_lists, phrase_pattern

BLANK = "[__]"

_ROLE_TO = regex.compile(
    r"^(?:my (?:role|job|task|duty) (?:was|is) to|i was (?:asked|hired) to)\s+(?P<verb>\w+)", re.I
)
_PRONOUN = regex.compile(r"^(?:I|We)\s+(?=[a-z])")
_PASSIVE = regex.compile(
    r"^(?P<subject>[^,;]+?)(?<=\S)\s+(?:was|were)\s+(?:\w+ly\s+)?(?P<verbs>\w+(?:\s+and\s+\w+)?)(?P<rest>.*)$",
    re.I,
)
_BY_ME = regex.compile(r"(?<!\s)\s+by me\b", re.I)


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return phrase_lists()["irregular_past"]


def past_tense(base: str) -> str:
    word = base.lower()
    if word in _irregular():
        return _irregular()[word]
    for verb, past in _irregular().items():  # 'underwrite' -> 'underwrote', 'oversee' -> 'oversaw'
        if len(verb) >= 3 and word.endswith(verb) and len(word) - len(verb) >= 2:
            return word[: -len(verb)] + past
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", word):  # one syllable only ('edit' -> 'edited')
        return word + word[-1] + "ed"  # 'prep' -> 'prepped', 'plan' -> 'planned'
    if word.endswith("c"):
        return word + "ked"  # 'picnic' -> 'picnicked' (rare)
    if word.endswith("ed"):
        return word
    if word.endswith("e"):
        return word + "d"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def is_past_tense(word: str) -> bool:
    """Whether a bullet's first word is a past-tense verb (Managed, Led, Built, Cut)."""
    word = word.lower()
    return (word.endswith("ed") and len(word) > 3) or word in set(_irregular().values())


def past_of_gerund(gerund: str) -> str:
    stem = gerund.lower()[:-3]
    candidates = [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""]
    for base in candidates:  # 'underwriting' -> 'underwrote', 'planning' -> 'planned'
        if base and (base in _irregular() or base in _verbs()):
            return past_tense(base)
    return past_tense(stem)  # 'identifying' -> 'identified'


def _is_participle(word: str) -> bool:
    return word.lower().endswith("ed") or word.lower() in phrase_lists()["irregular_participles"]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or first[1:2].isupper()):
        return text  # an acronym ('API's', 'CRM') keeps its capitals
    return text[:1].lower() + text[1:]


def _active(text: str) -> str:
    m = _PASSIVE.match(text)
    if not m or not all(_is_participle(w) for w in m.group("verbs").split(" and ")):
        return text
    if not _BY_ME.search(m.group("rest")):
        return text  # "Project was tasked to design ...": who did it is not said; no guess
    if verb_base(m.group("subject").split(" ", 1)[0]) is not None:
        return text  # "Verified that the paperwork was completed": active already
    rest = _BY_ME.sub("", m.group("rest"))
    participles = phrase_lists()["irregular_participles"]
    verbs = " and ".join(participles.get(v.lower(), v) for v in m.group("verbs").split(" and "))
    return f"{verbs} {_lower_first(m.group('subject'))}{rest}"


# duty openers whose gerund is the work itself ("Responsible for managing budgets" -> "Managed
# budgets"); "helped", "participated in", "tried to" and the like say the user did part of it,
# so they are never turned into the action itself
_DUTY_OPENERS = frozenset(
    "responsible for|was responsible for|duties included|my duties included|my duties were|"
    "duties were|responsibilities included|primary responsibilities|tasked with|in charge of|"
    "worked on|working on".split("|")
)
_KEEP_OPENERS = frozenset({"helped", "assisted"})  # a past verb already: kept as written


def _strong_opener(text: str) -> str | None:
    """The bullet with a duty opener turned into its action, the text unchanged without one, or
    None when the opener cannot be turned into an action faithfully."""
    m = phrase_pattern("weak_openers", opener=True).match(text)
    if not m:
        return text
    opener = " ".join(m.group(0).lower().replace("-", " ").split())
    rest = text[m.end() :].strip()
    first, _, tail = rest.partition(" ")
    if opener in _KEEP_OPENERS and first.lower() not in ("with", "in", "to"):
        return text  # "Assisted customers with returns": the work itself
    if opener not in _DUTY_OPENERS:
        return None
    if first.lower() in ("in", "with") or (
        first.lower().endswith("ly") and _is_gerund(tail.split(" ", 1)[0])
    ):
        first, _, tail = tail.partition(" ")  # "in recruiting staff", "actively promoting"
    if not _is_gerund(first) or not first[:1].islower() or verb_base(first) is None:
        return None  # "Responsible for the purchasing", "Duties included: ...": no verb to lead
    joined, _, after = tail.partition(" ")
    if joined.lower() == "of":  # "testing of the mobile app" -> "Tested the mobile app"
        return f"{past_of_gerund(first)} {after}".strip()
    if joined.lower() != "and":
        return f"{past_of_gerund(first)} {tail}".strip()
    second, _, after = after.partition(" ")
    if _is_gerund(second) and verb_base(second):  # "managing and reporting budgets"
        return f"{past_of_gerund(first)} and {past_of_gerund(second)} {after}".strip()
    return None  # "marking and feedback": a list of duties, nouns: no verb to lead with


def _is_gerund(word: str) -> bool:
    return word.lower().endswith("ing") and len(word) > 4 and word.isalpha()


def _plain_words(text: str) -> str:
    replacements = phrase_lists()["buzzword_replacements"]

    def swap(m: re.Match) -> str:
        if m.start() > 0 and m.group(0)[:1].isupper():
            return m.group(0)  # part of a name ('Advanced Dynamic Ad Serving')
        key = " ".join(m.group(0).lower().replace("-", " ").split())
        before, after = text[: m.start()], text[m.end() :]
        if m.start() > 0 and not (
            plain_for(key) == ""
            and re.search(r"\b(?:a|an|the)\s+$", before, re.I)
            and re.match(r"\s+[a-z]", after)
        ):
            return m.group(0)  # only the opener, or an adjective between 'the' and its noun
        for phrase, plain in replacements.items():
            if " ".join(phrase.replace("-", " ").split()) == key:
                return plain
        return m.group(0)

    def plain_for(key: str) -> str:
        return next(
            (v for k, v in replacements.items() if " ".join(k.replace("-", " ").split()) == key),
            "",
        )

    return cliche_pattern().sub(swap, text)


_ADVERB = regex.compile(r"^(?:[A-Z][a-z]+ly)\s+(?=[A-Za-z])")  # 'Successfully', 'Consistently'
_GLYPH = regex.compile(r"^[\u2022\u25aa\u25cf\u27a2*\-]+\s*")
_FILLER = regex.compile(r"^(?:also|then)\s+", re.I)
_MIXED = regex.compile(
    r"(?:,\s*(?:and\s+)?|\s+(?:and|or|and/or)\s+)(?:then\s+)?(?:[a-z]+ly\s+)?([a-z]+)\s+[a-z]"
)
_TITLE_LABEL = regex.compile(r"^(?:[A-Z][a-z]+\s+){1,3}(?=[A-Z][a-z]+ed\s+[a-z])")
_FIRST_PERSON_INSIDE = regex.compile(r"\bI\s+(?=[a-z])")
_LABEL = regex.compile(r"^[^:]{2,60}?\s?:\s+(?=[A-Z])")
_MID_I = regex.compile(r",\s+I\s+(?=[a-z])")
_MY = regex.compile(r"\b[Mm]y(?=\s+(?:team|staff|soldiers|employees|crew|department|group)\b)")
_ADJECTIVES = frozenset(
    "dedicated motivated skilled experienced talented seasoned certified licensed"
    " accomplished committed driven focused oriented proven trusted respected educated".split()
)
# verbs that are more often nouns after 'and' or a comma ('sales and support', 'record')
_NOUN_LIKE = frozenset(
    "support process order plan file report record schedule contact supply book model service"
    " document target check test place design budget cook clean count display post label map"
    " release return rank rate request search share show sign sort staff store style transfer"
    " travel treat type use visit welcome research review audit balance bill brief forecast host"
    " interview inventory issue log market mix pack pitch price program purchase stock survey"
    " track train update upgrade work chair head lead".split()
)
_MID_VERB = regex.compile(r"(?<=\w\s)([A-Z][a-z]+)(?=\s+[a-z])")  # a capitalised verb mid-line
_ROLE_NOUN = regex.compile(
    r"\s*(?:writer|editor|member|partner|director|manager|engineer|consultant|author|producer|"
    r"designer|artist|assistant|lead|officer|specialist|analyst|coordinator|associate|agent|"
    r"staff|team|control|systems?)\b",
    re.I,
)
_OPENER_WORDS = frozenset({"Responsible", "Duties", "Assisted", "Helped", "Worked"})
_FUNCTION_WORDS = frozenset(
    "a an the and or of for in on at to by with from as into including such".split()
)
_PEOPLE = regex.compile(
    r"\b(?:staff|employees?|students?|teams?|members?|agents?|associates?|hires?|volunteers?|"
    r"people|clients?|customers?|patients?|nurses?|soldiers?|interns?|managers?|representatives?|"
    r"officers?|children|kids|participants?|learners?|trainees?|workers?|personnel|crews?|"
    r"cashiers?|servers?|technicians?|analysts?|engineers?|teachers?|tutors?|candidates?)\b",
    re.I,
)
_PARTICLE = regex.compile(r"^(\s+(?:to|up|out|on|in))(?=\s+and\s)")
_RUN_ON = regex.compile(
    r"(?:\b([a-z]+)|\))\s+([A-Z][a-z]+)\b(?!\s+[A-Z])"
)  # "participants Articulate"
_NO_SPACE_STOP = regex.compile(r"[a-z]{2}[.;][A-Z][a-z]")  # "materials.Must handle"
_NEXT_VERB = regex.compile(
    r"^(?P<sep>\s*,\s*(?:and\s+)?|\s+(?:and/or|and|or)\s+|\s*/\s*)(?P<adv>[a-z]+ly\s+)?"
    r"(?P<word>[A-Za-z]+)"
)
MISSING_SPLIT = (
    "A paragraph, not a bullet: split it into one bullet per result, each opening with what you "
    "did and ending with what it changed."
)
MISSING_ADVICE = (
    "Lead with what you did, in the past tense, and end with what it changed and by how much."
)
MISSING_ONE = (
    "More than one statement in one bullet: split it into one bullet per result, each opening "
    "with what you did and ending with what it changed."
)
MIN_STATEMENT_WORDS = 4
MISSING_WORDS = "Too short to show the work: say what you did, for whom, and what it changed."
MIN_REWRITE_WORDS = 3


class Suggestion(NamedTuple):
    text: str  # the rewrite, or '' when there is no good one
    missing: str = ""  # what the bullet lacks, when there is no rewrite
    core: str = ""  # the rewrite without its result clause


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return frozenset(phrase_lists()["action_verbs"])


def verb_base(word: str) -> str | None:
    """The base form of an action verb in any of its forms ('Managed', 'Manages', 'Managing',
    'Led' -> 'manage', 'lead'), or None when the word is not one."""
    w = word.lower()
    verbs = _verbs()
    past = {v: k for k, v in _irregular().items()}
    if w in verbs:
        return w
    if "-" in w and w.split("-")[0] in verbs:  # 'Set-up tables'
        return w.split("-")[0]
    if w in past:  # an irregular past ('Rang', 'Led')
        return past[w]
    for form, base in past.items():  # 'underwrote' -> 'underwrite'
        if len(form) >= 4 and w.endswith(form) and w[: -len(form)] + base in verbs:
            return w[: -len(form)] + base
    stems = []
    if w.endswith("ied"):
        stems.append(w[:-3] + "y")
    if w.endswith("ed"):
        stems += [w[:-2], w[:-1], w[:-3]]  # 'processed', 'managed', 'planned'
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    if w.endswith("es"):
        stems.append(w[:-2])
    if w.endswith("s"):
        stems.append(w[:-1])
    if w.endswith("ing"):
        stem = w[:-3]
        stems += [stem, stem + "e", stem[:-1]]
    return next((s for s in stems if s in verbs), None)


def _past(base: str) -> str:
    return past_tense(base)


def _lead_with_past(text: str) -> str | None:
    """The bullet opening with its verbs in the past tense ('Execute, implement and modify lesson
    plans' -> 'Executed, implemented and modified lesson plans'), or None with no verb first."""
    text = _ADVERB.sub("", text)
    first, _, rest = text.partition(" ")
    if first.endswith((",", ";")):  # 'Execute, implement and modify ...'
        first, rest = first[:-1], f"{first[-1]} {rest}"
    base = verb_base(first.strip(":"))
    if first.lower() in _ADJECTIVES or (base is None and rest.lstrip().startswith("in ")):
        return None  # 'Dedicated team player', 'Skilled in planning': a label, not an action
    if base is None and not (first.lower().endswith("ed") and len(first) >= 5 and first.isalpha()):
        return None
    if base is not None and _form(first) != "past" and _ROLE_NOUN.match(rest):
        return None  # "Contributing writer for ...", "Managing editor": a role, not an action
    if _form(first) == "third" and re.match(r"\s*[A-Z][a-z]", rest):
        return None  # "Funds Management and ...": a plural noun and a name, not a verb
    if base in _NOUN_LIKE and _form(first) == "base":
        return None  # "Inventory control for ...", "Support staff ...": a noun as likely
    form = _form(first)
    # a past tense stays as the user wrote it ('Prepped'); any other form becomes one
    out = first if form == "past" or not base else _past(base)
    if "-" in first and form != "past" and base:  # "Follow-up with ..." -> "Followed up with ..."
        out = _past(base) + " " + first.split("-", 1)[1]
    rest = rest if rest.startswith((",", ";")) else " " + rest
    particle = _PARTICLE.match(rest)  # "Respond to and resolve inquiries"
    if particle:
        out, rest = out + particle.group(1), rest[particle.end(1) :]
    while True:  # a list of verbs sharing one object
        m = _NEXT_VERB.match(rest)
        if not m or verb_base(m.group("word")) is None:
            break
        out += m.group("sep") + (m.group("adv") or "") + _past(verb_base(m.group("word")))
        rest = rest[m.end() :]
    rest = rest if rest.lstrip().startswith((",", ";")) else " " + rest.lstrip()
    if form == "gerund" and rest.startswith(" of "):  # "Planning and scheduling of shifts"
        rest = rest[3:]
    rest = _SEMI_VERB.sub(_semi_past, rest)  # "...; provide talking points" -> "; provided ..."
    return (out + rest.rstrip()).strip()


def _form(word: str) -> str:
    w = word.lower()
    if w.endswith("ing"):
        return "gerund"
    if w.endswith("ed") or w in {v for v in _irregular().values()}:
        return "past"
    if w.endswith("s") and not w.endswith("ss"):
        return "third"
    return "base"


_SEMI_VERB = regex.compile(r"(;\s*)([a-z]+)\b")


def _semi_past(m: re.Match) -> str:
    base = verb_base(m.group(2))
    return m.group(1) + (_past(base) if base and m.group(2) in (base, base + "s") else m.group(2))


def result_frame(core: str) -> str:
    frames = phrase_lists()["result_frames"]
    base = verb_base(core.split(" ", 1)[0]) or ""
    if re.match(r"^\w+\s+as\b", core):
        base = ""  # "Served as head of marketing": a role, not a volume of work
    for name in ("change", "growing", "cutting", "volume", "people"):
        if base in frames[name] and (name != "people" or _PEOPLE.search(core)):
            return frames["frames"][name]
    return frames["frames"]["other"]


def restructure(text: str) -> str | None:
    """The bullet with the action first, in the past tense, no pronoun, no passive, no cliche:
    only the user's own words, reordered; None when it has no action to lead with."""
    out = _PRONOUN.sub("", _GLYPH.sub("", text.strip()).rstrip(".;"))
    out = _FILLER.sub("", out)
    if _TITLE_LABEL.match(out) or _LABEL.match(out):
        return None  # "Market Research Interviewed clients": a label before the verb
    out = _ROLE_TO.sub(lambda m: past_tense(m.group("verb")), out)
    out = _active(out)
    out = _strong_opener(out)
    if out is None or _MID_I.search(out) or _MY.search(out):
        return None
    out = _plain_words(out)
    # (a run of spaces is tried from its first: from each of them, a long run took quadratic time)
    out = re.sub(r"\s{2,}", " ", re.sub(r"(?<!\s)\s+([,;])", r"\1", out)).strip(" ,;")
    out = re.sub(r",\s*,", ",", out)
    led = _lead_with_past(_capitalise(out)) if out else None
    return _capitalise(led) if led else None


def suggest(text: str) -> Suggestion:
    """A rewrite worth reading, or what is missing: the action first, the object, then where the
    result goes, with blanks ('[__]', '[metric]', '[period]') and never an invented fact. The
    rewrite keeps the user's words, so it is shown only when they read cleanly and the change is
    sure; otherwise the line says what the bullet lacks, and only what it surely lacks."""
    from assistant.checks.wording import WALL_SENTENCES, WALL_WORDS, is_wall
    from assistant.text.sentences import sentences

    text = _GLYPH.sub("", text.strip())
    run_on = any(
        (verb_base(word) or word.endswith("ed") or word in _OPENER_WORDS)
        and before not in _FUNCTION_WORDS
        for before, word in _RUN_ON.findall(text)
    )
    if is_wall(text) or len(text.split()) > WALL_WORDS or len(sentences(text)) >= WALL_SENTENCES:
        return Suggestion("", MISSING_SPLIT)  # a rewrite of one statement fits none of these
    if re.search(r"\S\s*[\u2022\u25aa\u25cf]\s*\S", text) or any(
        verb_base(m.group(1))
        and _form(m.group(1)) == "past"
        and re.search(r"\b[a-z]", text[: m.start()])
        for m in _MID_VERB.finditer(text)
    ):  # "... of order \u2022 Process ...", "... on Saturdays Created portfolio projects"
        return Suggestion("", MISSING_ONE)
    parts = sentences(text)
    if (
        run_on
        or _NO_SPACE_STOP.search(text)
        or (len(parts) > 1 and all(len(p.split()) >= MIN_STATEMENT_WORDS for p in parts))
    ):
        return Suggestion("", MISSING_ONE)  # not "C.O. telecommunications": an abbreviation
    if len(text.split()) < MIN_REWRITE_WORDS:
        return Suggestion("", MISSING_WORDS)
    core = None if _doubtful(_BY_ME.sub("", _PRONOUN.sub("", text))) else restructure(text)
    if core is not None and not (_mixed_forms(core) or _doubtful_rewrite(core, text)):
        full = core if QUANTITY.search(core) or _has_result(core) else core + result_frame(core)
        if full != text.rstrip("."):
            return Suggestion(full, "", core)
    return Suggestion("", what_is_missing(text))


_DOUBLED = regex.compile(r"\b(\w+)\s+\1\b", re.I)
_STRAY_LETTER = regex.compile(r"(?<![\w.&'\u2019-])[b-zB-HJ-Z](?![\w.&'\u2019+#-])")
_UNSAFE = regex.compile(
    r"[;:|\u2026\u2014]|\s[-\u2013]\s|\band/or\b|\betc\b|\(\s*$|\b(?:[A-Z]\.){2,}$|"
    r"\b(?:I|my|our|we|me|myself|your|you)\b|"
    r"\b(?:Dept|Inc|Co|Corp|Ltd|St|Univ|Assn)\.?$|\b(?:that|which|who)\s+\w+\.?$"
)


@lru_cache(maxsize=1)
def _two_gerunds() -> re.Pattern:
    """Two verbs in -ing in a row ('promoting demonstrating products'): the user's words are
    broken; a gerund that is a noun ('maintaining staffing levels') does not count."""
    nouns = "|".join(phrase_lists()["noun_gerunds"])
    return regex.compile(rf"\b[a-z]+ing\s+(?!(?:{nouns})\b)[a-z]+ing\s+[a-z]")


_RESULT = regex.compile(
    r"\b(?:to|by|while|thus|thereby)\s+(?:\w+ly\s+)?(?:cut|rais|lower|ensur|sav|driv|generat)\w*|"
    r"\b(?:increas|improv|reduc|grow|grew|boost|maximi[sz]|minimi[sz]|enhanc|exceed|achiev)\w*|"
    r"\bresult(?:ing|ed)\s+in\b",
    re.I,
)  # a result the bullet states in words already ('that helped improve all quality metrics')
_LATER_S = regex.compile(r"(?:,|\band)\s+(?:\w+ly\s+)?[a-z]{2,}[^s\W]s\s+[a-z]")
_VERB_SUFFIX = regex.compile(r"(?:ify|i[sz]e|ate)$")  # 'and solidify', 'and disseminate'
_PRESENT_AUX = regex.compile(r"\b(?:is|are|be|been|has|have|will|can|does|do)\b")
_LATER_WORD = regex.compile(r"(?:,|\band|\bor)\s+(?:\w+ly\s+)?([a-z]+)\s+[a-z]")
_TO_VERB = regex.compile(r"\bto\s+([a-z]+ed)\b")
# a posting or a role, not an action with a result: no result blank after it
_STATUS = regex.compile(
    r"^(?:deployed|assigned|transferred|stationed|posted|appointed|hired|brought\s+in|recruited|"
    r"chosen|invited|asked|served|acted|worked)\s+(?:to|as|in\s+to|into)\b",
    re.I,
)
MAX_REWRITE_WORDS = 25  # longer bullets hold more than one action: say what is missing instead


def _brackets_balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("()", "[]", "{}"))


def _doubtful(text: str) -> bool:
    """Whether the user's own words may not read cleanly (a doubled word, a stray letter, an open
    bracket, a list run together with semicolons or colons, a line that may be cut off, a word
    the dictionary does not know) or hold more than one action: a rewrite keeps those words,
    so none is shown then."""
    words = text.rstrip(".").split()
    if len(words) > MAX_REWRITE_WORDS or words[-1].lower().strip(",") in _FUNCTION_WORDS:
        return True
    if text.rstrip().endswith(",") or not _brackets_balanced(text):
        return True
    if _DOUBLED.search(text) or _STRAY_LETTER.search(text) or _UNSAFE.search(text):
        return True
    if _two_gerunds().search(text):
        return True
    if any(verb_base(w) and _form(w) == "past" for w in _TO_VERB.findall(text)):
        return True  # "to installed and tested": the user's grammar is broken
    return bool(_unknown_words(text))


def _unknown_words(text: str) -> list[str]:
    from assistant.checks.content import _speller, _vocabulary_words

    lower = [w for w in re.findall(r"(?<![\w'\u2019-])[a-z]{4,}(?![\w'\u2019-])", text)]
    known = _vocabulary_words()
    return [w for w in _speller().unknown(lower) if w not in known]


def _doubtful_rewrite(core: str, original: str) -> bool:
    """Whether the rewrite itself may read wrong: a verb after 'and' or a comma that is not in
    the past tense like the first ('and guaranteeing', 'and then selling', and after a present
    tense made past, any '-s' word there: 'Processes issues, kills, and rejects notices'), a
    first word that is not a past tense, or a cliche left in it."""
    first = _PRONOUN.sub("", original).split(" ", 1)[0]
    if not is_past_tense(first.strip(",")) and (
        _LATER_S.search(core)
        or _PRESENT_AUX.search(core)
        or any(verb_base(w) == w or _VERB_SUFFIX.search(w) for w in _LATER_WORD.findall(core))
    ):
        return True  # a present tense made past: every later verb would have to follow
    if re.search(r"(?:,|\band)\s+(?:then\s+)?(?:\w+ly\s+)?[a-z]{3,}ing\b", core):
        return True
    if not is_past_tense(core.split(" ", 1)[0].split("-")[0].strip(",")):
        return True
    return bool(cliche_pattern().search(core))


def _has_result(core: str) -> bool:
    """Whether the bullet already says what the work was for ('to increase sales'), or is an
    honour ('Received a certificate') or a posting ('Deployed to ...'): a result blank after it
    would read wrong."""
    from assistant.checks.wording import HONOUR

    return bool(_RESULT.search(core) or HONOUR.match(core) or _STATUS.match(core))


def what_is_missing(text: str) -> str:
    """What the bullet surely lacks, each part found the way the checks find it (a duty opener,
    the first person, a cliche, no number, the length), or '' when none is sure."""
    from assistant.checks.wording import HONOUR, LONG_BULLET_WORDS
    from assistant.text.lexicon import first_person

    parts = []
    opener = phrase_pattern("weak_openers", opener=True).match(text)
    if opener and not phrase_pattern("weak_opener_exceptions", opener=True).match(text):
        parts.append(f"it opens with a duty ('{opener.group(0).strip()}'), not with what you did")
    word = first_person(text)
    if word:
        parts.append(f"it speaks in the first person ('{word}')")
    cliche = cliche_pattern().search(text)
    if cliche:
        parts.append(f"'{cliche.group(0)}' is a cliche: a plain word says it better")
    doubled = _DOUBLED.search(text)
    if doubled:
        parts.append(f"'{doubled.group(0)}' repeats a word")
    if not QUANTITY.search(text) and not HONOUR.match(text):
        parts.append("it gives no number (say how many, how much, or by how much it changed)")
    n = len(text.split())
    if n > LONG_BULLET_WORDS:
        parts.append(f"at {n} words it is too long for one bullet")
    if not parts:
        return ""
    return f"No rewrite shown: {'; '.join(parts)}. " + MISSING_ADVICE


def _mixed_forms(core: str) -> bool:
    """Whether a later verb of the rewrite is not in the past tense like the first ('Advised
    managers and recommend changes', 'Rang up customers and guaranteeing service'): such a
    rewrite would read broken, so none is shown."""
    if _FIRST_PERSON_INSIDE.search(core):
        return True  # "... and by the end date I held the title": no clean rewrite
    for m in _MIXED.finditer(core):
        word = m.group(1)
        before = core[: m.start()].split()
        if len(before) >= 2 and before[-2].lower() == "to":
            continue  # "to review and assess content": an infinitive's list, not a new verb
        base = verb_base(word)
        if base and _form(word) != "past":
            return True  # also "and lead testing team", "and support staff": either may be a verb
    return False


def rewrite_bullet(text: str) -> str:
    """The rewrite of a bullet ('' when it has no good one: see suggest)."""
    return suggest(text).text
