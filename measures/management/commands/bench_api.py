"""Measure what people and partners wait for, on synthetic plans of several sizes (make bench).

    python manage.py bench_api [--sizes "1000 10000 100000"] [--rounds 30] [--heavy-rounds 3]
                               [--in-place] [--output .bench/results.json]

For each size it makes a throwaway database on the same server (``<name>_bench_<size>``),
migrates it, fills it with ``generate_synthetic``, times the operations in this process through
Django's test client (DEBUG off, throttles off; median of the rounds after a warm-up), counts
their SQL queries, and for exports and imports records the peak of Python's allocations during the
run (tracemalloc: what the process holds, not the server's RSS); then drops the database.
For the API's measure list (plain and one oblast), measure detail and reports list it also
times, on the same data and with the same rounds, the one SQL query that returns the same JSON
document (measures/bench_sql.py: executed and its JSON text fetched, not parsed), and writes that
median as ``sql_median_ms`` and ``ratio`` = median_ms / sql_median_ms.
``--in-place`` measures in the current database instead (it must hold nothing but synthetic
content: generate_synthetic's guard), which the test uses at a tiny size.

It prints a table and writes the rows to ``--output`` as JSON objects with ``operation``,
``measures``, ``median_ms``, ``queries``, ``sql_median_ms``, ``ratio`` and ``peak_mb``
(``null`` where not measured).
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries, router
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from measures import exports
from measures.api import MeasureViewSet
from measures.api_reports import ReportViewSet
from measures.bench_sql import measure_detail_query, measure_list_query, report_list_query
from measures.models import ExportJob, Measure
from programs.models import Programme
from regions.models import AdministrativeUnit

DEFAULT_SIZES = "1000 10000 100000"
IMPORT_ROWS = 5000


class Command(BaseCommand):
    help = "Time the portal's pages, API, exports and imports on synthetic plans of several sizes."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default=DEFAULT_SIZES)  # make bench passes BENCH_SIZES
        parser.add_argument("--rounds", type=int, default=30, help="rounds of a page or API call")
        parser.add_argument("--heavy-rounds", type=int, default=3, help="rounds of an export")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--in-place", action="store_true", help="use the current database")
        parser.add_argument("--output", default=".bench/results.json")

    def handle(self, *args, sizes, rounds, heavy_rounds, seed, in_place, output, **options):
        try:
            sizes = [int(size) for size in sizes.split()]
        except ValueError as error:
            raise CommandError(f"--sizes takes whole numbers: {error}") from None
        if not sizes or min(sizes) < 1:
            raise CommandError("--sizes takes at least one number of measures.")
        self.rounds, self.heavy_rounds = max(rounds, 1), max(heavy_rounds, 1)
        results = []
        for size in sizes:
            if in_place:
                results += self.bench(size, seed)
            else:
                with throwaway_database(size):
                    call_command("migrate", verbosity=0)
                    results += self.bench(size, seed)
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        self.print_table(results)
        self.stdout.write(f"Written to {path}.")

    # --- one size ------------------------------------------------------------------------------

    def bench(self, size: int, seed: int) -> list[dict]:
        call_command("generate_synthetic", measures=size, seed=seed, stdout=self.stdout)
        # What autovacuum does to freshly loaded tables a little later, done now so that every
        # size is measured in the state a running portal's tables are in: statistics for the
        # planner and the visibility map that lets an index-only scan skip the table.
        # (Not possible inside a transaction: --in-place in a test's.)
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        programme = Programme.objects.filter(code__startswith="SYN-").order_by("code").first()
        oblast = (
            AdministrativeUnit.objects.filter(level="oblast", depth=0).order_by("tree_path").first()
        )
        measure = (
            (
                Measure.objects.filter(programme=programme).order_by("sort_key", "id")[size // 6 :]
            ).first()
            or Measure.objects.filter(programme=programme).first()
        )
        self.client = Client()
        rates = {"anon": None, "user": None, "token": None, "partner": None}
        self.rows: list[dict] = []
        self.size = size
        rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        with (
            override_settings(DEBUG=False, REST_FRAMEWORK=rest, RATELIMIT_ENABLE=False),
            translation.override("ky"),
        ):
            api = "/api/v1/"
            for operation, url in (
                ("API measure list, page 50", f"{api}measures/?page_size=50"),
                (
                    "API measure list, one oblast",
                    f"{api}measures/?page_size=50&unit={oblast.soate}",
                ),
            ):
                self.get(operation, url)
                self.same_json(*measure_list_query(MeasureViewSet, url))
            url = f"{api}measures/?page_size=50&count=true"
            self.get("API measure list, ?count=true", url)
            total = self.client.get(url).json()["count"]
            last = max(1, -(-total // 50))
            self.get("API measure list, last page", f"{api}measures/?page_size=50&page={last}")
            url = f"{api}measures/{programme.code}/{measure.number}/"
            self.get("API measure detail", url)
            self.same_json(
                *measure_detail_query(
                    MeasureViewSet, url, programme=programme.code, number=measure.number
                )
            )
            url = f"{api}reports/?page_size=50"
            self.get("API reports list, page 50", url)
            self.same_json(*report_list_query(ReportViewSet, url))
            plan = reverse("measures:measure_list")
            self.get("action-plan page", plan)
            self.get("action-plan page, one oblast", f"{plan}?unit={oblast.soate}")
            # A page number past the end shows the last page (Paginator.get_page).
            self.get("action-plan page, last page", f"{plan}?page=1000000")
            self.get("action-plan page, text search", f"{plan}?q=мектептин")
            self.get(
                "measure page",
                reverse("measures:measure_detail", args=[programme.code, measure.number]),
            )
            self.get("unit page (an oblast)", reverse("regions:unit_detail", args=[oblast.soate]))
            self.get(
                "programme dashboard",
                reverse("programs:programme_dashboard", args=[programme.code]),
            )
            self.get("programme page", reverse("programs:programme_detail", args=[programme.code]))
            self.get("home page", reverse("home"))
            self.api_export("API CSV export, whole plan", f"{api}measures/?format=csv")
            with tempfile.TemporaryDirectory() as folder:
                for fmt in ("xlsx", "docx"):
                    self.export(programme, fmt, Path(folder) / f"plan.{fmt}")
                self.reimport(Path(folder))
        return self.rows

    def timed(self, operation: str, run: Callable[[], None], *, rounds: int, memory: bool):
        if not memory:
            run()  # warm-up: the call whose queries are counted below is not the first
        # A request clears the query log when it starts: counted from empty, the count is right.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            run()
        count = len(queries)  # now: the next request clears the log this reads
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        peak = None
        if memory:
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        row = {
            "operation": operation,
            "measures": self.size,
            "median_ms": round(statistics.median(timings), 1),
            "queries": count,
            "sql_median_ms": None,
            "ratio": None,
            "peak_mb": None if peak is None else round(peak, 1),
        }
        self.rows.append(row)
        self.stdout.write(
            f"  {operation}: {row['median_ms']} ms, {row['queries']} queries"
            + ("" if peak is None else f", peak {row['peak_mb']} MB")
        )

    def same_json(self, sql: str, params: list) -> None:
        """Time, on the last row's data, the one SQL query that returns the same JSON document
        (measures/bench_sql.py): executed and its JSON text fetched, as a client would receive
        the bytes; not parsed. Same warm-up and number of rounds as the API call."""
        alias = router.db_for_read(Measure)

        def run():
            with connections[alias].cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchone()

        run()
        timings = []
        for _ in range(self.rounds):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        row = self.rows[-1]
        sql_ms = statistics.median(timings)
        row["sql_median_ms"] = round(sql_ms, 2)
        row["ratio"] = round(row["median_ms"] / sql_ms, 1)
        self.stdout.write(
            f"    same JSON in one SQL query: {row['sql_median_ms']} ms, ×{row['ratio']}"
        )

    def get(self, operation: str, url: str, *, rounds: int | None = None, memory=False):
        def run():
            response = self.client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            else:
                response.content  # noqa: B018 - rendered in full

        self.timed(operation, run, rounds=rounds or self.rounds, memory=memory)

    def api_export(self, operation: str, url: str) -> None:
        """An API list export from the question to the last byte: streamed at once when small;
        when large, the 202, the job's build (in this process, as a worker runs it) and the
        download. Each round's job is deleted after it, so the next is built again."""

        def run():
            response = self.client.get(url)
            if response.status_code == 202:
                job = ExportJob.objects.get(key=response.json()["key"])
                exports.export_job_run(job_id=job.pk)
                job.refresh_from_db()
                try:
                    response = self.client.get(reverse("api:export-job-file", args=[job.key]))
                    if response.status_code != 200:
                        raise CommandError(f"the export job of {url} ended {job.status}")
                    for _chunk in response.streaming_content:
                        pass
                finally:
                    job.file.delete(save=False)
                    job.delete()
                return
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            for _chunk in response.streaming_content:
                pass

        self.timed(operation, run, rounds=self.heavy_rounds, memory=True)

    def export(self, programme: Programme, fmt: str, path: Path) -> None:
        def run():
            call_command(
                "export_action_plan",
                programme=programme.code,
                format=fmt,
                output=str(path),
                stdout=open(os.devnull, "w"),  # noqa: SIM115 - closed with the process
            )

        self.timed(
            f"export_action_plan {fmt}, whole plan",
            run,
            rounds=self.heavy_rounds,
            memory=True,
        )

    def reimport(self, folder: Path) -> None:
        """Re-import, unchanged, the exported file of a programme of IMPORT_ROWS measures (or of
        the biggest there is, when the plan is smaller)."""
        source = Programme.objects.filter(code__startswith="SYN-").order_by("code").first()
        keep = list(
            Measure.objects.filter(programme=source).order_by("sort_key", "id")[:IMPORT_ROWS]
        )
        path = folder / "import.xlsx"
        # The file holds the programme's first IMPORT_ROWS measures: those after them are
        # archived while the file is written, and brought back after.
        rest = Measure.objects.filter(programme=source, archived_at__isnull=True).exclude(
            pk__in=[m.pk for m in keep]
        )
        archived = list(rest.values_list("pk", flat=True))
        Measure.objects.filter(pk__in=archived).update(archived_at=timezone.now())
        try:
            call_command(
                "export_action_plan",
                programme=source.code,
                format="xlsx",
                output=str(path),
                stdout=open(os.devnull, "w"),  # noqa: SIM115
            )

            def run():
                call_command(
                    "import_action_plan",
                    str(path),
                    programme=source.code,
                    stdout=open(os.devnull, "w"),  # noqa: SIM115
                )

            self.timed(
                f"import of a {len(keep):,}-row plan (re-import, unchanged)",
                run,
                rounds=1,
                memory=True,
            )
        finally:
            Measure.objects.filter(pk__in=archived).update(archived_at=None)

    def print_table(self, results: list[dict]) -> None:
        self.stdout.write(
            f"\n{'operation':<50} {'measures':>9} {'median ms':>10} {'queries':>8} "
            f"{'SQL ms':>7} {'ratio':>6} {'peak MB':>8}"
        )

        def show(value):
            return "—" if value is None else value

        for row in results:
            self.stdout.write(
                f"{row['operation']:<50} {row['measures']:>9} {row['median_ms']:>10} "
                f"{row['queries']:>8} {show(row['sql_median_ms']):>7} {show(row['ratio']):>6} "
                f"{show(row['peak_mb']):>8}"
            )


class throwaway_database:
    """A new database named ``<current>_bench_<size>`` on the same server, made the default
    connection's for the duration, then dropped."""

    def __init__(self, size: int):
        self.original = connection.settings_dict["NAME"]
        self.name = f"{self.original}_bench_{size}"

    def admin(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)

    def switch(self, name: str) -> None:
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = name

    def __enter__(self):
        quoted = connection.ops.quote_name(self.name)
        self.admin(f"DROP DATABASE IF EXISTS {quoted}")
        self.admin(f"CREATE DATABASE {quoted}")
        self.switch(self.name)
        return self

    def __exit__(self, *exc):
        self.switch(self.original)
        self.admin(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(self.name)}")
        return False
