"""What every .docx the portal writes shares: Times New Roman for every script, table header rows
that repeat on each printed page, a page-number field, and a save that gives the same bytes for the
same content (fixed core-property dates and zip timestamps)."""

from __future__ import annotations

import datetime
import io
import zipfile

FONT = "Times New Roman"
# The earliest moment a zip entry can carry; used when a document has no date of its own.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def repeat_header(row) -> None:
    """Mark a table row as a header row, repeated at the top of every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def use_font(document, size: float = 10) -> None:
    """Times New Roman everywhere, Cyrillic included (w:rFonts for every script)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)


def add_page_number(paragraph) -> None:
    """A PAGE field: the number of the printed page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def save_reproducibly(document, output, *, moment: datetime.datetime | None) -> None:
    """Save so that the same content gives the same bytes: the core properties' dates are
    ``moment`` (a date of the data, never the clock) and every zip entry carries that moment too.
    """
    naive = (moment or datetime.datetime(*ZIP_EPOCH)).replace(tzinfo=None, microsecond=0)
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = naive
    properties.revision = 1
    properties.last_modified_by = properties.author
    buffer = io.BytesIO()
    document.save(buffer)
    stamp = max(naive.timetuple()[:6], ZIP_EPOCH)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
