from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from programs.models import (
    Direction,
    LegalAct,
    Objective,
    Programme,
    ReasonLanguage,
    ResponsibleBody,
)


@register(LegalAct)
class LegalActTranslation(TranslationOptions):
    fields = ("title", "issuer", "issuer_genitive")


@register(ResponsibleBody)
class ResponsibleBodyTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary")


@register(Direction)
class DirectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "description")


# Change history, registered after the translations so the historical models carry the x_ky/x_ru/x_en
# columns too (see measures/translation.py).
track_history(Programme, excluded_fields=["updated_at"], bases=[ReasonLanguage])
track_history(Direction, excluded_fields=["updated_at"], bases=[ReasonLanguage])
track_history(Objective, excluded_fields=["updated_at"], bases=[ReasonLanguage])
