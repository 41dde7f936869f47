"""The rich report of one critique: score, subscores, findings by section, hints apart ("Worth a
look"), keywords, rewrites."""

from __future__ import annotations

from itertools import groupby

from assistant.rules import firm, hints
from assistant.tasks.critique import CritiqueResult

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "hint": "magenta"}
SECTION_ORDER = [
    "contact",
    "document",
    "summary",
    "experience",
    "projects",
    "volunteer",
    "education",
    "skills",
]


def _score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def renderables(result: CritiqueResult) -> list:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    out: list = []
    scores = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    scores.add_column("Part")
    scores.add_column("Score", justify="right")
    scores.add_column("Why")
    for name, sub in result.subscores.items():
        scores.add_row(name, Text(str(sub.score), style=_score_style(sub.score)), sub.explanation)
    title = Text.assemble(
        f"{result.file}  ", (f"{result.score}/100", f"bold {_score_style(result.score)}")
    )
    out.append(Panel(scores, title=title, title_align="left", expand=False))

    findings, maybe = firm(result.findings), hints(result.findings)
    advised: set[str] = set()  # each suggestion once, under the first finding of its code
    if findings:
        ordered = sorted(
            findings,
            key=lambda f: (
                SECTION_ORDER.index(f.section)
                if f.section in SECTION_ORDER
                else len(SECTION_ORDER),
                f.line or 0,
            ),
        )
        for section, items in groupby(ordered, key=lambda f: f.section):
            out.append(Text(section.capitalize(), style="bold underline"))
            out.extend(_finding_lines(items, advised))
    else:
        out.append(Text("No findings.", style="green"))
    if maybe:  # a check's borderline cases, after the findings
        out.append(
            Text("Worth a look (hints: a careful reader may or may not mind these)", style="bold")
        )
        out.extend(_finding_lines(maybe, advised))

    if result.keywords is not None:
        out.extend(keyword_renderables(result.keywords))

    out.append(Panel(result.summary, title="What to fix first", title_align="left", expand=False))
    if result.rewrites:
        out.append(
            Text(
                "Suggested rewrites (fill each [__], [metric] and [period] with your real figures)",
                style="bold",
            )
        )
        for r in result.rewrites:
            out.append(Text(f"  - {r.original}", style="dim"))
            if r.suggestion:
                out.append(Text(f"  + {r.suggestion}", style="green"))
            else:
                out.append(Text(f"  ? {r.missing}", style="yellow"))
    return out


def _finding_lines(findings, advised: set[str]) -> list:
    """Each finding: its code, where, what; the words it is about; the suggestion once a code."""
    from rich.text import Text

    out: list = []
    for f in findings:
        where = f"line {f.line}: " if f.line else ""
        out.append(
            Text.assemble("  ", (f"[{f.code}] ", SEVERITY_STYLE[f.severity]), where, f.message)
        )
        if f.excerpt:
            out.append(Text(f"    \u201c{f.excerpt}\u201d", style="dim"))
        if f.code not in advised:
            advised.add(f.code)
            out.append(Text(f"    \u2192 {f.suggestion}", style="italic"))
    return out


MAX_MISSING_SHOWN = 12


def keyword_renderables(kw) -> list:
    """The keyword gap: the rate per category (must-haves first), then each missing term with
    the ad's sentence that asks for it, so the candidate knows what to add and where it came from,
    then the terms the resume names in other words, with its words."""
    from rich.table import Table
    from rich.text import Text

    out: list = []
    table = Table(
        title=f"Job keywords: {kw.match_rate:.0%} matched (aim for about 80%)",
        title_justify="left",
        show_header=False,
        box=None,
        padding=(0, 1),
    )
    table.add_column(style="bold")
    table.add_column()
    for rate in kw.by_category:
        label = f"{'Must-have' if rate.required else 'Nice-to-have'} {rate.category}"
        style = "green" if rate.rate >= 0.8 else "yellow" if rate.rate >= 0.5 else "red"
        table.add_row(label, Text(f"{rate.matched}/{rate.total}", style=style))
    table.add_row(Text("Matched", style="green"), ", ".join(kw.matched) or "none")
    for t in kw.terms:  # "Java or an equivalent" met by another term of its kind
        if t.equivalent:
            table.add_row(
                Text("By an equivalent", style="green"),
                f"{t.name} or an equivalent: your resume shows {t.equivalent}",
            )
    out.append(table)
    missing = [t for t in kw.terms if not t.matched and not t.reworded]
    if missing:
        out.append(Text("Missing (say it in the ad's words where you have it)", style="bold red"))
        shown = missing[:MAX_MISSING_SHOWN]
        by_sentence: dict[str, list] = {}
        for t in shown:  # one sentence once, with every term it asks for
            by_sentence.setdefault(t.sentence, []).append(t)
        for sentence, terms in by_sentence.items():
            for t in terms:
                out.append(Text.assemble("  ", (t.name, "bold"), f" ({_asked_as(t)})"))
            out.append(Text(f"    \u201c{_clip(sentence)}\u201d", style="dim"))
        if len(missing) > MAX_MISSING_SHOWN:
            rest = ", ".join(t.name for t in missing[MAX_MISSING_SHOWN:])
            out.append(Text(f"  and {len(missing) - MAX_MISSING_SHOWN} more: {rest}", style="dim"))
    elif kw.missing:  # a report made before terms carried their sentences
        out.append(Text.assemble(("Missing: ", "bold red"), ", ".join(kw.missing)))
    reworded = [t for t in kw.terms if t.reworded]
    if reworded:
        out.append(
            Text(
                "Worded differently (use the ad's words if they are true of you)",
                style="bold yellow",
            )
        )
        for t in reworded:
            out.append(
                Text.assemble(
                    "  the ad says ",
                    (f"\u201c{t.name}\u201d", "bold"),
                    f" ({_asked_as(t)}), your resume says \u201c{_clip(t.reworded, 60)}\u201d",
                )
            )
    if kw.requirements:
        asked = "; ".join(
            f"{r.text}{'' if r.required else ' (preferred)'}" for r in kw.requirements[:4]
        )
        out.append(Text.assemble(("Also asked: ", "bold"), asked))
    return out


def _asked_as(t) -> str:
    """How the ad asks for a term: "must-have, hard skill", "duties, domain"."""
    return f"{'must-have' if t.required else t.where}, {t.category}"


def _clip(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def report_text(result: CritiqueResult, width: int = 100) -> str:
    """The same report as plain text (for --out)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    plain = Console(file=buffer, width=width, color_system=None, highlight=False, soft_wrap=False)
    for item in renderables(result):
        plain.print(item)
    return buffer.getvalue()
