from modeltranslation.translator import TranslationOptions, register

from meetings.models import AgendaItem, Decision, Meeting, WorkingGroup, WorkingGroupMember


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(WorkingGroupMember)
class WorkingGroupMemberTranslation(TranslationOptions):
    fields = ("position",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("place", "minutes_summary", "news_title", "news_text")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "minutes_text")


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)
