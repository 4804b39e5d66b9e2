from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from regions.models import (
    AdministrativeUnit,
    IndicatorValue,
    SocioEconomicIndicator,
    TerritoryType,
    UnitNameHistory,
)


class UnitNameHistoryInline(TranslationTabularInline):
    model = UnitNameHistory
    extra = 0


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(TabbedTranslationAdmin):
    list_display = ["name", "soate", "level", "parent", "is_current_display"]
    list_filter = ["level", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["name_ky", "name_ru", "name_en", "soate", "internal_note"]
    raw_id_fields = ["parent", "merged_into"]
    readonly_fields = ["tree_path", "depth"]
    ordering = ["tree_path"]
    inlines = [UnitNameHistoryInline]

    @admin.display(description=_("current"), boolean=True)
    def is_current_display(self, obj):
        return obj.is_current


@admin.register(UnitNameHistory)
class UnitNameHistoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "unit", "change", "valid_from", "valid_to"]
    list_filter = ["change"]
    search_fields = ["name_ky", "name_ru", "name_en", "unit__name_ky", "unit__soate"]
    autocomplete_fields = ["unit"]


@admin.register(TerritoryType)
class TerritoryTypeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name_ky", "name_ru", "name_en"]


@admin.register(SocioEconomicIndicator)
class SocioEconomicIndicatorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "unit_of_measure", "decimals"]
    search_fields = ["code", "name_ky", "name_ru", "name_en"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "year", "value"]
    list_filter = ["indicator", "year"]
    search_fields = ["unit__name_ky", "unit__name_ru", "unit__soate", "indicator__code"]
    autocomplete_fields = ["unit", "indicator"]
    list_select_related = ["indicator", "unit"]
