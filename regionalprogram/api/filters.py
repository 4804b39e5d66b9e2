"""Filter pieces every API list shares: `updated_since`, archived rows, strict ordering.

The base layer of the API knows no app; the unit-code filters live in regions/filters.py."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from regionalprogram.api.pagination import wants_cursor
from regionalprogram.languages import LANGUAGE_CODES


class IsoDateTimeOrDateField(forms.Field):
    """ISO 8601: `2025-06-01T08:00:00+06:00`, `...Z` or a date (midnight, Bishkek time)."""

    default_error_messages = {
        "invalid": _("Enter an ISO 8601 date or date-time, e.g. 2025-06-01T08:00:00+06:00."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        # An unencoded "+06:00" arrives as " 06:00".
        text = str(value).strip().replace(" ", "+")
        try:
            parsed = parse_datetime(text)
            if parsed is None:
                day = parse_date(text)
                if day is None:
                    raise ValueError(text)
                parsed = datetime.datetime.combine(day, datetime.time.min)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed


class IsoDateField(forms.DateField):
    """Dates in ISO 8601 only (2026-12-31), whatever the active language's local formats."""

    input_formats = ["%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs["input_formats"] = self.input_formats
        super().__init__(**kwargs)


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


@extend_schema_field(OpenApiTypes.STR)
class UpdatedSinceFilter(django_filters.Filter):
    field_class = IsoDateTimeOrDateField

    def __init__(self, field_name="updated_at", **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "label", _("Changed at or after this moment (ISO 8601); includes archived rows.")
        )
        super().__init__(field_name=field_name, **kwargs)


ARCHIVED_CHOICES = [
    ("exclude", _("hide archived rows")),
    ("include", _("include archived rows")),
    ("only", _("only archived rows")),
]


class ArchivedFilterMixin(django_filters.FilterSet):
    """Archived rows are hidden from browsing but stay visible to sync (`updated_since`)."""

    archived = django_filters.ChoiceFilter(
        choices=ARCHIVED_CHOICES,
        method="filter_archived",
        label=_("Archived rows: exclude (default), include (default with updated_since), only."),
        empty_label=None,
        null_label=None,
    )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        mode = self.form.cleaned_data.get("archived")
        if not mode:
            syncing = self.form.cleaned_data.get("updated_since") is not None or (
                self.request is not None and wants_cursor(self.request)
            )
            mode = "include" if syncing else "exclude"
        if mode == "exclude":
            return queryset.filter(archived_at__isnull=True)
        if mode == "only":
            return queryset.filter(archived_at__isnull=False)
        return queryset

    def filter_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, where updated_since is known


def search_q(value: str, *fields: str, translated: tuple[str, ...] = ()) -> Q:
    """Case-insensitive search over plain fields and every language of translated ones."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": value})
    for field in translated:
        for lang in LANGUAGE_CODES:
            condition |= Q(**{f"{field}_{lang}__icontains": value})
    return condition


class SearchFilter(django_filters.CharFilter):
    def __init__(self, *fields: str, translated: tuple[str, ...] = (), **kwargs):
        self.search_fields = fields
        self.translated_fields = translated
        kwargs.setdefault("label", _("Free-text search"))
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(search_q(value, *self.search_fields, translated=self.translated_fields))
