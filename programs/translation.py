from modeltranslation.translator import TranslationOptions, register

from programs.models import Direction, LegalAct, Objective, Programme, ResponsibleBody


@register(LegalAct)
class LegalActTranslation(TranslationOptions):
    fields = ("title", "issuer")


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
