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
    ReportEvidence,
)
from measures.services import measure_save


class MeasureExecutorInline(admin.TabularInline):
    model = MeasureExecutor
    extra = 0
    autocomplete_fields = ["body"]
    fields = ["body", "in_coordination", "position"]


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    autocomplete_fields = ["donor"]
    fields = ["source", "donor", "year", "planned_amount", "actual_amount"]


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
    autocomplete_fields = ["programme", "direction", "objective", "lead_body", "target_units"]
    list_select_related = ["programme", "lead_body"]
    readonly_fields = ["version", "created_at", "updated_at"]
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
class FundingLineAdmin(admin.ModelAdmin):
    list_display = ["measure", "source", "year", "planned_amount", "actual_amount"]
    list_filter = ["source", "year", "measure__programme"]
    search_fields = ["measure__number", "measure__title_ky", "measure__title_ru"]
    autocomplete_fields = ["measure", "donor"]
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


class IndicatorActualInline(admin.TabularInline):
    model = IndicatorActual
    extra = 0
    autocomplete_fields = ["indicator"]


class ReportEvidenceInline(admin.TabularInline):
    model = ReportEvidence
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = [
        "measure",
        "reporting_body",
        "period_kind",
        "period_year",
        "period_number",
        "percent_complete",
        "status",
    ]
    list_filter = ["status", "period_kind", "period_year", "measure__programme"]
    search_fields = ["measure__number", "measure__title_ky", "reporting_body__name_ky", "text"]
    autocomplete_fields = ["measure", "reporting_body", "author", "reviewed_by"]
    list_select_related = ["measure", "reporting_body"]
    inlines = [IndicatorActualInline, ReportEvidenceInline]


@admin.register(IndicatorActual)
class IndicatorActualAdmin(admin.ModelAdmin):
    list_display = ["report", "indicator", "value"]
    autocomplete_fields = ["report", "indicator"]
    search_fields = ["indicator__name_ky", "report__measure__number"]


@admin.register(ReportEvidence)
class ReportEvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "report", "link"]
    search_fields = ["title"]
    autocomplete_fields = ["report"]
