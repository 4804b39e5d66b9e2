"""API representations of working groups, meetings, decisions and proposals; proposal input."""

from __future__ import annotations

import datetime

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import (
    PROPOSAL_TEXT_MAX,
    DecisionStatus,
    MeetingFormat,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    ProposalStatus,
    ProposalTarget,
)
from programs.serializers import legal_act_key
from regionalprogram.api.fields import TRANSLATED_SCHEMA, TranslatedField, translated
from regions.serializers import api_base


def meeting_key(meeting) -> str:
    return f"{meeting.group.slug}/{meeting.number}"


def decision_key(decision) -> str:
    return f"{meeting_key(decision.meeting)}/{decision.number}"


def measure_key(measure) -> str | None:
    return None if measure is None else f"{measure.programme.code}/{measure.number}"


class MemberSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    position = TranslatedField()
    body = serializers.IntegerField(source="body_id")
    role = serializers.ChoiceField(choices=MemberRole.choices)
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    sample = serializers.BooleanField(help_text="Demo row, not part of any official record.")


class WorkingGroupSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Stable key.")
    url = serializers.SerializerMethodField()
    programme = serializers.CharField(source="programme.code")
    name = TranslatedField()
    description = TranslatedField()
    founding_act = serializers.SerializerMethodField()
    members = MemberSerializer(source="member_list", many=True)
    sample = serializers.BooleanField(help_text="Demo row, not part of any official record.")
    updated_at = serializers.DateTimeField()

    def get_url(self, group) -> str:
        return f"{api_base(self.context)}working-groups/{group.slug}/"

    def get_founding_act(self, group) -> str | None:
        return legal_act_key(group.founding_act) if group.founding_act_id else None


class AgendaItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    title = TranslatedField()
    presenter = serializers.CharField()
    presenter_body = serializers.IntegerField(source="presenter_body_id", allow_null=True)


class MeetingSerializer(serializers.Serializer):
    """Planned meetings show the public only when and where; the rest once they are held."""

    key = serializers.SerializerMethodField(help_text="Stable key: group slug/meeting number.")
    url = serializers.SerializerMethodField()
    group = serializers.CharField(source="group.slug")
    number = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    place = TranslatedField()
    format = serializers.ChoiceField(choices=MeetingFormat.choices)
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    sample = serializers.BooleanField(
        help_text="An invented meeting: its agenda, minutes and news are sample data too."
    )
    details = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_key(self, meeting) -> str:
        return meeting_key(meeting)

    def get_url(self, meeting) -> str:
        return f"{api_base(self.context)}meetings/{meeting_key(meeting)}/"

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "description": "Minutes, news, agenda and decisions; null while not public.",
            "properties": {
                "minutes_status": {"type": "string", "enum": MinutesStatus.values},
                "minutes_summary": TRANSLATED_SCHEMA,
                "minutes_approved_at": {"type": "string", "format": "date-time", "nullable": True},
                "news_title": TRANSLATED_SCHEMA,
                "news_text": TRANSLATED_SCHEMA,
                "news_published_at": {"type": "string", "format": "date-time", "nullable": True},
                "agenda": {"type": "array", "items": {"type": "object"}},
                "decisions": {"type": "array", "items": {"type": "string"}},
            },
        }
    )
    def get_details(self, meeting):
        full = self.context.get("full_access_group_ids", set())
        if meeting.group_id not in full and not meeting.is_published:
            return None
        lang = self.context.get("lang", "ky")
        stamp = serializers.DateTimeField()
        return {
            "minutes_status": meeting.minutes_status,
            "minutes_summary": translated(meeting, "minutes_summary", lang),
            "minutes_approved_at": stamp.to_representation(meeting.minutes_approved_at)
            if meeting.minutes_approved_at
            else None,
            "news_title": translated(meeting, "news_title", lang),
            "news_text": translated(meeting, "news_text", lang),
            "news_published_at": stamp.to_representation(meeting.news_published_at)
            if meeting.news_published_at
            else None,
            "agenda": AgendaItemSerializer(
                meeting.agenda_list, many=True, context=self.context
            ).data,
            "decisions": [
                f"{meeting_key(meeting)}/{decision.number}" for decision in meeting.decision_list
            ],
        }


class DecisionSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField(help_text="Stable key: group slug/meeting/number.")
    url = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()
    number = serializers.CharField()
    text = TranslatedField()
    responsible_body = serializers.IntegerField(source="responsible_body_id", allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    sample = serializers.BooleanField(help_text="Demo row, not part of any official record.")
    overdue = serializers.SerializerMethodField()
    measures = serializers.SerializerMethodField()
    proposals = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_key(self, decision) -> str:
        return decision_key(decision)

    def get_url(self, decision) -> str:
        return f"{api_base(self.context)}decisions/{decision_key(decision)}/"

    def get_meeting(self, decision) -> str:
        return meeting_key(decision.meeting)

    def get_overdue(self, decision) -> bool:
        return decision.is_overdue(self.context.setdefault("today", datetime.date.today()))

    def get_measures(self, decision) -> list[str]:
        return [measure_key(m) for m in decision.measure_list]

    def get_proposals(self, decision) -> list[int]:
        return [p.pk for p in decision.proposal_list]


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="Stable key.")
    url = serializers.SerializerMethodField()
    group = serializers.CharField(source="group.slug")
    programme = serializers.CharField(source="programme.code")
    author_body = serializers.IntegerField(source="author_body_id")
    target_kind = serializers.ChoiceField(choices=ProposalTarget.choices)
    direction = serializers.SerializerMethodField()
    objective = serializers.SerializerMethodField()
    measure = serializers.SerializerMethodField()
    title = serializers.CharField()
    text = serializers.CharField()
    justification = serializers.CharField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    resulting_measure = serializers.SerializerMethodField()
    duplicate_of = serializers.IntegerField(source="duplicate_of_id", allow_null=True)
    sample = serializers.BooleanField(help_text="Demo row, not part of any official record.")
    decisions = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_url(self, proposal) -> str:
        return f"{api_base(self.context)}proposals/{proposal.pk}/"

    def get_direction(self, proposal) -> str | None:
        d = proposal.direction
        return None if d is None else f"{d.programme.code}/{d.number}"

    def get_objective(self, proposal) -> str | None:
        o = proposal.objective
        if o is None:
            return None
        return f"{o.direction.programme.code}/{o.direction.number}/{o.number}"

    def get_measure(self, proposal) -> str | None:
        return measure_key(proposal.measure)

    def get_resulting_measure(self, proposal) -> str | None:
        return measure_key(proposal.resulting_measure)

    def get_decisions(self, proposal) -> list[str]:
        return [decision_key(d) for d in getattr(proposal, "decision_list", [])]


class ProposalInputSerializer(serializers.Serializer):
    """What a working-group member sends; the author and their body come from the token."""

    group = serializers.SlugField(help_text="Working group slug.")
    target_kind = serializers.ChoiceField(choices=ProposalTarget.choices)
    direction = serializers.CharField(
        required=False, allow_blank=True, help_text="Direction key, e.g. REG-2025-2030/1."
    )
    objective = serializers.CharField(
        required=False, allow_blank=True, help_text="Objective key, e.g. REG-2025-2030/1/1.1."
    )
    measure = serializers.CharField(
        required=False, allow_blank=True, help_text="Measure key, e.g. REG-2025-2030/1.1.2."
    )
    title = serializers.CharField(max_length=500)
    text = serializers.CharField(max_length=PROPOSAL_TEXT_MAX)
    justification = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=PROPOSAL_TEXT_MAX
    )
