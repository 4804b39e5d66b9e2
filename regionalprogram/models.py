"""The portal's own infrastructure tables (no domain): the mail outbox."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("given up")


class OutboxMail(models.Model):
    """One e-mail the portal sends, kept in the same database as the action that caused it.

    It is written in the action's transaction (so a rolled-back action sends nothing), sent after
    the commit, and retried with growing pauses until it goes or the attempts run out; see
    ``regionalprogram.mail``.
    """

    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    subject = models.CharField(_("subject"), max_length=998)
    from_email = models.CharField(_("from"), max_length=500)
    recipients = models.JSONField(_("recipients"), default=list)
    body = models.TextField(_("text"), blank=True)
    raw = models.BinaryField(_("message as sent (MIME)"))
    status = models.CharField(
        _("status"), max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_due",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class QueuedTask(models.Model):
    """One background task on the portal's own PostgreSQL (``regionalprogram.queue``).

    The row is written in the caller's transaction, so a rolled-back action queues nothing; any
    node's ``manage.py db_worker`` takes due rows with SKIP LOCKED, so two workers never run one
    task twice.
    """

    id = models.CharField(primary_key=True, max_length=64, editable=False)
    task_path = models.CharField(_("task"), max_length=300)
    queue_name = models.CharField(_("queue"), max_length=100, default="default")
    backend_name = models.CharField(_("backend"), max_length=100, default="default")
    priority = models.SmallIntegerField(_("priority"), default=0)
    args = models.JSONField(_("arguments"), default=list)
    kwargs = models.JSONField(_("keyword arguments"), default=dict)
    status = models.CharField(_("status"), max_length=20, default="READY")
    enqueued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    run_after = models.DateTimeField(_("not before"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    last_attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    worker_ids = models.JSONField(_("workers"), default=list)
    return_value = models.JSONField(_("result"), null=True, blank=True)
    exception_class_path = models.CharField(_("error"), max_length=300, blank=True)
    traceback = models.TextField(_("traceback"), blank=True)

    class Meta:
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
        ordering = ["-enqueued_at"]
        indexes = [
            # What a worker asks for: ready tasks of its queues, highest priority, oldest first.
            models.Index(
                "queue_name",
                models.F("priority").desc(),
                "enqueued_at",
                condition=models.Q(status="READY"),
                name="queued_task_ready",
            ),
            models.Index(fields=["finished_at"], name="queued_task_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.status})"
