from modeltranslation.translator import TranslationOptions, register

from regions.models import (
    AdministrativeUnit,
    SocioEconomicIndicator,
    TerritoryType,
    UnitNameHistory,
)


@register(AdministrativeUnit)
class AdministrativeUnitTranslation(TranslationOptions):
    fields = ("name", "public_note", "administrative_centre")


@register(UnitNameHistory)
class UnitNameHistoryTranslation(TranslationOptions):
    fields = ("name", "legal_basis")


@register(TerritoryType)
class TerritoryTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SocioEconomicIndicator)
class SocioEconomicIndicatorTranslation(TranslationOptions):
    fields = ("name", "unit_of_measure", "source")
