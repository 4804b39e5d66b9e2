"""The action plan as the official table, and one measure with everything attached to it."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render

from measures.filters import MeasureFilter
from measures.models import (
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ReportStatus,
)
from programs.models import Programme, ProgrammeStatus

PAGE_SIZE = 50


def co_executors_prefetch() -> Prefetch:
    return Prefetch(
        "executors",
        queryset=MeasureExecutor.objects.select_related("body").order_by("position", "id"),
        to_attr="co_executor_list",
    )


def plan_rows_queryset():
    """Measures ready for the official table: one query for the rows, one per prefetch."""
    return (
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body")
        .prefetch_related(
            co_executors_prefetch(),
            Prefetch(
                "indicators",
                queryset=MeasureIndicator.objects.order_by("position", "id"),
                to_attr="indicator_list",
            ),
        )
        .order_by(
            "direction__position",
            "direction__number",
            "direction_id",
            "objective__position",
            "objective__number",
            "objective_id",
            "sort_key",
        )
    )


def attach_funding_by_source(measures: list[Measure]) -> None:
    """Give each measure `funding_by_source`: [(label, total)], summed in SQL in one query."""
    totals = defaultdict(list)
    labels = dict(FundingSource.choices)
    rows = (
        FundingLine.objects.filter(measure_id__in=[m.pk for m in measures])
        .values("measure_id", "source")
        .annotate(total=Sum("planned_amount"))
        .order_by("measure_id", "source")
    )
    for row in rows:
        totals[row["measure_id"]].append((labels.get(row["source"], row["source"]), row["total"]))
    for measure in measures:
        measure.funding_by_source = totals.get(measure.pk, [])


def default_programme(user) -> Programme | None:
    visible = Programme.objects.visible_to(user)
    return (
        visible.filter(status=ProgrammeStatus.IN_IMPLEMENTATION).first()
        or visible.filter(status=ProgrammeStatus.ADOPTED).first()
        or visible.first()
    )


def measure_list(request):
    data = request.GET.copy()
    if not data.get("programme"):
        programme = default_programme(request.user)
        if programme is not None:
            data["programme"] = programme.code
    data.pop("page", None)
    filterset = MeasureFilter(
        data, queryset=plan_rows_queryset().visible_to(request.user), request=request
    )
    status = 200
    if filterset.is_valid():
        queryset = filterset.qs
        programme = filterset.form.cleaned_data.get("programme")
    else:
        # A bad value must not quietly widen the table to the whole plan.
        queryset = Measure.objects.none()
        programme = None
        status = 400
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    measures = list(page.object_list)
    attach_funding_by_source(measures)
    for measure in measures:
        measure.overdue = measure.is_overdue()
    context = {
        "filter": filterset,
        "programme": programme,
        "page_obj": page,
        "measures": measures,
        "is_filtered": any(
            request.GET.get(name) for name in ("direction", "unit", "body", "status", "year", "q")
        ),
    }
    return render(request, "measures/measure_list.html", context, status=status)


def measure_detail(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    measure = get_object_or_404(
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body")
        .prefetch_related(
            co_executors_prefetch(),
            Prefetch("target_units", to_attr="target_unit_list"),
        ),
        programme=programme,
        number=number.strip().rstrip("."),
    )
    indicators = MeasureIndicator.objects.filter(measure=measure).prefetch_related(
        Prefetch(
            "targets",
            queryset=IndicatorTarget.objects.select_related("unit").order_by("year", "unit_id"),
            to_attr="target_list",
        )
    )
    funding_rows = (
        FundingLine.objects.filter(measure=measure)
        .values("source", "year")
        .annotate(total=Sum("planned_amount"), spent=Sum("actual_amount"))
        .order_by("source", "year")
    )
    funding = funding_table(funding_rows)
    reports = measure.reports.select_related("reporting_body").order_by(
        "-period_year", "-period_number"
    )
    if not request.user.is_staff:
        reports = reports.filter(status=ReportStatus.ACCEPTED)
    from meetings.models import Decision, Meeting, Proposal

    proposals = Proposal.objects.filter(Q(measure=measure) | Q(resulting_measure=measure))
    decisions = Decision.objects.filter(measures=measure).select_related(
        "meeting__group", "responsible_body"
    )
    user = request.user
    if not (user.is_staff or user.has_perm("meetings.manage_working_group")):
        # Decisions of unpublished meetings stay with the group's own members.
        visible_meetings = Meeting.objects.published()
        if user.is_authenticated:
            visible_meetings = Meeting.objects.filter(
                Q(pk__in=visible_meetings.values("pk")) | Q(group__members__user=user)
            )
        decisions = decisions.filter(meeting__in=visible_meetings.values("pk"))
    context = {
        "programme": programme,
        "measure": measure,
        "overdue": measure.is_overdue(),
        "indicators": indicators,
        "funding": funding,
        "reports": reports,
        "proposals": proposals.select_related("author_body", "group").order_by("-submitted_at"),
        "decisions": decisions.order_by("-meeting__starts_at", "number"),
    }
    return render(request, "measures/measure_detail.html", context)


def funding_table(rows) -> dict:
    """Pivot SQL sums by (source, year) into rows by source with a column per year and totals."""
    labels = dict(FundingSource.choices)
    years = sorted({row["year"] for row in rows})
    by_source: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        by_source[row["source"]][row["year"]] = row["total"]
    table = []
    for source, cells in by_source.items():
        table.append(
            {
                "label": labels.get(source, source),
                "cells": [cells.get(year) for year in years],
                "total": sum(cells.values(), Decimal(0)),
            }
        )
    year_totals = [
        sum((by_source[s].get(year) or Decimal(0) for s in by_source), Decimal(0)) for year in years
    ]
    return {
        "years": years,
        "rows": table,
        "year_totals": year_totals,
        "total": sum(year_totals, Decimal(0)),
    }
