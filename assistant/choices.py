"""The closed choices the command line offers, in one light module: the CLI lists them in --help
(typer reads the Literal) and the tasks' models use the same types."""

from __future__ import annotations

from typing import Literal

Recipient = Literal["hiring-manager", "recruiter"]  # feedback --recipient
Channel = Literal["linkedin", "email"]  # network --channel
Occasion = Literal["connect", "congratulate", "update"]  # network --occasion
LinkedInLimit = Literal[300, 200]  # network --limit: LinkedIn's note limit (200 on a free account)
ContactKind = Literal["email", "call", "linkedin"]  # log --kind, soften --kind
BackendKind = Literal["llama", "openai"]  # --backend
