"""A draft as a standard email file (RFC 5322, Python's `email` package) that a mail client opens
as an unsent draft: `X-Unsent: 1` is the header Outlook and Thunderbird read for that; Apple
Mail opens it as a message to send on. The body is plain UTF-8 text."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr
from typing import Optional


def build_eml(
    subject: str,
    body: str,
    to_name: Optional[str] = None,
    to_email: Optional[str] = None,
) -> bytes:
    """The email file's bytes. A recipient without an address is left for the mail client to
        fill (a To header needs an address); the name still stands in the body's greeting. The sender
    is the mail client's own account."""
    msg = EmailMessage(policy=SMTP)
    msg["X-Unsent"] = "1"
    if to_email:
        msg["To"] = formataddr((to_name or "", to_email))
    msg["Subject"] = subject
    msg.set_content(body.rstrip("\n") + "\n", charset="utf-8")
    return msg.as_bytes()
