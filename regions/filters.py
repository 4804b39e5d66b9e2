"""Filters by a unit's classifier code, for every API list that has a territory."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from regions.models import AdministrativeUnit, normalize_soate


class SoateField(forms.CharField):
    """A classifier code, with or without spaces, that must name a known unit."""

    default_error_messages = {
        "unknown": _("No administrative unit has the classifier code “%(code)s”."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        code = normalize_soate(value)
        unit = AdministrativeUnit.objects.filter(soate=code).first()
        if unit is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value}
            )
        return unit


@extend_schema_field(OpenApiTypes.STR)
class SoateFilter(django_filters.Filter):
    """A filter whose value is a unit given by its classifier code; unknown codes are a 400."""

    field_class = SoateField


@extend_schema_field(OpenApiTypes.STR)
class UnitSubtreeFilter(django_filters.Filter):
    """`?unit=<SOATE>`: the unit and everything below it, by materialised-path prefix."""

    field_class = SoateField

    def __init__(self, *args, path_field: str, **kwargs):
        self.path_field = path_field
        kwargs.setdefault("label", _("Classifier code (SOATE); includes every unit below it."))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.tree_path})
