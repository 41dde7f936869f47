"""A detail from the user's notes, turned into a sentence for the person who reads the draft.

Notes are shorthand: "Denise liked my audit story, asked how I got the HCAs on board", "group
exercise went well, I kept the group to time", "Priya + me on data contracts", "talked w/ Joe re:
their brunch menu". Pasted into an email to Denise they read wrong: she is named in the third
person, fragments are joined by commas, "their" is her own team's. Here each note item is read
into one of the common shapes, and written again as a sentence in the past tense that speaks to
the reader as "you" (and of the reader's team as "your"):

- a person + a past verb ("Marcus walked me through ...", "she showed me ...") -> "I appreciated
  it when you walked me through ..." (to Marcus) or "... that Kofi talked about ..." (to anyone else);
  a second fragment that goes on with a verb ("..., asked how I got ...") joins with "and";
- a noun phrase, with or without a verdict ("group exercise on X went well", "Siobhan's plans
  for Y") -> "I especially enjoyed the group exercise on X", "... hearing about your plans for Y";
- talking with someone ("talked w/ Joe re: X", "Priya + me on X", "we discussed X") -> "I enjoyed
  talking with you about X", "I enjoyed our conversation about X".

An item that fits none of these (grammar the rules cannot read, a verdict like "latte art ok",
shorthand left over) gives no sentence: the draft leaves the detail out rather than paste it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Optional

from assistant import regex

_IRREGULAR_PAST = set(
    "was were had did said told showed gave took made went saw thought felt knew spoke met got "
    "brought taught led ran set put found understood heard kept left meant sent".split()
)
_NOT_PAST = set("need seed feed bed red shed speed breed".split())
_GLAD_VERBS = {"liked", "loved", "enjoyed", "praised", "appreciated", "seemed", "was", "were"}
_TALK_VERBS = {"talked", "chatted", "spoke", "discussed"}
_TO_ME_VERBS = {"explained", "described", "presented", "introduced", "suggested"}
_ADJECTIVES = set(
    "interested impressed happy pleased keen curious kind helpful positive enthusiastic "
    "supportive open friendly engaged excited".split()
)
_DETERMINERS = set(
    "the a an our my your their his her its this that these those some one two three".split()
)
_HEARING_HEADS = set(
    "plan plans idea ideas vision strategy project projects roadmap migration launch process "
    "work priorities approach".split()
)
_TALK_NOUNS = {"chat", "conversation", "talk", "discussion"}
_VERDICT = regex.compile(
    r"\s+(?:went|felt|was|seemed)\s+(?:really\s+|very\s+|quite\s+)?"
    r"(?:well|great|good|natural|fine|ok|okay)\s*$",
    re.I,
)
_SHORTHAND = regex.compile(
    r"\s\+\s|\+\s*me\b|\bw/|\bre:|->|\bqs?\b|\b(?:ok|okay|lol|tbh|v)\b", re.I
)
_VERY = {"very", "really", "so", "quite", "clearly"}


@dataclass(frozen=True)
class Reader:
    """Who reads the draft: their full name, and whether they work at the company (then the
    company's team is theirs: "their ledger service" -> "your ledger service")."""

    name: str
    at_company: bool = True

    def names(self) -> set[str]:
        """Every way the notes may name them: full name, each part, without a title."""
        return name_forms(self.name)


_TITLES = {"mr", "mrs", "ms", "mx", "dr", "prof"}


def name_forms(name: str) -> set[str]:
    """'Dr. Helen Marsh' -> the full name, 'Helen Marsh', 'Helen', 'Marsh', 'Dr. Marsh', 'Dr Marsh'."""
    words = name.split()
    title = [w for w in words[:1] if w.lower().rstrip(".") in _TITLES]
    parts = [w for w in words if w not in title]
    forms = {name, " ".join(parts), *parts}
    if title and parts:
        forms |= {f"{title[0]} {parts[-1]}", f"{title[0].rstrip('.')} {parts[-1]}"}
    return {f for f in forms if f}


def people_forms(people: Iterable[str]) -> list[str]:
    """Every form of every name, longest first (so 'Kofi Mensah' and 'Kofi' both match)."""
    return sorted({f for p in people for f in name_forms(p)}, key=len, reverse=True)


@dataclass(frozen=True)
class Detail:
    """One note item read into a shape: `kind` 'enjoyed' (the object of "I enjoyed ..."),
    'that' (a clause: "I appreciated it when ...") or 'glad' (a clause: "I was glad that ...")."""

    kind: Literal["enjoyed", "that", "glad"]  # 'that': "I appreciated it when ..."
    text: str
    source: str  # the note item it came from

    def sentence(self) -> str:
        if self.kind == "enjoyed":
            return f"I especially enjoyed {self.text}."
        if self.kind == "glad":
            return f"I was glad that {self.text}."
        return f"I appreciated it when {self.text}."

    @property
    def prompt(self) -> str:
        """The detail as a model is told it: a noun phrase as it is, a clause as its sentence."""
        if self.kind == "enjoyed":
            return self.text.removeprefix("hearing about ")
        return self.sentence()


def is_past_verb(word: str) -> bool:
    low = word.lower()
    return low in _IRREGULAR_PAST or (
        low.endswith("ed") and len(low) > 4 and low not in _NOT_PAST and word.isalpha()
    )


def _tokens(text: str) -> list[str]:
    return text.split()


def _swap_possessives(text: str, reader: Reader) -> str:
    """The reader's own things in the second person: 'Siobhan's plans' -> 'your plans', and
    'their X' -> 'your X' when the reader works at the company."""
    for name in sorted(reader.names(), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}['\u2019]s\b", "your", text)
    if reader.at_company:
        text = re.sub(r"\btheir\b", "your", text)
        text = re.sub(r"\bthem\b", "you", text)
    return text


def _clean_shorthand(text: str) -> str:
    text = re.sub(r"\bw/\s*", "with ", text)
    text = re.sub(r"\bre:\s*", "about ", text)
    text = re.sub(r"\s&\s", " and ", text)
    text = re.sub(r"\basked lots\b", "asked a lot", text)
    return " ".join(text.split()).strip(" .;:-")


def _names_in(text: str, people: Iterable[str]) -> Optional[str]:
    """The person (a name from the notes) the text starts with."""
    for name in sorted({n for n in people if n}, key=len, reverse=True):
        if re.match(rf"{re.escape(name)}\b", text):
            return name
    return None


def _name_anywhere(text: str, people: Iterable[str]) -> Optional[str]:
    for name in sorted({n for n in people if n}, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text):
            return name
    return None


def _is_clean(text: str) -> bool:
    return bool(text) and not _SHORTHAND.search(text) and len(text.split()) <= 24


def _noun_phrase(text: str, reader: Reader, people: Sequence[str]) -> Optional[str]:
    """'group exercise on X' -> 'the group exercise on X'; None when it holds a verb."""
    text = _swap_possessives(_clean_shorthand(text), reader)
    text = re.sub(
        r"^(?:a\s+)?(?:really\s+|very\s+)?(?:good|great|nice|interesting)\s+", "", text, flags=re.I
    )
    toks = _tokens(text)
    if not toks or len(toks) > 16 or not _is_clean(text):
        return None
    if any(is_past_verb(t) for t in toks) or toks[0].lower() in ("i", "we", "they", "he", "she"):
        return None
    if any(t.lower() in ("is", "are", "am") for t in toks):
        return None
    first = toks[0]
    if _names_in(text, people) and not re.match(r"\S+['\u2019]s\b", text):
        return None  # a name with no verb ("Joe") is no noun phrase
    if first.lower() in _DETERMINERS or re.match(r"\S+['\u2019]s$", first):
        phrase = text[0].lower() + text[1:] if first in ("The", "A", "An", "Our") else text
    else:
        head = first if first.isupper() or _names_in(text, people) else first[0].lower() + first[1:]
        phrase = f"the {head} {' '.join(toks[1:])}".strip()
    words = phrase.split()
    nouns = [w.lower().strip(".,") for w in words[1:3]]
    if words[0] in ("the", "a", "an") and any(n in _TALK_NOUNS for n in nouns[:1]):
        phrase = "our " + " ".join(words[1:])
    elif words[0] in ("your", "the") and any(n in _HEARING_HEADS for n in nouns):
        phrase = f"hearing about {phrase}"
    return phrase


def _verb_phrase(vp: str, reader: Reader) -> Optional[str]:
    """A past-tense verb phrase, cleaned; None when it does not read as one."""
    vp = _swap_possessives(_clean_shorthand(vp), reader)
    toks = _tokens(vp)
    if len(toks) < 2 or not is_past_verb(toks[0]) or not _is_clean(vp):
        return None
    if toks[0].lower() in (
        "was",
        "were",
    ):  # "was very interested in" reads; "was very interest" not
        rest = [t for t in toks[1:] if t.lower() not in _VERY]
        if not rest or not (rest[0].lower() in _ADJECTIVES or rest[0].lower().endswith("ed")):
            return None
    if toks[0].lower() in _TO_ME_VERBS and len(toks) > 2 and toks[1].lower() == "me":
        vp = " ".join([toks[0], *toks[2:], "to me"])  # "explained me X" -> "explained X to me"
    return vp


_PRONOUNS = {"she", "he", "they"}


def _clause(
    part: str, reader: Reader, people: Sequence[str], last: Optional[str]
) -> Optional[tuple[str, str, str]]:
    """(subject, verb phrase, whom) for 'NAME verb ...' or 'she/he verb ...'; whom is 'you' when
    the subject is the reader, else the name."""
    name = _names_in(part, [*reader.names(), *people])
    if name:
        rest = part[len(name) :].strip()
    else:
        first, _, rest = part.partition(" ")
        if first.lower() not in _PRONOUNS or not last:
            return None
        name = last
    vp = _verb_phrase(rest, reader)
    if not vp:
        return None
    whom = "you" if name in reader.names() else name
    return name, vp, whom


def _talk(part: str, reader: Reader, people: Sequence[str]) -> Optional[Detail]:
    """'talked with Joe about X', 'Priya + me on X', 'we discussed X' -> talking with you."""
    text = _clean_shorthand(part)
    m = re.match(
        r"(?:I\s+|we\s+)?(talked|chatted|spoke)\s+(?:with|to)\s+(.+?)\s+about\s+(.+)$", text, re.I
    )
    plus = re.match(r"(.+?)\s*\+\s*me\s+(?:on|about)\s+(.+)$", part.strip())
    if m:
        who, topic = m.group(2), m.group(3)
    elif plus:
        who, topic = plus.group(1), plus.group(2)
    else:
        m = re.match(r"(?:we\s+|I\s+)?discussed\s+(.+)$", text, re.I)
        if not m:
            return None
        who, topic = reader.name, m.group(1)
    topic = _swap_possessives(_clean_shorthand(topic), reader)
    if not _is_clean(topic) or any(is_past_verb(t) for t in topic.split()):
        return None
    person = _names_in(who.strip(), [*reader.names(), *people])
    if person is None:
        return None
    if person in reader.names():
        return Detail("enjoyed", f"our conversation about {topic}", part)
    return Detail("enjoyed", f"talking with {person} about {topic}", part)


def read_item(item: str, reader: Reader, people: Sequence[str] = ()) -> Optional[Detail]:
    """The best sentence one note item makes, or None: a clause about the reader first, then a
    talk with them, then the item's first noun phrase, then a clause about someone else."""
    item = _VERDICT.sub("", " ".join(item.split()).rstrip(".!"))
    people = people_forms([*people, reader.name])
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+-\s+", item) if p.strip()]
    candidates: list[tuple[int, Detail]] = []
    last: Optional[str] = None
    for i, part in enumerate(parts):
        part = _VERDICT.sub("", part)
        clause = _clause(part, reader, people, last)
        if clause:
            name, vp, whom = clause
            last = name
            more = []  # "..., asked how I got the HCAs on board": the same person goes on
            for follow in parts[i + 1 :]:
                extra = _verb_phrase(follow, reader)
                if not extra:
                    break
                more.append(extra)
            text = " and ".join([f"{whom} {vp}", *more]) if more else f"{whom} {vp}"
            kind = "glad" if vp.split()[0].lower() in _GLAD_VERBS else "that"
            rank = 0 if whom == "you" else 3
            candidates.append((rank, Detail(kind, text, item)))
            continue
        talk = _talk(part, reader, people)
        if talk:
            candidates.append((1, talk))
            continue
        named = _name_anywhere(part, [*reader.names(), *people])
        if named and not re.search(rf"{re.escape(named)}['\u2019]s\b", part):
            last = named
        if i == 0 or not candidates:
            phrase = _noun_phrase(part, reader, people)
            if phrase:
                candidates.append((2, Detail("enjoyed", phrase, item)))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def pick_detail(
    items: Sequence[str], reader: Reader, people: Sequence[str] = ()
) -> Optional[Detail]:
    """The first note item (the highlight, then what went well) that makes a clean sentence."""
    for item in items:
        if item and item.strip():
            detail = read_item(item, reader, people)
            if detail:
                return detail
    return None
