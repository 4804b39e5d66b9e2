"""The consolidated report of a reporting period as the official .docx, in Kyrgyz or Russian.

"Информация о ходе реализации Государственной программы … за I полугодие 2026 года" /
"… Мамлекеттик программасынын 2026-жылдын I жарым жылдыгындагы аткарылышынын жүрүшү жөнүндө
маалымат": the summary figures, the status of every measure by direction and objective, the
indicators against their targets, spending by source, the regional breakdown and the measures not
reported. The figures come from ``measures.reporting.consolidated``; every word is in the file's
language, and a text that exists only in another language is given in that language and marked.
Sample (demo) content is marked on the first page, in every page's header and on each sample
measure. The same data give the same bytes (``docx_common.save_reproducibly``).
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from measures.deadlines import measure_deadline
from measures.models import ExecutionAssessment
from measures.plan_io import layout
from measures.plan_io.docx_common import (
    add_page_number,
    repeat_header,
    save_reproducibly,
    use_font,
)
from measures.reporting import consolidated as C
from measures.reporting.periods import period_in_title
from regionalprogram.formats import short_date
from regionalprogram.languages import text_in_language
from regionalprogram.templatetags.portal import act_label

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_VALUE = "—"


def _in_language_mark(lang: str) -> str:
    """'[text in Kyrgyz]': the mark after a text given in another language than the file's."""
    marks = {
        "ky": _("[text in Kyrgyz]"),
        "ru": _("[text in Russian]"),
        "en": _("[text in English]"),
    }
    return marks.get(lang, f"[{lang}]")


def report_title(programme, period) -> str:
    """The official title in the active language."""
    lang = (translation.get_language() or "ky").split("-")[0]
    return pgettext(
        "title of the consolidated report on a reporting period",
        "Information on the progress of implementation of %(programme)s %(period)s",
    ) % {
        "programme": layout._programme_in_title(programme.title, lang, genitive=True),
        "period": period_in_title(period.cycle.kind, period.year, period.number),
    }


def filename(programme, period, lang: str) -> str:
    return f"report-{programme.code}-{period.cycle.kind}-{period.year}-{period.number}-{lang}.docx"


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return NO_VALUE
    return layout.indicator_value(Decimal(value))


def _percent(value: Decimal | None) -> str:
    if value is None:
        return NO_VALUE
    return formats.number_format(Decimal(value).quantize(Decimal(1)), use_l10n=True)


def _amount(value: Decimal) -> str:
    return layout.format_amount(value)


class Writer:
    def __init__(self, report: C.ConsolidatedReport, lang: str):
        from docx import Document
        from docx.shared import Cm

        self.report = report
        self.lang = lang
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        use_font(self.document, size=12)

    # -- pieces ------------------------------------------------------------------------------
    def text(self, obj, name: str) -> tuple[str, str | None]:
        """(the field's text in the file's language, or the mark of the language it is in)."""
        value, written_in = text_in_language(obj, name, self.lang)
        return value, (_in_language_mark(written_in) if value and written_in != self.lang else None)

    def runs(self, paragraph, obj, name: str, *, bold: bool = False, prefix: str = "") -> None:
        value, mark = self.text(obj, name)
        run = paragraph.add_run(prefix + value)
        run.bold = bold
        if mark:
            paragraph.add_run(" " + mark).italic = True

    def sample_mark(self, paragraph) -> None:
        paragraph.add_run(" (" + str(_("sample data")) + ")").italic = True

    def paragraph(self, text: str = "", *, bold=False, italic=False, center=False, size=None):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(6)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        return paragraph

    def heading(self, text: str) -> None:
        from docx.shared import Pt

        paragraph = self.paragraph(text, bold=True)
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.keep_with_next = True

    def table(self, headers: list[str], widths: list[float]):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.runs[0].bold = True
            paragraph.runs[0].font.size = Pt(10)
        repeat_header(table.rows[0])
        table._widths = [Cm(w) for w in widths]
        return table

    def row(self, table, values: list, *, bold=False, numeric_from: int | None = None):
        """A row of plain texts (a numeric column from ``numeric_from`` on is right-aligned)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            run.bold = bold
            run.font.size = Pt(10)
            if numeric_from is not None and index >= numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return cells

    def merged_row(self, table, number: str, obj, name: str) -> None:
        from docx.shared import Pt

        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(number).bold = True
        merged = cells[1].merge(cells[-1])
        self.runs(merged.paragraphs[0], obj, name, bold=True)
        for paragraph in (cells[0].paragraphs[0], merged.paragraphs[0]):
            for run in paragraph.runs:
                run.font.size = Pt(10)

    def finish_widths(self, table) -> None:
        for row in table.rows:
            for cell, width in zip(row.cells, table._widths, strict=False):
                cell.width = width

    # -- the document ------------------------------------------------------------------------
    def write(self, output) -> None:
        report = self.report
        with translation.override(self.lang):
            title = report_title(report.programme, report.period)
            self.front(title)
            self.summary()
            self.measures()
            self.indicators()
            self.spending()
            self.regions()
            self.missing()
            self.page_furniture()
            properties = self.document.core_properties
            properties.title = title
            properties.subject = report.period.label
            properties.language = self.lang
            lead = report.programme.lead_body
            properties.author = self.text(lead, "name")[0] if lead else ""
            properties.keywords = report.programme.code
            properties.comments = str(_("Built from the accepted progress reports."))
        save_reproducibly(self.document, output, moment=report.as_of or _period_moment(report))

    def front(self, title: str) -> None:
        report = self.report
        if report.sample:
            self.paragraph(
                _(
                    "SAMPLE DATA. This document is built from the portal's demonstration content: "
                    "the measures and reports marked “sample data” are invented and are not "
                    "official information."
                ),
                bold=True,
                italic=True,
            )
        self.paragraph(title, bold=True, center=True, size=14)
        if report.act is not None:
            self.paragraph(_("Approving act: %(act)s") % {"act": act_label(report.act)})
        period = report.period
        self.paragraph(
            _("Reporting period: %(start)s – %(end)s; progress reports were due by %(due)s.")
            % {
                "start": short_date(period.start),
                "end": short_date(period.end),
                "due": short_date(period.due_date),
            }
        )
        if report.as_of is not None:
            basis = _(
                "Built from the progress reports accepted by the ministry; the last of them was "
                "accepted on %(date)s. Reports in draft, submitted or returned for revision are "
                "not counted."
            ) % {"date": short_date(report.as_of)}
        else:
            basis = _("No progress report for the period has been accepted yet.")
        self.paragraph(basis)
        self.paragraph(
            _(
                "Amounts are in thousand KGS. A text that exists only in another language is "
                "given in that language and marked so, e.g. %(mark)s."
            )
            % {"mark": _in_language_mark("ky" if self.lang != "ky" else "ru")}
        )

    def summary(self) -> None:
        report = self.report
        counts = report.counts
        year = report.period.year
        self.heading(_("1. Summary"))
        table = self.table([_("Figure"), _("Value")], [13.0, 4.0])
        rows = [
            (_("Measures of the action plan"), len(report.rows)),
            *(("    " + str(C.CLASS_LABELS[k]), counts[k]) for k in C.CLASSES),
            (_("Progress reports of lead bodies accepted"), report.accepted_reports),
            (_("Contributions of co-executors accepted"), report.accepted_contributions),
            (_("Progress reports missing"), len(report.missing)),
            (
                _("Planned for %(year)s, thousand KGS") % {"year": year},
                _amount(report.planned_total),
            ),
            (
                _("Spent since 1 January %(year)s, thousand KGS") % {"year": year},
                _amount(report.spent_total),
            ),
        ]
        for label, value in rows:
            self.row(table, [label, value], numeric_from=1)
        self.finish_widths(table)

    def execution_label(self, row: C.MeasureRow) -> str:
        label = str(C.CLASS_LABELS[row.klass])
        if row.report is not None and row.report.execution == ExecutionAssessment.NOT_STARTED:
            return f"{label} ({ExecutionAssessment.NOT_STARTED.label})"
        if row.done_in is not None:
            return _("done in %(period)s") % {"period": row.done_in.label}
        return label

    def measures(self) -> None:
        self.heading(_("2. Status of the measures by direction and objective"))
        table = self.table(
            [
                _("No."),
                _("Measure"),
                _("Lead body"),
                _("Execution"),
                "%",
                _("What was done; reasons for delay"),
            ],
            [1.3, 4.5, 2.8, 2.2, 1.1, 5.1],
        )
        direction = objective = None
        for row in self.report.rows:
            measure = row.measure
            if measure.direction_id != direction:
                direction = measure.direction_id
                objective = None
                self.merged_row(table, f"{measure.direction.number}.", measure.direction, "title")
            if measure.objective_id and measure.objective_id != objective:
                objective = measure.objective_id
                self.merged_row(table, f"{measure.objective.number}.", measure.objective, "title")
            percent = str(row.report.percent_complete) if row.report is not None else NO_VALUE
            cells = self.row(
                table,
                [f"{measure.number}.", "", "", self.execution_label(row), percent, ""],
            )
            self.runs(cells[1].paragraphs[0], measure, "title")
            if row.sample:
                self.sample_mark(cells[1].paragraphs[0])
            self.runs(cells[2].paragraphs[0], measure.lead_body, "name")
            self.report_texts(cells[5], row)
            for cell in cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = _table_size()
        self.finish_widths(table)

    def report_texts(self, cell, row: C.MeasureRow) -> None:
        paragraph = cell.paragraphs[0]
        if row.report is None:
            if row.done_in is not None:
                paragraph.add_run(_("Completed; reported in an earlier period."))
            elif row.klass == C.NOT_DUE:
                paragraph.add_run(_("The deadline period has not begun."))
            else:
                paragraph.add_run(_("No accepted progress report."))
            return
        self.runs(paragraph, row.report, "text")
        if self.text(row.report, "delay_reason")[0]:
            self.runs(
                cell.add_paragraph(), row.report, "delay_reason", prefix=_("Reason for delay: ")
            )
        for contribution in row.contributions:
            body, _mark = self.text(contribution.reporting_body, "name")
            paragraph = cell.add_paragraph()
            self.runs(
                paragraph,
                contribution,
                "text",
                prefix=_("Co-executor %(body)s: ") % {"body": body},
            )
            if self.text(contribution, "delay_reason")[0]:
                self.runs(
                    cell.add_paragraph(),
                    contribution,
                    "delay_reason",
                    prefix=_("Reason for delay: "),
                )

    def indicators(self) -> None:
        year = self.report.period.year
        self.heading(
            _("3. Indicators: actual values against the targets for %(year)s") % {"year": year}
        )
        if not self.report.indicators:
            self.paragraph(_("The measures due in the period have no indicators."))
            return
        table = self.table(
            [
                _("No."),
                _("Indicator, unit of measure"),
                _("Baseline"),
                _("Target for %(year)s") % {"year": year},
                _("Actual"),
                _("% of the target"),
            ],
            [1.3, 7.2, 2.1, 2.1, 2.1, 2.2],
        )
        for item in self.report.indicators:
            indicator = item.indicator
            baseline = _number(indicator.baseline_value)
            if indicator.baseline_value is not None and indicator.baseline_year:
                baseline = f"{baseline} ({indicator.baseline_year})"
            cells = self.row(
                table,
                [
                    f"{item.measure.number}.",
                    "",
                    baseline,
                    _number(item.target),
                    _number(item.actual),
                    _percent(item.percent),
                ],
                numeric_from=2,
            )
            paragraph = cells[1].paragraphs[0]
            self.runs(paragraph, indicator, "name")
            unit, mark = self.text(indicator, "unit_of_measure")
            if unit:
                paragraph.add_run(", " + unit)
                if mark:
                    paragraph.add_run(" " + mark).italic = True
            for run in paragraph.runs:
                run.font.size = _table_size()
        self.finish_widths(table)

    def spending(self) -> None:
        report = self.report
        year = report.period.year
        self.heading(_("4. Spending by funding source, thousand KGS"))
        table = self.table(
            [
                _("Funding source"),
                _("Planned for %(year)s") % {"year": year},
                _("Spent since 1 January %(year)s") % {"year": year},
                "%",
            ],
            [7.0, 3.6, 4.2, 2.2],
        )
        for item in report.sources:
            self.row(
                table,
                [
                    layout.source_label(item.source, self.lang),
                    _amount(item.planned),
                    _amount(item.spent),
                    _percent(item.percent),
                ],
                numeric_from=1,
            )
        total = C.SourceRow("", report.planned_total, report.spent_total)
        self.row(
            table,
            [
                layout.total_label(),
                _amount(total.planned),
                _amount(total.spent),
                _percent(total.percent),
            ],
            bold=True,
            numeric_from=1,
        )
        self.finish_widths(table)

    def regions(self) -> None:
        year = self.report.period.year
        self.heading(_("5. Regional breakdown"))
        table = self.table(
            [
                _("Oblast, city"),
                _("Measures"),
                _("Allocated for %(year)s") % {"year": year},
                _("Not allocated, of measures reaching it, %(year)s") % {"year": year},
                *(str(C.CLASS_LABELS[k]) for k in C.CLASSES),
            ],
            [3.4, 1.6, 2.2, 2.6, 1.4, 1.4, 1.4, 1.6, 1.4],
        )
        for region in self.report.regions:
            cells = self.row(
                table,
                [
                    "",
                    region.measures,
                    _amount(region.allocated),
                    _amount(region.reaching),
                    *(region.classes[k] for k in C.CLASSES),
                ],
                numeric_from=1,
            )
            self.runs(cells[0].paragraphs[0], region.unit, "name")
            for run in cells[0].paragraphs[0].runs:
                run.font.size = _table_size()
        self.finish_widths(table)
        self.paragraph(
            _(
                "Allocated: the money of funding lines allocated to the unit or to units within "
                "it. Not allocated: the money of measures that reach the unit and is allocated to "
                "no unit; it is shown apart and never added to the allocated money, because the "
                "same som may reach several units. A measure that reaches several oblasts is "
                "counted in each of them."
            ),
            italic=True,
            size=10,
        )

    def missing(self) -> None:
        self.heading(_("6. Measures not reported for the period"))
        missing = self.report.missing
        if not missing:
            self.paragraph(_("Every measure due in the period has an accepted progress report."))
            return
        table = self.table(
            [_("No."), _("Measure"), _("Lead body"), _("Deadline")], [1.3, 8.2, 4.5, 3.0]
        )
        for row in missing:
            cells = self.row(
                table, [f"{row.measure.number}.", "", "", measure_deadline(row.measure)]
            )
            self.runs(cells[1].paragraphs[0], row.measure, "title")
            if row.sample:
                self.sample_mark(cells[1].paragraphs[0])
            self.runs(cells[2].paragraphs[0], row.measure.lead_body, "name")
            for cell in cells[1:3]:
                for run in cell.paragraphs[0].runs:
                    run.font.size = _table_size()
        self.finish_widths(table)

    def page_furniture(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        section = self.document.sections[0]
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_number(footer)
        if self.report.sample:
            header = section.header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = header.add_run(_("Sample data — not official information"))
            run.italic = True
            run.font.size = Pt(9)


def _table_size():
    from docx.shared import Pt

    return Pt(10)


def _period_moment(report: C.ConsolidatedReport):
    """A report with no accepted report at all carries its period's due date."""
    import datetime

    return datetime.datetime.combine(report.period.due_date, datetime.time())


def write_report(report: C.ConsolidatedReport, lang: str, output) -> None:
    """Write the report in ``lang`` (ky or ru) to a binary file object."""
    Writer(report, lang).write(output)


def report_bytes(period, lang: str) -> bytes:
    """The consolidated report on ``period`` in ``lang`` as bytes, built from today's data."""
    output = io.BytesIO()
    write_report(C.consolidated_report(period), lang, output)
    return output.getvalue()
