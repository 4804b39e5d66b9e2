"""API: the action plan's measures, filterable by programme, territory, body, deadline, money.

Every list answers with a fixed number of queries: one COUNT, one query for the page (limited
first), then one per related table for that page's ids only. The territory and body filters are
EXISTS semi-joins, so PostgreSQL can walk the ordering index and stop at the page's end instead of
collecting every matching measure of the plan first.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from measures.models import (
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    MeasureStatus,
)
from measures.serializers import MeasureSerializer
from programs.api import VisibleProgrammeFilter
from programs.models import Direction, Programme, ResponsibleBody
from regionalprogram.api.filters import (
    ArchivedFilterMixin,
    IsoDateFilter,
    SearchFilter,
    SoateFilter,
    UpdatedSinceFilter,
)
from regionalprogram.api.views import PartnerReadViewSet
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
            programme__code=code, number=number.rstrip(".")
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


class DirectionKeyFilter(django_filters.Filter):
    field_class = DirectionKeyField


class BodyIdFilter(django_filters.Filter):
    field_class = BodyIdField


class MeasureApiFilter(ArchivedFilterMixin):
    programme = VisibleProgrammeFilter()
    direction = DirectionKeyFilter(field_name="direction", label=_("Direction key"))
    status = django_filters.MultipleChoiceFilter(choices=MeasureStatus.choices)
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
    q = SearchFilter("number", translated=("title", "expected_result", "implementation_mechanism"))
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

    def filter_body(self, queryset, name, value):
        co_executes = MeasureExecutor.objects.filter(measure_id=OuterRef("pk"), body_id=value)
        return queryset.filter(Q(lead_body_id=value) | Exists(co_executes))

    def filter_unit(self, queryset, name, unit: AdministrativeUnit):
        targets = Measure.target_units.through.objects.filter(
            measure_id=OuterRef("pk"),
            administrativeunit__tree_path__startswith=unit.tree_path,
        )
        return queryset.filter(Exists(targets))

    def filter_deadline_from(self, queryset, name, value):
        # Open-ended deadlines (annually, continuously) have no end and always overlap.
        return queryset.filter(Q(deadline_end__gte=value) | Q(deadline_end__isnull=True))

    def filter_deadline_to(self, queryset, name, value):
        return queryset.filter(
            Q(deadline_start__lte=value)
            | Q(deadline_start__isnull=True, deadline_end__lte=value)
            | Q(deadline_start__isnull=True, deadline_end__isnull=True)
        )

    def filter_funding_source(self, queryset, name, value):
        if not value:
            return queryset
        lines = FundingLine.objects.filter(measure_id=OuterRef("pk"), source__in=value)
        return queryset.filter(Exists(lines))


def measure_prefetches(user) -> list[Prefetch]:
    """One query per related table for a page of measures, filtered to what the user may see."""
    from meetings.api import visible_decisions, visible_proposals

    return [
        Prefetch(
            "executors",
            queryset=MeasureExecutor.objects.select_related("body").order_by("position", "id"),
            to_attr="executor_list",
        ),
        Prefetch(
            "target_units",
            queryset=AdministrativeUnit.objects.order_by("tree_path"),
            to_attr="target_unit_list",
        ),
        Prefetch(
            "funding_lines",
            queryset=FundingLine.objects.order_by("year", "source", "id"),
            to_attr="funding_list",
        ),
        Prefetch(
            "indicators",
            queryset=MeasureIndicator.objects.order_by("position", "id").prefetch_related(
                Prefetch(
                    "targets",
                    queryset=IndicatorTarget.objects.select_related("unit").order_by(
                        "year", "unit_id"
                    ),
                    to_attr="target_list",
                )
            ),
            to_attr="indicator_list",
        ),
        Prefetch(
            "decisions",
            queryset=visible_decisions(user)
            .select_related("meeting__group")
            .order_by("meeting__starts_at", "number"),
            to_attr="decision_list",
        ),
        Prefetch(
            "source_proposals",
            queryset=visible_proposals(user).only("id", "resulting_measure_id").order_by("id"),
            to_attr="source_proposal_list",
        ),
        Prefetch(
            "proposals",
            queryset=visible_proposals(user).only("id", "measure_id").order_by("id"),
            to_attr="proposal_list",
        ),
    ]


class MeasureViewSet(PartnerReadViewSet):
    """Measures of the action plan, addressed by programme code and measure number."""

    serializer_class = MeasureSerializer
    filterset_class = MeasureApiFilter
    export_name = "measures"

    def get_queryset(self):
        user = self.request.user
        return (
            Measure.objects.filter(programme__in=Programme.objects.visible_to(user))
            .select_related("programme", "direction", "objective", "lead_body")
            .prefetch_related(*measure_prefetches(user))
            .order_by("programme_id", "sort_key", "id")
        )

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(),
            programme__code=self.kwargs["programme"],
            number=self.kwargs["number"].strip().rstrip("."),
        )
