from modeltranslation.translator import TranslationOptions, register

from measures.models import Measure, MeasureIndicator


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "implementation_mechanism", "expected_result")


@register(MeasureIndicator)
class MeasureIndicatorTranslation(TranslationOptions):
    fields = ("name", "unit_of_measure")
