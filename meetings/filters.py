"""Filters of the working group's lists: the secretariat's screening and the open decisions."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    Decision,
    DecisionStatus,
    Meeting,
    Proposal,
    ProposalStatus,
    ProposalTarget,
    WorkingGroup,
)
from programs.models import ResponsibleBody


class ProposalFilter(django_filters.FilterSet):
    # Labelled empty choices ("any status"), never Django's "---------".
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, empty_label=_("Any status")
    )
    target_kind = django_filters.ChoiceFilter(
        label=_("What it targets"), choices=ProposalTarget.choices, empty_label=_("Anything")
    )
    author_body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=ResponsibleBody.objects.none(), empty_label=_("All bodies")
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"),
        field_name="agenda_item__meeting",
        queryset=Meeting.objects.none(),
        empty_label=_("Any meeting"),
    )

    class Meta:
        model = Proposal
        fields = ["status", "target_kind", "author_body", "meeting"]

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["author_body"].queryset = ResponsibleBody.objects.filter(
            proposals__group=group
        ).distinct()
        self.filters["meeting"].queryset = group.meetings.order_by("-starts_at")


class DecisionFilter(django_filters.FilterSet):
    responsible_body = django_filters.ModelChoiceFilter(
        label=_("Responsible body"),
        queryset=ResponsibleBody.objects.none(),
        empty_label=_("All bodies"),
    )
    # A checkbox, not Django's Unknown / Yes / No: ticked, only the overdue decisions.
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Decision
        fields = ["responsible_body"]

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["responsible_body"].queryset = ResponsibleBody.objects.filter(
            decisions__meeting__group=group, decisions__status=DecisionStatus.OPEN
        ).distinct()

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(datetime.date.today())
        return queryset
