"""Mail goes through an outbox table on the portal's own PostgreSQL (no second broker).

``OutboxBackend`` is Django's EMAIL_BACKEND: every ``send()``/``send_mail`` of the portal — proposal
status, invitations, reminders, password resets — stores the finished message in the caller's
transaction and returns at once, so a mail server that is down never fails the user's action and
a rolled-back action sends nothing. After the commit a background task (``regionalprogram.tasks.
deliver_outbox``, run by ``manage.py db_worker`` on any node) makes the first attempt, so the
request never waits for the mail server; whatever fails waits with growing pauses (1, 2, 4 …
minutes, at most 6 hours) for ``manage.py send_outbox``, which production runs from cron (or as a
service, ``--loop``), also the fallback when no worker runs, and is given up after
``MAX_ATTEMPTS`` with an error in the log. The real transport is MAIL_DELIVERY_BACKEND (the
``EMAIL_BACKEND`` environment variable: SMTP, or the console in development).
"""

from __future__ import annotations

import contextlib
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # about a day and a half of pauses
FIRST_PAUSE = datetime.timedelta(minutes=1)
LONGEST_PAUSE = datetime.timedelta(hours=6)
BATCH = 100


class OutboxBackend(BaseEmailBackend):
    """Queues messages in OutboxMail; delivery happens after the commit (see ``deliver_due``)."""

    def send_messages(self, email_messages) -> int:
        from regionalprogram.models import OutboxMail

        ids = []
        for message in email_messages:
            if not message.recipients():
                continue
            raw = message.message().as_bytes()  # also validates the headers, as a backend does
            row = OutboxMail.objects.create(
                subject=str(message.subject)[:998],
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                recipients=list(message.recipients()),
                body=message.body if isinstance(message.body, str) else "",
                raw=raw,
            )
            ids.append(row.pk)
        if ids and getattr(settings, "OUTBOX_SEND_AFTER_COMMIT", True):
            # robust: a queue that cannot be written leaves the mail to send_outbox, and the
            # user's committed action is not turned into an error page.
            transaction.on_commit(lambda: _enqueue_delivery(ids), robust=True)
        return len(ids)


def _enqueue_delivery(ids: list[int]) -> None:
    from regionalprogram.tasks import deliver_outbox

    deliver_outbox.enqueue(ids=ids)


class _StoredMime:
    """The stored message, as a backend asks for it (``as_bytes``, ``get_charset``)."""

    def __init__(self, raw: bytes):
        self.raw = bytes(raw)

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw.replace(b"\r\n", b"\n").replace(b"\n", linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("ascii", "replace")

    def get_charset(self):
        return None


class StoredMessage(EmailMessage):
    """An outbox row as an EmailMessage: the exact MIME bytes that were queued are sent."""

    def __init__(self, row):
        super().__init__(subject=row.subject, body=row.body, from_email=row.from_email)
        self._recipients = list(row.recipients)
        self._mime = _StoredMime(row.raw)
        self.outbox_id = row.pk

    def recipients(self):
        return self._recipients

    def message(self, *args, **kwargs):
        return self._mime


def pause_after(attempts: int) -> datetime.timedelta:
    return min(FIRST_PAUSE * (2 ** max(attempts - 1, 0)), LONGEST_PAUSE)


def deliver_due(*, ids=None, now=None, limit: int = BATCH) -> dict[str, int]:
    """Send the due messages (or only ``ids`` among them); returns counts of sent/failed/given up.

    Rows are locked with SKIP LOCKED, so two workers (or a worker and a request's attempt) never
    send one message twice. A failure is recorded on its row and ends the batch: the transport is
    likely down, and the next run tries again.
    """
    from regionalprogram.models import OutboxMail, OutboxStatus

    counts = {"sent": 0, "failed": 0, "given_up": 0}
    now = now or timezone.now()
    try:
        with transaction.atomic():
            rows = OutboxMail.objects.select_for_update(skip_locked=True).filter(
                status=OutboxStatus.PENDING, next_attempt_at__lte=now
            )
            if ids is not None:
                rows = rows.filter(pk__in=ids)
            rows = list(rows.order_by("next_attempt_at", "id")[:limit])
            if not rows:
                return counts
            connection = get_connection(
                settings.MAIL_DELIVERY_BACKEND, fail_silently=False, timeout=settings.EMAIL_TIMEOUT
            )
            for row in rows:
                row.attempts += 1
                try:
                    connection.send_messages([StoredMessage(row)])
                except Exception as error:  # any transport error: keep it and try later
                    row.last_error = f"{error.__class__.__name__}: {error}"[:2000]
                    if row.attempts >= MAX_ATTEMPTS:
                        row.status = OutboxStatus.FAILED
                        counts["given_up"] += 1
                        logger.error("Gave up e-mail %s to %s: %s", row.pk, row.recipients, error)
                    else:
                        row.next_attempt_at = now + pause_after(row.attempts)
                        counts["failed"] += 1
                        logger.warning(
                            "E-mail %s not sent (attempt %s): %s", row.pk, row.attempts, error
                        )
                    row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                    break
                row.status = OutboxStatus.SENT
                row.sent_at = timezone.now()
                row.last_error = ""
                row.save(update_fields=["attempts", "last_error", "status", "sent_at"])
                counts["sent"] += 1
            with contextlib.suppress(Exception):  # a close that fails changes nothing sent
                connection.close()
    except Exception:  # the database itself: the user's action is done; the worker retries
        logger.exception("The outbox could not be delivered")
    return counts
