"""The reporter's report form, the editor's review and status forms, and the queue's filters."""

from __future__ import annotations

from decimal import Decimal

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import (
    ComputedStatus,
    ExecutionAssessment,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureIndicator,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)
from measures.reporting.services import (
    MAX_EVIDENCE,
    ActualValue,
    ReportContent,
    Spent,
)
from programs.models import Direction, Programme, ResponsibleBody
from regionalprogram.uploads import CheckedFilesField

LANGUAGE_NAMES = dict(settings.LANGUAGES)
LANGS = tuple(code for code, _name in settings.LANGUAGES)
EXTRA_SPENDING_ROWS = 2


def _plain(value: Decimal) -> Decimal:
    """40.000 → 40 and 2.500 → 2.5, so that "40,000" is not read as forty thousand."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _amount_field(label: str, *, decimal_places: int, max_digits: int, min_value=None):
    return forms.DecimalField(
        label=label,
        required=False,
        localize=True,
        max_digits=max_digits,
        decimal_places=decimal_places,
        min_value=min_value,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
        error_messages={"min_value": _("An amount cannot be negative.")},
    )


class ReportForm(forms.Form):
    """A report's content. Fields for indicator values and money are built from the measure: one
    value per indicator for the period's year (and per unit where the year's target is per unit),
    one amount per source (and donor) the plan funds in that year, plus rows for other sources."""

    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=settings.LANGUAGES,
        help_text=_("What was done is required in this language; the others are optional."),
    )
    execution = forms.ChoiceField(
        label=_("Execution"),
        choices=ExecutionAssessment.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    percent_complete = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100, required=False
    )
    evidence_files = CheckedFilesField(
        label=_("Add files"),
        help_text=_("PDF, DOCX, XLSX, PNG or JPEG, up to 10 MB each."),
    )
    evidence_link = forms.URLField(label=_("Add a link"), required=False, assume_scheme="https")
    evidence_link_title = forms.CharField(
        label=_("Title of the link"), required=False, max_length=255
    )

    def __init__(
        self,
        *args,
        measure: Measure,
        period: ReportingPeriod,
        report: ProgressReport | None,
        language: str,
        **kwargs,
    ):
        self.measure, self.period, self.report = measure, period, report
        initial = kwargs.pop("initial", None) or {}
        if report is not None and report.pk:
            initial.update(self._initial_from(report))
        else:
            initial.setdefault("language", language if language in LANGS else LANGS[0])
        super().__init__(*args, initial=initial, **kwargs)
        for lang in LANGS:
            name = LANGUAGE_NAMES[lang]
            self.fields[f"text_{lang}"] = forms.CharField(
                label=_("What was done (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.fields[f"delay_reason_{lang}"] = forms.CharField(
                label=_("Reason for delay (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.actual_rows = self._actual_fields()
        self.spending_rows = self._spending_fields()
        if report is not None and report.pk:
            self.fields["remove_evidence"] = forms.ModelMultipleChoiceField(
                label=_("Remove"),
                queryset=report.evidence.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    @staticmethod
    def _initial_from(report: ProgressReport) -> dict:
        initial = {
            "language": report.language,
            "execution": report.execution,
            "percent_complete": report.percent_complete,
        }
        for lang in LANGS:
            initial[f"text_{lang}"] = getattr(report, f"text_{lang}") or ""
            initial[f"delay_reason_{lang}"] = getattr(report, f"delay_reason_{lang}") or ""
        for actual in report.actuals.all():
            initial[f"actual_{actual.indicator_id}_{actual.year}_{actual.unit_id or 0}"] = (
                actual.value
            )
        for spent in report.spending.all():
            initial[f"spent_{spent.source}_{spent.donor_id or 0}"] = spent.amount
        return initial

    def _actual_fields(self) -> list[dict]:
        year = self.period.year
        indicators = MeasureIndicator.objects.filter(measure=self.measure).order_by(
            "position", "id"
        )
        targets = IndicatorTarget.objects.filter(
            indicator__measure=self.measure, year=year
        ).select_related("unit")
        by_indicator: dict[int, list[IndicatorTarget]] = {}
        for target in targets:
            by_indicator.setdefault(target.indicator_id, []).append(target)
        rows = []
        for indicator in indicators:
            own = by_indicator.get(indicator.pk, [])
            whole = next((t for t in own if t.unit_id is None), None)
            units = sorted((t for t in own if t.unit_id), key=lambda t: t.unit.name)
            keyed = [(None, whole)] if whole is not None or not units else []
            keyed += [(t.unit, t) for t in units]
            for unit, target in keyed:
                name = f"actual_{indicator.pk}_{year}_{unit.pk if unit else 0}"
                self.fields[name] = _amount_field(
                    f"{indicator.name}, {indicator.unit_of_measure}"
                    + (f" — {unit.name}" if unit else ""),
                    decimal_places=3,
                    max_digits=16,
                )
                rows.append(
                    {
                        "indicator": indicator,
                        "unit": unit,
                        "year": year,
                        "target": target.target_value if target else None,
                        "name": name,
                    }
                )
        return rows

    def _spending_fields(self) -> list[dict]:
        labels = dict(FundingSource.choices)
        keys = []
        for source, donor in (
            self.measure.funding_lines.filter(year=self.period.year)
            .select_related("donor")
            .order_by("source", "donor_id")
            .values_list("source", "donor")
        ):
            keys.append((source, donor))
        if self.report is not None and self.report.pk:
            keys += [(s.source, s.donor_id) for s in self.report.spending.all()]
        donors = ResponsibleBody.objects.in_bulk([d for _s, d in keys if d])
        rows = []
        for source, donor_id in dict.fromkeys(keys):
            donor = donors.get(donor_id)
            label = str(labels.get(source, source)).capitalize()
            if donor is not None:
                label = f"{label} — {donor.short_name or donor.name}"
            name = f"spent_{source}_{donor_id or 0}"
            self.fields[name] = _amount_field(label, decimal_places=1, max_digits=14, min_value=0)
            rows.append({"source": source, "donor_id": donor_id, "label": label, "name": name})
        self.extra_spending = []
        for index in range(EXTRA_SPENDING_ROWS):
            source_name, amount_name = f"extra_source_{index}", f"extra_amount_{index}"
            self.fields[source_name] = forms.ChoiceField(
                label=_("Other source"),
                choices=[("", "—"), *FundingSource.choices],
                required=False,
            )
            self.fields[amount_name] = _amount_field(
                _("Spent, thousand KGS"), decimal_places=1, max_digits=14, min_value=0
            )
            self.extra_spending.append((source_name, amount_name))
        return rows

    # The template walks these to lay the fields out.
    def text_fields(self):
        return [self[f"text_{lang}"] for lang in LANGS]

    def delay_fields(self):
        return [self[f"delay_reason_{lang}"] for lang in LANGS]

    def actual_fields(self):
        return [(row, self[row["name"]]) for row in self.actual_rows]

    def spending_fields(self):
        return [(row, self[row["name"]]) for row in self.spending_rows]

    def extra_spending_fields(self):
        return [(self[s], self[a]) for s, a in self.extra_spending]

    def clean(self):
        cleaned = super().clean()
        for source_name, amount_name in self.extra_spending:
            source, amount = cleaned.get(source_name), cleaned.get(amount_name)
            if amount is not None and not source:
                self.add_error(source_name, _("Choose the source of this amount."))
            if source and f"spent_{source}_0" in self.fields:
                self.add_error(source_name, _("This source has its own line above."))
        existing = self.report.evidence.count() if self.report is not None and self.report.pk else 0
        removed = len(cleaned.get("remove_evidence") or [])
        added = len(cleaned.get("evidence_files") or []) + (
            1 if cleaned.get("evidence_link") else 0
        )
        if existing - removed + added > MAX_EVIDENCE:
            self.add_error(
                "evidence_files",
                _("A report can carry at most %(count)d files and links.")
                % {"count": MAX_EVIDENCE},
            )
        return cleaned

    def content(self) -> ReportContent:
        data = self.cleaned_data
        spending = [
            Spent(row["source"], row["donor_id"], data.get(row["name"]))
            for row in self.spending_rows
        ]
        for source_name, amount_name in self.extra_spending:
            if data.get(source_name) and data.get(amount_name) is not None:
                spending.append(Spent(data[source_name], None, data[amount_name]))
        link = data.get("evidence_link")
        return ReportContent(
            language=data["language"],
            texts={lang: data.get(f"text_{lang}", "") for lang in LANGS},
            delay_reasons={lang: data.get(f"delay_reason_{lang}", "") for lang in LANGS},
            execution=data.get("execution") or "",
            percent_complete=data.get("percent_complete") or 0,
            actuals=[
                ActualValue(
                    row["indicator"].pk,
                    row["year"],
                    row["unit"].pk if row["unit"] else None,
                    data.get(row["name"]),
                )
                for row in self.actual_rows
            ],
            spending=spending,
            new_files=list(data.get("evidence_files") or []),
            new_links=[(data.get("evidence_link_title") or link, link)] if link else [],
            remove_evidence=[e.pk for e in data.get("remove_evidence") or []],
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        """Put the service's field-keyed errors next to their fields, the rest on top."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, exc.messages)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the report: say what the body should change."),
    )


class StatusOverrideForm(forms.Form):
    status_override = forms.ChoiceField(
        label=_("Status set by the editor"),
        choices=[("", _("— none: the computed status stands —")), *ComputedStatus.choices],
        required=False,
    )
    status_override_reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status_override")
            and not (cleaned.get("status_override_reason") or "").strip()
        ):
            self.add_error("status_override_reason", _("Say why the status is set by hand."))
        return cleaned


QUEUE_STATUSES = [
    (ReportStatus.SUBMITTED.value, ReportStatus.SUBMITTED.label),
    (ReportStatus.RETURNED.value, ReportStatus.RETURNED.label),
    (ReportStatus.ACCEPTED.value, ReportStatus.ACCEPTED.label),
]


class ReviewQueueFilter(django_filters.FilterSet):
    """Reports of one programme for its reviewers, by period, body, direction and status."""

    period = django_filters.ModelChoiceFilter(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), empty_label=_("All periods")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Reporting body"),
        field_name="reporting_body",
        queryset=ResponsibleBody.objects.none(),
        empty_label=_("All bodies"),
    )
    direction = django_filters.ModelChoiceFilter(
        label=_("Direction"),
        field_name="measure__direction",
        queryset=Direction.objects.none(),
        empty_label=_("All directions"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=QUEUE_STATUSES, empty_label=_("Any status")
    )

    class Meta:
        model = ProgressReport
        fields = ["period", "body", "direction", "status"]

    def __init__(self, data=None, queryset=None, *, programme: Programme, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["period"].queryset = (
            ReportingPeriod.objects.filter(cycle__programme=programme)
            .select_related("cycle")
            .order_by("-end", "cycle__kind")
        )
        self.filters["body"].queryset = (
            ResponsibleBody.objects.filter(
                Q(led_measures__programme=programme) | Q(co_executed__measure__programme=programme)
            )
            .distinct()
            .order_by("name")
        )
        self.filters["direction"].queryset = Direction.objects.active().filter(programme=programme)


class DispatchForm(forms.Form):
    """A sending of the consolidated report, checked by services.dispatch_errors (the rule's
    home); the page shows it back for confirmation before it is recorded."""

    language = forms.ChoiceField(
        label=_("Language of the report"), widget=forms.RadioSelect, choices=()
    )
    to_cabinet = forms.BooleanField(label=_("Cabinet of Ministers"), required=False)
    to_administration = forms.BooleanField(label=_("Presidential Administration"), required=False)
    other_recipient = forms.CharField(
        label=_("Other recipient"),
        required=False,
        max_length=500,
        help_text=_("Another body the report was sent to, if any."),
    )
    sent_on = forms.DateField(
        label=_("Date sent"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    letter_number = forms.CharField(
        label=_("Outgoing letter number"), required=False, max_length=100
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        from measures.models import REPORT_LANGUAGES, ReportDispatch

        self.period = period
        self.fields["language"].choices = [
            (code, name)
            for code, name in ReportDispatch._meta.get_field("language").choices
            if code in REPORT_LANGUAGES
        ]

    def dispatch(self):
        from measures.reporting.services import Dispatch

        data = self.cleaned_data
        return Dispatch(
            language=data["language"],
            sent_on=data["sent_on"],
            to_cabinet=data["to_cabinet"],
            to_administration=data["to_administration"],
            other_recipient=data["other_recipient"],
            letter_number=data["letter_number"],
            note=data["note"],
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors or "language" not in cleaned or "sent_on" not in cleaned:
            return cleaned
        from measures.reporting.services import dispatch_errors

        for name, messages in dispatch_errors(period=self.period, dispatch=self.dispatch()).items():
            for message in messages:
                self.add_error(name, message)
        return cleaned
