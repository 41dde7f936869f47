"""`rebound parse FILE`: show what Rebound read from a resume (to see why a finding fired)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.common import JsonOpt, console, print_json


def parse(
    file: Annotated[
        str, typer.Argument(help="A resume (.txt, .md, .pdf, .docx, JSON Resume .json), or -.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show what Rebound read from a resume: contact, sections, positions, education, skills.

    With --json, one object that also holds the plain text ("text") every line number refers to.
    """
    from assistant.tasks.parse import parse_file

    result = parse_file(file)
    if as_json:
        print_json(result)
        return
    console().print(report(result), markup=False, highlight=False, soft_wrap=True)


def report(result) -> str:
    """The parse as plain text: one labelled block per part, line numbers as in the text."""
    c = result.contact

    def at(line) -> str:
        return f" (line {line})" if line is not None else ""

    out = [f"{result.file} ({result.format}, {result.words} words)", "", "Contact"]
    out += [
        f"  {label}: {value or '-'}"
        for label, value in (
            ("name", c.name),
            ("email", c.email),
            ("phone", c.phone),
            ("location", c.location),
            ("links", ", ".join(c.links)),
        )
    ]
    out += ["", "Sections"]
    out += [f"  {s.kind:<14} {s.title}{at(s.line)}" for s in result.sections] or ["  (none found)"]
    out += ["", "Positions"]
    for p in result.positions:
        dates = f"{p.start} - {p.end}" if p.end else p.start or "no dates"
        out.append(f"  {p.title or '(no title)'} | {p.employer or '-'} | {dates}{at(p.line)}")
        out += [f"    - {b}" for b in p.bullets]
    if not result.positions:
        out.append("  (none found)")
    out += ["", "Education"] + ([f"  {e}" for e in result.education] or ["  (none found)"])
    out += ["", "Skills", "  " + (", ".join(result.skills) or "(none found)")]
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
