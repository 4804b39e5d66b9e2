"""API representation of a measure: executors, target units, funding, indicators, deadline, status
and actuals, links.

This is the hot endpoint (PERFORMANCE.md). The declared fields describe the shape for the schema;
``MeasureSerializer.to_representation`` builds the same shape by hand from one page of prefetched
rows, because generic nested serializers cost several times the query itself.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from rest_framework import serializers

from measures.deadlines import measure_deadline
from measures.models import (
    ComputedStatus,
    DeadlineKind,
    ExecutionAssessment,
    FundingSource,
    MeasureStatus,
    ReportStatus,
)
from measures.reporting.periods import period_label
from programs.models import ReportingPeriodKind
from programs.serializers import BodyRefSerializer
from regionalprogram.api.fields import TranslatedField, raw_translated
from regionalprogram.api.language import ALL, LANGUAGE_CODES
from regions.serializers import UnitRefSerializer, api_base


class DeadlineSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="As written in the plan: “IV квартал 2025”, “ежегодно”.")
    rendered = TranslatedField(
        help_text="Written from the kind and dates in the requested language: “IV квартал 2025 "
        "года”, “2025-жылдын IV чейреги”, “Q4 2025”; with ?lang=all one entry per language."
    )
    kind = serializers.ChoiceField(choices=DeadlineKind.choices)
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)


class CoExecutorSerializer(BodyRefSerializer):
    in_coordination = serializers.BooleanField()


class AllocationSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Classifier code (SOATE) of one of the target units.")
    name = TranslatedField(help_text="The unit's name.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=1, help_text="Thousand KGS.")


class FundingSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    donor = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField()
    planned_amount = serializers.DecimalField(
        max_digits=14, decimal_places=1, help_text="Thousand KGS."
    )
    actual_amount = serializers.DecimalField(max_digits=14, decimal_places=1, allow_null=True)
    allocations = AllocationSerializer(
        many=True,
        help_text="The line's split between the measure's target units, summing exactly to "
        "planned_amount; empty when the line is not allocated (its money reaches the measure's "
        "territory as a whole and no single unit may claim it).",
    )


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit = serializers.CharField(allow_null=True, help_text="Classifier code, or null.")
    target_value = serializers.DecimalField(max_digits=16, decimal_places=3)


class MeasureIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The indicator's id, as the actuals name it.")
    name = TranslatedField()
    unit_of_measure = TranslatedField()
    baseline_value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    targets = TargetSerializer(many=True)


def rendered_deadline(measure, lang: str) -> str | dict[str, str]:
    """The deadline in the response's language, or in each language with ?lang=all."""
    if lang == ALL:
        return {code: measure_deadline(measure, lang=code) for code in LANGUAGE_CODES}
    return measure_deadline(measure, lang=lang)


class IndicatorActualSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="Id of one of the measure's indicators.")
    year = serializers.IntegerField()
    unit = serializers.CharField(allow_null=True, help_text="Classifier code, or null.")
    value = serializers.DecimalField(max_digits=16, decimal_places=3)


class SpentSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=15, decimal_places=1, help_text="Thousand KGS.")


class MeasureActualsSerializer(serializers.Serializer):
    indicators = IndicatorActualSerializer(
        many=True,
        help_text="Per indicator, year and unit: the value in the lead body's latest accepted "
        "report.",
    )
    spent = SpentSerializer(
        many=True,
        help_text="Money spent by source and year: the funding lines' spent amounts, which are "
        "the sums of the accepted reports.",
    )


class StatusOverrideSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ComputedStatus.choices)
    reason = serializers.CharField()
    set_at = serializers.DateTimeField(allow_null=True)


def _decimal(value) -> str | None:
    return None if value is None else str(value)


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


_DATETIME = serializers.DateTimeField()


def _datetime(value: datetime.datetime | None) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


class MeasureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable key: programme code/measure number.")
    url = serializers.CharField()
    programme = serializers.CharField(help_text="Programme code.")
    direction = serializers.CharField(help_text="Direction key.")
    objective = serializers.CharField(allow_null=True, help_text="Objective key.")
    number = serializers.CharField()
    title = TranslatedField()
    implementation_mechanism = TranslatedField()
    expected_result = TranslatedField()
    deadline = DeadlineSerializer()
    status = serializers.ChoiceField(choices=MeasureStatus.choices)
    computed_status = serializers.ChoiceField(
        choices=ComputedStatus.choices,
        help_text="As of today, from the deadline, the reports and the indicators.",
    )
    effective_status = serializers.ChoiceField(
        choices=ComputedStatus.choices,
        help_text="What the plan shows: the editor's status where one is set, else the computed.",
    )
    status_override = StatusOverrideSerializer(
        allow_null=True, help_text="The status an editor set by hand, with the reason; or null."
    )
    overdue = serializers.BooleanField(help_text="effective_status is overdue.")
    lead_body = BodyRefSerializer()
    co_executors = CoExecutorSerializer(many=True)
    target_units = UnitRefSerializer(many=True)
    funding = FundingSerializer(many=True)
    indicators = MeasureIndicatorSerializer(many=True)
    actuals = MeasureActualsSerializer()
    decisions = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the working-group decisions on it."
    )
    source_proposals = serializers.ListField(
        child=serializers.IntegerField(), help_text="Proposals that produced this measure."
    )
    proposals = serializers.ListField(
        child=serializers.IntegerField(), help_text="Proposals about this measure."
    )
    sample = serializers.BooleanField(help_text="Demo row, not part of any official plan.")
    archived = serializers.BooleanField()
    archived_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, measure):
        context = self.context
        lang = context.get("lang", "ky")
        base = api_base(context)
        code = measure.programme.code
        key = f"{code}/{measure.number}"
        direction = measure.direction
        objective = measure.objective
        lead = measure.lead_body
        return {
            "key": key,
            "url": f"{base}measures/{key}/",
            "programme": code,
            "direction": f"{code}/{direction.number}",
            "objective": (
                f"{code}/{direction.number}/{objective.number}" if objective is not None else None
            ),
            "number": measure.number,
            "title": raw_translated(measure, "title", lang),
            "implementation_mechanism": raw_translated(measure, "implementation_mechanism", lang),
            "expected_result": raw_translated(measure, "expected_result", lang),
            "deadline": {
                "text": measure.deadline_text,
                "rendered": rendered_deadline(measure, lang),
                "kind": measure.deadline_kind,
                "start": _date(measure.deadline_start),
                "end": _date(measure.deadline_end),
            },
            "status": measure.status,
            # Annotated on the page's query (MeasureQuerySet.with_computed_status): no query here.
            "computed_status": measure.computed_status,
            "effective_status": measure.effective_status,
            "status_override": (
                {
                    "status": measure.status_override,
                    "reason": measure.status_override_reason,
                    "set_at": _datetime(measure.status_override_at),
                }
                if measure.status_override
                else None
            ),
            "overdue": measure.effective_status == ComputedStatus.OVERDUE,
            "lead_body": {
                "id": lead.pk,
                "name": raw_translated(lead, "name", lang),
                "short_name": raw_translated(lead, "short_name", lang),
            },
            "co_executors": measure.api_co_executors,
            "target_units": measure.api_target_units,
            "funding": measure.api_funding,
            "indicators": measure.api_indicators,
            "actuals": measure.api_actuals,
            "decisions": measure.api_decisions,
            "source_proposals": measure.api_source_proposals,
            "proposals": measure.api_proposals,
            "sample": measure.sample,
            "archived": measure.archived_at is not None,
            "archived_at": _datetime(measure.archived_at),
            "created_at": _datetime(measure.created_at),
            "updated_at": _datetime(measure.updated_at),
        }


# --- progress reports -------------------------------------------------------------------------


class ReportPeriodSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="KIND/YEAR/NUMBER: “half_year/2026/1”.")
    kind = serializers.ChoiceField(choices=ReportingPeriodKind.choices)
    year = serializers.IntegerField()
    number = serializers.IntegerField(help_text="Quarter 1–4, half-year 1–2, 1 for a year.")
    label = TranslatedField(help_text="As official texts write it: “I полугодие 2026 года”.")
    start = serializers.DateField()
    end = serializers.DateField()
    due_date = serializers.DateField(help_text="The day the reports of the period are due.")


class ReportActualSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="Id of the measure's indicator.")
    name = TranslatedField()
    year = serializers.IntegerField()
    unit = serializers.CharField(allow_null=True, help_text="Classifier code, or null.")
    value = serializers.DecimalField(max_digits=16, decimal_places=3)


class ReportSpendingSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    donor = serializers.IntegerField(allow_null=True, help_text="Body id of the donor, or null.")
    year = serializers.IntegerField(help_text="The period's year: spent since 1 January.")
    amount = serializers.DecimalField(max_digits=14, decimal_places=1, help_text="Thousand KGS.")


class ReportSerializer(serializers.Serializer):
    """A body's progress report on a measure for a period. Built by hand from one page of rows
    (measures/api_reports.py attaches the actuals and spending), like the measures."""

    key = serializers.CharField(
        help_text="Stable key: programme code/measure number/body id/period key."
    )
    url = serializers.CharField()
    measure = serializers.CharField(help_text="Measure key.")
    programme = serializers.CharField(help_text="Programme code.")
    body = BodyRefSerializer(help_text="The reporting body.")
    lead = serializers.BooleanField(
        help_text="The lead body's report; otherwise a co-executor's contribution to it."
    )
    period = ReportPeriodSerializer()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    language = serializers.CharField(help_text="The language the body reported in.")
    execution = serializers.ChoiceField(
        choices=ExecutionAssessment.choices, allow_null=True, help_text="Execution assessment."
    )
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    text = TranslatedField(help_text="What was done.")
    delay_reason = TranslatedField()
    actuals = ReportActualSerializer(many=True, help_text="Indicator values as of the period end.")
    spending = ReportSpendingSerializer(many=True, help_text="Money spent since 1 January.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField(
        allow_null=True,
        help_text="Submitted by the due date (Bishkek time); false when submitted later or still "
        "missing after it; null while it is not submitted and not yet due.",
    )
    sample = serializers.BooleanField(help_text="A report on a demo measure.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, report):
        context = self.context
        lang = context.get("lang", "ky")
        base = api_base(context)
        measure = report.measure
        period = report.period
        measure_key = f"{measure.programme.code}/{measure.number}"
        period_key = f"{period.cycle.kind}/{period.year}/{period.number}"
        key = f"{measure_key}/{report.reporting_body_id}/{period_key}"
        body = report.reporting_body
        accepted = report.status == ReportStatus.ACCEPTED
        return {
            "key": key,
            "url": f"{base}reports/{key}/",
            "measure": measure_key,
            "programme": measure.programme.code,
            "body": {
                "id": body.pk,
                "name": raw_translated(body, "name", lang),
                "short_name": raw_translated(body, "short_name", lang),
            },
            "lead": report.reporting_body_id == measure.lead_body_id,
            "period": {
                "key": period_key,
                "kind": period.cycle.kind,
                "year": period.year,
                "number": period.number,
                "label": period_labels(context, period.cycle.kind, period.year, period.number),
                "start": _date(period.start),
                "end": _date(period.end),
                "due_date": _date(period.due_date),
            },
            "status": report.status,
            "language": report.language,
            "execution": report.execution or None,
            "percent_complete": report.percent_complete,
            "text": raw_translated(report, "text", lang),
            "delay_reason": raw_translated(report, "delay_reason", lang),
            "actuals": report.api_actuals,
            "spending": report.api_spending,
            "submitted_at": _datetime(report.submitted_at),
            "accepted_at": _datetime(report.reviewed_at) if accepted else None,
            "on_time": on_time(report, context.setdefault("today", timezone.localdate())),
            "sample": measure.sample,
            "created_at": _datetime(report.created_at),
            "updated_at": _datetime(report.updated_at),
        }


def period_labels(context, kind: str, year: int, number: int):
    """The period's label in the response's language, or in all three with ?lang=all (each
    label built once per response)."""
    lang = context.get("lang", "ky")
    cache = context.setdefault("period_labels", {})
    key = (kind, year, number)
    if key not in cache:
        labels = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                labels[code] = period_label(kind, year, number)
        cache[key] = labels
    return dict(cache[key]) if lang == ALL else cache[key][lang]


def on_time(report, today: datetime.date) -> bool | None:
    due = report.period.due_date
    if report.submitted_at is None:
        return False if today > due else None
    return timezone.localdate(report.submitted_at) <= due
