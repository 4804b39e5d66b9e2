from django.contrib import admin

from regionalprogram.models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
