"""API representations of programmes, directions with objectives, bodies and legal acts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programs.models import (
    BodyKind,
    LegalActKind,
    LegalActRole,
    ProgrammeStatus,
    ReportingPeriodKind,
)
from regionalprogram.api.fields import TRANSLATED_SCHEMA, TranslatedField, translated
from regions.serializers import api_base


def legal_act_key(act) -> str:
    return f"{act.kind}/{act.date:%Y-%m-%d}/{act.number}"


def direction_key(direction) -> str:
    return f"{direction.programme.code}/{direction.number}"


def objective_key(objective) -> str:
    """Programme code/direction number/objective number: objective numbers are unique per direction."""
    return f"{direction_key(objective.direction)}/{objective.number}"


class BodyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = TranslatedField()
    short_name = TranslatedField()


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Stable key.")
    url = serializers.SerializerMethodField()
    name = TranslatedField()
    short_name = TranslatedField()
    kind = serializers.ChoiceField(choices=BodyKind.choices)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    territory = serializers.CharField(source="territory.soate", allow_null=True, default=None)
    website = serializers.CharField()
    is_active = serializers.BooleanField()
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(
        allow_null=True, help_text="Last day under this name and form."
    )
    successor = serializers.IntegerField(
        source="successor_id", allow_null=True, help_text="The body that took over its functions."
    )
    works_in_coordination = serializers.BooleanField(
        help_text="LSG, donors, NGOs and companies co-execute “in coordination” (по согласованию)."
    )
    updated_at = serializers.DateTimeField()

    def get_url(self, body) -> str:
        return f"{api_base(self.context)}bodies/{body.pk}/"


class ActProgrammeSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.code")
    role = serializers.ChoiceField(choices=LegalActRole.choices)


class LegalActSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField(help_text="Stable key: kind/date/number.")
    url = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=LegalActKind.choices)
    number = serializers.CharField()
    date = serializers.DateField()
    issuer = TranslatedField()
    title = TranslatedField()
    link = serializers.CharField(source="url")
    programmes = ActProgrammeSerializer(source="programme_link_list", many=True)

    def get_key(self, act) -> str:
        return legal_act_key(act)

    def get_url(self, act) -> str:
        return f"{api_base(self.context)}legal-acts/{legal_act_key(act)}/"


class ProgrammeActSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=LegalActRole.choices)
    kind = serializers.CharField(source="legal_act.kind")
    number = serializers.CharField(source="legal_act.number")
    date = serializers.DateField(source="legal_act.date")
    title = serializers.SerializerMethodField()

    def get_key(self, link) -> str:
        return legal_act_key(link.legal_act)

    @extend_schema_field(TRANSLATED_SCHEMA)
    def get_title(self, link):
        return translated(link.legal_act, "title", self.context.get("lang", "ky"))


class TypedTerritorySerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.soate")
    territory_type = serializers.CharField(source="territory_type.code")
    category = serializers.CharField(source="territory_type.category")
    sample = serializers.BooleanField(help_text="Demo row, not part of any official plan.")


class ProgrammeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable key, e.g. REG-2025-2030.")
    url = serializers.SerializerMethodField()
    title = TranslatedField()
    short_title = TranslatedField()
    summary = TranslatedField()
    period_start_year = serializers.IntegerField()
    period_end_year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ProgrammeStatus.choices)
    lead_body = BodyRefSerializer(allow_null=True)
    superseded_by = serializers.SerializerMethodField()
    legal_acts = ProgrammeActSerializer(source="act_link_list", many=True)
    territories = TypedTerritorySerializer(source="territory_list", many=True)
    reporting_period = serializers.ChoiceField(choices=ReportingPeriodKind.choices)
    report_due_day = serializers.IntegerField()
    report_due_months_after = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_url(self, programme) -> str:
        return f"{api_base(self.context)}programmes/{programme.code}/"

    def get_superseded_by(self, programme) -> str | None:
        visible = self.context.get("visible_programme_ids")
        if programme.superseded_by_id is None:
            return None
        if visible is not None and programme.superseded_by_id not in visible:
            return None
        return programme.superseded_by.code


class ObjectiveSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField()
    number = serializers.CharField()
    position = serializers.IntegerField()
    title = TranslatedField()
    description = TranslatedField()
    archived = serializers.SerializerMethodField()
    sample = serializers.BooleanField(help_text="Demo row, not part of any official plan.")
    archived_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def get_key(self, objective) -> str:
        return objective_key(objective)

    def get_archived(self, objective) -> bool:
        return objective.archived_at is not None


class DirectionSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField(help_text="Stable key: programme code/number.")
    url = serializers.SerializerMethodField()
    programme = serializers.CharField(source="programme.code")
    number = serializers.CharField()
    position = serializers.IntegerField()
    title = TranslatedField()
    description = TranslatedField()
    objectives = ObjectiveSerializer(source="objective_list", many=True)
    sample = serializers.BooleanField(help_text="Demo row, not part of any official plan.")
    archived = serializers.SerializerMethodField()
    archived_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def get_key(self, direction) -> str:
        return f"{direction.programme.code}/{direction.number}"

    def get_url(self, direction) -> str:
        return f"{api_base(self.context)}directions/{direction.programme.code}/{direction.number}/"

    def get_archived(self, direction) -> bool:
        return direction.archived_at is not None
