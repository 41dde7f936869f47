"""The resume the resume rules' examples are written against: a clean one whose {bullet} a
one-line example replaces (a multi-line example is a whole resume of its own)."""

from __future__ import annotations

BASE = """# Dana Reyes
dana.reyes@example.com | (555) 201-3344 | Denver, CO

## Experience
### Operations Analyst, Alpine Freight, Jan 2021 - Present
- {bullet}
- Cut invoice errors by 40% with a weekly reconciliation in Excel
- Trained 12 dispatchers on the new routing software

## Education
B.A. Economics, University of Colorado, 2020

## Skills
Excel, SQL, Tableau, logistics
"""


def with_projects(n: int) -> str:
    """BASE with a projects section of `n` distinct bullets of 20 words each."""
    return BASE.replace("{bullet}", "Negotiated 14 carrier contracts worth $3M") + (
        "\n## Projects\n"
        + "\n".join(
            f"- Mapped {i} delivery routes for the regional depot network and its"
            " partner warehouses across the whole state of Colorado"
            for i in range(n)
        )
    )


LONG = with_projects(90)  # about 1,870 words: well over three pages
LONGISH = with_projects(62)  # about 1,300 words: between two and a half and three pages


def example_text(example: str) -> str:
    """The resume text an example stands for."""
    return example if "\n" in example else BASE.replace("{bullet}", example)
