"""python manage.py expire_exports"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from measures.exports import export_jobs_expire, export_jobs_settle


class Command(BaseCommand):
    help = (
        "Delete the background exports (jobs and files) past their time, and fail those whose "
        "worker stopped (run hourly or daily)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{export_jobs_settle()} abandoned exports failed")
        self.stdout.write(f"{export_jobs_expire()} expired exports deleted")
