from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from measures.models import (
    ExportJob,
    FundingAllocation,
    FundingLine,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
)
from programs.models import ReasonLanguage


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("title", "implementation_mechanism", "expected_result")


@register(MeasureIndicator)
class MeasureIndicatorTranslation(TranslationOptions):
    fields = ("name", "unit_of_measure")


@register(ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    # Required in the reporter's language only (checked on submission), so no field is required.
    fields = ("text", "delay_reason")


# Change history. Registered here, after the translations, because the historical model copies the
# model's fields when it is built: built any earlier it would miss title_ky/title_ru/title_en and a
# change of the Russian title would leave no trace.
track_history(
    Measure,
    m2m_fields=["target_units"],
    excluded_fields=["updated_at", "plan_key", "search_text"],
    bases=[ReasonLanguage],
)
track_history(MeasureExecutor, bases=[ReasonLanguage])
track_history(FundingLine, bases=[ReasonLanguage])
track_history(FundingAllocation, bases=[ReasonLanguage])
track_history(MeasureIndicator, bases=[ReasonLanguage])
track_history(IndicatorTarget, bases=[ReasonLanguage])


@register(ExportJob)
class ExportJobTranslation(TranslationOptions):
    # The error as each language reads it; written whole by measures.exports.
    fields = ("error",)
