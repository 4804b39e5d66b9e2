"""API: working groups, meetings, decisions and proposals, with the public pages' visibility.

Who sees what is the rule of meetings.models (the QuerySets' visible_to / listed_for /
detailed_for), the same the pages call. A member's token can send a proposal.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from measures import api as measures_api
from measures.api import group_by_measure
from measures.models import Measure
from meetings.models import (
    AgendaItem,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Proposal,
    ProposalStatus,
    WorkingGroup,
    WorkingGroupMember,
)
from meetings.serializers import (
    DecisionSerializer,
    MeetingSerializer,
    ProposalInputSerializer,
    ProposalSerializer,
    WorkingGroupSerializer,
)
from meetings.services import proposal_author_membership, proposal_submit
from programs.api import VisibleProgrammeFilter
from programs.models import Direction, Objective, Programme
from regionalprogram.api.filters import IsoDateFilter, SearchFilter, UpdatedSinceFilter
from regionalprogram.api.viewsets import PartnerReadViewSet


class GroupFilter(django_filters.FilterSet):
    programme = VisibleProgrammeFilter()
    q = SearchFilter("slug", translated=("name",))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("slug", "updated_at"))

    class Meta:
        model = WorkingGroup
        fields: list[str] = []


class WorkingGroupViewSet(PartnerReadViewSet):
    """Working groups with their current and former members."""

    serializer_class = WorkingGroupSerializer
    filterset_class = GroupFilter
    lookup_field = "slug"
    export_name = "working-groups"

    def get_queryset(self):
        return (
            WorkingGroup.objects.visible_to(self.request.user)
            .select_related("programme", "founding_act")
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=WorkingGroupMember.objects.order_by("role", "full_name", "id"),
                    to_attr="member_list",
                )
            )
            .order_by("slug")
        )


def visible_group_choices(request):
    return WorkingGroup.objects.visible_to(request.user) if request else WorkingGroup.objects.none()


class MeetingFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(
        queryset=visible_group_choices, to_field_name="slug", label=gettext_lazy("Group slug")
    )
    status = django_filters.MultipleChoiceFilter(choices=MeetingStatus.choices)
    starts_from = IsoDateFilter(field_name="starts_at", lookup_expr="date__gte")
    starts_to = IsoDateFilter(field_name="starts_at", lookup_expr="date__lte")
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("starts_at", "number", "updated_at"))

    class Meta:
        model = Meeting
        fields: list[str] = []


class MeetingViewSet(PartnerReadViewSet):
    """Meetings of the working groups, with agenda, minutes and decisions once public."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    export_name = "meetings"

    def get_queryset(self):
        user = self.request.user
        return (
            Meeting.objects.listed_for(user)
            .select_related("group")
            .prefetch_related(
                Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.order_by("position"),
                    to_attr="agenda_list",
                ),
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.order_by("number"),
                    to_attr="decision_list",
                ),
            )
            .order_by("-starts_at", "id")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None:
            context["full_access_group_ids"] = set(
                WorkingGroup.objects.seen_in_full_by(self.request.user).values_list("id", flat=True)
            )
        return context

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(), group__slug=self.kwargs["group"], number=self.kwargs["number"]
        )


class DecisionFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(
        queryset=visible_group_choices,
        to_field_name="slug",
        field_name="meeting__group",
        label=gettext_lazy("Group slug"),
    )
    status = django_filters.MultipleChoiceFilter(choices=DecisionStatus.choices)
    body = django_filters.NumberFilter(field_name="responsible_body_id")
    deadline_from = IsoDateFilter(field_name="deadline", lookup_expr="gte")
    deadline_to = IsoDateFilter(field_name="deadline", lookup_expr="lte")
    q = SearchFilter("number", translated=("text",))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("deadline", "updated_at", "id"))

    class Meta:
        model = Decision
        fields: list[str] = []


class DecisionViewSet(PartnerReadViewSet):
    """Decisions of the working group, with the measures and proposals they concern."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    export_name = "decisions"

    def get_queryset(self):
        user = self.request.user
        return (
            Decision.objects.visible_to(user)
            .select_related("meeting__group")
            .prefetch_related(
                Prefetch(
                    "measures",
                    queryset=Measure.objects.filter(
                        programme__in=Programme.objects.visible_to(user)
                    )
                    .select_related("programme")
                    .order_by("sort_key"),
                    to_attr="measure_list",
                ),
                Prefetch(
                    "proposals",
                    queryset=Proposal.objects.visible_to(user).order_by("id").only("id"),
                    to_attr="proposal_list",
                ),
            )
            .order_by("-meeting__starts_at", "meeting_id", "number", "id")
        )

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(),
            meeting__group__slug=self.kwargs["group"],
            meeting__number=self.kwargs["meeting"],
            number=self.kwargs["number"],
        )


class ProposalFilter(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(
        queryset=visible_group_choices, to_field_name="slug", label=gettext_lazy("Group slug")
    )
    programme = VisibleProgrammeFilter()
    status = django_filters.MultipleChoiceFilter(choices=ProposalStatus.choices)
    q = SearchFilter("title", "text")
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=("submitted_at", "updated_at", "id"))

    class Meta:
        model = Proposal
        fields: list[str] = []


class ProposalPermission(permissions.BasePermission):
    """Anyone reads what they may see; sending needs a signed-in (token) user."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


def _resolve(model_qs, key: str, field: str, programme: Programme, parts: int):
    pieces = key.strip().split("/")
    if len(pieces) != parts or pieces[0] != programme.code:
        raise ValidationError(
            {field: [_("“%(key)s” is not a key of the group's programme.") % {"key": key}]}
        )
    obj = model_qs(pieces)
    if obj is None:
        raise ValidationError({field: [_("Nothing has the key “%(key)s”.") % {"key": key}]})
    return obj


class ProposalViewSet(PartnerReadViewSet):
    """Proposals to the working group. Members of the group send them with their token."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    permission_classes = [ProposalPermission]
    http_method_names = ["get", "post", "head", "options"]
    export_name = "proposals"

    def get_queryset(self):
        user = self.request.user
        return (
            Proposal.objects.visible_to(user)
            .select_related(
                "group",
                "programme",
                "direction__programme",
                "objective__direction__programme",
                "measure__programme",
                "resulting_measure__programme",
            )
            .prefetch_related(
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.visible_to(user).select_related("meeting__group"),
                    to_attr="decision_list",
                )
            )
            .order_by("-submitted_at", "-id")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return ProposalInputSerializer
        return ProposalSerializer

    @extend_schema(request=ProposalInputSerializer, responses={201: ProposalSerializer})
    def create(self, request, *args, **kwargs):
        data = ProposalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        group = (
            WorkingGroup.objects.visible_to(request.user)
            .select_related("programme")
            .filter(slug=values["group"])
            .first()
        )
        if group is None:
            raise ValidationError({"group": [_("No working group has this slug.")]})
        if proposal_author_membership(user=request.user, group=group) is None:
            raise PermissionDenied(
                _("Only current members of the working group can send proposals.")
            )
        programme = group.programme
        fields = {
            "target_kind": values["target_kind"],
            "title": values["title"],
            "text": values["text"],
            "justification": values.get("justification", ""),
        }
        if values.get("direction"):
            fields["direction"] = _resolve(
                lambda p: Direction.objects.filter(programme=programme, number=p[1]).first(),
                values["direction"],
                "direction",
                programme,
                2,
            )
        if values.get("objective"):
            fields["objective"] = _resolve(
                lambda p: Objective.objects.filter(
                    direction__programme=programme, direction__number=p[1], number=p[2]
                ).first(),
                values["objective"],
                "objective",
                programme,
                3,
            )
        if values.get("measure"):
            fields["measure"] = _resolve(
                lambda p: Measure.objects.filter(programme=programme, number=p[1]).first(),
                values["measure"],
                "measure",
                programme,
                2,
            )
        try:
            proposal = proposal_submit(user=request.user, group=group, **fields)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        instance = self.get_queryset().get(pk=proposal.pk)
        data = ProposalSerializer(instance, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


class MeasureViewSet(measures_api.MeasureViewSet):
    """The measures resource with the working group's links on each measure.

    The measures app builds the measure; the decisions and proposals behind it are the meetings
    app's, filtered by what the client may see (one query each for the page)."""

    def prepare(self, objects):
        objects = super().prepare(objects)
        return attach_working_group_links(objects, user=self.request.user)


def attach_working_group_links(measures, *, user):
    ids = [m.pk for m in measures]
    if not ids:
        return measures
    decisions = group_by_measure(
        Decision.measures.through.objects.filter(
            measure_id__in=ids, decision__in=Decision.objects.visible_to(user)
        )
        .order_by("measure_id", "decision__meeting__starts_at", "decision__number")
        .values_list(
            "measure_id",
            "decision__meeting__group__slug",
            "decision__meeting__number",
            "decision__number",
        ),
        lambda r: f"{r[1]}/{r[2]}/{r[3]}",
    )
    proposals = Proposal.objects.visible_to(user)
    source_proposals = group_by_measure(
        proposals.filter(resulting_measure_id__in=ids)
        .order_by("resulting_measure_id", "id")
        .values_list("resulting_measure_id", "id"),
        lambda r: r[1],
    )
    about = group_by_measure(
        proposals.filter(measure_id__in=ids)
        .order_by("measure_id", "id")
        .values_list("measure_id", "id"),
        lambda r: r[1],
    )
    for measure in measures:
        measure.api_decisions = decisions.get(measure.pk, [])
        measure.api_source_proposals = source_proposals.get(measure.pk, [])
        measure.api_proposals = about.get(measure.pk, [])
    return measures
