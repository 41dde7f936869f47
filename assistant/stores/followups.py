"""The follow-up log: who you contacted, when and about what, and the advice it gives
(wait, or stop) before you write to the same person again. SQLite via assistant.store."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel

from assistant.choices import ContactKind
from assistant.errors import InputError
from assistant.stores import db as store

Kind = ContactKind
About = Literal["rejection", "feedback-request", "follow-up"]
KINDS: tuple[str, ...] = Kind.__args__
ABOUTS: tuple[str, ...] = About.__args__
STORE = "followups"
WAIT_DAYS = 7
MAX_FOLLOW_UPS = 2  # after the rejection; from this many on, the advice is to stop
MAX_NAME = 200

MIGRATIONS = [
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        person TEXT NOT NULL,
        person_key TEXT NOT NULL,
        company TEXT NOT NULL,
        company_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('email', 'call', 'linkedin')),
        about TEXT NOT NULL CHECK (about IN ('rejection', 'feedback-request', 'follow-up')),
        date TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX contacts_by_person ON contacts (person_key, company_key, date)
    """,
]


class Contact(BaseModel):
    id: int
    to: str
    company: str
    kind: Kind
    about: About
    date: dt.date


class ContactList(BaseModel):
    contacts: list[Contact]


class Advice(BaseModel):
    """What the log says about writing to this person now: go, wait (until not_before), or stop."""

    action: Literal["go", "wait", "stop"]
    to: str
    company: str
    message: str
    reasons: list[str] = []
    last_contact: Optional[dt.date] = None
    not_before: Optional[dt.date] = None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _clean(value: str, option: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InputError(f"{option}: must not be empty")
    if len(text) > MAX_NAME:
        raise InputError(f"{option}: too long (over {MAX_NAME} characters)")
    return text


def _connect():
    return store.connect(STORE, MIGRATIONS)


def _contact(row) -> Contact:
    return Contact(
        id=row["id"],
        to=row["person"],
        company=row["company"],
        kind=row["kind"],
        about=row["about"],
        date=dt.date.fromisoformat(row["date"]),
    )


def add_contact(
    to: str,
    company: str,
    kind: str = "email",
    about: str = "follow-up",
    date: Optional[dt.date] = None,
    today: Optional[dt.date] = None,
) -> Contact:
    today = today or dt.date.today()
    to, company = _clean(to, "--to"), _clean(company, "--company")
    if kind not in KINDS:
        raise InputError(f"--kind: must be one of {', '.join(KINDS)}")
    if about not in ABOUTS:
        raise InputError(f"--about: must be one of {', '.join(ABOUTS)}")
    date = date or today
    if date > today:
        raise InputError(f"--date: {date} is in the future")
    conn = _connect()
    try:
        with store.transaction(conn):
            cur = conn.execute(
                "INSERT INTO contacts (person, person_key, company, company_key, kind, about, date, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    to,
                    _key(to),
                    company,
                    _key(company),
                    kind,
                    about,
                    date.isoformat(),
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                ),
            )
            contact_id = cur.lastrowid
    finally:
        conn.close()
    return Contact(id=contact_id, to=to, company=company, kind=kind, about=about, date=date)


def list_contacts(company: Optional[str] = None, to: Optional[str] = None) -> list[Contact]:
    query, params = "SELECT * FROM contacts WHERE 1=1", []
    if company:
        query += " AND company_key = ?"
        params.append(_key(company))
    if to:
        query += " AND person_key = ?"
        params.append(_key(to))
    conn = _connect()
    try:
        rows = conn.execute(query + " ORDER BY date, id", params).fetchall()
    finally:
        conn.close()
    return [_contact(r) for r in rows]


def remove_contact(contact_id: int) -> Contact:
    conn = _connect()
    try:
        with store.transaction(conn):
            row = conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
            if row is None:
                raise InputError(
                    f"no contact with id {contact_id} in the log (see `rebound log list`)"
                )
            conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    finally:
        conn.close()
    return _contact(row)


def decide(history: list[Contact], to: str, company: str, today: dt.date) -> Advice:
    """The log's rules, on one person's history (oldest first)."""
    who = f"{to} at {company}"
    reasons: list[str] = []
    stop = False
    asked = [c for c in history if c.about == "feedback-request"]
    if asked:
        stop = True
        reasons.append(
            f"You already asked {who} for feedback on {asked[-1].date}: a second request "
            "will not get a different answer. Stop here."
        )
    rejections = [c.date for c in history if c.about == "rejection"]
    since = max(rejections) if rejections else None
    follow_ups = [
        c for c in history if c.about == "follow-up" and (since is None or c.date >= since)
    ]
    if len(follow_ups) >= MAX_FOLLOW_UPS:
        stop = True
        dates = ", ".join(str(c.date) for c in follow_ups)
        after = f"since the rejection on {since}" if since else "already"
        reasons.append(
            f"You followed up {len(follow_ups)} times {after} ({dates}). Stop here and put the "
            "energy into your next application."
        )
    sent = [c for c in history if c.about != "rejection"]  # your messages; the rejection is theirs
    last = sent[-1].date if sent else None
    not_before = None
    if last is not None and not stop and (today - last).days < WAIT_DAYS:
        not_before = last + dt.timedelta(days=WAIT_DAYS)
        days = (today - last).days
        ago = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        reasons.append(
            f"Your last message to {who} was on {last} ({ago}). Wait at least a week: "
            f"not before {not_before}."
        )
    action = "stop" if stop else ("wait" if not_before else "go")
    if reasons:
        message = " ".join(reasons)
    elif last:
        message = f"Your last message to {who} was on {last}; writing now is fine."
    elif history:
        message = f"No message of yours to {who} in the log since the rejection on {since}; writing now is fine."
    else:
        message = f"Nothing in your log for {who}."
    return Advice(
        action=action,
        to=to,
        company=company,
        message=message,
        reasons=reasons,
        last_contact=last,
        not_before=not_before,
    )


def advice_for(
    to: Optional[str], company: Optional[str], today: Optional[dt.date] = None
) -> Optional[Advice]:
    """The advice for writing to this person now; None when the person or company is unknown."""
    if not (to and to.strip() and company and company.strip()):
        return None
    history = list_contacts(company=company, to=to)
    return decide(
        history, " ".join(to.split()), " ".join(company.split()), today or dt.date.today()
    )
