"""What a job ad asks for, read from its structure, matched against a resume as a person reads it,
and the lexicon behind both (issue 14)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.analysis.job_terms import read_ad, terms_in
from assistant.analysis.keywords import ResumeIndex, extract_job_terms, keyword_gap
from assistant.analysis.lexicon import CATEGORIES, lexicon, phrase_key, word_key

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE_JOBS = ROOT.parent / "shared" / "data" / "outside" / "jobs"
SKILLS = ROOT.parent / "shared" / "data" / "skills"


def names(text: str) -> list[str]:
    return extract_job_terms(text)


@pytest.mark.parametrize(
    "line,term",
    [
        ("Experience building services that talk gRPC", "gRPC"),
        ("Instrumented services with OpenTelemetry and Prometheus", "OpenTelemetry"),
        ("Knowledge of HL7 and FHIR interfaces", "FHIR"),
        ("Forklift certification is required", "Forklift Certification"),
        ("Operate a forklift safely", "Forklift Operation"),
        ("Phlebotomy and urinalysis in a busy clinic", "Phlebotomy"),
        ("Phlebotomy and urinalysis in a busy clinic", "Urinalysis"),
        ("Food safety and sanitation standards", "Food Safety"),
        ("MIG welding and reading blueprints", "Welding"),
        ("Current CPR and BLS certification", "CPR"),
        ("Current CPR and BLS certification", "Basic Life Support"),
        ("OSHA 30 training", "OSHA 30"),
        ("Runs EKG tests", "EKG"),
        ("Our clusters run on k8s", "Kubernetes"),
    ],
)
def test_terms_the_issue_names_are_found_where_an_ad_asks(line, term):
    assert term in names(f"Requirements:\n- {line}\n")


def test_a_capitalised_letter_before_a_capitalised_word_is_a_product_name():
    # XState, DBeaver: a name like CamelCase that opens with two capitals
    found = names("Requirements:\n- Familiar with Salesforce, XState and DBeaver\n")
    assert "XState" in found and "DBeaver" in found
    # the plural of an acronym is no such name (it is read as the acronym, by its own rule)
    from assistant.analysis.job_terms import _TECH

    assert not list(_TECH.finditer("Define KPIs, APIs and SDKs"))


@pytest.mark.parametrize(
    "line,expected",
    [
        ("A valid California Class B driver's license is required.", "Class B driver's license"),
        ("Some positions may require a valid Class A or Class B driver's license.", "Class A or B"),
        ("Must hold a Class C licence", "Class C driver's license"),
    ],
)
def test_driving_licence_classes_are_one_requirement(line, expected):
    found = names(f"Requirements:\n- {line}\n")
    assert any(expected in n for n in found), found


def test_boilerplate_is_never_read_for_terms():
    ad = (
        "# Line Cook\n\n## Requirements\n- Food safety certification\n- Knife skills\n\n"
        "## Benefits\n- Free Python lessons, 401(k), dental insurance\n\n"
        "## Equal opportunity\nWe are an equal opportunity employer. We never ask for your "
        "Social Security Number before an offer. Excel applicants are welcome.\n\n"
        "## How to apply\nSend your resume BEFORE Friday. Do NOT call the City office.\n\n"
        "## Nice to have\n- Pastry experience\n\n"
        "## CLICK TO [APPLY](https://jobs.example.com/apply/line-cook-with-a-very-long-address-1234)\n"
    )
    found = names(ad)
    assert "Knife Skills" in found
    assert not {"Python", "Excel", "Social Security Number", "BEFORE", "NOT", "City"} & set(found)
    assert not {"CLICK", "TO", "APPLY"} & set(found)  # a heading made long by a link's address


def test_a_or_b_is_one_requirement_either_satisfies():
    job = "Requirements:\n- ILS or ALS certification\n- Wound care\n"
    report = keyword_gap("Certified in ALS. Wound care on a surgical ward.", job)
    assert report.matched == ["ILS or ALS", "Wound Care"] and report.missing == []
    report = keyword_gap("Wound care on a surgical ward.", job)
    assert report.missing == ["ILS or ALS"]  # counted once, not twice


def test_one_of_a_comma_list_is_one_requirement():
    found = names("Requirements:\n- Proficiency in one of Java, Kotlin, Scala\n")
    assert found == ["Java or Kotlin or Scala"]
    assert names("Requirements:\n- Experience with Go, Python and Rust\n") == [
        "Go",
        "Python",
        "Rust",
    ]


def test_an_acronym_is_not_expanded_against_its_context():
    found = names("Requirements:\n- Experience working with a CRO on clinical trials\n")
    assert "CRO" in found
    assert "Conversion rate optimization" not in found


def test_the_advertisers_own_names_never_count():
    ad = (
        "# Backend Engineer\n### Orbital Widgets\n\n## Requirements\n"
        "- Experience with Orbital Widgets tooling and Terraform\n- Strong SQL\n"
    )
    found = names(ad)
    assert {"Terraform", "SQL"} <= set(found)
    assert not any("Orbital" in n or "Tooling" in n for n in found)


def test_years_and_degrees_are_their_own_requirements():
    ad = (
        "Requirements:\n- 5+ years of experience with Python\n"
        "- Bachelor's degree in Computer Science, Mathematics or a related field\n"
    )
    asks, reqs = read_ad(ad)
    kinds = {r.kind: r.text for r in reqs}
    assert kinds["experience"].startswith("5+ years")
    assert kinds["degree"].startswith("Bachelor's degree in Computer Science")
    assert [a.name for a in asks] == ["Python"]  # the degree's fields are not skills


@pytest.mark.parametrize(
    "line,degree",
    [
        ("- BS Degree in Computer Science or equivalent experience", "BS Degree in Computer"),
        ("- BS or MS in Computer Science or related field", "BS or MS in Computer Science"),
        ("- MSc in Physics or a related field", "MSc in Physics"),
    ],
)
def test_a_degree_written_as_its_letters_is_a_degree_not_a_skill(line, degree):
    # "BS" before "degree" or "in" a field names the degree (reported apart), never a term
    # that a resume without a bachelor's would be told it lacks
    asks, reqs = read_ad(f"Requirements:\n{line}\n- Python\n")
    assert [a.name for a in asks] == ["Python"]
    assert [r.kind for r in reqs] == ["degree"] and reqs[0].text.startswith(degree)


def test_capital_letters_that_are_no_degree_stay_as_they_were():
    asks, reqs = read_ad("Requirements:\n- MS Office and Excel\n- Based in Boston, MA in 2024\n")
    assert not any(r.kind == "degree" for r in reqs)
    assert "Microsoft Office" in [a.name for a in asks]


def test_must_haves_come_first_and_nice_to_haves_are_marked():
    ad = "## Nice to have\n- Kafka\n\n## Requirements\n- Terraform\n"
    asks, _ = read_ad(ad)
    assert [(a.name, a.required, a.where) for a in asks] == [
        ("Terraform", True, "requirements"),
        ("Kafka", False, "nice to have"),
    ]


@pytest.mark.parametrize(
    "resume,job_line",
    [
        ("Mentored four junior developers", "Mentoring"),
        ("Licensed electrician since 2015", "Electrician license"),
        ("Holds a valid driving licence", "Valid driver's license"),
        ("Forklift certified, 3 years", "Forklift"),
        ("CustomerService and Billing", "Customer service"),  # words a PDF ran together
        ("Installed plumbing in 40 homes", "Plumbing systems"),
    ],
)
def test_the_resume_shows_a_term_as_a_person_reads_it(resume, job_line):
    report = keyword_gap(resume, f"Requirements:\n- {job_line}\n")
    assert report.missing == [] and report.matched, report


def test_the_job_side_reads_words_in_their_written_form():
    # stems meet, but "employees engaged" does not name Employee Engagement ("supervises" is
    # Rebound's own work activity, read in its verb form too)
    assert [f.name for f in terms_in("supervises employees engaged in cleaning")] == ["Supervision"]
    assert [f.name for f in terms_in("accounting for materials")] == ["Accounting"]


def test_the_report_carries_category_requirement_and_sentence():
    job = "## Requirements\n- Experience with Terraform\n\n## Nice to have\n- Kafka streams\n"
    report = keyword_gap("Wrote Terraform modules", job)
    by_name = {t.name: t for t in report.terms}
    assert by_name["Terraform"].matched and by_name["Terraform"].required
    kafka = by_name["Kafka"]
    assert not kafka.matched and not kafka.required and kafka.sentence == "Kafka streams"
    assert kafka.category in CATEGORIES
    assert report.by_category[0].required  # must-haves first


def test_the_lexicon_has_both_taxonomies_and_the_curated_names_on_top():
    lex = lexicon()
    assert len(lex) > 20_000
    sources = {lex.term(i).source for i in range(0, len(lex), 50)}
    assert {"lightcast", "esco"} <= sources
    assert lex.term(lex.key_term(phrase_key("k8s"))).name == "Kubernetes"
    assert {lex.term(i).category for i in range(len(lex))} <= set(CATEGORIES)
    assert word_key("licence") == word_key("license") == word_key("licensed")
    assert word_key("mentored") == word_key("mentoring")


@pytest.mark.skipif(not OUTSIDE_JOBS.is_dir(), reason="outside data not beside the checkout")
def test_real_ads_never_list_boilerplate():
    never = {"social security number", "before", "not", "city", "civil service", "dui", "eeo"}
    never |= {"click", "apply", "to", "benefits", "salary", "equal opportunity"}
    for path in sorted(OUTSIDE_JOBS.iterdir()):
        found = {n.lower() for n in names(path.read_text(encoding="utf-8"))}
        assert not found & never, (path.name, found & never)


@pytest.mark.skipif(not SKILLS.is_dir(), reason="skills data not beside the checkout")
def test_the_committed_lexicon_is_what_the_script_builds(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "lexicon.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lexicon.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "assistant" / "data" / "lexicon.json").read_bytes()
    broader = "lexicon_broader.json"
    assert (tmp_path / broader).read_bytes() == (ROOT / "assistant" / "data" / broader).read_bytes()


@pytest.mark.parametrize(
    "line,term",
    [
        ("Experience managing projects for public clients", "Project management"),
        ("Skilled work in mixing, placing, and finishing concrete surfaces", "Concrete Finishing"),
        ("Superior analytical and quantitative skills", "Analytical skills"),
        ("You will manage data pipelines and manage data for analysts", "Data Management"),
    ],
)
def test_names_written_verb_first_or_sharing_a_word_with_a_list(line, term):
    assert term in names(f"Requirements:\n- {line}\n")


def test_a_list_member_does_not_take_a_longer_name_apart():
    assert "Safety Standards" not in names(
        "Requirements:\n- Food safety and sanitation standards\n"
    )
    # a compound of two nouns is not an activity written verb first
    assert "System Software" not in names(
        "Requirements:\n- Maintain software systems for billing\n"
    )


def test_a_resume_shows_an_activity_written_verb_first():
    report = keyword_gap(
        "Managed projects for 40 clients.", "Requirements:\n- Project management\n"
    )
    assert report.matched == ["Project management"]


def test_rebounds_own_work_activities_are_read_in_their_verb_forms():
    assert "Supervision" in names("Duties:\n- Supervises such work in a lead capacity.\n")
    # a plural noun is not a verb form: "services" is not Service
    assert "Documentation" not in names("Duties:\n- Keeps payroll documents in order.\n")


def test_a_named_course_whose_completion_qualifies_is_a_credential():
    found = names(
        "Requirements:\n- Completion of eight months in the Harbor Pre-Craft Trainee training"
        " program sponsored by the Department.\n"
    )
    assert any("Harbor Pre-Craft Trainee" in n for n in found), found


def test_a_note_that_says_a_thing_is_desired_is_read_for_terms():
    ad = (
        "NOTES:\n1. Experience with a computer-based inventory management system is desired but"
        " not required.\n"
    )
    assert any("Inventory Management" in n for n in names(ad)), names(ad)


def test_a_general_work_activity_said_of_something_names_that_thing():
    found = names("Requirements:\n- Experience in the maintenance and repair of helicopters.\n")
    assert "maintenance and repair of helicopters" in found, found
    # of a thing the lexicon names, the thing is the ask
    found = names("Duties:\n- Maintenance of accounting records and reports.\n")
    assert "Accounting Records" in found and "Maintenance and Repair" not in found, found


def test_a_first_word_saying_where_or_how_well_need_not_be_shown():
    job = "Requirements:\n- Remote technical support for field crews\n"
    report = keyword_gap("Provided technical support to field technicians.", job)
    assert not report.missing, report.missing


def test_a_list_ending_in_any_other_is_one_requirement_even_past_an_unnamed_item():
    line = "Completion of a course in automotive mechanics, machine shop, welding, plumbing or any other mechanical craft course"
    assert names(f"Requirements:\n- {line}\n") == ["Mechanics or Welding or Plumbing"]
    # without "or any other", a comma list is each its own requirement
    assert names("Requirements:\n- Welding, plumbing and carpentry\n") == [
        "Welding",
        "Plumbing",
        "Carpentry",
    ]


def _where_asked(ad: str) -> dict[str, str]:
    """Each term the ad asks for, and the part of the ad that asks for it."""
    asks, _ = read_ad(ad)
    return {a.name: a.where for a in asks}


def test_a_heading_with_stray_emphasis_and_its_kind_in_brackets():
    ad = (
        "**About this _roll_ * (Responsibilities) **\n\n* Build features in Kotlin\n\n"
        "**Do you have the right _ingredients*_? (Requirements)**\n\n* Experience with Java\n\n"
        "**What we use to make our dish: (Our Tech Stack)**\n\n* React and GraphQL\n"
    )
    got = _where_asked(ad)
    assert got == {"Java": "requirements", "Kotlin": "duties"}  # the employer's stack is not asked


def test_the_adjective_of_a_field_of_work_names_it():
    assert "Supervision" in names(
        "Duties:\n- Applies sound supervisory principles and techniques to the work force\n"
    )
    assert "Supervision" not in names("Duties:\n- Reports to a supervisory board\n")


def test_an_activity_is_read_where_only_a_verb_can_stand():
    assert "Collaboration" in names("Duties:\n- Collaborate with the team to plan work\n")
    assert "Installation" in names(
        "Duties:\n- Patrols areas daily to inspect, adjust, install, and repair meters\n"
    )
    # a name that is not an activity is not read from a verb: "Solid" is not Solidity
    assert "Solidity" not in names("Requirements:\n- Solid understanding of TypeScript\n")


def test_credentials_named_with_an_acronym_or_as_a_trade():
    found = names(
        "Notes:\n1. A valid universal Environmental Protection Agency (EPA) certificate is required.\n"
        "2. Certification as an Arborist with the International Society of Arboriculture is required.\n"
        "3. A recognized apprenticeship as an Electrician may be substituted for the course work.\n"
    )
    assert "Environmental Protection Agency certificate" in found
    assert "Arborist certification" in found
    assert "Electrician apprenticeship" in found


def test_an_apprenticeship_is_in_the_whole_trade_and_its_certificate_is_the_same_requirement():
    from assistant.analysis.job_terms import read_ad

    asks, _ = read_ad(
        "Requirements:\n1. Completion of a recognized apprenticeship as an auto electrician; or\n"
        "2. Two years of full-time paid experience as an Auto Electrician.\n"
        "Notes:\n1. Applicants filing under Requirement #1 must submit an apprenticeship "
        "certificate.\n"
    )
    trades = [a for a in asks if "apprenticeship" in a.name.lower()]
    # the trade's every word, never "auto apprenticeship"; the paper folded into it
    assert [a.name for a in trades] == ["auto electrician apprenticeship"]
    assert "apprenticeship certificate" in trades[0].aliases
    # a trade of one word, and one whose words run on past the role: the role's word ends it
    assert "blacksmith apprenticeship" in names(
        "Requirements:\n- An apprenticeship as a blacksmith\n"
    )
    assert "Carpenter apprenticeship" in names(
        "Requirements:\n- An apprenticeship as a Carpenter in the building trades\n"
    )


def test_a_duty_that_ends_on_the_law_keeps_its_work():
    ad = (
        "DUTIES\nA Supervisor assigns and evaluates the work of mechanics; applies sound supervisory"
        " principles and techniques in building an effective work force, and fulfills equal"
        " employment opportunity responsibilities.\n"
    )
    assert "Supervision" in names(ad)
    assert (
        names(
            "DUTIES\nWe are an equal opportunity employer, and we welcome every Python developer.\n"
        )
        == []
    )


def test_a_narrower_term_shows_the_broader_one_a_taxonomy_files_it_under():
    job = "Requirements:\n- Experience in procurement\n"
    assert keyword_gap("Handled purchasing for three stores.", job).matched == ["Procurement"]
    assert keyword_gap("Handled cashiering for three stores.", job).missing == ["Procurement"]
    # the other way round does not hold: carpentry does not show cabinetry
    job = "Requirements:\n- Experience in cabinetry\n"
    assert keyword_gap("Ten years of carpentry.", job).missing == ["Cabinetry"]
    assert keyword_gap("Ten years of cabinetry.", "Requirements:\n- Carpentry\n").missing == []


def test_a_tool_that_does_only_one_kind_of_work_shows_that_work():
    # lexicon_curated.yaml's "shown by": HTML and React are front-end work; JavaScript is not
    # only that (it runs on servers too), so alone it does not show it
    job = "Requirements:\n- Experience in frontend development\n"
    assert keyword_gap("Skills: C#, HTML, CSS, SQL.", job).matched == ["Frontend development"]
    assert keyword_gap("Built pages in React.", job).matched == ["Frontend development"]
    assert keyword_gap("Skills: JavaScript, SQL.", job).missing == ["Frontend development"]
    job = "Requirements:\n- Containerization\n- Cloud computing\n"
    report = keyword_gap("Ran services in Docker on AWS.", job)
    assert sorted(report.matched) == ["Cloud Computing", "Containerization"]
    # the other way round does not hold: front-end work does not show React
    job = "Requirements:\n- React\n"
    assert keyword_gap("Five years of frontend development.", job).missing == ["React"]


def test_a_fork_truck_is_a_forklift():
    job = "Requirements:\n- Forklift certification\n"
    assert keyword_gap("Fork truck certified.", job).matched == ["Forklift Certification"]
    assert keyword_gap("Pallet jack certified.", job).missing == ["Forklift Certification"]


@pytest.mark.parametrize(
    "resume,shown",
    [
        ("Support, monitor and troubleshoot hardware and software problems on the LAN.", True),
        ("Troubleshooting and resolving all problems relative to the Mac systems.", True),
        # the word alone does not say which meaning its bracket names
        ("Troubleshooting, Excel, Word", False),
        # nor beside the bracket's word in another clause, or far from it
        ("Troubleshooting. Problems were passed to the vendor.", False),
        ("Troubleshoot the line, then fill in the weekly report on any problems.", False),
    ],
)
def test_a_one_word_term_a_taxonomy_brackets_shows_it_beside_its_words(resume, shown):
    # Lightcast files "Troubleshooting (Problem Solving)": one word, so the bracket says which
    # meaning is meant, and the resume's clause must say the same
    report = keyword_gap(resume, "Requirements:\n- Excellent problem-solving skills\n")
    assert (report.matched == ["Problem Solving"]) is shown
    assert (report.missing == ["Problem Solving"]) is not shown


def test_a_bracketed_word_is_itself_not_a_word_that_starts_like_it():
    # "Persona (User Experience)": personas beside "experience" show it, "personable" does not
    job = "Requirements:\n- User experience\n"
    assert keyword_gap("Drew up personas for the checkout experience.", job).matched == [
        "User Experience"
    ]
    assert keyword_gap("A personable agent with experience in sales.", job).missing == [
        "User Experience"
    ]


def test_a_kind_of_something_asked_for_plainly_is_one_requirement_with_it():
    job = "Requirements:\n- Experience in carpentry\n- Finish carpentry for public buildings\n"
    report = keyword_gap("Twenty years of carpentry.", job)
    assert report.matched == ["Carpentry or Finish Carpentry"] and report.missing == []
    # licences stay apart: a Class B licence is more than a driver's licence
    found = names("Requirements:\n- Driver's license\n- A Class B driver's license\n")
    assert "Class B driver's license" in found and "Driver's License" in found


def test_a_phrase_with_its_acronym_in_brackets_is_one_term_in_a_lexicon_or_not():
    found = terms_in("Knowledge of Computer Drafting and Design (CADD) software is required.")
    assert [(f.name, f.aliases) for f in found] == [("Computer Drafting and Design", ("CADD",))]
    job = "Requirements:\n- Computer Drafting and Design (CADD) software\n"
    assert keyword_gap("Drew plans in CADD for ten years.", job).missing == []
    # the letters must fit the words, and a body or a person is not a skill
    assert terms_in("Apply to the City of Los Angeles (LA) today.") == []
    board = [f.name for f in terms_in("Reports to the Water Quality Board (WQB).")]
    assert "Water Quality Board" not in board
    sme = [f.name for f in terms_in("Serve as a subject matter expert (SME) on solar products.")]
    assert "subject matter expert" not in sme


def test_a_word_the_stemmer_joins_to_another_word_is_not_that_word():
    assert "Engine Designs" not in names("Requirements:\n- Experience in engineering design\n")
    assert "Engine Designs" in names("Requirements:\n- Experience in engine design\n")
    assert "Engine Designs" in names("Requirements:\n- Experience in engines design\n")


def test_one_word_of_a_longer_written_name_is_not_listed_alone():
    job = "Requirements:\n- Possession of a valid Certificate of Registration as an engineer\n"
    assert "Registration" not in names(job)


def test_a_verb_and_its_object_with_an_adjective_between_them_name_the_activity():
    job = "Requirements:\n- Experience in managing external vendors and website projects\n"
    assert "Vendor management" in names(job)
    # not when the adjective and the object are a name of their own, nor a word the stemmer
    # joins to the activity ("engines ... facilities" is not Facilities Engineering)
    assert "System design" not in names("Requirements:\n- Designing distributed systems\n")
    job = "Duties:\n- Repairs diesel engines, barges and marine terminal facilities\n"
    assert "Facilities Engineering" not in names(job)


def test_examples_in_brackets_after_a_term_are_one_requirement_with_it():
    asks, _ = read_ad(
        "Requirements:\n- Experience with SQL (ex. Snowflake, Redshift, BigQuery, etc)\n"
    )
    assert [a.names for a in asks] == [["SQL", "Snowflake", "Redshift", "BigQuery"]]
    resume = "Skills: SQL, Excel"
    report = keyword_gap(
        resume, "Requirements:\n- Experience with SQL (e.g. Snowflake, Redshift)\n"
    )
    assert report.missing == [] and len(report.matched) == 1, report
    # a bracket that only defines an acronym or says something else stays apart
    asks, _ = read_ad("Requirements:\n- Knowledge of Python (3+ years) and Docker\n")
    assert sorted(a.name for a in asks) == ["Docker", "Python"]


def test_a_bracket_of_the_activities_a_terms_work_includes_is_no_examples():
    """ "Android development (including planning, analyzing, designing ...)": the bracket lists the
    parts of the work, not examples that meet it: a resume that shows planning does not show
    Android development. Examples after "including" still meet the term."""
    ad = (
        "Requirements:\n- 3 years of Android development (including planning, analyzing, "
        "designing, developing, and testing software systems)\n"
    )
    report = keyword_gap("Skills: planning, budgeting", ad)
    assert "Android Development" in report.missing, report
    assert not any("Android" in name for name in report.matched), report
    asks, _ = read_ad("Requirements:\n- Experience with SQL (including Snowflake, Redshift)\n")
    assert [a.names for a in asks] == [["SQL", "Snowflake", "Redshift"]]


def test_a_one_word_name_written_as_two_words():
    found = names("Requirements:\n- Excellent power point or lucid chart skills\n- Quick Books\n")
    assert {"PowerPoint or LucidChart", "QuickBooks"} <= set(found), found
    # two plain words that spell a name without an inner capital stay apart
    assert not any("Workday" in n or "Teamwork" in n for n in names("Duties:\n- A team work day\n"))


def test_the_verb_list_after_a_job_title_names_its_activities():
    ad = (
        "DUTIES\nA blacksmith forges, shapes, cuts, grinds, welds, tempers, and heat-treats metals"
        " in the fabrication of tools.\n"
    )
    found = names(ad)
    assert {"Forging", "Grinding", "Welding", "Heat Treating"} <= set(found), found
    # a verb after the title, then a list of nouns: the nouns are not activities
    found = names(
        "DUTIES\nA Mechanical Helper assists mechanics, machinists, blacksmiths, and welders.\n"
    )
    assert "Blacksmithing" not in found, found


def test_how_many_is_not_a_term_and_privacy_law_is_work():
    found = names("Requirements:\n- Familiarity with at least one or more data governance tools\n")
    assert "at least one" not in found and "Data governance" in found, found
    found = names("Responsibilities:\n- Implement GDPR, CCPA and other privacy regulations\n")
    assert "GDPR" in found, found
    found = names("Responsibilities:\n- Write code.\n- See our privacy notice about GDPR.\n")
    assert "GDPR" not in found, found


def test_a_job_description_heading_holds_duties_in_its_list_not_its_prose():
    ad = (
        "### Company Description\nWe build Kubernetes tooling.\n\n### Job Description\n"
        "The Data team keeps a fine balance of business acumen.\n\n"
        "  * Perform unit and integration testing\n\n### Qualifications\n  * Python\n"
    )
    got = _where_asked(ad)
    assert got.get("Python") == "requirements" and got.get("Unit testing") == "duties", got
    assert not {"Kubernetes", "Business Acumen"} & set(got), got


def test_a_word_written_apart_after_its_usual_first_half():
    found = names("Requirements:\n- Debugging large multi threaded applications\n")
    assert "Multithreading" in found, found


def test_a_product_name_followed_by_a_bracket():
    found = names("Requirements:\n- Familiarity with Okapi Framework (Rainbow, components)\n")
    assert "Okapi Framework" in found, found


def test_a_field_written_before_a_generic_thing_names_that_kind_of_thing():
    found = names("Duties:\n- Repairs automotive, truck and construction equipment\n")
    assert "construction equipment" in found and "Construction" not in found, found


def test_the_advertiser_introduced_in_its_own_words_is_no_term():
    ad = (
        "### None\n\n# About Us\nLILT is the leading AI solution for enterprise translations.\n\n"
        "# Requirements\n- Experience with LILT and XLIFF files\n"
    )
    found = names(ad)
    assert "LILT" not in found and "XLIFF" in found, found


def test_two_words_are_one_name_only_when_they_spell_it():
    # "cloud based" shares the product CloudBase's key, not its spelling
    found = names("Requirements:\n- Experience in cloud based distributed computing\n")
    assert "CloudBase" not in found, found
    found = names("Requirements:\n- Debugging multi threaded code in Power Point decks\n")
    assert {"Multithreading", "PowerPoint"} <= set(found), found


def test_a_phrase_that_opens_like_a_clause_is_no_term():
    found = names("Requirements:\n- Care about who you work with and how work is done.\n")
    assert not any(n.startswith(("and ", "how ")) for n in found), found
    found = names(
        "Requirements:\n- Knowledge of what makes teams work\n- Experience with how tools are built\n"
    )
    assert not any(n.split()[0] in ("what", "how") for n in found), found
    # a plain thing after the same cue is still read
    assert "preventive maintenance" in [
        n.lower() for n in names("Requirements:\n- Experience in preventive maintenance\n")
    ]


def test_a_place_and_its_state_code_is_an_address_not_a_term():
    assert [f.name for f in terms_in("Office in Bentonville, AR")] == [], "address read as a term"
    assert "AR" in [f.name for f in terms_in("Experience with AR, VR and Unity")]


def test_the_company_that_says_it_is_looking_for_someone_is_the_advertiser():
    ad = (
        "# Data Scientist\n\nAcme Global® is looking for a data scientist.\n\n"
        "## Requirements\n- Prior Acme experience\n- Python\n"
    )
    found = names(ad)
    assert "Acme" not in " ".join(found) and "Python" in found, found
    # a pronoun that is looking for someone names nobody
    assert "Python" in names("We are looking for you.\n\n## Requirements\n- Python\n")


def test_a_taxonomy_word_is_read_in_its_own_form_not_a_stem_twin():
    lex = lexicon()
    got = [f.name for f in terms_in("Efficient use of resources", lex)]
    assert "Resourcefulness" not in got, got
    got = [f.name for f in terms_in("Maintain backend systems supporting applications", lex)]
    assert "System Support" not in got, got
    assert "Pipefitting" in [f.name for f in terms_in("Skilled in pipefitting", lex)]


def test_a_skill_filed_under_a_subcategory_named_with_its_acronym_shows_it():
    # Lightcast files BERT under "Natural Language Processing (NLP)"
    report = keyword_gap("Built BERT and ELMo language models.", "Requirements:\n- NLP\n")
    assert report.matched == ["NLP"], report
    report = keyword_gap("Built dashboards in Excel.", "Requirements:\n- NLP\n")
    assert report.missing == ["NLP"], report


def test_a_kind_and_its_examples_are_one_requirement():
    asks, _ = read_ad(
        "Requirements:\n- A programming language such as Go, C/C++, Python\n"
        "- Elixir or other modern programming languages\n"
    )
    groups = [set(a.names) for a in asks]
    assert {"Programming Language", "Go", "Python"} in groups, groups
    assert {"Elixir", "Programming Language"} in groups, groups


@pytest.mark.parametrize(
    "resume,term,shown",
    [
        ("Project was tasked to design an internal marketing system.", "System design", True),
        ("Testing: unit and integration, for every release.", "Unit testing", True),
        ("Supervised the repair of hand tools.", "Tool repair", True),
        ("Managed application state in a React app.", "State Management", True),
        # a comma, a line or a sentence end parts them: a list, not one statement
        ("Skills: marketing, system administration, web design", "System design", False),
        ("Designed posters.\nMaintained the phone system.", "System design", False),
        # more than two other words between them
        (
            "Designed data structures and developed systems for science databases.",
            "Data science",
            False,
        ),
        # next to each other, but across a bullet or a comma: an address, then a duty
        ("Company Name City , State \u2022 Managed the help desk.", "State Management", False),
        ("Skills: Campaign Management, Clients, Content Creation", "Content Management", False),
    ],
)
def test_a_terms_words_show_it_in_one_clause_in_any_order_not_apart(resume, term, shown):
    assert ResumeIndex(resume).shows(term) == shown


def test_a_compound_written_apart_or_together_is_one_word():
    assert ResumeIndex("Built the company web site.").shows("Website")
    assert ResumeIndex("Maintained the website.").shows("Web site")
    assert ResumeIndex("Answered e-mail from clients.").shows("Email")
    assert not ResumeIndex("Wrote web, site and store plans.").shows("Website")


@pytest.mark.parametrize(
    "resume,term,shown",
    [
        ("ProposalWriting and CustomerService", "Proposal writing", True),
        ("ProposalWriting and CustomerService", "Customer service", True),
        ("Built QuickBooksReports monthly", "QuickBooks", True),
        ("Skills: JavaScript, C#", "JavaScript", True),
        # a name the lexicon holds written as one word is not two: JavaScript is no Java
        ("Skills: JavaScript, C#", "Java", False),
        ("Skills: TypeScript, HTML", "Type", False),
    ],
)
def test_words_a_pdf_ran_together_are_read_apart_but_not_a_name_written_so(resume, term, shown):
    assert ResumeIndex(resume).shows(term) == shown


@pytest.mark.parametrize(
    "line",
    [
        "Several years experience in Java or an equivalent.",
        "Java or equivalent",
        "Strong Java or similar",
        "Java, Kotlin or another object oriented language",
    ],
)
def test_a_term_or_an_equivalent_is_met_by_a_term_of_its_kind(line):
    report = keyword_gap("Skills: C#, Excel", f"Requirements:\n- {line}\n")
    java = next(t for t in report.terms if "Java" in t.name)
    assert java.matched and java.equivalent == "C#", report


@pytest.mark.parametrize(
    "resume,line,name",
    [
        ("Skills: C#, Excel", "Java experience", "Java"),  # no equivalent asked for: Java itself
        ("Skills: Excel, Word", "Java or an equivalent", "Java"),  # no term of Java's kind
        ("Skills: C#, Excel", "Java or equivalent experience", "Java"),  # a degree's stand-in
        # a name of one or two letters is also an initial or a grade
        ("Grade C, Go-getter, M. Smith", "Java or an equivalent", "Java"),
        # a field is no kind: water heating is plumbing's work, not another pipefitting
        ("Repaired water heating units", "Pipefitting or other trade", "Pipefitting"),
    ],
)
def test_a_term_of_its_kind_does_not_meet_a_plain_ask(resume, line, name):
    report = keyword_gap(resume, f"Requirements:\n- {line}\n")
    term = next(t for t in report.terms if name in t.name)
    assert not term.matched and not term.equivalent, report


def test_a_degree_or_equivalent_experience_is_no_equivalent_term():
    asks, _ = read_ad(
        "Requirements:\n- BS in Computer Science, Software Engineering, or equivalent experience\n"
    )
    assert not any(a.equivalent for a in asks)


def test_the_noun_of_a_greek_born_word_shows_its_adjective():
    assert ResumeIndex("Data analysis of radiation spectra.").shows("Analytical skills")
    assert ResumeIndex("Diagnosis of engine faults.").shows("Diagnostics")
    assert not ResumeIndex("Analyze the network and design upgrades.").shows("Analytical")


def test_examples_joined_by_and_after_such_as_are_one_requirement():
    asks, _ = read_ad("Requirements:\n- Proficiency in databases such as MongoDB and PostgreSQL\n")
    assert [set(a.names) for a in asks] == [{"MongoDB", "PostgreSQL"}], asks
    asks, _ = read_ad("Requirements:\n- Experience with MongoDB and PostgreSQL\n")
    assert [a.names for a in asks] == [["MongoDB"], ["PostgreSQL"]], asks


def test_a_product_name_with_an_inner_capital_is_not_another_words_form():
    asks, _ = read_ad("Requirements:\n- Experience with databases\n")
    assert "DataBasic" not in [a.name for a in asks]
    asks, _ = read_ad("Requirements:\n- Experience with DataBasic\n")
    assert [a.name for a in asks] == ["DataBasic"]


def test_the_kind_a_taxonomy_names_in_brackets_is_shown_by_its_tools():
    # Lightcast: "Scala (Programming Language)", "Xero (Accounting Software)"
    job = "Requirements:\n- Expertise in at least one modern programming language\n"
    assert keyword_gap("Wrote services in Scala.", job).missing == [], job
    assert keyword_gap("Wrote the staff newsletter.", job).matched == [], job
    report = keyword_gap("Kept the books in Xero.", "Requirements:\n- Accounting software\n")
    assert report.missing == [], report


def test_a_sentence_about_evaluations_or_computer_applications_is_read():
    # "evaluations" holds "valuation" (an investors' word) and "computer applications" is not
    # the application process
    asks, _ = read_ad("Duties:\n- Conduct technical evaluations of pumps using Python\n")
    assert "Python" in [a.name for a in asks], asks
    notes = (
        "NOTES:\n1. Experience with computer applications, i.e., databases, spreadsheets, "
        "word processing or other electronic processes, is desired but not required.\n"
    )
    asks, _ = read_ad(notes)
    assert len(asks) == 1 and "Spreadsheets" in asks[0].names, asks
    asks, _ = read_ad("NOTES:\n1. Apply online with your application by May 1 using Excel.\n")
    assert list(asks) == [], asks


def test_the_citys_qualifications_review_is_the_selection_process():
    ad = (
        "REQUIREMENTS\n1. Two years of experience with Excel.\n\nQUALIFICATIONS REVIEW\n"
        "In this evaluation, the committee will assess each candidate's training and experience "
        "based upon the City employment application.\n"
    )
    assert [a.name for a in read_ad(ad)[0]] == ["Excel"]


def test_a_job_title_that_plans_and_directs_asks_for_planning():
    ad = "Duties:\nA Police Captain plans, organizes, and directs the work of sworn employees.\n"
    assert "Planning" in [a.name for a in read_ad(ad)[0]]


def test_debug_in_a_list_of_duty_verbs_asks_for_debugging():
    # a work activity (lexicon_curated.yaml) is read in its verb form, like Planning above
    ad = "Responsibilities:\n* Code, debug, document, and maintain portions of software\n"
    assert "Debugging" in [a.name for a in read_ad(ad)[0]]
    assert [a.name for a in read_ad("Duties:\n* Debug, resolve, or escalate issues.\n")[0]] == [
        "Debugging"
    ]


def test_common_software_notions_several_ads_ask_for_are_in_the_lexicon():
    # curated (lexicon_curated.yaml): each asked for by two or more of the labelled ads; the
    # taxonomies hold them only inside longer names ("Software Design Patterns", "Code
    # Refactoring", "Interpersonal Communications", "Cloud Computing")
    ad = (
        "Requirements:\n* Solid grasp of design patterns and refactoring\n"
        "* Experience working in the cloud\n* Excellent communication and interpersonal skills\n"
    )
    found = [a.name for a in read_ad(ad)[0]]
    for name in ("Design Patterns", "Refactoring", "Cloud Computing", "Interpersonal Skills"):
        assert any(name in n for n in found), (name, found)


def test_a_word_of_the_advertisers_name_written_in_lower_case_is_an_everyday_word():
    ad = (
        "Borealis Data Labs is the leading platform for pharmacies.\n\nRequirements:\n"
        "- Strong understanding of data structures and algorithms\n"
        "- Experience with Borealis Data Studio and Python\n"
    )
    names = [a.name for a in read_ad(ad)[0]]
    assert "Data structures" in names and "Python" in names, names
    assert not any("Borealis" in n for n in names), names


@pytest.mark.parametrize(
    "resume,term,shown",
    [
        ("SOFTWARE DEVELOPER\nBuilt billing tools.", "Software Engineering", True),
        ("Senior Software Developer , 12/2015 to Current", "Software Engineering", True),
        ("Applications Developer\nWrote claims systems.", "software engineer", True),
        # a role named in a duty, not the resume's own title
        ("Worked with software developers on releases.", "Software Engineering", False),
        # another occupation: a role that shares only its last words
        ("Information Technology Specialist\nRan the help desk.", "Data engineering", False),
        ("SOFTWARE DEVELOPER\nBuilt billing tools.", "Web development", False),
        # a narrower role than the title
        ("Applications Developer\nWrote claims systems.", "Mobile Application Development", False),
    ],
)
def test_a_title_line_shows_the_roles_esco_files_with_it_and_no_other(resume, term, shown):
    assert ResumeIndex(resume).shows(term) == shown


def test_title_lines_are_read_in_linear_time_on_runs_of_blank_lines():
    start = time.process_time()
    index = ResumeIndex(" \n" * 20_000 + "Software Developer")
    assert time.process_time() - start < 2.0  # the first pattern took 14 s: quadratic
    assert index.shows("Software Engineering")


def test_nouns_joined_by_and_fill_one_place_between_a_terms_words():
    assert ResumeIndex("Developed the FAQ and Support part of the web site.").shows(
        "Web development"
    )
    # a verb joined by "and" keeps its place: four words apart
    assert not ResumeIndex("Developed the FAQ and tested the support part of the web site.").shows(
        "Web development"
    )
    # so do a number and the term's own word
    assert not ResumeIndex(
        "Hired 220 full time hourly associates and 27 management level staff."
    ).shows("Time management")
    assert not ResumeIndex("Sought new and unique ways to integrate technology.").shows(
        "New technologies"
    )


def test_a_terms_words_in_another_order_show_it_only_after_a_verb():
    assert ResumeIndex("Developed the company web site.").shows("Web development")
    assert not ResumeIndex("Met project management staff on database work.").shows(
        "Database management"
    )


@pytest.mark.parametrize(
    "line", ["Mathematics Background", "Strong Python Skills", "Knowledge Of SQL"]
)
def test_a_title_case_requirement_line_is_not_a_proper_name(line):
    assert [f.name for f in terms_in(line)] != [], line
    assert terms_in("County Base Station Hospital") == []


@pytest.mark.parametrize(
    "line,kind",
    [
        ("Understanding of encoding standards and character sets", "Character Sets"),
        ("Knowledge of any Front-End frameworks", "Front-End Framework"),
        ("Knowledge of ETL tools and data transformation techniques.", "ETL Tools"),
    ],
)
def test_a_kind_lightcasts_brackets_name_is_a_term(line, kind):
    # "ISO/IEC 2022 (Character Sets)", "Bootstrap (Front-End Framework)": the bracket names a
    # kind in two or more words, which scripts/build_lexicon.py makes a term of its own
    assert kind in [f.name for f in terms_in(line)]


@pytest.mark.parametrize(
    "line,name",
    [
        # an ESCO knowledge concept's own name, though ESCO opens skills with "design" too
        ("Solid understanding of software architecture and design principles", "design principles"),
        # the object of ESCO's "use concurrent programming"
        ("A strong understanding of threads and concurrent programming", "concurrent programming"),
    ],
)
def test_escos_knowledge_names_and_the_objects_of_use_are_terms(line, name):
    assert name in [f.name.lower() for f in terms_in(line)]


def test_escos_verb_phrases_stay_out_of_the_lexicon():
    lex = lexicon()
    # a skill's verb phrase ("design websites") and a one-word object of "use" ("use hardware")
    # are no names; a knowledge concept's alternative label may still be a verb phrase
    for phrase in ("design websites", "hardware", "stage weapons", "understand acoustics"):
        assert lex.key_term(phrase_key(phrase)) is None, phrase


def test_a_fields_tools_are_the_kind_of_thing_asked_for():
    # like "construction equipment": the field's name before tools, platforms, solutions ...
    # names those, not the field; the field's own work still shows them
    line = "Ability to use observability tools (Splunk, Prometheus, and Grafana) to look at logs"
    assert "observability tools" in [f.name for f in terms_in(line)]
    ad = "Requirements:\n* Experience with design prototyping tools, such as Sketch or Figma\n"
    asks = read_ad(ad)[0]
    assert any("prototyping tools" in a.names for a in asks), [a.name for a in asks]
    assert not any(a.names == ["Prototyping"] for a in asks)
    gap = keyword_gap("Built observability dashboards for every service.", line)
    assert gap.matched and "observability tools" in gap.matched[0], gap


def test_a_bracket_naming_two_things_is_no_kind():
    # Lightcast's "(Installation And Repair)" names two asks, not one kind: the work activity
    # said of something is still read as before
    names = [f.name for f in terms_in("Experience in the installation and repair of pumps")]
    assert names == ["installation and repair of pumps"], names


def test_items_set_in_bold_are_read_and_the_stack_we_use_is_not_asked_for():
    """A list whose items are set wholly in bold is a list, not headings; a short bold bullet
    still heads a section; "Technologies we use" describes the employer, not the candidate."""
    ad = (
        "Qualifications\n\n"
        " **You have:**\n\n"
        "  *  **Programming depth with one or more of Ruby, Java, or Elixir**\n\n"
        "  *  **Great communication skills and enthusiasm for working cross-functionally**\n\n"
        " **Technologies we use and teach:**\n\n"
        "  *  **Kafka, Redis, TypeScript**\n"
    )
    names = {a.name for a in read_ad(ad)[0]}
    assert {"Ruby or Java or Elixir", "Communication"} <= names  # one ask either satisfies
    assert not names & {"Kafka", "Redis", "TypeScript"}


def test_a_shorter_name_is_read_where_the_longest_is_refused_by_its_form():
    # the longest key at "full" ("full stack developer") is a name in another form and refused;
    # the shorter "full stack" is written as the name has it, and is read
    got = [f.name for f in terms_in("They are comfortable as a full stack developer.")]
    assert "Full-stack development" in got, got
    got = [f.name for f in terms_in("2 years of experience using RESTful APIs including Retrofit")]
    assert "REST APIs" in got, got


def test_a_taxonomy_alias_in_other_words_is_shown_in_the_ads_words():
    # ESCO files "employment law" under labour legislation: the ad asks in its own words, and
    # the taxonomy's name stays an alias for the resume side
    found = terms_in("three years of experience litigating employment law, discipline")
    law = next(f for f in found if f.term_id is not None and "law" in f.name.lower())
    assert law.name == "employment law" and law.aliases, found
    report = keyword_gap(
        "Litigated employment law cases for ten years",
        "Requirements:\n- Experience litigating employment law\n",
    )
    assert [t.name for t in report.terms if t.matched] == ["employment law"]


def test_a_b_and_other_c_is_one_requirement():
    asks, _ = read_ad(
        "Requirements:\n- Two years of experience with devices such as office"
        " machines, computer and other electronic equipment, or card readers.\n"
    )
    assert ["office machines", "electronic equipment"] in [a.names for a in asks]


def test_a_capitalised_item_of_a_list_of_tools_is_a_tool():
    got = names("Requirements:\n- Marionette, Mustache, jQuery\n")
    assert "Marionette" in got, got
    # not where the list holds fewer than two tools
    got = names("Requirements:\n- Marionette, teamwork, honesty\n")
    assert "Marionette" not in got, got


def test_a_work_activity_in_its_s_form_before_its_object_is_read():
    got = names(
        "Duties:\n- The engineer sets parameters and trains Building Operating Engineers.\n"
    )
    assert "Training" in got, got
    # a plural noun after a determiner is no verb; a taxonomy's name is read only as written
    got = names("Duties:\n- Keeps the trains the City owns in order.\n")
    assert "Training" not in got, got


@pytest.mark.parametrize(
    "ask,resume,said",
    [
        # the term's head, specific, in the same forms: "worded differently", with the words
        ("Disaster preparedness", "Course: Mitigation and Preparedness.", "Preparedness"),
        ("Large language models", "Built BERT and ELMo language models.", "language models"),
        ("Verbal communication skills", "Strong communication skills.", "communication skills"),
    ],
)
def test_a_term_whose_specific_head_the_resume_names_is_worded_differently(ask, resume, said):
    report = keyword_gap(resume, f"Requirements:\n- {ask}\n")
    assert report.missing == [] and report.matched == [], report
    assert len(report.reworded) == 1, report
    (term,) = [t for t in report.terms if t.reworded]
    assert not term.matched and said in term.reworded and term.reworded in resume


@pytest.mark.parametrize(
    "ask,resume",
    [
        ("Unit testing", "Developed testing strategy and led the testing team."),  # common head
        ("Disaster preparedness", "Prepared budgets for the county."),  # another form
        ("Import/Export Procedure course", "Took a feed and feeding course."),  # no skill's name
        ("Class A driver's license", "Class B driver's license."),  # a licence is its own name
    ],
)
def test_a_common_or_other_head_leaves_a_term_missing(ask, resume):
    report = keyword_gap(resume, f"Requirements:\n- {ask}\n")
    assert report.reworded == [] and len(report.missing) == 1, report


@pytest.mark.parametrize(
    "ask,resume",
    [
        ("Monitoring", "- Monitor client progress with the care team."),  # first in its clause
        ("Monitoring", "- Maintains and monitors patient appointment schedules."),  # after "and"
        ("Planning", "- Collaborate to plan and schedule lessons."),  # after "to"
        ("Planning", "- Planned the annual budget."),  # an -ed form
        ("Mentoring", "- Mentoring new staff."),  # the word itself
        ("Troubleshooting", "- Trouble shooting of printers."),  # written as two words
        ("Training", "- Provided instruction to new hires on safety."),  # another name of it
        ("Nursing", "Registered Nurse\nCity Hospital, 2015 to 2020\n- Cared for 6 patients."),
    ],
)
def test_an_activity_is_shown_by_the_activity(ask, resume):
    report = keyword_gap(resume, f"Requirements:\n- {ask}\n")
    assert report.matched == [ask], report


@pytest.mark.parametrize(
    "ask,resume,said",
    [
        # the same stem as a noun names a thing, often another one: worded differently, with
        # the resume's words, for the reader to judge; never "missing"
        ("Accounting", "- Managed e-mail accounts for the sales team.", "e-mail accounts"),
        ("Programming", "- Developed new training programs for staff.", "new training programs"),
        ("Ordering", "- Worked with customers in order to resolve issues.", "order"),
        ("Planning", "- Designed weekly lesson plans for grade 6.", "weekly lesson plans"),
    ],
)
def test_an_activity_named_by_a_noun_of_its_stem_is_worded_differently(ask, resume, said):
    report = keyword_gap(resume, f"Requirements:\n- {ask}\n")
    assert report.matched == [] and report.missing == [] and report.reworded == [ask], report
    (term,) = report.terms
    assert term.reworded == said


def test_how_many_lexicon_names_hold_a_phrase():
    lex = lexicon()
    assert lex.names_with(phrase_key("preparedness")) < lex.names_with(phrase_key("testing"))
    assert lex.names_with(phrase_key("language models")) <= lex.names_with(phrase_key("models"))
    assert lex.names_with(phrase_key("no such words anywhere")) == 0
    keys = lex._keys
    for phrase in ("testing", "language models", "prepared", "project management", "forklift"):
        key = phrase_key(phrase)  # the names holding it, its words in a row, counted one by one
        assert lex.names_with(key) == sum(f" {key} " in f" {k} " for k in keys), phrase
    assert lex.names_with(phrase_key("project")) > lex.names_with(phrase_key("project management"))


def test_an_acronym_in_the_plural_is_the_acronym():
    got = [f.name for f in terms_in("Understanding of software development principles and APIs")]
    assert "APIs" in got, got
    got = [f.name for f in terms_in("Deploy and manage LLMs in production environments")]
    assert "LLMs" in got, got
    # two letters and an s are too often something else ("PRs" are pull requests); the last
    # word of a name just read is not read again ("RESTful APIs" is REST APIs)
    got = [f.name for f in terms_in("Include links to projects or PRs that you have submitted")]
    assert not any("relations" in n.lower() or n == "PRs" for n in got), got
    got = [f.name for f in terms_in("2 years of experience using RESTful APIs including Retrofit")]
    assert "APIs" not in got, got


def test_a_verb_where_only_a_verb_stands_reads_its_object_first():
    # "Review code": a command, so "review" is the verb of Code Review in any form
    got = [f.name for f in terms_in("Review code to ensure implementations meet requirements")]
    assert "Code review" in got, got
    got = [f.name for f in terms_in("Apply processes necessary to collect taxes and fees")]
    assert "Tax Collections" in got, got
    # not before a longer object, an adjective, a name or an adverb, nor for a noun that opens a
    # sentence
    for line in (
        "Develop capability requirements and transition plans",
        "Analyze, design, and build modular components",
        "Think creatively when faced with a new task",
        "Education information must be included",
    ):
        got = [f.name for f in terms_in(line)]
        assert not any(
            n in got for n in ("Capability Development", "Modular Design", "Creative Thinking")
        ), got
        assert "Informal Education" not in got, got


def test_a_skills_name_is_read_in_its_verb_where_only_a_verb_stands():
    # "present" after "to" is the verb of Presentation skills (the activity is "presentation")
    line = "Strong organizational skills with the ability to communicate and present ideas clearly"
    got = [f.name for f in terms_in(line)]
    assert "Presentation skills" in got, got
    # not where a noun may stand
    got = [f.name for f in terms_in("Attend the present meeting")]
    assert "Presentation skills" not in got, got


def test_a_comma_list_ending_in_skills_shares_the_word_with_each_item():
    line = "Strong interpersonal, conflict resolution, presentation, and customer service skills"
    got = [f.name for f in terms_in(line)]
    assert "Interpersonal Skills" in got, got
    got = [
        f.name
        for f in terms_in("Excellent organization, time management, and communication skills.")
    ]
    assert "Organizational skills" in got, got
    # not a list that does not end in "skills"
    got = [f.name for f in terms_in("Commitment to organization, quality, and the team's goals.")]
    assert "Organizational skills" not in got, got


def test_a_skill_read_from_its_verb_gives_way_to_a_longer_name_around_it():
    got = [f.name for f in terms_in("Present sales to the leadership team")]
    assert "Sales Presentation" in got and "Presentation skills" not in got, got
    # a noun in "-sis" that opens a list is no verb before the list's object
    got = [
        f.name for f in terms_in("Analysis, build, documentation, testing, and updating databases")
    ]
    assert "Database Analysis" not in got, got


def test_a_generic_head_after_a_title_case_name_is_no_part_of_a_name():
    got = [f.name for f in terms_in("Knowledge of Project Management Software Tools such as Jira")]
    assert "Project Management Software" in got, got
    # a capitalised word that is no generic head still makes a name of its own
    got = [f.name for f in terms_in("Employed at the County Base Station Hospital")]
    assert "Base Station" not in got, got


def test_the_things_a_duty_statement_works_on_are_terms():
    ad = (
        "DUTIES\nA Water Utility Operator inspects, operates, and maintains electric water pumping"
        " plants, reservoirs, wells and related water facilities.\n"
    )
    found = names(ad)
    assert {"reservoirs", "wells", "water facilities"} <= set(found), found
    assert "related water facilities" not in found, found  # the head a reader names
    found = names("DUTIES\nA blacksmith forges, shapes, and heat-treats metals in the shop.\n")
    assert "metals" in found, found
    # a clause of the same subject after a comma has its own object; a noun is no verb
    found = names(
        "DUTIES\nAn Animal Control Officer conducts permit inspections, issues citations, and"
        " keeps records.\n"
    )
    assert "citations" in found, found
    found = names("DUTIES\nCollects taxes and fees due to the City.\n")
    # the taxes are named once: by the taxonomy's name read from the verb, not again as an object
    assert {"Tax Collections"} <= set(found) and "taxes" not in found, found
    assert not [f for f in found if "due" in f.split()], found


@pytest.mark.parametrize(
    "duty,not_terms",
    [
        # vague words, people the work is for, a clause, not an object
        ("Supervises and maintains an effective work force.", ["work force", "effective work"]),
        ("Assists a skilled journey-level worker.", ["skilled journey-level worker"]),
        ("Trains Building Operating Engineers.", ["Building Operating Engineers"]),
        ("Investigates reports of damage and takes appropriate action.", ["appropriate action"]),
        ("Manage expectations, measure results, and improve processes.", ["measure results"]),
        ("Prepares reports, and may be responsible for elevators.", ["may"]),
        ("Apprentice training opportunities are available.", ["opportunities"]),
        ("Handles money accurately.", ["money accurately"]),
        ("Resolves issues regarding program services.", ["issues regarding program services"]),
        ("Mentor team members and teammates.", ["team members", "teammates"]),
    ],
)
def test_a_duty_object_that_names_no_thing_is_no_term(duty, not_terms):
    found = names(f"DUTIES\n{duty}\n")
    assert not set(not_terms) & set(found), found


def test_duty_objects_are_read_only_in_duties():
    # a requirement's verb and object are not a duty's: "maintains" there is no work done
    found = names("Requirements:\n- Experience that maintains reservoirs and wells.\n")
    assert "reservoirs" not in found and "wells" not in found, found


def test_a_credentials_name_starts_after_its_determiner():
    # "possessing the certificate": no certificate named
    found = [
        f.name for f in terms_in("Applicants will be credited with possessing the certificate.")
    ]
    assert not [n for n in found if "certificate" in n], found
    # a credential named before the kind word still is one
    assert "forklift certificate" in [f.name for f in terms_in("A valid forklift certificate.")]


def test_an_acronym_a_body_defines_is_the_body_not_a_term():
    line = "Two years as a Lieutenant in the Los Angeles Police Department (LAPD) by the deadline."
    assert "LAPD" not in [f.name for f in terms_in(line)]
    # an acronym defined by a skill's words stays a term
    found = terms_in("Knowledge of Computer Drafting and Design (CADD) software is required.")
    assert [f.aliases for f in found] == [("CADD",)]


def test_a_duty_object_that_is_a_body_is_no_term():
    found = names(
        "DUTIES\nAn analyst maintains the California Coastal Commission certified Port Master Plan.\n"
    )
    assert "California Coastal Commission" not in found, found
    # an object in Title Case that names no body stays a term
    found = names("DUTIES\nAn analyst evaluates and processes Coastal Development Permits.\n")
    assert "Development Permits" in found, found


def test_a_technology_name_after_a_tools_name_is_one_product():
    found = [f.name for f in terms_in("Familiarity with Data Mesh architecture, SAP DataSphere.")]
    assert "SAP DataSphere" in found and "SAP" not in found, found
    found = [f.name for f in terms_in("Google Cloud GCP SDK, Appengine, Datastore")]
    assert "GCP SDK" in found and "SDK" not in found, found
    # two names apart stay apart
    found = [f.name for f in terms_in("Experience with SAP, DataSphere and Python.")]
    assert "SAP" in found and "DataSphere" in found, found


@pytest.mark.parametrize(
    "line,name,one",
    [
        ("1 year of asynchronous programming using Kotlin Coroutines.", "Kotlin Coroutines", True),
        ("At least one data quality tool (AWS Deequ, Informatica)", "AWS Deequ", True),
        ("Migration of legacy GCP Appengine Python applications", "GCP Appengine", True),
        # a word the dictionary has is the sentence's own, not the product's
        ("Strong Java Experience required", "Java", False),
        ("Track the work on Jira Boards daily", "Jira", False),
        # not one space after the name
        ("Experience with Kotlin, Coroutines and Flow", "Kotlin", False),
    ],
)
def test_a_word_no_dictionary_has_after_a_tools_name_is_one_product(line, name, one):
    """A capitalised word no dictionary has, one space after a tool's name, is one product
    with it; a dictionary word, or a word after a comma, stays apart."""
    found = [f.name for f in terms_in(line)]
    assert name in found, found
    if one:
        assert name.split()[0] not in found, found
    else:
        assert not any(f.startswith(name + " ") for f in found), found


def test_a_kind_after_a_name_that_says_which_is_one_term():
    # a field before a kind: the kind the field says, not the kind alone
    found = [f.name for f in terms_in("Familiarity with resilience engineering and safety.")]
    assert "resilience engineering" in found and "Resilience" not in found, found
    found = [f.name for f in terms_in("Coordinate implementation of data quality monitoring tools")]
    assert "data quality monitoring tools" in found, found
    # a proper name before its kind is its own name
    found = terms_in("Experience with AI libraries")
    assert [f.name for f in found] == ["AI"], found
    found = [f.name for f in terms_in("Proficiency with the Rust programming language.")]
    assert "Programming Language" not in found, found
    # no kind, or a verb read as its activity: nothing joined
    found = [f.name for f in terms_in("A Police Captain plans, organizes, and directs the work.")]
    assert not [n for n in found if " plans" in n], found


def test_a_kind_is_a_name_many_longer_names_end_in():
    lex = lexicon()
    assert lex.names_ending(phrase_key("library")) >= 10
    assert lex.names_ending(phrase_key("programming language")) >= 10
    assert lex.names_ending(phrase_key("Kubernetes")) < 10


def test_a_word_in_es_that_ends_its_clause_is_no_verb():
    line = "Strong working knowledge of software quality attributes"
    assert "Attribution modeling" not in [f.name for f in terms_in(line)]
    assert "Supervision" in [
        f.name for f in terms_in("or supervises such work in a lead capacity.")
    ]


def test_capitalised_names_before_teams_are_the_teams():
    line = "You will work with Sales, Product, Engineering, and Marketing teams on launches."
    assert "Marketing" not in [f.name for f in terms_in(line)]
    # a skill listed before other words is still one
    assert "Marketing" in [f.name for f in terms_in("Experience in Sales, Marketing, and SQL.")]


def test_an_acronym_spelled_out_in_brackets_is_one_term():
    line = "Creating and maintaining APIs (Application Programming Interfaces) for the front-end."
    found = terms_in(line)
    assert "Application Programming Interface" not in [f.name for f in found], found
    assert "Application Programming Interface" in [a for f in found for a in f.aliases], found
    # brackets whose words do not spell the acronym are another term
    found = [f.name for f in terms_in("Knowledge of SQL (Project Management) basics.")]
    assert "Project management" in found, found


def test_a_kind_a_term_says_is_not_folded_into_the_plain_kind():
    job = (
        "Requirements:\n- Experience in inspection work.\n"
        "- Performs backflow prevention inspections.\n"
    )
    asks = extract_job_terms(job)
    assert "backflow prevention inspections" in asks, asks
    # a kind said by a plain word still is one requirement with the plain kind
    job = "Requirements:\n- Experience in carpentry.\n- Experience in finish carpentry.\n"
    assert len([a for a in extract_job_terms(job) if "arpentry" in a]) == 1


def test_a_persons_word_names_no_field():
    # "game designers" are whom the work is with: no Game Design, whose names are all plain
    assert "Game Design" not in [f.name for f in terms_in("Collaborate with game designers.")]
    assert "Game Design" in [f.name for f in terms_in("Experience in game design.")]
    # a name that is a person's own, or a verb the lexicon lists in a person's form, still is
    assert "Registered Nurse" in [f.name for f in terms_in("Experience as a Registered Nurse.")]
    assert "Mentoring" in [f.name for f in terms_in("Mentor junior engineers.")]
    # people worked with are no thing the work is with, nor a kind of their field
    job = "Requirements:\n- A strong engineering background.\n- Work with data engineers to move data.\n"
    assert extract_job_terms(job) == ["engineering"], extract_job_terms(job)
    job = "Duties:\n- Work with product managers and tech leads to develop features.\n"
    assert not [a for a in extract_job_terms(job) if "managers" in a], extract_job_terms(job)
    # a role asked for stays one, apart from the field; a field's kind still folds with it
    job = (
        "Requirements:\n- A strong engineering background.\n"
        "- 2+ years of experience as a software engineer.\n- Experience in data engineering.\n"
    )
    asks = extract_job_terms(job)
    assert "software engineer" in asks and "engineering or Data engineering" in asks, asks


@pytest.mark.parametrize(
    "text,terms",
    [
        # a duty's activity noun ("maintenance and repair of"): what the work is done to; a
        # qualifier of the next item's noun is no item ("passenger [and freight elevators]")
        (
            "DUTIES\nAn Elevator Repair Supervisor evaluates the work of employees engaged in the"
            " maintenance and repair of passenger and freight elevators, escalators, moving"
            " walkways, and their appurtenant equipment.\n",
            {"freight elevators", "escalators"},
        ),
        (
            "DUTIES\nA Director of Housing directs employees engaged in the administration of the"
            " City's home ownership and housing rehabilitation programs.\n",
            {"home ownership"},
        ),
        # a requirement: what its experience is in
        (
            "Requirements:\n- Two years of experience in the supervision of staff engaged in the"
            " administration of a government or private housing development, home ownership,"
            " development finance, occupancy monitoring, or rehabilitation program.\n",
            {"home ownership", "private housing development"},
        ),
        (
            "Requirements:\n- Two years of experience administering an emergency operations"
            " program, including developing, analyzing, or revising evacuation plans and training"
            " exercises.\n",
            {"evacuation plans"},
        ),
        (
            "Requirements:\n- Experience with parking meters, cash vaults and coin sorters.\n",
            {"parking meters"},
        ),
        # a plural that is also a duty verb's -s form, between commas, is an item ("designs")
        (
            "DUTIES\nA Communications Engineer evaluates the work of employees engaged in the"
            " preparation of plans, designs, specifications, estimates, and reports.\n",
            {"designs", "specifications", "estimates"},
        ),
    ],
)
def test_what_an_activity_or_an_experience_is_of_are_terms(text, terms):
    found = names(text)
    assert all(any(t in n for n in found) for t in terms), found
    assert "passenger" not in found, found


@pytest.mark.parametrize(
    "duty,not_term",
    [
        # a verb's own form is a thing, not the noun of the work ("records" of costs)
        ("Maintains thorough records of operational costs.", "operational costs"),
        ("Reviews the quality of new code.", "new code"),
        # a duty verb's list is no list of things: "reviews" before a comma stays a verb there
        ("Maintains accounting records, reviews, and approves invoices.", "reviews"),
    ],
)
def test_a_noun_that_is_no_activity_gives_no_object(duty, not_term):
    assert not_term not in names(f"DUTIES\n{duty}\n")


@pytest.mark.parametrize(
    "line,not_term",
    [
        ("Two years of experience in a class at the level of Analyst.", "class"),
        ("Experience with Microservices and proficiency in Docker.", "proficiency"),
        ("Experience in leading delivery of technical initiatives.", "leading delivery"),
        ("Experience in release management, and 5+ years of experience overall.", "5+ years"),
        ("Experience working with clients and vendors.", "clients"),
        ("Go experience in addition to React.", "addition"),
    ],
)
def test_what_an_experience_is_in_is_no_term_where_it_names_no_thing(line, not_term):
    found = names(f"Requirements:\n- {line}\n")
    assert not_term not in found, found


_BULLETIN = """DUTIES
An Engineering Designer prepares plans for storm drains and building additions that meet City codes, using AutoCAD and Excel.

REQUIREMENTS
Two years of experience in engineering design.

SELECTION PROCESS
The examination score will be based entirely on a multiple-choice test. In the written test, \
emphasis may be placed on the candidate's experience, training and knowledge of: {subjects}; \
and the ability to: communicate orally with {abilities}; and other necessary skills.
Candidates will be notified of the test date by e-mail.
"""


def _listed(text: str) -> dict[str, str]:
    asks, _ = read_ad(text)
    return {n: a.where for a in asks for n in a.names}


def test_what_the_exam_weighs_is_read_where_the_ad_names_its_words_too():
    # "emphasis may be placed on ... knowledge of: X": the exam's list is the job's content,
    # read as wanted (never a must-have) where the ad's own text names the words too
    got = _listed(_BULLETIN.format(subjects="building codes, drawings", abilities="staff"))
    assert got.get("Building Codes") == "nice to have", got
    # a term the ad's own text never names, and the abilities after it, are not read from it
    got = _listed(_BULLETIN.format(subjects="Microsoft Project", abilities="building codes"))
    assert "Microsoft Project" not in got and "Building Codes" not in got, got
    # the exam's process around the list gives no term, and a name the ad asks for already
    # keeps its place
    assert got.get("AutoCAD") == "duties", got
    assert not any("test" in n.lower() or "exam" in n.lower() for n in got), got


def test_an_exam_section_without_its_subjects_is_still_boilerplate():
    text = _BULLETIN.replace("emphasis may be placed on", "candidates will be ranked by")
    got = _listed(text.format(subjects="building codes, drawings", abilities="staff"))
    assert "Building Codes" not in got, got


@pytest.mark.parametrize(
    "line,terms",
    [
        # plain words listed before a name each say a kind of it
        (
            "An Electrician repairs traffic signals, and video and computer communication systems.",
            {"video communication systems", "computer communication systems"},
        ),
        # ... a qualifier the name's first word is one of, after the items of a list of things
        (
            "Engineers engaged in the preparation of specifications, estimates, cost and service"
            " analyses, and reports associated with the design of systems.",
            {"cost analyses", "service analyses"},
        ),
        ("Experience working with risk or financial systems is a bonus.", {"risk systems"}),
    ],
)
def test_qualifiers_listed_before_a_name_are_its_kinds(line, terms):
    found = names(f"DUTIES\n{line}\n")
    assert terms <= {n for name in found for n in name.split(" or ")}, found


@pytest.mark.parametrize(
    "line,not_term",
    [
        # a verb's words, a longer name's words, the last item of a list: no kinds
        ("Performs manual and clerical work in ordering supplies.", "manual work"),
        ("Design and implement standards for master data and reference data.", "data data"),
        ("Checks regulators, trunk lines, and water storage facilities.", "water storage"),
        ("Monitor performance and capacity, and implement proactive measures.", "implement"),
        ("Summarize data and present and visualize this information.", "present this"),
        ("Oversees strategic planning and policy, and housing rehabilitation.", "policy rehab"),
    ],
)
def test_words_before_a_name_that_are_no_qualifiers_say_no_kind(line, not_term):
    found = names(f"DUTIES\n{line}\n")
    assert not any(not_term in n.lower() for n in found), found


def test_the_ads_title_is_read_for_the_tools_it_names():
    ad = "# Senior .NET Software Engineer\n\n## Requirements\n- 5 years of C# experience\n"
    asks, _ = read_ad(ad)
    assert [(a.required, a.where) for a in asks if a.name == ".NET"] == [(True, "requirements")]
    # the title's other words are the role's, not asks
    for title, role in (("Senior Software Engineer", "software"), ("ACCOUNTING CLERK", "account")):
        asks, _ = read_ad(f"{title}\n\n## Requirements\n- Experience with Docker\n")
        assert not any(role in a.name.lower() for a in asks), asks
    # a heading further down is a section's name, not the title
    asks, _ = read_ad("Join our team.\n\n## Working with Docker\n- Experience with Kafka\n")
    assert "Docker" not in [a.name for a in asks], asks
    # a title does not make an ad without sections a sectioned one
    asks, _ = read_ad("# Senior Python Developer\n\nYou will build services in Django.\n")
    assert "Django" in [a.name for a in asks], asks


@pytest.mark.parametrize(
    "line,word,tool",
    [
        ("- Experience with Terraform (preference for Argo and GithubActions)", "Argo", True),
        (
            "- Experience with on-prem Kubernetes (native Kubernetes, Gravity, MetalK8s)",
            "Gravity",
            True,
        ),
        ("- Experience with Apollo, GraphQL and REST APIs", "Apollo", True),
        # beside an acronym (bodies and places have them too), or opening the sentence
        ("- Knowledge of pertinent City and LAPD rules", "City", False),
        ("- Argo and GithubActions are a plus", "Argo", False),
        # a common capitalised word
        ("- Experience at Microsoft or LinkedIn scale", "Microsoft", False),
    ],
)
def test_a_capitalised_word_listed_beside_a_technology_name_is_one(line, word, tool):
    """A capitalised word joined by a comma, "and" or "or" to a name written like technology
    (mixed case, digits, dots) is a tool; beside an acronym, opening the sentence, or a common
    word, it is not."""
    asks, _ = read_ad(f"## Requirements\n{line}\n")
    assert (word in {n for a in asks for n in a.names}) == tool, asks


def test_the_terms_at_a_word_are_every_key_it_begins_longest_first():
    """The lookup that stops where no key goes on from the words read gives what looking up
    every length gives (every key of the lexicon, a word after it, and the words a key shares
    with others)."""
    import random

    lex = lexicon()

    def every_length(keys: list[str], i: int, room: int) -> list[tuple[int, int]]:
        lengths = range(min(6, room, len(keys) - i), 0, -1)
        looked = [(lex.key_term(" ".join(keys[i : i + n])), n) for n in lengths]
        return [(t, n) for t, n in looked if t is not None] if keys[i] in lex.firsts else []

    pick = random.Random(36)
    for key in pick.sample(lex._keys, 3000):
        keys = key.split() + pick.choice(lex._keys).split() + ["2020"]
        for i in range(len(keys)):
            for room in (1, 2, 6):
                expected = every_length(keys, i, room)
                assert list(lex.matches_at(keys, i, room)) == expected, (keys, i, room)
                assert lex.match_at(keys, i, room) == (expected[0] if expected else None)


@pytest.mark.parametrize(
    "sentence,dropped",
    [
        ("We offer a competitive SALARY and Benefits package", True),
        ("Equal Employment Opportunity employer", True),
        ("Diversity and Racial equity are part of this role", False),  # "race" as a word only
        ("Build the RACE timing system", True),
        ("Apply Online by Friday", True),  # the application process, outside the duties
        ("Build Computer Applications in Python", False),
        ("Résumé reviews: Apply online by Friday", True),  # not ASCII: read ignoring case
        ("Envoyer votre APPLICATION", True),
        # applications in the plural are mostly software; the job's are sent and received
        ("Build GenAI applications and protocols in Python", False),
        ("Improve the stability and performance of our applications", False),
        ("Applications are accepted subject to review", True),
        ("Hiring managers review all applications within a week", True),
        ("In addition to the regular City application, complete the questionnaire", True),
        ("Secure the application layer of the platform", False),
    ],
)
def test_boilerplate_and_process_words_are_found_in_any_case(sentence, dropped):
    from assistant.analysis.job_terms import ad_sentences

    why: list[tuple[str, str]] = []
    kept = ad_sentences(sentence, why)
    assert (not kept) == dropped, (kept, why)


def test_a_pattern_of_lower_case_words_finds_what_ignoring_case_finds():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from assistant.analysis.job_terms import _BOILER_SENTENCE, _PROCESS_SENTENCE

    words = st.sampled_from(
        ["race", "RACE", "Salary", "web application", "Application", "apply", "x", "K", "\u212a",
         "401(K)", "www.", "@a.b", " ", ", ", "-", "on-Line", "Our Values", "é", "résumé"]
    )  # fmt: skip

    @settings(max_examples=300, derandomize=True, database=None)
    @given(st.lists(words, max_size=12).map("".join))
    def same(text):
        for pattern in (_BOILER_SENTENCE, _PROCESS_SENTENCE):
            mine = pattern.search(text)
            theirs = re.compile(pattern.source, re.I).search(text)
            assert (mine and mine.span()) == (theirs and theirs.span()), text

    same()


@pytest.mark.parametrize(
    "line,parts",
    [
        ("Python - SQL - Excel", ["Python", "SQL", "Excel"]),
        ("Python\t \t- SQL", ["Python", "SQL"]),
        ("Python - reporting in SQL", ["Python - reporting in SQL"]),  # a capital follows a cut
        ("Python; SQL", ["Python", "SQL"]),
    ],
)
def test_a_spaced_dash_or_a_semicolon_cuts_a_clause(line, parts):
    from assistant.analysis.job_terms import _sentences

    assert _sentences(line) == parts


def test_a_long_run_of_spaces_before_no_dash_is_cut_in_linear_time():
    from assistant.analysis.job_terms import _sentences

    start = time.process_time()
    assert _sentences("Python" + "\t" * 20_000 + "sql") == ["Python" + "\t" * 20_000 + "sql"]
    assert time.process_time() - start < 2.0  # tried from every space to the run's end: 4.7 s


@pytest.mark.parametrize(
    "resume,job_line,shown",
    [
        # a tool's name in its own words' forms: plural, another order, a verb's form
        ("Built apps in React and Redux.", "React", True),
        ("Ran Marketo campaigns for the launch.", "Marketo", True),
        ("Designed network topologies for branch offices.", "Network topology", True),
        ("Wrote multithreaded services.", "Multithreading", True),
        # a word that only starts like a tool's name is another word
        ("Reduced the reaction time of the site.", "React", False),
        ("Informed customers of new products.", "Informatica", False),
        ("Market research for new products.", "Marketo", False),
        ("Ran multi-site rollouts.", "Multithreading", False),
        # a skill's words keep their forms: a supervisor shows supervision
        ("Supervisor of the night shift.", "Supervision", True),
    ],
)
def test_a_tools_name_is_not_shown_by_a_word_that_only_starts_like_it(resume, job_line, shown):
    report = keyword_gap(resume, f"Requirements:\n- {job_line}\n")
    assert (report.matched != []) == shown and (report.missing == []) == shown, report


@pytest.mark.parametrize(
    "resume,job_line,shown",
    [
        # another order, in one clause
        ("Tested code for the billing module.", "Code testing", True),
        # a compound written with a hyphen, as one word or as two
        ("Built the front-end of the store in React.", "Frontend development", True),
        ("Front end developer for five years.", "Frontend development", True),
        # a derived form: the adjective, the participle
        ("Customer-focused account manager.", "Customer focus", True),
        ("Forklift certified, 3 years", "Forklift certification", True),
        # not across a comma, and not a certificate by the work alone
        ("Reviewed code, then ran load testing with JMeter.", "Code testing", False),
        ("Customer service, focus groups and surveys.", "Customer focus", False),
        ("Forklift warehouse experience.", "Forklift certification", False),
    ],
)
def test_word_order_compounds_and_derived_forms_are_read_as_one_term(resume, job_line, shown):
    report = keyword_gap(resume, f"Requirements:\n- {job_line}\n")
    assert (report.missing == []) == shown, report


def test_lightcasts_personal_qualities_are_soft_skills():
    """Lightcast's subcategories of personal qualities hold traits, not hard skills: the
    interview asks about them as a time they showed."""
    from assistant.analysis.lexicon import iter_terms

    category = {t.name: t.category for t in iter_terms()}
    for trait in ("Empathy", "Enthusiasm", "Strong Work Ethic", "Action Oriented", "Teamwork"):
        assert category.get(trait) == "soft skill", trait
    assert category.get("Welding") != "soft skill"


@pytest.mark.parametrize(
    "line,term",
    [
        (
            "1 year of experience with asynchronous programming using Kotlin.",
            "asynchronous programming",
        ),
        ("HTML, CSS, React, State management", "State management"),
        ("Support of applications, server infrastructure, desktops", "server infrastructure"),
        ("Experience conducting in depth incident analysis", "incident analysis"),
    ],
)
def test_a_word_and_the_head_of_a_kind_of_skill_is_asked_for_in_a_requirement(line, term):
    """job_terms.skill_phrases: where no lexicon name covers them."""
    assert term in names(f"Requirements:\n- {line}\n")
    # a duty is read for its objects, not for these ("Build state management for the team")
    assert term not in [f.name for f in terms_in(line, experience=False)]


@pytest.mark.parametrize(
    "line,wrong",
    [
        ("Ability to present data to senior management.", "senior management"),  # people
        ("Strong programming skills in any language.", "Strong programming"),  # a degree
        ("Experience using testing frameworks.", "using testing"),  # a verb
        ("Familiarity with Data Mesh architecture.", "Mesh architecture"),  # a name's word
    ],
)
def test_no_kind_of_skill_from_a_word_of_degree_a_verb_a_rank_or_part_of_a_name(line, wrong):
    assert wrong not in names(f"Requirements:\n- {line}\n")
