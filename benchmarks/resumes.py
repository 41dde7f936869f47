"""Generated Markdown resumes for the benchmark: varied, realistic in shape, reproducible (seeded)."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Jordan",
    "Priya",
    "Tom",
    "Amara",
    "Lucas",
    "Mei",
    "Sofia",
    "Omar",
    "Hannah",
    "Diego",
    "Aisha",
    "Noah",
]
LAST = [
    "Rivera",
    "Natarajan",
    "Okafor",
    "Lindqvist",
    "Chen",
    "Garcia",
    "Haddad",
    "Novak",
    "Kowalski",
    "Mensah",
]
TITLES = [
    "Marketing Coordinator",
    "Software Engineer",
    "Data Analyst",
    "Product Designer",
    "Account Manager",
    "Operations Lead",
    "Content Strategist",
    "Customer Success Manager",
]
COMPANIES = [
    "Harrow Books",
    "Northwind Traders",
    "Fernhill Clinic",
    "Lindqvist Labs",
    "Bluebird Logistics",
    "Cedar & Pine",
    "Orbit Analytics",
    "Quayside Media",
]
STRONG = [
    "Grew newsletter open rates from 18% to 31% in six months by testing subject lines",
    "Cut invoice processing time by 40% by automating the export to the ledger",
    "Led a team of 5 to ship the mobile checkout, raising conversion by 12%",
    "Migrated 3 services to PostgreSQL with zero downtime",
    "Ran 24 A/B tests on the pricing page; two became the default",
    "Trained 14 new starters on the support tooling and wrote the playbook",
]
WEAK_OPENERS = [
    "Responsible for",
    "Helped with",
    "Worked on",
    "Duties included",
    "Assisted with",
    "I handled",
    "Was tasked with",
]
WEAK_OBJECTS = [
    "social media accounts",
    "the quarterly budget",
    "various projects as a team player",
    "answering phones and filing",
    "the weekly sales report",
    "onboarding of new clients",
    "the office move",
    "results-driven synergy across teams",
    "the customer newsletter",
    "stock checks in the warehouse",
    "the CRM clean-up",
    "event logistics for the spring fair",
    "the vendor invoices",
    "testing of the mobile app",
    "the hiring pipeline",
]
WEAK = [f"{o} {x}" for o in WEAK_OPENERS for x in WEAK_OBJECTS] + [
    "The reports were prepared by me every week",
    "I managed my own schedule and my inbox",
]
SKILLS = [
    "Python",
    "SQL",
    "Google Analytics",
    "Excel",
    "Figma",
    "Salesforce",
    "Kubernetes",
    "content strategy",
    "A/B testing",
    "JavaScript",
    "Tableau",
    "project management",
]
SCHOOLS = ["University of Leeds", "Ohio State University", "TU Delft", "McGill University"]


def resume_text(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    handle = name.lower().replace(" ", ".")
    lines = [
        f"# {name}",
        "",
        f"{handle}@example.com · +44 20 7946 {rng.randint(1000, 9999)} · London",
        "",
        "## Summary",
        "",
        f"{rng.choice(TITLES)} with {rng.randint(2, 12)} years of experience.",
        "",
        "## Experience",
        "",
    ]
    year = 2025
    strong, weak = rng.sample(STRONG, len(STRONG)), rng.sample(WEAK, len(WEAK))  # each bullet once
    for _ in range(rng.randint(2, 3)):
        start = year - rng.randint(1, 4)
        lines += [f"### {rng.choice(TITLES)}, {rng.choice(COMPANIES)} ({start} - {year})", ""]
        bullets = [strong.pop() for _ in range(rng.randint(1, 2))] + [
            weak.pop() for _ in range(rng.randint(0, 2))
        ]
        rng.shuffle(bullets)
        lines += [f"- {b}" for b in bullets] + [""]
        year = start
    lines += [
        "## Education",
        "",
        f"BA, {rng.choice(SCHOOLS)} ({year - 3})",
        "",
        "## Skills",
        "",
        ", ".join(rng.sample(SKILLS, rng.randint(4, 8))),
        "",
    ]
    return "\n".join(lines)


def write_resumes(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` resumes into folder; the same seed gives the same files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"resume-{i:03d}.md"
        path.write_text(resume_text(rng), encoding="utf-8")
        paths.append(path)
    return paths
