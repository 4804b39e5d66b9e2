"""Export a programme's action plan as the official table (.xlsx or .docx) in ky, ru or en."""

from __future__ import annotations

import shutil

from django.core.management.base import BaseCommand, CommandError

from measures.models import Measure
from measures.plan_io import exporter
from programs.models import Programme
from regionalprogram.languages import LANGUAGE_CODES


class Command(BaseCommand):
    help = "Export an action plan in the official layout (.xlsx or .docx)."

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="programme code, e.g. REG-2025-2030")
        parser.add_argument("--format", choices=sorted(exporter.FORMATS), default="xlsx")
        parser.add_argument("--lang", choices=LANGUAGE_CODES, default="ky")
        parser.add_argument("-o", "--output", required=True, help="the file to write")

    def handle(self, *args, **options):
        try:
            programme = Programme.objects.get(code=options["programme"])
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the code {options['programme']!r}.") from None
        queryset = Measure.objects.active().filter(programme=programme)
        with exporter.export_file(
            programme, queryset, fmt=options["format"], lang=options["lang"]
        ) as source:
            try:
                with open(options["output"], "wb") as target:
                    shutil.copyfileobj(source, target)
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from None
        self.stdout.write(
            f"wrote {options['output']}: {queryset.count()} measures of {programme.code}"
        )
