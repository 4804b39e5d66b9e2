"""python manage.py send_outbox [--loop] [--interval SECONDS]"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from regionalprogram.mail import deliver_due


class Command(BaseCommand):
    help = (
        "Send the e-mails waiting in the outbox (retrying failed ones after their pause). "
        "With --loop it keeps running, for a service; without it, once, for cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between runs with --loop (30)."
        )

    def handle(self, *args, loop: bool, interval: float, **options):
        while True:
            counts = deliver_due()
            if any(counts.values()):
                self.stdout.write(
                    f"sent {counts['sent']}, failed {counts['failed']}, "
                    f"given up {counts['given_up']}"
                )
            if not loop:
                return
            close_old_connections()  # a database restart between runs is survived
            time.sleep(interval)
