"""The action-plan page's filters (also used by its export).

The API keeps its own FilterSet (measures/api.py ``MeasureApiFilter``) because its public
parameters differ (``deadline_from``/``deadline_to`` rather than ``year``, body ids, 400s keyed by
parameter), but both ask ``MeasureQuerySet`` — ``search``, ``deadline_overlaps``, ``in_unit``,
``with_body`` — so the same question gets the same rows on the page and in the API."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from measures.models import ComputedStatus, Measure, MeasureStatus
from programs.models import Direction, Programme, ResponsibleBody
from regionalprogram.widgets import DATE
from regions.models import AdministrativeUnit, UnitLevel, normalize_soate


def capitalised(choices):
    """The statuses' labels as options start with a capital ("Not reported"); the model keeps the
    lower-case ones that read inside a sentence. capfirst stays lazy, so the language is the
    request's."""
    return [(value, capfirst(label)) for value, label in choices]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class UnitChoiceField(django_filters.fields.ModelChoiceField):
    """Accepts a SOATE code written with spaces ('417 02 205 000 000') as well as digits only."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return super().to_python(normalize_soate(value))

    def label_from_instance(self, obj):
        # Districts are indented under their oblast in the drop-down.
        indent = "\u00a0\u00a0\u00a0" * obj.depth
        return f"{indent}{obj.name}"


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class MeasureFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        to_field_name="code",
        empty_label=None,
    )
    direction = django_filters.ModelChoiceFilter(
        label=_("Direction"), queryset=Direction.objects.none(), empty_label=_("All directions")
    )
    unit = UnitFilter(
        label=_("Territory"),
        queryset=AdministrativeUnit.objects.none(),
        to_field_name="soate",
        method="filter_unit",
        empty_label=_("All territories"),
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Responsible body"),
        queryset=ResponsibleBody.objects.none(),
        method="filter_body",
        empty_label=_("All bodies"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=capitalised(MeasureStatus.choices), empty_label=_("Any status")
    )
    computed_status = django_filters.ChoiceFilter(
        label=_("Progress"),
        choices=capitalised(ComputedStatus.choices),
        empty_label=_("Any progress"),
        method="filter_computed_status",
    )
    year = YearFilter(
        label=_("Deadline year"), method="filter_year", min_value=1991, max_value=2100
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)

    class Meta:
        model = Measure
        fields = [
            "programme",
            "direction",
            "unit",
            "body",
            "status",
            "computed_status",
            "year",
            "q",
        ]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = request.user if request is not None else None
        programmes = (
            Programme.objects.visible_to(user)
            if user is not None
            else Programme.objects.visible_to(_Anonymous())
        )
        self.filters["programme"].queryset = programmes
        self.filters["unit"].queryset = (
            AdministrativeUnit.objects.current()
            .exclude(level=UnitLevel.AYIL_AIMAK)
            .order_by("tree_path")
        )
        self.filters["body"].queryset = ResponsibleBody.objects.filter(is_active=True)
        code = (data or {}).get("programme")
        self.filters["direction"].queryset = Direction.objects.active().filter(
            programme__code=code, programme__in=programmes
        )

    # The predicates live on MeasureQuerySet; the API's MeasureApiFilter calls the same ones.

    def filter_unit(self, queryset, name, value):
        return queryset.in_unit(value)

    def filter_body(self, queryset, name, value):
        return queryset.with_body(value)

    def filter_computed_status(self, queryset, name, value):
        # The status the plan shows: the editor's where set, else the computed one (the API's
        # effective_status filter asks the same question).
        return queryset.in_status([value])

    def filter_year(self, queryset, name, value):
        return queryset.deadline_overlaps(datetime.date(value, 1, 1), datetime.date(value, 12, 31))

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class _Anonymous:
    is_authenticated = False
    is_staff = False


class AuthorChoiceField(django_filters.fields.ModelChoiceField):
    """Authors by full name and body, as the page names them (never the login alone)."""

    def label_from_instance(self, obj):
        return person_label(obj)


class AuthorFilter(django_filters.ModelChoiceFilter):
    field_class = AuthorChoiceField


def person_label(user) -> str:
    """'Ainura Toktosunova (Ministry of Economy and Commerce)': the name a page gives a person;
    the login only when no name is recorded. Expects ``profile__body`` selected."""
    if user is None:
        return "—"
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "profile", None)  # none for a user without a profile
    body = getattr(profile, "body", None)
    return f"{name} ({body})" if body else name


class PlanChangesFilter(django_filters.FilterSet):
    """The filters of a programme's "Recent changes": programme (the page's own; another one
    leads to that programme's page), kind of change, author and dates."""

    KIND_CHOICES = capitalised([("+", _("added")), ("~", _("changed")), ("-", _("removed"))])
    programme = django_filters.ChoiceFilter(
        label=_("Programme"), choices=(), empty_label=None, method="filter_nothing"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of change"),
        field_name="history_type",
        choices=KIND_CHOICES,
        empty_label=_("Any kind"),
    )
    author = AuthorFilter(
        label=_("Author"),
        field_name="history_user",
        queryset=None,
        empty_label=_("Any author"),
    )
    date_from = django_filters.DateFilter(
        label=_("From (date)"),
        field_name="history_date",
        lookup_expr="date__gte",
        widget=DATE,
    )
    date_to = django_filters.DateFilter(
        label=_("To (date)"),
        field_name="history_date",
        lookup_expr="date__lte",
        widget=DATE,
    )

    def __init__(self, data=None, queryset=None, *, programmes, authors, request=None):
        super().__init__(data, queryset, request=request)
        self.filters["programme"].extra["choices"] = [
            (p.code, f"{p.code} · {p}") for p in programmes
        ]
        self.filters["author"].queryset = authors

    def filter_nothing(self, queryset, name, value):
        return queryset  # the programme is the page's URL; the view redirects to another one
