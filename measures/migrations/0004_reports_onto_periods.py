"""Existing programmes get their reporting cycle and periods; existing reports move onto them.

A programme adopted or in implementation gets one cycle from its own reporting settings
(`reporting_period`, `report_due_day`, `report_due_months_after`; by default half-yearly, due the
15th of the month after the period, as Cabinet Resolution No. 80 has it). A programme with reports
of another kind gets a cycle of that kind too. Texts move to the Kyrgyz column (the default
language). `FundingLine.actual_amount` is cleared: from now on it is only the sum of spending in
accepted reports, and no report carries spending by source yet (the old single `money_spent`
figure has no source, so it cannot be carried over; no production data exists). Annual measures
whose deadline names a day ("ежегодно, до 1 февраля") keep that day in `deadline_end`.
"""

from django.db import migrations

from measures.deadlines import DeadlineParseError, parse_deadline
from measures.reporting.periods import due_date, period_span, period_spans

REPORTING_STATUSES = ("adopted", "in_implementation")


def _cycle(ReportingCycle, ReportingPeriod, programme, kind):
    cycle, _created = ReportingCycle.objects.get_or_create(
        programme=programme,
        kind=kind,
        defaults={
            "due_day": programme.report_due_day,
            "due_months_after": min(max(programme.report_due_months_after, 1), 12),
        },
    )
    for span in period_spans(kind, programme.period_start_year, programme.period_end_year):
        ReportingPeriod.objects.get_or_create(
            cycle=cycle,
            year=span.year,
            number=span.number,
            defaults={
                "start": span.start,
                "end": span.end,
                "due_date": due_date(span.end, cycle.due_day, cycle.due_months_after),
            },
        )
    return cycle


def forwards(apps, schema_editor):
    Programme = apps.get_model("programs", "Programme")
    ReportingCycle = apps.get_model("measures", "ReportingCycle")
    ReportingPeriod = apps.get_model("measures", "ReportingPeriod")
    ProgressReport = apps.get_model("measures", "ProgressReport")
    IndicatorActual = apps.get_model("measures", "IndicatorActual")
    FundingLine = apps.get_model("measures", "FundingLine")

    for programme in Programme.objects.filter(status__in=REPORTING_STATUSES):
        _cycle(ReportingCycle, ReportingPeriod, programme, programme.reporting_period)

    for report in ProgressReport.objects.select_related("measure__programme"):
        programme = report.measure.programme
        cycle = _cycle(ReportingCycle, ReportingPeriod, programme, report.period_kind)
        span = period_span(report.period_kind, report.period_year, report.period_number)
        report.period, _created = ReportingPeriod.objects.get_or_create(
            cycle=cycle,
            year=span.year,
            number=span.number,
            defaults={
                "start": span.start,
                "end": span.end,
                "due_date": due_date(span.end, cycle.due_day, cycle.due_months_after),
            },
        )
        report.text_ky = report.text_ky or report.text
        report.delay_reason_ky = report.delay_reason_ky or report.delay_reason
        report.save(update_fields=["period", "text_ky", "delay_reason_ky"])
        IndicatorActual.objects.filter(report=report).update(year=report.period_year)

    FundingLine.objects.update(actual_amount=None)

    # "ежегодно, до 1 февраля" now keeps its day as the day and month of deadline_end.
    Measure = apps.get_model("measures", "Measure")
    for measure in Measure.objects.filter(deadline_kind="annual", deadline_end__isnull=False):
        try:
            parsed = parse_deadline(
                measure.deadline_text,
                period_start_year=measure.deadline_end.year,
                period_end_year=measure.deadline_end.year,
            )
        except DeadlineParseError:
            continue
        if parsed.end != measure.deadline_end:
            Measure.objects.filter(pk=measure.pk).update(deadline_end=parsed.end)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0003_reporting_cycles_and_report_workflow"),
        ("programs", "0002_history_of_programmes_directions_objectives"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
