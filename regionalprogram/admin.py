from django.contrib import admin

from regionalprogram.models import OutboxMail, QueuedTask


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


@admin.register(QueuedTask)
class QueuedTaskAdmin(admin.ModelAdmin):
    """The background queue (regionalprogram.queue): what waits, runs, ran or failed; read-only
    (workers write it). A task left *running* by a killed worker is visible here."""

    list_display = ["enqueued_at", "task_path", "queue_name", "status", "started_at", "finished_at"]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path", "id"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
