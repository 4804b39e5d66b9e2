"""The action plan as the annex a ministry files, in .xlsx or .docx, in Kyrgyz, Russian or English.

Above the table: the annex line ("Приложение к постановлению Кабинета Министров Кыргызской
Республики от 18 марта 2025 года № 135", when the programme has its approving act) and the
official title ("План мероприятий по реализации Государственной программы …"). Then the eight
official columns, the deadline written in the file's language, the indicators in column 6, and a
total row ("Итого") with one row per funding source under it. The header rows repeat on every
printed page. The workbook has a second sheet, "Funding": one row per measure × source × year with
numeric cells, which a spreadsheet can sum or pivot; column 8 of the official sheet stays as the
official text writes it ("2025 – 1 000,0; 2026 – 1 500,0"). After the official columns the workbook
has a ninth, the allocation of funding lines to target units (``layout.ALLOCATION_COLUMN``); the
.docx annex keeps the eight official columns.

Rows come a chunk of measures at a time from one server-side cursor, with a fixed number of queries
per chunk; the workbook is written in openpyxl's write-only mode and the document's table row by row
into its zip, both straight to a temporary file, so no export holds the plan in memory. What is written is exactly what ``importer`` reads back.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.deadlines import measure_deadline
from measures.models import (
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
)
from measures.plan_io import layout
from measures.plan_io.docx_common import FONT, repeat_header, use_font
from measures.plan_io.importer import default_funding_year
from regionalprogram.formats import short_date
from regionalprogram.spreadsheets import neutralise

CHUNK = 500
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"xlsx": XLSX_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE}
SOURCE_ORDER = {value: index for index, (value, _label) in enumerate(FundingSource.choices)}
COLUMN_WIDTHS = (9, 48, 30, 16, 34, 40, 24, 18, 40)
FUNDING_COLUMN_WIDTHS = (9, 60, 30, 8, 16)
AMOUNT_FORMAT = "#,##0.0"
NO_AMOUNT = "—"


def export_queryset(queryset):
    """The measures with everything a row needs, in the plan's order (5 queries per chunk)."""
    return (
        queryset.select_related("direction", "objective", "lead_body")
        .prefetch_related(
            Prefetch(
                "executors",
                queryset=MeasureExecutor.objects.select_related("body").order_by("position", "id"),
                to_attr="export_executors",
            ),
            Prefetch(
                "funding_lines",
                queryset=FundingLine.objects.order_by("year", "source").prefetch_related(
                    "allocations__unit"
                ),
                to_attr="export_funding",
            ),
            Prefetch(
                "indicators",
                queryset=MeasureIndicator.objects.order_by("position", "id").prefetch_related(
                    Prefetch(
                        "targets",
                        # The whole measure's targets; targets per unit stay on the measure page.
                        queryset=IndicatorTarget.objects.filter(unit__isnull=True).order_by("year"),
                        to_attr="export_targets",
                    )
                ),
                to_attr="export_indicators",
            ),
        )
        .in_plan_order()
    )


def iter_measures(queryset, *, chunk: int | None = None) -> Iterator[Measure]:
    """The measures through one server-side cursor: the plan is sorted once, not once per chunk
    (an OFFSET re-sorts everything before it), and each chunk of rows costs the same fixed number
    of prefetch queries."""
    return queryset.iterator(chunk_size=chunk or CHUNK)


def executors_cell(measure: Measure) -> str:
    lines = []
    lead = measure.lead_body
    lines.append(
        lead.name + (" " + layout.coordination_mark_active() if lead.works_in_coordination else "")
    )
    for executor in measure.export_executors:
        mark = " " + layout.coordination_mark_active() if executor.in_coordination else ""
        lines.append(executor.body.name + mark)
    return "\n".join(lines)


def result_cell(measure: Measure) -> str:
    """Column 6: the expected result, then one line per indicator with its baseline and targets."""
    lines = [measure.expected_result] if measure.expected_result else []
    for indicator in measure.export_indicators:
        lines.append(
            layout.indicator_line(
                indicator.name,
                indicator.unit_of_measure,
                indicator.baseline_value,
                indicator.baseline_year,
                [(target.year, target.target_value) for target in indicator.export_targets],
            )
        )
    return "\n".join(lines)


def funding_by_source(measure: Measure) -> dict[str, dict[int, Decimal]]:
    """{source: {year: planned amount}}, donors of the same source and year summed."""
    by_source: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in measure.export_funding:
        by_source[line.source][line.year] += line.planned_amount
    return {
        source: dict(by_source[source])
        for source in sorted(by_source, key=lambda s: SOURCE_ORDER.get(s, 99))
    }


def funding_cells(measure: Measure, programme) -> tuple[str, str | Decimal]:
    """(sources, amounts): one line per source; a bare amount when it is the default year's, a
    number cell when it is the only one; a source with no money of its own reads "в пределах
    утверждённого бюджета" (the within-budget source) or a dash."""
    by_source = funding_by_source(measure)
    if not by_source:
        return "", ""
    default_year = default_funding_year(programme, measure.deadline_start, measure.deadline_end)
    sources, amounts = [], []
    for source, years in by_source.items():
        sources.append(layout.source_label(source, translation.get_language()))
        if not any(years.values()):
            within = source == FundingSource.WITHIN_BUDGET
            amounts.append(layout.within_budget_words() if within else NO_AMOUNT)
        elif list(years) == [default_year]:
            amounts.append(layout.format_amount(years[default_year]))
        else:
            amounts.append(
                "; ".join(f"{year} – {layout.format_amount(years[year])}" for year in sorted(years))
            )
    if len(by_source) == 1:
        (years,) = by_source.values()
        if list(years) == [default_year] and years[default_year]:
            return sources[0], years[default_year]  # a real number cell
    return "\n".join(sources), "\n".join(amounts)


def allocation_cell(measure: Measure, lang: str) -> str:
    """The workbook's column after the official ones: one line per allocated funding line
    (donors of the same source and year summed), in the order of column 8."""
    by_key: dict[tuple[str, int], dict] = defaultdict(lambda: defaultdict(Decimal))
    units = {}
    for line in measure.export_funding:
        for allocation in line.allocations.all():
            by_key[(line.source, line.year)][allocation.unit_id] += allocation.amount
            units[allocation.unit_id] = allocation.unit
    lines = []
    for source, year in sorted(by_key, key=lambda k: (SOURCE_ORDER.get(k[0], 99), k[1])):
        pairs = [(units[unit_id], amount) for unit_id, amount in by_key[(source, year)].items()]
        lines.append(layout.allocation_line(source, year, pairs, lang))
    return "\n".join(lines)


@dataclass
class Totals:
    """The planned money of the exported measures, summed as the rows go by."""

    by_source: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    includes_sample: bool = False  # a sample measure's money is in the sums

    def add(self, funding: dict[str, dict[int, Decimal]], *, sample: bool = False) -> None:
        self.includes_sample = self.includes_sample or (sample and bool(funding))
        for source, years in funding.items():
            self.by_source[source] += sum(years.values(), Decimal("0.0"))

    @property
    def total(self) -> Decimal:
        return sum(self.by_source.values(), Decimal("0.0"))

    def rows(self) -> list[tuple[str, str, Decimal]]:
        """(label in column 2, source in column 7, amount): the total row, then one per source
        that has money."""
        rows = [(layout.total_label(), "", self.total)]
        for source in sorted(self.by_source, key=lambda s: SOURCE_ORDER.get(s, 99)):
            if self.by_source[source]:
                rows.append(
                    (
                        layout.including_label(),
                        layout.source_label(source, translation.get_language()),
                        self.by_source[source],
                    )
                )
        return rows


def _headings(programme) -> list[tuple[str, object]]:
    """Every active direction and objective of the programme, in the plan's order (2 queries)."""
    from programs.models import Direction, Objective

    objectives = defaultdict(list)
    for objective in (
        Objective.objects.active().filter(direction__programme=programme).in_plan_order()
    ):
        objectives[objective.direction_id].append(objective)
    headings: list[tuple[str, object]] = []
    for direction in Direction.objects.active().filter(programme=programme).in_plan_order():
        headings.append(("direction", direction))
        headings.extend(("objective", objective) for objective in objectives[direction.pk])
    return headings


def _heading_cells(obj) -> list:
    return [f"{obj.number}.", obj.title]


def plan_rows(
    programme, queryset, *, all_headings: bool = False
) -> Iterator[tuple[str, list, object]]:
    """("direction"|"objective"|"measure", cells, the direction, objective or measure) in the
    order of the official table.

    Call inside translation.override(lang): texts follow the active language with its fallback.
    With all_headings (an unfiltered plan), directions and objectives without measures are
    written too, so that the file holds the whole structure.
    """
    pending = deque(_headings(programme) if all_headings else [])
    pending_keys = {(kind, obj.pk) for kind, obj in pending}
    done: set[tuple[str, int]] = set()

    def emit_until(kind: str, obj) -> Iterator[tuple[str, list, None]]:
        key = (kind, obj.pk)
        if key in done:
            return
        if key in pending_keys:
            # Headings before this one (those without measures) come first, in their order.
            while pending:
                head_kind, head = pending.popleft()
                head_key = (head_kind, head.pk)
                if head_key in done:
                    continue
                done.add(head_key)
                yield head_kind, _heading_cells(head), head
                if head_key == key:
                    return
        done.add(key)
        yield kind, _heading_cells(obj), obj

    for measure in iter_measures(export_queryset(queryset)):
        yield from emit_until("direction", measure.direction)
        if measure.objective is not None:
            yield from emit_until("objective", measure.objective)
        sources, amounts = funding_cells(measure, programme)
        yield (
            "measure",
            [
                f"{measure.number}.",
                measure.title,
                measure.implementation_mechanism,
                measure_deadline(measure),
                executors_cell(measure),
                result_cell(measure),
                sources,
                amounts,
            ],
            measure,
        )
    for head_kind, head in pending:
        if (head_kind, head.pk) not in done:
            yield head_kind, _heading_cells(head), head


@dataclass
class Heading:
    """What stands above the table, in the active language."""

    annex: str
    title: str
    exported: str  # the footer


def has_sample_rows(programme, queryset) -> bool:
    """Whether the file will hold invented rows, and so the "sample data" column (one query)."""
    from programs.models import Direction, Objective, Programme

    invented = (
        Exists(queryset.filter(sample=True).order_by())
        | Exists(Direction.objects.filter(programme=programme, sample=True))
        | Exists(Objective.objects.filter(direction__programme=programme, sample=True))
    )
    return Programme.objects.filter(pk=programme.pk).filter(invented).exists()


def sample_cell(obj) -> str:
    return str(layout.SAMPLE_LABEL) if getattr(obj, "sample", False) else ""


def heading(programme, exported_on: datetime.date) -> Heading:
    return Heading(
        annex=layout.annex_line(layout.approving_act(programme)),
        title=layout.plan_title(programme),
        exported=_("Exported from the portal on %(date)s") % {"date": short_date(exported_on)},
    )


def headers(sample: bool = False) -> list[str]:
    labels = [str(label) for _key, label in layout.COLUMNS]
    return [*labels, str(layout.SAMPLE_LABEL)] if sample else labels


def funding_headers(sample: bool = False) -> list[str]:
    labels = [
        str(layout.COLUMN_LABELS["number"]),
        _("Measure"),
        str(layout.COLUMN_LABELS["source"]),
        _("Year"),
        str(layout.COLUMN_LABELS["amount"]),
    ]
    return [*labels, str(layout.SAMPLE_LABEL)] if sample else labels


def _text(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def write_xlsx(programme, queryset, lang: str, output, *, all_headings: bool = False) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook(write_only=True)
    sample = has_sample_rows(programme, queryset)
    with translation.override(lang):
        head = heading(programme, timezone.localdate())
        sheet = workbook.create_sheet(title=str(_("Action plan"))[:31])
        funding = workbook.create_sheet(title=_("Funding")[:31])
        wrap = Alignment(wrap_text=True, vertical="top")
        font = Font(name=FONT, size=10)
        bold = Font(name=FONT, size=10, bold=True)
        title_font = Font(name=FONT, size=12, bold=True)

        def cell(target, value, *, strong=False, align=wrap, font_=None):
            if isinstance(value, Decimal | int):
                item = WriteOnlyCell(target, value=value)
                if isinstance(value, Decimal):
                    item.number_format = AMOUNT_FORMAT
            else:
                # A text cell: never a formula (neutralise adds the apostrophe, data_type fixes it).
                item = WriteOnlyCell(target, value=neutralise(_text(value)))
                item.data_type = "s"
            item.alignment = align
            item.font = font_ or (bold if strong else font)
            return item

        # Everything about the sheet's layout is set before its first row: write-only mode writes
        # the sheet's head (views, properties) when the first row comes.
        above: list[list] = []
        if head.annex:
            # The annex line stands at the top right, over the last three columns.
            above.append([None] * 5 + [cell(sheet, head.annex, align=Alignment(wrap_text=True))])
            sheet.merged_cells.add("F1:H1")
            sheet.row_dimensions[1].height = 45
            above.append([])
        above.append(
            [cell(sheet, head.title, align=Alignment(wrap_text=True, horizontal="center"))]
        )
        above[-1][0].font = title_font
        title_row = len(above)
        sheet.merged_cells.add(f"A{title_row}:H{title_row}")
        sheet.row_dimensions[title_row].height = 36
        if sample:
            above.append([cell(sheet, layout.sample_note(), strong=True, align=Alignment())])
        above.append([])
        header_row = len(above) + 1
        sheet.freeze_panes = f"A{header_row + 2}"
        sheet.print_title_rows = f"{header_row}:{header_row + 1}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = 9  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        # Where the copy comes from, and the page number, in the footer of every printed page:
        # not in the annex itself.
        sheet.oddFooter.left.text = head.exported
        sheet.oddFooter.right.text = "&P"
        for index, width in enumerate(COLUMN_WIDTHS + ((18,) if sample else ()), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

        funding.freeze_panes = "A2"
        funding.print_title_rows = "1:1"
        for index, width in enumerate(FUNDING_COLUMN_WIDTHS, start=1):
            funding.column_dimensions[get_column_letter(index)].width = width
        funding.append([cell(funding, text, strong=True) for text in funding_headers(sample)])

        for row in above:
            sheet.append(row)
        # The eight official columns, the allocation, and (in a plan with demo rows) the sample mark.
        titles = [*headers(), str(layout.ALLOCATION_COLUMN[1])]
        titles += [str(layout.SAMPLE_LABEL)] if sample else []
        sheet.append([cell(sheet, text, strong=True) for text in titles])
        sheet.append([cell(sheet, str(i)) for i in range(1, len(titles) + 1)])
        totals = Totals()
        for kind, values, obj in plan_rows(programme, queryset, all_headings=all_headings):
            strong = kind != "measure"
            if kind == "measure":
                values = [*values, allocation_cell(obj, lang)]
            row = [cell(sheet, value, strong=strong) for value in values]
            mark = sample_cell(obj) if sample else ""
            if mark:  # a heading has two cells: the mark goes to the last column all the same
                row += [None] * (9 - len(row)) + [cell(sheet, mark)]
            sheet.append(row)
            if kind != "measure":
                continue
            measure = obj
            by_source = funding_by_source(measure)
            totals.add(by_source, sample=measure.sample)
            for source, years in by_source.items():
                label = layout.source_label(source, lang)
                for year in sorted(years):
                    funding.append(
                        [
                            cell(funding, f"{measure.number}."),
                            cell(funding, measure.title),
                            cell(funding, label),
                            cell(funding, year),
                            cell(funding, years[year]),
                            *([cell(funding, mark)] if mark else []),
                        ]
                    )
        summed_sample = (
            [None, cell(sheet, str(layout.SAMPLE_LABEL))] if totals.includes_sample else []
        )
        for label, source, amount in totals.rows():
            row = [None, cell(sheet, label, strong=True)] + [None] * 4
            sheet.append(
                [*row, cell(sheet, source), cell(sheet, amount, strong=True), *summed_sample]
            )
    workbook.save(output)


def write_docx(programme, queryset, lang: str, output, *, all_headings: bool = False) -> None:
    """The annex as a .docx, its table written row by row into the zip.

    python-docx builds the document around the table (styles, annex line, title, the two header
    rows, footer) with no data rows; each data row is then built by python-docx in that table,
    serialised and removed, so the tree never holds more than three rows (python-docx's row and
    cell lookups walk the whole table: building it whole took 1,426 s and 1.9 GB at 100k)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    use_font(document)
    sample = has_sample_rows(programme, queryset)
    columns = 9 if sample else 8
    with translation.override(lang):
        head = heading(programme, timezone.localdate())
        if head.annex:
            annex = document.add_paragraph(head.annex)
            annex.paragraph_format.left_indent = Cm(18)  # the annex block at the top right
            annex.paragraph_format.space_after = Pt(12)
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(head.title)
        run.bold = True
        run.font.size = Pt(12)
        if sample:
            note = document.add_paragraph()
            note.paragraph_format.space_after = Pt(6)
            note.add_run(layout.sample_note()).bold = True
        table = document.add_table(rows=2, cols=columns)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers(sample), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for index, cell in enumerate(table.rows[1].cells[:8], start=1):
            cell.text = str(index)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in table.rows:
            repeat_header(row)
        # Where the copy comes from, in the footer of every page: not in the annex itself.
        section.footer.paragraphs[0].text = head.exported

        def rows() -> Iterator[str]:
            totals = Totals()
            for kind, values, obj in plan_rows(programme, queryset, all_headings=all_headings):
                row = table.add_row()
                cells = row.cells
                if sample:
                    cells[8].text = sample_cell(obj)
                if kind == "measure":
                    for cell, value in zip(cells[:8], values, strict=True):
                        cell.text = _docx_text(value)
                    totals.add(funding_by_source(obj), sample=obj.sample)
                else:
                    cells[0].text = values[0]
                    merged = cells[1].merge(cells[7])
                    merged.text = values[1]
                    for cell in (cells[0], merged):
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                yield _detach(row)
            for label, source, amount in totals.rows():
                row = table.add_row()
                cells = row.cells
                cells[1].text = label
                cells[6].text = source
                cells[7].text = layout.format_amount(amount)
                if totals.includes_sample:
                    cells[8].text = str(layout.SAMPLE_LABEL)
                for cell in (cells[1], cells[7]):
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                yield _detach(row)

        _save_with_rows(document, rows(), output)


_XMLNS_RE = re.compile(r' xmlns:\w+="[^"]*"')


def _detach(row) -> str:
    """The row's XML as it stands in document.xml (its namespaces are declared on the root), and
    the row out of the table."""
    from lxml import etree

    tr = row._tr
    text = etree.tostring(tr, encoding="unicode")
    tr.getparent().remove(tr)
    start = text.index(">")
    return _XMLNS_RE.sub("", text[:start]) + text[start:]


def _save_with_rows(document, rows: Iterator[str], output) -> None:
    """Save the document as python-docx does, with ``rows`` written at the end of its one table:
    the parts in python-docx's order, document.xml streamed into the zip."""
    import io
    import zipfile

    template = io.BytesIO()
    document.save(template)
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item.filename))
                continue
            xml = source.read(item.filename)
            end = xml.rindex(b"</w:tbl>")
            with target.open(item, "w") as stream:
                stream.write(xml[:end])
                for row in rows:
                    stream.write(row.encode())
                stream.write(xml[end:])


def _docx_text(value) -> str:
    if isinstance(value, Decimal):
        return layout.format_amount(value)
    return _text(value)


def export_file(programme, queryset, *, fmt: str, lang: str, all_headings: bool = True):
    """A temporary file (rewound) holding the export; the caller closes it."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller / FileResponse
    writer = write_xlsx if fmt == "xlsx" else write_docx
    writer(programme, queryset, lang, output, all_headings=all_headings)
    output.seek(0)
    return output


def filename(programme, fmt: str, lang: str) -> str:
    return f"action-plan-{programme.code}-{lang}-{timezone.localdate():%Y%m%d}.{fmt}"
