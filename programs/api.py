"""API: programmes, directions with objectives, responsible bodies and legal acts."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from programs.models import (
    HEADING_ORDER,
    BodyKind,
    Direction,
    LegalAct,
    LegalActKind,
    Objective,
    Programme,
    ProgrammeLegalAct,
    ProgrammeStatus,
    ProgrammeTerritory,
    ResponsibleBody,
)
from programs.numbers import normalise_number
from programs.serializers import (
    BodySerializer,
    DirectionSerializer,
    LegalActSerializer,
    ProgrammeSerializer,
)
from regionalprogram.api.filters import (
    ArchivedFilterMixin,
    IsoDateFilter,
    SearchFilter,
    UpdatedSinceFilter,
)
from regionalprogram.api.viewsets import PartnerReadViewSet
from regions.filters import UnitSubtreeFilter


class VisibleProgrammeFilter(django_filters.ModelChoiceFilter):
    """`?programme=<code>` among the programmes the client may see; unknown codes are a 400."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Programme code"))
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("queryset", visible_programmes)
        super().__init__(**kwargs)


def visible_programmes(request):
    return Programme.objects.visible_to(request.user) if request else Programme.objects.none()


class ProgrammeApiFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ProgrammeStatus.choices)
    year = django_filters.NumberFilter(
        method="filter_year", label=_("Runs in this year"), min_value=1991, max_value=2100
    )
    q = SearchFilter("code", translated=("title", "short_title"))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(
        fields=("code", "period_start_year", "updated_at"),
    )

    class Meta:
        model = Programme
        fields: list[str] = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(period_start_year__lte=value, period_end_year__gte=value)


class ProgrammeViewSet(PartnerReadViewSet):
    """Programmes with their period, status, legal acts and typed territories."""

    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeApiFilter
    lookup_field = "code"
    export_name = "programmes"

    def get_queryset(self):
        return (
            Programme.objects.visible_to(self.request.user)
            .select_related("lead_body", "superseded_by")
            .prefetch_related(
                Prefetch(
                    "act_links",
                    queryset=ProgrammeLegalAct.objects.select_related("legal_act").order_by(
                        "legal_act__date", "id"
                    ),
                    to_attr="act_link_list",
                ),
                Prefetch(
                    "territory_links",
                    queryset=ProgrammeTerritory.objects.select_related(
                        "unit", "territory_type"
                    ).order_by("territory_type__code", "unit__tree_path"),
                    to_attr="territory_list",
                ),
            )
            .order_by("-period_start_year", "code")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None:
            # A draft successor stays hidden from those who may not see drafts.
            context["visible_programme_ids"] = set(
                Programme.objects.visible_to(self.request.user).values_list("id", flat=True)
            )
        return context


class DirectionApiFilter(ArchivedFilterMixin):
    programme = VisibleProgrammeFilter()
    q = SearchFilter("number", translated=("title",))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("position", "number", "updated_at"))

    class Meta:
        model = Direction
        fields: list[str] = []


class DirectionViewSet(PartnerReadViewSet):
    """The programme's directions (areas), each with its objectives (tasks)."""

    serializer_class = DirectionSerializer
    filterset_class = DirectionApiFilter
    export_name = "directions"

    def get_queryset(self):
        return (
            Direction.objects.filter(programme__in=Programme.objects.visible_to(self.request.user))
            .select_related("programme")
            .prefetch_related(
                Prefetch(
                    "objectives",
                    queryset=Objective.objects.select_related(
                        "direction__programme"
                    ).in_plan_order(),
                    to_attr="objective_list",
                )
            )
            .order_by("programme__code", *HEADING_ORDER)
        )

    def get_object(self):
        queryset = self.get_queryset()
        return get_object_or_404(
            queryset,
            programme__code=self.kwargs["programme"],
            number=normalise_number(self.kwargs["number"]),
        )


class BodyApiFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=BodyKind.choices)
    territory = UnitSubtreeFilter(path_field="territory__tree_path")
    is_active = django_filters.BooleanFilter()
    q = SearchFilter(translated=("name", "short_name"))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("id", "name", "updated_at"))

    class Meta:
        model = ResponsibleBody
        fields: list[str] = []


class BodyViewSet(PartnerReadViewSet):
    """Ministries, agencies, local administrations, LSG bodies, donors and other executors."""

    serializer_class = BodySerializer
    filterset_class = BodyApiFilter
    export_name = "bodies"

    def get_queryset(self):
        return ResponsibleBody.objects.select_related("territory").order_by("id")


class LegalActApiFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=LegalActKind.choices)
    programme = VisibleProgrammeFilter(method="filter_programme")
    date_from = IsoDateFilter(field_name="date", lookup_expr="gte")
    date_to = IsoDateFilter(field_name="date", lookup_expr="lte")
    q = SearchFilter("number", translated=("title", "issuer"))
    ordering = django_filters.OrderingFilter(fields=("date", "number"))

    class Meta:
        model = LegalAct
        fields: list[str] = []

    def filter_programme(self, queryset, name, value):
        return queryset.filter(programme_links__programme=value).distinct()


class LegalActViewSet(PartnerReadViewSet):
    """Decrees, laws, resolutions and orders behind the programmes."""

    serializer_class = LegalActSerializer
    filterset_class = LegalActApiFilter
    sync_ordering = ("id",)
    export_name = "legal-acts"

    def get_queryset(self):
        # Links to draft programmes are not shown to those who may not see drafts.
        links = ProgrammeLegalAct.objects.filter(
            programme__in=Programme.objects.visible_to(self.request.user)
        ).select_related("programme")
        return LegalAct.objects.prefetch_related(
            Prefetch(
                "programme_links", queryset=links.order_by("id"), to_attr="programme_link_list"
            )
        ).order_by("-date", "number", "id")

    def get_object(self):
        try:
            date = datetime.date.fromisoformat(self.kwargs["date"])
        except ValueError as exc:
            raise Http404 from exc
        return get_object_or_404(
            self.get_queryset(),
            kind=self.kwargs["kind"],
            date=date,
            number=self.kwargs["number"],
        )
