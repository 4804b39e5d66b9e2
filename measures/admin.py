from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from measures.models import (
    FundingLine,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportDispatch,
    ReportEvent,
    ReportEvidence,
    ReportingCycle,
    ReportingPeriod,
    ReportReminder,
    ReportSpending,
    ReportStatus,
)
from measures.services import measure_save
from regionalprogram.admin import ReadOnlyAdmin, ReadOnlyInline, RecordAdmin


class MeasureExecutorInline(admin.TabularInline):
    model = MeasureExecutor
    extra = 0
    autocomplete_fields = ["body"]
    fields = ["body", "in_coordination", "position"]


class FundingLineInline(ReadOnlyInline):
    # Read-only here: a line's amount and the measure's target units carry its allocation to units
    # (measures.allocation), which only the plan editor, the import and the services check.
    model = FundingLine
    fields = ["source", "donor", "year", "planned_amount", "actual_amount"]
    readonly_fields = fields  # actual_amount is not editable: a form naming it fails


class MeasureIndicatorInline(TranslationTabularInline):
    model = MeasureIndicator
    extra = 0
    fields = ["name", "unit_of_measure", "baseline_value", "baseline_year", "position"]
    show_change_link = True


@admin.register(Measure)
class MeasureAdmin(TabbedTranslationAdmin):
    list_display = [
        "number",
        "title",
        "programme",
        "lead_body",
        "deadline_text",
        "status",
        "sample",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["programme", "status", "deadline_kind", "sample", "direction"]
    search_fields = ["number", "title_ky", "title_ru", "title_en"]
    autocomplete_fields = ["programme", "direction", "objective", "lead_body"]
    list_select_related = ["programme", "lead_body"]
    # Target units and funding are edited in the plan editor, which checks their allocation.
    readonly_fields = ["version", "created_at", "updated_at", "target_units"]
    ordering = ["programme", "sort_key"]
    inlines = [MeasureExecutorInline, FundingLineInline, MeasureIndicatorInline]

    def save_model(self, request, obj, form, change):
        # A change in the admin is a change like any other: a new version, so that an editor who
        # opened the measure before gets a conflict instead of overwriting it.
        measure_save(obj, user=request.user)


@admin.register(MeasureExecutor)
class MeasureExecutorAdmin(admin.ModelAdmin):
    list_display = ["measure", "body", "in_coordination", "position"]
    list_filter = ["in_coordination", "measure__programme"]
    search_fields = ["measure__number", "body__name_ky", "body__name_ru"]
    autocomplete_fields = ["measure", "body"]
    list_select_related = ["measure", "body"]


@admin.register(FundingLine)
class FundingLineAdmin(ReadOnlyAdmin):
    """Read-only: funding is edited in the plan editor, which checks its allocation to units."""

    list_display = ["measure", "source", "year", "planned_amount", "actual_amount"]
    list_filter = ["source", "year", "measure__programme"]
    search_fields = ["measure__number", "measure__title_ky", "measure__title_ru"]
    list_select_related = ["measure"]


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(MeasureIndicator)
class MeasureIndicatorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "unit_of_measure", "measure", "baseline_value", "baseline_year"]
    list_filter = ["measure__programme"]
    search_fields = ["name_ky", "name_ru", "name_en", "measure__number"]
    autocomplete_fields = ["measure"]
    list_select_related = ["measure"]
    inlines = [IndicatorTargetInline]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "unit", "target_value"]
    list_filter = ["year"]
    search_fields = ["indicator__name_ky", "indicator__name_ru", "indicator__measure__number"]
    autocomplete_fields = ["indicator", "unit"]
    list_select_related = ["indicator", "unit"]


class IndicatorActualInline(ReadOnlyInline):
    model = IndicatorActual
    fields = ["indicator", "year", "unit", "value"]


class ReportSpendingInline(ReadOnlyInline):
    model = ReportSpending
    fields = ["source", "donor", "amount"]


class ReportEvidenceInline(ReadOnlyInline):
    model = ReportEvidence
    fields = ["title", "original_name", "content_type", "link", "uploaded_at"]


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = ["at", "action", "user", "comment"]


@admin.register(ProgressReport)
class ProgressReportAdmin(RecordAdmin):
    """Read-only: reports move only through the reporting pages (measures.reporting.services),
    which keep the plan's spent amounts equal to the accepted reports. A draft may be deleted."""

    list_display = ["measure", "reporting_body", "period", "percent_complete", "status"]
    list_filter = [
        "status",
        "period__cycle__kind",
        "period__year",
        "measure__programme",
        "sample",
    ]
    search_fields = ["measure__number", "measure__title_ky", "reporting_body__name_ky", "text_ky"]
    list_select_related = ["measure", "reporting_body", "period__cycle"]
    inlines = [IndicatorActualInline, ReportSpendingInline, ReportEvidenceInline, ReportEventInline]

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == ReportStatus.DRAFT


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    """Saving a cycle brings its periods in line (measures.reporting.services)."""

    list_display = ["programme", "kind", "due_day", "due_months_after"]
    list_filter = ["kind", "programme"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(RecordAdmin):
    """Periods follow their cycle (measures.reporting.services)."""

    list_display = ["__str__", "cycle", "start", "end", "due_date"]
    list_filter = ["cycle__programme", "cycle__kind", "year"]
    list_select_related = ["cycle__programme"]


@admin.register(ReportReminder)
class ReportReminderAdmin(RecordAdmin):
    """What send_reminders has sent: a record, never edited by hand (deleting one lets the
    reminder go out again)."""

    list_display = ["sent_at", "recipient", "measure", "reporting_body", "period", "kind"]
    list_filter = ["kind", "scheduled_for"]
    search_fields = ["recipient__username", "recipient__email", "measure__number"]
    list_select_related = ["recipient", "measure", "reporting_body", "period__cycle"]
    date_hierarchy = "sent_at"


@admin.register(ReportDispatch)
class ReportDispatchAdmin(ReadOnlyAdmin):
    """Sendings of the consolidated report: recorded on the programme's consolidated-report page
    only (with the file as sent), and never changed or removed."""

    list_display = ["sent_on", "period", "language", "to_cabinet", "to_administration", "sha256"]
    list_filter = ["language", "to_cabinet", "to_administration"]
    list_select_related = ["period__cycle__programme"]
    date_hierarchy = "sent_on"
