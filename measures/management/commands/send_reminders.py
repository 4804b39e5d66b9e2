"""E-mail reporters about their body's reports due in 7 days, due tomorrow and overdue.

    python manage.py send_reminders [--date YYYY-MM-DD] [--dry-run] [--enqueue]

Meant to run once a day from cron (README, Monitoring); with --enqueue the cron line only queues
the run (measures.tasks.send_reminders) for a worker on any node. Each reminder is sent once: running it
twice on a day, or two runs at once, sends nothing twice. The rule: measures/reminders.py.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from measures.reminders import reminders_send
from measures.tasks import send_reminders


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r}: write the day as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "E-mail reporters about reports due in 7 days, due tomorrow and overdue (daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="run as of this day (YYYY-MM-DD), e.g. to catch up a missed day; default today",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be sent; send nothing"
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the run for a worker (db_worker)"
        )

    def handle(self, *args, date=None, dry_run=False, enqueue=False, **options):
        today = iso_date(date) if date else timezone.localdate()
        if enqueue:
            if dry_run:
                raise CommandError("--dry-run lists here and now; leave out --enqueue.")
            queued = send_reminders.enqueue(today=today.isoformat())
            self.stdout.write(f"{today.isoformat()}: reminders queued as task {queued.id}")
            return
        result = reminders_send(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for reminder in result.sent:
            self.stdout.write(
                f"{verb} {reminder.kind}: {reminder.recipient.email} — "
                f"{reminder.measure.programme.code} {reminder.measure.number}, "
                f"{reminder.period.year}/{reminder.period.number} {reminder.period.cycle.kind}, "
                f"due {reminder.period.due_date.isoformat()}"
            )
        for user, error in result.failed:
            self.stderr.write(f"failed: {user.email}: {error}")
        self.stdout.write(
            f"{today.isoformat()}: {len(result.sent)} reminders {verb} in {result.e_mails} "
            f"e-mails, {result.already_sent} already sent before, "
            f"{len(result.failed)} recipients failed"
        )
        if result.failed:
            raise CommandError(
                f"{len(result.failed)} recipients could not be e-mailed; their reminders are "
                "not recorded and go out on the next run."
            )
