"""API: progress reports. The public and partners read accepted reports; anyone else reads what
measures.reporting.permissions.visible_reports allows them (drafts and returned reports are never
public). A report is addressed by its measure, its body and its period:
``/api/v1/reports/REG-2025-2030/1.1.2/<body id>/half_year/2026/1/``.

A page costs a fixed number of queries whatever its size: the page itself (measure, programme,
body and period joined), then one query each for the indicator values and the money spent of the
page's reports.
"""

from __future__ import annotations

from collections import defaultdict

import django_filters
from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from measures.api import BodyIdFilter, DirectionKeyFilter
from measures.models import (
    IndicatorActual,
    Measure,
    ProgressReport,
    ReportSpending,
    ReportStatus,
)
from measures.reporting.periods import PERIODS_PER_YEAR
from measures.serializers import ReportSerializer
from programs.api import VisibleProgrammeFilter
from programs.models import ReportingPeriodKind
from programs.numbers import normalise_number
from regionalprogram.api.fields import pick, translated_columns
from regionalprogram.api.filters import UpdatedSinceFilter
from regionalprogram.api.viewsets import PartnerReadViewSet
from regions.filters import SoateFilter
from regions.models import AdministrativeUnit


class PeriodKeyField(forms.CharField):
    """A period written as KIND/YEAR/NUMBER ("half_year/2026/1"), as (kind, year, number)."""

    default_error_messages = {
        "invalid": _(
            "Write the period as KIND/YEAR/NUMBER, e.g. half_year/2026/1 (kind: quarter, "
            "half_year or year)."
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        kind, year, number = ([*value.strip().split("/"), "", ""])[:3]
        if (
            kind not in PERIODS_PER_YEAR
            or value.count("/") != 2
            or not (year.isascii() and year.isdigit() and len(year) == 4)
            or not (number.isascii() and number.isdigit())
            or not 1 <= int(number) <= PERIODS_PER_YEAR[kind]
        ):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return kind, int(year), int(number)


@extend_schema_field(OpenApiTypes.STR)
class PeriodKeyFilter(django_filters.Filter):
    field_class = PeriodKeyField

    def filter(self, qs, value):
        if value is None:
            return qs
        kind, year, number = value
        return qs.filter(period__cycle__kind=kind, period__year=year, period__number=number)


class MeasureKeyField(django_filters.fields.ModelChoiceField):
    """A measure key (PROGRAMME-CODE/NUMBER) among the measures the client may see."""

    default_error_messages = {
        "invalid_choice": _(
            "No measure has the key “%(value)s” (write it as PROGRAMME-CODE/NUMBER)."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        code, _sep, number = str(value).strip().rpartition("/")
        measure = (
            self.queryset.filter(programme__code=code, number=normalise_number(number)).first()
            if code
            else None
        )
        if measure is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return measure


def visible_measures(request):
    if request is None:
        return Measure.objects.none()
    return Measure.objects.visible_to(request.user)


@extend_schema_field(OpenApiTypes.STR)
class MeasureKeyFilter(django_filters.ModelChoiceFilter):
    field_class = MeasureKeyField


class ReportApiFilter(django_filters.FilterSet):
    programme = VisibleProgrammeFilter(field_name="measure__programme")
    direction = DirectionKeyFilter(field_name="measure__direction", label=_("Direction key"))
    measure = MeasureKeyFilter(
        queryset=visible_measures, label=_("Measure key: PROGRAMME-CODE/NUMBER")
    )
    unit = SoateFilter(
        method="filter_unit",
        label=_("Classifier code (SOATE): reports on measures in this unit or any unit below it"),
    )
    body = BodyIdFilter(field_name="reporting_body_id", label=_("Reporting body id"))
    year = django_filters.NumberFilter(
        field_name="period__year", label=_("Year of the period"), min_value=1991, max_value=2100
    )
    period_kind = django_filters.ChoiceFilter(
        field_name="period__cycle__kind",
        choices=ReportingPeriodKind.choices,
        label=_("Kind of period: quarter, half_year or year"),
    )
    period = PeriodKeyFilter(label=_("Period key: KIND/YEAR/NUMBER, e.g. half_year/2026/1"))
    status = django_filters.MultipleChoiceFilter(choices=ReportStatus.choices)
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(
        fields=(
            ("period__end", "period"),
            ("submitted_at", "submitted_at"),
            ("updated_at", "updated_at"),
            ("id", "id"),
        ),
    )

    class Meta:
        model = ProgressReport
        fields: list[str] = []

    def filter_unit(self, queryset, name, unit: AdministrativeUnit):
        # The measures' territory rule (MeasureQuerySet.in_unit), applied to the reports' measures.
        return queryset.filter(measure__in=Measure.objects.in_unit(unit))


def by_report(rows, build) -> dict[int, list]:
    """{report id: [build(row), …]} from rows whose first value is the report id."""
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(build(row))
    return grouped


def attach_figures(reports: list[ProgressReport], *, lang: str) -> list[ProgressReport]:
    """Give a page of reports their indicator values and money spent: two queries."""
    ids = [r.pk for r in reports]
    actuals = by_report(
        IndicatorActual.objects.filter(report_id__in=ids)
        .order_by("report_id", "indicator__position", "indicator_id", "year", "unit__tree_path")
        .values_list(
            "report_id",
            "indicator_id",
            "indicator__name_ky",
            "indicator__name_ru",
            "indicator__name_en",
            "year",
            "unit__soate",
            "value",
        ),
        lambda r: {
            "indicator": r[1],
            "name": pick(r[2:5], lang),
            "year": r[5],
            "unit": r[6],
            "value": str(r[7]),
        },
    )
    spending = by_report(
        ReportSpending.objects.filter(report_id__in=ids)
        .order_by("report_id", "source", "donor_id")
        .values_list("report_id", "source", "donor_id", "amount"),
        lambda r: (r[1], r[2], str(r[3])),
    )
    for report in reports:
        report.api_actuals = actuals.get(report.pk, [])
        report.api_spending = [
            {"source": source, "donor": donor, "year": report.period.year, "amount": amount}
            for source, donor, amount in spending.get(report.pk, [])
        ]
    return reports


REPORT_COLUMNS = (
    "measure_id",
    "period_id",
    "reporting_body_id",
    "language",
    *translated_columns("text"),
    *translated_columns("delay_reason"),
    "execution",
    "percent_complete",
    "status",
    "submitted_at",
    "reviewed_at",
    "created_at",
    "updated_at",
    "measure__programme_id",
    "measure__number",
    "measure__lead_body_id",
    "measure__sample",
    "measure__programme__code",
    *translated_columns("reporting_body__name"),
    *translated_columns("reporting_body__short_name"),
    "period__cycle_id",
    "period__year",
    "period__number",
    "period__start",
    "period__end",
    "period__due_date",
    "period__cycle__kind",
)


class ReportViewSet(PartnerReadViewSet):
    """Progress reports on the measures: accepted ones for everyone; drafts, submitted and
    returned reports only for those who work on them (the reporting body, the programme's
    editors)."""

    serializer_class = ReportSerializer
    filterset_class = ReportApiFilter
    export_name = "reports"

    def get_queryset(self):
        return (
            ProgressReport.objects.visible_to(self.request.user)
            .select_related("measure__programme", "reporting_body", "period__cycle")
            # Only what the answer shows: the measures' and programmes' long texts stay behind.
            .only(*REPORT_COLUMNS)
            # The plan's order of the measures, each measure's newest period first. Led by the
            # measures' own order, PostgreSQL walks their index and sorts one measure's few
            # reports at a time (an incremental sort), instead of every report of the plan.
            .order_by(
                "measure__programme_id",
                "measure__sort_key",
                "measure_id",
                "-period__end",
                "period__cycle__kind",
                "reporting_body_id",
                "id",
            )
        )

    def prepare(self, objects):
        return attach_figures(objects, lang=self.lang)

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(),
            measure__programme__code=self.kwargs["programme"],
            measure__number=normalise_number(self.kwargs["number"]),
            reporting_body_id=self.kwargs["body"],
            period__cycle__kind=self.kwargs["kind"],
            period__year=self.kwargs["year"],
            period__number=self.kwargs["period_number"],
        )
