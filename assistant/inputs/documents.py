"""Text out of PDF (pypdfium2) and Word .docx (python-docx) files, with the checks that keep a
bad file from becoming a bad critique: a scan has no text, a broken zip or a zip bomb is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.errors import InputError
from assistant.inputs.text import display_name, read_bytes

MAX_DOCUMENT_BYTES = 10_000_000
MAX_PDF_PAGES = 30
MIN_PDF_CHARS = 40  # fewer letters than this on every page together: a scanned image, not text
MAX_DOCX_UNCOMPRESSED = 60_000_000
MAX_DOCX_RATIO = 120  # a member that inflates more than this is a zip bomb, not a resume
MAX_DOCX_MEMBERS = 2_000


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
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
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
    return text


def check_zip(path: Path | str, name: str) -> None:
    """Refuse a broken zip, a zip bomb, or a zip that is not a Word document, before opening it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                raise InputError(f"{name}: {len(members)} files inside; not a plausible .docx")
            total = sum(m.file_size for m in members)
            if total > MAX_DOCX_UNCOMPRESSED:
                raise InputError(
                    f"{name}: would unpack to {total / 1e6:.0f} MB (the limit is {MAX_DOCX_UNCOMPRESSED / 1e6:.0f} MB);"
                    " refusing a possible zip bomb"
                )
            for m in members:
                if m.file_size > 1_000_000 and m.file_size > MAX_DOCX_RATIO * max(
                    m.compress_size, 1
                ):
                    raise InputError(
                        f"{name}: {m.filename} inflates {m.file_size // max(m.compress_size, 1)}x;"
                        " refusing a possible zip bomb"
                    )
            if "word/document.xml" not in {m.filename for m in members}:
                raise InputError(
                    f"{name}: a zip file but not a Word document (no word/document.xml)"
                )
    except zipfile.BadZipFile:
        raise InputError(
            f"{name}: not a valid .docx (the file is damaged, truncated or not a zip); "
            "open and re-save it in your editor"
        ) from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


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
    read_bytes(path, MAX_DOCUMENT_BYTES)  # the size cap and the usual file errors
    check_zip(path, name)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XML errors) on broken files
        raise InputError(
            f"{name}: cannot open this .docx ({type(exc).__name__}); re-save it in your editor"
        ) from None
    style_names = {
        s.style_id: s.name or "" for s in document.styles
    }  # looked up once, not per paragraph
    lines: list[str] = []
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            if paragraph.text.strip() and paragraph.text.strip() not in lines:
                lines.append(paragraph.text.strip())
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_line(Paragraph(block, document), style_names))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text.strip() not in cells:
                        cells.append(cell.text.strip())
                lines.append("   ".join(cells))
    text = "\n".join(lines).strip()
    if not text:
        raise InputError(f"{name}: this .docx has no text")
    return text
