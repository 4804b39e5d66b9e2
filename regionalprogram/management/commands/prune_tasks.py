"""python manage.py prune_tasks [--days N]"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from regionalprogram.queue import prune_finished


class Command(BaseCommand):
    help = "Delete the records of background tasks that finished more than --days ago (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.TASK_RESULT_DAYS)

    def handle(self, *args, days: int, **options):
        deleted = prune_finished(older_than=datetime.timedelta(days=days))
        self.stdout.write(f"{deleted} finished tasks older than {days} days deleted")
