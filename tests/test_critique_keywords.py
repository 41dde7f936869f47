"""The keyword matcher: aliases, plurals, multi-word terms, exact-case short names, and job terms
that are real requirements (never stop words, never the company's name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.keywords import extract_job_terms, find_terms, guess_company, keyword_gap
from assistant.inputs.job import read_job
from tests.helpers.paths import JSONRESUME, needs_jsonresume

ROOT = Path(__file__).resolve().parent.parent
JOBS = ROOT / "fixtures" / "jobs"
SHARED_JOB = JSONRESUME / "sample.job.json"
STOP_WORDS = set(
    """a an and the or of for to in on at by with as we you our your is are be will can
must should who what this that about experience strong years team role skills work ability plus""".split()
)


@pytest.mark.parametrize(
    "text,term",
    [
        ("Tuned Postgres queries", "PostgreSQL"),
        ("Ran k8s clusters", "Kubernetes"),
        ("Wrote JS and TS", "JavaScript"),
        ("Wrote JS and TS", "TypeScript"),
        ("Built on GCP", "Google Cloud"),
        ("Ran A/B tests on pricing pages", "A/B testing"),
        ("Reported in Google Analytics", "Google Analytics"),
        ("Owned the content strategy", "Content strategy"),
        ("Kept the card flow PCI-DSS compliant", "PCI DSS"),
        ("Built dashboards", "Dashboards"),
        ("Built one dashboard", "Dashboards"),
        ("Designed REST APIs", "REST APIs"),
        ("Styled pages with HTML/CSS", "CSS"),
        ("Set up CI/CD", "CI/CD"),
        ("Services in Go", "Go"),
        ("Ported C++ and C# code to .NET", "C++"),
        ("Ported C++ and C# code to .NET", "C#"),
        ("Ported C++ and C# code to .NET", ".NET"),
        ("Built a Node.js API.", "Node.js"),
        ("Microsoft Excel models", "Excel"),
        ("Shipped i18n for the checkout", "Internationalization"),
        ("Ran l10n for six markets", "Localization"),
    ],
)
def test_find_terms_normalises_aliases_plurals_and_multiword(text, term):
    assert term in find_terms(text)


def test_i18n_and_l10n_are_two_skills():
    # internationalisation makes software ready for many languages; localisation adapts it to
    # one: an ad asking for both asks for two things
    assert "Localization" not in find_terms("Shipped i18n for the checkout")
    assert "Internationalization" not in find_terms("Ran l10n for six markets")


@pytest.mark.parametrize(
    "text,term",
    [
        ("Ready to go to market", "Go"),
        ("I excel at planning", "Excel"),
        ("The rest of the team", "REST APIs"),
        ("Google, then Analytics", "Google Analytics"),  # not across a comma
        ("A spring catalogue", "Spring"),
    ],
)
def test_find_terms_does_not_match_ordinary_words(text, term):
    assert term not in find_terms(text)


def test_job_terms_are_requirements_first_and_skip_benefits():
    job = read_job(JOBS / "data-analyst-northwind.md")
    terms = extract_job_terms(job.text, job.company)
    assert {"SQL", "Python", "Tableau", "HIPAA", "A/B testing", "Communication"} <= set(terms)
    assert terms.index("SQL") < terms.index("Airflow")  # required before nice to have
    assert not any("insurance" in t.lower() or "dental" in t.lower() for t in terms)


@pytest.mark.parametrize("name", [p.name for p in sorted(JOBS.iterdir())])
def test_job_terms_have_no_stop_words_and_no_company(name):
    job = read_job(JOBS / name)
    terms = extract_job_terms(job.text, job.company)
    assert terms
    assert not {t.lower() for t in terms} & STOP_WORDS
    company_words = {w.lower() for w in (job.company or "").split()}
    # a word of the company's name the ad writes in lower case is an everyday word there:
    # "protected health information" beside Northwind Health
    named = [t for t in terms if t.lower() not in job.text]
    assert not any(w in company_words for t in named for w in t.lower().split()), (
        job.company,
        terms,
    )


def test_company_is_never_a_missing_term_even_without_its_name_given():
    text = (
        "Join Segment Labs, the analytics startup.\n\nRequirements:\n- Experience with Salesforce and"
        " Segment Labs tooling\n- Strong SQL\n"
    )
    assert guess_company(text) == "Segment Labs"
    terms = extract_job_terms(text)
    assert set(terms) == {"Salesforce", "SQL"}
    assert not any("Segment" in t for t in terms)


def test_plain_lines_without_bullets_count():
    terms = extract_job_terms(
        "Data Engineer\n\nWhat you need\nExperience with SQL\nPython or Scala\n\n"
        "Benefits\nFree Java lessons\n"
    )
    assert terms == ["SQL", "Python or Scala"]  # one requirement either satisfies; Java is a perk


def test_terms_the_vocabulary_lacks_are_found_in_requirement_lines():
    terms = extract_job_terms(
        "Requirements:\n- Experience with Klaviyo and Salesforce Marketing Cloud\n"
        "- Knowledge of FHIR and HL7 interfaces\n\nAbout us:\n- We love Hawaii\n"
    )
    assert {"Klaviyo", "FHIR", "HL7"} <= set(terms)
    assert "Hawaii" not in terms


def test_keyword_gap_counts_matched_and_missing():
    job = (JOBS / "backend-engineer-ledgerly.md").read_text()
    report = keyword_gap(
        "Built services in Golang on Postgres, deployed with Docker on k8s. Wrote Python.", job
    )
    assert {"Go", "PostgreSQL", "Docker", "Kubernetes", "Python"} <= set(report.matched)
    assert {"Terraform", "Kafka", "PCI DSS"} <= set(report.missing)
    assert report.match_rate == pytest.approx(
        len(report.matched) / (len(report.matched) + len(report.missing)), abs=1e-3
    )
    assert "Ledgerly" not in report.missing


def test_keyword_gap_matches_discovered_terms_by_phrase():
    job = "Requirements:\n- Experience with Klaviyo flows\n- Strong SQL\n"
    assert keyword_gap("Ran klaviyo email flows with SQL", job).match_rate == 1.0
    assert keyword_gap("Ran email flows", job).missing == ["Klaviyo", "SQL"]


def test_keyword_gap_without_terms():
    report = keyword_gap("anything", "We are a friendly bunch who like lunch together every day.")
    assert report.matched == [] and report.missing == [] and report.match_rate == 0.0


@needs_jsonresume
def test_shared_sample_job():
    job = read_job(SHARED_JOB)
    terms = extract_job_terms(job.text, job.company)
    assert {"JavaScript", "HTML", "CSS", "React", "Node.js", "SQL", "MongoDB"} <= set(terms)
    assert "Microsoft" not in terms


BOARD_AD = """# [Senior Software Engineer, Frontend or Fullstack](https://jobs.example.com/apply/123)
### Acme Ledger Inc.
#### `Remote, US`

**Tech Stack:** React is a must. TypeScript is nice to have.

**What You Bring:**
  * 5+ years building web applications with JavaScript and frameworks such as React.
"""


def test_a_job_boards_byline_under_the_title_is_the_employer_and_the_title_loses_its_link():
    from assistant.analysis.keywords import keyword_gap
    from assistant.inputs.job import parse_job_text

    job = parse_job_text(BOARD_AD)
    assert job.title == "Senior Software Engineer, Frontend or Fullstack"
    assert job.company == "Acme Ledger Inc."
    # "React is a must" no longer makes React the advertiser ("React is a ..."): it is asked for
    assert "React" in keyword_gap("", job.text, job.company).missing


@pytest.mark.parametrize(
    "byline", ["### None", "### Remote - Referral Board", "### Requirements", "#### `Remote, US`"]
)
def test_a_heading_under_the_title_that_names_no_employer_is_no_byline(byline):
    from assistant.inputs.job import parse_job_text

    job = parse_job_text(f"# Data Analyst\n{byline}\n\nWe want SQL.\n")
    assert job.company is None


def test_the_employer_guessed_from_the_text_is_never_the_job_title_nor_across_lines():
    from assistant.inputs.job import parse_job_text

    text = (
        "MANAGEMENT ASSISTANT\n\nDUTIES\n\nManagement Assistant is a job that does many things.\n"
    )
    assert parse_job_text(text).company is None
    text = "Clerk\n\nThere is a need for a careful clerk who files records.\n"
    assert parse_job_text(text).company is None


def _plain(renderables) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=200, color_system=None, highlight=False)
    for item in renderables:
        console.print(item)
    return buffer.getvalue()


def test_the_report_says_a_term_worded_differently_apart_with_both_wordings():
    from assistant.analysis.score import _keywords
    from assistant.cli.critique_report import keyword_renderables

    job = "Requirements:\n- Disaster preparedness\n- Unit testing\n"
    report = keyword_gap("Course: Mitigation and Preparedness. Developed testing strategy.", job)
    text = _plain(keyword_renderables(report))
    missing, _, reworded = text.partition("Worded differently")
    assert "Unit testing" in missing and "Disaster Preparedness" not in missing, text
    assert "\u201cDisaster Preparedness\u201d" in reworded, text
    assert "your resume says \u201cMitigation and Preparedness\u201d" in reworded, text
    assert "of 2 terms" in _keywords(report)[1]  # counted among the job's terms, not matched
    shown = keyword_gap("Disaster preparedness plans. Unit testing in pytest.", job)
    assert "Worded differently" not in _plain(keyword_renderables(shown))


def test_the_summary_asks_for_a_term_worded_differently_in_the_ads_words():
    from assistant.checks import example_resume
    from assistant.inputs.job import parse_job_text
    from assistant.tasks.critique import CritiqueRequest, critique

    job = parse_job_text("Requirements:\n- Disaster preparedness\n")
    resume = example_resume("Courses: Mitigation and Preparedness, Hazard Analysis.")
    result = critique(CritiqueRequest(resume=resume, job=job))
    assert result.keywords.reworded == ["Disaster Preparedness"]
    assert "The job also asks for Disaster Preparedness" in result.summary


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("THE OPPORTUNITY", "duties"),
        ("Opportunity", "duties"),
        ("Vos missions :", "duties"),
        ("Tes missions", "duties"),
        ("Missions", "duties"),
        ("THE SKILL SET", "required"),
        ("Skillset", "required"),
        # should pass as they were: a company's mission, the benefits' opportunities
        ("Our mission", "boilerplate"),
        ("Growth opportunities", "other"),
    ],
)
def test_a_heading_that_names_the_job_or_what_it_asks_in_other_words(heading, kind):
    from assistant.inputs.job import heading_kind
    from assistant.inputs.sections import normalise_heading

    assert heading_kind(normalise_heading(heading), "other") == kind


@pytest.mark.parametrize("heading", ["Your mission", "Your team"])
def test_your_is_not_our_a_heading_of_the_job_is_no_company_boilerplate(heading):
    from assistant.inputs.job import heading_kind
    from assistant.inputs.sections import normalise_heading

    assert heading_kind(normalise_heading(heading), "other") != "boilerplate"
    assert heading_kind(normalise_heading(heading.replace("Your", "Our")), "other") == "boilerplate"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        # a job board's badges under the title: the pay and the place, no section
        ("`\U0001f4b0 $Competitive Salary (paid in USD)` `\U0001f30e Remote - Brazil`", "other"),
        ("`\U0001f30e Remote, Oregon, United States`", "other"),
        ("`\U0001f4b0 CAD $108,000~$173,000` `\U0001f30e Toronto, Canada (Remote)`", "other"),
        # should pass as they were: a heading in words that names the pay or the place
        ("\U0001f4b0 Salary", "boilerplate"),
        ("Location: Remote", "boilerplate"),
        ("`Benefits` and perks", "boilerplate"),
        # "You will" alone heads the duties; "for this role" names no section
        ("You will", "duties"),
        ("You Will:", "duties"),
        ("The Role", "duties"),
        ("To be considered for this role these steps need to be followed", "other"),
        # should pass as they were: what the candidate brings; a role's requirements
        ("You will need", "required"),
        ("You will have", "required"),
        ("Requirements for this role", "required"),
    ],
)
def test_the_kind_a_heading_names(heading, kind):
    from assistant.inputs.job import heading_kind

    assert heading_kind(heading, "other") == kind


def test_the_intro_under_a_line_of_badges_is_read_as_any_intro():
    from assistant.analysis.job_terms import ad_sentences

    text = (
        "# [Senior Analytics Engineer](https://example.com/apply)\n### Varsity Tutors\n"
        "#### `\U0001f4b0 $Competitive Salary (paid in USD)` `\U0001f30e Remote - Brazil`\n\n"
        "The ideal candidate will have experience in SQL, dbt, and ETL processes.\n\n"
        "**Benefits:**\n\n  * Flexible Paid Time Off\n"
    )
    read = [s.text for s in ad_sentences(text) if not s.title]
    assert read == ["The ideal candidate will have experience in SQL, dbt, and ETL processes."]


def test_a_sentence_about_your_customers_is_no_company_blurb():
    from assistant.analysis.job_terms import _PROCESS_SENTENCE

    assert not _PROCESS_SENTENCE.search("Configure Salesforce for your customers' sales teams")
    assert _PROCESS_SENTENCE.search("Our customers include three of the top five banks")


def test_a_lead_in_line_under_the_job_description_keeps_its_bullets_as_duties():
    from assistant.inputs.job import parse_job_text

    text = (
        "# Acheteur projet\n\n### Job Description\n\nVotre mission est d'acheter.\n\n"
        "Vos missions :\n\n  * Faire un sourcing des fournisseurs,\n  * Négocier les prix\n\n"
        "### THE SKILL SET\n\n  * 5 years of purchasing experience\n"
    )
    job = parse_job_text(text)
    assert job.responsibilities == ["Faire un sourcing des fournisseurs,", "Négocier les prix"]
    assert job.requirements == ["5 years of purchasing experience"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("**_Key Responsibilities:_**", "Key Responsibilities"),
        (" ** _Required Skills:_**", "Required Skills"),
        ("__Requirements__", "Requirements"),
        ("**About the role:** **", "About the role"),
        ("**What You\u2019ll Do**", "What You'll Do"),
        ("**Do you have the right _ingredients*_? (Requirements)**", None),
        ("_Benefits & Perks_", "Benefits & Perks"),
        (
            "Tools/Skills (hands-on experience is must):",
            "Tools/Skills (hands-on experience is must)",
        ),
        ("## **Benefits**", "Benefits"),
        (
            "**Here's what you will experience working as a Senior Software Engineer:**",
            "Here's what you will experience working as a Senior Software Engineer",
        ),
    ],
)
def test_a_job_heading_in_any_emphasis_or_a_lead_in_that_names_a_section(line, heading):
    from assistant.inputs.job import job_heading

    found = job_heading(line)
    assert found is not None
    if heading:
        assert found[0] == heading


@pytest.mark.parametrize(
    "line",
    [
        "_System Monitoring and Technical Expertise (40%)_",  # an italic part of the duties
        "**This is a remote role for candidates based in Brazil only.**",  # a sentence
        "*  **Required**",  # a bullet
        "**Technical Expertise:** Proficiency in Golang and Python is essential.",
        "Our team will be in touch with the next steps of the process:",  # names no section
        "_The responsibilities listed above are not all inclusive and may be changed._",
        # a sentence that leads in with a colon, its section's word in a clause
        "After meeting minimum qualifications, candidates will be scheduled for the following:",
    ],
)
def test_no_job_heading_in_a_sentence_an_item_or_an_italic_part_of_a_section(line):
    from assistant.inputs.job import job_heading

    assert job_heading(line) is None


def test_emphasised_headings_put_the_duties_and_requirements_where_the_ad_says():
    from assistant.inputs.job import parse_job_text

    text = (
        "# Backend Engineer\n\n**_Key Responsibilities:_**\n\n  *  **Build:** Develop APIs.\n\n"
        " ** _Required Skills:_**\n\n  * Golang\n\n_Benefits & Perks_\n\n  * Pension\n\n"
        "###  ** _Application Process:_**\n\n"
        "### To be considered for this role these steps need to be followed:\n\n"
        "  * Fill in the application form\n"
    )
    job = parse_job_text(text)
    assert job.responsibilities == ["**Build:** Develop APIs."]
    assert job.requirements == ["Golang"]


def test_the_report_says_which_term_of_its_kind_met_an_or_equivalent_ask():
    from assistant.cli.critique_report import keyword_renderables

    job = "Requirements:\n- Several years experience in Java or an equivalent.\n"
    text = _plain(keyword_renderables(keyword_gap("Skills: C#, Excel", job)))
    assert "Java or an equivalent: your resume shows C#" in text, text
    assert "or an equivalent" not in _plain(keyword_renderables(keyword_gap("Skills: Java", job)))


def test_a_sentence_set_as_a_heading_that_names_no_section_leads_on_from_the_one_it_is_in():
    from assistant.inputs.job import heading_kind

    lead_in = "To be considered for this role these steps need to be followed"
    assert heading_kind(lead_in, "boilerplate") == "boilerplate"
    assert heading_kind(lead_in, "duties") == "duties"
    # should pass as they were: a short heading names its own section, a long one that names
    # a section is that section
    assert heading_kind("Growth opportunities", "boilerplate") == "other"
    said = "As a Software Engineer at Mechanical Orchard, you will be expected to"
    assert heading_kind(said, "other") == "duties"
