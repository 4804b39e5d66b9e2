"""API representations of units, their former names and socio-economic indicators."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regionalprogram.api.fields import TranslatedField
from regionalprogram.api.language import ALL, LANGUAGE_CODES
from regions.models import (
    AdministrativeUnit,
    SocioEconomicIndicator,
    UnitLevel,
    UnitNameChange,
)


def api_base(context) -> str:
    """Absolute URL of /api/v1/, computed once per response."""
    if "api_base" not in context:
        request = context.get("request")
        context["api_base"] = request.build_absolute_uri("/api/v1/") if request else "/api/v1/"
    return context["api_base"]


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
                "required": list(LANGUAGE_CODES),
            },
        ],
        "description": "Only in the requested language, empty where it has none (no fallback to "
        "another language); with ?lang=all an object with one entry per language.",
    }
)
class OwnLanguageField(serializers.Field):
    """A translated text in the requested language or none: prose for readers never falls back."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance):
        lang = self.context.get("lang", "ky")
        if lang == ALL:
            return {
                code: getattr(instance, f"{self.field_name}_{code}") or ""
                for code in LANGUAGE_CODES
            }
        return getattr(instance, f"{self.field_name}_{lang}") or ""


class FormerNameSerializer(serializers.Serializer):
    name = TranslatedField()
    change = serializers.ChoiceField(choices=UnitNameChange.choices)
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    legal_basis = TranslatedField()


class UnitRefSerializer(serializers.Serializer):
    """A unit as others refer to it: its code and name."""

    soate = serializers.CharField()
    name = TranslatedField()
    level = serializers.ChoiceField(choices=UnitLevel.choices)


class UnitSerializer(serializers.Serializer):
    soate = serializers.CharField(help_text="Stable key: the 14-digit classifier code.")
    url = serializers.SerializerMethodField()
    iso_3166_2 = serializers.CharField()
    level = serializers.ChoiceField(choices=UnitLevel.choices)
    name = TranslatedField()
    # The internal note is never here: it is for staff, in the admin.
    public_note = OwnLanguageField()
    administrative_centre = TranslatedField()
    parent = serializers.CharField(source="parent.soate", allow_null=True, default=None)
    ancestors = serializers.SerializerMethodField()
    depth = serializers.IntegerField()
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    is_current = serializers.BooleanField()
    merged_into = serializers.CharField(source="merged_into.soate", allow_null=True, default=None)
    former_names = FormerNameSerializer(source="former_name_list", many=True)
    updated_at = serializers.DateTimeField()

    def get_url(self, unit) -> str:
        return f"{api_base(self.context)}units/{unit.soate}/"

    def get_ancestors(self, unit) -> list[str]:
        """Classifier codes from the top unit down to the parent."""
        return [code for code in unit.tree_path.split("/") if code][:-1]


class IndicatorValueSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.soate")
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=16, decimal_places=3)
    note = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable key.")
    url = serializers.SerializerMethodField()
    name = TranslatedField()
    unit_of_measure = TranslatedField()
    source = TranslatedField()
    decimals = serializers.IntegerField()
    values = IndicatorValueSerializer(source="value_list", many=True)

    def get_url(self, indicator: SocioEconomicIndicator) -> str:
        return f"{api_base(self.context)}indicators/{indicator.code}/"


__all__ = ["AdministrativeUnit", "IndicatorSerializer", "UnitRefSerializer", "UnitSerializer"]
