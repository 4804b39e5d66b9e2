"""The figures of the programme dashboard and of the editors' data-quality dashboard, and the
per-body figures the bodies dashboard shows: each summed in SQL in a fixed number of queries,
whatever the size of the plan.

What counts as a report owed, on time, late or missing (the one definition, used by every figure):

- A measure owes a report in a period as ``status.periods_owing_report`` says; only **closed**
  periods count (their reports were due before ``today``), and only the **lead body's** report
  (a co-executor's report is its contribution to it).
- **on time**: the lead body's report was submitted (and is submitted or accepted now) by the due
  date, Bishkek time; **late**: submitted after it; **missing**: neither (a draft or a returned
  report is missing). on time + late + missing = due. **accepted** counts the accepted ones among
  the on-time and late reports.

Statuses are the computed ones (``Measure.objects.with_computed_status``), not an editor's status
set by hand.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from measures import figures
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
from measures.reporting.queries import progress_percent
from measures.reporting.status import REPORTED, periods_owing_report
from measures.reporting.territory import programme_money
from programs.models import Objective, Programme
from regionalprogram.api.fields import pick, translated_columns
from regionalprogram.languages import active_language

ZERO = Decimal("0.0")

STATUS_ORDER = ComputedStatus.by_attention()
PUNCTUALITY = ("due", "on_time", "late", "missing", "accepted")


def _count(queryset: QuerySet) -> Coalesce:
    """A scalar subquery COUNT(*) of ``queryset``."""
    counted = queryset.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _lead_report(measure_ref, period_ref) -> QuerySet[ProgressReport]:
    """The lead body's submitted or accepted report of a measure for a period."""
    return ProgressReport.objects.filter(
        measure=measure_ref("pk"),
        reporting_body=measure_ref("lead_body"),
        period=period_ref("pk"),
        status__in=REPORTED,
    )


def _on_time(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return reports.filter(submitted_on__lte=F("period__due_date"))


def _late(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return reports.filter(submitted_on__gt=F("period__due_date"))


def _dated(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return reports.annotate(submitted_on=TruncDate("submitted_at"))


def _outer(name):
    return OuterRef(OuterRef(name))


def with_punctuality(measures: QuerySet[Measure], today: datetime.date) -> QuerySet[Measure]:
    """``measures`` annotated with their reports over the closed periods: ``due_n``,
    ``on_time_n``, ``late_n``, ``accepted_n`` (per measure; sum them with ``Sum``)."""
    owed = periods_owing_report().filter(due_date__lt=today)
    # Inside a period subquery of a measure: the measure is two levels out, the period one.
    reports = _dated(_lead_report(_outer, OuterRef))
    return measures.annotate(
        due_n=_count(owed),
        on_time_n=_count(owed.filter(Exists(_on_time(reports)))),
        late_n=_count(owed.filter(Exists(_late(reports)))),
        accepted_n=_count(owed.filter(Exists(reports.filter(status=ReportStatus.ACCEPTED)))),
    )


def punctuality_sums(prefix: str = "") -> dict:
    """Aggregates over ``with_punctuality``'s annotations."""
    return {
        "due": Coalesce(Sum(f"{prefix}due_n"), 0),
        "on_time": Coalesce(Sum(f"{prefix}on_time_n"), 0),
        "late": Coalesce(Sum(f"{prefix}late_n"), 0),
        "accepted": Coalesce(Sum(f"{prefix}accepted_n"), 0),
    }


def _with_missing(row: dict) -> dict:
    row["missing"] = row["due"] - row["on_time"] - row["late"]
    return row


# --- the programme dashboard ---------------------------------------------------------------


@dataclass
class StatusRow:
    key: object
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def status_by(measures: QuerySet[Measure], today: datetime.date, group: str) -> dict:
    """{group value: {computed status: count}} in one query."""
    rows = (
        measures.with_computed_status(today)
        .values(group, "computed_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    result: dict = defaultdict(lambda: dict.fromkeys(ComputedStatus.values, 0))
    for row in rows:
        result[row[group]][row["computed_status"]] += row["count"]
    return result


def funding_by_source_and_year(measures: QuerySet[Measure]) -> dict:
    """Planned and spent (accepted reports) by source and by year, from one query."""
    rows = (
        FundingLine.objects.filter(measure__in=measures)
        .values("source", "year")
        .annotate(planned=Sum("planned_amount"), actual=Sum("actual_amount"))
        .order_by()
    )
    by_source: dict = defaultdict(lambda: {"planned": ZERO, "actual": ZERO})
    by_year: dict = defaultdict(lambda: {"planned": ZERO, "actual": ZERO})
    for row in rows:
        for target in (by_source[row["source"]], by_year[row["year"]]):
            target["planned"] += row["planned"] or ZERO
            target["actual"] += row["actual"] or ZERO
    order = list(FundingSource.values)
    labels = dict(FundingSource.choices)
    return {
        "by_source": [
            {"source": source, "label": labels.get(source, source), **by_source[source]}
            for source in sorted(by_source, key=lambda s: order.index(s) if s in order else 99)
        ],
        "by_year": [{"year": year, **by_year[year]} for year in sorted(by_year)],
        "planned": sum((v["planned"] for v in by_year.values()), ZERO),
        "actual": sum((v["actual"] for v in by_year.values()), ZERO),
    }


def indicator_year(measures: QuerySet[Measure], today: datetime.date) -> int | None:
    """The year the indicator figures are for: the latest year up to this one in which any of the
    measures' indicators has a target for the whole measure; else the earliest year with one."""
    targets = IndicatorTarget.objects.filter(
        indicator__measure__in=measures, unit__isnull=True
    ).order_by()
    years = targets.aggregate(past=Max("year", filter=Q(year__lte=today.year)), first=Min("year"))
    return years["past"] if years["past"] is not None else years["first"]


def in_language(indicator: dict, lang: str) -> dict:
    """An indicator row of ``indicator_progress_for`` with its name and unit (kept in every
    language, so that one set of kept sums serves every reader) in ``lang``, with the fallback."""
    return {
        **indicator,
        "name": pick(indicator["name"], lang),
        "unit_of_measure": pick(indicator["unit_of_measure"], lang),
    }


def indicator_progress_for(measures: QuerySet[Measure], year: int | None) -> list[dict]:
    """Target against actual in ``year`` for every indicator of the measures with a target for
    the whole measure that year; the actual is the latest accepted lead-body report's value for
    that year (as the measure page reads it); name and unit as (ky, ru, en) (``in_language``).
    One query."""
    if year is None:
        return []
    actual = (
        IndicatorActual.objects.filter(
            indicator=OuterRef("indicator"),
            year=year,
            unit__isnull=True,
            report__status=ReportStatus.ACCEPTED,
            report__reporting_body=OuterRef("indicator__measure__lead_body"),
        )
        .order_by("-report__period__end", "-report__reviewed_at", "-report_id")
        .values("value")[:1]
    )
    rows = (
        IndicatorTarget.objects.filter(indicator__measure__in=measures, year=year, unit=None)
        .annotate(actual=Subquery(actual))
        .values(
            "indicator_id",
            "target_value",
            "actual",
            # Each language's column (a related field's plain name in values() reads the default
            # language's whatever the page's); programme_dashboard picks the reader's.
            *translated_columns("indicator__name"),
            *translated_columns("indicator__unit_of_measure"),
            "indicator__baseline_value",
            "indicator__measure__number",
            "indicator__measure__sort_key",
            "indicator__measure__sample",
            "indicator__position",
        )
        .order_by("indicator__measure__sort_key", "indicator__position", "indicator_id")
    )

    def languages(row, prefix):
        return tuple(row[column] for column in translated_columns(prefix))

    return [
        {
            "indicator_id": row["indicator_id"],
            "measure": row["indicator__measure__number"],
            "name": languages(row, "indicator__name"),
            "unit_of_measure": languages(row, "indicator__unit_of_measure"),
            "baseline": row["indicator__baseline_value"],
            "target": row["target_value"],
            "actual": row["actual"],
            "percent": progress_percent(
                row["indicator__baseline_value"], row["target_value"], row["actual"]
            ),
            "sample": row["indicator__measure__sample"],
        }
        for row in rows
    ]


def reporting_trend(programme: Programme, measures: QuerySet[Measure], today: datetime.date):
    """For each closed period of the programme's cycles, oldest first: reports due, on time,
    late, missing, accepted. One query."""
    owes = periods_owing_report().filter(pk=_outer("pk"))
    owing = measures.filter(Exists(owes))
    reports = _dated(_lead_report(OuterRef, _outer))
    periods = (
        ReportingPeriod.objects.filter(cycle__programme=programme, due_date__lt=today)
        .select_related("cycle")
        .annotate(
            due=_count(owing),
            on_time=_count(owing.filter(Exists(_on_time(reports)))),
            late=_count(owing.filter(Exists(_late(reports)))),
            accepted=_count(owing.filter(Exists(reports.filter(status=ReportStatus.ACCEPTED)))),
        )
        .order_by("start", "cycle__kind", "end")
    )
    return [
        _with_missing(
            {
                "period": period,
                "key": f"{period.cycle.kind}/{period.year}/{period.number}",
                **{name: getattr(period, name) for name in ("due", "on_time", "late", "accepted")},
            }
        )
        for period in periods
    ]


def programme_measures(programme: Programme) -> QuerySet[Measure]:
    return Measure.objects.active().filter(programme=programme)


def programme_figures(programme_id: int, today: datetime.date) -> dict:
    """The dashboard's sums over the whole plan, keyed by ids (kept by ``programme_dashboard``)."""
    programme = Programme.objects.get(pk=programme_id)
    measures = programme_measures(programme)
    counts = measures.aggregate(total=Count("pk"), sample=Count("pk", filter=Q(sample=True)))
    year = indicator_year(measures, today)
    return {
        "counts": counts,
        "by_direction": dict(status_by(measures, today, "direction_id")),
        "by_objective": dict(status_by(measures, today, "objective_id")),
        "funding": funding_by_source_and_year(measures),
        "money": programme_money(measures),
        "indicator_year": year,
        **indicators_shown(indicator_progress_for(measures, year)),
        "trend": reporting_trend(programme, measures, today),
    }


# A dashboard shows at most this many indicators; a bigger plan shows those furthest from their
# target (no actual yet counts as furthest), in plan order, and says how many there are in all.
INDICATORS_SHOWN = 30


def indicators_shown(rows: list[dict]) -> dict:
    """``indicators`` (at most INDICATORS_SHOWN rows, plan order kept), ``indicator_count`` (all)
    and ``indicators_met`` (actual at or beyond the target)."""
    met = sum(1 for row in rows if row["percent"] is not None and row["percent"] >= 100)
    shown = rows
    if len(rows) > INDICATORS_SHOWN:
        by_progress = sorted(
            range(len(rows)),
            key=lambda i: (rows[i]["percent"] is not None, rows[i]["percent"] or 0, i),
        )
        keep = sorted(by_progress[:INDICATORS_SHOWN])
        shown = [rows[i] for i in keep]
    return {"indicators": shown, "indicator_count": len(rows), "indicators_met": met}


def programme_dashboard(programme: Programme, today: datetime.date | None = None) -> dict:
    """Every figure of the programme dashboard: the sums kept per plan version and day
    (measures.figures.kept), the directions and objectives read fresh. A fixed number of queries,
    and three while the sums are kept, whatever the size of the plan."""
    today = today or timezone.localdate()
    sums = figures.kept("programme-dashboard", programme.pk, today)
    by_direction, by_objective = sums["by_direction"], sums["by_objective"]
    directions = programme.directions.active().in_plan_order()
    objectives = (
        Objective.objects.active()
        .filter(direction__programme=programme)
        .select_related("direction")
        .in_plan_order()
    )
    trend = sums["trend"]
    totals = {name: sum(row[name] for row in trend) for name in PUNCTUALITY}
    status_total = dict.fromkeys(ComputedStatus.values, 0)
    for counts_of in by_direction.values():
        for status, n in counts_of.items():
            status_total[status] += n
    return {
        "today": today,
        "measure_count": sums["counts"]["total"],
        "sample_count": sums["counts"]["sample"],
        "status_total": status_total,
        "status_by_direction": [
            StatusRow(d, by_direction[d.pk]) for d in directions if d.pk in by_direction
        ],
        "status_by_objective": [
            StatusRow(o, by_objective[o.pk]) for o in objectives if o.pk in by_objective
        ],
        "funding": sums["funding"],
        "money": sums["money"],
        "indicator_year": sums["indicator_year"],
        "indicators": [in_language(row, active_language()) for row in sums["indicators"]],
        "indicator_count": sums["indicator_count"],
        "indicators_met": sums["indicators_met"],
        "trend": trend,
        "reports": totals,
    }


# --- per body ------------------------------------------------------------------------------


def bodies_figures(measures: QuerySet[Measure], today: datetime.date) -> dict[int, dict]:
    """{lead body id: {"status": {computed status: count}, "due", "on_time", "late", "missing",
    "accepted"}} for the bodies leading ``measures``. Two queries."""
    status = status_by(measures, today, "lead_body_id")
    rows = (
        with_punctuality(measures, today)
        .values("lead_body_id")
        .annotate(**punctuality_sums())
        .order_by()
    )
    punctual = {row.pop("lead_body_id"): _with_missing(row) for row in rows}
    return {
        body_id: {"status": counts, **punctual.get(body_id, dict.fromkeys(PUNCTUALITY, 0))}
        for body_id, counts in status.items()
    }


# --- data quality --------------------------------------------------------------------------


DATA_QUALITY_CHECKS = (
    "no_indicator",
    "deadline_outside_period",
    "donor_without_donor",
    "unallocated",
    "reports_overdue",
)


def data_quality(programme: Programme, today: datetime.date | None = None) -> dict:
    """What the programme's plan lacks, each check with the measures concerned (one query per
    check, whatever the size of the plan).

    A measure's lead body is required by the database (``Measure.lead_body`` is not null) and a
    funding line's source too (a required choice), so neither can be missing; a donor line
    (source *donor funds*) may lack its donor, and that is checked."""
    today = today or timezone.localdate()
    measures = programme_measures(programme)
    fields = ("pk", "number", "sort_key", "title", "sample")

    def listed(queryset, **extra):
        return list(queryset.values(*fields, *extra).order_by("sort_key", "pk"))

    no_indicator = listed(
        measures.filter(~Exists(MeasureIndicator.objects.filter(measure=OuterRef("pk"))))
    )
    outside = listed(measures.filter(programme.deadline_outside_q()))
    donorless_lines = FundingLine.objects.filter(
        measure=OuterRef("pk"), source=FundingSource.DONOR, donor__isnull=True
    )
    donorless = listed(measures.filter(Exists(donorless_lines)))
    unallocated_lines = FundingLine.objects.filter(
        measure=OuterRef("pk"), planned_amount__gt=0, allocations__isnull=True
    )
    unallocated = listed(
        measures.filter(Exists(unallocated_lines)).annotate(
            amount=Subquery(
                FundingLine.objects.filter(
                    measure=OuterRef("pk"), planned_amount__gt=0, allocations__isnull=True
                )
                .order_by()
                .values("measure")
                .annotate(total=Sum("planned_amount"))
                .values("total")
            )
        ),
        amount="amount",
    )
    overdue = list(
        with_punctuality(measures, today)
        .filter(due_n__gt=F("on_time_n") + F("late_n"))
        .annotate(missing=F("due_n") - F("on_time_n") - F("late_n"))
        .values(*fields, "due_n", "missing")
        .order_by("sort_key", "pk")
    )
    money = programme_money(measures)
    return {
        "today": today,
        "no_indicator": no_indicator,
        "deadline_outside_period": outside,
        "donor_without_donor": donorless,
        "unallocated": unallocated,
        "unallocated_money": money["unallocated_targeted"] + money["untargeted"],
        "money": money,
        "reports_overdue": overdue,
        "reports_missing": sum(row["missing"] for row in overdue),
    }
