"""python manage.py import_units FILE.csv [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.services import units_import
from regions.unit_rows import read_csv


class Command(BaseCommand):
    help = _(
        "Import administrative units from a CSV with the columns of regions/data/kg_admin_units.csv "
        "(UTF-8). Every row is checked first; if any row fails, nothing is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("CSV file to import"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check and count, but save nothing.")
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            rows = read_csv(file)
        except (OSError, ValueError) as exc:  # UnicodeDecodeError and CsvRefused are ValueErrors
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        report = units_import(rows=rows, dry_run=dry_run)
        lines = report.lines()
        if not report.ok:
            for line in lines[1:]:
                self.stderr.write(line)
            raise CommandError(lines[0])
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line))
