from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from programs.models import (
    Direction,
    LegalAct,
    Objective,
    Profile,
    Programme,
    ProgrammeLegalAct,
    ProgrammeTerritory,
    ResponsibleBody,
)


@admin.register(LegalAct)
class LegalActAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "kind", "number", "date", "issuer"]
    list_filter = ["kind"]
    search_fields = ["number", "title_ky", "title_ru", "title_en"]
    date_hierarchy = "date"


@admin.register(ResponsibleBody)
class ResponsibleBodyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "short_name", "kind", "territory", "valid_to", "successor", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_ky", "name_ru", "name_en", "short_name_ky", "short_name_ru"]
    autocomplete_fields = ["parent", "territory", "successor", "reorganisation_act"]
    list_select_related = ["territory", "successor"]


class ProgrammeLegalActInline(admin.TabularInline):
    model = ProgrammeLegalAct
    extra = 0
    autocomplete_fields = ["legal_act"]


class DirectionInline(TranslationTabularInline):
    model = Direction
    extra = 0
    fields = ["number", "position", "title", "archived_at"]


class ProgrammeTerritoryInline(admin.TabularInline):
    model = ProgrammeTerritory
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Programme)
class ProgrammeAdmin(TabbedTranslationAdmin):
    list_display = ["code", "title", "period_start_year", "period_end_year", "status", "lead_body"]
    list_filter = ["status", "reporting_period"]
    search_fields = ["code", "title_ky", "title_ru", "title_en"]
    autocomplete_fields = ["lead_body", "superseded_by"]
    list_select_related = ["lead_body"]
    inlines = [ProgrammeLegalActInline, DirectionInline, ProgrammeTerritoryInline]


@admin.register(ProgrammeLegalAct)
class ProgrammeLegalActAdmin(admin.ModelAdmin):
    list_display = ["programme", "legal_act", "role"]
    list_filter = ["role", "programme"]
    autocomplete_fields = ["programme", "legal_act"]


@admin.register(ProgrammeTerritory)
class ProgrammeTerritoryAdmin(admin.ModelAdmin):
    list_display = ["unit", "territory_type", "programme"]
    list_filter = ["programme", "territory_type", "sample"]
    search_fields = ["unit__name_ky", "unit__name_ru", "unit__soate"]
    autocomplete_fields = ["programme", "unit"]


class ObjectiveInline(TranslationTabularInline):
    model = Objective
    extra = 0
    fields = ["number", "position", "title", "archived_at"]


@admin.register(Direction)
class DirectionAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "programme", "position", "archived_at"]
    list_filter = ["programme", ("archived_at", admin.EmptyFieldListFilter), "sample"]
    search_fields = ["number", "title_ky", "title_ru", "title_en"]
    autocomplete_fields = ["programme"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "direction", "position", "archived_at"]
    list_filter = ["direction__programme", "sample"]
    search_fields = ["number", "title_ky", "title_ru", "title_en"]
    autocomplete_fields = ["direction"]
    list_select_related = ["direction"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "position", "phone"]
    search_fields = ["user__username", "user__last_name", "body__name_ky", "body__name_ru"]
    autocomplete_fields = ["user", "body"]
    filter_horizontal = ["programmes"]
    list_select_related = ["user", "body"]
