"""API: the action plan's measures, filterable by programme, territory, body, deadline, money.

Every list answers with a fixed number of queries: one COUNT, one query for the page (limited
first), then one per related table for that page's ids only. The territory and body filters are
EXISTS semi-joins, so PostgreSQL can walk the ordering index and stop at the page's end instead of
collecting every matching measure of the plan first.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import django_filters
from django.db import connections, router
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from measures.figures import kept_count
from measures.models import (
    ComputedStatus,
    FundingLine,
    FundingSource,
    Measure,
    MeasureStatus,
    ReportStatus,
)
from measures.serializers import MeasureSerializer
from programs.api import VisibleProgrammeFilter
from programs.models import Direction, Programme, ResponsibleBody
from programs.numbers import normalise_number
from regionalprogram.api.fields import RESOLUTION_ORDER
from regionalprogram.api.filters import (
    ArchivedFilterMixin,
    IsoDateFilter,
    UpdatedSinceFilter,
)
from regionalprogram.api.language import ALL, LANGUAGE_CODES
from regionalprogram.api.viewsets import PartnerReadViewSet
from regions.filters import SoateFilter
from regions.models import AdministrativeUnit


class DirectionKeyField(django_filters.fields.forms.CharField):
    default_error_messages = {
        "unknown": _("No direction has the key “%(key)s” (write it as PROGRAMME-CODE/NUMBER)."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        code, _sep, number = value.strip().rpartition("/")
        direction = Direction.objects.filter(
            programme__code=code, number=normalise_number(number)
        ).first()
        if direction is None:
            raise django_filters.fields.forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"key": value}
            )
        return direction


class BodyIdField(django_filters.fields.forms.IntegerField):
    default_error_messages = {"unknown": _("No responsible body has the id %(id)s.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        if not ResponsibleBody.objects.filter(pk=value).exists():
            raise django_filters.fields.forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"id": value}
            )
        return value


@extend_schema_field(OpenApiTypes.STR)
class DirectionKeyFilter(django_filters.Filter):
    field_class = DirectionKeyField


@extend_schema_field(OpenApiTypes.INT)
class BodyIdFilter(django_filters.Filter):
    field_class = BodyIdField


class MeasureApiFilter(ArchivedFilterMixin):
    programme = VisibleProgrammeFilter()
    direction = DirectionKeyFilter(field_name="direction", label=_("Direction key"))
    status = django_filters.MultipleChoiceFilter(choices=MeasureStatus.choices)
    effective_status = django_filters.MultipleChoiceFilter(
        choices=ComputedStatus.choices,
        method="filter_effective_status",
        label=_(
            "Status the plan shows (the editor's where set, else the computed one): the plan "
            "page's Progress filter"
        ),
    )
    computed_status = django_filters.MultipleChoiceFilter(
        choices=ComputedStatus.choices,
        method="filter_computed_status",
        label=_("Status computed from the deadline and the reports, whatever the editor set"),
    )
    body = BodyIdFilter(
        method="filter_body",
        label=_("Responsible body id: as lead or as any co-executor"),
    )
    lead_body = BodyIdFilter(field_name="lead_body_id", label=_("Lead body id"))
    unit = SoateFilter(
        method="filter_unit",
        label=_("Classifier code (SOATE): measures in this unit or any unit below it"),
    )
    deadline_from = IsoDateFilter(
        method="filter_deadline_from", label=_("Deadline period ends on or after this date")
    )
    deadline_to = IsoDateFilter(
        method="filter_deadline_to", label=_("Deadline period starts on or before this date")
    )
    funding_source = django_filters.MultipleChoiceFilter(
        choices=FundingSource.choices, method="filter_funding_source"
    )
    q = django_filters.CharFilter(method="filter_q", max_length=200, label=_("Free-text search"))
    updated_since = UpdatedSinceFilter()
    sample = django_filters.BooleanFilter(label=_("Demo rows only (true) or none of them (false)"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("sort_key", "number"),
            ("deadline_end", "deadline"),
            ("updated_at", "updated_at"),
            ("id", "id"),
        ),
    )

    class Meta:
        model = Measure
        fields: list[str] = []

    # The predicates live on MeasureQuerySet, shared with the plan page's MeasureFilter: the same
    # question gets the same rows on the page and in the API.

    def filter_body(self, queryset, name, value):
        return queryset.with_body(value)

    def filter_unit(self, queryset, name, unit: AdministrativeUnit):
        return queryset.in_unit(unit)

    def filter_deadline_from(self, queryset, name, value):
        return queryset.deadline_overlaps(start=value)

    def filter_deadline_to(self, queryset, name, value):
        return queryset.deadline_overlaps(end=value)

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_effective_status(self, queryset, name, value):
        return queryset.in_status(value) if value else queryset

    def filter_computed_status(self, queryset, name, value):
        return queryset.in_status(value, computed=True) if value else queryset

    def filter_funding_source(self, queryset, name, value):
        if not value:
            return queryset
        lines = FundingLine.objects.filter(measure_id=OuterRef("pk"), source__in=value)
        return queryset.filter(Exists(lines))


def group_by_measure(rows, build) -> dict[int, list]:
    """{measure id: [build(row), …]} from rows whose first value is the measure id."""
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(build(row))
    return grouped


def _text(alias: str, column: str, lang: str) -> str:
    """SQL for a translated column: the language with modeltranslation's fallback, or all three."""
    if lang == ALL:
        parts = ", ".join(f"'{code}', {alias}.{column}_{code}" for code in LANGUAGE_CODES)
        return f"json_build_object({parts})"
    order = [f"nullif({alias}.{column}_{code}, '')" for code in RESOLUTION_ORDER[lang]]
    return f"coalesce({', '.join(order)}, {alias}.{column}_{lang})"


@functools.cache
def relations_sql(lang: str) -> str:
    """Executors, target units, funding, indicators (with targets) and actuals (indicator values
    and money spent from accepted reports) of a page of measures, each as JSON built by
    PostgreSQL: one query, one row per measure of the page."""
    # Only column names from this module are formatted in; the ids are a bound parameter.
    return f"""
    SELECT m.id, {relation_columns(lang)}
    FROM measures_measure m WHERE m.id = ANY(%s)
    """  # noqa: S608


@functools.cache
def relation_columns(lang: str) -> str:
    """The six JSON columns of relations_sql for the measure aliased ``m``: co-executors, target
    units, funding, indicators, indicator actuals, money spent. make bench's same-JSON query
    (measures/bench_sql.py) selects the same columns."""
    return f"""
      (SELECT coalesce(json_agg(json_build_object(
                'id', b.id, 'name', {_text("b", "name", lang)},
                'short_name', {_text("b", "short_name", lang)},
                'in_coordination', e.in_coordination) ORDER BY e.position, e.id), '[]'::json)
         FROM measures_measureexecutor e JOIN programs_responsiblebody b ON b.id = e.body_id
        WHERE e.measure_id = m.id),
      (SELECT coalesce(json_agg(json_build_object(
                'soate', u.soate, 'name', {_text("u", "name", lang)}, 'level', u.level)
                ORDER BY u.tree_path), '[]'::json)
         FROM measures_measure_target_units t
         JOIN regions_administrativeunit u ON u.id = t.administrativeunit_id
        WHERE t.measure_id = m.id),
      (SELECT coalesce(json_agg(json_build_object(
                'source', f.source, 'donor', f.donor_id, 'year', f.year,
                'planned_amount', f.planned_amount::text, 'actual_amount', f.actual_amount::text,
                'allocations', (SELECT coalesce(json_agg(json_build_object(
                                    'unit', au.soate, 'name', {_text("au", "name", lang)},
                                    'amount', fa.amount::text) ORDER BY au.tree_path), '[]'::json)
                                  FROM measures_fundingallocation fa
                                  JOIN regions_administrativeunit au ON au.id = fa.unit_id
                                 WHERE fa.line_id = f.id))
                ORDER BY f.year, f.source, f.id), '[]'::json)
         FROM measures_fundingline f WHERE f.measure_id = m.id),
      (SELECT coalesce(json_agg(json_build_object(
                'id', i.id, 'name', {_text("i", "name", lang)},
                'unit_of_measure', {_text("i", "unit_of_measure", lang)},
                'baseline_value', i.baseline_value::text, 'baseline_year', i.baseline_year,
                'targets', (SELECT coalesce(json_agg(json_build_object(
                                'year', it.year, 'unit', tu.soate,
                                'target_value', it.target_value::text)
                                ORDER BY it.year, it.unit_id), '[]'::json)
                              FROM measures_indicatortarget it
                              LEFT JOIN regions_administrativeunit tu ON tu.id = it.unit_id
                             WHERE it.indicator_id = i.id))
                ORDER BY i.position, i.id), '[]'::json)
         FROM measures_measureindicator i WHERE i.measure_id = m.id),
      (SELECT coalesce(json_agg(json_build_object(
                'indicator', a.indicator_id, 'year', a.year, 'unit', a.soate,
                'value', a.value::text)
                ORDER BY a.position, a.indicator_id, a.year, a.tree_path NULLS FIRST), '[]'::json)
         FROM ({latest_actuals_sql("m")}) a),
      (SELECT coalesce(json_agg(json_build_object(
                'source', s.source, 'year', s.year, 'amount', s.amount::text)
                ORDER BY s.year, s.source), '[]'::json)
         FROM (SELECT f.source, f.year, sum(f.actual_amount) AS amount
                 FROM measures_fundingline f
                WHERE f.measure_id = m.id AND f.actual_amount IS NOT NULL
                GROUP BY f.source, f.year) s)
    """  # noqa: S608


def latest_actuals_sql(measure: str) -> str:
    """The measure's indicator actuals, as measures.reporting.queries.measure_actuals reads them:
    per indicator, year and unit the value of the lead body's latest accepted report (period end,
    then review time, then id; co-executors' values are contributions to it)."""
    accepted = ReportStatus.ACCEPTED.value
    return f"""
        SELECT DISTINCT ON (ia.indicator_id, ia.year, ia.unit_id)
               ia.indicator_id, ia.year, ia.value, mi.position, u.soate, u.tree_path
          FROM measures_indicatoractual ia
          JOIN measures_measureindicator mi ON mi.id = ia.indicator_id
          JOIN measures_progressreport r ON r.id = ia.report_id
          JOIN measures_reportingperiod p ON p.id = r.period_id
          LEFT JOIN regions_administrativeunit u ON u.id = ia.unit_id
         WHERE r.measure_id = {measure}.id AND r.reporting_body_id = {measure}.lead_body_id
           AND r.status = '{accepted}'
         ORDER BY ia.indicator_id, ia.year, ia.unit_id, p."end" DESC, r.reviewed_at DESC, r.id DESC
    """  # noqa: S608


def attach_relations(measures: list[Measure], *, lang: str) -> list[Measure]:
    """Give a page of measures their executors, units, funding and indicators.

    The measure's own tables come as JSON built by PostgreSQL in one query over the page's ids.
    No model instances: building a few hundred of them would cost more than the query itself.
    The working group's links (decisions, proposals) are the meetings app's to add: see
    meetings/api.py, whose MeasureViewSet the API's URLs serve.
    """
    ids = [m.pk for m in measures]
    if not ids:
        return measures
    # The same database the page's measures came from (a replica, for the public API): on another
    # the page and its relations could disagree about a measure that was just deleted.
    with connections[router.db_for_read(Measure)].cursor() as cursor:
        cursor.execute(relations_sql(lang), [ids])
        relations = {row[0]: row[1:] for row in cursor.fetchall()}
    for measure in measures:
        (
            measure.api_co_executors,
            measure.api_target_units,
            measure.api_funding,
            measure.api_indicators,
            indicator_actuals,
            spent,
        ) = relations[measure.pk]
        measure.api_actuals = {"indicators": indicator_actuals, "spent": spent}
        measure.api_decisions = []
        measure.api_source_proposals = []
        measure.api_proposals = []
    return measures


class MeasureViewSet(PartnerReadViewSet):
    """Measures of the action plan, addressed by programme code and measure number."""

    serializer_class = MeasureSerializer
    filterset_class = MeasureApiFilter
    export_name = "measures"
    # ?count=true and the size of an export, from the kept count of the same query
    # (measures.figures), which moves on with every change of a plan: counting a filtered plan
    # row by row grew with it.
    count_with = staticmethod(kept_count)

    def get_queryset(self):
        user = self.request.user
        return (
            Measure.objects.filter(programme__in=Programme.objects.visible_to(user))
            .select_related("programme", "direction", "objective", "lead_body")
            .order_by("programme_id", "sort_key", "id")
            .with_computed_status()
        )

    def prepare(self, objects):
        return attach_relations(objects, lang=self.lang)

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(),
            programme__code=self.kwargs["programme"],
            number=normalise_number(self.kwargs["number"]),
        )
