from django.contrib import admin

from regionalprogram.models import OutboxMail


class RecordAdmin(admin.ModelAdmin):
    """A record written elsewhere, where its rules are checked (each subclass says where): shown,
    never added or changed here. Deleting follows the model's permission unless a subclass says."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(RecordAdmin):
    """A record that is also never removed here."""

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(RecordAdmin):
    """What the portal has sent or still tries to send; read-only (the worker writes it)."""

    list_display = ["created_at", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    exclude = ["raw"]
    readonly_fields = [
        "created_at",
        "subject",
        "from_email",
        "recipients",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
