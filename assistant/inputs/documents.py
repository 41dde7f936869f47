"""Text out of PDF (pypdfium2) and Word .docx (python-docx) files, with the checks that keep a
bad file from becoming a bad critique: a scan has no text, a broken zip or a zip bomb is refused."""

from __future__ import annotations

import io
from pathlib import Path

from assistant.errors import InputError
from assistant.inputs.limits import TextCap, rebuild_zip
from assistant.inputs.text import display_name, read_bytes

MAX_DOCUMENT_BYTES = 10_000_000
MAX_PDF_PAGES = 30
PICTURE_PAGE_SHARE = 0.5  # pictures cover this much of a page with little text: a scanned page
PICTURE_PAGE_CHARS = 400  # letters and digits on a page below which its pictures are counted
MIN_PDF_CHARS = 40  # fewer letters than this on every page together: a scanned image, not text
MAX_DOCX_XML_BYTES = 8_000_000  # the XML of a .docx, really unpacked (a long resume has < 1 MB)
MAX_DOCX_MEMBERS = 2_000
MAX_EXTRACTED_TEXT = 500_000  # characters of text taken from a .pdf or .docx (as for resume text)


def pdf_text(path: Path | str) -> str:
    """The text of a PDF, page after page, with its line breaks."""
    name = display_name(path)
    data = read_bytes(path, MAX_DOCUMENT_BYTES)
    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(f"{name}: not a PDF file (it does not start with %PDF-)")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: cannot open this PDF (damaged or truncated: {exc})") from None
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise InputError(f"{name}: {len(pdf)} pages; a resume has at most {MAX_PDF_PAGES}")
        pages, pictured = [], []
        cap = TextCap(name, MAX_EXTRACTED_TEXT)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(cap.add(textpage.get_text_range()))
            textpage.close()
            pictured.append(picture_share(page, pages[-1]))
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: cannot read the text of this PDF ({exc})") from None
    finally:
        pdf.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if sum(ch.isalnum() for ch in text) < MIN_PDF_CHARS:
        raise InputError(
            f"{name}: this PDF has no text to read; it looks like a scanned image. Export the resume "
            "from your editor as a text PDF or .docx, or run OCR on it (e.g. ocrmypdf) and try again"
        )
    refuse_picture_pages(name, pictured)
    return text


def picture_share(page, text: str) -> float:
    """How much of a page pictures cover (0 to 1), counted only when the page has little text of
    its own: a page that is a picture of text, not a resume with a photo or a coloured band."""
    if sum(ch.isalnum() for ch in text) >= PICTURE_PAGE_CHARS:
        return 0.0
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return 0.0
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        bounds = obj.get_bounds if hasattr(obj, "get_bounds") else obj.get_pos  # pypdfium2 5 / 4
        left, bottom, right, top = bounds()
        w = min(right, width) - max(left, 0)
        h = min(top, height) - max(bottom, 0)
        if w > 0 and h > 0:
            covered += w * h
    return min(1.0, covered / (width * height))


def refuse_picture_pages(name: str, shares: list[float]) -> None:
    """A resume with a page that is mostly a picture would be critiqued without what the picture
    says (a body scanned under a typed name): refused, naming the page."""
    pages = [i for i, share in enumerate(shares, 1) if share >= PICTURE_PAGE_SHARE]
    if pages:
        which = ", ".join(map(str, pages))
        raise InputError(
            f"{name}: page {which} is mostly a picture ({shares[pages[0] - 1]:.0%} of the page) with "
            "little text: the critique would miss what the picture says. Export the resume as a "
            "text PDF or .docx, or run OCR on it (e.g. ocrmypdf) and try again"
        )


def docx_package(data: bytes, name: str) -> io.BytesIO:
    """The .docx in `data` rebuilt in memory with only its XML parts, read within
    MAX_DOCX_XML_BYTES real bytes (whatever sizes the archive declares); images and other binary
    parts are left empty, since only the text is read."""
    if not data.startswith(b"PK"):
        raise InputError(
            f"{name}: not a valid .docx (the file is damaged, truncated or not a zip); "
            "open and re-save it in your editor"
        )
    package, members = rebuild_zip(
        data,
        name,
        keep=lambda member: member.endswith((".xml", ".rels")),
        budget=MAX_DOCX_XML_BYTES,
        max_members=MAX_DOCX_MEMBERS,
    )
    if "word/document.xml" not in members:
        raise InputError(f"{name}: a zip file but not a Word document (no word/document.xml)")
    return package


def _paragraph_line(paragraph, style_names: dict[str, str]) -> str:
    """A paragraph as a text line: headings get '#', list items '- ', so the text parser sees them."""
    text = paragraph.text.strip()
    if not text:
        return ""
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    style = style_names.get(style_id, "") if style_id else ""
    if style.startswith("Heading") and style[-1:].isdigit():
        return "#" * int(style[-1]) + " " + text
    if style == "Title":
        return "# " + text
    numbered = ppr is not None and ppr.numPr is not None
    if "List" in style or numbered:
        return "- " + text
    return text


def docx_text(path: Path | str) -> str:
    """The text of a .docx: page headers (contact details often live there), then the body in order."""
    name = display_name(path)
    data = read_bytes(path, MAX_DOCUMENT_BYTES)  # read once: a FIFO cannot be opened twice
    package = docx_package(data, name)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(package)
    except Exception as exc:  # python-docx raises many kinds (KeyError, XML errors) on broken files
        raise InputError(
            f"{name}: cannot open this .docx ({type(exc).__name__}); re-save it in your editor"
        ) from None
    style_names = {
        s.style_id: s.name or "" for s in document.styles
    }  # looked up once, not per paragraph
    lines: list[str] = []
    cap = TextCap(name, MAX_EXTRACTED_TEXT)
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            if paragraph.text.strip() and paragraph.text.strip() not in lines:
                lines.append(cap.add(paragraph.text.strip()))
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(cap.add(_paragraph_line(Paragraph(block, document), style_names)))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text.strip() not in cells:
                        cells.append(cell.text.strip())
                lines.append(cap.add("   ".join(cells)))
    text = "\n".join(lines).strip()
    if not text:
        raise InputError(f"{name}: this .docx has no text")
    return text
