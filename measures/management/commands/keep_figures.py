"""python manage.py keep_figures"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from measures.figures import keep_all


class Command(BaseCommand):
    help = (
        "Sum and keep every programme's whole-plan figures (home, programme page, dashboard) now: "
        "run it after a deployment or a cache flush, so that no reader waits for them."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{keep_all()} sets of figures summed and kept")
