"""python manage.py expire_exports"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from measures.exports import export_jobs_expire


class Command(BaseCommand):
    help = "Delete the background exports (jobs and files) past their time (run hourly or daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{export_jobs_expire()} expired exports deleted")
