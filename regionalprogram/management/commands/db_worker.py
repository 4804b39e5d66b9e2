"""python manage.py db_worker [--queue NAME …] [--batch] [--max-tasks N] [--interval SECONDS]"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from regionalprogram.queue import GracefulStop, run_worker


class Command(BaseCommand):
    help = (
        "Run the background tasks queued in the database (mail, reminders, exports, reports). "
        "Start one or more on any node; SIGTERM lets the current task finish."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            default=[],
            help="Only this queue (repeatable); default: every queue.",
        )
        parser.add_argument("--backend", default="default", help="The TASKS alias (default).")
        parser.add_argument(
            "--batch", action="store_true", help="Run what is due, then exit (for cron or tests)."
        )
        parser.add_argument("--max-tasks", type=int, help="Exit after this many tasks.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls when idle (1)."
        )
        parser.add_argument("--worker-id", help="A name for the logs (default: random).")

    def handle(self, *args, queues, backend, batch, max_tasks, interval, worker_id, **options):
        with GracefulStop() as stop:
            ran = run_worker(
                queues=queues,
                backend=backend,
                batch=batch,
                max_tasks=max_tasks,
                interval=interval,
                worker_id=worker_id,
                should_stop=stop,
            )
        if batch or max_tasks:
            self.stdout.write(f"{ran} tasks run")
