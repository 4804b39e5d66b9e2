"""A measure's computed status, written once, in SQL, so that lists, filters and counts use it.

The rule, first match wins (as of ``today``; only the lead body's reports count, the co-executors'
reports are contributions to it):

1. **completed** — an accepted report says *done*. An annual or continuous measure is completed
   when its last yearly due date has passed and an accepted report of that last year says *done*.
2. **overdue** — a due date has passed and no accepted report says *done*: for a dated measure its
   deadline; an annual or continuous measure falls due every year on the day and month of its
   ``deadline_end`` (31 December, or the day kept from "ежегодно, до 1 февраля"), and that year's
   due date D is met by an accepted *done* report of a period starting in (D − 1 year, D]. A due
   date is judged once the reports that could show it met are due: after the latest due date of
   the programme's periods that contain it (a measure due 31 December, reported half-yearly by
   the 15th, is not overdue before 16 January); with no such period, the day after it.
3. **not reported** — for the last closed period of any of the programme's cycles (its due date
   has passed and no later period of the cycle has closed), the measure owed a report and the
   lead body has not submitted one (submitted or accepted both count).
4. **not started** — the deadline period has not begun, no report has been accepted yet, or the
   latest accepted report says *not started*.
5. **at risk** — the latest accepted report says *not done* or gives a reason for delay; or, for a
   report of a year's last period, an indicator is short of that year's target (lower is better
   where the target is below the baseline); or less than half is done three months (92 days)
   before the deadline (or after it, while its reports are not yet due).
6. **on track** — everything else.

A measure owes a report in every period of its programme's cycles from the one its deadline
period starts in, until a *done* report is accepted (annual and continuous measures always).

``effective_status`` is the editor's override where one is set, else the computed status.
"""

from __future__ import annotations

import datetime
import functools

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import In, IsNull, LessThanOrEqual
from django.utils import timezone

from measures.models import (
    ComputedStatus,
    DeadlineKind,
    ExecutionAssessment,
    IndicatorActual,
    IndicatorTarget,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)
from regionalprogram.expressions import CompiledOnce

RECURRING = [DeadlineKind.ANNUAL.value, DeadlineKind.CONTINUOUS.value]
REPORTED = [ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value]
AT_RISK_DAYS = 92
AT_RISK_PERCENT = 50
# An annual measure without dates (its programme period was unknown when it was read) falls due
# every 31 December.
NO_END = datetime.date(2100, 12, 31)


class AnnualOccurrence(Func):
    """The date in year ``year`` with the month and day of ``date`` (29 February → 1 March in a
    common year)."""

    output_field = DateField()

    def __init__(self, year, date):
        super().__init__(year, date)

    def as_sql(self, compiler, connection, **extra_context):
        year_sql, year_params = compiler.compile(self.source_expressions[0])
        date_sql, date_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(make_date(({year_sql})::int, EXTRACT(MONTH FROM {date_sql})::int, 1)"
            f" + (EXTRACT(DAY FROM {date_sql})::int - 1))"
        )
        return sql, (*year_params, *date_params, *date_params)


class YearBefore(Func):
    template = "((%(expressions)s) - interval '1 year')::date"
    output_field = DateField()


class YearOf(Func):
    template = "EXTRACT(YEAR FROM %(expressions)s)::int"
    output_field = IntegerField()


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def accepted_lead_reports(measure_ref=OuterRef) -> QuerySet[ProgressReport]:
    """Accepted reports of the outer measure's lead body (``measure_ref`` nests the reference)."""
    return ProgressReport.objects.filter(
        measure=measure_ref("pk"),
        reporting_body=measure_ref("lead_body"),
        status=ReportStatus.ACCEPTED,
    )


def periods_owing_report() -> QuerySet[ReportingPeriod]:
    """Periods in which the outer measure owes a report, for use as a subquery of a Measure query.

    From the period its deadline period starts in (any period when it has no dates), until a
    *done* report of the lead body is accepted for an earlier period; annual and continuous
    measures report in every period.
    """
    done_before = ProgressReport.objects.filter(
        measure=OuterRef(OuterRef("pk")),
        reporting_body=OuterRef(OuterRef("lead_body")),
        status=ReportStatus.ACCEPTED,
        execution=ExecutionAssessment.DONE,
        period__end__lt=OuterRef("start"),
    )
    return ReportingPeriod.objects.filter(
        Q(IsNull(OuterRef("deadline_start"), True))
        | Q(LessThanOrEqual(OuterRef("deadline_start"), F("end"))),
        Q(In(OuterRef("deadline_kind"), RECURRING)) | ~Q(Exists(done_before)),
        cycle__programme=OuterRef("programme"),
    )


def last_closed_q(today: datetime.date) -> Q:
    """A period whose reports were due before ``today``, the latest such one of its cycle."""
    later_closed = ReportingPeriod.objects.filter(
        cycle=OuterRef("cycle"), due_date__lt=today, end__gt=OuterRef("end")
    )
    return Q(due_date__lt=today) & ~Q(Exists(later_closed))


def open_q(today: datetime.date) -> Q:
    """Periods a body reports for now: begun and not yet due, plus the last closed one of each
    cycle (so that a late report is still in view)."""
    return Q(start__lte=today) & (Q(due_date__gte=today) | last_closed_q(today))


def annotate_computed_status(queryset, today: datetime.date | None = None):
    """Add ``computed_status``, ``effective_status``, ``last_due_date`` (the latest due date that
    has passed), ``next_due_date`` and ``status_date`` (``today``) to a Measure queryset, in the
    same single query."""
    qs = queryset
    for method, expressions in _status_steps(_today(today)):
        qs = getattr(qs, method)(**expressions)
    return qs


@functools.lru_cache(maxsize=4)
def _status_steps(today: datetime.date) -> tuple[tuple[str, dict], ...]:
    """The expressions ``annotate_computed_status`` adds, in order, built once per day: building
    them (a dozen subqueries) costs more than a page of rows; Django copies an expression when a
    query resolves it, so one set serves every query of the day."""
    year = today.year
    recurring = Q(deadline_kind__in=RECURRING)
    end = Coalesce(F("deadline_end"), Value(NO_END))
    first_year = Coalesce(YearOf(F("deadline_start")), Value(1900), output_field=IntegerField())

    steps: list[tuple[str, dict]] = []
    steps.append(
        (
            "alias",
            {
                "_end": end,
                "_first_year": first_year,
                "_occ_this": AnnualOccurrence(Value(year), end),
                "_occ_prev": AnnualOccurrence(Value(year - 1), end),
                "_occ_next": AnnualOccurrence(Value(year + 1), end),
                "_occ_first": AnnualOccurrence(first_year, end),
            },
        )
    )

    def once(name, expression, output_field):
        return CompiledOnce(expression, output_field, ("measure-status", name, today))

    steps.append(
        (
            "annotate",
            {
                "last_due_date": once(
                    "last_due_date",
                    Case(
                        When(recurring & Q(_end__lt=today), then=F("_end")),
                        When(
                            recurring & Q(_occ_this__lt=today, _first_year__lte=year),
                            then=F("_occ_this"),
                        ),
                        When(recurring & Q(_first_year__lte=year - 1), then=F("_occ_prev")),
                        When(~recurring & Q(deadline_end__lt=today), then=F("deadline_end")),
                        default=None,
                        output_field=DateField(),
                    ),
                    DateField(),
                ),
                "next_due_date": once(
                    "next_due_date",
                    Case(
                        When(recurring & Q(_end__lt=today), then=None),
                        When(recurring & Q(_first_year__gt=year), then=F("_occ_first")),
                        When(recurring & Q(_occ_this__gte=today), then=F("_occ_this")),
                        When(recurring, then=F("_occ_next")),
                        When(~recurring & Q(deadline_end__gte=today), then=F("deadline_end")),
                        default=None,
                        output_field=DateField(),
                    ),
                    DateField(),
                ),
            },
        )
    )
    accepted = accepted_lead_reports()
    latest = accepted.order_by("-period__end", "-reviewed_at", "-pk")
    done = accepted.filter(execution=ExecutionAssessment.DONE)
    # A yearly due date D is met by a done report of a period that starts in the year up to D,
    # (D - 1 year, D]; each period belongs to exactly one such year.
    covering_last_due = done.filter(
        period__start__gt=YearBefore(OuterRef("last_due_date")),
        period__start__lte=OuterRef("last_due_date"),
    )
    shortfall_target = IndicatorTarget.objects.filter(
        indicator=OuterRef("indicator"), year=OuterRef("year"), unit__isnull=True
    ).filter(
        (
            (
                Q(indicator__baseline_value__isnull=True)
                | Q(target_value__gte=F("indicator__baseline_value"))
            )
            & Q(target_value__gt=OuterRef("value"))
        )
        | (
            Q(target_value__lt=F("indicator__baseline_value"))
            & Q(target_value__lt=OuterRef("value"))
        )
    )
    shortfall = IndicatorActual.objects.filter(
        report=OuterRef("_latest_id"),
        report__period__end__month=12,
        year=F("report__period__year"),
        unit__isnull=True,
    ).filter(Exists(shortfall_target))
    # The latest report due date of the programme's periods that contain the last due date: the
    # day its reports can last show it met.
    judged_after = Coalesce(
        Subquery(
            ReportingPeriod.objects.filter(
                cycle__programme=OuterRef("programme"),
                start__lte=OuterRef("last_due_date"),
                end__gte=OuterRef("last_due_date"),
            )
            .order_by("-due_date")
            .values("due_date")[:1]
        ),
        F("last_due_date"),
        output_field=DateField(),
    )
    owed_unreported = (
        periods_owing_report()
        .filter(last_closed_q(today))
        .exclude(
            Exists(
                ProgressReport.objects.filter(
                    measure=OuterRef(OuterRef("pk")),
                    reporting_body=OuterRef(OuterRef("lead_body")),
                    period=OuterRef("pk"),
                    status__in=REPORTED,
                )
            )
        )
    )
    delayed = Case(
        When(
            Q(delay_reason_ky__gt="") | Q(delay_reason_ru__gt="") | Q(delay_reason_en__gt=""),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    steps.append(
        (
            "alias",
            {
                "_latest_id": Subquery(latest.values("pk")[:1]),
                "_latest_execution": Subquery(latest.values("execution")[:1]),
                "_latest_percent": Subquery(latest.values("percent_complete")[:1]),
                "_latest_delayed": Subquery(
                    latest.annotate(flag=delayed).values("flag")[:1], output_field=BooleanField()
                ),
                "_judged_after": judged_after,
                "_done": Exists(done),
                "_covered": Exists(covering_last_due),
                "_unreported": Exists(owed_unreported),
                "_shortfall": Exists(shortfall),
            },
        )
    )
    satisfied = (~recurring & Q(_done=True)) | (recurring & Q(_covered=True))
    steps.append(
        (
            "annotate",
            {
                "computed_status": once(
                    "computed_status",
                    Case(
                        When(
                            (~recurring & Q(_done=True))
                            | (recurring & Q(_end__lt=today, _covered=True)),
                            then=Value(ComputedStatus.COMPLETED.value),
                        ),
                        When(
                            Q(last_due_date__isnull=False, _judged_after__lt=today) & ~satisfied,
                            then=Value(ComputedStatus.OVERDUE.value),
                        ),
                        When(_unreported=True, then=Value(ComputedStatus.NOT_REPORTED.value)),
                        When(
                            Q(deadline_start__gt=today)
                            | Q(_latest_id__isnull=True)
                            | Q(_latest_execution=ExecutionAssessment.NOT_STARTED),
                            then=Value(ComputedStatus.NOT_STARTED.value),
                        ),
                        When(
                            Q(_latest_execution=ExecutionAssessment.NOT_DONE)
                            | Q(_latest_delayed=True)
                            | Q(_shortfall=True)
                            | (
                                # Past the deadline only while its reports are not yet due: later
                                # it is overdue or completed (above).
                                ~recurring
                                & Q(deadline_end__lte=today + datetime.timedelta(days=AT_RISK_DAYS))
                                & Q(_latest_percent__lt=AT_RISK_PERCENT)
                            ),
                            then=Value(ComputedStatus.AT_RISK.value),
                        ),
                        default=Value(ComputedStatus.ON_TRACK.value),
                        output_field=CharField(),
                    ),
                    CharField(),
                ),
            },
        )
    )
    steps.append(
        (
            "annotate",
            {
                "status_date": Value(today, output_field=DateField()),
                "effective_status": once(
                    "effective_status",
                    Coalesce(
                        NullIf(F("status_override"), Value("")),
                        F("computed_status"),
                        output_field=CharField(),
                    ),
                    CharField(),
                ),
            },
        )
    )
    return tuple(steps)


def status_label(value: str) -> str:
    try:
        return ComputedStatus(value).label
    except ValueError:
        return value
