"""Report reminders: which reporter is told about which report on which day, and the sending.

A reporter (measures.reporting.permissions.reporting_body) is reminded of every report their body
still owes in an open period (measures.reporting.reporter_work: the measures the body leads or
co-executes, reports neither submitted nor accepted):

- **due soon**, 7 days before the due date (or later, up to 2 days before, for a report that
  came due sooner than that, e.g. a measure added to the plan late);
- **due tomorrow**, the day before the due date (or on the due date itself, if the day before was
  missed);
- **overdue**, the day after the due date and then every 7 days, for as long as the period is the
  last closed one of its cycle.

Each of these is one ``ReportReminder`` (recipient, measure, body, period, kind, the day it is
scheduled for). A run sends what is due and not yet recorded, one e-mail per recipient in their
language (Profile.language), and records it in the same transaction as the sending: a mail that
fails is not recorded (and is tried again by the next run), and a second run, even one running at
the same moment, finds the unique row and sends nothing twice.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from measures.models import (
    Measure,
    ProgressReport,
    ReminderKind,
    ReportingPeriod,
    ReportReminder,
    ReportStatus,
)
from measures.reporting.queries import reporter_work

logger = logging.getLogger(__name__)

REPORTER_PERMISSION = "measures.add_progressreport"
DUE_SOON_DAYS = 7
OVERDUE_EVERY_DAYS = 7
# Reports in these states need nothing more from the body.
DONE_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
# A hanging mail server must not hang the daily run.
MAIL_TIMEOUT_SECONDS = 30


def reminder_slot(due: datetime.date, today: datetime.date) -> tuple[str, datetime.date] | None:
    """The reminder that belongs to ``today`` for a report due on ``due``: its kind and the day
    it is scheduled for, or None when no reminder is due today."""
    days_left = (due - today).days
    if 2 <= days_left <= DUE_SOON_DAYS:
        return ReminderKind.DUE_SOON, due - datetime.timedelta(days=DUE_SOON_DAYS)
    if days_left in (0, 1):
        return ReminderKind.DUE_TOMORROW, due - datetime.timedelta(days=1)
    if days_left < 0:
        weeks = (-days_left - 1) // OVERDUE_EVERY_DAYS
        first = due + datetime.timedelta(days=1)
        return ReminderKind.OVERDUE, first + datetime.timedelta(days=OVERDUE_EVERY_DAYS * weeks)
    return None


@dataclass
class Reminder:
    recipient: object
    body_id: int
    measure: Measure
    period: ReportingPeriod
    report: ProgressReport | None
    kind: str
    scheduled_for: datetime.date

    @property
    def key(self) -> tuple:
        return (
            self.recipient.pk,
            self.measure.pk,
            self.body_id,
            self.period.pk,
            self.kind,
            self.scheduled_for,
        )


@dataclass
class RunResult:
    sent: list[Reminder] = field(default_factory=list)
    already_sent: int = 0
    failed: list[tuple[object, str]] = field(default_factory=list)
    e_mails: int = 0


def reporters():
    """Active users who report for a body (its reporters' permission and a body on their
    profile) and have an e-mail address."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            REPORTER_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(profile__body__isnull=False)
        .exclude(email="")
        .select_related("profile")
        .order_by("pk")
    )


def reminders_due(today: datetime.date) -> list[Reminder]:
    """Every reminder that belongs to ``today``, recorded or not."""
    owed_by_body: dict[int, list] = {}
    reminders = []
    for user in reporters():
        body_id = user.profile.body_id
        if body_id not in owed_by_body:
            # What a body owes does not depend on which of its reporters asks.
            owed_by_body[body_id] = [
                row
                for row in reporter_work(user, today)
                if row.period.pk in row.measure.open_period_ids
                and (row.report is None or row.report.status not in DONE_STATUSES)
            ]
        for row in owed_by_body[body_id]:
            slot = reminder_slot(row.period.due_date, today)
            if slot is None:
                continue
            reminders.append(
                Reminder(
                    recipient=user,
                    body_id=body_id,
                    measure=row.measure,
                    period=row.period,
                    report=row.report,
                    kind=slot[0],
                    scheduled_for=slot[1],
                )
            )
    return reminders


def recorded_keys(reminders: list[Reminder]) -> set[tuple]:
    if not reminders:
        return set()
    days = {r.scheduled_for for r in reminders}
    rows = ReportReminder.objects.filter(
        recipient__in={r.recipient.pk for r in reminders}, scheduled_for__in=days
    ).values_list(
        "recipient_id", "measure_id", "reporting_body_id", "period_id", "kind", "scheduled_for"
    )
    return set(rows)


def when_text(due: datetime.date, today: datetime.date) -> str:
    days = (due - today).days
    if days > 1:
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    if days == 1:
        return _("tomorrow")
    if days == 0:
        return _("today")
    return ngettext("%(count)d day overdue", "%(count)d days overdue", -days) % {"count": -days}


def portal_link(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def reminder_message(user, reminders: list[Reminder], today: datetime.date):
    """The e-mail to one reporter, in their language: overdue reports first, then by due date."""
    language = getattr(user.profile, "language", "") or settings.LANGUAGE_CODE
    reminders = sorted(
        reminders,
        key=lambda r: (r.period.due_date, r.measure.programme.code, r.measure.sort_key),
    )
    with translation.override(language):
        items = [
            {
                "programme": r.measure.programme.code,
                "number": r.measure.number,
                "title": r.measure.title,
                "period": r.period.label,
                "due_date": r.period.due_date,
                "when": when_text(r.period.due_date, today),
                "report_status": r.report.get_status_display() if r.report else "",
                "url": portal_link(
                    reverse("reports:report_form", args=[r.measure.pk, r.period.pk])
                ),
            }
            for r in reminders
        ]
        overdue = any(r.kind == ReminderKind.OVERDUE for r in reminders)
        context = {
            "user": user,
            "body": user.profile.body,
            "items": items,
            "overdue": overdue,
            "my_reports_url": portal_link(reverse("reports:my_reports")),
        }
        subject = " ".join(render_to_string("measures/email/reminder_subject.txt", context).split())
        body = render_to_string("measures/email/reminder_body.txt", context)
    return EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT or MAIL_TIMEOUT_SECONDS),
    )


def _send_to(user, reminders: list[Reminder], today: datetime.date, result: RunResult) -> None:
    """Record the user's reminders and send them in one e-mail, in one transaction: if the mail
    fails, nothing is recorded. A reminder another run has recorded (or is recording: the insert
    waits for that run's transaction) is left out."""
    with transaction.atomic():
        claimed = []
        # Always in the same order, so that two runs never wait for each other crosswise.
        for reminder in sorted(reminders, key=lambda r: r.key):
            try:
                with transaction.atomic():
                    ReportReminder.objects.create(
                        recipient=user,
                        measure=reminder.measure,
                        reporting_body_id=reminder.body_id,
                        period=reminder.period,
                        kind=reminder.kind,
                        scheduled_for=reminder.scheduled_for,
                    )
            except IntegrityError:
                result.already_sent += 1
                continue
            claimed.append(reminder)
        if claimed:
            reminder_message(user, claimed, today).send()
            result.sent += claimed
            result.e_mails += 1


def reminders_send(*, today: datetime.date | None = None, dry_run: bool = False) -> RunResult:
    """Send every reminder that belongs to ``today`` and was not sent yet. A recipient whose mail
    fails is logged and skipped (their reminders stay unrecorded); the others still get theirs.
    With ``dry_run`` nothing is sent or recorded: ``sent`` lists what would go out."""
    today = today or timezone.localdate()
    result = RunResult()
    due = reminders_due(today)
    recorded = recorded_keys(due)
    by_user: dict[int, list[Reminder]] = defaultdict(list)
    users = {}
    for reminder in due:
        if reminder.key in recorded:
            result.already_sent += 1
            continue
        by_user[reminder.recipient.pk].append(reminder)
        users[reminder.recipient.pk] = reminder.recipient
    for user_id, reminders in by_user.items():
        user = users[user_id]
        if dry_run:
            result.sent += reminders
            result.e_mails += 1
            continue
        try:
            _send_to(user, reminders, today, result)
        except Exception as exc:  # any mail error: the others must still get theirs
            logger.exception("Report reminders to %s (user %s) failed", user.email, user.pk)
            result.failed.append((user, str(exc)))
    return result
