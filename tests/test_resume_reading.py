"""Reading resumes as a person sees them: PDF words keep their spaces when a PDF positions words
instead of writing spaces (web-to-PDF resumes), drawn bullet dots become bullets, Word text boxes
and footers are read, letter-spaced headings are headings, and an image-only PDF is one error
that says it has no text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.inputs.documents import clean_text, docx_text, pdf_text
from assistant.inputs.resume import parse_resume_text, read_resume
from assistant.inputs.sections import (
    heading_form,
    section_kind,
    split_glued_headings,
    unspace_heading,
)
from tests.helpers.critique_docs import make_scan_pdf

LINES = [
    ("Jordan Ellis", False),
    ("jordan.ellis@example.com", False),
    ("Experience", False),
    ("Store Manager Jan 2019 to Current", False),
    ("Company Name City , State", False),
    ("Cut stock losses by 12% with weekly cycle counts", True),
    ("Trained 14 new cashiers on the point of sale system", True),
    ("Education", False),
    ("Bachelor of Science , Business 2016 State University", False),
    ("Skills", False),
    ("Inventory control, scheduling, cash handling", False),
]


def positioned_pdf(path: Path, lines=LINES) -> Path:
    """A PDF that places every word on its own and writes no space between them (as wkhtmltopdf
    does), with bullets drawn as small filled circles instead of bullet characters."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    y = 20
    for text, bullet in lines:
        x = 25 if bullet else 15
        if bullet:
            pdf.circle(x=x - 4, y=y + 1.6, radius=0.6, style="F")
        for word in text.split():
            pdf.text(x, y + 3, word)
            x += pdf.get_string_width(word) + pdf.get_string_width(" ")
        y += 7
    pdf.output(str(path))
    return path


def test_positioned_words_keep_their_spaces(tmp_path):
    text = pdf_text(positioned_pdf(tmp_path / "cv.pdf"))
    assert "Cut stock losses by 12% with weekly cycle counts" in text
    assert "StoreManager" not in text and "Store Manager Jan 2019 to Current" in text


def test_drawn_bullet_dots_become_bullets(tmp_path):
    resume = read_resume(positioned_pdf(tmp_path / "cv.pdf"))
    (position,) = resume.experience
    assert [b.text for b in position.bullets] == [text for text, bullet in LINES if bullet]
    assert position.dates == "Jan 2019 to Current"


def test_image_only_pdf_says_it_has_no_text_layer(tmp_path):
    with pytest.raises(InputError, match="no text layer") as info:
        read_resume(make_scan_pdf(tmp_path / "scan.pdf"))
    assert "\n" not in str(info.value)


def test_double_encoded_web_text_is_cleaned():
    assert clean_text("Company Name \u00ef\u00bc\u200b City") == "Company Name   City"
    assert (
        clean_text("accounts\u00c2\nnext \u00e2\u20ac\u201c here") == "accounts\nnext \u2013 here"
    )


@pytest.mark.parametrize(
    "line,kind",
    [
        ("E X P E R I E N C E", "experience"),
        ("W O R K   H I S T O R Y", "experience"),
        ("P R O F E S S I O N A L E X P E R I E N C E", "experience"),
        ("S K I L L S", "skills"),
        ("E D U C A T I O N :", "education"),
        ("TECHNICAL SKILLS", "skills"),
        ("Additional Skills", "skills"),  # a known plain heading after a qualifier
        ("Professional Overview", "summary"),
        ("Educational Background", "education"),
        ("Relevant Experience", "experience"),
    ],
)
def test_letter_spaced_and_caps_headings(line, kind):
    form = heading_form(line)
    assert form is not None and section_kind(form[0]) == kind


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("Activities and Honors", "awards"),  # an honours list, not volunteering
        ("Volunteer Activities", "volunteer"),
        ("Leadership and Activities", "volunteer"),
    ],
)
def test_honours_decide_a_mixed_heading(heading, kind):
    assert section_kind(heading) == kind


@pytest.mark.parametrize("line", ["Additional duties as assigned", "Other Projects Manager"])
def test_a_qualifier_alone_does_not_make_a_heading(line):
    assert heading_form(line) is None


@pytest.mark.parametrize("line", ["I am a team lead", "A B", "Led a team of 5", "- E X P"])
def test_ordinary_lines_are_not_letter_spaced_headings(line):
    assert unspace_heading(line) is None


def test_letter_spaced_sections_are_found_in_a_resume():
    text = (
        "Ana Ruiz\nana@example.com\n\nE X P E R I E N C E\nAnalyst, Norte Bank, 2019 - present\n"
        "- Built the monthly risk report used by 6 branch managers\n\nE D U C A T I O N\n"
        "BSc Statistics, 2018\n\nS K I L L S\nSQL, R, Excel\n"
    )
    resume = parse_resume_text(text, "r.txt")
    assert [s.kind for s in resume.sections] == ["experience", "education", "skills"]


def docx_with_text_box_and_footer(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Priya Nair", level=0)
    holder = document.add_paragraph()
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>SKILLS</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>JS, React, MySQL</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>SKILLS</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>JS, React, MySQL</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    holder._p.append(parse_xml(box))
    document.add_heading("Experience", level=1)
    document.add_paragraph("Web Developer, Kite Labs, 2020 - 2023")
    document.add_paragraph(
        "Built the booking page used by 3,000 customers a week", style="List Bullet"
    )
    document.sections[0].footer.paragraphs[0].text = "priya.nair@example.com | +44 7700 900456"
    document.save(str(path))
    return path


def test_word_text_boxes_and_footers_are_read_once(tmp_path):
    path = docx_with_text_box_and_footer(tmp_path / "cv.docx")
    text = docx_text(path)
    assert text.count("JS, React, MySQL") == 1 and "priya.nair@example.com" in text
    resume = read_resume(path)
    assert {"JS", "React", "MySQL"} <= set(resume.skills)
    assert resume.contact.email == "priya.nair@example.com"


@pytest.mark.parametrize(
    "summary_line, summary",
    [
        # after a sentence's end
        ("Editor who tells stories for 3 magazines. Experience", "magazines."),
        # at the end of a list line, when the resume has no experience heading anywhere else
        ("Social Media: Twitter, Facebook, and Instagram Experience", "Instagram"),
    ],
)
def test_a_heading_glued_to_the_line_before_is_read_as_a_heading(summary_line, summary):
    text = (
        f"Dana Reyes\ndana@example.com\nSummary\n{summary_line}\n"
        "Editor 01/2017 to Current Company Name\n- Grew web traffic 94% in a year\nEducation\nBA 2009\n"
        "Skills\nAP Style, Sitecore\n"
    )
    resume = parse_resume_text(text)
    assert [s.kind for s in resume.sections] == ["summary", "experience", "education", "skills"]
    assert resume.experience and resume.experience[0].bullets
    assert resume.summary.endswith(summary)


@pytest.mark.parametrize(
    "text",
    [
        # the section has a heading of its own
        "Summary\nTaught at the Department of Health Education\nEducation\nBA 2009\n",
        # after a joining word
        "Summary\nLed coursework in Education\nExperience\nTeacher 2019\n",
        # a bullet in a list
        "Summary\n- Strong Typing Skills\n- Filing\n",
        # a heading straight after it: the section would be empty
        "Summary\nQuick learner *Superior Writing Skills\nExperience\nClerk 2019\n",
    ],
)
def test_a_phrase_ending_in_a_heading_word_stays_whole(text):
    assert split_glued_headings(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Worked with clients. Experience\nin sales was key",  # the sentence goes on
        "Managed the Education\nprogram",  # no sentence ends before it
        "Trained staff. Leadership\n",  # not a main heading
    ],
)
def test_words_that_go_on_with_the_sentence_stay_where_they_are(text):
    assert split_glued_headings(text) == text


def test_a_supervisors_email_is_not_the_candidates():
    """'Supervisor: Al Roe, al@acme.gov' in a bullet names someone else's address."""
    body = (
        "\n\n## Experience\nClerk, Acme Supply, 2019 - 2020\n"
        "- Filed 30 purchase forms a day for the regional office and its four depots\n"
        "- Answered 40 calls a day. Supervisor: Al Roe, al@acme.gov\n\n"
        "## Education\nBA in Business Administration, Ohio State University, 2018\n"
    )
    assert parse_resume_text("Jo Doe" + body, "r.md", "md").contact.email is None
    own = parse_resume_text("Jo Doe\njo@example.com" + body, "r.md", "md")
    assert own.contact.email == "jo@example.com"


def test_a_range_written_down_a_column_is_one_range_with_its_start_and_end():
    text = (
        "Dana Reyes\n\nExperience\nJanuary 2014\nto\nCurrent\n"
        "Company Name City , State Group Fitness Instructor\n"
        "- Taught 12 classes a week to 300 members\n"
        "January 2012\nto\nJanuary 2013\nCompany Name City , State Property Manager\n"
        "- Kept 40 leases and 2 audits on time for the owners of the building\n"
        "\nEducation\nB.A. Economics, 2010\n"
    )
    resume = parse_resume_text(text, "r.txt")
    assert [(p.start, p.end) for p in resume.experience] == [
        ("January 2014", "Current"),
        ("January 2012", "January 2013"),
    ]
    assert [p.title for p in resume.experience] == [
        "State Group Fitness Instructor",
        "State Property Manager",
    ]
