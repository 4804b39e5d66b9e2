"""API: administrative units (with history) and socio-economic indicators (with yearly values)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from regionalprogram.api.filters import (
    SearchFilter,
    UpdatedSinceFilter,
)
from regionalprogram.api.viewsets import PartnerReadViewSet
from regions.filters import SoateFilter, UnitSubtreeFilter
from regions.models import (
    AdministrativeUnit,
    IndicatorValue,
    SocioEconomicIndicator,
    UnitLevel,
    UnitNameHistory,
    normalize_soate,
)
from regions.serializers import IndicatorSerializer, UnitSerializer


class UnitApiFilter(django_filters.FilterSet):
    unit = UnitSubtreeFilter(path_field="tree_path")
    parent = SoateFilter(method="filter_parent", label=_("Direct children of this unit"))
    level = django_filters.MultipleChoiceFilter(choices=UnitLevel.choices)
    current = django_filters.BooleanFilter(
        field_name="valid_to", lookup_expr="isnull", label=_("Only units that exist today")
    )
    q = SearchFilter("soate", translated=("name",))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("soate", "tree_path", "updated_at"))

    class Meta:
        model = AdministrativeUnit
        fields: list[str] = []

    def filter_parent(self, queryset, name, value):
        return queryset.filter(parent=value)


class UnitViewSet(PartnerReadViewSet):
    """Administrative units with their classifier codes, parents, levels, names and history."""

    serializer_class = UnitSerializer
    filterset_class = UnitApiFilter
    lookup_field = "soate"
    lookup_value_regex = r"[0-9 ]{14,20}"
    export_name = "units"

    def get_queryset(self):
        return (
            AdministrativeUnit.objects.select_related("parent", "merged_into")
            .prefetch_related(
                Prefetch(
                    "former_names",
                    queryset=UnitNameHistory.objects.order_by("-valid_to", "id"),
                    to_attr="former_name_list",
                )
            )
            .order_by("tree_path")
        )

    def get_object(self):
        self.kwargs["soate"] = normalize_soate(self.kwargs["soate"])
        return super().get_object()


class IndicatorApiFilter(django_filters.FilterSet):
    q = SearchFilter("code", translated=("name",))
    unit = SoateFilter(
        method="filter_noop",
        label=_("Only values of this unit and the units below it"),
    )
    year_from = django_filters.NumberFilter(
        method="filter_noop", label=_("Only values from this year"), min_value=1991, max_value=2100
    )
    year_to = django_filters.NumberFilter(
        method="filter_noop", label=_("Only values up to this year"), min_value=1991, max_value=2100
    )
    ordering = django_filters.OrderingFilter(fields=("code",))

    class Meta:
        model = SocioEconomicIndicator
        fields: list[str] = []

    def filter_noop(self, queryset, name, value):
        # These narrow the nested values, not the indicators: see IndicatorViewSet.get_queryset.
        return queryset


class IndicatorViewSet(PartnerReadViewSet):
    """Socio-economic indicators with their yearly values per unit."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorApiFilter
    lookup_field = "code"
    sync_ordering = ("id",)
    export_name = "indicators"

    def get_queryset(self):
        values = IndicatorValue.objects.select_related("unit").order_by("unit__tree_path", "year")
        if self.action in ("list", "retrieve"):
            form = IndicatorApiFilter(self.request.query_params, request=self.request).form
            if form.is_valid():
                unit = form.cleaned_data.get("unit")
                if unit is not None:
                    values = values.filter(unit__tree_path__startswith=unit.tree_path)
                if form.cleaned_data.get("year_from") is not None:
                    values = values.filter(year__gte=form.cleaned_data["year_from"])
                if form.cleaned_data.get("year_to") is not None:
                    values = values.filter(year__lte=form.cleaned_data["year_to"])
        return SocioEconomicIndicator.objects.prefetch_related(
            Prefetch("values", queryset=values, to_attr="value_list")
        ).order_by("code")
