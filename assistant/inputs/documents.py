"""Text out of PDF (pypdfium2 to open, pdfminer.six to lay out) and Word .docx (python-docx) files, with the checks that keep a
bad file from becoming a bad critique: a scan has no text, a broken zip or a zip bomb is refused."""

from __future__ import annotations

import io
from pathlib import Path

from assistant import regex
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
    """The text of a PDF as a person reads it: words with their spaces, lines in reading order,
    and a bullet drawn as a shape (a small dot left of a line) kept as a '\u2022 ' on that line.

    pypdfium2 opens the file first (a strict, fast check: damaged, truncated, too many pages);
    pdfminer.six then lays the characters out into words and lines (PDFium's own text drops the
    spaces between words that a PDF positions instead of writing, as web-to-PDF resumes do)."""
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
        pictured = []  # how much of each page pictures cover (a scanned body under typed text)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pictured.append(picture_share(page, textpage.get_text_range()))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: cannot read the text of this PDF ({exc})") from None
    finally:
        pdf.close()
    try:
        pages = _layout_pages(data, TextCap(name, MAX_EXTRACTED_TEXT))
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, ...) on bad files
        raise InputError(
            f"{name}: cannot read the text of this PDF ({type(exc).__name__})"
        ) from None
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = clean_text(text)
    if sum(ch.isalnum() for ch in text) < MIN_PDF_CHARS:
        raise InputError(
            f"{name}: this PDF has no text layer (it looks like a scanned image), so there is "
            "nothing to read. Export the resume from your editor as a text PDF or .docx, or run OCR "
            "on it (e.g. ocrmypdf) and try again"
        )
    refuse_picture_pages(name, pictured)
    return text


BULLET_DOT_MAX = 7.0  # points: a drawn bullet is a small dot or square
BULLET_GAP_MAX = 18.0  # points between the dot and the first letter of its line


def _layout_pages(data: bytes, cap: TextCap) -> list[str]:
    """Each page's lines, in pdfminer's reading order (columns stay apart), held to `cap` as
    they are read."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTCurve, LTTextBox, LTTextLine

    pages = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PDF_PAGES):
        dots = []
        boxes = []
        for item in page:
            if isinstance(item, LTTextBox):
                boxes.append(item)
            elif (
                isinstance(item, LTCurve)
                and getattr(item, "fill", False)
                and 1 <= item.width <= BULLET_DOT_MAX
                and 1 <= item.height <= BULLET_DOT_MAX
            ):
                dots.append(item)
        lines: list[str] = []
        every = [ln for box in boxes for ln in box if isinstance(ln, LTTextLine)]
        column = max((ln.x1 for ln in every), default=0) - min((ln.x0 for ln in every), default=0)
        for box in boxes:
            text_lines = [ln for ln in box if isinstance(ln, LTTextLine) and ln.get_text().strip()]
            right = max((ln.x1 for ln in text_lines), default=0)
            before = None  # the line before, when it filled the box to its right edge (it wraps)
            for line in text_lines:
                text = " ".join(line.get_text().split())
                dot = _has_dot(line, dots)
                if dot and text[:1] not in "\u2022-*\u25aa\u25cf":
                    text = "\u2022 " + text
                if (
                    before is not None
                    and not dot
                    and not _starts_item(text)
                    and abs(before.height - line.height) < 0.2 * line.height
                    and lines
                    and lines[-1]
                ):
                    lines[-1] += " " + text
                else:
                    lines.append(text)
                width = max(line.width / max(len(line.get_text().strip()), 1), 1.0)
                full = line.x1 >= right - WRAP_SLACK_CHARS * width and line.width >= column / 2
                before = line if len(text_lines) > 1 and full else None
            lines.append("")
        pages.append(cap.add("\n".join(lines).strip("\n")))
    return pages


WRAP_SLACK_CHARS = 12  # a line ending this many characters short of its box's edge did not wrap
_ITEM = regex.compile(
    r"^(?:[-*+\u2022\u25aa\u25e6\u25cf\u25a0\u2023\u25ba\u27a2\u2714o]|\d{1,2}[.)])\s"
)


def _starts_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def _has_dot(line, dots) -> bool:
    middle = (line.y0 + line.y1) / 2
    return any(
        0 <= line.x0 - d.x1 <= BULLET_GAP_MAX and d.y0 - 2 <= middle <= d.y1 + 2 for d in dots
    )


# Text that web pages double-encoded before they became PDFs (UTF-8 read as Windows-1252), and
# invisible characters: what a reader sees is a space or nothing.
_MOJIBAKE = {
    "\u00ef\u00bc\u200b": " ",  # a fullwidth separator, double-encoded, then a zero-width space
    "\u00e2\u20ac\u201c": "\u2013",
    "\u00e2\u20ac\u201d": "\u2014",
    "\u00e2\u20ac\u2122": "\u2019",
    "\u00e2\u20ac\u0153": "\u201c",
    "\u00e2\u20ac\u2039": "",  # a zero-width space, double-encoded
    "\u00e2\u20ac\u00a2": "\u2022",
    "\u00c2\u00a0": " ",
    "\u00c3\u00a9": "\u00e9",
}
_STRAY_A = regex.compile(r"\u00c2(?=\s|$)|(?<=\s)\u00c2")  # a non-breaking space's stray first byte
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def clean_text(text: str) -> str:
    """Undo the common double-encodings and drop invisible characters."""
    for bad, good in _MOJIBAKE.items():
        text = text.replace(bad, good)
    text = _STRAY_A.sub("", text).replace("\u00ef\u00bc", " ")
    return text.translate(_INVISIBLE)


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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_box_lines(element, paragraph_class, parent, style_names: dict[str, str]) -> list[str]:
    """The paragraphs inside the text boxes anchored in an element (skills and contact details
    often sit in text boxes). Word stores each box twice (a drawing and a VML fallback for old
    readers): the fallback copy is skipped."""
    out = []
    for box in element.iter(f"{_W}txbxContent"):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        for p in box.iter(f"{_W}p"):
            line = _paragraph_line(paragraph_class(p, parent), style_names)
            if line:
                out.append(line)
    return out


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

    def add(line: str) -> None:
        if line.strip() and line.strip() not in lines:
            lines.append(cap.add(line.strip()))

    for section in document.sections:  # page headers: contact details often live there
        for part in (section.header, section.first_page_header):
            for paragraph in part.paragraphs:
                add(paragraph.text)
            for line in _text_box_lines(part._element, Paragraph, part, style_names):
                add(line)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(cap.add(_paragraph_line(Paragraph(block, document), style_names)))
            lines.extend(map(cap.add, _text_box_lines(block, Paragraph, document, style_names)))
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text.strip() not in cells:
                        cells.append(cell.text.strip())
                lines.append(cap.add("   ".join(cells)))
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        boxes = _text_box_lines(paragraph._p, Paragraph, document, style_names)
                        lines.extend(map(cap.add, boxes))
    for section in document.sections:  # footers last, as on the page
        for paragraph in section.footer.paragraphs:
            add(paragraph.text)
    text = "\n".join(lines).strip()
    if not text:
        raise InputError(f"{name}: this .docx has no text")
    return text
