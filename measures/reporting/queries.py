"""Reads of the monitoring loop, each in a fixed number of SQL queries: a reporter's work list,
a measure's progress (indicators against targets, money planned against spent, its reports)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from measures.models import (
    ComputedStatus,
    FundingLine,
    FundingSource,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureIndicator,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)
from measures.reporting import permissions
from measures.reporting.status import open_q, periods_owing_report

DUE_SOON_DAYS = 14


class WorkState:
    """Where a report stands for its body, in the order the reporter should act."""

    RETURNED = "returned"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    DUE = "due"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    ORDER = [RETURNED, OVERDUE, DUE_SOON, DUE, SUBMITTED, ACCEPTED]


@dataclass
class WorkRow:
    measure: Measure
    period: ReportingPeriod
    report: ProgressReport | None
    state: str
    is_lead: bool

    @property
    def sort_key(self):
        return (
            WorkState.ORDER.index(self.state),
            self.period.due_date,
            self.measure.programme_id,
            self.measure.sort_key,
        )


def _state(report: ProgressReport | None, period: ReportingPeriod, today: datetime.date) -> str:
    status = report.status if report is not None else None
    if status == ReportStatus.RETURNED:
        return WorkState.RETURNED
    if status == ReportStatus.SUBMITTED:
        return WorkState.SUBMITTED
    if status == ReportStatus.ACCEPTED:
        return WorkState.ACCEPTED
    if period.due_date < today:
        return WorkState.OVERDUE
    if period.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return WorkState.DUE_SOON
    return WorkState.DUE


def reporter_work(user, today: datetime.date | None = None) -> list[WorkRow]:
    """The reports the user's body owes or has in hand: every measure it leads or co-executes
    in each open period (begun and not yet due, or the last one due), plus its drafts and returned
    reports of any period. Returned reports first, then overdue, due soon, due, submitted,
    accepted. Three queries whatever the number of rows."""
    body = permissions.reporting_body(user)
    if body is None:
        return []
    today = today or timezone.localdate()
    measures = list(
        permissions.reportable_measures(user)
        .select_related("programme", "lead_body")
        .annotate(
            open_period_ids=ArraySubquery(
                periods_owing_report().filter(open_q(today)).order_by("start").values("pk")
            )
        )
    )
    by_id = {m.pk: m for m in measures}
    period_ids = {pk for m in measures for pk in m.open_period_ids}
    reports = list(
        ProgressReport.objects.filter(reporting_body=body, measure__in=list(by_id))
        .filter(
            Q(period__in=period_ids) | Q(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED])
        )
        .select_related("period__cycle")
    )
    periods = {
        p.pk: p for p in ReportingPeriod.objects.filter(pk__in=period_ids).select_related("cycle")
    }
    for report in reports:
        periods.setdefault(report.period_id, report.period)
    report_of = {(r.measure_id, r.period_id): r for r in reports}
    pairs = {(m.pk, pk) for m in measures for pk in m.open_period_ids} | set(report_of)
    rows = []
    for measure_id, period_id in pairs:
        measure = by_id[measure_id]
        period = periods[period_id]
        report = report_of.get((measure_id, period_id))
        rows.append(
            WorkRow(
                measure=measure,
                period=period,
                report=report,
                state=_state(report, period, today),
                is_lead=measure.lead_body_id == body.pk,
            )
        )
    return sorted(rows, key=lambda row: row.sort_key)


# --- a measure's progress -----------------------------------------------------------------


@dataclass
class IndicatorYear:
    year: int
    unit: object | None
    target: Decimal | None
    actual: Decimal | None
    percent: Decimal | None

    @property
    def bar(self) -> int:
        """The progress bar's width, 0–100."""
        if self.percent is None:
            return 0
        return int(max(Decimal(0), min(Decimal(100), self.percent)))


def progress_percent(
    baseline: Decimal | None, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """How far the actual has come from the baseline towards the target, in percent (for a target
    below the baseline, how far it has come down); without a baseline, actual ÷ target."""
    if target is None or actual is None:
        return None
    if baseline is not None and target != baseline:
        share = (actual - baseline) / (target - baseline)
    elif target:
        share = actual / target
    else:
        return None
    return (share * 100).quantize(Decimal("1"))


def measure_actuals(measure: Measure) -> dict[tuple[int, int, int | None], Decimal]:
    """The measure's indicator values by (indicator, year, unit): the latest accepted report of
    the lead body that gives one (co-executors' values are their contributions to it)."""
    values: dict[tuple[int, int, int | None], Decimal] = {}
    rows = (
        IndicatorActual.objects.filter(
            report__measure=measure,
            report__reporting_body_id=measure.lead_body_id,
            report__status=ReportStatus.ACCEPTED,
        )
        .order_by("-report__period__end", "-report__reviewed_at", "-report_id")
        .values_list("indicator_id", "year", "unit_id", "value")
    )
    for indicator_id, year, unit_id, value in rows:
        values.setdefault((indicator_id, year, unit_id), value)
    return values


def indicator_progress(measure: Measure) -> list[tuple[MeasureIndicator, list[IndicatorYear]]]:
    indicators = list(
        MeasureIndicator.objects.filter(measure=measure)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=IndicatorTarget.objects.select_related("unit").order_by("year", "unit_id"),
                to_attr="target_list",
            )
        )
    )
    actuals = measure_actuals(measure)
    units = {t.unit_id: t.unit for i in indicators for t in i.target_list if t.unit_id}
    result = []
    for indicator in indicators:
        targets = {(t.year, t.unit_id): t.target_value for t in indicator.target_list}
        keys = set(targets) | {
            (year, unit_id) for (ind, year, unit_id) in actuals if ind == indicator.pk
        }
        rows = []
        for year, unit_id in sorted(keys, key=lambda k: (k[0], k[1] or 0)):
            target = targets.get((year, unit_id))
            actual = actuals.get((indicator.pk, year, unit_id))
            rows.append(
                IndicatorYear(
                    year=year,
                    unit=units.get(unit_id),
                    target=target,
                    actual=actual,
                    percent=progress_percent(indicator.baseline_value, target, actual),
                )
            )
        result.append((indicator, rows))
    return result


def money_progress(measure: Measure) -> dict:
    """Planned and spent by source (rows) and year (columns), summed in SQL, with totals."""
    labels = dict(FundingSource.choices)
    rows = (
        FundingLine.objects.filter(measure=measure)
        .values("source", "year")
        .annotate(planned=Sum("planned_amount"), spent=Sum("actual_amount"))
        .order_by("source", "year")
    )
    years = sorted({row["year"] for row in rows})
    by_source: dict[str, dict[int, tuple]] = defaultdict(dict)
    for row in rows:
        by_source[row["source"]][row["year"]] = (row["planned"], row["spent"])
    table = []
    zero = Decimal(0)
    for source, cells in by_source.items():
        table.append(
            {
                "label": labels.get(source, source),
                "cells": [cells.get(year, (None, None)) for year in years],
                "planned": sum((c[0] or zero for c in cells.values()), zero),
                "spent": sum((c[1] or zero for c in cells.values()), zero),
            }
        )
    planned = sum((row["planned"] for row in table), zero)
    spent = sum((row["spent"] for row in table), zero)
    year_totals = [
        (
            sum((c.get(year, (None, None))[0] or zero for c in by_source.values()), zero),
            sum((c.get(year, (None, None))[1] or zero for c in by_source.values()), zero),
        )
        for year in years
    ]
    percent = (spent / planned * 100).quantize(Decimal("1")) if planned else None
    return {
        "years": years,
        "rows": table,
        "year_totals": year_totals,
        "planned": planned,
        "spent": spent,
        "percent": percent,
        "bar": int(min(percent, 100)) if percent is not None else 0,
    }


def measure_reports(measure: Measure, user):
    """The measure's reports the user may read, newest period first."""
    return (
        ProgressReport.objects.filter(measure=measure)
        .visible_to(user)
        .select_related("reporting_body", "period__cycle", "reviewed_by")
        .order_by("-period__end", "period__cycle__kind", "reporting_body__name", "pk")
    )


def measure_progress(measure: Measure, user) -> dict:
    """Everything the measure page's progress section shows (a fixed number of queries)."""
    status = (
        Measure.objects.with_computed_status()
        .filter(pk=measure.pk)
        .values("computed_status", "effective_status", "last_due_date", "next_due_date")
        .get()
    )
    reports = list(measure_reports(measure, user))
    latest = next(
        (
            r
            for r in reports
            if r.status == ReportStatus.ACCEPTED and r.reporting_body_id == measure.lead_body_id
        ),
        None,
    )
    return {
        "progress_status": status,
        "progress_status_label": ComputedStatus(status["computed_status"]).label,
        "progress_override_label": (
            ComputedStatus(measure.status_override).label if measure.status_override else ""
        ),
        "progress_indicators": indicator_progress(measure),
        "progress_money": money_progress(measure),
        "progress_latest": latest,
        "progress_reports": reports,
        "progress_sees_all": permissions.sees_unaccepted_reports_of(user, measure),
        "progress_can_override": permissions.can_review_programme(user, measure.programme),
        "progress_can_report": permissions.can_report_on(user, measure),
    }
