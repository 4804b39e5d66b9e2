"""The consolidated report of one reporting period: what the ministry tells the Cabinet of
Ministers about the programme ("Информация о ходе реализации Государственной программы … за
I полугодие 2026 года"). This module gathers its figures; ``measures.plan_io.consolidated_docx``
writes them as the official .docx in Kyrgyz or Russian.

Only **accepted** reports count: a draft, a submitted or a returned report says nothing here. Each
active measure of the programme falls in one class for the period:

- **done** — the lead body's accepted report of the period says *done*, or (a measure with a
  dated deadline) an accepted *done* report of an earlier period closed it;
- **partly done** — the accepted report says *partly done*;
- **not done** — it says *not done* or *not started* (the row keeps which);
- **not due yet** — no accepted report, and its deadline period begins after the period's end;
- **not reported** — it owed a report and the lead body has no accepted report for the period.

Co-executors' accepted reports are contributions shown with the lead body's; money spent counts
every accepted report of the period (each body reports its own spending since 1 January).

Nothing here reads the clock: the same data give the same report, whenever it is built. Every
figure comes from a fixed number of queries whatever the size of the plan.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch, Sum
from django.utils.translation import pgettext_lazy

from measures.models import (
    DeadlineKind,
    ExecutionAssessment,
    FundingLine,
    FundingSource,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureIndicator,
    ProgressReport,
    ReportingPeriod,
    ReportSpending,
    ReportStatus,
)
from measures.reporting.territory import with_money
from regions.models import AdministrativeUnit

ZERO = Decimal("0.0")
RECURRING = (DeadlineKind.ANNUAL, DeadlineKind.CONTINUOUS)

DONE = "done"
PARTLY_DONE = "partly_done"
NOT_DONE = "not_done"
NOT_REPORTED = "not_reported"
NOT_DUE = "not_due"
CLASSES = (DONE, PARTLY_DONE, NOT_DONE, NOT_REPORTED, NOT_DUE)
CLASS_LABELS = {
    DONE: pgettext_lazy("a measure in the consolidated report", "done"),
    PARTLY_DONE: pgettext_lazy("a measure in the consolidated report", "partly done"),
    NOT_DONE: pgettext_lazy("a measure in the consolidated report", "not done"),
    NOT_REPORTED: pgettext_lazy("a measure in the consolidated report", "not reported"),
    NOT_DUE: pgettext_lazy("a measure in the consolidated report", "not due yet"),
}
EXECUTION_CLASS = {
    ExecutionAssessment.DONE: DONE,
    ExecutionAssessment.PARTLY_DONE: PARTLY_DONE,
    ExecutionAssessment.NOT_DONE: NOT_DONE,
    ExecutionAssessment.NOT_STARTED: NOT_DONE,
}
SOURCE_ORDER = {value: index for index, (value, _label) in enumerate(FundingSource.choices)}


@dataclass
class MeasureRow:
    measure: Measure
    klass: str
    report: ProgressReport | None = None  # the lead body's accepted report of the period
    contributions: list[ProgressReport] = field(default_factory=list)  # co-executors' accepted
    done_in: ReportingPeriod | None = None  # closed by a done report of an earlier period

    @property
    def sample(self) -> bool:
        return self.measure.sample or any(
            r.sample for r in [self.report, *self.contributions] if r is not None
        )


@dataclass
class IndicatorRow:
    measure: Measure
    indicator: MeasureIndicator
    target: Decimal | None
    actual: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """How far the actual is of the year's target: actual ÷ target, or target ÷ actual where
        the target is below the baseline (lower is better); None where it cannot be said."""
        if self.target is None or self.actual is None:
            return None
        baseline = self.indicator.baseline_value
        if baseline is not None and self.target < baseline:
            return self.target / self.actual * 100 if self.actual else None
        return self.actual / self.target * 100 if self.target else None


@dataclass
class SourceRow:
    source: str
    planned: Decimal
    spent: Decimal

    @property
    def percent(self) -> Decimal | None:
        return self.spent / self.planned * 100 if self.planned else None


@dataclass
class RegionRow:
    unit: AdministrativeUnit
    measures: int
    allocated: Decimal
    reaching: Decimal
    classes: dict[str, int]


@dataclass
class ConsolidatedReport:
    programme: object
    period: ReportingPeriod
    act: object | None  # the act that approved the programme
    rows: list[MeasureRow]  # every active measure, in the plan's order
    indicators: list[IndicatorRow]
    sources: list[SourceRow]
    regions: list[RegionRow]
    as_of: datetime.datetime | None  # the last acceptance of a report it counts

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CLASSES, 0)
        for row in self.rows:
            counts[row.klass] += 1
        return counts

    @property
    def accepted_reports(self) -> int:
        return sum(1 for row in self.rows if row.report is not None)

    @property
    def accepted_contributions(self) -> int:
        return sum(len(row.contributions) for row in self.rows)

    @property
    def missing(self) -> list[MeasureRow]:
        return [row for row in self.rows if row.klass == NOT_REPORTED]

    @property
    def sample(self) -> bool:
        return any(row.sample for row in self.rows) or any(
            getattr(row.measure.direction, "sample", False) for row in self.rows
        )

    @property
    def planned_total(self) -> Decimal:
        return sum((row.planned for row in self.sources), ZERO)

    @property
    def spent_total(self) -> Decimal:
        return sum((row.spent for row in self.sources), ZERO)


def _classify(measure: Measure, report, done_before, period: ReportingPeriod) -> str:
    if report is not None and report.execution in EXECUTION_CLASS:
        return EXECUTION_CLASS[report.execution]
    if report is not None:
        return PARTLY_DONE if report.percent_complete else NOT_DONE
    if done_before is not None:
        return DONE
    if measure.deadline_start is not None and measure.deadline_start > period.end:
        return NOT_DUE
    return NOT_REPORTED


def consolidated_report(period: ReportingPeriod) -> ConsolidatedReport:
    """Everything the report on ``period`` says, from the accepted reports (11 queries)."""
    from measures.plan_io.layout import approving_act

    period = ReportingPeriod.objects.select_related("cycle__programme__lead_body").get(pk=period.pk)
    programme = period.cycle.programme
    year = period.year
    active = Measure.objects.active().filter(programme=programme)
    measures = list(
        active.select_related("direction", "objective", "lead_body")
        .prefetch_related(
            Prefetch(
                "target_units",
                queryset=AdministrativeUnit.objects.only("pk", "tree_path"),
                to_attr="report_units",
            )
        )
        .in_plan_order()
    )
    accepted = (
        ProgressReport.objects.filter(
            period=period, status=ReportStatus.ACCEPTED, measure__in=active
        )
        .select_related("reporting_body")
        .order_by("measure_id", "reporting_body__name", "pk")
    )
    lead_report, contributions = {}, defaultdict(list)
    as_of = None
    by_id = {m.pk: m for m in measures}
    for report in accepted:
        measure = by_id[report.measure_id]
        if report.reporting_body_id == measure.lead_body_id:
            lead_report[measure.pk] = report
        else:
            contributions[measure.pk].append(report)
        if report.reviewed_at and (as_of is None or report.reviewed_at > as_of):
            as_of = report.reviewed_at
    done_before = {}
    for report in (
        ProgressReport.objects.filter(
            measure__in=active.exclude(deadline_kind__in=RECURRING),
            reporting_body=F("measure__lead_body"),
            status=ReportStatus.ACCEPTED,
            execution=ExecutionAssessment.DONE,
            period__end__lt=period.start,
        )
        .select_related("period__cycle")
        .order_by("measure_id", "period__end", "pk")
    ):
        done_before.setdefault(report.measure_id, report.period)
    rows = []
    for measure in measures:
        report = lead_report.get(measure.pk)
        before = done_before.get(measure.pk) if report is None else None
        rows.append(
            MeasureRow(
                measure=measure,
                klass=_classify(measure, report, before, period),
                report=report,
                contributions=contributions.get(measure.pk, []),
                done_in=before,
            )
        )
    return ConsolidatedReport(
        programme=programme,
        period=period,
        act=approving_act(programme),
        rows=rows,
        indicators=_indicator_rows(rows, active, year),
        sources=_source_rows(active, period),
        regions=_region_rows(rows, active, year),
        as_of=as_of,
    )


def _indicator_rows(rows: list[MeasureRow], active, year: int) -> list[IndicatorRow]:
    """Every indicator of the measures due in the period (not those completed earlier), with the whole measure's target for the
    period's year and the value the lead body's accepted report gives for that year."""
    due = {row.measure.pk: row for row in rows if row.klass != NOT_DUE and row.done_in is None}
    indicators = MeasureIndicator.objects.filter(measure__in=active).prefetch_related(
        Prefetch(
            "targets",
            queryset=IndicatorTarget.objects.filter(year=year, unit__isnull=True),
            to_attr="year_targets",
        )
    )
    by_measure = defaultdict(list)
    for indicator in indicators.order_by("position", "id"):
        by_measure[indicator.measure_id].append(indicator)
    actuals = {}
    reports = [row.report.pk for row in due.values() if row.report is not None]
    for indicator_id, value in IndicatorActual.objects.filter(
        report__in=reports, year=year, unit__isnull=True
    ).values_list("indicator_id", "value"):
        actuals[indicator_id] = value
    result = []
    for measure_id, row in due.items():
        for indicator in by_measure.get(measure_id, []):
            target = indicator.year_targets[0].target_value if indicator.year_targets else None
            result.append(IndicatorRow(row.measure, indicator, target, actuals.get(indicator.pk)))
    return result


def _source_rows(active, period: ReportingPeriod) -> list[SourceRow]:
    """Money planned for the period's year against money spent since 1 January as the period's
    accepted reports give it, by source."""
    planned = dict(
        FundingLine.objects.filter(measure__in=active, year=period.year)
        .order_by()
        .values("source")
        .annotate(total=Sum("planned_amount"))
        .values_list("source", "total")
    )
    spent = dict(
        ReportSpending.objects.filter(
            report__period=period,
            report__status=ReportStatus.ACCEPTED,
            report__measure__in=active,
        )
        .order_by()
        .values("source")
        .annotate(total=Sum("amount"))
        .values_list("source", "total")
    )
    sources = sorted(set(planned) | set(spent), key=lambda s: SOURCE_ORDER.get(s, 99))
    return [SourceRow(s, planned.get(s) or ZERO, spent.get(s) or ZERO) for s in sources]


def _region_rows(rows: list[MeasureRow], active, year: int) -> list[RegionRow]:
    """Per oblast and city of republican significance: the measures that reach it (target it or a
    unit below it; a measure reaching two oblasts counts in both), the period's year's money
    allocated to it and, apart, the money of measures reaching it that is allocated to no unit
    (measures.reporting.territory: never added together), and the classes of those measures."""
    units = AdministrativeUnit.objects.current().filter(parent__isnull=True).order_by("soate")
    regions = []
    for unit in with_money(units, active, year):
        reaching = [
            row
            for row in rows
            if any(u.tree_path.startswith(unit.tree_path) for u in row.measure.report_units)
        ]
        classes = dict.fromkeys(CLASSES, 0)
        for row in reaching:
            classes[row.klass] += 1
        regions.append(
            RegionRow(
                unit=unit,
                measures=len(reaching),
                allocated=unit.money_allocated,
                reaching=unit.money_reaching,
                classes=classes,
            )
        )
    return regions
