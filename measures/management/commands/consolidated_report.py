"""Write the consolidated report on one reporting period of a programme as the official .docx."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from measures.models import REPORT_LANGUAGES, ReportingPeriod
from measures.plan_io import consolidated_docx

PERIOD_RE = re.compile(r"^(?P<kind>quarter|half_year|year)/(?P<year>\d{4})/(?P<number>\d)$")


class Command(BaseCommand):
    help = (
        "Write the consolidated report on a reporting period (from accepted reports only) as "
        ".docx, e.g. consolidated_report REG-2025-2030 half_year/2026/1 --lang ru -o report.docx"
    )

    def add_arguments(self, parser):
        parser.add_argument("programme", help="programme code, e.g. REG-2025-2030")
        parser.add_argument(
            "period", help="kind/year/number: half_year/2026/1, quarter/2026/3, year/2026/1"
        )
        parser.add_argument("--lang", choices=REPORT_LANGUAGES, default="ky")
        parser.add_argument("-o", "--output", required=True, help="the file to write")

    def handle(self, *args, **options):
        match = PERIOD_RE.match(options["period"])
        if match is None:
            raise CommandError(
                f"{options['period']!r} is not a period: write it as half_year/2026/1, "
                "quarter/2026/3 or year/2026/1."
            )
        try:
            period = ReportingPeriod.objects.select_related("cycle__programme").get(
                cycle__programme__code=options["programme"],
                cycle__kind=match["kind"],
                year=int(match["year"]),
                number=int(match["number"]),
            )
        except ReportingPeriod.DoesNotExist:
            raise CommandError(
                f"The programme {options['programme']!r} has no period {options['period']!r}."
            ) from None
        content = consolidated_docx.report_bytes(period, options["lang"])
        try:
            with open(options["output"], "wb") as target:
                target.write(content)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from None
        self.stdout.write(f"wrote {options['output']}: {len(content)} bytes")
