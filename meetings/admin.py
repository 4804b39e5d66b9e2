from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DemoDatabase,
    Meeting,
    MinutesAmendment,
    Proposal,
    ProposalAttachment,
    ProposalEvent,
    WorkingGroup,
    WorkingGroupMember,
)


class MemberInline(TranslationTabularInline):
    model = WorkingGroupMember
    extra = 0
    autocomplete_fields = ["body", "user"]
    fields = ["full_name", "position", "body", "role", "user", "email", "date_from", "date_to"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "programme", "founding_act"]
    search_fields = ["slug", "name_ky", "name_ru", "name_en"]
    autocomplete_fields = ["programme", "founding_act"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MemberInline]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(TabbedTranslationAdmin):
    list_display = ["full_name", "group", "role", "body", "date_from", "date_to"]
    list_filter = ["group", "role", "sample"]
    search_fields = ["full_name", "body__name_ky", "body__name_ru"]
    autocomplete_fields = ["group", "body", "user"]
    list_select_related = ["group", "body"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "presenter", "presenter_body"]
    autocomplete_fields = ["presenter_body"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["member", "body"]


class DecisionInline(TranslationTabularInline):
    model = Decision
    extra = 0
    fields = ["number", "text", "responsible_body", "deadline", "status"]
    autocomplete_fields = ["responsible_body"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "group",
        "starts_at",
        "format",
        "status",
        "minutes_status",
        "news_published_at",
    ]
    list_filter = ["group", "status", "format", "minutes_status", "sample"]
    search_fields = ["place_ky", "place_ru", "news_title_ky", "news_title_ru"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["group", "minutes_approved_by"]
    list_select_related = ["group"]
    inlines = [AgendaItemInline, AttendanceInline, DecisionInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "meeting", "presenter"]
    search_fields = ["title_ky", "title_ru", "title_en"]
    autocomplete_fields = ["meeting", "presenter_body"]
    list_select_related = ["meeting"]


@admin.register(MinutesAmendment)
class MinutesAmendmentAdmin(admin.ModelAdmin):
    list_display = ["meeting", "agenda_item", "author", "created_at"]
    search_fields = ["text", "reason"]
    autocomplete_fields = ["meeting", "agenda_item", "author"]
    list_select_related = ["meeting", "author"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "body", "present"]
    list_filter = ["present", "meeting__group", "sample"]
    search_fields = ["attendee_name", "member__full_name", "body__name_ky", "body__name_ru"]
    autocomplete_fields = ["meeting", "member", "body"]
    list_select_related = ["meeting", "member", "body"]


@admin.register(Decision)
class DecisionAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "meeting", "responsible_body", "deadline", "status"]
    list_filter = ["status", "meeting__group", "sample"]
    search_fields = ["number", "text_ky", "text_ru", "text_en"]
    autocomplete_fields = ["meeting", "agenda_item", "responsible_body", "measures", "proposals"]
    list_select_related = ["meeting", "responsible_body"]


class ProposalAttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0


class ProposalEventInline(admin.TabularInline):
    """The status history is a record: read-only here too."""

    model = ProposalEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "status_from", "status_to", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "author_body", "target_kind", "status", "submitted_at"]
    list_filter = ["status", "target_kind", "programme", "group", "sample"]
    search_fields = ["title", "text", "author_body__name_ky", "author_body__name_ru"]
    autocomplete_fields = [
        "group",
        "programme",
        "author",
        "author_body",
        "direction",
        "objective",
        "measure",
        "agenda_item",
        "resulting_measure",
        "duplicate_of",
    ]
    list_select_related = ["programme", "author_body"]
    inlines = [ProposalAttachmentInline, ProposalEventInline]


@admin.register(ProposalAttachment)
class ProposalAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "proposal", "content_type", "size"]
    search_fields = ["original_name", "proposal__title"]
    autocomplete_fields = ["proposal"]


@admin.register(DemoDatabase)
class DemoDatabaseAdmin(admin.ModelAdmin):
    """Shown so an administrator can see that (and since when) a database holds the demo; written
    only by seed_demo. Deleting the row makes the next seed_demo ask for the opt-in again."""

    list_display = ["how", "created_at"]
    readonly_fields = ["how", "accounts", "created_at"]

    def has_add_permission(self, request):
        return False
