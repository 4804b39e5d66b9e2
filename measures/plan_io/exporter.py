"""The action plan as the official table in .xlsx or .docx, in Kyrgyz, Russian or English.

Rows come a chunk of measures at a time with a fixed number of queries per chunk; the workbook is
written in openpyxl's write-only mode straight to a temporary file, so a plan of thousands of
measures is never held in memory as a whole more than once (python-docx keeps its document tree in
memory: that is the one copy). What is written is exactly what ``importer`` reads back.
"""

from __future__ import annotations

import datetime
import tempfile
from collections import defaultdict, deque
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.models import FundingLine, FundingSource, Measure, MeasureExecutor
from measures.plan_io import layout
from measures.plan_io.importer import default_funding_year
from regionalprogram.formats import short_date
from regionalprogram.spreadsheets import neutralise

CHUNK = 500
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"xlsx": XLSX_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE}
SOURCE_ORDER = {value: index for index, (value, _label) in enumerate(FundingSource.choices)}
COLUMN_WIDTHS = (9, 48, 30, 16, 34, 34, 24, 18)


def export_queryset(queryset):
    """The measures with everything a row needs, in the plan's order."""
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
                queryset=FundingLine.objects.order_by("year", "source"),
                to_attr="export_funding",
            ),
        )
        .in_plan_order()
    )


def iter_measures(queryset, *, chunk: int = CHUNK) -> Iterator[Measure]:
    """Keyset-free chunks by offset over a fixed order: 3 queries per chunk, whatever the size."""
    offset = 0
    while True:
        measures = list(queryset[offset : offset + chunk])
        yield from measures
        if len(measures) < chunk:
            return
        offset += chunk


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


def funding_cells(measure: Measure, programme) -> tuple[str, str | Decimal]:
    """(sources, amounts): one line per source; a bare amount when it is the default year's."""
    by_source: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in measure.export_funding:
        by_source[line.source][line.year] += line.planned_amount
    if not by_source:
        return "", ""
    default_year = default_funding_year(programme, measure.deadline_start, measure.deadline_end)
    sources, amounts = [], []
    for source in sorted(by_source, key=lambda s: SOURCE_ORDER.get(s, 99)):
        years = by_source[source]
        sources.append(layout.source_label(source, translation.get_language()))
        if list(years) == [default_year]:
            amount = years[default_year]
            amounts.append("" if amount == 0 else layout.format_amount(amount))
        else:
            amounts.append(
                "; ".join(f"{year} – {layout.format_amount(years[year])}" for year in sorted(years))
            )
    if len(by_source) == 1:
        (years,) = by_source.values()
        if list(years) == [default_year] and years[default_year]:
            return sources[0], years[default_year]  # a real number cell
    return "\n".join(sources), "\n".join(amounts)


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


def plan_rows(programme, queryset, *, all_headings: bool = False) -> Iterator[tuple[str, list]]:
    """("direction"|"objective"|"measure", cells) in the order of the official table.

    Call inside translation.override(lang): texts follow the active language with its fallback.
    With all_headings (an unfiltered plan), directions and objectives without measures are
    written too, so that the file holds the whole structure.
    """
    pending = deque(_headings(programme) if all_headings else [])
    pending_keys = {(kind, obj.pk) for kind, obj in pending}
    done: set[tuple[str, int]] = set()

    def emit_until(kind: str, obj) -> Iterator[tuple[str, list]]:
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
                yield head_kind, _heading_cells(head)
                if head_key == key:
                    return
        done.add(key)
        yield kind, _heading_cells(obj)

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
                measure.deadline_text,
                executors_cell(measure),
                measure.expected_result,
                sources,
                amounts,
            ],
        )
    for head_kind, head in pending:
        if (head_kind, head.pk) not in done:
            yield head_kind, _heading_cells(head)


def title_lines(programme, exported_on: datetime.date) -> list[str]:
    return [
        programme.title,
        _("Action plan"),
        _("Exported from the portal on %(date)s") % {"date": short_date(exported_on)},
    ]


def headers() -> list[str]:
    return [str(label) for _key, label in layout.COLUMNS]


def _text(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def write_xlsx(programme, queryset, lang: str, output, *, all_headings: bool = False) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    with translation.override(lang):
        sheet = workbook.create_sheet(title=str(_("Action plan"))[:31])
        for index, width in enumerate(COLUMN_WIDTHS):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        wrap = Alignment(wrap_text=True, vertical="top")
        bold = Font(bold=True)

        def cell(value, *, strong=False, number=False):
            if isinstance(value, Decimal):
                item = WriteOnlyCell(sheet, value=value)
                item.number_format = "#,##0.0"
            else:
                # A text cell: never a formula (neutralise adds the apostrophe, data_type fixes it).
                item = WriteOnlyCell(sheet, value=neutralise(_text(value)))
                item.data_type = "s"
            item.alignment = wrap
            if strong:
                item.font = bold
            return item

        for line in title_lines(programme, timezone.localdate()):
            sheet.append([cell(line, strong=True)])
        sheet.append([])
        sheet.append([cell(text, strong=True) for text in headers()])
        sheet.append([cell(str(i)) for i in range(1, 9)])
        for kind, values in plan_rows(programme, queryset, all_headings=all_headings):
            strong = kind != "measure"
            sheet.append([cell(value, strong=strong) for value in values])
    workbook.save(output)


def write_docx(programme, queryset, lang: str, output, *, all_headings: bool = False) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    with translation.override(lang):
        title, subtitle, exported = title_lines(programme, timezone.localdate())
        document.add_heading(title, level=1)
        document.add_paragraph(subtitle).runs[0].bold = True
        document.add_paragraph(exported)
        table = document.add_table(rows=2, cols=8)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers(), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for index, cell in enumerate(table.rows[1].cells, start=1):
            cell.text = str(index)
        for kind, values in plan_rows(programme, queryset, all_headings=all_headings):
            cells = table.add_row().cells
            if kind == "measure":
                for cell, value in zip(cells, values, strict=True):
                    cell.text = _docx_text(value)
            else:
                cells[0].text = values[0]
                merged = cells[1].merge(cells[7])
                merged.text = values[1]
                for cell in (cells[0], merged):
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
    document.save(output)


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
