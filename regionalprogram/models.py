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
